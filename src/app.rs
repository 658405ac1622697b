//! The application: owns the state, lays out the panels around the map, and carries out
//! the actions the panels ask for.

use crate::atlas::Lang;
use crate::atlas::{Atlas, FeatureId, GeodataSource};
use crate::export;
use crate::map::Visibility;
use crate::map::basemap::{
    BasemapChoice, Basemaps, health, offline::OfflineTiles, raster::BaseGeometry,
};
use crate::map::cache::GeometryCache;
use crate::map::mercator::ViewTarget;
use crate::map::plan_layer::{MapOutput, PlanLayer};
use crate::map::{mercator, overlays};
use crate::present::flight::Flight;
use crate::present::tour::Tour;
use crate::present::{self, Command, Presentation};
use crate::state::{Action, ExportStatus, Settings, SourceView, State};
use crate::theme;
use crate::ui::caption::{self, CaptionAction};
use crate::ui::i18n::T;
use crate::ui::{export_panel, feature_panel, layers_panel, source_viewer, status_bar, top_bar};
use egui::{Align2, Frame, Key, Rect, RichText, Ui, vec2};
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
    /// Start in presentation mode.
    pub present: bool,
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
    tour: Tour,
    presentation: Option<Presentation>,
    /// Set by `--present` and the F5 key; acted on at the start of the next frame, where the
    /// egui context is at hand.
    start_presenting: bool,
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

        let tour = match Tour::embedded() {
            Ok(tour) => tour,
            Err(e) => {
                eprintln!("langson-atlas: {e}");
                Tour { steps: Vec::new() }
            }
        };
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
                export: crate::state::ExportState {
                    dir: default_export_dir().display().to_string(),
                    ..Default::default()
                },
                ..State::default()
            },
            map_out: MapOutput::default(),
            pending_fit: bounds,
            home,
            tour,
            presentation: None,
            start_presenting: options.present,
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
            Action::StartPresentation => self.start_presenting = true,
            Action::ToggleExport => self.state.export.open = !self.state.export.open,
            Action::ExportView => self.export(false),
            Action::ExportTour => self.export(true),
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

    fn fit(&mut self, rect: Rect, bounds: (Coord, Coord)) {
        self.set_view(ViewTarget::fitting(rect, bounds, 0.9));
    }

    fn set_view(&mut self, view: ViewTarget) {
        let _ = self.memory.set_zoom(view.zoom.clamp(3.0, 18.0));
        let center = mercator::from_world(view.center);
        self.memory.center_at(lon_lat(center.x, center.y));
    }

    fn current_view(&self) -> ViewTarget {
        let center = self.memory.detached().unwrap_or(self.home);
        ViewTarget {
            center: mercator::to_world(Coord {
                x: center.x(),
                y: center.y(),
            }),
            zoom: self.memory.zoom(),
        }
    }

    pub fn presentation(&self) -> Option<&Presentation> {
        self.presentation.as_ref()
    }

    pub fn tour(&self) -> &Tour {
        &self.tour
    }

    fn start_presentation(&mut self, ctx: &egui::Context) {
        if self.presentation.is_some() || self.tour.steps.is_empty() {
            return;
        }
        let now = ctx.input(|i| i.time);
        self.presentation = Some(Presentation::new(
            self.state.settings.visible.clone(),
            ctx.zoom_factor(),
            now,
        ));
        self.state.source = None;
        ctx.send_viewport_cmd(egui::ViewportCommand::Fullscreen(true));
        ctx.set_zoom_factor(present::ZOOM_FACTOR);
        self.go_to_step(ctx, 0);
    }

    fn stop_presentation(&mut self, ctx: &egui::Context) {
        if let Some(p) = self.presentation.take() {
            self.state.settings.visible = p.saved_visibility;
            ctx.set_zoom_factor(p.saved_zoom_factor);
            ctx.send_viewport_cmd(egui::ViewportCommand::Fullscreen(false));
        }
    }

    fn go_to_step(&mut self, ctx: &egui::Context, index: usize) {
        let Some(step) = self.tour.steps.get(index) else {
            return;
        };
        let now = ctx.input(|i| i.time);
        let bounds = step.bounds(&self.atlas);
        let mut visible = Visibility::none();
        for layer in &step.layers {
            visible.set(*layer, true);
        }
        self.state.settings.visible = visible;
        self.state.selected = None;
        if let Some(p) = self.presentation.as_mut() {
            p.step = index;
            p.step_started = now;
            p.blank = false;
            p.highlight = step.highlight.clone();
            // The flight is planned once the presentation's map area is measured.
            p.pending_fit = bounds;
            p.flight = None;
        }
    }

    fn present_command(&mut self, ctx: &egui::Context, command: Command) {
        let Some(p) = self.presentation.as_mut() else {
            return;
        };
        match command {
            Command::Exit => self.stop_presentation(ctx),
            Command::ToggleBlank => p.blank = !p.blank,
            Command::ToggleLanguage => {
                let lang = self.state.settings.lang;
                self.state.settings.lang = lang.pick_value(Lang::En, Lang::Vi);
            }
            other => {
                if let Some(step) = p.target(other, self.tour.steps.len()) {
                    self.go_to_step(ctx, step);
                }
            }
        }
    }

    /// Presentation mode, one frame: caption area, map, flights, blanking, clicker keys.
    fn present_ui(&mut self, ui: &mut Ui) {
        let ctx = ui.ctx().clone();
        let now = ctx.input(|i| i.time);
        let commands: Vec<Command> = ctx.input(|i| {
            i.events
                .iter()
                .filter_map(|e| match e {
                    egui::Event::Key {
                        key,
                        pressed: true,
                        repeat: false,
                        ..
                    } => present::command_for(*key),
                    _ => None,
                })
                .collect()
        });
        for command in commands {
            self.present_command(&ctx, command);
        }
        let Some(p) = self.presentation.as_mut() else {
            return;
        };
        if ctx.input(|i| i.pointer.delta() != egui::Vec2::ZERO) {
            p.last_pointer_move = now;
        }
        if now - p.last_pointer_move > present::CURSOR_IDLE {
            ctx.set_cursor_icon(egui::CursorIcon::None);
        } else {
            ctx.request_repaint_after(std::time::Duration::from_secs_f64(present::CURSOR_IDLE));
        }
        if let Some(flight) = p.flight {
            let (view, done) = flight.at(now);
            if done {
                p.flight = None;
            }
            self.set_view(view);
            ctx.request_repaint();
        }
        let Some(p) = self.presentation.as_ref() else {
            return;
        };
        let (index, blank) = (p.step, p.blank);
        if p.highlight_alpha(now) < 1.0 {
            ctx.request_repaint();
        }
        let lang = self.state.settings.lang;
        let mut clicked = None;
        if let Some(step) = self.tour.steps.get(index) {
            egui::Panel::bottom("caption")
                .frame(
                    Frame::new()
                        .fill(caption::BACKGROUND)
                        .inner_margin(egui::Margin::symmetric(24, 14)),
                )
                .show(ui, |ui| {
                    clicked = caption::show(
                        ui,
                        step,
                        index,
                        self.tour.steps.len(),
                        &self.atlas.facts,
                        lang,
                    );
                    let attribution: Vec<String> = self
                        .basemaps
                        .attribution()
                        .into_iter()
                        .map(|(text, _)| text)
                        .collect();
                    ui.label(
                        egui::RichText::new(attribution.join(" · "))
                            .size(11.0)
                            .color(theme::CAPTION_FAINT),
                    );
                });
        }
        egui::CentralPanel::default()
            .frame(Frame::NONE)
            .show(ui, |ui| {
                let rect = ui.available_rect_before_wrap();
                let from = self.current_view();
                if let Some(p) = self.presentation.as_mut()
                    && let Some(bounds) = p.pending_fit.take()
                {
                    // Wider margins: labels and the audience's eyes need room around the subject.
                    p.flight = Some(Flight::new(
                        from,
                        ViewTarget::fitting(rect, bounds, 0.75),
                        now,
                    ));
                    ctx.request_repaint();
                }
                self.map(ui, lang);
            });
        match clicked {
            Some(CaptionAction::Next) => self.present_command(&ctx, Command::Next),
            Some(CaptionAction::Previous) => self.present_command(&ctx, Command::Previous),
            Some(CaptionAction::Exit) => self.stop_presentation(&ctx),
            Some(CaptionAction::SetLang(l)) => self.state.settings.lang = l,
            None => {}
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
    }

    /// Starts an export in the background; the window shows its progress and result.
    fn export(&mut self, whole_tour: bool) {
        let size = export_panel::SIZES[self.state.export.size.min(export_panel::SIZES.len() - 1)];
        let dir = PathBuf::from(self.state.export.dir.trim());
        let atlas = self.atlas.clone();
        let lang = self.state.settings.lang;
        let (tx, rx) = std::sync::mpsc::channel();
        self.state.export.running = Some(rx);
        self.state.export.status = None;
        let status = |result: Result<String, String>| match result {
            Ok(message) => ExportStatus { ok: true, message },
            Err(message) => ExportStatus { ok: false, message },
        };
        if whole_tour {
            let tour = self.tour.clone();
            std::thread::spawn(move || {
                let result = export::export_tour(atlas, &tour, lang, size, &dir)
                    .map(|files| format!("{} PNG → {}", files.len(), dir.display()));
                let _ = tx.send(status(result));
            });
            return;
        }
        let map_width = self.map_out.map_rect.map_or(1920.0, |r| r.width()).max(1.0);
        let mut view = self.current_view();
        // The same ground as on screen, laid out 1920 points wide.
        view.zoom += (1920.0 / map_width as f64).log2();
        let selected = self
            .state
            .selected
            .as_ref()
            .and_then(|id| self.atlas.get(id));
        let request = export::ExportRequest {
            size,
            view,
            visible: self.state.settings.visible.clone(),
            highlights: self.state.selected.iter().cloned().collect(),
            title: T::AppTitle.get(lang).to_owned(),
            subtitle: selected.map(|f| lang.pick(&f.props.name_vi, &f.props.name_en).to_owned()),
            lang,
        };
        let stamp = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_secs());
        let path = dir.join(format!("langson-atlas-{stamp}.png"));
        std::thread::spawn(move || {
            let result = std::fs::create_dir_all(&dir)
                .map_err(|e| format!("{}: {e}", dir.display()))
                .and_then(|()| export::export_png(atlas, &request, &path))
                .map(|()| path.display().to_string());
            let _ = tx.send(status(result));
        });
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
            if i.key_pressed(Key::F5) {
                actions.push(Action::StartPresentation);
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
        if self.start_presenting {
            self.start_presenting = false;
            self.start_presentation(&ctx);
        }
        if self.presentation.is_some() {
            self.present_ui(ui);
            return;
        }
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
        if let Some(rx) = &self.state.export.running {
            match rx.try_recv() {
                Ok(status) => {
                    if !status.ok {
                        eprintln!("langson-atlas: export failed: {}", status.message);
                    }
                    self.state.export.status = Some(status);
                    self.state.export.running = None;
                }
                Err(std::sync::mpsc::TryRecvError::Empty) => {
                    ctx.request_repaint_after(std::time::Duration::from_millis(200));
                }
                Err(std::sync::mpsc::TryRecvError::Disconnected) => {
                    self.state.export.running = None;
                    self.state.export.status = Some(ExportStatus {
                        ok: false,
                        message: "export stopped unexpectedly".to_owned(),
                    });
                }
            }
        }
        if self.state.export.open {
            export_panel::show(&ctx, &mut self.state.export, lang, &mut actions);
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
        let now = ui.ctx().input(|i| i.time);
        let (highlights, highlight_alpha): (Vec<usize>, f32) = match &self.presentation {
            Some(p) => (
                p.highlight
                    .iter()
                    .filter_map(|id| self.atlas.position(id))
                    .collect(),
                p.highlight_alpha(now),
            ),
            None => (Vec::new(), 0.0),
        };
        let plan = PlanLayer {
            atlas: &self.atlas,
            cache: &mut self.cache,
            visible: &self.state.settings.visible,
            selected,
            hovered,
            lang,
            base_labels,
            highlights: &highlights,
            highlight_alpha,
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
            overlays::scale_bar(ui, response.rect, view.metres_per_point());
        }
        overlays::north_arrow(ui, response.rect);
        if self.presentation.is_none() {
            attribution_box(ui, response.rect, &attribution, lang);
        }
    }
}

/// Pictures go to the platform's pictures folder, else the working directory.
fn default_export_dir() -> PathBuf {
    dirs::picture_dir()
        .unwrap_or_else(|| PathBuf::from("."))
        .join("langson-atlas")
}

fn province_bounds(atlas: &Atlas) -> Option<(Coord, Coord)> {
    let rect = atlas.province()?.geometry.as_ref()?.bounding_rect()?;
    Some((rect.min(), rect.max()))
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

impl eframe::App for AtlasApp {
    fn ui(&mut self, ui: &mut Ui, _frame: &mut eframe::Frame) {
        AtlasApp::ui(self, ui);
    }

    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        eframe::set_value(storage, SETTINGS_KEY, &self.state.settings);
    }
}
