"""/language and /region: buttons that steer the reply language and boost a jurisdiction.

Choices live in ``bot.memory`` (in memory only, forgotten after 24 hours idle).
"""

from __future__ import annotations

from telegram import Update

from bot.keyboards import LANGUAGES, language_keyboard, region_keyboard
from bot.replies import fixed
from bot.sending import Context, edit, lang_of, say_updated, send, tapped
from bot.state import state_of


async def language(update: Update, context: Context) -> None:
    """/language: English or Spanish, as buttons."""
    state = state_of(context.bot_data)
    prompt = fixed("language_prompt", lang_of(state, update))
    await send(update, context, prompt, markup=language_keyboard())


async def region(update: Update, context: Context) -> None:
    """/region: the places the knowledge base covers, as buttons."""
    state = state_of(context.bot_data)
    lang = lang_of(state, update)
    markup = region_keyboard(state.catalog, lang)
    await send(update, context, fixed("region_prompt", lang), markup=markup)


async def language_button(update: Update, context: Context) -> None:
    """Remember the chosen language and confirm in it, in place."""
    query, code = tapped(update)
    state = state_of(context.bot_data)
    chosen = next((lang for lang, _ in LANGUAGES if lang == code), None)
    if chosen is None:
        await say_updated(query, lang_of(state, update))
        return
    state.memory.set_lang(query.from_user.id, chosen)
    await query.answer()
    await edit(query, fixed("language_set", chosen))


async def region_button(update: Update, context: Context) -> None:
    """Remember (or clear) the chosen jurisdiction and confirm, in place."""
    query, code = tapped(update)
    state = state_of(context.bot_data)
    lang = lang_of(state, update)
    place = state.catalog.jurisdictions.get(code)
    if code != "-" and place is None:
        await say_updated(query, lang)
        return
    state.memory.set_region(query.from_user.id, place.code if place is not None else None)
    await query.answer()
    if place is None:
        await edit(query, fixed("region_cleared", lang))
    else:
        await edit(query, fixed("region_set", lang, place=place.name(lang)))
