//! The basemaps a user can choose from. The offline basemap is always drawn underneath,
//! so a failing tile server leaves a complete map, never a grey canvas.

pub mod archive;
mod archive_source;
pub mod health;
pub mod http;
pub mod offline;
pub mod pmtiles;
pub mod raster;
pub mod tile_decode;

use archive::{Archive, ArchiveTiles};
use egui::Context;
use offline::OfflineTiles;
use std::path::PathBuf;
use walkers::{HttpTiles, Tiles};

#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
// Written in snake_case words ("vi", "open_topo_map"); the variant names of the first
// version of the project file are still read.
#[serde(rename_all = "snake_case")]
pub enum BasemapChoice {
    #[serde(alias = "Offline")]
    Offline,
    #[serde(alias = "OpenStreetMap")]
    OpenStreetMap,
    #[serde(alias = "OpenTopoMap")]
    OpenTopoMap,
    #[serde(alias = "PmTiles")]
    PmTiles,
    /// An XYZ tile server given with `--tiles`.
    #[serde(alias = "Custom")]
    Custom,
}

impl BasemapChoice {
    pub const ALL: [BasemapChoice; 5] = [
        BasemapChoice::Offline,
        BasemapChoice::OpenStreetMap,
        BasemapChoice::OpenTopoMap,
        BasemapChoice::PmTiles,
        BasemapChoice::Custom,
    ];

    pub fn is_online(self) -> bool {
        matches!(
            self,
            BasemapChoice::OpenStreetMap | BasemapChoice::OpenTopoMap | BasemapChoice::Custom
        )
    }
}

pub struct Basemaps {
    ctx: Context,
    pub offline: OfflineTiles,
    osm: Option<HttpTiles>,
    topo: Option<HttpTiles>,
    pmtiles: Option<ArchiveTiles>,
    /// Why the `.pmtiles` file given on the command line is not offered.
    pub pmtiles_error: Option<String>,
    custom_source: Option<http::CustomSource>,
    custom: Option<HttpTiles>,
    /// Why the `--tiles` URL is not offered.
    pub custom_error: Option<String>,
    /// No tile servers at all (`--offline`).
    pub offline_only: bool,
    /// Why online tiles are not cached on disk, if they are not.
    pub cache_error: Option<String>,
    stall: health::StallWatch,
    choice: BasemapChoice,
    /// The window's GPU, kept to install walkers' vector-tile renderer the first time an
    /// archive is shown: most readers never choose one, and the renderer's pipelines cost
    /// memory (compiled by Mesa's software driver where there is no GPU) from the start.
    gpu: Option<eframe::egui_wgpu::RenderState>,
    vector_renderer: bool,
}

/// Why a basemap cannot be chosen now: what the command line must say, or what failed.
#[derive(Clone, Debug, thiserror::Error, PartialEq)]
pub enum Unavailable {
    #[error("--offline")]
    OfflineOnly,
    #[error("--tiles URL")]
    NoTileUrl,
    #[error("--basemap FILE.pmtiles")]
    NoPmTiles,
    #[error("{0}")]
    Failed(String),
}

impl Basemaps {
    pub fn new(
        ctx: Context,
        offline: OfflineTiles,
        offline_only: bool,
        pmtiles: Option<PathBuf>,
        custom: Option<String>,
    ) -> Self {
        let mut pmtiles_error = None;
        let pmtiles = pmtiles.and_then(|arg| match Archive::from_arg(&arg) {
            // A file's header and offsets are checked before it is offered; a web
            // server's archive says what is wrong once it is read.
            Archive::File(path) => match pmtiles::check(&path) {
                Ok(()) => Some(ArchiveTiles::new(Archive::File(path), ctx.clone())),
                Err(e) => {
                    eprintln!("langson-atlas: {e}");
                    pmtiles_error = Some(e.to_string());
                    None
                }
            },
            Archive::Url(url) if offline_only => {
                pmtiles_error = Some(format!("{url}: --offline: no web server is asked"));
                None
            }
            url @ Archive::Url(_) => Some(ArchiveTiles::new(url, ctx.clone())),
        });
        let (custom_source, custom_error) = match custom.map(|t| http::CustomSource::new(&t)) {
            Some(Ok(source)) => (Some(source), None),
            Some(Err(e)) => {
                eprintln!("langson-atlas: {e}");
                (None, Some(e.to_string()))
            }
            None => (None, None),
        };
        let choice = if pmtiles.is_some() {
            BasemapChoice::PmTiles
        } else {
            BasemapChoice::Offline
        };
        Self {
            ctx,
            offline,
            osm: None,
            topo: None,
            pmtiles,
            pmtiles_error,
            custom_source,
            custom: None,
            custom_error,
            offline_only,
            cache_error: None,
            stall: health::StallWatch::default(),
            choice,
            gpu: None,
            vector_renderer: false,
        }
    }

    pub fn choice(&self) -> BasemapChoice {
        self.choice
    }

    /// Whether `choice` can be picked now, or why not.
    pub fn available(&self, choice: BasemapChoice) -> Result<(), Unavailable> {
        match choice {
            BasemapChoice::Offline => Ok(()),
            BasemapChoice::OpenStreetMap | BasemapChoice::OpenTopoMap | BasemapChoice::Custom
                if self.offline_only =>
            {
                Err(Unavailable::OfflineOnly)
            }
            BasemapChoice::Custom if self.custom_source.is_some() || self.custom.is_some() => {
                Ok(())
            }
            BasemapChoice::Custom => Err(self
                .custom_error
                .clone()
                .map_or(Unavailable::NoTileUrl, Unavailable::Failed)),
            BasemapChoice::OpenStreetMap | BasemapChoice::OpenTopoMap => Ok(()),
            BasemapChoice::PmTiles => match (&self.pmtiles, &self.pmtiles_error) {
                (Some(_), _) => Ok(()),
                (None, Some(e)) => Err(Unavailable::Failed(e.clone())),
                (None, None) => Err(Unavailable::NoPmTiles),
            },
        }
    }

    pub fn set_choice(&mut self, choice: BasemapChoice) {
        if self.available(choice).is_ok() && choice != self.choice {
            self.choice = choice;
            health::reset();
        }
        self.vector_renderer_when_shown();
    }

    /// The window's GPU: an archive shown now or later gets its vector-tile renderer.
    pub fn set_render_state(&mut self, state: eframe::egui_wgpu::RenderState) {
        self.gpu = Some(state);
        self.vector_renderer_when_shown();
    }

    /// Whether walkers' vector-tile renderer is installed (only once an archive is shown).
    pub fn vector_renderer(&self) -> bool {
        self.vector_renderer
    }

    fn vector_renderer_when_shown(&mut self) {
        if self.vector_renderer || self.choice != BasemapChoice::PmTiles || self.pmtiles.is_none() {
            return;
        }
        if let Some(state) = &self.gpu {
            walkers::install_renderer(Some(state));
            self.vector_renderer = true;
        }
    }

    /// Offers the archive `arg` (a file or a URL) and shows it; a file that fails its check
    /// is said in the status bar and the basemap stays as it was.
    pub fn open_archive(&mut self, arg: &std::path::Path) {
        match Archive::from_arg(arg) {
            Archive::File(path) => match pmtiles::check(&path) {
                Ok(()) => {
                    self.pmtiles = Some(ArchiveTiles::new(Archive::File(path), self.ctx.clone()));
                    self.pmtiles_error = None;
                }
                Err(e) => {
                    self.pmtiles_error = Some(e.to_string());
                    return;
                }
            },
            Archive::Url(url) if self.offline_only => {
                self.pmtiles_error = Some(format!("{url}: --offline: no web server is asked"));
                return;
            }
            url @ Archive::Url(_) => {
                self.pmtiles = Some(ArchiveTiles::new(url, self.ctx.clone()));
                self.pmtiles_error = None;
            }
        }
        // A new archive is shown even if PMTiles was already the choice.
        self.choice = BasemapChoice::Offline;
        self.set_choice(BasemapChoice::PmTiles);
    }

    /// The archive offered, as given (a file or a URL).
    pub fn pmtiles_shown(&self) -> Option<String> {
        self.pmtiles.as_ref().map(|t| t.archive().shown())
    }

    /// What went wrong reading the archive, once something has.
    pub fn pmtiles_problem(&self) -> Option<String> {
        self.pmtiles
            .as_ref()
            .and_then(ArchiveTiles::problem)
            .map(|p| p.to_string())
    }

    /// The tiles drawn over the offline basemap, created on first use so that no request
    /// leaves the machine until the user picks an online basemap.
    pub fn overlay(&mut self) -> Option<&mut dyn Tiles> {
        self.layers().1
    }

    /// The offline basemap and, above it, the chosen one (if not the offline one).
    pub fn layers(&mut self) -> (&mut OfflineTiles, Option<&mut dyn Tiles>) {
        let ctx = self.ctx.clone();
        let cache_error = &mut self.cache_error;
        let mut online = |make: fn(Context) -> http::Online| {
            let (tiles, problem) = make(ctx.clone());
            if problem.is_some() {
                *cache_error = problem;
            }
            tiles
        };
        let overlay: Option<&mut dyn Tiles> = match self.choice {
            BasemapChoice::Offline => None,
            BasemapChoice::OpenStreetMap => {
                Some(self.osm.get_or_insert_with(|| online(http::openstreetmap)))
            }
            BasemapChoice::OpenTopoMap => {
                Some(self.topo.get_or_insert_with(|| online(http::opentopomap)))
            }
            BasemapChoice::PmTiles => self.pmtiles.as_mut().map(|t| t as &mut dyn Tiles),
            BasemapChoice::Custom => {
                if self.custom.is_none()
                    && let Some(source) = self.custom_source.take()
                {
                    let (tiles, problem) = http::custom(source, ctx);
                    if problem.is_some() {
                        self.cache_error = problem;
                    }
                    self.custom = Some(tiles);
                }
                self.custom.as_mut().map(|t| t as &mut dyn Tiles)
            }
        };
        (&mut self.offline, overlay)
    }

    /// Attribution of what is on screen: the chosen tiles and the offline basemap beneath.
    pub fn attribution(&mut self) -> Vec<(String, String)> {
        let mut out = Vec::new();
        if let Some(overlay) = self.overlay() {
            let a = overlay.attribution();
            out.push((a.text.to_owned(), a.url.to_owned()));
        }
        let a = self.offline.attribution();
        out.push((a.text.to_owned(), a.url.to_owned()));
        out.push((
            offline::PLAN_ATTRIBUTION.to_owned(),
            "https://www.geoboundaries.org".to_owned(),
        ));
        out
    }

    pub fn tiles_in_progress(&mut self) -> usize {
        self.overlay().map_or(0, |t| t.stats().in_progress)
    }

    /// Whether the chosen server has left downloads unanswered for
    /// [`health::NO_ANSWER_SECS`]; call once a frame with the time in seconds.
    pub fn not_answering(&mut self, now: f64) -> bool {
        let in_progress = self.tiles_in_progress();
        self.stall.update(in_progress, now)
    }
}
