"""A loopback HTTP server for browser tests that answers Range requests.

Python's ``http.server`` ignores ``Range``, and a browser cannot seek media served that way
(``currentTime`` snaps back to 0), so seek tests need this. It serves one folder, read-only, on
127.0.0.1 with a free port, from a background thread.

>>> import tempfile, pathlib, urllib.request
>>> root = pathlib.Path(tempfile.mkdtemp())
>>> _ = (root / "a.bin").write_bytes(bytes(range(10)))
>>> with RangeServer(root) as server:
...     request = urllib.request.Request(server.url + "a.bin", headers={"Range": "bytes=2-4"})
...     with urllib.request.urlopen(request) as reply:
...         reply.status, reply.headers["Content-Range"], reply.read()
(206, 'bytes 2-4/10', b'\\x02\\x03\\x04')
"""

from __future__ import annotations

import os
import re
import threading
from functools import partial
from http import HTTPStatus
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

_RANGE = re.compile(r"^bytes=(\d*)-(\d*)$")


class RangeRequestHandler(SimpleHTTPRequestHandler):
    """``SimpleHTTPRequestHandler`` plus single byte ranges (``206`` / ``416``), no caching."""

    extensions_map = {
        **SimpleHTTPRequestHandler.extensions_map,
        ".vtt": "text/vtt",
        ".srt": "application/x-subrip",
        ".json": "application/json",
        ".ogg": "audio/ogg",
        ".opus": "audio/ogg",
    }

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - stdlib signature
        """Quiet: test output should not fill with access logs."""

    def end_headers(self) -> None:
        self.send_header("Accept-Ranges", "bytes")
        self.send_header("Cache-Control", "no-store")
        super().end_headers()

    def send_head(self):  # type: ignore[override]
        match = _RANGE.match(self.headers.get("Range", "").strip())
        path = Path(self.translate_path(self.path))
        if not match or not path.is_file():
            return super().send_head()
        size = path.stat().st_size
        first, last = match.groups()
        if first:
            start, end = int(first), min(int(last) if last else size - 1, size - 1)
        else:  # "bytes=-N": the last N bytes
            start, end = max(size - int(last or 0), 0), size - 1
        if start > end or start >= size:
            self.send_response(HTTPStatus.REQUESTED_RANGE_NOT_SATISFIABLE)
            self.send_header("Content-Range", f"bytes */{size}")
            self.send_header("Content-Length", "0")
            self.end_headers()
            return None
        handle = path.open("rb")
        handle.seek(start)
        self.send_response(HTTPStatus.PARTIAL_CONTENT)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Range", f"bytes {start}-{end}/{size}")
        self.send_header("Content-Length", str(end - start + 1))
        self.end_headers()
        self._remaining = end - start + 1
        return handle

    def copyfile(self, source, outputfile) -> None:  # type: ignore[override]
        remaining = getattr(self, "_remaining", None)
        if remaining is None:
            return super().copyfile(source, outputfile)
        self._remaining = None
        try:
            while remaining > 0:
                chunk = source.read(min(64 * 1024, remaining))
                if not chunk:
                    break
                outputfile.write(chunk)
                remaining -= len(chunk)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the browser stops reading once it has the bytes it wanted: normal for media


class RangeServer:
    """Serve ``root`` on ``http://127.0.0.1:PORT/`` until ``close()`` (or the ``with`` ends)."""

    def __init__(self, root: str | os.PathLike[str]) -> None:
        handler = partial(RangeRequestHandler, directory=str(root))
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self._server.daemon_threads = True
        self.url = f"http://127.0.0.1:{self._server.server_address[1]}/"
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)
        self._thread.start()

    def close(self) -> None:
        self._server.shutdown()
        self._server.server_close()

    def __enter__(self) -> RangeServer:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
