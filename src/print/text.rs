//! Measuring and breaking text for the printed page. The PDF writer draws text but does
//! not break lines, so the layout measures with the fonts' own advances (skrifa) and
//! breaks at spaces. A character Noto Sans lacks (a star, a Han character of a gate's
//! Chinese name) is measured, and later drawn, in the face the window falls back to.

use crate::theme::fonts;
use skrifa::instance::{LocationRef, Size};
use skrifa::{FontRef, MetadataProvider};
use unicode_normalization::UnicodeNormalization;

/// The faces the layout asks for.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Face {
    Regular,
    Bold,
}

/// The font files embedded in the PDF: the two faces and their fallbacks, in the order the
/// window uses them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Slot {
    Regular,
    Bold,
    Symbols,
    Cjk,
}

impl Slot {
    pub const ALL: [Slot; 4] = [Slot::Regular, Slot::Bold, Slot::Symbols, Slot::Cjk];

    pub fn bytes(self) -> &'static [u8] {
        match self {
            Slot::Regular => fonts::REGULAR_BYTES,
            Slot::Bold => fonts::BOLD_BYTES,
            Slot::Symbols => fonts::SYMBOLS_BYTES,
            Slot::Cjk => fonts::CJK_BYTES,
        }
    }
}

/// A font file the program carries could not be read: only a broken build can cause it.
#[derive(Clone, Debug, thiserror::Error, PartialEq)]
#[error("the font {0:?} built into the program cannot be read: {1}")]
pub struct FontError(Slot, String);

struct Metric {
    font: FontRef<'static>,
    upem: f32,
}

/// The fonts' metrics, read once per atlas.
pub struct Fonts {
    metrics: Vec<(Slot, Metric)>,
}

impl Fonts {
    pub fn new() -> Result<Self, FontError> {
        let metrics = Slot::ALL
            .into_iter()
            .map(|slot| {
                let font =
                    FontRef::new(slot.bytes()).map_err(|e| FontError(slot, e.to_string()))?;
                let upem = f32::from(
                    font.metrics(Size::unscaled(), LocationRef::default())
                        .units_per_em,
                );
                Ok((slot, Metric { font, upem }))
            })
            .collect::<Result<_, FontError>>()?;
        Ok(Self { metrics })
    }

    fn metric(&self, slot: Slot) -> Option<&Metric> {
        self.metrics
            .iter()
            .find(|(s, _)| *s == slot)
            .map(|(_, m)| m)
    }

    fn has(&self, slot: Slot, ch: char) -> bool {
        self.metric(slot)
            .is_some_and(|m| m.font.charmap().map(ch).is_some())
    }

    /// The file that draws `ch` in `face`: the face itself, else Symbols, else CJK, else the
    /// face (which then shows its missing-glyph box, as the window would).
    pub fn slot_for(&self, face: Face, ch: char) -> Slot {
        let own = match face {
            Face::Regular => Slot::Regular,
            Face::Bold => Slot::Bold,
        };
        if ch.is_whitespace() || self.has(own, ch) {
            return own;
        }
        [Slot::Regular, Slot::Symbols, Slot::Cjk]
            .into_iter()
            .find(|s| self.has(*s, ch))
            .unwrap_or(own)
    }

    /// `text` cut into runs that one file draws.
    pub fn runs(&self, face: Face, text: &str) -> Vec<(Slot, String)> {
        let mut runs: Vec<(Slot, String)> = Vec::new();
        for ch in text.chars() {
            let slot = self.slot_for(face, ch);
            match runs.last_mut() {
                Some((s, run)) if *s == slot => run.push(ch),
                _ => runs.push((slot, ch.to_string())),
            }
        }
        runs
    }

    fn advance(&self, slot: Slot, ch: char) -> f32 {
        let Some(m) = self.metric(slot) else {
            return 0.5;
        };
        let gid = m.font.charmap().map(ch).unwrap_or_default();
        m.font
            .glyph_metrics(Size::unscaled(), LocationRef::default())
            .advance_width(gid)
            .unwrap_or(0.0)
            / m.upem
    }

    /// The width of `text` at `size` points.
    pub fn width(&self, face: Face, size: f32, text: &str) -> f32 {
        text.chars()
            .map(|ch| self.advance(self.slot_for(face, ch), ch))
            .sum::<f32>()
            * size
    }

    /// `text` as it fits in `width`: whole, or cut with "…".
    pub fn shortened(&self, face: Face, size: f32, text: &str, width: f32) -> String {
        if self.width(face, size, text) <= width {
            return text.to_owned();
        }
        let mut out = String::new();
        for ch in text.chars() {
            if self.width(face, size, &format!("{out}{ch}…")) > width {
                break;
            }
            out.push(ch);
        }
        format!("{}…", out.trim_end())
    }

    /// `text` broken into lines no wider than `width`: at spaces, and inside a word only
    /// when the word alone is too wide. Line breaks in the text are kept.
    pub fn wrap(&self, face: Face, size: f32, text: &str, width: f32) -> Vec<String> {
        let mut lines = Vec::new();
        for paragraph in text.split('\n') {
            let mut line = String::new();
            for word in paragraph.split(' ').filter(|w| !w.is_empty()) {
                let candidate = if line.is_empty() {
                    word.to_owned()
                } else {
                    format!("{line} {word}")
                };
                if self.width(face, size, &candidate) <= width {
                    line = candidate;
                    continue;
                }
                if !line.is_empty() {
                    lines.push(std::mem::take(&mut line));
                }
                for ch in word.chars() {
                    line.push(ch);
                    if self.width(face, size, &line) > width && line.chars().count() > 1 {
                        line.pop();
                        lines.push(std::mem::replace(&mut line, ch.to_string()));
                    }
                }
            }
            lines.push(line);
        }
        lines
    }
}

/// Text as the PDF stores it: composed (NFC), so that decomposed Vietnamese from a file
/// prints and copies as the same letters as precomposed.
pub fn composed(text: &str) -> String {
    text.nfc().collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fonts() -> Fonts {
        match Fonts::new() {
            Ok(f) => f,
            Err(e) => panic!("{e}"),
        }
    }

    #[test]
    fn lines_keep_to_their_width_and_lose_no_word() {
        let fonts = fonts();
        let text = "Khu kinh tế cửa khẩu Đồng Đăng – Lạng Sơn là một trong những khu kinh tế \
                    cửa khẩu đầu tiên của cả nước";
        let lines = fonts.wrap(Face::Regular, 10.0, text, 120.0);
        assert!(lines.len() > 2, "{lines:?}");
        for line in &lines {
            assert!(fonts.width(Face::Regular, 10.0, line) <= 120.0, "{line}");
        }
        assert_eq!(lines.join(" "), text);
    }

    #[test]
    fn letters_noto_sans_lacks_fall_back_as_in_the_window() {
        let fonts = fonts();
        assert_eq!(fonts.slot_for(Face::Bold, 'Đ'), Slot::Bold);
        assert_eq!(fonts.slot_for(Face::Regular, '平'), Slot::Cjk);
        let runs = fonts.runs(Face::Regular, "Bình Nghi 平而关");
        assert_eq!(runs.len(), 2, "{runs:?}");
    }

    #[test]
    fn decomposed_vietnamese_is_stored_composed() {
        let decomposed = "La\u{323}ng So\u{31b}n";
        assert_eq!(composed(decomposed), "Lạng Sơn");
    }
}
