//! The facts, their citations and the five articles for the page, in both languages, put
//! by the same helpers the window's panel uses (`atlas::citation`, `atlas::figure_text`).

use crate::atlas::citation::{citation, citation_text};
use crate::atlas::facts::{Catalogue, Category, Fact, Modality};
use crate::atlas::figure_text::{figure_how, format_figure, modality_label};
use crate::atlas::lang::{self as names, Lang};
use crate::atlas::{Atlas, FeatureId, LayerKind};
use crate::map::style;
use serde_json::{Map, Value, json};

/// A text in both languages.
pub fn bi(text: impl Fn(Lang) -> String) -> Value {
    json!({"vi": text(Lang::Vi), "en": text(Lang::En)})
}

pub fn category_key(category: Category) -> &'static str {
    match category {
        Category::Target => "target",
        Category::Figure => "figure",
        Category::Status => "status",
        Category::Event => "event",
        Category::Policy => "policy",
        Category::Description => "description",
    }
}

/// The categories in the panel's order, with their names (the window's words).
pub fn categories() -> Vec<Value> {
    Category::ALL
        .into_iter()
        .map(|c| {
            let (vi, en) = match c {
                Category::Figure => ("Số liệu", "Figures"),
                Category::Target => ("Mục tiêu", "Targets"),
                Category::Status => ("Tình hình", "Status"),
                Category::Event => ("Sự kiện", "Events"),
                Category::Policy => ("Chủ trương, chính sách", "Policy"),
                Category::Description => ("Mô tả", "Description"),
            };
            json!({"key": category_key(c), "vi": vi, "en": en})
        })
        .collect()
}

pub fn fact_ids(atlas: &Atlas, feature: &FeatureId) -> Vec<String> {
    atlas
        .facts
        .about(feature)
        .map(|f| f.id.to_string())
        .collect()
}

/// The money, area and share figures, as the window's key-figure rows give them.
pub fn key_figures(atlas: &Atlas, feature: &FeatureId, shown_area: Option<f64>) -> Vec<Value> {
    atlas
        .facts
        .key_figures(feature, shown_area, 8)
        .into_iter()
        .map(|(fact, figure)| {
            let disputed = figure.misprint.is_some() || !atlas.facts.conflicts(fact).is_empty();
            json!({
                "text": bi(|l| format_figure(fact, figure, l)),
                "how": bi(|l| figure_how(fact, figure, l).to_owned()),
                "planned": figure.modality_in(fact) != Modality::Reported,
                "period": figure.period,
                "fact": fact.id.as_str(),
                "disputed": disputed,
            })
        })
        .collect()
}

/// Where `part` starts and ends in `text`, in UTF-16 units (JavaScript's string indices).
pub fn utf16_span(text: &str, part: &str) -> Option<[usize; 2]> {
    let at = text.find(part)?;
    let start = text[..at].encode_utf16().count();
    Some([start, start + part.encode_utf16().count()])
}

fn links(catalogue: &Catalogue, links: Vec<(&Fact, &crate::atlas::facts::Link)>) -> Vec<Value> {
    links
        .into_iter()
        .map(|(other, link)| {
            json!({
                "fact": other.id.as_str(),
                "text": {"vi": other.vi, "en": other.en},
                "why": {"vi": link.vi, "en": link.en},
                "chip": bi(|l| citation(catalogue, other, l, false)),
            })
        })
        .collect()
}

fn fact_entry(catalogue: &Catalogue, fact: &Fact) -> Value {
    let text = Catalogue::article_text(&fact.article).unwrap_or_default();
    let misprints: Vec<Value> = fact
        .figures
        .iter()
        .filter_map(|fig| {
            let m = fig.misprint.as_ref()?;
            Some(json!({"figure": fig.text, "vi": m.vi, "en": m.en}))
        })
        .collect();
    let qualified: Vec<Value> = fact
        .figures
        .iter()
        .filter(|fig| fig.qualifier.is_some())
        .map(|fig| bi(|l| format_figure(fact, fig, l)))
        .collect();
    let interest = catalogue
        .publisher_interest(fact)
        .map(|i| json!({"vi": i.vi, "en": i.en}));
    json!({
        "id": fact.id.as_str(),
        "category": category_key(fact.category),
        "modality": modality_label(fact.modality, Lang::Vi).map(|_| bi(|l| modality_label(fact.modality, l).unwrap_or_default().to_owned())),
        "text": {"vi": fact.vi, "en": fact.en},
        "quote": fact.quote,
        "lead": fact.lead,
        "article": fact.article,
        "span": utf16_span(text, &fact.quote),
        "lead_span": fact.lead.as_deref().and_then(|lead| utf16_span(text, lead)),
        "cite": bi(|l| citation_text(catalogue, fact, l)),
        "chip": bi(|l| citation(catalogue, fact, l, false)),
        "own_words": interest.is_some(),
        "interest": interest,
        "misprints": misprints,
        "qualified": qualified,
        "conflicts": links(catalogue, catalogue.conflicts(fact)),
        "related": links(catalogue, catalogue.related(fact)),
    })
}

pub fn facts(atlas: &Atlas) -> Map<String, Value> {
    atlas
        .facts
        .facts()
        .iter()
        .map(|f| (f.id.to_string(), fact_entry(&atlas.facts, f)))
        .collect()
}

/// The five articles: what is known of each, and the text.
pub fn articles(atlas: &Atlas) -> Map<String, Value> {
    atlas
        .facts
        .articles()
        .iter()
        .map(|a| {
            let date = bi(|l| crate::atlas::citation::article_date(a, l).unwrap_or_default());
            (
                a.file.clone(),
                json!({
                    "title": a.title_vi,
                    "publisher": a.publisher,
                    "date": date,
                    "url": a.url,
                    "own_words": a.publisher_interest.is_some(),
                    "text": Catalogue::article_text(&a.file).unwrap_or_default(),
                }),
            )
        })
        .collect()
}

/// The legend: each layer's rows, their words and swatches from `map::style`.
pub fn legend() -> Vec<Value> {
    [
        LayerKind::Zones,
        LayerKind::Districts,
        LayerKind::Context,
        LayerKind::Axis,
        LayerKind::Corridors,
        LayerKind::Gates,
        LayerKind::Industry,
    ]
    .into_iter()
    .map(|layer| {
        let rows: Vec<Value> = style::legend(layer)
            .into_iter()
            .map(|entry| {
                let mut swatch = Map::new();
                super::shapes::style_props(entry.swatch, &mut swatch);
                json!({"text": bi(|l| entry.key.text(l)), "swatch": swatch})
            })
            .collect();
        json!({"name": bi(|l| names::layer_name(layer, l).to_owned()), "rows": rows})
    })
    .collect()
}
