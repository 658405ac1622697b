//! The tour as a video a conference stand can loop: MP4 with H.264, frames rendered
//! offscreen (the export's renderer and composition) on a fixed clock (`plan.rs`), each
//! step's caption in the projector's type (`scene.rs`), encoded and written a frame at a
//! time (`encode.rs`). The file appears under its name only when complete.

pub mod encode;
pub mod plan;
pub mod scene;

use crate::atlas::share::ShareUrl;
use crate::atlas::{Atlas, Lang};
use crate::export::gpu::{MAX_SIDE, Offscreen};
use crate::export::{Composition, ExportError, ExportRequest, Gpu, UserExport};
use crate::map::Visibility;
use crate::map::mercator::ViewTarget;
use crate::present::tour::{Step, Tour};
use crate::theme::fonts;
use encode::{EncodeError, Mp4Writer};
use plan::{Moment, Part, Plan};
use std::path::Path;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

/// The frame is laid out this many points wide, as exported pictures are.
const LOGICAL_WIDTH: f32 = 1920.0;
/// Offline tiles kept between frames.
const TILE_BYTES: usize = 96 << 20;

/// What to record.
#[derive(Clone, Debug)]
pub struct VideoRequest {
    pub tour: Tour,
    pub lang: Lang,
    /// Width and height in pixels (even).
    pub size: [u32; 2],
    pub fps: u32,
    /// The reader's layers the steps may show.
    pub user: Option<UserExport>,
    /// Seconds of the title card and of the end card.
    pub cards: (f64, f64),
    /// Where the atlas is published on the web: the end card shows its QR code.
    pub url: Option<ShareUrl>,
}

/// The title card's and the end card's seconds.
pub const CARDS: (f64, f64) = (plan::TITLE_SECONDS, plan::END_SECONDS);

/// Why no video was made.
#[derive(Debug, thiserror::Error)]
pub enum VideoError {
    #[error("the tour has no steps")]
    EmptyTour,
    #[error("{w}×{h}: a video is between 320×200 and {max}×{max}, with even sides")]
    Size { w: u32, h: u32, max: u32 },
    #[error("{0} frames per second: 25, 30 or 60")]
    Fps(u32),
    #[error(transparent)]
    Render(#[from] ExportError),
    #[error(transparent)]
    Encode(#[from] EncodeError),
    #[error("{path}: {message}")]
    File { path: String, message: String },
    #[error("cancelled")]
    Cancelled,
}

/// A `--size` argument: `1280x720`.
pub fn parse_size(text: &str) -> Option<[u32; 2]> {
    let (w, h) = text.trim().split_once(['x', 'X', '×'])?;
    Some([w.trim().parse().ok()?, h.trim().parse().ok()?])
}

/// What was written.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Recorded {
    pub frames: u64,
    pub seconds: f64,
}

/// The view a step lands on, in a frame `logical` points large; `None` for a step with no
/// place to show (it keeps the last view).
fn step_view(step: &Step, atlas: &Atlas, logical: egui::Vec2) -> Option<ViewTarget> {
    // Framed in the part of the frame above the caption band; the map fills the whole
    // frame, so the view's centre moves down for the box to stay above the band.
    let frame = egui::Rect::from_min_size(egui::Pos2::ZERO, logical);
    let above = egui::Rect::from_min_size(
        egui::Pos2::ZERO,
        egui::vec2(logical.x, logical.y * (1.0 - scene::CAPTION_SHARE)),
    );
    step.framing(atlas)
        .map(|framing| framing.view_centred_in(frame, above))
}

/// The composition's request for a moment: the step's layers, highlights and year.
fn scene(request: &VideoRequest, moment: &Moment, size: [u32; 2]) -> ExportRequest {
    let step = match moment.part {
        Part::Step(i) => request.tour.steps.get(i),
        Part::Title => request.tour.steps.first(),
        Part::End => request.tour.steps.last(),
    };
    let mut visible = Visibility::none();
    for layer in step.map_or(&[][..], |s| &s.layers[..]) {
        visible.set(*layer, true);
    }
    ExportRequest {
        size,
        view: moment.view,
        visible,
        highlights: match moment.part {
            Part::Step(_) => step.map(|s| s.highlight.clone()).unwrap_or_default(),
            Part::Title | Part::End => Vec::new(),
        },
        title: String::new(),
        subtitle: None,
        lang: request.lang,
        user: step.and_then(|s| request.user.as_ref()?.only(&s.user_layers)),
        year: step.and_then(|s| s.year),
        charts: None,
    }
}

/// Records the tour to `path`; `progress` hears (frame, frames), `cancel` stops it and
/// leaves nothing under `path`.
pub fn record(
    gpu: &Gpu,
    atlas: Arc<Atlas>,
    request: &VideoRequest,
    path: &Path,
    progress: &dyn Fn(u64, u64),
    cancel: &AtomicBool,
) -> Result<Recorded, VideoError> {
    let [w, h] = request.size;
    if w < 320 || h < 200 || w > MAX_SIDE || h > MAX_SIDE || w % 2 == 1 || h % 2 == 1 {
        return Err(VideoError::Size {
            w,
            h,
            max: MAX_SIDE,
        });
    }
    if ![25, 30, 60].contains(&request.fps) {
        return Err(VideoError::Fps(request.fps));
    }
    if request.tour.steps.is_empty() {
        return Err(VideoError::EmptyTour);
    }
    let ppp = w as f32 / LOGICAL_WIDTH;
    let logical = egui::vec2(LOGICAL_WIDTH, h as f32 / ppp);
    // A step with no place to show keeps the last view (the first such steps, the first
    // view any step has): one view a step, so that step i lands on view i.
    let found: Vec<Option<ViewTarget>> = request
        .tour
        .steps
        .iter()
        .map(|s| step_view(s, &atlas, logical))
        .collect();
    let mut last = found.iter().flatten().next().copied();
    let mut views = Vec::with_capacity(found.len());
    for view in found {
        last = view.or(last);
        views.extend(last);
    }
    let plan = Plan::new(&request.tour, views, request.fps, request.cards);
    let fail = |e: &dyn std::fmt::Display| VideoError::File {
        path: path.display().to_string(),
        message: e.to_string(),
    };
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => std::path::PathBuf::from("."),
    };
    let temp = crate::project::output_temp(&dir, ".part").map_err(|e| fail(&e))?;
    let file = temp.as_file().try_clone().map_err(|e| fail(&e))?;
    let mut writer = Mp4Writer::new(file, w, h, request.fps)?;
    let mut offscreen = Offscreen::new(gpu, request.size, ppp, |ctx| {
        fonts::install(ctx);
        ctx.set_theme(egui::Theme::Light);
    })?;
    let words = scene::Words {
        atlas: &atlas,
        tour: &request.tour,
        lang: request.lang,
        url: request.url.as_ref(),
    };
    let first = plan.at(0);
    let mut composition = Composition::new(atlas.clone(), &scene(request, &first, request.size));
    composition.limit_tiles(TILE_BYTES);
    let frames = plan.frames();
    let mut last_part = None;
    // A held step draws the same picture frame after frame (nothing on it moves): it is
    // drawn once and encoded again.
    let mut last: Option<(Part, ViewTarget, image::RgbaImage)> = None;
    for n in 0..frames {
        if cancel.load(Ordering::Relaxed) {
            return Err(VideoError::Cancelled);
        }
        progress(n, frames);
        let moment = plan.at(n);
        if let Some((part, view, image)) = &last
            && *part == moment.part
            && *view == moment.view
        {
            writer.push(image.as_raw())?;
            continue;
        }
        composition.set_scene(scene(request, &moment, request.size));
        // A new part's words and labels settle over a few passes; then one a frame.
        let passes = if last_part == Some(moment.part) { 1 } else { 3 };
        last_part = Some(moment.part);
        let mut output = None;
        for _ in 0..passes {
            output = Some(offscreen.run(|ui| scene::draw(ui, &mut composition, &moment, &words)));
        }
        let output = output.ok_or(ExportError::NothingDrawn)?;
        let image = offscreen.paint(output)?;
        writer.push(image.as_raw())?;
        last = Some((moment.part, moment.view, image));
    }
    writer.finish()?;
    temp.persist(path).map_err(|e| fail(&e.error))?;
    progress(frames, frames);
    Ok(Recorded {
        frames,
        seconds: plan.seconds(),
    })
}

/// What `langson-atlas video` was asked.
pub struct VideoCommand {
    pub out: std::path::PathBuf,
    pub project: Option<std::path::PathBuf>,
    /// A tour's name (`built-in` for the built-in one); the project's first tour when `None`.
    pub tour: Option<String>,
    pub size: [u32; 2],
    pub fps: u32,
    pub lang: Lang,
    /// Where the atlas is published on the web, for the end card's QR code.
    pub url: Option<ShareUrl>,
}

/// Why the headless `video` verb stopped before recording.
#[derive(Debug, thiserror::Error)]
pub enum VideoCommandError {
    #[error(transparent)]
    Geodata(#[from] crate::project::inputs::GeodataErrors),
    #[error(transparent)]
    Project(#[from] crate::project::ProjectError),
    #[error(transparent)]
    NoSuchTour(#[from] crate::present::tour::NoSuchTour),
    #[error(transparent)]
    Video(#[from] VideoError),
    #[error(transparent)]
    Url(#[from] crate::atlas::share::ShareUrlError),
}

/// The reader's layers of a project, as the map draws them.
fn user_export(read: Vec<crate::project::inputs::ReadLayer>) -> Option<UserExport> {
    use crate::layers::{Loaded, Slot, UserLayers, index::FeatureIndex};
    use crate::map::user_layer::WorldLayer;
    let mut layers = UserLayers::default();
    let mut worlds = Vec::new();
    for crate::project::inputs::ReadLayer { stored, data, .. } in read {
        let id = layers.next_id();
        worlds.push((id, Arc::new(WorldLayer::new(&data))));
        let index = Arc::new(FeatureIndex::new(&data));
        layers
            .slots
            .push(Slot::Ready(Box::new(Loaded::new(id, stored, data, index))));
    }
    (!worlds.is_empty()).then(|| UserExport {
        layers: Arc::new(layers),
        worlds,
    })
}

/// `langson-atlas video OUT.mp4 …`: the tour recorded headless on a GPU of its own (a
/// software one where there is none); returns a summary, after any layer left out.
pub fn video_command(
    command: &VideoCommand,
    progress: &dyn Fn(u64, u64),
) -> Result<String, VideoCommandError> {
    let atlas = crate::project::inputs::embedded_atlas()?;
    let mut project_tours = Vec::new();
    let mut lines = Vec::new();
    let mut user = None;
    let mut url = command.url.clone();
    if let Some(path) = &command.project {
        let inputs = crate::project::inputs::project_inputs(path)?;
        project_tours = inputs.tours;
        lines.extend(inputs.problems);
        user = user_export(inputs.layers);
        // `--url` over the project's own address.
        if url.is_none() {
            url = ShareUrl::optional(inputs.web_url.as_deref().unwrap_or(""))?;
        }
    }
    // A project's own first tour before the built-in one.
    let tours = crate::present::tour::headless_tours(project_tours, Tour::embedded().ok());
    let tour = crate::present::tour::choose(&tours, command.tour.as_deref())?.clone();
    let gpu = Gpu::headless().map_err(VideoError::from)?;
    let request = VideoRequest {
        tour,
        lang: command.lang,
        size: command.size,
        fps: command.fps,
        user,
        cards: CARDS,
        url,
    };
    let cancel = AtomicBool::new(false);
    let recorded = record(
        &gpu,
        Arc::new(atlas),
        &request,
        &command.out,
        progress,
        &cancel,
    )?;
    lines.push(format!(
        "{} frames, {:.1} s, {}×{} at {} fps → {}",
        recorded.frames,
        recorded.seconds,
        command.size[0],
        command.size[1],
        command.fps,
        command.out.display()
    ));
    Ok(lines.join("\n"))
}
