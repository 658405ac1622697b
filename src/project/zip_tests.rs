//! A project's zip from someone else: a bomb, entries past their caps, names that lead out
//! of the unpack folder.

use super::*;

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
    assert!(crate::project::read(&path, &dir.path().join("unpacked")).is_ok());
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
        match crate::project::read(&path, &dir.path().join("unpacked")) {
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
    let opened = crate::project::read(&path, &unpacked).unwrap();

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
    let copied =
        crate::project::limits::copy_at_most(&mut endless, &mut std::io::sink(), MIB).unwrap();
    assert_eq!(copied, MIB + 1);
    assert_eq!(endless.served, MIB + 1, "nothing more was inflated");
}
