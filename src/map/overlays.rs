//! What is drawn over the map in every mode: a scale bar and a north arrow.

use crate::theme;
use egui::{Align2, Rect, Ui, vec2};

/// A scale bar of a round length, bottom left of the map.
pub fn scale_bar(ui: &Ui, map: Rect, metres_per_point: f64) {
    if !metres_per_point.is_finite() || metres_per_point <= 0.0 {
        return;
    }
    let target = metres_per_point * 140.0;
    let magnitude = 10f64.powf(target.log10().floor());
    let length = [5.0, 2.0, 1.0]
        .into_iter()
        .map(|f| f * magnitude)
        .find(|l| *l <= target)
        .unwrap_or(magnitude);
    let width = (length / metres_per_point) as f32;
    let painter = ui.painter_at(map);
    let origin = map.left_bottom() + vec2(16.0, -18.0);
    let bg = Rect::from_min_max(origin - vec2(8.0, 26.0), origin + vec2(width + 8.0, 8.0));
    painter.rect_filled(bg, 4.0, theme::VEIL);
    let stroke = egui::Stroke::new(2.5, theme::INK);
    painter.line_segment([origin, origin + vec2(width, 0.0)], stroke);
    for x in [0.0, width] {
        painter.line_segment([origin + vec2(x, -6.0), origin + vec2(x, 2.0)], stroke);
    }
    let text = if length >= 1000.0 {
        format!("{} km", length / 1000.0)
    } else {
        format!("{length} m")
    };
    painter.text(
        origin + vec2(width / 2.0, -8.0),
        Align2::CENTER_BOTTOM,
        text,
        egui::FontId::proportional(13.0),
        theme::INK_STRONG,
    );
}

/// North is up in Web Mercator; the arrow says so for readers of printed exports.
pub fn north_arrow(ui: &Ui, map: Rect) {
    let painter = ui.painter_at(map);
    let center = map.right_top() + vec2(-34.0, 44.0);
    painter.circle_filled(center, 22.0, theme::VEIL);
    let tip = center + vec2(0.0, -16.0);
    let left = center + vec2(-9.0, 10.0);
    let right = center + vec2(9.0, 10.0);
    let notch = center + vec2(0.0, 4.0);
    painter.add(egui::Shape::convex_polygon(
        vec![tip, right, notch],
        theme::INK,
        egui::Stroke::NONE,
    ));
    painter.add(egui::Shape::convex_polygon(
        vec![tip, notch, left],
        theme::MUTED,
        egui::Stroke::NONE,
    ));
    painter.text(
        center + vec2(0.0, 14.0),
        Align2::CENTER_TOP,
        "N",
        egui::FontId::proportional(11.0),
        theme::INK_STRONG,
    );
}
