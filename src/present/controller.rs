//! Starting, stepping, flying and leaving the tour: everything presentation mode decides,
//! without egui's window. The app asks it what to show and tells it the time.

use super::flight::Flight;
use super::tour::Tour;
use super::{Command, Presentation};
use crate::atlas::Atlas;
use crate::atlas::share::ShareUrl;
use crate::map::Visibility;
use crate::map::mercator::ViewTarget;

pub struct Presenter {
    tour: Tour,
    /// Which of the project's tours is shown (`None`: the built-in one), for the picker.
    choice: Option<usize>,
    /// What each step frames, computed once.
    framings: Vec<Option<super::tour::Framing>>,
    running: Option<Presentation>,
    /// Where the atlas is published on the web: with it, a share screen follows the last
    /// step.
    share: Option<ShareUrl>,
}

impl Presenter {
    pub fn new(tour: Tour, atlas: &Atlas) -> Self {
        let framings = tour.steps.iter().map(|s| s.framing(atlas)).collect();
        Self {
            tour,
            choice: None,
            framings,
            running: None,
            share: None,
        }
    }

    /// The web atlas's address the share screen shows; `None` takes the screen away.
    pub fn set_share(&mut self, url: Option<ShareUrl>) {
        if url.is_none()
            && let Some(p) = self.running.as_mut()
        {
            p.sharing = false;
        }
        self.share = url;
    }

    /// The address the share screen shows, while it shows.
    pub fn sharing(&self) -> Option<&ShareUrl> {
        self.share
            .as_ref()
            .filter(|_| self.running.as_ref().is_some_and(|p| p.sharing))
    }

    /// Shows `tour` from now on (`choice`: its place among the project's tours, `None` for
    /// the built-in one). A running presentation starts again at its first step.
    pub fn set_tour(&mut self, tour: Tour, choice: Option<usize>, atlas: &Atlas, now: f64) {
        self.framings = tour.steps.iter().map(|s| s.framing(atlas)).collect();
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
        let last = p.step + 1 >= self.tour.steps.len();
        if last && !p.sharing && self.share.is_some() {
            // The share screen rests for a step's default seconds before the tour begins
            // again.
            if let Some(p) = self.running.as_mut() {
                p.sharing = true;
                p.step_started = now;
            }
            return true;
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
        // After the last step comes the share screen, when there is an address to share;
        // back from it is the last step as it was left.
        let last = p.step + 1 >= steps;
        match command {
            Command::Next if last && self.share.is_some() => {
                p.sharing = true;
                p.blank = false;
                return;
            }
            Command::Previous if p.sharing => {
                p.sharing = false;
                return;
            }
            Command::Next
            | Command::Previous
            | Command::First
            | Command::Last
            | Command::Goto(_)
            | Command::ToggleBlank => {}
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
        p.sharing = false;
        p.visible = visible;
        p.highlight = step.highlight.clone();
        p.user_layers = step.user_layers.clone();
        p.year = step.year;
        p.chart = step.chart;
        p.pending_fit = self.framings.get(index).copied().flatten();
        p.cut = step.flight == super::tour::FlightStyle::Cut;
        p.flight = None;
    }

    /// The layers to draw while presenting.
    pub fn visible(&self) -> Option<&Visibility> {
        self.running.as_ref().map(|p| &p.visible)
    }

    /// Plans the flight to the current step once the map's rect is known, and returns where
    /// the view is at `now` while a flight is under way. `map` is the part of the map the
    /// audience sees (below the top bar, above the caption band): the step's box is fitted
    /// into it, and fitted again when it changes shape while the step rests.
    pub fn fly(&mut self, from: ViewTarget, map: egui::Rect, now: f64) -> Option<ViewTarget> {
        let p = self.running.as_mut()?;
        if let Some(framing) = p.pending_fit.take() {
            let to = framing.view_in(map);
            p.framed = Some((framing, map));
            if p.cut {
                return Some(to);
            }
            p.flight = Some(Flight::new(from, to, now));
        } else if p.flight.is_none()
            && let Some((framing, fitted)) = p.framed
            && !same_shape(fitted, map)
        {
            p.framed = Some((framing, map));
            return Some(framing.view_in(map));
        }
        let flight = p.flight?;
        let (view, landed) = flight.at(now);
        if landed {
            p.flight = None;
        }
        Some(view)
    }

    /// The step's framing as last fitted, and the map it was fitted into.
    pub fn framed(&self) -> Option<(super::tour::Framing, egui::Rect)> {
        self.running.as_ref()?.framed
    }

    pub fn pointer_moved(&mut self, now: f64) {
        if let Some(p) = self.running.as_mut() {
            p.last_pointer_move = now;
        }
    }
}

/// Whether two map areas are the same to within a point (a fit is not redone for less).
fn same_shape(a: egui::Rect, b: egui::Rect) -> bool {
    (a.min - b.min).length() < 1.0 && (a.max - b.max).length() < 1.0
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

#[cfg(test)]
mod framing_tests {
    use super::*;
    use crate::map::mercator::View;
    use crate::present::tour::StepView;

    /// The lon/lat box a view shows in `map`.
    fn shown(view: ViewTarget, map: egui::Rect) -> (geo::Coord, geo::Coord) {
        View {
            center: view.center,
            zoom: view.zoom,
            screen_center: map.center(),
        }
        .lon_lat_bounds(map)
    }

    fn contains(outer: (geo::Coord, geo::Coord), inner: (geo::Coord, geo::Coord)) -> bool {
        let eps = 1e-9;
        outer.0.x <= inner.0.x + eps
            && outer.0.y <= inner.0.y + eps
            && outer.1.x >= inner.1.x - eps
            && outer.1.y >= inner.1.y - eps
    }

    #[test]
    fn a_steps_extent_fits_the_visible_map_on_every_screen_shape() {
        let Ok(atlas) = Atlas::embedded() else {
            panic!("the embedded atlas loads");
        };
        // A whole-province step captured at a desk (a wide, short map), and a district.
        let province = StepView {
            lon: 106.65,
            lat: 21.88,
            zoom: 8.6,
            extent: Some([105.9, 21.3, 107.4, 22.5]),
        };
        let mut tour = Tour::embedded().unwrap_or_default();
        tour.steps.truncate(2);
        tour.steps[0].view = Some(province);
        let mut p = Presenter::new(tour.clone(), &atlas);
        // Screens in points at presentation zoom; the caption band takes at most its share.
        for (w, h) in [
            (1920.0, 1080.0),
            (1920.0, 1200.0),
            (1024.0, 768.0),
            (3840.0, 2160.0),
        ] {
            let (w, h) = (
                w / crate::present::ZOOM_FACTOR,
                h / crate::present::ZOOM_FACTOR,
            );
            let band = h * crate::present::CAPTION_MAX_SHARE;
            let map = egui::Rect::from_min_size(egui::Pos2::ZERO, egui::vec2(w, h - band));
            for step in 0..2 {
                p.start_at(step, 1.0, 0.0);
                let from = ViewTarget {
                    center: [0.8, 0.4],
                    zoom: 5.0,
                };
                p.fly(from, map, 0.0);
                let Some(landed) = p.fly(from, map, 100.0) else {
                    panic!("the step lands");
                };
                let Some(framing) = tour.steps[step].framing(&atlas) else {
                    panic!("step {step} frames something");
                };
                assert!(
                    contains(shown(landed, map), framing.bounds),
                    "{w}×{h}, step {step}: {:?} does not hold {:?}",
                    shown(landed, map),
                    framing.bounds
                );
            }
        }
    }

    #[test]
    fn a_step_is_fitted_again_when_the_visible_map_changes_shape() {
        let Ok(atlas) = Atlas::embedded() else {
            panic!("the embedded atlas loads");
        };
        let Ok(tour) = Tour::embedded() else {
            panic!("the embedded tour loads");
        };
        let mut p = Presenter::new(tour, &atlas);
        p.start(1.0, 0.0);
        let from = ViewTarget {
            center: [0.8, 0.4],
            zoom: 5.0,
        };
        // The first frame may come before the window has its size (a small rect).
        let tiny = egui::Rect::from_min_size(egui::Pos2::ZERO, egui::vec2(120.0, 80.0));
        p.fly(from, tiny, 0.0);
        let small = p.fly(from, tiny, 100.0);
        let full = egui::Rect::from_min_size(egui::Pos2::ZERO, egui::vec2(1400.0, 560.0));
        let refit = p.fly(from, full, 100.1);
        assert!(
            refit.zip(small).is_some_and(|(r, s)| r.zoom > s.zoom + 2.0),
            "fitted again to the larger map: {small:?} → {refit:?}"
        );
        assert_eq!(p.fly(from, full, 100.2), None, "and then rests");
    }
}

#[cfg(test)]
#[path = "share_tests.rs"]
mod share_tests;
