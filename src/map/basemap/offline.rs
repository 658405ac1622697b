//! The embedded offline basemap as a walkers tile source: tiles are rendered on demand from
//! the shipped geodata and kept in memory.

use super::raster::{BaseGeometry, render_tile};
use egui::{ColorImage, Context, Rect, TextureHandle, TextureOptions, pos2};
use std::collections::{HashMap, VecDeque};
use std::sync::Arc;
use walkers::sources::Attribution;
use walkers::{Tile, TileId, TilePiece, Tiles};

/// Texture memory the window's tile cache may hold: 256 tiles of 256 px, 64 of 512 px.
pub const CACHE_BYTES: usize = 64 << 20;
/// Time a frame may spend rendering tiles (one tile takes 4–8 ms in a release build), so
/// that a zoom or a jump never stalls a frame past 16 ms; the rest follow next frame, shown
/// meanwhile as a piece of a coarser tile. The first tile of a frame is always rendered.
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
    /// Texture memory the cache may hold.
    cache_bytes: usize,
    pixels: u32,
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
            cache_bytes: CACHE_BYTES,
            pixels: 256,
        }
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
        self.cache_bytes = usize::MAX;
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
        let pixmap = render_tile(&self.base, tile_id.x, tile_id.y, tile_id.zoom, self.pixels)?;
        let image = ColorImage::from_rgba_premultiplied(
            [pixmap.width() as usize, pixmap.height() as usize],
            pixmap.data(),
        );
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
        Some(texture)
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
        if let Some(texture) = self.cache.get(&tile_id) {
            return Some(TilePiece::new(Tile::Raster(texture.clone()), full));
        }
        let pass = self.ctx.cumulative_pass_nr();
        if pass != self.pass {
            self.pass = pass;
            self.rendered_this_pass = 0;
            self.pass_started = std::time::Instant::now();
            self.deferred = false;
        }
        let in_budget = self
            .budget
            .is_none_or(|b| self.rendered_this_pass == 0 || self.pass_started.elapsed() < b);
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
