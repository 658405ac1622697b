//! Runs PNG exports on a worker thread and keeps the export window's state current: the
//! GPU to render on (the window's, else a headless one made on first use), progress, the
//! result, and why exports cannot run where there is no graphics adapter.

use crate::atlas::Atlas;
use crate::export::{self, ExportError, ExportRequest, Gpu};
use crate::present::tour::Tour;
use crate::state::{ExportState, ExportStatus};
use crate::task::{Poll, Progress, Task};
use std::path::PathBuf;
use std::sync::Arc;

/// The picture sizes offered, in pixels.
pub const SIZES: [[u32; 2]; 3] = [[1920, 1080], [3840, 2160], [7680, 4320]];

/// How an export went, and the headless device it made, if it made one (cached for the
/// next export, or why there is none).
struct Outcome {
    made: Option<Result<Gpu, ExportError>>,
    status: ExportStatus,
}

/// What an export job is asked to make.
pub enum Job {
    View {
        request: Box<ExportRequest>,
        path: PathBuf,
    },
    Tour {
        tour: Tour,
        pictures: export::TourPictures,
        dir: PathBuf,
    },
}

#[derive(Default)]
pub struct ExportJobs {
    /// `None` until known: the window's device, or the result of making a headless one.
    gpu: Option<Result<Gpu, ExportError>>,
    running: Option<Task<Outcome>>,
}

impl ExportJobs {
    /// Exports render on this device (the window's).
    pub fn with_gpu(gpu: Option<Result<Gpu, ExportError>>) -> Self {
        Self { gpu, running: None }
    }

    /// Replaces the device; an `Err` says why exports cannot run.
    pub fn set_gpu(&mut self, gpu: Result<Gpu, ExportError>, state: &mut ExportState) {
        state.unavailable = gpu.as_ref().err().map(ToString::to_string);
        self.gpu = Some(gpu);
    }

    pub fn is_running(&self) -> bool {
        self.running.is_some()
    }

    /// Starts `job` unless one runs or no adapter can be had (then the state says why).
    pub fn start(&mut self, atlas: Arc<Atlas>, job: Job, state: &mut ExportState) {
        if self.running.is_some() {
            return;
        }
        if let Some(Err(reason)) = &self.gpu {
            state.unavailable = Some(reason.to_string());
            state.status = Some(ExportStatus {
                ok: false,
                message: reason.to_string(),
                folder: None,
            });
            return;
        }
        let gpu = self.gpu.clone();
        state.status = None;
        state.progress = Some((0, 1));
        match Task::spawn("export", || {}, move |p| run(gpu, atlas, job, p)) {
            Ok(task) => self.running = Some(task),
            Err(e) => {
                state.progress = None;
                state.status = Some(ExportStatus {
                    ok: false,
                    message: format!("the export could not start: {e}"),
                    folder: None,
                });
            }
        }
    }

    /// Blocks until the running export ends or `timeout` passes (for tests, which wait on
    /// the worker rather than sleep); the next frame takes it.
    pub fn wait(&mut self, timeout: std::time::Duration) {
        if let Some(task) = &mut self.running {
            task.wait(timeout);
        }
    }

    /// Takes the worker's news into the state; call every frame. Returns whether a job is
    /// still running (the caller keeps repainting meanwhile).
    pub fn poll(&mut self, state: &mut ExportState) -> bool {
        let Some(task) = &mut self.running else {
            return false;
        };
        let status = match task.poll() {
            Poll::Running => {
                let (done, total) = task.progress().get();
                state.progress = Some((done as usize, total.max(1) as usize));
                return true;
            }
            Poll::Done(Outcome { made, status }) => {
                if let Some(gpu) = made {
                    state.unavailable = gpu.as_ref().err().map(ToString::to_string);
                    self.gpu = Some(gpu);
                }
                status
            }
            Poll::Lost => ExportStatus {
                ok: false,
                message: "the export stopped unexpectedly".to_owned(),
                folder: None,
            },
        };
        if !status.ok {
            eprintln!("langson-atlas: export failed: {}", status.message);
        }
        state.status = Some(status);
        state.progress = None;
        self.running = None;
        false
    }
}

fn run(
    gpu: Option<Result<Gpu, ExportError>>,
    atlas: Arc<Atlas>,
    job: Job,
    progress: &Progress,
) -> Outcome {
    let (gpu, made) = match gpu {
        Some(Ok(gpu)) => (gpu, None),
        Some(Err(reason)) => return failed(None, reason.to_string()),
        None => {
            let made = Gpu::headless();
            match &made {
                Ok(gpu) => (gpu.clone(), Some(made)),
                Err(reason) => {
                    let message = reason.to_string();
                    return failed(Some(made), message);
                }
            }
        }
    };
    let folder = match &job {
        Job::View { path, .. } => path.parent().map(std::path::Path::to_path_buf),
        Job::Tour { dir, .. } => Some(dir.clone()),
    };
    let result = match job {
        Job::View { request, path } => {
            progress.set(0, 1);
            path.parent()
                .map_or(Ok(()), std::fs::create_dir_all)
                .map_err(|e| format!("{}: {e}", path.display()))
                .and_then(|()| {
                    export::export_png(&gpu, atlas, &request, &path).map_err(|e| e.to_string())
                })
                .map(|()| path.display().to_string())
        }
        Job::Tour {
            tour,
            pictures,
            dir,
        } => {
            let report = |done: usize, total: usize| progress.set(done as u64, total as u64);
            export::export_tour(&gpu, atlas, &tour, &pictures, &dir, &report)
                .map(|files| format!("{} PNG → {}", files.len(), dir.display()))
                .map_err(|e| e.to_string())
        }
    };
    Outcome {
        made,
        status: ExportStatus::of(result, folder),
    }
}

fn failed(made: Option<Result<Gpu, ExportError>>, message: String) -> Outcome {
    Outcome {
        made,
        status: ExportStatus {
            ok: false,
            message,
            folder: None,
        },
    }
}
