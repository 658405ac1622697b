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
    investors.stored.columns = Some(crate::atlas::io::Columns::LonLat(
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

/// `zip` with the entry `name` declaring `size` bytes unpacked, in its local header and
/// in the central directory: a zip bomb's lie.
fn declare_size(zip: &mut [u8], name: &str, size: u32) {
    let mut patched = 0;
    for at in 0..zip.len().saturating_sub(46) {
        // Local header: size at 22, name at 30; central directory: size at 24, name at 46.
        let (size_at, name_at) = match &zip[at..at + 4] {
            b"PK\x03\x04" => (22, 30),
            b"PK\x01\x02" => (24, 46),
            _ => continue,
        };
        if zip[at + name_at..].starts_with(name.as_bytes()) {
            zip[at + size_at..at + size_at + 4].copy_from_slice(&size.to_le_bytes());
            patched += 1;
        }
    }
    assert_eq!(patched, 2, "the local header and the central directory");
}

/// A manifest whose one layer is embedded as `entry`.
fn manifest_embedding(entry: &str) -> String {
    let mut project = full_project();
    project.layers.truncate(1);
    project.layers[0].embedded = Some(entry.to_owned());
    serde_json::to_string(&project).unwrap()
}

/// Every file under `dir`, however deep.
fn files_under(dir: &std::path::Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        let path = entry.path();
        if path.is_dir() {
            out.extend(files_under(&path));
        } else {
            out.push(path);
        }
    }
    out
}

/// Caps small enough for a bomb of a few kilobytes to try them.
const SMALL: Caps = Caps {
    entries: 100,
    entry: MIB,
    total: 2 * MIB,
    manifest: 64 * KIB,
};

#[test]
fn a_zip_bomb_is_refused_while_it_inflates_whatever_size_it_declares() {
    let dir = tempfile::tempdir().unwrap();
    let entry = "data/01/bom.geojson";
    // 16 MiB of spaces deflate to some kilobytes, and the entry says it holds 100 bytes.
    let bomb = vec![b' '; 16 * MIB as usize];
    let manifest = manifest_embedding(entry);
    let mut zip = zip_bytes(&[(MANIFEST, manifest.as_bytes()), (entry, &bomb)]);
    assert!(zip.len() < 64 * KIB as usize, "{} bytes", zip.len());
    declare_size(&mut zip, entry, 100);
    let path = dir.path().join("bom.lsatlas");
    std::fs::write(&path, &zip).unwrap();
    let unpacked = dir.path().join("unpacked");

    let refused = read_capped(&path, &unpacked, SMALL).unwrap_err();
    let ProjectError::Refused { path: named, why } = &refused else {
        panic!("{refused}");
    };
    assert_eq!(named, &path);
    assert_eq!(
        why,
        &Refusal::EntryTooLarge {
            entry: entry.to_owned(),
            limit: MIB
        }
    );
    let said = refused.to_string();
    assert!(
        said.contains("bom.lsatlas")
            && said.contains(&format!("{entry} unpacks to more than 1 MiB")),
        "{said}"
    );
    // Nothing half-written is left behind, and nothing past the cap was ever on disk.
    assert_eq!(files_under(&unpacked), Vec::<PathBuf>::new());

    // The same zip, cut short so that only its local headers can be read: refused alike.
    let cut = dir.path().join("bom-cut.lsatlas");
    std::fs::write(&cut, &zip[..zip.len() - 30]).unwrap();
    let refused = read_capped(&cut, &unpacked, SMALL).unwrap_err();
    assert!(
        matches!(
            &refused,
            ProjectError::Refused {
                why: Refusal::EntryTooLarge { .. },
                ..
            }
        ),
        "{refused}"
    );
}

#[test]
fn a_project_s_files_together_may_not_unpack_past_the_total() {
    let dir = tempfile::tempdir().unwrap();
    let manifest = manifest_embedding("data/01/a.geojson");
    // Each file is under the cap for one; the three together are over the total.
    let part = vec![b' '; (900 * KIB) as usize];
    let path = dir.path().join("total.lsatlas");
    write_zip(
        &path,
        &[
            (MANIFEST, manifest.as_bytes()),
            ("data/01/a.geojson", &part),
            ("data/01/a.dbf", &part),
            ("data/01/a.shx", &part),
        ],
    );
    let refused = read_capped(&path, &dir.path().join("unpacked"), SMALL).unwrap_err();
    assert!(
        matches!(
            &refused,
            ProjectError::Refused {
                why: Refusal::TooLargeInTotal { limit },
                ..
            } if *limit == 2 * MIB
        ),
        "{refused}"
    );
    assert!(
        refused.to_string().contains("more than 2 MiB in all"),
        "{refused}"
    );
    // Within the caps, the same files open.
    let roomy = Caps {
        total: 4 * MIB,
        ..SMALL
    };
    let opened = read_capped(&path, &dir.path().join("unpacked"), roomy).unwrap();
    assert_eq!(opened.problems, []);
}

#[test]
fn a_manifest_past_its_cap_is_refused_before_it_is_parsed() {
    let dir = tempfile::tempdir().unwrap();
    // Valid JSON, padded with whitespace to twice the cap.
    let mut manifest = serde_json::to_string(&full_project()).unwrap();
    manifest.push_str(&" ".repeat(2 * 64 * KIB as usize));
    let path = dir.path().join("padded.lsatlas");
    write_zip(&path, &[(MANIFEST, manifest.as_bytes())]);
    let refused = read_capped(&path, &dir.path().join("unpacked"), SMALL).unwrap_err();
    assert!(
        matches!(
            &refused,
            ProjectError::Refused {
                why: Refusal::EntryTooLarge { entry, limit },
                ..
            } if entry == MANIFEST && *limit == 64 * KIB
        ),
        "{refused}"
    );
    // The real caps take it: a real project's manifest is far below them.
    assert!(super::read(&path, &dir.path().join("unpacked")).is_ok());
}

#[test]
fn a_zip_of_more_entries_than_a_project_may_hold_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let manifest = serde_json::to_string(&Project::default()).unwrap();
    let names: Vec<String> = (0..=Caps::PROJECT.entries)
        .map(|i| format!("data/{i:05}.txt"))
        .collect();
    // The manifest last, so that a walk through the local headers meets every entry first.
    let mut entries: Vec<(&str, &[u8])> = names.iter().map(|n| (n.as_str(), &b""[..])).collect();
    entries.push((MANIFEST, manifest.as_bytes()));
    let zip = zip_bytes(&entries);
    let path = dir.path().join("many.lsatlas");
    std::fs::write(&path, &zip).unwrap();
    let too_many = Refusal::TooManyEntries {
        limit: Caps::PROJECT.entries,
    };
    for path in [path.clone(), dir.path().join("many-cut.lsatlas")] {
        if path.ends_with("many-cut.lsatlas") {
            std::fs::write(&path, &zip[..zip.len() - 30]).unwrap();
        }
        match super::read(&path, &dir.path().join("unpacked")) {
            Err(ProjectError::Refused { why, .. }) => assert_eq!(why, too_many),
            other => panic!("{}: {other:?}", path.display()),
        }
    }
    assert!(
        too_many.to_string().contains("more than 10000 files"),
        "{too_many}"
    );
}

#[test]
fn the_caps_leave_a_real_project_room_for_hundreds_of_megabytes_of_data() {
    let caps = Caps::PROJECT;
    assert!(
        caps.entry >= 2 << 30 && caps.total >= caps.entry,
        "{caps:?}"
    );
    assert!(
        caps.entries >= 10_000 && caps.manifest >= 64 * MIB,
        "{caps:?}"
    );
}

#[test]
fn entries_whose_names_lead_out_are_never_written_outside_the_unpack_folder() {
    let dir = tempfile::tempdir().unwrap();
    let inside = dir.path().join("project");
    std::fs::create_dir_all(&inside).unwrap();
    let mut project = full_project();
    project.layers[0].embedded = Some("data/01/lo-dat.geojson".to_owned());
    // A layer whose own copy is named to climb out.
    project.layers[1].embedded = Some("../evil.geojson".to_owned());
    let manifest = serde_json::to_string(&project).unwrap();
    let path = inside.join("evil.lsatlas");
    let climbing = [
        "data/01/../../../evil.txt",
        "data/01/..\\..\\..\\evil-windows.txt",
        "../evil.geojson",
    ];
    let mut entries: Vec<(&str, &[u8])> = vec![
        (MANIFEST, manifest.as_bytes()),
        ("data/01/lo-dat.geojson", POINTS.as_bytes()),
    ];
    entries.extend(climbing.iter().map(|n| (*n, &b"pwned"[..])));
    write_zip(&path, &entries);
    let unpacked = inside.join("unpacked");
    let opened = super::read(&path, &unpacked).unwrap();

    // Only the safe copy was written, and inside the unpack folder.
    let written: Vec<PathBuf> = files_under(dir.path())
        .into_iter()
        .filter(|f| f != &path)
        .collect();
    assert_eq!(written, [unpacked.join("data/01/lo-dat.geojson")]);
    assert_eq!(
        opened.layers[0].source.path,
        unpacked.join("data/01/lo-dat.geojson")
    );
    // Each climbing name is said, and the layer that needed one is named.
    for entry in climbing {
        assert!(
            opened.problems.contains(&ProjectProblem::UnsafeEntry {
                entry: entry.to_owned()
            }),
            "{entry}: {:?}",
            opened.problems
        );
    }
    assert!(opened.problems.contains(&ProjectProblem::EmbeddedMissing {
        name: "Nhà đầu tư".to_owned(),
        entry: "../evil.geojson".to_owned()
    }));
    let said = ProjectProblem::UnsafeEntry {
        entry: climbing[0].to_owned(),
    };
    assert!(
        said.describe(Lang::En)
            .contains("leads out of the project's folder")
    );
    assert!(said.describe(Lang::Vi).contains("không được giải nén"));
}

/// Zeros without end, counting what was asked of it.
struct Endless {
    served: u64,
}

impl std::io::Read for Endless {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        buf.fill(0);
        self.served += buf.len() as u64;
        Ok(buf.len())
    }
}

#[test]
fn an_entry_is_read_one_byte_past_its_cap_and_no_further() {
    let mut endless = Endless { served: 0 };
    let copied = super::archive::copy_at_most(&mut endless, &mut std::io::sink(), MIB).unwrap();
    assert_eq!(copied, MIB + 1);
    assert_eq!(endless.served, MIB + 1, "nothing more was inflated");
}
