//! How the map shows a year of the timeline: a feature whose stage a fact dates in that
//! year takes the stage's colour; one dated only in other years fades; one with no dated
//! fact keeps its plain style.

use super::style::Style;
use crate::atlas::timeline::{AtYear, Stage};
use crate::atlas::{Atlas, SiteStatus};
use egui::{Color32, Stroke};

#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Mark {
    Plain,
    Stage(Stage),
    /// Dated in other years, not in this one.
    Faded,
}

pub fn stage_color(stage: Stage) -> Color32 {
    match stage {
        Stage::Scheduled => Color32::from_rgb(110, 140, 200),
        Stage::Preparing => Color32::from_rgb(176, 150, 40),
        Stage::InvestorsInterested => super::style::status_color(SiteStatus::InvestorsInterested),
        Stage::UnderConstruction => super::style::status_color(SiteStatus::UnderConstruction),
        Stage::Operating => Color32::from_rgb(0, 120, 50),
        Stage::Existing => Color32::from_rgb(84, 110, 122),
    }
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

const FADED: Color32 = Color32::from_rgba_premultiplied(150, 150, 150, 150);

pub fn restyle(style: Style, mark: Option<&Mark>) -> Style {
    match (style, mark) {
        (style, None | Some(Mark::Plain)) => style,
        (Style::Symbol(mut s), Some(Mark::Stage(stage))) => {
            s.fill = stage_color(*stage);
            s.outline = Stroke::new(2.5, Color32::WHITE);
            Style::Symbol(s)
        }
        (Style::Symbol(mut s), Some(Mark::Faded)) => {
            s.fill = FADED;
            s.outline = Stroke::new(1.0, Color32::from_gray(200));
            Style::Symbol(s)
        }
        (Style::Area(mut a), Some(mark)) => {
            let colour = match mark {
                Mark::Stage(stage) => stage_color(*stage),
                _ => Color32::from_gray(150),
            };
            a.fill = colour.gamma_multiply(0.25);
            a.outline = Stroke::new(a.outline.width, colour);
            Style::Area(a)
        }
        (Style::Line(mut l), Some(mark)) => {
            l.core.color = match mark {
                Mark::Stage(stage) => stage_color(*stage),
                _ => Color32::from_gray(170),
            };
            Style::Line(l)
        }
    }
}
