//! The plan's years, 2021 → 2030: which stage a feature is at in a year, only where a cited
//! fact dates it (`geodata/timeline.json`). A stage holds from the year its words date it
//! to the year its article speaks from, never beyond: nothing is extrapolated.

use super::facts::{Bilingual, Catalogue, Fact, FactId, Modality};
use super::kind::FeatureId;
use serde::Deserialize;

/// Where a feature stands, as a dated fact puts it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Stage {
    /// A start (groundbreaking) announced for a date: a plan, not an event.
    Scheduled,
    /// A plan its article puts in the future tense ("sẽ … để triển khai"), with no date for
    /// a start: neither begun nor said to be in preparation.
    Planned,
    /// Investors interested or proposing to build it.
    InvestorsInterested,
    /// Ground broken, being built.
    UnderConstruction,
    /// In operation.
    Operating,
    /// Named by its article as already there (a gate it speaks of as an existing
    /// international gate), with no date for when it began.
    Existing,
}

impl Stage {
    pub const ALL: [Stage; 6] = [
        Stage::Scheduled,
        Stage::Planned,
        Stage::InvestorsInterested,
        Stage::UnderConstruction,
        Stage::Operating,
        Stage::Existing,
    ];

    pub fn name(self, lang: super::Lang) -> &'static str {
        let (vi, en) = match self {
            Stage::Scheduled => ("dự kiến khởi công", "groundbreaking scheduled"),
            Stage::Planned => ("dự kiến triển khai", "planned"),
            Stage::InvestorsInterested => ("có nhà đầu tư quan tâm", "investors interested"),
            Stage::UnderConstruction => ("đã khởi công", "ground broken"),
            Stage::Operating => ("đang vận hành", "in operation"),
            Stage::Existing => ("đã có", "existing"),
        };
        lang.pick(vi, en)
    }

    /// Whether the stage is only a plan: all a fact that is not reported can give. Every
    /// other stage says something has happened or is under way.
    pub fn is_a_plan(self) -> bool {
        matches!(self, Stage::Scheduled | Stage::Planned)
    }

    /// The stage a site's status on the map corresponds to.
    pub fn of_status(status: super::SiteStatus) -> Option<Stage> {
        use super::SiteStatus;
        match status {
            SiteStatus::GroundbreakingScheduled => Some(Stage::Scheduled),
            SiteStatus::UnderConstruction => Some(Stage::UnderConstruction),
            SiteStatus::InvestorsInterested => Some(Stage::InvestorsInterested),
            SiteStatus::Established => None,
        }
    }
}

/// One feature's stage over the years a fact dates it.
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Dated {
    pub feature: FeatureId,
    pub stage: Stage,
    pub from: u16,
    /// The last year the source speaks for: its article's own year.
    pub until: u16,
    pub fact: FactId,
    /// The exact words that give the stage and its date, in the quote or in the quote's
    /// own paragraph of the article (a list the quote belongs to).
    pub words: String,
    /// What happened at the date, in our words, where it was a part of the feature and not
    /// the feature itself (a gate's new lanes, not the gate).
    #[serde(default)]
    pub event: Option<Bilingual>,
}

impl Dated {
    pub fn covers(&self, year: u16) -> bool {
        (self.from..=self.until).contains(&year)
    }
}

#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Timeline {
    pub first_year: u16,
    pub last_year: u16,
    pub states: Vec<Dated>,
}

/// A feature at one year.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum AtYear<'a> {
    /// A cited fact dates its stage in this year.
    Stated(&'a Dated),
    /// Dated facts exist for other years only: the nearest before and after, for the panel.
    Unstated {
        before: Option<&'a Dated>,
        after: Option<&'a Dated>,
    },
    /// No fact dates it at all: it keeps its plain style.
    Undated,
}

/// Why `timeline.json` could not be read.
#[derive(Debug, thiserror::Error)]
pub enum TimelineError {
    #[error("timeline.json: {0}")]
    Json(serde_json::Error),
    #[error("timeline.json: first_year is after last_year")]
    YearsReversed,
}

impl Timeline {
    pub fn parse(text: &str) -> Result<Self, TimelineError> {
        let timeline: Timeline = serde_json::from_str(text).map_err(TimelineError::Json)?;
        if timeline.first_year > timeline.last_year {
            return Err(TimelineError::YearsReversed);
        }
        Ok(timeline)
    }

    pub fn years(&self) -> std::ops::RangeInclusive<u16> {
        self.first_year..=self.last_year
    }

    pub fn of<'a>(&'a self, feature: &'a FeatureId) -> impl Iterator<Item = &'a Dated> + 'a {
        self.states.iter().filter(move |d| &d.feature == feature)
    }

    pub fn at(&self, feature: &FeatureId, year: u16) -> AtYear<'_> {
        let mut before: Option<&Dated> = None;
        let mut after: Option<&Dated> = None;
        for dated in self.states.iter().filter(|d| &d.feature == feature) {
            if dated.covers(year) {
                return AtYear::Stated(dated);
            }
            if dated.until < year && before.is_none_or(|b| b.until < dated.until) {
                before = Some(dated);
            }
            if dated.from > year && after.is_none_or(|a| a.from > dated.from) {
                after = Some(dated);
            }
        }
        if before.is_none() && after.is_none() {
            AtYear::Undated
        } else {
            AtYear::Unstated { before, after }
        }
    }

    /// What begins in `year`, in file order.
    pub fn beginning_in(&self, year: u16) -> impl Iterator<Item = &Dated> {
        self.states.iter().filter(move |d| d.from == year)
    }

    /// Everything wrong with the file against the facts and articles, one line each: a
    /// fact or feature that does not exist, words not in the article, words that are
    /// another dated feature's clause, a year its words do not give, a stage held past its
    /// article's year, a plan shown as done or under way.
    pub fn problems(
        &self,
        facts: &Catalogue,
        known_feature: impl Fn(&FeatureId) -> bool,
    ) -> Vec<String> {
        let mut out = Vec::new();
        for d in &self.states {
            let at = format!("timeline.json, {} ({})", d.feature, d.fact);
            if !known_feature(&d.feature) {
                out.push(format!("{at}: unknown feature"));
            }
            let Some(fact) = facts.get(&d.fact) else {
                out.push(format!("{at}: unknown fact"));
                continue;
            };
            if !fact.about.contains(&d.feature) {
                out.push(format!("{at}: the fact is not about this feature"));
            }
            let paragraph = paragraph_of(fact);
            if !fact.quote.contains(&d.words) && !paragraph.is_some_and(|p| p.contains(&d.words)) {
                out.push(format!(
                    "{at}: “{}” is not in the quote's paragraph",
                    d.words
                ));
            }
            if let Some(other) = self.clause_of_another(d, fact, facts) {
                out.push(format!(
                    "{at}: “{}” is {}'s clause too ({}); give this feature's own words",
                    d.words, other.feature, other.fact
                ));
            }
            let year = facts.article(&fact.article).and_then(|a| a.year);
            match year {
                None => out.push(format!("{at}: the article {} has no year", fact.article)),
                Some(year) => {
                    let said = d.words.contains(&d.from.to_string())
                        || fact.quote.contains(&d.from.to_string());
                    if d.from != year && !said {
                        out.push(format!(
                            "{at}: from {} is neither in its words nor its article's year {year}",
                            d.from
                        ));
                    }
                    if d.until > year || d.until < d.from {
                        out.push(format!(
                            "{at}: until {} is outside {}..={year}",
                            d.until, d.from
                        ));
                    }
                }
            }
            if !d.stage.is_a_plan() && fact.modality != Modality::Reported {
                out.push(format!(
                    "{at}: a {:?} fact cannot say {:?}",
                    fact.modality, d.stage
                ));
            }
            if let Some(event) = &d.event
                && (event.vi.trim().is_empty() || event.en.trim().is_empty())
            {
                out.push(format!("{at}: the event needs both languages"));
            }
            if !self.years().contains(&d.from) {
                out.push(format!("{at}: {} is outside the timeline", d.from));
            }
        }
        out
    }
}

impl Timeline {
    /// Another feature's dated entry whose quote holds `d`'s words where `d`'s own quote
    /// holds them too: one sentence announcing two starts ("sẽ Khởi công dự án … VSIP … và
    /// khởi công dự án tuyến cao tốc …") gives each its own clause, never the other's.
    fn clause_of_another<'a>(
        &'a self,
        d: &Dated,
        fact: &Fact,
        facts: &Catalogue,
    ) -> Option<&'a Dated> {
        if !fact.quote.contains(&d.words) {
            return None;
        }
        self.states.iter().find(|other| {
            other.feature != d.feature
                && other.fact != d.fact
                && facts
                    .get(&other.fact)
                    .is_some_and(|f| f.quote.contains(&d.words))
        })
    }
}

/// The article paragraph (line) that holds the fact's quote.
pub fn paragraph_of(fact: &Fact) -> Option<&'static str> {
    Catalogue::article_text(&fact.article)?
        .lines()
        .find(|line| line.contains(&fact.quote))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dated(feature: &str, from: u16, until: u16) -> Dated {
        Dated {
            feature: FeatureId::new(feature),
            stage: Stage::Operating,
            from,
            until,
            fact: FactId::new("f"),
            words: String::new(),
            event: None,
        }
    }

    #[test]
    fn a_stage_holds_only_over_the_years_its_fact_covers() {
        let t = Timeline {
            first_year: 2021,
            last_year: 2030,
            states: vec![dated("a", 2024, 2025)],
        };
        let a = FeatureId::new("a");
        assert!(matches!(t.at(&a, 2024), AtYear::Stated(_)));
        assert!(matches!(t.at(&a, 2025), AtYear::Stated(_)));
        assert!(matches!(
            t.at(&a, 2023),
            AtYear::Unstated {
                before: None,
                after: Some(_)
            }
        ));
        assert!(matches!(
            t.at(&a, 2030),
            AtYear::Unstated {
                before: Some(_),
                after: None
            }
        ));
        assert_eq!(t.at(&FeatureId::new("b"), 2024), AtYear::Undated);
    }
}
