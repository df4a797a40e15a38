"""kyr-bot's retrieval core: knowledge files -> validated passages -> FAISS index -> answers.

This package never imports `telegram`; the CLI, the terminal chat and the bot all use it.
"""

from index.errors import IndexMismatchError, IndexMissingError, InvalidKnowledgeError, KyrError
from index.loading import DEFAULT_INDEX_DIR, DEFAULT_KNOWLEDGE_DIR, open_retriever
from index.models import Answer, ArticleMeta, Hit, Passage, Source
from index.retriever import Retriever

__all__ = [
    "DEFAULT_INDEX_DIR",
    "DEFAULT_KNOWLEDGE_DIR",
    "Answer",
    "ArticleMeta",
    "Hit",
    "IndexMismatchError",
    "IndexMissingError",
    "InvalidKnowledgeError",
    "KyrError",
    "Passage",
    "Retriever",
    "Source",
    "open_retriever",
]
