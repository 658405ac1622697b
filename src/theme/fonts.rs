//! The UI's typeface: Noto Sans (SIL OFL 1.1), shipped in `assets/fonts/`, which covers
//! every Vietnamese letter. egui's built-in font does not, and system fallbacks mix faces.

use egui::{FontData, FontDefinitions, FontFamily};
use std::sync::Arc;

pub const REGULAR: &str = "NotoSans-Regular";
pub const BOLD: &str = "NotoSans-Bold";
/// Stars, diamonds and warning signs the articles and status bar use.
pub const SYMBOLS: &str = "NotoSansSymbols2-Regular";
/// The few Han characters of the Chinese gate names in the sources' notes: a subset of
/// Noto Sans CJK SC made by `scripts/subset-cjk-font.sh`.
pub const CJK: &str = "NotoSansCJK-subset";

/// The faces' files, compiled in: the window, the pictures and the PDF atlas embed the same.
pub static REGULAR_BYTES: &[u8] = include_bytes!("../../assets/fonts/NotoSans-Regular.ttf");
pub static BOLD_BYTES: &[u8] = include_bytes!("../../assets/fonts/NotoSans-Bold.ttf");
pub static SYMBOLS_BYTES: &[u8] = include_bytes!("../../assets/fonts/NotoSansSymbols2-Regular.ttf");
pub static CJK_BYTES: &[u8] = include_bytes!("../../assets/fonts/NotoSansCJK-subset.otf");

pub fn definitions() -> FontDefinitions {
    let mut fonts = FontDefinitions::default();
    fonts.font_data.insert(
        REGULAR.to_owned(),
        Arc::new(FontData::from_static(REGULAR_BYTES)),
    );
    fonts
        .font_data
        .insert(BOLD.to_owned(), Arc::new(FontData::from_static(BOLD_BYTES)));
    fonts.font_data.insert(
        SYMBOLS.to_owned(),
        Arc::new(FontData::from_static(SYMBOLS_BYTES)),
    );
    fonts
        .font_data
        .insert(CJK.to_owned(), Arc::new(FontData::from_static(CJK_BYTES)));
    let proportional = fonts.families.entry(FontFamily::Proportional).or_default();
    proportional.insert(0, REGULAR.to_owned());
    proportional.insert(1, SYMBOLS.to_owned());
    proportional.push(CJK.to_owned());
    // Monospace keeps its face for digits and falls back to Noto for Vietnamese letters.
    fonts
        .families
        .entry(FontFamily::Monospace)
        .or_default()
        .push(REGULAR.to_owned());
    fonts.families.insert(
        FontFamily::Name(BOLD.into()),
        vec![
            BOLD.to_owned(),
            REGULAR.to_owned(),
            SYMBOLS.to_owned(),
            CJK.to_owned(),
        ],
    );
    fonts
}

/// Installs the fonts; every window and every test harness calls this.
pub fn install(ctx: &egui::Context) {
    ctx.set_fonts(definitions());
}

pub fn bold(size: f32) -> egui::FontId {
    egui::FontId::new(size, FontFamily::Name(BOLD.into()))
}
