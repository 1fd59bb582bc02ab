"""A chart of one indicator: the actual value by year against its targets and trajectory.

matplotlib is imported the first time a chart is drawn (not when the window opens), and draws
through its Qt canvas (FigureCanvasQTAgg) — no pyplot, no global figure state."""

from __future__ import annotations

from dataclasses import dataclass, field

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QSizePolicy, QVBoxLayout, QWidget

from eduplan_core.numbers_fmt import number

from ..models import AMBER, GREEN, GREY, RED, words

CJK_FONTS = ['WenQuanYi Micro Hei', 'Noto Sans CJK SC', 'SimHei', 'Microsoft YaHei',
             'DejaVu Sans']
# finding status -> the colour of the year's point
STATUS_COLOURS = {"met": GREEN, "on_track": GREEN, "missed": RED, "overdue": RED,
                  "behind": AMBER, "done_late": AMBER}


@dataclass
class ChartData:
    """What a chart shows; built by the page from findings and computed values."""
    title: str
    unit: str = ""
    years: list[int] = field(default_factory=list)
    actual: dict[int, float | None] = field(default_factory=dict)
    status: dict[int, str | None] = field(default_factory=dict)  # year -> finding status
    targets: dict[int, float] = field(default_factory=dict)  # target year -> binding value
    final: tuple[int, float, str] | None = None  # (year, value, comparator)
    trajectory: list[tuple[int, float]] = field(default_factory=list)
    lower_is_better: bool = False


def _hex(colour) -> str:
    return colour.name()


_configured = False


def _configure_matplotlib() -> None:
    global _configured
    if _configured:
        return
    import matplotlib
    from matplotlib import font_manager

    known = {f.name for f in font_manager.fontManager.ttflist}
    if not known & set(CJK_FONTS[:-1]):  # a font installed after matplotlib cached its list
        # matplotlib's private rescan (no public way to see fonts installed after its cache)
        fresh = font_manager._load_fontmanager(  # type: ignore[attr-defined]
            try_read_cache=False)  # rescans, rewrites cache
        font_manager.fontManager.__dict__.update(fresh.__dict__)
        font_manager._get_font.cache_clear()  # type: ignore[attr-defined]
    matplotlib.rcParams['font.sans-serif'] = CJK_FONTS
    matplotlib.rcParams['font.family'] = 'sans-serif'
    matplotlib.rcParams['axes.unicode_minus'] = False
    _configured = True


class ChartWidget(QWidget):
    """``show_data(ChartData | None)``; ``figure`` is the matplotlib Figure once drawn."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.layout_ = QVBoxLayout(self)
        self.layout_.setContentsMargins(0, 0, 0, 0)
        self.placeholder = QLabel(self.tr("选择一个指标，在此查看它历年的实际值、目标和预期进度。"))
        self.placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.placeholder.setWordWrap(True)
        self.placeholder.setStyleSheet(f"color: {GREY.name()};")
        self.layout_.addWidget(self.placeholder)
        self.figure = None
        self.canvas = None
        self.data: ChartData | None = None
        self._columns = 0  # the legend's columns as drawn
        self.setMinimumHeight(220)

    def _ensure_canvas(self) -> None:
        if self.canvas is not None:
            return
        _configure_matplotlib()
        from matplotlib.backends.backend_qtagg import FigureCanvasQTAgg
        from matplotlib.figure import Figure

        self.figure = Figure(figsize=(5, 3), dpi=100, layout="constrained")
        self.canvas = FigureCanvasQTAgg(self.figure)
        self.canvas.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.canvas.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.layout_.addWidget(self.canvas)

    def clear(self, message: str | None = None) -> None:
        self.data = None
        if self.canvas is not None:
            self.canvas.hide()
        if message:
            self.placeholder.setText(message)
        self.placeholder.show()

    def show_data(self, data: ChartData | None) -> None:
        if data is None:
            self.clear()
            return
        self._ensure_canvas()
        assert self.canvas is not None
        self.placeholder.hide()
        self.canvas.show()
        self.data = data
        self._draw(data)
        self.canvas.draw_idle()

    def legend_columns(self) -> int:
        """The legend's entries side by side (4) when the chart is wide, else two a row, so
        that no entry is cut at the edge of a narrow chart (1024 px window)."""
        return 4 if self.width() >= 760 else 2

    def resizeEvent(self, event):  # noqa: N802 (Qt API)
        super().resizeEvent(event)
        if self.data is not None and self.canvas is not None \
                and self.legend_columns() != self._columns:
            self._draw(self.data)
            self.canvas.draw_idle()

    def _draw(self, d: ChartData) -> None:
        labels = {"actual": self.tr("实际值"),
                  "targets": self.tr("年度目标（约束性）"),
                  "final": self.tr("最终目标"),
                  "trajectory": self.tr("预期进度"),
                  "lower": self.tr("（数值越小越好）"),
                  "empty": self.tr("暂无数据")}
        fig = self.figure
        assert fig is not None  # made by _ensure_canvas
        fig.clear()
        ax = fig.add_subplot(111)
        years = sorted(set(d.years) | set(d.targets) | ({d.final[0]} if d.final else set()))
        # the actual values, each point coloured by its year's finding
        pts = [(y, d.actual[y]) for y in sorted(d.actual) if d.actual.get(y) is not None]
        if pts:
            ax.plot([p[0] for p in pts], [p[1] for p in pts], color="#1565c0", linewidth=2,
                    marker="o", markersize=4, label=labels["actual"], zorder=3)
            for y, v in pts:
                colour = STATUS_COLOURS.get(d.status.get(y) or "")
                ax.scatter([y], [v], s=70, zorder=4,
                           color=_hex(colour) if colour else "#1565c0",
                           edgecolors="white", linewidths=1)
                ax.annotate(number(v), (y, v), textcoords="offset points", xytext=(0, 8),
                            ha="center", fontsize=8, color="#263238")
        # the binding target of each target year
        if d.targets:
            ty = sorted(d.targets)
            ax.plot(ty, [d.targets[y] for y in ty], color=_hex(RED), linestyle="--",
                    marker="s", markersize=5, linewidth=1.2, label=labels["targets"], zorder=2)
        if d.final is not None:
            fy, fv, comp = d.final
            ax.axhline(fv, color=_hex(RED), linestyle=":", linewidth=1,
                       label=self.tr("{label} {comparator}{value}（{year}）").format(
                           label=labels["final"], comparator=comp, value=number(fv), year=fy),
                       zorder=1)
        if len(d.trajectory) >= 2:
            ax.plot([p[0] for p in d.trajectory], [p[1] for p in d.trajectory],
                    color=_hex(GREY), linestyle="-.", linewidth=1, label=labels["trajectory"],
                    zorder=1)
        ax.set_title(words(d.title) + (labels["lower"] if d.lower_is_better else ""),
                     fontsize=10)
        if d.unit and d.unit != "是/否":
            ax.set_ylabel(d.unit, fontsize=9)
        if years:
            ax.set_xticks(years)
            ax.set_xticklabels([str(y) for y in years], fontsize=8)
            ax.set_xlim(min(years) - 0.4, max(years) + 0.4)
        ax.tick_params(axis="y", labelsize=8)
        ax.margins(y=0.18)
        ax.grid(True, axis="y", color="#e0e0e0", linewidth=0.6)
        if not pts:
            ax.text(0.5, 0.5, labels["empty"], transform=ax.transAxes, ha="center",
                    va="center", color=_hex(GREY))
        handles, _ = ax.get_legend_handles_labels()
        if handles:
            # below the axes, so it never hides a point; two a row in a narrow chart
            self._columns = self.legend_columns()
            ax.legend(fontsize=8, loc="upper center", bbox_to_anchor=(0.5, -0.08),
                      ncol=self._columns, frameon=False)
