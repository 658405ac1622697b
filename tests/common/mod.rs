//! Helpers shared by the test files.
#![allow(dead_code)]

pub mod http;

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
    harness_sized(egui::vec2(1400.0, 900.0))
}

/// The window at `size` points.
#[allow(dead_code)]
pub fn harness_sized(size: egui::Vec2) -> Harness<'static, AtlasApp> {
    let mut harness = Harness::builder()
        .with_size(size)
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

/// Runs frames until the offline basemap has drawn every tile of the view (it renders a
/// few milliseconds of tiles a frame).
pub fn settle_basemap(harness: &mut Harness<'_, AtlasApp>) {
    for _ in 0..400 {
        harness.run_steps(1);
        if harness.state().map.basemaps.offline.complete() {
            harness.run_steps(1);
            return;
        }
    }
    panic!("the basemap never completed");
}

/// Where a lon/lat lies on screen in the app's current view.
pub fn screen_pos(harness: &Harness<'_, AtlasApp>, c: geo::Coord) -> egui::Pos2 {
    let view = harness
        .state()
        .map
        .out
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

/// Compares a rendered picture with `tests/snapshots/{name}.png` through egui_kittest's
/// snapshot support: at most 0.5 % of the pixels may differ beyond its perceptual
/// threshold (anti-aliasing and driver noise). A missing reference fails. On a mismatch
/// the new picture and a difference image are written beside the reference
/// (`{name}.new.png`, `{name}.diff.png`, ignored by git). To accept a deliberate change:
/// `UPDATE_SNAPSHOTS=1 cargo test --test ui`.
pub fn assert_snapshot(name: &str, image: &image::RgbaImage) {
    let pixels = (image.width() * image.height()) as usize;
    let options = egui_kittest::SnapshotOptions::new()
        .output_path("tests/snapshots")
        .max_failed_pixels(pixels / 200);
    egui_kittest::image_snapshot_options(image, name, &options);
}

/// The TM-3 107-15 zone as GDAL writes EPSG:9215 in ESRI WKT: no TOWGS84, no EPSG code, as
/// ministry files have it.
pub const PRJ_TM3: &str = r#"PROJCS["VN_2000_KT107-15_3deg",GEOGCS["GCS_VN_2000",DATUM["D_Vietnam_2000",SPHEROID["WGS_1984",6378137.0,298.257223563]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]],PROJECTION["Transverse_Mercator"],PARAMETER["False_Easting",500000.0],PARAMETER["False_Northing",0.0],PARAMETER["Central_Meridian",107.25],PARAMETER["Scale_Factor",0.9999],PARAMETER["Latitude_Of_Origin",0.0],UNIT["Meter",1.0]]"#;

/// The PROJ reference points of tests/data/vn2000-reference.json: (name, TM-3 107-15
/// easting/northing, WGS 84 lon/lat through EPSG:6960).
pub fn vn2000_reference() -> Vec<(String, [f64; 2], [f64; 2])> {
    let text =
        std::fs::read_to_string("tests/data/vn2000-reference.json").expect("reference points");
    let json: serde_json::Value = serde_json::from_str(&text).expect("json");
    json["points"]
        .as_array()
        .expect("points")
        .iter()
        .map(|p| {
            let f = |v: &serde_json::Value| v.as_f64().unwrap_or(f64::NAN);
            (
                p["name"].as_str().unwrap_or("").to_owned(),
                [f(&p["tm3_107_15"][0]), f(&p["tm3_107_15"][1])],
                [f(&p["lon"]), f(&p["lat"])],
            )
        })
        .collect()
}

/// Whether the command-line tool `tool` (a test's reader, such as pdftotext or ffmpeg) can
/// run; as [`needs`], a skip outside CI and a failure in it (scripts/install-deps.sh
/// installs them).
pub fn needs_tool(tool: &str, test: &str) -> bool {
    use std::io::Write;
    let runs = std::process::Command::new(tool)
        .arg("-v")
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .status()
        .is_ok();
    if runs {
        return true;
    }
    assert!(
        std::env::var_os("CI").is_none(),
        "{test}: {tool} is missing in CI, where scripts/install-deps.sh installs it"
    );
    let _ = writeln!(std::io::stderr(), "SKIPPED {test}: {tool} is not installed");
    false
}

/// Whether the map shows the step's whole box, and keeps at least 60 % of the screen.
#[allow(dead_code)]
pub fn assert_step_framed(h: &egui_kittest::Harness<'_, langson_atlas::AtlasApp>, what: &str) {
    let out = &h.state().map.out;
    let (Some(view), Some(rect)) = (out.view, out.map_rect) else {
        panic!("{what}: the map was drawn");
    };
    let screen = h.ctx.content_rect();
    assert!(
        rect.height() >= 0.6 * screen.height() - 1.0,
        "{what}: the map keeps {} of {} points",
        rect.height(),
        screen.height()
    );
    let p = h.state().presenter.presentation().expect("presenting");
    let framing = h.state().presenter.tour().steps[p.step]
        .framing(&h.state().atlas)
        .expect("the step frames a place");
    let (sw, ne) = view.lon_lat_bounds(rect);
    let (a, b) = framing.bounds;
    assert!(
        sw.x <= a.x + 1e-6 && sw.y <= a.y + 1e-6 && ne.x >= b.x - 1e-6 && ne.y >= b.y - 1e-6,
        "{what}: the map shows {sw:?}–{ne:?}, the step frames {a:?}–{b:?}"
    );
}
