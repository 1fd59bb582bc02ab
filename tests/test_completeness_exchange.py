"""Completeness for a supervisor (issue 11 §3): per unit below, the last bundle received, late
against the round's due date, the contact and phone to call; the late list for a reminder round
in the CLI (text, --late, --out CSV, --json) and on the desktop board (copy, save). A real
chain (tests/chain.py): real workspaces, keys, setup files and bundles; nothing mocked."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json

import pytest
from click.testing import CliRunner

from eduplan_core.cli.main import cli
from eduplan_core.exchange.setup import export_setup, import_setup
from eduplan_core.exchange.tracking import (LATE_HEADERS, late_list_csv, late_list_text,
                                            late_units, round_due)
from eduplan_core.indicators.service import completeness_org
from eduplan_core.store import exchange_rows as rows
from eduplan_core.store.orgs import SchoolInput

from .chain import (COUNTY, PAPER, PASS, PREFECTURE, SCHOOL, build_chain, confirm_all, fill_school,
                    register, send)

LATE_SCHOOL, LATE_NAME = "2153119003", "测试第二小学"
CONTACT, PHONE = "王老师", "13800001111"
TODAY = dt.date.today()
DUE = TODAY - dt.timedelta(days=10)


pytestmark = pytest.mark.usefixtures("cheap_kdf")  # conftest: the test Argon2id setting


def make_chain(tmp_path):
    """东川区 with three schools: 测试中心小学 sent its 2024 bundle (merged), 测试第二小学
    (王老师, 13800001111) never sent, 测试村小 reports on paper."""
    c = build_chain(tmp_path)
    try:
        register(c.county, SchoolInput(LATE_SCHOOL, LATE_NAME, COUNTY, "小学", contact=CONTACT,
                                       phone=PHONE))
        fill_school(c.school)
        assert send(c.school, c.county, 2024, tmp_path / "out").outcome.value == "pending"
        confirm_all(c.county)  # the phone check: the held bundle merges
        assert [r["status"] for r in rows.received_from(c.county, SCHOOL, 2024)] == ["merged"]
    except BaseException:
        c.close()
        raise
    return c


@pytest.fixture
def chain(tmp_path):
    c = make_chain(tmp_path)
    yield c
    c.close()


def units_of(result):
    return {u.org: u for u in result.tracking.units}


def run(*args, code=0):
    result = CliRunner().invoke(cli, [str(a) for a in args])
    assert result.exit_code == code, (result.output, result.exception)
    return result


# -- core ------------------------------------------------------------------------------------

def test_the_school_that_never_sent_is_late_the_one_that_sent_and_the_paper_school_are_not(
        chain):
    result = completeness_org(chain.county, COUNTY, 2024, as_of=TODAY, due=DUE)
    t = result.tracking
    assert (t.org, t.year, t.as_of, t.due, t.due_source) == (COUNTY, 2024, TODAY.isoformat(),
                                                              DUE.isoformat(), "given")
    units = units_of(result)
    assert set(units) == {SCHOOL, LATE_SCHOOL, PAPER}

    sent = units[SCHOOL]
    assert sent.merged and not sent.late and sent.days_late is None
    assert sent.last is not None and sent.last.status == "merged" and sent.last.sequence == 1
    assert sent.last.received_at[:10] == TODAY.isoformat()
    assert "第1号 已合并" in sent.last_text
    assert (sent.contact, sent.phone) == ("李老师", "0871-1234567")
    assert sent.open_forms == 0

    late = units[LATE_SCHOOL]
    assert late.late and late.days_late == 10 and late.last is None and not late.merged
    assert (late.contact, late.phone, late.last_text) == (CONTACT, PHONE, "未收到")
    assert late.open_forms == 1

    paper = units[PAPER]
    assert paper.paper and not paper.late and paper.last is None
    assert paper.last_text == "纸质报送（本局代填）"
    assert paper.open_forms == 1  # still incomplete: its form is missing
    assert any(r.org == PAPER and r.state == "missing" for r in result.rows)

    assert late_units(t) == (late,) == t.late
    assert [u.org for u in t.units][0] == LATE_SCHOOL  # the late first

    text = late_list_text(t.late)
    assert text.splitlines() == ["\t".join(LATE_HEADERS),
                                 f"{LATE_NAME}\t{LATE_SCHOOL}\t{CONTACT}\t{PHONE}\t未收到\t10"]
    rows = list(csv.reader(io.StringIO(late_list_csv(t.late))))
    assert rows == [list(LATE_HEADERS), [LATE_NAME, LATE_SCHOOL, CONTACT, PHONE, "未收到", "10"]]


def test_nobody_is_late_before_the_due_date_nor_without_one(chain):
    for as_of in (DUE - dt.timedelta(days=1), DUE):  # late only once the due date has passed
        result = completeness_org(chain.county, COUNTY, 2024, as_of=as_of, due=DUE)
        assert not any(u.late for u in result.tracking.units)
        assert result.tracking.late == ()
        # a bundle that came in after the as-of date is not counted as received by then
        assert units_of(result)[SCHOOL].last is None
    result = completeness_org(chain.county, COUNTY, 2024, as_of=TODAY)
    assert result.tracking.due is None and result.tracking.late == ()
    assert "不判逾期" in result.tracking.due_text


def test_the_setup_files_due_date_is_the_default_for_its_round(chain, tmp_path):
    """The prefecture's setup file says when the county reports up: that is the latest the
    county's schools can send, for the round of that year or the year before."""
    due = dt.date(2025, 3, 31)
    out = tmp_path / "again.eduplan-setup"
    export_setup(chain.prefecture, PASS, [COUNTY], out, due=due)
    import_setup(out, chain.tmp / "county", COUNTY, "县操作员", PASS)
    assert round_due(chain.county, 2024) == (due, "setup")
    assert round_due(chain.county, 2025) == (due, "setup")
    assert round_due(chain.county, 2023) == (None, None)  # another round: not this date
    assert round_due(chain.county, 2024, dt.date(2024, 9, 30)) == (dt.date(2024, 9, 30),
                                                                     "given")
    result = completeness_org(chain.county, COUNTY, 2024, as_of=TODAY)
    t = result.tracking
    assert (t.due, t.due_source) == ("2025-03-31", "setup")
    assert [u.org for u in t.late] == [LATE_SCHOOL]
    assert t.late[0].days_late == (TODAY - due).days


def test_a_prefecture_sees_its_county_late_with_no_contact(chain):
    result = completeness_org(chain.prefecture, PREFECTURE, 2024, as_of=TODAY, due=DUE)
    units = units_of(result)
    county = units[COUNTY]
    assert county.level == "county" and county.late and county.days_late == 10
    assert (county.contact, county.phone) == (None, None)
    assert (county.contact_text, county.phone_text) == ("无", "无")
    assert all(u.level != "school" for u in units.values())  # the schools report to the county
    # a bundle held for the key check is received but not merged: still late, and it says so
    assert send(chain.county, chain.prefecture, 2024, chain.tmp / "up").outcome.value == \
        "pending"
    county = units_of(completeness_org(chain.prefecture, PREFECTURE, 2024, as_of=TODAY,
                                       due=DUE))[COUNTY]
    assert county.late and county.last is not None and county.last.status == "pending"
    assert county.last_text.endswith("第1号 待确认（暂存）")
    confirm_all(chain.prefecture)  # once it merges, the county is no longer late
    county = units_of(completeness_org(chain.prefecture, PREFECTURE, 2024, as_of=TODAY,
                                       due=DUE))[COUNTY]
    assert county.merged and not county.late and county.last.status == "merged"


# -- CLI -------------------------------------------------------------------------------------

def test_cli_names_the_late_school_with_contact_and_phone(chain, tmp_path):
    ws = str(chain.tmp / "county")
    out = run("completeness", "--org", COUNTY, "--year", 2024, "--due", DUE, "--workspace",
              ws).output
    assert "直属下级单位的数据包" in out and f"截止日期 {DUE}（本次指定）" in out
    assert "逾期 1" in out
    line = next(ln for ln in out.splitlines() if LATE_NAME in ln and "逾期" not in ln
                and "未报送" not in ln)
    assert CONTACT in line and PHONE in line and "未收到" in line and " 10 " in line
    line = next(ln for ln in out.splitlines() if "测试中心小学" in ln and "已合并" in ln)
    assert "第1号" in line and "李老师" in line
    assert "纸质报送（本局代填）" in out

    late = run("completeness", "--org", COUNTY, "--year", 2024, "--due", DUE, "--late",
               "--workspace", ws).output
    assert "逾期未报送数据包的单位" in late and "1 个" in late
    assert all(h in late for h in LATE_HEADERS)
    assert LATE_NAME in late and CONTACT in late and PHONE in late
    assert "测试中心小学" not in late and "测试村小" not in late

    before = run("completeness", "--org", COUNTY, "--year", 2024, "--due", DUE, "--as-of",
                 DUE - dt.timedelta(days=1), "--late", "--workspace", ws).output
    assert "0 个" in before and LATE_NAME not in before

    csv_path = tmp_path / "催报名单.csv"
    saved = run("completeness", "--org", COUNTY, "--year", 2024, "--due", DUE, "--late",
                "--out", csv_path, "--workspace", ws).output
    assert "逾期名单已保存" in saved
    data = csv_path.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")  # the BOM: Excel reads it as UTF-8
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    assert rows == [list(LATE_HEADERS), [LATE_NAME, LATE_SCHOOL, CONTACT, PHONE, "未收到", "10"]]


def test_cli_json_carries_the_tracking_and_the_late_list(chain, tmp_path):
    ws = str(chain.tmp / "county")
    full = json.loads(run("completeness", "--org", COUNTY, "--year", 2024, "--due", DUE,
                          "--json", "--workspace", ws).output)
    assert (full["expected"], full["submitted"]) == (4, 1)  # the forms, the county's own too
    t = full["tracking"]
    assert (t["due"], t["due_source"], t["late"], t["expected"], t["merged"]) == (
        DUE.isoformat(), "given", 1, 2, 1)
    by = {u["org"]: u for u in t["units"]}
    assert by[LATE_SCHOOL]["late"] and by[LATE_SCHOOL]["days_late"] == 10
    assert (by[LATE_SCHOOL]["name"], by[LATE_SCHOOL]["contact"], by[LATE_SCHOOL]["phone"]) == (
        LATE_NAME, CONTACT, PHONE)
    assert by[SCHOOL]["last_bundle"]["status"] == "merged"
    assert by[SCHOOL]["last_bundle"]["sequence"] == 1 and not by[SCHOOL]["late"]
    assert by[PAPER]["paper"] and not by[PAPER]["late"] and by[PAPER]["last_bundle"] is None

    csv_path = tmp_path / "late.csv"
    result = CliRunner().invoke(cli, ["completeness", "--org", COUNTY, "--year", "2024",
                                      "--due", DUE.isoformat(), "--late", "--json", "--out",
                                      str(csv_path), "--workspace", ws])
    assert result.exit_code == 0, result.output
    late = json.loads(result.stdout)  # the note about the file goes to stderr
    assert [(u["org"], u["name"], u["contact"], u["phone"], u["days_late"])
            for u in late["late"]] == [(LATE_SCHOOL, LATE_NAME, CONTACT, PHONE, 10)]
    assert csv_path.exists()


def test_cli_refuses_a_bad_due_date(chain):
    result = CliRunner().invoke(cli, ["completeness", "--org", COUNTY, "--year", "2024",
                                      "--due", "2024-13-01", "--workspace",
                                      str(chain.tmp / "county")])
    assert result.exit_code == 2 and "不是有效日期" in result.output


# -- desktop ---------------------------------------------------------------------------------

@pytest.mark.gui
def test_board_shows_last_bundle_late_days_contact_and_copies_the_late_list(
        qtbot, qtmodeltester, tmp_path):
    from PySide6.QtGui import QGuiApplication

    from desktop.pages.completeness import CompletenessPage
    from desktop.session import Session

    made = make_chain(tmp_path / "chain")
    made.close()  # for the window to open the county's workspace
    session = Session(made.tmp / "county")
    try:
        session.year = 2024
        session.as_of = TODAY
        page = CompletenessPage(session, None)
        qtbot.addWidget(page)
        page.resize(1300, 800)
        page.refresh()
        qtbot.waitUntil(lambda: page._op is None, timeout=60000)
        assert page.tracking is not None and page.tracking.due is None
        assert not page.copy_button.isEnabled()  # no due date: nobody late

        page.due_check.setChecked(True)
        page.due_edit.setDate(DUE)
        page.refresh()
        qtbot.waitUntil(lambda: page._op is None, timeout=60000)
        titles = [page.model.headerData(c, _horizontal()) for c in
                  range(page.model.columnCount())]
        for title in ("最近报送", "逾期", "联系人、电话"):
            assert title in titles
        rows = {r["org"]: r for r in page.model.rows}
        late = rows[LATE_SCHOOL]
        assert late["late"] and late["late_text"] == "逾期 10 天"
        assert (late["contact"], late["phone"], late["last"]) == (CONTACT, PHONE, "未收到")
        assert page.model.rows[0]["org"] == LATE_SCHOOL  # the late first
        assert "已合并" in rows[SCHOOL]["last"] and not rows[SCHOOL]["late"]
        assert rows[PAPER]["last"] == "纸质报送（本局代填）" and not rows[PAPER]["late"]
        col = titles.index("联系人、电话")  # one column at 1024 px: both, whole
        assert page.model.index(0, col).data() == f"{CONTACT} {PHONE}"
        assert "逾期 1 个" in page.due_label.text()
        qtmodeltester.check(page.model)
        qtmodeltester.check(page.form_model)

        page.state_box.setCurrentIndex(page.state_box.findData("late"))
        assert [r["org"] for r in page.model.rows] == [LATE_SCHOOL]
        qtmodeltester.check(page.model)

        assert page.copy_button.isEnabled() and page.save_button.isEnabled()
        page.copy_button.click()
        copied = QGuiApplication.clipboard().text()
        assert LATE_NAME in copied and CONTACT in copied and PHONE in copied
        assert copied.splitlines()[0] == "\t".join(LATE_HEADERS)
        assert "已复制 1 个" in page.message.text()

        target = tmp_path / "名单.csv"
        assert page.save_late_list(target)
        rows_saved = list(csv.reader(io.StringIO(target.read_bytes().decode("utf-8-sig"))))
        assert rows_saved[1][:4] == [LATE_NAME, LATE_SCHOOL, CONTACT, PHONE]

        # before the due date nobody is late and the actions have nothing to give
        session.as_of = DUE - dt.timedelta(days=1)
        page.refresh()
        qtbot.waitUntil(lambda: page._op is None, timeout=60000)
        assert not any(r["late"] for r in page._rows)
        assert not page.copy_button.isEnabled()
        page.wait_idle()
    finally:
        session.close()


def _horizontal():
    from PySide6.QtCore import Qt

    return Qt.Orientation.Horizontal
