//! Identify on a user layer: the atlas's own spatial index (the features' boxes in an
//! R-tree), built off the UI thread, so a click touches only the features near the pointer
//! and walks their own edges. A database view arrives in pages: each page's tree is built
//! on the reading thread and the layer's index is the list of them (adding a page costs the
//! frame a push, not a rebuild), until the read ends with one tree of every box.

use crate::atlas::index::SpatialIndex;
use crate::sources::UserLayer;
use geo::{BoundingRect, Coord, Geometry};
use std::sync::Arc;

#[derive(Clone)]
pub struct FeatureIndex {
    /// Each part's tree and the position in the layer of its first feature.
    parts: Vec<(usize, Arc<SpatialIndex>)>,
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

/// The box around two boxes.
fn union(a: Option<geo::Rect<f64>>, b: Option<geo::Rect<f64>>) -> Option<geo::Rect<f64>> {
    match (a, b) {
        (Some(a), Some(b)) => Some(geo::Rect::new(
            geo::coord! { x: a.min().x.min(b.min().x), y: a.min().y.min(b.min().y) },
            geo::coord! { x: a.max().x.max(b.max().x), y: a.max().y.max(b.max().y) },
        )),
        (a, b) => a.or(b),
    }
}

impl FeatureIndex {
    pub fn new(layer: &UserLayer) -> FeatureIndex {
        FeatureIndex {
            parts: vec![(
                0,
                Arc::new(SpatialIndex::of_geometries(
                    layer.features.iter().map(|f| f.geometry.as_ref()),
                )),
            )],
            bbox: layer.bbox(),
        }
    }

    /// The index of features by their boxes alone (`None`: no geometry), one tree: the
    /// same tree [`FeatureIndex::new`] builds of their layer.
    pub fn of_boxes(boxes: &[Option<geo::Rect<f64>>]) -> FeatureIndex {
        let rects: Vec<Option<Geometry<f64>>> =
            boxes.iter().map(|b| b.map(Geometry::Rect)).collect();
        FeatureIndex {
            parts: vec![(
                0,
                Arc::new(SpatialIndex::of_geometries(
                    rects.iter().map(Option::as_ref),
                )),
            )],
            bbox: boxes.iter().copied().fold(None, union),
        }
    }

    /// The features' boxes, for [`FeatureIndex::of_boxes`].
    pub fn boxes(layer: &UserLayer) -> impl Iterator<Item = Option<geo::Rect<f64>>> + '_ {
        layer
            .features
            .iter()
            .map(|f| f.geometry.as_ref().and_then(BoundingRect::bounding_rect))
    }

    /// Adds the index of a page whose first feature is at position `offset` of the layer.
    pub fn append(&mut self, offset: usize, page: &FeatureIndex) {
        self.parts.extend(
            page.parts
                .iter()
                .map(|(o, tree)| (offset + o, tree.clone())),
        );
        self.bbox = union(self.bbox, page.bbox);
    }

    /// The layer's lon/lat box, computed once with the index (not on the UI thread).
    pub fn bbox(&self) -> Option<geo::Rect<f64>> {
        self.bbox
    }

    /// The feature at `at` (lon/lat) within `tolerance_m` metres, by position in the layer.
    pub fn pick(&self, layer: &UserLayer, at: Coord, tolerance_m: f64) -> Option<usize> {
        let candidate = |i: usize| {
            let g = layer.features.get(i)?.geometry.as_ref()?;
            Some((g, priority(g)))
        };
        let winners: Vec<usize> = self
            .parts
            .iter()
            .filter_map(|(offset, tree)| {
                Some(offset + tree.pick_by(at, tolerance_m, |i| candidate(offset + i))?)
            })
            .collect();
        match winners.as_slice() {
            [] => None,
            [one] => Some(*one),
            // The pages' own winners, chosen between by the same rule.
            _ => {
                let geometries = winners.iter().map(|&i| candidate(i).map(|(g, _)| g));
                SpatialIndex::of_geometries(geometries)
                    .pick_by(at, tolerance_m, |k| candidate(*winners.get(k)?))
                    .and_then(|k| winners.get(k).copied())
            }
        }
    }

    /// The layer's vertex nearest `at` within `tolerance_m` metres (measure snapping).
    pub fn nearest_vertex(&self, layer: &UserLayer, at: Coord, tolerance_m: f64) -> Option<Coord> {
        let cos_lat = at.y.to_radians().cos().max(0.01);
        let square = |c: &Coord| ((c.x - at.x) * cos_lat).powi(2) + (c.y - at.y).powi(2);
        self.parts
            .iter()
            .filter_map(|(offset, tree)| {
                tree.nearest_vertex_by(at, tolerance_m, |i| {
                    layer.features.get(offset + i)?.geometry.as_ref()
                })
            })
            .min_by(|a, b| square(a).total_cmp(&square(b)))
    }

    /// Features whose bounds meet the lon/lat box: what a view of it may draw.
    pub fn intersecting(&self, min: Coord, max: Coord) -> impl Iterator<Item = usize> + '_ {
        self.parts
            .iter()
            .flat_map(move |(offset, tree)| tree.intersecting(min, max).map(move |i| offset + i))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sources::{Crs, Format, UserFeature};

    fn points(xs: &[f64]) -> UserLayer {
        UserLayer {
            path: "p".to_owned(),
            format: Format::PostGis,
            crs: Crs::Wgs84,
            fields: Vec::new(),
            features: xs
                .iter()
                .map(|&x| UserFeature {
                    geometry: Some(Geometry::Point(geo::Point::new(x, 21.8))),
                    values: Vec::new(),
                })
                .collect(),
            skipped: 0,
            warnings: Vec::new(),
        }
    }

    #[test]
    fn an_index_of_pages_finds_what_one_index_of_the_whole_layer_finds() {
        let whole = points(&[106.0, 106.1, 106.2, 106.3, 106.4]);
        let mut paged = FeatureIndex::new(&points(&[106.0, 106.1]));
        paged.append(2, &FeatureIndex::new(&points(&[106.2, 106.3, 106.4])));
        let one = FeatureIndex::of_boxes(&FeatureIndex::boxes(&whole).collect::<Vec<_>>());
        let (sw, ne) = (Coord { x: 106.05, y: 21.0 }, Coord { x: 106.35, y: 22.0 });
        let mut found: Vec<usize> = paged.intersecting(sw, ne).collect();
        found.sort_unstable();
        assert_eq!(found, vec![1, 2, 3]);
        let mut in_one: Vec<usize> = one.intersecting(sw, ne).collect();
        in_one.sort_unstable();
        assert_eq!(in_one, found);
        assert_eq!(paged.bbox(), one.bbox());
        // 100 m east of the fourth point, with the third and fifth 10 km away.
        let at = Coord {
            x: 106.301,
            y: 21.8,
        };
        assert_eq!(paged.pick(&whole, at, 200.0), Some(3));
        assert_eq!(one.pick(&whole, at, 200.0), Some(3));
        assert_eq!(paged.pick(&whole, at, 50.0), None);
        // Between the two pages' nearest points (5 km apart from each other's side): the
        // nearer of the pages' winners.
        let between = |x: f64| paged.pick(&whole, Coord { x, y: 21.8 }, 6_000.0);
        assert_eq!((between(106.148), between(106.152)), (Some(1), Some(2)));
        assert_eq!(
            paged.nearest_vertex(
                &whole,
                Coord {
                    x: 106.099,
                    y: 21.8
                },
                200.0
            ),
            Some(Coord { x: 106.1, y: 21.8 })
        );
    }
}
