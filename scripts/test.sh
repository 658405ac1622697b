#!/usr/bin/env bash
# Runs the whole test suite, headless, then checks the dependencies' licenses and sources.
# Installs what it needs first: the Debian packages (a software GPU driver for rendering
# the window in tests) and cargo-deny.
#   SKIP_APT=1   skip the Debian packages
#   SKIP_DENY=1  skip the dependency check (and installing cargo-deny)
#   SKIP_PG=1    start no PostgreSQL for the PostGIS tests
set -euo pipefail
cd "$(dirname "$0")/.."
if [ "${SKIP_APT:-0}" != "1" ]; then
  bash scripts/install-deps.sh
fi
# wgpu and winit look for a runtime dir even when nothing is displayed.
export XDG_RUNTIME_DIR="${XDG_RUNTIME_DIR:-$(mktemp -d)}"
chmod 700 "$XDG_RUNTIME_DIR" 2>/dev/null || true
# The house rules held by the tools ([lints] in Cargo.toml, clippy.toml): every target,
# warnings as errors.
cargo clippy --version >/dev/null 2>&1 || rustup component add clippy
cargo fmt --version >/dev/null 2>&1 || rustup component add rustfmt
cargo fmt --check
cargo clippy --locked --all-targets -- -D warnings
# A PostgreSQL with PostGIS on loopback for the PostGIS tests, stopped however the tests
# end (SKIP_PG=1: none; those tests then say they were skipped, outside CI).
if [ "${SKIP_PG:-0}" != "1" ]; then
  eval "$(bash scripts/pg-test-server.sh start)"
  trap 'bash scripts/pg-test-server.sh stop "$PGTEST_DIR"' EXIT
fi
cargo test --locked "$@"
if [ "${SKIP_DENY:-0}" != "1" ]; then
  if ! command -v cargo-deny >/dev/null 2>&1; then
    echo "installing cargo-deny (a few minutes, once)…"
    cargo install cargo-deny --locked --version 0.20.2 --quiet
  fi
  # Licenses, banned crates, sources. Advisories need the RustSec database from GitHub:
  # `cargo deny check advisories` where the network allows it.
  cargo deny --log-level error check licenses bans sources
fi
