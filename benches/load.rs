//! Loading a large GeoJSON of polygons: time and peak memory, against GDAL's `ogrinfo` when
//! it is installed. The file is made by `python3 scripts/make-large-geojson.py` (100 MB by
//! default, not committed); without it this bench says so and measures nothing.
//!
//! `cargo bench --bench load` (LARGE_GEOJSON=path to use another file).

use langson_atlas::sources::{self, Progress};
use std::path::PathBuf;
use std::time::Instant;

fn peak_mb() -> Option<f64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    Some(line.split_whitespace().nth(1)?.parse::<f64>().ok()? / 1024.0)
}

fn main() {
    let path = std::env::var_os("LARGE_GEOJSON")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("target/large/polygons-100mb.geojson"));
    let Ok(meta) = std::fs::metadata(&path) else {
        println!(
            "load benchmark skipped: {} is missing (python3 scripts/make-large-geojson.py makes it)",
            path.display()
        );
        return;
    };
    let file_mb = meta.len() as f64 / 1_048_576.0;
    let before = peak_mb().unwrap_or(0.0);
    let start = Instant::now();
    let layer = match sources::open(&path, None, &Progress::default()) {
        Ok(layer) => layer,
        Err(e) => {
            println!("load benchmark failed: {e}");
            return;
        }
    };
    let took = start.elapsed();
    let peak = peak_mb().unwrap_or(0.0);
    println!(
        "load {file_mb:.0} MB GeoJSON ({} polygons, {} vertices)      {:>8.2} s",
        layer.features.len(),
        layer.vertex_count(),
        took.as_secs_f64()
    );
    let ratio = (peak - before.min(peak)) / file_mb;
    let verdict = if peak <= 3.0 * file_mb { "ok" } else { "HIGH" };
    println!(
        "peak memory while loading                         {peak:>8.0} MB   {:.1}× the file   target ≤ 3×   {verdict}",
        peak / file_mb
    );
    let _ = ratio;
    drop(layer);
    let gdal = Instant::now();
    match std::process::Command::new("ogrinfo")
        .args(["-ro", "-al", "-so"])
        .arg(&path)
        .output()
    {
        Ok(out) if out.status.success() => {
            let g = gdal.elapsed();
            let verdict = if took <= g { "ok" } else { "SLOWER" };
            println!(
                "GDAL ogrinfo -al -so, same file (reference)      {:>8.2} s   atlas {verdict}",
                g.as_secs_f64()
            );
        }
        _ => println!("GDAL ogrinfo not installed (apt-get install gdal-bin): no reference time"),
    }
}
