"""A python-telegram-bot ``BaseRequest`` that answers from ``BotApiCore`` in-process.

The fast tests' bot "talks to Telegram" without a network: every call goes through the same
checks as the HTTP emulator (HTML entities, 4096 UTF-16 units, unknown chats) and is recorded.
"""

from __future__ import annotations

import json

from botapi_checks import ApiError, Upload, decode_params
from botapi_core import BotApiCore
from telegram._utils.defaultvalue import DEFAULT_NONE
from telegram._utils.types import ODVInput
from telegram.request import BaseRequest, RequestData


class RecordingRequest(BaseRequest):
    """Routes ``/bot<token>/<method>`` calls to a ``BotApiCore``."""

    def __init__(self, core: BotApiCore) -> None:
        self.core = core

    @property
    def read_timeout(self) -> float | None:
        return 5.0

    async def initialize(self) -> None:
        """Nothing to open."""

    async def shutdown(self) -> None:
        """Nothing to close."""

    async def do_request(
        self,
        url: str,
        method: str,
        request_data: RequestData | None = None,
        read_timeout: ODVInput[float] = DEFAULT_NONE,
        write_timeout: ODVInput[float] = DEFAULT_NONE,
        connect_timeout: ODVInput[float] = DEFAULT_NONE,
        pool_timeout: ODVInput[float] = DEFAULT_NONE,
    ) -> tuple[int, bytes]:
        if "/file/bot" in url:  # a download: Telegram serves the bytes themselves
            data = self.core.files.download(url.split("/file/bot", 1)[1].split("/", 1)[1])
            return (200, data) if data is not None else (404, b'{"ok":false}')
        api_method = url.rsplit("/", 1)[-1]
        params = decode_params(dict(request_data.json_parameters) if request_data else {})
        for name, part in ((request_data.multipart_data or {}) if request_data else {}).items():
            filename, content, mime = part[0], part[1], part[2] if len(part) > 2 else ""
            data = content if isinstance(content, bytes) else content.read()
            params[name] = Upload(str(filename), str(mime), data)
        try:
            result = self.core.call(api_method, params)
        except ApiError as error:
            return error.code, json.dumps(error.to_json()).encode()
        return 200, json.dumps({"ok": True, "result": result}).encode()
