//! The timeline's years in the window: the bar's state and its rules are
//! `state::TimelineState`; this wires in the atlas's years and the input clock.

use super::AtlasApp;
use crate::state::{TimelineAction, TimelineState};

impl AtlasApp {
    pub(super) fn timeline_action(&mut self, action: TimelineAction) {
        let years = self.atlas.timeline.years();
        let now = self.ctx.input(|i| i.time);
        TimelineState::apply(&mut self.state.timeline, action, years, now);
    }
}
