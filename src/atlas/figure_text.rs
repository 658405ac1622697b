//! Figures as readers read them: the number in the reader's convention, with the article's
//! qualifier ("hơn", "khoảng", "gần"…) and its unit, and the words for how a fact is put
//! (planned, expected, target). Used by the panel, the key figures, captions and exports, so
//! a qualifier can never be dropped in one place and kept in another.

use super::Lang;
use super::facts::{Fact, Figure, Modality, Qualifier, Unit};
use super::numbers::{self, Decimals};

pub fn unit_name(unit: Unit, lang: Lang) -> &'static str {
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
    numbers::localised(value, Decimals::UpTo(2), lang)
}

/// The English words of a qualifier.
pub fn qualifier_en(qualifier: Qualifier) -> &'static str {
    match qualifier {
        Qualifier::MoreThan => "more than",
        Qualifier::About => "about",
        Qualifier::Nearly => "nearly",
        Qualifier::AtLeast => "at least",
        Qualifier::LessThan => "under",
        Qualifier::UpTo => "up to",
    }
}

/// The Vietnamese word the quote itself puts before the figure ("trên 13.000", "hơn 21.500"),
/// else the usual word for the qualifier.
pub fn qualifier_vi(qualifier: Qualifier, quote: &str, figure_text: &str) -> &'static str {
    let words = qualifier.vietnamese_words();
    let before = quote
        .find(figure_text)
        .map_or("", |at| &quote[..at])
        .trim_end()
        .to_lowercase();
    words
        .iter()
        .find(|w| before.ends_with(*w))
        .or_else(|| words.first())
        .copied()
        .unwrap_or("")
}

/// A site's area as its source states it, the source's qualifier kept: "gần 600 ha" /
/// "nearly 600 ha".
pub fn area_text(area_ha: f64, qualifier: Option<Qualifier>, lang: Lang) -> String {
    let area = format!("{} ha", format_value(area_ha, lang));
    let word = qualifier.map(|q| match lang {
        Lang::Vi => q.vietnamese_words().first().copied().unwrap_or_default(),
        Lang::En => qualifier_en(q),
    });
    match word {
        Some(word) if !word.is_empty() => format!("{word} {area}"),
        _ => area,
    }
}

/// "hơn 21.500 tỷ đồng" / "more than 21,500 billion VND"; a range "12–14%".
pub fn format_figure(fact: &Fact, figure: &Figure, lang: Lang) -> String {
    let mut text = format_value(figure.value, lang);
    if let Some(max) = figure.max {
        text = format!("{text}–{}", format_value(max, lang));
    }
    let unit = unit_name(figure.unit, lang);
    let mut out = match unit {
        "" => text,
        "%" | "%/năm" | "%/year" => format!("{text}{unit}"),
        _ => format!("{text} {unit}"),
    };
    if let Some(q) = figure.qualifier {
        let word = match lang {
            Lang::Vi => qualifier_vi(q, &fact.quote, &figure.text),
            Lang::En => qualifier_en(q),
        };
        out = format!("{word} {out}");
    }
    out
}

/// A short label for a fact that is not stated as done; `None` for a reported one.
pub fn modality_label(modality: Modality, lang: Lang) -> Option<&'static str> {
    let (vi, en) = match modality {
        Modality::Reported => return None,
        Modality::Planned => ("dự kiến", "planned"),
        Modality::Expected => ("ước tính", "expected"),
        Modality::Target => ("mục tiêu", "target"),
    };
    Some(lang.pick(vi, en))
}

/// The words beside a key figure saying how its article puts it, from the figure's own
/// words: its label ("vốn đăng ký", "sắp đón"), else its own modality's label ("dự kiến",
/// "ước tính", "mục tiêu"), else "thực tế". A figure inside a reported fact is not "actual"
/// when its own words say "dự kiến".
pub fn figure_how<'a>(fact: &Fact, figure: &'a Figure, lang: Lang) -> &'a str {
    if let Some(label) = &figure.label {
        return lang.pick(&label.vi, &label.en);
    }
    modality_label(figure.modality_in(fact), lang).unwrap_or_else(|| lang.pick("thực tế", "actual"))
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

    #[test]
    fn the_quote_s_own_qualifier_word_is_used_in_vietnamese() {
        let quote = "tổng vốn đăng ký trên 13.000 tỷ đồng";
        assert_eq!(qualifier_vi(Qualifier::MoreThan, quote, "13.000"), "trên");
        assert_eq!(
            qualifier_vi(Qualifier::MoreThan, "hơn 21.500 tỷ", "21.500"),
            "hơn"
        );
        assert_eq!(qualifier_vi(Qualifier::Nearly, "x 5", "5"), "gần");
    }

    /// VSIP's source says "nearly 600 ha": the word stays wherever the area is shown.
    #[test]
    fn a_site_s_area_keeps_its_source_s_qualifier() {
        assert_eq!(
            area_text(600.0, Some(Qualifier::Nearly), Lang::Vi),
            "gần 600 ha"
        );
        assert_eq!(
            area_text(600.0, Some(Qualifier::Nearly), Lang::En),
            "nearly 600 ha"
        );
        assert_eq!(area_text(47.87, None, Lang::Vi), "47,87 ha");
    }

    /// "đã trao 9 bản ghi nhớ … với tổng mức đăng ký dự kiến 21.527 tỷ đồng": the awards were
    /// made (the fact is reported), the sum is expected. A key figure is put as its own words
    /// put it, never as its fact is.
    #[test]
    fn a_key_figure_s_modality_comes_from_its_own_words_not_its_fact_s() {
        use crate::atlas::facts::{Catalogue, FactId};
        let json = r#"{"facts": [{
            "id": "awarded", "about": ["province"], "category": "figure",
            "modality": "reported", "article": "001_a7b5ed5705138d30.txt",
            "quote": "đã trao 9 bản ghi nhớ đầu tư cho 9 nhà đầu tư với tổng mức đăng ký dự kiến 21.527 tỷ đồng",
            "vi": "Đã trao 9 bản ghi nhớ.", "en": "9 memoranda were awarded.",
            "figures": [
                {"text": "9", "value": 9, "unit": "count"},
                {"text": "21.527", "value": 21527, "unit": "billion_vnd",
                 "modality": "expected"},
                {"text": "21.527", "value": 21527, "unit": "billion_vnd",
                 "modality": "expected",
                 "label": {"vi": "mức đăng ký dự kiến", "en": "expected registration"}}
            ],
            "reviewed": "2026-12-07"}]}"#;
        let Ok(catalogue) = Catalogue::parse(json) else {
            panic!("the test's catalogue parses");
        };
        let Some(fact) = catalogue.get(&FactId::new("awarded")) else {
            panic!("the fact is there");
        };
        let [count, sum, labelled] = fact.figures.as_slice() else {
            panic!("three figures");
        };
        assert_eq!(count.modality_in(fact), Modality::Reported, "as its fact");
        assert_eq!(figure_how(fact, count, Lang::En), "actual");
        assert_eq!(sum.modality_in(fact), Modality::Expected, "its own words");
        assert_eq!(figure_how(fact, sum, Lang::En), "expected");
        assert_eq!(figure_how(fact, sum, Lang::Vi), "ước tính");
        assert_eq!(figure_how(fact, labelled, Lang::Vi), "mức đăng ký dự kiến");
        assert_eq!(
            figure_how(fact, labelled, Lang::En),
            "expected registration"
        );
    }

    /// The overview's figures as shipped: 18.602 tỷ is registered capital, 21.527 tỷ an
    /// expected registration, "hơn 40.000 tỷ" what the province is about to receive (sắp
    /// đón): none of them is labelled "actual", and the title's sum is no estimate.
    #[test]
    fn the_conference_s_key_figures_say_what_their_words_say() {
        use crate::atlas::facts::{Catalogue, FactId};
        let facts = crate::atlas::load::embedded("facts.json").unwrap_or_default();
        let Ok(catalogue) = Catalogue::parse(facts) else {
            panic!("facts.json parses");
        };
        let province = crate::atlas::FeatureId::new("province");
        let rows = catalogue.key_figures(&province, None, 8);
        let how = |fact: &str, text: &str, lang: Lang| {
            let Some((f, figure)) = rows
                .iter()
                .find(|(f, figure)| f.id == FactId::new(fact) && figure.text == text)
            else {
                panic!("{fact} {text} is a key figure of the province");
            };
            (
                figure.modality_in(f),
                figure_how(f, figure, lang).to_owned(),
            )
        };
        let (m, en) = how("conf2024-decisions-awarded", "18.602", Lang::En);
        assert_eq!((m, en.as_str()), (Modality::Reported, "registered capital"));
        assert_eq!(
            how("conf2024-decisions-awarded", "18.602", Lang::Vi).1,
            "vốn đăng ký"
        );
        let (m, en) = how("conf2024-mou-awarded", "21.527", Lang::En);
        assert_eq!(m, Modality::Expected);
        assert_eq!(en, "expected registration");
        let (m, en) = how("conf2024-total-title", "40000", Lang::En);
        assert_eq!(m, Modality::Planned, "sắp đón: about to, not an estimate");
        assert_eq!(en, "about to receive");
        assert_eq!(how("conf2024-total-title", "40000", Lang::Vi).1, "sắp đón");
    }
}
