"""The chart builders: given categories and series, then the option has one look everywhere (stacked
bars stack together, lines keep their axis, a second axis draws no grid lines of its own, a percentage
axis runs 0 to 100), and the template include puts it into the page escaped, with its container."""

from django.template.loader import render_to_string

from lvxie.core import charts


def test_a_stacked_bar_chart_with_a_rate_on_a_second_axis():
    option = charts.bar_chart(
        ["福田区", "南山区"],
        [
            charts.bar("合伙所", [3, 1], color="#c0392b"),
            charts.bar("个人所", [1, 0]),
            charts.line("覆盖率", [50.0, 100.0], axis=1, dashed=True),
        ],
        stacked=True,
        axes=("律所", charts.PERCENT),
        title="各区律所",
    )
    assert option["xAxis"]["data"] == ["福田区", "南山区"]
    bars = [s for s in option["series"] if s["type"] == "bar"]
    assert {s["stack"] for s in bars} == {"all"} and bars[0]["itemStyle"] == {"color": "#c0392b"}
    rate = option["series"][-1]
    assert rate["yAxisIndex"] == 1 and rate["lineStyle"] == {"type": "dashed"} and "stack" not in rate
    first, second = option["yAxis"]
    assert first == {"type": "value", "name": "律所"}
    assert second == {"type": "value", "name": "%", "min": 0, "max": 100, "splitLine": {"show": False}}
    assert option["title"]["text"] == "各区律所"


def test_unstacked_bars_do_not_stack():
    option = charts.bar_chart(["a"], [charts.bar("x", [1]), charts.bar("y", [2])])
    assert all("stack" not in s for s in option["series"]) and "title" not in option


def test_world_map_points():
    option = charts.world_map("海外服务网点", [("某所 · 伦敦", -0.12, 51.5)])
    (series,) = option["series"]
    assert option["geo"]["map"] == "world" and series["coordinateSystem"] == "geo"
    assert series["data"] == [{"name": "某所 · 伦敦", "value": [-0.12, 51.5, 1]}]


def test_the_include_escapes_the_option_and_names_its_container():
    option = charts.bar_chart(["</script><b>"], [charts.bar("x", [1])])
    html = render_to_string("core/chart.html", {"option": option, "id": "c1", "label": "图"})
    assert 'data-chart="c1"' in html and 'aria-label="图"' in html
    assert '<script id="c1" type="application/json">' in html and "</script><b>" not in html
    world = render_to_string("core/chart.html", {"option": {}, "id": "m", "geojson": "/static/w.json"})
    assert 'data-worldmap="m"' in world and 'data-geojson="/static/w.json"' in world
