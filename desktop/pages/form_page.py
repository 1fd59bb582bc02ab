"""One form of one org in one year: a widget per field, grouped as the form groups them.

A value is saved through ``entries.set_values`` on the UI thread's workspace (a few
milliseconds) when the user leaves the field, presses Enter, or stops typing for
``SAVE_DELAY_MS``; what was typed in the moment before a crash can be lost, nothing saved before
it. Number and date fields take any text — no validator drops or changes a character — and it is
read by the rules of ``eduplan_core.inputs`` (the same as the CLI's); text that cannot be read,
or a value the core refuses (an error), is not stored: the typed text stays visible in red with
the message so the user can fix it, and it is all that is said of it. Warnings are shown in
amber with a box for the explanation that the core stores with the value. What stops a
submission is the core's review of the values on screen (entries.review). Enter moves to the
next field. A submitted form is read-only until 修改 takes it back to draft.

The page is split by what it shows: form_header.py (title, state, buttons, banner, what stops a
submission), form_fields.py (a field's widgets), form_issues.py (the problems and 填报说明 beside
the form), form_history.py (字段历史); form_actions.py does what it writes."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QComboBox, QFrame, QScrollArea, QSplitter, QVBoxLayout, QWidget

from eduplan_core.catalog.model import Form, Org
from eduplan_core.errors import EduPlanError
from eduplan_core.inputs import shown
from eduplan_core.store import entries
from eduplan_core.validation import relevant_codes, with_calculated
from eduplan_core.vocab import EntryState

from ..models import AMBER, GREEN, GREY, term_names
from .form_actions import FormActions
from .form_fields import (FieldRow, FocusWatch, build_groups, enter_stops, form_fields,
                          format_value)
from .form_header import FormHeader
from .form_history import HistoryDialog
from .form_issues import IssuesPanel, describe

__all__ = ["FormPage", "HistoryDialog", "form_fields", "format_value"]

SAVE_DELAY_MS = 1200  # typing pauses this long: the value is saved without leaving the field


class FormPage(QWidget):
    """Open with :meth:`open_form`; an edit is saved when its field is left, Enter is pressed
    or typing pauses (see the module's docstring)."""

    saved = Signal()  # values were stored (emitted before session.data_changed)

    def __init__(self, session, parent=None):
        super().__init__(parent)
        self.session = session
        self.org: Org | None = None
        self.year: int | None = None
        self.form: Form | None = None
        self.view = None  # entries.EntryView of what is stored
        self.last_year: dict[str, Any] = {}
        self.rows: dict[str, FieldRow] = {}
        self.order: list[str] = []
        self._dirty: set[str] = set()  # typed by the user, not (yet) stored
        self._expl_dirty: set[str] = set()
        self._refused: dict[str, str] = {}  # field -> why the last save refused it
        self._typing: str | None = None  # the field being typed in (until left or Enter)
        self._loading = False
        self.current: FieldRow | None = None
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(SAVE_DELAY_MS)
        self._timer.timeout.connect(self.save)
        self.form_actions = FormActions(self)
        self._history_dialog: HistoryDialog | None = None

        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        self.header = FormHeader(self)
        h = self.header
        self.title, self.state_label, self.banner, self.blockers = (h.title, h.state_label,
                                                                    h.banner, h.blockers)
        self.carry_button, self.history_button, self.submit_button, self.edit_button = (
            h.carry_button, h.history_button, h.submit_button, h.edit_button)
        self.edit_button.clicked.connect(self.reopen)
        self.carry_button.clicked.connect(self.carry_over)
        self.history_button.clicked.connect(self.show_history)
        self.submit_button.clicked.connect(self.submit)
        QShortcut(QKeySequence("Ctrl+H"), self, self.show_history)
        outer.addWidget(self.header)

        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.scroll_area = QScrollArea()
        self.scroll_area.setWidgetResizable(True)
        self.scroll_area.setFrameShape(QFrame.Shape.NoFrame)
        self.splitter.addWidget(self.scroll_area)
        side = self.issues = IssuesPanel(self)
        side.chosen.connect(self.go_to)
        self.issues_title, self.issue_model, self.issue_view = side.title, side.model, side.view
        self.help_title, self.help = side.help_title, side.help
        self.splitter.addWidget(side)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        self.splitter.setSizes([640, 380])
        outer.addWidget(self.splitter, 1)
        self._set_buttons(False)

    # -- names ---------------------------------------------------------------------------------
    def state_name(self, state: str) -> str:
        return term_names(EntryState).get(state, state)

    @property
    def key(self) -> tuple[str, int, str] | None:
        if self.form is None or self.org is None or self.year is None:
            return None
        return (self.org.code, self.year, self.form.code)

    def _opened(self) -> tuple[Org, int, Form]:
        """The org, year and form shown (called only while one is open)."""
        assert self.org is not None and self.year is not None and self.form is not None
        return self.org, self.year, self.form

    # -- opening -------------------------------------------------------------------------------
    def open_form(self, org_code: str, year: int, form_code: str) -> None:
        """Show ``form_code`` of ``org_code`` for ``year`` (saving what is typed first)."""
        self.flush()
        ws = self.session.ws
        self._loading = True
        try:
            self.org = ws.orgs.resolve(org_code)
            self.year = year
            self.form = entries.form_for(ws, self.org, year, form_code)
            self._dirty.clear()
            self._expl_dirty.clear()
            self._refused.clear()
            self._typing = None
            self.current = None
            self._build()
            self._load_view()
            try:
                self.last_year = dict(entries.view_entry(ws, self.org.code, year - 1,
                                                         self.form.code).values)
            except EduPlanError:
                self.last_year = {}
        finally:
            self._loading = False
        self.set_banner("")
        self.help.setText(self.tr("点击一个字段，这里显示它的填报口径。"))
        self.title.setText(self.tr("%1 · %2 年 · %3").replace("%1", shown(self.org.name))
                           .replace("%2", str(year)).replace("%3", self.form.name))
        self._set_buttons(True)
        self.update_display()

    def close_form(self) -> None:
        self.flush()
        self._loading = True
        old = self.scroll_area.takeWidget()
        if old is not None:
            old.deleteLater()
        self.rows.clear()
        self.order.clear()
        self.form = self.org = self.view = None
        self._loading = False
        self.title.setText(self.tr("请选择要填写的表单"))
        self.state_label.clear()
        self.blockers.clear()
        self.issue_model.set_rows([])
        self.set_banner("")
        self._set_buttons(False)

    def _set_buttons(self, on: bool) -> None:
        """The buttons of an open form (``on``), as its state allows: a submitted one is
        changed only after 修改."""
        for b in (self.history_button, self.submit_button):
            b.setEnabled(on)
        self.carry_button.setEnabled(on and not self.locked)
        self.edit_button.setVisible(on and self.locked)

    @property
    def locked(self) -> bool:
        """A submitted form is read-only until 修改 takes it back to draft."""
        return self.view is not None and self.view.state == EntryState.SUBMITTED

    def _build(self) -> None:
        old = self.scroll_area.takeWidget()
        if old is not None:
            old.deleteLater()
        org, _, form = self._opened()
        body, self.rows, self.group_boxes = build_groups(
            self, form, form_fields(self.session.ws, form, org.code))
        self.order = list(self.rows)
        for row in self.rows.values():
            self._connect(row)
        self.scroll_area.setWidget(body)

    def _connect(self, row: FieldRow) -> None:
        row.editor.installEventFilter(FocusWatch(self, row))
        row.expl_edit.installEventFilter(FocusWatch(self, row))
        if row.field.is_calculated:
            return
        if isinstance(row.editor, QComboBox):
            row.editor.currentIndexChanged.connect(lambda _i, r=row: self._combo_changed(r))
        else:
            row.editor.textEdited.connect(lambda _t, r=row: self._edited(r))
            row.editor.editingFinished.connect(lambda r=row: self._finished(r))
        row.expl_edit.textEdited.connect(lambda _t, r=row: self._expl_edited(r))
        row.expl_edit.editingFinished.connect(lambda r=row: self._finished(r))

    def _load_view(self) -> None:
        """Read what is stored and show it in every editor the user is not changing."""
        org, year, form = self._opened()
        self.view = entries.view_entry(self.session.ws, org.code, year, form.code)
        was = self._loading
        self._loading = True
        try:
            for code, row in self.rows.items():
                if row.field.is_calculated:
                    continue
                if code not in self._dirty and code != self._typing:
                    row.show_value(self.view.values.get(code))
                if code not in self._expl_dirty and not row.expl_edit.hasFocus():
                    row.expl_edit.setText(self.view.explanations.get(code, ""))
        finally:
            self._loading = was
        self.state_label.setText(f"［{self.state_name(self.view.state)}］")
        colour = {"submitted": GREEN, "draft": AMBER}.get(self.view.state, GREY)
        self.state_label.setStyleSheet(f"color: {colour.name()};")
        for row in self.rows.values():
            row.set_locked(self.locked)
        self._set_buttons(True)

    # -- user input ----------------------------------------------------------------------------
    def _is_current(self, row: FieldRow) -> bool:
        return not self._loading and self.rows.get(row.field.code) is row

    def _edited(self, row: FieldRow) -> None:
        if not self._is_current(row):
            return
        self._typing = row.field.code
        self._dirty.add(row.field.code)
        self._refused.pop(row.field.code, None)
        self.update_display()
        self._timer.start()

    def _combo_changed(self, row: FieldRow) -> None:
        if not self._is_current(row):
            return
        self._dirty.add(row.field.code)
        self._refused.pop(row.field.code, None)
        self.save()

    def _expl_edited(self, row: FieldRow) -> None:
        if not self._is_current(row):
            return
        self._expl_dirty.add(row.field.code)
        self.update_display()
        self._timer.start()

    def _finished(self, row: FieldRow) -> None:
        """The field is left or Enter pressed: save it; a stored value is then shown as stored
        (``１２３`` becomes ``123``, ``7468。4`` becomes ``7468.4``), refused text stays."""
        if not self._is_current(row):
            return
        code = row.field.code
        if self._typing == code:
            self._typing = None
        self.save()
        if self.view is not None and code not in self._dirty and not isinstance(
                row.editor, QComboBox) and not row.field.is_calculated:
            text = format_value(row.field, self.view.values.get(code))
            if row.editor.text() != text:
                was = self._loading
                self._loading = True
                try:
                    row.editor.setText(text)
                finally:
                    self._loading = was

    def enter_pressed(self, row: FieldRow, widget) -> None:
        """Enter moves to the next field, as data-entry staff expect (Tab still walks every
        control, the calendar buttons too): the next value or explanation box shown, in the
        form's order, and after the last one 提交. A value that was not stored (an error) keeps
        the focus, selected, to be typed again."""
        if self.rows.get(row.field.code) is not row:
            return
        if widget is row.editor and row.field.code in self._dirty:
            if hasattr(widget, "selectAll"):
                widget.selectAll()
            return
        body = self.scroll_area.widget()
        if body is None:
            return
        stops = enter_stops(self.rows, self.order, body)
        after = stops[stops.index(widget) + 1:] if widget in stops else []
        if after:
            self.scroll_area.ensureWidgetVisible(after[0])
            after[0].setFocus(Qt.FocusReason.TabFocusReason)
        elif self.submit_button.isEnabled():
            self.submit_button.setFocus(Qt.FocusReason.TabFocusReason)

    def _focused(self, row: FieldRow) -> None:
        if self.rows.get(row.field.code) is not row:
            return
        self.current = row
        self.issues.show_help(row.field, self.last_year.get(row.field.code))

    # -- saving --------------------------------------------------------------------------------
    def flush(self) -> None:
        """Save whatever is typed and not yet stored (before closing or switching)."""
        self._timer.stop()
        # values the core refused are tried again only with the next edit
        if self.form is not None and ((self._dirty | self._expl_dirty) - set(self._refused)):
            self.save()

    def save(self) -> bool:
        """Store every pending change (form_actions.py); True when nothing is left unsaved."""
        return self.form_actions.save()

    def _announce(self) -> None:
        self.saved.emit()
        self.session.data_changed.emit()

    # -- the buttons (form_actions.py) ---------------------------------------------------------
    def carry_over(self) -> None:
        self.form_actions.carry_over()

    def reopen(self) -> bool:
        return self.form_actions.reopen()

    def submit(self) -> bool:
        return self.form_actions.submit()

    def show_history(self) -> None:
        self.form_actions.show_history()

    # -- what the user sees --------------------------------------------------------------------
    def set_banner(self, text: str, kind: str = "info") -> None:
        self.header.set_banner(text, kind)

    def explanations(self) -> dict[str, str]:
        """Stored explanations overlaid with what is typed in the explanation boxes."""
        out = dict(self.view.explanations) if self.view else {}
        for code in self._expl_dirty:
            typed = self.rows[code].expl_edit.text().strip()
            if typed:
                out[code] = typed
            else:
                out.pop(code, None)
        return out

    def review(self) -> entries.Review:
        """The core's review of the values on screen: what is stored, what is typed over it
        and not stored yet, and the explanations typed (entries.review; what submit checks)."""
        assert self.form is not None and self.view is not None
        return entries.review(self.form, self.view.values, self.explanations(),
                              typed={c: self.rows[c].raw() for c in self._dirty},
                              refused=self._refused, last_year=self.last_year,
                              yoy=self.session.catalog.evaluation.get("yoy"))

    def current_values(self, review: entries.Review | None = None) -> dict[str, Any]:
        """Stored values overlaid with what is typed and readable, without refused values."""
        values = dict(self.view.values) if self.view else {}
        refused = set((review or self.review()).refused)
        for code in self._dirty - refused:
            value, issue = self.rows[code].parsed()
            if issue is None:
                values[code] = value
        return values

    def update_display(self) -> None:
        """Calculated fields, relevance, and every issue, from the core's review of the values
        on screen; a refused value says its error only (no warning, no explanation box)."""
        if self.form is None or self.view is None:
            return
        review = self.review()
        full = with_calculated(self.form, self.current_values(review))
        shown = relevant_codes(self.form, full)
        explanations = self.explanations()
        said = describe(review, self.rows, self.order, shown, explanations, self._refused,
                        self._typing)

        was = self._loading
        self._loading = True
        try:
            carried = set(self.view.carried_over)
            for code, row in self.rows.items():
                fld = row.field
                if fld.is_calculated:
                    row.show_value(full.get(code))
                    row.set_look("calculated")
                visible = code in shown
                show_expl = visible and not fld.is_calculated and (
                    code in said.explain_at or row.expl_edit.hasFocus() or (
                        code not in said.errors and (bool(self.view.explanations.get(code))
                                                     or code in self._expl_dirty)))
                row.set_visible(visible, show_expl)
                if not fld.is_calculated:
                    row.show_said(said.errors.get(code), said.warnings.get(code), explanations,
                                  carried=code in carried and code not in self._dirty)
            for code, box in self.group_boxes.items():
                on = any(c in shown for c in self.order if self.rows[c].field.group == code)
                if on != (not box.isHidden()):
                    box.setVisible(on)
        finally:
            self._loading = was
        self.issues.show_problems(said.table)
        self.header.show_problems(self.issues.counts(said.table), self.locked)

    def go_to(self, code: str) -> None:
        row = self.rows.get(code)
        if row is None:
            return
        target = row.editor
        body = self.scroll_area.widget()
        if body is not None and row.expl_frame.isVisibleTo(body) and code not in self._dirty and \
                not row.expl_edit.text().strip() and row.field.code in {
                    r["field"] for r in self.issue_model.rows if r["level"] == "warning"}:
            target = row.expl_edit
        self.scroll_area.ensureWidgetVisible(target)
        target.setFocus(Qt.FocusReason.OtherFocusReason)
        self._focused(row)

    # -- for tests and the entry page ----------------------------------------------------------
    def is_dirty(self) -> bool:
        return bool(self._dirty or self._expl_dirty)
