//! The reader's own layers drawn under the plan's, as a walkers plugin. Per frame it
//! touches only the features in view (the layer's R-tree); features smaller than two
//! points are one dot per screen cell; the rest are simplified and triangulated once per
//! zoom level and cached, with a time budget per frame so that a first look at a huge layer
//! never stalls the window (what is not ready yet shows as dots, and the next frame
//! continues).

pub use super::cache::{UserCache, WorldLayer};
use super::cache::{prepare, zoom_bucket};
use super::cells::Cells;
use super::labels::{self, Label};
use super::mercator::{self, View};
use super::point_symbols::PointMeshes;
use super::style::{HOVER, LABEL_TEXT, SELECTION};
use crate::layers::style::{Rgb, text};
use crate::layers::{LayerId, Loaded, UserLayers};
use crate::theme;
use egui::{Align2, Color32, Mesh, Painter, Pos2, Rect, Response, Shape, Stroke, Ui, vec2};
use geo::{Geometry, MapCoords};
use std::sync::Arc;
use std::time::{Duration, Instant};
use walkers::{MapMemory, Plugin, Projector};

/// Time a frame may spend simplifying and triangulating features it has not drawn before.
pub const PREPARE_BUDGET: Duration = Duration::from_millis(4);
/// Labels considered per layer and frame (placement is quadratic in the labels placed).
const MAX_LABELS: usize = 400;
const PICK_RADIUS: f64 = 6.0;

/// A geometry in world units.
fn to_world(g: &Geometry<f64>) -> Geometry<f64> {
    g.map_coords(|c| {
        let [x, y] = mercator::to_world(c);
        geo::Coord { x, y }
    })
}

/// What the user layers report after a frame.
#[derive(Debug, Default, Clone)]
pub struct UserOutput {
    pub hovered: Option<(LayerId, usize)>,
    /// `Some(None)`: a click that hit no user feature.
    pub clicked: Option<Option<(LayerId, usize)>>,
    /// Features still drawn as dots because their turn to be prepared has not come.
    pub pending: usize,
    pub cpu_time: Duration,
}

pub struct UserPlugin<'a> {
    pub layers: &'a UserLayers,
    pub cache: &'a mut UserCache,
    pub out: &'a mut UserOutput,
    /// Time for preparing new features this frame; `None` prepares all (a picture).
    pub budget: Option<Duration>,
    /// Show exactly the layers with these keys (a tour step's), whatever their own
    /// visibility; `None` shows the visible ones.
    pub only: Option<&'a [String]>,
}

/// Whether `layer` is drawn, given a tour step's choice of layers.
fn shown(only: Option<&[String]>, layer: &crate::layers::Loaded) -> bool {
    match only {
        Some(keys) => keys.contains(&layer.stored.key),
        None => layer.stored.visible,
    }
}

fn colour(rgb: Rgb, alpha: f32) -> Color32 {
    Color32::from_rgba_unmultiplied(
        rgb[0],
        rgb[1],
        rgb[2],
        (alpha.clamp(0.0, 1.0) * 255.0) as u8,
    )
}

struct Frame<'p> {
    painter: &'p Painter,
    view: View,
    rect: Rect,
    started: Instant,
    pending: usize,
}

impl UserPlugin<'_> {
    fn draw_layer(&mut self, f: &mut Frame, layer: &Loaded, labels: &mut Vec<Label>) {
        let Some(world) = self.cache.world.get(&layer.id).cloned() else {
            return;
        };
        let (sw, ne) = f.view.lon_lat_bounds(f.rect.expand(16.0));
        let scale = f.view.scale();
        let bucket = zoom_bucket(f.view.zoom);
        let opacity = layer.stored.opacity;
        let style = &layer.stored.style;
        let mut fill = Mesh::default();
        let mut dots = Cells::new(f.rect);
        let mut dot_mesh = Mesh::default();
        let mut points_mesh = PointMeshes::new(
            &mut self.cache.discs,
            f.painter.ctx(),
            f.rect,
            (style.point_size, opacity),
        );
        let mut strokes: Vec<Shape> = Vec::new();
        let label_field = style
            .label
            .as_ref()
            .and_then(|name| layer.data.fields.iter().position(|fd| &fd.name == name));
        // Memory follows the view: what was prepared for zoom levels more than one away is
        // let go (a zoom back costs a few frames of preparing, within the budget).
        self.cache
            .prepared
            .retain(|(l, b), _| *l != layer.id || b.abs_diff(bucket) <= 1);
        let slots = self
            .cache
            .prepared
            .entry((layer.id, bucket))
            .or_insert_with(|| vec![None; world.marks.len()]);
        // A database view's later pages add features after those prepared.
        if slots.len() < world.marks.len() {
            slots.resize(world.marks.len(), None);
        }
        // A view that holds the whole layer skips the R-tree.
        let candidates: Box<dyn Iterator<Item = usize>> = match layer.index.bbox() {
            Some(b)
                if b.min().x >= sw.x
                    && b.min().y >= sw.y
                    && b.max().x <= ne.x
                    && b.max().y <= ne.y =>
            {
                Box::new(0..world.marks.len())
            }
            _ => Box::new(layer.index.intersecting(sw, ne)),
        };
        for i in candidates {
            let (Some(Some((size, mark))), Some(rgb)) =
                (world.marks.get(i), layer.painted.colours.get(i))
            else {
                continue;
            };
            let rgb = *rgb;
            let geometry = layer.data.features.get(i).and_then(|f| f.geometry.as_ref());
            let is_point = matches!(geometry, Some(Geometry::Point(_) | Geometry::MultiPoint(_)));
            let tiny = !is_point && size * scale < 2.0;
            let prepared = if tiny || is_point {
                None
            } else if let Some(Some(p)) = slots.get(i) {
                Some(p.clone())
            } else if self.budget.is_none_or(|b| f.started.elapsed() < b) {
                let Some(g) = geometry else {
                    continue;
                };
                let tolerance = 0.5 / mercator::world_size(f64::from(bucket));
                let p = Arc::new(prepare(&to_world(g), tolerance));
                if let Some(slot) = slots.get_mut(i) {
                    *slot = Some(p.clone());
                }
                Some(p)
            } else {
                f.pending += 1;
                None
            };
            match prepared {
                Some(p) => {
                    let base = fill.vertices.len() as u32;
                    let c = colour(rgb, opacity * 0.45);
                    fill.vertices
                        .extend(p.fill_vertices.iter().map(|&w| egui::epaint::Vertex {
                            pos: f.view.to_screen(w),
                            uv: egui::epaint::WHITE_UV,
                            color: c,
                        }));
                    fill.indices.extend(p.fill_indices.iter().map(|k| base + k));
                    let stroke = Stroke::new(style.line_width, colour(rgb, opacity));
                    // A polygon a few points across reads by its fill; its outline would
                    // only cost tessellation. Lines keep theirs.
                    let outlined = size * scale >= 8.0 || p.fill_indices.is_empty();
                    for (path, _) in p.paths.iter().filter(|_| outlined) {
                        let pts: Vec<Pos2> = path.iter().map(|&w| f.view.to_screen(w)).collect();
                        strokes.push(Shape::line(pts, stroke));
                    }
                }
                None if is_point => {
                    let points: Vec<[f64; 2]> = match geometry {
                        // A point's mark is the point, projected once when the layer
                        // loaded: no projection per point and frame.
                        Some(Geometry::Point(_)) => vec![*mark],
                        Some(Geometry::MultiPoint(mp)) => {
                            mp.iter().map(|p| mercator::to_world(p.0)).collect()
                        }
                        _ => Vec::new(),
                    };
                    for w in points {
                        points_mesh.add(f.view.to_screen(w), colour(rgb, opacity));
                    }
                }
                None => {
                    // One dot per 2-point cell: as many as the screen can show, not as many
                    // as the layer has.
                    let at = f.view.to_screen(*mark);
                    if dots.claim(at) {
                        dot_mesh.add_colored_rect(
                            Rect::from_center_size(at, vec2(2.0, 2.0)),
                            colour(rgb, opacity),
                        );
                    }
                }
            }
            if let Some(field) = label_field
                && labels.len() < MAX_LABELS
                && (is_point || size * scale > 40.0)
                && let Some(v) = layer.data.features[i].values.get(field)
            {
                let t = text(v);
                if !t.is_empty() {
                    labels.push(Label {
                        text: t,
                        anchor: f.view.to_screen(*mark),
                        align: if is_point {
                            Align2::LEFT_CENTER
                        } else {
                            Align2::CENTER_CENTER
                        },
                        offset: if is_point {
                            vec2(style.point_size, 0.0)
                        } else {
                            vec2(0.0, 0.0)
                        },
                        size: 12.0,
                        strong: false,
                        color: LABEL_TEXT,
                        priority: 1,
                        max_width: None,
                        fallback: None,
                    });
                }
            }
        }
        f.painter.add(fill);
        f.painter.add(dot_mesh);
        f.painter.extend(strokes);
        points_mesh.paint(f.painter);
        for &i in &layer.selected {
            self.outline(f, layer, i, SELECTION);
        }
    }

    /// A ring or glow around one feature (the selection, the hovered feature).
    fn outline(&self, f: &Frame, layer: &Loaded, i: usize, c: Color32) {
        match layer.data.features.get(i).map(|f| f.geometry.as_ref()) {
            Some(Some(Geometry::Point(p))) => {
                let r = layer.stored.style.point_size / 2.0 + 3.0;
                f.painter.circle_stroke(
                    f.view.to_screen(mercator::to_world(p.0)),
                    r,
                    Stroke::new(3.0, c),
                );
            }
            Some(Some(g)) => {
                let lines: Vec<Vec<Pos2>> = rings(g)
                    .into_iter()
                    .map(|r| r.iter().map(|&w| f.view.to_screen(w)).collect())
                    .collect();
                for line in lines {
                    f.painter.add(Shape::line(line, Stroke::new(3.5, c)));
                }
            }
            _ => {}
        }
    }
}

/// The lines and rings of a geometry, in world units, for outlines.
fn rings(g: &Geometry<f64>) -> Vec<Vec<[f64; 2]>> {
    let pts = |l: &geo::LineString<f64>| {
        l.0.iter()
            .map(|&c| mercator::to_world(c))
            .collect::<Vec<_>>()
    };
    match g {
        Geometry::LineString(l) => vec![pts(l)],
        Geometry::MultiLineString(m) => m.iter().map(pts).collect(),
        Geometry::Polygon(p) => std::iter::once(p.exterior())
            .chain(p.interiors())
            .map(pts)
            .collect(),
        Geometry::MultiPolygon(m) => m
            .iter()
            .flat_map(|p| std::iter::once(p.exterior()).chain(p.interiors()))
            .map(pts)
            .collect(),
        Geometry::GeometryCollection(c) => c.iter().flat_map(rings).collect(),
        // Points are drawn as dots, with no outline; a lone segment, rectangle or triangle
        // has none drawn either (`cache::prepare` draws nothing for them).
        Geometry::Point(_)
        | Geometry::MultiPoint(_)
        | Geometry::Line(_)
        | Geometry::Rect(_)
        | Geometry::Triangle(_) => Vec::new(),
    }
}

impl Plugin for UserPlugin<'_> {
    fn run(
        self: Box<Self>,
        ui: &mut Ui,
        response: &Response,
        projector: &Projector,
        _: &MapMemory,
    ) {
        let mut this = *self;
        let started = Instant::now();
        let rect = response.rect;
        let painter = ui.painter().with_clip_rect(rect);
        let center = projector.unproject(rect.center().to_vec2());
        let view = View {
            center: mercator::to_world(geo::Coord {
                x: center.x(),
                y: center.y(),
            }),
            zoom: projector.zoom(),
            screen_center: rect.center(),
        };
        let mut frame = Frame {
            painter: &painter,
            view,
            rect,
            started,
            pending: 0,
        };
        let mut labels = Vec::new();
        let (layers, only) = (this.layers, this.only);
        for layer in layers.bottom_up().filter(|l| shown(only, l)) {
            this.draw_layer(&mut frame, layer, &mut labels);
        }
        labels::place_and_paint(&painter, labels, rect);

        // Identify: the topmost visible layer with a feature under the pointer.
        let pointer = response.hover_pos().filter(|p| rect.contains(*p));
        let at = pointer.map(|p| mercator::from_world(view.to_world(p)));
        let tolerance = PICK_RADIUS * view.metres_per_point();
        let hovered = at.and_then(|c| {
            layers
                .ready()
                .filter(|l| shown(only, l))
                .find_map(|l| l.index.pick(&l.data, c, tolerance).map(|i| (l.id, i)))
        });
        if let (Some((id, i)), Some(p)) = (hovered, pointer)
            && let Some(layer) = layers.get(id)
        {
            this.outline(&frame, layer, i, HOVER);
            hover_tip(&painter, p, layer, i);
        }
        if response.clicked() {
            this.out.clicked = Some(hovered);
        }
        this.out.hovered = hovered;
        this.out.pending = frame.pending;
        if frame.pending > 0 {
            ui.ctx().request_repaint();
        }
        this.out.cpu_time = started.elapsed();
    }
}

/// The hovered feature's label field (else its first text value) next to the pointer.
fn hover_tip(painter: &Painter, at: Pos2, layer: &Loaded, i: usize) {
    let Some(feature) = layer.data.features.get(i) else {
        return;
    };
    let field = layer
        .stored
        .style
        .label
        .as_ref()
        .and_then(|n| layer.data.fields.iter().position(|f| &f.name == n));
    let value = match field {
        Some(k) => feature.values.get(k).map(text),
        None => feature.values.iter().map(text).find(|t| !t.is_empty()),
    };
    let Some(value) = value.filter(|v| !v.is_empty()) else {
        return;
    };
    let galley = painter.layout_no_wrap(
        format!("{value} · {}", layer.stored.name),
        egui::FontId::proportional(13.0),
        theme::INK_STRONG,
    );
    let pos = at + vec2(14.0, -22.0);
    let back = Rect::from_min_size(pos, galley.size()).expand(4.0);
    painter.rect_filled(back, 3.0, theme::TOOLTIP);
    painter.galley(pos, galley, theme::INK_STRONG);
}
