"""One exception hierarchy for the whole package.

Every error carries a stable ``code`` and a message that says what was wrong and what to do.
The CLI prints ``error[CODE]: message`` on one line and exits with ``exit_code``::

    FactsheetError                      exit 1
    ├── UsageError                      exit 2   bad option values: dates, countries, formats
    │   ├── InvalidDateError
    │   ├── UnknownCountryError
    │   └── NoSheetError              a place or date no bilateral-relations sheet can speak of
    ├── InputError                      exit 3   a sheet that cannot be read
    │   ├── InputNotFoundError
    │   ├── EmptyInputError
    │   ├── BinaryInputError
    │   ├── InputTooLargeError
    │   ├── EncodingError
    │   ├── NotAFactSheetError
    │   └── WorkBudgetError              a document over its work budget (factsheet.budget)
    ├── RuleError                       exit 1   an extraction rule that fails its schema
    ├── ReferenceDataError              exit 4   missing or malformed reference data
    └── StoreError                      exit 5   a database that cannot be opened or written
        └── StoreNotFoundError                   a reading command given a database that does not exist
"""

from __future__ import annotations


class FactsheetError(Exception):
    """Base class: ``code`` is stable across releases, ``exit_code`` is what the CLI returns."""

    code = "E-FACTSHEET"
    exit_code = 1

    def __init__(self, message: str, *, code: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        if code is not None:
            self.code = code

    def __str__(self) -> str:
        return self.message


class UsageError(FactsheetError):
    code = "E-USAGE"
    exit_code = 2


class InvalidDateError(UsageError):
    code = "E-USAGE-DATE"


class UnknownCountryError(UsageError):
    code = "E-USAGE-COUNTRY"


class NoSheetError(UsageError):
    """A known place that is not a foreign country with relations (Puerto Rico, Antarctica), or a
    date before the sources say anything about it (Peru in 1800)."""

    code = "E-USAGE-NO-SHEET"


class InputError(FactsheetError):
    code = "E-INPUT"
    exit_code = 3


class InputNotFoundError(InputError):
    code = "E-INPUT-NOT-FOUND"


class EmptyInputError(InputError):
    code = "E-INPUT-EMPTY"


class BinaryInputError(InputError):
    code = "E-INPUT-BINARY"


class InputTooLargeError(InputError):
    code = "E-INPUT-TOO-LARGE"


class EncodingError(InputError):
    code = "E-INPUT-ENCODING"


class NotAFactSheetError(InputError):
    code = "E-INPUT-NOT-A-SHEET"


class WorkBudgetError(InputError):
    """A document over its work budget (sentences, claims, findings): no sheet is that big,
    and the work is refused before it can stall a server (see ``factsheet.budget``)."""

    code = "E-INPUT-BUDGET"


class RuleError(FactsheetError):
    code = "E-RULE"


class ReferenceDataError(FactsheetError):
    code = "E-REFDATA"
    exit_code = 4


class StoreError(FactsheetError):
    code = "E-STORE"
    exit_code = 5


class StoreNotFoundError(StoreError):
    """A reading command was pointed at a database that does not exist (never created)."""

    code = "E-STORE-NOT-FOUND"


__all__ = [
    "BinaryInputError",
    "EmptyInputError",
    "EncodingError",
    "FactsheetError",
    "InputError",
    "InputNotFoundError",
    "InputTooLargeError",
    "InvalidDateError",
    "NotAFactSheetError",
    "ReferenceDataError",
    "RuleError",
    "StoreError",
    "StoreNotFoundError",
    "UnknownCountryError",
    "UsageError",
    "WorkBudgetError",
]
