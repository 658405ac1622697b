//! Database layers follow the map: once the view has settled, each visible PostGIS layer
//! reads what the view shows (a new view cancels the read of the old one), and its
//! features are replaced in place: its style, name and table filters stay.

use super::{Built, UserRoom, build};
use crate::layers::{LayerId, Slot};
use crate::sources::postgis::View;
use crate::sources::{self, IoError};
use crate::task::{Poll, Task};

/// Seconds the view must stay still before database layers read it.
const SETTLE: f64 = 0.3;

struct Read {
    id: LayerId,
    /// The style the read's features are painted in.
    style: crate::layers::style::Style,
    task: Task<Result<Built, IoError>>,
}

#[derive(Default)]
pub struct Database {
    /// The view last read, and one seen since that waits to settle.
    read: Option<View>,
    seen: Option<(View, f64)>,
    reads: Vec<Read>,
    /// Layers whose features were replaced since the app last asked (what pointed at a
    /// feature of theirs by position no longer does).
    replaced: Vec<LayerId>,
}

impl Database {
    pub fn view(&self) -> Option<View> {
        self.read
    }

    pub fn busy(&self) -> bool {
        !self.reads.is_empty()
    }

    pub fn take_replaced(&mut self) -> Vec<LayerId> {
        std::mem::take(&mut self.replaced)
    }

    /// Blocks until a read of a view finishes or `timeout` passes (tests wait on it).
    pub fn wait(&mut self, timeout: std::time::Duration) {
        if let Some(read) = self.reads.first_mut() {
            read.task.wait(timeout);
        }
    }
}

impl UserRoom {
    fn database_layers(&self) -> Vec<LayerId> {
        self.layers
            .ready()
            .filter(|l| l.stored.visible && sources::is_database(&l.stored.source.path))
            .map(|l| l.id)
            .collect()
    }

    /// The map shows `view` at `now` (seconds); once it has settled, database layers read
    /// it. `true` while a view waits to settle (the caller asks for a frame then).
    pub fn see_view(&mut self, view: View, now: f64) -> bool {
        let db = &mut self.database;
        if db.seen.is_none_or(|(v, _)| v != view) {
            db.seen = Some((view, now));
        }
        let Some((seen, since)) = db.seen else {
            return false;
        };
        if db.read == Some(seen) {
            return false;
        }
        if self.database_layers().is_empty() {
            // Nothing to read; a layer added later reads the view it opens in.
            self.database.read = Some(seen);
            return false;
        }
        if now - since < SETTLE {
            return true;
        }
        self.database.read = Some(seen);
        for id in self.database_layers() {
            self.read_view(id, seen);
        }
        false
    }

    /// A database layer that opened for another view than the map's now (or none) reads
    /// the map's view.
    pub(super) fn catch_up(&mut self, id: LayerId, opened_for: Option<View>) {
        let is_database = self
            .layers
            .get(id)
            .is_some_and(|l| sources::is_database(&l.stored.source.path));
        if let Some(now) = self.database.read
            && is_database
            && opened_for != Some(now)
        {
            self.read_view(id, now);
        }
    }

    fn read_view(&mut self, id: LayerId, view: View) {
        // A newer view wins: the read of the old one stops at its next page.
        self.database.reads.retain(|r| {
            if r.id == id {
                r.task.cancel();
            }
            r.id != id
        });
        let Some(layer) = self.layers.get(id) else {
            return;
        };
        let (source, style) = (layer.stored.source.clone(), layer.stored.style.clone());
        let painted_style = style.clone();
        let ctx = self.ctx.clone();
        let spawned = Task::spawn(
            "database view",
            move || ctx.request_repaint(),
            move |p| build(&source, &style, p, Some(view)),
        );
        if let Ok(task) = spawned {
            self.database.reads.push(Read {
                id,
                style: painted_style,
                task,
            });
        }
    }

    /// Reads that finished: their features replace the layer's; a failure is said on the
    /// layer, which keeps what it showed and tries again at the next view.
    pub(super) fn poll_database(&mut self) {
        let mut done = Vec::new();
        self.database.reads.retain_mut(|r| match r.task.poll() {
            Poll::Done(result) => {
                done.push((r.id, r.style.clone(), result));
                false
            }
            Poll::Running => true,
            Poll::Lost => false,
        });
        for (id, painted_in, result) in done {
            let Some(Slot::Ready(layer)) = self
                .layers
                .position(id)
                .and_then(|p| self.layers.slots.get_mut(p))
            else {
                continue;
            };
            match result {
                Ok((data, index, world, mut painted)) => {
                    // Painted in the style of when the read began: repainted if it changed.
                    if painted_in != layer.stored.style {
                        painted = crate::layers::style::paint(&layer.stored.style, &data);
                    }
                    // Rows are positions in the features: a new page means new rows.
                    let kept = std::mem::take(&mut layer.table);
                    layer.table = crate::layers::table::TableView::new(data.fields.len());
                    if data.fields.len() == kept.filters.len() {
                        layer.table.quick = kept.quick;
                        layer.table.filters = kept.filters;
                        layer.table.sort = kept.sort;
                    }
                    self.database.replaced.push(id);
                    layer.data = data;
                    layer.index = index;
                    layer.painted = painted;
                    layer.selected.clear();
                    layer.problem = None;
                    self.cache.insert(id, world);
                }
                Err(IoError::Cancelled { .. }) => {}
                Err(e) => layer.problem = Some(e.to_string()),
            }
        }
        if self.database.busy() {
            self.ctx
                .request_repaint_after(std::time::Duration::from_millis(100));
        }
    }
}
