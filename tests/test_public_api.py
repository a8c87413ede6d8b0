import factsheet


def test_all_is_sorted_and_exported() -> None:
    assert factsheet.__all__ == sorted(factsheet.__all__)
    for name in factsheet.__all__:
        assert hasattr(factsheet, name), name
