"""Texts of photo safety (``/photo``, the offer under a photo, results, refusals), EN and ES.

Merged into ``bot.texts.TEXTS``.  The result text is honest on purpose: detection misses
faces, a face is not the only thing that identifies someone, and Telegram's servers did
receive the original.
"""

from __future__ import annotations

from typing import Literal

PHOTO_WORDING: dict[str, dict[Literal["en", "es"], str]] = {
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
