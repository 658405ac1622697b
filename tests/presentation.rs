//! Presentation mode: the shipped tour is valid, and a clicker alone walks it.

#![allow(
    clippy::expect_used,
    clippy::unwrap_used,
    reason = "the test's helpers: a failed expectation is a failed test"
)]

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
        h.state().presenter.presentation().is_some(),
        "presentation mode is on"
    );
    h
}

fn step(h: &egui_kittest::Harness<'_, langson_atlas::AtlasApp>) -> usize {
    h.state().presenter.presentation().expect("presenting").step
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
        h.state().presenter.presentation().expect("on").highlight,
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
        h.state().presenter.presentation().expect("on").blank,
        "B blanks the screen"
    );
    h.key_press(egui::Key::B);
    h.run_steps(2);
    assert!(!h.state().presenter.presentation().expect("on").blank);

    h.key_press(egui::Key::Escape);
    h.run_steps(3);
    assert!(h.state().presenter.presentation().is_none(), "Esc leaves");
    h.get_by_label("Lớp bản đồ");
}

#[test]
fn the_map_flies_to_each_step() {
    let mut h = presenting();
    h.key_press(egui::Key::PageDown);
    h.run_steps(3);
    assert!(
        h.state()
            .presenter
            .presentation()
            .expect("on")
            .flight
            .is_some(),
        "a flight is under way"
    );
    // kittest steps 1/60 s; the flight lasts about a second.
    h.run_steps(90);
    assert!(
        h.state()
            .presenter
            .presentation()
            .expect("on")
            .flight
            .is_none(),
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

/// The tour switches layers for each step, but the reader's own choice (what is saved at
/// exit, even mid-tour) is never touched and is there again after the tour.
#[test]
fn the_tour_never_overwrites_the_reader_s_layers() {
    use langson_atlas::atlas::LayerKind;
    let mut h = harness();
    h.state_mut()
        .apply(Action::SetLayer(LayerKind::Zones, false));
    h.state_mut()
        .apply(Action::SetLayer(LayerKind::Industry, false));
    let mine = h.state().state.settings.visible.clone();
    h.state_mut().apply(Action::StartPresentation);
    h.run_steps(4);
    for _ in 0..4 {
        h.key_press(egui::Key::PageDown);
        h.run_steps(2);
        assert_eq!(
            h.state().state.settings.visible,
            mine,
            "the settings as saved mid-tour"
        );
    }
    let shown = h
        .state()
        .presenter
        .presentation()
        .expect("on")
        .visible
        .clone();
    assert_ne!(shown, mine, "the tour shows its own layers");
    h.key_press(egui::Key::Escape);
    h.run_steps(2);
    assert!(h.state().presenter.presentation().is_none());
    assert_eq!(h.state().state.settings.visible, mine);
}

fn app_with_geodata(
    dir: std::path::PathBuf,
) -> egui_kittest::Harness<'static, langson_atlas::AtlasApp> {
    let mut h = egui_kittest::Harness::builder()
        .with_size(egui::vec2(1400.0, 900.0))
        .with_context_setup(langson_atlas::theme::fonts::install)
        .build_eframe(move |cc| {
            langson_atlas::AtlasApp::new(
                &cc.egui_ctx,
                langson_atlas::Options {
                    offline: true,
                    geodata: Some(dir.clone()),
                    ..Default::default()
                },
                None,
            )
        });
    h.run_steps(3);
    h
}

/// `--geodata DIR` reads DIR's tour; a broken one is named in the status bar and the
/// built-in tour is shown instead.
#[test]
fn a_broken_tour_file_is_reported_and_the_built_in_tour_used() {
    let dir = common::geodata_copy("broken-tour");
    std::fs::write(dir.join("tour.json"), "{\"steps\": [ {\"id\": ").expect("write");
    let h = app_with_geodata(dir);
    let errors = h.state().data_errors.join("\n");
    assert!(errors.contains("tour.json"), "{errors}");
    assert_eq!(
        h.state().presenter.tour().steps.len(),
        Tour::embedded().expect("built-in").steps.len()
    );
    h.get_by_label_contains("tour.json");
}

/// A step citing a fact that does not exist fails validation at start-up, visibly.
#[test]
fn a_tour_citing_an_unknown_fact_is_reported_at_start_up() {
    let dir = common::geodata_copy("tour-unknown-fact");
    let text = tour_json_with_fact("no-such-fact");
    std::fs::write(dir.join("tour.json"), text).expect("write");
    let h = app_with_geodata(dir);
    let errors = h.state().data_errors.join("\n");
    assert!(errors.contains("unknown fact no-such-fact"), "{errors}");
}

/// The geodata folder's own valid tour is the one shown.
#[test]
fn a_geodata_folder_s_own_tour_is_used() {
    let dir = common::geodata_copy("own-tour");
    let mut tour: serde_json::Value =
        serde_json::from_str(langson_atlas::present::tour::EMBEDDED).expect("json");
    if let Some(steps) = tour["steps"].as_array_mut() {
        steps.truncate(2);
    }
    std::fs::write(dir.join("tour.json"), tour.to_string()).expect("write");
    let h = app_with_geodata(dir);
    assert!(
        h.state().data_errors.is_empty(),
        "{:?}",
        h.state().data_errors
    );
    assert_eq!(h.state().presenter.tour().steps.len(), 2);
}

fn tour_json_with_fact(fact: &str) -> String {
    let mut tour: serde_json::Value =
        serde_json::from_str(langson_atlas::present::tour::EMBEDDED).expect("json");
    if let Some(facts) = tour["steps"][0]["facts"].as_array_mut() {
        facts.push(serde_json::Value::String(fact.to_owned()));
    }
    tour.to_string()
}

/// A caption says no more than its facts: where a step cites the article of a cluster's own
/// developer, the caption names whose words they are, in both languages, as the panels do.
#[test]
fn captions_say_whose_figures_the_developer_s_are() {
    let tour = Tour::embedded().expect("parses");
    let atlas = atlas();
    for step in &tour.steps {
        let interested = step
            .facts
            .iter()
            .filter_map(|f| atlas.facts.get(f))
            .any(|f| atlas.facts.publisher_interest(f).is_some());
        if interested {
            for caption in [&step.caption_vi, &step.caption_en] {
                assert!(
                    caption.contains("Gia Định") && caption.contains("Hồ Sơn 1"),
                    "step {}: “{caption}” does not say whose words they are",
                    step.id
                );
            }
        }
    }
    // VSIP's groundbreaking stays a plan in the tour too.
    let industry = tour
        .steps
        .iter()
        .find(|s| s.id == "industry")
        .expect("industry");
    assert!(industry.caption_vi.contains("dự kiến khởi công"));
    assert!(industry.caption_en.contains("expected to break ground"));
}

/// The window started as `--present` does, at `size` points.
fn started_presenting(size: egui::Vec2) -> egui_kittest::Harness<'static, langson_atlas::AtlasApp> {
    egui_kittest::Harness::builder()
        .with_size(size)
        .with_max_steps(64)
        .with_theme(egui::Theme::Light)
        .with_context_setup(langson_atlas::theme::fonts::install)
        .build_eframe(|cc| {
            langson_atlas::AtlasApp::new(
                &cc.egui_ctx,
                langson_atlas::app::Options {
                    offline: true,
                    present: true,
                    ..langson_atlas::app::Options::default()
                },
                None,
            )
        })
}

/// Runs frames until the step's flight has landed (a few seconds of the harness's clock).
fn land(h: &mut egui_kittest::Harness<'_, langson_atlas::AtlasApp>) {
    for _ in 0..12 {
        h.run_steps(30);
    }
}

#[test]
fn started_with_present_the_first_step_shows_the_whole_province_above_the_caption() {
    // Points at the presentation's zoom: a 16:9 full-HD projector and a 4:3 1024×768 one.
    for (w, h) in [(1920.0, 1080.0), (1024.0, 768.0)] {
        let mut harness = started_presenting(egui::vec2(w, h));
        land(&mut harness);
        assert_eq!(step(&harness), 0);
        common::assert_step_framed(&harness, &format!("{w}×{h}, step 1"));
        // Every step of the built-in tour, and back to the first.
        let steps = harness.state().presenter.tour().steps.len();
        for i in 1..steps {
            harness.key_press(egui::Key::PageDown);
            land(&mut harness);
            assert_eq!(step(&harness), i);
            common::assert_step_framed(&harness, &format!("{w}×{h}, step {}", i + 1));
        }
    }
}

#[test]
fn a_caption_takes_pasted_text_and_letters_typed_just_after_a_click_are_no_shortcuts() {
    use langson_atlas::state::ToursAction;
    let mut h = common::harness();
    h.state_mut().apply(Action::Tours(ToursAction::Toggle));
    h.state_mut()
        .apply(Action::Tours(ToursAction::AddStepFromView));
    h.run_steps(3);
    assert_eq!(h.state().state.tours.step, Some(0), "the new step is open");
    // The caption field as the Tours panel names it.
    let caption = egui::Id::unique(("step-text", 0usize, "Lời dẫn (VI)"));
    h.ctx.memory_mut(|m| m.request_focus(caption));
    h.run_steps(2);
    // Pasted from the clipboard (the harness stands for the desktop's), then typed on.
    h.event(egui::Event::Paste("Cụm công nghiệp Hồ Sơn 1 ".into()));
    h.run_steps(1);
    h.event(egui::Event::Text("C".into()));
    h.key_press(egui::Key::C);
    h.run_steps(2);
    let tour = h
        .state()
        .state
        .tours
        .tour()
        .expect("the project's tour")
        .clone();
    assert_eq!(tour.steps[0].caption_vi, "Cụm công nghiệp Hồ Sơn 1 C");
    assert!(
        !h.state().state.charts,
        "C typed into a caption opens no chart"
    );
    // The focus leaves the field (a click on a label); the sentence goes on at once.
    h.ctx.memory_mut(|m| m.surrender_focus(caption));
    h.run_steps(1);
    h.key_press(egui::Key::C);
    h.key_press(egui::Key::T);
    h.run_steps(1);
    assert!(!h.state().state.charts, "nor a C just after the focus left");
    assert!(h.state().state.timeline.is_none(), "nor a T");
    // A moment later, C is the charts' key again.
    h.run_steps(8);
    h.key_press(egui::Key::C);
    h.run_steps(2);
    assert!(
        h.state().state.charts,
        "C opens the charts once typing is over"
    );
}
