//! A QR code painted by egui (the video's end card, presentation mode's share screen):
//! the modules of `atlas::qr`, dark on white whatever the theme, each module a whole
//! number of pixels so no seam or blur between modules confuses a phone's reader.

use crate::atlas::qr::QrMatrix;
use egui::{Color32, Painter, Rect, pos2, vec2};

/// Paints the code of `text` centred in `within` (a square as large as fits, quiet zone
/// included); returns the square painted, `None` when the text has no code.
pub fn paint(painter: &Painter, within: Rect, text: &str) -> Option<Rect> {
    let matrix = QrMatrix::encode(text).ok()?;
    let ppp = painter.pixels_per_point();
    let modules = matrix.side() as f32;
    let module_px = ((within.width().min(within.height()) * ppp) / modules).floor();
    if module_px < 1.0 {
        return None;
    }
    let side = module_px * modules / ppp;
    let snap = |v: f32| (v * ppp).round() / ppp;
    let min = pos2(
        snap(within.center().x - side / 2.0),
        snap(within.center().y - side / 2.0),
    );
    let square = Rect::from_min_size(min, vec2(side, side));
    painter.rect_filled(square, 0.0, Color32::WHITE);
    for [x, y, w, h] in matrix.rects([min.x, min.y], side) {
        let r = Rect::from_min_max(pos2(snap(x), snap(y)), pos2(snap(x + w), snap(y + h)));
        painter.rect_filled(r, 0.0, Color32::BLACK);
    }
    Some(square)
}
