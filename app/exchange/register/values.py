"""Reading one spreadsheet cell of a risk register as the value it means.

Registers are typed by people: levels come as ``4``, ``"4"``, ``"4.0"``, ``"4 - Likely"`` or
``"Likely"``; scores as ``16``, ``"16 (Extreme)"`` or ``"4 x 4 = 16"``; dates as Excel dates,
``"12/10/2012"`` (British day first), ``"2012-10-12"``, ``"12 Oct 2012"`` or ``"March 2013"``.
Each parser returns the value or raises ``ValueError`` with the reason a user is shown.
A blank cell is ``None`` for every parser; whether a blank is allowed is the caller's rule.
"""

from __future__ import annotations

import datetime as dt
import re

from app.domain import risk as rules
from app.domain.dates import HINT as DATE_HINT
from app.domain.dates import parse_date
from app.domain.risk_descriptors import CONSEQUENCE_DOMAINS, DOMAIN_KEYS
from app.exchange.safe_cells import read_text

# Level words beyond the scheme's own names, as other bodies' registers use them.
# Only unambiguous ones: "Low" or "High" could mean more than one level, so they are refused.
EXTRA_LIKELIHOOD = {"certain": 5, "almost certain": 5}  # the B&NES seed says "Certain"
EXTRA_CONSEQUENCE = {"insignificant": 1}  # for "Negligible" in some bodies' matrices

MONTH_FORMATS = ("%b %Y", "%B %Y", "%b-%y", "%b-%Y", "%B-%y", "%B-%Y", "%m/%Y")
EXCEL_SERIALS = range(20000, 80000)  # 1954 .. 2119: a number in a date column is a serial

YES = {"yes", "y", "true", "1", "x", "✓", "✔", "corporate", "on", "escalated"}
NO = {"no", "n", "false", "0", "", "-", "directorate", "off", "local", "team"}
OPEN_WORDS = {"open", "live", "active", "current", "new", "ongoing", "escalated", "monitoring",
              "in progress", "treat", "tolerate", "accepted"}
CLOSED_WORDS = {"closed", "archived", "retired", "terminated", "resolved", "complete",
                "completed", "inactive", "de-escalated and closed"}
FREQUENCY_WORDS = {"monthly": 1, "bi-monthly": 2, "bimonthly": 2, "every two months": 2,
                   "quarterly": 3, "termly": 4, "four monthly": 4, "six monthly": 6,
                   "6 monthly": 6, "half yearly": 6, "half-yearly": 6, "biannually": 6,
                   "bi-annually": 6, "twice yearly": 6, "annually": 12, "annual": 12,
                   "yearly": 12, "12 monthly": 12}


def text(value) -> str:
    """A cell as text: numbers without a spurious ``.0``, dates as ISO, blanks as "".

    Text that an export made safe from running as a formula (``'=…``, ``''…``: see
    ``app.exchange.safe_cells``) is read back exactly as it was before the export."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    words = str(value)
    unescaped = read_text(words)
    if unescaped != words:
        return unescaped
    return words.replace("\r\n", "\n").replace("\r", "\n").strip()


def is_blank(value) -> bool:
    return text(value) == ""


def _whole_number(value) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, str) and re.fullmatch(r"\s*\d+(\.0+)?\s*", value):
        return int(float(value))
    return None


def level(value, names: tuple[str, ...], extra: dict[str, int]) -> int | None:
    """A likelihood or consequence level 1..5: a number, a number with its name, or a name."""
    if is_blank(value):
        return None
    number = _whole_number(value)
    if number is None:
        words = text(value).lower()
        digits = re.findall(r"\d+(?:\.\d+)?", words)
        if len(digits) == 1:
            number = _whole_number(digits[0])
            if number is None:
                raise ValueError(f"'{text(value)}' is not a whole number")
        else:
            number = _named_level(words, names, extra)
    if number not in rules.LEVELS:
        raise ValueError(f"must be 1 to 5, not {text(value)}")
    return number


def _named_level(words: str, names: tuple[str, ...], extra: dict[str, int]) -> int:
    bare = re.sub(r"[^a-z ]", " ", words)
    bare = " ".join(bare.split())
    known = {n.lower(): i for i, n in enumerate(names, start=1)} | extra
    if bare in known:
        return known[bare]
    shown = ", ".join(f"{i} {n}" for i, n in enumerate(names, start=1))
    raise ValueError(f"'{words}' is not a level; use 1 to 5 ({shown})")


def likelihood(value, scheme: rules.BandScheme) -> int | None:
    return level(value, scheme.likelihood_names, EXTRA_LIKELIHOOD)


def consequence(value, scheme: rules.BandScheme) -> int | None:
    return level(value, scheme.consequence_names, EXTRA_CONSEQUENCE)


SCORE_PAIR = re.compile(r"^\s*([1-5])\s*[x×*]\s*([1-5])\s*(?:=\s*(\d+))?")


def score(value) -> tuple[int | None, tuple[int, int] | None]:
    """A score, and the likelihood × consequence pair when the cell spells it ("4 x 4 = 16")."""
    if is_blank(value):
        return None, None
    number = _whole_number(value)
    if number is not None:
        return _in_range(number, value), None
    words = text(value).lower()
    pair = SCORE_PAIR.match(words)
    if pair:
        lik, con = int(pair.group(1)), int(pair.group(2))
        if pair.group(3) and int(pair.group(3)) != lik * con:
            raise ValueError(f"'{text(value)}': {lik} × {con} is {lik * con}")
        return lik * con, (lik, con)
    digits = re.findall(r"\d+", words)
    if not digits:
        raise ValueError(f"'{text(value)}' is not a score from 1 to 25")
    return _in_range(int(digits[0]), value), None


def _in_range(number: int, value) -> int:
    if number not in rules.POSSIBLE_SCORES:
        raise ValueError(f"{text(value)} is not a likelihood × consequence score "
                         f"(1–25, one of {', '.join(map(str, rules.POSSIBLE_SCORES))})")
    return number


def date(value) -> dt.date | None:
    """A date from an Excel date, an Excel serial number or British-style text."""
    if is_blank(value):
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    number = _whole_number(value) if not isinstance(value, str) else None
    if number is not None and number in EXCEL_SERIALS:
        return dt.date(1899, 12, 30) + dt.timedelta(days=number)
    return _date_text(text(value))


def _date_text(words: str) -> dt.date:
    try:
        return parse_date(words)
    except ValueError:
        pass
    cleaned = re.sub(r"[ ,]+", " ", words.strip()).strip()
    for form in MONTH_FORMATS:
        try:
            first = dt.datetime.strptime(cleaned, form).date()
        except ValueError:
            continue
        # "March 2013" as a target or review date means by the end of that month.
        return rules.month_end(first.year, first.month)
    raise ValueError(f"'{words.strip()}' is not a date; {DATE_HINT}")


def yes_no(value) -> bool | None:
    if value is None:
        return None
    if isinstance(value, bool):
        return value
    words = text(value).lower()
    if words in YES:
        return True
    if words in NO:
        return False
    raise ValueError(f"'{text(value)}' is not yes or no")


def status(value) -> str | None:
    words = " ".join(text(value).lower().split())
    if not words:
        return None
    if words in OPEN_WORDS:
        return "open"
    if words in CLOSED_WORDS:
        return "closed"
    raise ValueError(f"'{text(value)}' is not a status; use Open or Closed")


def frequency(value) -> int | None:
    """Months between reviews: 3, "3 months", "quarterly", "six monthly"."""
    if is_blank(value):
        return None
    number = _whole_number(value)
    words = " ".join(text(value).lower().replace("-", " ").split())
    if number is None:
        number = FREQUENCY_WORDS.get(words) or FREQUENCY_WORDS.get(text(value).lower())
    if number is None and (found := re.fullmatch(r"(?:every )?(\d+) ?(?:months?|monthly)",
                                                 words)):
        number = int(found.group(1))
    if number is None:
        raise ValueError(f"'{text(value)}' is not a review frequency; give months, like 3 "
                         "or quarterly")
    if not 1 <= number <= 24:
        raise ValueError(f"reviews must be due every 1 to 24 months, not {number}")
    return number


def domain_key(value) -> str:
    """A consequence domain by its key ("finance") or its name ("Finance, including claims")."""
    words = " ".join(text(value).lower().split())
    if not words:
        return ""
    for domain in CONSEQUENCE_DOMAINS:
        if words in (domain.key, domain.name.lower()):
            return domain.key
    raise ValueError(f"'{text(value)}' is not a consequence domain; use one of "
                     f"{', '.join(DOMAIN_KEYS)}")


def domain_name(key: str) -> str:
    """How a register shows the domain: its name, which imports back to the same key."""
    return next((d.name for d in CONSEQUENCE_DOMAINS if d.key == key), key)


def short_date(day: dt.date) -> str:
    """How dates are written inside text cells: unambiguous and read back by ``date``."""
    return f"{day.day} {day:%b %Y}"
