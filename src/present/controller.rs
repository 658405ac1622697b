//! Starting, stepping, flying and leaving the tour: everything presentation mode decides,
//! without egui's window. The app asks it what to show and tells it the time.

use super::flight::Flight;
use super::tour::Tour;
use super::{Command, Landing, Presentation};
use crate::atlas::Atlas;
use crate::map::Visibility;
use crate::map::mercator::ViewTarget;

/// Share of the map a tour step's subject may fill: labels and the audience's eyes need
/// room around it.
const STEP_FILL: f64 = 0.75;

pub struct Presenter {
    tour: Tour,
    /// Which of the project's tours is shown (`None`: the built-in one), for the picker.
    choice: Option<usize>,
    /// Each step's lon/lat box, computed once.
    bounds: Vec<Option<(geo::Coord, geo::Coord)>>,
    running: Option<Presentation>,
}

impl Presenter {
    pub fn new(tour: Tour, atlas: &Atlas) -> Self {
        let bounds = tour.steps.iter().map(|s| s.bounds(atlas)).collect();
        Self {
            tour,
            choice: None,
            bounds,
            running: None,
        }
    }

    /// Shows `tour` from now on (`choice`: its place among the project's tours, `None` for
    /// the built-in one). A running presentation starts again at its first step.
    pub fn set_tour(&mut self, tour: Tour, choice: Option<usize>, atlas: &Atlas, now: f64) {
        self.bounds = tour.steps.iter().map(|s| s.bounds(atlas)).collect();
        self.tour = tour;
        self.choice = choice;
        if self.tour.steps.is_empty() {
            // Nothing to show: a running presentation ends rather than keep a stale step.
            self.running = None;
        } else if self.running.is_some() {
            self.go_to(0, now);
        }
    }

    pub fn choice(&self) -> Option<usize> {
        self.choice
    }

    /// Plays the tour by itself, each step for its own seconds.
    pub fn set_autoplay(&mut self, on: bool, now: f64) {
        if let Some(p) = self.running.as_mut() {
            p.autoplay = on;
            p.step_started = now;
        }
    }

    /// Moves on when autoplay is on and the step has shown its seconds; `true` when it
    /// moved.
    pub fn tick(&mut self, now: f64) -> bool {
        let Some(p) = self.running.as_ref() else {
            return false;
        };
        if self.tour.steps.is_empty() {
            return false;
        }
        let seconds = self
            .tour
            .steps
            .get(p.step)
            .and_then(|s| s.seconds)
            .unwrap_or(super::tour::DEFAULT_SECONDS);
        if !p.autoplay || p.blank || now - p.step_started < f64::from(seconds) {
            return false;
        }
        let next = (p.step + 1) % self.tour.steps.len().max(1);
        self.go_to(next, now);
        true
    }

    pub fn tour(&self) -> &Tour {
        &self.tour
    }

    pub fn presentation(&self) -> Option<&Presentation> {
        self.running.as_ref()
    }

    /// Starts at the first step; `false` when there is no tour to show.
    pub fn start(&mut self, ui_zoom: f32, now: f64) -> bool {
        self.start_at(0, ui_zoom, now)
    }

    /// Starts at step `index` (the editor's *Play from here*).
    pub fn start_at(&mut self, index: usize, ui_zoom: f32, now: f64) -> bool {
        if self.tour.steps.is_empty() {
            return false;
        }
        if self.running.is_none() {
            self.running = Some(Presentation::new(ui_zoom, now));
        }
        self.go_to(index.min(self.tour.steps.len() - 1), now);
        true
    }

    /// Leaves the tour; returns the UI zoom to restore.
    pub fn stop(&mut self) -> Option<f32> {
        self.running.take().map(|p| p.saved_zoom_factor)
    }

    pub fn command(&mut self, command: Command, now: f64) {
        let steps = self.tour.steps.len();
        let Some(p) = self.running.as_mut() else {
            return;
        };
        if command == Command::ToggleBlank {
            p.blank = !p.blank;
            return;
        }
        if let Some(step) = p.target(command, steps) {
            self.go_to(step, now);
        }
    }

    fn go_to(&mut self, index: usize, now: f64) {
        let (Some(step), Some(p)) = (self.tour.steps.get(index), self.running.as_mut()) else {
            return;
        };
        let mut visible = Visibility::none();
        for layer in &step.layers {
            visible.set(*layer, true);
        }
        p.step = index;
        p.step_started = now;
        p.blank = false;
        p.visible = visible;
        p.highlight = step.highlight.clone();
        p.user_layers = step.user_layers.clone();
        p.year = step.year;
        p.chart = step.chart;
        p.pending_fit = match step.view {
            Some(v) => Some(Landing::View(ViewTarget {
                center: crate::map::mercator::to_world(geo::Coord { x: v.lon, y: v.lat }),
                zoom: v.zoom,
            })),
            None => self.bounds.get(index).copied().flatten().map(Landing::Fit),
        };
        p.cut = step.flight == super::tour::FlightStyle::Cut;
        p.flight = None;
    }

    /// The layers to draw while presenting.
    pub fn visible(&self) -> Option<&Visibility> {
        self.running.as_ref().map(|p| &p.visible)
    }

    /// Plans the flight to the current step once the map's rect is known, and returns where
    /// the view is at `now` while a flight is under way.
    pub fn fly(&mut self, from: ViewTarget, map: egui::Rect, now: f64) -> Option<ViewTarget> {
        let p = self.running.as_mut()?;
        if let Some(landing) = p.pending_fit.take() {
            let to = match landing {
                Landing::Fit(bounds) => ViewTarget::fitting(map, bounds, STEP_FILL),
                Landing::View(view) => view,
            };
            if p.cut {
                return Some(to);
            }
            p.flight = Some(Flight::new(from, to, now));
        }
        let flight = p.flight?;
        let (view, landed) = flight.at(now);
        if landed {
            p.flight = None;
        }
        Some(view)
    }

    pub fn pointer_moved(&mut self, now: f64) {
        if let Some(p) = self.running.as_mut() {
            p.last_pointer_move = now;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::atlas::LayerKind;

    fn presenter() -> Option<Presenter> {
        let atlas = Atlas::embedded().ok()?;
        let tour = Tour::embedded().ok()?;
        Some(Presenter::new(tour, &atlas))
    }

    #[test]
    fn each_step_shows_its_own_layers_and_leaving_restores_the_ui_zoom() {
        let Some(mut p) = presenter() else {
            panic!("the embedded atlas and tour load");
        };
        assert!(p.start(1.0, 0.0));
        let first = p.tour().steps[0].layers.clone();
        let visible = p.visible().cloned().unwrap_or_default();
        for layer in LayerKind::ALL {
            assert_eq!(
                visible.is_visible(layer),
                first.contains(&layer),
                "{layer:?}"
            );
        }
        p.command(Command::Next, 1.0);
        assert_eq!(p.presentation().map(|p| p.step), Some(1));
        assert_eq!(p.stop(), Some(1.0));
        assert!(p.visible().is_none());
    }

    #[test]
    fn a_step_change_flies_from_where_the_map_was_to_the_step() {
        let Some(mut p) = presenter() else {
            panic!("the embedded atlas and tour load");
        };
        p.start(1.0, 0.0);
        let rect = egui::Rect::from_min_size(egui::Pos2::ZERO, egui::vec2(1200.0, 800.0));
        let from = ViewTarget {
            center: [0.8, 0.4],
            zoom: 5.0,
        };
        assert_eq!(
            p.fly(from, rect, 0.0),
            Some(from),
            "the flight starts where it was"
        );
        let landed = p.fly(from, rect, 10.0).map(|v| v.zoom);
        assert!(
            landed.is_some_and(|z| z > 7.0),
            "it lands on the province: {landed:?}"
        );
        assert_eq!(p.fly(from, rect, 11.0), None, "and then rests");
    }
}
