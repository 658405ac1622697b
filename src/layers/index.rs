//! Identify on a user layer: the atlas's own spatial index (the features' boxes in an
//! R-tree), built once when the layer loads, so a click touches only the features near the
//! pointer and walks their own edges.

use crate::atlas::index::SpatialIndex;
use crate::sources::UserLayer;
use geo::{Coord, Geometry};

pub struct FeatureIndex {
    index: SpatialIndex,
    bbox: Option<geo::Rect<f64>>,
}

/// Points over lines over polygons, as for the plan's features.
fn priority(geometry: &Geometry<f64>) -> u8 {
    match geometry {
        Geometry::Point(_) | Geometry::MultiPoint(_) => 3,
        Geometry::Line(_) | Geometry::LineString(_) | Geometry::MultiLineString(_) => 2,
        Geometry::Polygon(_)
        | Geometry::MultiPolygon(_)
        | Geometry::Rect(_)
        | Geometry::Triangle(_)
        | Geometry::GeometryCollection(_) => 1,
    }
}

impl FeatureIndex {
    pub fn new(layer: &UserLayer) -> FeatureIndex {
        FeatureIndex {
            index: SpatialIndex::of_geometries(layer.features.iter().map(|f| f.geometry.as_ref())),
            bbox: layer.bbox(),
        }
    }

    /// The layer's lon/lat box, computed once with the index (not on the UI thread).
    pub fn bbox(&self) -> Option<geo::Rect<f64>> {
        self.bbox
    }

    /// The feature at `at` (lon/lat) within `tolerance_m` metres, by position in the layer.
    pub fn pick(&self, layer: &UserLayer, at: Coord, tolerance_m: f64) -> Option<usize> {
        self.index.pick_by(at, tolerance_m, |i| {
            let g = layer.features.get(i)?.geometry.as_ref()?;
            Some((g, priority(g)))
        })
    }

    /// The layer's vertex nearest `at` within `tolerance_m` metres (measure snapping).
    pub fn nearest_vertex(&self, layer: &UserLayer, at: Coord, tolerance_m: f64) -> Option<Coord> {
        self.index.nearest_vertex_by(at, tolerance_m, |i| {
            layer.features.get(i)?.geometry.as_ref()
        })
    }

    /// Features whose bounds meet the lon/lat box: what a view of it may draw.
    pub fn intersecting(&self, min: Coord, max: Coord) -> impl Iterator<Item = usize> + '_ {
        self.index.intersecting(min, max)
    }
}
