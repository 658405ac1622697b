#!/usr/bin/env bash
# Resident memory a reader's layer adds to the real window, by geometry and size: the
# release build under Xvfb with Mesa's software renderer (so the GPU driver's memory is
# counted, as a desk without a GPU has it), offline, no stored settings. For each layer it
# prints the memory with no layer, with the layer once loaded and drawn, and again while
# the view stands still (it must not grow). Not part of CI: a release build and a few
# minutes. Layers are written by the script (deterministic) under target/layers/.
#   scripts/measure-layers.sh [SIZES]   (default: "10000 100000 1000000"), then 660
#   detailed polygons of 5 600 vertices each (a 92 MB file, as a district layer is)
set -euo pipefail
cd "$(dirname "$0")/.."
sizes=${1:-"10000 100000 1000000"}
cargo build --release --locked --quiet --bin langson-atlas
bin=${CARGO_TARGET_DIR:-target}/release/langson-atlas
mkdir -p target/layers
export XDG_RUNTIME_DIR="${XDG_RUNTIME_DIR:-$(mktemp -d)}"
chmod 700 "$XDG_RUNTIME_DIR" 2>/dev/null || true

# Writes N features of one kind (points, lines, polygons) over the province.
make_layer() {
  python3 - "$1" "$2" "$3" <<'PY'
import json, math, sys
kind, n, out = sys.argv[1], int(sys.argv[2]), sys.argv[3]
seed = 7
def rnd():
    global seed
    seed = (seed * 6364136223846793005 + 1442695040888963407) % (1 << 64)
    return (seed >> 11) / float(1 << 53)
with open(out, "w", encoding="utf-8") as f:
    f.write('{"type":"FeatureCollection","features":[\n')
    for i in range(n):
        x, y = 106.0 + rnd() * 1.4, 21.3 + rnd() * 1.2
        if kind == "points":
            g = {"type": "Point", "coordinates": [round(x, 6), round(y, 6)]}
        elif kind == "lines":
            g = {"type": "LineString", "coordinates": [[round(x + k * 0.001, 6), round(y + (rnd() - 0.5) * 0.001, 6)] for k in range(8)]}
        elif kind == "detailed":
            # A district-like boundary: 5 600 vertices, lobed and jittered.
            r, m = 0.02 + rnd() * 0.03, 5600
            ring = [[round(x + r * (1 + 0.15 * math.sin(7 * a) + 0.01 * (rnd() - 0.5)) * math.cos(a), 6),
                     round(y + r * (1 + 0.15 * math.sin(7 * a) + 0.01 * (rnd() - 0.5)) * math.sin(a), 6)]
                    for a in (2 * math.pi * k / m for k in range(m))]
            g = {"type": "Polygon", "coordinates": [ring + [ring[0]]]}
        else:
            r = 0.0008
            ring = [[round(x + r * math.cos(a / 6 * math.pi), 6), round(y + r * math.sin(a / 6 * math.pi), 6)] for a in range(12)]
            g = {"type": "Polygon", "coordinates": [ring + [ring[0]]]}
        props = {"ma": f"F{i:07d}", "loai": ["ODT", "LUC", "SKK", "CLN"][i % 4], "gia_tri": round(rnd() * 1000, 2)}
        f.write(("," if i else "") + json.dumps({"type": "Feature", "properties": props, "geometry": g}, ensure_ascii=False) + "\n")
    f.write("]}\n")
PY
}

# Resident memory (MB) of the window after SETTLE seconds, then STILL seconds later.
window_rss() {
  local home; home=$(mktemp -d)
  HOME="$home" xvfb-run -a -s "-screen 0 1600x1000x24" "$bin" --offline "$@" >/dev/null 2>&1 &
  local pid=""
  for _ in $(seq 1 50); do
    sleep 0.2
    pid=$(pgrep -n -f "$bin --offline" || true)
    [ -n "$pid" ] && break
  done
  sleep "${SETTLE:-20}"
  local a; a=$(awk '/VmRSS/ {print $2}' "/proc/$pid/status")
  sleep "${STILL:-10}"
  local b; b=$(awk '/VmRSS/ {print $2}' "/proc/$pid/status")
  kill "$pid" 2>/dev/null || true
  wait 2>/dev/null || true
  rm -rf "$home"
  echo "$((a / 1024)) $((b / 1024))"
}

read -r base _ <<<"$(window_rss)"
echo "no layer: ${base} MB"
for kind in points lines polygons; do
  for n in $sizes; do
    file="target/layers/${kind}-${n}.geojson"
    [ -f "$file" ] || make_layer "$kind" "$n" "$file"
    read -r loaded still <<<"$(window_rss --layer "$file")"
    printf '%-8s %8d features (%4d MB file): +%d MB loaded, +%d MB %ss later\n' \
      "$kind" "$n" "$(( $(stat -c %s "$file") / 1048576 ))" "$((loaded - base))" "$((still - base))" "${STILL:-10}"
  done
done
# A planner's detailed boundaries: 660 polygons of 5 600 vertices each (about 92 MB).
file="target/layers/detailed-660.geojson"
[ -f "$file" ] || make_layer detailed 660 "$file"
read -r loaded still <<<"$(window_rss --layer "$file")"
printf '%-8s %8d features (%4d MB file): +%d MB loaded, +%d MB %ss later\n' \
  detailed 660 "$(( $(stat -c %s "$file") / 1048576 ))" "$((loaded - base))" "$((still - base))" "${STILL:-10}"
