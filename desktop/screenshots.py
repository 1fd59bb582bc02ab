"""`make screenshots`: open the app on the demo workspace — as the county, then as one of its
schools — and write a PNG of every main screen to build/screenshots/; then the 数据交换 page's
sections and dialogs, at a small laptop's 1024×700, on copies of the two (keys, setup files,
bundles from the school and a paper school to the county, a tampered one, a fingerprint
check, a conflict); then a new county from nothing (the first start's wizard, 会泽县 made from
it, its empty window, the 文件 menu with the recent workspaces). Run under Xvfb (a real X
display, real fonts), so what the PNGs show is what a user sees."""

from __future__ import annotations

import datetime as dt
import sys
import time
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QSettings
from PySide6.QtWidgets import QApplication

DEMO_SCHOOL = "2153113101"  # 东川区第一小学


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
    from desktop.app import open_window
    from desktop.startup import ensure_demo, ensure_demo_school

    out.mkdir(parents=True, exist_ok=True)
    QSettings().setValue("as_of", "")  # a real workspace: today (the tours pin their own)
    tour(pinned(open_window(ensure_demo())), out, "county")
    tour(pinned(open_window(ensure_demo_school(DEMO_SCHOOL))), out, "school")
    exchange_tour(out, ensure_demo(), ensure_demo_school(DEMO_SCHOOL), DEMO_SCHOOL)
    setup_wizard_tour(out, ensure_demo())
    workspaces_tour(out)


def pinned(window):
    """The demo's main screens as they have always been shot: 2024, as of 2024-12-31 (the demo
    opens on 2025 and the date it was made for)."""
    window.session.set_as_of(dt.date(2024, 12, 31))
    window.session.set_year(2024)
    return window


def workspaces_tour(out: Path) -> None:
    """A new county from nothing, at 1024×700: the first start's wizard (the demo preselected,
    打开), 新建教育行政部门工作区 filtered to 会泽, the window switched to 会泽县 (its empty
    学校名录), the 文件 menu with the recent workspaces (the demo school opened on the way)."""
    import tempfile

    from PySide6.QtCore import QPoint
    from PySide6.QtWidgets import QWizard

    from desktop.app import open_window
    from desktop.pages.wizard import BUREAU, FirstRunWizard
    from desktop.startup import ensure_demo

    with tempfile.TemporaryDirectory(prefix="eduplan-screenshots-") as tmp:
        huize = Path(tmp) / "会泽县"
        wizard = FirstRunWizard()
        wizard.resize(*SMALL)
        wizard.show()
        shoot_over(wizard, out, "wizard-first-run", [])
        wizard.choice_page.radios[BUREAU].setChecked(True)
        wizard.choice_page.operator.setText("张三")
        wizard.next()
        wizard.bureau_page.filter.setText("会泽")
        wizard.bureau_page.folder.edit.setText(str(huize))
        shoot_over(wizard, out, "wizard-new-county", [])
        wizard.button(QWizard.WizardButton.FinishButton).click()
        wizard.close()
        window = small(open_window(ensure_demo()))
        window.switch_to(huize)
        window.show_page("schools")
        shoot(window, out, "county-new-schools")
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
        window.close()


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


def tour(window, out: Path, prefix: str) -> None:
    """Every page of the window, then each page's own screenshot steps."""
    window.resize(1400, 880)
    for key in list(window.pages):
        page = window.show_page(key)
        shoot(window, out, f"{prefix}-{key}")
        for step, action in getattr(page, "screenshot_steps", lambda: [])():
            action()
            shoot(window, out, f"{prefix}-{key}-{step}")
    window.close()


# -- 数据交换 ------------------------------------------------------------------------------------
PASSPHRASE = "demo passphrase 2024"
SMALL = (1024, 700)  # a small laptop screen: the dialogs must fit in it


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
