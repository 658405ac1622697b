//! The one-way flow of ARCHITECTURE.md, checked exactly on the sources: every room imports
//! only the rooms below it in the order ARCHITECTURE.md states (once, on its "Layer order"
//! line). Every path is read by a Rust parser (syn): `use` trees with their groups,
//! `crate::`, `super::` and `langson_atlas::` paths in code and types, and paths inside
//! macro calls.

#![allow(
    clippy::expect_used,
    clippy::unwrap_used,
    reason = "the test's helpers: a failed expectation is a failed test"
)]

use proc_macro2::{TokenStream, TokenTree};
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use syn::visit::Visit;

/// The rooms bottom to top, as ARCHITECTURE.md states them.
fn layer_order() -> Vec<String> {
    let text = std::fs::read_to_string("ARCHITECTURE.md").expect("ARCHITECTURE.md");
    let line = text
        .lines()
        .find_map(|l| l.strip_prefix("Layer order: "))
        .expect("ARCHITECTURE.md states the layer order on a line “Layer order: …”");
    line.trim_matches('`')
        .split('→')
        .map(|room| room.trim().to_owned())
        .collect()
}

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

/// The module path of a file: `src/map/basemap/raster.rs` → map::basemap::raster,
/// `src/map/mod.rs` → map, `src/state.rs` → state.
fn module_path(path: &Path) -> Vec<String> {
    let rel = path.strip_prefix("src").unwrap_or(path);
    let mut parts: Vec<String> = rel
        .iter()
        .map(|p| p.to_string_lossy().trim_end_matches(".rs").to_owned())
        .collect();
    if parts.last().is_some_and(|p| p == "mod") {
        parts.pop();
    }
    parts
}

/// Every room a source file reaches, read as the compiler reads it; `module` is the file's
/// module path.
fn rooms_used(source: &str, module: &[String]) -> BTreeSet<String> {
    paths_used(source, module)
        .into_iter()
        .filter_map(|path| path.first().cloned())
        .collect()
}

/// Every path of ours a source file names, from the crate's root (`print::map::MapInput`).
fn paths_used(source: &str, module: &[String]) -> BTreeSet<Vec<String>> {
    let file = syn::parse_file(source).expect("the source parses");
    let mut finder = Finder {
        module: module.to_vec(),
        paths: BTreeSet::new(),
    };
    finder.visit_file(&file);
    finder.paths
}

struct Finder {
    module: Vec<String>,
    paths: BTreeSet<Vec<String>>,
}

impl Finder {
    /// The room a path starting with `segments` names, if it names one of ours.
    fn resolve(&mut self, segments: &[String]) {
        let Some(first) = segments.first() else {
            return;
        };
        let absolute: Option<Vec<String>> = match first.as_str() {
            "crate" | "langson_atlas" => Some(segments[1..].to_vec()),
            "self" => Some([&self.module[..], &segments[1..]].concat()),
            "super" => {
                let ups = segments.iter().take_while(|s| *s == "super").count();
                let base = &self.module[..self.module.len().saturating_sub(ups)];
                Some([base, &segments[ups..]].concat())
            }
            _ => None,
        };
        if let Some(path) = absolute.filter(|p| !p.is_empty()) {
            self.paths.insert(path);
        }
    }

    fn use_tree(&mut self, prefix: &mut Vec<String>, tree: &syn::UseTree) {
        match tree {
            syn::UseTree::Path(p) => {
                prefix.push(p.ident.to_string());
                self.use_tree(prefix, &p.tree);
                prefix.pop();
            }
            syn::UseTree::Group(g) => {
                for item in &g.items {
                    self.use_tree(prefix, item);
                }
            }
            syn::UseTree::Name(n) => {
                prefix.push(n.ident.to_string());
                self.resolve(&prefix.clone());
                prefix.pop();
            }
            syn::UseTree::Rename(r) => {
                prefix.push(r.ident.to_string());
                self.resolve(&prefix.clone());
                prefix.pop();
            }
            syn::UseTree::Glob(_) => self.resolve(&prefix.clone()),
        }
    }

    /// `crate :: room`, `super :: …` and `langson_atlas :: room` inside a macro's tokens.
    fn tokens(&mut self, tokens: TokenStream) {
        let trees: Vec<TokenTree> = tokens.into_iter().collect();
        for (i, tree) in trees.iter().enumerate() {
            match tree {
                TokenTree::Group(g) => self.tokens(g.stream()),
                TokenTree::Ident(id) => {
                    let mut segments = vec![id.to_string()];
                    let mut k = i + 1;
                    while let (Some(TokenTree::Punct(a)), Some(TokenTree::Punct(b))) =
                        (trees.get(k), trees.get(k + 1))
                    {
                        if a.as_char() != ':' || b.as_char() != ':' {
                            break;
                        }
                        match trees.get(k + 2) {
                            Some(TokenTree::Ident(next)) => segments.push(next.to_string()),
                            _ => break,
                        }
                        k += 3;
                    }
                    if segments.len() > 1 {
                        self.resolve(&segments);
                    }
                }
                TokenTree::Punct(_) | TokenTree::Literal(_) => {}
            }
        }
    }
}

impl<'ast> Visit<'ast> for Finder {
    fn visit_item_mod(&mut self, item: &'ast syn::ItemMod) {
        self.module.push(item.ident.to_string());
        syn::visit::visit_item_mod(self, item);
        self.module.pop();
    }

    fn visit_item_use(&mut self, item: &'ast syn::ItemUse) {
        self.use_tree(&mut Vec::new(), &item.tree);
    }

    fn visit_path(&mut self, path: &'ast syn::Path) {
        let segments: Vec<String> = path.segments.iter().map(|s| s.ident.to_string()).collect();
        self.resolve(&segments);
        syn::visit::visit_path(self, path);
    }

    fn visit_macro(&mut self, mac: &'ast syn::Macro) {
        self.tokens(mac.tokens.clone());
        syn::visit::visit_macro(self, mac);
    }
}

#[test]
fn the_layer_order_names_every_room_of_the_library_once() {
    let order = layer_order();
    let unique: BTreeSet<&String> = order.iter().collect();
    assert_eq!(unique.len(), order.len(), "a room stated twice: {order:?}");
    let lib = std::fs::read_to_string("src/lib.rs").expect("src/lib.rs");
    #[expect(
        clippy::wildcard_enum_match_arm,
        reason = "syn::Item is non_exhaustive: only modules are looked for"
    )]
    let declared: BTreeSet<String> = syn::parse_file(&lib)
        .expect("lib.rs parses")
        .items
        .iter()
        .filter_map(|item| match item {
            syn::Item::Mod(m) => Some(m.ident.to_string()),
            _ => None,
        })
        .collect();
    let stated: BTreeSet<String> = order.into_iter().collect();
    assert_eq!(
        declared, stated,
        "lib.rs's modules against ARCHITECTURE.md's order"
    );
}

#[test]
fn every_room_imports_only_the_rooms_below_it() {
    let order = layer_order();
    let mut files = Vec::new();
    rust_files(Path::new("src"), &mut files);
    assert!(files.len() > 40, "the sources were read ({})", files.len());
    let mut checked = 0;
    let mut violations = Vec::new();
    for file in &files {
        let module = module_path(file);
        let Some(room) = module.first() else { continue };
        // The library's root, the window's main and the prep tool wire everything.
        let Some(level) = order.iter().position(|r| r == room) else {
            assert!(
                ["lib", "main", "bin"].contains(&room.as_str()),
                "{} is in no room of the layer order",
                file.display()
            );
            continue;
        };
        checked += 1;
        let text = std::fs::read_to_string(file).expect("readable source");
        for used in rooms_used(&text, &module) {
            match order.iter().position(|r| *r == used) {
                Some(at) if at <= level => {}
                Some(_) => violations.push(format!("{} ({room}) uses {used}", file.display())),
                None => violations.push(format!(
                    "{} ({room}) uses {used}, a room the layer order does not name",
                    file.display()
                )),
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

/// Inside a room, files do not import each other in a circle: each file's job rests on
/// the ones it uses, and a circle is two jobs that should be one file or a third that both
/// use. A room's root (`mod.rs`, which declares and re-exports its files) is left out.
#[test]
fn no_circle_of_imports_between_the_files_of_a_room() {
    let mut files = Vec::new();
    rust_files(Path::new("src"), &mut files);
    let modules: Vec<(Vec<String>, PathBuf)> = files
        .iter()
        .map(|f| (module_path(f), f.clone()))
        .filter(|(m, f)| m.len() > 1 && !f.ends_with("mod.rs"))
        .collect();
    let file_of = |path: &[String]| {
        (1..=path.len())
            .rev()
            .find_map(|n| modules.iter().position(|(m, _)| m[..] == path[..n]))
    };
    let mut edges: Vec<BTreeSet<usize>> = vec![BTreeSet::new(); modules.len()];
    for (i, (module, file)) in modules.iter().enumerate() {
        let text = std::fs::read_to_string(file).expect("readable source");
        for path in paths_used(&text, module) {
            if let Some(j) = file_of(&path).filter(|&j| j != i) {
                edges[i].insert(j);
            }
        }
    }
    assert!(
        edges.iter().map(BTreeSet::len).sum::<usize>() > 100,
        "the files' imports were read"
    );
    // A circle is an edge i → j with a way back from j to i.
    let reaches = |from: usize, to: usize| {
        let mut seen = vec![false; modules.len()];
        let mut stack = vec![from];
        while let Some(k) = stack.pop() {
            if k == to {
                return true;
            }
            if !std::mem::replace(&mut seen[k], true) {
                stack.extend(edges[k].iter().copied());
            }
        }
        false
    };
    let mut circles = Vec::new();
    for (i, out) in edges.iter().enumerate() {
        for &j in out {
            if i < j && modules[i].0[0] == modules[j].0[0] && reaches(j, i) {
                circles.push(format!(
                    "{} and {}",
                    modules[i].1.display(),
                    modules[j].1.display()
                ));
            }
        }
    }
    assert!(
        circles.is_empty(),
        "files that import each other:\n{}",
        circles.join("\n")
    );
}

/// The rooms table of ARCHITECTURE.md: for each row, its first cell (the paths) and the
/// whole row.
fn rooms_table() -> Vec<(String, String)> {
    let text = std::fs::read_to_string("ARCHITECTURE.md").expect("ARCHITECTURE.md");
    text.lines()
        .filter(|l| l.starts_with("| `"))
        .map(|l| {
            let first = l.split('|').nth(1).unwrap_or("").trim().to_owned();
            (first, l.to_owned())
        })
        .collect()
}

/// Every source file and every bench is named in its room's row of ARCHITECTURE.md, so
/// a newcomer finds it from there.
#[test]
fn every_source_file_and_bench_is_named_in_its_room_s_row() {
    let table = rooms_table();
    let mut files = Vec::new();
    rust_files(Path::new("src"), &mut files);
    let mut missing = Vec::new();
    let mut checked = 0;
    for file in &files {
        let module = module_path(file);
        let (Some(room), Some(stem)) = (module.first(), file.file_stem()) else {
            continue;
        };
        let stem = stem.to_string_lossy();
        if stem == "mod" && module.len() == 1 || ["lib", "main"].contains(&room.as_str()) {
            continue;
        }
        let row = table
            .iter()
            .find(|(paths, _)| {
                paths.contains(&format!("`src/{room}/`"))
                    || paths.contains(&format!("`src/{room}.rs`"))
            })
            .or_else(|| {
                table
                    .iter()
                    .find(|(paths, _)| paths.contains(&format!("src/{room}/")))
            });
        checked += 1;
        // A sub-folder's mod.rs is named by the folder.
        let name = if stem == "mod" {
            module.last().cloned().unwrap_or_default()
        } else {
            stem.into_owned()
        };
        if !row.is_some_and(|(_, line)| line.contains(&name)) {
            missing.push(file.display().to_string());
        }
    }
    assert!(checked > 150, "{checked} files checked");
    let benches = table
        .iter()
        .find(|(paths, _)| paths.contains("`benches/`"))
        .map(|(_, line)| line.clone())
        .expect("ARCHITECTURE.md has a row for benches/");
    for entry in std::fs::read_dir("benches").expect("benches/").flatten() {
        let path = entry.path();
        if let Some(stem) = path
            .file_stem()
            .filter(|_| path.extension().is_some_and(|e| e == "rs"))
            && !benches.contains(&*stem.to_string_lossy())
        {
            missing.push(path.display().to_string());
        }
    }
    assert!(
        missing.is_empty(),
        "named nowhere in ARCHITECTURE.md's rooms table:\n{}",
        missing.join("\n")
    );
}

/// Each room uses only the rooms its row's "may use" column lists (in backticks; "every
/// room" for the app).
#[test]
fn every_room_uses_only_what_its_row_says_it_may() {
    let order = layer_order();
    let table = rooms_table();
    let mut files = Vec::new();
    rust_files(Path::new("src"), &mut files);
    let mut wrong = Vec::new();
    let mut checked = 0;
    for file in &files {
        let module = module_path(file);
        let Some(room) = module.first() else { continue };
        let path = format!("src/{}", file.strip_prefix("src").unwrap_or(file).display());
        let row = table.iter().find(|(paths, _)| {
            paths.contains(&format!("`src/{room}/`"))
                || paths.contains(&format!("`src/{room}.rs`"))
                || paths.contains(&format!("`{path}`"))
        });
        let Some((_, line)) = row else {
            wrong.push(format!("{}: no row in ARCHITECTURE.md", file.display()));
            continue;
        };
        let may_use = line.rsplit('|').nth(1).unwrap_or("");
        if may_use.contains("every room") {
            continue;
        }
        checked += 1;
        let text = std::fs::read_to_string(file).expect("readable source");
        for used in rooms_used(&text, &module) {
            if &used != room && order.contains(&used) && !may_use.contains(&format!("`{used}`")) {
                wrong.push(format!("{} ({room}) uses {used}", file.display()));
            }
        }
    }
    assert!(checked > 100, "{checked} files checked");
    assert!(
        wrong.is_empty(),
        "uses against the rooms table:\n{}",
        wrong.join("\n")
    );
}

/// The check sees every way a file can reach another room, and nothing in comments or
/// strings.
#[test]
fn the_check_sees_every_way_of_naming_a_room() {
    let module = |m: &str| m.split("::").map(str::to_owned).collect::<Vec<_>>();
    let cases: [(&str, &str, &[&str]); 7] = [
        (
            "use crate::{atlas::Lang, ui::i18n::T};",
            "map::style",
            &["atlas", "ui"],
        ),
        (
            "use super::super::app::X;",
            "map::basemap::raster",
            &["map"],
        ),
        ("use super::app::X;", "state", &["app"]),
        (
            "fn f() { let _ = langson_atlas::app::AtlasApp::new; }",
            "map",
            &["app"],
        ),
        ("fn f() -> crate::ui::Panel { todo!() }", "map", &["ui"]),
        ("fn f() { let _ = vec![crate::app::X]; }", "map", &["app"]),
        (
            "// use crate::app::X\nconst S: &str = \"crate::ui\";",
            "map",
            &[],
        ),
    ];
    for (source, file_module, expected) in cases {
        let found = rooms_used(source, &module(file_module));
        let expected: BTreeSet<String> = expected.iter().map(|s| (*s).to_owned()).collect();
        assert_eq!(found, expected, "{source}");
    }
    // Inside an inline module, `super` is the file's own module.
    let found = rooms_used("mod tests { use super::*; }", &module("map::style"));
    assert_eq!(found, BTreeSet::from(["map".to_owned()]));
}

#[test]
fn the_model_the_sources_the_layers_and_the_tasks_know_nothing_of_egui() {
    let mut files = Vec::new();
    rust_files(Path::new("src/atlas"), &mut files);
    rust_files(Path::new("src/prep"), &mut files);
    rust_files(Path::new("src/layers"), &mut files);
    rust_files(Path::new("src/sources"), &mut files);
    files.push(PathBuf::from("src/task.rs"));
    assert!(!files.is_empty(), "the sources were read");
    for file in files {
        let text = std::fs::read_to_string(&file).expect("readable");
        let file_ast = syn::parse_file(&text).expect("parses");
        let mut paths = PathsFinder::default();
        paths.visit_file(&file_ast);
        for root in ["egui", "walkers", "eframe"] {
            assert!(
                !paths.roots.contains(root),
                "{} reaches for {root}",
                file.display()
            );
        }
    }
}

/// The first segment of every path and `use` in a file.
#[derive(Default)]
struct PathsFinder {
    roots: BTreeSet<String>,
}

impl<'ast> Visit<'ast> for PathsFinder {
    fn visit_item_use(&mut self, item: &'ast syn::ItemUse) {
        let mut tree = &item.tree;
        let root = loop {
            match tree {
                syn::UseTree::Path(p) => break Some(p.ident.to_string()),
                syn::UseTree::Name(n) => break Some(n.ident.to_string()),
                syn::UseTree::Rename(r) => break Some(r.ident.to_string()),
                syn::UseTree::Glob(_) => break None,
                syn::UseTree::Group(g) => match g.items.first() {
                    Some(first) => tree = first,
                    None => break None,
                },
            }
        };
        self.roots.extend(root);
    }

    fn visit_path(&mut self, path: &'ast syn::Path) {
        if let Some(first) = path.segments.first() {
            self.roots.insert(first.ident.to_string());
        }
        syn::visit::visit_path(self, path);
    }
}
