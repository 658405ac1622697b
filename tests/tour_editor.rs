//! The tour editor as a presenter uses it, headless: open the Tours panel from the File
//! menu, add three views as steps, reorder, undo and redo with the keyboard, play, and
//! step through with the clicker's keys.

#![allow(
    clippy::expect_used,
    clippy::unwrap_used,
    reason = "the test's helpers: a failed expectation is a failed test"
)]

mod common;

use common::harness;
use egui_kittest::kittest::Queryable;
use langson_atlas::AtlasApp;

fn step_zooms(h: &egui_kittest::Harness<'_, AtlasApp>) -> Vec<f64> {
    h.state()
        .state
        .tours
        .tour()
        .map(|t| {
            t.steps
                .iter()
                .filter_map(|s| s.view)
                .map(|v| v.zoom.round())
                .collect()
        })
        .unwrap_or_default()
}

fn click(h: &mut egui_kittest::Harness<'_, AtlasApp>, label: &str) {
    h.get_by_label(label).click();
    h.run_steps(2);
}

#[test]
fn three_views_become_steps_reorder_undo_redo_and_play_with_the_clicker() {
    let mut h = harness();
    click(&mut h, "Tệp");
    click(&mut h, "Chuyến tham quan…");
    assert!(h.state().state.tours_open);
    let base = h.state().map.zoom().round();
    for _ in 0..3 {
        h.key_press(egui::Key::Plus);
        h.run_steps(2);
        click(&mut h, "+ Thêm khung nhìn này làm một bước");
    }
    assert_eq!(step_zooms(&h), [base + 1.0, base + 2.0, base + 3.0]);
    assert_eq!(
        h.state().state.tours.step,
        Some(2),
        "the last added is selected"
    );

    // The third step moves up: ↑ on its row.
    let ups = h.get_all_by_label("↑").count();
    assert_eq!(ups, 3);
    h.get_all_by_label("↑").nth(2).expect("third row").click();
    h.run_steps(2);
    assert_eq!(step_zooms(&h), [base + 1.0, base + 3.0, base + 2.0]);

    // Ctrl+Z undoes the move, Ctrl+Y redoes it (the map has the keyboard, no text field).
    h.state_mut()
        .apply(langson_atlas::state::Action::ClearSelection);
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Z);
    h.run_steps(2);
    assert_eq!(step_zooms(&h), [base + 1.0, base + 2.0, base + 3.0]);
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Y);
    h.run_steps(2);
    assert_eq!(step_zooms(&h), [base + 1.0, base + 3.0, base + 2.0]);

    // Present the tour: the clicker's Page Down walks it, Page Up goes back.
    click(&mut h, "▶ Trình chiếu");
    let step = |h: &egui_kittest::Harness<'_, AtlasApp>| {
        h.state().presenter.presentation().map(|p| p.step)
    };
    assert_eq!(step(&h), Some(0));
    assert_eq!(
        h.state().presenter.tour().steps.len(),
        3,
        "the authored tour, not the built-in one"
    );
    h.key_press(egui::Key::PageDown);
    h.run_steps(2);
    assert_eq!(step(&h), Some(1));
    h.key_press(egui::Key::PageDown);
    h.run_steps(2);
    assert_eq!(step(&h), Some(2));
    h.key_press(egui::Key::PageUp);
    h.run_steps(2);
    assert_eq!(step(&h), Some(1));
    // The map lands on what the step framed at the desk, fitted whole into the projector's
    // map above the caption (a cut would be at once; a flight takes time).
    h.run_steps(200);
    common::assert_step_framed(&h, "step 2");
    h.key_press(egui::Key::Escape);
    h.run_steps(2);
    assert!(h.state().presenter.presentation().is_none());
}
