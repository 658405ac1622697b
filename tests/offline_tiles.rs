//! The embedded basemap: tiles for the province render from the shipped data alone, at
//! every zoom a user reaches, with no network.

#![allow(
    clippy::expect_used,
    clippy::unwrap_used,
    reason = "the test's helpers: a failed expectation is a failed test"
)]

mod common;

use langson_atlas::map::basemap::raster::{BaseGeometry, palette, render_tile};
use langson_atlas::map::mercator;

fn tile_at(lon: f64, lat: f64, zoom: u8) -> (u32, u32) {
    let w = mercator::to_world(geo::Coord { x: lon, y: lat });
    let n = 2f64.powi(zoom as i32);
    ((w[0] * n) as u32, (w[1] * n) as u32)
}

fn has_colour(pixmap: &tiny_skia::Pixmap, rgb: [u8; 3]) -> bool {
    pixmap
        .pixels()
        .iter()
        .any(|p| p.alpha() == 255 && [p.red(), p.green(), p.blue()] == rgb)
}

fn distinct_colours(pixmap: &tiny_skia::Pixmap) -> usize {
    let set: std::collections::HashSet<_> = pixmap
        .pixels()
        .iter()
        .map(|p| (p.red(), p.green(), p.blue()))
        .collect();
    set.len()
}

#[test]
fn the_province_renders_at_every_zoom_without_network() {
    let base = BaseGeometry::from_atlas(&common::atlas());
    // Lạng Sơn city, then the Hữu Nghị gate on the border.
    for (lon, lat) in [(106.76, 21.85), (106.71, 21.975)] {
        for zoom in [6u8, 8, 10, 12, 14] {
            let (x, y) = tile_at(lon, lat, zoom);
            let tile = render_tile(&base, x, y, zoom, 256).expect("a tile renders");
            assert_eq!((tile.width(), tile.height()), (256, 256));
            assert!(
                distinct_colours(&tile) > 1 || zoom >= 12,
                "zoom {zoom} at {lon},{lat} is flat"
            );
            assert!(
                has_colour(&tile, palette::PROVINCE)
                    || has_colour(&tile, palette::VIETNAM)
                    || has_colour(&tile, palette::CHINA),
                "zoom {zoom} at {lon},{lat} shows no land"
            );
        }
    }
}

#[test]
fn a_tile_on_the_border_shows_both_countries_and_the_border_line() {
    let base = BaseGeometry::from_atlas(&common::atlas());
    let (x, y) = tile_at(106.71, 21.975, 10);
    let tile = render_tile(&base, x, y, 10, 256).expect("renders");
    assert!(has_colour(&tile, palette::CHINA), "China's land");
    assert!(has_colour(&tile, palette::PROVINCE), "the province");
    assert!(
        distinct_colours(&tile) > 20,
        "lines are drawn anti-aliased over the fills"
    );
}

#[test]
fn beyond_the_shipped_data_a_tile_says_no_data() {
    let base = BaseGeometry::from_atlas(&common::atlas());
    let (x, y) = tile_at(2.35, 48.85, 8); // Paris
    let tile = render_tile(&base, x, y, 8, 256).expect("renders");
    assert!(has_colour(&tile, palette::NO_DATA));
    assert_eq!(distinct_colours(&tile), 1);
}

#[test]
fn high_density_tiles_render_at_double_size() {
    let base = BaseGeometry::from_atlas(&common::atlas());
    let (x, y) = tile_at(106.76, 21.85, 9);
    let tile = render_tile(&base, x, y, 9, 512).expect("renders");
    assert_eq!((tile.width(), tile.height()), (512, 512));
}

/// The window's tile cache holds 64 MiB of textures whatever the tile size.
#[test]
fn the_tile_cache_holds_a_fixed_budget_of_texture_memory() {
    use langson_atlas::map::basemap::offline::{CACHE_BYTES, OfflineTiles};
    use langson_atlas::map::basemap::raster::BaseGeometry;
    let base = std::sync::Arc::new(BaseGeometry::from_atlas(&common::atlas()));
    let mut tiles = OfflineTiles::new(base, egui::Context::default());
    assert_eq!(CACHE_BYTES, 64 << 20);
    assert_eq!(tiles.cache_capacity(), 256, "256 px tiles");
    tiles.set_pixels_per_point(2.0);
    assert_eq!(
        tiles.cache_capacity(),
        64,
        "512 px tiles on a high-density screen"
    );
}

/// In the window, tiles are rendered on a worker: asking for one never renders it in the
/// frame (a coarser tile's piece, or nothing, stands in), and it is there a few frames
/// later.
#[test]
fn the_window_renders_tiles_on_a_worker_and_they_arrive() {
    use langson_atlas::map::basemap::offline::OfflineTiles;
    use langson_atlas::map::basemap::raster::BaseGeometry;
    use walkers::Tiles;
    let base = std::sync::Arc::new(BaseGeometry::from_atlas(&common::atlas()));
    let ctx = egui::Context::default();
    let mut tiles = OfflineTiles::new(base, ctx.clone());
    tiles.render_in_background();
    // Hữu Nghị border gate at zoom 9.
    let id = walkers::TileId {
        x: 407,
        y: 223,
        zoom: 9,
    };
    // One frame in which the tile is asked for; its textures are taken as a window takes
    // them.
    let frame = |tiles: &mut OfflineTiles| {
        let mut shown = false;
        let mut out = ctx.run_ui(egui::RawInput::default(), |_| {
            shown = tiles.at(id).is_some()
        });
        out.textures_delta.clear();
        shown
    };
    assert!(
        !frame(&mut tiles),
        "nothing cached, nothing rendered in the frame"
    );
    assert!(!tiles.complete());
    let mut arrived = false;
    for _ in 0..500 {
        tiles.wait(std::time::Duration::from_millis(100));
        arrived = frame(&mut tiles);
        if arrived {
            break;
        }
    }
    assert!(arrived, "the worker's tile arrives");
    assert_eq!(tiles.cached_tiles(), 1);
    // Freeing the texture is a delta of the next frame.
    drop(tiles);
    let mut out = ctx.run_ui(egui::RawInput::default(), |_| {});
    out.textures_delta.clear();
}
