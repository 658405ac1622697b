//! PNG export of a map view or of every tour step, at any resolution (4K and up), with
//! title, legend, scale bar, north arrow and attribution burned in. Rendered offscreen with
//! wgpu through egui_kittest, on the offline basemap so that an export never waits on a
//! tile server.

use crate::atlas::Lang;
use crate::atlas::lang as names;
use crate::atlas::{Atlas, FeatureId, LayerKind};
use crate::map::basemap::offline::{self, OfflineTiles};
use crate::map::basemap::raster::BaseGeometry;
use crate::map::cache::GeometryCache;
use crate::map::mercator::ViewTarget;
use crate::map::plan_layer::{MapOutput, PlanLayer};
use crate::map::style::{self, LegendKey};
use crate::map::symbols::paint_swatch;
use crate::map::{Visibility, mercator, overlays};
use crate::present::tour::Tour;
use crate::theme::fonts;
use egui::{Align2, Color32, Pos2, Rect, RichText, Stroke, UiBuilder, vec2};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use walkers::{Map, MapMemory, lon_lat};

/// The composition is laid out at 1920 points wide and scaled to the requested pixels, so
/// text and symbols keep their proportions at every resolution.
const LOGICAL_WIDTH: f32 = 1920.0;
/// Frames rendered before the picture is taken: enough for every offline tile.
const FRAMES: usize = 8;

#[derive(Clone, Debug)]
pub struct ExportRequest {
    /// Width and height in pixels.
    pub size: [u32; 2],
    /// The view, as the map would frame it 1920 points wide.
    pub view: ViewTarget,
    pub visible: Visibility,
    pub highlights: Vec<FeatureId>,
    pub title: String,
    pub subtitle: Option<String>,
    pub lang: Lang,
}

/// The rendered picture and where its legend is, in pixels.
pub struct Exported {
    pub image: image::RgbaImage,
    pub legend: Rect,
}

/// Renders `request` to an image.
pub fn render(atlas: Arc<Atlas>, request: &ExportRequest) -> Result<Exported, String> {
    let [w, h] = request.size;
    if w < 320 || h < 200 || w > 8192 || h > 8192 {
        return Err(format!(
            "{w}×{h}: pick a size between 320×200 and 8192×8192"
        ));
    }
    let ppp = w as f32 / LOGICAL_WIDTH;
    let logical = vec2(LOGICAL_WIDTH, h as f32 / ppp);
    let base = Arc::new(BaseGeometry::from_atlas(&atlas));
    let mut state = Composition {
        atlas,
        base,
        tiles: None,
        cache: GeometryCache::new(),
        memory: MapMemory::default(),
        request: request.clone(),
        legend: Rect::NOTHING,
    };
    let center = mercator::from_world(request.view.center);
    state.memory.center_at(lon_lat(center.x, center.y));
    let _ = state.memory.set_zoom(request.view.zoom.clamp(3.0, 18.0));

    let mut harness = egui_kittest::Harness::builder()
        .with_size(logical)
        .with_pixels_per_point(ppp)
        .with_theme(egui::Theme::Light)
        .with_accessibility_check(false)
        .with_context_setup(fonts::install)
        .wgpu()
        .build_ui_state(|ui, state: &mut Composition| state.ui(ui), state);
    harness.run_steps(FRAMES);
    let image = harness.render()?;
    let legend = harness.state().legend;
    Ok(Exported {
        image,
        legend: Rect::from_min_max(
            (legend.min.to_vec2() * ppp).to_pos2(),
            (legend.max.to_vec2() * ppp).to_pos2(),
        ),
    })
}

/// Renders and writes a PNG.
pub fn export_png(atlas: Arc<Atlas>, request: &ExportRequest, path: &Path) -> Result<(), String> {
    let exported = render(atlas, request)?;
    exported
        .image
        .save(path)
        .map_err(|e| format!("{}: {e}", path.display()))
}

/// Exports every tour step as `NN-step.png` into `dir`; returns the files written.
pub fn export_tour(
    atlas: Arc<Atlas>,
    tour: &Tour,
    lang: Lang,
    size: [u32; 2],
    dir: &Path,
) -> Result<Vec<PathBuf>, String> {
    std::fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    let logical = vec2(
        LOGICAL_WIDTH,
        size[1] as f32 * LOGICAL_WIDTH / size[0] as f32,
    );
    let map_rect = Rect::from_min_size(Pos2::ZERO, logical);
    let mut written = Vec::new();
    for (i, step) in tour.steps.iter().enumerate() {
        let Some(bounds) = step.bounds(&atlas) else {
            continue;
        };
        let mut visible = Visibility::none();
        for layer in &step.layers {
            visible.set(*layer, true);
        }
        let request = ExportRequest {
            size,
            view: fit(map_rect, bounds),
            visible,
            highlights: step.highlight.clone(),
            title: lang.pick(&step.title_vi, &step.title_en).to_owned(),
            subtitle: Some(lang.pick(&step.caption_vi, &step.caption_en).to_owned()),
            lang,
        };
        let path = dir.join(format!("{:02}-{}.png", i + 1, step.id));
        export_png(atlas.clone(), &request, &path)?;
        written.push(path);
    }
    Ok(written)
}

/// The view framing a lon/lat box, with room for the title and legend around it.
pub fn fit(rect: Rect, bounds: (geo::Coord, geo::Coord)) -> ViewTarget {
    ViewTarget::fitting(rect, bounds, 0.7)
}

/// The picture being composed, frame after frame, in its own egui context.
struct Composition {
    atlas: Arc<Atlas>,
    base: Arc<BaseGeometry>,
    tiles: Option<OfflineTiles>,
    cache: GeometryCache,
    memory: MapMemory,
    request: ExportRequest,
    legend: Rect,
}

impl Composition {
    fn ui(&mut self, ui: &mut egui::Ui) {
        let ctx = ui.ctx().clone();
        let full = ctx.content_rect();
        let tiles = self.tiles.get_or_insert_with(|| {
            let mut tiles = OfflineTiles::new(self.base.clone(), ctx.clone());
            tiles.set_pixels_per_point(ctx.pixels_per_point());
            tiles.render_without_budget();
            tiles
        });
        let highlights: Vec<usize> = self
            .request
            .highlights
            .iter()
            .filter_map(|id| self.atlas.position(id))
            .collect();
        let mut out = MapOutput::default();
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
            out: &mut out,
        };
        let mut child = ui.new_child(UiBuilder::new().max_rect(full));
        let center = mercator::from_world(self.request.view.center);
        let map = Map::new(Some(tiles), &mut self.memory, lon_lat(center.x, center.y))
            .with_plugin(plan)
            .zoom_gesture(false)
            .panning(false);
        let response = child.add(map);
        if let Some(view) = out.view {
            overlays::scale_bar(ui, response.rect, view.metres_per_point());
        }
        overlays::north_arrow(ui, response.rect);
        self.title(ui, full);
        self.legend = self.legend(ui, full);
        attribution(ui, full);
    }

    fn title(&self, ui: &mut egui::Ui, full: Rect) {
        let width = (full.width() * 0.55).min(1000.0);
        let rect = Rect::from_min_size(full.min + vec2(24.0, 24.0), vec2(width, 10.0));
        let mut child = ui.new_child(UiBuilder::new().max_rect(rect));
        egui::Frame::new()
            .fill(Color32::from_rgba_unmultiplied(255, 255, 255, 235))
            .stroke(Stroke::new(1.0, Color32::from_gray(160)))
            .corner_radius(8.0)
            .inner_margin(16.0)
            .show(&mut child, |ui| {
                ui.set_max_width(width - 32.0);
                ui.label(
                    RichText::new(&self.request.title)
                        .font(fonts::bold(34.0))
                        .color(Color32::from_gray(15)),
                );
                if let Some(subtitle) = &self.request.subtitle {
                    ui.add(
                        egui::Label::new(
                            RichText::new(subtitle)
                                .size(19.0)
                                .color(Color32::from_gray(40)),
                        )
                        .wrap(),
                    );
                }
            });
    }

    fn legend(&self, ui: &mut egui::Ui, full: Rect) -> Rect {
        let lang = self.request.lang;
        let rect = Rect::from_min_size(full.right_top() + vec2(-404.0, 84.0), vec2(380.0, 10.0));
        let mut child = ui.new_child(UiBuilder::new().max_rect(rect));
        let response = egui::Frame::new()
            .fill(Color32::from_rgba_unmultiplied(255, 255, 255, 235))
            .stroke(Stroke::new(1.0, Color32::from_gray(160)))
            .corner_radius(8.0)
            .inner_margin(12.0)
            .show(&mut child, |ui| {
                ui.set_max_width(356.0);
                ui.label(
                    RichText::new(lang.pick("Chú giải", "Legend"))
                        .font(fonts::bold(18.0))
                        .color(Color32::from_gray(15)),
                );
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
                            .color(Color32::from_gray(25)),
                    );
                    for entry in entries {
                        ui.horizontal(|ui| {
                            let (rect, _) =
                                ui.allocate_exact_size(vec2(34.0, 20.0), egui::Sense::hover());
                            paint_swatch(&ui.painter_at(rect), rect, &entry.swatch);
                            ui.label(
                                RichText::new(entry.key.text(lang)).color(Color32::from_gray(30)),
                            );
                        });
                    }
                }
            });
        response.response.rect
    }
}

fn attribution(ui: &egui::Ui, full: Rect) {
    let text = format!("{} · {}", offline::ATTRIBUTION, offline::PLAN_ATTRIBUTION);
    let painter = ui.painter();
    let galley = painter.layout(
        text,
        egui::FontId::proportional(12.0),
        Color32::from_gray(30),
        full.width() * 0.6,
    );
    let rect = Align2::RIGHT_BOTTOM
        .anchor_size(full.right_bottom() - vec2(12.0, 12.0), galley.size())
        .expand(6.0);
    painter.rect_filled(
        rect,
        4.0,
        Color32::from_rgba_unmultiplied(255, 255, 255, 225),
    );
    painter.galley(rect.shrink(6.0).min, galley, Color32::from_gray(30));
}
