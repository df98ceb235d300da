"""Open every page of the built site in headless Chromium (Debian's, driven by Playwright).

Fails on a console error, a broken image, a broken internal link or anchor, or any request to a host other
than 127.0.0.1: the site must not load third-party scripts, styles or fonts. On every page with interactive
charts, every chart must be drawn, hovering a point of the first one must show a tooltip with that point's
value, its unit and the source, and a click on its legend entry must hide that series (a second click shows it
again). On section 2.1, hovering a glossary term link, a claim link and a citation must show their previews
(the term's definition, the verdict of the claim's box, the reference). Both editions are checked: the Chinese
pages lie under zh/, and every page of each edition must carry the language switcher and hreflang links to
itself and to the same page in the other edition, all of which must exist. Saves screenshots of the landing
page and of section 2.1 in both editions under _build/screenshots/ for review.
"""
import functools
import http.server
import json
import os
import re
import threading
from html import unescape
from pathlib import Path
from urllib.parse import unquote, urlparse

import pytest

from nevbook import paths

CHROMIUM = next((p for p in ("/usr/lib/chromium/chromium", "/usr/bin/chromium") if Path(p).exists()), None)
# Known, harmless console messages of a default Jupyter Book 1 site.
ALLOWED_CONSOLE = (
    "Identifier 'THEBE_JS_URL' has already been declared",
    "Got invalid theme mode",
)
SCREENSHOTS = {"intro.html": "landing.png", "chapters/02_1_demand.html": "section-2-1.png",
               "zh/intro.html": "landing-zh.png", "zh/chapters/02_1_demand.html": "section-2-1-zh.png"}
SPECIAL = ("genindex.html", "search.html")  # pages Sphinx writes without a source: hreflang links, no switcher
LANGUAGE_LINKS = """() => ({
  switcher: Array.from(document.querySelectorAll('p.nevbook-language a')).map(a => a.href),
  alternates: Array.from(document.querySelectorAll('link[rel=alternate][hreflang]')).map(l => [l.hreflang, l.href]),
})"""
HOVER_PAGE = "chapters/02_1_demand.html"  # where a term, a claim and a citation link are hovered

pytestmark = [pytest.mark.slow]
if CHROMIUM is None:
    reason = "Debian chromium is not installed (scripts/ensure-debian.sh browser)"
    pytestmark.append(pytest.mark.skipif(not os.environ.get("CI"), reason=reason))


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def site(built_book):
    result, copy = built_book
    assert result.returncode == 0, (result.stdout + result.stderr)[-3000:]
    root = copy / "_build" / "html"
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(QuietHandler, directory=root))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield root, f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()
    server.server_close()


def pages(root):
    """Every HTML page of both editions, except assets and the index.html that only redirects."""
    skip = ("_static", "_sources", "_images", "files")

    def in_edition(path):  # the parts of a page's path below its edition's root
        parts = path.relative_to(root).parts
        return parts[1:] if parts[0] == "zh" else parts

    return sorted(p.relative_to(root).as_posix() for p in root.rglob("*.html")
                  if in_edition(p)[0] not in skip and 'http-equiv="Refresh"' not in p.read_text(errors="replace"))


def ids_in(path):
    return set(re.findall(r'\bid="([^"]+)"', path.read_text(errors="replace")))


def check_links(root, name, hrefs):
    """Internal links must point at an existing file, and at an existing id when they have an anchor."""
    problems = []
    for href in hrefs:
        url = urlparse(href)
        if url.hostname != "127.0.0.1":
            continue
        target = root / unquote(url.path.lstrip("/"))
        if target.is_dir():
            target = target / "index.html"
        if not target.exists():
            problems.append(f"{name}: broken link {href}")
        elif url.fragment and target.suffix == ".html" and unquote(url.fragment) not in ids_in(target):
            problems.append(f"{name}: link to a missing anchor {href}")
    return problems


def language_problems(root, name, links):
    """The switcher (on content pages) and the two hreflang links must lead to the same page in both editions."""
    chinese_page = name if name.startswith("zh/") else f"zh/{name}"
    english_page = name.removeprefix("zh/")
    problems = check_links(root, name, links["switcher"] + [href for _, href in links["alternates"]])
    found = {language: urlparse(href).path.lstrip("/") for language, href in links["alternates"]}
    if found != {"en": english_page, "zh-Hans": chinese_page}:
        problems.append(f"{name}: hreflang links {found}")
    if not name.endswith(SPECIAL):
        other = english_page if name.startswith("zh/") else chinese_page
        if [urlparse(href).path.lstrip("/") for href in links["switcher"]] != [other]:
            problems.append(f"{name}: the language switcher leads to {links['switcher']}, not {other}")
    return problems


def console_problems(name, messages):
    problems = []
    for message in messages:
        text = getattr(message, "text", None) or str(message)
        location = getattr(message, "location", None) or {}
        if any(allowed in text for allowed in ALLOWED_CONSOLE) or location.get("url", "").endswith("favicon.ico"):
            continue
        problems.append(f"{name}: console error: {text}")
    return problems


# Pixel position (relative to the chart) of one data point of the first chart on the page, with its spec.
FIRST_POINT = """() => {
  const holder = document.querySelector('div.nev-chart');
  const box = holder.querySelector('div.nev-chart-canvas');
  box.scrollIntoView({block: 'center'});
  const spec = JSON.parse(holder.querySelector('script.nev-chart-spec').textContent);
  const panel = spec.panels[0];
  const series = panel.series[0];
  let index, point;
  if (series.values !== undefined) {
    index = series.values.findIndex(v => v !== null);
    const half = series.kind === 'bar' ? series.values[index] / 2 : series.values[index];
    point = panel.horizontal ? [half, index] : [index, half];
  } else {
    index = series.points.findIndex(p => p[1] !== null);
    point = series.points[index];
  }
  const chart = echarts.getInstanceByDom(box);
  const pixel = chart.convertToPixel({seriesIndex: 0}, point);
  const rect = box.getBoundingClientRect();
  return {x: rect.left + pixel[0], y: rect.top + pixel[1], spec: JSON.stringify(spec), index: index};
}"""
TOOLTIP = """() => Array.from(document.querySelectorAll('div.nev-chart-canvas div'))
  .filter(d => (d.innerText.includes('Source:') || d.innerText.includes('资料来源：'))
    && getComputedStyle(d).display !== 'none')
  .map(d => d.innerText).join('\\n')"""


LEGEND_SELECTED = """name => {
  const chart = echarts.getInstanceByDom(document.querySelector('div.nev-chart-canvas'));
  return chart.getOption().legend[0].selected[name] !== false;
}"""


def formatted(value):
    """A value as the chart's tooltip writes it (en-GB: six significant digits below 1, at most three
    decimals below 1,000, none from there)."""
    if abs(value) < 1:
        return f"{value:.6g}"
    return f"{value:,.0f}" if abs(value) >= 1000 else f"{value:,.3f}".rstrip("0").rstrip(".")


def chart_problems(name, page):
    """Every chart on the page drawn; hovering a point of the first one shows its value, unit and source."""
    holders = page.locator("div.nev-chart").count()
    if not holders:
        return []
    try:
        page.wait_for_function("n => document.querySelectorAll('figure.nev-chart-ready').length === n",
                               arg=holders, timeout=10000)
    except Exception:  # noqa: BLE001 - reported as a problem below
        return [f"{name}: {holders} charts, not all drawn"]
    where = page.evaluate(FIRST_POINT)
    spec = json.loads(where["spec"])
    series = spec["panels"][0]["series"][0]
    value = (series["values"][where["index"]] if "values" in series else series["points"][where["index"]][1])
    unit = spec["panels"][0]["axes"][series["axis"]]["unit"]
    page.mouse.move(where["x"], where["y"])
    try:
        page.wait_for_function(f"({TOOLTIP})().length > 0", timeout=5000)
    except Exception:  # noqa: BLE001 - reported as a problem below
        return [f"{name}: no tooltip when hovering {spec['name']}"]
    tooltip = " ".join(page.evaluate(TOOLTIP).split())
    expected = [formatted(value), unit.split()[0] if unit else "", series["name"], spec["source"][:30]]
    problems = [f"{name}: tooltip of {spec['name']} lacks {part!r}: {tooltip[:300]}"
                for part in expected if part not in tooltip]
    # a click on the series' legend entry hides it, a second click shows it again
    entry = page.locator("div.nev-chart-canvas").first.locator("svg text", has_text=series["name"]).first
    shown = []
    for _ in range(2):
        entry.click()
        shown.append(page.evaluate(LEGEND_SELECTED, series["name"]))
    if shown != [False, True]:
        problems.append(f"{name}: legend click on {series['name']!r} of {spec['name']} gave {shown}")
    return problems


def plain(html):
    """Text of an HTML fragment on one line."""
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", html)).split())


def definition_in(glossary_html, term_id):
    """The definition of a term as the glossary page shows it."""
    match = re.search(rf'<dt id="{re.escape(term_id)}".*?</dt>\s*<dd>(.*?)</dd>', glossary_html, re.S)
    return plain(match.group(1)) if match else ""


def hovered(page, link):
    """Rest the pointer on a link; the text of the preview box, or '' when none shows."""
    page.mouse.move(0, 0)
    page.wait_for_function("() => !document.getElementById('nev-hover-tip') || "
                           "document.getElementById('nev-hover-tip').hidden")
    link.scroll_into_view_if_needed()
    link.hover()
    try:
        page.wait_for_selector("#nev-hover-tip:not([hidden])", state="visible", timeout=3000)
    except Exception:  # noqa: BLE001 - reported by the caller
        return ""
    return " ".join(page.inner_text("#nev-hover-tip").split())


def hover_problems(root, name, page):
    """A glossary term, a claim and a citation link on the page each show their preview on hover."""
    problems = []
    term = page.locator("article a[href*='glossary.html#term-']").first
    term_id = term.get_attribute("href").split("#", 1)[1]
    definition = definition_in((root / "glossary.html").read_text(encoding="utf-8"), term_id)
    text = hovered(page, term)
    if not definition or text.rstrip("…")[-60:].rstrip("…") not in definition:
        problems.append(f"{name}: hovering {term_id} shows {text[:200]!r}, not its definition {definition[:100]!r}")
    claim = page.locator("article td a[href^='#claim-']").first
    box = " ".join(page.inner_text(claim.get_attribute("href")).split())
    verdict = re.search(r"Verdict: [a-z ]+\.", box)
    text = hovered(page, claim)
    if not verdict or verdict.group(0) not in text or claim.inner_text() not in text:
        problems.append(f"{name}: hovering claim {claim.inner_text()} shows {text[:200]!r}; its box says {box[:200]!r}")
    citation = page.locator("article a[href*='references.html#'][title]").first
    reference = " ".join(citation.get_attribute("title").split())
    text = hovered(page, citation)
    if text != reference:
        problems.append(f"{name}: hovering a citation shows {text[:200]!r}, not {reference[:100]!r}")
    page.mouse.move(0, 0)
    return problems


def test_every_page_loads_cleanly_in_chromium(site):
    from playwright.sync_api import sync_playwright

    assert CHROMIUM, "install Debian chromium: scripts/ensure-debian.sh browser"
    root, base = site
    problems, external, charts, hovers, switchers = [], [], 0, False, 0

    def only_local(route):
        if urlparse(route.request.url).hostname != "127.0.0.1":
            external.append(route.request.url)
            return route.abort()
        return route.continue_()

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=[
            "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
            "--disable-sync", "--no-first-run"])
        context = browser.new_context(viewport={"width": 1280, "height": 900})
        context.route("**/*", only_local)
        for name in pages(root):
            page = context.new_page()
            messages = []
            page.on("console", lambda m: messages.append(m) if m.type == "error" else None)
            page.on("pageerror", lambda error: messages.append(error))
            page.goto(base + name, wait_until="load")
            problems += chart_problems(name, page)
            if name == HOVER_PAGE:
                problems += hover_problems(root, name, page)
                hovers = True
            charts += page.locator("figure.nev-chart-ready").count()
            problems += console_problems(name, messages)
            broken = page.evaluate("Array.from(document.images).filter(i => !i.complete || i.naturalWidth === 0)"
                                   ".map(i => i.getAttribute('src'))")
            problems += [f"{name}: broken image {src}" for src in broken]
            problems += check_links(root, name, page.evaluate(
                "Array.from(document.querySelectorAll('a[href]')).map(a => a.href)"))
            problems += language_problems(root, name, page.evaluate(LANGUAGE_LINKS))
            switchers += bool(page.locator("p.nevbook-language a").count())
            if name in SCREENSHOTS:
                (paths.BUILD / "screenshots").mkdir(parents=True, exist_ok=True)
                page.screenshot(path=paths.BUILD / "screenshots" / SCREENSHOTS[name], full_page=True)
            page.close()
        browser.close()
    assert external == [], f"{len(external)} requests to other hosts: {sorted(set(external))[:10]}"
    assert hovers, f"{HOVER_PAGE} was not visited"
    chinese = [name for name in pages(root) if name.startswith("zh/")]
    assert len(chinese) >= 25 and len(chinese) == len(pages(root)) - len(chinese), "both editions have every page"
    assert switchers == len([name for name in pages(root) if not name.endswith(SPECIAL)])
    figures = root.parent.parent / "figures"
    assert charts == len(list(figures.glob("*.json"))) + len(list((figures / "zh").glob("*.json"))), \
        "a chart was not drawn"
    assert problems == [], "\n".join(sorted(set(problems))[:40])
