//! Names on a page's map: the page's own feature first, then districts (or zones), then,
//! close up, gates and sites; each on a small paper card, none over another or off the map.

use super::Highlight;
use super::frame::Frame;
use super::ink;
use super::map_input::{MapInput, in_view};
use super::page::{Page, Rect, Rgb};
use super::text::Face;
use crate::atlas::{Feature, Kind, LayerKind};
use geo::{Coord, Geometry};

/// Names on the map, most important first, none over another or off the frame.
pub fn place(page: &mut Page, frame: &Frame, input: &MapInput<'_>, view: (Coord, Coord)) {
    let highlighted = match &input.sheet.highlight {
        Highlight::Features(ids) => ids.clone(),
        Highlight::Unit { .. } => Vec::new(),
    };
    let close = frame.metres_per_point() < 250.0;
    let mut wanted: Vec<(u8, &Feature)> = Vec::new();
    for f in input
        .atlas
        .features()
        .iter()
        .filter(|f| f.is_located() && in_view(f, view))
    {
        if !input.sheet.layers.contains(&f.kind().layer()) {
            continue;
        }
        let rank = match f.kind() {
            _ if highlighted.contains(f.id()) => 0,
            Kind::District => 1,
            Kind::Zone if !input.sheet.layers.contains(&LayerKind::Districts) => 1,
            Kind::BorderGate | Kind::IndustrialCluster | Kind::IndustrialPark if close => 2,
            Kind::Province
            | Kind::BorderLine
            | Kind::Zone
            | Kind::DevelopmentAxis
            | Kind::Corridor
            | Kind::BorderGate
            | Kind::IndustrialCluster
            | Kind::IndustrialPark
            | Kind::Expressway
            | Kind::EconomicZone
            | Kind::FunctionalArea
            | Kind::SmartGate => continue,
        };
        wanted.push((rank, f));
    }
    wanted.sort_by_key(|(rank, _)| *rank);
    let mut placed: Vec<Rect> = Vec::new();
    for (rank, f) in wanted {
        let Some(at) = label_point(f) else {
            continue;
        };
        let name = input.lang.pick(&f.props.name_vi, &f.props.name_en);
        let (face, size) = match rank {
            0 => (Face::Bold, 8.5),
            1 => (Face::Bold, 6.8),
            _ => (Face::Regular, 6.0),
        };
        let width = input.fonts.width(face, size, name);
        let mut p = frame.to_page(at);
        if matches!(f.geometry, Some(Geometry::Point(_))) {
            p[0] += 5.0;
            p[1] -= 3.0;
        } else {
            p[0] -= width / 2.0;
        }
        let rect = Rect::new(p[0] - 1.0, p[1] - size, width + 2.0, size * 1.3);
        if !frame.rect.shrink(2.0).contains([rect.x, rect.y])
            || !frame
                .rect
                .shrink(2.0)
                .contains([rect.right(), rect.bottom()])
            || placed
                .iter()
                .chain(&input.avoid)
                .any(|r| intersects(r, &rect))
        {
            continue;
        }
        page.rect_fill(rect, Rgb(252, 252, 250));
        page.text([p[0], p[1]], name, face, size, ink::TEXT);
        placed.push(rect);
    }
}

fn intersects(a: &Rect, b: &Rect) -> bool {
    a.x < b.right() && b.x < a.right() && a.y < b.bottom() && b.y < a.bottom()
}

#[expect(
    clippy::wildcard_enum_match_arm,
    reason = "two kinds of geo::Geometry have a point of their own; geo finds one for the rest"
)]
fn label_point(f: &Feature) -> Option<Coord> {
    use geo::{Area, InteriorPoint};
    match f.geometry.as_ref()? {
        Geometry::MultiPolygon(mp) => Some(
            mp.0.iter()
                .max_by(|a, b| a.unsigned_area().total_cmp(&b.unsigned_area()))?
                .interior_point()?
                .0,
        ),
        Geometry::LineString(l) => l.0.get(l.0.len() / 2).copied(),
        other => Some(other.interior_point()?.0),
    }
}
