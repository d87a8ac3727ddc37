/* The appraisal's charts (Apache ECharts, served from node_modules by the app; no CDN).
   Each chart's data is in a <script type="application/json" id="<chart-id>-data"> written by
   Django's json_script; the same numbers are in the table beside it. No inline script: the page
   loads this file, which draws every [data-chart] element it finds. */
(function () {
  "use strict";

  function option(spec) {
    var yAxis = { type: "value", minInterval: 1 };
    if (spec.y_max) { yAxis.max = spec.y_max; }
    if (spec.axis_labels) {
      yAxis.min = 1;
      yAxis.axisLabel = { formatter: function (v) { return spec.axis_labels[String(v)] || ""; } };
    }
    return {
      animation: false,
      // the title is the figure's caption above (it overlapped the legend when drawn here too)
      tooltip: { trigger: "axis", renderMode: "richText" },   // drawn on the canvas: no inline HTML styles (CSP)
      legend: { top: 0 },
      grid: { top: 40, left: 48, right: 24, bottom: 64, containLabel: true },
      xAxis: { type: "category", data: spec.categories, axisLabel: { interval: 0, rotate: spec.categories.length > 4 ? 30 : 0 } },
      yAxis: yAxis,
      series: spec.series.map(function (s) {
        return { name: s.name, type: spec.kind, data: s.data, stack: spec.stacked ? "total" : undefined,
                 label: { show: spec.kind === "bar", position: spec.stacked ? "inside" : "top",
                          formatter: function (p) { return p.value ? String(p.value) : ""; } } };  // no "0" on empty bars
      })
    };
  }

  function draw(el) {
    var source = document.getElementById(el.getAttribute("data-chart"));
    if (!source || typeof window.echarts === "undefined") { return; }
    var spec = JSON.parse(source.textContent);
    if (!spec.categories.length) { el.setAttribute("data-empty", "true"); return; }
    var chart = window.echarts.init(el, null, { renderer: "canvas", locale: "ZH" });
    chart.setOption(option(spec));
    el.setAttribute("data-rendered", "true");
    window.addEventListener("resize", function () { chart.resize(); });
  }

  function init() {
    Array.prototype.forEach.call(document.querySelectorAll("[data-chart]"), draw);
  }

  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", init); } else { init(); }
})();
