"""Desktop bench: how fast the window comes up, a form opens, and the shortfall list filters and
sorts 25,000 findings — with, in the same run, a QSortFilterProxyModel over a Python model
sorting and filtering the same rows as the baseline.

    QT_QPA_PLATFORM=offscreen .venv/bin/python bench/gui.py [--workspace DEMO] [--rows 25000]

1. cold start: a fresh ``python -c`` process imports desktop.app, builds a QApplication
   (offscreen), opens the MainWindow on the demo workspace and processes events until the
   first page is shown (goal < 2 s), then until that page's worker is idle;
2. opening a form (goal < 300 ms): desktop/pages/form_page.FormPage if it can be imported,
   otherwise the core part of opening one (view_entry: values, validation) and a generic
   widget per field, and the table says so;
3. 25,000 synthetic findings in the shortfall page (desktop/pages/shortfalls.py): loading,
   each filter, each sort (the first sort of a column computes its keys; later ones reuse
   them), the model reset alone — against the proxy baseline (goal < 200 ms).

Settings (QSettings) and the user data dir are redirected to a temporary folder.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

AS_OF = "2024-12-31"

# what the cold-start child runs; argv[1] is the workspace; it prints one line per milestone
COLD_START = r"""
import sys, time, json, importlib.util
t0 = time.perf_counter()
def mark(name, **kw):
    print(json.dumps({"at": name, "t": time.perf_counter() - t0, **kw}), flush=True)
import desktop.app
from PySide6.QtCore import QCoreApplication, QSettings
from PySide6.QtWidgets import QApplication
mark("imported")
app = QApplication([sys.argv[0]])
app.setOrganizationName("EduPlan-bench")
app.setApplicationName("EduPlan")
QSettings().setValue("year", 2024)
QSettings().setValue("as_of", "%(as_of)s")
from desktop import main_window
missing = [m for _, _, m, _, _ in main_window.PAGES
           if importlib.util.find_spec("desktop.pages." + m) is None]
if missing:  # pages not written yet: the shell with the pages that exist
    main_window.PAGES[:] = [p for p in main_window.PAGES if p[2] not in missing]
mark("qapplication", missing=missing)
window = desktop.app.open_window(__import__("pathlib").Path(sys.argv[1]))
def first_page():
    page = window.stack.currentWidget()
    return page if page is not None and window.isVisible() and page.isVisible() else None
while first_page() is None:
    QCoreApplication.processEvents()
page = first_page()
QCoreApplication.processEvents()
mark("shown", page=type(page).__name__)
deadline = time.perf_counter() + 60
while getattr(page, "_op", None) is not None and time.perf_counter() < deadline:
    QCoreApplication.processEvents()
    time.sleep(0.002)
QCoreApplication.processEvents()
mark("idle", page=type(page).__name__)
window.close()
"""


def cold_start(workspace: Path, env: dict) -> dict:
    """Wall time from spawning the child to each of its milestones (read as lines arrive)."""
    t0 = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-c", COLD_START % {"as_of": AS_OF},
                             str(workspace)], cwd=ROOT, env=env, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)
    marks = {}
    for line in proc.stdout:
        if line.startswith("{"):
            data = json.loads(line)
            data["wall"] = time.perf_counter() - t0
            marks[data["at"]] = data
    proc.wait()
    marks["_rc"] = proc.returncode
    marks["_stderr"] = proc.stderr.read()
    return marks


def synthetic_findings(n: int, seed: int = 1):
    """``n`` findings in the core's order, varying org (5,000 schools), indicator (60),
    section, status, severity and gap; some have no gap (no data, milestones)."""
    from eduplan_core.indicators.evaluate import Finding
    from eduplan_core.vocab import Severity

    rng = random.Random(seed)
    indicators = [(f"ind{i:02d}", f"合成指标{i:02d}（每百名学生拥有数）") for i in range(60)]
    units = ["人", "㎡", "%", "间", "元"]
    out = []
    for k in range(n):
        code, name = indicators[rng.randrange(len(indicators))]
        status = rng.choices(["missed", "behind", "met", "on_track", "no_data", "overdue"],
                             [45, 15, 25, 10, 3, 2])[0]
        short = status in ("missed", "behind", "overdue")
        sev = rng.choice(["critical", "major", "minor"]) if short else None
        target = rng.choice([0.9, 2.3, 4.2, 5.8, 85.0, 95.0, 100.0, 2000.0])
        actual = None if status in ("no_data", "overdue") else round(
            target * rng.uniform(0.4, 1.2), 2)
        gap = None if actual is None else actual - target
        school = rng.randrange(5000)
        out.append(Finding(
            org=f"3{school:09d}", org_name=f"合成{'甲乙丙丁戊'[school % 5]}镇第{school}学校",
            target=f"{code}_2025", year=2025, indicator=code, indicator_name=name,
            section=rng.choice([None, "小学", "初中"]), status=status, severity=sev,
            comparator="≥", target_value=target, target_year=2025,
            unit=units[int(code[3:]) % len(units)], direction="higher", kind="ratio",
            binding=True, relation="national", plan="national", plan_name="合成标准",
            actual=actual, numerator=None if actual is None else actual * 10,
            denominator=None if actual is None else 10.0, coverage=1.0, gap=gap,
            gap_relative=None if gap is None else abs(gap) / target * 100,
            previous=None if actual is None else actual * 0.95,
            change=None if actual is None else actual * 0.05,
            close=f"需增加合成资源 {k % 17 + 1} 名" if status == "missed" else None,
            quote="合成规划原文", document="合成文件", issuer="合成机关", date="2023-01-01"))
    out.sort(key=lambda f: (Severity.rank_of(f.severity), -(f.gap_relative or 0), f.org))
    return out


def timed(fn, repeat: int = 5, settle=None) -> float:
    """Median milliseconds of ``fn()`` followed by the event processing it causes."""
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        if settle:
            settle()
        times.append((time.perf_counter() - t) * 1000)
    return statistics.median(times)


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--workspace", type=Path, default=None,
                    help="the demo workspace (built into a temporary folder if not given)")
    ap.add_argument("--rows", type=int, default=25000)
    ap.add_argument("--repeat", type=int, default=5)
    args = ap.parse_args()

    tmp = Path(tempfile.mkdtemp(prefix="eduplan-bench-gui-"))
    env = {**os.environ, "QT_QPA_PLATFORM": os.environ.get("QT_QPA_PLATFORM", "offscreen"),
           "XDG_CONFIG_HOME": str(tmp / "config"), "EDUPLAN_HOME": str(tmp / "home"),
           "PYTHONPATH": str(ROOT)}
    os.environ.update({k: env[k] for k in ("XDG_CONFIG_HOME", "EDUPLAN_HOME")})
    workspace = args.workspace
    if workspace is None:
        from eduplan_core.demo import build_demo

        workspace = tmp / "demo"
        t = time.perf_counter()
        build_demo(workspace)
        print(f"demo workspace built in {time.perf_counter() - t:.1f} s (not timed below)")

    rows: list[tuple[str, str, str, str]] = []  # measure, goal, ours, baseline / note

    # -- 1. cold start ---------------------------------------------------------------------
    runs = [cold_start(workspace, env) for _ in range(3)]
    good = [r for r in runs if "shown" in r]
    if not good:
        print(runs[0]["_stderr"][-3000:], file=sys.stderr)
        rows.append(("cold start to first page shown", "< 2000 ms", "failed",
                     runs[0]["_stderr"].strip().splitlines()[-1] if runs[0]["_stderr"] else ""))
    else:
        best = min(good, key=lambda r: r["shown"]["wall"])
        missing = best["qapplication"].get("missing", [])
        note = (f"pages not written yet, left out: {', '.join(missing)}" if missing else
                "all pages")
        med = statistics.median(r["shown"]["wall"] for r in good) * 1000
        rows.append(("cold start: python -c → first page shown", "< 2000 ms", f"{med:.0f} ms",
                     f"{best['shown']['page']}; {note}; median of {len(good)}"))
        imp = statistics.median(r["imported"]["wall"] for r in good) * 1000
        rows.append(("  of which: interpreter + import desktop.app", "", f"{imp:.0f} ms", ""))
        idle = statistics.median(r["idle"]["wall"] for r in good if "idle" in r) * 1000
        rows.append(("cold start → first page's worker done", "", f"{idle:.0f} ms",
                     "the page's data loaded"))

    # -- the app for the in-process parts --------------------------------------------------
    from PySide6.QtCore import QCoreApplication, QSettings, QSortFilterProxyModel, Qt
    from PySide6.QtWidgets import QApplication, QFormLayout, QLineEdit, QTableView, QWidget

    from PySide6.QtCore import qInstallMessageHandler

    def quiet(mode, context, message):  # the offscreen plugin says this of every window
        if "propagateSizeHints" not in message:
            sys.stderr.write(message + "\n")

    qInstallMessageHandler(quiet)
    app = QApplication([sys.argv[0]])
    app.setOrganizationName("EduPlan-bench")
    app.setApplicationName("EduPlan")
    QSettings().setValue("year", 2024)
    QSettings().setValue("as_of", AS_OF)

    def settle():
        QCoreApplication.processEvents()

    from desktop.session import Session

    session = Session(workspace)
    session.as_of = dt.date.fromisoformat(AS_OF)

    # -- 2. opening a form -----------------------------------------------------------------
    rows.extend(bench_form(session, settle, args.repeat, QFormLayout, QLineEdit, QWidget))

    # -- 3. 25,000 findings ----------------------------------------------------------------
    from desktop.models import SORT_ROLE
    from desktop.pages.shortfalls import FindingsModel, ShortfallsPage

    n = args.rows
    t = time.perf_counter()
    findings = synthetic_findings(n)
    build_ms = (time.perf_counter() - t) * 1000
    page = ShortfallsPage(session, None)
    page.resize(1100, 760)
    page.show()
    settle()
    load_ms = timed(lambda: page.set_findings(findings), 1, settle)
    short = sum(f.is_shortfall for f in findings)
    rows.append((f"shortfall page: load {n:,} findings (keys, first filter, reset)", "",
                 f"{load_ms:.0f} ms", f"{short:,} shortfalls shown; synthetic set built in "
                                      f"{build_ms:.0f} ms"))
    page.set_filters(show_all=True)  # the worst case: every finding in the model
    settle()

    def cold_sort(key, desc):
        page._orders.clear()
        page.sort_by(key, desc)

    sort_ms = {}
    for c in page.columns:
        sort_ms[c.key] = (timed(lambda c=c: cold_sort(c.key, False), args.repeat, settle),
                          timed(lambda c=c: page.sort_by(c.key, True), args.repeat, settle))
    gap_cold, gap_warm = sort_ms["gap"]
    worst = max(sort_ms, key=lambda k: sort_ms[k][0])
    page.sort_by("gap")
    settle()
    idx = page.filtered()
    rows.append((f"sort {n:,} by gap (keys + keyed sort + filter + reset)", "< 200 ms",
                 f"{gap_cold:.1f} ms", f"cached order: {gap_warm:.1f} ms"))
    rows.append((f"sort {n:,}, slowest column ({worst})", "< 200 ms",
                 f"{sort_ms[worst][0]:.1f} ms", f"cached: {sort_ms[worst][1]:.1f} ms"))

    def toggle(box, a, b):
        box.setCurrentIndex(a if box.currentIndex() == b else b)

    sev_i = page.severity_box.findData("critical")
    ind_i = page.indicator_box.findData("ind07")
    filters = {
        "severity critical": lambda: toggle(page.severity_box, sev_i, 0),
        "indicator": lambda: toggle(page.indicator_box, ind_i, 0),
        "org text search": lambda: page.org_search.setText(
            "" if page.org_search.text() else "第12"),
        "show all ↔ shortfalls only": lambda: page.show_all.toggle(),
    }
    for name, fn in filters.items():
        ms = timed(fn, args.repeat * 2, settle)
        rows.append((f"filter {n:,}: {name} (filter + reset)", "< 200 ms", f"{ms:.1f} ms", ""))
    page.set_filters(severity="critical", org="第1")
    settle()
    only_filter = timed(lambda: page.filtered(), args.repeat)
    page.set_filters(show_all=True)
    settle()
    shown_rows = [findings[i] for i in idx]
    reset = timed(lambda: page.model.set_rows(shown_rows), args.repeat, settle)
    rows.append((f"  of which: filter pass alone ({n:,} rows)", "", f"{only_filter:.1f} ms",
                 "critical + org text"))
    rows.append((f"  of which: model reset alone ({n:,} rows) + view update", "",
                 f"{reset:.1f} ms", ""))

    # baseline: the same rows in a Python model behind a QSortFilterProxyModel
    base = FindingsModel(page.columns)
    base.set_rows(list(findings))
    proxy = QSortFilterProxyModel()
    proxy.setSourceModel(base)
    proxy.setSortRole(SORT_ROLE)
    proxy.setFilterKeyColumn([c.key for c in page.columns].index("org"))
    view = QTableView()
    view.setModel(proxy)
    view.resize(1000, 600)
    view.show()
    settle()
    gap_col = [c.key for c in page.columns].index("gap")
    order = [Qt.SortOrder.AscendingOrder]

    def proxy_sort():
        order[0] = (Qt.SortOrder.DescendingOrder if order[0] == Qt.SortOrder.AscendingOrder
                    else Qt.SortOrder.AscendingOrder)
        proxy.sort(gap_col, order[0])

    proxy_sort_ms = timed(proxy_sort, max(2, args.repeat // 2), settle)
    proxy_filter_ms = timed(lambda: proxy.setFilterFixedString(
        "" if proxy.filterRegularExpression().pattern() else "第12"), max(2, args.repeat // 2),
        settle)
    rows.append((f"baseline: QSortFilterProxyModel sort {n:,} by gap", "",
                 f"{proxy_sort_ms:.0f} ms", f"ours {gap_cold:.1f} ms (×{proxy_sort_ms / max(gap_cold, 1e-6):.0f})"))
    ours_text = timed(filters["org text search"], args.repeat * 2, settle)
    rows.append((f"baseline: QSortFilterProxyModel text filter {n:,}", "",
                 f"{proxy_filter_ms:.0f} ms", f"ours {ours_text:.1f} ms"))

    print_table(rows)
    view.close()
    page.close()
    session.close()
    import shutil

    shutil.rmtree(tmp, ignore_errors=True)
    return 0


def bench_form(session, settle, repeat, QFormLayout, QLineEdit, QWidget):  # noqa: N803
    """Opening a form: FormPage when it exists; else the core part and generic widgets."""
    from eduplan_core.store import entries

    ws = session.ws
    schools = [o for o in ws.orgs.descendants(ws.org_code) if o.is_school]
    # the largest form a school of the demo fills in (a nine-year school's)
    school = next((o for o in schools if o.type == "九年一贯制"), schools[0])
    org = school.code
    out = []
    try:
        from desktop.pages.form_page import FormPage  # noqa: F401
    except Exception as exc:  # not written yet (or broken): time what we can
        form_page = None
        why = f"{type(exc).__name__}: {exc}"
    else:
        form_page = FormPage
        why = ""
    core = timed(lambda: entries.view_entry(ws, org, 2024, None), repeat)
    view = entries.view_entry(ws, org, 2024, None)
    form = ws.catalog.forms[view.form]
    if form_page is not None:
        ms, note = try_form_page(form_page, session, org, view.form, settle, repeat)
        out.append((f"open form {view.form} ({len(form.fields)} fields) in FormPage",
                    "< 300 ms", ms, note))
    else:
        def generic():
            w = QWidget()
            lay = QFormLayout(w)
            for f in form.fields:
                e = QLineEdit("" if view.values.get(f.code) is None else str(
                    view.values[f.code]))
                lay.addRow(f.label, e)
            w.resize(900, 700)
            w.show()
            settle()
            w.close()
            w.deleteLater()

        gen = timed(generic, repeat, settle)
        out.append((f"open form {view.form} ({len(form.fields)} fields): FormPage not importable",
                    "< 300 ms", f"{core + gen:.0f} ms",
                    f"core view_entry {core:.0f} ms + a generic QLineEdit per field {gen:.0f} ms;"
                    f" {why}"))
        return out
    out.append(("  of which: core view_entry (values + validation)", "", f"{core:.1f} ms", ""))
    return out


def try_form_page(cls, session, org, form, settle, repeat):
    """Open the form in FormPage (``open_form(org, year, form)``): the first time, then
    again (each open rebuilds the editors)."""
    if not hasattr(cls, "open_form"):
        return "n/a", "FormPage has no open_form(org, year, form) to call"
    page = cls(session, None)
    page.resize(1100, 760)
    page.show()
    settle()
    try:
        t = time.perf_counter()
        page.open_form(org, 2024, form)
        settle()
        first = (time.perf_counter() - t) * 1000

        def again():
            page.close_form()
            page.open_form(org, 2024, form)

        ms = timed(again, repeat, settle)
    except Exception as exc:
        page.close()
        return "n/a", f"FormPage.open_form failed: {type(exc).__name__}: {exc}"
    page.close()
    return f"{first:.0f} ms", f"FormPage.open_form; first open; again: {ms:.0f} ms"


def print_table(rows) -> None:
    w0 = max(len(r[0]) for r in rows) + 2
    print()
    print(f"{'measure':<{w0}}{'goal':>11}{'measured':>12}   note")
    print("-" * (w0 + 40))
    for measure, goal, value, note in rows:
        print(f"{measure:<{w0}}{goal:>11}{value:>12}   {note}")


if __name__ == "__main__":
    sys.exit(main())
