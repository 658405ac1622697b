//! The facts the articles state about a feature, grouped by category, each with a citation
//! chip that opens the article at the quoted words; disagreeing sources are shown side by
//! side, not hidden.

use crate::atlas::FeatureId;
use crate::atlas::Lang;
use crate::atlas::facts::{Catalogue, Category, Fact, Figure, Unit};
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

/// "Publisher · date · short title" of the article a fact cites.
pub fn citation_text(catalogue: &Catalogue, fact: &Fact, lang: Lang) -> String {
    let Some(a) = catalogue.article(&fact.article) else {
        return fact.article.clone();
    };
    let mut parts = vec![
        a.publisher
            .clone()
            .unwrap_or_else(|| lang.pick("không rõ nguồn", "unknown publisher").to_owned()),
    ];
    if let Some(date) = &a.date {
        parts.push(display_date(date, lang));
    }
    let title: String = a.title_vi.chars().take(32).collect();
    let ellipsis = if a.title_vi.chars().count() > 32 {
        "…"
    } else {
        ""
    };
    parts.push(format!("“{title}{ellipsis}”"));
    parts.join(" · ")
}

/// ISO dates as readers write them: 15/4/2024, or 15 Apr 2024.
fn display_date(iso: &str, lang: Lang) -> String {
    let parts: Vec<&str> = iso.split('-').collect();
    let [y, m, d] = parts.as_slice() else {
        return iso.to_owned();
    };
    let (Ok(month), Ok(day)) = (m.parse::<usize>(), d.parse::<u32>()) else {
        return iso.to_owned();
    };
    const MONTHS: [&str; 12] = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    match lang {
        Lang::Vi => format!("{day}/{month}/{y}"),
        Lang::En => format!(
            "{day} {} {y}",
            MONTHS.get(month.wrapping_sub(1)).unwrap_or(&"")
        ),
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

fn unit_name(unit: Unit, lang: Lang) -> &'static str {
    let (vi, en) = match unit {
        Unit::Ha => ("ha", "ha"),
        Unit::Km => ("km", "km"),
        Unit::Vnd => ("đồng", "VND"),
        Unit::MillionVnd => ("triệu đồng", "million VND"),
        Unit::BillionVnd => ("tỷ đồng", "billion VND"),
        Unit::MillionUsd => ("triệu USD", "million USD"),
        Unit::Percent => ("%", "%"),
        Unit::PercentPerYear => ("%/năm", "%/year"),
        Unit::Count => ("", ""),
        Unit::Rank => ("hạng", "rank"),
    };
    lang.pick(vi, en)
}

/// A number the way readers of `lang` write it: 1.156,77 in Vietnamese, 1,156.77 in English.
pub fn format_value(value: f64, lang: Lang) -> String {
    let (group, decimal) = match lang {
        Lang::Vi => ('.', ','),
        Lang::En => (',', '.'),
    };
    let rounded = (value * 100.0).round() / 100.0;
    let whole = rounded.trunc().abs() as u64;
    let digits = whole.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(group);
        }
        out.push(c);
    }
    let frac = format!("{:.2}", rounded.abs().fract());
    let frac = frac
        .trim_start_matches('0')
        .trim_start_matches('.')
        .trim_end_matches('0');
    if !frac.is_empty() {
        out.push(decimal);
        out.push_str(frac);
    }
    if rounded < 0.0 {
        out.insert(0, '-');
    }
    out
}

pub fn format_figure(figure: &Figure, lang: Lang) -> String {
    let mut text = format_value(figure.value, lang);
    if let Some(max) = figure.max {
        text = format!("{text}–{}", format_value(max, lang));
    }
    let unit = unit_name(figure.unit, lang);
    match unit {
        "" => text,
        "%" | "%/năm" | "%/year" => format!("{text}{unit}"),
        _ => format!("{text} {unit}"),
    }
}

/// The money, area and share figures the articles give for a feature, at a glance;
/// `shown_area` is an area the panel already gives (a site's own), not repeated here.
pub fn key_figures(
    ui: &mut Ui,
    catalogue: &Catalogue,
    feature: &FeatureId,
    shown_area: Option<f64>,
    lang: Lang,
    actions: &mut Vec<Action>,
) {
    let rows: Vec<(&Fact, &Figure)> = catalogue
        .about(feature)
        .filter(|f| matches!(f.category, Category::Figure | Category::Status))
        .flat_map(|f| f.figures.iter().map(move |fig| (f, fig)))
        .filter(|(_, fig)| !matches!(fig.unit, Unit::Count | Unit::Rank))
        .filter(|(_, fig)| !(fig.unit == Unit::Ha && shown_area == Some(fig.value)))
        .take(8)
        .collect();
    if rows.is_empty() {
        return;
    }
    ui.label(RichText::new(T::KeyFigures.get(lang)).font(fonts::bold(15.0)));
    egui::Grid::new(("key-figures", feature.as_str()))
        .num_columns(2)
        .striped(true)
        .show(ui, |ui| {
            for (fact, figure) in rows {
                ui.label(RichText::new(format_figure(figure, lang)).strong())
                    .on_hover_text(lang.pick(&fact.vi, &fact.en));
                ui.horizontal(|ui| {
                    if let Some(period) = &figure.period {
                        ui.label(period);
                    }
                    citation_chip(ui, catalogue, fact, lang, actions);
                });
                ui.end_row();
            }
        });
    ui.add_space(6.0);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_follow_the_reader_s_conventions() {
        assert_eq!(format_value(1156.77, Lang::Vi), "1.156,77");
        assert_eq!(format_value(1156.77, Lang::En), "1,156.77");
        assert_eq!(format_value(18602.0, Lang::Vi), "18.602");
        assert_eq!(format_value(24.8, Lang::En), "24.8");
    }
}
