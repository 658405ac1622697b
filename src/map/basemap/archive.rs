//! A PMTiles archive (raster, or vector tiles drawn in the Protomaps light style) as a
//! walkers tile source, local or on a web server: the
//! archive is opened once (header and root directory), directories are cached, and each
//! tile is one read (one HTTP range request for a remote archive). Reads run on a worker
//! thread with its own small runtime; the frame never waits. Faults are said in words: a
//! server that ignores `Range`, an HTTP error, a server too slow to answer, a file that is
//! not PMTiles; an archive replaced while open (its ETag changes) is opened again. The
//! offline basemap stays underneath whatever happens.

pub use super::archive_source::REQUEST_TIMEOUT;
use super::archive_source::problem;
pub use super::archive_source::{Archive, ArchiveProblem};
use super::tile_decode::{self, Decoded, TileKind};
use egui::{Context, Rect, TextureOptions, pos2};
use pmtiles::{AsyncPmTilesReader, HashMapCache, PmtError, TileCoord};
use std::collections::HashMap;
use std::sync::mpsc::{Receiver, Sender, channel};
use std::sync::{Arc, Mutex};
use std::time::Duration;
use walkers::sources::Attribution;
use walkers::{Tile, TileId, TilePiece, Tiles};

enum Answer {
    Tile(TileId, Option<Decoded>),
    Problem(TileId, ArchiveProblem),
    /// The worker could not start: nothing can be read.
    Broken(ArchiveProblem),
}

/// Seconds before a tile whose read failed for a passing reason (a slow or busy server)
/// is asked for again.
const RETRY_AFTER: Duration = Duration::from_secs(30);

enum Slot {
    Asked,
    /// The read failed for a passing reason: asked again after [`RETRY_AFTER`].
    Failed(std::time::Instant),
    Ready(Tile),
    /// The archive has no such tile.
    Absent,
}

pub struct ArchiveTiles {
    ctx: Context,
    archive: Archive,
    slots: HashMap<TileId, Slot>,
    asks: Sender<TileId>,
    answers: Receiver<Answer>,
    /// The last fault, for the status bar.
    problem: Arc<Mutex<Option<ArchiveProblem>>>,
    /// A lasting fault: nothing more is asked.
    blocked: bool,
    tile_size: u32,
}

type PmReader = AsyncPmTilesReader<Backend, HashMapCache>;

/// An open archive and the kind of tiles it holds.
struct Reader {
    pm: PmReader,
    kind: TileKind,
}

/// The two places an archive can be read from, behind one type.
enum Backend {
    File(pmtiles::MmapBackend),
    Url(pmtiles::HttpBackend),
}

impl pmtiles::AsyncBackend for Backend {
    async fn read(
        &self,
        offset: usize,
        length: usize,
    ) -> pmtiles::PmtResult<pmtiles::BackendResponse> {
        match self {
            Backend::File(b) => b.read(offset, length).await,
            Backend::Url(b) => b.read(offset, length).await,
        }
    }
}

async fn open(archive: &Archive, client: &reqwest::Client) -> Result<Reader, ArchiveProblem> {
    let shown = archive.shown();
    let fail = |e: PmtError| problem(&shown, &e);
    let backend = match archive {
        Archive::File(path) => {
            Backend::File(pmtiles::MmapBackend::try_from(path).await.map_err(fail)?)
        }
        Archive::Url(url) => Backend::Url(
            pmtiles::HttpBackend::try_from(client.clone(), url.as_str()).map_err(fail)?,
        ),
    };
    let pm = AsyncPmTilesReader::try_from_cached_source(backend, HashMapCache::default())
        .await
        .map_err(fail)?;
    match TileKind::of(pm.get_header().tile_type) {
        Some(kind) => Ok(Reader { pm, kind }),
        None => Err(ArchiveProblem::Unsupported(shown.clone())),
    }
}

/// The worker: opens the archive once, then reads each tile asked for (several at a
/// time); a changed archive is opened again, a fault is reported once.
fn work(
    archive: Archive,
    timeout: Duration,
    asks: Receiver<TileId>,
    answers: Sender<Answer>,
    ctx: Context,
) {
    let shown = archive.shown();
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
    {
        Ok(rt) => rt,
        Err(e) => {
            let _ = answers.send(Answer::Broken(ArchiveProblem::Other(shown, e.to_string())));
            return;
        }
    };
    // reqwest asks the process for its TLS provider (ring, as everywhere in the program).
    super::http::install_tls();
    let client = match reqwest::Client::builder()
        .user_agent(concat!("langson-atlas/", env!("CARGO_PKG_VERSION")))
        .timeout(timeout)
        .build()
    {
        Ok(c) => c,
        Err(e) => {
            let _ = answers.send(Answer::Broken(ArchiveProblem::Other(shown, e.to_string())));
            return;
        }
    };
    let reader: Arc<tokio::sync::RwLock<Option<Arc<Reader>>>> = Arc::default();
    let style = Arc::new(tile_decode::style());
    while let Ok(tile) = asks.recv() {
        let (reader, archive, client, answers, ctx, shown, style) = (
            reader.clone(),
            archive.clone(),
            client.clone(),
            answers.clone(),
            ctx.clone(),
            shown.clone(),
            style.clone(),
        );
        runtime.spawn(async move {
            let answer = read_tile(&reader, &archive, &client, tile, &shown, &style).await;
            let _ = answers.send(answer);
            ctx.request_repaint();
        });
    }
}

async fn current(
    slot: &tokio::sync::RwLock<Option<Arc<Reader>>>,
    archive: &Archive,
    client: &reqwest::Client,
    reopen: bool,
) -> Result<Arc<Reader>, ArchiveProblem> {
    if !reopen && let Some(r) = slot.read().await.as_ref() {
        return Ok(r.clone());
    }
    let mut guard = slot.write().await;
    if !reopen && let Some(r) = guard.as_ref() {
        return Ok(r.clone());
    }
    let reader = Arc::new(open(archive, client).await?);
    *guard = Some(reader.clone());
    Ok(reader)
}

async fn read_tile(
    slot: &tokio::sync::RwLock<Option<Arc<Reader>>>,
    archive: &Archive,
    client: &reqwest::Client,
    tile: TileId,
    shown: &str,
    style: &walkers::Style,
) -> Answer {
    let Ok(coord) = TileCoord::new(tile.zoom, tile.x, tile.y) else {
        return Answer::Tile(tile, None);
    };
    let mut reopen = false;
    loop {
        let reader = match current(slot, archive, client, reopen).await {
            Ok(r) => r,
            Err(p) => return Answer::Problem(tile, p),
        };
        match reader.pm.get_tile_decompressed(coord).await {
            Ok(bytes) => {
                let decoded = bytes
                    .as_deref()
                    .and_then(|b| tile_decode::decode(b, reader.kind, tile.zoom, style));
                return Answer::Tile(tile, decoded);
            }
            // The archive was replaced while open: its header and directories are read again.
            Err(PmtError::SourceModified) if !reopen => reopen = true,
            Err(e) => return Answer::Problem(tile, problem(shown, &e)),
        }
    }
}

impl ArchiveTiles {
    pub fn new(archive: Archive, ctx: Context) -> Self {
        Self::with_timeout(archive, REQUEST_TIMEOUT, ctx)
    }

    /// A source whose web requests give up after `timeout`.
    pub fn with_timeout(archive: Archive, timeout: Duration, ctx: Context) -> Self {
        let (asks, worker_asks) = channel();
        let (worker_answers, answers) = channel();
        let (a, c) = (archive.clone(), ctx.clone());
        let _ = std::thread::Builder::new()
            .name("pmtiles".to_owned())
            .spawn(move || work(a, timeout, worker_asks, worker_answers, c));
        Self {
            ctx,
            archive,
            slots: HashMap::new(),
            asks,
            answers,
            problem: Arc::default(),
            blocked: false,
            tile_size: 256,
        }
    }

    pub fn archive(&self) -> &Archive {
        &self.archive
    }

    /// What went wrong with the archive, if anything has.
    pub fn problem(&self) -> Option<ArchiveProblem> {
        self.problem.lock().ok().and_then(|p| p.clone())
    }

    fn take_answers(&mut self) {
        while let Ok(answer) = self.answers.try_recv() {
            self.take(answer);
        }
    }

    fn take(&mut self, answer: Answer) {
        match answer {
            Answer::Tile(id, Some(Decoded::Image(image))) => {
                self.tile_size = image.size[0] as u32;
                let name = format!("pmtiles-{}-{}-{}", id.zoom, id.x, id.y);
                let texture = self.ctx.load_texture(name, image, TextureOptions::LINEAR);
                self.slots.insert(id, Slot::Ready(Tile::Raster(texture)));
            }
            Answer::Tile(id, Some(Decoded::Vector(tile))) => {
                self.tile_size = tile_decode::VECTOR_TILE_SIZE;
                self.slots.insert(id, Slot::Ready(tile));
            }
            Answer::Tile(id, None) => {
                self.slots.insert(id, Slot::Absent);
            }
            Answer::Problem(id, p) => {
                self.blocked |= p.lasting();
                self.slots
                    .insert(id, Slot::Failed(std::time::Instant::now()));
                self.set_problem(p);
            }
            Answer::Broken(p) => {
                self.blocked = true;
                self.set_problem(p);
            }
        }
    }

    fn set_problem(&self, p: ArchiveProblem) {
        if let Ok(mut slot) = self.problem.lock() {
            *slot = Some(p);
        }
    }

    /// A coarser tile already here, cut to `tile_id`'s part of it.
    fn coarser(&self, tile_id: TileId) -> Option<TilePiece> {
        (tile_id.zoom.saturating_sub(4)..tile_id.zoom)
            .rev()
            .find_map(|zoom| {
                let d = 1u32 << (tile_id.zoom - zoom);
                let parent = TileId {
                    x: tile_id.x / d,
                    y: tile_id.y / d,
                    zoom,
                };
                let Some(Slot::Ready(tile)) = self.slots.get(&parent) else {
                    return None;
                };
                let step = 1.0 / d as f32;
                let (u, v) = ((tile_id.x % d) as f32 * step, (tile_id.y % d) as f32 * step);
                Some(TilePiece::new(
                    tile.clone(),
                    Rect::from_min_max(pos2(u, v), pos2(u + step, v + step)),
                ))
            })
    }

    /// Blocks until the worker answers (a tile or a fault) or `timeout` passes; for tests,
    /// which wait on the worker rather than sleep.
    pub fn wait(&mut self, timeout: Duration) {
        if let Ok(answer) = self.answers.recv_timeout(timeout) {
            self.take(answer);
        }
        self.take_answers();
    }

    /// Whether the tile has arrived (or is known to be absent).
    pub fn has(&self, tile_id: TileId) -> bool {
        matches!(
            self.slots.get(&tile_id),
            Some(Slot::Ready(_) | Slot::Absent)
        )
    }

    fn ask(&mut self, tile_id: TileId) {
        // After a lasting fault nothing more is asked: the offline basemap shows.
        if !self.slots.contains_key(&tile_id) && !self.blocked && self.asks.send(tile_id).is_ok() {
            self.slots.insert(tile_id, Slot::Asked);
        }
    }

    /// Tiles asked for and not yet answered.
    pub fn in_progress(&self) -> usize {
        self.slots
            .values()
            .filter(|s| matches!(s, Slot::Asked))
            .count()
    }
}

impl Tiles for ArchiveTiles {
    fn at(&mut self, tile_id: TileId) -> Option<TilePiece> {
        self.take_answers();
        match self.slots.get(&tile_id) {
            Some(Slot::Ready(tile)) => {
                let full = Rect::from_min_max(pos2(0.0, 0.0), pos2(1.0, 1.0));
                Some(TilePiece::new(tile.clone(), full))
            }
            Some(Slot::Asked) => self.coarser(tile_id),
            Some(Slot::Failed(at)) => {
                if at.elapsed() > RETRY_AFTER {
                    self.slots.remove(&tile_id);
                    self.ask(tile_id);
                }
                self.coarser(tile_id)
            }
            Some(Slot::Absent) => {
                // Past the archive's deepest zoom (or a gap in it): its parent, enlarged.
                if tile_id.zoom > 0 {
                    let parent = TileId {
                        x: tile_id.x / 2,
                        y: tile_id.y / 2,
                        zoom: tile_id.zoom - 1,
                    };
                    self.ask(parent);
                }
                self.coarser(tile_id)
            }
            None => {
                self.ask(tile_id);
                self.coarser(tile_id)
            }
        }
    }

    fn attribution(&self) -> Attribution {
        Attribution {
            text: "PMTiles",
            url: "",
            logo_light: None,
            logo_dark: None,
        }
    }

    fn tile_size(&self) -> u32 {
        self.tile_size
    }

    fn stats(&self) -> walkers::Stats {
        walkers::Stats {
            in_progress: self.in_progress(),
        }
    }
}
