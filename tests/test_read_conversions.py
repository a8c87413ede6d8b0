"""Plain-text conversions of web pages: Markdown (html2text, pandoc) and ``lynx -dump``."""

from __future__ import annotations

from factsheet import read

MARKDOWN = """# U.S. Relations With Peru

**Bureau of Western Hemisphere Affairs**
Fact Sheet
January 25, 2017

More information about Peru is available on the [Peru Page](https://www.state.gov/peru) and from other Department of State publications and other sources listed at the end of this fact sheet.

### U.S.-PERU RELATIONS ###

The United States established diplomatic relations with Peru in 1827 following Peru's independence from Spain.

### Bilateral Representation

The U.S. Ambassador to Peru is Brian A. Nichols; other principal embassy officials are listed in the Department's [Key Officers List](https://www.state.gov/key).

More information about Peru is available from the Department of State and other sources, some of which are listed here:

  * [Department of State Peru Page](https://www.state.gov/p/wha/ci/pe/)
  * [Travel Information](https://travel.state.gov/)
"""

LYNX = """                            U.S. Relations With Peru

   Bureau of Western Hemisphere Affairs
   Fact Sheet
   January 25, 2017

   More information about Peru is available on the [1]Peru Page and from
   other Department of State publications and other sources listed at the
   end of this fact sheet.

U.S.-PERU RELATIONS

   The United States established diplomatic relations with Peru in 1827
   following Peru's independence from Spain. The two countries have strong,
   positive and cooperative relations, and they work together on trade and
   security.

Bilateral Representation

   The U.S. Ambassador to Peru is Brian A. Nichols; other principal embassy
   officials are listed in the Department's [2]Key Officers List.

   More information about Peru is available from the Department of State
   and other sources, some of which are listed here:
     * [3]Department of State Peru Page
     * [4]Travel Information

References

   1. https://www.state.gov/peru
   2. https://www.state.gov/key
"""


def check(text: str) -> None:
    doc = read(text.encode())
    assert (doc.title, doc.country, doc.bureau, doc.kind, doc.published) == (
        "U.S. Relations With Peru", "PE", "Bureau of Western Hemisphere Affairs", "fact_sheet",
        "2017-01-25")
    assert [s.heading for s in doc.sections] == ["U.S.-PERU RELATIONS", "Bilateral Representation"]
    for section in doc.sections:
        assert doc.text[section.start:section.end].startswith(section.heading)
    assert doc.links == ("Department of State Peru Page", "Travel Information")
    assert [doc.text[b.start:b.end] for b in doc.blocks if b.kind == "link"] == list(doc.links)


def test_markdown() -> None:
    check(MARKDOWN)


def test_lynx_dump() -> None:
    check(LYNX)
    doc = read(LYNX.encode())
    first = [doc.text[s.start:s.end] for s in doc.sentences if s.section == "U.S.-PERU RELATIONS"]
    assert len(first) == 2 and first[0].endswith("independence from Spain.")
