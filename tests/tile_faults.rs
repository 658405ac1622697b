//! A tile server that fails in every way a real one does: an error status, a web page
//! instead of an image, an image cut short, no answer at all; and a cache folder that cannot
//! be written. Each time the map stays usable on the offline basemap and the status bar
//! says what happened. One test, run in sequence: the tile health count is process-wide.
//!
//! The servers are `common::http` loopback servers on 127.0.0.1, stopped when dropped.

#![allow(
    clippy::expect_used,
    clippy::unwrap_used,
    reason = "the test's helpers: a failed expectation is a failed test"
)]

mod common;

use common::http::{Reply, Server};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use langson_atlas::map::basemap::{BasemapChoice, health, http};
use langson_atlas::state::Action;
use langson_atlas::{AtlasApp, Options};
use std::time::Duration;

#[derive(Clone, Copy, Debug)]
enum Fault {
    ServerError,
    WebPage,
    TruncatedPng,
    NoAnswer,
}

/// A loopback tile server that answers every request with `fault`.
fn serve(fault: Fault) -> Server {
    let truncated = png_tile();
    let truncated = truncated[..truncated.len() / 3].to_vec();
    Server::start(&format!("tile server {fault:?}"), move |_| {
        let reply = match fault {
            Fault::NoAnswer => return Reply::Silence,
            Fault::ServerError => Reply::new(500, "boom").header("Content-Type", "text/plain"),
            Fault::WebPage => Reply::new(200, "<html><body>Please log in</body></html>")
                .header("Content-Type", "text/html"),
            Fault::TruncatedPng => {
                Reply::new(200, truncated.clone()).header("Content-Type", "image/png")
            }
        };
        reply.header("Cache-Control", "no-store")
    })
    .expect("a loopback tile server")
}

fn tile_url(server: &Server) -> String {
    server.url("/{z}/{x}/{y}.png")
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

/// Runs a frame each time the server takes a request (or after 50 ms without one: the
/// app's own clock has to move on to notice a server that never answers) until `done` or
/// 30 s of wall time.
fn run_until(
    h: &mut Harness<'_, AtlasApp>,
    server: &Server,
    mut done: impl FnMut(&Harness<'_, AtlasApp>) -> bool,
) {
    let start = std::time::Instant::now();
    while !done(h) && start.elapsed() < Duration::from_secs(30) {
        let _ = server.wait_for_request(server.requests() + 1, Duration::from_millis(50));
        h.run_steps(1);
    }
}

fn the_map_is_still_there(h: &Harness<'_, AtlasApp>) {
    let drawn = h.state().map.out.features_drawn;
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
        let mut h = viewer_on(tile_url(&server));
        run_until(&mut h, &server, |_| health::snapshot().failures > 0);
        h.run_steps(2);
        assert!(
            health::snapshot().failures > 0,
            "{fault:?}: failures counted"
        );
        h.get_by_label_contains(words);
        h.get_by_label_contains("đang hiển thị bản đồ nền ngoại tuyến");
        the_map_is_still_there(&h);
        drop(server);
    }

    // A server that takes requests and never answers: walkers has no timeout, so the app
    // notices that nothing comes back.
    health::reset();
    let server = serve(Fault::NoAnswer);
    let mut h = viewer_on(tile_url(&server));
    run_until(&mut h, &server, |h| {
        h.query_by_label_contains("máy chủ không trả lời").is_some()
    });
    h.get_by_label_contains("máy chủ không trả lời");
    the_map_is_still_there(&h);
    let zoom = h.state().map.zoom();
    h.state_mut().apply(Action::ZoomIn);
    h.run_steps(2);
    assert!(h.state().map.zoom() > zoom, "the map still zooms");
    assert_eq!(
        h.state().map.out.features_drawn,
        31,
        "the plan's features in view"
    );
    drop(server);

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
    let mut h = viewer_on(tile_url(&server));
    h.run_steps(3);
    h.get_by_label_contains("is not writable");
    the_map_is_still_there(&h);
    drop(server);
}
