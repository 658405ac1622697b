//! Label placement: greedy, by priority, never overlapping, with a halo for legibility on
//! any basemap. Costs what the visible labels cost, nothing more.

use super::style::{LABEL_HALO, LABEL_TEXT};
use egui::{Align2, Color32, FontId, Painter, Pos2, Rect, Vec2};

pub struct Label {
    pub text: String,
    pub anchor: Pos2,
    /// Where the text sits relative to the anchor.
    pub align: Align2,
    /// Space kept between anchor and text (for symbols).
    pub offset: Vec2,
    pub size: f32,
    pub strong: bool,
    pub color: Color32,
    /// Higher is placed first.
    pub priority: u32,
    /// Wider text is not placed (an area name that would spill out of its area)...
    pub max_width: Option<f32>,
    /// ...unless this smaller size and placement is given: then it is placed so, wherever
    /// it overlaps nothing placed before it.
    pub fallback: Option<(f32, Align2)>,
}

/// Places as many labels as fit without overlapping, highest priority first, and paints
/// them. Returns the texts drawn.
pub fn place_and_paint(painter: &Painter, mut labels: Vec<Label>, bounds: Rect) -> Vec<String> {
    labels.sort_by_key(|l| std::cmp::Reverse(l.priority));
    let mut placed: Vec<Rect> = Vec::new();
    let mut texts = Vec::new();
    for mut label in labels {
        let family = if label.strong {
            egui::FontFamily::Name(crate::theme::fonts::BOLD.into())
        } else {
            egui::FontFamily::Proportional
        };
        let mut font = FontId::new(label.size, family);
        let mut galley = painter.layout_no_wrap(label.text.clone(), font.clone(), label.color);
        if label.max_width.is_some_and(|w| galley.size().x > w) {
            let Some((size, align)) = label.fallback else {
                continue;
            };
            font.size = size;
            label.align = align;
            galley = painter.layout_no_wrap(label.text.clone(), font.clone(), label.color);
        }
        let rect = label
            .align
            .anchor_size(label.anchor + label.offset, galley.size())
            .expand(2.0);
        if !bounds.contains_rect(rect) || placed.iter().any(|r| r.intersects(rect)) {
            continue;
        }
        let halo = painter.layout_no_wrap(label.text.clone(), font, LABEL_HALO);
        let pos = rect.shrink(2.0).min;
        for d in [
            Vec2::new(-1.5, 0.0),
            Vec2::new(1.5, 0.0),
            Vec2::new(0.0, -1.5),
            Vec2::new(0.0, 1.5),
            Vec2::new(-1.0, -1.0),
            Vec2::new(1.0, 1.0),
            Vec2::new(-1.0, 1.0),
            Vec2::new(1.0, -1.0),
        ] {
            painter.galley(pos + d, halo.clone(), LABEL_HALO);
        }
        painter.galley(pos, galley, LABEL_TEXT);
        placed.push(rect);
        texts.push(label.text);
    }
    texts
}
