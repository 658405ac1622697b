//! Every character the program can show — article text, geodata names, UI strings — has a
//! glyph in the fonts the app installs.

#![allow(
    clippy::expect_used,
    clippy::unwrap_used,
    reason = "the test's helpers: a failed expectation is a failed test"
)]

use egui::{FontFamily, FontId};
use langson_atlas::theme::fonts;
use std::collections::BTreeSet;

fn installed_context() -> egui::Context {
    let ctx = egui::Context::default();
    fonts::install(&ctx);
    // Fonts are loaded at the start of a pass.
    let mut output = ctx.run_ui(egui::RawInput::default(), |_| {});
    output.textures_delta.clear();
    ctx
}

fn chars_of_dir(dir: &str, extension: &str) -> BTreeSet<char> {
    let mut chars = BTreeSet::new();
    for entry in std::fs::read_dir(dir).expect("the folder exists").flatten() {
        if entry.path().extension().is_some_and(|e| e == extension) {
            let text = std::fs::read_to_string(entry.path()).expect("readable");
            chars.extend(
                text.chars()
                    .filter(|c| !c.is_whitespace() && !c.is_control()),
            );
        }
    }
    chars
}

fn missing(ctx: &egui::Context, family: FontFamily, chars: &BTreeSet<char>) -> Vec<char> {
    let font = FontId::new(14.0, family);
    ctx.fonts_mut(|f| {
        chars
            .iter()
            .copied()
            .filter(|&c| !f.has_glyph(&font, c))
            .collect()
    })
}

#[test]
fn every_vietnamese_letter_has_a_glyph_in_regular_and_bold() {
    let ctx = installed_context();
    let letters: BTreeSet<char> =
        "aàáạảãâầấậẩẫăằắặẳẵeèéẹẻẽêềếệểễiìíịỉĩoòóọỏõôồốộổỗơờớợởỡuùúụủũưừứựửữyỳýỵỷỹđ"
            .chars()
            .flat_map(|c| [c].into_iter().chain(c.to_uppercase()))
            .collect();
    assert_eq!(
        missing(&ctx, FontFamily::Proportional, &letters),
        Vec::<char>::new()
    );
    assert_eq!(
        missing(&ctx, FontFamily::Name(fonts::BOLD.into()), &letters),
        Vec::<char>::new()
    );
}

/// The characters inside the string literals of the program's sources: the i18n tables,
/// the names of kinds, the legend, every message.
fn chars_of_string_literals() -> BTreeSet<char> {
    let mut out = BTreeSet::new();
    let mut stack = vec![std::path::PathBuf::from("src")];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).expect("src/ is readable").flatten() {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "rs") {
                let text = std::fs::read_to_string(&path).expect("readable source");
                for line in text.lines().filter(|l| !l.trim_start().starts_with("//")) {
                    // Odd-numbered pieces between quotes are inside a literal.
                    for (i, piece) in line.split('"').enumerate() {
                        if i % 2 == 1 {
                            out.extend(piece.chars());
                        }
                    }
                }
            }
        }
    }
    out
}

/// Everything the UI can show: the articles, the geodata, the facts and their index, the
/// tour's captions, and the program's own strings; in the regular and the bold face.
#[test]
fn every_character_the_ui_can_show_has_a_glyph() {
    let ctx = installed_context();
    let mut chars = chars_of_dir("seeds", "txt");
    chars.extend(chars_of_dir("seeds", "json"));
    chars.extend(chars_of_dir("geodata", "geojson"));
    chars.extend(chars_of_dir("geodata", "json"));
    chars.extend(chars_of_string_literals());
    assert!(
        chars.contains(&'ữ') && chars.contains(&'Đ'),
        "the inputs were read"
    );
    assert_eq!(
        missing(&ctx, FontFamily::Proportional, &chars),
        Vec::<char>::new()
    );
    assert_eq!(
        missing(&ctx, FontFamily::Name(fonts::BOLD.into()), &chars),
        Vec::<char>::new()
    );
}

#[test]
fn the_primary_face_is_the_shipped_noto_sans() {
    let definitions = fonts::definitions();
    let first = definitions.families[&FontFamily::Proportional]
        .first()
        .cloned();
    assert_eq!(first.as_deref(), Some(fonts::REGULAR));
}
