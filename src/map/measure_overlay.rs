//! The measure tool on the map: the path or shape, its points, each point's running total,
//! and the area of a closed shape; kept measurements in a quieter colour.

use super::mercator::{self, View};
use crate::atlas::Lang;
use crate::layers::measure::{MeasureTool, Measurement, area_text, length_text};
use crate::theme::Palette;
use egui::{Color32, FontId, Painter, Pos2, Rect, Shape, Stroke, Vec2};

/// The tool's paths and totals in `palette`'s colours, the totals in type of `size`.
pub fn paint(
    painter: &Painter,
    view: &View,
    tool: &MeasureTool,
    lang: Lang,
    size: f32,
    palette: &Palette,
) {
    let card = palette.label_card;
    for m in &tool.kept {
        one(painter, view, m, (palette.measure_kept, card), lang, size);
    }
    let current = (palette.measure_active, card);
    one(painter, view, &tool.current, current, lang, size);
}

fn one(
    painter: &Painter,
    view: &View,
    m: &Measurement,
    (colour, card): (Color32, Color32),
    lang: Lang,
    size: f32,
) {
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
            tag(
                painter,
                *p,
                &length_text(running, lang),
                &font,
                (colour, card),
            );
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
        tag(painter, centre, &text, &font, (colour, card));
    }
}

/// A label on a white card beside a point, kept inside the map.
fn tag(painter: &Painter, at: Pos2, text: &str, font: &FontId, (colour, card): (Color32, Color32)) {
    let galley = painter.layout_no_wrap(text.to_owned(), font.clone(), colour);
    let rect = card_rect(at, galley.size(), painter.clip_rect());
    painter.rect_filled(rect, 3.0, card);
    painter.galley(rect.shrink(3.0).min, galley, colour);
}

/// Up and to the right of the point; to its left or below it where the map ends there,
/// and moved inside the map when even that does not fit (a point near a corner, a long
/// label on a narrow map).
fn card_rect(at: Pos2, text: Vec2, bounds: Rect) -> Rect {
    let card = text + Vec2::splat(6.0);
    let x = if at.x + 8.0 + card.x <= bounds.right() {
        at.x + 8.0
    } else {
        at.x - 8.0 - card.x
    };
    let y = if at.y - 6.0 - card.y >= bounds.top() {
        at.y - 6.0 - card.y
    } else {
        at.y + 6.0
    };
    let min = Pos2::new(
        x.min(bounds.right() - card.x).max(bounds.left()),
        y.min(bounds.bottom() - card.y).max(bounds.top()),
    );
    Rect::from_min_size(min, card)
}

#[cfg(test)]
mod tests {
    use super::*;
    use egui::{pos2, vec2};

    #[test]
    fn a_measure_label_stays_inside_the_map() {
        let map = Rect::from_min_size(pos2(300.0, 50.0), vec2(800.0, 600.0));
        let text = vec2(120.0, 16.0);
        for at in [
            pos2(700.0, 300.0),
            pos2(1095.0, 300.0),
            pos2(1099.0, 52.0),
            pos2(301.0, 649.0),
            pos2(305.0, 55.0),
        ] {
            let card = card_rect(at, text, map);
            assert!(map.contains_rect(card), "{at:?}: {card:?} leaves {map:?}");
        }
        // Away from the edges the card keeps its place: above and to the right.
        let card = card_rect(pos2(700.0, 300.0), text, map);
        assert!(card.left() > 700.0 && card.bottom() < 300.0);
    }
}
