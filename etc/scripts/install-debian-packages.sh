#!/usr/bin/env bash
# Installs the named Debian packages that are missing, on any machine that has apt: one whose package lists were
# never fetched too (it refreshes them first). Fails naming the package when it still cannot be had.
# Usage: etc/scripts/install-debian-packages.sh PACKAGE...   Prints only to stderr.
set -euo pipefail

fail() { echo "install: $*" >&2; exit 1; }
as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

missing=()
for package in "$@"; do
  if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q 'install ok installed'; then
    missing+=("$package")
  fi
done
[ ${#missing[@]} -gt 0 ] || exit 0

command -v apt-get >/dev/null || fail "missing ${missing[*]}, and this machine has no apt-get to install them with"
# A new machine may never have fetched the package lists; without them apt finds nothing to install.
echo "install: installing ${missing[*]} (refreshing the package lists first)" >&2
as_root apt-get update -q >&2 || fail "apt-get update failed; cannot install ${missing[*]}"
for package in "${missing[@]}"; do
  apt-cache show "$package" >/dev/null 2>&1 \
    || fail "the Debian package '$package' is not available from this machine's package sources"
done
as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}" >&2 \
  || fail "apt-get could not install ${missing[*]}"
