"""One form of one org in one year: a widget per field, grouped as the form groups them.

A value is saved through ``entries.set_values`` on the UI thread's workspace (a few
milliseconds) when the user leaves the field, presses Enter, or stops typing for
``SAVE_DELAY_MS``; what was typed in the moment before a crash can be lost, nothing saved before
it. Number and date fields take any text — no validator drops or changes a character — and it is
read by the rules of ``eduplan_core.inputs`` (the same as the CLI's); text that cannot be read,
or a value the core refuses (an error), is not stored: the typed text stays visible in red with
the message so the user can fix it. Warnings are shown in amber with a box for the explanation
that the core stores with the value."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (QComboBox, QFormLayout, QFrame, QGroupBox,
                               QLabel, QScrollArea,
                               QSplitter, QVBoxLayout, QWidget)

from eduplan_core.catalog.model import Field, Form, Org
from eduplan_core.errors import EduPlanError, ValidationFailed
from eduplan_core.inputs import shown
from eduplan_core.store import entries
from eduplan_core.validation import relevant_codes, with_calculated
from eduplan_core.vocab import EntryState

from ..models import (AMBER, AMBER_TEXT, GREEN, GREY, RED, term_names)
from .form_fields import FieldRow, FocusWatch, form_fields, format_value
from .form_header import FormHeader, set_label
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
        side = IssuesPanel(self)
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
        self.title.setText(f"{shown(self.org.name)} · {year} {self.tr('年')} · {self.form.name}")
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
        self.rows = {}
        self.order = []
        body = QWidget()
        layout = QVBoxLayout(body)
        org, _, form = self._opened()
        fields = form_fields(self.session.ws, form, org.code)
        by_group: dict[str, list[Field]] = {}
        for f in fields:
            by_group.setdefault(f.group, []).append(f)
        names = dict(form.groups)
        deadlines = {t.code: t.deadline.isoformat() for t in self.session.catalog.targets
                     if t.deadline} if form.code == "milestones" else {}
        self.group_boxes: dict[str, QGroupBox] = {}
        for code in [g for g, _ in form.groups] + [g for g in by_group if g not in names]:
            if code not in by_group:
                continue
            box = QGroupBox(names.get(code, code))
            form_layout = QFormLayout(box)
            form_layout.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
            form_layout.setRowWrapPolicy(QFormLayout.RowWrapPolicy.DontWrapRows)
            for f in by_group[code]:
                row = FieldRow(self, f)
                row.group_layout = form_layout
                if f.code in deadlines:
                    row.note = self.tr("截止 %1").replace("%1", deadlines[f.code])
                form_layout.addRow(row.label, row.box)
                form_layout.addRow("", row.expl_frame)
                form_layout.setRowVisible(row.expl_frame, False)
                self.rows[f.code] = row
                self.order.append(f.code)
                self._connect(row)
            self.group_boxes[code] = box
            layout.addWidget(box)
        if not fields:
            layout.addWidget(QLabel(self.tr("本单位在这张表上没有需要填写的项目。")))
        layout.addStretch(1)
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
        stops = []
        for code in self.order:
            r = self.rows[code]
            if not r.field.is_calculated and r.editor.isVisibleTo(body) and r.editor.isEnabled():
                stops.append(r.editor)
            if r.expl_frame.isVisibleTo(body):
                stops.append(r.expl_edit)
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
        f = row.field
        text = f"{f.label}（{f.code}）"
        if f.unit:
            text += f"  {self.tr('单位')}：{f.unit}"
        if f.required and not f.is_calculated:
            text += "  " + self.tr("必填")
        if f.help:
            text += "\n\n" + f.help
        last = self.last_year.get(f.code)
        if last is not None:
            text += "\n\n" + self.tr("上年：") + format_value(f, last)
        self.help.setText(text)

    # -- saving --------------------------------------------------------------------------------
    def flush(self) -> None:
        """Save whatever is typed and not yet stored (before closing or switching)."""
        self._timer.stop()
        # values the core refused are tried again only with the next edit
        if self.form is not None and ((self._dirty | self._expl_dirty) - set(self._refused)):
            self.save()

    def _pending(self) -> dict[str, Any]:
        """Typed values that differ from what is stored."""
        stored = self.view.values if self.view else {}
        out = {}
        for code in sorted(self._dirty):
            row = self.rows[code]
            value, issue = row.parsed()
            if issue is None and value == stored.get(code):
                continue
            out[code] = row.raw()
        return out

    def save(self) -> bool:
        """Store every pending change; what the core refuses stays typed and marked red.
        Returns True when nothing is left unsaved."""
        self._timer.stop()
        if self.form is None or self._loading:
            return True
        org, year, form = self._opened()
        assert self.view is not None  # read when the form was opened
        ws = self.session.ws
        values = self._pending()
        # values equal to what is stored need no saving
        self._dirty &= set(values)
        expl = {c: self.rows[c].expl_edit.text() for c in self._expl_dirty
                if self.rows[c].expl_edit.text().strip() != self.view.explanations.get(c, "")}
        # an explanation cannot be emptied (the core keeps the last one); the stored text
        # comes back into the box
        expl = {c: t for c, t in expl.items() if t.strip()}
        self._expl_dirty &= set(expl)
        if not values and not expl:
            self.update_display()
            return True
        result = None
        while values or expl:
            try:
                result = entries.set_values(ws, org.code, year, form.code, values, expl)
                break
            except ValidationFailed as exc:
                touched = set(values) | set(expl)
                bad = {f for i in exc.issues for f in i.fields} & touched or touched
                for i in exc.issues:
                    for f in set(i.fields) & bad:
                        self._refused.setdefault(f, i.message)
                for f in bad:
                    self._refused.setdefault(f, self.tr("未保存"))
                values = {k: v for k, v in values.items() if k not in bad}
                expl = {k: v for k, v in expl.items() if k not in bad}
            except EduPlanError as exc:
                self.set_banner(exc.message, "error")
                self.update_display()
                return False
        if result is not None:
            saved = {c.field for c in result.changes} | set(values) | set(expl)
            self._dirty -= saved
            self._expl_dirty -= saved
            for f in saved:
                self._refused.pop(f, None)
        self._load_view()
        self.update_display()
        if result is not None and result.changes:
            if result.reopened:
                self.set_banner(self.tr("该表已提交过；修改后回到草稿状态，需要重新提交。"), "info")
            elif not self._dirty:
                self.set_banner("")
            self._announce()
        return not self._dirty

    def _announce(self) -> None:
        self.saved.emit()
        self.session.data_changed.emit()

    def carry_over(self) -> None:
        if self.form is None:
            return
        self.flush()
        try:
            org, year, form = self._opened()
            result = entries.carry_over(self.session.ws, org.code, year, form.code)
        except ValidationFailed as exc:
            self.set_banner(exc.message, "error")
            return
        except EduPlanError as exc:
            self.set_banner(exc.message, "error")
            return
        self._load_view()
        self.update_display()
        n = len(result.changes)
        if not n:
            self.set_banner(self.tr("没有可沿用的数据：上年填写过的各项本年都已填写（沿用只填入尚未填写的字段）。"),
                            "info")
            return
        self.set_banner(self.tr("已沿用上年数据 %n 项（标记为“沿用”，请逐项核实）", "", n), "info")
        self._announce()

    def reopen(self) -> bool:
        """修改: take the submitted form back to draft (recorded), to change it and submit it
        again."""
        if self.form is None or not self.locked:
            return False
        try:
            org, year, form = self._opened()
            result = entries.reopen(self.session.ws, org.code, year, form.code)
        except EduPlanError as exc:
            self.set_banner(exc.message, "error")
            return False
        self._load_view()
        self.update_display()
        self.set_banner(self.tr("已退回草稿，可以修改；改完需要重新提交。"), "info")
        first = next((r for c, r in self.rows.items() if not r.field.is_calculated
                      and r.editor.isVisibleTo(self)), None)
        if first is not None:
            self.go_to(first.field.code)
        if result.reopened:
            self._announce()
        return True

    def submit(self) -> bool:
        if self.form is None:
            return False
        self.flush()
        if self._dirty:
            self.set_banner(self.tr("无法提交：有未保存的错误值，请先改正标红的字段。"), "error")
            return False
        try:
            org, year, form = self._opened()
            result = entries.submit(self.session.ws, org.code, year, form.code)
        except ValidationFailed as exc:
            lines = "\n".join(f"  ✗ {i.message}" for i in exc.issues[:12])
            more = len(exc.issues) - 12
            if more > 0:
                lines += "\n  " + self.tr("……另有 %n 项", "", more)
            self.set_banner(self.tr("无法提交，以下问题需要先处理：") + "\n" + lines, "error")
            return False
        except EduPlanError as exc:
            self.set_banner(exc.message, "error")
            return False
        if result.unchanged:
            self.set_banner(self.tr("没有修改，未重复提交：这些数据已于 %1 提交。").replace(
                "%1", result.at.replace("T", " ")[:16]), "info")
            return True
        self._load_view()
        self.update_display()
        self.set_banner(self.tr("已提交，表单现在是只读的。如需修改，请点“修改”，改完重新提交。"), "ok")
        self._announce()
        return True

    def show_history(self) -> None:
        if self.form is None:
            return
        row = self.current
        if row is None:
            self.set_banner(self.tr("请先点击一个字段，再查看它的历史。"), "info")
            return
        try:
            rows = entries.history(self.session.ws, self._opened()[0].code, row.field.code)
        except EduPlanError as exc:
            self.set_banner(exc.message, "error")
            return
        dialog = HistoryDialog(row.field, rows, self)
        dialog.open()
        self._history_dialog = dialog

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
        errors, warnings, table = said.errors, said.warnings, said.table

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
                        code not in errors and (bool(self.view.explanations.get(code))
                                                or code in self._expl_dirty)))
                row.set_visible(visible, show_expl)
                if fld.is_calculated:
                    continue
                if code in errors:
                    row.set_look("error")
                    row.set_message("✗ " + "；".join(i.message for i in errors[code]),
                                    RED.name())
                elif code in warnings:
                    row.set_look("warning")
                    notes = []
                    for i in warnings[code]:
                        ok = any(explanations.get(x) for x in i.fields)
                        notes.append(i.message + (self.tr("（已说明）") if ok else ""))
                    row.set_message("⚠ " + "；".join(notes), AMBER_TEXT.name())
                elif code in carried and code not in self._dirty:
                    row.set_look(None)
                    row.set_message(self.tr("沿用上年数据，请核实"), GREY.name())
                else:
                    row.set_look(None)
                    row.set_message(row.note, GREY.name() if row.note else "")
            for code, box in self.group_boxes.items():
                on = any(c in shown for c in self.order if self.rows[c].field.group == code)
                if on != (not box.isHidden()):
                    box.setVisible(on)
        finally:
            self._loading = was
        if table != self.issue_model.rows:
            self.issue_model.set_rows(table)
            self.issue_view.resizeRowsToContents()
        n_err = sum(1 for r in table if r["level"] == "error")
        n_warn = sum(1 for r in table if r["level"] == "warning")
        n_missing = len(said.missing)
        set_label(self.issues_title, self.tr("问题（错误 %1 · 待说明警告 %2 · 必填未填 %3）")
                   .replace("%1", str(n_err)).replace("%2", str(n_warn))
                   .replace("%3", str(n_missing)))
        if n_err or n_warn or n_missing:
            parts = []
            if n_err:
                parts.append(self.tr("改正 %n 处错误", "", n_err))
            if n_warn:
                parts.append(self.tr("说明 %n 条警告", "", n_warn))
            if n_missing:
                parts.append(self.tr("填写 %n 个必填项", "", n_missing))
            set_label(self.blockers, self.tr("提交前需要：") + "，".join(parts),
                       AMBER_TEXT.name())
        elif self.view.state == EntryState.SUBMITTED:
            set_label(self.blockers, self.tr("已提交，数据已冻结（只读）；如需修改，请点“修改”。"),
                      GREEN.name())
        else:
            set_label(self.blockers, self.tr("没有待处理的问题，可以提交。"), GREEN.name())

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
