//! The embedded offline basemap as a walkers tile source: tiles are rendered on demand from
//! the shipped geodata and kept in memory.

use super::raster::{BaseGeometry, render_tile};
use egui::{ColorImage, Context, Rect, TextureHandle, TextureOptions, pos2};
use std::collections::{HashMap, HashSet, VecDeque};
use std::sync::Arc;
use std::sync::mpsc::{Receiver, Sender, channel};
use walkers::sources::Attribution;
use walkers::{Tile, TileId, TilePiece, Tiles};

/// Texture memory the window's tile cache may hold: 256 tiles of 256 px, 64 of 512 px.
pub const CACHE_BYTES: usize = 64 << 20;
/// Time a frame may spend rendering tiles (one tile takes 4–8 ms in a release build), so
/// that a zoom or a jump never stalls a frame past 16 ms; the rest follow next frame, shown
/// meanwhile as a piece of a coarser tile. A tile starts only if the recent tiles' mean
/// time says it ends within the budget, except the first of a frame, so tiles always come.
const RENDER_BUDGET: std::time::Duration = std::time::Duration::from_millis(6);

/// The offline basemap's land and border come from OpenStreetMap data; rivers and towns
/// from Natural Earth.
pub const ATTRIBUTION: &str =
    "Offline basemap: © OpenStreetMap contributors (ODbL) · Natural Earth";

/// The plan layers, whatever the basemap: required by CC BY 3.0 IGO and MIT.
pub const PLAN_ATTRIBUTION: &str = "Plan layers: geoBoundaries (Runfola et al. 2020), VNM ADM2; source: Government of Viet Nam / OCHA ROAP (CC BY 3.0 IGO) · vietnamadminunits © 2025 Tran Ngoc Minh Hieu (MIT)";

/// The side of a tile rendered for `ppp` physical pixels per point: 256 px tiles cover 256
/// points, so 4 pixels per point (an 8K export) needs 1024 px tiles to be sharp.
pub fn tile_pixels(ppp: f32) -> u32 {
    match ppp {
        p if p > 2.25 => 1024,
        p if p > 1.25 => 512,
        _ => 256,
    }
}

/// A tile asked of the worker: which, at how many pixels a side.
type Ask = (TileId, u32);

/// The thread that renders tiles for the window, newest request first; it answers every
/// request, with `None` for one it dropped as stale, so that it can be asked again.
struct Worker {
    asks: Sender<Ask>,
    answers: Receiver<(Ask, Option<ColorImage>)>,
    /// What [`OfflineTiles::wait`] received, for the next frame.
    received: Vec<(Ask, Option<ColorImage>)>,
    in_flight: HashSet<Ask>,
}

/// Requests beyond this many waiting are stale (the view has moved on): dropped, oldest
/// first.
const MAX_WAITING: usize = 48;

impl Worker {
    fn start(base: Arc<BaseGeometry>, ctx: Context) -> Option<Worker> {
        let (asks, inbox) = channel::<Ask>();
        let (reply, answers) = channel();
        std::thread::Builder::new()
            .name("offline tiles".to_owned())
            .spawn(move || {
                let mut waiting: Vec<Ask> = Vec::new();
                loop {
                    if waiting.is_empty() {
                        match inbox.recv() {
                            Ok(ask) => waiting.push(ask),
                            Err(_) => return,
                        }
                    }
                    waiting.extend(inbox.try_iter());
                    if waiting.len() > MAX_WAITING {
                        let stale = waiting.len() - MAX_WAITING;
                        for ask in waiting.drain(..stale) {
                            let _ = reply.send((ask, None));
                        }
                    }
                    let Some(ask @ (id, pixels)) = waiting.pop() else {
                        continue;
                    };
                    let image = render_tile(&base, id.x, id.y, id.zoom, pixels).map(|p| {
                        ColorImage::from_rgba_premultiplied(
                            [p.width() as usize, p.height() as usize],
                            p.data(),
                        )
                    });
                    if reply.send((ask, image)).is_err() {
                        return;
                    }
                    ctx.request_repaint();
                }
            })
            .ok()?;
        Some(Worker {
            asks,
            answers,
            received: Vec::new(),
            in_flight: HashSet::new(),
        })
    }
}

pub struct OfflineTiles {
    base: Arc<BaseGeometry>,
    ctx: Context,
    cache: HashMap<TileId, TextureHandle>,
    order: VecDeque<TileId>,
    pass: u64,
    rendered_this_pass: usize,
    /// `None`: no limit (export).
    budget: Option<std::time::Duration>,
    pass_started: std::time::Instant,
    /// Whether a tile asked for in the last pass waits for a later frame.
    deferred: bool,
    /// A moving mean of the time one tile takes to render here.
    tile_time: std::time::Duration,
    /// Texture memory the cache may hold.
    cache_bytes: usize,
    pixels: u32,
    /// Renders tiles off the UI thread (the window); `None` renders them in the frame.
    worker: Option<Worker>,
}

impl OfflineTiles {
    pub fn new(base: Arc<BaseGeometry>, ctx: Context) -> Self {
        Self {
            base,
            ctx,
            cache: HashMap::new(),
            order: VecDeque::new(),
            pass: u64::MAX,
            rendered_this_pass: 0,
            budget: Some(RENDER_BUDGET),
            pass_started: std::time::Instant::now(),
            deferred: false,
            tile_time: std::time::Duration::ZERO,
            cache_bytes: CACHE_BYTES,
            pixels: 256,
            worker: None,
        }
    }

    /// Renders tiles on a worker thread from now on: a frame never waits for one, and shows
    /// a coarser tile's piece until it comes. Pictures and tests keep rendering in the
    /// frame, so that what they see is complete. Without a thread, tiles stay in the frame.
    pub fn render_in_background(&mut self) {
        self.worker = Worker::start(self.base.clone(), self.ctx.clone());
    }

    /// Tiles are rendered at the display's (or the exported picture's) pixel density so
    /// they stay crisp.
    pub fn set_pixels_per_point(&mut self, ppp: f32) {
        let pixels = tile_pixels(ppp);
        if pixels != self.pixels {
            self.pixels = pixels;
            self.cache.clear();
            self.order.clear();
        }
    }

    /// Renders every asked-for tile at once and keeps them all: for offscreen export, where
    /// no frame rate matters, the picture must be complete, and the composition (with its
    /// cache) lives only as long as the picture.
    pub fn render_without_budget(&mut self) {
        self.budget = None;
        self.worker = None;
        self.cache_bytes = usize::MAX;
    }

    /// Keeps at most `bytes` of tiles (the oldest go first): a video's flights cross many
    /// zooms, and its frames must not grow memory without end.
    pub fn limit_cache(&mut self, bytes: usize) {
        self.cache_bytes = bytes;
    }

    /// How many tiles of the current size the cache holds at most.
    pub fn cache_capacity(&self) -> usize {
        let tile = self.pixels as usize * self.pixels as usize * 4;
        (self.cache_bytes / tile).max(1)
    }

    /// Whether every tile the last frame asked for was drawn (none left for a later frame).
    pub fn complete(&self) -> bool {
        !self.deferred
    }

    pub fn cached_tiles(&self) -> usize {
        self.cache.len()
    }

    fn render(&mut self, tile_id: TileId) -> Option<TextureHandle> {
        let started = std::time::Instant::now();
        let pixmap = render_tile(&self.base, tile_id.x, tile_id.y, tile_id.zoom, self.pixels)?;
        self.tile_time = (self.tile_time * 3 + started.elapsed()) / 4;
        let image = ColorImage::from_rgba_premultiplied(
            [pixmap.width() as usize, pixmap.height() as usize],
            pixmap.data(),
        );
        Some(self.keep(tile_id, image))
    }

    /// Blocks until the worker answers a request or `timeout` passes (for tests, which wait
    /// on the worker rather than sleep); the next frame takes the tile.
    pub fn wait(&mut self, timeout: std::time::Duration) {
        if let Some(worker) = &mut self.worker
            && let Ok(answer) = worker.answers.recv_timeout(timeout)
        {
            worker.received.push(answer);
        }
    }

    /// The worker's finished tiles, into the cache; a dropped request may be asked again.
    fn collect(&mut self) {
        let Some(worker) = &mut self.worker else {
            return;
        };
        let mut answers: Vec<(Ask, Option<ColorImage>)> = std::mem::take(&mut worker.received);
        answers.extend(worker.answers.try_iter());
        for (ask, image) in answers {
            if let Some(w) = &mut self.worker {
                w.in_flight.remove(&ask);
            }
            if let Some(image) = image.filter(|_| ask.1 == self.pixels) {
                let _ = self.keep(ask.0, image);
            }
        }
    }

    fn keep(&mut self, tile_id: TileId, image: ColorImage) -> TextureHandle {
        let texture = self.ctx.load_texture(
            format!("offline-{}-{}-{}", tile_id.zoom, tile_id.x, tile_id.y),
            image,
            TextureOptions::LINEAR,
        );
        if self.order.len() >= self.cache_capacity()
            && let Some(old) = self.order.pop_front()
        {
            self.cache.remove(&old);
        }
        self.order.push_back(tile_id);
        self.cache.insert(tile_id, texture.clone());
        texture
    }

    /// The part of the nearest coarser cached tile that covers `tile_id`.
    fn coarser(&self, tile_id: TileId) -> Option<TilePiece> {
        (0..tile_id.zoom).rev().find_map(|zoom| {
            let d = 1u32 << (tile_id.zoom - zoom);
            let parent = TileId {
                x: tile_id.x / d,
                y: tile_id.y / d,
                zoom,
            };
            let texture = self.cache.get(&parent)?;
            let step = 1.0 / d as f32;
            let (u, v) = ((tile_id.x % d) as f32 * step, (tile_id.y % d) as f32 * step);
            Some(TilePiece::new(
                Tile::Raster(texture.clone()),
                Rect::from_min_max(pos2(u, v), pos2(u + step, v + step)),
            ))
        })
    }
}

impl Tiles for OfflineTiles {
    fn at(&mut self, tile_id: TileId) -> Option<TilePiece> {
        let full = Rect::from_min_max(pos2(0.0, 0.0), pos2(1.0, 1.0));
        // Each pass starts afresh, cached tiles or not: `complete` then speaks of this
        // pass (a pass drawn wholly from the cache leaves nothing deferred), and tiles the
        // worker finished meanwhile are taken.
        let pass = self.ctx.cumulative_pass_nr();
        if pass != self.pass {
            self.pass = pass;
            self.rendered_this_pass = 0;
            self.pass_started = std::time::Instant::now();
            self.deferred = false;
            self.collect();
        }
        if let Some(texture) = self.cache.get(&tile_id) {
            return Some(TilePiece::new(Tile::Raster(texture.clone()), full));
        }
        let pixels = self.pixels;
        if let Some(worker) = &mut self.worker {
            let ask = (tile_id, pixels);
            if worker.in_flight.contains(&ask) || worker.asks.send(ask).is_ok() {
                worker.in_flight.insert(ask);
                self.deferred = true;
                return self.coarser(tile_id);
            }
            // The thread is gone: tiles are rendered in the frame again.
            self.worker = None;
        }
        let in_budget = self.budget.is_none_or(|b| {
            self.rendered_this_pass == 0 || self.pass_started.elapsed() + self.tile_time <= b
        });
        if in_budget {
            self.rendered_this_pass += 1;
            let texture = self.render(tile_id)?;
            return Some(TilePiece::new(Tile::Raster(texture), full));
        }
        self.deferred = true;
        self.ctx.request_repaint();
        self.coarser(tile_id)
    }

    fn attribution(&self) -> Attribution {
        Attribution {
            text: ATTRIBUTION,
            url: "https://www.openstreetmap.org/copyright",
            logo_light: None,
            logo_dark: None,
        }
    }

    fn tile_size(&self) -> u32 {
        256
    }
}
