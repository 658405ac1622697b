#!/usr/bin/env bash
# Runs the whole test suite, headless. Installs the system packages it needs first
# (Debian: a software GPU driver for rendering the window in tests).
set -euo pipefail
cd "$(dirname "$0")/.."
if [ "${SKIP_APT:-0}" != "1" ]; then
  bash scripts/install-deps.sh
fi
# wgpu and winit look for a runtime dir even when nothing is displayed.
export XDG_RUNTIME_DIR="${XDG_RUNTIME_DIR:-$(mktemp -d)}"
chmod 700 "$XDG_RUNTIME_DIR" 2>/dev/null || true
cargo test --locked "$@"
