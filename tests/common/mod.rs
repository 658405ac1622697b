//! Helpers shared by the test files.
#![allow(dead_code)]

use egui_kittest::Harness;
use langson_atlas::atlas::{Atlas, FeatureId};
use langson_atlas::map::mercator;
use langson_atlas::{AtlasApp, Options};

pub fn atlas() -> Atlas {
    match Atlas::embedded() {
        Ok(atlas) => atlas,
        Err(errors) => panic!("the embedded geodata does not load: {errors:#?}"),
    }
}

/// Whether `dir` (beside this clone, e.g. `../shared/…`) is there for a test that needs it.
/// On a user's clone it is not: the test says so on the terminal (past the test harness's
/// output capture) and passes as skipped. In CI (`CI` set) its absence is a failure, so CI
/// always runs these tests.
pub fn needs(dir: &str, test: &str) -> bool {
    use std::io::Write;
    if std::path::Path::new(dir).exists() {
        return true;
    }
    assert!(
        std::env::var_os("CI").is_none(),
        "{test}: {dir} is missing in CI, where it must be"
    );
    let _ = writeln!(
        std::io::stderr(),
        "SKIPPED {test}: {dir} is not beside this clone"
    );
    false
}

pub fn id(s: &str) -> FeatureId {
    FeatureId::new(s)
}

/// The whole app in a 1400×900 window, offline, fonts installed as in the real window.
pub fn harness() -> Harness<'static, AtlasApp> {
    let mut harness = Harness::builder()
        .with_size(egui::vec2(1400.0, 900.0))
        .with_max_steps(64)
        .with_theme(egui::Theme::Light)
        .with_context_setup(langson_atlas::theme::fonts::install)
        .build_eframe(|cc| {
            AtlasApp::new(
                &cc.egui_ctx,
                Options {
                    offline: true,
                    ..Options::default()
                },
                None,
            )
        });
    // The first frame measures the map and frames the province; the next ones draw it.
    harness.run_steps(4);
    harness
}

/// Where a lon/lat lies on screen in the app's current view.
pub fn screen_pos(harness: &Harness<'_, AtlasApp>, c: geo::Coord) -> egui::Pos2 {
    let view = harness
        .state()
        .map_output()
        .view
        .expect("the map has been drawn");
    view.to_screen(mercator::to_world(c))
}

pub fn click_at(harness: &mut Harness<'_, AtlasApp>, pos: egui::Pos2) {
    harness.event(egui::Event::PointerMoved(pos));
    harness.run_steps(1);
    for pressed in [true, false] {
        harness.event(egui::Event::PointerButton {
            pos,
            button: egui::PointerButton::Primary,
            pressed,
            modifiers: egui::Modifiers::NONE,
        });
        harness.run_steps(1);
    }
    harness.run_steps(2);
}

/// A copy of `geodata/` in the test's temporary folder, to break for a test.
pub fn geodata_copy(name: &str) -> std::path::PathBuf {
    let dir = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("temp folder");
    for entry in std::fs::read_dir("geodata").expect("geodata/").flatten() {
        std::fs::copy(entry.path(), dir.join(entry.file_name())).expect("copy");
    }
    dir
}
