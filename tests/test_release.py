"""The release bundle lists every file in SHA256SUMS, verifies, and notices tampering; its tarball is stable."""
from nevbook.tools import release


def fake_build(tmp_path):
    html = tmp_path / "html"
    (html / "chapters").mkdir(parents=True)
    (html / "intro.html").write_text("<html>intro</html>")
    (html / "chapters" / "02_1_demand.html").write_text("<html>2.1</html>")
    (html / "bundles").mkdir()
    (html / "bundles" / "nev-book-0.1.0-02_1_demand.zip").write_bytes(b"PK test")
    (html / "zh" / "bundles").mkdir(parents=True)
    (html / "zh" / "bundles" / "nev-book-0.1.0-zh-02_1_demand.zip").write_bytes(b"PK zh")
    pdfs = {"en": tmp_path / "nev-book.pdf", "zh": tmp_path / "nev-book-zh.pdf"}
    for pdf in pdfs.values():
        pdf.write_bytes(b"%PDF-1.5 test")
    generated = tmp_path / "generated"
    generated.mkdir()
    (generated / "claims.csv").write_text("id\n2.1-01\n")
    (generated / "claims.json").write_text('{"claims": []}\n')
    (generated / "claims.schema.json").write_text("{}\n")
    return html, pdfs, generated


def test_bundle_verifies_and_detects_tampering(tmp_path):
    bundle = release.build(*fake_build(tmp_path), out=tmp_path / "dist")
    names = set((bundle / "SHA256SUMS").read_text().split())
    version = (release.paths.VERSION.read_text()).strip()
    assert {"claims.csv", "VERSION", "data/raw/caam/production_sales.csv", f"nev-book-{version}.pdf",
            f"nev-book-{version}-zh.pdf", "notebooks/02_1_demand.ipynb", "notebooks/zh/02_1_demand.ipynb",
            "bundles/nev-book-0.1.0-02_1_demand.zip", "bundles/zh/nev-book-0.1.0-zh-02_1_demand.zip"} <= names
    assert release.verify(bundle) == []
    (bundle / "claims.csv").write_text("id\nchanged\n")
    (bundle / "extra.txt").write_text("not listed")
    assert release.verify(bundle) == ["claims.csv", "extra.txt"]


def test_site_tarball_is_byte_identical_across_builds(tmp_path):
    html, _, _ = fake_build(tmp_path)
    first, second = tmp_path / "a.tar.gz", tmp_path / "b.tar.gz"
    release.deterministic_tarball(html, first, "site", 1700000000)
    (html / "intro.html").touch()  # a newer mtime must not change the bytes
    release.deterministic_tarball(html, second, "site", 1700000000)
    assert first.read_bytes() == second.read_bytes()
