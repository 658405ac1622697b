//! The application: owns the state, lays out the panels around the map, and carries out
//! the actions the panels ask for.

use crate::atlas::{Atlas, FeatureId, GeodataSource};
use crate::map::basemap::{
    BasemapChoice, Basemaps, health, offline::OfflineTiles, raster::BaseGeometry,
};
use crate::map::cache::GeometryCache;
use crate::map::mercator;
use crate::map::plan_layer::{MapOutput, PlanLayer};
use crate::state::{Action, Settings, SourceView, State};
use crate::ui::i18n::{Lang, T};
use crate::ui::{feature_panel, layers_panel, source_viewer, status_bar, top_bar};
use egui::{Align2, Color32, Frame, Key, Rect, RichText, Ui, vec2};
use geo::{BoundingRect, Coord};
use std::path::PathBuf;
use std::sync::Arc;
use walkers::{Map, MapMemory, Position, lon_lat};

/// Key under which [`Settings`] persist between runs.
pub const SETTINGS_KEY: &str = "langson-atlas-settings";

/// Start-up options, from the command line.
#[derive(Clone, Debug, Default)]
pub struct Options {
    /// Never contact a tile server.
    pub offline: bool,
    /// A raster `.pmtiles` archive offered as a basemap.
    pub pmtiles: Option<PathBuf>,
    /// Overrides the stored language.
    pub lang: Option<Lang>,
    /// Loads the plan layers from this folder instead of the embedded copy.
    pub geodata: Option<PathBuf>,
    /// An XYZ tile server URL template (`{z}`, `{x}`, `{y}`) offered as a basemap.
    pub tiles: Option<String>,
}

pub struct AtlasApp {
    atlas: Arc<Atlas>,
    data_errors: Vec<String>,
    cache: GeometryCache,
    basemaps: Basemaps,
    memory: MapMemory,
    pub state: State,
    map_out: MapOutput,
    /// Lon/lat box to frame as soon as the map's size is known.
    pending_fit: Option<(Coord, Coord)>,
    home: Position,
}

impl AtlasApp {
    pub fn new(ctx: &egui::Context, options: Options, stored: Option<Settings>) -> Self {
        let (atlas, errors) = match &options.geodata {
            Some(dir) => Atlas::load(
                &GeodataSource::Dir(dir.clone()),
                Some(&GeodataSource::Embedded),
            ),
            None => Atlas::load(&GeodataSource::Embedded, None),
        };
        // A light theme matches the map and reads best on projectors.
        ctx.set_theme(egui::Theme::Light);
        let data_errors: Vec<String> = errors.iter().map(ToString::to_string).collect();
        for e in &data_errors {
            eprintln!("langson-atlas: geodata: {e}");
        }
        let atlas = Arc::new(atlas);
        let base = Arc::new(BaseGeometry::from_atlas(&atlas));
        let offline = OfflineTiles::new(base, ctx.clone());
        let mut basemaps = Basemaps::new(
            ctx.clone(),
            offline,
            options.offline,
            options.pmtiles.clone(),
            options.tiles.clone(),
        );

        let mut settings = stored.unwrap_or_default();
        if let Some(lang) = options.lang {
            settings.lang = lang;
        }
        // A PMTiles file named on this command line wins over the stored choice.
        if basemaps.choice() != BasemapChoice::PmTiles {
            basemaps.set_choice(settings.basemap);
        }
        settings.basemap = basemaps.choice();

        let bounds = province_bounds(&atlas);
        let home = bounds.map_or(lon_lat(106.6, 21.85), |(a, b)| {
            lon_lat((a.x + b.x) / 2.0, (a.y + b.y) / 2.0)
        });
        let mut memory = MapMemory::default();
        let _ = memory.set_zoom(9.0);
        Self {
            atlas,
            data_errors,
            cache: GeometryCache::new(),
            basemaps,
            memory,
            state: State {
                settings,
                ..State::default()
            },
            map_out: MapOutput::default(),
            pending_fit: bounds,
            home,
        }
    }

    pub fn atlas(&self) -> &Atlas {
        &self.atlas
    }

    pub fn map_output(&self) -> &MapOutput {
        &self.map_out
    }

    pub fn basemaps(&self) -> &Basemaps {
        &self.basemaps
    }

    pub fn zoom(&self) -> f64 {
        self.memory.zoom()
    }

    pub fn data_errors(&self) -> &[String] {
        &self.data_errors
    }

    pub fn apply(&mut self, action: Action) {
        match action {
            Action::Select(id) => self.state.selected = Some(id),
            Action::ClearSelection => self.state.selected = None,
            Action::ZoomToFeature(id) => self.pending_fit = self.feature_bounds(&id),
            Action::ZoomToCommune(index) => {
                if let Some(c) = self.atlas.communes.get(index) {
                    let p = c.point.0;
                    let d = 0.02;
                    self.pending_fit = Some((
                        Coord {
                            x: p.x - d,
                            y: p.y - d,
                        },
                        Coord {
                            x: p.x + d,
                            y: p.y + d,
                        },
                    ));
                }
            }
            Action::ZoomToProvince => self.pending_fit = province_bounds(&self.atlas),
            Action::ZoomIn => {
                let _ = self.memory.zoom_in();
            }
            Action::ZoomOut => {
                let _ = self.memory.zoom_out();
            }
            Action::SetLayer(layer, on) => self.state.settings.visible.set(layer, on),
            Action::SetBasemap(choice) => {
                self.basemaps.set_choice(choice);
                self.state.settings.basemap = self.basemaps.choice();
            }
            Action::SetLang(lang) => self.state.settings.lang = lang,
            Action::OpenSource(id) => {
                if let Some(fact) = self.atlas.facts.get(&id) {
                    self.state.source = Some(SourceView {
                        article: fact.article.clone(),
                        quote: fact.quote.clone(),
                        scroll_pending: true,
                    });
                }
            }
            Action::CloseSource => self.state.source = None,
        }
    }

    fn feature_bounds(&self, id: &FeatureId) -> Option<(Coord, Coord)> {
        let rect = self.atlas.get(id)?.geometry.as_ref()?.bounding_rect()?;
        // A point gets a few kilometres of context around it.
        let pad = if rect.width() < 1e-6 { 0.03 } else { 0.0 };
        Some((
            Coord {
                x: rect.min().x - pad,
                y: rect.min().y - pad,
            },
            Coord {
                x: rect.max().x + pad,
                y: rect.max().y + pad,
            },
        ))
    }

    fn fit(&mut self, rect: Rect, (sw, ne): (Coord, Coord)) {
        let a = mercator::to_world(Coord { x: sw.x, y: ne.y });
        let b = mercator::to_world(Coord { x: ne.x, y: sw.y });
        let (w, h) = ((b[0] - a[0]).max(1e-9), (b[1] - a[1]).max(1e-9));
        let fit = |points: f32, world: f64| {
            ((points as f64 * 0.9) / (world * mercator::TILE_SIZE)).log2()
        };
        let zoom = fit(rect.width(), w)
            .min(fit(rect.height(), h))
            .clamp(3.0, 17.0);
        let _ = self.memory.set_zoom(zoom);
        let center = mercator::from_world([(a[0] + b[0]) / 2.0, (a[1] + b[1]) / 2.0]);
        self.memory.center_at(lon_lat(center.x, center.y));
    }

    fn keyboard(&mut self, ctx: &egui::Context, actions: &mut Vec<Action>) {
        let typing = ctx.egui_wants_keyboard_input();
        let source_open = self.state.source.is_some();
        ctx.input(|i| {
            if i.key_pressed(Key::Escape) {
                actions.push(if source_open {
                    Action::CloseSource
                } else {
                    Action::ClearSelection
                });
            }
            if typing {
                return;
            }
            if i.key_pressed(Key::Plus) || i.key_pressed(Key::Equals) {
                actions.push(Action::ZoomIn);
            }
            if i.key_pressed(Key::Minus) {
                actions.push(Action::ZoomOut);
            }
            if i.key_pressed(Key::Home) {
                actions.push(Action::ZoomToProvince);
            }
        });
        if ctx.input(|i| i.modifiers.command && i.key_pressed(Key::F)) {
            ctx.memory_mut(|m| m.request_focus(egui::Id::unique(layers_panel::SEARCH_ID)));
        }
    }

    /// The whole window, one frame.
    pub fn ui(&mut self, ui: &mut Ui) {
        let ctx = ui.ctx().clone();
        self.basemaps
            .offline
            .set_pixels_per_point(ctx.pixels_per_point());
        let mut actions = Vec::new();
        self.keyboard(&ctx, &mut actions);
        let lang = self.state.settings.lang;

        egui::Panel::top("top-bar").show(ui, |ui| {
            top_bar::show(ui, &self.state, &self.basemaps, &mut actions);
        });
        let health = health::snapshot();
        let tiles_loading = self.basemaps.tiles_in_progress();
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
                    data_errors: &self.data_errors,
                },
            );
        });
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
                    self.fit(rect, bounds);
                }
                self.map(ui, lang);
            });

        if let Some(view) = self.state.source.as_mut() {
            source_viewer::show(&ctx, &self.atlas.facts, view, lang, &mut actions);
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

    fn map(&mut self, ui: &mut Ui, lang: Lang) {
        let selected = self
            .state
            .selected
            .as_ref()
            .and_then(|id| self.atlas.position(id));
        let base_labels = self.basemaps.choice() == BasemapChoice::Offline;
        let attribution = self.basemaps.attribution();
        let hovered = self.map_out.hovered;
        let mut out = MapOutput::default();
        let plan = PlanLayer {
            atlas: &self.atlas,
            cache: &mut self.cache,
            visible: &self.state.settings.visible,
            selected,
            hovered,
            lang,
            base_labels,
            out: &mut out,
        };
        let (offline, overlay) = self.basemaps.layers();
        let mut map = Map::new(Some(offline), &mut self.memory, self.home)
            .zoom_with_ctrl(false)
            .with_plugin(plan);
        if let Some(overlay) = overlay {
            map = map.with_layer(overlay, 1.0);
        }
        let response = ui.add(map);
        self.map_out = out;
        if let Some(view) = self.map_out.view {
            scale_bar(ui, response.rect, view.metres_per_point(), lang);
        }
        attribution_box(ui, response.rect, &attribution, lang);
    }
}

fn province_bounds(atlas: &Atlas) -> Option<(Coord, Coord)> {
    let rect = atlas.province()?.geometry.as_ref()?.bounding_rect()?;
    Some((rect.min(), rect.max()))
}

/// A scale bar of a round length, bottom left of the map.
fn scale_bar(ui: &Ui, map: Rect, metres_per_point: f64, lang: Lang) {
    if !metres_per_point.is_finite() || metres_per_point <= 0.0 {
        return;
    }
    let target = metres_per_point * 140.0;
    let magnitude = 10f64.powf(target.log10().floor());
    let length = [5.0, 2.0, 1.0]
        .into_iter()
        .map(|f| f * magnitude)
        .find(|l| *l <= target)
        .unwrap_or(magnitude);
    let width = (length / metres_per_point) as f32;
    let painter = ui.painter_at(map);
    let origin = map.left_bottom() + vec2(16.0, -18.0);
    let bg = Rect::from_min_max(origin - vec2(8.0, 26.0), origin + vec2(width + 8.0, 8.0));
    painter.rect_filled(bg, 4.0, Color32::from_rgba_unmultiplied(255, 255, 255, 210));
    let stroke = egui::Stroke::new(2.5, Color32::from_gray(30));
    painter.line_segment([origin, origin + vec2(width, 0.0)], stroke);
    for x in [0.0, width] {
        painter.line_segment([origin + vec2(x, -6.0), origin + vec2(x, 2.0)], stroke);
    }
    let text = if length >= 1000.0 {
        format!("{} km", length / 1000.0)
    } else {
        format!("{length} m")
    };
    painter.text(
        origin + vec2(width / 2.0, -8.0),
        Align2::CENTER_BOTTOM,
        text,
        egui::FontId::proportional(13.0),
        Color32::from_gray(20),
    );
    let _ = lang;
}

/// The attribution every source's license asks for, always on screen.
fn attribution_box(ui: &mut Ui, map: Rect, lines: &[(String, String)], lang: Lang) {
    egui::Area::new(egui::Id::unique("attribution"))
        .pivot(Align2::RIGHT_BOTTOM)
        .fixed_pos(map.right_bottom() - vec2(6.0, 6.0))
        .interactable(true)
        .show(ui.ctx(), |ui| {
            Frame::new()
                .fill(Color32::from_rgba_unmultiplied(255, 255, 255, 215))
                .inner_margin(egui::Margin::symmetric(6, 3))
                .corner_radius(4.0)
                .show(ui, |ui| {
                    ui.set_max_width(map.width() * 0.6);
                    ui.label(
                        RichText::new(T::Attribution.get(lang))
                            .small()
                            .strong()
                            .color(Color32::from_gray(40)),
                    );
                    for (text, url) in lines {
                        if url.is_empty() {
                            ui.label(RichText::new(text).small().color(Color32::from_gray(40)));
                        } else {
                            ui.hyperlink_to(RichText::new(text).small(), url);
                        }
                    }
                });
        });
}

impl eframe::App for AtlasApp {
    fn ui(&mut self, ui: &mut Ui, _frame: &mut eframe::Frame) {
        AtlasApp::ui(self, ui);
    }

    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        eframe::set_value(storage, SETTINGS_KEY, &self.state.settings);
    }
}
