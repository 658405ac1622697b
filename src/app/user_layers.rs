//! The reader's own layers: opening files on worker threads (the map stays interactive,
//! with a progress bar and Cancel), drag-and-drop, the platform's file dialog, restoring
//! the last session's layers, and the actions on them.

use super::AtlasApp;
use crate::atlas::io::{self, IoError, Progress, UserLayer};
use crate::layers::index::FeatureIndex;
use crate::layers::style::{Painted, Style, paint};
use crate::layers::{LayerId, Loaded, Problem, Slot, Source, Stamp, Stored};
use crate::map::user_layer::WorldLayer;
use crate::state::{Prompt, TableOf, UserAction};
use crate::ui::words::W;
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::mpsc::{Receiver, channel};

/// Everything a worker hands back: the layer, what drawing and identify need of it, and
/// its features' colours in the style it opens with.
type Built = (Arc<UserLayer>, Arc<FeatureIndex>, Arc<WorldLayer>, Painted);

struct Job {
    id: LayerId,
    result: Receiver<Result<Built, IoError>>,
    /// What [`Loader::wait`] received, until the next frame takes it.
    received: Option<Result<Built, IoError>>,
}

#[derive(Default)]
pub struct Loader {
    jobs: Vec<Job>,
    /// The file dialog's answer: the files chosen, or `None` when no dialog could open.
    dialog: Option<Receiver<Option<Vec<PathBuf>>>>,
}

impl Loader {
    pub fn busy(&self) -> bool {
        !self.jobs.is_empty()
    }

    /// Blocks until a load finishes or `timeout` passes (for tests and benchmarks, which
    /// wait on the worker rather than sleep); the next frame takes the result.
    pub fn wait(&mut self, timeout: std::time::Duration) {
        if let Some(job) = self.jobs.iter_mut().find(|j| j.received.is_none())
            && let Ok(result) = job.result.recv_timeout(timeout)
        {
            job.received = Some(result);
        }
    }
}

/// Reads and prepares a layer; runs on a worker thread.
fn build(source: &Source, style: &Style, progress: &Progress) -> Result<Built, IoError> {
    let layer = io::open_request(&source.path, &source.request(), progress)?;
    let index = FeatureIndex::new(&layer);
    let world = WorldLayer::new(&layer);
    let painted = paint(style, &layer);
    Ok((Arc::new(layer), Arc::new(index), Arc::new(world), painted))
}

impl AtlasApp {
    /// Starts loading `stored`'s file; the layer appears at the top of the list at once,
    /// with its progress.
    pub(super) fn start_load(&mut self, stored: Stored) {
        let id = self.user.next_id();
        let progress = Arc::new(Progress::default());
        let (tx, rx) = channel();
        let source = stored.source.clone();
        let style = stored.style.clone();
        let worker_progress = progress.clone();
        let ctx = self.ctx.clone();
        let spawned = std::thread::Builder::new()
            .name(format!("load {}", source.path.display()))
            .spawn(move || {
                let _ = tx.send(build(&source, &style, &worker_progress));
                ctx.request_repaint();
            });
        match spawned {
            Ok(_) => {
                self.user.slots.insert(
                    0,
                    Slot::Loading {
                        id,
                        stored,
                        progress,
                    },
                );
                self.loader.jobs.push(Job {
                    id,
                    result: rx,
                    received: None,
                });
            }
            Err(e) => self.user.slots.insert(
                0,
                Slot::Failed {
                    id,
                    stored,
                    problem: Problem::Loader(format!("no thread to load it: {e}")),
                },
            ),
        }
    }

    /// New files: each gets the next colour.
    pub(super) fn open_files(&mut self, paths: Vec<PathBuf>) {
        for path in paths {
            self.open_source(Source::file(path));
        }
    }

    pub(super) fn open_source(&mut self, source: Source) {
        let style = Style::single(self.user.slots.len());
        self.start_load(Stored::new(source, style));
    }

    /// The last session's layers, in their order; a file that is gone or changed says so.
    pub(super) fn restore(&mut self, stored: Vec<Stored>) {
        for s in stored.into_iter().rev() {
            if !s.source.path.exists() {
                let id = self.user.next_id();
                let problem = Problem::Missing(s.source.path.clone());
                self.user.slots.insert(
                    0,
                    Slot::Failed {
                        id,
                        stored: s,
                        problem,
                    },
                );
                continue;
            }
            self.start_load(s);
        }
    }

    /// Collects finished loads; a file that needs a CRS or a layer choice becomes a prompt.
    pub(super) fn poll_loads(&mut self) {
        let mut finished = Vec::new();
        self.loader.jobs.retain_mut(|job| {
            match job
                .received
                .take()
                .map_or_else(|| job.result.try_recv(), Ok)
            {
                Ok(result) => {
                    finished.push((job.id, Some(result)));
                    false
                }
                Err(std::sync::mpsc::TryRecvError::Empty) => true,
                Err(std::sync::mpsc::TryRecvError::Disconnected) => {
                    finished.push((job.id, None));
                    false
                }
            }
        });
        for (id, result) in finished {
            let Some(position) = self.user.position(id) else {
                continue;
            };
            let stored = self.user.slots[position].stored().clone();
            let slot = match result {
                Some(Ok((data, index, world, painted))) => {
                    self.user_cache.insert(id, world);
                    let mut loaded = Loaded::painted(id, stored.clone(), data, index, painted);
                    loaded.changed = changed(&stored);
                    loaded.stored.stamp = Stamp::of(&stored.source.path);
                    if self.user.ready().count() == 0 {
                        self.fit_box(loaded.index.bbox());
                    }
                    Slot::Ready(Box::new(loaded))
                }
                Some(Err(IoError::NeedsCrs { .. })) => {
                    self.user.slots.remove(position);
                    self.ask(Prompt::Crs(stored.source));
                    continue;
                }
                Some(Err(IoError::NoCoordinates { columns, .. })) => {
                    self.user.slots.remove(position);
                    self.ask(Prompt::columns(stored.source, columns));
                    continue;
                }
                Some(Err(IoError::ChooseLayer { layers, .. })) => {
                    self.user.slots.remove(position);
                    self.ask(Prompt::Layer(stored.source, layers));
                    continue;
                }
                Some(Err(IoError::Cancelled { .. })) => {
                    self.user.slots.remove(position);
                    continue;
                }
                Some(Err(e)) => Slot::Failed {
                    id,
                    stored,
                    problem: Problem::Io(e),
                },
                None => Slot::Failed {
                    id,
                    stored,
                    problem: Problem::Loader("the loader stopped unexpectedly".to_owned()),
                },
            };
            self.user.slots[position] = slot;
        }
        if self.loader.busy() {
            self.ctx
                .request_repaint_after(std::time::Duration::from_millis(100));
        }
        if let Some(rx) = &self.loader.dialog
            && let Ok(answer) = rx.try_recv()
        {
            self.loader.dialog = None;
            match answer {
                Some(paths) => self.open_files(paths),
                None => {
                    let lang = self.state.settings.lang;
                    self.state.user.export_note =
                        Some(crate::state::ExportNote::failed(W::NoDialog.get(lang)));
                }
            }
        }
    }

    /// Files dropped on the window open as layers; files held over it are announced.
    pub(super) fn take_dropped_files(&mut self, ctx: &egui::Context) {
        let (hovering, dropped) = ctx.input(|i| {
            (
                !i.raw.hovered_files.is_empty(),
                i.raw
                    .dropped_files
                    .iter()
                    .map(|f| f.path().to_path_buf())
                    .filter(|p| !p.as_os_str().is_empty())
                    .collect::<Vec<_>>(),
            )
        });
        self.state.user.files_hovering = hovering;
        if !dropped.is_empty() {
            self.open_files(dropped);
        }
    }

    /// The platform's dialog (xdg-desktop-portal, else zenity) on a thread of its own; the
    /// open box in the layer list stays for machines with neither.
    fn open_dialog(&mut self) {
        if self.loader.dialog.is_some() {
            return;
        }
        let (tx, rx) = channel();
        let ctx = self.ctx.clone();
        let spawned = std::thread::Builder::new()
            .name("file dialog".to_owned())
            .spawn(move || {
                let asked = std::time::Instant::now();
                let picked = rfd::FileDialog::new()
                    .add_filter(
                        "GIS",
                        &[
                            "geojson", "json", "shp", "zip", "kml", "kmz", "csv", "tsv", "gpkg",
                            "fgb",
                        ],
                    )
                    .pick_files();
                // rfd says nothing when neither a desktop portal nor zenity is there; an
                // answer faster than a person can cancel means no dialog was shown.
                let shown = picked.is_some() || asked.elapsed().as_millis() > 300;
                let _ = tx.send(shown.then(|| picked.unwrap_or_default()));
                ctx.request_repaint();
            });
        if spawned.is_ok() {
            self.loader.dialog = Some(rx);
        }
    }

    /// Asks `prompt` now, or after the question already shown.
    fn ask(&mut self, prompt: Prompt) {
        let user = &mut self.state.user;
        if user.prompt.is_none() {
            user.prompt = Some(prompt);
        } else {
            user.prompts_waiting.push_back(prompt);
        }
    }

    /// The question shown is settled: the next file's, if one waits.
    fn next_prompt(&mut self) {
        let user = &mut self.state.user;
        user.prompt = user.prompts_waiting.pop_front();
        self.widgets.other_epsg.clear();
        self.widgets.columns_chosen = None;
    }

    fn fit_layer(&mut self, data: &UserLayer) {
        self.fit_box(data.bbox());
    }

    fn fit_box(&mut self, bbox: Option<geo::Rect<f64>>) {
        if let Some(r) = bbox {
            let pad = geo::Coord { x: 0.002, y: 0.002 };
            self.pending_fit = Some((r.min() - pad, r.max() + pad));
        }
    }

    /// The user-layer actions (`apply.rs` hands them here).
    pub(super) fn apply_user(&mut self, action: UserAction) {
        match action {
            UserAction::OpenFiles(paths) => self.open_files(paths),
            UserAction::Open(source) => {
                self.next_prompt();
                self.open_source(source);
            }
            UserAction::OpenDialog => self.open_dialog(),
            UserAction::DismissPrompt => self.next_prompt(),
            UserAction::CancelLoad(id) => {
                if let Some(Slot::Loading { progress, .. }) =
                    self.user.position(id).map(|p| &self.user.slots[p])
                {
                    progress.cancel();
                }
            }
            UserAction::LayerVisible(id, on) => self.with_layer(id, |l| l.stored.visible = on),
            UserAction::LayerOpacity(id, o) => {
                self.with_layer(id, |l| l.stored.opacity = o.clamp(0.05, 1.0))
            }
            UserAction::RenameLayer(id, name) => {
                let name = name.trim().to_owned();
                if !name.is_empty() {
                    self.with_layer(id, |l| l.stored.name = name);
                }
            }
            UserAction::MoveLayer(id, by) => self.user.shift(id, by),
            UserAction::RemoveLayer(id) => {
                if let Some(Slot::Loading { progress, .. }) = self.user.remove(id) {
                    progress.cancel();
                }
                self.user_cache.remove(id);
                let user = &mut self.state.user;
                if user.identified.is_some_and(|(l, _)| l == id) {
                    user.identified = None;
                }
                if user.table == Some(TableOf::User(id)) {
                    user.table = None;
                }
                if user.style_editor == Some(id) {
                    user.style_editor = None;
                }
            }
            UserAction::ZoomToLayer(id) => {
                if let Some(bbox) = self.user.get(id).map(|l| l.index.bbox()) {
                    self.fit_box(bbox);
                }
            }
            UserAction::SetStyle(id, style) => self.set_style(id, style),
            UserAction::EditStyle(id) => self.state.user.style_editor = id,
            UserAction::Identify(hit) => {
                self.state.user.identified = hit;
                if hit.is_some() {
                    self.state.selected = None;
                }
            }
            UserAction::ShowTable(of) => self.show_table(of),
            UserAction::SelectRows(id, rows, add) => self.with_layer(id, |l| {
                // Ctrl/Shift on rows all selected already takes them out again.
                if add && !rows.is_empty() && rows.iter().all(|r| l.selected.contains(r)) {
                    for r in &rows {
                        l.selected.remove(r);
                    }
                    return;
                }
                if !add {
                    l.selected.clear();
                }
                l.selected
                    .extend(rows.into_iter().filter(|&r| r < l.data.features.len()));
            }),
            UserAction::ZoomToRows(id) => self.zoom_to_selection(id),
            UserAction::ExportRows(id) => self.export_rows(id),
            UserAction::ExportSelection(id) => self.export_selection(id),
            UserAction::ExportPlanRows => self.export_plan_rows(),
            UserAction::ExportPlanSelection => self.export_plan_selection(),
        }
    }

    /// The visible user layers for a picture; `None` when none shows.
    pub(super) fn user_export(&self) -> Option<crate::export::UserExport> {
        let layers = self.user.visible_snapshot();
        let worlds: Vec<_> = layers
            .ready()
            .filter_map(|l| Some((l.id, self.user_cache.world(l.id)?)))
            .collect();
        (!worlds.is_empty()).then(|| crate::export::UserExport {
            layers: Arc::new(layers),
            worlds,
        })
    }

    fn with_layer(&mut self, id: LayerId, change: impl FnOnce(&mut Loaded)) {
        if let Some(layer) = self.user.get_mut(id) {
            change(layer);
        }
    }

    fn zoom_to_selection(&mut self, id: LayerId) {
        let Some(layer) = self.user.get(id) else {
            return;
        };
        let subset = UserLayer {
            features: layer
                .selected
                .iter()
                .filter_map(|&i| layer.data.features.get(i).cloned())
                .collect(),
            ..layer.data.clone_empty()
        };
        self.fit_layer(&subset);
    }
}

/// Whether the file differs from the one the last session opened.
fn changed(stored: &Stored) -> bool {
    matches!(
        (stored.stamp, Stamp::of(&stored.source.path)),
        (Some(before), Some(now)) if before != now
    )
}
