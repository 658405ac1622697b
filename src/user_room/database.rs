//! Database layers follow the map: once the view has settled, each visible PostGIS layer
//! reads what the view shows (a new view cancels the read of the old one), and its
//! features are replaced in place as the view's pages arrive (`pages.rs`): the first page
//! replaces the old view's features, later ones are added, and the layer's style, name and
//! table filters stay. A database layer also opens this way: its row has a progress bar
//! until the first page, and the rest of the view follows.

use super::pages::{self, End, Page};
use super::{Event, UserRoom};
use crate::layers::style::Style;
use crate::layers::{LayerId, Slot, Stored};
use crate::sources::postgis::View;
use crate::sources::{self, IoError, Progress};
use crate::task::{Poll, Task};
use std::sync::Arc;
use std::sync::mpsc::{Receiver, RecvTimeoutError, sync_channel};

/// Seconds the view must stay still before database layers read it.
const SETTLE: f64 = 0.3;

struct Read {
    id: LayerId,
    /// The view read (`None`: the first rows of the table, before the map had a view).
    view: Option<View>,
    /// The style the read's features are painted in.
    style: Style,
    task: Task<Result<End, IoError>>,
    pages: Receiver<Page>,
    /// A page [`Database::wait`] received, for the next poll.
    held: Option<Page>,
    /// Pages added to the layer so far (none yet: it shows the old view's features).
    taken: usize,
    /// The read that opens the layer (its slot is `Loading` until the first page).
    opens: bool,
    /// The view is framed on the layer when the read ends (the first layer opened).
    fit: bool,
}

impl Read {
    /// The pages waiting, at most `most`.
    fn take(&mut self, most: usize) -> Vec<Page> {
        let mut taken: Vec<Page> = self.held.take().into_iter().collect();
        while taken.len() < most {
            match self.pages.try_recv() {
                Ok(page) => taken.push(page),
                Err(_) => break,
            }
        }
        taken
    }
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

    /// Blocks until a page of a view or its end arrives, or `timeout` passes (tests wait
    /// on it); the next poll takes it.
    pub fn wait(&mut self, timeout: std::time::Duration) {
        let Some(read) = self.reads.first_mut() else {
            return;
        };
        if read.held.is_some() {
            return;
        }
        match read.pages.recv_timeout(timeout) {
            Ok(page) => read.held = Some(page),
            Err(RecvTimeoutError::Timeout) => {}
            // Every page sent: what is left is the end.
            Err(RecvTimeoutError::Disconnected) => {
                read.task.wait(timeout);
            }
        }
    }

    /// A layer's reads stop (it was removed).
    pub(super) fn forget(&mut self, id: LayerId) {
        self.reads.retain(|r| {
            if r.id == id {
                r.task.cancel();
            }
            r.id != id
        });
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
    fn catch_up(&mut self, id: LayerId, opened_for: Option<View>) {
        if let Some(now) = self.database.read
            && self.layers.get(id).is_some()
            && opened_for != Some(now)
        {
            self.read_view(id, now);
        }
    }

    /// Opens the database layer `stored` as `id`: a read of the map's view (else of the
    /// table's first rows), reporting to `progress` (its row's bar) until the first page.
    pub(super) fn open_database(
        &mut self,
        id: LayerId,
        stored: &Stored,
        progress: Arc<Progress>,
    ) -> std::io::Result<()> {
        let view = self.database.view();
        self.spawn_read(id, stored, view, progress, true)
    }

    fn read_view(&mut self, id: LayerId, view: View) {
        // A newer view wins: the read of the old one stops at its next page.
        self.database.forget(id);
        let Some(layer) = self.layers.get(id) else {
            return;
        };
        let stored = layer.stored.clone();
        let progress = Arc::new(Progress::default());
        // Without a thread the layer keeps what it shows, and tries again at the next view.
        let _ = self.spawn_read(id, &stored, Some(view), progress, false);
    }

    fn spawn_read(
        &mut self,
        id: LayerId,
        stored: &Stored,
        view: Option<View>,
        progress: Arc<Progress>,
        opens: bool,
    ) -> std::io::Result<()> {
        let (tx, rx) = sync_channel(pages::WAITING);
        let uri = stored.source.path.display().to_string();
        let style = stored.style.clone();
        let (ctx, wake) = (self.ctx.clone(), self.ctx.clone());
        let task = Task::spawn_with(
            "database view",
            progress,
            move || wake.request_repaint(),
            move |p| pages::read(&uri, &style, view, p, &tx, &ctx),
        )?;
        self.database.reads.push(Read {
            id,
            view,
            style: stored.style.clone(),
            task,
            pages: rx,
            held: None,
            taken: 0,
            opens,
            fit: false,
        });
        Ok(())
    }

    /// Pages that arrived (at most [`pages::WAITING`] a read and frame while it runs) go to
    /// their layers; reads that ended say so. A failure is said on the layer, which keeps
    /// what it showed and tries again at the next view; a layer that fails to open is a
    /// failed row, as a file is.
    pub(super) fn poll_database(&mut self) -> Vec<Event> {
        let mut events = Vec::new();
        let mut running = Vec::new();
        for mut read in std::mem::take(&mut self.database.reads) {
            let status = read.task.poll();
            // Every page is sent before the end: once it is there, they all are. While a
            // picture or a restyle holds the layer's features, pages wait in the channel
            // (the reader waits for them): appending then would copy the whole layer on
            // the frame. A read that failed before its first page was shown drops its
            // pages: the layer keeps the whole view it had rather than part of the new.
            let shared = read.taken > 0
                && self
                    .layers
                    .get(read.id)
                    .is_some_and(|l| Arc::strong_count(&l.data) > 1);
            let failed = match &status {
                Poll::Done(Err(IoError::Cancelled { .. })) | Poll::Running => false,
                Poll::Done(result) => result.is_err(),
                Poll::Lost => true,
            };
            let most = match status {
                Poll::Running if shared => 0,
                Poll::Running => pages::WAITING,
                Poll::Done(_) | Poll::Lost if failed && read.taken == 0 && !read.opens => 0,
                Poll::Done(_) | Poll::Lost => usize::MAX,
            };
            for page in read.take(most) {
                self.take_page(&mut read, page, &mut events);
            }
            match status {
                Poll::Running => running.push(read),
                Poll::Done(result) => self.end_read(read, Some(result), &mut events),
                Poll::Lost => self.end_read(read, None, &mut events),
            }
        }
        // Reads started meanwhile (a layer catching up with the view) stay with the rest.
        running.append(&mut self.database.reads);
        self.database.reads = running;
        if self.database.busy() {
            self.ctx
                .request_repaint_after(std::time::Duration::from_millis(100));
        }
        events
    }

    fn take_page(&mut self, read: &mut Read, page: Page, events: &mut Vec<Event>) {
        let id = read.id;
        read.taken += 1;
        if read.opens && read.taken == 1 {
            let built = (
                Arc::new(page.layer),
                Arc::new(page.index),
                Arc::new(page.world),
                page.painted,
            );
            // The first layer opened is framed when its view is read whole, not on its
            // first page's rows.
            match self.finish(id, Some(Ok(built))) {
                Some(Event::Fit(_)) => read.fit = true,
                Some(other) => events.push(other),
                None => {}
            }
            return;
        }
        let Some(Slot::Ready(layer)) = self
            .layers
            .position(id)
            .and_then(|p| self.layers.slots.get_mut(p))
        else {
            return;
        };
        if read.taken == 1 {
            // Rows are positions in the features: a new view means new rows.
            let kept = std::mem::take(&mut layer.table);
            layer.table = crate::layers::table::TableView::new(page.layer.fields.len());
            if page.layer.fields.len() == kept.filters.len() {
                layer.table.quick = kept.quick;
                layer.table.filters = kept.filters;
                layer.table.sort = kept.sort;
            }
            self.database.replaced.push(id);
            layer.data = Arc::new(page.layer);
            layer.index = Arc::new(page.index);
            layer.selected.clear();
            layer.problem = None;
            self.cache.insert(id, Arc::new(page.world));
        } else {
            // Unshared (as it is unless a picture or a restyle holds it), the layer grows
            // in place: the page's features are moved in, nothing is rebuilt.
            let offset = layer.data.features.len();
            sources::postgis::append(Arc::make_mut(&mut layer.data), page.layer);
            Arc::make_mut(&mut layer.index).append(offset, &page.index);
            self.cache.append(id, &page.world);
        }
        if read.taken == 1 || read.style == layer.stored.style {
            layer.painted = page.painted;
        } else {
            // Restyled while the read runs: the new features take the read's colours
            // until the end paints the layer in its style.
            let have = layer.painted.colours.len().min(page.painted.colours.len());
            layer
                .painted
                .colours
                .extend_from_slice(&page.painted.colours[have..]);
        }
    }

    fn end_read(
        &mut self,
        read: Read,
        result: Option<Result<End, IoError>>,
        events: &mut Vec<Event>,
    ) {
        let id = read.id;
        let opening = read.opens && read.taken == 0;
        if opening {
            // No page: the layer did not open (a fault, a question, a cancel).
            let outcome = match result {
                Some(Err(e)) => Some(Err(e)),
                // A read hands over one page at least: an end without one is a read that
                // stopped, said as a loader that did.
                Some(Ok(_)) | None => None,
            };
            events.extend(self.finish(id, outcome));
            return;
        }
        let Some(layer) = self.layers.get_mut(id) else {
            return;
        };
        match result {
            Some(Ok(end)) => {
                if layer.data.skipped != end.said.skipped
                    || layer.data.warnings != end.said.warnings
                {
                    sources::postgis::finish_pages(Arc::make_mut(&mut layer.data), &end.said);
                }
                layer.index = Arc::new(end.index);
                let style = layer.stored.style.clone();
                let bbox = layer.index.bbox();
                if read.style != style {
                    self.set_style(id, style);
                }
                if read.fit {
                    events.extend(bbox.map(Event::Fit));
                }
                if read.opens {
                    self.catch_up(id, read.view);
                }
            }
            Some(Err(IoError::Cancelled { .. })) => {}
            // A worker that stopped without an answer (it panicked) is said as a failure:
            // the layer may show part of the view.
            None => {
                layer.problem = Some(in_part("the read stopped unexpectedly", read.taken, layer))
            }
            Some(Err(e)) => layer.problem = Some(in_part(&e.to_string(), read.taken, layer)),
        }
    }
}

/// Why a read failed, and, when some of its pages were shown, that the layer shows only
/// part of the view.
fn in_part(why: &str, pages_shown: usize, layer: &crate::layers::Loaded) -> String {
    match pages_shown {
        0 => why.to_owned(),
        _ => format!(
            "{why}; the view was read in part: {} features shown",
            layer.data.features.len()
        ),
    }
}

#[cfg(test)]
#[path = "database_tests.rs"]
mod tests;
