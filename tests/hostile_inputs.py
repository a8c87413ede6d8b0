"""Generators of hostile and careless inputs (issue 14), shared by the tests and bench/hostile.py.

Each generator takes a size ``n`` and returns bytes whose length grows in proportion to ``n``;
each aims at one spot where work could grow faster than the input (a regex that backtracks, a
comparison of every claim with every other, a scan per match) or where a foreign exception could
escape (characters lxml refuses). The sentences are written for this project.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

EXAMPLE = Path(__file__).resolve().parent.parent / "factsheet" / "data" / "examples" / "peru-2017.txt"

HEAD = ("U.S. Relations With Peru\n\nBureau of Western Hemisphere Affairs\nFact Sheet\n"
        "February 2, 2017\n\n")
HTML_HEAD = ("<html><head><title>U.S. Relations With Peru</title></head><body><main>"
             "<h1>U.S. Relations With Peru</h1><p>Bureau of Western Hemisphere Affairs</p>"
             "<p>February 2, 2017</p><h2>Bilateral Representation</h2>")


def html_comments(n: int) -> bytes:
    """A run of comments, then text: the old sniffing regex backtracked exponentially."""
    return ("<!-- a -->" * n + "x").encode()


def html_comments_then_sheet(n: int) -> bytes:
    return ("<!-- saved -->\n" * n + HTML_HEAD + "<p>The U.S. Ambassador to Peru is Jane Roe.</p>"
            "</main></body></html>").encode()


def html_attributes(n: int) -> bytes:
    """One element with n attributes: libxml2 is quadratic in them."""
    attrs = " ".join(f"data-a{i}=\"{i}\"" for i in range(n))
    return (HTML_HEAD + f"<p {attrs}>The U.S. Ambassador to Peru is Jane Roe.</p>"
            "</main></body></html>").encode()


def html_attributes_quoted_gt(n: int) -> bytes:
    """Attributes whose values hide '>' and '<' (a scan that ignores quotes is fooled)."""
    attrs = "".join(f"a{i}=\"<>\"" for i in range(n))
    return (HTML_HEAD + f"<div {attrs}><p>The U.S. Ambassador to Peru is Jane Roe.</p></div>"
            "</main></body></html>").encode()


def html_noncharacters(n: int) -> bytes:
    """Noncharacters in text and tails, a control now and then: lxml refuses them (too many
    controls and the reader calls the file binary before lxml sees it)."""
    bad = ["\uffff", "\ufffe", "\ufdd0", "\U0010ffff", "\ufffe\uffff"]
    parts = [HTML_HEAD]
    for i in range(n):
        control = "\x0b" if i % 40 == 0 else ""
        parts.append(f"<p>Peru{bad[i % len(bad)]} and the United States <b>work</b>"
                     f"{bad[(i + 3) % len(bad)]}{control} together on trade.</p>")
    parts.append("</main></body></html>")
    return "".join(parts).encode("utf-8")


def html_lone_surrogates(n: int) -> bytes:
    """UTF-16 with unpaired surrogates: the decoder's error, not lxml's."""
    text = HTML_HEAD + "<p>Peru \ud800 and the United States.</p>" * n + "</main></body></html>"
    return b"\xff\xfe" + text.encode("utf-16-le", errors="surrogatepass")


def html_nested(n: int) -> bytes:
    """Elements nested n deep (a recursive walk would overflow the stack)."""
    return (HTML_HEAD + "<div>" * n + "<p>The U.S. Ambassador to Peru is Jane Roe.</p>"
            + "</div>" * n + "</main></body></html>").encode()


def alternating_ambassadors(n: int) -> bytes:
    """n sentences naming two ambassadors in turn: n² conflicts if every pair is a finding."""
    names = ("Jane Q. Roe", "Brian A. Nichols")
    body = " ".join(f"The U.S. Ambassador to Peru is {names[i % 2]}." for i in range(n))
    return (HEAD + "Bilateral Representation\n\n" + body + "\n").encode()


def distinct_ambassadors(n: int) -> bytes:
    """n ambassadors with n different names."""
    body = " ".join(f"The U.S. Ambassador to Peru is Jane {_word(i)} Roe{_word(i)}." for i in range(n))
    return (HEAD + "Bilateral Representation\n\n" + body + "\n").encode()


def money_run(n: int) -> bytes:
    """One sentence of n dollar amounts."""
    amounts = ", ".join(f"${i % 97 + 1}.{i % 10} billion in {1990 + i % 30}" for i in range(n))
    return (HEAD + "Bilateral Economic Relations\n\nU.S. exports to Peru were " + amounts + ".\n").encode()


def trade_same_year(n: int) -> bytes:
    """n trade figures for one year and flow with different values (part/total checks)."""
    body = " ".join(
        f"U.S. {'agricultural ' if i % 3 == 0 else ''}exports to Peru were ${i + 1} billion in 2015."
        for i in range(n))
    return (HEAD + "Bilateral Economic Relations\n\n" + body + "\n").encode()


def agreement_dates(n: int) -> bytes:
    """One agreement signed in n different years."""
    body = " ".join(f"The U.S.-Peru Trade Promotion Agreement (TPA) was signed in {1900 + i % 120}."
                    for i in range(n))
    return (HEAD + "U.S.-Peru Relations\n\n" + body + "\n").encode()


def accredited_chain(n: int) -> bytes:
    """A chain of "is also accredited to …" in one sentence."""
    chain = ", ".join("who is also accredited to Bolivia and Ecuador" for _ in range(n))
    return (HEAD + "Bilateral Representation\n\nThe U.S. Ambassador to Peru, Jane Roe, " + chain + ".\n").encode()


def accredited_sentences(n: int) -> bytes:
    body = " ".join("The U.S. Ambassador to Bolivia is also accredited to Peru and resides in La Paz;"
                    for _ in range(n))
    return (HEAD + "Bilateral Representation\n\n" + body + "\n").encode()


def future_tense(n: int) -> bytes:
    """Sentences in the future tense about past dates (each is a finding)."""
    body = " ".join(f"Peru will host the summit in December {1990 + i % 20} with the United States."
                    for i in range(n))
    return (HEAD + "U.S.-Peru Relations\n\n" + body + "\n").encode()


def long_sentence(n: int) -> bytes:
    """One sentence of n words without a stop."""
    return (HEAD + "U.S.-Peru Relations\n\n" + " ".join(f"word{i % 50}" for i in range(n)) + "\n").encode()


def short_sentences(n: int) -> bytes:
    return (HEAD + "U.S.-Peru Relations\n\n" + "Peru grows. " * n + "\n").encode()


def membership_list(n: int) -> bytes:
    orgs = ["the United Nations", "the Organization of American States", "the World Bank",
            "the International Monetary Fund", "the World Trade Organization"]
    listed = ", ".join(orgs[i % len(orgs)] for i in range(n))
    return (HEAD + "Peru's Membership in International Organizations\n\nPeru and the United States "
            "belong to a number of the same international organizations, including " + listed + ".\n").encode()


def glued_sheets(n: int) -> bytes:
    """The bundled example sheet n times in one file."""
    return b"\n\n".join([EXAMPLE.read_bytes()] * n)


def _word(i: int) -> str:
    letters = "abcdefghijklmnopqrstuvwxyz"
    out = ""
    i += 1
    while i:
        i, r = divmod(i - 1, 26)
        out = letters[r] + out
    return out.capitalize()


#: name → (generator, a size for a quick run of about 20–60 KB)
GENERATORS: dict[str, tuple[Callable[[int], bytes], int]] = {
    "html_comments": (html_comments, 3000),
    "html_comments_then_sheet": (html_comments_then_sheet, 2000),
    "html_attributes": (html_attributes, 3000),
    "html_attributes_quoted_gt": (html_attributes_quoted_gt, 3000),
    "html_noncharacters": (html_noncharacters, 500),
    "html_lone_surrogates": (html_lone_surrogates, 500),
    "html_nested": (html_nested, 3000),
    "alternating_ambassadors": (alternating_ambassadors, 500),
    "distinct_ambassadors": (distinct_ambassadors, 500),
    "money_run": (money_run, 1000),
    "trade_same_year": (trade_same_year, 500),
    "agreement_dates": (agreement_dates, 400),
    "accredited_chain": (accredited_chain, 600),
    "accredited_sentences": (accredited_sentences, 400),
    "future_tense": (future_tense, 500),
    "long_sentence": (long_sentence, 5000),
    "short_sentences": (short_sentences, 3000),
    "membership_list": (membership_list, 800),
    "glued_sheets": (glued_sheets, 12),
}
