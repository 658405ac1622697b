//! The PDF atlas, the tour video and the web page made from the window: where they go (the save dialog,
//! as other exports), the work on a thread of its own with progress and Cancel, and how it
//! went. A cancelled or failed export leaves nothing under the chosen name (`print` and
//! `video` write under a temporary name).

use super::AtlasApp;
use super::publish_job::{Job, run};
use super::saving::{self, Answer, Ask, Saving};
use crate::atlas::Atlas;
use crate::atlas::share::ShareUrl;
use crate::export::{Gpu, UserExport};
use crate::present::tour::Tour;
use crate::print::{self, AtlasRequest, PrintLayer};
use crate::state::publish::{PdfPages, Publication, PublishAction, PublishState, VIDEO_SIZES};
use crate::state::{ExportStatus, State};
use crate::task::{Poll, Task};
use crate::user_room::UserRoom;
use crate::video::{self, VideoRequest};
use crate::web;
use std::path::{Path, PathBuf};
use std::sync::Arc;

pub struct PublishRoom {
    saving: Saving<Job>,
    running: Option<Task<ExportStatus>>,
    /// The index.html of the web page being written, shown once it is done.
    page: Option<PathBuf>,
    /// The window's device, for the video's frames (else a headless one is made).
    pub gpu: Option<Gpu>,
}

impl PublishRoom {
    pub fn new(dialogs: bool) -> Self {
        Self {
            saving: Saving::new(dialogs),
            running: None,
            page: None,
            gpu: None,
        }
    }

    pub fn is_running(&self) -> bool {
        self.running.is_some()
    }

    /// Asks where `job` goes, starting in `folder`.
    fn ask(&mut self, job: Job, name: &str, folder: &Path, ctx: &egui::Context) {
        let ask = match job {
            Job::Pdf { .. } => Ask::File {
                name: name.to_owned(),
                extension: "pdf".to_owned(),
            },
            Job::Video(_) => Ask::File {
                name: name.to_owned(),
                extension: "mp4".to_owned(),
            },
            // A web page is a folder: the one chosen receives index.html and the rest.
            Job::Web { .. } => Ask::Folder,
        };
        self.saving.ask(ask, folder, job, ctx);
    }

    /// Starts what waited for the dialog, once it answered; returns the folder chosen.
    fn poll_dialog(
        &mut self,
        atlas: &Arc<Atlas>,
        folder: &Path,
        state: &mut PublishState,
    ) -> Option<PathBuf> {
        let (ask, answer, job) = self.saving.poll()?;
        let path = match (answer, ask) {
            (Answer::Cancelled, _) => return None,
            (Answer::Chosen(path), _) => path,
            (Answer::NoDialog, Ask::File { name, extension }) => {
                saving::unused_path(folder, &name, &extension)
            }
            (Answer::NoDialog, Ask::Folder) => unused_folder(folder, "langson-atlas-web"),
            (Answer::NoDialog, Ask::Open { .. }) => return None,
        };
        let chosen = path.parent().map(Path::to_path_buf);
        if let Some(dir) = &chosen {
            let _ = std::fs::create_dir_all(dir);
        }
        self.start(atlas.clone(), job, path, state);
        chosen
    }

    fn start(&mut self, atlas: Arc<Atlas>, job: Job, path: PathBuf, state: &mut PublishState) {
        let gpu = self.gpu.clone();
        state.status = None;
        state.progress = Some((0, 1));
        // The web page to open once it is written whole.
        self.page = matches!(job, Job::Web { .. }).then(|| path.join("index.html"));
        match Task::spawn("publish", || {}, move |p| run(&atlas, job, &path, gpu, p)) {
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

    pub fn cancel(&self) {
        if let Some(task) = &self.running {
            task.cancel();
        }
    }

    /// Blocks until the work ends or `timeout` passes (tests); returns whether it is still
    /// running.
    pub fn wait(&mut self, timeout: std::time::Duration, state: &mut PublishState) -> bool {
        if let Some(task) = &mut self.running {
            task.wait(timeout);
        }
        self.poll(state)
    }

    /// Each frame: the dialog's answer (the folder chosen is remembered for the next
    /// export), and the worker's news. Returns whether the work still runs.
    pub fn poll_all(&mut self, atlas: &Arc<Atlas>, state: &mut State) -> bool {
        let folder = super::exports::folder(&state.export);
        if let Some(chosen) = self.poll_dialog(atlas, &folder, &mut state.publish) {
            state.export.dir = chosen.display().to_string();
            state.settings.export_folder = Some(chosen);
        }
        self.poll(&mut state.publish)
    }

    /// Takes the worker's news into the state; returns whether it is still running.
    pub fn poll(&mut self, state: &mut PublishState) -> bool {
        let Some(task) = &mut self.running else {
            return false;
        };
        let status = match task.poll() {
            Poll::Running => {
                state.progress = Some(task.progress().get());
                return true;
            }
            Poll::Done(status) => status,
            Poll::Lost => ExportStatus {
                ok: false,
                message: "the export stopped unexpectedly".to_owned(),
                folder: None,
            },
        };
        if status.ok
            && let Some(page) = self.page.take()
        {
            state.web_page = Some(page);
        }
        self.page = None;
        state.progress = None;
        state.status = Some(status);
        self.running = None;
        false
    }
}

/// `name` in `folder`, or `name-2`, `name-3`… where that is taken.
fn unused_folder(folder: &Path, name: &str) -> PathBuf {
    (1..10_000)
        .map(|n| match n {
            1 => folder.join(name),
            n => folder.join(format!("{name}-{n}")),
        })
        .find(|p| !p.exists())
        .unwrap_or_else(|| folder.join(name))
}

fn print_layers(user: Option<UserExport>) -> Vec<PrintLayer> {
    user.map(|u| u.layers.ready().map(PrintLayer::from_loaded).collect())
        .unwrap_or_default()
}

impl AtlasApp {
    pub(super) fn apply_publish(&mut self, action: PublishAction) {
        let state = &mut self.state.publish;
        match action {
            PublishAction::Show(kind) => {
                if state.open.is_none() {
                    state.pdf.lang = self.state.settings.lang;
                    state.video.lang = self.state.settings.lang;
                    state.web.lang = self.state.settings.lang;
                }
                state.open = Some(kind);
            }
            PublishAction::Close => state.open = None,
            PublishAction::Pdf(settings) => state.pdf = settings,
            PublishAction::Video(settings) => state.video = settings,
            PublishAction::Web(settings) => state.web = settings,
            PublishAction::Url(text) => state.url = text,
            PublishAction::Cancel => self.publish.cancel(),
            PublishAction::Start if self.publish.is_running() => {}
            PublishAction::Start => {
                match publication(&self.state, &self.user, &self.builtin_tour) {
                    Ok(Some((job, name))) => {
                        let folder = super::exports::folder(&self.state.export);
                        self.publish.ask(job, name, &folder, &self.ctx);
                        self.publish.poll_all(&self.atlas, &mut self.state);
                    }
                    Ok(None) => {}
                    Err(status) => self.state.publish.status = Some(status),
                }
            }
        }
    }
}

/// What the Publish window asks to make, and the file name it suggests; `None` when
/// nothing is chosen; the words of the window's status line when it cannot be made.
fn publication(
    state: &State,
    user: &UserRoom,
    builtin: &Tour,
) -> Result<Option<(Job, &'static str)>, ExportStatus> {
    let Some(kind) = state.publish.open else {
        return Ok(None);
    };
    let lang = state.settings.lang;
    let url = ShareUrl::optional(&state.publish.url).map_err(|e| ExportStatus {
        ok: false,
        message: format!(
            "{}: {}",
            lang.pick("Địa chỉ web", "Web address"),
            e.words(lang)
        ),
        folder: None,
    })?;
    Ok(Some(match kind {
        Publication::Pdf => {
            let s = state.publish.pdf.clone();
            // A tour's pages print the tour chosen itself (names may repeat or be empty);
            // its number on the web page is its place among the project's tours, the
            // built-in one after them.
            let tour_number = match s.pages {
                PdfPages::Tour(Some(i)) => Some(i + 1),
                PdfPages::Tour(None) => Some(state.tours.tours.len() + 1),
                PdfPages::Districts | PdfPages::Zones | PdfPages::Units2025 => None,
            };
            let (coverage, tours, layers) = match s.pages {
                PdfPages::Tour(choice) => (
                    print::Coverage::Tour(None),
                    vec![tour_chosen(state, builtin, choice)?],
                    user.export_all(),
                ),
                PdfPages::Districts | PdfPages::Zones | PdfPages::Units2025 => {
                    let Some(coverage) = s.pages.coverage(&state.tours.names()) else {
                        return Ok(None);
                    };
                    (coverage, Vec::new(), user.export())
                }
            };
            let job = Job::Pdf {
                request: AtlasRequest {
                    coverage,
                    lang: s.lang,
                    paper: s.paper,
                    landscape: s.landscape,
                    date: print::today(),
                    share: url.map(|url| print::Share {
                        url,
                        tour: tour_number,
                    }),
                },
                tours,
                // A tour's pages show the layers its steps name; other pages what is on.
                layers: print_layers(layers),
            };
            (job, "langson-atlas")
        }
        Publication::Video => {
            let s = state.publish.video.clone();
            let job = Job::Video(Box::new(VideoRequest {
                tour: tour_chosen(state, builtin, s.tour)?,
                lang: s.lang,
                size: VIDEO_SIZES[s.size.min(VIDEO_SIZES.len() - 1)],
                fps: s.fps,
                user: user.export_all(),
                cards: video::CARDS,
                url,
            }));
            (job, "langson-atlas-tour")
        }
        Publication::Web => {
            let tours = crate::present::tour::headless_tours(
                state.tours.tours.clone(),
                Some(builtin.clone()),
            );
            let layers = user
                .export()
                .map(|u| {
                    u.layers
                        .ready()
                        .map(|l| web::WebLayer {
                            layer: PrintLayer::from_loaded(l),
                            label: l.stored.style.label.clone(),
                        })
                        .collect()
                })
                .unwrap_or_default();
            let request = web::WebRequest {
                lang: state.publish.web.lang,
                url,
                ..web::WebRequest::default()
            };
            let job = Job::Web {
                request,
                tours,
                layers,
            };
            (job, "langson-atlas-web")
        }
    }))
}

/// The built-in tour (`None`) or the project's tour `i`; a tour no longer there is said
/// in the window.
fn tour_chosen(state: &State, builtin: &Tour, choice: Option<usize>) -> Result<Tour, ExportStatus> {
    state
        .tours
        .chosen(choice, builtin)
        .cloned()
        .ok_or_else(|| ExportStatus {
            ok: false,
            message: state
                .settings
                .lang
                .pick(
                    "Chuyến tham quan đã chọn không còn nữa",
                    "The tour chosen is no longer there",
                )
                .to_owned(),
            folder: None,
        })
}
