//! Presentation mode: the shipped tour is valid, and a clicker alone walks it.

mod common;

use common::{atlas, harness, id};
use egui_kittest::kittest::Queryable;
use langson_atlas::present::tour::Tour;
use langson_atlas::state::Action;

#[test]
fn the_shipped_tour_is_valid() {
    let tour = Tour::embedded().expect("tour.json parses");
    assert!(tour.steps.len() >= 7, "the tour tells the whole plan");
    let errors = tour.validate(&atlas());
    assert!(errors.is_empty(), "{errors:#?}");
}

#[test]
fn a_broken_tour_is_reported_step_by_step() {
    let mut tour = Tour::embedded().expect("parses");
    tour.steps[1].highlight.push(id("atlantis"));
    tour.steps[2].caption_en.clear();
    let errors = tour.validate(&atlas());
    assert!(
        errors
            .iter()
            .any(|e| e.contains("axis") && e.contains("atlantis")),
        "{errors:#?}"
    );
    assert!(
        errors
            .iter()
            .any(|e| e.contains("corridors") && e.contains("empty")),
        "{errors:#?}"
    );
}

fn presenting() -> egui_kittest::Harness<'static, langson_atlas::AtlasApp> {
    let mut h = harness();
    h.state_mut().apply(Action::StartPresentation);
    h.run_steps(4);
    assert!(
        h.state().presentation().is_some(),
        "presentation mode is on"
    );
    h
}

fn step(h: &egui_kittest::Harness<'_, langson_atlas::AtlasApp>) -> usize {
    h.state().presentation().expect("presenting").step
}

#[test]
fn the_clicker_walks_the_tour() {
    let mut h = presenting();
    h.get_by_label("Lạng Sơn: cửa ngõ biên giới phía Bắc");
    assert!(
        h.query_by_label("Lớp bản đồ").is_none(),
        "side panels give way to the caption"
    );

    h.key_press(egui::Key::PageDown);
    h.run_steps(3);
    assert_eq!(step(&h), 1);
    h.get_by_label("1 trục phát triển: Đồng Đăng – Hữu Lũng");
    assert_eq!(
        h.state().presentation().expect("on").highlight,
        vec![id("axis_dong_dang_huu_lung")]
    );

    h.key_press(egui::Key::PageUp);
    h.run_steps(3);
    assert_eq!(step(&h), 0);

    h.key_press(egui::Key::Num4);
    h.run_steps(3);
    h.get_by_label("3 vùng kinh tế – xã hội");

    h.key_press(egui::Key::B);
    h.run_steps(2);
    assert!(
        h.state().presentation().expect("on").blank,
        "B blanks the screen"
    );
    h.key_press(egui::Key::B);
    h.run_steps(2);
    assert!(!h.state().presentation().expect("on").blank);

    h.key_press(egui::Key::Escape);
    h.run_steps(3);
    assert!(h.state().presentation().is_none(), "Esc leaves");
    h.get_by_label("Lớp bản đồ");
}

#[test]
fn the_map_flies_to_each_step() {
    let mut h = presenting();
    h.key_press(egui::Key::PageDown);
    h.run_steps(3);
    assert!(
        h.state().presentation().expect("on").flight.is_some(),
        "a flight is under way"
    );
    // kittest steps 1/60 s; the flight lasts about a second.
    h.run_steps(90);
    assert!(
        h.state().presentation().expect("on").flight.is_none(),
        "it has landed"
    );
}

#[test]
fn the_language_switches_without_leaving_the_tour() {
    let mut h = presenting();
    h.key_press(egui::Key::PageDown);
    h.run_steps(3);
    h.get_by_label("EN").click();
    h.run_steps(3);
    assert_eq!(step(&h), 1, "still on the same step");
    h.get_by_label("1 development axis: Đồng Đăng – Hữu Lũng");
    h.get_by_label_contains("the axis is tied to the north–south economic corridor");
}
