//! PNG export of a map view or of every tour step, at any resolution up to 8K, with
//! title, legend, scale bar, north arrow and attribution burned in. Rendered offscreen with
//! egui_wgpu (`gpu.rs`), on the offline basemap rendered at the picture's own resolution,
//! so that an export is sharp and never waits on a tile server.

mod composition;
pub use composition::Composition;
pub mod gpu;

use crate::atlas::{Atlas, FeatureId, Lang};
use crate::layers::{LayerId, UserLayers};
use crate::map::Visibility;
use crate::map::mercator::ViewTarget;
use crate::map::user_layer::WorldLayer;
use crate::present::tour::Tour;
use crate::theme::fonts;
use egui::{Pos2, Rect, vec2};
pub use gpu::Gpu;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// The composition is laid out at 1920 points wide and scaled to the requested pixels, so
/// text and symbols keep their proportions at every resolution.
const LOGICAL_WIDTH: f32 = 1920.0;
/// Frames rendered before the picture is taken: enough for every offline tile.
const FRAMES: usize = 8;

/// The reader's visible layers for a picture: a snapshot, so the window can go on.
#[derive(Clone)]
pub struct UserExport {
    pub layers: Arc<UserLayers>,
    pub worlds: Vec<(LayerId, Arc<WorldLayer>)>,
}

impl UserExport {
    /// The layers with these keys only (a tour step's); `None` when none is left.
    pub fn only(&self, keys: &[String]) -> Option<UserExport> {
        let layers = self.layers.only(keys);
        let worlds: Vec<_> = self
            .worlds
            .iter()
            .filter(|(id, _)| layers.get(*id).is_some())
            .cloned()
            .collect();
        (!worlds.is_empty()).then(|| UserExport {
            layers: Arc::new(layers),
            worlds,
        })
    }
}

impl std::fmt::Debug for UserExport {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_list()
            .entries(self.layers.ready().map(|l| &l.stored.name))
            .finish()
    }
}

#[derive(Clone, Debug)]
pub struct ExportRequest {
    /// Width and height in pixels.
    pub size: [u32; 2],
    /// The view, as the map would frame it 1920 points wide.
    pub view: ViewTarget,
    pub visible: Visibility,
    pub highlights: Vec<FeatureId>,
    pub title: String,
    pub subtitle: Option<String>,
    pub lang: Lang,
    /// The reader's own layers, drawn under the plan's as on screen.
    pub user: Option<UserExport>,
    /// The timeline's year, when the picture shows one.
    pub year: Option<u16>,
    /// The charts to put beside the map.
    pub charts: Option<crate::charts::ChartPage>,
}

/// Why a picture could not be made or written.
#[derive(Clone, Debug, thiserror::Error, PartialEq)]
pub enum ExportError {
    #[error("no graphics adapter for rendering pictures: {0}")]
    NoAdapter(String),
    #[error("{w}×{h}: pick a size between {min_w}×{min_h} and {max}×{max}")]
    Size {
        w: u32,
        h: u32,
        min_w: u32,
        min_h: u32,
        max: u32,
    },
    #[error("nothing was drawn")]
    NothingDrawn,
    #[error("the GPU did not finish the picture: {0}")]
    Gpu(String),
    #[error("the picture could not be read back: {0}")]
    ReadBack(String),
    #[error("{path}: {message}")]
    File { path: String, message: String },
}

impl ExportError {
    fn file(path: &Path, e: impl std::fmt::Display) -> Self {
        ExportError::File {
            path: path.display().to_string(),
            message: e.to_string(),
        }
    }
}

/// The rendered picture and where its legend is, in pixels.
pub struct Exported {
    pub image: image::RgbaImage,
    pub legend: Rect,
}

/// Renders `request` to an image on `gpu`.
pub fn render(
    gpu: &Gpu,
    atlas: Arc<Atlas>,
    request: &ExportRequest,
) -> Result<Exported, ExportError> {
    let [w, h] = request.size;
    if w < 320 || h < 200 || w > gpu::MAX_SIDE || h > gpu::MAX_SIDE {
        return Err(ExportError::Size {
            w,
            h,
            min_w: 320,
            min_h: 200,
            max: gpu::MAX_SIDE,
        });
    }
    let ppp = w as f32 / LOGICAL_WIDTH;
    let mut composition = Composition::new(atlas, request);
    let image = gpu::render(
        gpu,
        request.size,
        ppp,
        FRAMES,
        |ctx| {
            fonts::install(ctx);
            ctx.set_theme(egui::Theme::Light);
        },
        |ui| composition.ui(ui),
    )?;
    let legend = composition.legend;
    Ok(Exported {
        image,
        legend: Rect::from_min_max(
            (legend.min.to_vec2() * ppp).to_pos2(),
            (legend.max.to_vec2() * ppp).to_pos2(),
        ),
    })
}

/// Renders and writes a PNG.
pub fn export_png(
    gpu: &Gpu,
    atlas: Arc<Atlas>,
    request: &ExportRequest,
    path: &Path,
) -> Result<(), ExportError> {
    let exported = render(gpu, atlas, request)?;
    exported
        .image
        .save(path)
        .map_err(|e| ExportError::file(path, e))
}

/// What a tour's pictures are made of besides the tour: its language and size, and the
/// reader's layers its steps may show (each step shows those it names).
pub struct TourPictures {
    pub lang: Lang,
    pub size: [u32; 2],
    pub user: Option<UserExport>,
}

/// Exports every tour step as `NN-step.png` into `dir`, telling `progress` (done, total)
/// before each; returns the files written.
pub fn export_tour(
    gpu: &Gpu,
    atlas: Arc<Atlas>,
    tour: &Tour,
    pictures: &TourPictures,
    dir: &Path,
    progress: &dyn Fn(usize, usize),
) -> Result<Vec<PathBuf>, ExportError> {
    let (lang, size) = (pictures.lang, pictures.size);
    std::fs::create_dir_all(dir).map_err(|e| ExportError::file(dir, e))?;
    let logical = vec2(
        LOGICAL_WIDTH,
        size[1] as f32 * LOGICAL_WIDTH / size[0] as f32,
    );
    let map_rect = Rect::from_min_size(Pos2::ZERO, logical);
    let mut written = Vec::new();
    for (i, step) in tour.steps.iter().enumerate() {
        progress(i, tour.steps.len());
        let Some(bounds) = step.bounds(&atlas) else {
            continue;
        };
        let mut visible = Visibility::none();
        for layer in &step.layers {
            visible.set(*layer, true);
        }
        let request = ExportRequest {
            size,
            view: fit(map_rect, bounds),
            visible,
            highlights: step.highlight.clone(),
            title: lang.pick(&step.title_vi, &step.title_en).to_owned(),
            subtitle: Some(lang.pick(&step.caption_vi, &step.caption_en).to_owned()),
            lang,
            user: pictures
                .user
                .as_ref()
                .and_then(|u| u.only(&step.user_layers)),
            year: step.year,
            charts: step.chart,
        };
        let path = dir.join(format!("{:02}-{}.png", i + 1, step.id));
        export_png(gpu, atlas.clone(), &request, &path)?;
        written.push(path);
    }
    Ok(written)
}

/// The view framing a lon/lat box, with room for the title and legend around it.
pub fn fit(rect: Rect, bounds: (geo::Coord, geo::Coord)) -> ViewTarget {
    ViewTarget::fitting(rect, bounds, 0.7)
}
