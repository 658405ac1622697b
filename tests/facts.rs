//! The facts catalogue: every fact rests on the exact words of an article in `seeds/`,
//! names features that exist, speaks both languages, carries its numbers as structured
//! figures, and disagreements between articles are recorded on both sides.

#![allow(
    clippy::expect_used,
    clippy::unwrap_used,
    reason = "the test's helpers: a failed expectation is a failed test"
)]

mod common;

use common::{atlas, id};
use langson_atlas::atlas::Lang;
use langson_atlas::atlas::citation::{article_date, citation_text, developer_publication};
use langson_atlas::atlas::facts::{
    Category, FactId, Modality, Qualifier, Unit, parse_vietnamese_range,
};
use langson_atlas::atlas::figure_text::{area_text, qualifier_en, qualifier_vi};
use langson_atlas::atlas::search::fold;
use langson_atlas::atlas::timeline::{AtYear, Stage};
use langson_atlas::atlas::{Kind, LayerKind, SiteStatus};
use langson_atlas::charts::sources_line;
use std::collections::BTreeSet;

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

/// VSIP's area comes from a source that says "nearly 600 ha": a site's area carries the
/// qualifier its source's quoted words give, and the panel and the sites chart name the
/// area with it ("gần 600 ha"), never as a bare 600 ha.
#[test]
fn a_site_s_area_keeps_the_qualifier_its_source_gives() {
    let atlas = atlas();
    for site in atlas.in_layer(LayerKind::Industry) {
        let p = &site.props;
        let Some(source) = &p.area_source else {
            assert!(
                p.area_qualifier.is_none(),
                "{}: a qualifier of no area",
                p.id
            );
            continue;
        };
        let quoted = source
            .strip_prefix('“')
            .and_then(|rest| rest.split('”').next())
            .unwrap_or_default();
        let said = Qualifier::ALL
            .into_iter()
            .find(|q| quoted.to_lowercase().starts_with(qualifier_en(*q)));
        assert_eq!(p.area_qualifier, said, "{}: “{quoted}”", p.id);
    }
    let vsip = atlas.get(&id("vsip_lang_son")).expect("VSIP");
    assert_eq!(vsip.props.area_qualifier, Some(Qualifier::Nearly));
    for (lang, words) in [(Lang::Vi, "gần 600 ha"), (Lang::En, "nearly 600 ha")] {
        assert_eq!(
            area_text(600.0, vsip.props.area_qualifier, lang),
            words,
            "the panel"
        );
        let rows = langson_atlas::charts::sites::sites_by_area(&atlas, lang);
        let position = atlas.position(vsip.id()).expect("VSIP's position");
        let (_, name, _, _) = rows
            .iter()
            .find(|row| row.0 == position)
            .expect("VSIP has a bar");
        assert!(name.contains(words), "the chart's row: {name}");
    }
}

/// The legend row for the park's status gives the date its fact gives: "dự kiến khởi công"
/// alone would read, in 2026, as the park's state now.
#[test]
fn the_legend_row_of_vsip_s_status_gives_its_date() {
    use langson_atlas::map::style::LegendKey;
    let atlas = atlas();
    let vsip = atlas.get(&id("vsip_lang_son")).expect("VSIP");
    assert_eq!(vsip.props.status, Some(SiteStatus::GroundbreakingScheduled));
    let fact = vsip
        .props
        .status_fact
        .as_ref()
        .and_then(|f| atlas.facts.get(f))
        .expect("its status fact");
    let (vi, en) = (
        LegendKey::Park.text(Lang::Vi),
        LegendKey::Park.text(Lang::En),
    );
    assert!(
        vi.contains("21/4/2024") && fact.vi.contains("21/4/2024"),
        "{vi}"
    );
    assert!(
        en.contains("21 Apr 2024") && fact.en.contains("21 April 2024"),
        "{en}"
    );
}

/// Article 004 prints no date; its figures run "to the end of 2021". Wherever it is cited
/// (a citation chip or caption, a picture's sources line, the PDF's and the source
/// viewer's lists, all through `article_date`) that is what dates it, never a bare year or
/// nothing; an article's `dated_by` names the year it speaks from.
#[test]
fn an_article_without_a_date_is_dated_by_its_figures_wherever_it_is_cited() {
    let atlas = atlas();
    let fact = atlas
        .facts
        .facts()
        .iter()
        .find(|f| f.article.starts_with("004_"))
        .expect("a fact of article 004");
    let article = atlas.facts.article(&fact.article).expect("indexed");
    assert_eq!(article.date, None, "it prints no date");
    for (lang, words) in [
        (Lang::Vi, "số liệu đến hết năm 2021"),
        (Lang::En, "figures to the end of 2021"),
    ] {
        assert_eq!(article_date(article, lang).as_deref(), Some(words));
        let cited = citation_text(&atlas.facts, fact, lang);
        assert!(cited.contains(words), "{cited}");
        let line = sources_line(&atlas, &BTreeSet::from([fact.id.clone()]), lang);
        assert!(line.contains(words), "{line}");
    }
    for a in atlas.facts.articles() {
        let (Some(by), Some(year)) = (&a.dated_by, a.year) else {
            continue;
        };
        let year = year.to_string();
        assert!(by.vi.contains(&year) && by.en.contains(&year), "{}", a.file);
    }
}

/// The full dates (d/m/yyyy) a text writes.
fn full_dates(text: &str) -> Vec<String> {
    let chars: Vec<char> = text.chars().collect();
    let mut out = Vec::new();
    for start in 0..chars.len() {
        if start > 0 && (chars[start - 1].is_ascii_digit() || chars[start - 1] == '/') {
            continue;
        }
        let rest: String = chars[start..].iter().take(10).collect();
        let parts: Vec<&str> = rest.splitn(3, '/').collect();
        let [d, m, y] = parts.as_slice() else {
            continue;
        };
        let y: String = y.chars().take_while(char::is_ascii_digit).collect();
        let digits = |t: &str, n: std::ops::RangeInclusive<usize>| {
            n.contains(&t.len()) && t.chars().all(|c| c.is_ascii_digit())
        };
        if digits(d, 1..=2) && digits(m, 1..=2) && y.len() == 4 {
            out.push(format!("{d}/{m}/{y}"));
        }
    }
    out
}

/// A date note says what dates an article and where the date comes from: a full date in it
/// is printed by the article itself, or the note names the article that prints it
/// ("article 000 (15/4/2024)"). Article 001 prints no date of its own.
#[test]
fn a_date_note_gives_no_date_its_article_does_not_print() {
    assert_eq!(
        full_dates("opens “Ngày 15/4/2024”, 19/4 and 1/5/2025"),
        ["15/4/2024", "1/5/2025"]
    );
    let atlas = atlas();
    let articles = atlas.facts.articles();
    for a in articles {
        let Some(note) = &a.date_note else {
            continue;
        };
        for date in full_dates(note) {
            let printed = article_text(&a.file).contains(&date);
            let named = articles.iter().any(|b| {
                note.contains(&format!("article {}", &b.file[..3]))
                    && article_text(&b.file).contains(&date)
            });
            assert!(
                printed || named,
                "{}: the note gives {date}, which it does not print",
                a.file
            );
        }
    }
    let plan = atlas
        .facts
        .article("001_a7b5ed5705138d30.txt")
        .expect("article 001");
    assert_eq!(plan.date, None);
    assert!(
        full_dates(&article_text(&plan.file))
            .iter()
            .all(|d| d == "19/3/2024")
    );
}

/// A picture's sources line says which article is the developer's own publication, as the
/// citations and the PDF's list do.
#[test]
fn a_picture_s_sources_line_names_the_developer_s_own_publication() {
    let atlas = atlas();
    let own = BTreeSet::from([FactId::new("gate-count")]);
    let other = BTreeSet::from([FactId::new("conf2024-groundbreaking-vsip")]);
    for lang in [Lang::Vi, Lang::En] {
        let words = developer_publication(lang);
        let line = sources_line(&atlas, &own, lang);
        assert!(line.contains(words), "{line}");
        assert!(!sources_line(&atlas, &other, lang).contains(words));
    }
}

/// The 2024 conference's capital, "18.602 đồng" in one article (a misprint: "tỷ" is
/// missing) against 18.602 tỷ đồng in another, is no conflict: the two differ in date
/// (before and after the conference) and modality ("dự kiến sẽ trao", "đã trao"). They are a
/// related pair, the misprint marked on its figure. No two facts of the five articles were
/// found to contradict each other.
#[test]
fn the_misprinted_conference_capital_is_a_related_pair_and_nothing_conflicts() {
    let atlas = atlas();
    let (a, b) = ("conf2024-decisions-planned", "conf2024-decisions-awarded");
    let (fa, fb) = (
        atlas.facts.get(&FactId::new(a)).expect(a),
        atlas.facts.get(&FactId::new(b)).expect(b),
    );
    assert_ne!(fa.article, fb.article, "two articles");
    assert_ne!(fa.modality, fb.modality, "a plan and a report");
    for (x, y) in [(fa, fb), (fb, fa)] {
        let links = atlas.facts.related(x);
        let (_, link) = links
            .iter()
            .find(|(f, _)| f.id == y.id)
            .unwrap_or_else(|| panic!("{} → {}", x.id, y.id));
        assert!(!link.vi.is_empty() && !link.en.is_empty(), "with a reason");
        assert!(
            link.en.contains("misprint"),
            "the reason names the misprint"
        );
    }
    assert!(
        fa.quote.contains("18.602 đồng"),
        "the missing “tỷ” is kept as printed"
    );
    let figure = fa
        .figures
        .iter()
        .find(|f| f.text == "18.602")
        .expect("figure");
    assert!(figure.misprint.is_some(), "the misprint is marked");
    for fact in atlas.facts.facts() {
        assert!(
            fact.conflicts_with.is_empty(),
            "{}: the articles were found to contradict each other nowhere; a difference of \
             date, scope, modality or a misprint is a related pair",
            fact.id
        );
    }
}

/// Related figures differ in scope, date, rounding or measure: they are shown side by side
/// with the reason, never as a contradiction.
#[test]
fn figures_that_differ_in_scope_or_rounding_are_related_not_conflicting() {
    let atlas = atlas();
    for (a, b) in [
        ("conf2024-decisions-planned", "conf2024-decisions-awarded"),
        ("conf2024-mou-planned", "conf2024-mou-awarded"),
        ("conf2024-total-title", "conf2024-decisions-awarded"),
        ("conf2024-total-title", "conf2024-mou-awarded"),
        (
            "target-2025-parks-clusters-nq45",
            "target-2025-clusters-plan",
        ),
    ] {
        let fa = atlas.facts.get(&FactId::new(a)).expect(a);
        let fb = atlas.facts.get(&FactId::new(b)).expect(b);
        assert!(
            atlas.facts.related(fa).iter().any(|(f, _)| f.id == fb.id),
            "{a} ~ {b}"
        );
        assert!(
            atlas.facts.related(fb).iter().any(|(f, _)| f.id == fa.id),
            "{b} ~ {a}"
        );
        assert!(atlas.facts.conflicts(fa).iter().all(|(f, _)| f.id != fb.id));
    }
    for fact in atlas.facts.facts() {
        for link in fact.conflicts_with.iter().chain(&fact.related) {
            assert!(
                atlas.facts.get(&link.id).is_some(),
                "{} links to unknown {}",
                fact.id,
                link.id
            );
            assert!(
                !link.vi.trim().is_empty() && !link.en.trim().is_empty(),
                "{} → {}: say why",
                fact.id,
                link.id
            );
            assert_ne!(link.id, fact.id, "{} links to itself", fact.id);
        }
    }
}

/// Every fact was read against its quote in the faithfulness pass, and says when.
#[test]
fn every_fact_carries_the_date_of_its_review() {
    for fact in atlas().facts.facts() {
        let date = &fact.reviewed;
        let ok = date.len() == 10
            && date.as_bytes()[4] == b'-'
            && date.as_bytes()[7] == b'-'
            && date.starts_with("20");
        assert!(ok, "{}: reviewed “{date}” is not an ISO date", fact.id);
    }
}

/// "hơn 21.500 tỷ" is more than 21,500: a qualifier word standing right before a figure in
/// the quote is carried into the figure, and its statement says it in both languages.
#[test]
fn every_qualifier_in_a_quote_stays_with_its_figure() {
    for fact in atlas().facts.facts() {
        for figure in &fact.figures {
            let Some(at) = fact.quote.find(&figure.text) else {
                continue;
            };
            let before = fact.quote[..at].trim_end().to_lowercase();
            // A link's slug writes "hơn 40.000" as "hon-40000": without marks, joined by "-".
            let slug = before.ends_with('-');
            let before = if slug {
                fold(before.trim_end_matches('-'))
            } else {
                before
            };
            let in_quote = Qualifier::ALL.into_iter().find(|q| {
                q.vietnamese_words().iter().any(|w| {
                    let w = if slug { fold(w) } else { (*w).to_owned() };
                    before.ends_with(&w)
                        && before[..before.len() - w.len()]
                            .chars()
                            .last()
                            .is_none_or(|c| !c.is_alphabetic())
                })
            });
            assert_eq!(
                figure.qualifier, in_quote,
                "{}: {} — the quote's qualifier",
                fact.id, figure.text
            );
            if let Some(q) = figure.qualifier {
                let vi = qualifier_vi(q, &fact.quote, &figure.text);
                assert!(
                    fact.vi.to_lowercase().contains(vi),
                    "{}: the Vietnamese statement drops “{vi}”",
                    fact.id
                );
                let en = qualifier_en(q);
                let en_words: &[&str] = match q {
                    Qualifier::MoreThan => &["more than", "over", "above", "exceed"],
                    Qualifier::About => &["about", "around", "approximately", "some "],
                    Qualifier::Nearly => &["nearly", "almost", "close to"],
                    Qualifier::AtLeast => &["at least"],
                    Qualifier::LessThan => &["under", "less than", "below"],
                    Qualifier::UpTo => &["up to"],
                };
                let en_text = fact.en.to_lowercase();
                assert!(
                    en_words.iter().any(|w| en_text.contains(w)),
                    "{}: the English statement drops “{en}”",
                    fact.id
                );
            }
        }
    }
}

/// A quote in the future tense, a plan or a goal is never stated as done. The facts listed
/// below report something that happened or exists whose name or detail holds such a word.
#[test]
fn plans_expectations_and_targets_are_never_reported_as_done() {
    const NAMED_ONLY: [(&str, &str); 4] = [
        (
            "conf2024-mou-awarded",
            "“đã trao”: the awards were made; “dự kiến” qualifies the registered sum",
        ),
        (
            "resolution-45",
            "“định hướng đến 2030” is part of the resolution's title",
        ),
        (
            "conf2024-guests",
            "“Bộ Kế hoạch và Đầu tư” is a ministry's name",
        ),
        (
            "cluster-plan-2025-2030",
            "“vừa ban hành Kế hoạch”: the plan document was issued",
        ),
    ];
    let future = [
        "sẽ ",
        "dự kiến",
        "phấn đấu",
        "mục tiêu",
        "định hướng",
        "kế hoạch",
    ];
    for fact in atlas().facts.facts() {
        // A list's opening puts its items as much as their own words do.
        let quote = format!("{} {}", fact.lead.as_deref().unwrap_or(""), fact.quote).to_lowercase();
        let Some(word) = future.iter().find(|w| quote.contains(*w)) else {
            continue;
        };
        if NAMED_ONLY.iter().any(|(id, _)| *id == fact.id.as_str()) {
            continue;
        }
        assert_ne!(
            fact.modality,
            Modality::Reported,
            "{}: the quote says “{word}”, the fact reports it as done",
            fact.id
        );
    }
}

/// A figure's own words: its clause of the quote, up to the figure. A link's slug ("…-sap-
/// don-…-hon-40000") is read without its marks, its dashes as spaces.
fn own_words(quote: &str, text: &str) -> (String, bool) {
    let at = quote.find(text).unwrap_or(0);
    let before = &quote[..at];
    if before.ends_with('-') {
        return (fold(before.trim_end_matches('-')).replace('-', " "), true);
    }
    let start = [", ", "; ", ". "]
        .iter()
        .filter_map(|sep| before.rfind(sep).map(|i| i + sep.len()))
        .max()
        .unwrap_or(0);
    (before[start..].to_lowercase(), false)
}

/// Whether `word` stands in `text` as a word of its own ("ước", not the end of "nước").
fn has_word(text: &str, word: &str) -> bool {
    text.match_indices(word).any(|(i, w)| {
        let before = text[..i].chars().last();
        let after = text[i + w.len()..].chars().next();
        before.is_none_or(|c| !c.is_alphabetic()) && after.is_none_or(|c| !c.is_alphabetic())
    })
}

/// A figure is put as its own words put it, not as its fact is: "đã trao 9 bản ghi nhớ … với
/// tổng mức đăng ký dự kiến 21.527 tỷ" reports an award, and its sum is expected. A figure
/// whose own words plan, expect or aim is never reported; a modality given to a figure
/// rests on such a word of its own; a sum its words call registered ("vốn đăng ký") is
/// labelled registered, not "actual".
#[test]
fn every_figure_is_put_as_its_own_words_put_it() {
    let words_of = |m: Modality| -> &'static [&'static str] {
        match m {
            Modality::Planned => &["dự kiến", "sẽ", "sắp", "kế hoạch"],
            Modality::Expected => &["dự kiến", "ước", "kỳ vọng"],
            Modality::Target => &["phấn đấu", "mục tiêu", "định hướng"],
            Modality::Reported => &[],
        }
    };
    let not_done = [Modality::Planned, Modality::Expected, Modality::Target];
    let mut registered = 0;
    for fact in atlas().facts.facts() {
        for figure in &fact.figures {
            let (own, slug) = own_words(&fact.quote, &figure.text);
            let said = |w: &str| has_word(&own, &if slug { fold(w) } else { w.to_owned() });
            let modality = figure.modality_in(fact);
            if let Some(w) = not_done.iter().flat_map(|m| words_of(*m)).find(|w| said(w)) {
                assert_ne!(
                    modality,
                    Modality::Reported,
                    "{} {}: its own words say “{w}”",
                    fact.id,
                    figure.text
                );
            }
            if let Some(own_modality) = figure.modality {
                assert!(
                    words_of(own_modality).iter().any(|w| said(w)),
                    "{} {}: {own_modality:?} is not in its own words “{own}”",
                    fact.id,
                    figure.text
                );
            }
            let money = matches!(figure.unit, Unit::BillionVnd | Unit::MillionUsd);
            let registered_words = ["vốn đăng ký", "vốn đầu tư đăng ký", "mức đăng ký"];
            if money && registered_words.iter().any(|w| own.contains(w)) {
                registered += 1;
                let label = figure
                    .label
                    .as_ref()
                    .unwrap_or_else(|| panic!("{} {}: say it is registered", fact.id, figure.text));
                assert!(
                    label.vi.contains("đăng ký") && label.en.contains("regist"),
                    "{} {}: the label says registered",
                    fact.id,
                    figure.text
                );
            }
        }
    }
    assert!(registered >= 2, "the conference's and the zone's capital");
}

/// A list's opening puts every item of it: "Hiện nay, tỉnh đang thực hiện một số giải pháp
/// trọng tâm, cụ thể: Thứ nhất … Thứ hai … Thứ ba …" reports measures under way, not plans.
/// A fact's lead is the article's exact words before its quote; a lead that says "đang"
/// makes a reported fact whose statement says so in both languages.
#[test]
fn a_list_s_opening_puts_every_item_of_it() {
    let atlas = atlas();
    for fact in atlas.facts.facts() {
        let Some(lead) = &fact.lead else {
            continue;
        };
        let text = article_text(&fact.article);
        let (Some(lead_at), Some(quote_at)) = (text.find(lead.as_str()), text.find(&fact.quote))
        else {
            panic!("{}: the lead “{lead}” is not in {}", fact.id, fact.article);
        };
        assert!(
            lead_at < quote_at,
            "{}: the lead comes before the quote",
            fact.id
        );
        assert!(lead.chars().count() <= 200, "{}: the lead is long", fact.id);
        if has_word(&lead.to_lowercase(), "đang") {
            assert_eq!(fact.modality, Modality::Reported, "{}: under way", fact.id);
            assert!(fact.vi.contains("đang"), "{}: {}", fact.id, fact.vi);
            assert!(
                ["carrying out", "concentrating"]
                    .iter()
                    .any(|w| fact.en.contains(w)),
                "{}: {}",
                fact.id,
                fact.en
            );
        }
    }
    let lead = "Hiện nay, tỉnh đang thực hiện một số giải pháp trọng tâm";
    for id in [
        "bez-basis-programme-23",
        "bez-solution-2",
        "bez-functional-area-land",
        "bez-solution-3",
        "bez-solution-3-reinvestment",
    ] {
        let fact = atlas.facts.get(&FactId::new(id)).expect(id);
        assert_eq!(fact.lead.as_deref(), Some(lead), "{id}");
        assert_eq!(
            fact.modality,
            Modality::Reported,
            "{id}: a measure under way"
        );
    }
    // Measure 3 proposes: under way is the proposing, not a mechanism in force.
    let proposing = atlas
        .facts
        .get(&FactId::new("bez-solution-3"))
        .expect("measure 3");
    assert!(proposing.en.contains("proposing") && proposing.en.contains("does not say"));
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

/// A status on the map is a claim: every site's status rests on a fact about that site, in
/// the article its source names, whose modality allows it: a planned or expected fact never
/// gives a status that says something is done or under way, a goal gives none. Where the
/// timeline dates the same fact, it shows the same stage.
#[test]
fn every_drawn_status_rests_on_a_fact_whose_modality_allows_it() {
    let atlas = atlas();
    let mut statuses = 0;
    for feature in atlas.features() {
        let p = &feature.props;
        let Some(status) = p.status else {
            assert!(p.status_fact.is_none(), "{}: a fact for no status", p.id);
            continue;
        };
        statuses += 1;
        let id = p
            .status_fact
            .as_ref()
            .unwrap_or_else(|| panic!("{}: no fact", p.id));
        let fact = atlas
            .facts
            .get(id)
            .unwrap_or_else(|| panic!("{}: unknown fact {id}", p.id));
        assert!(fact.about.contains(&p.id), "{}: {id} is not about it", p.id);
        assert!(
            status.allowed_by(fact.modality),
            "{}: a {:?} fact cannot give the status {status:?}",
            p.id,
            fact.modality
        );
        let source = p.status_source.as_deref().unwrap_or_default();
        assert!(
            source.starts_with(&format!("seeds/{}", fact.article)),
            "{}: the status's source {source} is not its fact's article",
            p.id
        );
        for dated in atlas.timeline.of(&p.id).filter(|d| &d.fact == id) {
            assert_eq!(
                Some(dated.stage),
                Stage::of_status(status),
                "{}: the map and the timeline disagree",
                p.id
            );
        }
    }
    assert!(statuses >= 11, "the park and the clusters ({statuses})");
    // VSIP's groundbreaking was announced for 21/4/2024; no article reports it held.
    let vsip = atlas.get(&id("vsip_lang_son")).expect("VSIP");
    assert_eq!(vsip.props.status, Some(SiteStatus::GroundbreakingScheduled));
    assert!(matches!(
        atlas.timeline.at(&id("vsip_lang_son"), 2024),
        AtYear::Stated(d) if d.stage == Stage::Scheduled
    ));
    // The rule itself.
    for status in SiteStatus::ALL {
        assert!(!status.allowed_by(Modality::Target), "{status:?}");
        assert!(status.allowed_by(Modality::Reported), "{status:?}");
    }
    for status in [
        SiteStatus::UnderConstruction,
        SiteStatus::Established,
        SiteStatus::InvestorsInterested,
    ] {
        assert!(!status.allowed_by(Modality::Planned), "{status:?}");
        assert!(!status.allowed_by(Modality::Expected), "{status:?}");
    }
}

/// The axis and the corridors follow only the routes article 001 names for them; the
/// plan's "enlarged Lạng Sơn city" takes in Cao Lộc (article 001: "Cao Lộc (thuộc thành
/// phố Lạng Sơn mở rộng)"), so a fact about it is about Cao Lộc too.
#[test]
fn the_planning_lines_and_the_enlarged_city_say_only_what_article_001_says() {
    let atlas = atlas();
    let plan = article_text("001_a7b5ed5705138d30.txt");
    let plan = fold(&plan);
    for layer in [LayerKind::Axis, LayerKind::Corridors] {
        for line in atlas.in_layer(layer) {
            for route in &line.props.routes {
                assert!(
                    plan.contains(&fold(route)),
                    "{}: article 001 does not name the route {route}",
                    line.id()
                );
            }
        }
    }
    let city = id("tp_lang_son");
    for fact in atlas.facts.facts() {
        if fact.quote.contains("thành phố Lạng Sơn mở rộng") && fact.about.contains(&city)
        {
            assert!(fact.about.contains(&id("cao_loc")), "{}", fact.id);
        }
    }
}
