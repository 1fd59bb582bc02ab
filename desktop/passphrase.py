"""The passphrase of the workspace's keys: asked in a dialog, or taken from the environment
for scripts and tests, as the CLI does (eduplan_core/cli/exchange_cmds.py): EDUPLAN_PASSPHRASE
(the workspace's; the new one when keys are made), EDUPLAN_NEW_PASSPHRASE (更换口令),
EDUPLAN_BACKUP_PASSPHRASE (a key backup's). :func:`with_passphrase` and
:func:`with_new_passphrase` take it from one or the other.

The dialog hides what is typed (a box shows it). For the keys' first passphrase it has two
fields: the rule (at least 8 characters, keys.check_new_passphrase) and the match are checked
as the user types, and OK waits for both. For the passphrase of existing keys, OK runs
``check(passphrase)`` — unlocking the keys, about half a second of Argon2id — in a worker; a
wrong passphrase is said in the dialog, which stays open for another try. Cancel changes
nothing."""

from __future__ import annotations

import logging
import os
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (QCheckBox, QDialog, QDialogButtonBox, QFormLayout, QLabel,
                               QLineEdit, QVBoxLayout, QWidget)

from eduplan_core.errors import EduPlanError, UsageError
from eduplan_core.exchange import keys

from .models import GREEN, GREY, RED, message_of
from .ops import Operation

if TYPE_CHECKING:
    from .session import Session

# as the CLI reads them (eduplan_core/cli/exchange_cmds.py)
ENV_PASSPHRASE = "EDUPLAN_PASSPHRASE"
ENV_NEW_PASSPHRASE = "EDUPLAN_NEW_PASSPHRASE"  # 更换口令: the new one
ENV_BACKUP_PASSPHRASE = "EDUPLAN_BACKUP_PASSPHRASE"  # 备份密钥: the backup file's


def passphrase_from_environment(env: str = ENV_PASSPHRASE) -> str | None:
    """EDUPLAN_PASSPHRASE (or ``env``) when set (scripts, tests): then no dialog is shown."""
    return os.environ.get(env)


def with_passphrase(parent: QWidget, session: Session, prompt: str,
                    then: Callable[[str, keys.Keyring | None], None]) -> PassphraseDialog | None:
    """``then(passphrase, keyring)``: from EDUPLAN_PASSPHRASE (the keyring None: the work
    unlocks, and a wrong passphrase fails it; no dialog, None returned), else from the
    dialog, opened here and returned (the keys unlocked there, in a worker: a wrong
    passphrase is asked again). Cancel: ``then`` is not called."""
    given = passphrase_from_environment()
    if given is not None:
        then(given, None)
        return None

    def unlock(secret: str) -> keys.Keyring:
        ws = session.open_worker_ws()
        try:
            return keys.unlock(ws, secret)
        finally:
            ws.close()

    dialog = PassphraseDialog(parent, prompt, check=unlock)
    dialog.accepted.connect(lambda: then(dialog.passphrase, dialog.value))
    dialog.open()
    return dialog


def with_new_passphrase(parent: QWidget, prompt: str, env: str,
                        then: Callable[[str], None]) -> PassphraseDialog | None:
    """``then(new passphrase)``: from ``env`` when set (checked against the rule: a
    UsageError is raised here), else typed twice in a dialog, opened and returned."""
    given = passphrase_from_environment(env)
    if given is not None:
        keys.check_new_passphrase(given)
        then(given)
        return None
    dialog = PassphraseDialog(parent, prompt, new=True)
    dialog.accepted.connect(lambda: then(dialog.passphrase))
    dialog.open()
    return dialog


class PassphraseDialog(QDialog):
    """``new=True``: a new passphrase, typed twice. Otherwise the passphrase of the keys,
    checked with ``check`` (run in a worker; its result is kept in :attr:`value`). After
    ``accepted``: :attr:`passphrase` holds what was typed."""

    def __init__(self, parent: QWidget | None, prompt: str, *, new: bool = False,
                 check: Callable[[str], Any] | None = None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("设置密钥口令") if new else self.tr("输入密钥口令"))
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self.new = new
        self.check = check
        self.passphrase = ""
        self.value: Any = None
        self._op: Operation | None = None
        self._cancelled = False
        layout = QVBoxLayout(self)
        intro = QLabel(prompt)
        intro.setWordWrap(True)
        intro.setTextFormat(Qt.TextFormat.PlainText)
        layout.addWidget(intro)
        form = QFormLayout()
        self.field = _secret_field()
        form.addRow(self.tr("口令："), self.field)
        self.again: QLineEdit | None = None
        if new:
            self.again = _secret_field()
            form.addRow(self.tr("再输入一次："), self.again)
        layout.addLayout(form)
        self.show_box = QCheckBox(self.tr("显示口令"))
        self.show_box.toggled.connect(self._show_text)
        layout.addWidget(self.show_box)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setTextFormat(Qt.TextFormat.PlainText)
        self.message.setMinimumHeight(self.fontMetrics().height() * 2 + 4)
        layout.addWidget(self.message)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                        | QDialogButtonBox.StandardButton.Cancel)
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(self.tr("确定"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("取消"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        if new:
            self.field.textChanged.connect(self.validate)
            assert self.again is not None
            self.again.textChanged.connect(self.validate)
            self.validate()
        self.setMinimumWidth(460)

    # -- what the user sees --------------------------------------------------------------------
    def _show_text(self, visible: bool) -> None:
        mode = QLineEdit.EchoMode.Normal if visible else QLineEdit.EchoMode.Password
        for field in (self.field, self.again):
            if field is not None:
                field.setEchoMode(mode)

    def _say(self, text: str, colour=GREY) -> None:
        self.message.setStyleSheet(f"color: {colour.name()};")
        self.message.setText(text)

    def validate(self) -> bool:
        """A new passphrase: the rule and the match, said as the user types; OK only when
        both hold."""
        if not self.new:
            return bool(self.field.text())
        assert self.again is not None
        text, again = self.field.text(), self.again.text()
        ok = False
        try:
            keys.check_new_passphrase(text)
        except UsageError as exc:
            self._say(message_of(exc), RED if text else GREY)
        else:
            if not again:
                self._say(self.tr("请再输入一次，确认没有输错。"))
            elif again != text:
                self._say(self.tr("两次输入的口令不一致。"), RED)
            else:
                ok = True
                self._say(self.tr("✓ 口令可以使用。请牢记：忘记口令将无法发送和接收数据。"), GREEN)
        self.ok_button.setEnabled(ok)
        return ok

    # -- OK and Cancel -------------------------------------------------------------------------
    def accept(self) -> None:
        if self._op is not None:
            return
        text = self.field.text()
        if self.new:
            if self.validate():
                self.passphrase = text
                super().accept()
            return
        if not text:
            self._say(self.tr("请输入口令。"), RED)
            return
        if self.check is None:
            self.passphrase = text
            super().accept()
            return
        check = self.check
        self._busy(True)
        self._say(self.tr("正在验证口令…"))
        op = Operation(lambda progress, cancelled: check(text), self)
        self._op = op
        op.succeeded.connect(lambda value: self._checked(text, value))
        op.failed.connect(self._failed)
        op.start()

    def _busy(self, busy: bool) -> None:
        self.ok_button.setEnabled(not busy)
        self.field.setEnabled(not busy)

    def _checked(self, text: str, value: Any) -> None:
        self._op = None
        self._busy(False)
        if self._cancelled:
            super().reject()
            return
        self.passphrase, self.value = text, value
        super().accept()

    def _failed(self, exc: Exception) -> None:
        """A wrong passphrase (or damaged keys): said here; the user may try again."""
        self._op = None
        self._busy(False)
        if self._cancelled:
            super().reject()
            return
        if isinstance(exc, EduPlanError):
            self._say(message_of(exc), RED)
        else:
            logging.getLogger("eduplan").exception("internal error", exc_info=exc)
            self._say(self.tr("程序内部错误，已记录在日志中。"), RED)
        self.field.selectAll()
        self.field.setFocus()

    def reject(self) -> None:
        if self._op is not None:  # an unlock cannot be stopped: it ends, then the dialog
            self._cancelled = True
            self.hide()
            return
        super().reject()


def _secret_field() -> QLineEdit:
    field = QLineEdit()
    field.setEchoMode(QLineEdit.EchoMode.Password)
    field.setMinimumWidth(260)
    return field
