//! What a publication makes, on its task: the PDF atlas, the tour video or the web page,
//! written at the path the save dialog gave, with progress and Cancel; how it went, in
//! words.

use crate::atlas::Atlas;
use crate::export::Gpu;
use crate::present::tour::Tour;
use crate::print::{self, AtlasRequest, PrintLayer};
use crate::state::ExportStatus;
use crate::task::Progress;
use crate::video::{self, VideoRequest};
use crate::web;
use std::path::Path;
use std::sync::Arc;

/// What waits for the save dialog's answer.
pub enum Job {
    Pdf {
        request: AtlasRequest,
        tours: Vec<Tour>,
        layers: Vec<PrintLayer>,
    },
    Video(Box<VideoRequest>),
    Web {
        request: web::WebRequest,
        tours: Vec<Tour>,
        layers: Vec<web::WebLayer>,
    },
}
/// Makes `job` at `path`; how it went, in words.
pub(super) fn run(
    atlas: &Arc<Atlas>,
    job: Job,
    path: &Path,
    gpu: Option<Gpu>,
    task: &Progress,
) -> ExportStatus {
    let progress = |done: u64, total: u64| task.set(done, total);
    let cancel = task.cancel_flag();
    let folder = path.parent().map(Path::to_path_buf);
    let result = match job {
        Job::Pdf {
            request,
            tours,
            layers,
        } => print::write_atlas(
            atlas,
            &request,
            &tours,
            &layers,
            path,
            &|done, total| progress(done as u64, total as u64),
            cancel,
        )
        .map(|w| format!("PDF, {} pages → {}", w.pages, path.display()))
        .map_err(|e| e.to_string()),
        Job::Video(request) => gpu
            .map_or_else(Gpu::headless, Ok)
            .map_err(|e| e.to_string())
            .and_then(|gpu| {
                video::record(&gpu, atlas.clone(), &request, path, &progress, cancel)
                    .map_err(|e| e.to_string())
            })
            .map(|r| {
                format!(
                    "MP4, {:.0} s, {} frames → {}",
                    r.seconds,
                    r.frames,
                    path.display()
                )
            }),
        Job::Web {
            request,
            tours,
            layers,
        } => web::write_site(
            atlas,
            &request,
            &tours,
            &layers,
            path,
            &|done, total| progress(done as u64, total as u64),
            cancel,
        )
        .map(|w| {
            let mut lines = w.warnings;
            lines.push(format!(
                "{} files, {} KB → {}",
                w.files,
                w.bytes.div_ceil(1024),
                path.display()
            ));
            lines.join("\n")
        })
        .map_err(|e| e.to_string()),
    };
    ExportStatus::of(result, folder)
}
