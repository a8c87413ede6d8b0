"""Name matching across accents, capitalized surnames and second surnames; address and phone
normalization of the embassy checker."""

from __future__ import annotations

import pytest

from factsheet.check.embassy import compare, normalize_address, phone_ranges
from factsheet.check.holders import parse_people
from factsheet.check.names import display_name, names_match


@pytest.mark.parametrize(("claimed", "source"), [
    ("Pedro Pablo Kuczynski", "Pedro Pablo KUCZYNSKI Godard"),
    ("Kuczynski", "Pedro Pablo KUCZYNSKI Godard"),
    ("José Enrique Jerí", "José Enrique JERÍ Oré"),
    ("Jose Enrique Jeri Ore", "Jos&eacute; Enrique JER&Iacute; Or&eacute;"),
    ("Brian A. Nichols", "Brian A. NICHOLS"),
    ("Brian Nichols", "Brian A. Nichols"),
    ("B. Nichols", "Brian A. Nichols"),
    ("Andrés Manuel López Obrador", "Andres Manuel LOPEZ OBRADOR"),
    ("Kim Jong Un", "KIM Jong Un"),
    ("Stephanie Syptak-Ramnath", "Stephanie SYPTAK-RAMNATH"),
])
def test_names_that_match(claimed: str, source: str) -> None:
    assert names_match(claimed, source)


@pytest.mark.parametrize(("claimed", "source"), [
    ("Pedro Pablo Kuczynski", "Martin Alberto VIZCARRA Cornejo"),
    ("Ollanta Humala", "Pedro Pablo KUCZYNSKI Godard"),
    ("Brian A. Nichols", "Krishna R. Urs"),
    ("Carlos Nichols", "Brian A. NICHOLS"),  # same surname, other person
    ("", "Brian A. NICHOLS"),
])
def test_names_that_do_not_match(claimed: str, source: str) -> None:
    assert not names_match(claimed, source)


def test_display_name() -> None:
    assert display_name("Pedro Pablo KUCZYNSKI Godard") == "Pedro Pablo Kuczynski Godard"
    assert display_name("Jos&eacute; Enrique JER&Iacute; Or&eacute;") == "José Enrique Jerí Oré"
    assert display_name("Stephanie SYPTAK-RAMNATH") == "Stephanie Syptak-Ramnath"
    assert display_name("Brian A. Nichols") == "Brian A. Nichols"


def test_people_of_a_factbook_entry() -> None:
    raw = ("Ambassador-designate Bernardo NAVARRO; Charg&eacute; d&rsquo;Affaires Joan PERKINS "
           "(since 18 April 2025)")
    assert parse_people(raw) == [("Ambassador-designate", "Bernardo NAVARRO", None),
                                 ("Chargé d’Affaires", "Joan PERKINS", "2025-04-18")]
    assert parse_people("Ambassador (vacant); Chargé d'Affaires Joan PERKINS") == [
        ("Chargé d'Affaires", "Joan PERKINS", None)]


def test_addresses_normalize() -> None:
    assert normalize_address("1700 Massachusetts Avenue, NW") == normalize_address(
        "1700 Massachusetts Avenue NW")
    assert normalize_address("1700 Massachusetts Ave. N.W.") == "1700 massachusetts ave nw"
    assert normalize_address("2000 Massachusetts Avenue NW") != normalize_address(
        "1700 Massachusetts Avenue NW")


def test_phone_ranges_cover_numbers() -> None:
    value = {"phones": ["+12028339860"], "phone_ranges": [["+12028339860", "+12028339869"]]}
    assert phone_ranges(value) == [(12028339860, 12028339860), (12028339860, 12028339869)]
    raw_only = {"raw": "chancery: x | telephone: [1] (202) 833-9860 through 9869 | FAX: [1] (202) 659-8124"}
    ranges = phone_ranges(raw_only)
    assert (12028339860, 12028339869) in ranges
    same, differ = compare({"phone": "+12028339865", "postal_code": "20036-1234",
                            "address": "1700 Massachusetts Avenue, NW"},
                           {"address": "1700 Massachusetts Avenue NW", "postal_code": "20036",
                            "phone_ranges": [["+12028339860", "+12028339869"]]})
    assert differ == [] and set(same) == {"address", "postal code", "telephone"}
    _, differ = compare({"phone": "+12028339870"},
                        {"phone_ranges": [["+12028339860", "+12028339869"]]})
    assert differ == ["telephone"]


def test_nicknames_and_suffixes() -> None:
    assert names_match("Ted Osius", "Theodore G. Osius III")
    assert names_match("Jeff Daigle", 'John "Jeff" Daigle')
    assert not names_match("Ted Osius", "Robert OSIUS")
    assert display_name("Brian Francis BURCH II") == "Brian Francis Burch II"


def test_skeleton_is_the_substitutions_made_one_after_another() -> None:
    """skeleton() makes its one-letter substitutions in one pass and collapses runs without a
    regex: the same as the plain definition (each substitution in turn, then the vowels, then
    runs of one letter) on every short word over the letters involved."""
    import itertools
    import re

    from factsheet.check.names import _SKELETON_SUBS, fold, skeleton

    def plain(word: str) -> str:
        w = fold(word).replace(" ", "")
        for a, b in _SKELETON_SUBS:
            w = w.replace(a, b)
        return re.sub(r"(.)\1+", r"\1", re.sub(r"[aeiou]", "", w))

    for n in range(1, 5):
        for letters in itertools.product("adzhcstwyqvkpg'e", repeat=n):
            word = "".join(letters)
            assert skeleton.__wrapped__(word) == plain(word), word
    for word in ("Chong-il", "Jong Il", "Abdallah", "Abdullah", "DZHAKSYBEKOV", "Rouhani", "Éttienne"):
        assert skeleton(word) == plain(word)


def test_could_match_is_false_only_where_names_do_not_match() -> None:
    from factsheet.check.names import could_match, names_match

    names = ["Brian A. Nichols", "Brian NICHOLS", "Jane Q. Roe", "KIM Jong Un", "Kim Jong-un",
             "Pedro Pablo KUCZYNSKI Godard", "Pedro Pablo Kuczynski", "De Laurentis", "DELAURENTIS",
             "Ted Osius", "Theodore G. Osius III", "Hassan ROUHANI", "Hassan Rohani", ""]
    for a in names:
        for b in names:
            if names_match(a, b):
                assert could_match(a, b), (a, b)
    assert not could_match("Jane Q. Roe", "Brian A. Nichols")


def test_could_match_either_is_could_match_both_ways() -> None:
    from factsheet.check.names import could_match, could_match_either

    names = ["Brian A. Nichols", "Brian NICHOLS", "Jane Q. Roe", "KIM Jong Un", "Kim Jong-un",
             "De Laurentis", "DELAURENTIS", "Ted Osius", "Hassan ROUHANI", "Jane Ab RoeAb",
             "Jane Eb RoeEb", "Mr.", ""]
    for a in names:
        for b in names:
            assert could_match_either(a, b) == (could_match(a, b) or could_match(b, a)), (a, b)
