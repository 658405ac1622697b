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
    h.state_mut().project.wait(Duration::from_secs(10));
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
        .user
        .layers
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
            let layer = h.state_mut().user.layers.get_mut(id).expect("layer");
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
        again.state().project.title().starts_with("Hàn Quốc — "),
        "{}",
        again.state().project.title()
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
        .user
        .layers
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
        .user
        .layers
        .ready()
        .map(|l| l.stored.key.clone())
        .collect();
    // The six-step tour presents on this machine, each step with the layers it carried.
    let mut h = h;
    act(&mut h, Action::Tours(ToursAction::Play(Some(0), 0)));
    for n in 0..6 {
        let p = h.state().presenter.presentation().expect("presenting");
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
        h.state().user.layers.ready().count(),
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
    assert_eq!(h.state().user.layers.ready().count(), 1);

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
    assert_eq!(h.state().user.layers.ready().count(), 1, "its layer opened");

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
        h.state().project.title().starts_with("● "),
        "{}",
        h.state().project.title()
    );
    act(&mut h, Action::Project(ProjectAction::New));
    assert!(h.state().state.project.unsaved.is_some(), "asked first");
    act(
        &mut h,
        Action::Project(ProjectAction::Unsaved(
            langson_atlas::state::UnsavedChoice::Cancel,
        )),
    );
    assert_eq!(h.state().user.layers.ready().count(), 1, "nothing lost");
    act(&mut h, Action::Project(ProjectAction::New));
    act(
        &mut h,
        Action::Project(ProjectAction::Unsaved(
            langson_atlas::state::UnsavedChoice::Discard,
        )),
    );
    assert_eq!(h.state().user.layers.slots.len(), 0, "a new, empty project");
    assert!(!h.state().state.project.dirty);
}

/// Pixels of `image` inside `area` (x0, y0, x1, y1) within `tolerance` of one of `colours`.
fn pixels_near(
    image: &image::RgbImage,
    area: (u32, u32, u32, u32),
    colours: &[[u8; 3]],
    tolerance: i32,
) -> usize {
    let (x0, y0, x1, y1) = area;
    let mut n = 0;
    for y in y0..y1.min(image.height()) {
        for x in x0..x1.min(image.width()) {
            let p = image.get_pixel(x, y).0;
            if colours
                .iter()
                .any(|c| (0..3).all(|i| (i32::from(p[i]) - i32::from(c[i])).abs() <= tolerance))
            {
                n += 1;
            }
        }
    }
    n
}

/// The whole path of a presenter who has never seen the atlas: their own KMZ and VN-2000
/// shapefile, the shapefile coloured by category, a tour of three steps with captions typed
/// and pasted, reordered with undo and redo, saved with its data, reopened on another
/// machine with the files gone, presented on a 16:9 and a 4:3 projector, printed and
/// recorded, their colours on the page and in the video.
#[test]
fn a_presenter_s_day_from_a_blank_project_to_the_projector_the_handout_and_the_video() {
    let mut files = SHAPEFILE.to_vec();
    files.push("du-an.kmz");
    let dir = fixtures("presenter-day", &files);
    let (mut h, colours) = own_layers(&dir);
    three_steps(&mut h);
    let carried = Path::new(env!("CARGO_TARGET_TMPDIR")).join("presenter-day.lsatlas");
    let other = Path::new(env!("CARGO_TARGET_TMPDIR")).join("presenter-day-elsewhere");
    elsewhere(h, &dir, &carried, &other);
    handout(&other, &carried, &colours);
    video(&other, &carried, &colours);
}

/// The presenter's KMZ and shapefile opened, the shapefile coloured by category; the
/// categories' colours.
fn own_layers(dir: &Path) -> (Harness<'static, AtlasApp>, Vec<[u8; 3]>) {
    let layers = vec![
        dir.join("data/du-an.kmz"),
        dir.join("data/lo-dat-vn2000.shp"),
    ];
    let mut h = app(&dir.join("unpacked"), None, layers);
    let lots = h
        .state()
        .user
        .layers
        .ready()
        .find(|l| l.stored.name.contains("lo-dat"))
        .map(|l| l.id)
        .expect("the shapefile opened");
    // Coloured by category, points large enough to be seen on a projector.
    let style = Style {
        paint: Paint::Categorised {
            field: "ten".to_owned(),
        },
        point_size: 28.0,
        ..Style::single(0)
    };
    act(&mut h, Action::User(UserAction::SetStyle(lots, style)));
    act(&mut h, Action::User(UserAction::ZoomToLayer(lots)));
    let colours: Vec<[u8; 3]> = h
        .state()
        .user
        .layers
        .get(lots)
        .expect("the layer")
        .painted
        .legend
        .iter()
        .map(|(_, c)| *c)
        .collect();
    assert!(colours.len() > 1, "categories: {colours:?}");
    (h, colours)
}

/// The steps' Vietnamese captions as written, and after the last step is moved first.
const CAPTIONS: [&str; 3] = [
    "Lô đất của dự án, dán từ văn bản.",
    "Bước hai: các lô đất.",
    "Bước ba: toàn cảnh.",
];
const REORDERED: [&str; 3] = [CAPTIONS[2], CAPTIONS[0], CAPTIONS[1]];

fn captions_vi(h: &Harness<'static, AtlasApp>) -> Vec<String> {
    h.state().state.tours.tours[0]
        .steps
        .iter()
        .map(|s| s.caption_vi.clone())
        .collect()
}

/// Three steps from three views, captions pasted and typed, reordered, undone, redone.
fn three_steps(h: &mut Harness<'static, AtlasApp>) {
    // Three steps from three views, the Tours panel open as a presenter has it.
    act(h, Action::Tours(ToursAction::Toggle));
    for _ in 0..3 {
        act(h, Action::Tours(ToursAction::AddStepFromView));
        act(h, Action::ZoomOut);
    }
    // Captions: the first pasted from a document, the others typed into the field.
    for (n, caption) in CAPTIONS.iter().enumerate() {
        act(
            h,
            Action::Tours(ToursAction::Edit(Edit::SelectStep(Some(n)))),
        );
        let field = egui::Id::unique(("step-text", n, "Lời dẫn (VI)"));
        h.ctx.memory_mut(|m| m.request_focus(field));
        h.run_steps(2);
        if n == 0 {
            h.event(egui::Event::Paste((*caption).to_owned()));
        } else {
            h.event(egui::Event::Text((*caption).to_owned()));
        }
        h.run_steps(2);
        h.ctx.memory_mut(|m| m.surrender_focus(field));
        h.run_steps(2);
        for (edit, text) in [
            (TextField::TitleVi, format!("Bước {}", n + 1)),
            (TextField::TitleEn, format!("Step {}", n + 1)),
            (TextField::CaptionEn, format!("Step {} of the day.", n + 1)),
        ] {
            act(
                h,
                Action::Tours(ToursAction::Edit(Edit::Text(n, edit, text))),
            );
        }
        act(
            h,
            Action::Tours(ToursAction::Edit(Edit::Seconds(n, Some(1.0)))),
        );
    }
    assert_eq!(captions_vi(h), CAPTIONS);
    // The last step first, then undone and done again.
    act(h, Action::Tours(ToursAction::Edit(Edit::MoveStep(2, 0))));
    assert_eq!(captions_vi(h), REORDERED);
    act(h, Action::Tours(ToursAction::Edit(Edit::Undo)));
    assert_eq!(captions_vi(h), CAPTIONS);
    act(h, Action::Tours(ToursAction::Edit(Edit::Redo)));
    assert_eq!(captions_vi(h), REORDERED);
}

/// Saved with its data and reopened elsewhere with the files gone, then presented.
fn elsewhere(mut h: Harness<'static, AtlasApp>, dir: &Path, carried: &Path, other: &Path) {
    // Saved with its data; the source files are gone on the other machine.
    act(&mut h, Action::Project(ProjectAction::WithData(true)));
    act(
        &mut h,
        Action::Project(ProjectAction::SaveTo(carried.to_path_buf())),
    );
    drop(h);
    std::fs::remove_dir_all(dir).expect("the source files are gone");
    let _ = std::fs::remove_dir_all(other);
    let mut h = app(other, Some(carried.to_path_buf()), Vec::new());
    assert_eq!(h.state().user.layers.ready().count(), 2, "both layers open");
    assert_eq!(h.state().state.project.report, None, "nothing to report");
    assert_eq!(
        h.state().state.tours.open,
        Some(0),
        "the project's own tour"
    );
    assert_eq!(captions_vi(&h), REORDERED);

    // On a 16:9 and a 4:3 projector, every step shows what it framed above the caption.
    for size in [egui::vec2(1920.0, 1080.0), egui::vec2(1024.0, 768.0)] {
        h.set_size(size);
        act(&mut h, Action::Tours(ToursAction::Play(Some(0), 0)));
        for n in 0..3 {
            for _ in 0..12 {
                h.run_steps(30);
            }
            common::assert_step_framed(&h, &format!("{size:?}, step {}", n + 1));
            h.key_press(egui::Key::PageDown);
            h.run_steps(2);
        }
        act(&mut h, Action::StopPresentation);
    }
    drop(h);
}

/// The handout: the tour's pages, the reader's colours on its steps' maps.
fn handout(other: &Path, carried: &Path, colours: &[[u8; 3]]) {
    let pdf = other.join("handout.pdf");
    let request = langson_atlas::print::AtlasRequest {
        coverage: langson_atlas::print::Coverage::Tour(None),
        lang: langson_atlas::atlas::Lang::Vi,
        paper: langson_atlas::print::Paper::A4,
        landscape: true,
        date: "2026-12-07".into(),
        share: None,
    };
    let command = langson_atlas::print::command::PdfCommand {
        out: pdf.clone(),
        project: Some(carried.to_path_buf()),
        request,
    };
    langson_atlas::print::command::pdf_command(&command, &|_, _| {}).expect("the handout");
    if common::needs_tool("pdftoppm", "a_presenter_s_day (the handout's colours)") {
        let text = std::process::Command::new("pdftotext")
            .arg(&pdf)
            .arg("-")
            .output()
            .expect("pdftotext");
        let text = String::from_utf8_lossy(&text.stdout).replace('\n', " ");
        assert!(
            text.contains("Bước ba: toàn cảnh."),
            "the project's tour is printed"
        );
        // The steps' pages (after the cover and the contents): their maps in full colour.
        let pages = other.join("pages");
        std::fs::create_dir_all(&pages).expect("a folder");
        let out = std::process::Command::new("pdftoppm")
            .args(["-r", "72", "-png", "-f", "3"])
            .arg(&pdf)
            .arg(pages.join("p"))
            .output()
            .expect("pdftoppm");
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let found: usize = std::fs::read_dir(&pages)
            .expect("pages")
            .map(|e| {
                image::open(e.expect("a page").path())
                    .expect("a page")
                    .to_rgb8()
            })
            .map(|page| {
                let (w, hgt) = (page.width(), page.height());
                pixels_near(&page, (0, 0, w, hgt), colours, 4)
            })
            .sum();
        assert!(
            found > 20,
            "the reader's categories show on the steps' maps: {found} pixels"
        );
    }
}

/// The video: a frame in the first step shows the reader's colours.
fn video(other: &Path, carried: &Path, colours: &[[u8; 3]]) {
    let video = other.join("day.mp4");
    let command = langson_atlas::video::VideoCommand {
        out: video.clone(),
        project: Some(carried.to_path_buf()),
        tour: None,
        size: [640, 360],
        fps: 25,
        lang: langson_atlas::atlas::Lang::Vi,
        url: None,
    };
    langson_atlas::video::video_command(&command, &|_, _| {}).expect("the video");
    if common::needs_tool("ffmpeg", "a_presenter_s_day (the video's colours)") {
        let png = other.join("frame.png");
        let seconds = langson_atlas::video::CARDS.0 + 0.7;
        let out = std::process::Command::new("ffmpeg")
            .args(["-v", "error", "-y", "-ss", &seconds.to_string(), "-i"])
            .arg(&video)
            .args(["-frames:v", "1"])
            .arg(&png)
            .output()
            .expect("ffmpeg");
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let frame = image::open(&png).expect("a frame").to_rgb8();
        let above_caption = (0, 0, frame.width(), frame.height() * 6 / 10);
        let found = pixels_near(&frame, above_caption, colours, 28);
        assert!(
            found > 10,
            "the reader's categories show in the video: {found} pixels"
        );
    }
}
