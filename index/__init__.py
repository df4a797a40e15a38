"""kyr-bot's retrieval core: knowledge files -> validated passages -> FAISS index -> answers.

This package never imports `telegram`; the CLI, the terminal chat and the bot all use it, and
the bot imports only what is exported here.
"""

from index.card_store import CardShelf, RenderedCard, load_cards
from index.cards import CardMeta
from index.catalog import Catalog, Topic
from index.errors import (
    IndexMismatchError,
    IndexMissingError,
    InvalidKnowledgeError,
    KyrError,
    Problem,
)
from index.hotlines import NEEDS, Hotline
from index.knowledge import Knowledge
from index.language import language_of_tag, reply_language
from index.loading import (
    DEFAULT_INDEX_DIR,
    DEFAULT_KNOWLEDGE_DIR,
    Reloaded,
    open_retriever,
    reload_retriever,
)
from index.models import Answer, ArticleMeta, Hit, Lang, Passage, Source
from index.offtopic import BOT, DANGER, GREETING, LEGAL_SUBJECTS
from index.retriever import Retriever
from index.store import PassageChanges
from index.validation import due_for_review, is_due, validate_knowledge

__all__ = [
    "BOT",
    "DANGER",
    "DEFAULT_INDEX_DIR",
    "DEFAULT_KNOWLEDGE_DIR",
    "GREETING",
    "LEGAL_SUBJECTS",
    "NEEDS",
    "Answer",
    "ArticleMeta",
    "CardMeta",
    "CardShelf",
    "Catalog",
    "Hit",
    "Hotline",
    "IndexMismatchError",
    "IndexMissingError",
    "InvalidKnowledgeError",
    "Knowledge",
    "KyrError",
    "Lang",
    "Passage",
    "PassageChanges",
    "Problem",
    "Reloaded",
    "RenderedCard",
    "Retriever",
    "Source",
    "Topic",
    "due_for_review",
    "is_due",
    "language_of_tag",
    "load_cards",
    "open_retriever",
    "reload_retriever",
    "reply_language",
    "validate_knowledge",
]
