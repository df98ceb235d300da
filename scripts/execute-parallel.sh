#!/usr/bin/env bash
# Execute the chapter notebooks (the arguments; default: both editions') into Jupyter Book's execution cache,
# several at a time (one per core).
# Jupyter Book then finds every result in the cache ("Using cached notebook") instead of running the
# notebooks one after another. Notebooks whose cached result is current are not run again.
# A notebook that fails here is simply run again by Jupyter Book, which reports the error and fails the build.
set -euo pipefail
bin="$(dirname "$0")/../.venv/bin"
export JUPYTERCACHE="$(pwd)/_build/.jupyter_cache"
mkdir -p _build
if [ $# -eq 0 ]; then set -- chapters/*.ipynb zh/chapters/*.ipynb; fi
echo y | "$bin/jcache" notebook add "$@" >/dev/null
"$bin/jcache" project execute --executor local-parallel --timeout 120 >/dev/null
