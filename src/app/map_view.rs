//! The map in the frame: basemaps, the plan layers plugin, scale bar, north arrow and the
//! attribution every source's license asks for.

use super::AtlasApp;
use crate::atlas::Lang;
use crate::map::Visibility;
use crate::map::basemap::BasemapChoice;
use crate::map::plan_layer::{MapOutput, PlanLayer};
use crate::map::user_layer::{PREPARE_BUDGET, UserOutput, UserPlugin};
use crate::map::{measure_overlay, overlays};
use crate::theme;
use crate::ui::i18n::T;
use crate::ui::measure_panel;
use egui::{Align2, Frame, Rect, RichText, Ui, vec2};
use walkers::Map;

impl AtlasApp {
    /// The map with the layers of the moment: the tour step's while presenting, else the
    /// reader's own.
    pub(super) fn draw_map(&mut self, ui: &mut Ui, actions: &mut Vec<crate::state::Action>) {
        let visible: &Visibility = self
            .presenter
            .visible()
            .unwrap_or(&self.state.settings.visible);
        let lang = self.state.settings.lang;
        let selected = self
            .state
            .selected
            .as_ref()
            .and_then(|id| self.atlas.position(id));
        let base_labels = self.map.basemaps.choice() == BasemapChoice::Offline;
        let attribution = self.map.basemaps.attribution();
        let hovered = self.map.out.hovered;
        let mut out = MapOutput::default();
        let now = ui.ctx().input(|i| i.time);
        let (highlights, highlight_alpha): (Vec<usize>, f32) = match self.presenter.presentation() {
            Some(p) => (
                p.highlight
                    .iter()
                    .filter_map(|id| self.atlas.position(id))
                    .collect(),
                p.highlight_alpha(now),
            ),
            None => (Vec::new(), 0.0),
        };
        // A tour step's year wins over the reader's timeline while presenting.
        let year = match self.presenter.presentation() {
            Some(p) => p.year.or(self.state.timeline.map(|t| t.year)),
            None => self.state.timeline.map(|t| t.year),
        };
        let marks = year
            .map(|y| crate::map::timeline_marks::marks(&self.atlas, y))
            .unwrap_or_default();
        let plan = PlanLayer {
            atlas: &self.atlas,
            cache: &mut self.map.cache,
            visible,
            selected,
            hovered,
            lang,
            base_labels,
            highlights: &highlights,
            highlight_alpha,
            fill_share: if self.user.layers.ready().any(|l| l.stored.visible) {
                0.3
            } else {
                1.0
            },
            marks: &marks,
            out: &mut out,
        };
        // The reader's layers go under the plan's, which stay on top as context.
        let mut user_out = UserOutput::default();
        let user = UserPlugin {
            layers: &self.user.layers,
            cache: &mut self.user.cache,
            out: &mut user_out,
            budget: Some(PREPARE_BUDGET),
            only: self
                .presenter
                .presentation()
                .map(|p| p.user_layers.as_slice()),
        };
        let (offline, overlay) = self.map.basemaps.layers();
        let mut map = Map::new(Some(offline), &mut self.map.memory, self.map.home)
            .zoom_with_ctrl(false)
            .with_plugin(user)
            .with_plugin(plan);
        if let Some(overlay) = overlay {
            map = map.with_layer(overlay, 1.0);
        }
        let response = ui.add(map);
        self.map.out = out;
        self.user.out = user_out;
        if let Some(view) = self.map.out.view {
            let (sw, ne) = view.lon_lat_bounds(response.rect);
            let seen = crate::sources::postgis::View {
                west: sw.x,
                south: sw.y,
                east: ne.x,
                north: ne.y,
                metres_per_point: view.metres_per_point(),
            };
            if self.user.see_view(seen, now) {
                ui.ctx()
                    .request_repaint_after(std::time::Duration::from_millis(100));
            }
        }
        if let Some(view) = self.map.out.view {
            overlays::scale_bar(ui, response.rect, view.metres_per_point());
            let painter = ui.painter().with_clip_rect(response.rect);
            let (size, medium) = if self.presenter.presentation().is_some() {
                (18.0, theme::Medium::Projector)
            } else {
                (14.0, theme::Medium::Screen)
            };
            let palette = theme::palette(medium);
            measure_overlay::paint(&painter, &view, &self.state.measure, lang, size, palette);
        }
        if self.state.measure.active || !self.state.measure.kept.is_empty() {
            measure_panel::show(ui, response.rect, &self.state.measure, lang, actions);
        }
        overlays::north_arrow(ui, response.rect);
        if self.presenter.presentation().is_none() {
            attribution_box(ui, response.rect, &attribution, lang);
        }
    }
}

/// The attribution every source's license asks for, always on screen.
fn attribution_box(ui: &mut Ui, map: Rect, lines: &[(String, String)], lang: Lang) {
    egui::Area::new(egui::Id::unique("attribution"))
        .pivot(Align2::RIGHT_BOTTOM)
        .fixed_pos(map.right_bottom() - vec2(6.0, 6.0))
        .interactable(true)
        .show(ui.ctx(), |ui| {
            Frame::new()
                .fill(theme::VEIL)
                .inner_margin(egui::Margin::symmetric(6, 3))
                .corner_radius(4.0)
                .show(ui, |ui| {
                    ui.set_max_width(map.width() * 0.6);
                    ui.label(
                        RichText::new(T::Attribution.get(lang))
                            .small()
                            .strong()
                            .color(theme::INK_SOFT),
                    );
                    for (text, url) in lines {
                        if url.is_empty() {
                            ui.label(RichText::new(text).small().color(theme::INK_SOFT));
                        } else {
                            ui.hyperlink_to(RichText::new(text).small(), url);
                        }
                    }
                });
        });
}
