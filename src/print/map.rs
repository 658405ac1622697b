//! A page's map as vector paths: the offline basemap's land, rivers and border from the
//! geodata, the reader's visible layers in their styles, the plan's layers in theirs (as
//! on screen: the reader's under the plan's), the page's feature highlighted and the rest
//! muted, and names placed without overlap. Returns the legend of what was drawn.

use super::frame::Frame;
use super::ink;
pub use super::map_input::MapInput;
use super::map_input::{in_view, overlaps};
use super::page::{Op, Page, Rgb};
use super::{Highlight, PrintLayer};
use crate::atlas::{Atlas, Feature};
use crate::map::style::{self, LineStyle, Shape, Style, SymbolStyle};
use geo::{BoundingRect, Coord, Geometry, LineString, Polygon};

/// Screen styles are sized for a 1920-point-wide window; a page's map is about 520 points.
pub const SIZE: f32 = 0.42;
/// Vertices closer than this (points) to the last one kept are left out.
const THIN: f32 = 0.3;

/// One row of a page's legend: the swatch is drawn as the map draws the feature.
#[derive(Clone, Debug, PartialEq)]
pub struct LegendRow {
    pub text: String,
    pub swatch: Style,
}

/// Draws the map of `sheet` into `frame` on `page`.
///
/// The order is the window's, made for paper: the window lays the plan's translucent
/// area fills over the reader's layers, so the reader's colours show through them. Paper
/// inks are flat, so a plan fill over the reader's layer would hide it: the plan's area
/// fills go first, then the reader's layers in their styles (in the window's order), then
/// the plan's outlines, lines and symbols over them.
pub fn draw(page: &mut Page, frame: &Frame, input: &MapInput<'_>) -> Vec<LegendRow> {
    let view = frame.lonlat_bounds();
    page.ops.push(Op::Clip(frame.rect));
    page.rect_fill(frame.rect, ink::NO_DATA);
    basemap(page, frame, input.atlas, view);
    let highlighted = match &input.sheet.highlight {
        Highlight::Features(ids) => ids.as_slice(),
        Highlight::Unit { .. } => &[],
    };
    // A unit of 2025 is seen against muted districts; a plan feature against the rest muted.
    let mute_all = matches!(input.sheet.highlight, Highlight::Unit { .. });
    let mut layers = input.sheet.layers.clone();
    layers.sort();
    let plan: Vec<(crate::atlas::LayerKind, &Feature, bool)> = layers
        .iter()
        .flat_map(|layer| {
            input
                .atlas
                .in_layer(*layer)
                .filter(|f| f.is_located() && in_view(f, view))
                .map(move |f| (*layer, f))
        })
        .map(|(layer, f)| {
            let muted = mute_all || (!highlighted.is_empty() && !highlighted.contains(f.id()));
            (layer, f, muted && is_area(f))
        })
        .collect();
    for (_, f, muted) in &plan {
        plan_feature(page, frame, f, *muted, Part::Fill);
    }
    let mut legend = Vec::new();
    for layer in input.user.iter().filter(|l| l.shown_on(input.sheet)) {
        let drawn = user_layer(page, frame, layer, view);
        legend.extend(layer.legend_rows(&drawn));
    }
    let mut drawn_layers = Vec::new();
    for (layer, f, muted) in &plan {
        if highlighted.contains(f.id()) && !is_area(f) {
            glow(page, frame, f);
        }
        plan_feature(page, frame, f, *muted, Part::Strokes);
        if !drawn_layers.contains(layer) {
            drawn_layers.push(*layer);
        }
    }
    for layer in drawn_layers {
        legend.extend(style::legend(layer).into_iter().map(|e| LegendRow {
            text: e.key.text(input.lang),
            swatch: e.swatch,
        }));
    }
    highlight(page, frame, input.atlas, &input.sheet.highlight);
    super::labels::place(page, frame, input, view);
    page.ops.push(Op::Unclip);
    page.rect_stroke(frame.rect, ink::TEXT, 0.8);
    legend
}

/// Which part of a plan feature is drawn: areas' fills go under the reader's layers, the
/// rest over them.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Part {
    Fill,
    Strokes,
}

fn is_area(f: &Feature) -> bool {
    matches!(style::style_of(f), Style::Area(_))
}

/// A ring or line on the page, with vertices closer than [`THIN`] left out.
pub fn project(frame: &Frame, line: &LineString<f64>) -> Vec<[f32; 2]> {
    let mut out: Vec<[f32; 2]> = Vec::with_capacity(line.0.len());
    for c in &line.0 {
        let p = frame.to_page(*c);
        match out.last() {
            Some(last) if (last[0] - p[0]).hypot(last[1] - p[1]) < THIN => {}
            _ => out.push(p),
        }
    }
    out
}

fn rings(frame: &Frame, polygon: &Polygon<f64>) -> Vec<Vec<[f32; 2]>> {
    std::iter::once(polygon.exterior())
        .chain(polygon.interiors())
        .map(|r| project(frame, r))
        .filter(|r| r.len() >= 3)
        .collect()
}

fn fill_polygons(page: &mut Page, frame: &Frame, polygons: &[Polygon<f64>], color: Rgb) {
    for p in polygons {
        let rings = rings(frame, p);
        if !rings.is_empty() {
            page.ops.push(Op::Fill { rings, color });
        }
    }
}

fn stroke(page: &mut Page, lines: Vec<Vec<[f32; 2]>>, closed: bool, color: Rgb, width: f32) {
    stroke_dashed(page, lines, closed, color, width, None);
}

fn stroke_dashed(
    page: &mut Page,
    lines: Vec<Vec<[f32; 2]>>,
    closed: bool,
    color: Rgb,
    width: f32,
    dash: Option<[f32; 2]>,
) {
    let lines: Vec<_> = lines.into_iter().filter(|l| l.len() >= 2).collect();
    if !lines.is_empty() {
        page.ops.push(Op::Stroke {
            lines,
            closed,
            color,
            width,
            dash,
        });
    }
}

fn basemap(page: &mut Page, frame: &Frame, atlas: &Atlas, view: (Coord, Coord)) {
    for part in &atlas.base.land {
        let color = if part.country == "VNM" {
            ink::VIETNAM
        } else {
            ink::CHINA
        };
        let polygons: Vec<Polygon<f64>> = part
            .polygons
            .0
            .iter()
            .filter(|p| {
                p.bounding_rect()
                    .is_some_and(|r| overlaps((r.min(), r.max()), view))
            })
            .cloned()
            .collect();
        fill_polygons(page, frame, &polygons, color);
    }
    for river in &atlas.base.rivers {
        let lines = river.line.0.iter().map(|l| project(frame, l)).collect();
        stroke(page, lines, false, ink::WATER, 1.1);
    }
}

/// The polygons, lines and points of any geometry.
#[derive(Default)]
struct Parts {
    polygons: Vec<Polygon<f64>>,
    lines: Vec<LineString<f64>>,
    points: Vec<Coord>,
}

fn parts(g: &Geometry<f64>, out: &mut Parts) {
    match g {
        Geometry::Point(p) => out.points.push(p.0),
        Geometry::MultiPoint(mp) => out.points.extend(mp.0.iter().map(|p| p.0)),
        Geometry::Line(l) => out.lines.push(LineString::from(vec![l.start, l.end])),
        Geometry::LineString(l) => out.lines.push(l.clone()),
        Geometry::MultiLineString(ml) => out.lines.extend(ml.0.iter().cloned()),
        Geometry::Polygon(p) => out.polygons.push(p.clone()),
        Geometry::MultiPolygon(mp) => out.polygons.extend(mp.0.iter().cloned()),
        Geometry::Rect(r) => out.polygons.push(r.to_polygon()),
        Geometry::Triangle(t) => out.polygons.push(t.to_polygon()),
        Geometry::GeometryCollection(gc) => gc.0.iter().for_each(|g| parts(g, out)),
    }
}

fn line_style(page: &mut Page, lines: Vec<Vec<[f32; 2]>>, s: &LineStyle) {
    let dash = s.dash.map(|(on, off)| [on * SIZE, off * SIZE]);
    if s.casing.width > 0.0 {
        stroke(
            page,
            lines.clone(),
            false,
            ink::line(s.casing.color),
            s.casing.width * SIZE,
        );
    }
    stroke_dashed(
        page,
        lines,
        false,
        ink::line(s.core.color),
        s.core.width * SIZE,
        dash,
    );
}

/// The outline of a symbol of `radius` points at `at`.
pub fn symbol_ring(shape: Shape, at: [f32; 2], radius: f32) -> Vec<[f32; 2]> {
    let [x, y] = at;
    match shape {
        Shape::Diamond => vec![
            [x, y - radius],
            [x + radius, y],
            [x, y + radius],
            [x - radius, y],
        ],
        Shape::Square => {
            let r = radius * 0.85;
            vec![
                [x - r, y - r],
                [x + r, y - r],
                [x + r, y + r],
                [x - r, y + r],
            ]
        }
        Shape::Circle => (0..24)
            .map(|i| {
                let a = i as f32 / 24.0 * std::f32::consts::TAU;
                [x + radius * a.cos(), y + radius * a.sin()]
            })
            .collect(),
    }
}

pub fn symbol(page: &mut Page, at: [f32; 2], s: &SymbolStyle, scale: f32) {
    let radius = s.radius * scale;
    if s.approximate {
        let halo = symbol_ring(Shape::Circle, at, radius + 2.5);
        stroke_dashed(
            page,
            vec![halo],
            true,
            ink::MUTED_TEXT,
            0.6,
            Some([1.5, 1.2]),
        );
    }
    let ring = symbol_ring(s.shape, at, radius);
    page.ops.push(Op::Fill {
        rings: vec![ring.clone()],
        color: ink::fill(s.fill),
    });
    // A white outline vanishes on paper: symbols are ringed in dark ink instead.
    stroke(
        page,
        vec![ring],
        true,
        ink::TEXT,
        (s.outline.width * scale * 0.5).max(0.4),
    );
}

fn plan_feature(page: &mut Page, frame: &Frame, f: &Feature, muted: bool, part: Part) {
    let Some(g) = &f.geometry else {
        return;
    };
    let mut p = Parts::default();
    parts(g, &mut p);
    match style::style_of(f) {
        Style::Area(a) => {
            let mut fill = ink::fill(a.fill);
            let mut outline = ink::line(a.outline.color);
            if muted {
                fill = fill.lighter(ink::MUTE);
                outline = outline.lighter(ink::MUTE);
            }
            if part == Part::Fill {
                if a.fill.a() > 0 {
                    fill_polygons(page, frame, &p.polygons, fill);
                }
                return;
            }
            let lines = p
                .polygons
                .iter()
                .flat_map(|poly| rings(frame, poly))
                .collect();
            stroke(
                page,
                lines,
                true,
                outline,
                (a.outline.width * SIZE).max(0.35),
            );
        }
        Style::Line(_) | Style::Symbol(_) if part == Part::Fill => {}
        Style::Line(l) => {
            let lines = p.lines.iter().map(|l| project(frame, l)).collect();
            line_style(page, lines, &l);
        }
        Style::Symbol(s) => {
            for c in p.points {
                symbol(page, frame.to_page(c), &s, SIZE * 1.4);
            }
        }
    }
}

/// Draws the reader's layer in its style; returns the colours of what was drawn (the page's
/// legend lists only those).
fn user_layer(
    page: &mut Page,
    frame: &Frame,
    layer: &PrintLayer,
    view: (Coord, Coord),
) -> std::collections::BTreeSet<[u8; 3]> {
    let mut drawn = std::collections::BTreeSet::new();
    for (i, feature) in layer.data.features.iter().enumerate() {
        let Some(g) = &feature.geometry else {
            continue;
        };
        if !g
            .bounding_rect()
            .is_some_and(|r| overlaps((r.min(), r.max()), view))
        {
            continue;
        }
        drawn.insert(layer.colour(i));
        let colour = layer.ink(i);
        let mut p = Parts::default();
        parts(g, &mut p);
        fill_polygons(page, frame, &p.polygons, colour.lighter(0.35));
        let outlines: Vec<_> = p
            .polygons
            .iter()
            .flat_map(|poly| rings(frame, poly))
            .collect();
        stroke(page, outlines, true, colour, layer.line_width * SIZE * 1.5);
        let lines = p.lines.iter().map(|l| project(frame, l)).collect();
        stroke(page, lines, false, colour, layer.line_width * SIZE * 1.5);
        for c in p.points {
            let ring = symbol_ring(Shape::Circle, frame.to_page(c), layer.point_size * SIZE);
            page.ops.push(Op::Fill {
                rings: vec![ring.clone()],
                color: colour,
            });
            stroke(page, vec![ring], true, ink::TEXT, 0.3);
        }
    }
    drawn
}

fn highlight(page: &mut Page, frame: &Frame, atlas: &Atlas, highlight: &Highlight) {
    match highlight {
        Highlight::Features(ids) => {
            for f in ids.iter().filter_map(|id| atlas.get(id)) {
                let Some(g) = &f.geometry else {
                    continue;
                };
                let mut p = Parts::default();
                parts(g, &mut p);
                let lines: Vec<_> = p
                    .polygons
                    .iter()
                    .flat_map(|poly| rings(frame, poly))
                    .collect();
                stroke(page, lines.clone(), true, Rgb::WHITE, 4.0);
                stroke(page, lines, true, ink::HIGHLIGHT, 1.8);
            }
        }
        Highlight::Unit { point, outline } => {
            let teal = Rgb::over_paper(style::UNIT_2025);
            if let Some(shape) = outline {
                // Outlined only: a fill would hide the gates and sites inside it.
                let lines: Vec<_> = shape.0.iter().flat_map(|poly| rings(frame, poly)).collect();
                stroke(page, lines.clone(), true, Rgb::WHITE, 3.5);
                stroke_dashed(page, lines, true, teal, 1.8, Some([4.0, 2.5]));
            }
            let ring = symbol_ring(Shape::Circle, frame.to_page(*point), 3.0);
            page.ops.push(Op::Fill {
                rings: vec![ring.clone()],
                color: teal,
            });
            stroke(page, vec![ring], true, Rgb::WHITE, 0.8);
        }
    }
}

/// A broad light band under a highlighted line or point, so the feature keeps its own
/// colours on top of it.
fn glow(page: &mut Page, frame: &Frame, f: &Feature) {
    let Some(g) = &f.geometry else {
        return;
    };
    let band = Rgb::over_paper(style::TOUR_HIGHLIGHT).lighter(0.3);
    let mut p = Parts::default();
    parts(g, &mut p);
    let lines = p.lines.iter().map(|l| project(frame, l)).collect();
    stroke(page, lines, false, band, 9.0);
    for c in p.points {
        let ring = symbol_ring(Shape::Circle, frame.to_page(c), 10.0);
        page.ops.push(Op::Fill {
            rings: vec![ring.clone()],
            color: band,
        });
        stroke(page, vec![ring], true, ink::HIGHLIGHT, 0.8);
    }
}
