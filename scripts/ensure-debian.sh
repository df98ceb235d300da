#!/usr/bin/env bash
# Install the Debian packages of one or more groups in scripts/debian-packages.txt when any is missing.
# Usage: scripts/ensure-debian.sh pdf [browser]   (needs root, as on CI; otherwise prints the apt command)
set -euo pipefail
list="$(dirname "$0")/debian-packages.txt"
missing=()
for group in "$@"; do
  packages=$(sed -n "s/^${group}: //p" "$list")
  [ -n "$packages" ] || { echo "unknown package group: $group" >&2; exit 2; }
  for package in $packages; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
  done
done
[ ${#missing[@]} -eq 0 ] && exit 0
if [ "$(id -u)" -ne 0 ]; then
  echo "missing Debian packages; run: sudo apt-get install --no-install-recommends ${missing[*]}" >&2
  exit 1
fi
echo "installing Debian packages: ${missing[*]}"
apt-get update -qq
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
