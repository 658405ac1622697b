//! A page as a list of drawing operations in points (origin top left, y down), made by the
//! layout and written by `pdf.rs`. Laying a whole atlas out before writing it tells the
//! table of contents its page numbers, and lets tests read where things were put.

use super::text::Face;

/// A print colour: opaque, as printers want it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Rgb(pub u8, pub u8, pub u8);

impl Rgb {
    pub const BLACK: Rgb = Rgb(0, 0, 0);
    pub const WHITE: Rgb = Rgb(255, 255, 255);

    /// The colour seen when `color` at `alpha` lies on white paper: the screen's
    /// translucent fills become flat inks.
    pub fn over_paper(color: egui::Color32) -> Rgb {
        let [r, g, b, a] = color.to_srgba_unmultiplied();
        let mix = |c: u8| {
            let a = f32::from(a) / 255.0;
            (f32::from(c) * a + 255.0 * (1.0 - a)).round() as u8
        };
        Rgb(mix(r), mix(g), mix(b))
    }

    /// Halfway (or `t` of the way) to white: the muted rest of a page's map.
    pub fn lighter(self, t: f32) -> Rgb {
        let mix = |c: u8| (f32::from(c) + (255.0 - f32::from(c)) * t).round() as u8;
        Rgb(mix(self.0), mix(self.1), mix(self.2))
    }

    /// Luminance 0–255 (Rec. 709), what a greyscale printer keeps.
    pub fn grey(self) -> f32 {
        0.2126 * f32::from(self.0) + 0.7152 * f32::from(self.1) + 0.0722 * f32::from(self.2)
    }
}

/// A rectangle in points.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Rect {
    pub x: f32,
    pub y: f32,
    pub w: f32,
    pub h: f32,
}

impl Rect {
    pub const fn new(x: f32, y: f32, w: f32, h: f32) -> Self {
        Self { x, y, w, h }
    }

    pub fn right(&self) -> f32 {
        self.x + self.w
    }

    pub fn bottom(&self) -> f32 {
        self.y + self.h
    }

    pub fn shrink(&self, by: f32) -> Rect {
        Rect::new(
            self.x + by,
            self.y + by,
            (self.w - 2.0 * by).max(0.0),
            (self.h - 2.0 * by).max(0.0),
        )
    }

    pub fn contains(&self, p: [f32; 2]) -> bool {
        p[0] >= self.x && p[0] <= self.right() && p[1] >= self.y && p[1] <= self.bottom()
    }

    pub fn corners(&self) -> Vec<[f32; 2]> {
        vec![
            [self.x, self.y],
            [self.right(), self.y],
            [self.right(), self.bottom()],
            [self.x, self.bottom()],
        ]
    }
}

/// A piece of text in one face, size and colour.
#[derive(Clone, Debug, PartialEq)]
pub struct Span {
    pub text: String,
    pub face: Face,
    pub size: f32,
    pub color: Rgb,
}

#[derive(Clone, Debug, PartialEq)]
pub enum Op {
    /// Rings filled with the even-odd rule: a polygon's holes stay open whichever way the
    /// data winds them (one operation is one polygon, so its parts never overlap).
    Fill {
        rings: Vec<Vec<[f32; 2]>>,
        color: Rgb,
    },
    Stroke {
        lines: Vec<Vec<[f32; 2]>>,
        closed: bool,
        color: Rgb,
        width: f32,
        dash: Option<[f32; 2]>,
    },
    /// Text with its baseline starting at `at`.
    Text {
        at: [f32; 2],
        span: Span,
    },
    /// Everything until `Unclip` is cut to the rectangle.
    Clip(Rect),
    Unclip,
    /// A click in `rect` goes to page `page` (0-based): the table of contents.
    Link {
        rect: Rect,
        page: usize,
    },
    /// A click in `rect` opens `uri` in the browser: a QR code's link.
    Uri {
        rect: Rect,
        uri: String,
    },
}

/// One page: its operations, and the outline entry that points at it.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Page {
    pub ops: Vec<Op>,
    pub bookmark: Option<String>,
    /// Where the map was put, for the tests and the overview.
    pub map: Option<Rect>,
}

impl Page {
    pub fn text(
        &mut self,
        at: [f32; 2],
        text: impl Into<String>,
        face: Face,
        size: f32,
        color: Rgb,
    ) {
        let text = super::text::composed(&text.into());
        if text.is_empty() {
            return;
        }
        self.ops.push(Op::Text {
            at,
            span: Span {
                text,
                face,
                size,
                color,
            },
        });
    }

    pub fn rect_fill(&mut self, r: Rect, color: Rgb) {
        self.ops.push(Op::Fill {
            rings: vec![r.corners()],
            color,
        });
    }

    pub fn rect_stroke(&mut self, r: Rect, color: Rgb, width: f32) {
        self.ops.push(Op::Stroke {
            lines: vec![r.corners()],
            closed: true,
            color,
            width,
            dash: None,
        });
    }

    pub fn line(&mut self, points: Vec<[f32; 2]>, color: Rgb, width: f32) {
        self.ops.push(Op::Stroke {
            lines: vec![points],
            closed: false,
            color,
            width,
            dash: None,
        });
    }

    /// Every text drawn on the page, in order (tests read pages with it).
    pub fn texts(&self) -> impl Iterator<Item = &str> {
        self.ops.iter().filter_map(|op| match op {
            Op::Text { span, .. } => Some(span.text.as_str()),
            Op::Fill { .. }
            | Op::Stroke { .. }
            | Op::Clip(_)
            | Op::Unclip
            | Op::Link { .. }
            | Op::Uri { .. } => None,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn translucent_screen_fills_become_flat_inks_on_paper() {
        let half_red = egui::Color32::from_rgba_unmultiplied(255, 0, 0, 128);
        assert_eq!(Rgb::over_paper(half_red), Rgb(255, 127, 127));
        assert_eq!(Rgb::over_paper(egui::Color32::BLACK), Rgb::BLACK);
        assert_eq!(Rgb(0, 0, 0).lighter(0.5), Rgb(128, 128, 128));
    }
}
