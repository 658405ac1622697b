//! Measuring and breaking text for the printed page. krilla draws text but does not break
//! lines, so the layout measures every run with the shaper krilla draws it with
//! (rustybuzz, the same font data, the run shaped alone with its script guessed and no
//! features, as krilla's simple text does): a line is as wide as measured, kerning and
//! ligatures included. Lines break where Unicode's line breaking (UAX #14) allows: at
//! spaces, after a slash or a dash, between Han characters; a word too wide for its line is
//! cut between characters. A character Noto Sans lacks (a star, a Han character of a
//! gate's Chinese name) is measured, and later drawn, in the face the window falls back to.

use crate::theme::fonts;
use std::cell::RefCell;
use std::collections::HashMap;
use unicode_linebreak::{BreakOpportunity, linebreaks};
use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

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

/// Runs up to this many bytes are remembered with their width: words, names and short
/// labels, which come back again and again; a whole line is shaped afresh.
const REMEMBERED: usize = 48;

/// The fonts as the shaper reads them, read once per atlas.
pub struct Fonts {
    faces: Vec<(Slot, rustybuzz::Face<'static>)>,
    /// Widths in ems of the short runs shaped so far, one map per slot (in `Slot::ALL`'s
    /// order): a paragraph measures the same words many times as it is fitted.
    widths: RefCell<[HashMap<String, f32>; 4]>,
    /// Shaping plans by slot, direction and script. `rustybuzz::shape` (what krilla calls)
    /// makes a plan from exactly these for every run, and making one costs more than the
    /// shaping: kept, a run is shaped the same, many times faster.
    plans: RefCell<HashMap<PlanKey, rustybuzz::ShapePlan>>,
}

type PlanKey = (usize, rustybuzz::Direction, Option<rustybuzz::Script>);

impl Fonts {
    pub fn new() -> Result<Self, FontError> {
        let faces = Slot::ALL
            .into_iter()
            .map(|slot| {
                rustybuzz::Face::from_slice(slot.bytes(), 0)
                    .map(|face| (slot, face))
                    .ok_or_else(|| FontError(slot, "not an OpenType font".to_owned()))
            })
            .collect::<Result<_, FontError>>()?;
        Ok(Self {
            faces,
            widths: RefCell::default(),
            plans: RefCell::default(),
        })
    }

    fn face(&self, slot: Slot) -> Option<&rustybuzz::Face<'static>> {
        self.faces.iter().find(|(s, _)| *s == slot).map(|(_, f)| f)
    }

    fn has(&self, slot: Slot, ch: char) -> bool {
        self.face(slot).is_some_and(|f| f.glyph_index(ch).is_some())
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

    /// `text` cut into runs that one file draws, as slices of it.
    fn run_slices<'t>(&self, face: Face, text: &'t str) -> Vec<(Slot, &'t str)> {
        let mut runs: Vec<(Slot, &'t str)> = Vec::new();
        let mut start = 0;
        let mut current: Option<Slot> = None;
        for (i, ch) in text.char_indices() {
            let slot = self.slot_for(face, ch);
            match current {
                Some(s) if s == slot => {}
                Some(s) => {
                    runs.push((s, &text[start..i]));
                    start = i;
                    current = Some(slot);
                }
                None => current = Some(slot),
            }
        }
        if let Some(s) = current {
            runs.push((s, &text[start..]));
        }
        runs
    }

    /// `text` cut into runs that one file draws: each is drawn (and measured) on its own.
    pub fn runs(&self, face: Face, text: &str) -> Vec<(Slot, String)> {
        self.run_slices(face, text)
            .into_iter()
            .map(|(slot, run)| (slot, run.to_owned()))
            .collect()
    }

    /// The width of `run` drawn from `slot`, in ems: shaped as krilla shapes it.
    fn ems(&self, slot: Slot, run: &str) -> f32 {
        let index = Slot::ALL.iter().position(|s| *s == slot).unwrap_or(0);
        let remember = run.len() <= REMEMBERED;
        if remember && let Some(w) = self.widths.borrow()[index].get(run) {
            return *w;
        }
        let Some(face) = self.face(slot) else {
            return 0.0;
        };
        let mut buffer = rustybuzz::UnicodeBuffer::new();
        buffer.push_str(run);
        buffer.guess_segment_properties();
        // The buffer's guessed script, as `shape` passes it to its plan (none when unknown).
        let script = Some(buffer.script()).filter(|s| *s != rustybuzz::script::UNKNOWN);
        let mut plans = self.plans.borrow_mut();
        let plan = plans
            .entry((index, buffer.direction(), script))
            .or_insert_with(|| {
                rustybuzz::ShapePlan::new(face, buffer.direction(), script, None, &[])
            });
        let shaped = rustybuzz::shape_with_plan(face, plan, buffer);
        drop(plans);
        let units: i64 = shaped
            .glyph_positions()
            .iter()
            .map(|p| i64::from(p.x_advance))
            .sum();
        let ems = units as f32 / face.units_per_em().max(1) as f32;
        if remember {
            self.widths.borrow_mut()[index].insert(run.to_owned(), ems);
        }
        ems
    }

    /// The width of `run` at `size` points, all of it drawn from `slot` (a run of
    /// [`Fonts::runs`]).
    pub fn run_width(&self, slot: Slot, size: f32, run: &str) -> f32 {
        self.ems(slot, run) * size
    }

    /// The width of `text` at `size` points, as it is drawn: run by run.
    pub fn width(&self, face: Face, size: f32, text: &str) -> f32 {
        self.run_slices(face, text)
            .into_iter()
            .map(|(slot, run)| self.run_width(slot, size, run))
            .sum()
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

    /// `text` (composed) broken into lines no wider than `width` where UAX #14 allows, and
    /// inside a word only when the word alone is too wide. Line breaks in the text are kept.
    pub fn wrap(&self, face: Face, size: f32, text: &str, width: f32) -> Vec<String> {
        let text = composed(text);
        let measure = |t: &str| self.width(face, size, t.trim_end());
        let mut lines = Vec::new();
        for paragraph in text.split('\n') {
            let mut queue: std::collections::VecDeque<String> = segments(paragraph.trim_start())
                .into_iter()
                .map(|(s, _)| s.to_owned())
                .collect();
            let mut line = String::new();
            while let Some(segment) = queue.pop_front() {
                let candidate = format!("{line}{segment}");
                if measure(&candidate) <= width {
                    line = candidate;
                } else if !line.is_empty() {
                    lines.push(std::mem::take(&mut line).trim_end().to_owned());
                    queue.push_front(segment);
                } else {
                    let (head, rest) = cut(&segment, width, measure);
                    lines.push(head.trim_end().to_owned());
                    if !rest.is_empty() {
                        queue.push_front(rest.to_owned());
                    }
                }
            }
            lines.push(line.trim_end().to_owned());
        }
        lines
    }
}

/// The longest head of `text` (cut between characters, never before a combining mark) no
/// wider than `width` as `measure` measures it, and the rest; the head has at least one
/// character, however narrow the width.
pub fn cut(text: &str, width: f32, measure: impl Fn(&str) -> f32) -> (&str, &str) {
    let ends: Vec<usize> = text
        .char_indices()
        .skip(1)
        .filter(|(_, ch)| !is_combining_mark(*ch))
        .map(|(i, _)| i)
        .chain(std::iter::once(text.len()))
        .collect();
    // The widths of heads grow with their length: the longest that fits, by halving.
    let fits = |n: usize| {
        ends.get(n)
            .is_some_and(|&end| measure(&text[..end]) <= width)
    };
    let (mut lo, mut hi) = (0, ends.len());
    while lo + 1 < hi {
        let mid = usize::midpoint(lo, hi);
        if fits(mid) {
            lo = mid;
        } else {
            hi = mid;
        }
    }
    let end = ends.get(lo).copied().unwrap_or(text.len());
    text.split_at(end)
}

/// `text` cut where UAX #14 allows a line to break: each piece with the spaces that end it,
/// and whether a line must end after it (a line break in the text).
pub fn segments(text: &str) -> Vec<(&str, bool)> {
    let mut out = Vec::new();
    let mut start = 0;
    for (at, kind) in linebreaks(text) {
        if at > start {
            let hard = kind == BreakOpportunity::Mandatory && at < text.len();
            out.push((&text[start..at], hard));
        }
        start = at;
    }
    out
}

/// Text as the PDF stores it: composed (NFC), so that decomposed Vietnamese from a file
/// prints and copies as the same letters as precomposed.
pub fn composed(text: &str) -> String {
    text.nfc().collect()
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    fn fonts() -> Fonts {
        match Fonts::new() {
            Ok(f) => f,
            Err(e) => panic!("{e}"),
        }
    }

    /// What krilla draws `text` as, in points: each run of one file shaped on its own by
    /// rustybuzz from the font's bytes with its script guessed and no features (krilla's
    /// `naive_shape`), the advances summed. Apart from `Fonts`' own measuring and memory.
    pub(crate) fn drawn_width(fonts: &Fonts, face: Face, size: f32, text: &str) -> f32 {
        fonts
            .runs(face, text)
            .iter()
            .map(|(slot, run)| {
                let font = rustybuzz::Face::from_slice(slot.bytes(), 0).unwrap();
                let mut buffer = rustybuzz::UnicodeBuffer::new();
                buffer.push_str(run);
                buffer.guess_segment_properties();
                let shaped = rustybuzz::shape(&font, &[], buffer);
                let units: i32 = shaped.glyph_positions().iter().map(|p| p.x_advance).sum();
                units as f32 / font.units_per_em() as f32 * size
            })
            .sum()
    }

    /// Texts the atlas prints: Vietnamese, English, the Chinese names of the gates facing
    /// Lạng Sơn's (a run of Han characters with no space), and a source's long URL.
    pub(crate) const SAMPLES: [&str; 4] = [
        "Quy hoạch tỉnh thời kỳ 2021–2030, tầm nhìn đến năm 2050 được Thủ tướng phê duyệt tại \
         Quyết định 236/QĐ-TTg ngày 19/3/2024. Lạng Sơn giáp Trung Quốc, có đường biên giới \
         trên 231 km, 2 cửa khẩu quốc tế, 1 cửa khẩu chính và 9 cửa khẩu phụ.",
        "The 2021–2030 provincial plan, with a vision to 2050, was approved by the Prime \
         Minister. Today, Lạng Sơn borders China, with more than 231 km of border, 2 \
         international gates, 1 main gate and 9 secondary gates.",
        "Bình Nghi – Bình Nhi Quan (平而关), Pò Nhùng – You'ai (油隘): 平而关油隘平而关油隘平而关油隘",
        "https://vovworld.vn/fr-CH/actualites/covid19-reouverture-de-certains-points-de-passage-a-lang-son-859689.vov",
    ];

    #[test]
    fn text_is_measured_as_krilla_draws_it_kerned_and_shaped() {
        let fonts = fonts();
        // Kerned pairs: shaped, “AV” is narrower than “A” and “V” apart.
        let apart = fonts.width(Face::Regular, 100.0, "A") + fonts.width(Face::Regular, 100.0, "V");
        assert!(fonts.width(Face::Regular, 100.0, "AV") < apart - 1.0);
        for face in [Face::Regular, Face::Bold] {
            for text in SAMPLES {
                // Twice: the second answer comes from the remembered widths.
                for _ in 0..2 {
                    let measured = fonts.width(face, 9.0, text);
                    let drawn = drawn_width(&fonts, face, 9.0, text);
                    assert!(
                        (measured - drawn).abs() < 1e-3,
                        "{text}: measured {measured}, drawn {drawn}"
                    );
                }
            }
        }
    }

    #[test]
    fn no_wrapped_line_is_wider_than_its_width_as_drawn() {
        let fonts = fonts();
        for text in SAMPLES {
            for width in [40.0, 90.0, 160.0, 250.0] {
                for face in [Face::Regular, Face::Bold] {
                    let lines = fonts.wrap(face, 9.0, text, width);
                    for line in &lines {
                        let drawn = drawn_width(&fonts, face, 9.0, line);
                        assert!(drawn <= width, "{line:?}: {drawn} > {width}");
                    }
                    let kept: String = lines.concat().split_whitespace().collect();
                    let given: String = text.split_whitespace().collect();
                    assert_eq!(kept, given, "no letter lost at {width}");
                }
            }
        }
    }

    #[test]
    fn lines_break_where_unicode_allows_after_a_slash_or_a_dash_and_between_han_characters() {
        let fonts = fonts();
        let url = SAMPLES[3];
        let lines = fonts.wrap(Face::Regular, 9.0, url, 110.0);
        assert!(lines.len() > 3, "{lines:?}");
        for line in &lines[..lines.len() - 1] {
            assert!(line.ends_with(['/', '-']), "{line:?} of {lines:?}");
        }
        // The gate names' Han characters continue the line they start on.
        let names = "Bình Nhi Quan 平而关油隘平而关油隘";
        let lines = fonts.wrap(Face::Regular, 9.0, names, 80.0);
        assert!(lines[0].starts_with("Bình Nhi Quan 平"), "{lines:?}");
        // A line break in the text is kept; a space never starts or ends a line.
        let lines = fonts.wrap(Face::Regular, 9.0, "Đồng Đăng\nLạng Sơn", 500.0);
        assert_eq!(lines, ["Đồng Đăng", "Lạng Sơn"]);
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
