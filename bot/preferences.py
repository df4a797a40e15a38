"""/language and /region: their buttons, which steer the reply language and boost a place.

Choices live in ``bot.memory`` (in memory only, forgotten after 24 hours idle); their
labels and prompts are in ``bot.texts``.
"""

from __future__ import annotations

from telegram import InlineKeyboardMarkup, Update

from bot.keyboards import Action, Rows, button, keyboard, tapped
from bot.replies import fixed
from bot.sending import edit, say, say_updated
from bot.state import BotContext
from bot.texts import text
from index import Catalog, Lang

LANGUAGES: tuple[tuple[Lang, str], ...] = (("en", "English"), ("es", "Español"))
REGIONS = ("NYC", "US-NY", "US", "EU", "UK")
ANYWHERE = "-"  # the /region button that clears the choice


async def language(update: Update, context: BotContext) -> None:
    """/language: English or Spanish, as buttons."""
    await say(update, context, "language_prompt", lambda _: language_keyboard())


async def region(update: Update, context: BotContext) -> None:
    """/region: the places the knowledge base covers, as buttons."""
    catalog = context.state.catalog
    await say(update, context, "region_prompt", lambda lang: region_keyboard(catalog, lang))


async def language_button(update: Update, context: BotContext) -> None:
    """Remember the chosen language and confirm in it, in place."""
    query, code = tapped(update)
    chosen = next((lang for lang, _ in LANGUAGES if lang == code), None)
    if chosen is None:
        await say_updated(query, context.lang(update))
        return
    context.state.memory.set_lang(query.from_user.id, chosen)
    await query.answer()
    await edit(query, fixed("language_set", chosen))


async def region_button(update: Update, context: BotContext) -> None:
    """Remember (or clear) the chosen jurisdiction and confirm, in place."""
    query, code = tapped(update)
    lang = context.lang(update)
    place = context.state.catalog.jurisdictions.get(code)
    if code != ANYWHERE and place is None:
        await say_updated(query, lang)
        return
    context.state.memory.set_region(query.from_user.id, place.code if place is not None else None)
    await query.answer()
    if place is None:
        await edit(query, fixed("region_cleared", lang))
    else:
        await edit(query, fixed("region_set", lang, place=place.name(lang)))


def language_keyboard() -> InlineKeyboardMarkup:
    """/language: English or Spanish."""
    return keyboard([[button(label, Action.LANGUAGE, code) for code, label in LANGUAGES]])


def region_keyboard(catalog: Catalog, lang: Lang) -> InlineKeyboardMarkup:
    """/region: the places the knowledge base covers best, and "anywhere"."""
    rows: Rows = [
        [button(catalog.jurisdictions[code].name(lang), Action.REGION, code)]
        for code in REGIONS
        if code in catalog.jurisdictions
    ]
    rows.append([button(text("region_any", lang), Action.REGION, ANYWHERE)])
    return keyboard(rows)
