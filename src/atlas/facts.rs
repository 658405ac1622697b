//! The facts the five source articles state, each tied to features and to the exact words
//! it rests on, and the articles themselves.

use super::kind::{FeatureId, SiteStatus};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

/// Stable identifier of a fact, as in `geodata/facts.json`.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(transparent)]
pub struct FactId(String);

impl FactId {
    pub fn new(id: impl Into<String>) -> Self {
        Self(id.into())
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Display for FactId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Category {
    Target,
    Figure,
    Status,
    Event,
    Policy,
    Description,
}

impl Category {
    /// The order facts are grouped in on the panel: numbers and goals first.
    pub const ALL: [Category; 6] = [
        Category::Figure,
        Category::Target,
        Category::Status,
        Category::Event,
        Category::Policy,
        Category::Description,
    ];
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Unit {
    Ha,
    Km,
    Vnd,
    MillionVnd,
    BillionVnd,
    MillionUsd,
    Percent,
    PercentPerYear,
    Count,
    Rank,
}

/// How the article puts a figure: "hơn 21.500" is more than 21,500, never 21,500.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Qualifier {
    /// hơn, trên, vượt
    MoreThan,
    /// khoảng, ước, xấp xỉ
    About,
    /// gần
    Nearly,
    /// ít nhất, tối thiểu
    AtLeast,
    /// dưới
    LessThan,
    /// tối đa
    UpTo,
}

impl Qualifier {
    pub const ALL: [Qualifier; 6] = [
        Qualifier::MoreThan,
        Qualifier::About,
        Qualifier::Nearly,
        Qualifier::AtLeast,
        Qualifier::LessThan,
        Qualifier::UpTo,
    ];

    /// The Vietnamese words that carry this qualifier before a number, longest first.
    pub fn vietnamese_words(self) -> &'static [&'static str] {
        match self {
            Qualifier::MoreThan => &["hơn", "trên", "vượt"],
            Qualifier::About => &["khoảng", "ước tính", "ước", "xấp xỉ", "chừng"],
            Qualifier::Nearly => &["gần"],
            Qualifier::AtLeast => &["ít nhất", "tối thiểu"],
            Qualifier::LessThan => &["dưới"],
            Qualifier::UpTo => &["tối đa"],
        }
    }
}

/// Two short texts, Vietnamese and English.
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Bilingual {
    pub vi: String,
    pub en: String,
}

/// A number a fact states: its value (or range), its unit, and the exact text of the
/// number in the quote.
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Figure {
    pub text: String,
    pub value: f64,
    #[serde(default)]
    pub max: Option<f64>,
    pub unit: Unit,
    #[serde(default)]
    pub period: Option<String>,
    #[serde(default)]
    pub qualifier: Option<Qualifier>,
    /// The number as printed is plainly wrong (a missing word, a slipped digit): never
    /// shown bare, always with this explanation.
    #[serde(default)]
    pub misprint: Option<Bilingual>,
    /// What it counts, to chart it against targets or stated figures of the same measure.
    #[serde(default)]
    pub measure: Option<super::measure_tag::MeasureTag>,
    /// How the figure's own words put it, where they differ from its fact's: "đã trao 9 bản
    /// ghi nhớ … với tổng mức đăng ký dự kiến 21.527 tỷ" reports an award, and its sum is
    /// expected. Absent, the figure is put as its fact is ([`Figure::modality_in`]).
    #[serde(default)]
    pub modality: Option<Modality>,
    /// What the figure is, in short words taken from its own ("vốn đăng ký", "sắp đón"),
    /// where its modality's label alone would say more or less than they do.
    #[serde(default)]
    pub label: Option<Bilingual>,
}

impl Figure {
    /// Whether the article states this figure as done or as intended: its own words'
    /// modality, else its fact's.
    pub fn modality_in(&self, fact: &Fact) -> Modality {
        self.modality.unwrap_or(fact.modality)
    }
}

/// Whether the article states a thing as done or as intended.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Modality {
    /// Stated as existing, done or measured.
    Reported,
    /// Scheduled or decided ("dự kiến" with a date, "sẽ", "sắp", "kế hoạch").
    Planned,
    /// An estimate or anticipation ("ước", "dự kiến đạt").
    Expected,
    /// A goal ("phấn đấu", "mục tiêu", "định hướng").
    Target,
}

/// A link between two facts, with the reason, recorded once on either side.
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Link {
    pub id: FactId,
    pub vi: String,
    pub en: String,
}

#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Fact {
    pub id: FactId,
    /// Features the fact is about; `province` for the province as a whole.
    pub about: Vec<FeatureId>,
    pub category: Category,
    pub modality: Modality,
    /// File name of the article in `seeds/`.
    pub article: String,
    /// The exact words of the article the fact rests on.
    pub quote: String,
    /// Exact words of the article before the quote that say how it is put, where the quote
    /// alone does not: the opening of a list the quote is an item of ("Hiện nay, tỉnh đang
    /// thực hiện một số giải pháp trọng tâm" for each measure listed after it).
    #[serde(default)]
    pub lead: Option<String>,
    pub vi: String,
    pub en: String,
    #[serde(default)]
    pub figures: Vec<Figure>,
    /// The same measure at the same time with another value, in another fact.
    #[serde(default)]
    pub conflicts_with: Vec<Link>,
    /// A figure to read beside this one: another scope, date, rounding or measure.
    #[serde(default)]
    pub related: Vec<Link>,
    /// The date (ISO) this fact was last checked against its quote.
    pub reviewed: String,
}

/// What is known of one source article.
#[derive(Clone, Debug, PartialEq, Deserialize)]
pub struct Article {
    pub file: String,
    pub title_vi: String,
    /// The title is ours, describing the text, because the text shows none.
    #[serde(default)]
    pub title_is_descriptive: bool,
    pub publisher: Option<String>,
    #[serde(default)]
    pub author: Option<String>,
    pub date: Option<String>,
    #[serde(default)]
    pub date_note: Option<String>,
    /// What dates an article that prints no date, in the reader's words ("figures to the
    /// end of 2021"): named wherever the article is cited, where its date would be.
    #[serde(default)]
    pub dated_by: Option<Bilingual>,
    /// The year the article speaks from: its date, or the latest its text or page shows
    /// (`date_note` says which). A dated stage never holds past it.
    #[serde(default)]
    pub year: Option<u16>,
    pub url: Option<String>,
    /// The publisher develops what the article describes: its facts are the developer's
    /// own statements.
    #[serde(default)]
    pub publisher_interest: Option<PublisherInterest>,
}

#[derive(Clone, Debug, PartialEq, Deserialize)]
pub struct PublisherInterest {
    pub features: Vec<FeatureId>,
    pub vi: String,
    pub en: String,
}

#[derive(Deserialize)]
struct FactsFile {
    facts: Vec<Fact>,
}

#[derive(Deserialize)]
struct IndexFile {
    articles: Vec<Article>,
}

/// The five articles, compiled in: the source viewer shows them on any machine.
pub const SEEDS: &[(&str, &str)] = &[
    (
        "000_71ae18c55bfd1688.txt",
        include_str!("../../seeds/000_71ae18c55bfd1688.txt"),
    ),
    (
        "001_a7b5ed5705138d30.txt",
        include_str!("../../seeds/001_a7b5ed5705138d30.txt"),
    ),
    (
        "002_cdcfc0dc92c5f591.txt",
        include_str!("../../seeds/002_cdcfc0dc92c5f591.txt"),
    ),
    (
        "003_b020f80b961ec120.txt",
        include_str!("../../seeds/003_b020f80b961ec120.txt"),
    ),
    (
        "004_40fef7ffeec52a22.txt",
        include_str!("../../seeds/004_40fef7ffeec52a22.txt"),
    ),
];

const SEED_INDEX: &str = include_str!("../../seeds/index.json");

/// Every fact, every article, and the articles' text.
#[derive(Default)]
pub struct Catalogue {
    facts: Vec<Fact>,
    by_id: HashMap<FactId, usize>,
    articles: Vec<Article>,
}

/// Why the catalogue could not be read.
#[derive(Debug, thiserror::Error)]
pub enum CatalogueError {
    #[error("facts.json: {0}")]
    Facts(serde_json::Error),
    #[error("seeds/index.json: {0}")]
    Index(serde_json::Error),
    #[error("facts.json: duplicate fact id {0}")]
    DuplicateId(String),
}

impl Catalogue {
    /// Parses `facts.json` against the embedded article index. Errors name the file.
    pub fn parse(facts_json: &str) -> Result<Self, CatalogueError> {
        let facts: FactsFile = serde_json::from_str(facts_json).map_err(CatalogueError::Facts)?;
        let index: IndexFile = serde_json::from_str(SEED_INDEX).map_err(CatalogueError::Index)?;
        let mut by_id = HashMap::new();
        for (i, fact) in facts.facts.iter().enumerate() {
            if by_id.insert(fact.id.clone(), i).is_some() {
                return Err(CatalogueError::DuplicateId(fact.id.to_string()));
            }
        }
        Ok(Self {
            facts: facts.facts,
            by_id,
            articles: index.articles,
        })
    }

    pub fn facts(&self) -> &[Fact] {
        &self.facts
    }

    pub fn get(&self, id: &FactId) -> Option<&Fact> {
        self.by_id.get(id).map(|&i| &self.facts[i])
    }

    /// Facts about a feature, in catalogue order.
    pub fn about<'a>(&'a self, feature: &'a FeatureId) -> impl Iterator<Item = &'a Fact> + 'a {
        self.facts.iter().filter(move |f| f.about.contains(feature))
    }

    /// The facts that disagree with `fact`, with the reason, whichever side recorded it.
    pub fn conflicts<'a>(&'a self, fact: &'a Fact) -> Vec<(&'a Fact, &'a Link)> {
        self.linked(fact, |f| &f.conflicts_with)
    }

    /// The figures to read beside `fact`, with the reason, whichever side recorded it.
    pub fn related<'a>(&'a self, fact: &'a Fact) -> Vec<(&'a Fact, &'a Link)> {
        self.linked(fact, |f| &f.related)
    }

    fn linked<'a>(
        &'a self,
        fact: &'a Fact,
        links: impl Fn(&'a Fact) -> &'a [Link],
    ) -> Vec<(&'a Fact, &'a Link)> {
        let mut out: Vec<(&Fact, &Link)> = links(fact)
            .iter()
            .filter_map(|link| Some((self.get(&link.id)?, link)))
            .collect();
        for other in &self.facts {
            for link in links(other) {
                if link.id == fact.id && !out.iter().any(|(f, _)| f.id == other.id) {
                    out.push((other, link));
                }
            }
        }
        out
    }

    /// The money, area and share figures stated about `feature`, at most `max`: misprints
    /// left out (the figure they disagree with carries the warning), and an area the page
    /// already gives (`shown_area`, a site's own) not repeated.
    pub fn key_figures<'a>(
        &'a self,
        feature: &'a FeatureId,
        shown_area: Option<f64>,
        max: usize,
    ) -> Vec<(&'a Fact, &'a Figure)> {
        self.about(feature)
            .filter(|f| matches!(f.category, Category::Figure | Category::Status))
            .flat_map(|f| f.figures.iter().map(move |fig| (f, fig)))
            .filter(|(_, fig)| !matches!(fig.unit, Unit::Count | Unit::Rank))
            .filter(|(_, fig)| fig.misprint.is_none())
            .filter(|(_, fig)| !(fig.unit == Unit::Ha && shown_area == Some(fig.value)))
            .take(max)
            .collect()
    }

    /// What the publisher of `fact`'s article has at stake in it, if it develops a place
    /// the article describes.
    pub fn publisher_interest(&self, fact: &Fact) -> Option<&PublisherInterest> {
        self.article(&fact.article)?.publisher_interest.as_ref()
    }

    pub fn articles(&self) -> &[Article] {
        &self.articles
    }

    pub fn article(&self, file: &str) -> Option<&Article> {
        self.articles.iter().find(|a| a.file == file)
    }

    pub fn article_text(file: &str) -> Option<&'static str> {
        SEEDS
            .iter()
            .find(|(name, _)| *name == file)
            .map(|(_, text)| *text)
    }
}

/// Reads a number as Vietnamese writes it: `.` groups thousands, `,` marks decimals
/// ("1.156,77" is 1156.77). A range "12 -14" gives its first number.
pub fn parse_vietnamese_number(text: &str) -> Option<f64> {
    let first = text.split('-').next()?.trim();
    first.replace('.', "").replace(',', ".").parse().ok()
}

/// Both ends of a range written "50- 51" or "3 - 4"; a single number gives one end.
pub fn parse_vietnamese_range(text: &str) -> Option<(f64, Option<f64>)> {
    let mut parts = text.split('-').map(str::trim);
    let low = parse_vietnamese_number(parts.next()?)?;
    let high = match parts.next() {
        Some(p) => Some(parse_vietnamese_number(p)?),
        None => None,
    };
    Some((low, high))
}

/// Which facts can give a site its status: the status's rule, kept with the facts'
/// modalities so that the kinds do not reach into the facts.
impl SiteStatus {
    /// Whether a fact of this modality can give the status. Every status but a scheduled
    /// groundbreaking says how things stand now, which only a reported fact can; a goal
    /// schedules nothing.
    pub fn allowed_by(self, modality: Modality) -> bool {
        match self {
            SiteStatus::GroundbreakingScheduled => modality != Modality::Target,
            SiteStatus::UnderConstruction
            | SiteStatus::Established
            | SiteStatus::InvestorsInterested => modality == Modality::Reported,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn vietnamese_numbers_use_dots_for_thousands_and_commas_for_decimals() {
        assert_eq!(parse_vietnamese_number("18.602"), Some(18602.0));
        assert_eq!(parse_vietnamese_number("1.156,77"), Some(1156.77));
        assert_eq!(parse_vietnamese_number("47,87"), Some(47.87));
        assert_eq!(parse_vietnamese_range("12 -14"), Some((12.0, Some(14.0))));
        assert_eq!(parse_vietnamese_range("05"), Some((5.0, None)));
    }
}
