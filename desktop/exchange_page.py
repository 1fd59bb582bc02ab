"""数据交换: data travelling between offices as sealed files, in six sections (tabs).

- 上报 — this unit's bundle of a year for its parent office, saved anywhere (a USB stick);
  the parent's name and fingerprint shown; the bundles sent so far (exchange_send.py).
- 接收 — bundles of the units below: files, a folder, or dropped on the window; progress and
  cancel; a row a file with its outcome and reason (exchange_receive.py).
- 待确认 — the keys of units below waiting for a phone check; 核对指纹并确认… merges what
  they sent (exchange_receive.py, exchange_dialogs.py).
- 冲突 — what an import kept for a person: both sides, field by field; 保留本单位的 or
  采用收到的, with a reason (exchange_conflicts.py).
- 密钥 — this unit's fingerprint, 备份密钥…, 更换口令…; the keys it knows (exchange_send.py).
- 设立下级 — setup files for the units directly below (exchange_setup.py).

A school sees 上报 and 密钥; the province has no 上报. The core does the work
(eduplan_core/exchange/), one operation at a time in a worker with its own Workspace
(ops.Operation), shown in the page's progress strip (cancel where the core can stop); the
passphrase comes from PassphraseDialog or EDUPLAN_PASSPHRASE (desktop/passphrase.py). What an
action did, or why not, is said on its section's result line; nothing blocks."""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QLabel, QTabWidget, QWidget

from eduplan_core.errors import EduPlanError
from eduplan_core.exchange import keys

from .exchange_conflicts import ConflictSection
from .exchange_receive import PendingSection, ReceiveSection
from .exchange_section import Section
from .exchange_send import KeysSection, SendSection
from .exchange_setup import SetupSection
from .ops import Operation
from .pages.base import Page, heading, in_worker_ws
from .passphrase import PassphraseDialog, with_new_passphrase, with_passphrase


class ExchangePage(Page):
    title = "数据交换"

    def __init__(self, session, window=None):
        super().__init__(session, window)
        self.passphrase_dialog: PassphraseDialog | None = None  # the last one opened
        self._step_text: Callable[[int, int], str] | None = None
        self.outer.insertWidget(0, heading(self.tr("数据交换")))
        intro = QLabel(self.tr("数据以加密文件传递（U 盘、微信、电子邮件都可以）：只有收件单位能打开，"
                               "收件单位能确认文件来自发件单位、途中没有被改动。"))
        intro.setWordWrap(True)
        self.outer.insertWidget(1, intro)
        self.tabs = QTabWidget()
        self.outer.addWidget(self.tabs, 1)
        self.outer.removeWidget(self.progress)  # below the sections, beside what runs
        self.outer.addWidget(self.progress)
        ws = session.ws
        school = session.is_school
        self.sections: dict[str, Section] = {}
        self.send: SendSection | None = None
        self.receive: ReceiveSection | None = None
        self.pending: PendingSection | None = None
        self.conflicts: ConflictSection | None = None
        self.setup: SetupSection | None = None
        if ws.org.parent:
            self.send = self._add("send", SendSection(self), self.tr("上报"))
        if not school:
            self.receive = self._add("receive", ReceiveSection(self), self.tr("接收"))
            self.pending = self._add("pending", PendingSection(self), self.tr("待确认"))
            self.conflicts = self._add("conflicts", ConflictSection(self), self.tr("冲突"))
        self.keys_section = self._add("keys", KeysSection(self), self.tr("密钥"))
        if not school:
            self.setup = self._add("setup", SetupSection(self), self.tr("设立下级"))
        self._titles = {key: self.tabs.tabText(self.tabs.indexOf(s))
                        for key, s in self.sections.items()}

    def _add(self, key: str, section: Any, title: str) -> Any:
        self.sections[key] = section
        self.tabs.addTab(section, title)
        return section

    # -- what is shown -----------------------------------------------------------------------
    def refresh(self) -> None:
        for section in self.sections.values():
            section.refresh()
        counts = {"pending": self.pending.count if self.pending else 0,
                  "conflicts": self.conflicts.count if self.conflicts else 0}
        for key, n in counts.items():
            if key in self.sections:
                title = self._titles[key] + (f"（{n}）" if n else "")
                self.tabs.setTabText(self.tabs.indexOf(self.sections[key]), title)

    def show_section(self, key: str) -> Section | None:
        section = self.sections.get(key)
        if section is not None:
            self.tabs.setCurrentWidget(section)
        return section

    @property
    def accepts_imports(self) -> bool:
        """Bundles dropped on the window come here (a bureau's window)."""
        return self.receive is not None

    # -- what the menu and the window ask ----------------------------------------------------
    def choose_export(self) -> None:
        if self.send is None:
            self.show_section("keys")
            self.keys_section.say(self.tr("本单位是最高一级，没有上级单位可以报送。"), "error")
            return
        self.show_section("send")
        self.send.choose_and_export()

    def choose_files(self) -> None:
        if self.receive is None:
            self.show_section("keys")
            self.keys_section.say(self.tr("学校没有下级单位，不接收数据包。"), "error")
            return
        self.show_section("receive")
        self.receive.choose_files()

    def import_paths(self, paths: list[Path]) -> None:
        if self.receive is not None:
            self.show_section("receive")
            self.receive.import_paths(paths)

    # -- the passphrase ----------------------------------------------------------------------
    def ask_passphrase(self, prompt: str,
                       then: Callable[[str, keys.Keyring | None], None]) -> None:
        self.passphrase_dialog = None
        dialog = with_passphrase(self, self.session, prompt, then)
        if dialog is not None:  # else ``then`` ran already (and may have opened another)
            self.passphrase_dialog = dialog

    def ask_new_passphrase(self, section: Section, prompt: str, env: str,
                           then: Callable[[str], None], parent: QWidget | None = None) -> None:
        """A new passphrase (typed twice; or ``env``'s, checked against the rule)."""
        self.passphrase_dialog = None
        try:
            dialog = with_new_passphrase(parent or self, prompt, env, then)
        except EduPlanError as exc:
            section.fail(exc)
            return
        if dialog is not None:
            self.passphrase_dialog = dialog

    # -- the worker --------------------------------------------------------------------------
    @property
    def busy(self) -> bool:
        return self._op is not None

    def run_work(self, section: Section, text: str, fn: Callable[..., Any],
                 done: Callable[[Any], None], *, cancellable: bool = False,
                 after: Callable[[], None] | None = None,
                 step_text: Callable[[int, int], str] | None = None) -> bool:
        """``fn(ws, progress=, cancelled=)`` in a worker with its own Workspace, one at a
        time (a second is refused, said on ``section``); ``after()`` then ``done(result)``
        on the UI thread, or the failure said on ``section`` (``after()`` runs then too)."""
        if self._op is not None:
            section.say(self.tr("另一项数据交换正在进行，请等它完成。"), "error")
            return False
        op = Operation(in_worker_ws(self.session, fn), self)
        self._op = op
        self._step_text = step_text
        self.progress.start(text)
        self.progress.cancel.setVisible(cancellable)
        self.progress.cancel.setEnabled(True)
        op.progress.connect(self._step)
        section.say(text, "info")
        self._set_busy(True)

        def finish() -> None:
            self._op = None
            self.progress.hide()
            self._set_busy(False)
            if after is not None:
                after()

        def ok(result: Any) -> None:
            finish()
            done(result)

        def failed(exc: Exception) -> None:
            finish()
            section.fail(exc)

        op.succeeded.connect(ok)
        op.failed.connect(failed)
        op.start()
        return True

    def _step(self, done: int, total: int) -> None:
        self.progress.step(done, total)
        text = self._step_text(done, total) if self._step_text is not None else ""
        if text:
            self.progress.label.setText(text)

    def _cancel_current(self) -> None:
        if self._op is not None:
            self.progress.label.setText(self.tr("正在取消…（当前文件处理完即停止）"))
            self.progress.cancel.setEnabled(False)
            self._op.cancel()

    def _set_busy(self, busy: bool) -> None:
        for section in self.sections.values():
            section.set_busy(busy)

    def wait_idle(self, ms: int = 60000) -> None:
        """For tests and closing: until the running worker's result has arrived (it arrives
        on this thread, so events are processed meanwhile)."""
        end = time.monotonic() + ms / 1000
        while self._op is not None and time.monotonic() < end:
            QCoreApplication.processEvents()
            time.sleep(0.01)
