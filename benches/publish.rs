//! What a conference takes away: the 12-page district atlas as a PDF, and a 60 s tour
//! recorded at 1280×720, 30 fps, on this machine's software renderer. Prints its figures
//! against the targets of issue 21, with the process's resident memory as frames stream.
//!
//! `cargo bench --bench publish` (XDG_RUNTIME_DIR must be set; Mesa's lavapipe renders).

mod common;

use langson_atlas::atlas::{Atlas, Lang};
use langson_atlas::export::Gpu;
use langson_atlas::present::tour::Tour;
use langson_atlas::print::{self, AtlasRequest, Coverage, Paper};
use langson_atlas::video::{self, VideoRequest};
use std::sync::Arc;
use std::sync::Mutex;
use std::sync::atomic::AtomicBool;
use std::time::{Duration, Instant};

/// Resident memory of this process, from the kernel (Linux), in MB.
fn resident_mb() -> f64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            let line = s.lines().find(|l| l.starts_with("VmRSS:"))?;
            line.split_whitespace().nth(1)?.parse::<f64>().ok()
        })
        .map_or(0.0, |kb| kb / 1024.0)
}

fn main() {
    let Ok(atlas) = Atlas::embedded() else {
        println!("the embedded geodata does not load");
        return;
    };
    let Ok(tour) = Tour::embedded() else {
        println!("the built-in tour does not load");
        return;
    };
    let Ok(dir) = tempfile::tempdir() else {
        println!("no temporary folder");
        return;
    };
    let never = AtomicBool::new(false);
    let request = AtlasRequest {
        coverage: Coverage::Districts,
        lang: Lang::Vi,
        paper: Paper::A4,
        landscape: false,
        date: "2026-12-04".into(),
        share: None,
    };
    let start = Instant::now();
    let pdf = dir.path().join("atlas.pdf");
    match print::write_atlas(
        &atlas,
        &request,
        std::slice::from_ref(&tour),
        &[],
        &pdf,
        &|_, _| {},
        &never,
    ) {
        Ok(w) => {
            common::report(
                &format!(
                    "district atlas PDF ({} pages, {} KB)",
                    w.pages,
                    w.bytes / 1024
                ),
                start.elapsed(),
                Duration::from_secs(10),
            );
        }
        Err(e) => println!("district atlas: {e}"),
    }

    let gpu = match Gpu::headless() {
        Ok(gpu) => gpu,
        Err(e) => {
            println!("tour video skipped: {e}");
            return;
        }
    };
    // 60 s of tour: the built-in tour's first five steps of 12 s, no cards.
    let mut short = tour;
    short.steps.truncate(5);
    for step in &mut short.steps {
        step.seconds = Some(12.0);
    }
    let request = VideoRequest {
        tour: short,
        lang: Lang::Vi,
        size: [1280, 720],
        fps: 30,
        user: None,
        cards: (0.0, 0.0),
        url: None,
    };
    let memory = Mutex::new(Vec::new());
    let before = resident_mb();
    let start = Instant::now();
    let path = dir.path().join("tour.mp4");
    let recorded = video::record(
        &gpu,
        Arc::new(atlas),
        &request,
        &path,
        &|done, _| {
            if done % 300 == 0
                && let Ok(mut m) = memory.lock()
            {
                m.push((done, resident_mb()));
            }
        },
        &never,
    );
    match recorded {
        Ok(r) => {
            let took = start.elapsed();
            let size = std::fs::metadata(&path).map_or(0, |m| m.len());
            common::report(
                &format!(
                    "tour video 1280×720 30 fps, {:.0} s ({} frames)",
                    r.seconds, r.frames
                ),
                took,
                Duration::from_secs(120),
            );
            println!(
                "  {:.1} frames/s; the file {:.1} MB; resident memory before {before:.0} MB",
                r.frames as f64 / took.as_secs_f64(),
                size as f64 / 1e6
            );
            if let Ok(m) = memory.lock() {
                let line: Vec<String> = m.iter().map(|(f, mb)| format!("{f}: {mb:.0}")).collect();
                println!("  resident MB by frame: {}", line.join(", "));
            }
        }
        Err(e) => println!("tour video: {e}"),
    }
}
