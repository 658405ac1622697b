//! The caption area of presentation mode: large, high-contrast title and caption of the
//! current tour step, its sources in small type, and the step counter.

use crate::atlas::Lang;
use crate::atlas::citation::citation_text;
use crate::atlas::facts::Catalogue;
use crate::present::Command;
use crate::present::tour::Step;
use crate::state::Action;
use crate::theme;
use crate::theme::fonts;
use crate::ui::i18n::T;
use egui::{Color32, RichText, Ui};

pub const BACKGROUND: Color32 = theme::CAPTION_BACKGROUND;
const TEXT: Color32 = theme::CAPTION_TEXT;
const SOFT: Color32 = theme::CAPTION_SOFT;

pub fn show(
    ui: &mut Ui,
    step: &Step,
    index: usize,
    count: usize,
    catalogue: &Catalogue,
    lang: Lang,
    actions: &mut Vec<Action>,
) {
    ui.horizontal(|ui| {
        ui.label(
            RichText::new(format!("{} / {count}", index + 1))
                .font(fonts::bold(20.0))
                .color(SOFT),
        );
        ui.add_space(12.0);
        ui.label(
            RichText::new(lang.pick(&step.title_vi, &step.title_en))
                .font(fonts::bold(32.0))
                .color(TEXT),
        );
        ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
            if ui
                .button(RichText::new(T::ExitPresentation.get(lang)).size(15.0))
                .clicked()
            {
                actions.push(Action::StopPresentation);
            }
            for option in [Lang::En, Lang::Vi] {
                if ui
                    .selectable_label(lang == option, RichText::new(option.code()).size(15.0))
                    .clicked()
                {
                    actions.push(Action::SetLang(option));
                }
            }
            if ui
                .button(RichText::new("▶").size(18.0))
                .on_hover_text("Page Down")
                .clicked()
            {
                actions.push(Action::Tour(Command::Next));
            }
            if ui
                .button(RichText::new("◀").size(18.0))
                .on_hover_text("Page Up")
                .clicked()
            {
                actions.push(Action::Tour(Command::Previous));
            }
        });
    });
    ui.add(
        egui::Label::new(
            RichText::new(lang.pick(&step.caption_vi, &step.caption_en))
                .size(24.0)
                .color(TEXT),
        )
        .wrap(),
    );
    let sources: Vec<String> = step
        .facts
        .iter()
        .filter_map(|id| catalogue.get(id))
        .map(|fact| citation_text(catalogue, fact, lang))
        .collect::<std::collections::BTreeSet<_>>()
        .into_iter()
        .collect();
    if !sources.is_empty() {
        ui.label(
            RichText::new(format!(
                "{}: {}",
                T::SourceArticle.get(lang),
                sources.join(" · ")
            ))
            .size(13.0)
            .color(SOFT),
        );
    }
}
