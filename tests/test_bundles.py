"""Chapter bundles: each holds what its chapter loads and nothing more, has stable bytes, and runs outside
the repository in a fresh environment with the same verdicts as the book (the slow tests)."""
import io
import json
import os
import re
import shutil
import subprocess
import zipfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import nbformat
import pytest
import yaml

from nevbook import audit, bundle_link, data, paths, sources
from nevbook.tools import bundles

NOTEBOOKS = sorted(paths.CHAPTERS.glob("*.ipynb"))
# 2.1 loads a file through a variable, 5 looks up the paper's source itself, 3.2 checks no claim
SAMPLE = [paths.CHAPTERS / name for name in ("02_1_demand.ipynb", "05_outlook.ipynb", "03_2_chain.ipynb")]
# Chinese bundles run in the fresh environment too: 2.2 shows the most names of data values, 5 the most sources
CHINESE_SAMPLE = [paths.chapters("zh") / name for name in ("02_2_regions.ipynb", "05_outlook.ipynb")]
EPOCH = 1700000000


def committed_sources_section(path):
    """The datasets and source ids listed by the Sources section of the committed notebook."""
    for cell in nbformat.read(path, as_version=4).cells:
        for output in cell.get("outputs", []):
            text = output.get("data", {}).get("text/markdown", "")
            if text.startswith("**Datasets loaded**"):
                listed = re.findall(r"^- `([^`]+)`:", text, re.M)
                datasets = {re.sub(r"^data/raw/|\.csv$", "", item) for item in listed if item.startswith("data/")}
                return datasets, {item for item in listed if not item.startswith("data/")}
    raise AssertionError(f"{path.name} has no Sources section")


@pytest.fixture(scope="module")
def sample(tmp_path_factory):
    """The contents of three chapters' bundles, with a stand-in wheel (the slow tests build the real one)."""
    wheel = tmp_path_factory.mktemp("wheel") / bundles.wheel_name()
    wheel.write_bytes(b"a wheel")
    needs = bundles.record(SAMPLE)
    lines = bundles.requirements()
    return {path: bundles.contents(path, needs[path], wheel, lines) for path in SAMPLE}


# --- where the package finds the book ---

def make_book(folder):
    for part in ("data/raw", "data/sources"):
        (folder / part).mkdir(parents=True)
    return folder


def test_root_is_the_environment_the_package_s_book_or_the_notebook_s(tmp_path):
    repository = make_book(tmp_path / "repository")
    bundle = make_book(tmp_path / "bundle")
    (bundle / "chapters").mkdir()
    installed = tmp_path / "venv" / "site-packages" / "nevbook"
    installed.mkdir(parents=True)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    given = {"NEVBOOK_ROOT": str(elsewhere)}
    assert paths.find_root(given, repository / "nevbook", bundle) == elsewhere.resolve()
    assert paths.find_root({}, repository / "nevbook", bundle) == repository.resolve()
    assert paths.find_root({}, installed, bundle) == bundle.resolve()
    assert paths.find_root({}, installed, bundle / "chapters") == bundle.resolve()
    assert paths.find_root({}, installed, elsewhere) == installed.parent.resolve()
    assert paths.find_root({"NEVBOOK_ROOT": ""}, installed, bundle) == bundle.resolve()


# --- what a bundle holds ---

@pytest.mark.parametrize("path", SAMPLE, ids=[p.stem for p in SAMPLE])
def test_a_bundle_holds_what_its_chapter_loads_and_nothing_more(sample, path, tmp_path):
    files = sample[path]
    datasets, cited = committed_sources_section(path)
    raw = {name.removeprefix("data/raw/") for name in files if name.startswith("data/raw/")}
    assert raw == {f"{name}{suffix}" for name in datasets for suffix in (".csv", ".yaml")}
    for name in datasets:
        csv_path, meta_path = paths.dataset_files(name)
        assert files[f"data/raw/{name}.csv"] == csv_path.read_bytes()
        assert files[f"data/raw/{name}.yaml"] == meta_path.read_bytes()
    registry = {}
    for name in files:
        if name.startswith("data/sources/"):
            registry.update(sources.parse(yaml.load(files[name], Loader=yaml.BaseLoader), name))
    assert set(registry) >= cited
    unpacked = tmp_path / "bundle"
    for name, content in files.items():
        (unpacked / name).parent.mkdir(parents=True, exist_ok=True)
        (unpacked / name).write_bytes(content)
    for name in datasets:  # the bundle's files validate against the bundle's sources alone
        data.load_dataset(name, raw_dir=unpacked / "data" / "raw", registry=registry)
    by_registry = set()  # the sources the claim registry's rows cite (the paper)
    for name in bundles.CLAIM_TABLES if (unpacked / "data" / "claims").exists() else ():
        by_registry |= set(data.load_dataset(name, raw_dir=unpacked / "data" / "claims", registry=registry).source_ids())
    code = "".join(cell.source for cell in nbformat.read(path, as_version=4).cells if cell.cell_type == "code")
    assert all(f'"{source_id}"' in code or source_id in by_registry for source_id in set(registry) - cited), \
        "a source no one uses"
    whole = sources.registry()
    assert all(registry[source_id] == whole[source_id] for source_id in registry)
    claims = sorted(name for name in files if name.startswith("data/claims/"))
    reads_claims = nbformat.read(path, as_version=4).metadata["nevbook"]["claims"] != []
    assert claims == (sorted(f"data/claims/{t}{s}" for t in bundles.CLAIM_TABLES for s in (".csv", ".yaml"))
                      if reads_claims else [])
    others = {name for name in files if not name.startswith("data/")}
    assert others == {f"chapters/{path.name}", "README.md", "requirements.txt", bundles.wheel_name(),
                      "LICENSE", "LICENSE-CONTENT.md"}
    assert files[f"chapters/{path.name}"] == path.read_bytes()
    assert len(files["README.md"].decode().splitlines()) == 3


def test_the_paper_s_source_is_in_the_outlook_bundle_because_the_chapter_looks_it_up(sample):
    files = sample[paths.CHAPTERS / "05_outlook.ipynb"]
    assert b"bai-zhu-2024:" in files["data/sources/paper.yaml"]


def test_requirements_are_what_running_needs_pinned_as_the_project_pins_them():
    lines = bundles.requirements()
    pinned = bundles.pins()
    names = {bundles.canonicalize_name(line.split("==")[0]) for line in lines}
    assert {bundles.canonicalize_name(name) for name in bundles.NEEDS} <= names
    assert all(pinned[bundles.canonicalize_name(line.split("==")[0])][1] == line.split("==")[1] for line in lines)
    assert not names & {"jupyter-book", "sphinx", "nbval", "pytest", "playwright"}, "build and test tools"
    assert lines == sorted(lines, key=lambda line: bundles.canonicalize_name(line.split("==")[0]))


def test_cutting_a_sources_file_keeps_each_entry_as_written():
    for file in sorted(paths.SOURCES_DIR.glob("*.yaml")):
        header, blocks = bundles.source_blocks(file.read_text(encoding="utf-8"))
        assert set(blocks) == set(sources.load_file(file))
        assert (header + "".join(blocks.values())).rstrip() == file.read_text(encoding="utf-8").rstrip()
    assert set(bundles.cut_sources(sorted(sources.registry()))) == {p.name for p in paths.SOURCES_DIR.glob("*.yaml")}


def test_a_bundle_s_bytes_depend_only_on_its_files_and_the_epoch(sample, tmp_path):
    files = sample[SAMPLE[0]]
    first, second = tmp_path / "first.zip", tmp_path / "second.zip"
    bundles.write_zip(files, first, "nev-book-x", EPOCH)
    bundles.write_zip(dict(reversed(list(files.items()))), second, "nev-book-x", EPOCH)
    assert first.read_bytes() == second.read_bytes()
    with zipfile.ZipFile(io.BytesIO(first.read_bytes())) as archive:
        infos = archive.infolist()
    assert [info.filename for info in infos] == sorted(f"nev-book-x/{name}" for name in files)
    assert {info.date_time for info in infos} == {(2023, 11, 14, 22, 13, 20)}
    assert {info.external_attr >> 16 for info in infos} == {0o644}


def test_each_chapter_page_links_its_bundle_after_the_notebook():
    notebook = {"label": "download-notebook-button"}
    context = {"pathto": lambda name, resource: f"../{name}",
               "header_buttons": [{"label": "download-buttons", "buttons": [notebook, {"label": "pdf"}]}]}
    bundle_link.add_bundle_button(None, "chapters/02_1_demand", "page.html", context, None)
    buttons = context["header_buttons"][0]["buttons"]
    assert buttons[1]["url"] == f"../bundles/{bundles.bundle_name('02_1_demand')}.zip"
    assert [b["label"] for b in buttons] == ["download-notebook-button", bundle_link.BUTTON_LABEL, "pdf"]
    other = {"pathto": context["pathto"], "header_buttons": [{"label": "download-buttons", "buttons": []}]}
    bundle_link.add_bundle_button(None, "intro", "page.html", other, None)
    assert other["header_buttons"][0]["buttons"] == []


# --- built for real, unpacked far from the repository, run in a fresh environment ---

@pytest.fixture(scope="session")
def built_bundles(tmp_path_factory):
    return bundles.build(out=tmp_path_factory.mktemp("bundles"))


@pytest.fixture(scope="session")
def fresh_environment(tmp_path_factory, built_bundles):
    """One virtual environment for every bundle: their requirements are identical."""
    requirements = {zipfile.ZipFile(path).read(f"{path.stem}/requirements.txt").split(b"\n", 2)[2]
                    for path in built_bundles}
    assert len(requirements) == 1, "the bundles ask for different packages"
    folder = tmp_path_factory.mktemp("venv")
    (folder / "requirements.txt").write_bytes(requirements.pop())
    subprocess.run([shutil.which("python3.11") or "python3.11", "-m", "venv", str(folder / "venv")], check=True)
    python = folder / "venv" / "bin" / "python"
    result = subprocess.run([str(python), "-m", "pip", "install", "--quiet", "--disable-pip-version-check",
                             "-r", str(folder / "requirements.txt")], capture_output=True, text=True, timeout=1800)
    assert result.returncode == 0, result.stderr[-3000:]
    return python


def outside_environment(home):
    """A user's shell: no NEVBOOK_ROOT, nothing on the path that reaches the repository, a Jupyter of its own."""
    env = {key: value for key, value in os.environ.items()
           if key not in ("NEVBOOK_ROOT", "PYTHONPATH", "VIRTUAL_ENV", "PYTHONHOME", "SOURCE_DATE_EPOCH",
                          "JUPYTER_PATH")}
    for name in ("JUPYTER_DATA_DIR", "JUPYTER_CONFIG_DIR", "IPYTHONDIR", "MPLCONFIGDIR"):
        env[name] = str(home / name.lower())
    env["PYTHONWARNINGS"] = "ignore"
    return env


@pytest.mark.slow
def test_bundles_are_byte_identical_when_built_again(built_bundles, tmp_path):
    first, out = built_bundles[0].parent, tmp_path / "again"
    again = bundles.build(out=out)
    assert [path.relative_to(out) for path in again] == [path.relative_to(first) for path in built_bundles]
    assert any(path.name.startswith(f"nev-book-{paths.VERSION.read_text().strip()}-zh-") for path in again)
    assert [path.name for path in again if path.read_bytes() != (first / path.relative_to(out)).read_bytes()] == []


@pytest.fixture(scope="session")
def bundle_runs(built_bundles, fresh_environment, tmp_path_factory):
    """Every bundle unpacked into an empty folder far from the repository, its wheel installed into the fresh
    environment (the wheels of all bundles are byte-identical, so one install serves them all) and its
    notebook executed there, one bundle per core: ``{bundle name: (folder, where, kernels, executed)}``."""
    python = fresh_environment
    folders = {}
    chinese = {bundles.bundle_name(path, "zh") for path in CHINESE_SAMPLE}
    for archive in built_bundles:
        if "-zh-" in archive.stem and archive.stem not in chinese:
            continue
        target = tmp_path_factory.mktemp(archive.stem)
        with zipfile.ZipFile(archive) as opened:
            opened.extractall(target)
        folders[archive.stem] = target / archive.stem
    wheels = {(folder / bundles.wheel_name()).read_bytes() for folder in folders.values()}
    assert len(wheels) == 1, "the bundles carry different wheels"
    first = next(iter(folders.values()))
    installed = subprocess.run([str(python), "-m", "pip", "install", "--quiet", "--disable-pip-version-check",
                                "--force-reinstall", "--no-deps", "--no-index", str(first / bundles.wheel_name())],
                               cwd=first, env=outside_environment(first.parent / "home"), capture_output=True,
                               text=True, timeout=300)
    assert installed.returncode == 0, installed.stderr[-3000:]

    def run(item):
        name, folder = item
        env = outside_environment(folder.parent / "home")
        where = subprocess.run([str(python), "-c", "import nevbook.paths as p; print(p.PACKAGE); print(p.ROOT)"],
                               cwd=folder / "chapters", env=env, capture_output=True, text=True, timeout=60)
        kernels = subprocess.run([str(python.parent / "jupyter"), "kernelspec", "list", "--json"], env=env,
                                 capture_output=True, text=True, timeout=60)
        notebook = next((folder / "chapters").glob("*.ipynb"))
        executed = subprocess.run([str(python.parent / "jupyter"), "execute", "--inplace", "--timeout=300",
                                   f"chapters/{notebook.name}"], cwd=folder, env=env, capture_output=True,
                                  text=True, timeout=900)
        return name, (folder, where, kernels, executed)

    with ThreadPoolExecutor(max_workers=os.cpu_count() or 1) as pool:
        return dict(pool.map(run, folders.items()))


@pytest.mark.slow
@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def test_a_bundle_runs_outside_the_repository_with_the_book_s_verdicts(bundle_runs, fresh_environment, notebook):
    folder, where, kernels, executed = bundle_runs[bundles.bundle_name(notebook)]
    python = fresh_environment
    assert paths.ROOT not in folder.resolve().parents
    package, root = where.stdout.split()
    assert Path(package).is_relative_to(python.parent.parent) and Path(root) == folder.resolve()
    kernel = json.loads(kernels.stdout)["kernelspecs"]["python3"]
    assert Path(kernel["resource_dir"]).is_relative_to(python.parent.parent), "the kernel is the new environment's"
    assert executed.returncode == 0, executed.stderr[-3000:]
    run = list(audit.verdict_records(folder / "chapters" / notebook.name))
    assert run == list(audit.verdict_records(notebook))
    assert {record["verdict"] for record in run} <= set(audit.registry.VERDICTS + audit.registry.OUTCOME_VERDICTS)
    code = "".join(cell.source for cell in nbformat.read(notebook, as_version=4).cells if cell.cell_type == "code")
    names = re.findall(r'(?:finish|save)\(\s*\w+,\s*"([^"]+)"', code)
    written = sorted((folder / "figures").glob("*")) if names else []
    expected = [f"{name}{suffix}" for name in names for suffix in (".png", ".svg", ".json")]
    assert [figure.name for figure in written] == sorted(name for name in expected
                                                         if (paths.FIGURES / name).exists())
    for figure in written:
        assert figure.read_bytes() == (paths.FIGURES / figure.name).read_bytes(), f"{figure.name} differs"


@pytest.mark.slow
@pytest.mark.parametrize("notebook", CHINESE_SAMPLE, ids=[p.stem for p in CHINESE_SAMPLE])
def test_a_chinese_bundle_runs_outside_the_repository_with_the_chinese_chapter_s_outputs(bundle_runs, notebook):
    folder, _, _, executed = bundle_runs[bundles.bundle_name(notebook, "zh")]
    assert executed.returncode == 0, executed.stderr[-3000:]
    assert sorted(p.name for p in (folder / "zh").iterdir()) == ["claims", "datasets.yaml", "names"]
    assert list(audit.verdict_records(folder / "chapters" / notebook.name)) == list(audit.verdict_records(notebook))
    written = sorted((folder / "figures" / "zh").glob("*"))
    assert written, "the Chinese chapter writes its figures to figures/zh/"
    for figure in written:
        assert figure.read_bytes() == (paths.figures("zh") / figure.name).read_bytes(), f"{figure.name} differs"
