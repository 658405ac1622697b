//! The communes and wards since 1 July 2025, from zoom 10: their approximate areas as thin
//! dashed outlines (built by the prep tool, never official boundaries), a dot at the
//! centroid the source gives, and the name where it fits.

use super::labels::Label;
use super::mercator::{self, View};
use super::style::UNIT_2025;
use crate::atlas::Atlas;
use egui::{Align2, Painter, Pos2, Rect, Stroke, vec2};
use geo::BoundingRect;

/// The zoom from which the units show: at the province's view they would crowd it.
pub const MIN_ZOOM: f64 = 10.0;

pub fn paint(painter: &Painter, view: &View, rect: Rect, atlas: &Atlas) {
    if view.zoom < MIN_ZOOM {
        return;
    }
    let (sw, ne) = view.lon_lat_bounds(rect);
    let outline = Stroke::new(1.2, UNIT_2025.gamma_multiply(0.8));
    for unit in &atlas.units_2025 {
        let Some(cell) = &unit.cell else { continue };
        let in_view = cell.shape.bounding_rect().is_some_and(|b| {
            b.min().x <= ne.x && b.max().x >= sw.x && b.min().y <= ne.y && b.max().y >= sw.y
        });
        if !in_view {
            continue;
        }
        for polygon in &cell.shape {
            for ring in std::iter::once(polygon.exterior()).chain(polygon.interiors()) {
                let points: Vec<Pos2> = ring
                    .coords()
                    .map(|c| view.to_screen(mercator::to_world(*c)))
                    .collect();
                painter.extend(egui::Shape::dashed_line(&points, outline, 6.0, 4.0));
            }
        }
    }
    for unit in &atlas.units_2025 {
        let at = view.to_screen(mercator::to_world(unit.point.0));
        if rect.contains(at) {
            painter.rect_filled(Rect::from_center_size(at, vec2(6.0, 6.0)), 1.0, UNIT_2025);
        }
    }
}

/// The units' names where they fit.
pub fn labels(view: &View, rect: Rect, atlas: &Atlas) -> Vec<Label> {
    if view.zoom < MIN_ZOOM {
        return Vec::new();
    }
    atlas
        .units_2025
        .iter()
        .map(|u| (u, view.to_screen(mercator::to_world(u.point.0))))
        .filter(|(_, at)| rect.contains(*at))
        .map(|(u, at)| Label {
            text: u.name.clone(),
            anchor: at,
            align: Align2::CENTER_BOTTOM,
            offset: vec2(0.0, -5.0),
            size: 12.0,
            strong: true,
            color: UNIT_2025,
            priority: 40,
            max_width: None,
            fallback: None,
        })
        .collect()
}
