//! The map as the window holds it between frames: where it looks (walkers' memory and the
//! home it falls back to), a box waiting to be framed until the map's size is known, what
//! the map said last frame, its basemaps and the plan's drawing cache. The app owns one;
//! every move of the view goes through these methods.

use super::basemap::Basemaps;
use super::cache::GeometryCache;
use super::mercator::{self, ViewTarget};
use super::plan_layer::MapOutput;
use crate::atlas::{Atlas, FeatureId};
use egui::Rect;
use geo::{BoundingRect, Coord};
use walkers::{MapMemory, Position, lon_lat};

/// Half the side, in degrees, of the box a commune is framed in (about 2 km).
const COMMUNE_BOX: f64 = 0.02;
/// Degrees of context around a point feature when zooming to it (a few kilometres).
const POINT_PAD: f64 = 0.03;
/// Degrees around a reader's layer or rows when framing them, so edges are not cut.
const LAYER_PAD: f64 = 0.002;
/// The zoom a point chosen in search is shown at: a few kilometres around it, with the
/// roads and the district's names.
pub const POINT_ZOOM: f64 = 12.0;
/// The zoom the window opens at: the whole province.
const START_ZOOM: f64 = 9.0;

pub struct MapPane {
    pub basemaps: Basemaps,
    pub cache: GeometryCache,
    pub memory: MapMemory,
    /// What the map said in the last frame (its view, the pointer, a click).
    pub out: MapOutput,
    /// Where the map looks until it is dragged: the province's centre.
    pub home: Position,
    /// Lon/lat box to frame as soon as the map's size is known.
    pending_fit: Option<(Coord, Coord)>,
}

impl MapPane {
    /// A map over `atlas`'s province, framed on it at the first frame.
    pub fn new(basemaps: Basemaps, atlas: &Atlas) -> Self {
        let bounds = province_bounds(atlas);
        let home = bounds.map_or(lon_lat(106.6, 21.85), |(a, b)| {
            lon_lat((a.x + b.x) / 2.0, (a.y + b.y) / 2.0)
        });
        let mut memory = MapMemory::default();
        let _ = memory.set_zoom(START_ZOOM);
        Self {
            basemaps,
            cache: GeometryCache::new(),
            memory,
            out: MapOutput::default(),
            home,
            pending_fit: bounds,
        }
    }

    pub fn zoom(&self) -> f64 {
        self.memory.zoom()
    }

    /// Moves the map to a view at once.
    pub fn set_view(&mut self, view: ViewTarget) {
        let _ = self.memory.set_zoom(view.zoom.clamp(3.0, 18.0));
        let center = mercator::from_world(view.center);
        self.memory.center_at(lon_lat(center.x, center.y));
    }

    pub fn current_view(&self) -> ViewTarget {
        let center = self.memory.detached().unwrap_or(self.home);
        ViewTarget {
            center: mercator::to_world(Coord {
                x: center.x(),
                y: center.y(),
            }),
            zoom: self.memory.zoom(),
        }
    }

    /// Frames a lon/lat box (south-west, north-east) at the next frame; `None` keeps the
    /// view where it is.
    pub fn frame(&mut self, bounds: Option<(Coord, Coord)>) {
        self.pending_fit = bounds;
    }

    /// Frames a reader's layer or rows, with a little room around them.
    pub fn frame_rect(&mut self, rect: Option<geo::Rect<f64>>) {
        if let Some(r) = rect {
            let pad = Coord {
                x: LAYER_PAD,
                y: LAYER_PAD,
            };
            self.frame(Some((r.min() - pad, r.max() + pad)));
        }
    }

    /// Frames a square of `half` degrees around a point.
    pub fn frame_around(&mut self, p: Coord, half: f64) {
        let d = Coord { x: half, y: half };
        self.frame(Some((p - d, p + d)));
    }

    pub fn frame_commune(&mut self, p: Coord) {
        self.frame_around(p, COMMUNE_BOX);
    }

    /// A unit of 2025 is framed wider than a commune: it joins several.
    pub fn frame_unit(&mut self, p: Coord) {
        self.frame_around(p, COMMUNE_BOX * 2.0);
    }

    pub fn frame_province(&mut self, atlas: &Atlas) {
        self.frame(province_bounds(atlas));
    }

    /// A point (a gate, VSIP) is shown where one sees where it is: its district and roads
    /// around it, not the inside of a fill; a shape is framed whole.
    pub fn zoom_to_feature(&mut self, atlas: &Atlas, id: &FeatureId) {
        let Some(rect) = atlas
            .get(id)
            .and_then(|f| f.geometry.as_ref())
            .and_then(|g| g.bounding_rect())
        else {
            return;
        };
        if rect.width() < 1e-6 && rect.height() < 1e-6 {
            self.set_view(ViewTarget {
                center: mercator::to_world(rect.center()),
                zoom: POINT_ZOOM,
            });
        } else {
            let pad = if rect.width() < 1e-6 { POINT_PAD } else { 0.0 };
            let d = Coord { x: pad, y: pad };
            self.frame(Some((rect.min() - d, rect.max() + d)));
        }
    }

    /// Frames the box that waited for the map's size, now that it is `rect`, filling
    /// `fill` of it.
    pub fn fit_pending(&mut self, rect: Rect, fill: f64) {
        if let Some(bounds) = self.pending_fit.take() {
            self.set_view(ViewTarget::fitting(rect, bounds, fill));
        }
    }
}

fn province_bounds(atlas: &Atlas) -> Option<(Coord, Coord)> {
    let rect = atlas.province()?.geometry.as_ref()?.bounding_rect()?;
    Some((rect.min(), rect.max()))
}
