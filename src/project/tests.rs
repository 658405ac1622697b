//! Paths and the zip on their own; the whole round trip through the app is in
//! `tests/project.rs`.

use super::paths::{relative_to, resolve};
use std::path::Path;

#[test]
fn a_file_beside_or_under_the_project_is_written_relative() {
    let dir = Path::new("/home/a/du-an");
    assert_eq!(
        relative_to(Path::new("/home/a/du-an/data/x.kmz"), dir),
        "data/x.kmz"
    );
    assert_eq!(
        relative_to(Path::new("/home/a/ban-do/x.kmz"), dir),
        "../ban-do/x.kmz"
    );
    assert_eq!(relative_to(Path::new("/srv/x.kmz"), dir), "/srv/x.kmz");
}

#[test]
fn windows_paths_resolve_where_their_tail_exists_beside_the_project() {
    let Ok(dir) = tempfile::tempdir() else {
        panic!("a temporary folder");
    };
    let data = dir.path().join("data");
    std::fs::create_dir_all(&data).ok();
    std::fs::write(data.join("sites.kmz"), b"x").ok();
    let want = data.join("sites.kmz");
    assert_eq!(resolve("data\\sites.kmz", dir.path()), Ok(want.clone()));
    assert_eq!(
        resolve("C:\\Users\\Lan\\Du an\\data\\sites.kmz", dir.path()),
        Ok(want.clone())
    );
    assert_eq!(resolve("/home/other/data/sites.kmz", dir.path()), Ok(want));
    assert!(resolve("D:\\nowhere\\gone.kmz", dir.path()).is_err());
}

#[cfg(unix)]
#[test]
fn an_output_file_takes_the_permissions_the_umask_gives_a_new_file() {
    use std::os::unix::fs::PermissionsExt;
    let Ok(dir) = tempfile::tempdir() else {
        panic!("a temporary folder");
    };
    // What the umask leaves of 0666 for any new file, found by making one.
    let plain = dir.path().join("plain");
    let Ok(()) = std::fs::write(&plain, b"x") else {
        panic!("a plain file");
    };
    let expected = std::fs::metadata(&plain).map(|m| m.permissions().mode() & 0o777);
    let Ok(temp) = super::output_temp(dir.path(), ".part") else {
        panic!("an output file");
    };
    let got = std::fs::metadata(temp.path()).map(|m| m.permissions().mode() & 0o777);
    assert_eq!(
        got.ok(),
        expected.ok(),
        "not a temporary file's private 0600"
    );
}

// ---- project::read and project::write on their own: every field comes back, every damaged
// part is named, and a zip from someone else unpacks no more than it may, nowhere else.

use super::archive::read_capped;
use super::{
    Caps, LayerSettings, MANIFEST, OpenTable, Project, ProjectError, ProjectLayer, ProjectProblem,
    Refusal, TableFilters,
};
use crate::atlas::{Lang, LayerKind};
use crate::charts::ChartPage;
use crate::layers::style::{Paint, Style};
use crate::layers::table::Filter;
use crate::map::basemap::BasemapChoice;
use crate::present::tour::{StepView, Tour};
use std::io::Write;
use std::path::PathBuf;

const KIB: u64 = 1 << 10;
const MIB: u64 = 1 << 20;

/// A small, valid GeoJSON file for a layer.
const POINTS: &str = r#"{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"ten":"Đồng Đăng"},"geometry":{"type":"Point","coordinates":[106.7,21.9]}}]}"#;

/// A project with every field away from its default: two layers (one with a table's
/// filters, a CRS and CSV columns), the built-in tour under a name, a year, a chart page and
/// a plan layer's table with its filters.
fn full_project() -> Project {
    let mut plan_layers = crate::map::Visibility::default();
    plan_layers.set(LayerKind::Zones, false);
    plan_layers.set(LayerKind::Corridors, false);
    let mut tour: Tour = serde_json::from_str(crate::present::tour::EMBEDDED).unwrap();
    tour.name = "Đoàn Hàn Quốc".to_owned();
    tour.steps[0].view = Some(StepView {
        lon: 106.76,
        lat: 21.85,
        zoom: 11.25,
        extent: Some([106.5, 21.7, 107.0, 22.0]),
    });
    let layer = |key: &str, name: &str, path: &str| ProjectLayer {
        key: key.to_owned(),
        path: path.to_owned(),
        embedded: None,
        stored: LayerSettings {
            name: name.to_owned(),
            layer: None,
            crs: None,
            columns: None,
            visible: true,
            opacity: 1.0,
            style: Style::single(0),
        },
        table: None,
    };
    let mut lots = layer("lots", "Lô đất", "data/lo-dat.geojson");
    lots.stored.crs = Some(9210);
    lots.stored.visible = false;
    lots.stored.opacity = 0.6;
    lots.stored.style = Style {
        paint: Paint::Categorised {
            field: "ten".to_owned(),
        },
        point_size: 28.0,
        line_width: 2.5,
        label: Some("ten".to_owned()),
    };
    lots.table = Some(TableFilters {
        quick: "Lạng".to_owned(),
        filters: vec![None, Some(Filter::Range("1".to_owned(), "2,5".to_owned()))],
        sort: Some((1, false)),
    });
    let mut investors = layer("investors", "Nhà đầu tư", "data/investors.geojson");
    investors.stored.columns = Some(crate::sources::Columns::LonLat(
        "lon".to_owned(),
        "lat".to_owned(),
    ));
    investors.stored.style = Style {
        paint: Paint::Graduated {
            field: "capital".to_owned(),
            classes: 3,
        },
        ..Style::single(1)
    };
    Project {
        lang: Lang::En,
        basemap: BasemapChoice::OpenTopoMap,
        plan_layers,
        view: Some(StepView {
            lon: 106.7612345,
            lat: 21.8456789,
            zoom: 9.5,
            extent: None,
        }),
        layers: vec![lots, investors],
        tours: vec![tour],
        year: Some(2030),
        web_url: Some("https://atlas.langson.gov.vn/quy-hoach/".to_owned()),
        charts: Some(ChartPage::Sites),
        table: Some(OpenTable::Plan(
            LayerKind::Industry,
            TableFilters {
                quick: "Hồ Sơn".to_owned(),
                filters: vec![Some(Filter::Contains("cụm".to_owned()))],
                sort: Some((0, true)),
            },
        )),
        ..Project::default()
    }
}

/// A folder with the full project's layer files in `data/`.
fn folder_with_layers() -> (tempfile::TempDir, Vec<PathBuf>) {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("data")).unwrap();
    let files: Vec<PathBuf> = ["lo-dat.geojson", "investors.geojson"]
        .iter()
        .map(|name| {
            let file = dir.path().join("data").join(name);
            std::fs::write(&file, POINTS).unwrap();
            file
        })
        .collect();
    (dir, files)
}

#[test]
fn every_field_of_a_project_comes_back_as_it_was_written() {
    let (dir, files) = folder_with_layers();
    let path = dir.path().join("Hàn Quốc.lsatlas");
    let project = full_project();
    super::write(&path, &project, None).unwrap();
    let opened = super::read(&path, &dir.path().join("unpacked")).unwrap();
    assert_eq!(opened.project, project);
    assert_eq!(opened.problems, []);
    let paths: Vec<PathBuf> = opened
        .layers
        .iter()
        .map(|l| l.source.path.clone())
        .collect();
    assert_eq!(paths, files, "the files beside the project");
}

#[test]
fn a_project_saved_with_data_opens_its_own_copies_after_the_files_are_gone() {
    let (dir, files) = folder_with_layers();
    let path = dir.path().join("carried.lsatlas");
    let project = full_project();
    super::write(&path, &project, Some(&files)).unwrap();
    for file in &files {
        std::fs::remove_file(file).unwrap();
    }
    let unpacked = dir.path().join("unpacked");
    let opened = super::read(&path, &unpacked).unwrap();
    let mut expected = project.clone();
    expected.layers[0].embedded = Some("data/01/lo-dat.geojson".to_owned());
    expected.layers[1].embedded = Some("data/02/investors.geojson".to_owned());
    assert_eq!(opened.project, expected);
    assert_eq!(opened.problems, []);
    for layer in &opened.layers {
        assert!(layer.source.path.starts_with(&unpacked), "{layer:?}");
        assert_eq!(std::fs::read_to_string(&layer.source.path).unwrap(), POINTS);
    }
    // Opened again: the same copies, not written twice.
    let again = super::read(&path, &unpacked).unwrap();
    assert_eq!(again.layers, opened.layers);
}

/// The manifest `project` is written as, as a JSON value.
fn manifest_of(project: &Project) -> serde_json::Value {
    serde_json::to_value(project).unwrap()
}

#[test]
fn each_damaged_part_of_the_manifest_is_named_and_the_rest_opens() {
    let dir = tempfile::tempdir().unwrap();
    let project = full_project();
    let parts = [
        "lang",
        "basemap",
        "plan_layers",
        "view",
        "year",
        "charts",
        "table",
    ];
    for part in parts {
        let mut value = manifest_of(&project);
        value[part] = "not this".into();
        let path = dir.path().join(format!("{part}.lsatlas"));
        write_zip(&path, &[(MANIFEST, value.to_string().as_bytes())]);
        let opened = super::read(&path, &dir.path().join("unpacked")).unwrap();
        let named: Vec<&str> = opened
            .problems
            .iter()
            .filter_map(|p| match p {
                ProjectProblem::Unreadable { part, .. } => Some(part.as_str()),
                ProjectProblem::LayerMissing { .. }
                | ProjectProblem::EmbeddedMissing { .. }
                | ProjectProblem::Truncated
                | ProjectProblem::UnsafeEntry { .. } => None,
            })
            .collect();
        assert_eq!(named, [part], "{:?}", opened.problems);
        // Everything else as written; the damaged part at its default.
        assert_eq!(opened.project.layers, project.layers, "{part}");
        assert_eq!(opened.project.tours, project.tours, "{part}");
        assert_ne!(
            manifest_of(&opened.project)[part],
            manifest_of(&project)[part],
            "{part}"
        );
    }

    // A layer and a tour, each by its name; the other layer opens.
    let mut value = manifest_of(&project);
    value["layers"][1]["opacity"] = "half".into();
    value["tours"][0]["steps"] = 7.into();
    let path = dir.path().join("layer-and-tour.lsatlas");
    write_zip(&path, &[(MANIFEST, value.to_string().as_bytes())]);
    let opened = super::read(&path, &dir.path().join("unpacked")).unwrap();
    let named: Vec<&str> = opened
        .problems
        .iter()
        .filter_map(|p| match p {
            ProjectProblem::Unreadable { part, .. } => Some(part.as_str()),
            ProjectProblem::LayerMissing { .. }
            | ProjectProblem::EmbeddedMissing { .. }
            | ProjectProblem::Truncated
            | ProjectProblem::UnsafeEntry { .. } => None,
        })
        .collect();
    assert_eq!(named, ["Nhà đầu tư", "Đoàn Hàn Quốc"]);
    assert_eq!(opened.project.layers, project.layers[..1]);
    assert_eq!(opened.project.tours, []);
    assert_eq!(opened.project.year, project.year);
}

/// A zip written by hand: `entries` in order, deflated.
fn write_zip(path: &std::path::Path, entries: &[(&str, &[u8])]) {
    std::fs::write(path, zip_bytes(entries)).unwrap();
}

fn zip_bytes(entries: &[(&str, &[u8])]) -> Vec<u8> {
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    for (name, bytes) in entries {
        zip.start_file(*name, options).unwrap();
        zip.write_all(bytes).unwrap();
    }
    zip.finish().unwrap().into_inner()
}

#[path = "zip_tests.rs"]
mod bombs;

#[test]
fn enum_values_are_written_in_snake_case_words_and_version_1_names_still_read() {
    let manifest = manifest_of(&full_project());
    assert_eq!(manifest["lang"], "en");
    assert_eq!(manifest["basemap"], "open_topo_map");
    assert_eq!(manifest["charts"], "sites");
    assert!(
        manifest["table"].get("plan").is_some(),
        "{}",
        manifest["table"]
    );
    assert!(
        manifest["layers"][0]["style"]["paint"]
            .get("categorised")
            .is_some(),
        "{}",
        manifest["layers"][0]["style"]
    );
    // The first files wrote Rust's variant names.
    let text = serde_json::to_string(&manifest)
        .unwrap_or_default()
        .replace("\"en\"", "\"En\"")
        .replace("\"open_topo_map\"", "\"OpenTopoMap\"")
        .replace("\"sites\"", "\"Sites\"")
        .replace("\"plan\"", "\"Plan\"")
        .replace("\"categorised\"", "\"Categorised\"")
        .replace("\"range\"", "\"Range\"")
        .replace("\"lon_lat\"", "\"LonLat\"")
        .replace("\"graduated\"", "\"Graduated\"")
        .replace("\"contains\"", "\"Contains\"");
    assert!(text.contains("\"OpenTopoMap\"") && text.contains("\"LonLat\""));
    let old: Project = match serde_json::from_str(&text) {
        Ok(p) => p,
        Err(e) => panic!("a version-1 manifest reads: {e}"),
    };
    assert_eq!(old, full_project());
}
