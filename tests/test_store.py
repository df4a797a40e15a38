"""The index on disk: atomic swaps, incremental rebuilds, refusal of mismatched indexes."""

from __future__ import annotations

from pathlib import Path

import pytest

from index.build import build_index
from index.errors import IndexMismatchError, InvalidKnowledgeError
from index.knowledge import load_knowledge
from index.loading import open_retriever
from index.store import PassageChanges, current_version, load_index
from tests.fakes import HashingEmbedder


def test_build_writes_manifest_and_loads(knowledge_copy: Path, tmp_path: Path) -> None:
    embedder = HashingEmbedder()
    knowledge = load_knowledge(knowledge_copy)
    stats = build_index(knowledge, tmp_path / "idx", embedder)
    stored = load_index(tmp_path / "idx", model=embedder.name, dimension=embedder.dimension)
    assert stats.passages == len(stored.passages) == 8  # the draft is not indexed
    assert stored.manifest["knowledge_hash"] == knowledge.hash
    assert [p["id"] for p in stored.manifest["passages"]][:2] == [
        "biometrics-off#turn-off-face-id",
        "biometrics-off#quickly-lock-phone-needs",
    ]


def test_drafts_only_when_asked(knowledge_copy: Path) -> None:
    assert "draft-example" not in load_knowledge(knowledge_copy).articles
    assert "draft-example" in load_knowledge(knowledge_copy, include_drafts=True).articles


def test_incremental_rebuild_embeds_only_changed_passages(
    knowledge_copy: Path, tmp_path: Path
) -> None:
    embedder = HashingEmbedder()
    build_index(load_knowledge(knowledge_copy), tmp_path / "idx", embedder)
    assert embedder.documents_embedded == 8
    article = knowledge_copy / "articles" / "en" / "filming-police.md"
    article.write_text(article.read_text().replace("Stand back,", "Stay calm, stand back,"))
    stats = build_index(load_knowledge(knowledge_copy), tmp_path / "idx", embedder)
    assert (stats.embedded, stats.reused) == (1, 7)
    assert embedder.documents_embedded == 9
    again = build_index(load_knowledge(knowledge_copy), tmp_path / "idx", embedder)
    assert again.embedded == 0


def test_failed_build_leaves_old_index_working(knowledge_copy: Path, tmp_path: Path) -> None:
    good = HashingEmbedder()
    build_index(load_knowledge(knowledge_copy), tmp_path / "idx", good)
    before = current_version(tmp_path / "idx")
    article = knowledge_copy / "articles" / "en" / "biometrics-off.md"
    article.write_text(article.read_text().replace("long passcode", "long, strong passcode"))
    with pytest.raises(RuntimeError):
        build_index(
            load_knowledge(knowledge_copy),
            tmp_path / "idx",
            HashingEmbedder(fail_on_documents=True),
        )
    assert current_version(tmp_path / "idx") == before
    assert not list((tmp_path / "idx").glob(".build-*"))
    stored = load_index(tmp_path / "idx", model=good.name, dimension=good.dimension)
    assert len(stored.passages) == 8


def test_invalid_knowledge_never_swaps(knowledge_copy: Path, tmp_path: Path) -> None:
    build_index(load_knowledge(knowledge_copy), tmp_path / "idx", HashingEmbedder())
    before = current_version(tmp_path / "idx")
    (knowledge_copy / "articles" / "en" / "broken.md").write_text("---\nid: [unclosed\n---\n")
    with pytest.raises(InvalidKnowledgeError) as raised:
        open_retriever(knowledge_copy, tmp_path / "idx", embedder=HashingEmbedder())
    assert "broken.md:3: bad YAML" in str(raised.value)
    assert current_version(tmp_path / "idx") == before


def test_index_for_another_model_is_refused(knowledge_copy: Path, tmp_path: Path) -> None:
    build_index(load_knowledge(knowledge_copy), tmp_path / "idx", HashingEmbedder(name="model-a"))
    with pytest.raises(IndexMismatchError, match="model-a"):
        load_index(tmp_path / "idx", model="model-b", dimension=64)
    with pytest.raises(IndexMismatchError):
        open_retriever(
            knowledge_copy,
            tmp_path / "idx",
            embedder=HashingEmbedder(name="model-b"),
            build_if_needed=False,
        )


def test_damaged_index_is_refused_then_rebuilt(knowledge_copy: Path, tmp_path: Path) -> None:
    embedder = HashingEmbedder()
    build_index(load_knowledge(knowledge_copy), tmp_path / "idx", embedder)
    version = current_version(tmp_path / "idx")
    assert version is not None
    faiss_file = tmp_path / "idx" / version / "faiss.index"
    faiss_file.write_bytes(faiss_file.read_bytes()[:100])  # truncated
    with pytest.raises(IndexMismatchError, match="checksum"):
        load_index(tmp_path / "idx", model=embedder.name, dimension=embedder.dimension)
    retriever = open_retriever(knowledge_copy, tmp_path / "idx", embedder=embedder)
    assert len(retriever.passages_of("police-at-door")) == 2


def test_stale_index_is_rebuilt_on_open(knowledge_copy: Path, tmp_path: Path) -> None:
    embedder = HashingEmbedder()
    first = open_retriever(knowledge_copy, tmp_path / "idx", embedder=embedder)
    article = knowledge_copy / "articles" / "en" / "filming-police.md"
    article.write_text(article.read_text().replace("Back up your video", "Copy your video"))
    second = open_retriever(knowledge_copy, tmp_path / "idx", embedder=embedder)
    assert first.version != second.version
    assert "Copy your video" in second.passages_of("filming-police")[1].text


def test_reload_reuses_model_and_encoder_thread_and_reads_the_policy(
    knowledge_copy: Path, tmp_path: Path
) -> None:
    from index.loading import reload_retriever

    first = open_retriever(knowledge_copy, tmp_path / "idx", embedder=HashingEmbedder())
    article = knowledge_copy / "articles" / "en" / "filming-police.md"
    article.write_text(article.read_text().replace("Back up your video", "Copy your video"))
    second, changes = reload_retriever(first, knowledge_copy, tmp_path / "idx")
    assert changes.changed == ("filming-police#police-delete-video-take",)
    assert (changes.added, changes.removed) == ((), ())
    assert second.version != first.version
    assert second.embedder is first.embedder
    assert second.refusals is second.knowledge.refusals  # the edited base's own policy
    assert second.batcher is first.batcher


def test_build_reports_added_changed_and_removed_passages(
    knowledge_copy: Path, tmp_path: Path
) -> None:
    embedder = HashingEmbedder()
    knowledge = load_knowledge(knowledge_copy)
    spanish_ids = {p.id for p in knowledge.passages if p.article_id == "police-at-door-es"}
    first = build_index(knowledge, tmp_path / "idx", embedder)
    assert len(first.changes.added) == first.passages  # no previous index: all new
    article = knowledge_copy / "articles" / "en" / "filming-police.md"
    text = article.read_text(encoding="utf-8")
    text = text.replace("{#film-police}", "{#filming}").replace("Back up", "Copy")
    article.write_text(text, encoding="utf-8")
    spanish = knowledge_copy / "articles" / "es" / "police-at-door-es.md"
    spanish.unlink()
    stats = build_index(load_knowledge(knowledge_copy), tmp_path / "idx", embedder)
    assert stats.changes.added == ("filming-police#filming",)
    assert stats.changes.changed == ("filming-police#police-delete-video-take",)
    assert set(stats.changes.removed) == {"filming-police#film-police"} | spanish_ids


def test_reload_reports_nothing_when_the_index_is_up_to_date(
    knowledge_copy: Path, tmp_path: Path
) -> None:
    from index.loading import reload_retriever

    first = open_retriever(knowledge_copy, tmp_path / "idx", embedder=HashingEmbedder())
    second, changes = reload_retriever(first, knowledge_copy, tmp_path / "idx")
    assert second.version == first.version
    assert changes == PassageChanges()
