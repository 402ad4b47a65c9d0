"""ECharts options, built one way for every page: a bar chart (plain or stacked, with optional lines on
the same or a second axis) and a world map of points. The views pass the option dicts to the template
include `core/chart.html`, which puts them into the page with `json_script` (escaped, no inline script;
static/lvxie/charts.js and worldmap.js draw them).

The look is decided here once: the legend below, category labels all shown and slanted, bars no wider
than 48 px, a second value axis without its own grid lines (two sets of lines that do not meet read as
noise), and a percentage axis from 0 to 100.
"""

from collections.abc import Sequence
from typing import Any

BAR_MAX_WIDTH = 48
PERCENT = "%"


def bar(name, data: Sequence, *, color: str | None = None) -> dict[str, Any]:
    """One bar series."""
    series: dict[str, Any] = {"name": str(name), "type": "bar", "data": list(data)}
    if color:
        series["itemStyle"] = {"color": color}
    return series


def line(
    name, data: Sequence, *, color: str | None = None, axis: int = 0, dashed: bool = False
) -> dict[str, Any]:
    """One line series, on the first value axis or (`axis=1`) the second."""
    series: dict[str, Any] = {"name": str(name), "type": "line", "symbolSize": 8, "data": list(data)}
    if color:
        series["itemStyle"] = {"color": color}
    if dashed:
        series["lineStyle"] = {"type": "dashed"}
    if axis:
        series["yAxisIndex"] = axis
    return series


def _value_axis(name, index: int) -> dict[str, Any]:
    axis: dict[str, Any] = {"type": "value"}
    if name:
        axis["name"] = str(name)
    if str(name) == PERCENT:
        axis.update(min=0, max=100)
    if index:
        axis["splitLine"] = {"show": False}
    return axis


def bar_chart(
    categories: Sequence,
    series: Sequence[dict[str, Any]],
    *,
    stacked: bool = False,
    axes: Sequence = ("",),
    title=None,
    colors: Sequence[str] = (),
) -> dict[str, Any]:
    """Bars per category (districts, mostly), stacked or side by side, and any lines with them. `axes`
    names the value axes (a second one for lines with `axis=1`; PERCENT for rates)."""
    drawn = []
    for s in series:
        if s["type"] == "bar":
            s = {**s, "barMaxWidth": BAR_MAX_WIDTH, **({"stack": "all"} if stacked else {})}
        drawn.append(s)
    option: dict[str, Any] = {
        "tooltip": {"trigger": "axis", "axisPointer": {"type": "shadow"}},
        "legend": {"type": "scroll", "bottom": 0},
        "grid": {"left": 10, "right": 10, "top": 50 if title else 40, "bottom": 40, "containLabel": True},
        "xAxis": {
            "type": "category",
            "data": [str(c) for c in categories],
            "axisLabel": {"interval": 0, "rotate": 30},
        },
        "yAxis": [_value_axis(name, i) for i, name in enumerate(axes)],
        "series": drawn,
    }
    if title:
        option["title"] = {"text": str(title), "textStyle": {"fontSize": 14}}
    if colors:
        option["color"] = list(colors)
    return option


def world_map(name, points: Sequence[tuple[str, float, float]], *, color: str = "#c23531") -> dict[str, Any]:
    """Points (label, longitude, latitude) on the world map registered as "world" (worldmap.js)."""
    return {
        "tooltip": {"trigger": "item"},
        "geo": {
            "map": "world",
            "roam": True,
            "itemStyle": {"areaColor": "#e8edf3", "borderColor": "#9aa9b8"},
        },
        "series": [
            {
                "name": str(name),
                "type": "effectScatter",
                "coordinateSystem": "geo",
                "data": [{"name": label, "value": [lon, lat, 1]} for label, lon, lat in points],
                "symbolSize": 7,
                "itemStyle": {"color": color},
            }
        ],
    }
