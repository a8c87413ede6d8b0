"""Web pages saved as one file (MHTML, ``.mht``/``.mhtml``): the HTML part, decoded.

Browsers' "save as single file" wraps the page in a MIME multipart/related message, with the HTML
quoted-printable or base64 encoded. The standard library's e-mail parser unpacks it.
"""

from __future__ import annotations

import codecs
import email.parser
import email.policy
import re

from ..errors import NotAFactSheetError
from .decode import decode

_MHTML = re.compile(rb"^(?:[\w-]+:[^\n]*\r?\n|[ \t][^\n]*\r?\n)*?Content-Type:\s*multipart/related", re.I)


def looks_like_mhtml(raw: bytes) -> bool:
    head = raw[:4096]
    return b"MIME-Version" in head and bool(_MHTML.match(head))


def unpack_mhtml(raw: bytes, name: str) -> tuple[str, str]:
    """Return ``(html, encoding)`` of the archive's first HTML part."""
    message = email.parser.BytesParser(policy=email.policy.compat32).parsebytes(raw)
    for part in message.walk():
        if part.get_content_type() != "text/html":
            continue
        payload = part.get_payload(decode=True)
        if not isinstance(payload, bytes):
            continue
        charset = part.get_content_charset()
        if charset:
            try:
                codecs.lookup(charset)
                return payload.decode(charset), f"mhtml {charset}"
            except (LookupError, UnicodeDecodeError):
                pass
        html, encoding = decode(payload, name)
        return html, f"mhtml {encoding}"
    raise NotAFactSheetError(
        f"{name} is a saved web archive (MHTML) with no HTML page in it: it is not a fact sheet."
    )


_LOCATION = re.compile(rb"^(?:Snapshot-)?Content-Location:\s*(\S+)", re.I | re.M)


def mhtml_location(raw: bytes) -> str | None:
    """The address a saved page came from (its first Content-Location), for dating it."""
    m = _LOCATION.search(raw[:65536])
    return m.group(1).decode("ascii", "replace") if m else None
