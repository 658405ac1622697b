//! How the map shows a year of the timeline: a feature whose stage a fact dates in that
//! year takes the stage's colour; one dated only in other years fades; one with no dated
//! fact keeps its plain style.

use super::style::{self, Style};
use crate::atlas::Atlas;
use crate::atlas::timeline::{AtYear, Stage};
use egui::{Color32, Stroke};

pub use super::style::stage_color;

#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Mark {
    Plain,
    Stage(Stage),
    /// Dated in other years, not in this one.
    Faded,
}

/// Every feature's mark at `year`, by position in [`Atlas::features`].
pub fn marks(atlas: &Atlas, year: u16) -> Vec<Mark> {
    atlas
        .features()
        .iter()
        .map(|f| match atlas.timeline.at(f.id(), year) {
            AtYear::Stated(d) => Mark::Stage(d.stage),
            AtYear::Unstated { .. } => Mark::Faded,
            AtYear::Undated => Mark::Plain,
        })
        .collect()
}

pub fn restyle(style: Style, mark: Option<&Mark>) -> Style {
    match (style, mark) {
        (style, None | Some(Mark::Plain)) => style,
        (Style::Symbol(mut s), Some(Mark::Stage(stage))) => {
            s.fill = style::stage_color(*stage);
            s.outline = Stroke::new(2.5, Color32::WHITE);
            Style::Symbol(s)
        }
        (Style::Symbol(mut s), Some(Mark::Faded)) => {
            s.fill = style::FADED_FILL;
            s.outline = Stroke::new(1.0, style::FADED_OUTLINE);
            Style::Symbol(s)
        }
        (Style::Area(mut a), Some(mark)) => {
            let colour = match mark {
                Mark::Stage(stage) => style::stage_color(*stage),
                Mark::Plain | Mark::Faded => style::FADED_AREA,
            };
            a.fill = colour.gamma_multiply(0.25);
            a.outline = Stroke::new(a.outline.width, colour);
            Style::Area(a)
        }
        (Style::Line(mut l), Some(mark)) => {
            l.core.color = match mark {
                Mark::Stage(stage) => style::stage_color(*stage),
                Mark::Plain | Mark::Faded => style::FADED_LINE,
            };
            Style::Line(l)
        }
    }
}
