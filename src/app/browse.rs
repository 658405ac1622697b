//! The frame when browsing: top bar, status bar, layers on the left, the feature on the
//! right, the map in the middle, and the article viewer and export windows over it.

use super::{AtlasApp, keymap};
use crate::map::basemap::health;
use crate::map::mercator::ViewTarget;
use crate::state::Action;
use crate::ui::{export_panel, feature_panel, layers_panel, source_viewer, status_bar, top_bar};
use egui::{Frame, Ui};

/// Share of the map a framed feature or the province fills.
const FIT_FILL: f64 = 0.9;

impl AtlasApp {
    pub(super) fn browse_frame(&mut self, ui: &mut Ui) {
        let ctx = ui.ctx().clone();
        let typing = ctx.egui_wants_keyboard_input();
        let source_open = self.state.source.is_some();
        let mut actions = ctx.input(|i| keymap::browsing(i, typing, source_open));

        egui::Panel::top("top-bar").show(ui, |ui| {
            top_bar::show(ui, &self.state, &self.basemaps, &mut actions);
        });
        self.status_bar(ui);
        egui::Panel::left("layers")
            .default_size(290.0)
            .show(ui, |ui| {
                layers_panel::show(ui, &self.atlas, &mut self.state, &mut actions)
            });
        egui::Panel::right("feature")
            .default_size(340.0)
            .show(ui, |ui| {
                feature_panel::show(ui, &self.atlas, &self.state, &mut actions)
            });
        egui::CentralPanel::default()
            .frame(Frame::NONE)
            .show(ui, |ui| {
                let rect = ui.available_rect_before_wrap();
                if let Some(bounds) = self.pending_fit.take() {
                    self.set_view(ViewTarget::fitting(rect, bounds, FIT_FILL));
                }
                self.map(ui);
            });

        let lang = self.state.settings.lang;
        if let Some(view) = self.state.source.as_mut() {
            source_viewer::show(&ctx, &self.atlas.facts, view, lang, &mut actions);
        }
        if self.state.export.open {
            export_panel::show(
                &ctx,
                &mut self.state.export,
                &super::export_job::SIZES,
                lang,
                &mut actions,
            );
        }
        if let Some(clicked) = self.map_out.clicked.take() {
            match clicked.and_then(|i| self.atlas.features().get(i)) {
                Some(f) => actions.push(Action::Select(f.id().clone())),
                None => actions.push(Action::ClearSelection),
            }
        }
        for action in actions {
            self.apply(action);
        }
    }

    fn status_bar(&mut self, ui: &mut Ui) {
        let health = health::snapshot();
        let tiles_loading = self.basemaps.tiles_in_progress();
        let now = ui.ctx().input(|i| i.time);
        let not_answering = self.basemaps.not_answering(now);
        if tiles_loading > 0 {
            // Keep time moving so that a server that never answers is noticed.
            ui.ctx()
                .request_repaint_after(std::time::Duration::from_millis(500));
        }
        let lang = self.state.settings.lang;
        egui::Panel::bottom("status-bar").show(ui, |ui| {
            status_bar::show(
                ui,
                &status_bar::Status {
                    lang,
                    pointer: self.map_out.pointer,
                    zoom: Some(self.memory.zoom()),
                    online: self.basemaps.choice().is_online(),
                    tiles_loading,
                    health: &health,
                    offline_only: self.basemaps.offline_only,
                    pmtiles_error: self
                        .basemaps
                        .pmtiles_error
                        .as_deref()
                        .or(self.basemaps.custom_error.as_deref()),
                    cache_error: self.basemaps.cache_error.as_deref(),
                    not_answering,
                    data_errors: &self.data_errors,
                },
            );
        });
    }
}
