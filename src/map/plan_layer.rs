//! The plan's layers drawn over the basemap as a walkers plugin, with hover, click and
//! labels. Per frame it touches only the features in view, through the spatial index and
//! the geometry cache.

use super::Visibility;
use super::cache::GeometryCache;
use super::labels::{self, Label};
use super::mercator::{self, View};
use super::side_by_side;
use super::style::{self, HOVER, SELECTION, Style};
use super::symbols;
use super::timeline_marks::{self, Mark};
use super::units_2025;
use crate::atlas::lang::{Lang, kind_name};
use crate::atlas::{Atlas, Kind, LayerKind};
use crate::theme;
use egui::{Align2, Color32, Mesh, Painter, Pos2, Rect, Response, Stroke, Ui, vec2};
use walkers::{MapMemory, Plugin, Projector};

/// Picking radius around the pointer, in points.
const PICK_RADIUS: f64 = 8.0;

/// What the map reports back to the app after a frame.
#[derive(Debug, Default, Clone)]
pub struct MapOutput {
    pub hovered: Option<usize>,
    /// `Some(None)` is a click on empty map: the selection is cleared.
    pub clicked: Option<Option<usize>>,
    pub pointer: Option<geo::Coord>,
    pub view: Option<View>,
    pub map_rect: Option<Rect>,
    pub labels_drawn: usize,
    /// The plan's labels drawn this frame.
    pub labels: Vec<String>,
    pub features_drawn: usize,
    /// CPU time the plan layers took this frame (culling, shapes, labels, picking).
    pub cpu_time: std::time::Duration,
}

pub struct PlanLayer<'a> {
    pub atlas: &'a Atlas,
    pub cache: &'a mut GeometryCache,
    pub visible: &'a Visibility,
    pub selected: Option<usize>,
    pub hovered: Option<usize>,
    pub lang: Lang,
    /// Town and commune names: the offline basemap has none of its own.
    pub base_labels: bool,
    /// Features a presentation step highlights, and how far they have faded in (0–1).
    pub highlights: &'a [usize],
    pub highlight_alpha: f32,
    /// Share of the area fills' opacity kept: lower while the reader's own layers show
    /// beneath, so that they read through the plan's districts and zones.
    pub fill_share: f32,
    /// The timeline's year, as a mark per feature; empty when the timeline is closed.
    pub marks: &'a [Mark],
    pub out: &'a mut MapOutput,
}

impl PlanLayer<'_> {
    fn view(projector: &Projector, rect: Rect) -> View {
        let center = projector.unproject(rect.center().to_vec2());
        View {
            center: mercator::to_world(geo::Coord {
                x: center.x(),
                y: center.y(),
            }),
            zoom: projector.zoom(),
            screen_center: rect.center(),
        }
    }

    fn point_on_screen(&self, view: &View, index: usize, world: [f64; 2]) -> Pos2 {
        side_by_side::on_screen(self.atlas, view, index, world)
    }

    fn paint_feature(&mut self, painter: &Painter, view: &View, index: usize, style: &Style) {
        let Some(prepared) = self.cache.get(self.atlas, index, view.zoom) else {
            return;
        };
        match style {
            Style::Area(area) => {
                let fill = area.fill.gamma_multiply(self.fill_share);
                if fill.a() > 0 && !prepared.fill_indices.is_empty() {
                    let mesh = Mesh {
                        vertices: prepared
                            .fill_vertices
                            .iter()
                            .map(|&w| egui::epaint::Vertex {
                                pos: view.to_screen(w),
                                uv: egui::epaint::WHITE_UV,
                                color: fill,
                            })
                            .collect(),
                        indices: prepared.fill_indices.clone(),
                        ..Mesh::default()
                    };
                    painter.add(mesh);
                }
                for (path, _) in &prepared.paths {
                    let points: Vec<Pos2> = path.iter().map(|&w| view.to_screen(w)).collect();
                    painter.add(egui::Shape::line(points, area.outline));
                }
            }
            Style::Line(line) => {
                for (path, _) in &prepared.paths {
                    let points: Vec<Pos2> = path.iter().map(|&w| view.to_screen(w)).collect();
                    symbols::paint_line(painter, &points, line);
                }
            }
            Style::Symbol(symbol) => {
                if let Some(w) = prepared.point {
                    symbols::paint_symbol(painter, self.point_on_screen(view, index, w), symbol);
                }
            }
        }
    }

    fn paint_highlight(&mut self, painter: &Painter, view: &View, index: usize, color: Color32) {
        let Some(feature) = self.atlas.features().get(index) else {
            return;
        };
        let Some(prepared) = self.cache.get(self.atlas, index, view.zoom) else {
            return;
        };
        match style::style_of(feature) {
            Style::Symbol(symbol) => {
                if let Some(w) = prepared.point {
                    let at = self.point_on_screen(view, index, w);
                    symbols::paint_symbol_ring(painter, at, &symbol, color);
                }
            }
            Style::Line(line) => {
                for (path, _) in &prepared.paths {
                    let points: Vec<Pos2> = path.iter().map(|&w| view.to_screen(w)).collect();
                    painter.add(egui::Shape::line(
                        points,
                        Stroke::new(line.casing.width + 6.0, color.gamma_multiply(0.7)),
                    ));
                }
                // The line itself stays readable on top of its glow.
                self.paint_feature(painter, view, index, &Style::Line(line));
            }
            Style::Area(_) => {
                for (path, _) in &prepared.paths {
                    let points: Vec<Pos2> = path.iter().map(|&w| view.to_screen(w)).collect();
                    painter.add(egui::Shape::line(points, Stroke::new(4.0, color)));
                }
            }
        }
    }

    fn labels(&mut self, view: &View, rect: Rect) -> Vec<Label> {
        let (sw, ne) = view.lon_lat_bounds(rect);
        let candidates: Vec<usize> = self.atlas.index.intersecting(sw, ne).collect();
        let mut out: Vec<Label> = candidates
            .into_iter()
            .filter_map(|index| self.feature_label(view, index))
            .collect();
        if self.base_labels {
            out.extend(self.place_names(view, sw, ne));
        }
        out.extend(units_2025::labels(view, rect, self.atlas));
        out
    }

    /// The label of one plan feature, if it gets one at this zoom: district (or zone)
    /// names where the area holds them, gates (secondary ones from zoom 9.5), sites from 9.5.
    fn feature_label(&mut self, view: &View, index: usize) -> Option<Label> {
        let zoom = view.zoom;
        let feature = self.atlas.features().get(index)?;
        if !self.visible.is_visible(feature.kind().layer()) {
            return None;
        }
        let name = self
            .lang
            .pick(&feature.props.name_vi, &feature.props.name_en);
        let at = self.cache.label_point(self.atlas, index)?;
        let anchor = self.point_on_screen(view, index, at);
        let slot = self.atlas.colocated.slot(index);
        // Area names go only where the area is wide enough on screen to hold them.
        let max_width = self
            .cache
            .world_width(self.atlas, index)
            .map(|w| (w * view.scale()) as f32 * 0.8);
        let label = |text: &str, size: f32, strong: bool, priority: u32, align, offset| Label {
            text: text.to_owned(),
            anchor,
            align,
            offset,
            size,
            strong,
            color: style::LABEL_TEXT,
            priority,
            max_width: None,
            fallback: None,
        };
        match feature.kind() {
            Kind::District => {
                // An area too narrow for its name (Lạng Sơn city at the province view) still
                // gets it, smaller and to the left of its centre (its neighbours' names sit
                // inside them), and before them.
                let narrow = max_width.is_some_and(|w| w < 120.0);
                let priority = if narrow { 85 } else { 80 };
                Some(Label {
                    max_width,
                    fallback: Some((12.5, Align2::RIGHT_CENTER)),
                    ..label(
                        name,
                        15.0,
                        true,
                        priority,
                        Align2::CENTER_CENTER,
                        vec2(0.0, 0.0),
                    )
                })
            }
            Kind::Zone if !self.visible.is_visible(LayerKind::Districts) => Some(Label {
                max_width,
                ..label(name, 15.0, true, 70, Align2::CENTER_CENTER, vec2(0.0, 0.0))
            }),
            Kind::BorderGate => {
                let major = feature.props.gate_class != Some(crate::atlas::GateClass::Secondary);
                // Side by side, the first of a group is named to its left, the last to its
                // right, any between them below, so that no name runs over a neighbour.
                let (align, offset) = match slot {
                    Some(s) if s.is_first() => (Align2::RIGHT_CENTER, vec2(-14.0, 0.0)),
                    Some(s) if !s.is_last() => (Align2::CENTER_TOP, vec2(0.0, 14.0)),
                    _ => (Align2::LEFT_CENTER, vec2(14.0, 0.0)),
                };
                (major || zoom >= 9.5).then(|| {
                    let priority = if major { 100 } else { 60 };
                    label(name, 13.0, major, priority, align, offset)
                })
            }
            Kind::IndustrialCluster | Kind::IndustrialPark if zoom >= 9.5 => {
                let r = style::site_radius(feature.props.area_ha);
                Some(label(
                    name,
                    12.5,
                    false,
                    50,
                    Align2::LEFT_CENTER,
                    vec2(r + 6.0, 0.0),
                ))
            }
            // Areas and lines are named by the basemap or the legend; sites are named from
            // zoom 9.5, and zones only while the districts are hidden.
            Kind::Province
            | Kind::BorderLine
            | Kind::Zone
            | Kind::DevelopmentAxis
            | Kind::Corridor
            | Kind::IndustrialCluster
            | Kind::IndustrialPark
            | Kind::Expressway
            | Kind::EconomicZone
            | Kind::FunctionalArea
            | Kind::SmartGate => None,
        }
    }

    /// Town and commune names, which the offline basemap does not draw itself: towns at
    /// every zoom, townships from 9.5, every commune from 11.
    fn place_names(&self, view: &View, sw: geo::Coord, ne: geo::Coord) -> Vec<Label> {
        let zoom = view.zoom;
        let mut out: Vec<Label> = self
            .atlas
            .base
            .towns
            .iter()
            .map(|town| Label {
                text: town.name.clone(),
                anchor: view.to_screen(mercator::to_world(town.point.0)),
                align: Align2::LEFT_BOTTOM,
                offset: vec2(4.0, -2.0),
                size: 12.0,
                strong: false,
                color: style::TOWN_LABEL,
                max_width: None,
                fallback: None,
                priority: 20,
            })
            .collect();
        if zoom < 9.5 {
            return out;
        }
        for i in self.atlas.commune_index.within(sw, ne) {
            let Some(commune) = self.atlas.communes.get(i) else {
                continue;
            };
            if !commune.is_town() && zoom < 11.0 {
                continue;
            }
            out.push(Label {
                text: commune.name.clone(),
                anchor: view.to_screen(mercator::to_world(commune.point.0)),
                align: Align2::CENTER_TOP,
                offset: vec2(0.0, 3.0),
                size: 11.0,
                strong: false,
                color: style::COMMUNE_LABEL,
                max_width: None,
                fallback: None,
                priority: if commune.is_town() { 30 } else { 10 },
            });
        }
        out
    }

    fn paint_tooltip(&self, painter: &Painter, pointer: Pos2, index: usize, rect: Rect) {
        let Some(feature) = self.atlas.features().get(index) else {
            return;
        };
        let name = self
            .lang
            .pick(&feature.props.name_vi, &feature.props.name_en);
        let mut text = format!("{name}\n{}", kind_name(feature.kind(), self.lang));
        if feature.props.approximate {
            text.push_str(
                self.lang
                    .pick(" · vị trí gần đúng", " · approximate location"),
            );
        }
        let galley =
            painter.layout_no_wrap(text, egui::FontId::proportional(14.0), style::LABEL_TEXT);
        let size = galley.size() + vec2(16.0, 12.0);
        let mut min = pointer + vec2(16.0, 18.0);
        if min.x + size.x > rect.right() {
            min.x = pointer.x - 16.0 - size.x;
        }
        if min.y + size.y > rect.bottom() {
            min.y = pointer.y - 18.0 - size.y;
        }
        // Flipped on a narrow map (a 4:3 screen with both panels open) the tip could
        // start left of the map and be cut by its edge: it stays inside.
        min.x = min.x.max(rect.left() + 4.0);
        min.y = min.y.max(rect.top() + 4.0);
        let bg = Rect::from_min_size(min, size);
        painter.rect(
            bg,
            6.0,
            theme::TOOLTIP,
            Stroke::new(1.0, theme::MUTED),
            egui::StrokeKind::Inside,
        );
        painter.galley(bg.min + vec2(8.0, 6.0), galley, theme::INK_STRONG);
    }
}

impl Plugin for PlanLayer<'_> {
    fn run(
        mut self: Box<Self>,
        ui: &mut Ui,
        response: &Response,
        projector: &Projector,
        _: &MapMemory,
    ) {
        let started = std::time::Instant::now();
        let rect = response.rect;
        let painter = ui.painter().with_clip_rect(rect);
        let view = Self::view(projector, rect);

        let (sw, ne) = view.lon_lat_bounds(rect.expand(24.0));
        let mut in_view: Vec<usize> = self
            .atlas
            .index
            .intersecting(sw, ne)
            .filter(|&i| {
                self.atlas
                    .features()
                    .get(i)
                    .is_some_and(|f| self.visible.is_visible(f.kind().layer()))
            })
            .collect();
        // Bottom to top: layer order, then polygons before the border line within a layer.
        in_view.sort_by_key(|&i| {
            let f = &self.atlas.features()[i];
            (f.kind().layer(), f.kind().pick_priority(), i)
        });
        for &index in &in_view {
            let style = style::style_of(&self.atlas.features()[index]);
            let style = timeline_marks::restyle(style, self.marks.get(index));
            self.paint_feature(&painter, &view, index, &style);
        }
        if let Some(h) = self
            .hovered
            .filter(|h| Some(*h) != self.selected && in_view.contains(h))
        {
            self.paint_highlight(&painter, &view, h, HOVER);
        }
        if let Some(s) = self.selected {
            self.paint_highlight(&painter, &view, s, SELECTION);
        }
        if self.highlight_alpha > 0.0 {
            let color = style::TOUR_HIGHLIGHT.gamma_multiply(self.highlight_alpha);
            for &h in self.highlights {
                self.paint_highlight(&painter, &view, h, color);
            }
        }

        units_2025::paint(&painter, &view, rect, self.atlas);
        let labels = self.labels(&view, rect);
        let labels = labels::place_and_paint(&painter, labels, rect);

        let pointer = response.hover_pos().filter(|p| rect.contains(*p));
        let pointer_coord = pointer.map(|p| mercator::from_world(view.to_world(p)));
        let visible = |layer| self.visible.is_visible(layer);
        let radius = PICK_RADIUS as f32 + 4.0;
        let hovered = pointer
            .and_then(|p| side_by_side::pick(self.atlas, &view, p, radius, visible))
            .or_else(|| {
                let c = pointer_coord?;
                self.atlas
                    .index
                    .pick_by(c, PICK_RADIUS * view.metres_per_point(), |i| {
                        let feature = self.atlas.features().get(i)?;
                        if !self.visible.is_visible(feature.kind().layer())
                            || self.atlas.colocated.slot(i).is_some()
                        {
                            return None;
                        }
                        Some((feature.geometry.as_ref()?, feature.kind().pick_priority()))
                    })
            });
        if let (Some(p), Some(h)) = (pointer, hovered)
            && !response.dragged()
        {
            self.paint_tooltip(&painter, p, h, rect);
        }
        if response.clicked() {
            self.out.clicked = Some(hovered);
        }
        self.out.hovered = hovered;
        self.out.pointer = pointer_coord;
        self.out.view = Some(view);
        self.out.map_rect = Some(rect);
        self.out.labels_drawn = labels.len();
        self.out.labels = labels;
        self.out.features_drawn = in_view.len();
        self.out.cpu_time = started.elapsed();
    }
}
