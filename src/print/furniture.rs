//! What a printed map carries around it: a north arrow, a scale bar true at the printed
//! size, an overview of the province with the page's area marked, and the legend.

use super::frame::{Frame, length_text};
use super::ink;
use super::map::{self, LegendRow, SIZE};
use super::page::{Op, Page, Rect, Rgb};
use super::text::{Face, Fonts};
use crate::atlas::figure_text::format_value;
use crate::atlas::{Atlas, Kind, Lang};
use crate::map::style::Style;
use geo::{BoundingRect, Geometry};

/// Where the north arrow, the scale bar and the overview go on `frame`: names on the map
/// keep out of them.
pub fn boxes(frame: &Frame, fonts: &Fonts, lang: Lang, with_overview: bool) -> Vec<Rect> {
    let mut out = vec![north_rect(frame), scale_rect(frame, fonts, lang).0];
    if with_overview {
        out.push(overview_rect(frame));
    }
    out
}

fn north_rect(frame: &Frame) -> Rect {
    Rect::new(frame.rect.right() - 27.0, frame.rect.y + 8.0, 18.0, 32.0)
}

pub fn north_arrow(page: &mut Page, frame: &Frame, lang: Lang) {
    let x = frame.rect.right() - 18.0;
    let y = frame.rect.y + 12.0;
    page.rect_fill(north_rect(frame), Rgb::WHITE);
    page.ops.push(Op::Fill {
        rings: vec![vec![[x, y], [x + 6.0, y + 16.0], [x, y + 12.0]]],
        color: ink::TEXT,
    });
    page.ops.push(Op::Stroke {
        lines: vec![vec![
            [x, y],
            [x + 6.0, y + 16.0],
            [x, y + 12.0],
            [x - 6.0, y + 16.0],
        ]],
        closed: true,
        color: ink::TEXT,
        width: 0.7,
        dash: None,
    });
    page.text(
        [x - 3.0, y + 26.0],
        lang.pick("B", "N"),
        Face::Bold,
        7.5,
        ink::TEXT,
    );
}

/// The scale bar's box, and its ratio's words.
fn scale_rect(frame: &Frame, fonts: &Fonts, lang: Lang) -> (Rect, String) {
    let (_, points) = frame.scale_bar(frame.rect.w * 0.25);
    let ratio = format!(
        "{} 1 : {}",
        lang.pick("Tỷ lệ", "Scale"),
        format_value((frame.scale_denominator() / 1000.0).round() * 1000.0, lang)
    );
    let text_w = fonts.width(Face::Regular, 6.5, &ratio).max(points + 20.0);
    let box_w = text_w + 12.0;
    let r = Rect::new(
        frame.rect.right() - box_w - 6.0,
        frame.rect.bottom() - 34.0,
        box_w,
        28.0,
    );
    (r, ratio)
}

/// A bar of a round length in alternating segments, its length, and the ratio.
pub fn scale_bar(page: &mut Page, frame: &Frame, fonts: &Fonts, lang: Lang) {
    let (metres, points) = frame.scale_bar(frame.rect.w * 0.25);
    let label = length_text(metres);
    let (r, ratio) = scale_rect(frame, fonts, lang);
    page.rect_fill(r, Rgb::WHITE);
    let (x0, y0) = (r.x + 6.0, r.y + 8.0);
    for i in 0..4 {
        let seg = Rect::new(x0 + points * i as f32 / 4.0, y0, points / 4.0, 3.5);
        page.rect_fill(seg, if i % 2 == 0 { ink::TEXT } else { Rgb::WHITE });
    }
    page.rect_stroke(Rect::new(x0, y0, points, 3.5), ink::TEXT, 0.5);
    page.text([x0, y0 - 1.5], "0", Face::Regular, 6.0, ink::TEXT);
    let lw = fonts.width(Face::Regular, 6.0, &label);
    page.text(
        [x0 + points - lw / 2.0, y0 - 1.5],
        label,
        Face::Regular,
        6.0,
        ink::TEXT,
    );
    page.text([x0, y0 + 14.0], ratio, Face::Regular, 6.5, ink::TEXT);
}

fn overview_rect(frame: &Frame) -> Rect {
    let side = (frame.rect.w.min(frame.rect.h) * 0.26).clamp(60.0, 150.0);
    Rect::new(
        frame.rect.x + 6.0,
        frame.rect.bottom() - side - 6.0,
        side,
        side,
    )
}

/// The province in miniature, bottom left of the map, with the page's area outlined.
pub fn overview(page: &mut Page, frame: &Frame, atlas: &Atlas) {
    let Some(province) = atlas.province().and_then(|p| p.geometry.as_ref()) else {
        return;
    };
    let Some(bounds) = province.bounding_rect() else {
        return;
    };
    let r = overview_rect(frame);
    page.rect_fill(r, Rgb::WHITE);
    let inset = Frame::fit(r, (bounds.min(), bounds.max()), 0.06, 0.0);
    for d in atlas
        .features()
        .iter()
        .filter(|f| f.kind() == Kind::District)
    {
        if let Some(Geometry::MultiPolygon(mp)) = &d.geometry {
            let lines =
                mp.0.iter()
                    .map(|p| map::project(&inset, p.exterior()))
                    .collect();
            page.ops.push(Op::Stroke {
                lines,
                closed: true,
                color: ink::RULE,
                width: 0.3,
                dash: None,
            });
        }
    }
    if let Geometry::MultiPolygon(mp) = province {
        let lines =
            mp.0.iter()
                .map(|p| map::project(&inset, p.exterior()))
                .collect();
        page.ops.push(Op::Stroke {
            lines,
            closed: true,
            color: ink::TEXT,
            width: 0.7,
            dash: None,
        });
    }
    let (sw, ne) = frame.lonlat_bounds();
    let a = inset.to_page(geo::Coord { x: sw.x, y: ne.y });
    let b = inset.to_page(geo::Coord { x: ne.x, y: sw.y });
    let clip = r.shrink(1.0);
    let mark = Rect::new(
        a[0].max(clip.x),
        a[1].max(clip.y),
        (b[0].min(clip.right()) - a[0].max(clip.x)).max(2.0),
        (b[1].min(clip.bottom()) - a[1].max(clip.y)).max(2.0),
    );
    page.rect_stroke(mark, ink::WARNING, 1.0);
    page.rect_stroke(r, ink::TEXT, 0.5);
}

const ROW: f32 = 11.0;

/// The legend's height for `rows`, to leave room for it.
pub fn legend_height(rows: &[LegendRow]) -> f32 {
    if rows.is_empty() {
        0.0
    } else {
        16.0 + ROW * unique(rows).len() as f32
    }
}

/// The rows a legend of at most `max` rows shows: each once, and past `max` a last row
/// that says how many more there are.
pub fn capped(rows: Vec<LegendRow>, max: usize, lang: Lang) -> Vec<LegendRow> {
    let mut out: Vec<LegendRow> = unique(&rows).into_iter().cloned().collect();
    let max = max.max(2);
    if out.len() > max {
        let more = out.len() - (max - 1);
        out.truncate(max - 1);
        out.push(LegendRow {
            text: format!("… {more} {}", lang.pick("mục khác", "more")),
            // No swatch: a line of no width in paper's colour.
            swatch: Style::Line(crate::map::style::LineStyle {
                core: egui::Stroke::new(0.0, egui::Color32::WHITE),
                casing: egui::Stroke::new(0.0, egui::Color32::WHITE),
                dash: None,
            }),
        });
    }
    out
}

fn unique(rows: &[LegendRow]) -> Vec<&LegendRow> {
    let mut out: Vec<&LegendRow> = Vec::new();
    for row in rows {
        if !out.iter().any(|r| r.text == row.text) {
            out.push(row);
        }
    }
    out
}

/// The legend of what the map drew, from the swatches the map drew it with.
pub fn legend(
    page: &mut Page,
    at: [f32; 2],
    width: f32,
    rows: &[LegendRow],
    fonts: &Fonts,
    lang: Lang,
) {
    if rows.is_empty() {
        return;
    }
    let [x, mut y] = at;
    page.text(
        [x, y + 9.0],
        lang.pick("Chú giải", "Legend"),
        Face::Bold,
        9.0,
        ink::TEXT,
    );
    y += 16.0;
    for row in unique(rows) {
        let c = [x + 8.0, y + ROW / 2.0 - 1.0];
        match &row.swatch {
            Style::Area(a) => {
                let r = Rect::new(x + 1.0, y + 1.0, 14.0, ROW - 4.0);
                page.rect_fill(r, ink::fill(a.fill));
                page.rect_stroke(
                    r,
                    ink::line(a.outline.color),
                    (a.outline.width * SIZE).max(0.4),
                );
            }
            Style::Line(l) => {
                let line = vec![[x, c[1]], [x + 16.0, c[1]]];
                page.ops.push(Op::Stroke {
                    lines: vec![line.clone()],
                    closed: false,
                    color: ink::line(l.casing.color),
                    width: l.casing.width * SIZE,
                    dash: None,
                });
                page.ops.push(Op::Stroke {
                    lines: vec![line],
                    closed: false,
                    color: ink::line(l.core.color),
                    width: l.core.width * SIZE,
                    dash: l.dash.map(|(a, b)| [a * SIZE, b * SIZE]),
                });
            }
            Style::Symbol(s) => {
                let scale = (4.5 / s.radius.max(1.0)).min(SIZE * 1.4);
                map::symbol(page, c, s, scale);
            }
        }
        let lines = fonts.wrap(Face::Regular, 7.0, &row.text, width - 22.0);
        // One line a row: a longer name is cut, and says so.
        if let Some(first) = lines.first() {
            let shown = if lines.len() > 1 {
                format!("{first}…")
            } else {
                first.clone()
            };
            page.text(
                [x + 22.0, y + ROW - 3.0],
                shown,
                Face::Regular,
                7.0,
                ink::TEXT,
            );
        }
        y += ROW;
    }
}
