//! Rasterises the shipped base geodata into 256-point map tiles: land of both countries,
//! rivers, the international border, province and district boundaries. Pure: knows tiles
//! and pixels, not egui.

use crate::atlas::{Atlas, Kind};
use crate::map::mercator;
use geo::{BoundingRect, Geometry, LineString};
use tiny_skia::{
    Color, FillRule, LineCap, LineJoin, Paint, PathBuilder, Pixmap, Stroke, StrokeDash, Transform,
};

/// A ring or line in world units, with its bounding box for culling.
struct Path {
    points: Vec<[f64; 2]>,
    min: [f64; 2],
    max: [f64; 2],
}

impl Path {
    fn new(line: &LineString<f64>) -> Option<Self> {
        let rect = line.bounding_rect()?;
        let points: Vec<[f64; 2]> = line.0.iter().map(|&c| mercator::to_world(c)).collect();
        let a = mercator::to_world(rect.min());
        let b = mercator::to_world(rect.max());
        Some(Self {
            points,
            min: [a[0].min(b[0]), a[1].min(b[1])],
            max: [a[0].max(b[0]), a[1].max(b[1])],
        })
    }

    fn meets(&self, min: [f64; 2], max: [f64; 2]) -> bool {
        self.min[0] <= max[0]
            && self.max[0] >= min[0]
            && self.min[1] <= max[1]
            && self.max[1] >= min[1]
    }
}

fn polygon_paths(geometry: &Geometry<f64>) -> Vec<Path> {
    #[expect(
        clippy::wildcard_enum_match_arm,
        reason = "areas are filled: every other kind of geo::Geometry has none to fill"
    )]
    let polygons: Vec<&geo::Polygon<f64>> = match geometry {
        Geometry::Polygon(p) => vec![p],
        Geometry::MultiPolygon(mp) => mp.0.iter().collect(),
        _ => Vec::new(),
    };
    polygons
        .into_iter()
        .flat_map(|p| std::iter::once(p.exterior()).chain(p.interiors()))
        .filter_map(Path::new)
        .collect()
}

#[expect(
    clippy::wildcard_enum_match_arm,
    reason = "lines are stroked: every other kind of geo::Geometry has none to stroke"
)]
fn line_paths(geometry: &Geometry<f64>) -> Vec<Path> {
    match geometry {
        Geometry::LineString(l) => Path::new(l).into_iter().collect(),
        Geometry::MultiLineString(ml) => ml.0.iter().filter_map(Path::new).collect(),
        _ => Vec::new(),
    }
}

/// The base geodata projected once, ready to be cut into tiles.
pub struct BaseGeometry {
    /// Land as (is Vietnam, rings).
    land: Vec<(bool, Vec<Path>)>,
    rivers: Vec<Path>,
    province: Vec<Path>,
    districts: Vec<Path>,
    border: Vec<Path>,
    /// World-unit box the shipped data covers; beyond it the tile says "no data", and the
    /// map fades into that colour over [`FADE_DEGREES`] inside it.
    extent_min: [f64; 2],
    extent_max: [f64; 2],
}

pub mod palette {
    /// Beyond the data: a warm paper grey between the two countries' land, so the fade
    /// into it reads as a vignette rather than a wall.
    pub const NO_DATA: [u8; 3] = [236, 234, 227];
    pub const WATER: [u8; 3] = [190, 215, 232];
    pub const VIETNAM: [u8; 3] = [246, 243, 234];
    pub const CHINA: [u8; 3] = [228, 225, 216];
    pub const PROVINCE: [u8; 3] = [252, 251, 246];
}

fn color([r, g, b]: [u8; 3]) -> Color {
    Color::from_rgba8(r, g, b, 255)
}

impl BaseGeometry {
    pub fn from_atlas(atlas: &Atlas) -> Self {
        let mut extent_min = [f64::MAX, f64::MAX];
        let mut extent_max = [f64::MIN, f64::MIN];
        let land: Vec<(bool, Vec<Path>)> = atlas
            .base
            .land
            .iter()
            .map(|part| {
                let paths = polygon_paths(&Geometry::MultiPolygon(part.polygons.clone()));
                for p in &paths {
                    extent_min = [extent_min[0].min(p.min[0]), extent_min[1].min(p.min[1])];
                    extent_max = [extent_max[0].max(p.max[0]), extent_max[1].max(p.max[1])];
                }
                (part.country == "VNM", paths)
            })
            .collect();
        let of_kind = |kind: Kind, f: fn(&Geometry<f64>) -> Vec<Path>| -> Vec<Path> {
            atlas
                .features()
                .iter()
                .filter(|feature| feature.kind() == kind)
                .filter_map(|feature| feature.geometry.as_ref())
                .flat_map(f)
                .collect()
        };
        Self {
            land,
            rivers: atlas
                .base
                .rivers
                .iter()
                .flat_map(|r| line_paths(&Geometry::MultiLineString(r.line.clone())))
                .collect(),
            province: of_kind(Kind::Province, polygon_paths),
            districts: of_kind(Kind::District, polygon_paths),
            border: of_kind(Kind::BorderLine, line_paths),
            extent_min,
            extent_max,
        }
    }

    /// Whether the shipped data covers any of this tile.
    pub fn covers(&self, x: u32, y: u32, zoom: u8) -> bool {
        let (min, max) = tile_bounds(x, y, zoom);
        self.extent_min[0] <= max[0]
            && self.extent_max[0] >= min[0]
            && self.extent_min[1] <= max[1]
            && self.extent_max[1] >= min[1]
    }
}

fn tile_bounds(x: u32, y: u32, zoom: u8) -> ([f64; 2], [f64; 2]) {
    let n = 2f64.powi(zoom as i32);
    (
        [x as f64 / n, y as f64 / n],
        [(x + 1) as f64 / n, (y + 1) as f64 / n],
    )
}

/// Builds one tiny-skia path from the paths meeting the tile, in tile pixels.
fn build(
    paths: &[Path],
    min: [f64; 2],
    max: [f64; 2],
    scale: f64,
    close: bool,
) -> Option<tiny_skia::Path> {
    let mut pb = PathBuilder::new();
    // A little margin so strokes crossing the tile edge are not cut short.
    let pad = (max[0] - min[0]) * 0.05;
    let (lo, hi) = ([min[0] - pad, min[1] - pad], [max[0] + pad, max[1] + pad]);
    for path in paths.iter().filter(|p| p.meets(lo, hi)) {
        let mut points = path.points.iter().map(|w| {
            (
                ((w[0] - min[0]) * scale) as f32,
                ((w[1] - min[1]) * scale) as f32,
            )
        });
        if let Some((x, y)) = points.next() {
            pb.move_to(x, y);
            for (x, y) in points {
                pb.line_to(x, y);
            }
            if close {
                pb.close();
            }
        }
    }
    pb.finish()
}

fn stroke(width: f32, dash: Option<(f32, f32)>) -> Stroke {
    Stroke {
        width,
        line_cap: LineCap::Round,
        line_join: LineJoin::Round,
        dash: dash.and_then(|(on, off)| StrokeDash::new(vec![on, off], 0.0)),
        ..Stroke::default()
    }
}

fn paint(rgb: [u8; 3], alpha: u8) -> Paint<'static> {
    let mut paint = Paint::default();
    paint.set_color(Color::from_rgba8(rgb[0], rgb[1], rgb[2], alpha));
    paint.anti_alias = true;
    paint
}

/// How one set of lines is stroked on a tile.
struct Line<'a> {
    paths: &'a [Path],
    closed: bool,
    rgb: [u8; 3],
    alpha: u8,
    width: f32,
    dash: Option<(f32, f32)>,
    min_zoom: u8,
}

impl<'a> Line<'a> {
    fn new(paths: &'a [Path], closed: bool, rgb: [u8; 3], alpha: u8, width: f32) -> Self {
        Self {
            paths,
            closed,
            rgb,
            alpha,
            width,
            dash: None,
            min_zoom: 0,
        }
    }

    fn dashed(self, on: f32, off: f32) -> Self {
        Self {
            dash: Some((on, off)),
            ..self
        }
    }

    fn shown_from_zoom(self, min_zoom: u8) -> Self {
        Self { min_zoom, ..self }
    }
}

/// How far inside the data's box the map fades into [`palette::NO_DATA`], in degrees of
/// longitude (the same ground distance on all four sides). The sources are clipped to a
/// box (about 105.6–108.2° E, 20.8–23.2° N) and a 16:9 frame of the province reaches past
/// its west edge: without the fade the land would stop on a straight line. 0.4° is about
/// 36 px of a 256 px tile at zoom 7 and 290 px at zoom 10, and ends before the province
/// (0.5° inside the box's west and south edges).
pub const FADE_DEGREES: f64 = 0.4;
/// The radius of the fade's corners, in degrees: at zooms 7 and 8 the whole box is in the
/// frame, and round corners read as a vignette where square ones would show its rectangle.
/// The province stays clear of them.
const CORNER_DEGREES: f64 = 0.8;

/// How far a world point lies inside the data's box with rounded corners (negative
/// outside), in world units.
fn inside_rounded_box(base: &BaseGeometry, w: [f64; 2]) -> f64 {
    let r = CORNER_DEGREES / 360.0;
    let q = [0, 1].map(|k| {
        let centre = (base.extent_min[k] + base.extent_max[k]) / 2.0;
        let half = (base.extent_max[k] - base.extent_min[k]) / 2.0;
        (w[k] - centre).abs() - (half - r).max(0.0)
    });
    let beyond = q[0].max(0.0).hypot(q[1].max(0.0)) + q[0].max(q[1]).min(0.0);
    r - beyond
}

/// 1 from [`FADE_DEGREES`] inside the data's box on, 0 at its edge and beyond, smooth (no
/// kink at either end) in between.
fn fade_weight(base: &BaseGeometry, w: [f64; 2]) -> f32 {
    let band = FADE_DEGREES / 360.0;
    let t = (inside_rounded_box(base, w) / band).clamp(0.0, 1.0);
    (t * t * (3.0 - 2.0 * t)) as f32
}

/// Blends the tile into [`palette::NO_DATA`] near and beyond the edge of the data. The
/// weight is a function of each pixel's world position alone, so neighbouring tiles, and
/// tiles of any size, meet without a seam; a pixel deeper inside than the band keeps its
/// colour exactly.
fn fade_edges(pixmap: &mut Pixmap, base: &BaseGeometry, min: [f64; 2], max: [f64; 2]) {
    // Where the weight is 1 is convex: a tile whose corners are all there is untouched.
    let corners = [min, [max[0], min[1]], [min[0], max[1]], max];
    if corners.iter().all(|&c| fade_weight(base, c) >= 1.0) {
        return;
    }
    let size = pixmap.width() as usize;
    let step = (max[0] - min[0]) / size as f64;
    let outside = palette::NO_DATA.map(f32::from);
    for (i, pixel) in pixmap.pixels_mut().iter_mut().enumerate() {
        let centre = |k: usize, n: usize| min[k] + (n as f64 + 0.5) * step;
        let w = fade_weight(base, [centre(0, i % size), centre(1, i / size)]);
        if w >= 1.0 {
            continue;
        }
        // Every pixel is opaque (the tile is filled first), so premultiplied RGB is RGB.
        let mix = |c: u8, o: f32| (o + (f32::from(c) - o) * w).round() as u8;
        let (r, g, b) = (
            mix(pixel.red(), outside[0]),
            mix(pixel.green(), outside[1]),
            mix(pixel.blue(), outside[2]),
        );
        if let Some(p) = tiny_skia::PremultipliedColorU8::from_rgba(r, g, b, 255) {
            *pixel = p;
        }
    }
}

/// Renders tile (x, y) of `zoom` at `size` pixels square. Premultiplied RGBA.
pub fn render_tile(base: &BaseGeometry, x: u32, y: u32, zoom: u8, size: u32) -> Option<Pixmap> {
    let mut pixmap = Pixmap::new(size, size)?;
    let (min, max) = tile_bounds(x, y, zoom);
    if !base.covers(x, y, zoom) {
        pixmap.fill(color(palette::NO_DATA));
        return Some(pixmap);
    }
    pixmap.fill(color(palette::WATER));
    let scale = size as f64 / (max[0] - min[0]);
    let t = Transform::identity();
    // Half-transparent strokes look the same at every zoom, so widths grow only slowly.
    let grow = ((zoom as f32 - 8.0).max(0.0) * 0.15 + 1.0).min(2.0) * size as f32 / 256.0;

    for (is_vietnam, rings) in &base.land {
        if let Some(path) = build(rings, min, max, scale, true) {
            let fill = if *is_vietnam {
                palette::VIETNAM
            } else {
                palette::CHINA
            };
            pixmap.fill_path(&path, &paint(fill, 255), FillRule::EvenOdd, t, None);
        }
    }
    if let Some(path) = build(&base.province, min, max, scale, true) {
        pixmap.fill_path(
            &path,
            &paint(palette::PROVINCE, 255),
            FillRule::EvenOdd,
            t,
            None,
        );
    }
    // Bottom to top: rivers, district lines, the province outline, the border (casing, then
    // its dashes). District lines would only clutter a whole-country view.
    let strokes = [
        Line::new(&base.rivers, false, [120, 170, 210], 255, 1.3),
        Line::new(&base.districts, true, [150, 150, 150], 200, 0.9)
            .dashed(4.0, 3.0)
            .shown_from_zoom(7),
        Line::new(&base.province, true, [90, 90, 95], 255, 1.6),
        Line::new(&base.border, false, [255, 255, 255], 200, 4.0),
        Line::new(&base.border, false, [142, 59, 122], 255, 2.0).dashed(8.0, 3.0),
    ];
    for line in strokes.iter().filter(|l| zoom >= l.min_zoom) {
        if let Some(path) = build(line.paths, min, max, scale, line.closed) {
            let paint = paint(line.rgb, line.alpha);
            pixmap.stroke_path(
                &path,
                &paint,
                &stroke(line.width * grow, line.dash),
                t,
                None,
            );
        }
    }
    fade_edges(&mut pixmap, base, min, max);
    Some(pixmap)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_province_lies_wholly_where_the_map_keeps_its_colours() {
        let atlas = Atlas::embedded().expect("the embedded geodata loads");
        let base = BaseGeometry::from_atlas(&atlas);
        for point in base.districts.iter().flat_map(|p| &p.points) {
            assert_eq!(fade_weight(&base, *point), 1.0, "{point:?}");
        }
    }

    #[test]
    fn the_fade_runs_from_the_data_s_edge_to_its_band_smoothly() {
        let atlas = Atlas::embedded().expect("the embedded geodata loads");
        let base = BaseGeometry::from_atlas(&atlas);
        let y = (base.extent_min[1] + base.extent_max[1]) / 2.0;
        let at = |degrees_inside: f64| {
            fade_weight(&base, [base.extent_min[0] + degrees_inside / 360.0, y])
        };
        assert_eq!(at(-0.1), 0.0, "beyond the data");
        assert!(at(0.0) < 1e-6, "at its edge: {}", at(0.0));
        assert!((at(FADE_DEGREES / 2.0) - 0.5).abs() < 1e-3, "half way");
        assert_eq!(at(FADE_DEGREES + 0.01), 1.0, "past the band, exactly");
        let steps: Vec<f32> = (0..=100)
            .map(|k| at(FADE_DEGREES * k as f64 / 100.0))
            .collect();
        assert!(steps.windows(2).all(|w| w[1] >= w[0] && w[1] - w[0] < 0.02));
    }
}
