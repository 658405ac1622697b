//! The measure tool in the window: clicks on the map become points (snapped to the nearest
//! vertex of a plan or user feature within a few points, unless Shift is held), a click on
//! the first point closes the shape, Esc or M ends it.

use super::AtlasApp;
use crate::atlas::Atlas;
use crate::layers::UserLayers;
use crate::layers::measure::MeasureTool;
use crate::map::mercator::{self, View};
use crate::state::{Action, MeasureAction};

/// How near, in screen points, a click snaps to a vertex or closes the shape.
const SNAP_POINTS: f64 = 10.0;

impl AtlasApp {
    /// A click on the map while the tool is active, as the measure action it means.
    pub(super) fn measure_clicked(&mut self, ctx: &egui::Context) -> Option<Action> {
        if !self.state.measure.active {
            return None;
        }
        self.map.out.clicked.take()?;
        self.user.out.clicked = None;
        let at = self.map.out.pointer?;
        let free = ctx.input(|i| i.modifiers.shift);
        let Some(view) = self.map.out.view else {
            return Some(Action::Measure(MeasureAction::Point(at)));
        };
        let near = Near {
            atlas: &self.atlas,
            user: &self.user.layers,
            view: &view,
        };
        Some(Action::Measure(near.click(&self.state.measure, at, free)))
    }
}

/// What a measuring click can snap to, and the view it was made in.
struct Near<'a> {
    atlas: &'a Atlas,
    user: &'a UserLayers,
    view: &'a View,
}

impl Near<'_> {
    /// What a click on the map means while measuring: the first point again closes the
    /// shape; anywhere else adds a point, snapped unless `free`.
    fn click(&self, measure: &MeasureTool, at: geo::Coord, free: bool) -> MeasureAction {
        let view = self.view;
        let tolerance = SNAP_POINTS * view.metres_per_point();
        let points = &measure.current.points;
        if points.len() >= 3
            && let Some(first) = points.first()
        {
            let p = view.to_screen(mercator::to_world(*first));
            let q = view.to_screen(mercator::to_world(at));
            if f64::from(p.distance(q)) <= SNAP_POINTS {
                return MeasureAction::Close;
            }
        }
        if free {
            return MeasureAction::Point(at);
        }
        let metres = |c: geo::Coord| {
            let dx = (c.x - at.x) * at.y.to_radians().cos();
            (dx * dx + (c.y - at.y).powi(2)).sqrt()
        };
        let snapped = std::iter::once(self.atlas.index.nearest_vertex(at, tolerance))
            .chain(
                self.user
                    .ready()
                    .filter(|l| l.stored.visible)
                    .map(|l| l.index.nearest_vertex(&l.data, at, tolerance)),
            )
            .flatten()
            .min_by(|a, b| metres(*a).total_cmp(&metres(*b)));
        MeasureAction::Point(snapped.unwrap_or(at))
    }
}
