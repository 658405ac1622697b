//! The facts catalogue: every fact rests on the exact words of an article in `seeds/`,
//! names features that exist, speaks both languages, carries its numbers as structured
//! figures, and disagreements between articles are recorded on both sides.

mod common;

use common::{atlas, id};
use langson_atlas::atlas::facts::{Category, FactId, Unit, parse_vietnamese_range};
use langson_atlas::atlas::{Kind, LayerKind};

fn article_text(file: &str) -> String {
    std::fs::read_to_string(std::path::Path::new("seeds").join(file))
        .expect("the cited article is in seeds/")
}

#[test]
fn there_are_several_dozen_facts_from_all_five_articles() {
    let atlas = atlas();
    let facts = atlas.facts.facts();
    assert!(facts.len() >= 60, "{} facts", facts.len());
    let mut files: Vec<&str> = facts.iter().map(|f| f.article.as_str()).collect();
    files.sort();
    files.dedup();
    assert_eq!(files.len(), 5, "{files:?}");
}

#[test]
fn every_quote_occurs_verbatim_in_its_article() {
    for fact in atlas().facts.facts() {
        let text = article_text(&fact.article);
        assert!(
            text.contains(&fact.quote),
            "{}: “{}” is not in {}",
            fact.id,
            fact.quote,
            fact.article
        );
        assert!(
            fact.quote.chars().count() <= 200,
            "{}: the quote is long",
            fact.id
        );
    }
}

#[test]
fn every_fact_is_about_features_that_exist() {
    let atlas = atlas();
    for fact in atlas.facts.facts() {
        assert!(!fact.about.is_empty(), "{} is about nothing", fact.id);
        for feature in &fact.about {
            assert!(
                atlas.get(feature).is_some(),
                "{} is about unknown {feature}",
                fact.id
            );
        }
    }
}

#[test]
fn every_fact_is_written_in_both_languages() {
    for fact in atlas().facts.facts() {
        assert!(
            !fact.vi.trim().is_empty() && !fact.en.trim().is_empty(),
            "{}",
            fact.id
        );
        assert_ne!(fact.vi, fact.en, "{}", fact.id);
        assert_ne!(
            fact.vi, fact.quote,
            "{}: the statement is our own words, not the quote",
            fact.id
        );
    }
}

#[test]
fn every_number_is_a_structured_figure_found_in_the_quote() {
    for fact in atlas().facts.facts() {
        if fact.category == Category::Figure {
            assert!(
                !fact.figures.is_empty(),
                "{} is a figure without a number",
                fact.id
            );
        }
        for figure in &fact.figures {
            assert!(
                fact.quote.contains(&figure.text),
                "{}: {} not in the quote",
                fact.id,
                figure.text
            );
            let (low, high) = parse_vietnamese_range(&figure.text).expect("a number");
            assert!(
                (low - figure.value).abs() < 1e-9,
                "{}: {} ≠ {}",
                fact.id,
                figure.text,
                figure.value
            );
            assert_eq!(high.is_some(), figure.max.is_some(), "{}: range", fact.id);
            if let (Some(h), Some(m)) = (high, figure.max) {
                assert!((h - m).abs() < 1e-9, "{}: {} ≠ {m}", fact.id, figure.text);
            }
        }
    }
}

#[test]
fn each_site_with_an_area_in_the_articles_has_a_fact_with_that_area() {
    let atlas = atlas();
    for site in atlas.in_layer(LayerKind::Industry) {
        let from_article = site
            .props
            .area_source
            .as_deref()
            .is_some_and(|s| s.starts_with("seeds/"));
        let Some(area) = site.props.area_ha.filter(|_| from_article) else {
            continue;
        };
        let found = atlas.facts.about(site.id()).any(|f| {
            f.figures
                .iter()
                .any(|fig| fig.unit == Unit::Ha && (fig.value - area).abs() < 1e-9)
        });
        assert!(
            found,
            "{} has {area} ha in the articles but no fact says so",
            site.id()
        );
    }
}

#[test]
fn the_known_conflicts_are_recorded_on_both_sides() {
    let atlas = atlas();
    for (a, b) in [
        ("conf2024-decisions-planned", "conf2024-decisions-awarded"),
        ("conf2024-mou-planned", "conf2024-mou-awarded"),
        (
            "target-2025-parks-clusters-nq45",
            "target-2025-clusters-plan",
        ),
    ] {
        let (fa, fb) = (
            atlas.facts.get(&FactId::new(a)).expect(a),
            atlas.facts.get(&FactId::new(b)).expect(b),
        );
        assert_ne!(
            fa.article, fb.article,
            "{a} and {b} come from different articles"
        );
        assert!(
            atlas.facts.conflicts(fa).iter().any(|f| f.id == fb.id),
            "{a} → {b}"
        );
        assert!(
            atlas.facts.conflicts(fb).iter().any(|f| f.id == fa.id),
            "{b} → {a}"
        );
    }
    let planned = atlas
        .facts
        .get(&FactId::new("conf2024-decisions-planned"))
        .expect("fact");
    assert!(
        planned.quote.contains("18.602 đồng"),
        "the missing “tỷ” is kept as printed"
    );
}

#[test]
fn the_features_the_articles_add_have_facts() {
    let atlas = atlas();
    for feature in [
        "bez_dong_dang_lang_son",
        "expressway_huu_nghi_chi_lang",
        "expressway_dong_dang_tra_linh",
        "smart_gate_pilot",
        "vsip_lang_son",
        "huu_nghi",
    ] {
        assert!(atlas.facts.about(&id(feature)).count() > 0, "{feature}");
    }
    for feature in atlas.in_layer(LayerKind::Projects) {
        assert!(
            !feature.is_located(),
            "{} has no open geometry to draw",
            feature.id()
        );
        assert!(
            feature.props.source.starts_with("seeds/"),
            "{}",
            feature.id()
        );
    }
    assert!(
        atlas
            .in_layer(LayerKind::Projects)
            .any(|f| f.kind() == Kind::EconomicZone)
    );
}

#[test]
fn every_article_has_its_title_in_the_index() {
    let atlas = atlas();
    for entry in std::fs::read_dir("seeds").expect("seeds/").flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        if name.ends_with(".txt") {
            let article = atlas.facts.article(&name).expect("indexed");
            assert!(!article.title_vi.is_empty());
        }
    }
}
