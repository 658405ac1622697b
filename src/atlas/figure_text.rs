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
}
