//! The application: owns the state and wires the rooms together. It decides nothing of its
//! own: keys become actions in `keymap.rs`, actions change the state in `apply.rs`, the
//! frame is laid out in `browse.rs` (map and panels) or `presenting.rs` (the tour), the map
//! is drawn in `map_view.rs`, exports run in `export_job.rs`.

mod apply;
mod browse;
pub mod export_job;
mod exports;
pub mod keymap;
mod map_view;
mod measuring;
mod memory;
mod postgis;
mod presenting;
mod project;
mod project_open;
mod publish;
mod publish_job;
mod saving;
mod table_panel;
mod tours;
mod user_layers;
pub mod window;

use crate::atlas::{Atlas, GeodataSource, Lang};
use crate::export::Gpu;
use crate::map::basemap::{BasemapChoice, Basemaps, offline::OfflineTiles, raster::BaseGeometry};
use crate::map::pane::MapPane;
use crate::present::controller::Presenter;
use crate::present::tour::Tour;
use crate::state::{ExportState, Settings, State};

use std::path::PathBuf;
use std::sync::Arc;

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
    /// Loads the plan layers (and the tour) from this folder instead of the embedded copy.
    pub geodata: Option<PathBuf>,
    /// An XYZ tile server URL template (`{z}`, `{x}`, `{y}`) offered as a basemap.
    pub tiles: Option<String>,
    /// Start in presentation mode.
    pub present: bool,
    /// Files to open as user layers, over those of the last session.
    pub layers: Vec<PathBuf>,
    /// Render the offline basemap's tiles on a worker thread (the window). Tests keep
    /// them in the frame, where every frame they look at is complete.
    pub tiles_in_background: bool,
    /// Ask where exports go through the desktop's save dialog (the window). Tests write
    /// straight to the export folder.
    pub save_dialogs: bool,
    /// A project to open at start, instead of the last session's layers.
    pub project: Option<PathBuf>,
    /// Where the data embedded in projects is unpacked (default: the user's data folder).
    pub data_dir: Option<PathBuf>,
    /// Where the atlas is published on the web (over a project's): the QR codes' address.
    pub url: Option<String>,
    /// Give freed memory back to the system once the window rests after work (the
    /// window; `app/memory.rs`). Tests' frames have no rest to wait for.
    pub settle_memory: bool,
}

pub struct AtlasApp {
    ctx: egui::Context,
    pub atlas: Arc<Atlas>,
    /// Problems with the geodata, the tour or the stored settings, for the status bar.
    pub data_errors: Vec<String>,
    /// The map's view, basemaps and what it drew last frame.
    pub map: MapPane,
    pub state: State,
    pub presenter: Presenter,
    pub exports: exports::Exports,
    /// The PDF atlas and the tour video, made on a thread of their own.
    pub publish: publish::PublishRoom,
    /// The reader's own layers, their drawing cache, and what the map said of them.
    pub user: crate::user_room::UserRoom,
    open_dialog: user_layers::OpenDialog,
    pub tables: table_panel::Tables,
    /// What the panels' widgets hold between frames (text typed, a cursor).
    pub widgets: crate::ui::widgets::Widgets,
    /// The project file: what was saved, what waits to apply, the title.
    pub project: project::ProjectRoom,
    project_dialogs: saving::Saving<project::ProjectDialog>,
    /// The tour of `tour.json`, read-only, that a project's tours start from.
    builtin_tour: Tour,
    /// The PostGIS dialog's listing of tables, while under way.
    listing: postgis::Listing,
    /// When freed memory goes back to the system.
    settle: memory::Settle,
}

impl AtlasApp {
    pub fn new(ctx: &egui::Context, options: Options, stored: Option<Settings>) -> Self {
        let source = match &options.geodata {
            Some(dir) => GeodataSource::Dir(dir.clone()),
            None => GeodataSource::Embedded,
        };
        let (atlas, errors) = match &source {
            GeodataSource::Dir(_) => Atlas::load(&source, Some(&GeodataSource::Embedded)),
            GeodataSource::Embedded => Atlas::load(&source, None),
        };
        // A light theme matches the map and reads best on projectors.
        ctx.set_theme(egui::Theme::Light);
        let mut data_errors: Vec<String> = errors.iter().map(ToString::to_string).collect();
        let (tour, tour_errors) = Tour::load(&source, &atlas);
        data_errors.extend(tour_errors);
        for e in &data_errors {
            eprintln!("langson-atlas: {e}");
        }
        let atlas = Arc::new(atlas);
        let base = Arc::new(BaseGeometry::from_atlas(&atlas));
        let mut offline = OfflineTiles::new(base, ctx.clone());
        if options.tiles_in_background {
            offline.render_in_background();
        }
        let mut basemaps = Basemaps::new(
            ctx.clone(),
            offline,
            options.offline,
            options.pmtiles.clone(),
            options.tiles.clone(),
        );
        let mut settings = stored.unwrap_or_default();
        let export_folder = settings
            .export_folder
            .clone()
            .unwrap_or_else(saving::default_folder);
        if let Some(lang) = options.lang {
            settings.lang = lang;
        }
        // A PMTiles file named on this command line wins over the stored choice.
        if basemaps.choice() != BasemapChoice::PmTiles {
            basemaps.set_choice(settings.basemap);
        }
        settings.basemap = basemaps.choice();

        let presenter = Presenter::new(tour.clone(), &atlas);
        let map = MapPane::new(basemaps, &atlas);
        let mut app = Self {
            ctx: ctx.clone(),
            atlas,
            data_errors,
            map,
            state: State {
                settings,
                export: ExportState {
                    dir: export_folder.display().to_string(),
                    with_charts: true,
                    ..ExportState::default()
                },
                ..State::default()
            },
            presenter,
            exports: exports::Exports::new(options.save_dialogs),
            publish: publish::PublishRoom::new(options.save_dialogs),
            user: crate::user_room::UserRoom::new(ctx.clone()),
            open_dialog: user_layers::OpenDialog::default(),
            tables: table_panel::Tables::default(),
            widgets: crate::ui::widgets::Widgets::default(),
            project: project::ProjectRoom::new(
                options
                    .data_dir
                    .clone()
                    .unwrap_or_else(project::default_data_dir),
            ),
            project_dialogs: saving::Saving::new(options.save_dialogs),
            builtin_tour: tour,
            listing: postgis::Listing::default(),
            settle: memory::Settle::new(options.settle_memory),
        };
        let stored_layers = std::mem::take(&mut app.state.settings.user_layers);
        match &options.project {
            Some(path) => app.open_project(path),
            None => app.user.restore(stored_layers, true),
        }
        app.user.open_files(options.layers.clone());
        if let Some(url) = &options.url {
            // A wrong address is said at once: without it no share screen would follow
            // the tour, and nothing else would say why.
            if let Err(e) = crate::atlas::share::ShareUrl::optional(url) {
                app.report(format!("--url: {}", e.words(app.state.settings.lang)));
            }
            app.state.publish.url = url.clone();
        }
        if options.present {
            app.apply(crate::state::Action::StartPresentation);
        }
        app
    }

    /// Exports render on the window's GPU device; without one, a headless device is made
    /// on first use, and where none can be had, the export window says why.
    pub fn set_export_gpu(&mut self, gpu: Result<Gpu, crate::export::ExportError>) {
        self.publish.gpu = gpu.as_ref().ok().cloned();
        self.exports.jobs.set_gpu(gpu, &mut self.state.export);
    }

    /// Blocks until a file being loaded is read (or `timeout` passes): what a test or a
    /// benchmark waits on instead of sleeping. The next frame shows it.
    pub fn wait_for_load(&mut self, timeout: std::time::Duration) {
        if self.state.project.opening.is_some() {
            self.project.wait(timeout);
            return;
        }
        self.user.wait(timeout);
    }

    /// Whether a user layer is still loading, or a large one's new style still painting.
    pub fn loading(&self) -> bool {
        self.user.busy() || self.state.project.opening.is_some()
    }

    /// What persists now: the settings with the user layers as they stand.
    pub fn settings_to_store(&self) -> Settings {
        Settings {
            user_layers: self.user.layers.to_store(),
            ..self.state.settings.clone()
        }
    }

    /// Adds a problem to the status bar's list (e.g. unreadable stored settings).
    pub fn report(&mut self, message: String) {
        eprintln!("langson-atlas: {message}");
        self.data_errors.push(message);
    }

    /// The whole window, one frame.
    pub fn ui(&mut self, ui: &mut egui::Ui) {
        let ctx = ui.ctx().clone();
        let now = ctx.input(|i| i.time);
        self.settle.begin(now);
        self.map
            .basemaps
            .offline
            .set_pixels_per_point(ctx.pixels_per_point());
        self.poll_loads();
        self.exports.poll(&mut self.state, &self.atlas);
        self.poll_project();
        self.listing.poll(&mut self.state);
        let (project, layers) = user_layers::dropped_files(&ctx, &mut self.state.user);
        if let Some(project) = project {
            self.apply(crate::state::Action::Project(
                crate::state::ProjectAction::Open(project),
            ));
        }
        self.user.open_files(layers);
        let working = self.exports.jobs.poll(&mut self.state.export)
            | self.publish.poll_all(&self.atlas, &mut self.state);
        if working {
            ctx.request_repaint_after(std::time::Duration::from_millis(200));
        }
        if self.presenter.presentation().is_some() {
            self.present_frame(ui);
        } else {
            self.browse_frame(ui);
        }
        // Tiles still to draw, and a reader's features still to prepare for this zoom.
        let drawing = !self.map.basemaps.offline.complete()
            || self.map.basemaps.tiles_in_progress() > 0
            || self.user.out.pending > 0;
        if let Some(later) = self.settle.end(working || drawing || self.loading(), now) {
            ctx.request_repaint_after(later);
        }
    }
}

/// The settings stored by the last run, and a message when they exist but cannot be read
/// (a corrupt or outdated file): the app then starts with the defaults and says so.
pub fn stored_settings(
    storage: Option<&dyn eframe::Storage>,
) -> (Option<Settings>, Option<String>) {
    let Some(storage) = storage else {
        return (None, None);
    };
    let Some(raw) = storage.get_string(SETTINGS_KEY) else {
        return (None, None);
    };
    match eframe::get_value::<Settings>(storage, SETTINGS_KEY) {
        Some(settings) => (Some(settings), None),
        None => {
            let start: String = raw.chars().take(40).collect();
            (
                None,
                Some(format!(
                    "stored settings “{start}…” cannot be read; the defaults are used and will replace them"
                )),
            )
        }
    }
}

impl eframe::App for AtlasApp {
    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        AtlasApp::ui(self, ui);
    }

    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        eframe::set_value(storage, SETTINGS_KEY, &self.settings_to_store());
    }
}
