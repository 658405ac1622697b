//! The timeline bar, 2021 → 2030: Play, a year slider (←/→ move it when it has the
//! focus), and what the cited facts date in the year shown: each feature's stage with its
//! chip, and the targets set for that year. Nothing is said of a year no fact speaks for.

use crate::atlas::facts::Modality;
use crate::atlas::timeline::Stage;
use crate::atlas::{Atlas, Lang};
use crate::map::timeline_marks::stage_color;
use crate::state::{Action, TimelineAction, TimelineState};
use crate::theme;
use crate::ui::facts_view;
use egui::{RichText, Ui};

pub fn show(
    ui: &mut Ui,
    atlas: &Atlas,
    timeline: TimelineState,
    lang: Lang,
    big: bool,
    actions: &mut Vec<Action>,
) {
    let years = atlas.timeline.years();
    let year = timeline.year;
    let size = if big { 22.0 } else { 15.0 };
    ui.horizontal(|ui| {
        let play = if timeline.playing {
            lang.pick("⏸ Dừng", "⏸ Pause")
        } else {
            lang.pick("▶ Phát", "▶ Play")
        };
        if ui.button(RichText::new(play).size(size)).clicked() {
            actions.push(Action::Timeline(TimelineAction::Play(!timeline.playing)));
        }
        let mut chosen = year;
        ui.spacing_mut().slider_width = (ui.available_width() - 220.0).clamp(160.0, 620.0);
        let slider = egui::Slider::new(&mut chosen, years.clone())
            .show_value(false)
            .step_by(1.0);
        ui.add_sized([ui.available_width().min(560.0), size + 8.0], slider)
            .on_hover_text(lang.pick(
                "Kéo, hoặc nhấn vào rồi dùng ← →",
                "Drag, or click and use ← →",
            ));
        if chosen != year {
            actions.push(Action::Timeline(TimelineAction::SetYear(chosen)));
        }
        ui.label(
            RichText::new(year.to_string())
                .size(size * 1.8)
                .strong()
                .color(theme::INK_STRONG),
        );
        if ui
            .button(RichText::new("✕").size(size))
            .on_hover_text(lang.pick("Đóng dòng thời gian (T)", "Close the timeline (T)"))
            .clicked()
        {
            actions.push(Action::Timeline(TimelineAction::Toggle));
        }
    });
    ui.horizontal_wrapped(|ui| {
        for stage in Stage::ALL {
            stage_swatch(ui, stage, size * 0.8);
            ui.label(RichText::new(stage.name(lang)).size(size * 0.8));
        }
        ui.label(
            RichText::new(lang.pick(
                "· mờ: có ngày ở năm khác · kiểu thường: không có sự kiện có ngày",
                "· faded: dated in other years · plain: no dated fact",
            ))
            .size(size * 0.8)
            .color(theme::MUTED),
        );
    });
    if timeline.playing {
        let now = ui.input(|i| i.time);
        actions.push(Action::Timeline(TimelineAction::Tick(now)));
        ui.ctx()
            .request_repaint_after(std::time::Duration::from_millis(200));
    }
    egui::ScrollArea::vertical()
        .max_height(if big { 120.0 } else { 150.0 })
        .show(ui, |ui| year_facts(ui, atlas, year, lang, size, actions));
}

/// The stages dated in `year` and the targets set for it.
fn year_facts(
    ui: &mut Ui,
    atlas: &Atlas,
    year: u16,
    lang: Lang,
    size: f32,
    actions: &mut Vec<Action>,
) {
    let stated: Vec<_> = atlas
        .timeline
        .states
        .iter()
        .filter(|d| d.covers(year))
        .collect();
    if stated.is_empty() {
        ui.label(
            RichText::new(lang.pick(
                "Không có sự kiện có ngày nào được các bài viết nêu cho năm này.",
                "The articles date nothing in this year.",
            ))
            .size(size * 0.9)
            .color(theme::MUTED),
        );
    }
    for d in stated {
        let Some(feature) = atlas.get(&d.feature) else {
            continue;
        };
        ui.horizontal_wrapped(|ui| {
            stage_swatch(ui, d.stage, size);
            ui.label(
                RichText::new(lang.pick(&feature.props.name_vi, &feature.props.name_en))
                    .size(size)
                    .strong(),
            );
            ui.label(RichText::new(d.stage.name(lang)).size(size));
            if let Some(event) = &d.event {
                ui.label(
                    RichText::new(format!("· {}", lang.pick(&event.vi, &event.en))).size(size),
                );
            }
            if let Some(fact) = atlas.facts.get(&d.fact) {
                facts_view::citation_chip(ui, &atlas.facts, fact, lang, actions);
            }
        });
    }
    let period = year.to_string();
    let targets: Vec<_> = atlas
        .facts
        .facts()
        .iter()
        .filter(|f| f.modality == Modality::Target)
        .flat_map(|f| f.figures.iter().map(move |fig| (f, fig)))
        .filter(|(_, fig)| fig.period.as_deref() == Some(period.as_str()))
        .collect();
    if !targets.is_empty() {
        ui.label(
            RichText::new(format!(
                "{} {year}",
                lang.pick("Mục tiêu đặt cho năm", "Targets set for")
            ))
            .size(size)
            .strong()
            .color(theme::PLANNED),
        );
        let mut seen = Vec::new();
        for (fact, _) in targets {
            if seen.contains(&fact.id) {
                continue;
            }
            seen.push(fact.id.clone());
            ui.horizontal_wrapped(|ui| {
                ui.label(RichText::new(lang.pick(&fact.vi, &fact.en)).size(size * 0.9));
                facts_view::citation_chip(ui, &atlas.facts, fact, lang, actions);
            });
        }
    }
}

pub fn stage_swatch(ui: &mut Ui, stage: Stage, size: f32) {
    let (rect, _) = ui.allocate_exact_size(egui::vec2(size, size), egui::Sense::hover());
    ui.painter()
        .circle_filled(rect.center(), size * 0.45, stage_color(stage));
}

/// A feature's stages by year in its panel, and, while the timeline is open, its stage in
/// the year shown, or that no fact speaks for that year.
pub fn feature_years(
    ui: &mut Ui,
    atlas: &Atlas,
    feature: &crate::atlas::Feature,
    year: Option<u16>,
    lang: Lang,
    actions: &mut Vec<Action>,
) {
    use crate::atlas::timeline::AtYear;
    let dated: Vec<_> = atlas.timeline.of(feature.id()).collect();
    if let Some(year) = year {
        let line = match atlas.timeline.at(feature.id(), year) {
            AtYear::Stated(d) => format!("{year}: {}", d.stage.name(lang)),
            AtYear::Unstated { .. } => format!(
                "{year}: {}",
                lang.pick(
                    "các bài viết không nêu trạng thái cho năm này",
                    "the articles state no stage for this year"
                )
            ),
            AtYear::Undated => lang
                .pick(
                    "Không có sự kiện có ngày nào cho đối tượng này: giữ kiểu thường trên bản đồ.",
                    "No dated fact for this feature: it keeps its plain style on the map.",
                )
                .to_owned(),
        };
        ui.label(RichText::new(line).strong().color(theme::PLANNED));
    }
    if dated.is_empty() {
        return;
    }
    ui.label(RichText::new(lang.pick("Theo thời gian", "Over time")).strong());
    for d in dated {
        ui.horizontal_wrapped(|ui| {
            stage_swatch(ui, d.stage, 13.0);
            let years = if d.from == d.until {
                d.from.to_string()
            } else {
                format!("{}–{}", d.from, d.until)
            };
            ui.label(format!("{years}: {}", d.stage.name(lang)));
            if let Some(event) = &d.event {
                ui.label(format!("· {}", lang.pick(&event.vi, &event.en)));
            }
            if let Some(fact) = atlas.facts.get(&d.fact) {
                facts_view::citation_chip(ui, &atlas.facts, fact, lang, actions);
            }
        });
    }
}
