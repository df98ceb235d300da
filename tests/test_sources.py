"""Every read-at page says what kind of page it is; mirrors name what they copy; no machine hosts."""
import pytest

from nevbook import sources
from nevbook.errors import DataError

PAGE = {"url": "https://cnevpost.com/2024/01/11/caam-dec-2023/", "relay": "CnEVPost", "what": "NEV sales",
        "kind": "trade"}
ENTRY = {"publisher": "CAAM", "title": "NEV sales in 2023", "url": "http://www.caam.org.cn/tjsj",
         "published": "2024-01-11", "accessed": "2026-11", "licence": "facts"}
ORIGINAL = {"outlet": "Xinhua", "title": "China's NEV sales rise", "date": "2024-01-11",
            "url": "https://english.news.cn/20240111/x.html"}


def parse(*pages):
    return sources.parse({"src": dict(ENTRY, read_at=[dict(page) for page in pages])}, "test.yaml")["src"]


BAD_PAGES = {
    "no kind": (dict(PAGE, kind=None), "kind 'None' is not one of"),
    "an unknown kind": (dict(PAGE, kind="blog"), "kind 'blog' is not one of publisher, government"),
    "a mirror without its original": (dict(PAGE, kind="mirror"), "a mirror page must name its original"),
    "a mirror with half an original": (dict(PAGE, kind="mirror", original={"outlet": "Xinhua"}),
                                       "a mirror page must name its original"),
    "an original on a news page": (dict(PAGE, kind="news", original=ORIGINAL), "only a mirror page names"),
    "a bare IPv4 address": (dict(PAGE, url="http://27.185.56.112:8082/news.php"), "'27.185.56.112' is a bare IP"),
    "a bare IPv6 address": (dict(PAGE, url="http://[2001:db8::1]/a"), "'2001:db8::1' is a bare IP"),
    "a cloud load balancer": (dict(PAGE, url="http://wordp-1837223528.ap-south-1.elb.amazonaws.com/a/"),
                              "elb.amazonaws.com' is a bare IP address or a cloud machine"),
    "an unknown page field": (dict(PAGE, note="x"), "unknown page field(s) ['note']"),
}


@pytest.mark.parametrize("case", BAD_PAGES, ids=list(BAD_PAGES))
def test_a_bad_read_at_page_is_refused_naming_source_and_page(case):
    page, message = BAD_PAGES[case]
    page = {key: value for key, value in page.items() if value is not None}
    with pytest.raises(DataError) as error:
        parse(PAGE, page)
    assert "test.yaml, row src, column 'read_at[2]'" in str(error.value)
    assert message in str(error.value)


def test_links_point_at_the_first_page_that_is_not_a_mirror():
    mirror = dict(PAGE, url="https://copy.example/a", kind="mirror", original=ORIGINAL)
    source = parse(mirror, PAGE)
    assert source.citable_page()["url"] == PAGE["url"] and not source.mirror_only()
    assert sources.page_kind(mirror) == "mirror of Xinhua, 'China's NEV sales rise' (2024-01-11)"
    assert parse(mirror).mirror_only() and parse(mirror).citable_page()["url"] == "https://copy.example/a"


def test_hosts_that_are_names_of_publishers_pass():
    assert sources.machine_host("https://www.elb-news.com/a") is None
    assert sources.machine_host("https://english.news.cn/a") is None
    assert sources.machine_host("http://10.0.0.1/a") == "10.0.0.1"


def test_at_least_95_percent_of_sources_are_read_on_a_page_that_is_not_a_mirror():
    registry = sources.registry()
    mirror_only = sorted(source_id for source_id, source in registry.items() if source.mirror_only())
    assert len(mirror_only) <= 0.05 * len(registry), f"sources read only on mirrors: {mirror_only}"
