"""The edition a notebook is written for: English (``en``) or Chinese (``zh``).

Both editions run the same code over the same raw data; only their words differ.
A chapter's setup cell names its edition once::

    edition.use("zh")

and everything the package writes for the reader follows it: the verdict boxes,
the trail under them, the Sources section and where figures are saved
(``figures/`` for English, ``figures/zh/`` for Chinese, see ``style.save``).
The interface strings of both editions are in ``nevbook.wording``.
"""
EDITIONS = ("en", "zh")
_current = ["en"]


class using:
    """``with edition.using("zh"):`` writes in another edition for a while (the site's generated pages)."""

    def __init__(self, language):
        self.language = language

    def __enter__(self):
        self.before = current()
        use(self.language)

    def __exit__(self, *exc):
        use(self.before)


def use(language):
    """Make ``language`` (``"en"`` or ``"zh"``) the edition of what the package writes from now on."""
    if language not in EDITIONS:
        raise ValueError(f"edition must be one of {EDITIONS}, not {language!r}")
    _current[0] = language


def current():
    """The edition in use: ``"en"`` unless a notebook chose ``"zh"``."""
    return _current[0]


def is_chinese():
    return current() == "zh"


def of_sphinx(config):
    """The edition a Sphinx build makes, from its ``language`` setting (``zh_CN`` for the Chinese one)."""
    return "zh" if str(config.language or "").startswith("zh") else "en"
