//! Keys to actions, in one table per mode. Every shortcut of the app is here.

use crate::present::Command;
use crate::present::editor::Edit;
use crate::state::{
    Action, MeasureAction, ProjectAction, Side, TimelineAction, ToursAction, UserAction,
};
use egui::Key;

/// What the keys mean depends on.
#[derive(Clone, Copy, Debug, Default)]
pub struct Context {
    /// A text field has the keyboard: only Esc, Ctrl+F, Ctrl+O and Ctrl+S count.
    pub typing: bool,
    /// Esc closes the article viewer before it clears the selection.
    pub source_open: bool,
    /// Esc ends the measure tool first.
    pub measuring: bool,
    /// The Tours panel is open: Ctrl+Z and Ctrl+Y undo and redo its edits.
    pub editing_tour: bool,
    /// A text field had the keyboard a moment ago: letters typed just after a click moved
    /// the focus away belong to the sentence being written, not to the shortcuts.
    pub just_typed: bool,
}

/// Seconds after a text field loses the keyboard during which keys without a modifier do
/// not count as shortcuts.
pub const AFTER_TYPING: f64 = 1.5;

/// Whether a text field has the keyboard now (`.0`) or had it within [`AFTER_TYPING`]
/// seconds (`.1`). The moment is kept in egui's memory, beside the focus it follows.
pub fn typing(ctx: &egui::Context) -> (bool, bool) {
    let id = egui::Id::unique("keymap-last-typed");
    let now = ctx.input(|i| i.time);
    if ctx.egui_wants_keyboard_input() {
        ctx.data_mut(|d| d.insert_temp(id, now));
        return (true, true);
    }
    let last: Option<f64> = ctx.data(|d| d.get_temp(id));
    (false, last.is_some_and(|t| now - t < AFTER_TYPING))
}

/// The map and panels.
pub fn browsing(input: &egui::InputState, context: Context) -> Vec<Action> {
    let Context {
        typing,
        source_open,
        measuring,
        editing_tour,
        just_typed,
    } = context;
    let mut actions = Vec::new();
    if input.key_pressed(Key::Escape) {
        actions.push(if source_open {
            Action::CloseSource
        } else if measuring && !typing {
            Action::Measure(MeasureAction::Toggle)
        } else {
            Action::ClearSelection
        });
    }
    if command_pressed(input, Key::O) {
        actions.push(Action::User(UserAction::OpenDialog));
    }
    if command_pressed(input, Key::F) {
        actions.push(Action::FocusSearch);
    }
    match command_pressed_shift(input, Key::S) {
        Some(true) => actions.push(Action::Project(ProjectAction::SaveAs)),
        Some(false) => actions.push(Action::Project(ProjectAction::Save)),
        None => {}
    }
    if typing {
        return actions;
    }
    if editing_tour {
        let undo = command_pressed_shift(input, Key::Z);
        if undo == Some(false) {
            actions.push(Action::Tours(ToursAction::Edit(Edit::Undo)));
        }
        if undo == Some(true) || command_pressed(input, Key::Y) {
            actions.push(Action::Tours(ToursAction::Edit(Edit::Redo)));
        }
    }
    if just_typed {
        return actions;
    }
    for (key, action) in [
        (Key::Plus, Action::ZoomIn),
        (Key::Equals, Action::ZoomIn),
        (Key::Minus, Action::ZoomOut),
        (Key::Home, Action::ZoomToProvince),
        (Key::F5, Action::StartPresentation),
        (Key::Questionmark, Action::ToggleShortcuts),
        (Key::M, Action::Measure(MeasureAction::Toggle)),
        (Key::C, Action::ToggleCharts),
        (Key::T, Action::Timeline(TimelineAction::Toggle)),
        (Key::OpenBracket, Action::TogglePanel(Side::Layers)),
        (Key::CloseBracket, Action::TogglePanel(Side::Feature)),
    ] {
        if input.key_pressed(key) && !actions.contains(&action) {
            actions.push(action);
        }
    }
    actions
}

/// The presenter's remote and keyboard: a clicker sends Page Up/Down (some send arrows,
/// Space, B or "." to blank).
#[expect(
    clippy::wildcard_enum_match_arm,
    reason = "egui::Key has over a hundred keys; those not named here do nothing in a tour"
)]
pub fn presenting(key: Key) -> Option<Action> {
    let tour = |c| Some(Action::Tour(c));
    match key {
        Key::PageDown | Key::ArrowRight | Key::ArrowDown | Key::Space | Key::N | Key::Enter => {
            tour(Command::Next)
        }
        Key::PageUp | Key::ArrowLeft | Key::ArrowUp | Key::Backspace | Key::P => {
            tour(Command::Previous)
        }
        Key::Home => tour(Command::First),
        Key::End => tour(Command::Last),
        Key::B | Key::Period | Key::W => tour(Command::ToggleBlank),
        Key::L => Some(Action::ToggleLang),
        Key::M => Some(Action::Measure(MeasureAction::Toggle)),
        Key::C => Some(Action::ToggleCharts),
        Key::T => Some(Action::Timeline(TimelineAction::Toggle)),
        Key::Escape => Some(Action::StopPresentation),
        _ => digit(key).map(|n| Action::Tour(Command::Goto(n))),
    }
}

/// Keys 1–9 jump to steps 1–9.
fn digit(key: Key) -> Option<usize> {
    const DIGITS: [Key; 9] = [
        Key::Num1,
        Key::Num2,
        Key::Num3,
        Key::Num4,
        Key::Num5,
        Key::Num6,
        Key::Num7,
        Key::Num8,
        Key::Num9,
    ];
    DIGITS.iter().position(|k| *k == key)
}

/// The presentation keys pressed this frame, as actions. `arrows_taken`: a focused widget
/// (the timeline's year slider) has the arrow keys, so they do not step the tour.
#[expect(
    clippy::wildcard_enum_match_arm,
    reason = "of egui::Event's many kinds, only a key press steps a tour"
)]
pub fn presenting_actions(input: &egui::InputState, arrows_taken: bool) -> Vec<Action> {
    const ARROWS: [Key; 4] = [
        Key::ArrowLeft,
        Key::ArrowRight,
        Key::ArrowUp,
        Key::ArrowDown,
    ];
    input
        .events
        .iter()
        .filter_map(|e| match e {
            egui::Event::Key {
                key,
                pressed: true,
                repeat: false,
                ..
            } if !(arrows_taken && ARROWS.contains(key)) => presenting(*key),
            _ => None,
        })
        .collect()
}

/// Ctrl (⌘ on a Mac) with `key`, by the modifiers each key event carries: a quick press and
/// release of both (a fast hand, a remote, xdotool) may fall within one frame, at whose end
/// the frame's modifiers are already released.
/// Ctrl with `key`: `Some(true)` with Shift held too, `None` when not pressed.
#[expect(
    clippy::wildcard_enum_match_arm,
    reason = "of egui::Event's many kinds, only a key press is looked for"
)]
fn command_pressed_shift(input: &egui::InputState, key: Key) -> Option<bool> {
    input.events.iter().find_map(|e| match e {
        egui::Event::Key {
            key: k,
            pressed: true,
            modifiers,
            ..
        } if *k == key && modifiers.command => Some(modifiers.shift),
        _ => None,
    })
}

fn command_pressed(input: &egui::InputState, key: Key) -> bool {
    input.events.iter().any(|e| {
        matches!(e, egui::Event::Key { key: k, pressed: true, modifiers, .. }
            if *k == key && modifiers.command)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clicker_keys_step_blank_and_leave_the_tour() {
        assert_eq!(presenting(Key::PageDown), Some(Action::Tour(Command::Next)));
        assert_eq!(
            presenting(Key::PageUp),
            Some(Action::Tour(Command::Previous))
        );
        assert_eq!(presenting(Key::B), Some(Action::Tour(Command::ToggleBlank)));
        assert_eq!(
            presenting(Key::Period),
            Some(Action::Tour(Command::ToggleBlank))
        );
        assert_eq!(presenting(Key::Num3), Some(Action::Tour(Command::Goto(2))));
        assert_eq!(presenting(Key::L), Some(Action::ToggleLang));
        assert_eq!(presenting(Key::Escape), Some(Action::StopPresentation));
    }
}
