"""``factsheet serve``'s HTTP protocol: a client slow to send its request head is cut off."""

from __future__ import annotations

import socket
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import httpx
import pytest
from conftest import live_server

from factsheet.web import create_app
from factsheet.web.protocol import UVICORN_OPTIONS, HeadTimeoutProtocol

HEAD = b"GET /api/countries HTTP/1.1\r\nHost: localhost\r\nUser-Agent: a-slow-client/1.0\r\n\r\n"


def _trickle(url: str, head: bytes) -> int:
    """Send ``head`` one byte at a time (waiting up to 0.1 s for an answer after each); the bytes
    sent before the server closed the connection, or len(head) + the answer's first byte."""
    parts = urlsplit(url)
    with socket.create_connection((parts.hostname, parts.port)) as sock:
        sock.settimeout(0.1)
        for sent in range(len(head)):
            try:
                sock.sendall(head[sent:sent + 1])
                if sock.recv(1) == b"":
                    return sent + 1  # the server closed the connection
            except TimeoutError:
                continue
            except OSError:  # reset: closed too
                return sent
            return len(head) + 1  # the server answered
    return len(head)


@pytest.fixture
def server(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    monkeypatch.setattr(HeadTimeoutProtocol, "head_seconds", 1.0)
    with live_server(create_app(store=str(tmp_path / "s.db"), check_workers=0),
                     **UVICORN_OPTIONS) as url:
        yield url


def test_a_client_sending_its_head_byte_by_byte_is_disconnected(server: str) -> None:
    # 85 bytes at most 0.1 s apart take over 1 s: the server closes before the head is complete
    sent = _trickle(server, HEAD)
    assert sent < len(HEAD), "the server waited for the whole slow head"
    assert sent > 0


def test_a_client_sending_its_head_at_once_is_answered_and_kept_alive(server: str) -> None:
    with httpx.Client(base_url=server) as client:
        for _ in range(3):  # the head deadline is armed again after each response
            assert client.get("/api/countries").status_code == 200


def test_an_unfinished_head_larger_than_the_limit_is_refused(server: str) -> None:
    # no blank line ending the head: the server buffers it only up to the limit, then says 400
    huge = b"GET / HTTP/1.1\r\nHost: x\r\nX-Pad: " + b"a" * (
        UVICORN_OPTIONS["h11_max_incomplete_event_size"] + 10)
    parts = urlsplit(server)
    with socket.create_connection((parts.hostname, parts.port), timeout=10) as sock:
        sock.sendall(huge)
        assert sock.recv(100).startswith(b"HTTP/1.1 400")
