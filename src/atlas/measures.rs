//! Targets against the latest stated figures: the figures of `facts.json` tagged with the
//! measure they count, gathered one chart per measure. The tags are ours; the numbers, their
//! qualifiers, years and modality stay the facts' own.

use super::Lang;
use super::facts::{Catalogue, Fact, Figure, Modality, Unit};
pub use super::measure_tag::{Measure, MeasureTag};

/// One bar: a figure of a fact.
#[derive(Clone, Copy, Debug)]
pub struct MeasureBar<'a> {
    pub fact: &'a Fact,
    pub figure: &'a Figure,
    pub tag: &'a MeasureTag,
}

impl MeasureBar<'_> {
    /// A figure stated as reached (or estimated as reached), against the goals: targets
    /// and plans. The figure's own words decide, not its fact's ([`Figure::modality_in`]).
    pub fn is_stated(&self) -> bool {
        matches!(
            self.figure.modality_in(self.fact),
            Modality::Reported | Modality::Expected
        )
    }

    /// The bar's words and its year: the figure's own period, else, for a stated figure,
    /// the year its article speaks from ("as of").
    pub fn label(&self, facts: &Catalogue, lang: Lang) -> String {
        let tag = lang.pick(&self.tag.vi, &self.tag.en);
        let as_of = || {
            let year = facts.article(&self.fact.article)?.year?;
            self.is_stated().then(|| match lang {
                Lang::Vi => format!("bài viết {year}"),
                Lang::En => format!("{year} article"),
            })
        };
        match (&self.figure.period, as_of()) {
            (Some(period), _) if !tag.contains(period.as_str()) => format!("{tag} · {period}"),
            (None, Some(as_of)) => format!("{tag} · {as_of}"),
            _ => tag.to_owned(),
        }
    }
}

pub struct MeasureChart<'a> {
    pub measure: Measure,
    pub unit: Unit,
    /// Stated figures first, then the goals, each group in catalogue order.
    pub bars: Vec<MeasureBar<'a>>,
}

impl MeasureChart<'_> {
    pub fn has_target(&self) -> bool {
        self.bars.iter().any(|b| !b.is_stated())
    }

    pub fn has_stated(&self) -> bool {
        self.bars.iter().any(MeasureBar::is_stated)
    }
}

/// Every tagged measure's chart, in [`Measure::ALL`] order. A misprinted figure is never
/// charted: its number is not what the article meant.
pub fn charts(facts: &Catalogue) -> Vec<MeasureChart<'_>> {
    Measure::ALL
        .iter()
        .filter_map(|&measure| {
            let mut bars: Vec<MeasureBar> = facts
                .facts()
                .iter()
                .flat_map(|fact| fact.figures.iter().map(move |figure| (fact, figure)))
                .filter(|(_, figure)| figure.misprint.is_none())
                .filter_map(|(fact, figure)| {
                    let tag = figure.measure.as_ref().filter(|t| t.id == measure)?;
                    Some(MeasureBar { fact, figure, tag })
                })
                .collect();
            bars.sort_by_key(|b| !b.is_stated());
            let unit = bars.first()?.figure.unit;
            Some(MeasureChart {
                measure,
                unit,
                bars,
            })
        })
        .collect()
}
