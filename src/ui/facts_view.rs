//! The facts the articles state about a feature, grouped by category, each with a citation
//! chip that opens the article at the quoted words; disagreeing sources are shown side by
//! side, not hidden.

use crate::atlas::FeatureId;
use crate::atlas::Lang;
use crate::atlas::citation::{citation, citation_text};
use crate::atlas::facts::{Catalogue, Category, Fact, Figure, Link, Modality};
use crate::atlas::figure_text::{figure_how, format_figure, modality_label};
use crate::state::Action;
use crate::theme;
use crate::theme::fonts;
use crate::ui::i18n::T;
use egui::{Color32, RichText, Ui};

pub const CONFLICT: Color32 = theme::CONFLICT;

pub fn category_name(category: Category, lang: Lang) -> &'static str {
    let (vi, en) = match category {
        Category::Figure => ("Số liệu", "Figures"),
        Category::Target => ("Mục tiêu", "Targets"),
        Category::Status => ("Tình hình", "Status"),
        Category::Event => ("Sự kiện", "Events"),
        Category::Policy => ("Chủ trương, chính sách", "Policy"),
        Category::Description => ("Mô tả", "Description"),
    };
    lang.pick(vi, en)
}

/// A small button naming the source; clicking it opens the article at the quote.
pub fn citation_chip(
    ui: &mut Ui,
    catalogue: &Catalogue,
    fact: &Fact,
    lang: Lang,
    actions: &mut Vec<Action>,
) {
    let full = citation_text(catalogue, fact, lang);
    let text = format!(
        "§ {}",
        shortened(&citation(catalogue, fact, lang, false), CHIP_CHARS)
    );
    let title = catalogue
        .article(&fact.article)
        .map_or("", |a| a.title_vi.as_str());
    let chip = egui::Button::new(RichText::new(text).small())
        .small()
        .wrap();
    if ui
        .add(chip)
        .on_hover_text(format!(
            "{full}\n{title}\n{}: “{}”",
            T::Quote.get(lang),
            fact.quote
        ))
        .clicked()
    {
        actions.push(Action::OpenSource(fact.id.clone()));
    }
}

/// A fact as the clipboard takes it, in the reader's language: its modality, its words,
/// the exact quote and the citation.
pub fn fact_text(catalogue: &Catalogue, fact: &Fact, lang: Lang) -> String {
    let modality = modality_label(fact.modality, lang)
        .map(|m| format!("[{m}] "))
        .unwrap_or_default();
    format!(
        "{modality}{}\n{}: “{}”\n{}",
        lang.pick(&fact.vi, &fact.en),
        T::Quote.get(lang),
        fact.quote,
        citation_text(catalogue, fact, lang)
    )
}

/// A citation chip holds the publisher, the date and whose words they are; the title and
/// the quote are on hover, so that a chip never widens the panel.
const CHIP_CHARS: usize = 64;

fn shortened(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_owned();
    }
    let cut: String = text.chars().take(max.saturating_sub(1)).collect();
    format!("{}…", cut.trim_end())
}

fn fact_row(
    ui: &mut Ui,
    catalogue: &Catalogue,
    fact: &Fact,
    lang: Lang,
    actions: &mut Vec<Action>,
) {
    ui.horizontal_wrapped(|ui| {
        if let Some(label) = modality_label(fact.modality, lang) {
            modality_badge(ui, label);
        }
        ui.label(lang.pick(&fact.vi, &fact.en));
        citation_chip(ui, catalogue, fact, lang, actions);
        let hover = lang.pick(
            "Chép dữ kiện, lời trích và nguồn vào bộ nhớ tạm",
            "Copy the fact, its quote and its source to the clipboard",
        );
        if super::copy_button(ui, lang, hover) {
            ui.ctx().copy_text(fact_text(catalogue, fact, lang));
        }
    });
    if let Some(interest) = catalogue.publisher_interest(fact) {
        ui.indent(("interest", fact.id.as_str()), |ui| {
            ui.label(
                RichText::new(lang.pick(&interest.vi, &interest.en))
                    .small()
                    .color(theme::WARNING),
            );
        });
    }
    links(ui, catalogue, fact, lang, actions);
    ui.add_space(4.0);
}

/// A small coloured word before a fact that is a plan, an expectation or a target.
fn modality_badge(ui: &mut Ui, label: &str) {
    ui.label(
        RichText::new(format!(" {} ", label.to_uppercase()))
            .small()
            .strong()
            .color(egui::Color32::WHITE)
            .background_color(theme::PLANNED),
    );
}

/// The facts that disagree with this one, and those to read beside it, each with why.
fn links(ui: &mut Ui, catalogue: &Catalogue, fact: &Fact, lang: Lang, actions: &mut Vec<Action>) {
    let conflicts = catalogue.conflicts(fact);
    let related = catalogue.related(fact);
    if conflicts.is_empty() && related.is_empty() {
        return;
    }
    ui.indent(("links", fact.id.as_str()), |ui| {
        if !conflicts.is_empty() {
            ui.colored_label(CONFLICT, RichText::new(T::Conflict.get(lang)).strong());
        }
        for (other, link) in conflicts {
            linked_fact(ui, catalogue, other, link, CONFLICT, lang, actions);
        }
        if !related.is_empty() {
            ui.label(RichText::new(T::Related.get(lang)).strong().small());
        }
        for (other, link) in related {
            let weak = ui.visuals().weak_text_color();
            linked_fact(ui, catalogue, other, link, weak, lang, actions);
        }
    });
}

fn linked_fact(
    ui: &mut Ui,
    catalogue: &Catalogue,
    other: &Fact,
    link: &Link,
    color: egui::Color32,
    lang: Lang,
    actions: &mut Vec<Action>,
) {
    ui.horizontal_wrapped(|ui| {
        ui.colored_label(color, lang.pick(&other.vi, &other.en));
        citation_chip(ui, catalogue, other, lang, actions);
    });
    ui.label(
        RichText::new(format!("→ {}", lang.pick(&link.vi, &link.en)))
            .small()
            .italics(),
    );
}

/// All facts about `feature`, grouped by category. Returns how many were shown.
pub fn show(
    ui: &mut Ui,
    catalogue: &Catalogue,
    feature: &FeatureId,
    lang: Lang,
    actions: &mut Vec<Action>,
) -> usize {
    let facts: Vec<&Fact> = catalogue.about(feature).collect();
    ui.label(
        RichText::new(format!("{} ({})", T::Facts.get(lang), facts.len())).font(fonts::bold(16.0)),
    );
    if facts.is_empty() {
        ui.weak(T::NoFacts.get(lang));
        return 0;
    }
    for category in Category::ALL {
        let in_category: Vec<&&Fact> = facts.iter().filter(|f| f.category == category).collect();
        if in_category.is_empty() {
            continue;
        }
        egui::CollapsingHeader::new(
            RichText::new(format!(
                "{} ({})",
                category_name(category, lang),
                in_category.len()
            ))
            .strong(),
        )
        .id_salt(("facts", feature.as_str(), category as u8))
        .default_open(true)
        .show(ui, |ui| {
            for fact in in_category {
                fact_row(ui, catalogue, fact, lang, actions);
            }
        });
    }
    facts.len()
}

/// The money, area and share figures the articles give for a feature, at a glance, each
/// saying how its own words put it (registered, expected, planned, a target, actual); a
/// misprinted or disputed figure carries a marker that opens the explanation. `shown_area`
/// is an area the panel already gives (a site's own), not repeated here.
pub fn key_figures(
    ui: &mut Ui,
    catalogue: &Catalogue,
    feature: &FeatureId,
    shown_area: Option<f64>,
    lang: Lang,
    actions: &mut Vec<Action>,
) {
    let rows = catalogue.key_figures(feature, shown_area, 8);
    if rows.is_empty() {
        return;
    }
    ui.label(RichText::new(T::KeyFigures.get(lang)).font(fonts::bold(15.0)));
    // One wrapped row a figure, not a grid: a grid's columns widen the panel to fit the
    // longest row, and the map pays for it.
    for (i, (fact, figure)) in rows.into_iter().enumerate() {
        let fill = if i % 2 == 0 {
            ui.visuals().faint_bg_color
        } else {
            egui::Color32::TRANSPARENT
        };
        egui::Frame::new()
            .fill(fill)
            .inner_margin(egui::Margin::symmetric(4, 2))
            .show(ui, |ui| {
                ui.set_width(ui.available_width());
                ui.horizontal_wrapped(|ui| {
                    ui.label(RichText::new(format_figure(fact, figure, lang)).strong())
                        .on_hover_text(lang.pick(&fact.vi, &fact.en));
                    disputed_marker(ui, catalogue, fact, figure, lang);
                    let how = figure_how(fact, figure, lang);
                    ui.label(
                        RichText::new(how)
                            .small()
                            .color(match figure.modality_in(fact) {
                                Modality::Reported => ui.visuals().weak_text_color(),
                                Modality::Planned | Modality::Expected | Modality::Target => {
                                    theme::PLANNED
                                }
                            }),
                    );
                    if let Some(period) = &figure.period {
                        ui.label(RichText::new(period).small());
                    }
                    citation_chip(ui, catalogue, fact, lang, actions);
                });
            });
    }
    ui.add_space(6.0);
}

/// "⚠" after a misprinted figure or one another source gives otherwise; it opens what is
/// wrong and the other version.
fn disputed_marker(ui: &mut Ui, catalogue: &Catalogue, fact: &Fact, figure: &Figure, lang: Lang) {
    let conflicts = catalogue.conflicts(fact);
    if figure.misprint.is_none() && conflicts.is_empty() {
        return;
    }
    let marker = RichText::new("⚠").color(CONFLICT).strong();
    ui.menu_button(marker, |ui| {
        ui.set_max_width(360.0);
        if let Some(misprint) = &figure.misprint {
            ui.colored_label(CONFLICT, RichText::new(T::Misprint.get(lang)).strong());
            ui.label(lang.pick(&misprint.vi, &misprint.en));
        }
        for (other, link) in conflicts {
            ui.separator();
            ui.label(lang.pick(&other.vi, &other.en));
            ui.label(
                RichText::new(lang.pick(&link.vi, &link.en))
                    .small()
                    .italics(),
            );
        }
    })
    .response
    .on_hover_text(T::Misprint.get(lang));
}
