//! The measure tool on the map: the path or shape, its points, each point's running total,
//! and the area of a closed shape; kept measurements in a quieter colour.

use super::mercator::{self, View};
use crate::atlas::Lang;
use crate::layers::measure::{MeasureTool, Measurement, area_text, length_text};
use egui::{Align2, Color32, FontId, Painter, Pos2, Shape, Stroke};

const ACTIVE: Color32 = Color32::from_rgb(220, 20, 120);
const KEPT: Color32 = Color32::from_rgb(120, 40, 160);

pub fn paint(painter: &Painter, view: &View, tool: &MeasureTool, lang: Lang, size: f32) {
    for m in &tool.kept {
        one(painter, view, m, KEPT, lang, size);
    }
    one(painter, view, &tool.current, ACTIVE, lang, size);
}

fn one(painter: &Painter, view: &View, m: &Measurement, colour: Color32, lang: Lang, size: f32) {
    let screen: Vec<Pos2> = m
        .points
        .iter()
        .map(|c| view.to_screen(mercator::to_world(*c)))
        .collect();
    if screen.is_empty() {
        return;
    }
    if m.closed {
        let mut ring = screen.clone();
        ring.push(screen[0]);
        painter.add(Shape::line(ring, Stroke::new(3.0, colour)));
    } else {
        painter.add(Shape::line(screen.clone(), Stroke::new(3.0, colour)));
    }
    let font = FontId::proportional(size);
    let mut running = 0.0;
    let segments = m.segments();
    for (i, p) in screen.iter().enumerate() {
        painter.circle(*p, 4.5, Color32::WHITE, Stroke::new(2.0, colour));
        if i > 0
            && let Some(d) = segments.get(i - 1)
        {
            running += d;
            tag(painter, *p, &length_text(running, lang), &font, colour);
        }
    }
    if let Some(area) = m.area() {
        let n = screen.len() as f32;
        let centre = screen.iter().fold(Pos2::ZERO, |a, p| a + p.to_vec2() / n);
        let text = format!(
            "{} · {}",
            area_text(area, lang),
            length_text(m.length(), lang)
        );
        tag(painter, centre, &text, &font, colour);
    }
}

/// A label on a white card beside a point.
fn tag(painter: &Painter, at: Pos2, text: &str, font: &FontId, colour: Color32) {
    let galley = painter.layout_no_wrap(text.to_owned(), font.clone(), colour);
    let rect = Align2::LEFT_BOTTOM
        .anchor_size(at + egui::vec2(8.0, -6.0), galley.size())
        .expand(3.0);
    painter.rect_filled(rect, 3.0, Color32::from_white_alpha(230));
    painter.galley(rect.shrink(3.0).min, galley, colour);
}
