"""Shared code of the nev-book notebooks, in the order the data flows.

- ``nevbook.paths``    where things live (the only module that builds paths);
- ``nevbook.sources``  the source registry (``data/sources/*.yaml``);
- ``nevbook.data``     load a raw dataset, verified against its metadata;
- ``nevbook.lineage``  ``rows()``: the raw rows a verdict rests on;
- ``nevbook.registry`` the claim registry: the paper's stated values and ``stated()``;
- ``nevbook.claims``   ``check``, ``assess``, ``not_checkable``, ``outcome``: the verdict boxes;
- ``nevbook.series``   the growth rate and the paper's data window;
- ``nevbook.style``    the one figure style, ``finish`` and a deterministic ``save``;
- ``nevbook.audit``    the claims audit read back from the chapters (``make claims``);
- ``nevbook.lineage_check`` the proof of every verdict's rows (``make lineage``);
- ``nevbook.site``     the generated pages and the export; ``nevbook.tools`` builds and ships the book.
"""
