"""The bot's own fixed texts in English and Spanish (knowledge-base Markdown: ``**bold**``).

Only texts about the bot live here.  Legal information, including hotline numbers, always
comes from the vetted knowledge base.
"""

from __future__ import annotations

from typing import Literal

from bot.photo_wording import PHOTO_WORDING
from bot.wording import WORDING

Lang = Literal["en", "es"]

TEXTS: dict[str, dict[Lang, str]] = {
    "start": {
        "en": (
            "**Know your rights**: I answer questions about protests, police stops and raids, "
            "phones and face recognition, using only vetted passages, each with its sources "
            "and the date it was last reviewed.\n\n"
            "I am not a lawyer. This is general information, not legal advice.\n\n"
            "Try asking:\n• Police are at my door. Do I have to open it?\n"
            "• What should I do if I am arrested at a protest?\n"
            "• Can police make me unlock my phone?\n\n"
            "Legal help: /hotline · What I keep: /privacy · More: /help"
        ),
        "es": (
            "**Conozca sus derechos**: respondo preguntas sobre protestas, paradas y redadas "
            "policiales, teléfonos y reconocimiento facial, solo con textos revisados, cada uno "
            "con sus fuentes y la fecha de su última revisión.\n\n"
            "No soy abogado. Esto es información general, no asesoría legal.\n\n"
            "Pruebe a preguntar:\n• La policía está en mi puerta. ¿Tengo que abrir?\n"
            "• ¿Qué hago si me arrestan en una protesta?\n"
            "• ¿Me pueden obligar a desbloquear mi teléfono?\n\n"
            "Ayuda legal: /hotline · Qué guardo: /privacy · Más: /help"
        ),
    },
    "help": {
        "en": (
            "Write your question in your own words, in English or Spanish. I reply with the "
            "best vetted passage, its sources and its review date. If I have no vetted answer, "
            "I say so instead of guessing.\n\n"
            "/topics: browse everything I know\n/hotline: free legal help\n"
            "/language: English or Spanish\n/region: put your place's rules first\n"
            "/privacy: what I keep and what I do not\n/forget: delete this chat's messages\n"
            "/photo: cover faces and remove hidden data in a photo\n"
            "/ask <question>: ask in a group\n\n"
            "In any chat, type my name and a question to share an answer."
        ),
        "es": (
            "Escriba su pregunta con sus propias palabras, en español o en inglés. Respondo con "
            "el texto revisado que mejor corresponda, sus fuentes y su fecha de revisión. Si no "
            "tengo una respuesta revisada, lo digo en lugar de adivinar.\n\n"
            "/topics: ver todo lo que sé\n/hotline: ayuda legal gratuita\n"
            "/language: español o inglés\n/region: primero las reglas de su lugar\n"
            "/privacy: qué guardo y qué no\n/forget: borrar los mensajes de este chat\n"
            "/photo: tapar caras y quitar datos ocultos de una foto\n"
            "/ask <pregunta>: preguntar en un grupo\n\n"
            "En cualquier chat, escriba mi nombre y una pregunta para compartir una respuesta."
        ),
    },
    "privacy": {
        "en": (
            "**What I keep**: I do not store your questions or write anything about you to "
            "disk, and my logs contain no message text, names or ids. While I run, I keep in "
            "memory only: a count of your questions in the last minute (to stop floods), the "
            "language and place you chose, and the ids of this chat's messages from the last "
            "48 hours (so /forget can delete them). The count lapses after a minute; the rest "
            "is forgotten after 24 hours without use, or at once with /forget. Moderators see "
            "only totals: how many questions were answered, per topic and channel, and how "
            "often a passage was reported wrong. To answer a repeated question faster, the "
            "search keeps for 10 minutes a scrambled one-way fingerprint of recent questions "
            "with their search numbers, never the text and not who asked.\n\n"
            "**Photos**: a photo you send is not downloaded unless you tap the button under "
            "it; until then I keep nothing about it, and the button stops working after an "
            "hour (or at once with /forget, which deletes it). When you tap, I download it "
            "into memory only, cover the faces, send you the clean copy, delete your original "
            "from this chat and forget it; nothing is written to disk.\n\n"
            "**/forget** deletes this chat's messages from the last 48 hours, yours and mine, "
            "and forgets your settings.\n\n"
            "**What Telegram keeps**: chats with bots are not end-to-end encrypted, and this "
            "chat stays on your phone and on Telegram's servers. If your phone is seized, "
            "whoever has it can read this chat. Delete the chat if that is a risk for you."
        ),
        "es": (
            "**Qué guardo**: no guardo sus preguntas ni escribo nada sobre usted en disco, y mis "
            "registros no contienen textos de mensajes, nombres ni identificadores. Mientras "
            "funciono, guardo en memoria solo: cuántas preguntas hizo en el último minuto (para "
            "frenar abusos), el idioma y el lugar que eligió, y los identificadores de los "
            "mensajes de este chat de las últimas 48 horas (para que /forget pueda borrarlos). "
            "El recuento caduca al cabo de un minuto; lo demás se olvida tras 24 horas sin uso, "
            "o enseguida con /forget. Los moderadores solo ven totales: cuántas preguntas se "
            "respondieron, por tema y canal, y cuántas veces se marcó un texto como "
            "incorrecto. Para responder más rápido una pregunta repetida, la búsqueda guarda "
            "10 minutos una huella cifrada de un solo sentido de las preguntas recientes con sus "
            "números de búsqueda, nunca el texto ni quién preguntó.\n\n"
            "**Fotos**: no descargo una foto que me envía a menos que toque el botón que "
            "aparece debajo; hasta entonces no guardo nada de ella, y el botón deja de "
            "funcionar al cabo de una hora (o enseguida con /forget, que la borra). Si lo "
            "toca, la descargo solo en memoria, tapo las caras, le envío la copia limpia, "
            "borro su original de este chat y la olvido; no escribo nada en disco.\n\n"
            "**/forget** borra los mensajes de este chat de las últimas 48 horas, suyos y "
            "míos, y olvida sus ajustes.\n\n"
            "**Qué guarda Telegram**: los chats con bots no tienen cifrado de extremo a extremo, "
            "y este chat queda en su teléfono y en los servidores de Telegram. Si le quitan el "
            "teléfono, quien lo tenga puede leer este chat. Borre el chat si eso es un riesgo "
            "para usted."
        ),
    },
    "abstain": {
        "en": (
            "I don't have a vetted answer for that, and I won't guess. You can try other words, "
            "or get help from a person: /hotline"
        ),
        "es": (
            "No tengo una respuesta revisada para eso y no voy a adivinar. Puede probar con "
            "otras palabras o pedir ayuda a una persona: /hotline"
        ),
    },
    "refused": {
        "en": "I can't help with that. I share vetted information about your own rights: for "
        "example, how to note an officer's badge number and file a complaint, what to do if "
        "police stop you, or how to protect your phone. Legal help: /hotline",
        "es": "No puedo ayudar con eso. Comparto información revisada sobre sus propios "
        "derechos: por ejemplo, cómo anotar el número de placa de un agente y presentar una "
        "queja, qué hacer si la policía lo para o cómo proteger su teléfono. "
        "Ayuda legal: /hotline",
    },
    "not_text": {
        "en": "I can only read text questions. Please type your question, for example: "
        "Police are at my door, what do I do?",
        "es": "Solo puedo leer preguntas escritas. Escriba su pregunta, por ejemplo: "
        "La policía está en mi puerta, ¿qué hago?",
    },
    "throttled": {
        "en": "You are sending questions very fast. Please wait a minute, then ask again.",
        "es": "Está enviando preguntas muy rápido. Espere un minuto y vuelva a preguntar.",
    },
    "ask_usage": {
        "en": "Usage: /ask <your question>, for example: /ask Can police search my phone?",
        "es": "Uso: /ask <su pregunta>, por ejemplo: /ask ¿Puede la policía revisar mi teléfono?",
    },
    "unknown_command": {
        "en": "I don't know that command. See /help.",
        "es": "No conozco ese comando. Vea /help.",
    },
    "error": {
        "en": "Sorry, something went wrong on my side. Please try again in a moment. "
        "Legal help: /hotline",
        "es": "Lo siento, algo falló de mi lado. Inténtelo de nuevo en un momento. "
        "Ayuda legal: /hotline",
    },
    "no_hotline": {
        "en": "The legal help list is not available right now. Please try again later.",
        "es": "La lista de ayuda legal no está disponible ahora. Inténtelo más tarde.",
    },
    "disclaimer": {
        "en": "General information, not legal advice. Legal help: /hotline",
        "es": "Información general, no asesoría legal. Ayuda legal: /hotline",
    },
    "sources": {"en": "Sources: ", "es": "Fuentes: "},
    "reviewed": {"en": "Reviewed on {date}", "es": "Revisado el {date}"},
    "applies_to": {"en": "Applies to: {places}", "es": "Se aplica a: {places}"},
    "other_place": {
        "en": "Note: I have nothing vetted for {place} itself. What follows is national law or "
        "another place's rules; local rules there may differ.",
        "es": "Aviso: no tengo nada revisado para {place} en particular. Lo que sigue es ley "
        "nacional o reglas de otro lugar; las reglas locales allí pueden ser distintas.",
    },
    "inline_abstain_title": {
        "en": "No vetted answer: get legal help",
        "es": "Sin respuesta revisada: pedir ayuda legal",
    },
    "inline_abstain_description": {
        "en": "Sends the legal help hotlines instead of a guess",
        "es": "Envía las líneas de ayuda legal en lugar de adivinar",
    },
    "terminal_intro": {
        "en": "Type a question and press Enter. Commands: /help /hotline /privacy. "
        "Type quit or press Ctrl-D to leave.",
        "es": "Escriba una pregunta y pulse Enter. Comandos: /help /hotline /privacy. "
        "Escriba quit o pulse Ctrl-D para salir.",
    },
}

COMMANDS: dict[Lang, list[tuple[str, str]]] = {
    "en": [
        ("start", "What this bot does"),
        ("help", "How to ask"),
        ("hotline", "Free legal help"),
        ("privacy", "What is kept and what is not"),
        ("ask", "Ask a question (in groups)"),
        ("topics", "Browse all topics"),
        ("language", "English or Spanish"),
        ("region", "Put your place's rules first"),
        ("forget", "Delete this chat's messages"),
        ("photo", "Cover faces in a photo"),
    ],
    "es": [
        ("start", "Qué hace este bot"),
        ("help", "Cómo preguntar"),
        ("hotline", "Ayuda legal gratuita"),
        ("privacy", "Qué se guarda y qué no"),
        ("ask", "Hacer una pregunta (en grupos)"),
        ("topics", "Ver todos los temas"),
        ("language", "Español o inglés"),
        ("region", "Primero las reglas de su lugar"),
        ("forget", "Borrar los mensajes de este chat"),
        ("photo", "Tapar caras en una foto"),
    ],
}
TEXTS.update(WORDING)
TEXTS.update(PHOTO_WORDING)


def text(key: str, lang: Lang, **values: str) -> str:
    """The fixed text ``key`` in ``lang``, with ``{placeholders}`` filled."""
    template = TEXTS[key][lang]
    return template.format(**values) if values else template
