"""The chart specs of the interactive figures: read back from matplotlib figures built here, deterministic,
one for every committed chart, and the HTML holder that carries them."""
import json

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402

from nevbook import interactive, paths, sphinx_charts, style  # noqa: E402


@pytest.fixture(autouse=True)
def book_style():
    style.apply()
    yield
    plt.close("all")


def bar_chart():
    """Grouped bars with a twin line axis, a reference line and a clipped bar, like Figure 1."""
    fig, ax = style.bars_and_share([2021, 2022, 2023],
                                   [([1.5, 2.25, 30.0], style.PALETTE["blue"], "production"),
                                    ([1.4, 2.2, 3.1], style.PALETTE["sky"], "sales")],
                                   share=[10.0, 20.5, 31.55], share_top=40, title="A bar chart")
    ax.set_ylim(0, 4)
    ax.text(2022.8, 3.9, "30 (off scale)")
    ax.axvline(2022.5, color=style.PALETTE["grey"], linestyle="--")
    ax.text(2022.52, 3, "after the paper")
    ax.set_ylabel("Production (million vehicles)")
    fig.canvas.draw()
    return fig


def line_chart():
    fig, ax = plt.subplots()
    dates = pd.to_datetime(["2023-12-31", "2024-06-30", "2024-12-31"])
    ax.plot(dates, [100, 150.123456789, 200], marker="o", label="stations")
    ax.plot(dates, [5, 6, 7], label="_hidden helper")
    ax.annotate("a note", xy=(dates[1], 150.123456789), xytext=(5, 5), textcoords="offset points")
    ax.set_ylabel("Stations (cumulative)")
    ax.set_title("A line chart")
    fig.canvas.draw()
    return fig


def test_bar_chart_gives_values_labels_units_and_axes():
    spec = interactive.chart_spec(bar_chart(), "test-bars", "a source")
    assert spec["title"] == "A bar chart" and spec["source"] == "a source"
    (panel,) = spec["panels"]
    assert panel["categories"] == ["2021", "2022", "2023"] and panel["category_label"] == "Year"
    assert [a["unit"] for a in panel["axes"]] == ["million vehicles", "%"]
    assert [a["side"] for a in panel["axes"]] == ["left", "right"]
    production, sales, share = panel["series"]
    assert (production["name"], production["kind"], production["axis"]) == ("production", "bar", 0)
    assert production["values"] == [1.5, 2.25, 30] and production["clipped"] == [2]
    assert sales["values"] == [1.4, 2.2, 3.1] and not sales["stacked"]
    assert (share["kind"], share["axis"], share["values"]) == ("line", 1, [10, 20.5, 31.55])
    assert production["colour"] == style.PALETTE["blue"].upper()
    assert panel["lines"] == [{"axis": "x", "colour": style.PALETTE["grey"].upper(), "dashed": True,
                               "label": "after the paper", "value": 1.5}]
    assert {"x": "2023", "y": None, "text": "30 (off scale)"} in panel["notes"]


def test_stacked_bars_share_one_stack_and_drop_empty_segments():
    fig, ax = plt.subplots()
    ax.bar([2020, 2021], [0, 2], label="split")
    ax.bar([2020, 2021], [3, 1], bottom=[0, 2], label="rest")
    ax.set_xticks([2020, 2021])
    ax.set_ylabel("GWh")
    fig.canvas.draw()
    split, rest = interactive.chart_spec(fig, "test-stack", "s")["panels"][0]["series"]
    assert split["stacked"] and rest["stacked"]
    assert split["values"] == [None, 2] and rest["values"] == [3, 1]


def test_horizontal_bars_coloured_by_legend_become_one_series_per_entry():
    from matplotlib.patches import Patch
    fig, ax = plt.subplots()
    ax.barh(["A", "B", "C"], [1, 2, 3], color=["#111111", "#222222", "#111111"])
    fig.legend(handles=[Patch(color="#111111", label="one"), Patch(color="#222222", label="two")])
    ax.set_xlabel("Share (%)")
    fig.canvas.draw()
    (panel,) = interactive.chart_spec(fig, "test-barh", "s")["panels"]
    assert panel["horizontal"] and panel["categories"] == ["A", "B", "C"]
    assert [(s["name"], s["values"]) for s in panel["series"]] == [("one", [1, None, 3]), ("two", [None, 2, None])]
    assert panel["axes"][0]["unit"] == "%"


def test_line_chart_gives_dated_points_and_notes():
    spec = interactive.chart_spec(line_chart(), "test-lines", "a source")
    (panel,) = spec["panels"]
    assert panel["x"]["type"] == "time"
    (series,) = panel["series"]  # the line whose label starts with "_" is not a series
    assert series["name"] == "stations" and series["marker"] == "circle"
    assert series["points"] == [["2023-12-31", 100], ["2024-06-30", 150.123], ["2024-12-31", 200]]
    assert panel["axes"][0]["unit"] == "stations (cumulative)"
    assert panel["notes"] == [{"x": "2024-06-30", "y": 150.123, "text": "a note"}]
    assert spec["title"] == "A line chart"


def test_spec_bytes_are_deterministic(tmp_path, monkeypatch):
    monkeypatch.setattr(paths, "FIGURES", tmp_path)
    first = interactive.write_spec(bar_chart(), "test-bars", "a source").read_bytes()
    second = interactive.dumps(interactive.chart_spec(bar_chart(), "test-bars", "a source")).encode()
    assert first == second
    assert json.loads(first) == json.loads(second)
    assert first.endswith(b"}\n") and b"NaN" not in first


def test_figures_without_data_series_stay_static(tmp_path, monkeypatch):
    monkeypatch.setattr(paths, "FIGURES", tmp_path)
    fig, ax = plt.subplots()
    ax.axis("off")
    ax.text(0.5, 0.5, "a schematic")
    (tmp_path / "test-schematic.json").write_text("{}")
    assert interactive.write_spec(fig, "test-schematic", "s") is None
    assert not (tmp_path / "test-schematic.json").exists()  # a stale spec is removed
    with pytest.raises(interactive.NotConvertible):
        interactive.chart_spec(line_chart(), "fig-1-nev-milestones", "s")  # listed in STATIC


def test_every_committed_figure_has_a_spec_or_is_listed_static():
    names = sorted(p.stem for p in paths.FIGURES.glob("*.png"))
    specs = sorted(p.stem for p in paths.FIGURES.glob("*.json"))
    assert sorted(set(names) - set(specs)) == sorted(interactive.STATIC)
    assert set(specs) <= set(names)
    for name in specs:
        text = (paths.FIGURES / f"{name}.json").read_text(encoding="utf-8")
        spec = json.loads(text)
        assert interactive.dumps(spec) == text and spec["name"] == name
        assert spec["source"] and spec["title"] and all(panel["series"] for panel in spec["panels"])


def test_every_chapter_figure_cell_names_its_file():
    """The HTML hook finds a chart's spec through the name its figure cell passes to ``style.finish``."""
    named = []
    for notebook in sorted(paths.CHAPTERS.glob("*.ipynb")):
        named += sphinx_charts.figure_files(notebook).values()
    assert len(named) == len(set(named))
    assert sorted(set(p.stem for p in paths.FIGURES.glob("*.json")) - set(named)) == []


def test_holder_keeps_the_spec_inert():
    html = sphinx_charts.holder_html('{"a": "</script><b>"}\n', "fig-x")
    assert "</script><b>" not in html and html.count("</script>") == 1
    assert html.startswith('<div class="nev-chart" data-figure="fig-x" hidden>')


def test_library_is_vendored_once_with_its_licence():
    folder = sphinx_charts.STATIC_DIR / "nev-charts"
    library = folder / sphinx_charts.LIBRARY.split("/")[-1]
    assert library.exists() and library.stat().st_size < 800_000
    assert (folder / "ECHARTS-LICENSE.txt").exists() and (folder / "ECHARTS-NOTICE.txt").exists()
    assert "MathJax" not in library.read_text(encoding="utf-8")
    assert len(list(folder.glob("*.min.js"))) == 1


def test_library_file_is_the_pinned_version():
    import hashlib
    import re
    folder = sphinx_charts.STATIC_DIR / "nev-charts"
    readme = (folder / "README.md").read_text(encoding="utf-8")
    pinned = re.search(r"sha256 `([0-9a-f]{64})`", readme).group(1)
    library = folder / sphinx_charts.LIBRARY.split("/")[-1]
    assert hashlib.sha256(library.read_bytes()).hexdigest() == pinned
    assert library.name in readme


@pytest.mark.slow
def test_chapter_pages_carry_their_charts_and_stay_small(built_book):
    """Each chapter page embeds one chart per figure with a spec, loads the library only then, and stays under
    1.5 MB with the library (the page's own HTML and the one library file)."""
    result, copy = built_book
    assert result.returncode == 0, (result.stdout + result.stderr)[-3000:]
    html = copy / "_build" / "html"
    library = html / "_static" / sphinx_charts.LIBRARY
    assert library.read_bytes() == (sphinx_charts.STATIC_DIR / sphinx_charts.LIBRARY).read_bytes()
    for notebook in sorted((copy / "chapters").glob("*.ipynb")):
        page = html / "chapters" / f"{notebook.stem}.html"
        text = page.read_text(encoding="utf-8")
        expected = [name for name in sphinx_charts.figure_files(notebook).values()
                    if (copy / "figures" / f"{name}.json").exists()]
        assert text.count('<div class="nev-chart" ') == len(expected), page.name
        assert (sphinx_charts.LIBRARY in text) == bool(expected), page.name
        assert page.stat().st_size + (library.stat().st_size if expected else 0) < 1_500_000, page.name
    assert sphinx_charts.LIBRARY not in (html / "intro.html").read_text(encoding="utf-8")
