"""The one output path: untrusted text cannot style, link or drive the terminal; CSV
cells cannot start formulas; JSON never carries NaN; bad dates and numbers are refused."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from conftest import FIXTURES, SMALL_KB
from rechain.errors import RechainError, UsageError
from rechain.results import Rows, plain, render

HOSTILE = "[bold red]alarm[/] [link=https://evil.example]click[/link]\x1b]0;pwned\x07\x1b[2J\x9b31m\x07end"


def rendered(result: Rows, fmt: str) -> str:
    buffer = io.StringIO()
    render(result, fmt, buffer)
    return buffer.getvalue()


def test_plain_drops_escape_sequences_and_control_characters() -> None:
    assert plain("a\x1b[31mred\x1b[0m\x1b]0;title\x07b\x00c\x85d\te\nf") == "aredbcd\te\nf"


def test_a_table_shows_markup_as_text_and_no_escape_reaches_the_terminal() -> None:
    text = rendered(Rows([{"title": HOSTILE}], title=HOSTILE), "table")
    assert text.count("[bold red]alarm[/]") == 2  # title and cell, printed as written
    assert "[link=https://evil.example]" in text
    assert not any(ch in text for ch in "\x1b\x07\x9b\x00")


def test_csv_cells_cannot_start_a_formula_and_numbers_stay_numbers() -> None:
    rows = [{"part": '=HYPERLINK("http://x")', "who": "@SUM(A1)", "plus": "+1", "delta": -3.5, "text": "a-b"}]
    (row,) = csv.DictReader(io.StringIO(rendered(Rows(rows), "csv")))
    assert row == {
        "part": '\'=HYPERLINK("http://x")',
        "who": "'@SUM(A1)",
        "plus": "'+1",
        "delta": "-3.5",
        "text": "a-b",
    }


def test_csv_of_no_rows_still_has_its_header() -> None:
    assert rendered(Rows([], columns=("date", "type")), "csv") == "date,type\n"


def test_json_refuses_nan_rather_than_writing_invalid_json() -> None:
    with pytest.raises(RechainError, match="JSON cannot carry"):
        rendered(Rows([{"value": float("nan")}]), "json")


def test_a_format_the_result_cannot_take_is_a_usage_error() -> None:
    class JsonOnly(Rows):
        formats = ("json",)

    with pytest.raises(UsageError, match="cannot write csv"):
        rendered(JsonOnly([{"a": 1}]), "csv")


def test_article_text_from_the_news_is_printed_as_plain_text(cli, tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'store.sqlite'}"
    assert cli("kb", "load", "--path", str(SMALL_KB), database_url=url).code == 0
    article = (FIXTURES / "news" / "en-offtake.txt").read_text(encoding="utf-8")
    hostile = tmp_path / "hostile.txt"
    hostile.write_text(article.replace("title: ", f"title: {HOSTILE} ", 1), encoding="utf-8")
    assert cli("ingest", str(hostile), database_url=url).code == 0
    found = cli("search", "offtake", database_url=url)
    assert found.code == 0 and "[bold red]alarm[/]" in found.stdout
    assert not any(ch in found.stdout for ch in "\x1b\x07\x9b")


def test_bad_dates_are_usage_errors(cli, store_url: str) -> None:
    cli("kb", "load", "--path", str(SMALL_KB), database_url=store_url)
    since = cli("events", "--since", "notadate", database_url=store_url)
    assert since.code == 2 and "--since 'notadate' is not YYYY-MM-DD" in since.stderr
    parts = str(FIXTURES / "parts.csv")
    day = cli("exposure", parts, "--date", "2025-13-45", database_url=store_url)
    assert day.code == 2 and day.stderr.count("\n") == 1 and "'2025-13-45'" in day.stderr


def test_exposure_refuses_nan_and_escapes_formulas(cli, store_url: str, tmp_path: Path) -> None:
    cli("kb", "load", "--path", str(SMALL_KB), database_url=store_url)
    nan = tmp_path / "nan.csv"
    nan.write_text("part,grade,mass_g,count_per_year,gbd\nrotor,N48SH,nan,1000,no\n")
    refused = cli("exposure", str(nan), "--format", "json", database_url=store_url)
    assert refused.code == 1 and "finite" in refused.stderr and refused.stdout == ""
    formula = tmp_path / "formula.csv"
    formula.write_text("part,grade,mass_g,count_per_year,gbd\n=cmd|' /C calc'!A0,N48SH,1500,1000,no\n")
    written = cli("exposure", str(formula), "--format", "csv", "--date", "2025-06-01", database_url=store_url)
    assert written.code == 0, written.stderr
    assert {r["part"] for r in csv.DictReader(io.StringIO(written.stdout))} == {"'=cmd|' /C calc'!A0"}
    data = json.loads(cli("exposure", str(formula), "--format", "json", database_url=store_url).stdout)
    assert data["parts"][0]["part"] == "=cmd|' /C calc'!A0"  # JSON keeps the value as it is


def test_ingest_of_a_missing_path_fails_in_one_line(cli, tmp_path: Path) -> None:
    missing = cli("ingest", str(tmp_path / "nonexistent"), database_url=f"sqlite:///{tmp_path / 's.sqlite'}")
    assert missing.code == 1 and missing.stderr.count("\n") == 1 and "no such file or folder" in missing.stderr


def test_extract_of_a_refused_url_exits_1_with_the_reason(cli) -> None:
    refused = cli("extract", "http://127.0.0.1:9/article")
    assert refused.code == 1 and refused.stdout == "" and "skipped http://127.0.0.1:9/article" in refused.stderr


def test_an_error_naming_untrusted_text_stays_one_plain_line(cli, tmp_path: Path) -> None:
    name = "news\x1b]0;pwned\x07\x1b[2Jfolder"
    missing = cli("ingest", str(tmp_path / name), database_url=f"sqlite:///{tmp_path / 's.sqlite'}")
    assert missing.code == 1 and missing.stderr.count("\n") == 1
    assert "newsfolder" in missing.stderr and "\x1b" not in missing.stderr
