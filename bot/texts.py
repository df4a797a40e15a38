"""Every fixed text of the bot, in English and Spanish (knowledge-base Markdown: ``**bold**``).

Only texts about the bot live here.  Legal information, including hotline numbers, always
comes from the vetted knowledge base.
"""

from __future__ import annotations

from index import Lang

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
            "language and place you chose, the ids of this chat's messages from the last "
            "48 hours (so /forget can delete them), and which edited questions I already "
            "answered (their ids and edit times, so an edit gets one answer). The count "
            "lapses after a minute; the rest "
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
            "frenar abusos), el idioma y el lugar que eligió, los identificadores de los "
            "mensajes de este chat de las últimas 48 horas (para que /forget pueda borrarlos) "
            "y qué preguntas editadas ya respondí (su identificador y hora de edición, para "
            "responder una sola vez). "
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
    "about_bot": {
        "en": (
            "I am kyr-bot, open-source software that answers only with vetted, sourced "
            "passages; I do not pass what you type to police or immigration agents. Here is "
            "exactly what I keep:"
        ),
        "es": (
            "Soy kyr-bot, un programa de código abierto que solo responde con textos revisados "
            "y con fuentes; no le paso lo que usted escribe a la policía ni a inmigración. Esto "
            "es exactamente lo que guardo:"
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
    "unsure": {
        "en": "I'm not sure I understood. Did you mean one of these?",
        "es": "No estoy seguro de haber entendido. ¿Se refiere a alguno de estos temas?",
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
        "en": "General information, not legal advice · /hotline",
        "es": "Información general, no asesoría legal · /hotline",
    },
    "not_advice": {
        "en": "General information, not legal advice.",
        "es": "Información general, no asesoría legal.",
    },
    "abstain_legal": {
        "en": "I don't have a vetted answer for that, and I won't guess: I only cover protests, "
        "police, raids, phones and face recognition. For a legal problem like this one, free "
        "general legal help:",
        "es": "No tengo una respuesta revisada para eso y no voy a adivinar: solo trato "
        "protestas, policía, redadas, teléfonos y reconocimiento facial. Para un problema legal "
        "como este, ayuda legal general gratuita:",
    },
    "abstain_danger": {
        "en": "If you or someone else is in danger right now, call 911 (in the US) or your local "
        "emergency number. I don't have a vetted answer for this: I only cover protests, police, "
        "raids, phones and face recognition. Free general legal help:",
        "es": "Si usted u otra persona está en peligro ahora mismo, llame al 911 (en EE. UU.) o al "
        "número de emergencias de su país. No tengo una respuesta revisada para esto: solo trato "
        "protestas, policía, redadas, teléfonos y reconocimiento facial. Ayuda legal general "
        "gratuita:",
    },
    "sources": {"en": "Sources: ", "es": "Fuentes: "},
    "reviewed": {"en": "Reviewed on {date}", "es": "Revisado el {date}"},
    "applies_to": {"en": "Applies to: {places}", "es": "Se aplica a: {places}"},
    "also": {"en": "Also: {heading}", "es": "También: {heading}"},
    "continue_private": {
        "en": "More in a private chat",
        "es": "Más en un chat privado",
    },
    "hotline_title": {
        "en": "**Free legal hotlines** (reconfirm a number before you rely on it)",
        "es": "**Líneas legales gratuitas** (confirme un número antes de confiar en él)",
    },
    "need_arrested": {"en": "Arrested at a protest", "es": "Arresto en una protesta"},
    "need_immigration": {
        "en": "Immigration agents, or a family member detained",
        "es": "Agentes de inmigración, o un familiar detenido",
    },
    "need_other-legal": {"en": "Other legal problems", "es": "Otros problemas legales"},
    "need_complaints": {"en": "Complaints about police", "es": "Quejas contra la policía"},
    "situation_numbers": {
        "en": "Call for help (more: /hotline):",
        "es": "Llame para pedir ayuda (más: /hotline):",
    },
    "hotline_seen": {"en": "listed {date}", "es": "publicado {date}"},
    "hotline_more": {"en": "More legal help", "es": "Más ayuda legal"},
    "choices": {
        "en": "Type a number for more:",
        "es": "Escriba un número para ver más:",
    },
    "card_choice": {"en": "Card to show: /card", "es": "Tarjeta para mostrar: /card"},
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
    "terminal_help": {
        "en": (
            "Write your question in your own words, in English or Spanish. I reply with the "
            "best vetted passage, its sources and its review date. If I have no vetted answer, "
            "I say so instead of guessing. Under an answer, type a number to see more.\n\n"
            "/hotline: free legal help\n/privacy: what I keep and what I do not\n"
            '/card: write the "show this" cards to files\n/ask <question>: ask a question\n'
            "/language: English or Spanish\n/region: put your place's rules first\n"
            "quit: leave"
        ),
        "es": (
            "Escriba su pregunta con sus propias palabras, en español o en inglés. Respondo con "
            "el texto revisado que mejor corresponda, sus fuentes y su fecha de revisión. Si no "
            "tengo una respuesta revisada, lo digo en lugar de adivinar. Bajo una respuesta, "
            "escriba un número para ver más.\n\n"
            "/hotline: ayuda legal gratuita\n/privacy: qué guardo y qué no\n"
            '/card: guardar las tarjetas "muestre esto" en archivos\n'
            "/ask <pregunta>: hacer una pregunta\n/language: español o inglés\n"
            "/region: primero las reglas de su lugar\nquit: salir"
        ),
    },
    "terminal_intro": {
        "en": "Type a question and press Enter. Commands: /help /hotline /privacy. "
        "Type quit or press Ctrl-D to leave.",
        "es": "Escriba una pregunta y pulse Enter. Comandos: /help /hotline /privacy. "
        "Escriba quit o pulse Ctrl-D para salir.",
    },
    # Buttons, topics, preferences and /forget.  Button labels are plain text (Telegram
    # shows them as they are).
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
    # Photo safety: honest on purpose (detection misses faces; Telegram saw the original).
    "photo_help": {
        "en": (
            "**Photo safety**: send me a photo (or an image file) in this chat and tap "
            "**Cover faces and remove hidden data**. I cover every face I find with a solid "
            "box, remove hidden data (GPS position, time, phone model) by rebuilding the "
            "file from its pixels, send back a clean copy and delete your original from this "
            "chat. Nothing is downloaded until you tap, and nothing is written to disk.\n\n"
            "Rather not send the original anywhere? Do it on your phone: Signal's photo "
            "editor has a blur tool that finds faces (then draw solid boxes over them), or "
            "use an offline photo editor and a metadata remover. Either way, check every "
            "face before posting."
        ),
        "es": (
            "**Fotos seguras**: envíeme una foto (o un archivo de imagen) en este chat y "
            "toque **Tapar caras y quitar datos ocultos**. Tapo cada cara que encuentro con "
            "un recuadro sólido, quito los datos ocultos (ubicación GPS, hora, modelo del "
            "teléfono) rehaciendo el archivo a partir de sus píxeles, le devuelvo una copia "
            "limpia y borro su original de este chat. No descargo nada hasta que toque el "
            "botón y no escribo nada en disco.\n\n"
            "¿Prefiere no enviar el original a ninguna parte? Hágalo en su teléfono: el "
            "editor de fotos de Signal tiene una herramienta de difuminado que encuentra "
            "caras (luego dibuje recuadros sólidos encima), o use un editor de fotos sin "
            "conexión y un borrador de metadatos. En ambos casos, revise cada cara antes "
            "de publicar."
        ),
    },
    "photo_offer": {
        "en": "I can cover every face in this photo and remove its hidden data (GPS, time, "
        "phone). Nothing is downloaded unless you tap. More: /photo",
        "es": "Puedo tapar cada cara de esta foto y quitar sus datos ocultos (GPS, hora, "
        "teléfono). No descargo nada si no toca el botón. Más: /photo",
    },
    "photo_button": {
        "en": "Cover faces and remove hidden data",
        "es": "Tapar caras y quitar datos ocultos",
    },
    "photo_working": {
        "en": "Working on your photo…",
        "es": "Estoy trabajando en su foto…",
    },
    "photo_busy": {
        "en": "I'm still working on your last photo. Tap again when it is done.",
        "es": "Sigo trabajando en su foto anterior. Toque de nuevo cuando termine.",
    },
    "photo_caption": {
        "en": "Faces covered: {faces}. Hidden data removed.",
        "es": "Caras tapadas: {faces}. Datos ocultos quitados.",
    },
    "photo_done": {
        "en": (
            "**Done**: I covered {faces} and removed the hidden data (GPS, time, phone model); "
            "the clean copy is the file below.\n\n"
            "**Check every face before posting**: small, turned or partly hidden faces can be "
            "missed; tattoos, clothes and places can still identify people.\n\n"
            "Telegram's servers received your original. {deleted}"
        ),
        "es": (
            "**Listo**: tapé {faces} y quité los datos ocultos (GPS, hora, modelo del "
            "teléfono); la copia limpia es el archivo de abajo.\n\n"
            "**Revise cada cara antes de publicar**: las caras pequeñas, de lado o tapadas en "
            "parte pueden pasarse por alto; los tatuajes, la ropa y los lugares aún pueden "
            "identificar a las personas.\n\n"
            "Los servidores de Telegram recibieron su original. {deleted}"
        ),
    },
    "photo_faces_none": {"en": "no faces (I found none)", "es": "ninguna cara (no encontré)"},
    "photo_faces_one": {"en": "1 face", "es": "1 cara"},
    "photo_faces_many": {"en": "{count} faces", "es": "{count} caras"},
    "photo_deleted": {
        "en": "I deleted it from this chat.",
        "es": "Lo borré de este chat.",
    },
    "photo_not_deleted": {
        "en": "I could not delete it from this chat (bots can only delete messages from the "
        "last 48 hours): please delete it yourself.",
        "es": "No pude borrarlo de este chat (los bots solo pueden borrar mensajes de las "
        "últimas 48 horas): bórrelo usted.",
    },
    "photo_too_big": {
        "en": "This file is over 20 MB, the most a bot can download from Telegram. Send it as "
        "a photo (not a file), or make it smaller. Your original is untouched.",
        "es": "Este archivo pasa de 20 MB, lo máximo que un bot puede descargar de Telegram. "
        "Envíelo como foto (no como archivo) o redúzcalo. Su original sigue igual.",
    },
    "photo_not_image": {
        "en": "I could not read this as a photo. I read JPEG, PNG, WebP and HEIC. Your "
        "original is untouched.",
        "es": "No pude leer esto como una foto. Leo JPEG, PNG, WebP y HEIC. Su original "
        "sigue igual.",
    },
    "photo_too_many_pixels": {
        "en": "This image has too many pixels for me (over 40 megapixels). Make it smaller "
        "and send it again. Your original is untouched.",
        "es": "Esta imagen tiene demasiados píxeles para mí (más de 40 megapíxeles). "
        "Redúzcala y envíela de nuevo. Su original sigue igual.",
    },
    "photo_unreadable": {
        "en": "This photo is damaged or cut short, so I could not read it. Try sending it "
        "again. Your original is untouched.",
        "es": "Esta foto está dañada o incompleta y no pude leerla. Pruebe a enviarla de "
        "nuevo. Su original sigue igual.",
    },
    "photo_failed": {
        "en": "Sorry, I could not finish this photo. Your original is untouched; try again "
        "in a moment.",
        "es": "Lo siento, no pude terminar esta foto. Su original sigue igual; inténtelo de "
        "nuevo en un momento.",
    },
    "photo_gone": {
        "en": "I can't find that photo any more: it was deleted, or the button is over an "
        "hour old. Send the photo again.",
        "es": "Ya no encuentro esa foto: se borró o el botón tiene más de una hora. Envíe "
        "la foto de nuevo.",
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


def text(key: str, lang: Lang, **values: str) -> str:
    """The fixed text ``key`` in ``lang``, with ``{placeholders}`` filled."""
    template = TEXTS[key][lang]
    return template.format(**values) if values else template
