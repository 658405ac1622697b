//! The timeline's years: opening the bar, choosing a year, and Play, which shows each year
//! for [`YEAR_SECONDS`] and stops at the last.

use super::AtlasApp;
use crate::state::{TimelineAction, TimelineState};

/// How long Play shows each year: long enough to read the year's events aloud.
pub const YEAR_SECONDS: f64 = 2.0;

impl AtlasApp {
    pub(super) fn timeline_action(&mut self, action: TimelineAction) {
        let years = self.atlas.timeline.years();
        let (first, last) = (*years.start(), *years.end());
        match action {
            TimelineAction::Toggle => {
                self.state.timeline = match self.state.timeline {
                    Some(_) => None,
                    None => Some(TimelineState {
                        year: first,
                        playing: false,
                        next_step: 0.0,
                    }),
                }
            }
            TimelineAction::SetYear(year) => {
                let t = self.state.timeline.get_or_insert(TimelineState {
                    year: first,
                    playing: false,
                    next_step: 0.0,
                });
                t.year = year.clamp(first, last);
            }
            TimelineAction::Play(play) => {
                let now = self.ctx.input(|i| i.time);
                let t = self.state.timeline.get_or_insert(TimelineState {
                    year: first,
                    playing: false,
                    next_step: 0.0,
                });
                if play && t.year >= last {
                    t.year = first;
                }
                t.playing = play;
                t.next_step = now + YEAR_SECONDS;
            }
            TimelineAction::Tick(now) => {
                if let Some(t) = self.state.timeline.as_mut().filter(|t| t.playing)
                    && now >= t.next_step
                {
                    t.year = (t.year + 1).min(last);
                    t.next_step = now + YEAR_SECONDS;
                    t.playing = t.year < last;
                }
            }
        }
    }
}
