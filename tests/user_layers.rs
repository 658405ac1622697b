//! The reader's own layers in the window, driven headless: opening files (a count, a
//! broken file beside good ones, a CRS to choose), the attribute table (sort, filter,
//! select, the selection on the map, CSV), styles and their legend, identify, and the
//! layers coming back after a restart, a moved file reported.

#![allow(
    clippy::expect_used,
    clippy::unwrap_used,
    reason = "the test's helpers: a failed expectation is a failed test"
)]

mod common;

use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use langson_atlas::layers::style::{Paint, Style};
use langson_atlas::layers::{LayerId, Slot, Source};
use langson_atlas::state::{Action, Prompt, Settings, TableOf, UserAction};
use langson_atlas::{AtlasApp, Options};
use std::path::{Path, PathBuf};

fn data(name: &str) -> PathBuf {
    Path::new("tests/data").join(name)
}

fn harness_with(layers: Vec<PathBuf>, stored: Option<Settings>) -> Harness<'static, AtlasApp> {
    let mut harness = unsettled(layers, stored);
    settle(&mut harness);
    harness
}

/// The window after its first frames, with its loads still running.
fn unsettled(layers: Vec<PathBuf>, stored: Option<Settings>) -> Harness<'static, AtlasApp> {
    let mut harness = Harness::builder()
        .with_size(egui::vec2(1400.0, 900.0))
        .with_max_steps(64)
        .with_theme(egui::Theme::Light)
        .with_context_setup(langson_atlas::theme::fonts::install)
        .build_eframe(move |cc| {
            AtlasApp::new(
                &cc.egui_ctx,
                Options {
                    offline: true,
                    layers: layers.clone(),
                    ..Options::default()
                },
                stored.clone(),
            )
        });
    harness.run_steps(4);
    harness
}

/// Runs frames until every load has finished (workers report between frames).
fn settle(harness: &mut Harness<'static, AtlasApp>) {
    for _ in 0..500 {
        harness.run_steps(1);
        if !harness.state().loading() {
            harness.run_steps(2);
            return;
        }
        harness
            .state_mut()
            .wait_for_load(std::time::Duration::from_millis(100));
    }
    panic!("the layers did not finish loading");
}

fn only_layer(harness: &Harness<'static, AtlasApp>) -> LayerId {
    harness
        .state()
        .user
        .layers
        .ready()
        .next()
        .expect("a layer is on the map")
        .id
}

#[test]
fn opening_a_file_adds_a_layer_with_its_feature_count() {
    let h = harness_with(vec![data("lo-dat-vn2000.shp")], None);
    let layers: Vec<_> = h.state().user.layers.ready().collect();
    assert_eq!(layers.len(), 1);
    assert_eq!(layers[0].data.features.len(), 12);
    assert_eq!(layers[0].stored.name, "lo-dat-vn2000");
    h.get_by_label_contains("12 đối tượng · ESRI Shapefile · VN-2000 / TM-3 107-15");
}

#[test]
fn a_broken_file_shows_its_message_and_leaves_the_others() {
    let h = harness_with(
        vec![
            data("sites.geojson"),
            data("not-geojson.geojson"),
            data("du-an.kmz"),
        ],
        None,
    );
    let slots = &h.state().user.layers.slots;
    assert_eq!(slots.len(), 3);
    let failed: Vec<String> = slots
        .iter()
        .filter_map(|s| match s {
            Slot::Failed { problem, .. } => Some(problem.to_string()),
            Slot::Loading { .. } | Slot::Ready(_) => None,
        })
        .collect();
    assert_eq!(failed.len(), 1);
    assert!(failed[0].contains("not-geojson.geojson"), "{}", failed[0]);
    h.get_by_label_contains("not-geojson.geojson:");
    assert_eq!(h.state().user.layers.ready().count(), 2);
}

#[test]
fn a_file_in_metres_without_a_crs_asks_for_one_and_opens_in_the_chosen_zone() {
    let mut h = harness_with(vec![data("sites-vn2000-no-crs.geojson")], None);
    assert!(h.state().user.layers.slots.is_empty());
    h.get_by_label("Chọn hệ tọa độ");
    h.get_by_label_contains("Lạng Sơn: VN-2000 / TM-3 107-15 (EPSG:9215)")
        .click();
    h.run_steps(2);
    settle(&mut h);
    let layer = h
        .state()
        .user
        .layers
        .ready()
        .next()
        .expect("opened")
        .data
        .clone();
    assert_eq!(layer.crs, langson_atlas::sources::Crs::Vn2000Tm3(107.25));
}

#[test]
fn the_attribute_table_sorts_filters_selects_and_exports() {
    let mut h = harness_with(vec![data("investors.csv")], None);
    let id = only_layer(&h);
    h.state_mut()
        .apply(Action::User(UserAction::ShowTable(Some(TableOf::User(id)))));
    h.run_steps(2);
    h.get_by_label("12 trên 12 · 0 đã chọn");

    // Sort by capital, descending on the second click: the largest comes first.
    h.get_by_label("capital_billion_vnd").click();
    h.run_steps(2);
    h.get_by_label("capital_billion_vnd ▲").click();
    h.run_steps(2);
    let layer = h.state_mut().user.layers.get_mut(id).expect("layer");
    let rows = layer.table.rows(&layer.data);
    let capital =
        |i: usize| langson_atlas::layers::style::number(&layer.data.features[i].values[1]);
    assert!(
        rows.windows(2).all(|w| capital(w[0]) >= capital(w[1])),
        "sorted descending"
    );

    // The quick filter keeps the matching rows, and the count says so.
    layer.table.quick = "corner".to_owned();
    h.run_steps(2);
    h.get_by_label_contains("trên 12 · 0 đã chọn");
    let shown = {
        let layer = h.state_mut().user.layers.get_mut(id).expect("layer");
        layer.table.rows(&layer.data)
    };
    assert!(!shown.is_empty() && shown.len() < 12);

    // Clicking a row selects it, identifies it, and the map shows it.
    h.get_by_label("SW corner").click();
    h.run_steps(3);
    let layer = h.state().user.layers.get(id).expect("layer");
    let picked: Vec<usize> = layer.selected.iter().copied().collect();
    assert_eq!(picked.len(), 1);
    assert_eq!(
        layer.data.features[picked[0]].values[0],
        langson_atlas::sources::Value::Text("SW corner".to_owned())
    );
    h.get_by_label("Thuộc tính");

    // Export: the shown rows as CSV with a byte-order mark, beside the picture exports.
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("table-export");
    let _ = std::fs::remove_dir_all(&dir);
    h.state_mut().state.export.dir = dir.display().to_string();
    h.state_mut()
        .apply(Action::User(UserAction::ExportRows(id)));
    let csv = std::fs::read(dir.join("investors.csv")).expect("written");
    assert!(csv.starts_with(b"\xEF\xBB\xBFname,capital_billion_vnd,listed,lon,lat"));
    // The layer list says where it went, with a button that shows the folder.
    h.run_steps(2);
    let note = h.state().state.user.export_note.clone().expect("a note");
    assert!(note.ok && note.text.contains("investors.csv"), "{note:?}");
    assert_eq!(note.folder.as_deref(), Some(dir.as_path()));
    h.get_by_label("Mở thư mục");
    let lines = String::from_utf8_lossy(&csv).lines().count();
    assert_eq!(lines, 1 + shown.len());
    h.state_mut()
        .apply(Action::User(UserAction::ExportSelection(id)));
    let json = std::fs::read_to_string(dir.join("investors-selection.geojson")).expect("written");
    assert!(json.contains("SW corner") && json.contains("FeatureCollection"));
}

/// The selected feature is ringed in the selection colour on the map.
#[test]
fn a_selected_row_shows_on_the_map() {
    let mut h = harness_with(vec![data("investors.csv")], None);
    let id = only_layer(&h);
    // Row 2 of the file: "Lang Son city", 106.76 E 21.85 N.
    let (index, at) = (
        1,
        geo::Coord {
            x: 106.76,
            y: 21.85,
        },
    );
    h.state_mut()
        .apply(Action::User(UserAction::SelectRows(id, vec![index], false)));
    h.run_steps(3);
    let image = h.render().expect("rendered");
    let p = common::screen_pos(&h, at);
    let ringed = (-12i32..=12).any(|dx| {
        (-12i32..=12).any(|dy| {
            let (x, y) = (p.x as i32 + dx, p.y as i32 + dy);
            image
                .get_pixel_checked(x as u32, y as u32)
                .is_some_and(|px| px.0[0] < 60 && px.0[1] > 170 && px.0[2] > 220)
        })
    });
    assert!(ringed, "no selection ring around {p:?}");
}

/// A partly broken file's note gives the skipped feature's reason and, apart from it, what
/// the loader mended.
#[test]
fn a_layer_note_says_what_was_skipped_and_what_was_mended() {
    let h = harness_with(vec![data("rings.geojson")], None);
    assert_eq!(h.state().user.layers.ready().count(), 1);
    h.get_by_label_contains("1 đối tượng bị bỏ qua: feature 3: a polygon ring has fewer");
    h.get_by_label_contains("Lưu ý: feature 2: a polygon ring does not end where it starts");
}

/// A large file shows its progress and a Cancel button while it loads on its worker; the
/// map answers meanwhile; Cancel takes the layer away and leaves the others.
#[test]
fn a_loading_file_shows_progress_and_cancel_takes_it_away() {
    let big = Path::new(env!("CARGO_TARGET_TMPDIR")).join("nhieu-diem.geojson");
    let mut text = String::from("{\"type\":\"FeatureCollection\",\"features\":[");
    for i in 0..400_000 {
        let (x, y) = (
            106.0 + (i % 1000) as f64 * 0.001,
            21.5 + (i / 1000) as f64 * 0.002,
        );
        if i > 0 {
            text.push(',');
        }
        text.push_str(&format!(
            "{{\"type\":\"Feature\",\"properties\":{{\"so\":{i}}},\"geometry\":{{\"type\":\"Point\",\"coordinates\":[{x},{y}]}}}}"
        ));
    }
    text.push_str("]}");
    std::fs::write(&big, text).expect("a large file");

    let mut h = unsettled(vec![data("sites.geojson"), big], None);
    h.run_steps(1);
    let loading = h
        .state()
        .user
        .layers
        .slots
        .iter()
        .find_map(|s| match s {
            Slot::Loading { id, stored, .. } if stored.name == "nhieu-diem" => Some(*id),
            Slot::Loading { .. } | Slot::Ready(_) | Slot::Failed { .. } => None,
        })
        .expect("the large file is still loading");
    h.get_by_label_contains("Đang đọc");
    // The map still answers while the worker reads.
    let zoom = h.state().map.zoom();
    h.state_mut().apply(Action::ZoomIn);
    h.run_steps(1);
    assert!(
        h.state().map.zoom() > zoom,
        "the map zooms while a file loads"
    );

    let cancel = h
        .get_all_by_label("Hủy")
        .next()
        .expect("a Cancel button beside the progress bar");
    cancel.click();
    settle(&mut h);
    let slots = &h.state().user.layers.slots;
    assert!(
        slots.iter().all(|s| s.stored().name != "nhieu-diem"),
        "the cancelled layer is gone"
    );
    assert!(h.state().user.layers.get(loading).is_none());
    assert_eq!(h.state().user.layers.ready().count(), 1, "sites stays");
}

/// Quantile classes of a numeric field: one legend row per class, in the list.
#[test]
fn a_graduated_style_lists_its_classes_in_the_legend() {
    let mut h = harness_with(vec![data("investors.csv")], None);
    let id = only_layer(&h);
    let style = Style {
        paint: Paint::Graduated {
            field: "capital_billion_vnd".to_owned(),
            classes: 4,
        },
        ..Style::single(0)
    };
    h.state_mut()
        .apply(Action::User(UserAction::SetStyle(id, style)));
    h.run_steps(2);
    let legend = h
        .state()
        .user
        .layers
        .get(id)
        .expect("layer")
        .painted
        .legend
        .clone();
    assert_eq!(legend.len(), 4, "{legend:?}");
    for (label, _) in &legend {
        assert!(label.contains(" – "), "a class is a range: {label}");
        h.get_by_label(label);
    }
    let colours: std::collections::BTreeSet<_> = legend.iter().map(|(_, c)| *c).collect();
    assert_eq!(colours.len(), 4, "one colour per class");
}

/// ▲ and ▼ move a layer in the list, which is the drawing order.
#[test]
fn layers_move_up_and_down_the_list() {
    let mut h = harness_with(vec![data("sites.geojson"), data("investors.csv")], None);
    let names = |h: &Harness<'static, AtlasApp>| -> Vec<String> {
        h.state()
            .user
            .layers
            .ready()
            .map(|l| l.stored.name.clone())
            .collect()
    };
    assert_eq!(names(&h), ["investors", "sites"]);
    let sites = h
        .state()
        .user
        .layers
        .ready()
        .find(|l| l.stored.name == "sites")
        .expect("sites")
        .id;
    h.state_mut()
        .apply(Action::User(UserAction::MoveLayer(sites, -1)));
    h.run_steps(1);
    assert_eq!(names(&h), ["sites", "investors"]);
    h.state_mut()
        .apply(Action::User(UserAction::MoveLayer(sites, -1)));
    assert_eq!(names(&h), ["sites", "investors"], "the top stays the top");
}

#[test]
fn a_categorised_style_changes_colours_and_legend() {
    let mut h = harness_with(vec![data("su-dung-dat-1258.shp")], None);
    let id = only_layer(&h);
    let style = Style {
        paint: Paint::Categorised {
            field: "loai_dat".to_owned(),
        },
        ..Style::single(0)
    };
    h.state_mut()
        .apply(Action::User(UserAction::SetStyle(id, style)));
    h.run_steps(2);
    for category in ["Đất ở tại đô thị", "Đất trồng lúa", "Đất khu công nghiệp"]
    {
        h.get_by_label(category);
    }
    let layer = h.state().user.layers.get(id).expect("layer");
    let mut colours = layer.painted.colours.clone();
    colours.dedup();
    assert_eq!(colours.len(), 3, "one colour per category");
}

#[test]
fn clicking_a_user_feature_on_the_map_shows_its_attributes() {
    let mut h = harness_with(vec![data("investors.csv")], None);
    h.state_mut().apply(Action::SetLayer(
        langson_atlas::atlas::LayerKind::Gates,
        false,
    ));
    h.run_steps(2);
    // Inside Bắc Sơn district: a plan area, where the reader's own point wins the click.
    let p = common::screen_pos(&h, geo::Coord { x: 106.3, y: 21.9 });
    common::click_at(&mut h, p);
    let hit = h.state().state.user.identified.unwrap_or_else(|| {
        panic!(
            "a user feature identified at {p:?}: map {:?}, user {:?}, selected {:?}",
            h.state().map.out.map_rect,
            h.state().user.out,
            h.state().state.selected
        )
    });
    let layer = h.state().user.layers.get(hit.0).expect("layer");
    assert_eq!(
        layer.data.features[hit.1].values[0],
        langson_atlas::sources::Value::Text("Bac Son area".to_owned())
    );
    h.get_by_label("Thuộc tính");
    h.get_by_label("capital_billion_vnd");
    // The map's pick is the table's selection too; Ctrl-clicking it again takes it out.
    let picked = |h: &Harness<'static, AtlasApp>| {
        let layer = h.state().user.layers.get(hit.0).expect("layer");
        layer.selected.iter().copied().collect::<Vec<usize>>()
    };
    assert_eq!(picked(&h), [hit.1]);
    h.state_mut().apply(Action::User(UserAction::SelectRows(
        hit.0,
        vec![hit.1],
        true,
    )));
    assert!(picked(&h).is_empty());
}

/// The layers, their names and styles come back; a file moved away is named in the list
/// while the others still open, and a file changed since is opened and said to have changed.
#[test]
fn layers_come_back_after_a_restart_and_a_moved_file_is_reported() {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("restore");
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("dir");
    for name in ["sites.geojson", "investors.csv"] {
        std::fs::copy(data(name), dir.join(name)).expect("copy");
    }
    let mut h = harness_with(
        vec![dir.join("sites.geojson"), dir.join("investors.csv")],
        None,
    );
    let id = h
        .state()
        .user
        .layers
        .ready()
        .find(|l| l.stored.name == "investors")
        .expect("investors")
        .id;
    h.state_mut().apply(Action::User(UserAction::RenameLayer(
        id,
        "Nhà đầu tư".to_owned(),
    )));
    let style = Style {
        label: Some("name".to_owned()),
        ..Style::single(3)
    };
    h.state_mut()
        .apply(Action::User(UserAction::SetStyle(id, style.clone())));
    let stored = h.state().settings_to_store();
    let json = serde_json::to_string(&stored).expect("settings serialise");
    let stored: Settings = serde_json::from_str(&json).expect("and read back");

    let again = harness_with(Vec::new(), Some(stored.clone()));
    let back = again
        .state()
        .user
        .layers
        .ready()
        .find(|l| l.stored.name == "Nhà đầu tư")
        .expect("renamed layer is back");
    assert_eq!(back.stored.style, style);
    assert_eq!(again.state().user.layers.ready().count(), 2);

    std::fs::rename(dir.join("sites.geojson"), dir.join("moved.geojson")).expect("move");
    let after_move = harness_with(Vec::new(), Some(stored.clone()));
    let slots = &after_move.state().user.layers.slots;
    assert!(
        slots
            .iter()
            .any(|s| matches!(s, Slot::Failed { problem, .. }
        if problem.to_string().contains("sites.geojson")
            && problem.to_string().contains("no longer there")))
    );
    assert_eq!(after_move.state().user.layers.ready().count(), 1);
    after_move.get_by_label_contains("tệp không còn ở đó");

    // A file changed since: it opens as it is now, and the list says it changed.
    let csv = dir.join("investors.csv");
    let mut text = std::fs::read_to_string(&csv).expect("csv");
    text.push_str("\"Thêm một dòng\",106.8,21.9,1,false\r\n");
    std::fs::write(&csv, text).expect("changed");
    let after_change = harness_with(Vec::new(), Some(stored));
    let changed = after_change
        .state()
        .user
        .layers
        .ready()
        .find(|l| l.stored.name == "Nhà đầu tư")
        .expect("the changed file still opens");
    assert!(changed.changed);
    assert_eq!(changed.data.features.len(), 13);
    after_change.get_by_label_contains("tệp đã thay đổi từ phiên trước");
}

/// Two files opened together that each need an answer are asked about in turn; neither is
/// lost.
#[test]
fn questions_of_files_opened_together_are_asked_in_turn() {
    let mut h = harness_with(
        vec![data("sites-vn2000-no-crs.geojson"), data("du-an.gpkg")],
        None,
    );
    h.get_by_label_contains("Tệp khác đang chờ câu trả lời sau tệp này: 1");
    let first_is_crs = matches!(h.state().state.user.prompt, Some(Prompt::Crs(_)));
    if first_is_crs {
        h.get_by_label_contains("Lạng Sơn: VN-2000 / TM-3 107-15 (EPSG:9215)")
            .click();
    } else {
        h.get_by_label("lo_dat").click();
    }
    h.run_steps(2);
    // The other question is shown now.
    assert!(match &h.state().state.user.prompt {
        Some(Prompt::Crs(_)) => !first_is_crs,
        Some(Prompt::Layer(..)) => first_is_crs,
        _ => false,
    });
    h.run_steps(2);
    if first_is_crs {
        h.get_by_label("lo_dat").click();
    } else {
        h.get_by_label_contains("Lạng Sơn: VN-2000 / TM-3 107-15 (EPSG:9215)")
            .click();
    }
    h.run_steps(2);
    settle(&mut h);
    assert!(
        h.state().state.user.prompt.is_none(),
        "{:?} then {:?}",
        h.state().state.user.prompt,
        h.state().state.user.prompts_waiting
    );
    assert_eq!(h.state().user.layers.ready().count(), 2);
}

#[test]
fn a_geopackage_with_two_tables_asks_which() {
    let mut h = harness_with(vec![data("du-an.gpkg")], None);
    assert!(matches!(
        h.state().state.user.prompt,
        Some(Prompt::Layer(_, _))
    ));
    h.get_by_label("lo_dat").click();
    h.run_steps(2);
    settle(&mut h);
    let layer = h.state().user.layers.ready().next().expect("opened");
    assert_eq!(
        layer.stored.source,
        Source {
            layer: Some("lo_dat".to_owned()),
            ..Source::file(data("du-an.gpkg"))
        }
    );
    assert_eq!(layer.data.features.len(), 12);
}

/// A file as the window hands it over on a drop.
#[derive(Debug)]
struct Dropped(PathBuf);

impl egui::DroppedFile for Dropped {
    fn path(&self) -> &Path {
        &self.0
    }

    fn bytes(&self) -> Result<Vec<u8>, String> {
        std::fs::read(&self.0).map_err(|e| e.to_string())
    }
}

/// Files held over the window are announced; dropped, a VN-2000 shapefile, a KMZ and a CSV
/// become three layers, each in its own place.
#[test]
fn dropping_files_on_the_window_opens_them() {
    let mut h = harness_with(Vec::new(), None);
    // Held over the window for a few frames (a new overlay sizes itself on its first one).
    for _ in 0..3 {
        h.input_mut().hovered_files.push(egui::HoveredFile {
            path: Some(data("lo-dat-vn2000.shp")),
            mime: String::new(),
        });
        h.run_steps(1);
    }
    h.get_by_label("Thả tệp để mở thành lớp bản đồ");
    h.input_mut().hovered_files.clear();
    for name in ["lo-dat-vn2000.shp", "du-an.kmz", "investors.csv"] {
        let file: egui::DroppedFileHandle = std::sync::Arc::new(Dropped(data(name)));
        h.input_mut().dropped_files.push(file);
    }
    h.run_steps(1);
    settle(&mut h);
    let layers = &h.state().user.layers;
    let names: Vec<&str> = layers.ready().map(|l| l.stored.name.as_str()).collect();
    assert_eq!(
        names,
        ["investors", "du-an", "lo-dat-vn2000"],
        "the last dropped on top"
    );
    let shp = layers
        .ready()
        .find(|l| l.stored.name == "lo-dat-vn2000")
        .expect("shapefile");
    let bbox = shp.index.bbox().expect("located");
    assert!(
        (106.0..107.5).contains(&bbox.min().x) && (21.0..23.0).contains(&bbox.min().y),
        "the VN-2000 metres land in Lạng Sơn: {bbox:?}"
    );
}

/// A plan layer's table, then another's: the second shows its own rows, with none of the
/// first one's filter.
#[test]
fn switching_plan_tables_starts_afresh() {
    use langson_atlas::atlas::LayerKind;
    let mut h = harness_with(Vec::new(), None);
    h.state_mut()
        .apply(Action::User(UserAction::ShowTable(Some(TableOf::Plan(
            LayerKind::Gates,
        )))));
    h.run_steps(2);
    if let Some(view) = h.state_mut().tables.plan_view_mut() {
        view.quick = "Hữu Nghị".to_owned();
    }
    h.run_steps(2);
    h.state_mut()
        .apply(Action::User(UserAction::ShowTable(Some(TableOf::Plan(
            LayerKind::Industry,
        )))));
    h.run_steps(2);
    assert!(
        h.state()
            .tables
            .plan_view()
            .is_some_and(|v| v.quick.is_empty())
    );
    let sites = h
        .state()
        .atlas
        .features()
        .iter()
        .filter(|f| f.kind().layer() == LayerKind::Industry)
        .count();
    h.get_by_label(&format!("{sites} trên {sites} · 0 đã chọn"));

    // A site selected (on the map, in search or in this table) counts as this table's
    // selection, and exports as GeoJSON; a gate selected does not count here.
    let site = h
        .state()
        .atlas
        .features()
        .iter()
        .find(|f| f.kind().layer() == LayerKind::Industry)
        .expect("a site")
        .id()
        .clone();
    h.state_mut().apply(Action::Select(site));
    h.run_steps(2);
    h.get_by_label(&format!("{sites} trên {sites} · 1 đã chọn"));
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("plan-selection");
    let _ = std::fs::remove_dir_all(&dir);
    h.state_mut().state.export.dir = dir.display().to_string();
    h.state_mut()
        .apply(Action::User(UserAction::ExportPlanSelection));
    h.state_mut()
        .apply(Action::User(UserAction::ExportPlanSelection));
    let written: Vec<String> = std::fs::read_dir(&dir)
        .expect("exports written")
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(
        written.len(),
        2,
        "a second export does not overwrite the first: {written:?}"
    );
    let json = std::fs::read_to_string(dir.join(&written[0])).expect("read");
    let collection: geojson::FeatureCollection = json.parse().expect("GeoJSON");
    assert_eq!(collection.features.len(), 1);
    let gate = h
        .state()
        .atlas
        .features()
        .iter()
        .find(|f| f.kind().layer() == LayerKind::Gates)
        .expect("a gate")
        .id()
        .clone();
    h.state_mut().apply(Action::Select(gate));
    h.run_steps(2);
    h.get_by_label(&format!("{sites} trên {sites} · 0 đã chọn"));
}

/// A surveyor's table with unknown column names: the columns are chosen, then the zone, and
/// the points land where PROJ puts them.
#[test]
fn a_table_with_unknown_columns_asks_for_them_then_for_the_crs() {
    let mut h = harness_with(vec![data("du-an-toa-do.csv")], None);
    h.get_by_label("Chọn cột tọa độ");
    h.get_by_label("Mở").click();
    h.run_steps(2);
    settle(&mut h);
    h.get_by_label("Chọn hệ tọa độ");
    h.get_by_label_contains("Lạng Sơn: VN-2000 / TM-3 107-15 (EPSG:9215)")
        .click();
    h.run_steps(2);
    settle(&mut h);
    let layer = h.state().user.layers.ready().next().expect("opened");
    assert_eq!(layer.data.features.len(), 12);
    let Some(geo::Geometry::Point(p)) = &layer.data.features[0].geometry else {
        panic!("a point");
    };
    // Hữu Nghị border gate, by PROJ through EPSG:6960 (tests/data/vn2000-reference.json).
    let reference = common::vn2000_reference();
    let lonlat = reference[0].2;
    assert!((p.x() - lonlat[0]).abs() < 1e-6 && (p.y() - lonlat[1]).abs() < 1e-6);
}
