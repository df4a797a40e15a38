"""kyr-bot's front ends: the Telegram bot and the terminal chat, over the retrieval core."""
