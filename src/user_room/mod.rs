//! The reader's own layers as a room of their own: the list, what the map keeps of each
//! layer, the files being read on worker threads (the map stays interactive, with a
//! progress bar and Cancel) and the styles being painted. The app hands it user-layer
//! actions and files; the room answers with [`Event`]s for what lies outside it (the view
//! to fit, a question to ask, a note to show, a layer gone).

mod database;
mod pages;
mod restyle;
#[cfg(test)]
mod tests;

use crate::layers::index::FeatureIndex;
use crate::layers::style::{Painted, Style, paint};
use crate::layers::{LayerId, Loaded, Problem, Slot, Source, Stamp, Stored, UserLayers};
use crate::map::user_layer::{UserCache, UserOutput, WorldLayer};
use crate::sources::{self, IoError, Progress, UserLayer};
use crate::state::Prompt;
use crate::task::{Poll, Task};
use std::path::PathBuf;
use std::sync::Arc;

/// What the room asks of the rest of the app.
#[derive(Debug, PartialEq)]
pub enum Event {
    /// Frame this lon/lat box.
    Fit(geo::Rect<f64>),
    /// A file needs a CRS, a table or its coordinate columns before it can open.
    Ask(Prompt),
    /// A layer left the list: what pointed at it (identify, table, style window) goes.
    Removed(LayerId),
    /// A database layer's features were replaced by a new view's: a feature picked by
    /// its position is no longer the same one.
    Replaced(LayerId),
}

/// What the room changes of one layer (the layer-list actions that need no other room).
#[derive(Clone, Debug, PartialEq)]
pub enum Change {
    Visible(bool),
    Opacity(f32),
    Rename(String),
    Move(isize),
    Remove,
    CancelLoad,
    /// Select these rows; `true` adds to the selection (and takes them out again when
    /// they are all selected already).
    Select(Vec<usize>, bool),
    Style(Style),
}

/// Everything a worker hands back: the layer, what drawing and identify need of it, and
/// its features' colours in the style it opens with.
type Built = (Arc<UserLayer>, Arc<FeatureIndex>, Arc<WorldLayer>, Painted);

struct Job {
    id: LayerId,
    task: Task<Result<Built, IoError>>,
}

pub struct UserRoom {
    ctx: egui::Context,
    pub layers: UserLayers,
    /// Each layer's world geometry and per-zoom drawing, for the map.
    pub cache: UserCache,
    /// What the map said of the layers in the last frame (hover, click).
    pub out: UserOutput,
    jobs: Vec<Job>,
    restyler: restyle::Restyler,
    /// Layers that open where the view already is (a project's, which brings its view).
    keep_view: std::collections::HashSet<LayerId>,
    /// Database layers: the view they read, and their reads under way.
    database: database::Database,
}

/// Reads and prepares a file's layer; runs on a worker thread. (A database layer reads a
/// view a page at a time: `database.rs`.)
fn build(source: &Source, style: &Style, progress: &Progress) -> Result<Built, IoError> {
    let layer = sources::open_request(&source.path, &source.request(), progress)?;
    let index = FeatureIndex::new(&layer);
    let world = WorldLayer::new(&layer);
    let painted = paint(style, &layer);
    Ok((Arc::new(layer), Arc::new(index), Arc::new(world), painted))
}

impl UserRoom {
    pub fn new(ctx: egui::Context) -> Self {
        Self {
            ctx,
            layers: UserLayers::default(),
            cache: UserCache::default(),
            out: UserOutput::default(),
            jobs: Vec::new(),
            restyler: restyle::Restyler::default(),
            keep_view: std::collections::HashSet::new(),
            database: database::Database::default(),
        }
    }

    /// A file being read, or a large layer's new style still painting.
    pub fn busy(&self) -> bool {
        !self.jobs.is_empty() || self.restyler.busy() || self.database.busy()
    }

    /// Blocks until a load finishes or `timeout` passes (for tests and benchmarks, which
    /// wait on the worker rather than sleep); the next poll takes the result.
    pub fn wait(&mut self, timeout: std::time::Duration) {
        match self.jobs.first_mut() {
            Some(job) => {
                job.task.wait(timeout);
            }
            None => self.database.wait(timeout),
        }
    }

    /// Starts loading `stored`'s file (a database layer: its view); the layer appears at
    /// the top of the list at once, with its progress. Returns its id.
    pub fn start_load(&mut self, stored: Stored) -> LayerId {
        let id = self.layers.next_id();
        let progress = Arc::new(Progress::default());
        let spawned = if sources::is_database(&stored.source.path) {
            self.open_database(id, &stored, progress.clone())
        } else {
            let source = stored.source.clone();
            let style = stored.style.clone();
            let ctx = self.ctx.clone();
            Task::spawn_with(
                format!("load {}", source.path.display()),
                progress.clone(),
                move || ctx.request_repaint(),
                move |p| build(&source, &style, p),
            )
            .map(|task| self.jobs.push(Job { id, task }))
        };
        let slot = match spawned {
            Ok(()) => Slot::Loading {
                id,
                stored,
                progress,
            },
            Err(e) => Slot::Failed {
                id,
                stored,
                problem: Problem::Loader(format!("no thread to load it: {e}")),
            },
        };
        self.layers.slots.insert(0, slot);
        id
    }

    /// New files: each gets the next colour.
    pub fn open_files(&mut self, paths: Vec<PathBuf>) {
        for path in paths {
            self.open_source(Source::file(path));
        }
    }

    pub fn open_source(&mut self, mut source: Source) -> LayerId {
        // A password typed into a database address is kept in memory for this run, never
        // in the layer's source (which settings and projects write down).
        if let Some(uri) = source.path.to_str()
            && sources::is_database(&source.path)
            && let Ok((db, password)) = sources::postgis::PgSource::parse(uri)
        {
            if let Some(password) = password {
                sources::postgis::remember_password(&db, &password);
            }
            source.path = PathBuf::from(db.uri());
        }
        let style = Style::single(self.layers.slots.len());
        self.start_load(Stored::new(source, style))
    }

    /// Stored layers (a last session's, a project's), in their order, below those open; a
    /// file that is gone says so in the list. `frame`: the first to open frames the view
    /// (a project brings a view of its own).
    pub fn restore(&mut self, stored: Vec<Stored>, frame: bool) {
        for mut s in stored.into_iter().rev() {
            if s.key.is_empty() {
                s.key = crate::layers::new_key();
            }
            if !sources::is_database(&s.source.path) && !s.source.path.exists() {
                let id = self.layers.next_id();
                let problem = Problem::Missing(s.source.path.clone());
                let slot = Slot::Failed {
                    id,
                    stored: s,
                    problem,
                };
                self.layers.slots.insert(0, slot);
                continue;
            }
            let id = self.start_load(s);
            if !frame {
                self.keep_view.insert(id);
            }
        }
    }

    /// Reads a layer's source again in its place in the list (a failed database layer).
    pub fn reload(&mut self, id: LayerId) {
        let Some(position) = self.layers.position(id) else {
            return;
        };
        let stored = self.layers.slots.remove(position).stored().clone();
        let new = self.start_load(stored);
        self.keep_view.insert(new);
        // start_load puts it on top; it goes back where it was.
        if let Some(now) = self.layers.position(new) {
            let slot = self.layers.slots.remove(now);
            self.layers
                .slots
                .insert(position.min(self.layers.slots.len()), slot);
        }
    }

    /// Every layer leaves the list (a new project); loads still running are cancelled.
    pub fn clear(&mut self) -> Vec<Event> {
        let ids: Vec<LayerId> = self.layers.slots.iter().map(Slot::id).collect();
        ids.into_iter()
            .filter_map(|id| self.change(id, Change::Remove))
            .collect()
    }

    /// Collects finished loads and painted styles; a file that needs a CRS or a layer
    /// choice becomes a question.
    pub fn poll(&mut self) -> Vec<Event> {
        let mut finished = Vec::new();
        self.jobs.retain_mut(|job| match job.task.poll() {
            Poll::Done(result) => {
                finished.push((job.id, Some(result)));
                false
            }
            Poll::Running => true,
            Poll::Lost => {
                finished.push((job.id, None));
                false
            }
        });
        let mut events = Vec::new();
        for (id, result) in finished {
            events.extend(self.finish(id, result));
        }
        if !self.jobs.is_empty() {
            self.ctx
                .request_repaint_after(std::time::Duration::from_millis(100));
        }
        self.poll_restyles();
        events.extend(self.poll_database());
        events.extend(
            self.database
                .take_replaced()
                .into_iter()
                .map(Event::Replaced),
        );
        events
    }

    fn finish(&mut self, id: LayerId, result: Option<Result<Built, IoError>>) -> Option<Event> {
        let position = self.layers.position(id)?;
        let stored = self.layers.slots[position].stored().clone();
        let ask = |layers: &mut UserLayers, prompt: Prompt| {
            layers.slots.remove(position);
            Some(Event::Ask(prompt))
        };
        let (slot, event) = match result {
            Some(Ok((data, index, world, painted))) => {
                self.cache.insert(id, world);
                let mut loaded = Loaded::painted(id, stored.clone(), data, index, painted);
                loaded.changed = changed(&stored);
                loaded.stored.stamp = Stamp::of(&stored.source.path);
                // The first layer of an empty list is framed; later ones leave the view be.
                let keep = self.keep_view.remove(&id);
                let fit = if self.layers.ready().count() == 0 && !keep {
                    loaded.index.bbox().map(Event::Fit)
                } else {
                    None
                };
                (Slot::Ready(Box::new(loaded)), fit)
            }
            Some(Err(IoError::NeedsCrs { .. })) => {
                return ask(&mut self.layers, Prompt::Crs(stored.source));
            }
            Some(Err(IoError::NoCoordinates { columns, .. })) => {
                return ask(&mut self.layers, Prompt::columns(stored.source, columns));
            }
            Some(Err(IoError::ChooseLayer { layers, .. })) => {
                return ask(&mut self.layers, Prompt::Layer(stored.source, layers));
            }
            Some(Err(IoError::Cancelled { .. })) => {
                self.layers.slots.remove(position);
                return None;
            }
            Some(Err(e)) => (
                Slot::Failed {
                    id,
                    stored,
                    problem: Problem::Io(e),
                },
                None,
            ),
            None => (
                Slot::Failed {
                    id,
                    stored,
                    problem: Problem::Loader("the loader stopped unexpectedly".to_owned()),
                },
                None,
            ),
        };
        self.layers.slots[position] = slot;
        event
    }

    /// Changes one layer; what that means outside the room comes back as an event.
    pub fn change(&mut self, id: LayerId, change: Change) -> Option<Event> {
        match change {
            Change::Visible(on) => self.with_layer(id, |l| l.stored.visible = on),
            Change::Opacity(o) => self.with_layer(id, |l| l.stored.opacity = o.clamp(0.05, 1.0)),
            Change::Rename(name) => {
                let name = name.trim().to_owned();
                if !name.is_empty() {
                    self.with_layer(id, |l| l.stored.name = name);
                }
            }
            Change::Move(by) => self.layers.shift(id, by),
            Change::Remove => {
                let slot = self.layers.remove(id)?;
                if let Slot::Loading { progress, .. } = slot {
                    progress.cancel();
                }
                self.database.forget(id);
                self.cache.remove(id);
                return Some(Event::Removed(id));
            }
            Change::CancelLoad => {
                if let Some(Slot::Loading { progress, .. }) =
                    self.layers.position(id).map(|p| &self.layers.slots[p])
                {
                    progress.cancel();
                }
            }
            Change::Select(rows, add) => self.with_layer(id, |l| select(l, rows, add)),
            Change::Style(style) => self.set_style(id, style),
        }
        None
    }

    /// The box around a layer, or around its selected rows.
    pub fn bbox(&self, id: LayerId, selection_only: bool) -> Option<geo::Rect<f64>> {
        let layer = self.layers.get(id)?;
        if !selection_only {
            return layer.index.bbox();
        }
        let subset = UserLayer {
            features: layer
                .selected
                .iter()
                .filter_map(|&i| layer.data.features.get(i).cloned())
                .collect(),
            ..layer.data.clone_empty()
        };
        subset.bbox()
    }

    /// The visible layers for a picture; `None` when none shows.
    pub fn export(&self) -> Option<crate::export::UserExport> {
        self.export_of(self.layers.visible_snapshot())
    }

    /// Every loaded layer, visible or not, for pictures whose steps choose among them.
    pub fn export_all(&self) -> Option<crate::export::UserExport> {
        let keys: Vec<String> = self.layers.ready().map(|l| l.stored.key.clone()).collect();
        self.export_of(self.layers.only(&keys))
    }

    fn export_of(&self, layers: UserLayers) -> Option<crate::export::UserExport> {
        let worlds: Vec<_> = layers
            .ready()
            .filter_map(|l| Some((l.id, self.cache.world(l.id)?)))
            .collect();
        (!worlds.is_empty()).then(|| crate::export::UserExport {
            layers: Arc::new(layers),
            worlds,
        })
    }

    fn with_layer(&mut self, id: LayerId, change: impl FnOnce(&mut Loaded)) {
        if let Some(layer) = self.layers.get_mut(id) {
            change(layer);
        }
    }
}

fn select(layer: &mut Loaded, rows: Vec<usize>, add: bool) {
    // Ctrl/Shift on rows all selected already takes them out again.
    if add && !rows.is_empty() && rows.iter().all(|r| layer.selected.contains(r)) {
        for r in &rows {
            layer.selected.remove(r);
        }
        return;
    }
    if !add {
        layer.selected.clear();
    }
    let count = layer.data.features.len();
    layer
        .selected
        .extend(rows.into_iter().filter(|&r| r < count));
}

/// Whether the file differs from the one the last session opened.
fn changed(stored: &Stored) -> bool {
    matches!(
        (stored.stamp, Stamp::of(&stored.source.path)),
        (Some(before), Some(now)) if before != now
    )
}
