"""Bad input: each gets its own error class, message and exit code, never a traceback."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from conftest import FIXTURES

from factsheet import read
from factsheet.errors import (
    BinaryInputError,
    EmptyInputError,
    EncodingError,
    InputError,
    InputNotFoundError,
    InputTooLargeError,
    NotAFactSheetError,
)

PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00"
NOT_A_SHEET_HTML = b"""<!DOCTYPE html><html><head><meta charset="utf-8"><title>Recipes</title></head>
<body><nav><a href="/">Home</a></nav><main><h1>Lentil Soup</h1>
<p>Rinse the lentils, chop an onion and simmer everything for forty minutes.</p>
<h2>Serving</h2><p>Serve hot with bread and a squeeze of lemon juice on top.</p></main>
<footer>Contact</footer></body></html>"""
BAD_UTF8_HTML = (b'<html><head><meta http-equiv="Content-Type" content="text/html; charset=utf-8">'
                 b"</head><body><h1>U.S. Relations With Peru</h1><p>Peru\x92s coast.</p></body></html>")


def _write(tmp_path: Path, name: str, raw: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(raw)
    return path


def cases(tmp_path: Path) -> dict[str, tuple[Path, type[InputError], str, list[str]]]:
    big = _write(tmp_path, "big.txt", b"U.S. Relations With Peru\n" + b"x" * (5 * 1024 * 1024))
    return {
        "empty": (_write(tmp_path, "empty.txt", b""), EmptyInputError, "is empty", []),
        "blank": (_write(tmp_path, "blank.txt", b"  \n\r\n\t\n"), EmptyInputError, "only white space", []),
        "nul": (_write(tmp_path, "nul.txt", b"U.S. Relations\x00\x01\x02 With Peru\x00"),
                BinaryInputError, "NUL bytes", []),
        "png": (_write(tmp_path, "sheet.txt", PNG), BinaryInputError, "a PNG image", []),
        "too-large": (big, InputTooLargeError, "over the limit of 5,242,880 bytes", []),
        "too-large-custom": (_write(tmp_path, "small.txt", b"U.S. Relations With Peru\n" * 10),
                             InputTooLargeError, "over the limit of 100 bytes", ["--max-bytes", "100"]),
        "directory": (tmp_path, InputNotFoundError, "is a directory", []),
        "missing": (tmp_path / "nope.txt", InputNotFoundError, "does not exist", []),
        "not-a-sheet": (_write(tmp_path, "soup.html", NOT_A_SHEET_HTML), NotAFactSheetError,
                        "no fact sheet in it", []),
        "bad-utf8": (_write(tmp_path, "bad.html", BAD_UTF8_HTML), EncodingError,
                     "declares UTF-8 but byte", []),
    }


NAMES = ["empty", "blank", "nul", "png", "too-large", "too-large-custom", "directory", "missing",
         "not-a-sheet", "bad-utf8"]


@pytest.mark.parametrize("name", NAMES)
def test_library_raises_specific_error(tmp_path: Path, name: str) -> None:
    path, error, message, options = cases(tmp_path)[name]
    kwargs = {"max_bytes": int(options[1])} if options else {}
    with pytest.raises(error, match=message) as info:
        read(path, **kwargs)  # type: ignore[arg-type]
    assert type(info.value) is error
    assert str(path) in info.value.message
    assert "\n" not in info.value.message


@pytest.mark.parametrize("name", NAMES)
def test_cli_exit_code_and_one_line_message(tmp_path: Path, name: str) -> None:
    path, error, message, options = cases(tmp_path)[name]
    run = subprocess.run([sys.executable, "-m", "factsheet", "read", str(path), *options],
                         capture_output=True, text=True)
    code, exit_code = error.code, error.exit_code
    if name == "directory":  # on the command line a folder for a file is a usage error (issue 14)
        code, exit_code = "E-USAGE-DIRECTORY", 2
    assert run.returncode == exit_code
    assert run.stdout == ""
    assert "Traceback" not in run.stderr
    lines = run.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"error[{code}]: ") and message in lines[0]


def test_bytes_input_errors_too() -> None:
    with pytest.raises(EmptyInputError):
        read(b"")
    with pytest.raises(BinaryInputError, match="PNG"):
        read(PNG)
    with pytest.raises(InputTooLargeError):
        read(b"x" * 101, max_bytes=100)
    with pytest.raises(NotAFactSheetError, match="--force"):
        read(NOT_A_SHEET_HTML)


def test_force_reads_a_page_without_a_sheet(tmp_path: Path) -> None:
    doc = read(NOT_A_SHEET_HTML, force=True)
    assert doc.media_type == "html" and doc.title is None and doc.country is None
    assert "Rinse the lentils" in doc.text and "Contact" not in doc.text and "Home" not in doc.text
    path = _write(tmp_path, "soup.html", NOT_A_SHEET_HTML)
    run = subprocess.run([sys.executable, "-m", "factsheet", "read", str(path), "--force"],
                         capture_output=True, text=True)
    assert run.returncode == 0 and "Traceback" not in run.stderr


def test_usage_errors_exit_2() -> None:
    sheet = FIXTURES / "sheets" / "r_vietnam_2016.txt"
    for args in (["--format", "xml"], ["--max-bytes", "0"], ["--max-bytes", "lots"], []):
        argv = [sys.executable, "-m", "factsheet", "read", *([str(sheet)] if args else []), *args]
        run = subprocess.run(argv, capture_output=True, text=True)
        assert run.returncode == 2, args
        assert "Traceback" not in run.stderr


def test_unreadable_file(tmp_path: Path) -> None:
    import os

    if os.geteuid() == 0:
        pytest.skip("root reads every file")
    path = _write(tmp_path, "locked.txt", b"U.S. Relations With Peru\n")
    path.chmod(0)
    with pytest.raises(InputNotFoundError, match="permission denied"):
        read(path)


def test_odd_paths_give_one_line_messages() -> None:
    for source, message in (("a" * 5000, "cannot be read"), ("x\x00y", "does not exist"),
                            ("U.S. Relations With Peru\nBureau", "pass bytes"),
                            ("/dev/null", "not a regular file")):
        with pytest.raises(InputNotFoundError, match=message) as info:
            read(source)
        assert "\n" not in info.value.message and len(info.value.message) < 200


@pytest.mark.parametrize(
    ("raw", "what"),
    [(b"%PDF-1.4\n", "a PDF file"), (b"PK\x03\x04rest", "ZIP archive"),
     (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "Word 97-2003"), (b"bplist00\xd1", "Safari web archive"),
     (b"{\\rtf1\\ansi U.S. Relations With Peru}", "RTF document"), (b"GIF89a", "GIF image")],
)
def test_known_binary_formats_are_named(raw: bytes, what: str) -> None:
    with pytest.raises(BinaryInputError, match=what):
        read(raw)


@pytest.mark.parametrize("encoding", ["utf-8", "utf-16"])
@pytest.mark.parametrize("accent", ["", "é", "’", "\u3000"])
def test_a_text_with_many_control_characters_is_called_binary(encoding: str, accent: str) -> None:
    """More than 1% of the first 4,096 characters (and more than 8) are controls other than tab,
    line and page breaks: binary, whatever the encoding and width of the other characters."""
    body = f"U.S. Relations With Peru{accent} and trade.\n" * 150  # past the 4,096 looked at
    allowed = "\t\n\x0c\r" * 40  # tab, line feed, form feed, carriage return: never counted
    threshold = 4096 // 100  # the first 4,096 characters are looked at
    for controls in (8, threshold, threshold + 1, 3 * threshold):
        text = "".join("\x01\x1f\x7f\x0b"[i % 4] for i in range(controls)) + allowed + body
        raw = text.encode(encoding)
        if controls > threshold:
            with pytest.raises(BinaryInputError, match="looks binary"):
                read(raw)
            continue
        try:
            read(raw)
        except BinaryInputError as exc:
            raise AssertionError(f"{controls} controls called binary") from exc
        except InputError:
            pass  # not a sheet for another reason: not what this test is about
