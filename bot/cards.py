""" "Show this" cards in Telegram: /card, the card and PDF buttons, inline ``@bot card``.

Cards are rendered at build time (``index.card_store``); here they are only chosen and sent.
The first send uploads the file; Telegram's file_id is then kept in memory, keyed by the
card's content hash, and reused, so an edited card is uploaded again and an unchanged one
never is.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from telegram import (
    Bot,
    CallbackQuery,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    InlineQueryResultCachedPhoto,
    Message,
    Update,
)
from telegram.error import TelegramError

from bot.document import Document, paragraph
from bot.keyboards import Action, button, keyboard, tapped
from bot.sending import note, send
from bot.state import BotContext, state_of
from index import (
    CardMeta,
    CardShelf,
    Catalog,
    KyrError,
    Lang,
    Passage,
    RenderedCard,
    Retriever,
    load_cards,
)

log = logging.getLogger(__name__)
CACHE_KEY = "kyr-cards"
HASH_REF = 20  # hex characters of the content hash a PDF button carries
TEXTS: dict[Lang, dict[str, str]] = {
    "en": {
        "list": "Cards to show an officer: the words to say, in English. Pick one:",
        "none_here": "There is no card for {place} yet. These are the United States cards:",
        "none": "No cards are available right now. Send /hotline for legal help.",
        "how": "Show this screen to the officer through a window, or hold it up. "
        "Do not hand over your phone. Save it as your lock-screen image to have it "
        "ready. Tap PDF to print it as a wallet card.",
        "pdf": "🖨 PDF to print",
        "offer": "🪪 Card: {title}",
        "gone": "This card was updated. Send /card to get the current one.",
    },
    "es": {
        "list": "Tarjetas para mostrar a un agente: las palabras que decir, en inglés. Escoja una:",
        "none_here": "Aún no hay tarjeta para {place}. Estas son las de Estados Unidos:",
        "none": "No hay tarjetas disponibles ahora. Envíe /hotline para ayuda legal.",
        "how": "Muestre esta pantalla al agente por una ventana, o levántela. "
        "No entregue su teléfono. Guárdela como imagen de pantalla de bloqueo para "
        "tenerla lista. Toque PDF para imprimirla como tarjeta de bolsillo.",
        "pdf": "🖨 PDF para imprimir",
        "offer": "🪪 Tarjeta: {title}",
        "gone": "Esta tarjeta cambió. Envíe /card para recibir la actual.",
    },
}


@dataclass
class CardCache:
    """The rendered cards of the live knowledge version, and Telegram's file_ids."""

    version: str = ""
    shelf: CardShelf = field(default_factory=CardShelf)
    file_ids: dict[str, str] = field(default_factory=dict)  # content hash (+".pdf") -> id


def card_cache(bot_data: dict[Any, Any]) -> CardCache:
    cache = bot_data.get(CACHE_KEY)
    if not isinstance(cache, CardCache):
        cache = bot_data[CACHE_KEY] = CardCache()
    return cache


def shelf_of(bot_data: dict[Any, Any]) -> CardShelf:
    """The cards of the live retriever's version (read again after a /reload)."""
    state, cache = state_of(bot_data), card_cache(bot_data)
    if cache.version != state.retriever.version:
        try:
            cache.shelf = load_cards(state.places.index_dir)
        except KyrError as error:
            log.warning("cards not loaded: %s", type(error).__name__)
            cache.shelf = CardShelf()
        cache.version = state.retriever.version
    return cache.shelf


def card_place(region: str | None, catalog: Catalog) -> str | None:
    """The card place for a /region: NYC, elsewhere in the US, or None (no card there)."""
    if region is None:
        return "US"
    if region == "NYC":
        return "NYC"
    return "US" if "US" in catalog.ancestors(region) else None


def card_texts(lang: Lang, key: str, **values: str) -> str:
    return TEXTS[lang][key].format(**values)


async def card(update: Update, context: BotContext) -> None:
    """/card: the cards for the person's language and region, as buttons."""
    state = context.state
    lang = context.lang(update)
    user_id = update.effective_user.id if update.effective_user else None
    region = state.memory.region(user_id) if user_id is not None else None
    place = card_place(region, state.catalog)
    shelf = shelf_of(context.bot_data)
    choices = shelf.choose(lang, place or "US")
    if not choices:
        await send(update, context, _doc(card_texts(lang, "none")))
        return
    if place is None:
        name = state.catalog.jurisdictions[region].name(lang) if region else ""
        intro, suffix = card_texts(lang, "none_here", place=name), ".US"
    else:
        intro, suffix = card_texts(lang, "list"), ""
    rows = [[button(c.title, Action.CARD, c.card_id + suffix)] for c in choices]
    await send(update, context, _doc(intro), markup=keyboard(rows))


async def card_button(update: Update, context: BotContext) -> None:
    """A card button: send the card as a photo, with the PDF button under it."""
    query, argument = tapped(update)
    state = context.state
    lang = context.lang(update)
    card_id, _, forced = argument.partition(".")
    region = state.memory.region(query.from_user.id)
    place = forced or card_place(region, state.catalog) or "US"
    chosen = shelf_of(context.bot_data).find(card_id, lang, place)
    await _deliver(query, context, chosen, lang, send_card)


async def pdf_button(update: Update, context: BotContext) -> None:
    """The PDF button under a card: send the print page as a document."""
    query, ref = tapped(update)
    lang = context.lang(update)
    shelf = shelf_of(context.bot_data)
    chosen = next((c for c in shelf.cards if c.hash.startswith(ref) and ref), None)
    await _deliver(query, context, chosen, lang, send_pdf)


Sender = Callable[[Bot, int | str, RenderedCard, dict[Any, Any]], Awaitable[Message]]


async def _deliver(
    query: CallbackQuery,
    context: BotContext,
    chosen: RenderedCard | None,
    lang: Lang,
    sender: Sender,
) -> None:
    """Send a tapped card's file in the tapped chat, or say the card is gone."""
    if chosen is None or query.message is None:
        await query.answer(card_texts(lang, "gone"), show_alert=True)
        return
    await query.answer()
    note(context, await sender(context.bot, query.message.chat.id, chosen, context.bot_data))


async def send_card(
    bot: Bot, chat_id: int | str, chosen: RenderedCard, bot_data: dict[Any, Any]
) -> Message:
    """Send the phone image, reusing Telegram's file_id after the first upload."""
    lang: Lang = "es" if chosen.lang == "es" else "en"
    cache = card_cache(bot_data)
    markup = InlineKeyboardMarkup(
        [[InlineKeyboardButton(card_texts(lang, "pdf"), callback_data=_pdf_data(chosen))]]
    )
    caption = f"{chosen.title}\n\n{card_texts(lang, 'how')}"
    photo: str | bytes = cache.file_ids.get(chosen.hash) or chosen.png.read_bytes()
    message = await bot.send_photo(chat_id, photo, caption=caption, reply_markup=markup)
    if message.photo:
        cache.file_ids[chosen.hash] = message.photo[-1].file_id
    return message


async def send_pdf(
    bot: Bot, chat_id: int | str, chosen: RenderedCard, bot_data: dict[Any, Any]
) -> Message:
    """Send the print page, reusing Telegram's file_id after the first upload."""
    cache = card_cache(bot_data)
    key = chosen.hash + ".pdf"
    document: str | bytes = cache.file_ids.get(key) or chosen.pdf.read_bytes()
    message = await bot.send_document(chat_id, document, filename=f"{chosen.key}.pdf")
    if message.document:
        cache.file_ids[key] = message.document.file_id
    return message


def _pdf_data(chosen: RenderedCard) -> str:
    return f"{Action.CARD_PDF.value}:{chosen.hash[:HASH_REF]}"


def _doc(text: str) -> Document:
    return (paragraph(text),)


def offered_cards(retriever: Retriever, shown: list[Passage]) -> list[CardMeta]:
    """The cards that quote any of the ``shown`` passages (English or Spanish), at most two."""
    ids = set()
    for passage in shown:
        article = retriever.article(passage.article_id)
        original = article.translation_of if article and article.translation_of else None
        ids.add(f"{original or passage.article_id}#{passage.anchor}")
    cards = [c for c in retriever.knowledge.cards if any(x.source in ids for x in c.say + c.do)]
    return cards[:2]


def offer_buttons(retriever: Retriever, shown: list[Passage], lang: Lang) -> list[Any]:
    """Buttons to the cards that quote any of the ``shown`` passages."""
    return [
        button(card_texts(lang, "offer", title=c.title.get(lang)), Action.CARD, c.id)
        for c in offered_cards(retriever, shown)
    ]


def inline_results(bot_data: dict[Any, Any], lang: Lang) -> list[InlineQueryResultCachedPhoto]:
    """``@bot card``: the cards whose photo Telegram already has (file_id known)."""
    cache = card_cache(bot_data)
    results = []
    for c in shelf_of(bot_data).choose(lang, "US") + shelf_of(bot_data).choose(lang, "NYC"):
        file_id = cache.file_ids.get(c.hash)
        if file_id is not None:
            results.append(
                InlineQueryResultCachedPhoto(
                    id=c.hash[:32], photo_file_id=file_id, title=c.title, caption=c.title
                )
            )
    return results[:50]


async def warm_cache(bot: Bot, bot_data: dict[Any, Any], chat_id: int | None) -> int:
    """Upload every card once to ``chat_id`` (CARD_CACHE_CHAT_ID) so inline mode has them."""
    if chat_id is None:
        return 0
    sent = 0
    for chosen in shelf_of(bot_data).cards:
        try:
            await send_card(bot, chat_id, chosen, bot_data)
            sent += 1
        except TelegramError as error:
            log.warning("card cache upload failed: %s", type(error).__name__)
            break
    log.info("card cache: %d cards uploaded", sent)
    return sent


def write_for_terminal(shelf: CardShelf, lang: Lang, folder: Path) -> list[Path]:
    """The terminal chat's /card: copy this language's US and NYC cards to ``folder``."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for c in shelf.cards:
        if c.lang == lang:
            for source, suffix in ((c.png, ".png"), (c.pdf, ".pdf")):
                target = folder / f"{c.key}{suffix}"
                target.write_bytes(source.read_bytes())
                paths.append(target)
    return paths
