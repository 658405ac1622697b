//! Simplification that keeps neighbouring polygons glued together.
//!
//! Simplifying each polygon on its own moves a shared border differently on each side and
//! opens slivers between districts (or between the two countries' land). Here every ring is
//! cut into arcs at the vertices where the set of polygons sharing the edge changes; each
//! arc is simplified once, in a canonical direction, so both neighbours get the same result.

use geo::{Coord, LineString, MultiPolygon, Polygon, Simplify};
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

/// Simplifies every polygon of `shapes` with Douglas–Peucker at `tolerance` (in the
/// coordinates' unit) along arcs shared between shapes.
pub fn simplify_shared(shapes: &[MultiPolygon<f64>], tolerance: f64) -> Vec<MultiPolygon<f64>> {
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
            let simplified = simplify_arc(arc, tolerance);
            out.extend_from_slice(&simplified[..simplified.len() - 1]);
        }
        out.dedup();
        if out.len() < 3 {
            return ring.clone();
        }
        out.push(out[0]);
        LineString(out)
    };
    shapes
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
        .collect()
}

/// Douglas–Peucker on an arc, always run in the same direction whichever ring asks.
fn simplify_arc(arc: Vec<Coord>, tolerance: f64) -> Vec<Coord> {
    let reversed = key(arc[0]) > key(arc[arc.len() - 1])
        || (key(arc[0]) == key(arc[arc.len() - 1])
            && arc.len() > 2
            && key(arc[1]) > key(arc[arc.len() - 2]));
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
        let out = simplify_shared(&[MultiPolygon(vec![left]), MultiPolygon(vec![right])], 0.05);
        let shared = shared_edges(&out[0], &out[1]);
        assert_eq!(shared.len(), 1, "one shared arc: {shared:?}");
        assert_eq!(
            shared[0].0.len(),
            2,
            "the wiggle is simplified away on both sides"
        );
    }
}
