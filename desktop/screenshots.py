"""`make screenshots`: open the app on the demo workspace — as the county, then as one of its
schools — and write a PNG of every main screen to build/screenshots/. Run under Xvfb (a real X
display, real fonts), so what the PNGs show is what a user sees."""

from __future__ import annotations

import sys
import time
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QSettings
from PySide6.QtWidgets import QApplication


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
    QSettings().setValue("year", 2024)
    QSettings().setValue("as_of", "2024-12-31")
    tour(open_window(ensure_demo()), out, "county")
    tour(open_window(ensure_demo_school("2153113101")), out, "school")


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


def main() -> int:
    app = QApplication(sys.argv[:1])
    app.setOrganizationName("EduPlan-screenshots")
    app.setApplicationName("EduPlan")
    run(Path(sys.argv[1] if len(sys.argv) > 1 else "build/screenshots"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
