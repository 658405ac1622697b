//! Presentation mode: the guided tour for a projector and a presenter's remote. The tour's
//! data (`tour.rs`), the eased flights between views (`flight.rs`) and the running
//! presentation's state and stepping (`controller.rs`); the caption area is `ui::caption`,
//! the keys are `app::keymap`.

pub mod controller;
pub mod editor;
pub mod figures;
pub mod flight;
pub mod problems;
pub mod tour;

use crate::atlas::FeatureId;
use crate::map::Visibility;
use flight::Flight;

/// What the presenter asks of the tour.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Command {
    Next,
    Previous,
    First,
    Last,
    /// A step by index (0-based).
    Goto(usize),
    ToggleBlank,
}

/// Seconds without pointer movement before the pointer hides.
pub const CURSOR_IDLE: f64 = 2.0;
/// Seconds over which a step's highlights fade in.
pub const FADE_IN: f64 = 0.8;
/// The caption band's share of the screen's height at the most: the map keeps the rest,
/// whatever the screen's shape.
pub const CAPTION_MAX_SHARE: f32 = 0.36;
/// How much larger everything is drawn for the back row.
pub const ZOOM_FACTOR: f32 = 1.35;

/// The running presentation. It owns the layers the tour shows, so the reader's own layer
/// choice (in the settings) is never touched and comes back unchanged.
#[derive(Clone, Debug)]
pub struct Presentation {
    pub step: usize,
    pub blank: bool,
    pub flight: Option<Flight>,
    /// What the next flight lands on, once the map's size is known.
    pub pending_fit: Option<tour::Framing>,
    /// What the step frames and the visible map it was fitted into: when the map changes
    /// shape (the window's first frames, a resize, a caption of another height) the step is
    /// fitted again, so it keeps what it frames.
    pub framed: Option<(tour::Framing, egui::Rect)>,
    /// Go straight to the step's view, without a flight.
    pub cut: bool,
    /// The tour moves on by itself, each step after its seconds.
    pub autoplay: bool,
    pub step_started: f64,
    /// The layers the current step shows.
    pub visible: Visibility,
    /// The UI zoom to restore on leaving.
    pub saved_zoom_factor: f32,
    pub last_pointer_move: f64,
    pub highlight: Vec<FeatureId>,
    /// The reader's layers the step shows, by key.
    pub user_layers: Vec<String>,
    /// The timeline's year the step shows the map at.
    pub year: Option<u16>,
    /// The chart page the step shows beside the map.
    pub chart: Option<crate::charts::ChartPage>,
    /// The share screen shows, after the last step: the web atlas's QR code and address.
    pub sharing: bool,
}

impl Presentation {
    pub fn new(saved_zoom_factor: f32, now: f64) -> Self {
        Self {
            step: 0,
            blank: false,
            flight: None,
            pending_fit: None,
            framed: None,
            cut: false,
            autoplay: false,
            step_started: now,
            visible: Visibility::none(),
            saved_zoom_factor,
            last_pointer_move: now,
            highlight: Vec::new(),
            user_layers: Vec::new(),
            year: None,
            chart: None,
            sharing: false,
        }
    }

    /// 0 → 1 over [`FADE_IN`] seconds after the step began.
    pub fn highlight_alpha(&self, now: f64) -> f32 {
        (((now - self.step_started) / FADE_IN).clamp(0.0, 1.0)) as f32
    }

    /// The step a command leads to, among `steps` steps; `None` when it names none.
    pub fn target(&self, command: Command, steps: usize) -> Option<usize> {
        let last = steps.checked_sub(1)?;
        match command {
            Command::Next => Some((self.step + 1).min(last)),
            Command::Previous => Some(self.step.saturating_sub(1)),
            Command::First => Some(0),
            Command::Last => Some(last),
            Command::Goto(n) if n <= last => Some(n),
            Command::Goto(_) | Command::ToggleBlank => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn steps_stop_at_both_ends() {
        let mut p = Presentation::new(1.0, 0.0);
        assert_eq!(p.target(Command::Previous, 7), Some(0));
        p.step = 6;
        assert_eq!(p.target(Command::Next, 7), Some(6));
        assert_eq!(p.target(Command::Goto(9), 7), None);
    }
}
