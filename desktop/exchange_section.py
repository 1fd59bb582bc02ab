"""What the sections of the 数据交换 page share: a result line (what the last action did, or
why it did not), the page's worker and passphrase, and the check for keys.

A section never blocks: errors are said on its result line in the core's words, never in a
modal message box."""

from __future__ import annotations

import logging
import re
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QSettings, Qt
from PySide6.QtWidgets import QFileDialog, QLabel, QVBoxLayout, QWidget

from eduplan_core.errors import Cancelled, EduPlanError
from eduplan_core.exchange import keys

from .models import GREEN, GREY, RED, message_of

if TYPE_CHECKING:
    from .exchange_page import ExchangePage

TONES = {"info": GREY, "ok": GREEN, "error": RED, "plain": None}


def when(at: str | None) -> str:
    """An ISO time as a table shows it: date and time to the second."""
    return (at or "").replace("T", " ")[:19]


def file_safe(name: str) -> str:
    """A unit's name as part of a file name (no path separators or reserved characters)."""
    return re.sub(r'[\\/:*?"<>|\x00-\x1f]', "_", name).strip() or "_"


# the core's words name the command as well as the window's place ("请在“冲突”中处理（命令行
# eduplan conflicts）"); a desktop user is told the place only
_COMMAND_LINE = (re.compile(r"[；;]\s*(命令行|command line)[：:]?\s*[^（）()]*(?=[）)])"),
                 re.compile(r"\s*[（(](命令行|command line)[：:]?\s*[^（）()]*[）)]"))


def for_desktop(text: str) -> str:
    """A text of the core without its pointers to the command line (``（命令行 eduplan …）``,
    ``；命令行 eduplan …`` inside a parenthesis, the English ``; command line: …``)."""
    for pattern in _COMMAND_LINE:
        text = pattern.sub("", text)
    return text


def small_label(text: str = "") -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    label.setStyleSheet(f"color: {GREY.name()};")
    return label


def none_yet(text: str) -> QLabel:
    """Where a table has no rows yet: one grey line at the top of the table's room, shown
    instead of the table (an empty grid of squeezed headers says nothing)."""
    label = small_label(text)
    label.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
    label.hide()
    return label


class ResultLine(QLabel):
    """One or a few lines under a section's buttons: green when done, red when refused."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWordWrap(True)
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.tone = "plain"

    def say(self, text: str, tone: str = "plain") -> None:
        colour = TONES.get(tone)
        self.tone = tone
        self.setStyleSheet(f"color: {colour.name()};" if colour is not None else "")
        self.setText(text)


def error_text(exc: BaseException) -> str:
    """A core error in its own words; a cancel said as such; anything else logged."""
    if isinstance(exc, Cancelled):
        return QCoreApplication.translate("ExchangeSection", "已取消。")
    if isinstance(exc, EduPlanError):
        return for_desktop(message_of(exc))
    logging.getLogger("eduplan").exception("internal error", exc_info=exc)
    return QCoreApplication.translate("Page", "程序内部错误，已记录在日志中。未保存的内容不受影响。")


class Section(QWidget):
    """One section (a tab) of the 数据交换 page."""

    def __init__(self, page: ExchangePage):
        super().__init__(page)
        self.page = page
        self.session = page.session
        self.layout_ = QVBoxLayout(self)
        self.result = ResultLine()

    # -- saying ------------------------------------------------------------------------------
    def say(self, text: str, tone: str = "plain") -> None:
        self.result.say(text, tone)

    def fail(self, exc: BaseException) -> None:
        self.say(error_text(exc), "info" if isinstance(exc, Cancelled) else "error")

    # -- the page's means --------------------------------------------------------------------
    def run(self, text: str, fn: Callable[..., Any], done: Callable[[Any], None], *,
            cancellable: bool = False, after: Callable[[], None] | None = None,
            step_text: Callable[[int, int], str] | None = None) -> bool:
        """``fn(ws, progress=, cancelled=)`` in a worker of the page (one at a time);
        ``after()`` then ``done(result)`` on the UI thread; a failure said on this section's
        result line (``after()`` runs then too)."""
        return self.page.run_work(self, text, fn, done, cancellable=cancellable, after=after,
                                  step_text=step_text)

    def with_passphrase(self, prompt: str,
                        then: Callable[[str, keys.Keyring | None], None]) -> None:
        self.page.ask_passphrase(prompt, then)

    def free(self) -> bool:
        """No other exchange work under way on the page; else that is said here."""
        if self.page.busy:
            self.say(self.tr("另一项数据交换正在进行，请等它完成。"), "error")
            return False
        return True

    def has_keys(self, say: bool = True) -> bool:
        """Keys here; else, when ``say``, where to make them is said."""
        if keys.has_keys(self.session.ws):
            return True
        if say:
            self.say(self.tr("本工作区还没有密钥。请先在“密钥”中建立密钥。"), "error")
        return False

    def save_path(self, title: str, default: Path, filters: str, suffix: str) -> Path | None:
        """A save dialog starting where the last file of the exchange went (a USB stick is
        remembered); ``suffix`` added when the name has none. An existing file is not
        asked about here: the core refuses to overwrite it, in its words."""
        settings = QSettings()
        folder = Path(str(settings.value("exchange_save_dir", "") or Path.home()))
        name, _ = QFileDialog.getSaveFileName(
            self, title, str(folder / default.name), filters,
            options=QFileDialog.Option.DontConfirmOverwrite)
        if not name:
            return None
        path = Path(name)
        if not path.name.endswith(suffix):
            path = path.with_name(path.name + suffix)
        settings.setValue("exchange_save_dir", str(path.parent))
        return path

    # -- what each section does --------------------------------------------------------------
    def refresh(self) -> None:  # pragma: no cover - each section implements it
        raise NotImplementedError

    def set_busy(self, busy: bool) -> None:
        """A worker of the page started (True) or ended: the section's buttons follow."""
