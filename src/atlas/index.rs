//! Spatial index over feature bounds, and picking the feature under a point.

use super::feature::Feature;
use super::kind::LayerKind;
use geo::{BoundingRect, Coord, Geometry};
use rstar::primitives::{GeomWithData, Line, Rectangle};
use rstar::{AABB, Envelope, RTree, RTreeObject};

type Entry = GeomWithData<Rectangle<[f64; 2]>, usize>;

/// Metres per degree of latitude; close enough for picking tolerances at 22° N.
const METRES_PER_DEGREE: f64 = 111_320.0;

/// R-tree of the bounding boxes of every located feature, in longitude/latitude, and, for
/// the plan's few features, R-tree of every edge of their lines and rings: picking then
/// touches only the edges near the pointer (and, for "inside", the few a ray from it
/// crosses), never a whole polygon. A reader's layer has the boxes only: an edge tree costs
/// some 120 bytes an edge (450 MB for 660 detailed districts), where a pick that walks the
/// few candidate features' own edges takes microseconds.
pub struct SpatialIndex {
    tree: RTree<Entry>,
    edges: Option<RTree<Edge>>,
}

/// One edge of a feature's lines or rings, with the feature's position.
type Edge = GeomWithData<Line<[f64; 2]>, usize>;

impl SpatialIndex {
    pub fn new(features: &[Feature]) -> Self {
        let geometries = features.iter().map(|f| f.geometry.as_ref());
        let edges = geometries
            .clone()
            .enumerate()
            .filter_map(|(i, g)| Some((i, g?)))
            .flat_map(|(i, g)| {
                edges_of(g).into_iter().map(move |l| {
                    Edge::new(Line::new([l.start.x, l.start.y], [l.end.x, l.end.y]), i)
                })
            })
            .collect();
        Self {
            edges: Some(RTree::bulk_load(edges)),
            ..Self::of_geometries(geometries)
        }
    }

    /// The index of any list of geometries (a user layer's), by position in the list: their
    /// boxes only (see [`SpatialIndex`]).
    pub fn of_geometries<'a>(
        geometries: impl Iterator<Item = Option<&'a Geometry<f64>>> + Clone,
    ) -> Self {
        let entries = geometries
            .clone()
            .enumerate()
            .filter_map(|(i, g)| {
                let rect = g?.bounding_rect()?;
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
            edges: None,
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
        self.pick_by(at, tolerance_m, |i| {
            let feature = features.get(i)?;
            if !visible(feature.kind().layer()) {
                return None;
            }
            Some((feature.geometry.as_ref()?, feature.kind().pick_priority()))
        })
    }

    /// The vertex nearest `at` (lon/lat) within `tolerance_m` metres: an end of an edge of
    /// a line or ring, or a point feature. What the measure tool snaps to. An index of boxes
    /// only asks `geometry` for the candidate features' own vertices.
    pub fn nearest_vertex_by<'a>(
        &self,
        at: Coord,
        tolerance_m: f64,
        geometry: impl Fn(usize) -> Option<&'a Geometry<f64>>,
    ) -> Option<Coord> {
        if self.edges.is_some() {
            return self.nearest_vertex(at, tolerance_m);
        }
        let cos_lat = at.y.to_radians().cos().max(0.01);
        let dlat = tolerance_m / METRES_PER_DEGREE;
        let dlon = dlat / cos_lat;
        let near = AABB::from_corners([at.x - dlon, at.y - dlat], [at.x + dlon, at.y + dlat]);
        let metres = |c: Coord| {
            let (x, y) = ((c.x - at.x) * cos_lat, c.y - at.y);
            (x * x + y * y).sqrt() * METRES_PER_DEGREE
        };
        self.tree
            .locate_in_envelope_intersecting(&near)
            .filter_map(|e| geometry(e.data))
            .flat_map(geo::CoordsIter::coords_iter)
            .filter(|c| near.contains_point(&[c.x, c.y]))
            .map(|c| (c, metres(c)))
            .filter(|(_, d)| *d <= tolerance_m)
            .min_by(|a, b| a.1.total_cmp(&b.1))
            .map(|(c, _)| c)
    }

    /// [`SpatialIndex::nearest_vertex_by`] for an index with its edges (the plan's).
    pub fn nearest_vertex(&self, at: Coord, tolerance_m: f64) -> Option<Coord> {
        let cos_lat = at.y.to_radians().cos().max(0.01);
        let dlat = tolerance_m / METRES_PER_DEGREE;
        let dlon = dlat / cos_lat;
        let near = AABB::from_corners([at.x - dlon, at.y - dlat], [at.x + dlon, at.y + dlat]);
        let metres = |c: [f64; 2]| {
            let (x, y) = ((c[0] - at.x) * cos_lat, c[1] - at.y);
            (x * x + y * y).sqrt() * METRES_PER_DEGREE
        };
        let ends = self
            .edges
            .iter()
            .flat_map(|edges| edges.locate_in_envelope_intersecting(&near))
            .flat_map(|e| [e.geom().from, e.geom().to]);
        let points = self
            .tree
            .locate_in_envelope_intersecting(&near)
            .map(|e| e.geom().envelope())
            .filter(|b| b.lower() == b.upper())
            .map(|b| b.lower());
        ends.chain(points)
            .map(|c| (c, metres(c)))
            .filter(|(_, d)| *d <= tolerance_m)
            .min_by(|a, b| a.1.total_cmp(&b.1))
            .map(|(c, _)| Coord { x: c[0], y: c[1] })
    }

    /// The same choice over any geometries: `candidate` gives an indexed geometry and its
    /// priority, or `None` to pass it over (hidden).
    pub fn pick_by<'a>(
        &self,
        at: Coord,
        tolerance_m: f64,
        candidate: impl Fn(usize) -> Option<(&'a Geometry<f64>, u8)>,
    ) -> Option<usize> {
        let cos_lat = at.y.to_radians().cos().max(0.01);
        let dlat = tolerance_m / METRES_PER_DEGREE;
        let dlon = dlat / cos_lat;
        let near = AABB::from_corners([at.x - dlon, at.y - dlat], [at.x + dlon, at.y + dlat]);
        // Distances in a local metric frame centred on `at`.
        let metres = |c: [f64; 2]| {
            let (x, y) = ((c[0] - at.x) * cos_lat, c[1] - at.y);
            (x * x + y * y).sqrt() * METRES_PER_DEGREE
        };
        let edge_metres = |e: &Line<[f64; 2]>| {
            let (ax, ay) = ((e.from[0] - at.x) * cos_lat, e.from[1] - at.y);
            let (bx, by) = ((e.to[0] - at.x) * cos_lat, e.to[1] - at.y);
            let (dx, dy) = (bx - ax, by - ay);
            let len2 = dx * dx + dy * dy;
            let t = if len2 > 0.0 {
                (-(ax * dx + ay * dy) / len2).clamp(0.0, 1.0)
            } else {
                0.0
            };
            let (px, py) = (ax + t * dx, ay + t * dy);
            (px * px + py * py).sqrt() * METRES_PER_DEGREE
        };

        // (feature, distance): the best candidate of each kind of geometry.
        let mut candidates: Vec<(usize, f64)> = Vec::new();
        let mut polygons: Vec<(usize, f64)> = Vec::new(); // (feature, east edge of its box)
        let mut priorities: Vec<(usize, u8)> = Vec::new();
        for entry in self.tree.locate_in_envelope_intersecting(&near) {
            let Some((geometry, priority)) = candidate(entry.data) else {
                continue;
            };
            priorities.push((entry.data, priority));
            match Some(geometry) {
                Some(Geometry::Point(p)) => candidates.push((entry.data, metres([p.x(), p.y()]))),
                Some(Geometry::MultiPoint(mp)) => {
                    let d = mp
                        .iter()
                        .map(|p| metres([p.x(), p.y()]))
                        .fold(f64::MAX, f64::min);
                    candidates.push((entry.data, d));
                }
                Some(Geometry::Polygon(_) | Geometry::MultiPolygon(_)) => {
                    let b = entry.geom().envelope();
                    if b.contains_point(&[at.x, at.y]) {
                        polygons.push((entry.data, b.upper()[0]));
                    }
                }
                Some(_) => {
                    // Lines: the nearest of their edges near the pointer.
                    let d = match &self.edges {
                        Some(edges) => edges
                            .locate_in_envelope_intersecting(&near)
                            .filter(|e| e.data == entry.data)
                            .map(|e| edge_metres(e.geom()))
                            .fold(f64::MAX, f64::min),
                        None => edges_of(geometry)
                            .iter()
                            .filter(|l| {
                                near.intersects(&AABB::from_corners(
                                    [l.start.x, l.start.y],
                                    [l.end.x, l.end.y],
                                ))
                            })
                            .map(|l| {
                                edge_metres(&Line::new([l.start.x, l.start.y], [l.end.x, l.end.y]))
                            })
                            .fold(f64::MAX, f64::min),
                    };
                    candidates.push((entry.data, d));
                }
                None => {}
            }
        }
        // Inside a polygon: a ray from `at` to the east crosses its rings an odd number of
        // times (holes and several parts included).
        if let Some(east) = polygons.iter().map(|(_, e)| *e).reduce(f64::max) {
            let ray = AABB::from_corners([at.x, at.y], [east, at.y]);
            let mut crossings: Vec<(usize, u32)> = polygons.iter().map(|(i, _)| (*i, 0)).collect();
            let crosses = |a: [f64; 2], b: [f64; 2]| {
                (a[1] > at.y) != (b[1] > at.y)
                    && a[0] + (at.y - a[1]) / (b[1] - a[1]) * (b[0] - a[0]) > at.x
            };
            match &self.edges {
                Some(edges) => {
                    for edge in edges.locate_in_envelope_intersecting(&ray) {
                        let Some(slot) = crossings.iter_mut().find(|(i, _)| *i == edge.data) else {
                            continue;
                        };
                        if crosses(edge.geom().from, edge.geom().to) {
                            slot.1 += 1;
                        }
                    }
                }
                // Boxes only: each candidate polygon's own rings.
                None => {
                    for (i, n) in &mut crossings {
                        let Some((geometry, _)) = candidate(*i) else {
                            continue;
                        };
                        *n += edges_of(geometry)
                            .iter()
                            .filter(|l| crosses([l.start.x, l.start.y], [l.end.x, l.end.y]))
                            .count() as u32;
                    }
                }
            }
            candidates.extend(
                crossings
                    .into_iter()
                    .filter(|(_, n)| n % 2 == 1)
                    .map(|(i, _)| (i, 0.0)),
            );
        }
        candidates
            .into_iter()
            .filter(|(_, d)| *d <= tolerance_m)
            .filter_map(|(i, d)| {
                let priority = priorities.iter().find(|(j, _)| *j == i)?.1;
                Some((i, priority, d))
            })
            .max_by(|(_, pa, da), (_, pb, db)| pa.cmp(pb).then(db.total_cmp(da)))
            .map(|(i, _, _)| i)
    }
}

/// Every edge of a geometry's lines and rings.
fn edges_of(geometry: &Geometry<f64>) -> Vec<geo::Line<f64>> {
    let rings = |p: &geo::Polygon<f64>| -> Vec<geo::Line<f64>> {
        std::iter::once(p.exterior())
            .chain(p.interiors())
            .flat_map(|r| r.lines())
            .collect()
    };
    match geometry {
        Geometry::LineString(l) => l.lines().collect(),
        Geometry::MultiLineString(m) => m.iter().flat_map(|l| l.lines()).collect(),
        Geometry::Polygon(p) => rings(p),
        Geometry::MultiPolygon(m) => m.iter().flat_map(rings).collect(),
        Geometry::GeometryCollection(c) => c.iter().flat_map(edges_of).collect(),
        // Points have no edges. The plan's loader refuses the other kinds; a reader's lone
        // segment, rectangle or triangle gets none either, so its outline is not picked or
        // snapped to.
        Geometry::Point(_)
        | Geometry::MultiPoint(_)
        | Geometry::Line(_)
        | Geometry::Rect(_)
        | Geometry::Triangle(_) => Vec::new(),
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

#[cfg(test)]
mod tests {
    use super::*;

    /// The plan's features indexed both ways: with their edges, and by their boxes alone as
    /// a reader's layer is.
    fn both() -> (Vec<Feature>, SpatialIndex, SpatialIndex) {
        let Ok(atlas) = crate::atlas::Atlas::embedded() else {
            panic!("the embedded atlas loads");
        };
        let features = atlas.features().to_vec();
        let with_edges = SpatialIndex::new(&features);
        let boxes = SpatialIndex::of_geometries(features.iter().map(|f| f.geometry.as_ref()));
        (features, with_edges, boxes)
    }

    #[test]
    fn an_index_of_boxes_picks_and_snaps_as_the_one_with_edges() {
        let (features, with_edges, boxes) = both();
        assert!(with_edges.edges.is_some() && boxes.edges.is_none());
        let geometry = |i: usize| features.get(i)?.geometry.as_ref();
        let candidate = |i: usize| {
            let f = features.get(i)?;
            Some((f.geometry.as_ref()?, f.kind().pick_priority()))
        };
        let (mut picked, mut snapped) = (0, 0);
        // A grid over the province, and its districts' own vertices (snapping must find
        // them exactly).
        for gx in 0..40 {
            for gy in 0..40 {
                let at = Coord {
                    x: 106.0 + f64::from(gx) * 0.036,
                    y: 21.3 + f64::from(gy) * 0.031,
                };
                let a = with_edges.pick_by(at, 400.0, candidate);
                assert_eq!(a, boxes.pick_by(at, 400.0, candidate), "at {at:?}");
                picked += usize::from(a.is_some());
                let v = with_edges.nearest_vertex(at, 2_000.0);
                assert_eq!(
                    v,
                    boxes.nearest_vertex_by(at, 2_000.0, geometry),
                    "at {at:?}"
                );
                snapped += usize::from(v.is_some());
            }
        }
        assert!(picked > 500, "the grid lies over the plan: {picked} picks");
        assert!(snapped > 50, "and near its vertices: {snapped} snaps");
    }
}
