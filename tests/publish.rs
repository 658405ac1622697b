//! File › Export PDF atlas… and Export tour video… in the window (headless): the Publish
//! window's choices, the export on its own thread with progress, Cancel, and the file
//! where the export folder is (tests have no save dialog).

#![allow(
    clippy::expect_used,
    clippy::unwrap_used,
    reason = "the test's helpers: a failed expectation is a failed test"
)]

mod common;

use egui_kittest::kittest::Queryable;
use langson_atlas::state::Action;
use langson_atlas::state::publish::{Publication, PublishAction};
use std::time::Duration;

fn wait(h: &mut egui_kittest::Harness<'static, langson_atlas::AtlasApp>) {
    for _ in 0..900 {
        if !{
            let app = h.state_mut();
            app.publish
                .wait(Duration::from_millis(200), &mut app.state.publish)
        } {
            break;
        }
        h.run_steps(1);
    }
    h.run_steps(2);
}

#[test]
fn the_file_menu_exports_the_district_atlas_as_a_pdf_in_the_chosen_language() {
    let dir = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("publish-pdf");
    let _ = std::fs::remove_dir_all(&dir);
    let mut h = common::harness();
    h.state_mut().state.export.dir = dir.display().to_string();
    h.get_by_label("Tệp").click();
    h.run_steps(2);
    h.get_by_label("Xuất tập bản đồ PDF…").click();
    h.run_steps(4);
    h.get_by_label("English").click();
    h.run_steps(2);
    assert_eq!(
        h.state().state.publish.pdf.lang,
        langson_atlas::atlas::Lang::En
    );
    h.get_by_label("Xuất PDF…").click();
    h.run_steps(1);
    wait(&mut h);
    let status = h
        .state()
        .state
        .publish
        .status
        .clone()
        .expect("the export finished");
    assert!(status.ok, "{}", status.message);
    assert!(status.message.contains("14 pages"), "{}", status.message);
    let files: Vec<_> = std::fs::read_dir(&dir).expect("folder").flatten().collect();
    assert_eq!(files.len(), 1, "one PDF, no temporary file left");
    let bytes = std::fs::read(files[0].path()).expect("the PDF");
    assert!(bytes.starts_with(b"%PDF-"));
    // The window says where it went and offers the folder.
    h.get_by_label(&status.message);
}

#[test]
fn cancelling_the_tour_video_leaves_no_file_and_says_so() {
    let dir = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("publish-video");
    let _ = std::fs::remove_dir_all(&dir);
    let mut h = common::harness();
    h.state_mut().state.export.dir = dir.display().to_string();
    h.state_mut()
        .apply(Action::Publish(PublishAction::Show(Publication::Video)));
    h.run_steps(4);
    h.get_by_label("1280×720").click();
    h.get_by_label("25").click();
    h.run_steps(1);
    h.get_by_label("Xuất video…").click();
    h.run_steps(1);
    // Let a few frames be written, then Cancel from the window.
    for _ in 0..300 {
        {
            let app = h.state_mut();
            app.publish
                .wait(Duration::from_millis(100), &mut app.state.publish)
        };
        h.run_steps(1);
        if h.state()
            .state
            .publish
            .progress
            .is_some_and(|(done, _)| done >= 5)
        {
            break;
        }
    }
    let (_, total) = h.state().state.publish.progress.expect("under way");
    assert!(total > 2000, "the built-in tour at 25 fps: {total} frames");
    h.get_by_label("Huỷ").click();
    h.run_steps(1);
    wait(&mut h);
    let status = h.state().state.publish.status.clone().expect("finished");
    assert!(!status.ok);
    assert!(status.message.contains("cancelled"), "{}", status.message);
    let left: Vec<_> = std::fs::read_dir(&dir)
        .map(|d| d.flatten().collect())
        .unwrap_or_default();
    assert!(left.is_empty(), "{left:?}");
}
