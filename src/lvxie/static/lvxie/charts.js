// Renders every <div class="chart" data-chart="ID"> from the JSON in <script id="ID" type="application/json">.
// The JSON is an ECharts option built on the server; no inline scripts, so a strict CSP holds.
document.addEventListener("DOMContentLoaded", function () {
  document.querySelectorAll("[data-chart]").forEach(function (el) {
    var source = document.getElementById(el.dataset.chart);
    if (!source || !window.echarts) return;
    var chart = echarts.init(el, null, { renderer: "canvas" });
    chart.setOption(JSON.parse(source.textContent));
    window.addEventListener("resize", function () { chart.resize(); });
  });
});
