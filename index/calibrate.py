"""Tune fusion, the domain probe, the abstention gates and their unsure bands on dev only."""

from __future__ import annotations

import hashlib
import itertools
import json
import math
from collections.abc import Callable, Sequence
from dataclasses import replace
from pathlib import Path

import numpy as np
import numpy.typing as npt

from index.confidence import (
    CALIBRATION_FILE,
    Band,
    Calibration,
    Fusion,
    Gate,
    Matrix,
    Probe,
    fit_logistic,
    out_of_fold,
)
from index.errors import Problem
from index.evaluation import (
    Question,
    Results,
    expected,
    includes_right,
    load_questions,
    new_tallies,
    results,
    tally,
)
from index.knowledge import knowledge_hash
from index.message_parts import per_message
from index.models import Lang
from index.retriever import Retriever, message_vector
from index.scoring import MODES
from index.typos import misspelt

WEIGHTS = (0.25, 0.5, 0.75, 1.0)
SCALES = (3.0, 6.0, 10.0)
FUZZY_WEIGHTS = (0.0, 0.25, 0.5, 1.0)
KEY_WEIGHTS = (0.0, 0.5, 1.0)  # how far asked-as keys lift a passage (Fusion.key_weight)
PROBE_L2 = 0.05  # chosen by 5-fold AUC on dev (0.01-0.05 best; 0.5 underfits)
MISS_COST = 3.0  # a missed answer against a wrongly shown passage, in rates; see below
GATE_L2 = 0.1  # 5-fold CV on dev: Spanish false abstention 0.035 at 0.01, 0.021 at 0.1 and 0.3
# "Did you mean": at most this share of out-of-scope dev questions may get choices (issue 16).
BAND_LIMIT = 0.05
# Fusion is fitted on the answerable dev questions as written and once more misspelt with this
# seed (index.typos), since people in a hurry misspell: see _fit_fusion. Not a seed the README
# evaluates with (--misspell 7), though a fold's held-out questions are never fitted on anyway.
FIT_MISSPELL_SEED = 1
# The fusion setting in use stays until another beats it by more than this many questions
# moving from first to second place (see steady_best).
KEEP_MOVES = 2
Flags = npt.NDArray[np.bool_]


def _fusion_mrr(
    retriever: Retriever, questions: list[Question], langs: list[Lang], vectors: Matrix
) -> float:
    """Mean reciprocal rank of the first right passage (of the first right article family
    for a question without passage labels), as the fused scores rank them.

    Passages, not families, since the asked-as keys grew to stories (2026-12-04): ranked by
    families, the fit dropped the keys' vectors (key_weight 0), and the first passage on the
    real dev questions went from 0.51 to 0.46 (ranked without the gate).
    """
    total = 0.0
    for q, lang, qv in zip(questions, langs, vectors, strict=True):
        if q.passages:
            ranked = retriever.ranked_passages(q.question, qv, lang)
            rank = next((i + 1 for i, p in enumerate(ranked) if p in q.passages), None)
        else:
            scores, families = retriever.signals(q.question, qv, lang)
            order = [families[int(f)] for f in np.argsort(-scores.fused)]
            rank = next((i + 1 for i, f in enumerate(order) if f in q.expect), None)
        total += 1.0 / rank if rank else 0.0
    return total / max(len(questions), 1)


def steady_threshold(
    p: Matrix, y: Matrix, miss_cost: float = 1.0, incumbent: float | None = None
) -> float:
    """The threshold on the cost miss_cost x false-abstention rate + false-acceptance rate:
    the cheapest, or a lower one within one question's cost of it (below).

    Rates, not counts: the choice does not drift when dev gains more questions of one kind.
    MISS_COST by 5-fold CV on dev (false abstention / correct abstention, all languages):
    1.0: 0.050 / 0.961; 1.5 and 2.0: 0.042 / 0.961; 3.0 and 4.0: 0.027 / 0.956.

    Near ties go to the lowest threshold within one question's cost of the cheapest (one
    question: the dearer of one missed answer, miss_cost / answerable, and one wrongly
    answered question, 1 / others; on dev one missed answer, 3 / 485), since a missed answer
    is the costlier error. On 2026-12-07 the refits moved the threshold 0.51 -> 0.53 -> 0.52
    -> 0.53 as small knowledge edits swapped one false abstention for two wrongly answered
    out-of-scope questions (0.2305 against 0.2277), and each move changed real answers on dev
    both ways. 5-fold on dev, the same knowledge (answer@1 / passage hit@3 / correct and false
    abstention): the cheapest 0.714 / 0.843 / 0.902 / 0.039; the lowest within one question
    0.720 / 0.853 / 0.890 / 0.025 (kept); stepping down only while each next step is within
    one question, 0.714 / 0.847 / 0.899 / 0.039 (in the folds it rarely moved).

    ``incumbent``, the threshold in use, stays while its cost is within KEEP_MOVES questions'
    cost of the cheapest, as the fusion setting does (steady_best): on 2026-12-08 a new passage
    moved the refit from 0.53 to 0.50, which answered six more out-of-scope dev questions and
    five more answerable ones at the same cost.
    """
    grid = np.linspace(0.05, 0.95, 91)
    answerable, other = y == 1, y == 0

    def cost_at(t: float) -> float:
        return float(miss_cost * (p[answerable] < t).mean() + (p[other] >= t).mean())

    cost = np.array([cost_at(t) for t in grid])
    one_question = max(miss_cost / max(int(answerable.sum()), 1), 1 / max(int(other.sum()), 1))
    if incumbent is not None and cost_at(incumbent) <= cost.min() + KEEP_MOVES * one_question:
        return incumbent
    i = int(np.flatnonzero(cost <= cost.min() + one_question + 1e-9)[0])
    return round(float(grid[i]), 3)


def fit_band(p: Matrix, threshold: float, right: Flags, offtopic: Flags, total: int) -> Band:
    """The unsure band: the floor that turns the most false abstentions into a right choice
    while at most BAND_LIMIT of the ``total`` out-of-scope questions get choices.

    ``p`` are out-of-fold gate probabilities of each question's best family; ``right`` marks
    answerable questions whose choices include a right passage, ``offtopic`` out-of-scope
    ones. Ties go to the higher floor: fewer choices for the same gain.
    """
    unsure = p < threshold
    best = (0, Band())
    for floor in sorted(set(p[unsure].tolist()), reverse=True):  # each a question's own
        band = unsure & (p >= floor)
        if (band & offtopic).sum() > BAND_LIMIT * total:
            break  # lower floors only let more out-of-scope questions in
        gain = int((band & right).sum())
        if gain > best[0]:
            best = (gain, Band(floor=math.floor(floor * 1e4) / 1e4))  # rounded down: it holds
    return best[1]


def _fit_fusion(
    retriever: Retriever,
    answerable: list[Question],
    langs: list[Lang],
    vectors: Matrix,
    incumbent: Fusion | None = None,
) -> Fusion:
    """The grid setting that ranks a right passage highest, by MRR over the answerable
    questions as written (``langs`` and ``vectors`` are theirs) and the same questions misspelt,
    each language weighing the same (the mean of the languages' MRRs).

    Pooled, English (70% of dev) chose for both: on 2026-12-07 a small edit moved the pooled
    fit to BM25 weight 0.5, scale 10, 4-gram weight 0.25, worth one more English question's
    move on its MRR and seven Spanish written dev questions fewer with a right passage in
    the first three (0.901 -> 0.851); per language the two languages' searchers are equals.

    On written dev questions alone the grid is a plateau: on 2026-12-07 the best 30 of 144
    settings were within three questions of each other, so each small knowledge edit moved
    the refit between BM25 scales and fuzzy weights, and the misspelt and urgent numbers
    moved with it. The misspelt copies tell the settings apart where they really differ:
    how far a misspelt word is still matched.

    ``incumbent``, the setting in use, stays while it is near the best (see steady_best).
    """
    typed = misspelt(answerable, FIT_MISSPELL_SEED)
    typed_langs, typed_vectors = _read(retriever, typed)
    questions, both = answerable + typed, np.concatenate([vectors, typed_vectors])
    base = retriever.calibration
    # The boost, the extra-article ratio and the steps penalty come from the code (Fusion's
    # defaults), not from whatever calibration file was loaded.
    tried: list[tuple[float, Fusion]] = []
    grid = itertools.product(WEIGHTS, SCALES, FUZZY_WEIGHTS, KEY_WEIGHTS)
    all_langs = langs + typed_langs
    by_lang = {
        lang: [i for i, other in enumerate(all_langs) if other == lang]
        for lang in dict.fromkeys(all_langs)
    }
    for weight, scale, fuzzy, keys in grid:
        fusion = Fusion(weight=weight, scale=scale, fuzzy_weight=fuzzy, key_weight=keys)
        trial = retriever.with_calibration(replace(base, fusion=fusion))
        mrr = [
            _fusion_mrr(trial, [questions[i] for i in idx], [all_langs[i] for i in idx], both[idx])
            for idx in by_lang.values()
        ]
        tried.append((float(np.mean(mrr)), fusion))
    counted = min(len(idx) for idx in by_lang.values()) * len(by_lang)
    return steady_best(tried, counted, incumbent)


def _grid_point(fusion: Fusion) -> tuple[float, float, float, float]:
    return (fusion.weight, fusion.scale, fusion.fuzzy_weight, fusion.key_weight)


def steady_best(
    tried: Sequence[tuple[float, Fusion]], questions: int, incumbent: Fusion | None = None
) -> Fusion:
    """The incumbent (the setting in use) while it stays within KEEP_MOVES questions' moves
    of the best MRR; otherwise the first setting, in grid order, within one question's move
    of it (``questions``: with MRRs averaged over languages, the smaller language's count
    times the number of languages, so a move is one question's in the smaller language).

    Settings on a ridge of the grid tie: on the dev split of 2026-12-06, BM25 weight 0.5 and
    scale 6 against 0.75 and 10 differed by 1e-16, so rounding noise, and any small edit to
    the knowledge, flipped the refit between them and moved near ties both ways. A difference
    of at most one question going from first to second place (0.5 / questions) is no reason
    to move; the grid's order (smallest BM25 weight first) decides instead.

    The grid order alone still flipped: on 2026-12-07 the refits went from BM25 weight 0.5,
    scale 10 to 0.25, scale 6 and back as small edits moved the two around one question's move
    apart (the best four settings were within 0.75 of a move of each other), and each flip
    moved the floors of the test numbers both ways. A setting in use leaves only for one that
    is clearly better, so an edit that changes nothing real changes no setting. The price: the
    shipped setting may trail the best by up to KEEP_MOVES moves, and a refit depends on the
    calibration file it replaces as well as on the knowledge and dev questions (what
    `calibrate` writes records the setting, so the step is visible in its diff). Cross-
    validation (`cross_validate`) fits each fold without an incumbent, since the one in use
    was chosen on all of dev: it measures the rule without this step.
    """
    best = max(mrr for mrr, _ in tried)
    move = 0.5 / max(questions, 1)
    if incumbent is not None:
        for mrr, fusion in tried:
            if _grid_point(fusion) == _grid_point(incumbent):
                if mrr >= best - KEEP_MOVES * move - 1e-9:
                    return fusion
                break
    # Exactly one question's move is a tie too, whatever the float rounding of the two sums.
    return next(fusion for mrr, fusion in tried if mrr >= best - move - 1e-9)


def questions_hash(questions: list[Question]) -> str:
    """What a calibration was fitted on, so a changed question file shows as stale."""
    digest = hashlib.sha256()
    for q in questions:
        digest.update(json.dumps([q.id, q.split, q.kind, q.question, q.expect]).encode())
    return digest.hexdigest()


def stale_calibration(
    knowledge_dir: Path,
    question_files: Sequence[Path],
    calibration: Calibration | None = None,
    where: Path = CALIBRATION_FILE,
) -> list[Problem]:
    """Problems when `calibration.json` was fitted on other knowledge or other dev questions.

    The questions are checked only when at least one of ``question_files`` exists.
    """
    calibration = calibration or Calibration.load(where)
    fix = "run `python -m index calibrate`"
    out: list[Problem] = []
    if calibration.knowledge_hash != knowledge_hash(knowledge_dir):
        msg = f"fitted on another version of {knowledge_dir} (knowledge_hash differs); {fix}"
        out.append(Problem(str(where), 1, msg))
    if any(path.exists() for path in question_files):
        dev = load_questions(question_files, "dev")
        if calibration.questions_hash != questions_hash(dev):
            msg = f"fitted on other dev questions (questions_hash differs); {fix}"
            out.append(Problem(str(where), 1, msg))
    return out


def _read(retriever: Retriever, questions: list[Question]) -> tuple[list[Lang], Matrix]:
    """Each question read and encoded as search reads it: language guess, gloss, and a story's
    question (index.retriever.message_vector), so fits see what serving sees."""
    messages = [retriever.read_message(q.question, None) for q in questions]
    encoded = retriever.batcher.encode_many([t for m in messages for t in m.encoder_texts()])
    per = per_message(messages, encoded)
    vectors = np.array([message_vector(m, v) for m, v in zip(messages, per, strict=True)])
    return [m.whole.lang for m in messages], vectors


def calibrate(
    retriever: Retriever, dev: list[Question], incumbent: Calibration | None = None
) -> Calibration:
    """Fit everything from dev questions and return it; the test split is never read here.

    The retriever is left as it was: fits run on clones with trial calibrations.
    ``incumbent`` is the calibration in use: its fusion setting and gate thresholds are kept
    while they are near the best (steady_best, steady_threshold).
    """
    langs, vectors = _read(retriever, dev)
    x = vectors.astype(np.float64)
    answerable = np.array([q.kind == "answerable" for q in dev])
    fusion = _fit_fusion(
        retriever,
        [q for q in dev if q.kind == "answerable"],
        [lang for lang, a in zip(langs, answerable, strict=True) if a],
        vectors[answerable],
        incumbent.fusion if incumbent is not None else None,
    )
    domain_y = answerable.astype(np.float64)
    domain_oof = out_of_fold(x, domain_y, PROBE_L2)
    fitted = fit_logistic(x, domain_y, PROBE_L2)
    domain = Probe(fitted.weights, fitted.bias)
    refused = np.array([retriever.refusals.matches(q.question) for q in dev])
    # Gate rows see the probe's out-of-fold output, as serving sees it on unseen questions.
    unprobed = retriever.with_calibration(Calibration(fusion=fusion, gates={}, domain=None))
    offtopic = np.array([q.kind == "out_of_scope" for q in dev])
    gates: dict[str, Gate] = {}
    bands: dict[str, Band] = {}
    for mode in MODES:
        searcher = unprobed.with_mode(mode)
        rows, right = [], []
        for i, q in enumerate(dev):
            scores, _ = searcher.signals(q.question, vectors[i], langs[i])
            top = int(np.argmax(scores.fused))
            probe = domain_oof[i] if mode == "hybrid" else 0.0
            rows.append(scores.features(top)._replace(domain=probe))
            choices = searcher.candidates(q.question, vectors[i], langs[i]) if answerable[i] else []
            right.append(includes_right(choices, expected(retriever, q)))
        feats, y = np.array(rows)[~refused], domain_y[~refused]
        oof = out_of_fold(feats, y, GATE_L2)
        held = incumbent.gates.get(mode) if incumbent is not None else None
        threshold = steady_threshold(oof, y, MISS_COST, held.threshold if held else None)
        gates[mode] = fit_logistic(feats, y, GATE_L2, threshold)
        chosen = np.array(right)[~refused]
        total = int(offtopic.sum())
        bands[mode] = fit_band(oof, gates[mode].threshold, chosen, offtopic[~refused], total)
    return Calibration(
        fusion=fusion,
        gates=gates,
        bands=bands,
        domain=domain,
        note=f"fit on the dev split ({len(dev)} questions) by `python -m index calibrate`",
        knowledge_hash=retriever.knowledge.hash,
        questions_hash=questions_hash(dev),
    )


def cross_validate(
    retriever: Retriever,
    dev: list[Question],
    folds: int = 5,
    asked: Callable[[list[Question]], list[Question]] | None = None,
) -> Results:
    """Honest dev numbers: each fold is answered by a calibration fit on the other folds.

    This is how the constants above were chosen without looking at the test split.
    ``asked`` changes the held-out questions only (e.g. misspells them, index.typos): the
    calibration is fitted on the questions as written, as the shipped one is.
    """
    tallies = new_tallies()
    for k in range(folds):
        train = [q for i, q in enumerate(dev) if i % folds != k]
        held = [q for i, q in enumerate(dev) if i % folds == k]
        searcher = retriever.with_calibration(calibrate(retriever, train))
        tally(searcher, asked(held) if asked else held, tallies)
    return results(tallies)
