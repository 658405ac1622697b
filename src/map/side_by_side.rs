//! Points the sources place at one coordinate (`atlas::colocated`), drawn side by side on
//! screen and picked where they are drawn, so that each can be seen and clicked.

use super::mercator::{self, View};
use crate::atlas::{Atlas, LayerKind};
use egui::{Pos2, vec2};

/// Distance between the centres of points drawn side by side: the dashed halos of two
/// secondary gates just clear each other.
const SPACING: f32 = 24.0;

/// Where point feature `index` is drawn: at its coordinate, or beside the others there.
pub fn on_screen(atlas: &Atlas, view: &View, index: usize, world: [f64; 2]) -> Pos2 {
    let at = view.to_screen(world);
    match atlas.colocated.slot(index) {
        Some(slot) => at + vec2(slot.offset() * SPACING, 0.0),
        None => at,
    }
}

/// The visible member of a group under `pointer`, within `radius` points of where it is
/// drawn (the spatial index knows only the shared coordinate).
pub fn pick(
    atlas: &Atlas,
    view: &View,
    pointer: Pos2,
    radius: f32,
    visible: impl Fn(LayerKind) -> bool,
) -> Option<usize> {
    atlas
        .colocated
        .members()
        .filter_map(|(index, slot)| {
            let feature = atlas.features().get(index)?;
            if !visible(feature.kind().layer()) {
                return None;
            }
            let Some(geo::Geometry::Point(p)) = &feature.geometry else {
                return None;
            };
            let at = view.to_screen(mercator::to_world(p.0)) + vec2(slot.offset() * SPACING, 0.0);
            let distance = at.distance(pointer);
            (distance <= radius).then_some((index, distance))
        })
        .min_by(|a, b| a.1.total_cmp(&b.1))
        .map(|(index, _)| index)
}
