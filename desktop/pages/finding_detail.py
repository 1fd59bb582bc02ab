"""A finding's detail: one widget for the dashboard, the shortfall list and 本校指标.

One labelled line per aspect, every text selectable: the status (with severity and the school
rule's note), what the target asks and when (国家标准（每年适用）, a 2025 target, a milestone's
deadline) with the plan or standard that sets it, actual against target (numerator /
denominator, coverage), gap, change on last year, progress against the trajectory, what closes
this year's pace and what closes the target, the other targets of its group and why they
differ, the explanation given with the data, the plan's sentence (or, for a standard known
only from a summary, what the source is) and where it comes from."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QFrame, QGridLayout, QLabel, QScrollArea, QVBoxLayout, QWidget

from eduplan_core.inputs import shown
from eduplan_core.numbers_fmt import number, percent, share, signed, unit_suffix
from eduplan_core.texts import join, text
from eduplan_core.vocab import Relation, Severity, Status

from ..models import AMBER_BG, AMBER_TEXT, GREEN, GREY, RED, RED_BG, term_names, words
from ..models import status_names as all_status_names


def severity_colours(severity: str | None) -> tuple[QColor | None, QColor | None]:
    """(foreground, background) of a severity."""
    colours: dict[str, tuple[QColor | None, QColor | None]] = {
        "critical": (RED, RED_BG), "major": (AMBER_TEXT, AMBER_BG), "minor": (GREY, None)}
    return colours.get(severity or "", (None, None))


def indicator_title(f) -> str:
    """A finding's indicator with its section, in the window's language: 生师比（小学）."""
    if not f.section:
        return f.indicator_name
    return words(text("{name}（{section}）", "{name} ({section})", name=f.indicator_name,
                      section=f.section))


def close_brief(f) -> str:
    """What closes the gap, for a list's cell: the need alone ("352 人 more 在园幼儿"), or this
    year's and the target's when both are given; the detail and the tooltip word it whole."""
    pace, final = f.close_pace, f.close_target
    if not pace and not final:
        return words(f.close) or ""

    def need(close) -> str:
        return words(getattr(close, "need", close))

    if pace and final:
        return QCoreApplication.translate("FindingDetail", "本年：{pace}；{year} 年：{target}").format(
            pace=need(pace), year=f.target_year, target=need(final))
    if pace:
        return QCoreApplication.translate("FindingDetail", "本年：{pace}").format(pace=need(pace))
    return need(final)


def status_colour(status: str):
    if status in (Status.MISSED, Status.OVERDUE):
        return RED
    if status in (Status.BEHIND, Status.DONE_LATE):
        return AMBER_TEXT
    if status in (Status.MET, Status.ON_TRACK):
        return GREEN
    return GREY


class FindingDetail(QScrollArea):
    """The selected finding, one labelled line per aspect; every text is selectable.

    ``columns``: the lines in two columns side by side (a wide panel) or one (a narrow one);
    ``placeholder``: what is said while no finding is shown."""

    def __init__(self, parent=None, *, columns: int = 2, placeholder: str | None = None):
        super().__init__(parent)
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        body = QWidget()
        outer = QVBoxLayout(body)
        self.title = QLabel()
        self.title.setTextFormat(Qt.TextFormat.PlainText)
        self.title.setWordWrap(True)
        font = self.title.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.1)
        self.title.setFont(font)
        self._placeholder = placeholder or self.tr(
            "在上方列表中选择一条，查看目标、实际值、差距、原文和补齐所需。")
        self.placeholder = QLabel(self._placeholder)
        self.placeholder.setStyleSheet("color: #757575;")
        self.placeholder.setWordWrap(True)
        outer.addWidget(self.title)
        outer.addWidget(self.placeholder)
        self.form_widget = QWidget()
        grid = QGridLayout(self.form_widget)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setHorizontalSpacing(10)
        grid.setVerticalSpacing(4)
        grid.setColumnStretch(1, 1)
        grid.setColumnStretch(3, 1)
        self.lines: dict[str, QLabel] = {}
        left = (("status", self.tr("状态")), ("target", self.tr("目标")),
                ("actual", self.tr("实际")), ("gap", self.tr("差距")),
                ("trend", self.tr("较上年")), ("progress", self.tr("进度")))
        right = (("close", self.tr("补齐所需")), ("group", self.tr("同组目标")),
                 ("explanation", self.tr("数据说明")), ("quote", self.tr("原文")),
                 ("source", self.tr("出处")))
        self.names: dict[str, QLabel] = {}
        placed = ((0, left, 0), (2, right, 0)) if columns > 1 else ((0, left, 0),
                                                                     (0, right, len(left)))
        for column, items, first in placed:
            for row, (key, label) in enumerate(items, start=first):
                value = QLabel()
                value.setTextFormat(Qt.TextFormat.PlainText)
                value.setWordWrap(True)
                value.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
                value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse
                                              | Qt.TextInteractionFlag.TextSelectableByKeyboard)
                name = QLabel(label + self.tr("："))
                name.setStyleSheet("color: #555555;")
                name.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
                grid.addWidget(name, row, column)
                grid.addWidget(value, row, column + 1)
                self.lines[key] = value
                self.names[key] = name
        if columns < 2:
            grid.setColumnStretch(3, 0)
        grid.setRowStretch(max(len(left), len(right)) if columns > 1 else
                           len(left) + len(right), 1)
        self.quote = self.lines["quote"]
        self.close_text = self.lines["close"]
        self.explanation = self.lines["explanation"]
        outer.addWidget(self.form_widget)
        outer.addStretch(1)
        self.setWidget(body)
        self.finding = None
        self.show_finding(None)

    def show_finding(self, f, severity_names: dict | None = None,
                     status_names: dict | None = None, milestone_form: bool = False,
                     group: Sequence[Any] = ()) -> None:
        """``milestone_form``: the milestone is recorded in the 里程碑完成情况 form (not read
        from another form's value); ``group``: the other findings of its group."""
        self.finding = f
        self.form_widget.setVisible(f is not None)
        self.placeholder.setVisible(f is None)
        if f is None:
            self.title.setText(self.tr("差距详情"))
            self.placeholder.setText(self._placeholder)
            return
        severity_names = severity_names or term_names(Severity)
        status_names = status_names or all_status_names()
        u = unit_suffix(f.unit)
        self.title.setText(f"{shown(f.org_name)} · {indicator_title(f)}")
        sev = severity_names.get(f.severity, "")
        status = (words(f.note) if f.status == Status.BELOW_STANDARD and f.note else
                  status_names.get(f.status, f.status)) + (f" · {sev}" if sev else "")
        if f.note and f.status != Status.BELOW_STANDARD:
            status = self.tr("{status}（{note}）").format(status=status, note=words(f.note))
        line = self.lines["status"]
        line.setText(status)
        colour = (severity_colours(f.severity)[0] if f.severity else None) or status_colour(
            f.status)
        line.setStyleSheet(f"color: {colour.name()}; font-weight: bold;")
        relation = term_names(Relation).get(f.relation, f.relation)
        binding = "" if f.binding else self.tr("；同组另有约束性目标")
        self.lines["target"].setText(
            self.tr("{label}：{requirement}（{relation}：{source}{binding}）").format(
                label=words(f.label), requirement=words(f.requirement), relation=relation,
                source=f.citation or f.plan_name, binding=binding))
        self.lines["actual"].setText(self._actual(f, u))
        self.lines["gap"].setText(self._gap(f, u))
        if f.kind == "milestone":
            self.lines["trend"].setText("—")
        elif f.previous is None:
            self.lines["trend"].setText(self.tr("{year} 年无数据").format(year=f.year - 1))
        elif f.change is None:  # last year's value, none this year
            self.lines["trend"].setText(self.tr("{year} 年 {value}{unit}；本年无数据").format(
                year=f.year - 1, value=number(f.previous), unit=u))
        else:
            self.lines["trend"].setText(self.tr("{year} 年 {value}{unit}，变化 {change}{unit}")
                                        .format(year=f.year - 1, value=number(f.previous), unit=u,
                                                change=signed(f.change)))
        self.lines["progress"].setText(self._progress(f, u))
        if f.close_pace or f.close_target:
            self.close_text.setText("\n".join(words(x) for x in (f.close_pace, f.close_target)
                                              if x))
        elif f.close:
            self.close_text.setText(words(f.close))
        elif f.is_shortfall and f.kind != "milestone":
            self.close_text.setText(self.tr("—（此项无法折算为具体数量）"))
        elif f.status == Status.NO_DATA and f.kind == "milestone":
            self.close_text.setText(
                self.tr("在“里程碑完成情况”表中填报（完成的填写完成日期）") if milestone_form
                else self.tr("在报表中如实填报"))
        elif f.status == Status.OVERDUE:
            self.close_text.setText(
                self.tr("完成该事项，并在“里程碑完成情况”表中填写完成日期") if milestone_form
                else self.tr("完成该事项，并在报表中如实填报"))
        else:
            self.close_text.setText("—")
        self.lines["group"].setText(self._group(f, group, status_names))
        self.explanation.setText(shown(words(f.explanation)) or self.tr("（数据中未附说明）"))
        if f.excerpt:  # a summary's table row is not the standard's wording
            self.names["quote"].setText(self.tr("依据") + self.tr("："))
            self.quote.setText(self.tr("{requirement}（据{excerpt}）").format(
                requirement=words(f.requirement), excerpt=f.excerpt))
        else:
            self.names["quote"].setText(self.tr("原文") + self.tr("："))
            self.quote.setText(f.quote or "—")
        parts = [p for p in (f.citation or f.document, f.issuer, f.date) if p]
        self.lines["source"].setText(words(join(parts, "，", ", ")) if parts else "—")
        self.verticalScrollBar().setValue(0)

    def show_nothing(self, text: str) -> None:
        """No finding to show, and why (an indicator without targets)."""
        self.show_finding(None)
        self.placeholder.setText(text)

    def text(self) -> str:
        """Everything shown, as plain text: the title, then one "name：value" line each."""
        if self.finding is None:
            return "\n".join(t for t in (self.title.text(), self.placeholder.text()) if t)
        lines = [self.title.text()]
        lines += [f"{self.names[k].text()}{v.text()}" for k, v in self.lines.items()]
        return "\n".join(lines)

    def _group(self, f, group: Sequence[Any], status_names: dict) -> str:
        """The other targets judging the same indicator of the same unit this year."""
        if not group:
            return "—"
        lines = []
        for g in group:
            lines.append(("★ " if g.binding else "") + self.tr(
                "{label}：{requirement}（{plan}）：{status}").format(
                label=words(g.label), requirement=words(g.requirement), plan=g.plan_name,
                status=status_names.get(g.status, g.status)))
        if f.group_note:
            lines.append(self.tr("与约束性目标的不同：{note}").format(note=words(f.group_note)))
        return "\n".join(lines)

    def _actual(self, f, u: str) -> str:
        if f.kind == "milestone":
            if f.done_on:
                return self.tr("已完成（{day}）").format(day=f.done_on)
            if f.status == Status.NO_DATA:
                return self.tr("无数据：本期未填报里程碑完成情况")
            return self.tr("未完成")
        if f.actual is None:
            text = self.tr("无数据")
        else:
            text = f"{number(f.actual)}{u}"
            if f.denominator:
                text += f" = {number(f.numerator)} / {number(f.denominator)}"
        if f.coverage is not None:
            text += self.tr("；报送覆盖 {pct}").format(pct=share(f.coverage))
        if f.partial:
            text += self.tr("（数据不全：有单位未报送）")
        return text

    def _gap(self, f, u: str) -> str:
        if f.gap is None:
            return "—"
        text = f"{signed(f.gap)}{u}"
        if f.gap_relative is not None:
            text += self.tr("（相对目标 {pct}）").format(pct=percent(f.gap_relative))
        if f.direction == "lower":
            text += self.tr("；数值越小越好")
        return text

    def _progress(self, f, u: str) -> str:
        if f.kind == "milestone":
            if f.status == Status.OVERDUE:
                return self.tr("已过截止日期 {deadline}，尚未完成").format(deadline=f.deadline)
            if f.status == Status.DONE_LATE:
                return self.tr("逾期完成（截止 {deadline}）").format(deadline=f.deadline)
            return self.tr("截止 {deadline}").format(deadline=f.deadline or "—")
        if f.expected_now is not None:
            state = self.tr("进度正常") if f.on_track else self.tr("进度滞后")
            return self.tr("按进度 {year} 年应达 {value}{unit}：{state}").format(
                year=f.year, value=number(f.expected_now), unit=u, state=state)
        if f.relation == Relation.NATIONAL:
            return self.tr("国家标准（每年适用），按标准值判断")
        if f.year >= f.target_year:
            return self.tr("已到目标年，按最终目标判断")
        return self.tr("首个报送年份，尚无进度可比")
