//! Text poured into columns: paragraphs of spans in several faces and colours, broken into
//! lines at spaces, flowing from one column to the next and onto continuation pages when a
//! feature has more facts than its page holds. Nothing is cut off.

use super::page::{Page, Rect, Rgb, Span};
use super::text::{Face, Fonts, composed};

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
        let mut words = tokens(spans);
        let mut start = 0;
        let mut first = true;
        let mut moved = false;
        while start < words.len() {
            let Some(col) = self.current() else {
                return;
            };
            let indent = if first { 0.0 } else { hang };
            let (line, next) = self.fill(spans, &mut words, start, col.w - indent);
            let height = line.iter().map(|s| s.size).fold(0.0, f32::max) * LEADING;
            // A line taller than a whole column is set where it is rather than forever moved.
            if self.room() < height && !moved {
                self.advance();
                moved = true;
                continue;
            }
            moved = false;
            let mut x = col.x + indent;
            let baseline = self.y + height * 0.78;
            for span in line {
                let w = self.fonts.width(span.face, span.size, &span.text);
                self.page()
                    .text([x, baseline], span.text, span.face, span.size, span.color);
                x += w;
            }
            self.y += height;
            start = next;
            first = false;
        }
    }

    /// One line of `width` from `words[start..]`, and where the next line starts. A word
    /// wider than a line is cut, the rest of it left for the next line.
    fn fill(
        &self,
        spans: &[Span],
        words: &mut [Word],
        start: usize,
        width: f32,
    ) -> (Vec<Span>, usize) {
        let mut line: Vec<Span> = Vec::new();
        let mut x = 0.0;
        let mut i = start;
        while i < words.len() {
            let style = &spans[words[i].span];
            let space = if words[i].space && !line.is_empty() {
                " "
            } else {
                ""
            };
            let piece = format!("{space}{}", words[i].text);
            let w = self.fonts.width(style.face, style.size, &piece);
            if x + w <= width || (line.is_empty() && w <= 0.0) {
                x += w;
                push(&mut line, style, piece);
                i += 1;
                continue;
            }
            if line.is_empty() {
                let parts = self
                    .fonts
                    .wrap(style.face, style.size, &words[i].text, width);
                let head = parts.first().cloned().unwrap_or_default();
                let rest: String = parts.iter().skip(1).map(String::as_str).collect();
                push(&mut line, style, head);
                if rest.is_empty() {
                    i += 1;
                } else {
                    words[i].text = rest;
                    words[i].space = false;
                }
            }
            break;
        }
        (line, i)
    }
}

/// A word of a paragraph: its text, the span whose style it has, and whether a space
/// comes before it.
struct Word {
    span: usize,
    text: String,
    space: bool,
}

/// The words of `spans`, composed (NFC); spaces at the edges of spans and runs of spaces
/// count as one space between words.
fn tokens(spans: &[Span]) -> Vec<Word> {
    let mut out = Vec::new();
    let mut pending = false;
    for (span, s) in spans.iter().enumerate() {
        let text = composed(&s.text);
        for (i, word) in text.split(' ').enumerate() {
            if i > 0 {
                pending = true;
            }
            if word.is_empty() {
                continue;
            }
            out.push(Word {
                span,
                text: word.to_owned(),
                space: pending,
            });
            pending = false;
        }
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
mod tests {
    use super::*;

    #[test]
    fn text_longer_than_a_page_continues_on_the_next_without_loss() {
        let Ok(fonts) = Fonts::new() else {
            panic!("fonts");
        };
        let next = Continuation {
            paper: (595.0, 842.0),
            margin: 36.0,
            title: "Lạng Sơn (tiếp)".into(),
        };
        let mut flow = Flow::new(
            &fonts,
            Page::default(),
            vec![Rect::new(36.0, 600.0, 250.0, 100.0)],
            next,
        );
        let word = "Đồng";
        let text = vec![word; 400].join(" ");
        let span = Span {
            text: text.clone(),
            face: Face::Regular,
            size: 9.0,
            color: Rgb::BLACK,
        };
        flow.para(&[span], 0.0);
        assert!(flow.pages.len() >= 2, "{}", flow.pages.len());
        let words: usize = flow
            .pages
            .iter()
            .flat_map(|p| p.texts())
            .filter(|t| !t.contains("tiếp"))
            .map(|t| t.matches(word).count())
            .sum();
        assert_eq!(words, 400);
    }
}
