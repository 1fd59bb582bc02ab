"""The widgets of one field of a form: label, editor and unit on its line, the message (an
error, a warning, a note) below it across the whole row — a warning of 60 characters reads in
one or two lines at 1024 pixels, not in a column beside the value — and the explanation box
below that; how a field's editor is made; the FormPage is told of focus. Used by
form_page.py."""

from __future__ import annotations

import html
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QDate, QEvent, QObject, Qt
from PySide6.QtWidgets import (QCalendarWidget, QComboBox, QFormLayout, QFrame, QGroupBox,
                               QHBoxLayout, QLabel, QLineEdit, QMenu, QSizePolicy, QToolButton,
                               QVBoxLayout, QWidget, QWidgetAction)

from eduplan_core.catalog.model import Field, Form
from eduplan_core.inputs import shown
from eduplan_core.numbers_fmt import number, typed
from eduplan_core.validation import Issue, parse_value

from ..models import AMBER, AMBER_BG, AMBER_TEXT, GREY, RED, RED_BG, english_window, words

if TYPE_CHECKING:
    from .form_page import FormPage


MAX_TYPED = 100  # characters a number or date field takes (no number is longer than 32)


def form_fields(ws, form: Form, org_code: str) -> list[Field]:
    """The fields this org fills: all of them, except on the milestones form (one date per
    milestone target) only the org's own milestones."""
    if form.code != "milestones":
        return list(form.fields)
    own = {t.code for t in ws.catalog.targets if t.org == org_code}
    return [f for f in form.fields if f.code in own]


def format_value(field: Field, value: Any) -> str:
    """A stored value as the user would type it (no thousands separators, no exponent)."""
    if field.type in ("integer", "decimal", "percent"):
        return typed(value)
    return "" if value is None else str(value)


def said(messages: list[str]) -> str:
    """Messages of one field in a line, in the window's language."""
    return ("; " if english_window() else "；").join(messages)


class FieldRow:
    """The widgets of one field: label, editor and unit; below, the message across the row
    (shown only when there is one) and the explanation box."""

    def __init__(self, page: FormPage, field: Field):
        self.field = field
        self.label = QLabel()
        self.label.setTextFormat(Qt.TextFormat.RichText)
        self.label.setWordWrap(True)
        self.label.setMinimumWidth(220)
        mark = f"<span style='color:{RED.name()}'> *</span>" if (
            field.required and not field.is_calculated) else ""
        self.label.setText(html.escape(field.label) + mark)
        self.editor = make_editor(field)
        self.pick: QToolButton | None = None
        self.unit = QLabel(field.unit)
        self.unit.setMinimumWidth(28)
        self.message = QLabel()
        self.message.setObjectName("message")
        self.message.setWordWrap(True)
        self.message.setTextFormat(Qt.TextFormat.PlainText)
        self.message.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.message.setContentsMargins(12, 0, 0, 2)
        self.box = QWidget()
        lay = QHBoxLayout(self.box)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(self.editor)
        if field.type == "date" and not field.is_calculated:
            self.pick = make_date_button(page, self)
            lay.addWidget(self.pick)
        lay.addWidget(self.unit)
        lay.addStretch(1)
        self.label.setBuddy(self.editor)
        tip = field.help or field.label
        for w in (self.label, self.editor):
            w.setToolTip(tip)
        self.expl_frame = QFrame()
        self.expl_frame.setObjectName("explain")
        self.expl_frame.setStyleSheet(
            f"QFrame#explain {{ background: {AMBER_BG.name()}; border: 1px solid {AMBER.name()};"
            " border-radius: 3px; }")
        el = QHBoxLayout(self.expl_frame)
        el.setContentsMargins(6, 3, 6, 3)
        self.expl_label = QLabel(QCoreApplication.translate("FormPage", "说明原因："))
        self.expl_edit = QLineEdit()
        self.expl_edit.setPlaceholderText(
            QCoreApplication.translate("FormPage", "警告需要写明原因才能提交，例如：新校区投入使用"))
        self.expl_label.setBuddy(self.expl_edit)
        el.addWidget(self.expl_label)
        el.addWidget(self.expl_edit, 1)
        self.group_layout: QFormLayout | None = None
        self._shown: tuple[bool, bool] | None = None
        self._look: str | None = None
        self._locked = False
        self._message: tuple[str, str] = ("", "")
        self._message_on = False  # the message's row is shown
        self.note = ""  # shown in grey when there is nothing else to say (a deadline)

    # -- the value in the editor --------------------------------------------------------------
    def raw(self) -> Any:
        if isinstance(self.editor, QComboBox):
            return self.editor.currentData()
        return self.editor.text()

    def show_value(self, value: Any) -> None:
        if isinstance(self.editor, QComboBox):
            want = value if self.field.type != "yesno" or value is None else int(value)
            index = self.editor.findData(want)
            self.editor.setCurrentIndex(max(index, 0))
        elif self.field.is_calculated:
            text = number(value, 2) if isinstance(value, (int, float)) else (
                "" if value is None else str(value))
            if text != self.editor.text():
                self.editor.setText(text)
        else:
            self.editor.setText(format_value(self.field, value))

    def parsed(self) -> tuple[Any, Issue | None]:
        return parse_value(self.field, self.raw())

    def set_visible(self, on: bool, explain: bool) -> None:
        state = (on, on and explain)
        if self.group_layout is not None and state != self._shown:
            self._shown = state
            self.group_layout.setRowVisible(self.box, state[0])
            self.group_layout.setRowVisible(self.expl_frame, state[1])
            self._show_message_row()

    def _show_message_row(self) -> None:
        """The message's line: shown with its field, when there is something to say."""
        if self.group_layout is None:
            return
        on = bool(self._message[0]) and (self._shown is None or self._shown[0])
        if on != self._message_on:
            self._message_on = on
            self.group_layout.setRowVisible(self.message, on)

    def set_locked(self, locked: bool) -> None:
        """Read-only (a submitted form): the value and its explanation can be read, selected and
        copied, not changed; a list or the calendar button is disabled."""
        if self.field.is_calculated or locked == self._locked:
            return
        self._locked = locked
        if self._look in (None, "locked"):
            self.set_look(None)
        if isinstance(self.editor, QComboBox):
            self.editor.setEnabled(not locked)
        else:
            self.editor.setReadOnly(locked)
        self.expl_edit.setReadOnly(locked)
        if self.pick is not None:
            self.pick.setEnabled(not locked)

    def set_look(self, level: str | None) -> None:
        """red for an error, amber for a warning, grey for a calculated field, else plain
        (a widget is only restyled when its look changes)."""
        if level is None and self._locked:
            level = "locked"
        if level == self._look:
            return
        self._look = level
        kind = "QComboBox" if isinstance(self.editor, QComboBox) else "QLineEdit"
        if level == "error":
            self.editor.setStyleSheet(f"{kind} {{ color: {RED.name()}; background: "
                                      f"{RED_BG.name()}; border: 1px solid {RED.name()}; }}")
        elif level == "warning":
            self.editor.setStyleSheet(f"{kind} {{ background: {AMBER_BG.name()}; "
                                      f"border: 1px solid {AMBER.name()}; }}")
        elif level == "calculated":
            self.editor.setStyleSheet(f"{kind} {{ background: #f3f3f3; color: #333333; }}")
        elif level == "locked":  # a submitted form: read, not typed into
            self.editor.setStyleSheet(f"{kind} {{ background: #eeeeee; }}")
        else:
            self.editor.setStyleSheet("")

    def show_said(self, errors: list[Issue] | None, warnings: list[Issue] | None,
                  explanations: dict[str, str], carried: bool) -> None:
        """What the form says of this field: its errors only (red), else its warnings (amber,
        each marked once explained), else 沿用 when carried over, else its note."""
        if errors:
            self.set_look("error")
            self.set_message("✗ " + said([words(i.message) for i in errors]), RED.name())
        elif warnings:
            self.set_look("warning")
            done = QCoreApplication.translate("FormPage", "（已说明）")
            self.set_message("⚠ " + said([
                words(i.message) + (done if any(explanations.get(x) for x in i.fields) else "")
                for i in warnings]), AMBER_TEXT.name())
        elif carried:
            self.set_look(None)
            self.set_message(QCoreApplication.translate("FormPage", "沿用上年数据，请核实"),
                             GREY.name())
        else:
            self.set_look(None)
            self.set_message(self.note, GREY.name() if self.note else "")

    def set_message(self, text: str, colour: str = "") -> None:
        """The line below the field (hidden when empty); its full text is its tooltip too."""
        if (text, colour) == self._message:
            return
        self._message = (text, colour)
        self.message.setStyleSheet(f"color: {colour};" if colour else "")
        self.message.setText(shown(text))
        self.message.setToolTip(shown(text))
        self._show_message_row()


ENTER_KEYS = (Qt.Key.Key_Return, Qt.Key.Key_Enter)
PLAIN = (Qt.KeyboardModifier.NoModifier, Qt.KeyboardModifier.KeypadModifier)


class FocusWatch(QObject):
    """Tells the page which field the user is on (for the help text and the history), and that
    Enter was pressed in it: the line takes Enter first (it saves), then the page moves on."""

    def __init__(self, page: FormPage, row: FieldRow):
        super().__init__(row.editor)
        self.page = page
        self.row = row

    def eventFilter(self, obj, event):  # noqa: N802 (Qt API)
        if event.type() == QEvent.Type.FocusIn:
            self.page._focused(self.row)
        elif event.type() == QEvent.Type.KeyPress and event.key() in ENTER_KEYS and \
                event.modifiers() in PLAIN:
            if isinstance(obj, QLineEdit):
                QLineEdit.keyPressEvent(obj, event)  # editingFinished: the value is saved
            self.page.enter_pressed(self.row, obj)
            return True
        return False


def make_editor(field: Field):
    """The editor of a field: a read-only box for a calculated one, a list for yes/no and
    choices, else a line that takes any text (inputs.py reads it)."""
    if field.is_calculated:
        e = QLineEdit()
        e.setReadOnly(True)
        e.setFocusPolicy(Qt.FocusPolicy.ClickFocus)
        e.setAlignment(Qt.AlignmentFlag.AlignRight)
        e.setFixedWidth(150)
        e.setToolTip(QCoreApplication.translate("FormPage", "计算字段，自动得出"))
        return e
    if field.type in ("yesno", "choice"):
        c = QComboBox()
        c.addItem(QCoreApplication.translate("FormPage", "（未填）"), None)
        if field.type == "yesno":
            c.addItem(QCoreApplication.translate("FormPage", "是"), 1)
            c.addItem(QCoreApplication.translate("FormPage", "否"), 0)
        else:
            for choice in field.choices:
                c.addItem(choice, choice)
        c.setMinimumWidth(150)
        return c
    e = QLineEdit()
    e.setFixedWidth(150)
    if field.type in ("integer", "decimal", "percent", "date"):
        e.setMaxLength(MAX_TYPED)  # any character is taken and shown; inputs.py reads it
    if field.type in ("integer", "decimal", "percent"):
        e.setAlignment(Qt.AlignmentFlag.AlignRight)
    if field.type == "date":
        e.setPlaceholderText("YYYY-MM-DD")
    if field.type == "text":
        e.setFixedWidth(260)
    return e


def make_date_button(page: FormPage, row: FieldRow) -> QToolButton:
    """The … beside a date: a calendar; a day picked is typed into the field and saved."""
    button = QToolButton()
    button.setText("…")
    button.setToolTip(QCoreApplication.translate("FormPage", "从日历选择日期"))
    button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
    menu = QMenu(button)
    calendar = QCalendarWidget()
    action = QWidgetAction(menu)
    action.setDefaultWidget(calendar)
    menu.addAction(action)
    button.setMenu(menu)

    def picked(day: QDate):
        menu.close()
        row.editor.setText(day.toString("yyyy-MM-dd"))
        page._edited(row)
        page.save()

    calendar.clicked.connect(picked)
    calendar.activated.connect(picked)
    return button


def build_groups(page: FormPage, form: Form,
                 fields: list[Field]) -> tuple[QWidget, dict[str, FieldRow], dict[str, QGroupBox]]:
    """The body of a form: a box per group of the form (in its order), a row per field with its
    explanation box below (hidden); a milestone's deadline as its note. Returns the body, the
    rows in order and the group boxes."""
    body = QWidget()
    layout = QVBoxLayout(body)
    by_group: dict[str, list[Field]] = {}
    for f in fields:
        by_group.setdefault(f.group, []).append(f)
    names = dict(form.groups)
    deadlines = {t.code: t.deadline.isoformat() for t in page.session.catalog.targets
                 if t.deadline} if form.code == "milestones" else {}
    rows: dict[str, FieldRow] = {}
    boxes: dict[str, QGroupBox] = {}
    for code in [g for g, _ in form.groups] + [g for g in by_group if g not in names]:
        if code not in by_group:
            continue
        box = QGroupBox(names.get(code, code))
        form_layout = QFormLayout(box)
        form_layout.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form_layout.setRowWrapPolicy(QFormLayout.RowWrapPolicy.DontWrapRows)
        for f in by_group[code]:
            row = FieldRow(page, f)
            row.group_layout = form_layout
            if f.code in deadlines:
                row.note = QCoreApplication.translate("FormPage", "截止 %1").replace(
                    "%1", deadlines[f.code])
            form_layout.addRow(row.label, row.box)
            form_layout.addRow(row.message)  # across the row: room for a long warning
            form_layout.setRowVisible(row.message, False)
            form_layout.addRow(row.expl_frame)  # across the row too: room to write why
            form_layout.setRowVisible(row.expl_frame, False)
            rows[f.code] = row
        boxes[code] = box
        layout.addWidget(box)
    if not fields:
        layout.addWidget(QLabel(QCoreApplication.translate(
            "FormPage", "本单位在这张表上没有需要填写的项目。")))
    layout.addStretch(1)
    return body, rows, boxes


def enter_stops(rows: dict[str, FieldRow], order: list[str], body: QWidget) -> list[QWidget]:
    """Where Enter goes, in the form's order: each value that can be typed and each
    explanation box shown (not the calendar buttons Tab also stops at)."""
    stops: list[QWidget] = []
    for code in order:
        r = rows[code]
        if not r.field.is_calculated and r.editor.isVisibleTo(body) and r.editor.isEnabled():
            stops.append(r.editor)
        if r.expl_frame.isVisibleTo(body):
            stops.append(r.expl_edit)
    return stops
