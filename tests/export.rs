//! PNG export: pictures of the requested size, with the map, the title and a legend burned
//! in, for the current view and for every tour step.

#![allow(
    clippy::expect_used,
    clippy::unwrap_used,
    reason = "the test's helpers: a failed expectation is a failed test"
)]

mod common;

use langson_atlas::atlas::Lang;
use langson_atlas::charts::ChartPage;
use langson_atlas::charts::targets::STATED;
use langson_atlas::export::gpu::wgpu;
use langson_atlas::export::{self, ExportRequest};
use langson_atlas::map::Visibility;
use langson_atlas::present::tour::Tour;
use std::collections::HashSet;
use std::sync::Arc;

/// A headless GPU device, as the export makes where it has no window (Mesa's software
/// Vulkan driver in CI).
fn gpu() -> export::Gpu {
    export::Gpu::headless().expect("a graphics adapter (scripts/install-deps.sh installs Mesa)")
}

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
        user: None,
        year: None,
        charts: None,
    }
}

#[test]
fn a_4k_export_has_the_requested_size_a_map_and_a_legend() {
    let exported = export::render(
        &gpu(),
        Arc::new(common::atlas()),
        &province_request([3840, 2160]),
    )
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
    let err = export::render(
        &gpu(),
        Arc::new(common::atlas()),
        &province_request([100, 100]),
    )
    .err();
    assert!(err.is_some_and(|e| e.to_string().contains("100×100")));
}

#[test]
fn every_tour_step_is_exported_as_a_numbered_png() {
    let dir = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("tour-export");
    let _ = std::fs::remove_dir_all(&dir);
    let tour = Tour::embedded().expect("tour");
    let steps = std::cell::RefCell::new(Vec::new());
    let progress = |done, total| steps.borrow_mut().push((done, total));
    let files = export::export_tour(
        &gpu(),
        Arc::new(common::atlas()),
        &tour,
        &export::TourPictures {
            lang: Lang::En,
            size: [960, 540],
            user: None,
        },
        &dir,
        &progress,
    )
    .expect("exported");
    let n = tour.steps.len();
    assert_eq!(
        steps.into_inner(),
        (0..n).map(|i| (i, n)).collect::<Vec<_>>(),
        "progress"
    );
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
        if !h.state().exports.is_running() {
            break;
        }
        h.state_mut()
            .exports
            .wait(std::time::Duration::from_millis(200));
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

/// Where no graphics adapter exists, the export says why instead of failing later (or
/// panicking), and the export window disables its buttons with the reason.
#[test]
fn without_a_graphics_adapter_the_export_window_says_why() {
    use egui_kittest::kittest::Queryable;
    let none = export::Gpu::headless_on(Some(wgpu::Backends::empty()));
    let Err(reason) = none else {
        panic!("no backend, no adapter");
    };
    assert!(
        matches!(reason, export::ExportError::NoAdapter(_)),
        "{reason}"
    );
    let mut h = common::harness();
    h.state_mut().set_export_gpu(Err(reason.clone()));
    h.get_by_label("Xuất ảnh PNG").click();
    h.run_steps(5);
    h.get_by_label_contains("Không xuất ảnh được trên máy này");
    h.state_mut()
        .apply(langson_atlas::state::Action::ExportView);
    h.run_steps(2);
    assert!(!h.state().exports.is_running());
    let status = h.state().state.export.status.clone().expect("a status");
    assert!(
        !status.ok && status.message.contains("adapter"),
        "{}",
        status.message
    );
}

/// An 8K picture is drawn from basemap tiles rendered at its own resolution, not upscaled:
/// the offline tiles follow the picture's pixels per point.
#[test]
fn offline_tiles_follow_the_picture_s_resolution() {
    use langson_atlas::map::basemap::offline::tile_pixels;
    assert_eq!(tile_pixels(1.0), 256);
    assert_eq!(tile_pixels(2.0), 512);
    assert_eq!(
        tile_pixels(4.0),
        1024,
        "an 8K export (7680 px over 1920 points)"
    );
}

/// For a look by eye (not in CI: several seconds of tile rendering in a debug build):
/// `cargo test --test export -- --ignored` writes an 8K picture of the province to
/// `target/tmp/export-8k.png`.
#[test]
#[ignore]
fn an_8k_picture_to_look_at() {
    let exported = export::render(
        &gpu(),
        Arc::new(common::atlas()),
        &province_request([7680, 4320]),
    )
    .expect("renders");
    let path = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("export-8k.png");
    exported.image.save(&path).expect("saved");
}

/// The reader's visible layers are in the picture, in their style, and in its legend.
#[test]
fn a_view_export_draws_the_readers_own_layers() {
    use langson_atlas::layers::index::FeatureIndex;
    use langson_atlas::layers::style::{Paint, Style};
    use langson_atlas::layers::{LayerId, Loaded, Slot, Source, Stored, UserLayers};
    use langson_atlas::map::user_layer::WorldLayer;
    use langson_atlas::sources::{self, Progress};

    let path = std::path::Path::new("tests/data/su-dung-dat-1258.shp");
    let data = Arc::new(sources::open(path, None, &Progress::default()).expect("loads"));
    let style = Style {
        paint: Paint::Single([255, 0, 255]),
        ..Style::single(0)
    };
    let id = LayerId(1);
    let loaded = Loaded::new(
        id,
        Stored::new(Source::file(path), style),
        data.clone(),
        Arc::new(FeatureIndex::new(&data)),
    );
    let mut layers = UserLayers::default();
    layers.slots.push(Slot::Ready(Box::new(loaded)));
    let bbox = data.bbox().expect("located");
    let mut request = province_request([1920, 1080]);
    request.view = export::fit(
        egui::Rect::from_min_size(egui::Pos2::ZERO, egui::vec2(1920.0, 1080.0)),
        (bbox.min(), bbox.max()),
    );
    let magenta = |image: &image::RgbaImage| {
        image
            .pixels()
            .filter(|p| p.0[0] > 200 && p.0[1] < 90 && p.0[2] > 200)
            .count()
    };
    let without = export::render(&gpu(), Arc::new(common::atlas()), &request).expect("renders");
    assert_eq!(magenta(&without.image), 0, "no magenta without the layer");
    request.user = Some(export::UserExport {
        layers: Arc::new(layers),
        worlds: vec![(id, Arc::new(WorldLayer::new(&data)))],
    });
    let with = export::render(&gpu(), Arc::new(common::atlas()), &request).expect("renders");
    // Kept for a look: target/tmp/export-user-layer.png.
    let _ = with
        .image
        .save(std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("export-user-layer.png"));
    assert!(
        magenta(&with.image) > 2000,
        "{} magenta pixels",
        magenta(&with.image)
    );
    let legend = with.legend;
    let in_legend = (legend.min.y as u32..legend.max.y as u32)
        .flat_map(|y| (legend.min.x as u32..legend.max.x as u32).map(move |x| (x, y)))
        .filter(|&(x, y)| {
            with.image
                .get_pixel_checked(x, y)
                .is_some_and(|p| p.0[0] > 200 && p.0[1] < 90 && p.0[2] > 200)
        })
        .count();
    assert!(
        in_legend > 50,
        "the layer's swatch is in the legend ({in_legend} px)"
    );
}

#[test]
fn a_picture_carries_the_open_charts_and_the_timeline_s_year() {
    let atlas = Arc::new(common::atlas());
    let plain =
        export::render(&gpu(), atlas.clone(), &province_request([1920, 1080])).expect("renders");
    let request = ExportRequest {
        charts: Some(ChartPage::Targets),
        year: Some(2021),
        ..province_request([1920, 1080])
    };
    let exported = export::render(&gpu(), atlas, &request).expect("renders");
    let _ = exported
        .image
        .save(std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("export-charts.png"));
    // The stated figures' solid bars, in the left third where the charts panel sits.
    let stated = [STATED.r(), STATED.g(), STATED.b()];
    let count = |image: &image::RgbaImage| {
        image
            .enumerate_pixels()
            .filter(|(x, _, p)| *x < 760 && (0..3).all(|i| p.0[i].abs_diff(stated[i]) <= 4))
            .count()
    };
    assert!(count(&plain.image) < 50, "no charts unless asked");
    assert!(
        count(&exported.image) > 2000,
        "{} bar pixels",
        count(&exported.image)
    );
    // 2021: the border economic zone is dated as existing, the rest of the sites fade;
    // VSIP's symbol loses its colour.
    assert_ne!(plain.image, exported.image);
}
