//! Simplification that keeps neighbouring polygons glued together.
//!
//! Simplifying each polygon on its own moves a shared border differently on each side and
//! opens slivers between districts (or between the two countries' land). Here every ring is
//! cut into arcs at the vertices where the set of polygons sharing the edge changes; each
//! arc is simplified once, in a canonical direction, so both neighbours get the same result.

use geo::{Coord, LineString, MapCoords, MultiPolygon, Polygon, Simplify};
use std::collections::HashMap;

type Key = (i64, i64);

fn key(c: Coord) -> Key {
    ((c.x * 1e7).round() as i64, (c.y * 1e7).round() as i64)
}

fn edge_key(a: Coord, b: Coord) -> (Key, Key) {
    let (ka, kb) = (key(a), key(b));
    if ka <= kb { (ka, kb) } else { (kb, ka) }
}

/// Open ring (without the closing duplicate).
fn open(ring: &LineString<f64>) -> Vec<Coord> {
    let mut coords = ring.0.clone();
    if coords.len() > 1 && coords.first() == coords.last() {
        coords.pop();
    }
    coords
}

/// Identifies an arc whichever ring walks it: both ends and the second vertex, in the
/// canonical direction.
type ArcKey = (Key, Key, Key);

/// How many times an arc's tolerance may be quartered before it is kept as it was.
const REPAIR_ROUNDS: usize = 8;

/// Simplifies every polygon of `shapes` with Douglas–Peucker at `tolerance` (in the
/// coordinates' unit) along arcs shared between shapes, then rounds to `decimals`.
///
/// Douglas–Peucker can make a ring cross itself or a neighbour ring (a narrow inlet closes,
/// a spit cuts across a bay). Every arc that takes part in such a crossing is simplified
/// again at a quarter of its tolerance, until each polygon is valid; an arc that never gets
/// there is kept unsimplified. Shared arcs stay shared, since the tolerance belongs to the
/// arc, not to the polygon.
pub fn simplify_shared(
    shapes: &[MultiPolygon<f64>],
    tolerance: f64,
    decimals: i32,
) -> Vec<MultiPolygon<f64>> {
    let mut tolerances: HashMap<ArcKey, f64> = HashMap::new();
    let mut out = Vec::new();
    for round in 0..=REPAIR_ROUNDS {
        let (shapes_out, arcs) = simplify_once(shapes, tolerance, &tolerances);
        out = shapes_out
            .into_iter()
            .map(|m| round_to(m, decimals))
            .collect();
        let crossing = crossing_arcs(&out, &arcs);
        if crossing.is_empty() {
            break;
        }
        for arc in crossing {
            let t = tolerances.entry(arc).or_insert(tolerance);
            *t = if round + 1 == REPAIR_ROUNDS {
                0.0
            } else {
                *t / 4.0
            };
        }
    }
    out
}

fn round_to(shape: MultiPolygon<f64>, decimals: i32) -> MultiPolygon<f64> {
    let scale = 10f64.powi(decimals);
    shape.map_coords(|c| Coord {
        x: (c.x * scale).round() / scale,
        y: (c.y * scale).round() / scale,
    })
}

/// For every output vertex pair (segment), the arc it came from; `None` where no arc did.
type SegmentArcs = HashMap<(Key, Key), ArcKey>;

/// The arcs whose segments cross another segment of the same polygon (its own ring or
/// another ring of it) anywhere but at a shared vertex, or whose polygon is otherwise
/// invalid.
fn crossing_arcs(shapes: &[MultiPolygon<f64>], arcs: &SegmentArcs) -> Vec<ArcKey> {
    use geo::{Line, Validation};
    use rstar::{AABB, RTree, RTreeObject, primitives::GeomWithData};
    let mut found: Vec<ArcKey> = Vec::new();
    for polygon in shapes.iter().flat_map(|m| &m.0) {
        if polygon.is_valid() {
            continue;
        }
        let segments: Vec<GeomWithData<rstar::primitives::Rectangle<[f64; 2]>, Line<f64>>> =
            std::iter::once(polygon.exterior())
                .chain(polygon.interiors())
                .flat_map(|ring| ring.lines())
                .map(|l| {
                    let envelope = AABB::from_corners([l.start.x, l.start.y], [l.end.x, l.end.y]);
                    GeomWithData::new(envelope.into(), l)
                })
                .collect();
        let tree = RTree::bulk_load(segments.clone());
        let mut culprits: Vec<Line<f64>> = Vec::new();
        for s in &segments {
            let l = s.data;
            for other in tree.locate_in_envelope_intersecting(&s.geom().envelope()) {
                let o = other.data;
                let touches_at_end =
                    [l.start, l.end].contains(&o.start) || [l.start, l.end].contains(&o.end);
                if touches_at_end {
                    continue;
                }
                if geo::line_intersection::line_intersection(l, o).is_some() {
                    culprits.push(l);
                }
            }
        }
        if culprits.is_empty() {
            // Invalid without a crossing (a collapsed ring, a repeated point): repair the
            // whole polygon's arcs.
            culprits = std::iter::once(polygon.exterior())
                .chain(polygon.interiors())
                .flat_map(|ring| ring.lines())
                .collect();
        }
        for l in culprits {
            if let Some(arc) = arcs.get(&edge_key(l.start, l.end))
                && !found.contains(arc)
            {
                found.push(*arc);
            }
        }
    }
    found
}

fn simplify_once(
    shapes: &[MultiPolygon<f64>],
    tolerance: f64,
    tolerances: &HashMap<ArcKey, f64>,
) -> (Vec<MultiPolygon<f64>>, SegmentArcs) {
    let arcs_seen = std::cell::RefCell::new(SegmentArcs::new());
    let mut owners: HashMap<(Key, Key), Vec<usize>> = HashMap::new();
    for (shape, multi) in shapes.iter().enumerate() {
        for polygon in &multi.0 {
            for ring in std::iter::once(polygon.exterior()).chain(polygon.interiors()) {
                let coords = open(ring);
                for i in 0..coords.len() {
                    let e = edge_key(coords[i], coords[(i + 1) % coords.len()]);
                    let list = owners.entry(e).or_default();
                    if !list.contains(&shape) {
                        list.push(shape);
                    }
                }
            }
        }
    }
    let simplify_ring = |ring: &LineString<f64>| -> LineString<f64> {
        let coords = open(ring);
        let n = coords.len();
        if n < 4 {
            return ring.clone();
        }
        let owner_of = |i: usize| owners.get(&edge_key(coords[i], coords[(i + 1) % n]));
        let mut fixed: Vec<usize> = (0..n)
            .filter(|&i| owner_of((i + n - 1) % n) != owner_of(i))
            .collect();
        if fixed.is_empty() {
            // An island or a ring wholly shared with one neighbour: anchor it at its
            // lowest vertex and at the one farthest from it, both independent of where the
            // ring happens to start.
            let start = (0..n).min_by_key(|&i| key(coords[i])).unwrap_or(0);
            let far = (0..n)
                .max_by(|&a, &b| {
                    let d = |i: usize| {
                        let (dx, dy) =
                            (coords[i].x - coords[start].x, coords[i].y - coords[start].y);
                        dx * dx + dy * dy
                    };
                    d(a).total_cmp(&d(b))
                        .then(key(coords[b]).cmp(&key(coords[a])))
                })
                .unwrap_or(n / 2);
            fixed = vec![start.min(far), start.max(far)];
            fixed.dedup();
        }
        let mut out: Vec<Coord> = Vec::with_capacity(n);
        for (k, &from) in fixed.iter().enumerate() {
            let to = fixed[(k + 1) % fixed.len()];
            let mut arc = vec![coords[from]];
            let mut i = from;
            loop {
                i = (i + 1) % n;
                arc.push(coords[i]);
                if i == to {
                    break;
                }
            }
            let arc_key = canonical_key(&arc);
            let t = tolerances.get(&arc_key).copied().unwrap_or(tolerance);
            let simplified = simplify_arc(arc, t);
            let mut seen = arcs_seen.borrow_mut();
            for pair in simplified.windows(2) {
                seen.insert(edge_key(pair[0], pair[1]), arc_key);
            }
            out.extend_from_slice(&simplified[..simplified.len() - 1]);
        }
        out.dedup();
        if out.len() < 3 {
            return ring.clone();
        }
        out.push(out[0]);
        LineString(out)
    };
    let out = shapes
        .iter()
        .map(|multi| {
            MultiPolygon(
                multi
                    .0
                    .iter()
                    .map(|p| {
                        Polygon::new(
                            simplify_ring(p.exterior()),
                            p.interiors().iter().map(&simplify_ring).collect(),
                        )
                    })
                    .collect(),
            )
        })
        .collect();
    (out, arcs_seen.into_inner())
}

fn is_reversed(arc: &[Coord]) -> bool {
    key(arc[0]) > key(arc[arc.len() - 1])
        || (key(arc[0]) == key(arc[arc.len() - 1])
            && arc.len() > 2
            && key(arc[1]) > key(arc[arc.len() - 2]))
}

fn canonical_key(arc: &[Coord]) -> ArcKey {
    let n = arc.len();
    if is_reversed(arc) {
        (key(arc[n - 1]), key(arc[n - 2]), key(arc[0]))
    } else {
        (key(arc[0]), key(arc[1]), key(arc[n - 1]))
    }
}

/// Douglas–Peucker on an arc, always run in the same direction whichever ring asks.
fn simplify_arc(arc: Vec<Coord>, tolerance: f64) -> Vec<Coord> {
    let reversed = is_reversed(&arc);
    let mut line = LineString(arc);
    if reversed {
        line.0.reverse();
    }
    let mut simplified = line.simplify(tolerance).0;
    if reversed {
        simplified.reverse();
    }
    simplified
}

/// The arcs shared by shape `a` and shape `b`, as lines (e.g. the border between two
/// countries' land).
pub fn shared_edges(a: &MultiPolygon<f64>, b: &MultiPolygon<f64>) -> Vec<LineString<f64>> {
    let mut b_edges = std::collections::HashSet::new();
    for polygon in &b.0 {
        for ring in std::iter::once(polygon.exterior()).chain(polygon.interiors()) {
            for w in ring.0.windows(2) {
                b_edges.insert(edge_key(w[0], w[1]));
            }
        }
    }
    let mut lines = Vec::new();
    for polygon in &a.0 {
        for ring in std::iter::once(polygon.exterior()).chain(polygon.interiors()) {
            let coords = open(ring);
            let n = coords.len();
            let shared = |i: usize| b_edges.contains(&edge_key(coords[i], coords[(i + 1) % n]));
            // Start at an edge that is not shared, so a run never wraps around the start.
            let Some(start) = (0..n).find(|&i| !shared(i)) else {
                continue;
            };
            let mut current: Vec<Coord> = Vec::new();
            for step in 1..=n {
                let i = (start + step) % n;
                if shared(i) {
                    if current.is_empty() {
                        current.push(coords[i]);
                    }
                    current.push(coords[(i + 1) % n]);
                } else if current.len() > 1 {
                    lines.push(LineString(std::mem::take(&mut current)));
                } else {
                    current.clear();
                }
            }
            if current.len() > 1 {
                lines.push(LineString(current));
            }
        }
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;
    use geo::polygon;

    #[test]
    fn neighbours_keep_an_identical_border_after_simplification() {
        // Two squares sharing a wiggly edge along x = 1.
        let left = polygon![
            (x: 0.0, y: 0.0), (x: 1.0, y: 0.0), (x: 1.01, y: 0.5), (x: 1.0, y: 1.0), (x: 0.0, y: 1.0)
        ];
        let right = polygon![
            (x: 1.0, y: 0.0), (x: 2.0, y: 0.0), (x: 2.0, y: 1.0), (x: 1.0, y: 1.0), (x: 1.01, y: 0.5)
        ];
        let out = simplify_shared(
            &[MultiPolygon(vec![left]), MultiPolygon(vec![right])],
            0.05,
            6,
        );
        let shared = shared_edges(&out[0], &out[1]);
        assert_eq!(shared.len(), 1, "one shared arc: {shared:?}");
        assert_eq!(
            shared[0].0.len(),
            2,
            "the wiggle is simplified away on both sides"
        );
    }
}
