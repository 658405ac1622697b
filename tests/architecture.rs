//! The one-way flow of ARCHITECTURE.md, checked on the sources: a room imports only the
//! rooms below it. raw sources → prep → geodata → atlas → map → present → state/export →
//! ui → app → main. Shared vocabulary (language, ids, kinds) lives in atlas.

#![allow(
    clippy::expect_used,
    clippy::unwrap_used,
    reason = "the test's helpers: a failed expectation is a failed test"
)]

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

/// Each room and the rooms it may use (besides itself).
const ROOMS: &[(&str, &[&str])] = &[
    ("atlas", &[]),
    ("prep", &["atlas"]),
    ("cli", &["atlas"]),
    ("layers", &["atlas"]),
    ("theme", &["atlas"]),
    ("map", &["atlas", "layers", "theme"]),
    ("charts", &["atlas", "map", "theme"]),
    ("present", &["atlas", "map"]),
    ("state", &["atlas", "layers", "map", "present", "charts"]),
    (
        "export",
        &["atlas", "layers", "map", "present", "theme", "charts"],
    ),
    (
        "ui",
        &[
            "atlas", "layers", "map", "present", "state", "theme", "charts",
        ],
    ),
    (
        "app",
        &[
            "atlas", "layers", "map", "present", "state", "theme", "export", "ui", "charts",
        ],
    ),
];

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).expect("src/ is readable").flatten() {
        let path = entry.path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The room a file belongs to: `src/map/style.rs` → map, `src/state.rs` → state.
fn room_of(path: &Path) -> Option<String> {
    let rel = path.strip_prefix("src").ok()?;
    let first = rel.components().next()?.as_os_str().to_str()?;
    Some(first.trim_end_matches(".rs").to_owned())
}

/// The rooms a file names as `crate::room`.
fn imports(text: &str) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    for line in text.lines().filter(|l| !l.trim_start().starts_with("//")) {
        let mut rest = line;
        while let Some(at) = rest.find("crate::") {
            rest = &rest[at + "crate::".len()..];
            let name: String = rest
                .chars()
                .take_while(|c| c.is_alphanumeric() || *c == '_')
                .collect();
            if !name.is_empty() {
                out.insert(name);
            }
        }
    }
    out
}

#[test]
fn every_room_imports_only_the_rooms_below_it() {
    let mut files = Vec::new();
    rust_files(Path::new("src"), &mut files);
    assert!(
        files.len() > 40,
        "the sources were read ({} files)",
        files.len()
    );
    let mut checked = 0;
    let mut violations = Vec::new();
    for file in &files {
        let Some(room) = room_of(file) else { continue };
        let Some((_, allowed)) = ROOMS.iter().find(|(r, _)| *r == room) else {
            // lib.rs, main.rs and bin/ wire everything.
            continue;
        };
        checked += 1;
        let text = std::fs::read_to_string(file).expect("readable source");
        for used in imports(&text) {
            if used != room && !allowed.contains(&used.as_str()) {
                violations.push(format!("{} ({room}) uses crate::{used}", file.display()));
            }
        }
    }
    assert!(checked > 40, "{checked} files checked");
    assert!(
        violations.is_empty(),
        "imports against the flow:\n{}",
        violations.join("\n")
    );
}

#[test]
fn the_check_sees_an_import_against_the_flow() {
    let text = "use crate::atlas::Lang;\nuse crate::ui::i18n::T; // up\n// use crate::app::X\n";
    let found = imports(text);
    assert!(found.contains("ui") && found.contains("atlas"));
    assert!(!found.contains("app"), "comments do not count");
}

#[test]
fn the_atlas_and_the_user_layers_know_nothing_of_egui() {
    let mut files = Vec::new();
    rust_files(Path::new("src/atlas"), &mut files);
    rust_files(Path::new("src/prep"), &mut files);
    rust_files(Path::new("src/layers"), &mut files);
    for file in files {
        let text = std::fs::read_to_string(&file).expect("readable");
        let code: String = text
            .lines()
            .filter(|l| !l.trim_start().starts_with("//"))
            .collect();
        assert!(
            !code.contains("egui") && !code.contains("walkers"),
            "{} reaches for the UI",
            file.display()
        );
    }
}
