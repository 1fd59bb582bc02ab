"""`make screenshots`: open the app on copies of a demo workspace made afresh — as the county,
then as one of its schools — and write a PNG of every main screen at 1280×800 to build/screenshots/;
then the 数据交换 page's sections and dialogs, at a small laptop's 1024×700, on copies of the
two (keys, setup files, bundles from the school and a paper school to the county, a tampered
one, a fingerprint check, a conflict); then, at 1024×700 in a user data dir of its own, a new
county from nothing (the first start's wizard, 会泽县 made from it, its empty 学校名录, an Excel
list previewed with a bad row named, fixed and imported, a paper school's form entered and
submitted, the 文件 menu with the recent workspaces, the demo school's form for the current
round filled and submitted); last, every page of the county and of the school in English at
1024×700 (en-*.png). Run under Xvfb (a real X display, real fonts), so what the PNGs show is
what a user sees. The demo is made afresh in a temporary folder (the user data dir's is neither
used nor changed), so that the PNGs are the same at every run."""

from __future__ import annotations

import datetime as dt
import sys
import time
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QSettings
from PySide6.QtWidgets import QApplication

DEMO_SCHOOL = "2153113101"  # 东川区第一小学
SMALL = (1024, 700)  # a small laptop screen: the dialogs must fit in it
MEDIUM = (1280, 800)  # a common laptop screen


def settle(ms: int = 300) -> None:
    end = time.monotonic() + ms / 1000
    while time.monotonic() < end:
        QCoreApplication.processEvents()
        time.sleep(0.01)


def wait_pages(window, timeout: float = 60) -> None:
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        settle(100)
        busy = [p for p in window.pages.values() if getattr(p, "_op", None) is not None]
        if not busy:
            break
    settle(300)


def shoot(window, out: Path, name: str) -> Path:
    wait_pages(window)
    path = out / f"{name}.png"
    window.grab().save(str(path))
    print(path)
    return path


def run(out: Path) -> None:
    import tempfile

    from desktop.app import open_window
    from eduplan_core.demo import build_demo, build_demo_school

    out.mkdir(parents=True, exist_ok=True)
    settings = QSettings()
    settings.setValue("as_of", "")  # a real workspace: today (the tours pin their own)
    settings.setValue("language", "zh_CN")
    with tempfile.TemporaryDirectory(prefix="eduplan-screenshots-") as tmp:
        # the demo as it is made (the user data dir's may have been used): the same PNGs at
        # every run
        demo, school = Path(tmp) / "demo", Path(tmp) / f"demo-school-{DEMO_SCHOOL}"
        build_demo(demo)
        build_demo_school(school, DEMO_SCHOOL, demo)
        county_copy, school_copy = copies(Path(tmp) / "tour", demo, school)
        tour(pinned(open_window(county_copy)), out, "county", MEDIUM)
        tour(pinned(open_window(school_copy)), out, "school", MEDIUM)
        exchange_tour(out, demo, school, DEMO_SCHOOL)
        setup_wizard_tour(out, demo)
        workspaces_tour(out)
        english_tour(out, demo, school)


def copies(tmp: Path, demo: Path, school: Path) -> tuple[Path, Path]:
    """Copies of the demo county and the demo school in ``tmp`` (the tours change them)."""
    import shutil

    skip = shutil.ignore_patterns("backups", "locks")
    shutil.copytree(demo, tmp / "county", ignore=skip)
    shutil.copytree(school, tmp / "school", ignore=skip)
    return tmp / "county", tmp / "school"


def pinned(window):
    """The demo's main screens as they have always been shot: 2024, as of 2024-12-31 (the demo
    opens on 2025 and the date it was made for), chosen on the toolbar as a user does."""
    from PySide6.QtCore import QDate

    window.today_box.setChecked(False)
    window.as_of_edit.setDate(QDate(2024, 12, 31))
    window.year_box.setCurrentIndex(window.year_box.findData(2024))
    assert (window.session.as_of, window.session.year) == (dt.date(2024, 12, 31), 2024)
    return window


# 会泽县's list of schools (the third row's type is bad until fixed: 中学 is no school type)
SCHOOLS_HEADER = ("学校代码", "学校名称", "所属县", "学校类型", "办学性质", "城乡", "联系人",
                  "联系电话", "纸质报送")
SCHOOLS = (("2153260001", "会泽县第一小学", "会泽县", "小学", "公办", "城区", "王老师",
            "0874-5120001", "否"),
           ("2153260002", "会泽县大井村小", "会泽县", "小学", "公办", "乡村", "李老师",
            "13800000002", "是"),
           ("2153260003", "会泽县第二中学", "会泽县", "初中", "公办", "镇区", "", "", "否"))
# the paper school's 小学基表, as the county types it from the paper form
PAPER_VALUES = {
    "fulltime_teachers": "40", "teachers_bachelor": "30", "classrooms": "15",
    "digital_classrooms": "6", "digital_campus": "是", "public_funds_yuan": "480000",
    "pri_students": "600", "pri_fulltime_teachers": "36", "pri_teachers_above_degree": "34",
    "pri_backbone_teachers": "3", "pri_pe_art_teachers": "4", "pri_teaching_area": "2700",
    "pri_sports_area": "4300", "pri_equipment_value": "1200000", "pri_multimedia_rooms": "12",
    "rotation_eligible": "10", "rotated_teachers": "1", "rotated_backbone": "0",
    "safe_campus": "是", "has_canteen": "是", "canteen_6t": "是"}


def write_schools(path: Path, bad: bool) -> None:
    from openpyxl import Workbook

    wb = Workbook()
    sheet = wb.active
    sheet.append(list(SCHOOLS_HEADER))
    for n, row in enumerate(SCHOOLS):
        row_ = list(row)
        if bad and n == 2:
            row_[3] = "中学"
        sheet.append(row_)
    wb.save(path)


def type_into(form, code: str, text: str) -> None:
    """Type into a field as a user does (a yes/no field: picked from its list), then Enter."""
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QComboBox

    row = form.rows[code]
    form.go_to(code)
    if isinstance(row.editor, QComboBox):
        row.editor.setCurrentIndex(row.editor.findText(text))
        return
    row.editor.setFocus()
    row.editor.selectAll()
    QTest.keyClicks(row.editor, text)
    QTest.keyClick(row.editor, Qt.Key.Key_Return)


def fill(form, values: dict[str, str]) -> None:
    for code in form.order:
        if code in values:
            type_into(form, code, values[code])


def explain_all(form, why: str) -> None:
    """Every warning that asks for a reason given one."""
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest

    for issue in form.review().unexplained:
        row = next((form.rows[f] for f in issue.fields if f in form.rows), None)
        if row is None or row.expl_edit.text().strip():
            continue
        form.go_to(row.field.code)
        row.expl_edit.setFocus()
        row.expl_edit.insert(why)
        QTest.keyClick(row.expl_edit, Qt.Key.Key_Return)


def workspaces_tour(out: Path) -> None:
    """A new county from nothing, at 1024×700, in a user data dir of its own: the first
    start's wizard (the demo preselected, 打开), 新建教育行政部门工作区 filtered to 会泽, its
    window (学校名录 empty); an Excel list previewed with its bad row named, fixed and
    imported; the paper school's form entered (代填) and submitted; the 文件 menu with the
    recent workspaces; the demo school (文件 → 以演示学校身份打开, in place) filling its form
    for the current round (核查日期 今天) and submitting it."""
    import os
    import tempfile

    from PySide6.QtCore import QPoint
    from PySide6.QtWidgets import QWizard

    from desktop.app import show_window
    from desktop.pages.wizard import BUREAU, FirstRunWizard
    from desktop.session import Session

    home = os.environ.get("EDUPLAN_HOME")
    with tempfile.TemporaryDirectory(prefix="eduplan-screenshots-") as tmp:
        os.environ["EDUPLAN_HOME"] = str(Path(tmp) / "home")  # nothing there yet
        try:
            wizard = FirstRunWizard()
            wizard.resize(*SMALL)
            wizard.show()
            shoot_over(wizard, out, "wizard-first-run", [])
            wizard.choice_page.radios[BUREAU].setChecked(True)
            wizard.choice_page.operator.setText("张三")
            wizard.next()
            wizard.bureau_page.filter.setText("会泽")
            shoot_over(wizard, out, "wizard-new-county", [])
            wizard.button(QWizard.WizardButton.FinishButton).click()
            huize = wizard.workspace_path
            wizard.close()
            assert huize is not None, "the wizard made no workspace"
            window = small(show_window(Session(huize)))
            shoot(window, out, "county-new-window")
            page = window.show_page("schools")
            shoot(window, out, "county-new-schools")
            new_county_schools(window, page, out, Path(tmp))
            new_county_paper_entry(window, out)
            window.open_demo_school()
            window.switch_to(huize)
            window.show_page("entry")
            wait_pages(window)
            bar = window.menuBar()
            first = bar.actions()[0]
            window.file_menu.popup(bar.mapToGlobal(bar.actionGeometry(first).bottomLeft()))
            settle(300)
            menu = window.file_menu
            recent = menu.actionGeometry(window.recent_menu.menuAction())
            menu.setActiveAction(window.recent_menu.menuAction())
            window.recent_menu.popup(menu.mapToGlobal(recent.topRight() + QPoint(-4, 0)))
            shoot_over(window, out, "county-new-file-menu", [menu, window.recent_menu])
            window.recent_menu.close()
            menu.close()
            demo_school_current_round(window, out)
            window.close()
        finally:
            if home is None:
                os.environ.pop("EDUPLAN_HOME", None)
            else:
                os.environ["EDUPLAN_HOME"] = home


def new_county_schools(window, page, out: Path, tmp: Path) -> None:
    """学校名录: the list with a bad row (named in the preview), then fixed and imported."""
    listing = tmp / "会泽县学校名单.xlsx"
    write_schools(listing, bad=True)
    page.import_file(listing)
    wait_pages(window)
    shoot_over(window, out, "county-new-import-preview-bad", [page.dialog])
    page.dialog.reject()
    write_schools(listing, bad=False)
    page.import_file(listing)
    wait_pages(window)
    shoot_over(window, out, "county-new-import-preview-ok", [page.dialog])
    page.dialog.import_button.click()
    wait_pages(window)
    shoot(window, out, "county-new-schools-registered")


def new_county_paper_entry(window, out: Path) -> None:
    """填报: the paper school's form entered by the county, half-way, then submitted."""
    page = window.show_page("entry")
    wait_pages(window)
    row = next(r for r in page.model.rows if r["kind"] == page.tr("纸质报送学校"))
    page.open_row(row)
    form = page.form_page
    codes = [c for c in form.order if c in PAPER_VALUES]
    fill(form, {c: PAPER_VALUES[c] for c in codes[:len(codes) // 2]})
    shoot(window, out, "county-new-paper-entry")
    fill(form, PAPER_VALUES)
    explain_all(form, "已电话核实")
    form.submit()
    page.refresh()
    shoot(window, out, "county-new-paper-entry-submitted")


def demo_school_current_round(window, out: Path) -> None:
    """The demo school (文件 → 以演示学校身份打开): 核查日期 今天, the current round chosen,
    last year's values carried over, one changed and explained, submitted."""
    window.open_demo_school()
    wait_pages(window)
    window.today_box.setChecked(True)
    session = window.session
    window.year_box.setCurrentIndex(window.year_box.findData(session.current_round))
    page = window.show_page("entry")
    wait_pages(window)
    form = page.form_page
    if form.view is not None and form.view.state == "empty":
        form.carry_over()
        students = int(form.view.values.get("pri_students") or 1000)
        type_into(form, "pri_students", str(students + 24))
        empty = {c: v for c, v in PAPER_VALUES.items() if c not in form.view.values}
        fill(form, empty)
    shoot(window, out, "school-demo-current-round-filled")
    explain_all(form, "新建教学楼投入使用，扩大招生")
    form.submit()
    page.refresh()
    shoot(window, out, "school-demo-current-round-submitted")


def english_tour(out: Path, demo: Path, school: Path) -> None:
    """Every page of copies of the demo county and the demo school in English at 1024×700
    (the language switched as the app does at its start: QSettings "language" and the
    translator), each page's screenshot steps and the 数据交换 sections too; the first-run
    wizard and an import preview with a bad row, in English."""
    import tempfile

    from PySide6.QtCore import QLocale

    from desktop.app import install_translator, open_window
    from desktop.pages.wizard import FirstRunWizard

    app = QApplication.instance()
    assert app is not None  # main() made it
    locale = QLocale()
    QSettings().setValue("language", "en")
    translator = install_translator(app)
    try:
        if translator is None:
            print("no English: resources/translations/eduplan_en.qm is missing", file=sys.stderr)
            return
        wizard = FirstRunWizard()
        wizard.resize(*SMALL)
        wizard.show()
        shoot_over(wizard, out, "en-wizard-first-run", [])
        wizard.close()
        with tempfile.TemporaryDirectory(prefix="eduplan-screenshots-") as tmp:
            county_copy, school_copy = copies(Path(tmp), demo, school)
            window = small(open_window(county_copy))
            page = window.show_page("schools")
            listing = Path(tmp) / "schools.xlsx"
            write_schools(listing, bad=True)
            page.import_file(listing)
            wait_pages(window)
            shoot_over(window, out, "en-county-import-preview-bad", [page.dialog])
            page.dialog.reject()
            # 报送进度 needs more than 1024 in English (its due-date line): shot last
            tour(window, out, "en-county", SMALL, sections=True, last=("completeness",))
            tour(small(open_window(school_copy)), out, "en-school", SMALL, sections=True)
    finally:
        if translator is not None:
            app.removeTranslator(translator)
        QSettings().setValue("language", "zh_CN")
        QLocale.setDefault(locale)


def setup_wizard_tour(out: Path, demo: Path) -> None:
    """The first-run wizard at 1024×700 on a setup file from a copy of the demo county: the
    county's fingerprint to read back on the phone, the unit page with its new passphrase,
    the school's own fingerprint."""
    import shutil
    import tempfile

    from desktop.pages.wizard import P_SETUP_DONE, SETUP, FirstRunWizard
    from eduplan_core.exchange import keys
    from eduplan_core.exchange.setup import export_setup
    from eduplan_core.store.workspace import Workspace

    with tempfile.TemporaryDirectory(prefix="eduplan-screenshots-") as tmp:
        county, setup = Path(tmp) / "county", Path(tmp) / f"{DEMO_SCHOOL}.eduplan-setup"
        shutil.copytree(demo, county, ignore=shutil.ignore_patterns("backups", "locks"))
        with Workspace.open(county, daily_backup=False) as ws:
            keys.init_keys(ws, PASSPHRASE)
            export_setup(ws, PASSPHRASE, [DEMO_SCHOOL], setup)
        wizard = FirstRunWizard()
        wizard.resize(*SMALL)
        wizard.show()
        wizard.choice_page.radios[SETUP].setChecked(True)
        wizard.choice_page.operator.setText("李老师")
        wizard.next()
        wizard.setup_file_page.load(setup)
        shoot_over(wizard, out, "wizard-setup-file", [])
        wizard.next()
        wizard.setup_unit_page.folder.edit.setText(str(Path(tmp) / "school"))
        wizard.next()  # 建立工作区: the new passphrase first
        ask = wizard.setup_unit_page.passphrase_dialog
        ask.field.setText(PASSPHRASE)
        ask.again.setText(PASSPHRASE)
        shoot_over(wizard, out, "wizard-setup-unit", [ask])
        ask.ok_button.click()
        until(lambda: wizard.currentId() == P_SETUP_DONE)
        shoot_over(wizard, out, "wizard-setup-done", [])
        wizard.close()


def tour(window, out: Path, prefix: str, size: tuple[int, int],
         sections: bool = False, last: tuple[str, ...] = ()) -> None:
    """Every page of the window at ``size``, then each page's own screenshot steps (and the
    数据交换 page's sections, when ``sections``); the pages ``last`` after the others (a page
    that needs more room than ``size`` widens the window for every page shown after it)."""
    def shot(name: str) -> None:
        window.resize(*size)  # a page that needs more room than ``size`` shows wider: said
        wait_pages(window)
        if (window.width(), window.height()) != size:
            print(f"{name}: the window needs {window.width()}×{window.height()}, "
                  f"more than {size[0]}×{size[1]}", file=sys.stderr)
        shoot(window, out, name)

    keys = [k for k in window.pages if k not in last] + [k for k in last if k in window.pages]
    for key in keys:
        page = window.show_page(key)
        shot(f"{prefix}-{key}")
        for step, action in getattr(page, "screenshot_steps", lambda: [])():
            action()
            shot(f"{prefix}-{key}-{step}")
        if sections and hasattr(page, "show_section"):
            for section in list(page.sections):
                page.show_section(section)
                shot(f"{prefix}-{key}-{section}")
    window.close()


# -- 数据交换 ------------------------------------------------------------------------------------
PASSPHRASE = "demo passphrase 2024"


def until(condition, timeout: float = 60) -> None:
    end = time.monotonic() + timeout
    while not condition() and time.monotonic() < end:
        settle(50)
    settle(300)


def shoot_over(window, out: Path, name: str, dialogs) -> Path:
    """The window with its open dialogs drawn where they stand on the screen (a grab of the
    window alone leaves them out), each with a thin frame."""
    from PySide6.QtCore import QPoint, QRect
    from PySide6.QtGui import QColor, QPainter

    settle(300)
    pixmap = window.grab()
    painter = QPainter(pixmap)
    origin = window.mapToGlobal(QPoint(0, 0))
    for dialog in dialogs:
        image = dialog.grab()
        at = dialog.mapToGlobal(QPoint(0, 0)) - origin
        at = QPoint(max(0, min(at.x(), pixmap.width() - image.width())),
                    max(0, min(at.y(), pixmap.height() - image.height())))
        painter.drawPixmap(at, image)
        painter.setPen(QColor("#606060"))
        painter.drawRect(QRect(at, image.size()).adjusted(-1, -1, 0, 0))
    painter.end()
    path = out / f"{name}.png"
    pixmap.save(str(path))
    print(path)
    return path


def exchange_tour(out: Path, demo: Path, demo_school: Path, code: str) -> None:
    """数据交换 on copies of the demo county and school (the demo keeps no keys): the county
    makes its keys (the 本单位密钥 dialog) and finds its parent's key unknown (上报); it writes
    setup files for the school and a paper school (设立下级); the school sends its 2024 bundle
    (a wrong passphrase first); the paper school, set up too, sends values other than those
    the county entered for it; the county imports both and a tampered copy (接收: 待确认 twice,
    已拒收), checks a fingerprint (待确认), confirms both and meets the conflict (冲突). The
    file dialogs are skipped: the page is given the paths."""
    import shutil
    import tempfile

    from desktop.app import open_window
    from eduplan_core.exchange.export import export_bundle
    from eduplan_core.exchange.setup import import_setup
    from eduplan_core.store import entries
    from eduplan_core.store.workspace import Workspace

    skip = shutil.ignore_patterns("backups", "locks")
    with tempfile.TemporaryDirectory(prefix="eduplan-screenshots-") as tmp:
        county, school = Path(tmp) / "county", Path(tmp) / "school"
        paper, usb = Path(tmp) / "paper", Path(tmp) / "U 盘"
        usb.mkdir()
        shutil.copytree(demo, county, ignore=skip)
        shutil.copytree(demo_school, school, ignore=skip)

        window = small(open_window(county))
        ex = window.exchange
        page = window.pages["exchange"]
        ex.keys_action.trigger()
        keys_dialog = ex.dialog
        shoot_over(window, out, "county-exchange-keys-none", [keys_dialog])
        keys_dialog.create_button.click()
        ask = ex.passphrase_dialog
        ask.field.setText(PASSPHRASE)
        ask.again.setText(PASSPHRASE[:-1])
        shoot_over(window, out, "county-exchange-passphrase-new", [keys_dialog, ask])
        ask.again.setText(PASSPHRASE)
        ask.ok_button.click()
        until(lambda: keys_dialog.has_keys and not ex.busy)
        shoot_over(window, out, "county-exchange-keys", [keys_dialog])
        keys_dialog.close()
        page = window.show_page("exchange")
        page.show_section("send")  # the county's own parent (昆明市) has sent no setup file
        shoot_over(window, out, "county-exchange-send-no-parent", [])
        page.show_section("keys")
        shoot_over(window, out, "county-exchange-keys-section", [])
        setup = page.show_section("setup")
        paper_code = next(u.code for u in window.session.ws.orgs.children(
            window.session.ws.org_code) if u.paper)
        setup.set_checked([code, paper_code])
        setup.due_check.setChecked(True)
        shoot_over(window, out, "county-exchange-setup", [])
        files = [(code, usb / "school.eduplan-setup"), (paper_code, usb / "paper.eduplan-setup")]
        setup.save_to(files)
        answer(page)
        shoot_over(window, out, "county-exchange-setup-done", [])
        window.close()

        import_setup(files[0][1], school, None, "", PASSPHRASE)
        import_setup(files[1][1], paper, paper_code, "村小教师", PASSPHRASE)
        with Workspace.open(county, daily_backup=False) as ws:
            entered = entries.view_entry(ws, paper_code, 2024, "primary").values
        with Workspace.open(paper, daily_backup=False) as ws:  # the school's own, two changed
            mine = {k: str(v) for k, v in entered.items() if v is not None}
            mine["classrooms"] = str(int(entered.get("classrooms") or 0) + 2)
            mine["pri_students"] = str(int(entered.get("pri_students") or 0) + 3)
            entries.set_values(ws, paper_code, 2024, "primary", mine)
            export_bundle(ws, PASSPHRASE, 2024, out=usb / "村小-2024.eduplan")

        window = small(open_window(school))
        page = window.show_page("exchange")
        send = page.send
        send.export_to(usb / "东川区第一小学-2024年-报东川区.eduplan", 2024)
        ask = page.passphrase_dialog
        ask.field.setText("not the passphrase")
        ask.ok_button.click()
        until(lambda: ask._op is None)
        shoot_over(window, out, "school-exchange-passphrase-wrong", [ask])
        ask.field.setText(PASSPHRASE)
        ask.ok_button.click()
        until(lambda: not ask.isVisible() and not page.busy)
        shoot_over(window, out, "school-exchange-send", [])
        page.show_section("keys")
        shoot_over(window, out, "school-exchange-keys", [])
        window.close()

        good = usb / "东川区第一小学-2024年-报东川区.eduplan"
        bad = usb / "改过的.eduplan"
        data = bytearray(good.read_bytes())
        data[len(data) // 2] ^= 1
        bad.write_bytes(bytes(data))
        window = small(open_window(county))
        page = window.show_page("exchange")
        page.import_paths([usb])
        answer(page)
        shoot_over(window, out, "county-exchange-receive", [])
        pending = page.show_section("pending")
        shoot_over(window, out, "county-exchange-pending", [])
        pending.view.selectRow(next(i for i, p in enumerate(pending.model.rows)
                                    if p.org == code))
        pending.check_and_confirm()
        dialog = pending.dialog
        dialog.typed.setText(dialog.peer.fingerprint[:14])
        shoot_over(window, out, "county-exchange-confirm", [dialog])
        dialog.typed.setText(dialog.peer.fingerprint)
        dialog.ok_button.click()
        answer(page)
        pending.view.selectRow(0)
        pending.check_and_confirm()
        pending.dialog.tick.setChecked(True)
        pending.dialog.ok_button.click()
        answer(page)
        shoot_over(window, out, "county-exchange-confirmed", [])
        conflicts = page.show_section("conflicts")
        conflicts.reason.setText("已电话核实：学校新建教室投入使用，以学校为准")
        shoot_over(window, out, "county-exchange-conflict", [])
        conflicts.incoming_button.click()
        until(lambda: not page.busy)
        conflicts.show_all.setChecked(True)
        shoot_over(window, out, "county-exchange-conflict-resolved", [])
        window.close()


def answer(page) -> None:
    """The page's passphrase dialog answered, then its work waited for."""
    until(lambda: page.passphrase_dialog is not None and page.passphrase_dialog.isVisible())
    ask = page.passphrase_dialog
    ask.field.setText(PASSPHRASE)
    ask.ok_button.click()
    until(lambda: not ask.isVisible() and not page.busy)


def small(window):
    window.resize(*SMALL)
    wait_pages(window)
    return window


def main() -> int:
    app = QApplication(sys.argv[:1])
    app.setOrganizationName("EduPlan-screenshots")
    app.setApplicationName("EduPlan")
    run(Path(sys.argv[1] if len(sys.argv) > 1 else "build/screenshots"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
