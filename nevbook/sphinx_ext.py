"""Sphinx extension: stamp the version, commit, build date and data vintage on the book.

Sets ``version``, ``release`` and ``today`` (the PDF title page shows release and
date) and the HTML footer, all from ``nevbook.stamp``. Listed in ``_config.yml`` under
``sphinx.extra_extensions``.
"""
from . import stamp

LICENCE_NOTE = ("Text CC BY 4.0; code MIT; each dataset keeps its publisher's licence "
                "(see LICENSE-CONTENT.md in the repository).")


def _stamp(app, config):
    config.version = stamp.version()
    # the PDF title page prints "Version <release>" and the date: carry the commit and data vintage there too
    config.release = f"{stamp.version()} (commit {stamp.commit()}; data accessed up to {stamp.data_vintage()})"
    config.today = stamp.build_date()
    config.latex_elements = {**(config.latex_elements or {}), "releasename": "Version"}
    options = dict(config.html_theme_options or {})
    options["extra_footer"] = f"<p>{stamp.line()}.<br>{LICENCE_NOTE}</p>"
    config.html_theme_options = options


def setup(app):
    app.connect("config-inited", _stamp)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
