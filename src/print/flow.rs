//! Text poured into columns: paragraphs of spans in several faces and colours, broken into
//! lines where Unicode's line breaking allows (`text.rs`), flowing from one column to the
//! next and onto continuation pages when a feature has more facts than its page holds.
//! Nothing is cut off, and no line is wider than its column as drawn.

use super::page::{Page, Rect, Rgb, Span};
use super::text::{Face, Fonts, composed, cut, segments};

/// Space between lines, as a multiple of the type size.
const LEADING: f32 = 1.28;

/// How continuation pages are laid out.
pub struct Continuation {
    pub paper: (f32, f32),
    pub margin: f32,
    /// Written at the top of each continuation page.
    pub title: String,
}

pub struct Flow<'f> {
    fonts: &'f Fonts,
    /// The pages of this sheet: the first one, then any continuations.
    pub pages: Vec<Page>,
    columns: Vec<Rect>,
    column: usize,
    y: f32,
    next: Continuation,
}

impl<'f> Flow<'f> {
    pub fn new(fonts: &'f Fonts, first: Page, columns: Vec<Rect>, next: Continuation) -> Self {
        let y = columns.first().map_or(0.0, |c| c.y);
        Flow {
            fonts,
            pages: vec![first],
            columns,
            column: 0,
            y,
            next,
        }
    }

    fn page(&mut self) -> &mut Page {
        if self.pages.is_empty() {
            self.pages.push(Page::default());
        }
        let last = self.pages.len() - 1;
        &mut self.pages[last]
    }

    fn current(&self) -> Option<Rect> {
        self.columns.get(self.column).copied()
    }

    /// Moves to the next column, or to a new continuation page.
    fn advance(&mut self) {
        self.column += 1;
        if self.column < self.columns.len() {
            self.y = self.columns[self.column].y;
            return;
        }
        let (w, h) = self.next.paper;
        let m = self.next.margin;
        let mut page = Page::default();
        page.text(
            [m, m + 14.0],
            self.next.title.clone(),
            Face::Bold,
            13.0,
            super::ink::TEXT,
        );
        page.line(
            vec![[m, m + 22.0], [w - m, m + 22.0]],
            super::ink::RULE,
            0.6,
        );
        self.pages.push(page);
        let top = m + 32.0;
        let gutter = 18.0;
        let col = (w - 2.0 * m - gutter) / 2.0;
        self.columns = vec![
            Rect::new(m, top, col, h - top - m - 16.0),
            Rect::new(m + col + gutter, top, col, h - top - m - 16.0),
        ];
        self.column = 0;
        self.y = top;
    }

    /// Room left in the current column.
    fn room(&self) -> f32 {
        self.current().map_or(0.0, |c| c.bottom() - self.y)
    }

    pub fn gap(&mut self, points: f32) {
        self.y += points;
    }

    /// A heading, kept with at least two lines of what follows.
    pub fn heading(&mut self, text: &str, size: f32, color: Rgb) {
        if self.room() < size * LEADING + 3.0 * 9.0 * LEADING {
            self.advance();
        }
        self.y += 3.0;
        self.para(
            &[Span {
                text: text.to_owned(),
                face: Face::Bold,
                size,
                color,
            }],
            0.0,
        );
        self.y += 1.0;
    }

    /// A paragraph of `spans`, its lines after the first indented by `hang`. Lines are
    /// broken for the column they land in: a paragraph that runs on into a wider or
    /// narrower column is broken again there.
    pub fn para(&mut self, spans: &[Span], hang: f32) {
        let mut segments = tokens(spans);
        let mut start = 0;
        let mut first = true;
        let mut moved = false;
        while start < segments.len() {
            let Some(col) = self.current() else {
                return;
            };
            let indent = if first { 0.0 } else { hang };
            let filled = self.fill(spans, &segments, start, col.w - indent);
            let height = filled.line.iter().map(|s| s.size).fold(0.0, f32::max) * LEADING;
            // A line taller than a whole column is set where it is rather than forever moved.
            if self.room() < height && !moved {
                self.advance();
                moved = true;
                continue;
            }
            moved = false;
            let mut x = col.x + indent;
            let baseline = self.y + height * 0.78;
            for span in filled.line {
                let w = self.fonts.width(span.face, span.size, &span.text);
                self.page()
                    .text([x, baseline], span.text, span.face, span.size, span.color);
                x += w;
            }
            self.y += height;
            if let Some(rest) = filled.rest {
                segments[filled.next] = rest;
            }
            start = filled.next;
            first = false;
        }
    }

    /// The width of `line` as it is drawn: span by span, each shaped whole.
    fn drawn(&self, line: &[Span]) -> f32 {
        line.iter()
            .map(|s| self.fonts.width(s.face, s.size, &s.text))
            .sum()
    }

    /// One line of `width` from `segments[start..]`. Segments are fitted by their own
    /// widths (remembered per word), then the line is measured whole, as it will be drawn,
    /// and given back a segment at a time while it is wider (kerning across the joins).
    /// A segment wider than a line alone is cut, the rest of it left for the next line.
    fn fill(&self, spans: &[Span], segments: &[Segment], start: usize, width: f32) -> Filled {
        let mut end = start;
        let mut x = 0.0;
        while end < segments.len() {
            let pieces = line(spans, &segments[end..=end]);
            let trimmed = self.drawn(&pieces);
            if x + trimmed > width {
                break;
            }
            x += self.drawn(&spaced(spans, &segments[end]));
            end += 1;
            if segments[end - 1].hard {
                break;
            }
        }
        while end > start && self.drawn(&line(spans, &segments[start..end])) > width {
            end -= 1;
        }
        if end > start {
            return Filled {
                line: line(spans, &segments[start..end]),
                next: end,
                rest: None,
            };
        }
        let Some(segment) = segments.get(start) else {
            return Filled {
                line: Vec::new(),
                next: start,
                rest: None,
            };
        };
        let (head, rest) = self.cut(spans, segment, width);
        let next = if rest.pieces.is_empty() {
            start + 1
        } else {
            start
        };
        Filled {
            line: line(spans, std::slice::from_ref(&head)),
            next,
            rest: (!rest.pieces.is_empty()).then_some(rest),
        }
    }

    /// `segment` cut between characters: the longest head that fits in `width` (at least
    /// one character), and the rest.
    fn cut(&self, spans: &[Span], segment: &Segment, width: f32) -> (Segment, Segment) {
        // The segment's text with the span of each byte, so a cut can fall in any piece.
        let text: String = segment.pieces.iter().map(|(_, t)| t.as_str()).collect();
        let split = |at: usize| {
            let (mut head, mut rest) = (Vec::new(), Vec::new());
            let mut offset = 0;
            for (span, piece) in &segment.pieces {
                let (a, b) = piece.split_at(at.saturating_sub(offset).min(piece.len()));
                if !a.is_empty() {
                    head.push((*span, a.to_owned()));
                }
                if !b.is_empty() {
                    rest.push((*span, b.to_owned()));
                }
                offset += piece.len();
            }
            (
                Segment {
                    pieces: head,
                    hard: false,
                },
                Segment {
                    pieces: rest,
                    hard: segment.hard,
                },
            )
        };
        let measure = |t: &str| {
            let (head, _) = split(t.len());
            self.drawn(&line(spans, std::slice::from_ref(&head)))
        };
        let (head, _) = cut(&text, width, measure);
        split(head.len())
    }
}

/// A line as [`Flow::fill`] makes it: its spans, where the next line starts, and what is
/// left of a segment cut at the line's end (it replaces the segment at `next`).
struct Filled {
    line: Vec<Span>,
    next: usize,
    rest: Option<Segment>,
}

/// What a line may not break inside (a word with what clings to it): its text in the
/// styles of the spans it comes from, ending with the space before the next word.
#[derive(Clone, Debug)]
struct Segment {
    /// Each piece's span and text, in order.
    pieces: Vec<(usize, String)>,
    /// A line must end after it (a line break in the text).
    hard: bool,
}

/// The segments of `spans`, composed (NFC): one paragraph's text, runs of spaces (within
/// a span or across the edge of two) counted as one, broken where UAX #14 allows.
fn tokens(spans: &[Span]) -> Vec<Segment> {
    let mut text = String::new();
    // The first byte of each span's text in `text`.
    let mut owners: Vec<(usize, usize)> = Vec::new();
    for (span, s) in spans.iter().enumerate() {
        let begin = text.len();
        for ch in composed(&s.text).chars() {
            if ch == ' ' && (text.is_empty() || text.ends_with([' ', '\n'])) {
                continue;
            }
            text.push(ch);
        }
        if text.len() > begin {
            owners.push((begin, span));
        }
    }
    let mut out = Vec::new();
    let mut at = 0;
    for (segment, hard) in segments(&text) {
        let end = at + segment.len();
        let mut pieces = Vec::new();
        for (i, &(begin, span)) in owners.iter().enumerate() {
            let stop = owners.get(i + 1).map_or(text.len(), |(b, _)| *b);
            let (a, b) = (begin.max(at), stop.min(end));
            if a < b {
                // A line break in the text ends its line; it is not drawn.
                let piece = text[a..b].trim_end_matches(['\n', '\r']);
                if !piece.is_empty() {
                    pieces.push((span, piece.to_owned()));
                }
            }
        }
        if !pieces.is_empty() || hard {
            out.push(Segment { pieces, hard });
        }
        at = end;
    }
    out
}

/// A segment's spans with the space that ends it (its width as part of a line).
fn spaced(spans: &[Span], segment: &Segment) -> Vec<Span> {
    let mut out = Vec::new();
    for (span, piece) in &segment.pieces {
        push(&mut out, &spans[*span], piece.clone());
    }
    out
}

/// `segments` as one line's spans, joined where their styles agree; the spaces at the
/// line's end are not drawn.
fn line(spans: &[Span], segments: &[Segment]) -> Vec<Span> {
    let mut out = Vec::new();
    for segment in segments {
        for (span, piece) in &segment.pieces {
            push(&mut out, &spans[*span], piece.clone());
        }
    }
    while let Some(last) = out.last_mut() {
        let kept = last.text.trim_end().len();
        last.text.truncate(kept);
        if !last.text.is_empty() {
            break;
        }
        out.pop();
    }
    out
}

/// Adds text to the line, joining it to the last span when that has the same style.
fn push(line: &mut Vec<Span>, style: &Span, text: String) {
    if text.is_empty() {
        return;
    }
    if let Some(last) = line.last_mut()
        && last.face == style.face
        && last.size == style.size
        && last.color == style.color
    {
        last.text.push_str(&text);
        return;
    }
    line.push(Span {
        text,
        face: style.face,
        size: style.size,
        color: style.color,
    });
}

#[cfg(test)]
#[path = "flow_tests.rs"]
mod tests;
