#!/usr/bin/env bash
# Resident memory of the real viewer window after start, all plan layers on, offline, as a
# newcomer would see it: release build, under Xvfb with Mesa's software renderer (so the
# figure includes the GPU driver's memory, which a hardware GPU keeps on the card).
# Prints one line; not part of CI (it needs a release build).
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release --locked --quiet
export XDG_RUNTIME_DIR="${XDG_RUNTIME_DIR:-$(mktemp -d)}"
chmod 700 "$XDG_RUNTIME_DIR" 2>/dev/null || true
home=$(mktemp -d)   # no stored settings: the defaults, every plan layer on
HOME="$home" xvfb-run -a -s "-screen 0 1600x1000x24" target/release/langson-atlas --offline &
sleep "${SETTLE_SECS:-10}"
pid=$(pgrep -n -f "target/release/langson-atlas --offline" || true)
if [ -z "$pid" ]; then echo "the viewer did not start"; exit 1; fi
rss=$(awk '/VmRSS/ {print $2}' "/proc/$pid/status")
hwm=$(awk '/VmHWM/ {print $2}' "/proc/$pid/status")
kill "$pid" 2>/dev/null || true
wait 2>/dev/null || true
rm -rf "$home"
awk -v r="$rss" -v h="$hwm" 'BEGIN { printf "window resident memory after start: %.1f MB (peak %.1f MB), target <= 160 MB\n", r/1024, h/1024 }'
