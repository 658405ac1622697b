//! Runs PNG exports on a worker thread and keeps the export window's state current: the
//! GPU to render on (the window's, else a headless one made on first use), progress, the
//! result, and why exports cannot run where there is no graphics adapter.

use crate::atlas::Atlas;
use crate::export::{self, ExportError, ExportRequest, Gpu};
use crate::present::tour::Tour;
use crate::state::{ExportState, ExportStatus};
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::mpsc::{Receiver, Sender, TryRecvError};

/// The picture sizes offered, in pixels.
pub const SIZES: [[u32; 2]; 3] = [[1920, 1080], [3840, 2160], [7680, 4320]];

enum Report {
    Progress(usize, usize),
    /// A headless device was made (cached for the next export) or could not be.
    Gpu(Result<Gpu, ExportError>),
    Finished(ExportStatus),
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
    running: Option<Receiver<Report>>,
    /// News [`ExportJobs::wait`] received, for the next frame.
    received: Vec<Report>,
}

impl ExportJobs {
    /// Exports render on this device (the window's).
    pub fn with_gpu(gpu: Option<Result<Gpu, ExportError>>) -> Self {
        Self {
            gpu,
            running: None,
            received: Vec::new(),
        }
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
        let (tx, rx) = std::sync::mpsc::channel();
        self.running = Some(rx);
        state.status = None;
        state.progress = Some((0, 1));
        let spawned = std::thread::Builder::new()
            .name("export".to_owned())
            .spawn(move || run(gpu, atlas, job, &tx));
        if let Err(e) = spawned {
            self.running = None;
            state.progress = None;
            state.status = Some(ExportStatus {
                ok: false,
                message: format!("the export could not start: {e}"),
                folder: None,
            });
        }
    }

    /// Blocks until the running export sends news or `timeout` passes (for tests, which
    /// wait on the worker rather than sleep); the next frame takes it.
    pub fn wait(&mut self, timeout: std::time::Duration) {
        if let Some(rx) = &self.running
            && let Ok(report) = rx.recv_timeout(timeout)
        {
            self.received.push(report);
        }
    }

    /// Takes the worker's news into the state; call every frame. Returns whether a job is
    /// still running (the caller keeps repainting meanwhile).
    pub fn poll(&mut self, state: &mut ExportState) -> bool {
        let Some(rx) = &self.running else {
            return false;
        };
        let mut received = std::mem::take(&mut self.received).into_iter();
        loop {
            let next = received.next().map_or_else(|| rx.try_recv(), Ok);
            match next {
                Ok(Report::Progress(done, total)) => state.progress = Some((done, total)),
                Ok(Report::Gpu(gpu)) => {
                    state.unavailable = gpu.as_ref().err().map(ToString::to_string);
                    self.gpu = Some(gpu);
                }
                Ok(Report::Finished(status)) => {
                    if !status.ok {
                        eprintln!("langson-atlas: export failed: {}", status.message);
                    }
                    state.status = Some(status);
                    state.progress = None;
                    self.running = None;
                    return false;
                }
                Err(TryRecvError::Empty) => return true,
                Err(TryRecvError::Disconnected) => {
                    state.status = Some(ExportStatus {
                        ok: false,
                        message: "the export stopped unexpectedly".to_owned(),
                        folder: None,
                    });
                    state.progress = None;
                    self.running = None;
                    return false;
                }
            }
        }
    }
}

fn run(gpu: Option<Result<Gpu, ExportError>>, atlas: Arc<Atlas>, job: Job, tx: &Sender<Report>) {
    let gpu = match gpu {
        Some(Ok(gpu)) => gpu,
        Some(Err(reason)) => return fail(tx, reason.to_string()),
        None => {
            let made = Gpu::headless();
            let _ = tx.send(Report::Gpu(made.clone()));
            match made {
                Ok(gpu) => gpu,
                Err(reason) => return fail(tx, reason.to_string()),
            }
        }
    };
    let folder = match &job {
        Job::View { path, .. } => path.parent().map(std::path::Path::to_path_buf),
        Job::Tour { dir, .. } => Some(dir.clone()),
    };
    let result = match job {
        Job::View { request, path } => {
            let _ = tx.send(Report::Progress(0, 1));
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
            let progress = |done, total| {
                let _ = tx.send(Report::Progress(done, total));
            };
            export::export_tour(&gpu, atlas, &tour, &pictures, &dir, &progress)
                .map(|files| format!("{} PNG → {}", files.len(), dir.display()))
                .map_err(|e| e.to_string())
        }
    };
    let status = ExportStatus::of(result, folder);
    let _ = tx.send(Report::Finished(status));
}

fn fail(tx: &Sender<Report>, message: String) {
    let _ = tx.send(Report::Finished(ExportStatus {
        ok: false,
        message,
        folder: None,
    }));
}
