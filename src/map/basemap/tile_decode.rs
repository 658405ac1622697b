//! An archive tile's bytes as walkers draws them: an image (PNG, JPEG, WebP) becomes a
//! texture on the UI thread; a vector tile (MVT) is laid out here, on the worker, in the
//! Protomaps light style that walkers ships (the Protomaps basemap schema: earth, water,
//! boundaries, places…).

use egui::ColorImage;
use walkers::{Style, StyleLayer, Tile};

/// What an archive holds, from its header.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TileKind {
    Raster,
    Vector,
}

impl TileKind {
    pub fn of(tile_type: pmtiles::TileType) -> Option<TileKind> {
        match tile_type {
            pmtiles::TileType::Png | pmtiles::TileType::Jpeg | pmtiles::TileType::Webp => {
                Some(TileKind::Raster)
            }
            pmtiles::TileType::Mvt => Some(TileKind::Vector),
            pmtiles::TileType::Unknown | pmtiles::TileType::Avif | pmtiles::TileType::Mlt => None,
        }
    }
}

/// A tile ready for the UI thread.
pub enum Decoded {
    Image(ColorImage),
    Vector(Tile),
}

/// Vector tiles are laid out for this many points a side, the map's tile size.
pub const VECTOR_TILE_SIZE: u32 = 256;

/// The style vector tiles are drawn in: Protomaps light, without its background, with its
/// `step` expressions
/// (which walkers does not evaluate, and says so in a warning a feature) replaced by their
/// first value, the one for the zooms an atlas of one province shows.
pub fn style() -> Style {
    let mut style = Style::protomaps_light();
    // The offline basemap lies underneath every basemap: without the style's grey
    // background, a sliver the tessellator leaves between land polygons shows land.
    style
        .layers
        .retain(|l| !matches!(l, StyleLayer::Background { .. }));
    for layer in &mut style.layers {
        let (paint, layout) = match layer {
            StyleLayer::Line { paint, .. } | StyleLayer::Fill { paint, .. } => (Some(paint), None),
            StyleLayer::Symbol { paint, layout, .. } => (paint.as_mut(), Some(layout)),
            StyleLayer::Background { .. }
            | StyleLayer::Circle { .. }
            | StyleLayer::Raster
            | StyleLayer::FillExtrusion => (None, None),
        };
        if let Some(paint) = paint {
            if let Some(dash) = &mut paint.line_dasharray {
                without_step(&mut dash.0);
            }
            if let Some(width) = &mut paint.line_width {
                without_step(&mut width.0);
            }
        }
        if let Some(text) = layout.and_then(|l| l.text_field.as_mut()) {
            without_step(text);
        }
    }
    style
}

/// `["step", input, first, stop, value, …]` becomes `first`, wherever it is.
fn without_step(value: &mut serde_json::Value) {
    if let serde_json::Value::Array(items) = value {
        if items.first().and_then(serde_json::Value::as_str) == Some("step") && items.len() >= 3 {
            let mut first = items[2].take();
            without_step(&mut first);
            *value = first;
            return;
        }
        for item in items {
            without_step(item);
        }
    }
}

/// `bytes` (decompressed) of a tile at `zoom`; `None` when they cannot be read.
pub fn decode(bytes: &[u8], kind: TileKind, zoom: u8, style: &Style) -> Option<Decoded> {
    match kind {
        TileKind::Raster => {
            let image = image::load_from_memory(bytes).ok()?.to_rgba8();
            Some(Decoded::Image(ColorImage::from_rgba_unmultiplied(
                [image.width() as usize, image.height() as usize],
                image.as_flat_samples().as_slice(),
            )))
        }
        TileKind::Vector => Tile::from_mvt(bytes, style, zoom, VECTOR_TILE_SIZE)
            .ok()
            .map(Decoded::Vector),
    }
}
