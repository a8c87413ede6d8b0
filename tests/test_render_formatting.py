"""Numbers, dates, names, phones and addresses in the genre's form."""

from __future__ import annotations

import pytest

from factsheet.render import formatting as fmt


@pytest.mark.parametrize(
    ("value", "text"),
    [(14e9, "$14 billion"), (1.1e9, "$1.1 billion"), (8.5e8, "$850 million"), (1.25e9, "$1.25 billion"),
     (8.8e9, "$8.8 billion"), (2.5e12, "$2.5 trillion"), (12500, "$12,500"), (-3e9, "-$3 billion")],
)
def test_money(value: float, text: str) -> None:
    assert fmt.money(value) == text


def test_counts_dates_percent() -> None:
    assert fmt.count(500000) == "500,000"
    assert fmt.count(4_000_000) == "4 million"
    assert fmt.count(1_234_567) == "1,234,567"
    assert fmt.date("2016-07-28") == "July 28, 2016"
    assert fmt.date("2016-07") == "July 2016"
    assert fmt.date("1827") == "1827"
    assert fmt.percent(0.258) == "25.8 percent"


@pytest.mark.parametrize(
    ("raw", "name"),
    [
        ("Pedro Pablo KUCZYNSKI Godard", "Pedro Pablo Kuczynski"),
        ("XI Jinping", "Xi Jinping"),
        ("KIM Jong Un", "Kim Jong Un"),
        ("Luiz Inacio LULA DA SILVA", "Luiz Inacio Lula da Silva"),
        ("Joseph R. BIDEN Jr.", "Joseph R. Biden Jr."),
        ("King CHARLES III", "King Charles III"),
        ("LEO XIV", "Leo XIV"),
        ("Sr. Gen. MIN AUNG HLAING", "Min Aung Hlaing"),
        ('Ferdinand "BongBong" MARCOS, Jr', "Ferdinand Marcos Jr."),
        ("Tamim bin Hamad AL THANI", "Tamim bin Hamad Al Thani"),
        ("H. Martin McDOWELL", "H. Martin McDowell"),
        ("Denis SASSOU-Nguesso", "Denis Sassou-Nguesso"),
        ("Nuri al-MALIKI", "Nuri al-Maliki"),
        ("J.D. Vance", "J.D. Vance"),
        ("Daniel L. Shields 3rd", "Daniel L. Shields III"),
        ("Ms. Farzian ZAINAL", "Farzian Zainal"),
        ("Brian A. Nichols", "Brian A. Nichols"),
        ("Conor O'BRIEN", "Conor O'Brien"),
        ("Jean-Claude JUNCKER-MULLER", "Jean-Claude Juncker-Muller"),
    ],
)
def test_person_name_normal_case(raw: str, name: str) -> None:
    assert fmt.person_name(raw) == name


def test_phone_and_address() -> None:
    assert fmt.phone("+12028339860") == "(202) 833-9860"
    assert fmt.phone("not a number") == "not a number"
    assert fmt.address("1700 Massachusetts Avenue NW") == "1700 Massachusetts Avenue, NW"
    assert fmt.address("1700 Massachusetts Avenue, NW") == "1700 Massachusetts Avenue, NW"
    assert fmt.address("2 Main Street") == "2 Main Street"
    assert fmt.split_suite("1233 20th Street, NW, Suite 400") == ("1233 20th Street, NW", "Suite 400")
    assert fmt.split_suite("685 Third Avenue, Suite 1102, 11th Floor") == ("685 Third Avenue", "Suite 1102, 11th Floor")
    assert fmt.base_title("Acting President") == "President" and fmt.base_title("Crown Prince") == "Crown Prince"
    assert fmt.person_name("Maj.Gen. Muhammadu BUHARI") == "Muhammadu Buhari"
    assert fmt.person_name("Air Chief Marshall Sir John CHESHIRE") == "John Cheshire"
    assert fmt.person_name("Ayatollah Ali HOSEINI-KHAMENEI") == "Ali Hoseini-Khamenei"
    assert fmt.base_title("Co-prince") == "Co-prince"  # Andorra: a title of its own, as the extractor reads it
    assert fmt.plausible_name("Jose Enrique Jeri") and not fmt.plausible_name("Of the Pontifical Commission")


def test_phone_fast_path_agrees_with_phonenumbers() -> None:
    import phonenumbers

    for e164 in ("+12028339860", "+12026586500", "+12129656000", "+18095551234", "+442079304832"):
        number = phonenumbers.parse(e164, None)
        form = (phonenumbers.PhoneNumberFormat.NATIONAL if number.country_code == 1
                else phonenumbers.PhoneNumberFormat.INTERNATIONAL)
        assert fmt.phone(e164) == phonenumbers.format_number(number, form)
    assert fmt.phone("not a number") == "not a number"  # malformed: as given
