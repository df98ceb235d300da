/* nev-book: draw each figure's chart spec (figures/<name>.json, embedded in the page by
   nevbook.sphinx_charts) as an interactive Apache ECharts chart beside the static image.
   Hover shows the exact value, its unit and the source; a click on a legend entry hides or shows a series.
   Without JavaScript (or if drawing fails) the static image stays as it is. */
(function () {
  "use strict";
  var REF = "\u0000ref";  // prefix of the helper series that carry reference lines (no legend, no tooltip)
  var STEP = { post: "end", pre: "start", mid: "middle" };

  function esc(text) {
    return String(text).replace(/[&<>"']/g, function (c) {
      return { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" }[c];
    });
  }

  function fmt(value) {
    if (value === null || value === undefined || value === "-" || isNaN(value)) { return null; }
    var size = Math.abs(value);  // below 1, every digit of the spec (six significant ones)
    var options = size >= 1000 ? { maximumFractionDigits: 0 } :
      size >= 1 ? { maximumFractionDigits: 3 } : { maximumSignificantDigits: 6 };
    return Number(value).toLocaleString("en-GB", options);
  }

  function withUnit(text, unit) {
    if (!unit) { return text; }
    return unit.charAt(0) === "%" ? text + unit : text + " " + unit;
  }

  function isoDate(value) {
    var d = new Date(value);
    return isNaN(d) ? String(value) : d.toISOString().slice(0, 10);
  }

  function round(value) {  // a limit worth a label: at most two significant digits
    return value === null || value === undefined || Number(Number(value).toPrecision(2)) === value;
  }

  function legendRows(spec, width) {  // how many rows the wrapped legend takes (about 7 px a character)
    var names = [];
    spec.panels.forEach(function (panel) {
      panel.series.forEach(function (s) { if (names.indexOf(s.name) < 0) { names.push(s.name); } });
    });
    var rows = 1, used = 0;
    names.forEach(function (name) {
      var item = 40 + 7 * name.length;
      if (used && used + item > width - 20) { rows += 1; used = 0; }
      used += item;
    });
    return rows;
  }

  function cells(spec) {  // each panel's share of the width, split between the matplotlib axes
    var boxes = spec.panels.map(function (panel) { return panel.box; });
    return boxes.map(function (box, p) {
      var from = p === 0 ? 0 : (boxes[p - 1][0] + boxes[p - 1][1] + box[0]) / 2;
      var to = p === boxes.length - 1 ? 1 : (box[0] + box[1] + boxes[p + 1][0]) / 2;
      return [from * 100, (to - from) * 100];
    });
  }

  function wrap(text, room) {  // a name longer than its room breaks into lines (about 8 px a character)
    var most = Math.max(12, Math.floor(room / 8)), lines = [], line = "";
    String(text || "").split(" ").forEach(function (word) {
      if (line && (line + " " + word).length > most) { lines.push(line); line = word; } else {
        line = line ? line + " " + word : word;
      }
    });
    if (line) { lines.push(line); }
    return lines.join("\n");
  }

  function build(spec, width) {
    var option = {
      animation: false,
      textStyle: { fontFamily: "DejaVu Sans, Verdana, sans-serif" },
      title: [{ text: spec.title, left: "center", top: 4, textStyle: { fontSize: 14 } }],
      legend: { type: "plain", top: 28, left: "center", width: "92%", data: [] },
      tooltip: { trigger: "axis", confine: true, axisPointer: { type: "shadow" },
                 extraCssText: "max-width: 360px; white-space: normal;" },
      grid: [], xAxis: [], yAxis: [], series: []
    };
    var meta = [];  // per series index: its unit, panel and clipped categories
    var count = spec.panels.length;
    var legendBottom = 28 + 22 * legendRows(spec, width);
    var top = legendBottom + (count > 1 ? 34 : 14);
    var shares = cells(spec);
    spec.panels.forEach(function (panel, p) {
      var left = shares[p][0], share = shares[p][1];
      var across = width * share / 100 * 0.85, along = width * spec.aspect * 0.8;  // room for an axis name
      option.grid.push({ left: (left + 1) + "%", width: (share - 2) + "%", top: top, bottom: 8,
                         outerBoundsMode: "same", outerBoundsContain: "all" });
      if (panel.title) {
        option.title.push({ text: wrap(panel.title, across), left: (left + share / 2) + "%", textAlign: "center",
                            top: legendBottom + 6, textStyle: { fontSize: 12 } });
      }
      var category = panel.categories !== undefined;
      var xIndex = option.xAxis.length, yIndex = option.yAxis.length;
      var valueAxes = panel.axes.map(function (axis) {
        return { type: "value", gridIndex: p, name: wrap(axis.label, panel.horizontal ? across : along),
                 nameLocation: "middle",
                 nameGap: panel.horizontal ? 28 : 45, min: axis.min, max: axis.max, position: axis.side,
                 splitLine: { show: axis.side === "left" }, axisLine: { show: true, onZero: false },
                 axisLabel: { hideOverlap: true, showMinLabel: round(axis.min) ? null : false,
                              showMaxLabel: round(axis.max) ? null : false } };
      });
      var other;
      if (category) {
        other = { type: "category", gridIndex: p, data: panel.categories, name: wrap(panel.category_label, across),
                  nameLocation: "middle", nameGap: panel.horizontal ? 0 : 28, inverse: panel.inverted,
                  axisTick: { alignWithLabel: true }, axisLabel: { interval: 0, hideOverlap: false } };
        if (panel.horizontal) { other.name = ""; }  // long category labels leave no room for a name
      } else {
        other = { type: panel.x.type, gridIndex: p, name: wrap(panel.x.label, across), nameLocation: "middle",
                  nameGap: 28, min: panel.x.min, max: panel.x.max, axisPointer: { type: "line" },
                  axisLine: { onZero: false },
                  axisLabel: { hideOverlap: true, showMinLabel: false, showMaxLabel: false } };
        if (panel.x.type === "value") { other.axisLabel.formatter = function (v) { return String(v); }; }
        option.tooltip.axisPointer = { type: "line" };
      }
      if (panel.horizontal) {
        valueAxes.forEach(function (a) { a.position = a.position === "left" ? "bottom" : "top"; });
        option.xAxis = option.xAxis.concat(valueAxes);
        option.yAxis.push(other);
      } else {
        option.xAxis.push(other);
        option.yAxis = option.yAxis.concat(valueAxes);
      }
      panel.series.forEach(function (s) {
        var data = s.values !== undefined ? s.values.map(function (v, i) {
          var item = { value: v === null ? "-" : v };
          if (s.colours && s.colours[i]) { item.itemStyle = { color: s.colours[i] }; }
          return item;
        }) : s.points.map(function (pt) { return pt[1] === null ? [pt[0], "-"] : pt; });
        var colour = s.colour || (s.colours && s.colours.filter(Boolean)[0]);
        var entry = { name: s.name, data: data, itemStyle: { color: colour } };
        if (s.kind === "bar") {
          entry.type = "bar";
          entry.barGap = "0%";
          entry.barCategoryGap = "20%";
          if (s.stacked) { entry.stack = "stack-" + p + "-" + s.offset; }
        } else if (s.kind === "line") {
          entry.type = "line";
          entry.symbol = s.marker || "none";
          entry.symbolSize = 6;
          entry.lineStyle = { color: colour, type: s.dashed ? "dashed" : "solid", width: 2 };
          if (s.step) { entry.step = STEP[s.step] || "end"; }
        } else {
          entry.type = "scatter";
          entry.symbol = s.marker || "circle";
          entry.symbolSize = 10;
        }
        if (panel.horizontal) {
          entry.xAxisIndex = xIndex + s.axis; entry.yAxisIndex = yIndex;
        } else {
          entry.xAxisIndex = xIndex; entry.yAxisIndex = yIndex + s.axis;
        }
        option.legend.data.indexOf(s.name) < 0 && option.legend.data.push(s.name);
        meta[option.series.length] = { unit: panel.axes[s.axis].unit, panel: panel, clipped: s.clipped || [] };
        option.series.push(entry);
      });
      panel.lines.forEach(function (line, n) {
        var mark = { silent: true, symbol: "none",
                     lineStyle: { color: line.colour, type: line.dashed ? "dashed" : "solid", width: 1 },
                     label: { formatter: line.label || "", color: "#444",
                              position: line.axis === "x" ? "end" : "insideEndTop" },
                     data: [] };
        var helper = { type: "line", name: REF + p + "-" + n, data: [], symbol: "none", markLine: mark,
                       tooltip: { show: false } };
        var alongCategories = category && ((line.axis === "x") !== panel.horizontal);
        if (alongCategories) {
          // a line between categories: drawn on a hidden value axis spanning the category slots
          var n_ = panel.categories.length;
          var hidden = { type: "value", gridIndex: p, show: false, min: -0.5, max: n_ - 0.5,
                         inverse: panel.inverted, axisPointer: { show: false, triggerTooltip: false } };
          if (panel.horizontal) {
            helper.yAxisIndex = option.yAxis.length; option.yAxis.push(hidden);
            helper.xAxisIndex = xIndex; mark.data.push({ yAxis: line.value });
            helper.data = [[panel.axes[0].min, line.value]];
          } else {
            helper.xAxisIndex = option.xAxis.length; option.xAxis.push(hidden);
            helper.yAxisIndex = yIndex; mark.data.push({ xAxis: line.value });
            helper.data = [[line.value, panel.axes[0].min]];
          }
        } else {
          helper.xAxisIndex = xIndex; helper.yAxisIndex = yIndex;
          mark.data.push(line.axis === "x" ? { xAxis: line.value } : { yAxis: line.value });
          helper.data = category ? [] : [[panel.x.min, "-"]];
        }
        meta[option.series.length] = null;
        option.series.push(helper);
      });
    });
    option.tooltip.formatter = function (params) {
      params = [].concat(params).filter(function (q) { return meta[q.seriesIndex]; });
      if (!params.length) { return ""; }
      var panel = meta[params[0].seriesIndex].panel;
      var category = panel.categories !== undefined;
      var head = category ? params[0].name.replace(/\n/g, " ") : (params[0].axisValueLabel || "");
      var rows = ["<b>" + esc(head) + "</b>"];
      params.forEach(function (q) {
        var m = meta[q.seriesIndex];
        var raw = Array.isArray(q.value) ? q.value[1] : q.value;
        var text = fmt(raw);
        if (text === null) { return; }
        var value = withUnit(text, m.unit);
        if (m.clipped.indexOf(q.dataIndex) >= 0) { value += " (bar cut at the axis limit)"; }
        var x = !category && Array.isArray(q.value) ?
          String(panel.x.type === "time" ? isoDate(q.value[0]) : q.value[0]) : head;
        var when = x !== head ? " (" + esc(x) + ")" : "";
        rows.push(q.marker + esc(q.seriesName) + when + ": <b>" + esc(value) + "</b>");
      });
      panel.notes.forEach(function (note) {
        if (category ? note.x.replace(/\n/g, " ") === head : params.some(function (q) {
          var x = Array.isArray(q.value) ? q.value[0] : null;
          return x !== null && (panel.x.type === "time" ? isoDate(x) : String(x)) === String(note.x);
        })) {
          rows.push("<i>" + esc(note.text) + "</i>");
        }
      });
      rows.push("<span style=\"color:#555;font-size:0.85em\">" + SOURCE_LABEL + esc(spec.source) + "</span>");
      return rows.join("<br>");
    };
    return option;
  }

  // "Source: " in the page's language (the Chinese edition's pages are lang="zh-CN")
  var SOURCE_LABEL = (document.documentElement.lang || "").indexOf("zh") === 0 ? "资料来源：" : "Source: ";

  function draw(holder) {
    var figure = holder.closest("figure") || holder.parentNode;
    var image = figure.querySelector("img");
    var spec = JSON.parse(holder.querySelector("script.nev-chart-spec").textContent);
    var box = document.createElement("div");
    box.className = "nev-chart-canvas";
    box.setAttribute("role", "img");  // screen readers get the figure's alt text, as for the image
    box.setAttribute("aria-label", image ? image.getAttribute("alt") || spec.title : spec.title);
    holder.insertBefore(box, holder.firstChild);
    holder.hidden = false;
    var width = holder.clientWidth || 720;
    box.style.height = Math.max(360, Math.round(width * spec.aspect) + 22 * legendRows(spec, width) + 40) + "px";
    var chart = window.echarts.init(box, null, { renderer: "svg" });
    chart.setOption(build(spec, width));
    figure.classList.add("nev-chart-ready");
    var toggle = holder.querySelector("button.nev-chart-toggle");
    toggle.addEventListener("click", function () {
      var showImage = figure.classList.toggle("nev-chart-show-image");
      toggle.textContent = showImage ? toggle.dataset.chartLabel : toggle.dataset.imageLabel;  // in the page's language
      if (!showImage) { chart.resize(); }
    });
    window.addEventListener("resize", function () { chart.resize(); });
    holder.nevChart = chart;
    return chart;
  }

  function start() {
    if (!window.echarts) { return; }
    document.querySelectorAll("div.nev-chart").forEach(function (holder) {
      try { draw(holder); } catch (error) {
        holder.hidden = true;  // the static image stays
        if (window.console) { console.warn("nev-charts: " + error); }
      }
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
}());
