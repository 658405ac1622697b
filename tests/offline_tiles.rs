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

/// The west edge of the shipped data (the sources are clipped to a box), in degrees.
fn data_west_edge() -> f64 {
    use geo::BoundingRect;
    common::atlas()
        .base
        .land
        .iter()
        .filter_map(|part| part.polygons.bounding_rect())
        .map(|r| r.min().x)
        .fold(f64::INFINITY, f64::min)
}

/// The pixels of tiles `xs` of row `y` side by side, as rows of RGB.
fn strip(
    base: &BaseGeometry,
    xs: std::ops::RangeInclusive<u32>,
    y: u32,
    zoom: u8,
    size: u32,
) -> Vec<Vec<[i16; 3]>> {
    let tiles: Vec<_> = xs
        .map(|x| render_tile(base, x, y, zoom, size).expect("renders"))
        .collect();
    (0..size as usize)
        .map(|row| {
            tiles
                .iter()
                .flat_map(|t| t.pixels()[row * size as usize..][..size as usize].iter())
                .map(|p| [p.red(), p.green(), p.blue()].map(i16::from))
                .collect()
        })
        .collect()
}

/// A 16:9 frame of the province reaches past the data's west edge: there the map fades
/// into the "no data" colour, so no column of pixels steps from land to something else,
/// at any zoom a frame of the province uses, on a screen or a picture's dense tiles.
#[test]
fn the_edge_of_the_data_fades_without_a_step() {
    use langson_atlas::map::basemap::raster::FADE_DEGREES;
    let base = BaseGeometry::from_atlas(&common::atlas());
    let edge = data_west_edge();
    let lat = 21.8;
    let largest_step = |row: &[[i16; 3]], columns: std::ops::Range<usize>| {
        columns
            .flat_map(|c| (0..3).map(move |k| (c, k)))
            .map(|(c, k)| (row[c][k] - row[c + 1][k]).abs())
            .max()
            .unwrap_or(0)
    };
    for zoom in 7u8..=10 {
        for size in [256u32, 512] {
            let (x, y) = tile_at(edge, lat, zoom);
            let rows = strip(&base, x - 1..=x + 2, y, zoom, size);
            // Columns and rows of the strip, which begins at tile (x - 1, y).
            let n = 2f64.powi(zoom as i32) * size as f64;
            let world = mercator::to_world(geo::Coord { x: edge, y: lat });
            let column = (world[0] * n - ((x - 1) * size) as f64) as usize;
            let row = (world[1] * n - (y * size) as f64) as usize;
            let band = (FADE_DEGREES / 360.0 * n) as usize;
            let outside = palette::NO_DATA.map(i16::from);
            for (r, pixels) in rows.iter().enumerate() {
                // Where the land used to stop, nothing steps, whatever the row crosses.
                let step = largest_step(pixels, column - 2..column + 2);
                assert!(
                    step <= 2,
                    "zoom {zoom}, {size} px, row {r}: a step of {step}"
                );
                // Beyond the edge there is only the calm "no data" colour.
                assert_eq!(pixels[column - 2], outside, "zoom {zoom}, row {r}");
            }
            // Across the whole band, on land, the colour changes a little a column.
            for pixels in &rows[row - 3..row + 3] {
                let step = largest_step(pixels, column - 4..column + band + 4);
                assert!(
                    step <= 2,
                    "zoom {zoom}, {size} px: a step of {step} in the band"
                );
            }
        }
    }
}

/// The fade is a band along the edge: a little inside it the land is paler, further in
/// (and everywhere in the province) it keeps its colour exactly.
#[test]
fn the_fade_is_a_band_and_the_land_inside_keeps_its_colour() {
    use langson_atlas::map::basemap::raster::FADE_DEGREES;
    let base = BaseGeometry::from_atlas(&common::atlas());
    let edge = data_west_edge();
    let near = tile_at(edge + FADE_DEGREES / 4.0, 21.8, 10);
    let near = render_tile(&base, near.0, near.1, 10, 256).expect("renders");
    assert!(!has_colour(&near, palette::VIETNAM), "faded near the edge");
    let inside = tile_at(edge + FADE_DEGREES + 0.05, 21.8, 10);
    let inside = render_tile(&base, inside.0, inside.1, 10, 256).expect("renders");
    assert!(
        has_colour(&inside, palette::VIETNAM),
        "Vietnam's land as it is"
    );
    // The province's westmost tile at zoom 8 holds its own colour.
    let (x, y) = tile_at(106.1, 21.6, 8);
    let west = render_tile(&base, x, y, 8, 256).expect("renders");
    assert!(has_colour(&west, palette::PROVINCE));
}
