//! Painting one styled shape: used by the map and by the legend alike.

use super::style::{AreaStyle, LineStyle, Shape, Style, SymbolStyle};
use crate::theme;
use egui::{Color32, Painter, Pos2, Rect, Stroke, Vec2, epaint::PathShape, pos2, vec2};

fn circle_points(center: Pos2, radius: f32, segments: usize) -> Vec<Pos2> {
    (0..=segments)
        .map(|i| {
            let a = i as f32 / segments as f32 * std::f32::consts::TAU;
            center + vec2(a.cos(), a.sin()) * radius
        })
        .collect()
}

pub fn paint_symbol(painter: &Painter, center: Pos2, style: &SymbolStyle) {
    let r = style.radius;
    if style.approximate {
        // A dashed halo says "somewhere around here".
        let halo = circle_points(center, r + 5.0, 32);
        painter.extend(egui::Shape::dashed_line(
            &halo,
            Stroke::new(1.5, theme::INK_SOFT),
            4.0,
            3.0,
        ));
    }
    match style.shape {
        Shape::Circle => {
            painter.circle(center, r, style.fill, style.outline);
        }
        Shape::Square => {
            let rect = Rect::from_center_size(center, Vec2::splat(2.0 * r * 0.9));
            painter.rect(
                rect,
                2.0,
                style.fill,
                style.outline,
                egui::StrokeKind::Middle,
            );
        }
        Shape::Diamond => {
            let points = vec![
                center + vec2(0.0, -r * 1.25),
                center + vec2(r, 0.0),
                center + vec2(0.0, r * 1.25),
                center + vec2(-r, 0.0),
            ];
            painter.add(PathShape::convex_polygon(points, style.fill, style.outline));
        }
    }
}

/// Outline of a symbol's footprint, for hover and selection rings.
pub fn paint_symbol_ring(painter: &Painter, center: Pos2, style: &SymbolStyle, color: Color32) {
    painter.circle_stroke(center, style.radius * 1.3 + 4.0, Stroke::new(3.5, color));
}

pub fn paint_line(painter: &Painter, points: &[Pos2], style: &LineStyle) {
    if points.len() < 2 {
        return;
    }
    painter.add(egui::Shape::line(points.to_vec(), style.casing));
    match style.dash {
        Some((dash, gap)) => {
            painter.extend(egui::Shape::dashed_line(points, style.core, dash, gap));
        }
        None => {
            painter.add(egui::Shape::line(points.to_vec(), style.core));
        }
    }
}

/// A small sample of a style in `rect`, for the legend.
pub fn paint_swatch(painter: &Painter, rect: Rect, style: &Style) {
    // On the basemap's own land colour, so translucent fills look as they do on the map.
    painter.rect_filled(rect, 3.0, super::style::SWATCH_BACKGROUND);
    match style {
        Style::Area(AreaStyle { fill, outline }) => {
            let inner = rect.shrink(2.0);
            painter.rect(
                inner,
                2.0,
                *fill,
                Stroke::new(outline.width.min(2.5), outline.color),
                egui::StrokeKind::Inside,
            );
        }
        Style::Line(line) => {
            let y = rect.center().y;
            let scaled = LineStyle {
                core: Stroke::new(line.core.width.min(6.0), line.core.color),
                casing: Stroke::new(line.casing.width.min(9.0), line.casing.color),
                dash: line.dash.map(|(d, g)| (d * 0.6, g * 0.6)),
            };
            paint_line(
                painter,
                &[pos2(rect.left() + 2.0, y), pos2(rect.right() - 2.0, y)],
                &scaled,
            );
        }
        Style::Symbol(symbol) => {
            let fitted = SymbolStyle {
                radius: symbol.radius.min(rect.height() * 0.5),
                ..*symbol
            };
            paint_symbol(painter, rect.center(), &fitted);
        }
    }
}
