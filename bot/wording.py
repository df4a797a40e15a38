"""Texts of part 2 (buttons, topics, preferences, /forget) in English and Spanish.

Merged into ``bot.texts.TEXTS``; kept apart so neither module grows past a screenful or two.
Button labels are plain text (Telegram shows them as they are); messages are knowledge-base
Markdown (``**bold**``), like the rest of ``bot.texts``.
"""

from __future__ import annotations

from index import Lang

WORDING: dict[str, dict[Lang, str]] = {
    "start_buttons": {
        "en": "Need help now? Tap a button. Everything I know: /topics",
        "es": "¿Necesita ayuda ahora? Toque un botón. Todo lo que sé: /topics",
    },
    "urgent_door": {"en": "🚪 Police are at my door", "es": "🚪 La policía está en mi puerta"},
    "urgent_arrested": {"en": "🚓 I was arrested", "es": "🚓 Me arrestaron"},
    "urgent_before": {"en": "📱 Before a protest", "es": "📱 Antes de una protesta"},
    "all_topics": {"en": "📚 All topics", "es": "📚 Todos los temas"},
    "unknown_topic": {
        "en": "That link points to a topic I don't have. Here is where to start:",
        "es": "Ese enlace apunta a un tema que no tengo. Empiece por aquí:",
    },
    "topics_intro": {"en": "**Topics**: choose a subject.", "es": "**Temas**: elija un tema."},
    "category_intro": {
        "en": "**{category}**: choose a topic.",
        "es": "**{category}**: elija un tema.",
    },
    "back": {"en": "« All subjects", "es": "« Todos los temas"},
    "more": {"en": "More on this", "es": "Más sobre esto"},
    "related": {"en": "Related", "es": "Relacionado"},
    "wrong": {"en": "Wrong or outdated?", "es": "¿Incorrecto o desactualizado?"},
    "related_intro": {
        "en": "**Related topics**: tap one.",
        "es": "**Temas relacionados**: toque uno.",
    },
    "no_related": {
        "en": "I have no other topics on this subject. See /topics.",
        "es": "No tengo otros temas sobre esto. Vea /topics.",
    },
    "no_more": {
        "en": "That is everything on this topic.",
        "es": "Eso es todo sobre este tema.",
    },
    "wrong_thanks": {
        "en": "Thank you. Moderators will review this passage. Nothing about you was kept.",
        "es": "Gracias. Los moderadores revisarán este texto. No se guardó nada sobre usted.",
    },
    "updated": {
        "en": "This answer was updated since. Please ask again to see the current version.",
        "es": "Esta respuesta se actualizó. Vuelva a preguntar para ver la versión actual.",
    },
    "elsewhere": {
        "en": "⚠️ These rules are for {places} and may not apply in {place}.",
        "es": "⚠️ Estas reglas son para {places} y pueden no aplicarse en {place}.",
    },
    "language_prompt": {
        "en": "Which language should I answer in? / ¿En qué idioma respondo?",
        "es": "¿En qué idioma respondo? / Which language should I answer in?",
    },
    "language_set": {
        "en": "I will answer in English from now on.",
        "es": "Desde ahora responderé en español.",
    },
    "region_prompt": {
        "en": "Where are you? I will put rules for that place first. "
        "Each answer still says where it applies.",
        "es": "¿Dónde está? Pondré primero las reglas de ese lugar. "
        "Cada respuesta sigue diciendo dónde se aplica.",
    },
    "region_set": {
        "en": "Rules for **{place}** now come first.",
        "es": "Ahora aparecen primero las reglas de **{place}**.",
    },
    "region_cleared": {
        "en": "No place set: I show the best match from anywhere.",
        "es": "Sin lugar: muestro lo que mejor corresponda, de cualquier lugar.",
    },
    "region_any": {"en": "Anywhere", "es": "Cualquier lugar"},
    "forget_done": {
        "en": "Deleted {count} messages of this chat and forgot your settings. "
        "This note deletes itself in a minute.\n\n"
        "Telegram lets me delete only the last 48 hours, and only messages I saw since I "
        "last restarted. To remove everything, delete this chat in Telegram too.",
        "es": "Borré {count} mensajes de este chat y olvidé sus ajustes. "
        "Este aviso se borra solo en un minuto.\n\n"
        "Telegram solo me deja borrar las últimas 48 horas, y solo mensajes que vi desde que "
        "me reinicié. Para quitarlo todo, borre también este chat en Telegram.",
    },
    "forget_private_only": {
        "en": "Use /forget in a private chat with me. In groups I cannot delete your messages.",
        "es": "Use /forget en un chat privado conmigo. En grupos no puedo borrar sus mensajes.",
    },
}
