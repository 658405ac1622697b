//! Every character the program can show — article text, geodata names, UI strings — has a
//! glyph in the fonts the app installs.

use egui::{FontFamily, FontId};
use langson_atlas::ui::fonts;
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

#[test]
fn every_character_of_the_seeds_and_geodata_has_a_glyph() {
    let ctx = installed_context();
    let mut chars = chars_of_dir("seeds", "txt");
    chars.extend(chars_of_dir("geodata", "geojson"));
    assert_eq!(
        missing(&ctx, FontFamily::Proportional, &chars),
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
