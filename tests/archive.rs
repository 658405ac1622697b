//! PMTiles archives read in parts: from a file, and from a web server by HTTP range
//! requests (a `common::http` loopback server, started and stopped by the test). The archive is
//! written by the test from the offline basemap's own tiles (zoom 8–9 over the province).

#![allow(
    clippy::expect_used,
    clippy::unwrap_used,
    reason = "the test's helpers: a failed expectation is a failed test"
)]

mod common;

use common::http::{self, Reply};
use langson_atlas::map::basemap::archive::{Archive, ArchiveProblem, ArchiveTiles};
use langson_atlas::map::basemap::raster::{BaseGeometry, render_tile};
use std::io::{Read, Write};
use std::sync::{Arc, Mutex};
use std::time::Duration;
use walkers::{TileId, Tiles};

/// The province's tiles at zoom 8 and 9 (x, y), as PNG, in a PMTiles archive.
fn archive_bytes() -> Vec<u8> {
    let base = BaseGeometry::from_atlas(&common::atlas());
    let mut out = std::io::Cursor::new(Vec::new());
    let mut writer = pmtiles::PmTilesWriter::new(pmtiles::TileType::Png)
        .min_zoom(8)
        .max_zoom(9)
        .create(&mut out)
        .expect("writer");
    for (zoom, xs, ys) in [(8u8, 207..=209u32, 112..=113u32), (9, 414..=418, 224..=227)] {
        for x in xs {
            for y in ys.clone() {
                let pixmap = render_tile(&base, x, y, zoom, 256).expect("a tile");
                let image =
                    image::RgbaImage::from_raw(256, 256, pixmap.data().to_vec()).expect("pixels");
                let mut png = Vec::new();
                image
                    .write_to(&mut std::io::Cursor::new(&mut png), image::ImageFormat::Png)
                    .expect("png");
                writer
                    .add_tile(pmtiles::TileCoord::new(zoom, x, y).expect("coord"), &png)
                    .expect("tile");
            }
        }
    }
    writer.finalize().expect("finalised");
    out.into_inner()
}

#[derive(Clone, Copy, PartialEq)]
enum Mode {
    Ranges,
    IgnoreRange,
    NotFound,
    /// Takes the request and never answers.
    Slow,
}

/// An archive on a loopback HTTP server, with byte ranges and an ETag the test can change;
/// it stops when dropped.
struct Server {
    url: String,
    etag: Arc<Mutex<String>>,
    http: http::Server,
}

impl Server {
    fn start(bytes: Vec<u8>, mode: Mode) -> Server {
        let etag = Arc::new(Mutex::new("\"v1\"".to_owned()));
        let tag = etag.clone();
        let http = http::Server::start("range server", move |request| {
            let reply = match mode {
                Mode::Ranges => Reply::file(&bytes, request),
                Mode::IgnoreRange => Reply::new(200, bytes.clone()),
                Mode::NotFound => Reply::new(404, Vec::new()),
                Mode::Slow => return Reply::Silence,
            };
            reply.header("ETag", &tag.lock().unwrap())
        })
        .expect("a loopback server");
        Server {
            url: http.url("/langson.pmtiles"),
            etag,
            http,
        }
    }

    fn requests(&self) -> usize {
        self.http.requests()
    }
}

const TILE: TileId = TileId {
    x: 208,
    y: 112,
    zoom: 8,
};
const NEXT: TileId = TileId {
    x: 415,
    y: 225,
    zoom: 9,
};

/// Asks for `tile` and waits for the worker's answer.
fn fetch(tiles: &mut ArchiveTiles, tile: TileId) {
    let _ = tiles.at(tile);
    for _ in 0..20 {
        if tiles.has(tile) || tiles.problem().is_some() {
            return;
        }
        tiles.wait(Duration::from_millis(500));
    }
}

#[test]
fn a_remote_archive_is_read_in_ranges_two_requests_cold_then_one_a_tile() {
    let server = Server::start(archive_bytes(), Mode::Ranges);
    let mut tiles = ArchiveTiles::new(Archive::Url(server.url.clone()), egui::Context::default());
    fetch(&mut tiles, TILE);
    assert!(tiles.has(TILE), "{:?}", tiles.problem());
    assert!(tiles.at(TILE).is_some());
    assert_eq!(
        server.requests(),
        2,
        "header and root directory, then the tile"
    );
    fetch(&mut tiles, NEXT);
    assert!(tiles.has(NEXT));
    assert_eq!(server.requests(), 3, "one request a tile once open");
}

#[test]
fn a_local_archive_is_opened_once_and_read_tile_by_tile() {
    let path = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("langson.pmtiles");
    std::fs::write(&path, archive_bytes()).expect("written");
    let mut tiles = ArchiveTiles::new(Archive::File(path), egui::Context::default());
    fetch(&mut tiles, TILE);
    fetch(&mut tiles, NEXT);
    assert!(tiles.has(TILE) && tiles.has(NEXT), "{:?}", tiles.problem());
    assert_eq!(tiles.tile_size(), 256);
    // Past the archive's deepest zoom, its zoom-9 parent is shown enlarged.
    let deeper = TileId {
        x: 832,
        y: 452,
        zoom: 10,
    };
    fetch(&mut tiles, deeper);
    assert!(
        tiles.at(deeper).is_none(),
        "not in the archive, no parent yet"
    );
    let parent = TileId {
        x: 416,
        y: 226,
        zoom: 9,
    };
    fetch(&mut tiles, parent);
    assert!(tiles.has(parent));
    assert!(tiles.at(deeper).is_some(), "the parent, cut to the tile");
}

#[test]
fn a_replaced_archive_is_opened_again() {
    let server = Server::start(archive_bytes(), Mode::Ranges);
    let mut tiles = ArchiveTiles::new(Archive::Url(server.url.clone()), egui::Context::default());
    fetch(&mut tiles, TILE);
    // The same archive written again: a new ETag, the reader notices and reopens.
    *server.etag.lock().unwrap() = "\"v2\"".to_owned();
    fetch(&mut tiles, NEXT);
    assert!(tiles.has(NEXT), "{:?}", tiles.problem());
    assert_eq!(tiles.problem(), None);
    assert_eq!(
        server.requests(),
        5,
        "open, a tile, the tile refused as changed, open again, the tile"
    );
}

#[test]
fn server_faults_are_said_and_the_offline_map_stays() {
    let bytes = archive_bytes();
    type Expected = fn(&ArchiveProblem) -> bool;
    let cases: [(Mode, Vec<u8>, Expected); 4] = [
        (Mode::IgnoreRange, bytes.clone(), |p| {
            matches!(p, ArchiveProblem::IgnoresRange(_))
        }),
        (Mode::NotFound, bytes.clone(), |p| {
            matches!(p, ArchiveProblem::Http(_, 404))
        }),
        (Mode::Slow, bytes, |p| matches!(p, ArchiveProblem::Slow(_))),
        (
            Mode::Ranges,
            b"not a pmtiles archive at all".repeat(1000),
            |p| matches!(p, ArchiveProblem::NotPmTiles(_)),
        ),
    ];
    for (mode, bytes, expected) in cases {
        let server = Server::start(bytes, mode);
        let mut tiles = ArchiveTiles::with_timeout(
            Archive::Url(server.url.clone()),
            Duration::from_secs(1),
            egui::Context::default(),
        );
        fetch(&mut tiles, TILE);
        let problem = tiles.problem().expect("a fault is said");
        assert!(expected(&problem), "{problem}");
        assert!(problem.to_string().contains(&server.url), "{problem}");
        assert!(
            tiles.at(TILE).is_none(),
            "nothing drawn over the offline map"
        );
    }
}

/// The tile at `zoom` holding `(lon, lat)`.
fn tile_at(lon: f64, lat: f64, zoom: u8) -> TileId {
    let n = f64::from(1u32 << zoom);
    let lat = lat.to_radians();
    TileId {
        x: ((lon + 180.0) / 360.0 * n) as u32,
        y: ((1.0 - (lat.tan() + 1.0 / lat.cos()).ln() / std::f64::consts::PI) / 2.0 * n) as u32,
        zoom,
    }
}

/// What a vector tile holds once walkers has laid it out: drawables and label texts.
fn vector_contents(tiles: &mut ArchiveTiles, tile: TileId) -> (usize, usize) {
    fetch(tiles, tile);
    match tiles.at(tile).map(|piece| piece.tile) {
        Some(walkers::Tile::Vector { drawables, texts }) => (drawables.len(), texts.len()),
        Some(walkers::Tile::Raster(_)) => panic!("a raster tile from a vector archive"),
        None => panic!("no tile {tile:?}: {:?}", tiles.problem()),
    }
}

#[test]
fn a_vector_archive_the_prep_tool_writes_is_drawn_from_a_file_and_a_web_server() {
    // Written from the offline basemap's own geodata, in the Protomaps basemap schema.
    let path = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("vector.pmtiles");
    let written = langson_atlas::prep::vector_tiles::write(&common::atlas(), &path, 6..=10)
        .expect("the vector archive is written");
    assert_eq!(written, 64, "tiles written at zooms 6 to 10");
    let bytes = std::fs::read(&path).expect("read back");
    assert_eq!(bytes[99], 1, "the header says MVT");
    assert_eq!(
        langson_atlas::map::basemap::pmtiles::check(&path),
        Ok(()),
        "offered like a raster archive"
    );
    // Lạng Sơn city at zoom 10: land, rivers or border to draw, and the town's name.
    let city = tile_at(106.76, 21.85, 10);
    let mut local = ArchiveTiles::new(Archive::File(path), egui::Context::default());
    let (drawn, labels) = vector_contents(&mut local, city);
    assert_eq!(drawn, 1, "the land, rivers and border drawn as one shape");
    assert_eq!(labels, 1, "the town's name is placed");
    assert_eq!(local.problem(), None);
    let server = Server::start(bytes, Mode::Ranges);
    let mut remote = ArchiveTiles::new(Archive::Url(server.url.clone()), egui::Context::default());
    let (remote_drawn, _) = vector_contents(&mut remote, city);
    assert_eq!(remote_drawn, drawn, "the same tile over HTTP ranges");
    assert_eq!(server.requests(), 2, "header and directory, then the tile");
}

/// One request by hand to `server` with `range` (none when empty): the whole answer.
fn get_raw(server: &http::Server, range: &str) -> String {
    let address = server.url("").trim_start_matches("http://").to_owned();
    let mut stream = std::net::TcpStream::connect(address).expect("connects");
    let range = if range.is_empty() {
        String::new()
    } else {
        format!("Range: {range}\r\n")
    };
    write!(stream, "GET /a HTTP/1.1\r\nHost: x\r\n{range}\r\n").expect("sent");
    let mut answer = String::new();
    stream.read_to_string(&mut answer).expect("an answer");
    answer
}

#[test]
fn the_loopback_server_serves_byte_ranges_counts_requests_and_wakes_a_waiting_test() {
    let server = Arc::new(
        http::Server::start("range check", |r| Reply::file(b"0123456789", r)).expect("a server"),
    );
    assert!(
        !server.wait_for_request(1, Duration::from_millis(20)),
        "no request yet"
    );
    for (range, status, body) in [
        ("bytes=2-4", "206 Partial Content", "234"),
        ("bytes=7-", "206 Partial Content", "789"),
        ("bytes=-3", "206 Partial Content", "789"),
        ("bytes=5-99", "206 Partial Content", "56789"),
        ("bytes=10-", "416 Range Not Satisfiable", ""),
        ("", "200 OK", "0123456789"),
    ] {
        let answer = get_raw(&server, range);
        assert!(
            answer.starts_with(&format!("HTTP/1.1 {status}\r\n")),
            "{range}: {answer}"
        );
        assert!(
            answer.ends_with(&format!("\r\n\r\n{body}")),
            "{range}: {answer}"
        );
    }
    assert!(get_raw(&server, "bytes=2-4").contains("Content-Range: bytes 2-4/10\r\n"));
    assert_eq!(server.requests(), 7, "every request counted once");
    // A test waiting for the next request is woken by it, not by its timeout.
    let waiting = server.clone();
    let waiter = std::thread::Builder::new()
        .name("waits for request 8".to_owned())
        .spawn(move || {
            let start = std::time::Instant::now();
            (
                waiting.wait_for_request(8, Duration::from_secs(20)),
                start.elapsed(),
            )
        })
        .expect("a thread");
    let _ = get_raw(&server, "");
    let (woken, after) = waiter.join().expect("joined");
    assert!(woken && after < Duration::from_secs(20), "{after:?}");
}
