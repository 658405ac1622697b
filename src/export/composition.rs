//! What an exported picture shows: the map on the offline basemap, the title, the legend,
//! scale bar, north arrow and attribution, laid out 1920 points wide.

use super::ExportRequest;
use crate::atlas::lang as names;
use crate::atlas::timeline::Stage;
use crate::atlas::{Atlas, LayerKind};
use crate::charts::{self, ChartPage, Scale, sites, targets};
use crate::layers::style::Paint;
use crate::map::basemap::offline::{self, OfflineTiles};
use crate::map::basemap::raster::BaseGeometry;
use crate::map::cache::GeometryCache;
use crate::map::plan_layer::{MapOutput, PlanLayer};
use crate::map::style::{self, LegendKey};
use crate::map::symbols::paint_swatch;
use crate::map::timeline_marks;
use crate::map::user_layer::{UserCache, UserOutput, UserPlugin};
use crate::map::{mercator, overlays};
use crate::theme::{self, fonts};
use egui::{Align2, Rect, RichText, Stroke, UiBuilder, vec2};
use std::sync::Arc;
use walkers::{Map, MapMemory, lon_lat};

/// The picture being composed, frame after frame, in its own egui context.
pub struct Composition {
    atlas: Arc<Atlas>,
    base: Arc<BaseGeometry>,
    tiles: Option<OfflineTiles>,
    cache: GeometryCache,
    user_cache: UserCache,
    memory: MapMemory,
    request: ExportRequest,
    tile_limit: Option<usize>,
    pub(super) legend: Rect,
}

impl Composition {
    pub fn new(atlas: Arc<Atlas>, request: &ExportRequest) -> Self {
        let base = Arc::new(BaseGeometry::from_atlas(&atlas));
        let mut memory = MapMemory::default();
        let center = mercator::from_world(request.view.center);
        memory.center_at(lon_lat(center.x, center.y));
        let _ = memory.set_zoom(request.view.zoom.clamp(3.0, 18.0));
        Self {
            atlas,
            base,
            tiles: None,
            cache: GeometryCache::new(),
            user_cache: {
                let mut cache = UserCache::default();
                for (id, world) in request.user.iter().flat_map(|u| u.worlds.iter()) {
                    cache.insert(*id, world.clone());
                }
                cache
            },
            memory,
            request: request.clone(),
            tile_limit: None,
            legend: Rect::NOTHING,
        }
    }

    /// The whole picture: the map with its furniture, the title, legend and charts.
    pub fn ui(&mut self, ui: &mut egui::Ui) {
        let full = ui.ctx().content_rect();
        self.map_ui(ui);
        let title = self.title(ui, full);
        self.legend = self.legend(ui, full);
        if let Some(page) = self.request.charts {
            self.charts_panel(ui, full, title.bottom() + 16.0, page);
        }
    }

    /// Moves the map and changes what it shows (a video's frame, a tour's step).
    pub fn set_scene(&mut self, request: ExportRequest) {
        let center = mercator::from_world(request.view.center);
        self.memory.center_at(lon_lat(center.x, center.y));
        let _ = self.memory.set_zoom(request.view.zoom.clamp(3.0, 18.0));
        for (id, world) in request.user.iter().flat_map(|u| u.worlds.iter()) {
            self.user_cache.insert(*id, world.clone());
        }
        self.request = request;
    }

    /// Bounds the offline tiles kept between frames (a video); a picture keeps them all.
    pub fn limit_tiles(&mut self, bytes: usize) {
        self.tile_limit = Some(bytes);
    }

    /// The map with its scale bar, north arrow and attribution, filling the frame.
    pub fn map_ui(&mut self, ui: &mut egui::Ui) {
        let ctx = ui.ctx().clone();
        let full = ctx.content_rect();
        let limit = self.tile_limit;
        let tiles = self.tiles.get_or_insert_with(|| {
            let mut tiles = OfflineTiles::new(self.base.clone(), ctx.clone());
            tiles.set_pixels_per_point(ctx.pixels_per_point());
            tiles.render_without_budget();
            if let Some(bytes) = limit {
                tiles.limit_cache(bytes);
            }
            tiles
        });
        let highlights: Vec<usize> = self
            .request
            .highlights
            .iter()
            .filter_map(|id| self.atlas.position(id))
            .collect();
        let mut out = MapOutput::default();
        let marks = self
            .request
            .year
            .map(|year| crate::map::timeline_marks::marks(&self.atlas, year))
            .unwrap_or_default();
        let plan = PlanLayer {
            atlas: &self.atlas,
            cache: &mut self.cache,
            visible: &self.request.visible,
            selected: None,
            hovered: None,
            lang: self.request.lang,
            base_labels: true,
            highlights: &highlights,
            highlight_alpha: 1.0,
            // As on screen: the plan's areas lighten over the reader's layers.
            fill_share: if self.request.user.is_some() {
                0.3
            } else {
                1.0
            },
            marks: &marks,
            out: &mut out,
        };
        let mut child = ui.new_child(UiBuilder::new().max_rect(full));
        let center = mercator::from_world(self.request.view.center);
        let mut user_out = UserOutput::default();
        let empty = crate::layers::UserLayers::default();
        let user = UserPlugin {
            layers: self.request.user.as_ref().map_or(&empty, |u| &u.layers),
            cache: &mut self.user_cache,
            out: &mut user_out,
            // A picture has no frame rate: every feature is prepared.
            budget: None,
            only: None,
        };
        let map = Map::new(Some(tiles), &mut self.memory, lon_lat(center.x, center.y))
            .with_plugin(user)
            .with_plugin(plan)
            .zoom_gesture(false)
            .panning(false);
        let response = child.add(map);
        if let Some(view) = out.view {
            overlays::scale_bar(ui, response.rect, view.metres_per_point());
        }
        overlays::north_arrow(ui, response.rect);
        attribution(ui, full);
    }

    fn title(&self, ui: &mut egui::Ui, full: Rect) -> Rect {
        let width = (full.width() * 0.55).min(1000.0);
        let rect = Rect::from_min_size(full.min + vec2(24.0, 24.0), vec2(width, 10.0));
        let mut child = ui.new_child(UiBuilder::new().max_rect(rect));
        let framed = egui::Frame::new()
            .fill(theme::CARD)
            .stroke(Stroke::new(1.0, theme::CARD_STROKE))
            .corner_radius(8.0)
            .inner_margin(16.0)
            .show(&mut child, |ui| {
                ui.set_max_width(width - 32.0);
                ui.label(
                    RichText::new(&self.request.title)
                        .font(fonts::bold(34.0))
                        .color(theme::INK_STRONG),
                );
                if let Some(subtitle) = &self.request.subtitle {
                    ui.add(
                        egui::Label::new(RichText::new(subtitle).size(19.0).color(theme::INK_SOFT))
                            .wrap(),
                    );
                }
            });
        framed.response.rect
    }

    /// The charts of the page the window shows, left under the title. Only the measures
    /// with both a target and a stated figure fit a picture; the viewer has the rest.
    fn charts_panel(&self, ui: &mut egui::Ui, full: Rect, top: f32, page: ChartPage) {
        let lang = self.request.lang;
        let rect = Rect::from_min_max(
            egui::pos2(full.left() + 24.0, top),
            egui::pos2(full.left() + 24.0 + 720.0, full.bottom() - 24.0),
        );
        let mut child = ui.new_child(UiBuilder::new().max_rect(rect));
        egui::Frame::new()
            .fill(theme::CARD)
            .stroke(Stroke::new(1.0, theme::CARD_STROKE))
            .corner_radius(8.0)
            .inner_margin(14.0)
            .show(&mut child, |ui| {
                ui.set_max_width(rect.width() - 28.0);
                Scale::PICTURE.apply(ui);
                let mut shown = Vec::new();
                match page {
                    ChartPage::Targets => {
                        let _ =
                            targets::show(ui, &self.atlas, lang, Scale::PICTURE, true, &mut shown);
                    }
                    ChartPage::Sites => {
                        let _ = sites::show(ui, &self.atlas, lang, Scale::PICTURE);
                        shown.extend(sites::TOTAL_FACTS.map(crate::atlas::FactId::new));
                    }
                }
                let facts = shown.into_iter().collect();
                ui.add(
                    egui::Label::new(
                        RichText::new(charts::sources_line(&self.atlas, &facts, lang))
                            .size(13.0)
                            .color(theme::INK_SOFT),
                    )
                    .wrap(),
                );
            });
    }

    fn legend(&self, ui: &mut egui::Ui, full: Rect) -> Rect {
        let lang = self.request.lang;
        let rect = Rect::from_min_size(full.right_top() + vec2(-404.0, 84.0), vec2(380.0, 10.0));
        let mut child = ui.new_child(UiBuilder::new().max_rect(rect));
        let response = egui::Frame::new()
            .fill(theme::CARD)
            .stroke(Stroke::new(1.0, theme::CARD_STROKE))
            .corner_radius(8.0)
            .inner_margin(12.0)
            .show(&mut child, |ui| {
                ui.set_max_width(356.0);
                ui.label(
                    RichText::new(lang.pick("Chú giải", "Legend"))
                        .font(fonts::bold(18.0))
                        .color(theme::INK_STRONG),
                );
                let view = crate::map::mercator::View {
                    center: self.request.view.center,
                    zoom: self.request.view.zoom,
                    screen_center: full.center(),
                };
                let shown = view.lon_lat_bounds(full);
                if let Some(user) = &self.request.user {
                    for layer in user.layers.ready() {
                        ui.label(
                            RichText::new(&layer.stored.name)
                                .strong()
                                .color(theme::INK_STRONG),
                        );
                        // What the picture shows of the layer, not every category it has.
                        let rows: Vec<(String, [u8; 3])> = match &layer.stored.style.paint {
                            Paint::Single(c) => vec![(layer.stored.name.clone(), *c)],
                            Paint::Categorised { .. } | Paint::Graduated { .. } => {
                                layer.legend_within(shown)
                            }
                        };
                        for (label, c) in rows {
                            ui.horizontal(|ui| {
                                let (rect, _) =
                                    ui.allocate_exact_size(vec2(34.0, 20.0), egui::Sense::hover());
                                ui.painter().rect_filled(
                                    rect.shrink(3.0),
                                    3.0,
                                    egui::Color32::from_rgb(c[0], c[1], c[2]),
                                );
                                ui.label(RichText::new(label).color(theme::INK));
                            });
                        }
                    }
                }
                if let Some(year) = self.request.year {
                    stage_key(ui, year, lang);
                }
                for layer in LayerKind::ALL.iter().rev() {
                    if !self.request.visible.is_visible(*layer) {
                        continue;
                    }
                    let entries: Vec<_> = style::legend(*layer)
                        .into_iter()
                        .filter(|e| !matches!(e.key, LegendKey::SiteArea(_)))
                        .collect();
                    if entries.is_empty() {
                        continue;
                    }
                    ui.label(
                        RichText::new(names::layer_name(*layer, lang))
                            .strong()
                            .color(theme::INK_STRONG),
                    );
                    for entry in entries {
                        ui.horizontal(|ui| {
                            let (rect, _) =
                                ui.allocate_exact_size(vec2(34.0, 20.0), egui::Sense::hover());
                            paint_swatch(&ui.painter_at(rect), rect, &entry.swatch);
                            ui.label(RichText::new(entry.key.text(lang)).color(theme::INK));
                        });
                    }
                }
            });
        response.response.rect
    }
}

/// The timeline's year and the colours of its stages.
fn stage_key(ui: &mut egui::Ui, year: u16, lang: crate::atlas::Lang) {
    ui.label(
        RichText::new(format!(
            "{} {year}",
            lang.pick("Dòng thời gian: năm", "Timeline: year")
        ))
        .strong()
        .color(theme::INK_STRONG),
    );
    for stage in Stage::ALL {
        ui.horizontal(|ui| {
            let (rect, _) = ui.allocate_exact_size(vec2(34.0, 20.0), egui::Sense::hover());
            ui.painter()
                .circle_filled(rect.center(), 8.0, timeline_marks::stage_color(stage));
            ui.label(RichText::new(stage.name(lang)).color(theme::INK));
        });
    }
    ui.label(
        RichText::new(lang.pick(
            "Mờ: có ngày ở năm khác. Kiểu thường: không có sự kiện có ngày.",
            "Faded: dated in other years. Plain: no dated fact.",
        ))
        .size(13.0)
        .color(theme::INK_SOFT),
    );
}

fn attribution(ui: &egui::Ui, full: Rect) {
    let text = format!("{} · {}", offline::ATTRIBUTION, offline::PLAN_ATTRIBUTION);
    let painter = ui.painter();
    let galley = painter.layout(
        text,
        egui::FontId::proportional(12.0),
        theme::INK,
        full.width() * 0.6,
    );
    let rect = Align2::RIGHT_BOTTOM
        .anchor_size(full.right_bottom() - vec2(12.0, 12.0), galley.size())
        .expand(6.0);
    painter.rect_filled(rect, 4.0, theme::CARD);
    painter.galley(rect.shrink(6.0).min, galley, theme::INK);
}
