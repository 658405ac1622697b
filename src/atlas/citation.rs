//! How a fact's source is named wherever it is cited (the panels, captions, the PDF atlas,
//! the sources line of a picture): publisher, date (or, for an article that prints none,
//! what dates it), the title's start, and whether the words are the developer's own.

use super::Lang;
use super::facts::{Article, Catalogue, Fact};

/// The article's date as readers write it, or, where it prints none, what dates it
/// ("số liệu đến hết năm 2021"); `None` when neither is known.
pub fn article_date(article: &Article, lang: Lang) -> Option<String> {
    match (&article.date, &article.dated_by) {
        (Some(date), _) => Some(display_date(date, lang)),
        (None, Some(by)) => Some(lang.pick(&by.vi, &by.en).to_owned()),
        (None, None) => None,
    }
}

/// How the publication of a developer that writes about its own project is named.
pub fn developer_publication(lang: Lang) -> &'static str {
    lang.pick(
        "bài của chính đơn vị phát triển dự án",
        "the developer's own publication",
    )
}

/// "Publisher · date · short title" of the article a fact cites.
pub fn citation_text(catalogue: &Catalogue, fact: &Fact, lang: Lang) -> String {
    citation(catalogue, fact, lang, true)
}

/// Publisher, date, the title's start (with `title`), and whether the words are the
/// developer's own.
pub fn citation(catalogue: &Catalogue, fact: &Fact, lang: Lang, title: bool) -> String {
    let Some(a) = catalogue.article(&fact.article) else {
        return fact.article.clone();
    };
    let mut parts = vec![
        a.publisher
            .clone()
            .unwrap_or_else(|| lang.pick("không rõ nguồn", "unknown publisher").to_owned()),
    ];
    if let Some(date) = article_date(a, lang) {
        parts.push(date);
    }
    if title {
        let start: String = a.title_vi.chars().take(32).collect();
        let ellipsis = if a.title_vi.chars().count() > 32 {
            "…"
        } else {
            ""
        };
        parts.push(format!("“{start}{ellipsis}”"));
    }
    if a.publisher_interest.is_some() {
        parts.push(
            lang.pick("lời của đơn vị phát triển", "the developer's own words")
                .to_owned(),
        );
    }
    parts.join(" · ")
}

/// ISO dates as readers write them: 15/4/2024, or 15 Apr 2024.
pub fn display_date(iso: &str, lang: Lang) -> String {
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
