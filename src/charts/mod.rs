//! The charts, drawn with egui_plot into any `Ui`: the charts window on screen and the
//! charts panel of an exported picture draw the same plots. A chart reports what was
//! clicked; what a click does is the window's business.

pub mod sites;
pub mod targets;

use crate::atlas::citation::{article_date, developer_publication};
use crate::atlas::{Atlas, FactId, Lang};
use egui_plot::{GridInput, GridMark, PlotUi};
use std::collections::BTreeSet;

// Both charts draw one horizontal bar a row, the first row at the top: bar `k` of `count`
// sits at y = count − 1 − k.

/// Marks at every row and nowhere else, so each row gets its name on the axis.
fn one_mark_per_row(count: usize) -> impl Fn(GridInput) -> Vec<GridMark> {
    move |_| {
        (0..count)
            .map(|k| GridMark {
                value: k as f64,
                step_size: 1.0,
            })
            .collect()
    }
}

/// Value marks at a 1–2–5 step, about four across: egui_plot hides x labels closer than
/// 60 points, and its default tenfold steps left a narrow chart with "0" alone.
fn value_marks(input: GridInput) -> Vec<GridMark> {
    let (low, high) = input.bounds;
    let span = (high - low).max(f64::EPSILON);
    let magnitude = 10f64.powf((span / 4.0).log10().floor());
    let step = [1.0, 2.0, 5.0, 10.0]
        .iter()
        .map(|m| m * magnitude)
        .find(|s| span / s <= 4.0)
        .unwrap_or(10.0 * magnitude);
    let first = (low / step).ceil() as i64;
    let last = (high / step).floor() as i64;
    (first..=last)
        .map(|k| GridMark {
            value: k as f64 * step,
            step_size: step,
        })
        .collect()
}

/// The y axis's words: each row's name at its mark.
fn row_names(names: Vec<String>) -> impl Fn(GridMark, &std::ops::RangeInclusive<f64>) -> String {
    move |mark, _| {
        let k = mark.value.round();
        if (mark.value - k).abs() < 1e-6 && k >= 0.0 && (k as usize) < names.len() {
            names[names.len() - 1 - k as usize].clone()
        } else {
            String::new()
        }
    }
}

/// The row clicked this frame, counted from the top.
fn clicked_row(plot: &PlotUi, count: usize) -> Option<usize> {
    let at = plot.pointer_coordinate();
    (plot.response().clicked())
        .then_some(at)
        .flatten()
        .map(|p| p.y.round())
        .filter(|k| *k >= 0.0 && (*k as usize) < count)
        .map(|k| count - 1 - k as usize)
}

/// Which charts the window (and an export) shows.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
// Written in snake_case words ("vi", "open_topo_map"); the variant names of the first
// version of the project file are still read.
#[serde(rename_all = "snake_case")]
pub enum ChartPage {
    /// Targets against the latest stated figures, one chart per measure.
    #[default]
    #[serde(alias = "Targets")]
    Targets,
    /// The industrial sites by the area their sources state.
    #[serde(alias = "Sites")]
    Sites,
}

impl ChartPage {
    pub const ALL: [ChartPage; 2] = [ChartPage::Targets, ChartPage::Sites];

    pub fn name(self, lang: Lang) -> &'static str {
        match self {
            ChartPage::Targets => lang.pick("Chỉ tiêu và số liệu", "Targets and figures"),
            ChartPage::Sites => {
                lang.pick("Diện tích khu, cụm công nghiệp", "Industrial sites by area")
            }
        }
    }
}

/// Type sizes of a chart: the window's, or larger for a projector and a picture.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Scale {
    pub text: f32,
    /// Height of one bar's row, in points.
    pub row: f32,
}

impl Scale {
    pub const DESK: Scale = Scale {
        text: 14.0,
        row: 30.0,
    };
    /// A picture 1920 points wide: the charts beside the map.
    pub const PICTURE: Scale = Scale {
        text: 17.0,
        row: 30.0,
    };
    /// Presentation mode: read from the back of a room.
    pub const PROJECTOR: Scale = Scale {
        text: 21.0,
        row: 44.0,
    };

    /// Applies the text size to everything drawn in `ui`, the plot's axes included.
    pub fn apply(self, ui: &mut egui::Ui) {
        for (style, font) in ui.style_mut().text_styles.iter_mut() {
            font.size = match style {
                egui::TextStyle::Small => self.text * 0.8,
                egui::TextStyle::Heading => self.text * 1.25,
                egui::TextStyle::Body
                | egui::TextStyle::Monospace
                | egui::TextStyle::Button
                | egui::TextStyle::Name(_) => self.text,
            };
        }
    }
}

/// "Sources: VnEconomy, 15/4/2024; Gia Định Group, 2025 (the developer's own publication);
/// Diễn đàn Doanh nghiệp điện tử, figures to the end of 2021": the articles behind `facts`,
/// for a picture, where no citation chip can be clicked. An article that prints no date is
/// dated as its citation dates it, else by the year it speaks from.
pub fn sources_line(atlas: &Atlas, facts: &BTreeSet<FactId>, lang: Lang) -> String {
    let mut files: Vec<&str> = facts
        .iter()
        .filter_map(|id| atlas.facts.get(id))
        .map(|f| f.article.as_str())
        .collect();
    files.sort_unstable();
    files.dedup();
    let parts: Vec<String> = files
        .iter()
        .filter_map(|file| atlas.facts.article(file))
        .map(|a| {
            let publisher = a.publisher.as_deref().unwrap_or(&a.file);
            let dated = match (article_date(a, lang), a.year) {
                (Some(date), _) => format!("{publisher}, {date}"),
                (None, Some(year)) => format!("{publisher}, {year}"),
                (None, None) => publisher.to_owned(),
            };
            match a.publisher_interest {
                Some(_) => format!("{dated} ({})", developer_publication(lang)),
                None => dated,
            }
        })
        .collect();
    format!("{}: {}", lang.pick("Nguồn", "Sources"), parts.join("; "))
}
