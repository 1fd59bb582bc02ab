"""What a form writes and what its buttons do: saving what is typed, 沿用上年数据, 修改 (back to
draft), 提交, 字段历史 — each through the core (eduplan_core.store.entries) on the window's
workspace, what it did said in the form's banner. A part of FormPage (form_page.py)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication

from eduplan_core.errors import EduPlanError, ValidationFailed
from eduplan_core.store import entries

from ..models import message_of, words
from .form_history import HistoryDialog

if TYPE_CHECKING:
    from .form_page import FormPage


class FormActions:
    """The actions of one FormPage (its ``form_actions``)."""

    def __init__(self, page: FormPage):
        self.page = page

    def _pending(self) -> dict[str, Any]:
        """Typed values that differ from what is stored."""
        page = self.page
        stored = page.view.values if page.view else {}
        out = {}
        for code in sorted(page._dirty):
            row = page.rows[code]
            value, issue = row.parsed()
            if issue is None and value == stored.get(code):
                continue
            out[code] = row.raw()
        return out

    def save(self) -> bool:
        """Store every pending change; what the core refuses stays typed and marked red.
        Returns True when nothing is left unsaved."""
        page = self.page
        page._timer.stop()
        if page.form is None or page._loading:
            return True
        org, year, form = page._opened()
        assert page.view is not None  # read when the form was opened
        ws = page.session.ws
        values = self._pending()
        # values equal to what is stored need no saving
        page._dirty &= set(values)
        expl = {c: page.rows[c].expl_edit.text() for c in page._expl_dirty
                if page.rows[c].expl_edit.text().strip() != page.view.explanations.get(c, "")}
        # an explanation cannot be emptied (the core keeps the last one); the stored text
        # comes back into the box
        expl = {c: t for c, t in expl.items() if t.strip()}
        page._expl_dirty &= set(expl)
        if not values and not expl:
            page.update_display()
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
                        page._refused.setdefault(f, i.message)
                for f in bad:
                    page._refused.setdefault(f, QCoreApplication.translate("FormPage", "未保存"))
                values = {k: v for k, v in values.items() if k not in bad}
                expl = {k: v for k, v in expl.items() if k not in bad}
            except EduPlanError as exc:
                page.set_banner(message_of(exc), "error")
                page.update_display()
                return False
        if result is not None:
            saved = {c.field for c in result.changes} | set(values) | set(expl)
            page._dirty -= saved
            page._expl_dirty -= saved
            for f in saved:
                page._refused.pop(f, None)
        page._load_view()
        page.update_display()
        if result is not None and result.changes:
            if result.reopened:
                page.set_banner(QCoreApplication.translate(
                    "FormPage", "该表已提交过；修改后回到草稿状态，需要重新提交。"), "info")
            elif not page._dirty:
                page.set_banner("")
            page._announce()
        return not page._dirty

    def carry_over(self) -> None:
        page = self.page
        if page.form is None:
            return
        page.flush()
        try:
            org, year, form = page._opened()
            result = entries.carry_over(page.session.ws, org.code, year, form.code)
        except EduPlanError as exc:  # ValidationFailed among them: each value's error
            page.set_banner(message_of(exc), "error")
            return
        page._load_view()
        page.update_display()
        n = len(result.changes)
        if not n:
            page.set_banner(QCoreApplication.translate(
                "FormPage", "没有可沿用的数据：上年填写过的各项本年都已填写（沿用只填入尚未填写的字段）。"),
                "info")
            return
        # %1, not %n: lupdate takes translate(…, n) for a plain message, never translated
        page.set_banner(QCoreApplication.translate(
            "FormPage", "已沿用上年数据 %1 项（标记为“沿用”，请逐项核实）").replace("%1", str(n)),
            "info")
        page._announce()

    def reopen(self) -> bool:
        """修改: take the submitted form back to draft (recorded), to change it and submit it
        again."""
        page = self.page
        if page.form is None or not page.locked:
            return False
        try:
            org, year, form = page._opened()
            result = entries.reopen(page.session.ws, org.code, year, form.code)
        except EduPlanError as exc:
            page.set_banner(message_of(exc), "error")
            return False
        page._load_view()
        page.update_display()
        page.set_banner(QCoreApplication.translate(
            "FormPage", "已退回草稿，可以修改；改完需要重新提交。"), "info")
        first = next((r for r in page.rows.values() if not r.field.is_calculated
                      and r.editor.isVisibleTo(page)), None)
        if first is not None:
            page.go_to(first.field.code)
        if result.reopened:
            page._announce()
        return True

    def submit(self) -> bool:
        page = self.page
        if page.form is None:
            return False
        page.flush()
        if page._dirty:
            page.set_banner(QCoreApplication.translate(
                "FormPage", "无法提交：有未保存的错误值，请先改正标红的字段。"), "error")
            return False
        try:
            org, year, form = page._opened()
            result = entries.submit(page.session.ws, org.code, year, form.code)
        except ValidationFailed as exc:
            lines = "\n".join(f"  ✗ {words(i.message)}" for i in exc.issues[:12])
            more = len(exc.issues) - 12
            if more > 0:
                lines += "\n  " + QCoreApplication.translate("FormPage", "……另有 %1 项").replace(
                    "%1", str(more))
            page.set_banner(QCoreApplication.translate(
                "FormPage", "无法提交，以下问题需要先处理：") + "\n" + lines, "error")
            return False
        except EduPlanError as exc:
            page.set_banner(message_of(exc), "error")
            return False
        if result.unchanged:
            page.set_banner(QCoreApplication.translate(
                "FormPage", "没有修改，未重复提交：这些数据已于 %1 提交。").replace(
                "%1", result.at.replace("T", " ")[:16]), "info")
            return True
        page._load_view()
        page.update_display()
        # the line below the banner says it is read-only now and how to change it
        page.set_banner(QCoreApplication.translate("FormPage", "已提交。"), "ok")
        page._announce()
        return True

    def show_history(self) -> None:
        page = self.page
        if page.form is None:
            return
        row = page.current
        if row is None:
            page.set_banner(QCoreApplication.translate(
                "FormPage", "请先点击一个字段，再查看它的历史。"), "info")
            return
        try:
            rows = entries.history(page.session.ws, page._opened()[0].code, row.field.code)
        except EduPlanError as exc:
            page.set_banner(message_of(exc), "error")
            return
        dialog = HistoryDialog(row.field, rows, page)
        dialog.open()
        page._history_dialog = dialog
