//! A tile server that fails in every way a real one does: an error status, a web page
//! instead of an image, an image cut short, no answer at all; and a cache folder that cannot
//! be written. Each time the map stays usable on the offline basemap and the status bar
//! says what happened. One test, run in sequence: the tile health count is process-wide.
//!
//! The servers are threads on 127.0.0.1 that answer a bounded number of requests and stop.

#![allow(
    clippy::expect_used,
    clippy::unwrap_used,
    reason = "the test's helpers: a failed expectation is a failed test"
)]

mod common;

use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use langson_atlas::map::basemap::{BasemapChoice, health, http};
use langson_atlas::state::Action;
use langson_atlas::{AtlasApp, Options};
use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

#[derive(Clone, Copy, Debug)]
enum Fault {
    ServerError,
    WebPage,
    TruncatedPng,
    NoAnswer,
}

/// A loopback tile server that answers each request as it comes (a blocking accept, no
/// polling) and reports every answer on `answered`.
struct Server {
    url: String,
    address: std::net::SocketAddr,
    stop: Arc<AtomicBool>,
    answered: std::sync::mpsc::Receiver<()>,
}

impl Server {
    /// Stops accepting: the flag, then one connection to wake the blocked accept.
    fn stop(&self) {
        self.stop.store(true, Ordering::Relaxed);
        let _ = TcpStream::connect(self.address);
    }
}

/// Serves `fault` to at most 200 requests, then closes.
fn serve(fault: Fault) -> Server {
    let listener = TcpListener::bind("127.0.0.1:0").expect("a loopback port");
    let address = listener.local_addr().expect("a bound address");
    let stop = Arc::new(AtomicBool::new(false));
    let stopped = stop.clone();
    let (tx, answered) = std::sync::mpsc::channel();
    let spawned = std::thread::Builder::new()
        .name(format!("tile server {fault:?}"))
        .spawn(move || {
            let mut held: Vec<TcpStream> = Vec::new();
            for stream in listener.incoming().take(200) {
                if stopped.load(Ordering::Relaxed) {
                    break;
                }
                let Ok(stream) = stream else { continue };
                if let Some(s) = answer(stream, fault) {
                    held.push(s);
                }
                let _ = tx.send(());
            }
        });
    assert!(spawned.is_ok(), "the tile server's thread starts");
    Server {
        url: format!("http://{address}/{{z}}/{{x}}/{{y}}.png"),
        address,
        stop,
        answered,
    }
}

/// Answers one request; returns the stream when the fault is to keep it open silently.
fn answer(mut stream: TcpStream, fault: Fault) -> Option<TcpStream> {
    let _ = stream.set_nonblocking(false);
    let _ = stream.set_read_timeout(Some(Duration::from_secs(2)));
    let mut request = [0u8; 4096];
    let _ = stream.read(&mut request);
    let (status, kind, body): (&str, &str, Vec<u8>) = match fault {
        Fault::NoAnswer => return Some(stream),
        Fault::ServerError => ("500 Internal Server Error", "text/plain", b"boom".to_vec()),
        Fault::WebPage => (
            "200 OK",
            "text/html",
            b"<html><body>Please log in</body></html>".to_vec(),
        ),
        Fault::TruncatedPng => {
            let png = png_tile();
            ("200 OK", "image/png", png[..png.len() / 3].to_vec())
        }
    };
    let head = format!(
        "HTTP/1.1 {status}\r\nContent-Type: {kind}\r\nContent-Length: {}\r\nCache-Control: no-store\r\nConnection: close\r\n\r\n",
        body.len()
    );
    let _ = stream.write_all(head.as_bytes());
    let _ = stream.write_all(&body);
    None
}

/// A real 256 px PNG tile, made here.
fn png_tile() -> Vec<u8> {
    let image = image::RgbaImage::from_fn(256, 256, |x, y| {
        image::Rgba([(x % 256) as u8, (y % 256) as u8, 128, 255])
    });
    let mut bytes = std::io::Cursor::new(Vec::new());
    let _ = image.write_to(&mut bytes, image::ImageFormat::Png);
    bytes.into_inner()
}

fn viewer_on(url: String) -> Harness<'static, AtlasApp> {
    let mut h = Harness::builder()
        .with_size(egui::vec2(1400.0, 900.0))
        .with_context_setup(langson_atlas::theme::fonts::install)
        .build_eframe(move |cc| {
            AtlasApp::new(
                &cc.egui_ctx,
                Options {
                    tiles: Some(url.clone()),
                    ..Options::default()
                },
                None,
            )
        });
    h.run_steps(3);
    h.state_mut()
        .apply(Action::SetBasemap(BasemapChoice::Custom));
    h
}

/// Runs a frame each time the server answers (or every 50 ms, the app's own clock moving
/// on for a server that never answers) until `done` or 30 s of wall time.
fn run_until(
    h: &mut Harness<'_, AtlasApp>,
    server: &Server,
    mut done: impl FnMut(&Harness<'_, AtlasApp>) -> bool,
) {
    let start = std::time::Instant::now();
    while !done(h) && start.elapsed() < Duration::from_secs(30) {
        let _ = server.answered.recv_timeout(Duration::from_millis(50));
        h.run_steps(1);
    }
}

fn the_map_is_still_there(h: &Harness<'_, AtlasApp>) {
    let drawn = h.state().map_output().features_drawn;
    assert!(drawn > 30, "the plan is drawn ({drawn} features)");
}

#[test]
#[allow(
    unsafe_code,
    reason = "the tile cache follows XDG_CACHE_HOME; this binary's tests do not run alongside"
)]
fn every_tile_server_fault_is_named_and_the_map_stays_usable() {
    health::install();
    let cache = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("tile-fault-cache");
    // SAFETY: this binary runs this one test; nothing else reads the environment meanwhile.
    unsafe { std::env::set_var("XDG_CACHE_HOME", &cache) };

    for (fault, words) in [
        (Fault::ServerError, "máy chủ báo lỗi HTTP 500"),
        (Fault::WebPage, "không phải ảnh bản đồ"),
        (Fault::TruncatedPng, "bị hỏng hoặc bị cắt cụt"),
    ] {
        health::reset();
        let server = serve(fault);
        let mut h = viewer_on(server.url.clone());
        run_until(&mut h, &server, |_| health::snapshot().failures > 0);
        h.run_steps(2);
        assert!(
            health::snapshot().failures > 0,
            "{fault:?}: failures counted"
        );
        h.get_by_label_contains(words);
        h.get_by_label_contains("đang hiển thị bản đồ nền ngoại tuyến");
        the_map_is_still_there(&h);
        server.stop();
    }

    // A server that takes requests and never answers: walkers has no timeout, so the app
    // notices that nothing comes back.
    health::reset();
    let server = serve(Fault::NoAnswer);
    let mut h = viewer_on(server.url.clone());
    run_until(&mut h, &server, |h| {
        h.query_by_label_contains("máy chủ không trả lời").is_some()
    });
    h.get_by_label_contains("máy chủ không trả lời");
    the_map_is_still_there(&h);
    let zoom = h.state().zoom();
    h.state_mut().apply(Action::ZoomIn);
    h.run_steps(2);
    assert!(h.state().zoom() > zoom, "the map still zooms");
    assert!(h.state().map_output().features_drawn > 0);
    server.stop();

    // A cache folder that cannot be made (its parent is a file): tiles are not cached, and
    // the status bar says so.
    let blocker = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("cache-is-a-file");
    std::fs::write(&blocker, b"not a folder").expect("write");
    let err = http::cache_dir_in(&blocker, "custom")
        .expect_err("cannot be made")
        .to_string();
    assert!(
        err.contains("not writable") && err.contains("cache-is-a-file"),
        "{err}"
    );
    unsafe { std::env::set_var("XDG_CACHE_HOME", &blocker) };
    health::reset();
    let server = serve(Fault::ServerError);
    let mut h = viewer_on(server.url.clone());
    h.run_steps(3);
    h.get_by_label_contains("is not writable");
    the_map_is_still_there(&h);
    server.stop();
}
