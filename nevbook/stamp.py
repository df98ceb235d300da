"""What every page and the PDF say about the build: version, commit, build date, data vintage.

The version has one source, the ``VERSION`` file. The build date is
``SOURCE_DATE_EPOCH`` when set, otherwise the date of the last git commit, so two
builds of the same commit are identical. The data vintage is the newest access
date in the source registry.
"""
import datetime as dt
import os
import subprocess

from . import paths, sources, wording


def version():
    return (paths.ROOT / "VERSION").read_text(encoding="utf-8").strip()


def _git(*args):
    try:
        result = subprocess.run(["git", *args], cwd=paths.ROOT, capture_output=True, text=True, timeout=10)
    except (OSError, subprocess.SubprocessError):
        return ""
    return result.stdout.strip() if result.returncode == 0 else ""


def commit():
    """The short hash of the commit being built, or 'unknown' outside a git checkout."""
    return _git("rev-parse", "--short=10", "HEAD") or "unknown"


def source_date_epoch():
    """Seconds since 1970 for the build: SOURCE_DATE_EPOCH, else the last commit's time, else now."""
    if os.environ.get("SOURCE_DATE_EPOCH"):
        return int(os.environ["SOURCE_DATE_EPOCH"])
    committed = _git("log", "-1", "--format=%ct")
    return int(committed) if committed else int(dt.datetime.now(tz=dt.timezone.utc).timestamp())


def build_date():
    """ISO date of the build: SOURCE_DATE_EPOCH, else the last commit's date, else today."""
    if os.environ.get("SOURCE_DATE_EPOCH"):
        moment = dt.datetime.fromtimestamp(int(os.environ["SOURCE_DATE_EPOCH"]), tz=dt.timezone.utc)
        return moment.date().isoformat()
    committed = _git("log", "-1", "--format=%cs")
    return committed or dt.date.today().isoformat()


def data_vintage():
    """The newest access date among the sources (YYYY-MM or YYYY-MM-DD)."""
    return max(source.accessed for source in sources.registry().values())


def line():
    """The footer line of every page, in the current edition."""
    return wording.say("footer", version=version(), commit=commit(), date=build_date(), vintage=data_vintage())


def release():
    """What the PDF's title page prints after "Version": the version, the commit and the data vintage."""
    return wording.say("release line", version=version(), commit=commit(), vintage=data_vintage())
