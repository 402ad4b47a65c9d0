// Renders <div data-worldmap="ID" data-geojson="URL">: registers the world GeoJSON (the bundled one from
// `make assets`, or the deployment's approved map: LVXIE_WORLD_GEOJSON), then the ECharts option in <script id="ID">.
document.addEventListener("DOMContentLoaded", function () {
  document.querySelectorAll("[data-worldmap]").forEach(function (el) {
    var source = document.getElementById(el.dataset.worldmap);
    if (!source || !window.echarts) return;
    fetch(el.dataset.geojson).then(function (r) { return r.json(); }).then(function (geo) {
      echarts.registerMap("world", geo);
      var chart = echarts.init(el, null, { renderer: "canvas" });
      chart.setOption(JSON.parse(source.textContent));
      window.addEventListener("resize", function () { chart.resize(); });
    });
  });
});
