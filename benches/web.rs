//! The web atlas (issue 30): writing the folder, its size without the reader's layers, and
//! the page's first map frame in headless Chromium from file:// (SwiftShader, no GPU), from
//! navigation start to MapLibre's `load` (every source drawn) and its first `idle`.
//!
//! `cargo bench --bench web` (the browser part needs Debian's chromium, chromium-driver,
//! python3-selenium and python3-pil; without them it says so and stops there).

mod common;

use langson_atlas::atlas::Atlas;
use langson_atlas::present::tour::Tour;
use langson_atlas::web::{self, WebRequest};
use std::sync::atomic::AtomicBool;
use std::time::{Duration, Instant};

fn main() {
    let Ok(atlas) = Atlas::embedded() else {
        println!("the embedded geodata does not load");
        return;
    };
    let tours: Vec<Tour> = Tour::embedded().into_iter().collect();
    let Ok(dir) = tempfile::tempdir() else {
        println!("no temporary folder");
        return;
    };
    let site = dir.path().join("site");
    let never = AtomicBool::new(false);
    let start = Instant::now();
    let written = web::write_site(
        &atlas,
        &WebRequest::default(),
        &tours,
        &[],
        &site,
        &|_, _| {},
        &never,
    );
    let took = start.elapsed();
    match written {
        Ok(w) => {
            common::report(
                &format!("web atlas folder written ({} files)", w.files),
                took,
                Duration::from_secs(2),
            );
            let mb = w.bytes as f64 / (1024.0 * 1024.0);
            let verdict = if mb <= 6.0 { "ok" } else { "TOO LARGE" };
            println!(
                "{:<58} {mb:>10.2} MB   target ≤       6 MB   {verdict}",
                "web atlas folder size, no user layers"
            );
        }
        Err(e) => {
            println!("web atlas: {e}");
            return;
        }
    }
    let script = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/web/check_site.py");
    let run = std::process::Command::new("/usr/bin/python3")
        .arg(script)
        .arg("--timing")
        .arg(&site)
        .arg("5")
        .output();
    let out = match run {
        Ok(o) if o.status.success() => String::from_utf8_lossy(&o.stdout).into_owned(),
        Ok(o) => {
            println!(
                "first map frame skipped: {}",
                String::from_utf8_lossy(&o.stderr)
                    .lines()
                    .last()
                    .unwrap_or("")
            );
            return;
        }
        Err(e) => {
            println!("first map frame skipped: {e}");
            return;
        }
    };
    let figure = |key: &str| {
        out.split_whitespace()
            .find_map(|w| w.strip_prefix(key))
            .and_then(|v| v.parse::<u64>().ok())
    };
    for (key, what) in [
        (
            "load-ms=",
            "first map frame, headless Chromium (load, median of 5)",
        ),
        (
            "idle-ms=",
            "first map frame, headless Chromium (idle, median of 5)",
        ),
    ] {
        match figure(key) {
            Some(ms) => common::report(what, Duration::from_millis(ms), Duration::from_secs(2)),
            None => println!("{what}: not measured ({})", out.trim()),
        }
    }
}
