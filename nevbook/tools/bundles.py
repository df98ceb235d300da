"""Chapter bundles: each chapter as a .zip that runs outside the repository.

    python -m nevbook.tools.bundles [chapters/NAME.ipynb ...] [--out DIR]   # `make book` runs it

A bundle ``nev-book-<version>-<chapter>.zip`` holds one folder of the same name with

- ``chapters/<chapter>.ipynb``: the notebook as committed, with its outputs;
- ``data/raw/...``: exactly the raw files the notebook loads, each with its metadata. They are recorded by
  running the notebook's code (``record``): what ``nevbook.data.load`` handed out, never a typed list;
- ``data/sources/*.yaml``: the entries of the sources it cites (those of the loaded rows and any the
  notebook looks up itself), cut from the registry's files as they are written;
- ``data/claims/``: the claim registry (its three tables), when the notebook reads it;
- ``nevbook-<version>-py3-none-any.whl``: the package, built by pip from a clean copy;
- ``requirements.txt``: what executing the notebook needs (``NEEDS`` and everything they depend on),
  pinned exactly as ``requirements.txt`` and ``constraints.txt`` pin them;
- ``README.md``: three lines (create an environment, install, run), and the licences.

Once unpacked, the installed package finds the bundle's folder from the notebook's (``nevbook.paths``).
The bytes depend only on the commit: the entries are sorted, their times are the commit's
(``stamp.source_date_epoch``), their modes fixed, and the wheel is built with ``SOURCE_DATE_EPOCH``.
The bundles are written to ``_generated/site/bundles/``, which the HTML build copies to ``bundles/`` at
the site's root; each chapter page links its bundle from the download menu (``nevbook.bundle_link``).

Each Chinese chapter has its bundle too (``nev-book-<version>-zh-<chapter>.zip``, in ``zh/bundles/`` of the
site): the Chinese notebook, the same raw files as its English twin (the two run the same code, which
``nevbook.twins`` proves), and the Chinese claim renderings, names and dataset titles (``zh/claims/``,
``zh/names/``, ``zh/datasets.yaml``).
"""
import argparse
import multiprocessing
import os
import shutil
import subprocess
import sys
import tempfile
import time
import zipfile
from importlib import metadata
from pathlib import Path

import nbformat
import yaml
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

from .. import data, edition, paths, registry, sources, stamp, wording

# What executing a chapter needs; requirements.txt in a bundle adds what these depend on.
NEEDS = ("pandas", "numpy", "matplotlib", "seaborn", "PyYAML", "IPython", "nbformat", "nbclient", "ipykernel")
CLAIM_TABLES = ("claims", "stated_values", "outcomes")  # what nevbook.registry.load() reads, all three
EXTRA_FILES = ("LICENSE", "LICENSE-CONTENT.md")
# The project of the running code: its pyproject.toml, licences and pins (the same folder as the root, except
# in the copies of the book that the tests build, which hold the book's sources only).
PROJECT = paths.PACKAGE.parent
PINS = (PROJECT / "requirements.txt", PROJECT / "constraints.txt")
SITE_FOLDER = "bundles"  # at the root of the HTML site
OUTPUT = paths.SITE_FILES / SITE_FOLDER  # copied to the site's root by the HTML build (html_extra_path)
CHINESE_OUTPUT = paths.GENERATED / "zh" / "site" / SITE_FOLDER  # the same for the Chinese edition's site
CHINESE_FILES = ("claims", "names")  # folders of zh/ that a Chinese notebook reads
JOBS = 2


def bundle_name(chapter, language=None):
    """``nev-book-<version>-<chapter stem>`` (``…-zh-<stem>`` in Chinese): the zip's name (without .zip) and its
    top folder. ``language`` defaults to the current edition."""
    language = language or edition.current()
    return f"nev-book-{stamp.version()}-{'' if language == 'en' else language + '-'}{Path(chapter).stem}"


def wheel_name():
    return f"nevbook-{stamp.version()}-py3-none-any.whl"


# --- what a notebook needs, recorded by running it ---

class _Lookups(dict):
    """The source registry, noting which ids the notebook looks up (and whether it read them all)."""

    def __init__(self, entries):
        super().__init__(entries)
        self.used, self.everything = set(), False

    def __getitem__(self, key):
        self.used.add(key)
        return super().__getitem__(key)

    def get(self, key, default=None):
        self.used.add(key)
        return super().get(key, default)

    def values(self):
        self.everything = True
        return super().values()

    def items(self):
        self.everything = True
        return super().items()


def _record(path):
    """Run the notebook's code in this (forked) process; return what it loaded, cited and read."""
    from .. import lineage_check  # runs code cells as the lineage check does (figures skipped)

    registry.load.cache_clear()
    lookups = _Lookups(sources.load_registry())
    sources.registry = lambda: lookups  # every module and notebook reads the registry through this name
    cells = [cell.source for cell in nbformat.read(path, as_version=4).cells if cell.cell_type == "code"]
    result = lineage_check.run_notebook(cells)
    loaded = data.loaded()
    reads_claims = registry.load.cache_info().currsize > 0
    if reads_claims:  # the registry's tables cite sources too (the paper), checked when they are read
        loaded += [data.load_dataset(name, raw_dir=paths.CLAIMS_DIR, registry=lookups) for name in CLAIM_TABLES]
    cited = set(lookups.used) | {source_id for dataset in loaded for source_id in dataset.source_ids()}
    return {
        "errors": result["errors"],
        "datasets": [dataset.name for dataset in data.loaded()],
        "sources": sorted(lookups if lookups.everything else cited & set(lookups)),
        "claims": reads_claims,
    }


def record(notebooks, jobs=JOBS):
    """``{notebook: needs}`` for each notebook, each run in a fresh fork of this process."""
    with multiprocessing.get_context("fork").Pool(jobs, maxtasksperchild=1) as pool:
        results = pool.map(_record, notebooks, chunksize=1)
    for path, result in zip(notebooks, results):
        if result["errors"]:
            raise RuntimeError(f"{paths.relative(path)} failed while recording what it loads: {result['errors']}")
    return dict(zip(notebooks, results))


# --- the parts of a bundle ---

def source_blocks(text):
    """Split a sources file into its header and ``{id: entry text}``; comments above an entry go with it."""
    header, blocks, current, pending = [], {}, None, []
    for line in text.splitlines(keepends=True):
        if line.strip() == "" or line.startswith("#"):
            (header if current is None else pending).append(line)
        elif line[0].isspace():
            blocks[current] += pending + [line]
            pending = []
        else:
            current = line.split(":", 1)[0].strip().strip("\"'")
            blocks[current] = pending + [line]
            pending = []
    return "".join(header), {key: "".join(lines) for key, lines in blocks.items()}


def cut_sources(wanted):
    """``{file name: text}``: each sources file that defines a wanted id, cut to those entries as written."""
    cut, left = {}, set(wanted)
    for file in sorted(paths.SOURCES_DIR.glob("*.yaml")):
        header, blocks = source_blocks(file.read_text(encoding="utf-8"))
        chosen = [key for key in blocks if key in left]
        if not chosen:
            continue
        text = header + "".join(blocks[key].rstrip("\n") + "\n\n" for key in chosen).rstrip("\n") + "\n"
        whole = sources.load_file(file)
        if sources.parse(yaml.load(text, Loader=yaml.BaseLoader), file.name) != {key: whole[key] for key in chosen}:
            raise ValueError(f"{paths.relative(file)}: cutting entries {chosen} out of the file changed them")
        cut[file.name] = text
        left -= set(chosen)
    if left:
        raise KeyError(f"sources not found in {paths.relative(paths.SOURCES_DIR)}: {sorted(left)}")
    return cut


def pins():
    """``{canonical name: (name, version)}`` from requirements.txt and constraints.txt."""
    found = {}
    for file in PINS:
        for line in file.read_text(encoding="utf-8").splitlines():
            line = line.split("#", 1)[0].strip()
            if "==" in line and not line.startswith("-"):
                name, version = (part.strip() for part in line.split("==", 1))
                found[canonicalize_name(name)] = (name, version)
    return found


def requirements(needs=NEEDS):
    """The lines of a bundle's requirements.txt: ``needs`` and what they depend on (on this platform), each
    pinned as the project pins it. Fails if one is not pinned, or is installed here at another version."""
    pinned, seen, todo = pins(), {}, list(needs)
    while todo:
        name = canonicalize_name(todo.pop())
        if name in seen:
            continue
        distribution = metadata.distribution(name)
        if name not in pinned:
            raise KeyError(f"{name} (needed to run a chapter) is not pinned in requirements.txt or constraints.txt")
        if pinned[name][1] != distribution.version:
            raise ValueError(f"{name} is pinned at {pinned[name][1]} but {distribution.version} is installed")
        seen[name] = pinned[name]
        for text in distribution.requires or []:
            requirement = Requirement(text)
            if requirement.marker is None or requirement.marker.evaluate({"extra": ""}):
                todo.append(requirement.name)
    return [f"{given}=={version}" for given, version in (seen[name] for name in sorted(seen))]


def build_wheel(target, epoch):
    """Build the package's wheel into ``target`` from a clean copy (no caches, fixed modes) and return it.

    pip builds it with the environment's setuptools and wheel (``--no-build-isolation``: nothing is
    downloaded); ``SOURCE_DATE_EPOCH`` fixes the times inside, so the same commit gives the same bytes.
    """
    with tempfile.TemporaryDirectory(prefix="nevbook-wheel-") as folder:
        source = Path(folder) / "nevbook-source"
        source.mkdir()
        shutil.copyfile(PROJECT / "pyproject.toml", source / "pyproject.toml")
        shutil.copyfile(paths.VERSION, source / "VERSION")
        for file in sorted(paths.PACKAGE.rglob("*.py")):
            copy = source / "nevbook" / file.relative_to(paths.PACKAGE)
            copy.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(file, copy)
        for path in source.rglob("*"):
            path.chmod(0o755 if path.is_dir() else 0o644)
        env = dict(os.environ, SOURCE_DATE_EPOCH=str(epoch), PYTHONWARNINGS="ignore")
        result = subprocess.run(
            [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "--no-index",
             "--disable-pip-version-check", "--quiet", "--wheel-dir", str(Path(folder) / "out"), str(source)],
            env=env, capture_output=True, text=True, timeout=300)
        if result.returncode != 0:
            raise RuntimeError(f"building the nevbook wheel failed:\n{result.stdout[-2000:]}{result.stderr[-2000:]}")
        built = Path(folder) / "out" / wheel_name()
        target.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(built, target / built.name)
        return target / built.name


def readme(chapter):
    """Three lines: create an environment, install, run (in the current edition's language)."""
    notebook = f"chapters/{Path(chapter).name}"
    return "".join(wording.say(f"bundle step {number}", wheel=wheel_name(), notebook=notebook) + "\n"
                   for number in (1, 2, 3))


def contents(chapter, needs, wheel, requirement_lines):
    """``{path in the bundle: bytes}`` of one chapter's bundle."""
    files = {f"chapters/{Path(chapter).name}": Path(chapter).read_bytes()}
    for name in needs["datasets"]:
        for path in paths.dataset_files(name):
            files[f"data/raw/{name}{path.suffix}"] = path.read_bytes()
    if needs["claims"]:
        for name in CLAIM_TABLES:
            for suffix in (".csv", ".yaml"):
                files[f"data/claims/{name}{suffix}"] = (paths.CLAIMS_DIR / f"{name}{suffix}").read_bytes()
    for name, text in cut_sources(needs["sources"]).items():
        files[f"data/sources/{name}"] = text.encode("utf-8")
    files[wheel.name] = wheel.read_bytes()
    header = (f"# nev-book {stamp.version()} (commit {stamp.commit()}): what executing {Path(chapter).name} needs,\n"
              "# pinned as the book is built (its requirements.txt and constraints.txt).\n")
    files["requirements.txt"] = (header + "\n".join(requirement_lines) + "\n").encode("utf-8")
    files["README.md"] = readme(chapter).encode("utf-8")
    for name in EXTRA_FILES:
        files[name] = (PROJECT / name).read_bytes()
    if edition.is_chinese():
        for folder in CHINESE_FILES:
            for path in sorted((paths.ROOT / "zh" / folder).glob("*.yaml")):
                files[f"zh/{folder}/{path.name}"] = path.read_bytes()
        if (paths.ROOT / "zh" / "datasets.yaml").exists():  # the Sources section's Chinese dataset titles
            files["zh/datasets.yaml"] = (paths.ROOT / "zh" / "datasets.yaml").read_bytes()
    return files


def write_zip(files, target, prefix, epoch):
    """Write ``files`` under ``prefix/`` as a zip whose bytes depend only on the files and ``epoch``."""
    moment = stamp_tuple(epoch)
    with zipfile.ZipFile(target, "w") as archive:
        for name in sorted(files):
            info = zipfile.ZipInfo(f"{prefix}/{name}", date_time=moment)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            info.create_system = 3  # unix, so that the mode above is read
            archive.writestr(info, files[name], compresslevel=9)


def stamp_tuple(epoch):
    """A zip entry's time (UTC; zip cannot hold times before 1980)."""
    return time.gmtime(max(int(epoch), 315532800))[:6]


def build(notebooks=None, out=None, jobs=JOBS, chinese_out=None):
    """Write a bundle for each chapter into ``out`` (default ``_generated/site/bundles/``) and, when no notebooks
    are named, one for each Chinese chapter into ``chinese_out`` (default ``_generated/zh/site/bundles/``);
    return their paths."""
    chinese = [] if notebooks else sorted(paths.chapters("zh").glob("*.ipynb"))
    notebooks = sorted(notebooks or paths.CHAPTERS.glob("*.ipynb"))
    outputs = {"en": out or OUTPUT, "zh": chinese_out or (out / "zh" if out else CHINESE_OUTPUT)}
    epoch = stamp.source_date_epoch()
    needs = record(notebooks, jobs)
    # a Chinese chapter loads what its English twin loads: the same code (nevbook.twins)
    needs.update({path: needs[paths.CHAPTERS / path.name] for path in chinese})
    lines = requirements()
    for folder in outputs.values():
        shutil.rmtree(folder, ignore_errors=True)
    written = []
    with tempfile.TemporaryDirectory(prefix="nevbook-bundles-") as folder:
        wheel = build_wheel(Path(folder), epoch)
        for language, chapters in (("en", notebooks), ("zh", chinese)):
            with edition.using(language):
                for chapter in chapters:
                    outputs[language].mkdir(parents=True, exist_ok=True)
                    target = outputs[language] / f"{bundle_name(chapter)}.zip"
                    write_zip(contents(chapter, needs[chapter], wheel, lines), target, bundle_name(chapter), epoch)
                    written.append(target)
    return written


def main(argv):
    parser = argparse.ArgumentParser(prog="python -m nevbook.tools.bundles", description=__doc__.split("\n")[0])
    parser.add_argument("notebooks", nargs="*", type=Path)
    parser.add_argument("--out", type=Path, default=None)
    parser.add_argument("--jobs", type=int, default=JOBS)
    args = parser.parse_args(argv)
    written = build([path.resolve() for path in args.notebooks] or None, args.out, args.jobs)
    total = sum(path.stat().st_size for path in written)
    print(f"bundles: wrote {len(written)} chapter bundles ({total / 1e6:.1f} MB) to "
          f"{paths.relative(written[0].parent) if written else args.out}/")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
