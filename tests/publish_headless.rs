//! The headless verbs `pdf` and `video` with a presenter's project: its tour, and its
//! layer drawn where the tour's steps name it. The project is written by the test (one
//! GeoJSON point of its own); poppler-utils and ffmpeg read the results back.

#![allow(
    clippy::expect_used,
    clippy::unwrap_used,
    reason = "the test's helpers: a failed expectation is a failed test"
)]

mod common;

use langson_atlas::layers::style::Style;
use langson_atlas::layers::{Source, Stored};
use langson_atlas::present::tour::Tour;
use langson_atlas::project::{self, Project, ProjectLayer};
use std::path::Path;
use std::process::Command;

/// A project with one layer (“Điểm hội nghị”, a point in Lạng Sơn city) and a two-step
/// tour “Hội nghị” whose steps show it, a second each.
fn conference_project(dir: &Path) -> std::path::PathBuf {
    let layer = dir.join("diem.geojson");
    std::fs::write(
        &layer,
        r#"{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"ten":"Hội trường"},"geometry":{"type":"Point","coordinates":[106.76,21.85]}}]}"#,
    )
    .expect("written");
    let mut stored = Stored::new(Source::file(&layer), Style::single(0));
    stored.name = "Điểm hội nghị".into();
    let mut tour = Tour::embedded().expect("the built-in tour");
    tour.name = "Hội nghị".into();
    tour.steps.truncate(2);
    for step in &mut tour.steps {
        step.user_layers = vec![stored.key.clone()];
        step.seconds = Some(1.0);
    }
    let project = Project {
        layers: vec![ProjectLayer::from_stored(
            &stored,
            "diem.geojson".into(),
            None,
        )],
        tours: vec![tour],
        ..Project::default()
    };
    let path = dir.join("hoi-nghi.lsatlas");
    project::write(&path, &project, None).expect("the project is written");
    path
}

fn atlas_bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_langson-atlas"))
}

#[test]
fn the_pdf_verb_prints_a_project_tour_with_its_layer() {
    if !common::needs_tool("pdftotext", "the_pdf_verb_prints_a_project_tour…") {
        return;
    }
    let dir = tempfile::tempdir().expect("temp");
    let project = conference_project(dir.path());
    let out = dir.path().join("tour.pdf");
    let run = atlas_bin()
        .arg("pdf")
        .arg(&out)
        .arg("--project")
        .arg(&project)
        .args(["--pages", "tour:Hội nghị"])
        .output()
        .expect("runs");
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    assert!(
        String::from_utf8_lossy(&run.stdout).contains("4 pages"),
        "cover, contents, 2 steps"
    );
    let text = Command::new("pdftotext")
        .arg(&out)
        .arg("-")
        .output()
        .expect("pdftotext");
    let text = String::from_utf8_lossy(&text.stdout);
    assert!(
        text.contains("Điểm hội nghị"),
        "the layer is in the legend: {text}"
    );
    assert!(text.contains("Hội nghị · bước 1/2"), "the step's line");
    let missing = atlas_bin()
        .arg("pdf")
        .arg(dir.path().join("x.pdf"))
        .arg("--project")
        .arg(dir.path().join("none.lsatlas"))
        .output()
        .expect("runs");
    assert!(!missing.status.success());
    assert!(
        String::from_utf8_lossy(&missing.stderr).contains("none.lsatlas"),
        "the file is named"
    );
}

#[test]
fn the_video_verb_records_a_project_tour_for_its_cards_and_steps() {
    if !common::needs_tool("ffprobe", "the_video_verb_records_a_project_tour…") {
        return;
    }
    let dir = tempfile::tempdir().expect("temp");
    let project = conference_project(dir.path());
    let out = dir.path().join("tour.mp4");
    let run = atlas_bin()
        .arg("video")
        .arg(&out)
        .arg("--project")
        .arg(&project)
        .args(["--tour", "Hội nghị", "--size", "640x360", "--fps", "25"])
        .env(
            "XDG_RUNTIME_DIR",
            std::env::var_os("XDG_RUNTIME_DIR").unwrap_or_else(|| dir.path().into()),
        )
        .output()
        .expect("runs");
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    let probe = Command::new("ffprobe")
        .args([
            "-v",
            "error",
            "-show_entries",
            "format=duration",
            "-of",
            "csv=p=0",
        ])
        .arg(&out)
        .output()
        .expect("ffprobe");
    let seconds: f64 = String::from_utf8_lossy(&probe.stdout)
        .trim()
        .parse()
        .expect("a duration");
    // Title card 4 s, two steps of 1 s, end card 6 s.
    assert!((seconds - 12.0).abs() <= 0.04 + 1e-6, "{seconds} s");
    let unknown = atlas_bin()
        .arg("video")
        .arg(dir.path().join("x.mp4"))
        .arg("--project")
        .arg(&project)
        .args(["--tour", "Không có"])
        .output()
        .expect("runs");
    assert!(!unknown.status.success());
    assert!(
        String::from_utf8_lossy(&unknown.stderr).contains("Hội nghị"),
        "the tours it has are named"
    );
}
