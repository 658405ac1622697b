#!/usr/bin/env bash
# Vendors MapLibre GL JS (BSD-3-Clause) for the web atlas (`langson-atlas web`): the UMD
# build, which runs from file:// without a module loader or a server. The tarball comes
# from the npm registry at a pinned version and is checked against its sha256 before
# anything is copied, so the committed files in assets/web/vendor/ are reproducible.
# Needs: npm (only to fetch the tarball), sha256sum, tar.
set -euo pipefail
cd "$(dirname "$0")/.."
VERSION=5.24.1
SHA256=b84d7fdf7fba5922fd3fff9a92733936c7a03b99165afc6c84f41c311bdbfa9d
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
(cd "$work" && npm pack --silent "maplibre-gl@$VERSION" >/dev/null)
tarball="$work/maplibre-gl-$VERSION.tgz"
echo "$SHA256  $tarball" | sha256sum --check --status || {
  echo "maplibre-gl-$VERSION.tgz: checksum differs from the pinned one" >&2
  sha256sum "$tarball" >&2
  exit 1
}
tar -xzf "$tarball" -C "$work" package/dist/maplibre-gl.js package/dist/maplibre-gl.css package/LICENSE.txt
out=assets/web/vendor
mkdir -p "$out"
cp "$work/package/dist/maplibre-gl.js" "$work/package/dist/maplibre-gl.css" "$out/"
cp "$work/package/LICENSE.txt" "$out/MAPLIBRE-LICENSE.txt"
echo "$VERSION" > "$out/MAPLIBRE-VERSION"
ls -l "$out"
