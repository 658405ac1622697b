//! The facts the articles state about a feature, grouped by category, each with a citation
//! chip that opens the article at the quoted words; disagreeing sources are shown side by
//! side, not hidden.

use crate::atlas::FeatureId;
use crate::atlas::facts::{Catalogue, Category, Fact};
use crate::state::Action;
use crate::ui::fonts;
use crate::ui::i18n::{Lang, T};
use egui::{Color32, RichText, Ui};

pub const CONFLICT: Color32 = Color32::from_rgb(190, 70, 0);

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

/// "Publisher · date" of the article a fact cites.
pub fn citation_text(catalogue: &Catalogue, fact: &Fact, lang: Lang) -> String {
    match catalogue.article(&fact.article) {
        Some(a) => {
            let publisher = a
                .publisher
                .as_deref()
                .unwrap_or(lang.pick("không rõ nguồn", "unknown publisher"));
            match &a.date {
                Some(date) => format!("{publisher} · {date}"),
                None => publisher.to_owned(),
            }
        }
        None => fact.article.clone(),
    }
}

/// A small button naming the source; clicking it opens the article at the quote.
pub fn citation_chip(
    ui: &mut Ui,
    catalogue: &Catalogue,
    fact: &Fact,
    lang: Lang,
    actions: &mut Vec<Action>,
) {
    let text = format!("§ {}", citation_text(catalogue, fact, lang));
    let title = catalogue
        .article(&fact.article)
        .map_or("", |a| a.title_vi.as_str());
    let chip = egui::Button::new(RichText::new(text).small()).small();
    if ui
        .add(chip)
        .on_hover_text(format!("{title}\n{}: “{}”", T::Quote.get(lang), fact.quote))
        .clicked()
    {
        actions.push(Action::OpenSource(fact.id.clone()));
    }
}

fn fact_row(
    ui: &mut Ui,
    catalogue: &Catalogue,
    fact: &Fact,
    lang: Lang,
    actions: &mut Vec<Action>,
) {
    ui.horizontal_wrapped(|ui| {
        ui.label(lang.pick(&fact.vi, &fact.en));
        citation_chip(ui, catalogue, fact, lang, actions);
    });
    let conflicts = catalogue.conflicts(fact);
    if !conflicts.is_empty() {
        ui.indent(("conflict", fact.id.as_str()), |ui| {
            ui.colored_label(CONFLICT, RichText::new(T::Conflict.get(lang)).strong());
            for other in conflicts {
                ui.horizontal_wrapped(|ui| {
                    ui.colored_label(CONFLICT, lang.pick(&other.vi, &other.en));
                    citation_chip(ui, catalogue, other, lang, actions);
                });
            }
        });
    }
    ui.add_space(4.0);
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
