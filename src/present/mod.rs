//! Presentation mode for a projector and a presenter's clicker: full screen, large
//! captions, the tour's steps, animated flights between views.

pub mod flight;
pub mod tour;

use crate::atlas::FeatureId;
use crate::map::Visibility;
use egui::Key;
use flight::Flight;

/// What a key asks of the tour. Presenter remotes send Page Down / Page Up, B or `.`
/// to blank, F5 and Esc; arrows, Space and digits work too.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Command {
    Next,
    Previous,
    First,
    Last,
    Goto(usize),
    ToggleBlank,
    ToggleLanguage,
    Exit,
}

pub fn command_for(key: Key) -> Option<Command> {
    Some(match key {
        Key::PageDown | Key::ArrowRight | Key::ArrowDown | Key::Space | Key::N | Key::Enter => {
            Command::Next
        }
        Key::PageUp | Key::ArrowLeft | Key::ArrowUp | Key::Backspace | Key::P => Command::Previous,
        Key::Home => Command::First,
        Key::End => Command::Last,
        Key::B | Key::Period | Key::W => Command::ToggleBlank,
        Key::L => Command::ToggleLanguage,
        Key::Escape => Command::Exit,
        Key::Num1 => Command::Goto(0),
        Key::Num2 => Command::Goto(1),
        Key::Num3 => Command::Goto(2),
        Key::Num4 => Command::Goto(3),
        Key::Num5 => Command::Goto(4),
        Key::Num6 => Command::Goto(5),
        Key::Num7 => Command::Goto(6),
        Key::Num8 => Command::Goto(7),
        Key::Num9 => Command::Goto(8),
        _ => return None,
    })
}

/// Seconds the pointer may rest before it is hidden from the audience.
pub const CURSOR_IDLE: f64 = 2.0;
/// Seconds highlighted features take to fade in after a step starts.
pub const FADE_IN: f64 = 0.8;
/// UI scale on a 1920×1080 projector seen from the back of a hall.
pub const ZOOM_FACTOR: f32 = 1.35;

/// A running presentation.
#[derive(Clone, Debug)]
pub struct Presentation {
    pub step: usize,
    pub blank: bool,
    pub flight: Option<Flight>,
    /// Lon/lat box the next flight goes to, once the map area is known.
    pub pending_fit: Option<(geo::Coord, geo::Coord)>,
    pub step_started: f64,
    /// The user's layers, restored when the presentation ends.
    pub saved_visibility: Visibility,
    pub saved_zoom_factor: f32,
    pub last_pointer_move: f64,
    pub highlight: Vec<FeatureId>,
}

impl Presentation {
    pub fn new(saved_visibility: Visibility, saved_zoom_factor: f32, now: f64) -> Self {
        Self {
            step: 0,
            blank: false,
            flight: None,
            pending_fit: None,
            step_started: now,
            saved_visibility,
            saved_zoom_factor,
            last_pointer_move: now,
            highlight: Vec::new(),
        }
    }

    /// How far the step's highlight has faded in, 0 to 1.
    pub fn highlight_alpha(&self, now: f64) -> f32 {
        (((now - self.step_started) / FADE_IN).clamp(0.0, 1.0)) as f32
    }

    /// The step a command leads to, among `steps`.
    pub fn target(&self, command: Command, steps: usize) -> Option<usize> {
        let last = steps.checked_sub(1)?;
        match command {
            Command::Next => Some((self.step + 1).min(last)),
            Command::Previous => Some(self.step.saturating_sub(1)),
            Command::First => Some(0),
            Command::Last => Some(last),
            Command::Goto(n) if n <= last => Some(n),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clicker_keys_map_to_tour_commands() {
        assert_eq!(command_for(Key::PageDown), Some(Command::Next));
        assert_eq!(command_for(Key::PageUp), Some(Command::Previous));
        assert_eq!(command_for(Key::B), Some(Command::ToggleBlank));
        assert_eq!(command_for(Key::Period), Some(Command::ToggleBlank));
        assert_eq!(command_for(Key::Num3), Some(Command::Goto(2)));
        assert_eq!(command_for(Key::Escape), Some(Command::Exit));
    }

    #[test]
    fn steps_stop_at_both_ends() {
        let mut p = Presentation::new(Visibility::default(), 1.0, 0.0);
        assert_eq!(p.target(Command::Previous, 7), Some(0));
        p.step = 6;
        assert_eq!(p.target(Command::Next, 7), Some(6));
        assert_eq!(p.target(Command::Goto(9), 7), None);
    }
}
