//! File › Publish as web page… in the window (headless): the Publish window's web tab, the
//! folder written on the publication's thread where the export folder is (tests have no
//! save dialog), and the button that opens the page.

#![allow(
    clippy::expect_used,
    clippy::unwrap_used,
    reason = "the test's helpers: a failed expectation is a failed test"
)]

mod common;

use egui_kittest::kittest::Queryable;
use std::time::Duration;

#[test]
fn the_file_menu_publishes_the_atlas_as_a_web_page_in_the_export_folder() {
    let dir = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("publish-web");
    let _ = std::fs::remove_dir_all(&dir);
    let mut h = common::harness();
    h.state_mut().state.export.dir = dir.display().to_string();
    h.get_by_label("Tệp").click();
    h.run_steps(2);
    h.get_by_label("Xuất thành trang web…").click();
    h.run_steps(4);
    h.get_by_label("English").click();
    h.run_steps(2);
    h.get_by_label("Chọn thư mục và xuất…").click();
    h.run_steps(1);
    for _ in 0..300 {
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
    let state = h.state().state.publish.clone();
    let status = state.status.expect("the page was written");
    assert!(status.ok, "{}", status.message);
    let page = state.web_page.expect("the page to open");
    assert_eq!(page, dir.join("langson-atlas-web").join("index.html"));
    let model = std::fs::read_to_string(dir.join("langson-atlas-web/data/model.js"))
        .expect("the model is written");
    assert!(
        model.contains(r#""lang":"en""#),
        "the page opens in English"
    );
    h.get_by_label("Mở trong trình duyệt");
}
