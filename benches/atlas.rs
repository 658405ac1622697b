//! Speed and memory figures: `cargo bench`. Prints each measurement next to its target;
//! speed is checked here, never in timed unit tests. The four headline figures: a click's
//! hit-test, the plan layers' CPU time per frame at the province view, the first frame after
//! start, and resident memory after start (this process, without a window and GPU driver;
//! `scripts/measure-window.sh` measures the real window).

mod common;

use common::{report, screen};

use langson_atlas::atlas::{Atlas, GeodataSource};
use langson_atlas::map::basemap::raster::{BaseGeometry, render_tile};
use langson_atlas::map::mercator;
use langson_atlas::{AtlasApp, Options};
use std::time::{Duration, Instant};

fn time<T>(runs: u32, mut f: impl FnMut() -> T) -> Duration {
    let start = Instant::now();
    for _ in 0..runs {
        std::hint::black_box(f());
    }
    start.elapsed() / runs
}

/// Resident memory of this process, from the kernel (Linux), in MB.
fn resident_mb() -> Option<f64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmRSS:"))?;
    let kb: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb / 1024.0)
}

fn main() {
    // Start-up as the viewer does it: fonts, atlas, app, first frame laid out and tessellated.
    let start = Instant::now();
    let ctx = egui::Context::default();
    langson_atlas::theme::fonts::install(&ctx);
    let mut app = AtlasApp::new(
        &ctx,
        Options {
            offline: true,
            ..Options::default()
        },
        None,
    );
    let mut first = ctx.run_ui(screen(), |ui| app.ui(ui));
    first.textures_delta.clear();
    std::hint::black_box(ctx.tessellate(first.shapes, first.pixels_per_point));
    let first_frame = start.elapsed();
    report(
        "first frame after start (CPU, no window)",
        first_frame,
        Duration::from_millis(300),
    );
    for _ in 0..10 {
        let mut out = ctx.run_ui(screen(), |ui| app.ui(ui));
        out.textures_delta.clear();
    }
    if let Some(mb) = resident_mb() {
        let verdict = if mb <= 150.0 { "ok" } else { "HIGH" };
        println!(
            "{:<48} {mb:>10.1} MB   target ≤ {:>7.1} MB   {verdict}",
            "resident memory after start, all plan layers", 150.0
        );
    }

    let load = time(5, || Atlas::load(&GeodataSource::Embedded, None));
    report(
        "load and index the embedded geodata",
        load,
        Duration::from_millis(300),
    );

    let (atlas, _) = Atlas::load(&GeodataSource::Embedded, None);
    let probes: Vec<geo::Coord> = atlas.communes.iter().map(|c| c.point.0).collect();
    let pick = time(20, || {
        probes
            .iter()
            .filter_map(|&c| atlas.index.pick(atlas.features(), c, 500.0, |_| true))
            .count()
    }) / probes.len() as u32;
    report(
        "hit-test of a click (pick the feature under it)",
        pick,
        Duration::from_micros(5),
    );

    let base = BaseGeometry::from_atlas(&atlas);
    for zoom in [7u8, 9, 11, 13] {
        let w = mercator::to_world(geo::Coord {
            x: 106.71,
            y: 21.975,
        });
        let n = 2f64.powi(zoom as i32);
        let (x, y) = ((w[0] * n) as u32, (w[1] * n) as u32);
        let render = time(10, || render_tile(&base, x, y, zoom, 256));
        report(
            &format!("render an offline tile on the border, zoom {zoom}"),
            render,
            Duration::from_millis(25),
        );
    }

    // Whole frames of the app, CPU side (layout, culling, tessellation input), no GPU.
    let frame = |app: &mut AtlasApp| {
        let mut out = ctx.run_ui(screen(), |ui| app.ui(ui));
        out.textures_delta.clear();
        std::hint::black_box(ctx.tessellate(out.shapes, out.pixels_per_point));
    };
    for _ in 0..30 {
        frame(&mut app); // warm the tile and geometry caches
    }
    let mut plan = Duration::ZERO;
    let runs = 50;
    let steady = time(runs, || {
        frame(&mut app);
        plan += app.map.out.cpu_time;
    });
    report(
        "plan layers, one frame, whole province (CPU)",
        plan / runs,
        Duration::from_millis(1),
    );
    report(
        "one whole frame: panels, map, labels (CPU)",
        steady,
        Duration::from_millis(16),
    );
    println!(
        "features drawn: {}, labels drawn: {}",
        app.map.out.features_drawn, app.map.out.labels_drawn
    );
}
