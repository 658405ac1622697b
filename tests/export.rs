//! PNG export: pictures of the requested size, with the map, the title and a legend burned
//! in, for the current view and for every tour step.

mod common;

use langson_atlas::atlas::Lang;
use langson_atlas::export::{self, ExportRequest};
use langson_atlas::map::Visibility;
use langson_atlas::present::tour::Tour;
use std::collections::HashSet;
use std::sync::Arc;

fn province_request(size: [u32; 2]) -> ExportRequest {
    let atlas = common::atlas();
    let bounds = Tour::embedded().expect("tour").steps[0]
        .bounds(&atlas)
        .expect("located");
    ExportRequest {
        size,
        view: export::fit(
            egui::Rect::from_min_size(egui::Pos2::ZERO, egui::vec2(1920.0, 1080.0)),
            bounds,
        ),
        visible: Visibility::default(),
        highlights: vec![common::id("axis_dong_dang_huu_lung")],
        title: "Quy hoạch tỉnh Lạng Sơn 2021–2030".to_owned(),
        subtitle: Some("1 trục, 2 hành lang, 3 vùng".to_owned()),
        lang: Lang::Vi,
    }
}

#[test]
fn a_4k_export_has_the_requested_size_a_map_and_a_legend() {
    let exported = export::render(Arc::new(common::atlas()), &province_request([3840, 2160]))
        .expect("renders");
    assert_eq!(exported.image.dimensions(), (3840, 2160));
    let colours: HashSet<_> = exported.image.pixels().map(|p| p.0).collect();
    assert!(colours.len() > 1000, "{} colours: blank?", colours.len());

    let legend = exported.legend;
    assert!(
        legend.width() > 300.0 && legend.height() > 300.0,
        "legend {legend:?}"
    );
    let mut in_legend = HashSet::new();
    for y in (legend.min.y as u32..legend.max.y as u32).step_by(3) {
        for x in (legend.min.x as u32..legend.max.x as u32).step_by(3) {
            in_legend.insert(exported.image.get_pixel(x.min(3839), y.min(2159)).0);
        }
    }
    assert!(
        in_legend.len() > 50,
        "the legend region holds swatches and text ({} colours)",
        in_legend.len()
    );
}

#[test]
fn sizes_out_of_range_are_refused() {
    let err = export::render(Arc::new(common::atlas()), &province_request([100, 100])).err();
    assert!(err.is_some_and(|e| e.contains("100×100")));
}

#[test]
fn every_tour_step_is_exported_as_a_numbered_png() {
    let dir = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("tour-export");
    let _ = std::fs::remove_dir_all(&dir);
    let tour = Tour::embedded().expect("tour");
    let files = export::export_tour(Arc::new(common::atlas()), &tour, Lang::En, [960, 540], &dir)
        .expect("exported");
    assert_eq!(files.len(), tour.steps.len());
    let first = files[0]
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or_default()
        .to_owned();
    assert!(first.starts_with("01-"), "{first}");
    for file in files {
        let image = image::open(&file).expect("a PNG");
        assert_eq!((image.width(), image.height()), (960, 540));
    }
}

#[test]
fn the_export_window_writes_the_current_view() {
    use egui_kittest::kittest::Queryable;
    let dir = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("view-export");
    let _ = std::fs::remove_dir_all(&dir);
    let mut h = common::harness();
    h.get_by_label("Xuất ảnh PNG").click();
    // A new window measures itself on its first frame.
    h.run_steps(5);
    h.state_mut().state.export.dir = dir.display().to_string();
    h.get_by_label("1920×1080").click();
    h.run_steps(1);
    h.get_by_label("Xuất khung nhìn này").click();
    h.run_steps(1);
    for _ in 0..600 {
        if h.state().state.export.running.is_none() {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(100));
        h.run_steps(1);
    }
    let status = h
        .state()
        .state
        .export
        .status
        .clone()
        .expect("the export finished");
    assert!(status.ok, "{}", status.message);
    let files: Vec<_> = std::fs::read_dir(&dir).expect("folder").flatten().collect();
    assert_eq!(files.len(), 1);
    let image = image::open(files[0].path()).expect("a PNG");
    assert_eq!((image.width(), image.height()), (1920, 1080));
}
