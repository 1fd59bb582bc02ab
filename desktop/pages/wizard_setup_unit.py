"""The workspace wizard's page that makes this unit's workspace from the setup file chosen on
the page before (desktop/pages/wizard_setup.py): this unit, picked when the file sets up
several; the folder; the restore code of a restore file; a new passphrase for the keys; the
workspace made in a worker (``eduplan setup import``)."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from PySide6.QtWidgets import (QFormLayout, QLabel, QLineEdit, QProgressBar, QVBoxLayout,
                               QWizard)

from eduplan_core.errors import EduPlanError
from eduplan_core.exchange.setup import needs_passphrase
from eduplan_core.store.backup import DB_NAME

from ..models import message_of, named, value_name
from .wizard_parts import P_SETUP_DONE, FolderRow, UnitPage, error_label, first_run, note


class SetupUnitPage(UnitPage):
    """This unit (when the file sets up several: a list with a filter), the folder, then the
    workspace made in a worker after a new passphrase for its keys (the commit)."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setTitle(self.tr("本单位与工作区文件夹"))
        self.setSubTitle(self.tr("确认本单位和工作区文件夹。建立时会为本单位生成密钥，需要设置一个口令。"))
        self.setCommitPage(True)
        self.made: Any = None  # the SetupResult, once made
        self._op: Any = None
        self.passphrase_dialog: Any = None
        layout = QVBoxLayout(self)
        self.add_list(layout, self.tr("按名称或代码筛选"))
        form = QFormLayout()
        self.folder = FolderRow()
        self.folder.add_to(form)
        self.restore_code = QLineEdit()
        self.restore_code.setPlaceholderText(self.tr("0000 0000 0000 0000 0000 0000"))
        self.restore_label = QLabel(self.tr("恢复码(&R)："))
        self.restore_label.setBuddy(self.restore_code)
        self.restore_label.setToolTip(self.tr("这是恢复文件（学校电脑丢失或损坏后由上级生成），"
                                              "请输入上级电话告知的 24 位数字"))
        form.addRow(self.restore_label, self.restore_code)
        layout.addLayout(form)
        self.chosen = note()
        layout.addWidget(self.chosen)
        self.note = note(self.tr("密钥用来给报送的数据包加密、签名。口令至少 8 个字符；以后每次导出、导入数据包"
                                  "都要输入它，忘记口令将无法发送和接收数据。"), grey=True)
        layout.addWidget(self.note)
        self.progress = QProgressBar()
        self.progress.setRange(0, 0)
        self.progress.setTextVisible(False)
        self.progress.hide()
        layout.addWidget(self.progress)
        self.status = note()
        layout.addWidget(self.status)
        self.error = error_label()
        layout.addWidget(self.error)
        layout.addStretch(0)  # takes the room only while the list is hidden (one unit)
        self.folder.edit.textChanged.connect(lambda *_: self.completeChanged.emit())
        self.restore_code.textChanged.connect(lambda *_: self.completeChanged.emit())

    @property
    def busy(self) -> bool:
        return self._op is not None

    def initializePage(self) -> None:  # noqa: N802
        """The units of the file chosen on the previous page (one: already selected)."""
        statement = self._statement()
        names = statement.get("unit_names") or {}
        types = {s.get("code"): s.get("school_type") for s in statement.get("schools", [])}
        self.list.clear()
        self.filter.clear()
        for code in statement.get("units", []):
            text = named(names.get(code, code), code)
            if types.get(code):
                text += f" · {value_name(types[code])}"
            self.add_unit(text, code)
        several = self.list.count() > 1
        self.filter.setVisible(several)
        self.list.setVisible(several)  # one unit: said below, nothing to pick
        self.setSubTitle(self.tr("这个设立文件包含 %n 个单位，请选择本单位。", "", self.list.count())
                         if several else
                         self.tr("确认本单位和工作区文件夹。建立时会为本单位生成密钥，需要设置一个口令。"))
        if not several and self.list.count():
            self.list.setCurrentRow(0)
        restore = self.is_restore()
        self.restore_code.setVisible(restore)
        self.restore_label.setVisible(restore)
        if restore:
            self.setSubTitle(self.tr("这是恢复文件：上级保存的本校全部数据将恢复到新的工作区。请输入上级"
                                     "电话告知的 24 位恢复码，并选择一个新的文件夹。"))
        self.error.clear()
        self.completeChanged.emit()

    def _statement(self) -> dict[str, Any]:
        """The setup file's statement, as read on the page before."""
        return first_run(self).setup_file_page.statement or {}

    def is_restore(self) -> bool:
        return self._statement().get("restore") is not None

    def describe(self, code: str) -> str:
        statement = self._statement()
        name = (statement.get("unit_names") or {}).get(code, code)
        return (self.tr("将以“%1”的身份建立工作区，上级单位：%2。").replace("%1", name)
                .replace("%2", statement.get("from", {}).get("name", "")))

    def isComplete(self) -> bool:  # noqa: N802
        code_ok = not self.is_restore() or sum(
            ch.isdigit() for ch in self.restore_code.text()) == 24
        return (self.code() is not None and self.folder.path() is not None and not self.busy
                and code_ok)

    def nextId(self) -> int:  # noqa: N802
        return P_SETUP_DONE

    def validatePage(self) -> bool:  # noqa: N802
        """Made: on to the last page. Else check the folder, ask a new passphrase (when the
        keys are to be made), and start the worker; its end comes back here."""
        from ..passphrase import PassphraseDialog, passphrase_from_environment

        if self.made is not None:
            return True
        code, path = self.code(), self.folder.path()
        if self.busy or code is None or path is None:
            return False
        self.error.clear()
        problem = self.folder_problem(path)
        if problem:
            self.error.setText(problem)
            return False
        try:
            need = needs_passphrase(path)
        except EduPlanError as exc:
            self.error.setText(message_of(exc))
            return False
        if not need:
            self._create(code, path, None)
            return False
        secret = passphrase_from_environment()
        if secret is not None:
            self._create(code, path, secret)
            return False
        dialog = PassphraseDialog(self, self.tr(
            "设置保护本单位密钥的口令（至少 8 个字符，可以用中文、字母、数字和符号）。以后每次导出、导入数据包"
            "都要输入它。"), new=True)
        self.passphrase_dialog = dialog
        dialog.finished.connect(dialog.deleteLater)
        dialog.accepted.connect(lambda: self._create(code, path, dialog.passphrase))
        dialog.open()
        return False

    def folder_problem(self, path: Path) -> str | None:
        """Why a workspace cannot go into ``path``: a file, or a folder that holds other things
        (an empty folder, or an EduPlan workspace of this unit, will do)."""
        if not path.exists():
            return None
        if not path.is_dir():
            return self.tr("“%1”是一个文件，不是文件夹；请换一个文件夹。").replace("%1", str(path))
        if (path / DB_NAME).exists():
            return None
        try:
            empty = next(path.iterdir(), None) is None
        except OSError:
            empty = False
        if not empty:
            return self.tr("文件夹“%1”已存在，而且不是 EduPlan 工作区；EduPlan 不会在其中建立工作区。请换一个"
                           "文件夹，或选一个空文件夹。").replace("%1", str(path))
        return None

    def _create(self, code: str, path: Path, secret: str | None) -> None:
        from eduplan_core.exchange.setup import import_setup

        from ..ops import Operation

        wizard = first_run(self)
        source = wizard.setup_file_page.path
        operator = wizard.choice_page.operator.text().strip()
        assert source is not None  # the first page is complete
        restore_code = self.restore_code.text() if self.is_restore() else None
        op = Operation(lambda progress, cancelled: import_setup(
            source, path, code, operator, secret, restore_code=restore_code), self)
        self._op = op
        self._busy(True)
        op.succeeded.connect(self._created)
        op.failed.connect(self._failed)
        op.start()

    def _busy(self, busy: bool) -> None:
        self.progress.setVisible(busy)
        self.status.setText(self.tr("正在建立工作区、生成本单位的密钥…") if busy else "")
        for widget in (self.filter, self.list, self.folder, self.restore_code):
            widget.setEnabled(not busy)
        self.completeChanged.emit()  # the wizard sets its buttons again: then these
        wizard = self.wizard()
        if wizard is not None:
            for button in (QWizard.WizardButton.BackButton, QWizard.WizardButton.CancelButton):
                if busy:
                    wizard.button(button).setEnabled(False)
                elif button == QWizard.WizardButton.CancelButton:
                    wizard.button(button).setEnabled(True)

    def _created(self, result: Any) -> None:
        self._op = None
        self.made = result
        self._busy(False)
        wizard = first_run(self)
        wizard.workspace_path = Path(result.path)
        wizard.next()

    def _failed(self, exc: Exception) -> None:
        self._op = None
        self._busy(False)
        if isinstance(exc, EduPlanError):
            self.error.setText(message_of(exc))
        else:
            logging.getLogger("eduplan").exception("internal error", exc_info=exc)
            self.error.setText(self.tr("程序内部错误，已记录在日志中。"))
