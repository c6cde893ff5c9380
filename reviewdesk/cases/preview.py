"""PDF previews rendered page by page in a bounded child process, never in the application.

A hostile PDF (a 7 MB file whose one page inflates to gigabytes, or loops for minutes) must
cost the reader one page, not the application. So one child process per open document
(preview_worker) holds the PDF, receives its bytes over a pipe (never a temp file), caps its own
memory (RLIMIT_AS) and CPU time per page (RLIMIT_CPU), and renders one page at a time on
request; the parent waits at most `page_timeout` for each. A page that ends the child or
outlasts the wait is refused with a PreviewError, and the next request starts a fresh child,
so the pages after it still show. Pixels per page are bounded (MAX_PIXELS), whatever the zoom.

Framing on the pipes: the PDF as an 8-byte length and its bytes; then each request and reply a
4-byte length and JSON; a rendered page's reply is followed by its RGB pixels.
"""

from __future__ import annotations

import contextlib
import json
import os
import subprocess
import sys
import threading
import time
from dataclasses import dataclass
from typing import Any

from reviewdesk.cases.preview_worker import CONTENT, HEADER, MAX_PIXELS
from reviewdesk.errors import InputError

MEMORY_LIMIT = 1536 * 1024 * 1024  # the child's address space
CPU_PER_PAGE = 20  # seconds of CPU one page may take
PAGE_TIMEOUT = 30.0  # seconds the parent waits for one page (a child stuck without using CPU)

TOO_LARGE_JA = "このページは大きすぎるため表示できません"


class PreviewError(InputError):
    """A page (or a PDF) the preview process could not render within its limits."""


@dataclass(frozen=True)
class RenderedPage:
    width: int
    height: int
    rgb: bytes | bytearray  # width × height × 3 bytes, rows top to bottom


class _Dead(Exception):
    """The child ended, or did not answer in time."""


class PreviewProcess:
    """One document's preview child. Thread-safe (one request at a time); close() when done."""

    def __init__(self, content: bytes, *, memory_limit: int = MEMORY_LIMIT,
                 cpu_per_page: int = CPU_PER_PAGE, page_timeout: float = PAGE_TIMEOUT) -> None:
        self._content = content
        self._memory, self._cpu, self._timeout = memory_limit, cpu_per_page, page_timeout
        self._child: subprocess.Popen[bytes] | None = None
        self._lock = threading.Lock()
        self._pages: int | None = None
        self._sizes: list[tuple[float, float]] = []
        self._closed = False
        self.restarts = 0  # children started after the first (one per refused page)
        self.last_exit: int | None = None  # how the last child that failed ended (-9: killed)

    # The child ------------------------------------------------------------------------------

    def _start(self) -> subprocess.Popen[bytes]:
        if self._closed:
            raise PreviewError("the preview was closed", ja="表示を終了しました")
        if self._child is not None:
            return self._child
        if self._pages is not None:
            self.restarts += 1
        child = subprocess.Popen(
            [sys.executable, "-m", "reviewdesk.cases.preview_worker", str(self._memory), str(self._cpu)],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, close_fds=True)
        self._child = child
        try:
            assert child.stdin is not None
            child.stdin.write(CONTENT.pack(len(self._content)))
            child.stdin.write(self._content)
            child.stdin.flush()
            header = self._header(child, time.monotonic() + self._timeout)
        except (_Dead, OSError):
            self._kill()
            raise PreviewError("the PDF cannot be opened for preview",
                               ja="このPDFは表示できません") from None
        if not header.get("ok"):
            self._kill()
            raise PreviewError("the PDF cannot be read", ja="このPDFは表示できません")
        self._pages = int(header["pages"])
        self._sizes = [(float(w), float(h)) for w, h in header.get("sizes", [])]
        return child

    def _kill(self) -> None:
        child, self._child = self._child, None
        if child is None:
            return
        if child.poll() is None:
            child.kill()
        self.last_exit = child.wait()
        for pipe in (child.stdin, child.stdout):
            if pipe is not None:
                with contextlib.suppress(OSError):
                    pipe.close()

    def close(self) -> None:
        """Ends the child at once, even while a page renders on another thread (that render
        then fails); nothing starts another."""
        self._closed = True
        child = self._child
        if child is not None and child.poll() is None:
            child.kill()
        if self._lock.acquire(blocking=False):
            try:
                self._kill()
            finally:
                self._lock.release()

    def __enter__(self) -> PreviewProcess:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    @property
    def alive(self) -> bool:
        return self._child is not None and self._child.poll() is None

    # Requests -------------------------------------------------------------------------------

    def page_sizes(self) -> list[tuple[float, float]]:
        """Each page's (width, height) in points (starting the child if needed)."""
        with self._lock:
            self._start()
            return list(self._sizes)

    def page_count(self) -> int:
        """The number of pages (starting the child if needed)."""
        with self._lock:
            self._start()
            assert self._pages is not None
            return self._pages

    def render(self, page: int, scale: float = 1.0) -> RenderedPage:
        """One page as RGB pixels at about `scale` (1.0 = 72 dpi), lowered to stay within
        MAX_PIXELS. A page over the limits raises PreviewError and ends this child; the next
        call starts another."""
        with self._lock:
            child = self._start()
            request = json.dumps({"page": page, "scale": scale}).encode()
            deadline = time.monotonic() + self._timeout
            try:
                assert child.stdin is not None
                child.stdin.write(HEADER.pack(len(request)) + request)
                child.stdin.flush()
                header = self._header(child, deadline)
                if not header.get("ok"):
                    if header.get("error") == "no_page":
                        raise PreviewError(f"no page {page + 1}", ja=f"{page + 1}ページ目はありません")
                    raise _Dead
                width, height, length = int(header["width"]), int(header["height"]), int(header["length"])
                if width * height > MAX_PIXELS or length != width * height * 3:
                    raise _Dead  # a child that breaks the protocol is not trusted further
                rgb = self._read(child, length, deadline)
            except (_Dead, OSError):
                self._kill()
                raise PreviewError(f"page {page + 1} is too large or too complex to display",
                                   ja=TOO_LARGE_JA) from None
            return RenderedPage(width, height, rgb)

    def _header(self, child: subprocess.Popen[bytes], deadline: float) -> dict[str, Any]:
        (size,) = HEADER.unpack(self._read(child, HEADER.size, deadline))
        if size > 1 << 20:
            raise _Dead
        header = json.loads(self._read(child, size, deadline))
        if not isinstance(header, dict):
            raise _Dead
        return header

    def _read(self, child: subprocess.Popen[bytes], n: int, deadline: float) -> bytearray:
        """n bytes from the child, or _Dead if it ends or the deadline passes first."""
        assert child.stdout is not None
        fd = child.stdout.fileno()
        data = bytearray(n)  # read into place: a 120 MB page is not copied on the way
        view, done = memoryview(data), 0
        while done < n:
            remaining = deadline - time.monotonic()
            if remaining <= 0 or not _readable(fd, remaining):
                raise _Dead
            if hasattr(os, "readv"):
                got = os.readv(fd, [view[done:done + (1 << 20)]])
            else:  # Windows
                part = os.read(fd, min(n - done, 1 << 20))
                got = len(part)
                view[done:done + got] = part
            if not got:
                raise _Dead
            done += got
        view.release()
        return data


def _readable(fd: int, timeout: float) -> bool:
    if os.name == "posix":
        import select

        ready, _, _ = select.select([fd], [], [], timeout)
        return bool(ready)
    return True  # Windows pipes do not select: the read blocks, the child's own end still comes
