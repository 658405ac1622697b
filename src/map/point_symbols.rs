//! The reader's points as symbols the GPU draws cheaply: a disc rendered once per pixel
//! size, and each point two textured quads over it (its white ring and its colour), at
//! most one a cell of half a symbol.

use super::cells::Cells;
use egui::{Color32, Mesh, Painter, Pos2, Rect, vec2};
use std::collections::HashMap;

/// White discs by pixel diameter, made once.
#[derive(Default)]
pub struct Discs(HashMap<u32, egui::TextureHandle>);

impl Discs {
    /// A white, anti-aliased disc `diameter` pixels across (with a pixel of margin), made
    /// once. A point is then two textured quads, its white ring and its colour: 8 vertices,
    /// where a tessellated circle and its outline take about a hundred. For a layer of
    /// 50 000 points that is the difference between a few megabytes of mesh a frame and
    /// over a gigabyte held by the frame's buffers and a software GPU driver.
    fn disc(&mut self, ctx: &egui::Context, diameter: u32) -> egui::TextureId {
        let diameter = diameter.clamp(1, 256);
        self.0
            .entry(diameter)
            .or_insert_with(|| {
                let side = diameter as usize + 2;
                let (c, r) = (side as f32 / 2.0, diameter as f32 / 2.0);
                let pixels = (0..side * side)
                    .map(|i| {
                        let (x, y) = ((i % side) as f32 + 0.5, (i / side) as f32 + 0.5);
                        let d = (x - c).hypot(y - c);
                        Color32::from_white_alpha(((r + 0.5 - d).clamp(0.0, 1.0) * 255.0) as u8)
                    })
                    .collect();
                let image = egui::ColorImage::new([side, side], pixels);
                ctx.load_texture(
                    format!("user-point-{diameter}"),
                    image,
                    egui::TextureOptions::LINEAR,
                )
            })
            .id()
    }
}

/// A layer's points as textured quads: a white disc a pixel wider than the point, its
/// colour over it (the outline a circle stroke used to draw).
pub struct PointMeshes {
    rings: Mesh,
    colours: Mesh,
    ring_colour: Color32,
    /// Quad sizes in points: the ring's, the colour's.
    sizes: (egui::Vec2, egui::Vec2),
    /// A point whose centre falls within half a symbol of one already drawn would mostly
    /// hide under it and its neighbours: one per cell, as many as the screen can show.
    cells: Cells,
}

impl PointMeshes {
    pub fn new(
        discs: &mut Discs,
        ctx: &egui::Context,
        rect: Rect,
        (point_size, opacity): (f32, f32),
    ) -> Self {
        let ppp = ctx.pixels_per_point();
        let point_px = (point_size * ppp).round().max(1.0) as u32;
        let ring_px = point_px + (2.0 * ppp).round().max(2.0) as u32;
        // The discs have a pixel of margin on each side.
        let quad = |px: u32| vec2(px as f32 + 2.0, px as f32 + 2.0) / ppp;
        PointMeshes {
            rings: Mesh::with_texture(discs.disc(ctx, ring_px)),
            colours: Mesh::with_texture(discs.disc(ctx, point_px)),
            ring_colour: Color32::WHITE.gamma_multiply(opacity),
            sizes: (quad(ring_px), quad(point_px)),
            cells: Cells::sized(rect.expand(16.0), point_size / 2.0),
        }
    }

    pub fn add(&mut self, at: Pos2, colour: Color32) {
        if !self.cells.claim(at) {
            return;
        }
        let uv = Rect::from_min_max(egui::pos2(0.0, 0.0), egui::pos2(1.0, 1.0));
        self.rings.add_rect_with_uv(
            Rect::from_center_size(at, self.sizes.0),
            uv,
            self.ring_colour,
        );
        self.colours
            .add_rect_with_uv(Rect::from_center_size(at, self.sizes.1), uv, colour);
    }

    /// All rings, then all colours: each point's ring right under its own colour would
    /// interleave two textures; this way there are two meshes, and a ring only peeks out
    /// by its pixel around its own point.
    pub fn paint(self, painter: &Painter) {
        painter.add(self.rings);
        painter.add(self.colours);
    }
}
