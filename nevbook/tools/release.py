"""Assemble a release bundle in dist/nev-book-<version>/ and verify it.

    python -m nevbook.tools.release           # after `make book` and `make pdf`
    python -m nevbook.tools.release --verify dist/nev-book-0.1.0

The bundle holds the HTML site of both editions as a tarball (Chinese under ``zh/``), the PDF of each
edition (``nev-book-<version>.pdf``, ``nev-book-<version>-zh.pdf``), the executed notebooks of both
(``notebooks/``, ``notebooks/zh/``), each chapter's run-anywhere bundle (``bundles/``, ``bundles/zh/``,
from the site: ``nevbook.tools.bundles``), claims.csv, claims.json and its schema, the raw data with its
metadata, and SHA256SUMS.
The tarball is deterministic: sorted entries, fixed owner and times.
"""
import gzip
import hashlib
import io
import shutil
import sys
import tarfile
from pathlib import Path

from .. import paths, stamp
from . import bundles, editions

SUMS = "SHA256SUMS"


def deterministic_tarball(source, target, prefix, mtime):
    """Write ``source`` as a .tar.gz whose bytes depend only on the files' contents."""
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w", format=tarfile.PAX_FORMAT) as tar:
        for path in sorted(source.rglob("*")):
            info = tar.gettarinfo(str(path), arcname=f"{prefix}/{path.relative_to(source).as_posix()}")
            info.uid = info.gid = 0
            info.uname = info.gname = ""
            info.mtime = mtime
            info.mode = 0o755 if path.is_dir() else 0o644
            if path.is_file():
                with open(path, "rb") as handle:
                    tar.addfile(info, handle)
            else:
                tar.addfile(info)
    with open(target, "wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", mtime=0, filename="") as zipped:
        zipped.write(buffer.getvalue())


def write_sums(bundle):
    lines = []
    for path in sorted(p for p in bundle.rglob("*") if p.is_file() and p.name != SUMS):
        digest = hashlib.sha256(path.read_bytes()).hexdigest()
        lines.append(f"{digest}  {path.relative_to(bundle).as_posix()}")
    (bundle / SUMS).write_text("\n".join(lines) + "\n")


def verify(bundle):
    """Return the files whose checksum does not match SHA256SUMS, and files it does not list."""
    listed, problems = set(), []
    for line in (bundle / SUMS).read_text().splitlines():
        digest, name = line.split("  ", 1)
        listed.add(name)
        path = bundle / name
        if not path.exists() or hashlib.sha256(path.read_bytes()).hexdigest() != digest:
            problems.append(name)
    present = {p.relative_to(bundle).as_posix() for p in bundle.rglob("*") if p.is_file() and p.name != SUMS}
    return problems + sorted(present - listed)


def build(html, pdfs, generated, out):
    """Assemble ``out/nev-book-<version>/`` from the site, the PDFs (``{edition: path}``) and the generated
    export."""
    version = stamp.version()
    bundle = out / f"nev-book-{version}"
    shutil.rmtree(bundle, ignore_errors=True)
    bundle.mkdir(parents=True)
    epoch = int(stamp.source_date_epoch())
    deterministic_tarball(html, bundle / f"nev-book-{version}-html.tar.gz", f"nev-book-{version}-html", epoch)
    for language, pdf in pdfs.items():
        shutil.copy2(pdf, bundle / f"nev-book-{version}{'' if language == 'en' else '-' + language}.pdf")
    ignore = shutil.ignore_patterns(".ipynb_checkpoints")
    shutil.copytree(paths.CHAPTERS, bundle / "notebooks", ignore=ignore)
    shutil.copytree(html / bundles.SITE_FOLDER, bundle / "bundles")
    for language in pdfs:
        if language != "en":
            shutil.copytree(paths.chapters(language), bundle / "notebooks" / language, ignore=ignore)
            shutil.copytree(html / language / bundles.SITE_FOLDER, bundle / "bundles" / language)
    for name in ("claims.csv", "claims.json", "claims.schema.json"):
        shutil.copy2(generated / name, bundle / name)
    shutil.copytree(paths.DATA, bundle / "data")
    for name in ("README.md", "CHANGELOG.md", "LICENSE", "LICENSE-CONTENT.md", "VERSION"):
        shutil.copy2(paths.ROOT / name, bundle / name)
    write_sums(bundle)
    return bundle


def main(argv):
    if argv[:1] == ["--verify"]:
        problems = verify(Path(argv[1]))
        print("\n".join(f"checksum problem: {p}" for p in problems) or "SHA256SUMS: all files verified")
        return 1 if problems else 0
    pdfs = {language: editions.pdf(language) for language in editions.EDITIONS}
    bundle = build(paths.HTML, pdfs, paths.SITE_FILES, out=paths.DIST)
    problems = verify(bundle)
    print(f"wrote {paths.relative(bundle)}/ ({len(list(bundle.rglob('*')))} entries); "
          f"{'SHA256SUMS verified' if not problems else problems}")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
