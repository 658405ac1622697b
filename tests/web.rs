//! The web atlas in a real browser: `langson-atlas web` writes the folder with a project of
//! the test's own (a categorised layer, a three-step tour), and `tests/web/check_site.py`
//! opens it from file:// in headless Chromium through selenium: no console error, nothing
//! loaded from outside the folder, the districts drawn, the 11 districts found by search,
//! the deep links, Back, the project's layer in its colours, the tour's step 2, a phone's
//! 390 px. Without Chromium, chromedriver or selenium the test says it was skipped, except
//! in CI, where it fails.

#![allow(
    clippy::expect_used,
    clippy::unwrap_used,
    reason = "the test's helpers: a failed expectation is a failed test"
)]

use langson_atlas::layers::style::{Paint, Style};
use langson_atlas::layers::{Source, Stored};
use langson_atlas::present::tour::Tour;
use langson_atlas::project::{self, Project, ProjectLayer};
use std::path::{Path, PathBuf};
use std::process::Command;

/// Debian's selenium is for the system Python, whatever `python3` is first on PATH.
const PYTHON: &str = "/usr/bin/python3";

/// Whether the browser tools are here; in CI their absence fails the test.
fn browser_tools(test: &str) -> bool {
    let chromium = Path::new("/usr/bin/chromium").exists();
    let driver = Path::new("/usr/bin/chromedriver").exists();
    let selenium = Command::new(PYTHON)
        .args(["-c", "import selenium, PIL"])
        .status()
        .is_ok_and(|s| s.success());
    if chromium && driver && selenium {
        return true;
    }
    assert!(
        std::env::var_os("CI").is_none(),
        "{test}: chromium, chromium-driver or python3-selenium/python3-pil is missing in CI, \
         where scripts/install-deps.sh installs them"
    );
    eprintln!(
        "SKIPPED {test}: chromium ({chromium}), chromedriver ({driver}) or selenium/PIL \
         ({selenium}) is not installed"
    );
    false
}

/// A project with a layer of two squares near Lạng Sơn city, coloured by their “loai”,
/// and a three-step tour “Hội nghị” (the built-in tour's first steps).
pub fn project_with_layer(dir: &Path) -> PathBuf {
    let square = |x: f64, y: f64, r: f64| {
        format!(
            "[[[{},{}],[{},{}],[{},{}],[{},{}],[{},{}]]]",
            x - r,
            y - r,
            x + r,
            y - r,
            x + r,
            y + r,
            x - r,
            y + r,
            x - r,
            y - r
        )
    };
    let layer = dir.join("thua.geojson");
    std::fs::write(
        &layer,
        format!(
            r#"{{"type":"FeatureCollection","features":[
{{"type":"Feature","properties":{{"loai":"Đất ở"}},"geometry":{{"type":"Polygon","coordinates":{}}}}},
{{"type":"Feature","properties":{{"loai":"Rừng phòng hộ"}},"geometry":{{"type":"Polygon","coordinates":{}}}}}]}}"#,
            square(106.70, 21.82, 0.02),
            square(106.80, 21.82, 0.02)
        ),
    )
    .expect("written");
    let style = Style {
        paint: Paint::Categorised {
            field: "loai".to_owned(),
        },
        line_width: 3.0,
        ..Style::single(0)
    };
    let mut stored = Stored::new(Source::file(&layer), style);
    stored.name = "Thửa đất".into();
    stored.opacity = 1.0;
    let mut tour = Tour::embedded().expect("the built-in tour");
    tour.name = "Hội nghị".into();
    tour.steps.truncate(3);
    let project = Project {
        layers: vec![ProjectLayer::from_stored(
            &stored,
            "thua.geojson".into(),
            None,
        )],
        tours: vec![tour],
        ..Project::default()
    };
    let path = dir.join("hoi-nghi.lsatlas");
    project::write(&path, &project, None).expect("the project is written");
    path
}

#[test]
fn the_web_atlas_works_from_the_file_system_in_a_real_browser() {
    if !browser_tools("the_web_atlas_works_from_the_file_system_in_a_real_browser") {
        return;
    }
    let dir = tempfile::tempdir().expect("temp");
    let project = project_with_layer(dir.path());
    let site = dir.path().join("site");
    let run = Command::new(env!("CARGO_BIN_EXE_langson-atlas"))
        .arg("web")
        .arg(&site)
        .arg("--project")
        .arg(&project)
        .args(["--url", "https://example.org/atlas/"])
        .output()
        .expect("runs");
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    assert!(String::from_utf8_lossy(&run.stdout).contains("files"));
    // The screenshots stay where a person can look at them when WEB_SHOTS says where.
    let shots =
        std::env::var_os("WEB_SHOTS").map_or_else(|| dir.path().join("shots"), PathBuf::from);
    let check = Command::new(PYTHON)
        .arg(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/web/check_site.py"
        ))
        .arg(&site)
        .arg(&shots)
        .arg("--project")
        .output()
        .expect("the check runs");
    let out = String::from_utf8_lossy(&check.stdout);
    println!("{out}");
    assert!(
        check.status.success() && out.contains("ALL OK"),
        "{out}\n{}",
        String::from_utf8_lossy(&check.stderr)
    );
}
