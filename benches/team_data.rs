//! Team data: a PostGIS table of 1 000 000 points read for a settled view, and a raster
//! PMTiles archive read from a web server, both on loopback. Prints its figures against
//! the targets of issue 20. Then the headless verbs on the same table (issue 28): `info`
//! and `convert` to GeoJSON, wall time and peak memory measured by `/usr/bin/time -v`,
//! beside GDAL's `ogrinfo -so -al` and `ogr2ogr` where they are installed.
//!
//! `PGTEST_URI=postgresql://USER:PASSWORD@127.0.0.1:PORT/DB cargo bench --bench team_data`
//! (`eval "$(bash scripts/pg-test-server.sh start)"` starts a server); without it the
//! PostGIS part says it was skipped. `TEAM_DATA_5M=1` also converts a table of 5 000 000
//! points (a minute or two, and some 600 MB of disk for the table and its GeoJSON: not in
//! CI), to show that memory does not grow with the table.

use langson_atlas::map::basemap::archive::{Archive, ArchiveTiles};
use langson_atlas::sources::Progress;
use langson_atlas::sources::postgis::{self, PgSource, View};
use std::io::{BufRead, BufReader, Write};
use std::net::TcpListener;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};
use walkers::{TileId, Tiles};

fn postgis_figures() {
    let Ok(base) = std::env::var("PGTEST_URI") else {
        println!("PostGIS figures skipped: PGTEST_URI is not set");
        return;
    };
    let Ok((source, password)) = PgSource::parse(&format!("{base}?table=million&sslmode=disable"))
    else {
        println!("PostGIS figures skipped: PGTEST_URI is not a postgresql:// address");
        return;
    };
    let Ok(mut client) = postgis::connect(&source, password.as_deref()) else {
        println!("PostGIS figures skipped: the server does not answer");
        return;
    };
    let exists = client
        .query_one(
            "SELECT count(*) FROM pg_tables WHERE tablename = 'million'",
            &[],
        )
        .map(|r| r.get::<_, i64>(0) > 0)
        .unwrap_or(false);
    if !exists {
        let made = client.batch_execute(
            "CREATE TABLE million (id int PRIMARY KEY, geom geometry(Point, 4326)); \
             INSERT INTO million SELECT i * 1000 + j, \
               ST_SetSRID(ST_MakePoint(106.0 + i * 0.0015, 21.3 + j * 0.0011), 4326) \
             FROM generate_series(0, 999) i, generate_series(0, 999) j; \
             CREATE INDEX million_geom ON million USING gist (geom); ANALYZE million;",
        );
        if let Err(e) = made {
            println!("PostGIS figures skipped: {e}");
            return;
        }
    }
    let province = View {
        west: 105.9,
        east: 107.6,
        south: 21.2,
        north: 22.5,
        metres_per_point: 150.0,
    };
    let district = View {
        west: 106.6,
        east: 106.9,
        south: 21.7,
        north: 21.95,
        metres_per_point: 25.0,
    };
    for (what, view) in [("the province", province), ("a district", district)] {
        let start = Instant::now();
        let first = postgis::read(
            &mut client,
            &source,
            Some(view),
            postgis::PAGE as usize,
            &Progress::default(),
        );
        let first_ms = start.elapsed().as_secs_f64() * 1000.0;
        let start = Instant::now();
        let whole = postgis::read(
            &mut client,
            &source,
            Some(view),
            postgis::VIEW_CAP,
            &Progress::default(),
        );
        let whole_ms = start.elapsed().as_secs_f64() * 1000.0;
        match (first, whole) {
            (Ok(_), Ok(read)) => {
                let verdict = if first_ms <= 500.0 { "ok" } else { "SLOW" };
                println!(
                    "PostGIS, 1 000 000 points, view over {what}: first page of {} in {first_ms:.0} ms (target ≤ 500 ms: {verdict}); {} features{} in {whole_ms:.0} ms",
                    postgis::PAGE,
                    read.layer.features.len(),
                    read.in_view
                        .map_or(String::new(), |m| format!(" of {m} in view")),
                );
            }
            (Err(e), _) | (_, Err(e)) => println!("PostGIS figures failed: {e}"),
        }
    }
}

/// A loopback server of one file with byte ranges, counting requests.
fn range_server(bytes: Vec<u8>) -> Option<(String, Arc<AtomicUsize>)> {
    let listener = TcpListener::bind("127.0.0.1:0").ok()?;
    let url = format!("http://{}/a.pmtiles", listener.local_addr().ok()?);
    let count = Arc::new(AtomicUsize::new(0));
    let counted = count.clone();
    let bytes = Arc::new(bytes);
    std::thread::Builder::new()
        .name("range server".to_owned())
        .spawn(move || {
            for stream in listener.incoming().flatten() {
                counted.fetch_add(1, Ordering::Relaxed);
                let Ok(copy) = stream.try_clone() else { continue };
                let mut reader = BufReader::new(copy);
                let mut range = (0usize, bytes.len() - 1);
                loop {
                    let mut line = String::new();
                    if reader.read_line(&mut line).unwrap_or(0) == 0 || line == "\r\n" {
                        break;
                    }
                    if let Some(r) = line.to_lowercase().strip_prefix("range: bytes=")
                        && let Some((a, b)) = r.trim().split_once('-')
                    {
                        range = (a.parse().unwrap_or(0), b.parse().unwrap_or(bytes.len() - 1));
                    }
                }
                let end = range.1.min(bytes.len() - 1);
                let part = &bytes[range.0.min(end)..=end];
                let mut out = stream;
                let _ = write!(
                    out,
                    "HTTP/1.1 206 Partial Content\r\nContent-Length: {}\r\nContent-Range: bytes {}-{end}/{}\r\nConnection: close\r\n\r\n",
                    part.len(),
                    range.0,
                    bytes.len()
                );
                let _ = out.write_all(part);
            }
        })
        .ok()?;
    Some((url, count))
}

fn pmtiles_figures() {
    let path = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("langson.pmtiles");
    let Ok(bytes) = std::fs::read(&path) else {
        println!(
            "PMTiles figures skipped: {} is missing (cargo test --test archive writes it)",
            path.display()
        );
        return;
    };
    let Some((url, requests)) = range_server(bytes) else {
        println!("PMTiles figures skipped: no loopback port");
        return;
    };
    let mut tiles = ArchiveTiles::new(Archive::Url(url), egui::Context::default());
    for (label, tile) in [
        (
            "cold start",
            TileId {
                x: 208,
                y: 112,
                zoom: 8,
            },
        ),
        (
            "next tile",
            TileId {
                x: 415,
                y: 225,
                zoom: 9,
            },
        ),
    ] {
        let before = requests.load(Ordering::Relaxed);
        let start = Instant::now();
        let _ = tiles.at(tile);
        while !tiles.has(tile)
            && tiles.problem().is_none()
            && start.elapsed() < Duration::from_secs(10)
        {
            tiles.wait(Duration::from_millis(200));
        }
        let n = requests.load(Ordering::Relaxed) - before;
        println!(
            "remote PMTiles on loopback, {label}: tile in {:.1} ms, {n} HTTP request(s) (target: 2 cold, 1 after)",
            start.elapsed().as_secs_f64() * 1000.0
        );
    }
}

/// Wall seconds and peak resident MiB of `program args` under `/usr/bin/time -v`, the best
/// of three runs (the peak is the largest), `out` removed before each (GDAL's GeoJSON
/// driver will not overwrite); the reason where it cannot run.
fn measured(
    program: &str,
    args: &[&str],
    out: Option<&std::path::Path>,
) -> Result<(f64, f64), String> {
    let mut best: Option<(f64, f64)> = None;
    for _ in 0..3 {
        if let Some(out) = out {
            let _ = std::fs::remove_file(out);
        }
        let output = std::process::Command::new("/usr/bin/time")
            .arg("-v")
            .arg(program)
            .args(args)
            .stdout(std::process::Stdio::null())
            .output()
            .map_err(|e| format!("/usr/bin/time: {e} (apt-get install time)"))?;
        let report = String::from_utf8_lossy(&output.stderr);
        if !output.status.success() {
            let last = report.lines().find(|l| !l.starts_with('\t')).unwrap_or("");
            return Err(format!("{program} failed: {last}"));
        }
        let field = |name: &str| {
            report
                .lines()
                .find_map(|l| l.trim().strip_prefix(name))
                .map(|v| v.trim().to_owned())
        };
        // "Elapsed (wall clock) time (h:mm:ss or m:ss): 0:01.73"
        let wall = field("Elapsed (wall clock) time (h:mm:ss or m:ss):")
            .map(|t| {
                t.split(':').fold(0.0, |sum, part| {
                    sum * 60.0 + part.parse::<f64>().unwrap_or(0.0)
                })
            })
            .ok_or("no wall time in /usr/bin/time's report")?;
        let peak_kib: f64 = field("Maximum resident set size (kbytes):")
            .and_then(|v| v.parse().ok())
            .ok_or("no peak memory in /usr/bin/time's report")?;
        let run = (wall, peak_kib / 1024.0);
        best = Some(best.map_or(run, |(w, m)| (w.min(run.0), m.max(run.1))));
    }
    best.ok_or_else(|| "no run".to_owned())
}

/// Whether a command runs at all (GDAL's tools are optional).
fn installed(program: &str) -> bool {
    std::process::Command::new(program)
        .arg("--version")
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .status()
        .is_ok_and(|s| s.success())
}

/// A table of `n` points on a grid over the province, made on the server.
fn points_table(client: &mut postgres::Client, name: &str, n: i64) -> Result<(), String> {
    let have: i64 = client
        .query_one(
            "SELECT count(*) FROM pg_tables WHERE tablename = $1",
            &[&name],
        )
        .map_err(|e| e.to_string())?
        .get(0);
    if have > 0 {
        return Ok(());
    }
    let side = (n as f64).sqrt().ceil() as i64;
    client
        .batch_execute(&format!(
            "CREATE TABLE {name} (id int PRIMARY KEY, ten text, geom geometry(Point, 4326)); \
             INSERT INTO {name} SELECT i, 'điểm ' || i, ST_SetSRID(ST_MakePoint( \
               106.0 + (i % {side}) * 1.5 / {side}, 21.3 + (i / {side}) * 1.1 / {side}), 4326) \
             FROM generate_series(0, {n} - 1) i; \
             CREATE INDEX ON {name} USING gist (geom); ANALYZE {name};"
        ))
        .map_err(|e| e.to_string())
}

/// `info` and `convert` of a table of 1 000 000 points (and, asked for, 5 000 000) by the
/// release binary, beside GDAL's tools.
fn headless_figures() {
    let Ok(base) = std::env::var("PGTEST_URI") else {
        println!("headless PostGIS figures skipped: PGTEST_URI is not set");
        return;
    };
    let Ok((source, password)) = PgSource::parse(&format!("{base}?table=million&sslmode=disable"))
    else {
        println!("headless PostGIS figures skipped: PGTEST_URI is not a postgresql:// address");
        return;
    };
    let Ok(mut client) = postgis::connect(&source, password.as_deref()) else {
        println!("headless PostGIS figures skipped: the server does not answer");
        return;
    };
    let atlas = env!("CARGO_BIN_EXE_langson-atlas");
    let gdal = installed("ogrinfo") && installed("ogr2ogr");
    let dir = std::path::Path::new(env!("CARGO_TARGET_TMPDIR"));
    let mut tables = vec![("million", 1_000_000)];
    if std::env::var_os("TEAM_DATA_5M").is_some() {
        tables.push(("five_million", 5_000_000));
    }
    for (table, n) in tables {
        if let Err(e) = points_table(&mut client, table, n) {
            println!("headless PostGIS figures skipped: {e}");
            return;
        }
        let uri = format!("{base}?table={table}&sslmode=disable");
        let pg = format!(
            "PG:host={} port={} dbname={} user={} password={} tables={table}",
            source.host,
            source.port,
            source.dbname,
            source.user,
            password.as_deref().unwrap_or_default()
        );
        let out = dir.join(format!("{table}.geojson"));
        let gdal_out = dir.join(format!("{table}-gdal.geojson"));
        let _ = std::fs::remove_file(&gdal_out);
        let out_text = out.display().to_string();
        let gdal_text = gdal_out.display().to_string();
        let ours_info = measured(atlas, &["info", &uri], None);
        let ours_convert = measured(atlas, &["convert", &uri, &out_text], Some(&out));
        let (theirs_info, theirs_convert) = if gdal {
            (
                measured("ogrinfo", &["-so", "-al", &pg], None),
                measured(
                    "ogr2ogr",
                    &["-f", "GeoJSON", &gdal_text, &pg, table],
                    Some(&gdal_out),
                ),
            )
        } else {
            let missing = || Err("not installed".to_owned());
            (missing(), missing())
        };
        let _ = std::fs::remove_file(&gdal_out);
        let _ = std::fs::remove_file(&out);
        let beside = |theirs: &Result<(f64, f64), String>, tool: &str| match theirs {
            Ok((w, m)) => format!("{tool}: {w:.2} s, {m:.0} MiB"),
            Err(e) => format!("{tool}: {e}"),
        };
        let (theirs_info_text, theirs_convert_text) = (
            beside(&theirs_info, "ogrinfo -so -al"),
            beside(&theirs_convert, "ogr2ogr"),
        );
        let (theirs_info, theirs_convert) = (theirs_info.ok(), theirs_convert.ok());
        match ours_info {
            Ok((w, m)) => {
                let verdict = theirs_info.map_or("no GDAL to compare".to_owned(), |(tw, tm)| {
                    let ok = w <= tw && m <= 1.5 * tm;
                    format!(
                        "{:.2}× its time, {:.2}× its memory (target ≤ 1.0×, ≤ 1.5×): {}",
                        w / tw,
                        m / tm,
                        if ok { "ok" } else { "MISSED" }
                    )
                });
                println!(
                    "info of a PostGIS table of {n} points: {w:.2} s, peak {m:.0} MiB ({}; {verdict})",
                    theirs_info_text
                );
            }
            Err(e) => println!("info of {table}: {e}"),
        }
        match ours_convert {
            Ok((w, m)) => {
                let time = theirs_convert.map_or("no GDAL to compare".to_owned(), |(tw, _)| {
                    format!(
                        "{:.2}× its time (target ≤ 0.7×): {}",
                        w / tw,
                        if w <= 0.7 * tw { "ok" } else { "MISSED" }
                    )
                });
                println!(
                    "convert of a PostGIS table of {n} points to GeoJSON: {w:.2} s, peak {m:.0} MiB (target ≤ 80 MiB: {}; {}; {time})",
                    if m <= 80.0 { "ok" } else { "MISSED" },
                    theirs_convert_text
                );
            }
            Err(e) => println!("convert of {table}: {e}"),
        }
    }
}

fn main() {
    postgis_figures();
    pmtiles_figures();
    headless_figures();
}
