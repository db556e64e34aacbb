"""Dates read in Moroccan Arabic: ماي، يوليوز، غشت، شتنبر، نونبر، دجنبر."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.template import Context, Template
from django.utils.formats import date_format

MOROCCAN_MONTHS = [
    "يناير", "فبراير", "مارس", "أبريل", "ماي", "يونيو",
    "يوليوز", "غشت", "شتنبر", "أكتوبر", "نونبر", "دجنبر",
]  # fmt: skip


@pytest.mark.parametrize("month", range(1, 13))
def test_every_month_has_its_moroccan_name(month):
    value = datetime(2026, month, 15, 10, 45)
    assert date_format(value, "j F Y") == f"15 {MOROCCAN_MONTHS[month - 1]} 2026"


def test_no_levantine_or_egyptian_month_names_appear():
    rendered = " ".join(date_format(datetime(2026, m, 1), "F N E b") for m in range(1, 13))
    for foreign in ["مايو", "يوليو ", "أغسطس", "سبتمبر", "نوفمبر", "ديسمبر", "آب", "أيلول"]:
        assert foreign not in rendered + " "


def test_article_dateline_format_with_weekday_in_casablanca_time():
    moment = datetime(2026, 11, 30, 9, 45, tzinfo=ZoneInfo("UTC"))
    html = Template('{{ moment|date:"l j F Y - H:i" }}').render(Context({"moment": moment}))
    # Africa/Casablanca is UTC+1 outside Ramadan.
    assert html == "الإثنين 30 نونبر 2026 - 10:45"
