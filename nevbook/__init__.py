"""Shared helpers for the nev-book notebooks.

Import what a notebook needs from the submodules:

- ``nevbook.paths``   where things live (the only module that builds paths);
- ``nevbook.data``    load a raw dataset, verified against its metadata;
- ``nevbook.sources`` the source registry (``data/sources/*.yaml``);
- ``nevbook.claims``  the claim registry and the verdict shown in the book;
- ``nevbook.style``   the one figure style and a deterministic ``save``;
- ``nevbook.audit``   the claims audit (``make claims``) and its pages;
- ``nevbook.stamp``   version, commit, build date and data vintage of a build.
"""
