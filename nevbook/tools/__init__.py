"""Tools that build, check and release the book, and prepare data; the notebooks never import them.

Each runs as ``python -m nevbook.tools.NAME`` (the Makefile's targets call them):
``cache_guard`` (keep the execution cache honest), ``refresh_outputs`` (re-execute notebooks in place),
``check_pdf``, ``release``, ``reproducible`` (two clean builds compared; also ``copy_book``),
``benchmark`` (``make bench``) and ``iea_extract`` (rebuild the IEA extracts from the full files).
"""
