//! The frame while presenting: the caption band, the map flying between steps, the black
//! screen, and the pointer hidden when idle.

use super::{AtlasApp, keymap};
use crate::present::{self, controller::Presenter};
use crate::theme;
use crate::ui::{caption, charts, timeline_bar};
use egui::{Frame, Ui};

impl AtlasApp {
    pub(super) fn present_frame(&mut self, ui: &mut Ui) {
        let ctx = ui.ctx().clone();
        let now = ctx.input(|i| i.time);
        let arrows_taken = ctx.memory(|m| m.focused().is_some());
        // No text field shows while presenting: a focused widget (the year slider) only
        // takes the arrows.
        let mut actions = ctx.input(|i| keymap::presenting_actions(i, arrows_taken));
        // The share screen follows the last step while an address is set.
        self.presenter.set_share(self.state.publish.share_url());
        // While measuring, Esc ends the measure tool rather than the presentation.
        if self.state.measure.active
            && let Some(esc) = actions
                .iter()
                .position(|a| *a == crate::state::Action::StopPresentation)
        {
            actions[esc] = crate::state::Action::Measure(crate::state::MeasureAction::Toggle);
        }
        hide_idle_pointer(&mut self.presenter, &ctx, now);
        if self.presenter.tick(now) {
            self.state.selected = None;
        }
        if self.presenter.presentation().is_some_and(|p| p.autoplay) {
            ctx.request_repaint_after(std::time::Duration::from_millis(250));
        }
        let Some(p) = self.presenter.presentation() else {
            return;
        };
        let (index, blank, step_chart) = (p.step, p.blank, p.chart);
        if p.highlight_alpha(now) < 1.0 {
            ctx.request_repaint();
        }
        let lang = self.state.settings.lang;
        let sharing = self.presenter.sharing().cloned();
        if let Some(step) = self.presenter.tour().steps.get(index)
            && sharing.is_none()
        {
            let count = self.presenter.tour().steps.len();
            let screen = ctx.content_rect();
            let scale = caption::type_scale(screen.size());
            let margin = egui::Margin::symmetric((24.0 * scale) as i8, (12.0 * scale) as i8);
            // The band never takes more than its share: the map keeps the rest.
            let max_height = screen.height() * caption::MAX_SHARE - margin.sum().y;
            let attribution: Vec<String> = self
                .map
                .basemaps
                .attribution()
                .into_iter()
                .map(|(text, _)| text)
                .collect();
            egui::Panel::bottom("caption")
                .resizable(false)
                .frame(Frame::new().fill(caption::BACKGROUND).inner_margin(margin))
                .show(ui, |ui| {
                    caption::show(
                        ui,
                        step,
                        (index, count),
                        &self.atlas.facts,
                        lang,
                        (scale, max_height),
                        &attribution.join(" · "),
                        &mut actions,
                    );
                });
        }
        // The timeline and the charts can be shown to the room, in the projector's type.
        if let Some(timeline) = self.state.timeline {
            egui::Panel::bottom("present-timeline")
                .frame(Frame::new().fill(theme::CARD).inner_margin(12))
                .show(ui, |ui| {
                    timeline_bar::show(ui, &self.atlas, timeline, lang, true, &mut actions)
                });
        }
        if self.state.charts || step_chart.is_some() {
            charts::show(
                &ctx,
                &self.atlas,
                step_chart.unwrap_or(self.state.chart_page),
                lang,
                true,
                &mut actions,
            );
        }
        egui::CentralPanel::default()
            .frame(Frame::NONE)
            .show(ui, |ui| {
                let rect = ui.available_rect_before_wrap();
                let from = self.map.current_view();
                if let Some(view) = self.presenter.fly(from, rect, now) {
                    self.map.set_view(view);
                    ctx.request_repaint();
                }
                self.draw_map(ui, &mut actions);
            });
        if let Some(action) = self.measure_clicked(&ctx) {
            actions.push(action);
        }
        if let Some(url) = &sharing {
            caption::share_screen(&ctx, url, lang, &mut actions);
        }
        if blank {
            egui::Area::new(egui::Id::unique("blank-screen"))
                .order(egui::Order::Foreground)
                .fixed_pos(egui::Pos2::ZERO)
                .show(&ctx, |ui| {
                    let screen = ctx.content_rect();
                    ui.painter().rect_filled(screen, 0.0, theme::BLANK_SCREEN);
                    ui.allocate_rect(screen, egui::Sense::click());
                });
        }
        for action in actions {
            self.apply(action);
        }
    }
}

/// The pointer hides once it has rested a while, and shows again when it moves.
fn hide_idle_pointer(presenter: &mut Presenter, ctx: &egui::Context, now: f64) {
    if ctx.input(|i| i.pointer.delta() != egui::Vec2::ZERO) {
        presenter.pointer_moved(now);
    }
    let Some(p) = presenter.presentation() else {
        return;
    };
    if now - p.last_pointer_move > present::CURSOR_IDLE {
        ctx.set_cursor_icon(egui::CursorIcon::None);
    } else {
        ctx.request_repaint_after(std::time::Duration::from_secs_f64(present::CURSOR_IDLE));
    }
}
