//! The frame when browsing: top bar, status bar, layers on the left, the feature on the
//! right, the map in the middle, and the article viewer and export windows over it.

use super::{AtlasApp, keymap};
use crate::atlas::Atlas;
use crate::layers::UserLayers;
use crate::map::basemap::health;
use crate::map::pane::MapPane;
use crate::state::State;
use crate::state::{Action, Side, UserAction};
use crate::ui::widgets::Widgets;
use crate::ui::{
    charts, export_panel, feature_panel, identify, layers_panel, open_prompt, project_menu, reform,
    shortcuts, source_viewer, status_bar, style_window, timeline_bar, top_bar, tours_panel,
};
use egui::{Frame, Ui};

/// Share of the map a framed feature or the province fills.
const FIT_FILL: f64 = 0.9;

/// The side panels' first widths: at 1440 points the map keeps about 58 % of the window.
const LAYERS_WIDTH: f32 = 270.0;
const FEATURE_WIDTH: f32 = 320.0;

impl AtlasApp {
    pub(super) fn browse_frame(&mut self, ui: &mut Ui) {
        let ctx = ui.ctx().clone();
        let lang = self.state.settings.lang;
        let (typing, just_typed) = keymap::typing(&ctx);
        let context = keymap::Context {
            typing,
            just_typed,
            source_open: self.state.source.is_some(),
            measuring: self.state.measure.active,
            editing_tour: self.state.tours_open,
        };
        let mut actions = ctx.input(|i| keymap::browsing(i, context));

        egui::Panel::top("top-bar").show(ui, |ui| {
            top_bar::show(
                ui,
                &self.state,
                &self.map.basemaps,
                &mut self.widgets.archive_url,
                &mut actions,
            );
        });
        status_bar(
            ui,
            &mut self.map,
            &self.state,
            &mut self.widgets,
            &self.data_errors,
        );
        if let Some(timeline) = self.state.timeline {
            egui::Panel::bottom("timeline").show(ui, |ui| {
                timeline_bar::show(ui, &self.atlas, timeline, lang, false, &mut actions)
            });
        }
        // The table spans the window's width, under the side panels.
        if self.state.user.table.is_some() {
            egui::Panel::bottom("attribute-table")
                .resizable(true)
                .default_size(240.0)
                .show(ui, |ui| {
                    self.tables.panel(
                        ui,
                        &self.atlas,
                        &mut self.state,
                        &mut self.user.layers,
                        &mut actions,
                    )
                });
        }
        // Side panels keep to a width that leaves the map most of the window (their sizes
        // are remembered between runs); their content wraps, and either closes ([ and ]).
        let mut panels = self.state.settings.panels;
        egui::Panel::left("layers")
            .resizable(true)
            .default_size(LAYERS_WIDTH)
            .size_range(220.0..=360.0)
            .show_collapsible(ui, &mut panels.layers, |ui| {
                layers_panel::show(
                    ui,
                    &self.atlas,
                    &self.user.layers,
                    &self.state,
                    &mut self.widgets,
                    &mut actions,
                )
            });
        let shown = (&*self.atlas, &self.state, &self.user.layers);
        tours_panel(
            ui,
            shown,
            &self.builtin_tour,
            &mut self.widgets,
            &mut actions,
        );
        feature_panel(ui, &mut panels.feature, shown, &mut actions);
        // A panel dragged shut closes as its key would.
        for side in [Side::Layers, Side::Feature] {
            if panels.is_open(side) != self.state.settings.panels.is_open(side) {
                actions.push(Action::TogglePanel(side));
            }
        }
        egui::CentralPanel::default()
            .frame(Frame::NONE)
            .show(ui, |ui| {
                let rect = ui.available_rect_before_wrap();
                self.map.fit_pending(rect, FIT_FILL);
                self.draw_map(ui, &mut actions);
            });

        if let Some(view) = self.state.source.as_mut() {
            source_viewer::show(&ctx, &self.atlas.facts, view, lang, &mut actions);
        }
        project_windows(&ctx, &self.state, &mut self.widgets, &mut actions);
        if self.state.export.open {
            export_panel::show(
                &ctx,
                &self.state.export,
                &mut self.widgets.export_folder,
                &super::export_job::SIZES,
                self.state.charts,
                lang,
                &mut actions,
            );
        }
        if let Some(id) = self.state.user.style_editor
            && let Some(layer) = self.user.layers.get(id)
        {
            style_window::show(&ctx, layer, lang, &mut actions);
        }
        if let Some(prompt) = &self.state.user.prompt {
            open_prompt::show(
                &ctx,
                prompt,
                self.state.user.prompts_waiting.len(),
                &mut self.widgets,
                lang,
                &mut actions,
            );
        }
        if self.state.charts {
            charts::show(
                &ctx,
                &self.atlas,
                self.state.chart_page,
                lang,
                false,
                &mut actions,
            );
        }
        if self.state.shortcuts {
            shortcuts::show(&ctx, lang, &mut actions);
        }
        if self.state.user.files_hovering {
            drop_hint(&ctx, lang);
        }
        // The plan's points and lines under the click win (they are drawn on top); the
        // reader's own features win over the plan's areas, which are only context there.
        if let Some(action) = self.measure_clicked(&ctx) {
            actions.push(action);
        } else if let Some(clicked) = self.map.out.clicked.take() {
            let user_hit = self.user.out.clicked.take().flatten();
            let add = ctx.input(|i| i.modifiers.command || i.modifiers.shift);
            actions.extend(click_actions(&self.atlas, clicked, user_hit, add));
        }
        for action in actions {
            self.apply(action);
        }
    }
}

/// The Publish window, the project's report and unsaved question, the PostGIS dialog.
fn project_windows(
    ctx: &egui::Context,
    state: &State,
    widgets: &mut Widgets,
    actions: &mut Vec<Action>,
) {
    let lang = state.settings.lang;
    let tour_names = state.tours.names();
    crate::ui::publish_dialog::show(ctx, &state.publish, &tour_names, lang, actions);
    project_menu::report(ctx, state, actions);
    project_menu::unsaved(ctx, state, actions);
    if let Some(dialog) = &state.user.postgis {
        crate::ui::postgis_dialog::show(ctx, dialog, &mut widgets.postgis, lang, actions);
    }
}

/// The tour editor, docked at the right edge beside the feature panel.
fn tours_panel(
    ui: &mut Ui,
    (atlas, state, layers): (&Atlas, &State, &UserLayers),
    builtin: &crate::present::tour::Tour,
    widgets: &mut Widgets,
    actions: &mut Vec<Action>,
) {
    let layer_keys: Vec<String> = (layers.slots.iter())
        .map(|s| s.stored().key.clone())
        .collect();
    let inputs = tours_panel::Inputs {
        atlas,
        builtin,
        layer_keys: &layer_keys,
    };
    tours_panel::show(ui, &inputs, state, widgets, actions);
}

/// The selected feature, unit of 2025 or identified feature of the reader's.
fn feature_panel(
    ui: &mut Ui,
    open: &mut bool,
    (atlas, state, layers): (&Atlas, &State, &UserLayers),
    actions: &mut Vec<Action>,
) {
    let lang = state.settings.lang;
    egui::Panel::right("feature")
        .resizable(true)
        .default_size(FEATURE_WIDTH)
        .size_range(260.0..=380.0)
        .show_collapsible(ui, open, |ui| match (state.user.identified, state.unit) {
            (Some(hit), _) => identify::show(ui, layers, hit, lang, actions),
            (None, Some(unit)) => {
                egui::ScrollArea::vertical()
                    .show(ui, |ui| reform::unit_panel(ui, atlas, unit, lang, actions));
            }
            (None, None) => feature_panel::show(ui, atlas, state, actions),
        });
}

/// The status bar: the pointer's place, the zoom, the basemap's health and every
/// problem met with the data.
fn status_bar(
    ui: &mut Ui,
    map: &mut MapPane,
    state: &State,
    widgets: &mut Widgets,
    errors: &[String],
) {
    let health = health::snapshot();
    let tiles_loading = map.basemaps.tiles_in_progress();
    let now = ui.ctx().input(|i| i.time);
    let not_answering = map.basemaps.not_answering(now);
    let zoom = map.zoom();
    let basemaps = &map.basemaps;
    if tiles_loading > 0 {
        // Keep time moving so that a server that never answers is noticed.
        ui.ctx()
            .request_repaint_after(std::time::Duration::from_millis(500));
    }
    let archive_problem = basemaps.pmtiles_problem();
    if let Some(p) = map.out.pointer {
        widgets.last_pointer = Some(p);
    }
    egui::Panel::bottom("status-bar").show(ui, |ui| {
        status_bar::show(
            ui,
            &status_bar::Status {
                lang: state.settings.lang,
                pointer: widgets.last_pointer,
                zoom: Some(zoom),
                online: basemaps.choice().is_online(),
                tiles_loading,
                health: &health,
                offline_only: basemaps.offline_only,
                pmtiles_error: basemaps
                    .pmtiles_error
                    .as_deref()
                    .or(archive_problem.as_deref())
                    .or(basemaps.custom_error.as_deref()),
                cache_error: basemaps.cache_error.as_deref(),
                not_answering,
                data_errors: errors,
            },
        );
    });
}

/// What a click on the map selects: the plan's points and lines under it win (they are
/// drawn on top); the reader's own features win over the plan's areas, which are only
/// context there; a click on nothing clears the selection.
fn click_actions(
    atlas: &Atlas,
    clicked: Option<usize>,
    user_hit: Option<(crate::layers::LayerId, usize)>,
    add: bool,
) -> Vec<Action> {
    let plan_hit = clicked.and_then(|i| atlas.features().get(i));
    let plan_area = plan_hit.is_some_and(|f| {
        matches!(
            f.geometry,
            Some(geo::Geometry::Polygon(_) | geo::Geometry::MultiPolygon(_))
        )
    });
    let plan_hit = plan_hit.filter(|_| !(plan_area && user_hit.is_some()));
    match (plan_hit, user_hit) {
        (Some(f), _) => vec![Action::Select(f.id().clone())],
        (None, Some((id, i))) => vec![
            Action::User(UserAction::SelectRows(id, vec![i], add)),
            Action::User(UserAction::Identify(Some((id, i)))),
        ],
        (None, None) => vec![
            Action::ClearSelection,
            Action::User(UserAction::Identify(None)),
        ],
    }
}

/// Files held over the window: say what dropping them does.
fn drop_hint(ctx: &egui::Context, lang: crate::atlas::Lang) {
    egui::Area::new(egui::Id::unique("drop-hint"))
        .anchor(egui::Align2::CENTER_CENTER, [0.0, 0.0])
        .order(egui::Order::Foreground)
        .show(ctx, |ui| {
            Frame::popup(ui.style()).show(ui, |ui| {
                ui.label(
                    egui::RichText::new(crate::ui::words::W::DropHere.get(lang))
                        .size(22.0)
                        .strong(),
                );
            });
        });
}
