//! Project files: what a project holds comes back equal in a fresh settings folder, with
//! data it opens where its files never were, and a broken one opens what it can and names
//! the rest. Fixtures: the layer files of `tests/data/` (see its README), copied to a
//! temporary folder per test; projects are written by the app itself.

#![allow(
    clippy::expect_used,
    clippy::unwrap_used,
    reason = "the test's helpers: a failed expectation is a failed test"
)]

mod common;

use egui_kittest::Harness;
use langson_atlas::atlas::LayerKind;
use langson_atlas::layers::style::{Paint, Style};
use langson_atlas::present::editor::Edit;
use langson_atlas::present::tour::TextField;
use langson_atlas::project::{self, Project};
use langson_atlas::state::{Action, ProjectAction, ToursAction, UserAction};
use langson_atlas::{AtlasApp, Options};
use std::path::{Path, PathBuf};
use std::time::Duration;

/// The app with no stored settings (a fresh settings folder), its embedded project data
/// unpacked under `data_dir`.
fn app(
    data_dir: &Path,
    project: Option<PathBuf>,
    layers: Vec<PathBuf>,
) -> Harness<'static, AtlasApp> {
    let data_dir = data_dir.to_path_buf();
    let mut h = Harness::builder()
        .with_size(egui::vec2(1400.0, 900.0))
        .with_max_steps(64)
        .with_context_setup(langson_atlas::theme::fonts::install)
        .build_eframe(move |cc| {
            AtlasApp::new(
                &cc.egui_ctx,
                Options {
                    offline: true,
                    project: project.clone(),
                    layers: layers.clone(),
                    data_dir: Some(data_dir.clone()),
                    ..Options::default()
                },
                None,
            )
        });
    h.run_steps(4);
    settle(&mut h);
    h
}

fn settle(h: &mut Harness<'static, AtlasApp>) {
    for _ in 0..500 {
        h.run_steps(1);
        if !h.state().loading() {
            h.run_steps(2);
            return;
        }
        h.state_mut().wait_for_load(Duration::from_millis(100));
    }
    panic!("the layers did not finish loading");
}

fn act(h: &mut Harness<'static, AtlasApp>, action: Action) {
    h.state_mut().apply(action);
    // A project opens on a worker: its answer is waited for, then shown.
    h.state_mut().wait_for_project(Duration::from_secs(10));
    h.run_steps(2);
}

/// A folder of its own with copies of the named fixtures (a shapefile with its parts).
fn fixtures(name: &str, files: &[&str]) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(dir.join("data")).expect("folder");
    for f in files {
        std::fs::copy(Path::new("tests/data").join(f), dir.join("data").join(f)).expect("copy");
    }
    dir
}

const SHAPEFILE: [&str; 4] = [
    "lo-dat-vn2000.shp",
    "lo-dat-vn2000.shx",
    "lo-dat-vn2000.dbf",
    "lo-dat-vn2000.prj",
];

/// A planner's project: a VN-2000 shapefile coloured by category, a CSV graduated and
/// labelled, two plan layers hidden, a five-step tour, a table filter.
fn planners_project(dir: &Path) -> Harness<'static, AtlasApp> {
    let shp = dir.join("data/lo-dat-vn2000.shp");
    let csv = dir.join("data/investors.csv");
    let mut h = app(&dir.join("unpacked"), None, vec![shp, csv]);
    let ids: Vec<_> = h
        .state()
        .user_layers()
        .ready()
        .map(|l| (l.id, l.stored.name.clone()))
        .collect();
    assert_eq!(ids.len(), 2, "both layers open: {ids:?}");
    for (id, name) in ids {
        let style = if name.contains("lo-dat") {
            Style {
                paint: Paint::Categorised {
                    field: "ten".to_owned(),
                },
                ..Style::single(0)
            }
        } else {
            Style {
                paint: Paint::Graduated {
                    field: "capital_billion_vnd".to_owned(),
                    classes: 3,
                },
                label: Some("name".to_owned()),
                ..Style::single(1)
            }
        };
        act(&mut h, Action::User(UserAction::SetStyle(id, style)));
        if name.contains("investors") {
            let layer = h.state_mut().user_layers_mut().get_mut(id).expect("layer");
            layer.table.quick = "Lang".to_owned();
            act(&mut h, Action::User(UserAction::LayerOpacity(id, 0.6)));
            act(
                &mut h,
                Action::User(UserAction::RenameLayer(id, "Nhà đầu tư".to_owned())),
            );
        }
    }
    act(&mut h, Action::SetLayer(LayerKind::Zones, false));
    act(&mut h, Action::SetLayer(LayerKind::Corridors, false));
    for n in 0..5 {
        act(&mut h, Action::ZoomIn);
        act(&mut h, Action::Tours(ToursAction::AddStepFromView));
        let caption = format!(
            "Bước thứ {} của chuyến",
            ["một", "hai", "ba", "bốn", "năm"][n]
        );
        act(
            &mut h,
            Action::Tours(ToursAction::Edit(Edit::Text(
                n,
                TextField::CaptionVi,
                caption,
            ))),
        );
        let caption = format!(
            "Step {} of the tour",
            ["one", "two", "three", "four", "five"][n]
        );
        act(
            &mut h,
            Action::Tours(ToursAction::Edit(Edit::Text(
                n,
                TextField::CaptionEn,
                caption,
            ))),
        );
    }
    act(
        &mut h,
        Action::Tours(ToursAction::Edit(Edit::Rename(
            0,
            "Đoàn Hàn Quốc".to_owned(),
        ))),
    );
    h
}

/// What two apps hold of a project, the view aside (compared to a few metres).
fn same_project(a: &Project, b: &Project) {
    let (va, vb) = (a.view.expect("a view"), b.view.expect("a view"));
    assert!(
        (va.lon - vb.lon).abs() < 1e-6 && (va.lat - vb.lat).abs() < 1e-6,
        "{va:?} {vb:?}"
    );
    assert!((va.zoom - vb.zoom).abs() < 1e-9);
    let strip = |p: &Project| Project {
        view: None,
        ..p.clone()
    };
    assert_eq!(strip(a), strip(b));
}

#[test]
fn a_saved_project_reopens_equal_in_every_field_in_a_fresh_settings_folder() {
    let mut files = SHAPEFILE.to_vec();
    files.push("investors.csv");
    let dir = fixtures("project-round-trip", &files);
    let mut h = planners_project(&dir);
    let path = dir.join("Hàn Quốc.lsatlas");
    act(&mut h, Action::Project(ProjectAction::SaveTo(path.clone())));
    assert!(!h.state().state.project.dirty, "saved: no unsaved mark");
    let before = h.state().capture_project(Some(&dir));
    assert_eq!(before.tours[0].steps.len(), 5);
    assert_eq!(
        before.layers[0].path, "data/investors.csv",
        "relative to the project"
    );
    assert!(!before.plan_layers.is_visible(LayerKind::Zones));
    assert!(
        before
            .layers
            .iter()
            .any(|l| l.table.as_ref().is_some_and(|t| t.quick == "Lang"))
    );

    let again = app(&dir.join("unpacked-2"), Some(path.clone()), Vec::new());
    let after = again.state().capture_project(Some(&dir));
    same_project(&before, &after);
    assert_eq!(
        again.state().state.project.report,
        None,
        "nothing to report"
    );
    assert!(!again.state().state.project.dirty);
    assert!(
        again.state().window_title().starts_with("Hàn Quốc — "),
        "{}",
        again.state().window_title()
    );
}

#[test]
fn a_project_saved_with_data_opens_after_its_files_are_deleted() {
    let dir = fixtures(
        "project-with-data",
        &[
            "du-an.kmz",
            "lo-dat-vn2000.shp",
            "lo-dat-vn2000.shx",
            "lo-dat-vn2000.dbf",
            "lo-dat-vn2000.prj",
        ],
    );
    let layers = vec![
        dir.join("data/du-an.kmz"),
        dir.join("data/lo-dat-vn2000.shp"),
    ];
    let mut h = app(&dir.join("unpacked"), None, layers);
    for _ in 0..6 {
        act(&mut h, Action::ZoomIn);
        act(&mut h, Action::Tours(ToursAction::AddStepFromView));
    }
    act(&mut h, Action::Project(ProjectAction::WithData(true)));
    let carried = Path::new(env!("CARGO_TARGET_TMPDIR")).join("project-carried.lsatlas");
    act(
        &mut h,
        Action::Project(ProjectAction::SaveTo(carried.clone())),
    );
    drop(h);
    std::fs::remove_dir_all(&dir).expect("the source files are gone");

    let other = Path::new(env!("CARGO_TARGET_TMPDIR")).join("another-machine");
    let _ = std::fs::remove_dir_all(&other);
    let h = app(&other, Some(carried), Vec::new());
    let ready: Vec<_> = h
        .state()
        .user_layers()
        .ready()
        .map(|l| l.stored.name.clone())
        .collect();
    assert_eq!(
        ready.len(),
        2,
        "both layers open from the project: {ready:?}"
    );
    let keys: Vec<String> = h
        .state()
        .user_layers()
        .ready()
        .map(|l| l.stored.key.clone())
        .collect();
    // The six-step tour presents on this machine, each step with the layers it carried.
    let mut h = h;
    act(&mut h, Action::Tours(ToursAction::Play(Some(0), 0)));
    for n in 0..6 {
        let p = h.state().presentation().expect("presenting");
        assert_eq!(p.step, n);
        assert_eq!(p.user_layers.len(), 2);
        assert!(
            p.user_layers.iter().all(|k| keys.contains(k)),
            "{:?}",
            p.user_layers
        );
        h.key_press(egui::Key::PageDown);
        h.run_steps(2);
    }
}

/// A project written by hand, for the broken cases.
fn write_zip(path: &Path, entries: &[(&str, &[u8])]) {
    use std::io::Write;
    let file = std::fs::File::create(path).expect("file");
    let mut zip = zip::ZipWriter::new(file);
    for (name, bytes) in entries {
        zip.start_file(*name, zip::write::SimpleFileOptions::default())
            .expect("entry");
        zip.write_all(bytes).expect("bytes");
    }
    zip.finish().expect("zip");
}

fn report(h: &Harness<'static, AtlasApp>) -> String {
    h.state()
        .state
        .project
        .report
        .as_ref()
        .map(|r| format!("{}\n{}", r.title, r.lines.join("\n")))
        .unwrap_or_default()
}

#[test]
fn broken_projects_open_what_they_can_and_name_the_rest() {
    let dir = fixtures("project-broken", &["sites.geojson", "investors.csv"]);
    let mut h = app(
        &dir.join("unpacked"),
        None,
        vec![dir.join("data/sites.geojson")],
    );
    act(&mut h, Action::SetLang(langson_atlas::atlas::Lang::En));
    let good = dir.join("good.lsatlas");
    act(&mut h, Action::Tours(ToursAction::AddStepFromView));
    act(&mut h, Action::Project(ProjectAction::SaveTo(good.clone())));
    let manifest = {
        let file = std::fs::File::open(&good).expect("saved");
        let mut zip = zip::ZipArchive::new(file).expect("a zip");
        let mut text = String::new();
        std::io::Read::read_to_string(
            &mut zip.by_name(project::MANIFEST).expect("manifest"),
            &mut text,
        )
        .expect("text");
        text
    };

    // Not JSON: nothing opens, and what was open stays.
    let bad_json = dir.join("bad-json.lsatlas");
    write_zip(&bad_json, &[(project::MANIFEST, b"{ \"format\": ")]);
    act(&mut h, Action::Project(ProjectAction::Open(bad_json)));
    assert!(
        report(&h).contains("bad-json.lsatlas") && report(&h).contains("not valid JSON"),
        "{}",
        report(&h)
    );
    assert_eq!(
        h.state().user_layers().ready().count(),
        1,
        "the open layer stays"
    );

    // From the future: says which version it needs.
    let future = dir.join("future.lsatlas");
    let newer = manifest.replace("\"version\": 1", "\"version\": 99");
    write_zip(&future, &[(project::MANIFEST, newer.as_bytes())]);
    act(&mut h, Action::Project(ProjectAction::Open(future)));
    assert!(
        report(&h).contains("version 99") && report(&h).contains("update"),
        "{}",
        report(&h)
    );
    assert_eq!(h.state().user_layers().ready().count(), 1);

    // A layer whose file moved, and a step citing an unknown fact: the rest opens.
    let mut value: serde_json::Value = serde_json::from_str(&manifest).expect("json");
    value["layers"][0]["path"] = "data/moved-away.geojson".into();
    value["tours"][0]["steps"][0]["facts"] = serde_json::json!(["no-such-fact"]);
    let partly = dir.join("partly.lsatlas");
    write_zip(
        &partly,
        &[(project::MANIFEST, value.to_string().as_bytes())],
    );
    act(&mut h, Action::Project(ProjectAction::Open(partly)));
    settle(&mut h);
    let said = report(&h);
    assert!(
        said.contains("sites") && said.contains("moved-away.geojson"),
        "{said}"
    );
    assert!(said.contains("no-such-fact"), "{said}");
    assert_eq!(h.state().state.tours.tours.len(), 1, "the tour opened");

    // Only remarks on a step's words (a figure its facts do not give): the project opens
    // plainly, with no “except”; the remark waits beside the step in the Tours panel.
    let mut value: serde_json::Value = serde_json::from_str(&manifest).expect("json");
    value["tours"][0]["steps"][0]["caption_en"] = "It covers 4242 ha.".into();
    let remarks = dir.join("remarks.lsatlas");
    write_zip(
        &remarks,
        &[(project::MANIFEST, value.to_string().as_bytes())],
    );
    act(&mut h, Action::Project(ProjectAction::Open(remarks)));
    settle(&mut h);
    assert!(h.state().state.project.report.is_none(), "{}", report(&h));
    assert_eq!(
        h.state().state.tours.open,
        Some(0),
        "the project's own tour"
    );

    // Cut short: read as far as it goes, and said.
    let bytes = std::fs::read(&good).expect("saved");
    let cut = dir.join("cut.lsatlas");
    std::fs::write(&cut, &bytes[..bytes.len() - 30]).expect("cut");
    act(&mut h, Action::Project(ProjectAction::Open(cut)));
    settle(&mut h);
    assert!(report(&h).contains("cut short"), "{}", report(&h));
    assert_eq!(
        h.state().user_layers().ready().count(),
        1,
        "its layer opened"
    );

    // Not a zip at all.
    let junk = dir.join("junk.lsatlas");
    std::fs::write(&junk, b"not a project").expect("junk");
    act(&mut h, Action::Project(ProjectAction::Open(junk)));
    assert!(
        report(&h).contains("junk.lsatlas") && report(&h).contains("not a project file"),
        "{}",
        report(&h)
    );
}

#[test]
fn unsaved_changes_ask_before_a_new_project_and_cancel_keeps_everything() {
    let dir = fixtures("project-unsaved", &["sites.geojson"]);
    let mut h = app(&dir.join("unpacked"), None, Vec::new());
    act(
        &mut h,
        Action::User(UserAction::OpenFiles(vec![dir.join("data/sites.geojson")])),
    );
    settle(&mut h);
    assert!(h.state().state.project.dirty);
    assert!(
        h.state().window_title().starts_with("● "),
        "{}",
        h.state().window_title()
    );
    act(&mut h, Action::Project(ProjectAction::New));
    assert!(h.state().state.project.unsaved.is_some(), "asked first");
    act(
        &mut h,
        Action::Project(ProjectAction::Unsaved(
            langson_atlas::state::UnsavedChoice::Cancel,
        )),
    );
    assert_eq!(h.state().user_layers().ready().count(), 1, "nothing lost");
    act(&mut h, Action::Project(ProjectAction::New));
    act(
        &mut h,
        Action::Project(ProjectAction::Unsaved(
            langson_atlas::state::UnsavedChoice::Discard,
        )),
    );
    assert_eq!(
        h.state().user_layers().slots.len(),
        0,
        "a new, empty project"
    );
    assert!(!h.state().state.project.dirty);
}
