"""Per-question scores: dense, BM25 and fused, per passage and per article family."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

import numpy as np
import numpy.typing as npt

from index.confidence import Fusion, GateFeatures

Mode = Literal["hybrid", "dense", "bm25"]
MODES: tuple[Mode, ...] = ("hybrid", "dense", "bm25")
Floats = npt.NDArray[np.float32]
# How much closer to the nearest off-topic example than to the nearest passage or key a
# question must be to be declined whatever the gate says (QuestionSignals.plainly_offtopic).
OFFTOPIC_MARGIN = 0.15


@dataclass(frozen=True)
class QuestionSignals:
    """Gate inputs that belong to the question, not to a candidate family."""

    spanish: bool = False
    coverage: float = 0.0  # share of its content words the knowledge base uses
    offtopic: float = 0.0  # cosine to the nearest off-topic example
    domain: float = 0.0  # the domain probe's probability
    nearest: float = 0.0  # cosine to the nearest passage or asked-as key

    @property
    def plainly_offtopic(self) -> bool:
        """Much closer to a question the bot should not answer than to anything it knows.

        Words a passage uses can still carry the gate ("do you save my messages?" against
        the disappearing-messages passage). On dev no answerable question comes within 0.07
        of this margin, while 44 out-of-scope ones pass it.
        """
        return self.offtopic - self.nearest >= OFFTOPIC_MARGIN


@dataclass(frozen=True)
class FamilyScores:
    """Scores of one question over article families (an English article and its translation)."""

    fused: Floats  # ranking score per family
    dense: Floats
    lexical: Floats
    top_dense: int
    top_lexical: int

    mode: Mode = "hybrid"
    signals: QuestionSignals = QuestionSignals()

    def features(self, family: int) -> GateFeatures:
        """The calibrated gate's features for one family (see index.confidence).

        A baseline sees only its own signal, so it is calibrated on what it alone knows.
        """
        others = np.delete(self.fused, family)
        margin = (
            float(self.fused[family] - others.max()) if others.size else float(self.fused[family])
        )
        dense = float(self.dense[family]) if self.mode != "bm25" else 0.0
        lexical = float(self.lexical[family]) if self.mode != "dense" else 0.0
        agree = float(self.mode == "hybrid" and family == self.top_dense == self.top_lexical)
        q = self.signals
        return GateFeatures(
            dense=dense,
            lexical=lexical,
            top_both=agree,
            margin=margin,
            spanish=float(q.spanish),
            coverage=q.coverage if self.mode != "dense" else 0.0,
            offtopic=q.offtopic,
            domain=q.domain,
        )


def saturate(bm25: Floats, scale: float) -> Floats:
    """Map raw BM25 (unbounded) to [0, 1) without depending on the other passages' scores."""
    return (bm25 / (bm25 + scale)).astype(np.float32)


def passage_scores(
    dense: Floats, bm25: Floats, grams: Floats, boost: Floats, mode: Mode, fusion: Fusion
) -> Floats:
    """The ranking score of every passage for one question (baselines: their signal alone)."""
    lexical = saturate(bm25, fusion.scale)
    if mode == "dense":
        return dense + boost
    if mode == "bm25":
        return lexical + boost
    fuzzy = saturate(grams, fusion.fuzzy_scale)
    fused: Floats = dense + fusion.weight * lexical + fusion.fuzzy_weight * fuzzy + boost
    return fused


def family_scores(
    fused: Floats,
    dense: Floats,
    bm25: Floats,
    family_of: npt.NDArray[np.int64],
    *,
    families: int,
    fusion: Fusion,
    mode: Mode,
    signals: QuestionSignals,
) -> FamilyScores:
    """Best passage score per family, for each signal."""

    def best(values: Floats) -> Floats:
        out = np.full(families, -1.0, dtype=np.float32)
        np.maximum.at(out, family_of, values)
        return out

    per_family_lexical = best(saturate(bm25, fusion.scale))
    per_family_dense = best(dense)
    return FamilyScores(
        fused=best(fused),
        dense=per_family_dense,
        lexical=per_family_lexical,
        top_dense=int(np.argmax(per_family_dense)),
        top_lexical=int(np.argmax(per_family_lexical)) if per_family_lexical.max() > 0 else -1,
        mode=mode,
        signals=signals,
    )
