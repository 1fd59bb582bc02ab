"""The desktop's number fields take every character typed and read it by the rules of
eduplan_core/inputs.py, the same as the CLI: nothing is dropped or changed while typing; what
cannot be read stays visible in red with the message and nothing is stored; a good value is
stored and then shown as stored. Names and explanations are shown with escapes visible."""

from __future__ import annotations

import pytest

from .test_gui_entry import entry_page, make_session, stored

pytestmark = pytest.mark.gui

WHOLE = "pri_students"  # integer, 小学在校学生数
DECIMAL = "pri_teaching_area"  # decimal, 小学教学及辅助用房面积 (㎡)


def type_text(qtbot, editor, text: str) -> None:
    """Type as a person does: ASCII through the keyboard, anything else (full-width digits, the
    IME full stop) committed by an input method, as a Chinese IME delivers it."""
    from PySide6.QtGui import QInputMethodEvent
    from PySide6.QtWidgets import QApplication

    run = ""
    for ch in text + "\0":
        if ch.isascii() and ch != "\0":
            run += ch
            continue
        if run:
            qtbot.keyClicks(editor, run)
            run = ""
        if ch != "\0":
            event = QInputMethodEvent()
            event.setCommitString(ch)
            QApplication.sendEvent(editor, event)


def type_into(qtbot, form, code: str, text: str, finish: bool = True):
    from PySide6.QtCore import Qt

    editor = form.rows[code].editor
    editor.setFocus()
    editor.selectAll()
    type_text(qtbot, editor, text)
    if finish:
        qtbot.keyClick(editor, Qt.Key.Key_Return)
    return form.rows[code]


@pytest.fixture
def form(qtbot, request):
    from eduplan_core.store.workspace import Workspace

    from .test_gui_entry import SCHOOL

    path = request.getfixturevalue("tmp_path") / "school"
    Workspace.create(path, org=SCHOOL, role="school", operator="马老师", demo=True,
                     catalog=request.getfixturevalue("catalog")).close()
    session = make_session(qtbot, path)
    page = entry_page(qtbot, session)
    yield page.form_page
    session.close()


def refused(form, row, typed: str, why: str) -> None:
    from desktop.models import RED

    assert row.editor.text() == typed  # exactly what was typed, still there
    assert why in row.message.text(), row.message.text()
    assert f"收到“{typed}”" in row.message.text()
    assert RED.name() in row.editor.styleSheet()
    assert RED.name() in row.message.styleSheet()
    assert row.field.code not in stored(form.session).values  # nothing stored
    assert any(r["level"] == "error" and r["field"] == row.field.code
               for r in form.issue_model.rows)


@pytest.mark.parametrize("code,typed,why", [
    (WHOLE, "1.5", "应为整数"),
    (WHOLE, "1e5", "科学记数法"),
    (WHOLE, "7468。4", "应为整数"),
    (WHOLE, "1,234", "分隔符"),
    (DECIMAL, "1e5", "科学记数法"),
    (DECIMAL, "1_000", "分隔符"),
    (DECIMAL, "NaN", "无穷大或 NaN"),
])
def test_text_that_cannot_be_read_stays_in_red_and_nothing_is_stored(qtbot, form, code, typed,
                                                                      why):
    row = type_into(qtbot, form, code, typed)
    refused(form, row, typed, why)
    assert form.is_dirty()


@pytest.mark.parametrize("code,typed,value,shown", [
    (WHOLE, "１２３", 123, "123"),
    (DECIMAL, "１２３", 123.0, "123"),
    (DECIMAL, "7468。4", 7468.4, "7468.4"),
    (DECIMAL, "7468．4", 7468.4, "7468.4"),
    (DECIMAL, "1.5", 1.5, "1.5"),
    (WHOLE, "\u3000850\u3000", 850, "850"),
])
def test_a_good_value_is_stored_and_then_shown_as_stored(qtbot, form, code, typed, value, shown):
    row = type_into(qtbot, form, code, typed, finish=False)
    assert row.editor.text() == typed  # every character, as typed
    from PySide6.QtCore import Qt

    qtbot.keyClick(row.editor, Qt.Key.Key_Return)
    got = stored(form.session).values[code]
    assert got == value and type(got) is type(value)
    assert row.editor.text() == shown
    assert "收到" not in row.message.text()
    assert not form.is_dirty()


def test_unreadable_text_is_said_when_the_field_is_left_not_while_typing(qtbot, form):
    row = type_into(qtbot, form, WHOLE, "1.5", finish=False)
    assert row.message.text() == ""  # still typing
    form.rows[DECIMAL].editor.setFocus()
    form._finished(row)  # what leaving the field does (focus is not delivered offscreen)
    refused(form, row, "1.5", "应为整数")
    # fixed: stored, red gone
    row = type_into(qtbot, form, WHOLE, "15")
    assert stored(form.session).values[WHOLE] == 15
    assert row.message.text() == "" and row.editor.text() == "15"


def test_a_pause_saves_without_changing_what_is_being_typed(qtbot, form):
    from PySide6.QtCore import Qt

    row = type_into(qtbot, form, DECIMAL, "7468。", finish=False)
    qtbot.waitUntil(lambda: stored(form.session).values.get(DECIMAL) == 7468.0, timeout=5000)
    assert row.editor.text() == "7468。"  # the full stop was not taken away under the cursor
    row.editor.end(False)
    type_text(qtbot, row.editor, "4")
    assert row.editor.text() == "7468。4"
    qtbot.keyClick(row.editor, Qt.Key.Key_Return)
    assert stored(form.session).values[DECIMAL] == 7468.4
    assert row.editor.text() == "7468.4"


def test_a_refused_value_does_not_replace_the_stored_one(qtbot, form):
    type_into(qtbot, form, WHOLE, "850")
    row = type_into(qtbot, form, WHOLE, "1e5")
    assert row.editor.text() == "1e5" and "科学记数法" in row.message.text()
    assert stored(form.session).values[WHOLE] == 850


def test_number_fields_have_no_validator_and_take_long_text(qtbot, form):
    row = form.rows[WHOLE]
    assert row.editor.validator() is None
    row = type_into(qtbot, form, WHOLE, "1" * 30)
    assert row.editor.text() == "1" * 30
    assert "超出范围" in row.message.text() and "共 30 个字符" in row.message.text()
    assert WHOLE not in stored(form.session).values


def test_explanations_with_control_characters_are_shown_escaped(qtbot, form):
    from PySide6.QtCore import Qt

    from eduplan_core.store import entries

    evil = "新校区\n合并\x1b[31m"
    entries.set_values(form.session.ws, form.org.code, form.year, form.form.code,
                       {WHOLE: "300"}, {WHOLE: evil})
    form.go_to(WHOLE)
    form.show_history()
    model = form._history_dialog.model
    texts = [model.data(model.index(r, 3), Qt.ItemDataRole.DisplayRole)
             for r in range(model.rowCount())]
    assert "新校区\\n合并\\x1b[31m" in texts
    form._history_dialog.close()
