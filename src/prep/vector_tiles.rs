//! A small vector (MVT) PMTiles archive of the offline basemap's own geodata, in the
//! Protomaps basemap schema that walkers' Protomaps light style draws: `earth` (land),
//! `water` (rivers, `kind=river`), `boundaries` (the international border,
//! `kind_detail=2`) and `places` (towns, `kind=locality`). It lets a team try a vector
//! archive, and the tests serve one; it is derived, like `geodata/`, and never committed.

use super::mvt::{self, EXTENT, Feature, Layer, Shape, Value};
use crate::atlas::{Atlas, Kind};
use geo::{
    BooleanOps, BoundingRect, Coord, LineString, MultiLineString, MultiPolygon, Polygon, Rect,
    Simplify,
};
use pmtiles::{PmTilesWriter, TileCoord, TileType};
use std::path::Path;

/// Zooms written by default: the province at a glance to its towns.
pub const ZOOMS: std::ops::RangeInclusive<u8> = 6..=10;
/// Tile coordinates drawn past the tile's edge, so that strokes meet across tiles.
const BUFFER: f64 = 64.0;

/// Why the archive could not be written.
#[derive(Debug, thiserror::Error)]
pub enum VectorArchiveError {
    #[error("{path}: {message}")]
    Write { path: String, message: String },
    #[error("the geodata has no province outline to frame the archive")]
    NoProvince,
}

/// Web Mercator world units of a lon/lat (the whole world is the unit square).
fn world(c: Coord) -> [f64; 2] {
    let lat = c.y.clamp(-85.051_128_78, 85.051_128_78).to_radians();
    [
        (c.x + 180.0) / 360.0,
        (1.0 - (lat.tan() + 1.0 / lat.cos()).ln() / std::f64::consts::PI) / 2.0,
    ]
}

#[derive(Clone, Copy)]
struct TileBox {
    z: u8,
    x: u32,
    y: u32,
}

impl TileBox {
    fn to_tile(self, c: Coord) -> Coord {
        let n = f64::from(1u32 << self.z);
        let [wx, wy] = world(c);
        Coord {
            x: (wx * n - f64::from(self.x)) * f64::from(EXTENT),
            y: (wy * n - f64::from(self.y)) * f64::from(EXTENT),
        }
    }

    fn clip_rect(self) -> Polygon<f64> {
        let e = f64::from(EXTENT);
        Rect::new(
            Coord {
                x: -BUFFER,
                y: -BUFFER,
            },
            Coord {
                x: e + BUFFER,
                y: e + BUFFER,
            },
        )
        .to_polygon()
    }
}

fn line_in(tile: TileBox, line: &LineString<f64>) -> LineString<f64> {
    line.coords().map(|c| tile.to_tile(*c)).collect()
}

fn polygon_in(tile: TileBox, p: &Polygon<f64>) -> Polygon<f64> {
    Polygon::new(
        line_in(tile, p.exterior()),
        p.interiors().iter().map(|r| line_in(tile, r)).collect(),
    )
}

fn rounded(line: &LineString<f64>) -> Vec<[i32; 2]> {
    line.coords()
        .map(|c| [c.x.round() as i32, c.y.round() as i32])
        .collect()
}

fn polygons(tile: TileBox, shape: &MultiPolygon<f64>) -> Option<Shape> {
    let projected = MultiPolygon(shape.0.iter().map(|p| polygon_in(tile, p)).collect());
    // Simplified to a tile unit before rounding: near-coincident vertices rounded onto one
    // another leave slivers the tessellator cannot fill.
    let clipped = projected
        .intersection(&MultiPolygon(vec![tile.clip_rect()]))
        .simplify(1.0);
    let out: Vec<Vec<Vec<[i32; 2]>>> = clipped
        .0
        .iter()
        .map(|p| {
            std::iter::once(p.exterior())
                .chain(p.interiors())
                .map(rounded)
                .collect()
        })
        .collect();
    (!out.is_empty()).then_some(Shape::Polygons(out))
}

fn lines(tile: TileBox, shape: &MultiLineString<f64>) -> Option<Shape> {
    let projected = MultiLineString(shape.0.iter().map(|l| line_in(tile, l)).collect());
    let clipped = tile.clip_rect().clip(&projected, false);
    let out: Vec<Vec<[i32; 2]>> = clipped
        .0
        .iter()
        .map(rounded)
        .filter(|l| l.len() >= 2)
        .collect();
    (!out.is_empty()).then_some(Shape::Lines(out))
}

fn text(key: &str, value: &str) -> (String, Value) {
    (key.to_owned(), Value::Text(value.to_owned()))
}

/// The layers of one tile.
fn tile_layers(atlas: &Atlas, tile: TileBox) -> Vec<Layer> {
    let mut earth = Layer {
        name: "earth".into(),
        ..Layer::default()
    };
    for part in &atlas.base.land {
        if let Some(shape) = polygons(tile, &part.polygons) {
            earth.features.push(Feature {
                shape,
                properties: vec![text("kind", "earth")],
            });
        }
    }
    let mut water = Layer {
        name: "water".into(),
        ..Layer::default()
    };
    for river in &atlas.base.rivers {
        if let Some(shape) = lines(tile, &river.line) {
            water.features.push(Feature {
                shape,
                properties: vec![text("kind", "river"), text("name", &river.name)],
            });
        }
    }
    let mut boundaries = Layer {
        name: "boundaries".into(),
        ..Layer::default()
    };
    for border in atlas
        .features()
        .iter()
        .filter(|f| f.kind() == Kind::BorderLine)
    {
        let shape = match &border.geometry {
            Some(geo::Geometry::LineString(l)) => MultiLineString(vec![l.clone()]),
            Some(geo::Geometry::MultiLineString(m)) => m.clone(),
            _ => continue,
        };
        if let Some(shape) = lines(tile, &shape) {
            boundaries.features.push(Feature {
                shape,
                properties: vec![
                    text("kind", "country"),
                    ("kind_detail".into(), Value::Int(2)),
                ],
            });
        }
    }
    let mut places = Layer {
        name: "places".into(),
        ..Layer::default()
    };
    let e = f64::from(EXTENT);
    for town in &atlas.base.towns {
        let c = tile.to_tile(town.point.0);
        if (0.0..e).contains(&c.x) && (0.0..e).contains(&c.y) {
            places.features.push(Feature {
                shape: Shape::Points(vec![[c.x.round() as i32, c.y.round() as i32]]),
                properties: vec![
                    text("kind", "locality"),
                    text("name", &town.name),
                    (
                        "population_rank".into(),
                        Value::Int(if town.population > 100_000 { 12 } else { 10 }),
                    ),
                ],
            });
        }
    }
    vec![earth, water, boundaries, places]
}

/// The tiles over the province (with a margin) at each zoom of `zooms`.
fn tiles_over(bounds: (Coord, Coord), zooms: std::ops::RangeInclusive<u8>) -> Vec<TileBox> {
    let mut out = Vec::new();
    for z in zooms {
        let n = f64::from(1u32 << z);
        let a = world(Coord {
            x: bounds.0.x,
            y: bounds.1.y,
        });
        let b = world(Coord {
            x: bounds.1.x,
            y: bounds.0.y,
        });
        let (x0, x1) = ((a[0] * n).floor() as u32, (b[0] * n).floor() as u32);
        let (y0, y1) = ((a[1] * n).floor() as u32, (b[1] * n).floor() as u32);
        for x in x0..=x1 {
            for y in y0..=y1 {
                out.push(TileBox { z, x, y });
            }
        }
    }
    out
}

/// Writes the archive to `out`; returns how many tiles it holds.
pub fn write(
    atlas: &Atlas,
    out: &Path,
    zooms: std::ops::RangeInclusive<u8>,
) -> Result<usize, VectorArchiveError> {
    let fail = |e: &dyn std::fmt::Display| VectorArchiveError::Write {
        path: out.display().to_string(),
        message: e.to_string(),
    };
    let province = atlas
        .province()
        .and_then(|p| p.geometry.as_ref()?.bounding_rect())
        .ok_or(VectorArchiveError::NoProvince)?;
    let margin = 0.25;
    let bounds = (
        Coord {
            x: province.min().x - margin,
            y: province.min().y - margin,
        },
        Coord {
            x: province.max().x + margin,
            y: province.max().y + margin,
        },
    );
    let layers: Vec<serde_json::Value> = ["earth", "water", "boundaries", "places"]
        .iter()
        .map(|id| serde_json::json!({ "id": id, "fields": {} }))
        .collect();
    let metadata = serde_json::json!({
        "name": "langson-atlas offline basemap (vector)",
        "attribution": "© OpenStreetMap contributors; Natural Earth; geoBoundaries",
        "vector_layers": layers,
    })
    .to_string();
    let file = std::fs::File::create(out).map_err(|e| fail(&e))?;
    let center = province.center();
    let mut writer = PmTilesWriter::new(TileType::Mvt)
        .min_zoom(*zooms.start())
        .max_zoom(*zooms.end())
        .bounds(bounds.0.x, bounds.0.y, bounds.1.x, bounds.1.y)
        .center(center.x, center.y)
        .center_zoom(*zooms.start() + 2)
        .metadata(&metadata)
        .create(std::io::BufWriter::new(file))
        .map_err(|e| fail(&e))?;
    let mut tiles = tiles_over(bounds, zooms);
    tiles.sort_by_key(|t| {
        TileCoord::new(t.z, t.x, t.y).map_or(u64::MAX, |c| pmtiles::TileId::from(c).value())
    });
    let mut written = 0;
    for tile in tiles {
        let bytes = mvt::encode(&tile_layers(atlas, tile));
        if bytes.is_empty() {
            continue;
        }
        let coord = TileCoord::new(tile.z, tile.x, tile.y).map_err(|e| fail(&e))?;
        writer.add_tile(coord, &bytes).map_err(|e| fail(&e))?;
        written += 1;
    }
    writer.finalize().map_err(|e| fail(&e))?;
    Ok(written)
}
