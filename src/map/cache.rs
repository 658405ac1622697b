//! Geometry prepared for drawing: projected to world units once, then simplified and
//! triangulated once per zoom level, lazily, for the features that come into view: the
//! plan's by feature (`GeometryCache`), a reader's layer's by position (`UserCache`).

use super::mercator;
use super::point_symbols::Discs;
use crate::atlas::{Atlas, Feature};
use crate::layers::LayerId;
use geo::{Geometry, LineString, SimplifyVw, TriangulateEarcut};
use std::collections::HashMap;
use std::sync::Arc;

/// A feature's shapes in world units at one zoom level.
#[derive(Debug, Default)]
pub struct Prepared {
    /// Triangles of the fill: vertices and indices into them.
    pub fill_vertices: Vec<[f64; 2]>,
    pub fill_indices: Vec<u32>,
    /// Polygon rings (closed) and lines, for outlines and strokes.
    pub paths: Vec<(Vec<[f64; 2]>, bool)>,
    pub point: Option<[f64; 2]>,
}

/// Zoom levels are bucketed to whole numbers: geometry simplified for zoom z stays within
/// half a point of the original up to zoom z + 1.
pub fn zoom_bucket(zoom: f64) -> u8 {
    zoom.floor().clamp(0.0, 22.0) as u8
}

#[derive(Default)]
pub struct GeometryCache {
    world: HashMap<usize, Arc<Geometry<f64>>>,
    prepared: HashMap<(usize, u8), Arc<Prepared>>,
    label_points: HashMap<usize, Option<[f64; 2]>>,
    widths: HashMap<usize, Option<f64>>,
}

impl GeometryCache {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn len(&self) -> usize {
        self.prepared.len()
    }

    pub fn is_empty(&self) -> bool {
        self.prepared.is_empty()
    }

    /// Where a feature's name goes: a point inside the polygon (its largest part), the
    /// middle vertex of a line, or the point itself. In world units.
    pub fn label_point(&mut self, atlas: &Atlas, index: usize) -> Option<[f64; 2]> {
        if let Some(p) = self.label_points.get(&index) {
            return *p;
        }
        let point = atlas
            .features()
            .get(index)
            .and_then(|f| label_point(f.geometry.as_ref()?));
        self.label_points.insert(index, point);
        point
    }

    /// East-west extent of a feature, in world units.
    pub fn world_width(&mut self, atlas: &Atlas, index: usize) -> Option<f64> {
        if let Some(w) = self.widths.get(&index) {
            return *w;
        }
        use geo::BoundingRect;
        let width = atlas
            .features()
            .get(index)
            .and_then(|f| f.geometry.as_ref()?.bounding_rect())
            .map(|r| mercator::to_world(r.max())[0] - mercator::to_world(r.min())[0]);
        self.widths.insert(index, width);
        width
    }

    /// The feature at position `index` of the atlas, ready to draw at `zoom`.
    pub fn get(&mut self, atlas: &Atlas, index: usize, zoom: f64) -> Option<Arc<Prepared>> {
        let bucket = zoom_bucket(zoom);
        if let Some(p) = self.prepared.get(&(index, bucket)) {
            return Some(p.clone());
        }
        let feature = atlas.features().get(index)?;
        let world = match self.world.get(&index) {
            Some(w) => w.clone(),
            None => {
                let w = Arc::new(project(feature)?);
                self.world.insert(index, w.clone());
                w
            }
        };
        // Half a point at the bucket's zoom, in world units.
        let tolerance = 0.5 / mercator::world_size(bucket as f64);
        let prepared = Arc::new(prepare(&world, tolerance));
        self.prepared.insert((index, bucket), prepared.clone());
        Some(prepared)
    }
}

fn project(feature: &Feature) -> Option<Geometry<f64>> {
    use geo::MapCoords;
    let geometry = feature.geometry.as_ref()?;
    Some(geometry.map_coords(|c| {
        let [x, y] = mercator::to_world(c);
        geo::Coord { x, y }
    }))
}

fn points(line: &LineString<f64>) -> Vec<[f64; 2]> {
    line.0.iter().map(|c| [c.x, c.y]).collect()
}

/// A line without the vertices that lie within `step` of the last one kept (the first and
/// last are always kept). Douglas–Peucker keeps every vertex of a line that zigzags by more
/// than its tolerance, so a densely digitised or noisy boundary would keep thousands of
/// vertices a few pixels across; thinning first bounds a line's vertices by its length on
/// the screen, as QGIS's map-to-pixel simplification does.
pub(super) fn thin(line: &LineString<f64>, step: f64) -> LineString<f64> {
    let Some((&last, rest)) = line.0.split_last() else {
        return line.clone();
    };
    let mut kept: Vec<geo::Coord<f64>> = Vec::new();
    for &c in rest {
        let far = kept
            .last()
            .is_none_or(|k| (c.x - k.x).hypot(c.y - k.y) >= step);
        if far {
            kept.push(c);
        }
    }
    kept.push(last);
    LineString(kept)
}

/// A polygon with each ring thinned, or `None` when its outline thins to less than a ring.
fn thin_polygon(polygon: &geo::Polygon<f64>, step: f64) -> Option<geo::Polygon<f64>> {
    let exterior = thin(polygon.exterior(), step);
    if exterior.0.len() < 4 {
        return None;
    }
    let interiors = polygon
        .interiors()
        .iter()
        .map(|r| thin(r, step))
        .filter(|r| r.0.len() >= 4)
        .collect();
    Some(geo::Polygon::new(exterior, interiors))
}

/// A feature prepared for one zoom level: lines thinned to a vertex per point of the
/// screen, then simplified by Visvalingam–Whyatt, which drops every vertex whose triangle
/// with its neighbours is under a square point: a digitised boundary's zigzags finer than
/// the screen go, whatever their height, where Douglas–Peucker with a distance tolerance
/// keeps every zig taller than it. `tolerance` is half a point in world units.
pub(super) fn prepare(world: &Geometry<f64>, tolerance: f64) -> Prepared {
    let mut out = Prepared::default();
    let step = 2.0 * tolerance;
    let area = step * step;
    let add_polygon = |polygon: &geo::Polygon<f64>, out: &mut Prepared| {
        let thinned = thin_polygon(polygon, step);
        let simplified = thinned.as_ref().unwrap_or(polygon).simplify_vw(area);
        let simplified = if simplified.exterior().0.len() < 4 {
            thinned.unwrap_or_else(|| polygon.clone())
        } else {
            simplified
        };
        let triangles = simplified.earcut_triangles_raw();
        let base = out.fill_vertices.len() as u32;
        out.fill_vertices.extend_from_slice(&triangles.vertices);
        out.fill_indices
            .extend(triangles.triangle_indices.iter().map(|&i| base + i as u32));
        out.paths.push((points(simplified.exterior()), true));
        for ring in simplified.interiors() {
            out.paths.push((points(ring), true));
        }
    };
    match world {
        Geometry::Polygon(p) => add_polygon(p, &mut out),
        Geometry::MultiPolygon(mp) => mp.0.iter().for_each(|p| add_polygon(p, &mut out)),
        Geometry::LineString(l) => out
            .paths
            .push((points(&thin(l, step).simplify_vw(area)), false)),
        Geometry::MultiLineString(ml) => out.paths.extend(
            ml.0.iter()
                .map(|l| (points(&thin(l, step).simplify_vw(area)), false)),
        ),
        Geometry::Point(p) => out.point = Some([p.x(), p.y()]),
        // Multipoints are drawn as points by the reader's layer (`user_layer.rs`); the
        // plan's loader refuses the other kinds, and a reader's layer that holds one gets
        // nothing drawn for it here.
        Geometry::MultiPoint(_)
        | Geometry::GeometryCollection(_)
        | Geometry::Line(_)
        | Geometry::Rect(_)
        | Geometry::Triangle(_) => {}
    }
    out
}

fn label_point(geometry: &Geometry<f64>) -> Option<[f64; 2]> {
    use geo::{Area, InteriorPoint};
    #[expect(
        clippy::wildcard_enum_match_arm,
        reason = "two kinds of geo::Geometry have a point of their own; geo finds one for the rest"
    )]
    let c = match geometry {
        Geometry::MultiPolygon(mp) => {
            mp.0.iter()
                .max_by(|a, b| a.unsigned_area().total_cmp(&b.unsigned_area()))?
                .interior_point()?
                .0
        }
        Geometry::LineString(l) => *l.0.get(l.0.len() / 2)?,
        other => other.interior_point()?.0,
    };
    Some(mercator::to_world(c))
}

/// What a reader's layer's drawing needs beyond its data: each feature's size in world
/// units (Web Mercator, the unit square) and a point to draw it by when tiny, computed once
/// when the layer loads (off the UI thread). The geometry itself is projected only when a
/// feature is prepared for a zoom level or outlined: a second, projected copy of every
/// vertex would double the memory a large layer costs.
#[derive(Clone)]
pub struct WorldLayer {
    /// (largest side of the world box, representative point).
    pub(super) marks: Vec<Option<(f64, [f64; 2])>>,
}

impl WorldLayer {
    pub fn new(layer: &crate::sources::UserLayer) -> WorldLayer {
        use geo::BoundingRect;
        let marks = layer
            .features
            .iter()
            .map(|f| {
                let r = f.geometry.as_ref()?.bounding_rect()?;
                let [x0, y0] = mercator::to_world(r.min());
                let [x1, y1] = mercator::to_world(r.max());
                let c = mercator::to_world(r.center());
                Some(((x1 - x0).abs().max((y1 - y0).abs()), c))
            })
            .collect();
        WorldLayer { marks }
    }

    pub fn len(&self) -> usize {
        self.marks.len()
    }

    pub fn is_empty(&self) -> bool {
        self.marks.is_empty()
    }
}

/// World geometry of each reader's layer and its features prepared per zoom level, by
/// position: no hashing per feature and frame.
#[derive(Default)]
pub struct UserCache {
    pub(super) world: HashMap<LayerId, Arc<WorldLayer>>,
    pub(super) prepared: HashMap<(LayerId, u8), Vec<Option<Arc<Prepared>>>>,
    /// The point symbols' discs, by pixel size.
    pub(super) discs: Discs,
}

impl UserCache {
    pub fn world(&self, id: LayerId) -> Option<Arc<WorldLayer>> {
        self.world.get(&id).cloned()
    }

    /// A layer's features, new or replaced (a database layer's new view): what was
    /// prepared by position for other features goes. The same world again (a picture's
    /// next scene) keeps it.
    pub fn insert(&mut self, id: LayerId, world: Arc<WorldLayer>) {
        if let Some(old) = self.world.insert(id, world.clone())
            && !Arc::ptr_eq(&old, &world)
        {
            self.prepared.retain(|(l, _), _| *l != id);
        }
    }

    /// Features added after a layer's own (a database view's next page): what was
    /// prepared stays, since the features before them keep their positions. Costs the
    /// page's marks, not the layer's, unless a picture still holds the world.
    pub fn append(&mut self, id: LayerId, page: &WorldLayer) {
        if let Some(world) = self.world.get_mut(&id) {
            Arc::make_mut(world).marks.extend_from_slice(&page.marks);
        }
    }

    pub fn remove(&mut self, id: LayerId) {
        self.world.remove(&id);
        self.prepared.retain(|(l, _), _| *l != id);
    }

    pub fn prepared_len(&self) -> usize {
        self.prepared
            .values()
            .flatten()
            .filter(|p| p.is_some())
            .count()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A boundary digitised far finer than the screen, with a zigzag taller than the
    /// simplification's half point at every vertex (as a noisy survey or a densified
    /// polygon has), drawn about 40 points around.
    fn noisy_ring(vertices: usize, radius: f64, zigzag: f64) -> geo::Polygon<f64> {
        let mut ring: Vec<geo::Coord<f64>> = (0..vertices)
            .map(|k| {
                let a = std::f64::consts::TAU * k as f64 / vertices as f64;
                let r = radius + if k % 2 == 0 { zigzag } else { -zigzag };
                geo::Coord {
                    x: 0.5 + r * a.cos(),
                    y: 0.5 + r * a.sin(),
                }
            })
            .collect();
        ring.push(ring[0]);
        geo::Polygon::new(LineString(ring), Vec::new())
    }

    #[test]
    fn a_finely_digitised_boundary_is_prepared_with_vertices_in_proportion_to_its_length_on_screen()
    {
        let zoom = 9.0;
        let point = 1.0 / mercator::world_size(zoom);
        // 40 points around, each vertex two points off the circle.
        let radius = 40.0 * point / std::f64::consts::TAU;
        let polygon = noisy_ring(5600, radius, 2.0 * point);
        let prepared = prepare(&Geometry::Polygon(polygon), 0.5 * point);
        let outline = prepared.paths.first().map_or(0, |(p, _)| p.len());
        assert!(
            (4..=120).contains(&outline),
            "5600 vertices drawn 40 points around kept {outline}"
        );
        assert!(
            !prepared.fill_indices.is_empty(),
            "the polygon is still filled"
        );
    }

    #[test]
    fn thinning_keeps_a_line_s_ends_and_drops_only_vertices_closer_than_the_step() {
        let line = LineString::from(vec![
            (0.0, 0.0),
            (0.1, 0.0),
            (0.2, 0.0),
            (1.5, 0.0),
            (1.6, 0.0),
        ]);
        let thinned = thin(&line, 1.0);
        assert_eq!(
            thinned,
            LineString::from(vec![(0.0, 0.0), (1.5, 0.0), (1.6, 0.0)])
        );
    }
}
