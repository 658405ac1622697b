//! Targets against the latest stated figures, one chart per measure with its unit: a
//! stated figure as a solid bar, a target or plan as an outlined one, a range ("3–4") as
//! its lower end with the rest lighter, and each bar's value in the fact's own words
//! (qualifiers kept, through `figure_text`).

use super::Scale;
use crate::atlas::figure_text::{format_figure, unit_name};
use crate::atlas::measures::{self, MeasureBar, MeasureChart};
use crate::atlas::{Atlas, FactId, Lang};
use crate::theme;
use egui::{Align2, Color32, RichText, Stroke};
use egui_plot::{Bar, BarChart, Plot, PlotPoint, Text};

/// A stated figure: reached, or estimated as reached.
pub const STATED: Color32 = theme::palette(theme::Medium::Screen).chart_stated;
/// A target or a plan, drawn outlined.
pub const GOAL: Color32 = theme::PLANNED;

/// Every measure's chart (with `compared_only`, those with both a target and a stated
/// figure); returns the fact of a clicked bar. `facts_shown` collects the facts charted,
/// for the citations under the charts.
pub fn show(
    ui: &mut egui::Ui,
    atlas: &Atlas,
    lang: Lang,
    scale: Scale,
    compared_only: bool,
    facts_shown: &mut Vec<FactId>,
) -> Option<FactId> {
    key(ui, lang, scale);
    let mut clicked = None;
    let charts = measures::charts(&atlas.facts)
        .into_iter()
        .filter(|c| !compared_only || (c.has_stated() && c.has_target()));
    for chart in charts {
        ui.add_space(scale.text * 0.5);
        if let Some(fact) = one(ui, atlas, &chart, lang, scale) {
            clicked = Some(fact);
        }
        for bar in &chart.bars {
            if !facts_shown.contains(&bar.fact.id) {
                facts_shown.push(bar.fact.id.clone());
            }
        }
    }
    clicked
}

/// The words for solid and outlined bars.
fn key(ui: &mut egui::Ui, lang: Lang, scale: Scale) {
    ui.horizontal_wrapped(|ui| {
        let side = scale.text;
        let (rect, _) = ui.allocate_exact_size(egui::vec2(side, side), egui::Sense::hover());
        ui.painter().rect_filled(rect, 2.0, STATED);
        ui.label(lang.pick("số liệu đã nêu (mới nhất)", "latest stated figure"));
        let (rect, _) = ui.allocate_exact_size(egui::vec2(side, side), egui::Sense::hover());
        ui.painter()
            .rect_filled(rect, 2.0, GOAL.gamma_multiply(0.25));
        ui.painter()
            .rect_stroke(rect, 2.0, Stroke::new(2.0, GOAL), egui::StrokeKind::Inside);
        ui.label(lang.pick("mục tiêu, kế hoạch", "target or plan"));
    });
}

/// One measure: its name and unit, its bars, and what is missing from it.
fn one(
    ui: &mut egui::Ui,
    atlas: &Atlas,
    chart: &MeasureChart,
    lang: Lang,
    scale: Scale,
) -> Option<FactId> {
    let unit = unit_name(chart.unit, lang);
    let title = if unit.is_empty() {
        chart.measure.name(lang).to_owned()
    } else {
        format!("{} ({unit})", chart.measure.name(lang))
    };
    ui.label(RichText::new(title).strong().color(theme::INK_STRONG));
    let count = chart.bars.len();
    let names: Vec<String> = chart
        .bars
        .iter()
        .map(|b| b.label(&atlas.facts, lang))
        .collect();
    let widest = chart
        .bars
        .iter()
        .map(|b| b.figure.max.unwrap_or(b.figure.value))
        .fold(0.0, f64::max);
    let mut bars = Vec::new();
    let mut texts = Vec::new();
    for (k, bar) in chart.bars.iter().enumerate() {
        let y = (count - 1 - k) as f64;
        bars.extend(bar_shapes(bar, y));
        let end = bar.figure.max.unwrap_or(bar.figure.value);
        texts.push(
            Text::new(
                format!("value-{k}"),
                PlotPoint::new(end + widest * 0.02, y),
                RichText::new(format_figure(bar.fact, bar.figure, lang))
                    .size(scale.text)
                    .color(theme::INK_STRONG),
            )
            .anchor(Align2::LEFT_CENTER),
        );
    }
    let clicked = Plot::new(("measure", chart.measure as u8))
        .height(scale.row * count as f32 + 2.0 * scale.text + 16.0)
        .allow_zoom(false)
        .allow_drag(false)
        .allow_scroll(false)
        .show_grid([true, false])
        .include_x(0.0)
        // Room right of the longest bar for its words.
        .include_x(widest * 1.75)
        .include_y(-0.6)
        .include_y(count as f64 - 0.4)
        .x_grid_spacer(super::value_marks)
        .y_grid_spacer(super::one_mark_per_row(count))
        .y_axis_formatter(super::row_names(names))
        .show(ui, |plot| {
            plot.bar_chart(BarChart::new("bars", bars).horizontal());
            for text in texts {
                plot.text(text);
            }
            super::clicked_row(plot, count)
        })
        .inner;
    let missing = match (chart.has_stated(), chart.has_target()) {
        (true, false) => Some(lang.pick(
            "Các bài viết không nêu chỉ tiêu cho số liệu này.",
            "The articles set no target for this measure.",
        )),
        (false, true) => Some(lang.pick(
            "Các bài viết chưa nêu số liệu đạt được.",
            "The articles state no figure reached yet.",
        )),
        _ => None,
    };
    if let Some(missing) = missing {
        ui.label(RichText::new(missing).small().color(theme::MUTED));
    }
    clicked
        .and_then(|k| chart.bars.get(k))
        .map(|b| b.fact.id.clone())
}

/// A bar's shapes: solid when stated, outlined when a goal; a range's upper part lighter.
fn bar_shapes(bar: &MeasureBar, y: f64) -> Vec<Bar> {
    let (fill, stroke) = if bar.is_stated() {
        (STATED, Stroke::new(1.0, STATED))
    } else {
        (GOAL.gamma_multiply(0.25), Stroke::new(2.0, GOAL))
    };
    let value = bar.figure.value;
    let mut out = vec![Bar::new(y, value).fill(fill).stroke(stroke).width(0.6)];
    if let Some(max) = bar.figure.max.filter(|m| *m > value) {
        out.push(
            Bar::new(y, max - value)
                .base_offset(value)
                .fill(fill.gamma_multiply(0.4))
                .stroke(Stroke::new(1.0, stroke.color.gamma_multiply(0.6)))
                .width(0.6),
        );
    }
    out
}
