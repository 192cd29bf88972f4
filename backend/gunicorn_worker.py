"""gunicorn's sync worker, without waiting for the client to close a finished connection.

A sync worker serves one connection at a time and closes it after the response. In the
gunicorn we pin (27) it closes "gracefully" (`gunicorn.util.close_graceful`, RFC 9112
section 9.6): it half-closes, then blocks reading until the client closes its side too,
for up to 2 s. That protects a response from being cut short by a TCP reset, which the kernel
sends when a socket is closed with request bytes still unread. But the worker can do
nothing else while it waits, and under load the wait was a tenth of its time: the client
must first be scheduled to read the answer (docs/performance.md, "Selfie writes").

This worker closes at once when there is nothing to drain: the request was read to its
last byte and the kernel holds nothing more from the client. Then closing sends a plain
FIN, the client reads all of the answer, and lingering would only have waited. In every
other case (an unread or chunked body, a pipelined request, bytes waiting in the kernel,
an error, TLS in gunicorn itself) gunicorn's own graceful close runs as before.
"""

from __future__ import annotations

import array
import contextlib
import fcntl
import socket
import termios
from typing import Any

from gunicorn.http.body import LengthReader
from gunicorn.workers.sync import SyncWorker


def read_to_the_end(req: Any) -> bool:
    """Whether gunicorn read all of this request, and nothing after it, from the socket."""
    body = getattr(req, "body", None)
    reader = getattr(body, "reader", None)
    if not isinstance(reader, LengthReader) or reader.length != 0:
        return False  # a chunked or unread body: leave it to the graceful close
    return not req.unreader.buf.getbuffer().nbytes  # no pipelined bytes read ahead


def nothing_pending(sock: socket.socket) -> bool:
    """Whether the kernel holds no unread bytes from the client."""
    count = array.array("i", [0])
    try:
        fcntl.ioctl(sock.fileno(), termios.FIONREAD, count, True)
    except (OSError, ValueError):
        return False
    return count[0] == 0


class QuickCloseSyncWorker(SyncWorker):
    """`SyncWorker` that skips the linger when the connection has nothing left to drain."""

    def handle_request(self, listener: Any, req: Any, client: Any, addr: Any) -> None:
        super().handle_request(listener, req, client, addr)
        # Only here when the whole response was written; gunicorn's graceful close runs
        # next and, when the socket is closed here, finds it closed and does nothing.
        # With TLS in gunicorn itself, decrypted bytes may wait in the TLS layer, where
        # FIONREAD does not see them: that keeps the graceful close (TLS normally ends
        # at the proxy in front, docs/docker.md).
        if not self.cfg.is_ssl and read_to_the_end(req) and nothing_pending(client):
            with contextlib.suppress(OSError):
                client.shutdown(socket.SHUT_WR)
            client.close()
