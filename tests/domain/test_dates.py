import argparse
import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.cli.dates import date_arg
from app.domain.dates import parse_date

UK_FORMS = ("%Y-%m-%d", "%d/%m/%Y", "%d %b %Y", "%d %B %Y", "%d-%m-%Y", "%d.%m.%Y",
            "%A %d %B %Y", "%a %d %b %Y", "%d %b, %Y")
TWO_DIGIT = ("%d/%m/%y", "%d %b %y")
SUFFIX = {1: "st", 2: "nd", 3: "rd", 21: "st", 22: "nd", 23: "rd", 31: "st"}


def _ordinal(day: dt.date) -> str:
    return f"{day.day}{SUFFIX.get(day.day, 'th')} {day:%B %Y}"


@given(st.dates(min_value=dt.date(1000, 1, 1), max_value=dt.date(9999, 12, 31)),
       st.sampled_from(UK_FORMS))
def test_every_accepted_form_parses_back(day, form):
    assert parse_date(day.strftime(form)) == day


@given(st.dates(min_value=dt.date(1969, 1, 1), max_value=dt.date(2068, 12, 31)),
       st.sampled_from(TWO_DIGIT))
def test_two_digit_years_parse_back_within_the_century_python_reads(day, form):
    assert parse_date(day.strftime(form)) == day


@given(st.dates(min_value=dt.date(1000, 1, 1), max_value=dt.date(9999, 12, 31)))
def test_ordinal_days_parse_back(day):
    assert parse_date(_ordinal(day)) == day
    assert parse_date(f"{day:%A} {_ordinal(day)}") == day


@pytest.mark.parametrize("text", ["2012-11-29", "29/11/2012", "29/11/12", "29 Nov 2012",
                                  "29 November 2012", "29th November 2012",
                                  " Thursday 29th November, 2012 ", "2012-11-29T18:30:00"])
def test_what_a_secretary_types(text):
    assert parse_date(text) == dt.date(2012, 11, 29)


def test_day_month_order_is_always_british():
    assert parse_date("03/04/2013") == dt.date(2013, 4, 3)
    with pytest.raises(ValueError):
        parse_date("11/29/2012")  # US order: there is no 29th month


@pytest.mark.parametrize("text", ["", "soon", "31/13/2012", "30 Feb 2012", "2012-11", "29/11"])
def test_refusals_name_the_text(text):
    with pytest.raises(ValueError, match=f"'{text}' is not a date"):
        parse_date(text)


def test_the_cli_option_type_refuses_clearly():
    assert date_arg("29/11/2012") == dt.date(2012, 11, 29)
    with pytest.raises(argparse.ArgumentTypeError, match="'29/13/2012' is not a date"):
        date_arg("29/13/2012")


def test_a_cli_date_option_exits_2_with_the_reason(capsys):
    from app.cli import parse

    with pytest.raises(SystemExit) as stopped:
        parse(["audit", "list", "--from", "tomorrow"])
    assert stopped.value.code == 2
    assert "'tomorrow' is not a date" in capsys.readouterr().err
    assert parse(["audit", "list", "--from", "1 Apr 2024"]).date_from == dt.date(2024, 4, 1)
