"""Sphinx: link each chapter's bundle from the page's download menu, next to the ``.ipynb`` download.

The bundle (``nevbook.tools.bundles``) is the chapter with what it needs to run anywhere: its raw files,
their sources, the claim registry, the nevbook wheel, pinned requirements and a three-line README. The
bundles lie in ``bundles/`` at the site's root. Set up by ``nevbook.sphinx_ext``.
"""
from . import wording
from .tools.bundles import SITE_FOLDER, bundle_name

BUTTON_LABEL = "download-bundle-button"


def bundle_button(pagename, pathto):
    """The download-menu entry of a chapter page's bundle."""
    return {
        "type": "link",
        "url": pathto(f"{SITE_FOLDER}/{bundle_name(pagename)}.zip", 1),  # the edition's own bundle
        "text": wording.say("bundle text"),
        "icon": "fas fa-file-zipper",
        "tooltip": wording.say("bundle tooltip"),
        "label": BUTTON_LABEL,
    }


def add_bundle_button(app, pagename, templatename, context, doctree):
    """Put the bundle right after the notebook in the download menu of every chapter page."""
    if not pagename.startswith("chapters/"):
        return
    for group in context.get("header_buttons", []):
        if group.get("label") == "download-buttons":
            buttons = group["buttons"]
            after = next((n + 1 for n, b in enumerate(buttons) if b.get("label") == "download-notebook-button"),
                         len(buttons))
            buttons.insert(after, bundle_button(pagename, context["pathto"]))


def setup(app):
    # after sphinx-book-theme has made the header buttons (its handler runs at priority 501)
    app.connect("html-page-context", add_bundle_button, priority=600)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
