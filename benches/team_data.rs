//! Team data: a PostGIS table of 1 000 000 points read for a settled view, and a raster
//! PMTiles archive read from a web server, both on loopback. Prints its figures against
//! the targets of issue 20.
//!
//! `PGTEST_URI=postgresql://USER:PASSWORD@127.0.0.1:PORT/DB cargo bench --bench team_data`
//! (`eval "$(bash scripts/pg-test-server.sh start)"` starts a server); without it the
//! PostGIS part says it was skipped.

use langson_atlas::atlas::io::Progress;
use langson_atlas::atlas::io::postgis::{self, PgSource, View};
use langson_atlas::map::basemap::archive::{Archive, ArchiveTiles};
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

fn main() {
    postgis_figures();
    pmtiles_figures();
}
