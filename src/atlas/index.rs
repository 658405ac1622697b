//! Spatial index over feature bounds, and picking the feature under a point.

use super::feature::Feature;
use super::kind::LayerKind;
use geo::{BoundingRect, Contains, Coord, Distance, Euclidean, Geometry, MapCoords, Point};
use rstar::primitives::{GeomWithData, Rectangle};
use rstar::{AABB, RTree};

type Entry = GeomWithData<Rectangle<[f64; 2]>, usize>;

/// Metres per degree of latitude; close enough for picking tolerances at 22° N.
const METRES_PER_DEGREE: f64 = 111_320.0;

/// R-tree of the bounding boxes of every located feature, in longitude/latitude.
pub struct SpatialIndex {
    tree: RTree<Entry>,
}

impl SpatialIndex {
    pub fn new(features: &[Feature]) -> Self {
        let entries = features
            .iter()
            .enumerate()
            .filter_map(|(i, f)| {
                let rect = f.geometry.as_ref()?.bounding_rect()?;
                Some(Entry::new(
                    Rectangle::from_corners(
                        [rect.min().x, rect.min().y],
                        [rect.max().x, rect.max().y],
                    ),
                    i,
                ))
            })
            .collect();
        Self {
            tree: RTree::bulk_load(entries),
        }
    }

    /// Positions of the features whose bounds meet the given lon/lat box: what a view of
    /// that box may have to draw.
    pub fn intersecting(&self, min: Coord, max: Coord) -> impl Iterator<Item = usize> + '_ {
        self.tree
            .locate_in_envelope_intersecting(&AABB::from_corners([min.x, min.y], [max.x, max.y]))
            .map(|entry| entry.data)
    }

    /// The topmost visible feature at `at` (lon/lat): points within `tolerance_m` metres
    /// win over lines within it, which win over the polygons containing `at`. Among equals
    /// the nearest wins.
    pub fn pick(
        &self,
        features: &[Feature],
        at: Coord,
        tolerance_m: f64,
        visible: impl Fn(LayerKind) -> bool,
    ) -> Option<usize> {
        let cos_lat = at.y.to_radians().cos().max(0.01);
        let dlat = tolerance_m / METRES_PER_DEGREE;
        let dlon = dlat / cos_lat;
        let envelope = AABB::from_corners([at.x - dlon, at.y - dlat], [at.x + dlon, at.y + dlat]);
        // Local metric frame centred on `at`, so that distances come out in metres.
        let to_local = |c: Coord| Coord {
            x: (c.x - at.x) * cos_lat * METRES_PER_DEGREE,
            y: (c.y - at.y) * METRES_PER_DEGREE,
        };
        let origin = Point::new(0.0, 0.0);

        self.tree
            .locate_in_envelope_intersecting(&envelope)
            .filter_map(|entry| {
                let feature = features.get(entry.data)?;
                if !visible(feature.kind().layer()) {
                    return None;
                }
                let geometry = feature.geometry.as_ref()?;
                let distance = match geometry {
                    Geometry::Polygon(_) | Geometry::MultiPolygon(_) => {
                        if geometry.contains(&Point::from(at)) {
                            0.0
                        } else {
                            return None;
                        }
                    }
                    other => Euclidean.distance(&origin, &other.map_coords(to_local)),
                };
                (distance <= tolerance_m).then_some((entry.data, feature, distance))
            })
            .max_by(|(_, a, da), (_, b, db)| {
                a.kind()
                    .pick_priority()
                    .cmp(&b.kind().pick_priority())
                    .then(db.total_cmp(da))
            })
            .map(|(index, _, _)| index)
    }
}

/// R-tree of points (e.g. commune centroids), by position in their list.
pub struct PointIndex {
    tree: RTree<GeomWithData<[f64; 2], usize>>,
}

impl PointIndex {
    pub fn new(points: impl Iterator<Item = Coord>) -> Self {
        Self {
            tree: RTree::bulk_load(
                points
                    .enumerate()
                    .map(|(i, c)| GeomWithData::new([c.x, c.y], i))
                    .collect(),
            ),
        }
    }

    pub fn within(&self, min: Coord, max: Coord) -> impl Iterator<Item = usize> + '_ {
        self.tree
            .locate_in_envelope(&AABB::from_corners([min.x, min.y], [max.x, max.y]))
            .map(|entry| entry.data)
    }
}
