//! The map labels' glyphs, made here rather than asked of a font server: signed distance
//! fields of Noto Sans (the window's face) at MapLibre's 24 px, in the protobuf ranges
//! MapLibre requests (`glyphs://{fontstack}/{range}.pbf`, answered in the page from
//! base64). Only the characters Vietnamese and English labels use are drawn, which keeps
//! the folder small; a character outside them is simply not drawn by the map.

use crate::theme::fonts;
use rustybuzz::ttf_parser::{self, Face, OutlineBuilder};
use std::collections::{BTreeMap, BTreeSet};

/// The name the page's style asks for.
pub const FONTSTACK: &str = "Noto Sans Regular";
/// The font size MapLibre's glyph ranges are made at.
const SIZE: f32 = 24.0;
/// Pixels of field around each glyph's box (MapLibre expects 3).
const BUFFER: i32 = 3;
/// How far the field reaches, and where the edge sits in it (TinySDF's values).
const RADIUS: f64 = 8.0;
const CUTOFF: f64 = 0.25;
/// MapLibre places a glyph's box from its top relative to this line (its TinySDF path
/// uses the same offset).
const TOP_OFFSET: i32 = 27;

/// The glyph ranges, keyed "start-end" as MapLibre names them, each an encoded PBF.
pub fn ranges(extra_text: &str) -> Result<BTreeMap<String, Vec<u8>>, ttf_parser::FaceParsingError> {
    let face = Face::parse(fonts::REGULAR_BYTES, 0)?;
    let mut by_range: BTreeMap<u32, Vec<u8>> = BTreeMap::new();
    for c in characters(extra_text) {
        let Some(glyph) = draw(&face, c) else {
            continue;
        };
        let start = u32::from(c) / 256 * 256;
        let message = glyph_message(u32::from(c), &glyph);
        put_bytes(by_range.entry(start).or_default(), 3, &message);
    }
    Ok(by_range
        .into_iter()
        .map(|(start, glyphs)| {
            let range = format!("{start}-{}", start + 255);
            let mut stack = Vec::new();
            put_bytes(&mut stack, 1, FONTSTACK.as_bytes());
            put_bytes(&mut stack, 2, range.as_bytes());
            stack.extend(glyphs);
            let mut file = Vec::new();
            put_bytes(&mut file, 1, &stack);
            (range, file)
        })
        .collect())
}

/// Printable Latin, the Vietnamese letters, the punctuation the names use, and every
/// character of `extra_text` (the labels themselves).
fn characters(extra_text: &str) -> BTreeSet<char> {
    let mut set: BTreeSet<char> = (' '..='~').chain('\u{a0}'..='\u{ff}').collect();
    set.extend("ĂăĐđĨĩŨũƠơƯư–—‘’“”…·".chars());
    set.extend('\u{1ea0}'..='\u{1ef9}');
    set.extend('\u{300}'..='\u{323}');
    set.extend(extra_text.chars().filter(|c| !c.is_control()));
    set
}

struct Drawn {
    width: u32,
    height: u32,
    left: i32,
    top: i32,
    advance: u32,
    sdf: Vec<u8>,
}

/// Turns the font's outline into a tiny-skia path in pixels, y down.
struct Pen {
    path: tiny_skia::PathBuilder,
    scale: f32,
    dx: f32,
    dy: f32,
}

impl Pen {
    fn at(&self, x: f32, y: f32) -> (f32, f32) {
        (x * self.scale + self.dx, self.dy - y * self.scale)
    }
}

impl OutlineBuilder for Pen {
    fn move_to(&mut self, x: f32, y: f32) {
        let (x, y) = self.at(x, y);
        self.path.move_to(x, y);
    }
    fn line_to(&mut self, x: f32, y: f32) {
        let (x, y) = self.at(x, y);
        self.path.line_to(x, y);
    }
    fn quad_to(&mut self, x1: f32, y1: f32, x: f32, y: f32) {
        let (x1, y1) = self.at(x1, y1);
        let (x, y) = self.at(x, y);
        self.path.quad_to(x1, y1, x, y);
    }
    fn curve_to(&mut self, x1: f32, y1: f32, x2: f32, y2: f32, x: f32, y: f32) {
        let (x1, y1) = self.at(x1, y1);
        let (x2, y2) = self.at(x2, y2);
        let (x, y) = self.at(x, y);
        self.path.cubic_to(x1, y1, x2, y2, x, y);
    }
    fn close(&mut self) {
        self.path.close();
    }
}

/// The glyph's field and metrics; `None` where the face has no glyph for `c`.
fn draw(face: &Face<'_>, c: char) -> Option<Drawn> {
    let id = face.glyph_index(c)?;
    let scale = SIZE / f32::from(face.units_per_em());
    let advance = (f32::from(face.glyph_hor_advance(id).unwrap_or(0)) * scale).round() as u32;
    let mut probe = Pen {
        path: tiny_skia::PathBuilder::new(),
        scale,
        dx: 0.0,
        dy: 0.0,
    };
    let Some(bbox) = face.outline_glyph(id, &mut probe) else {
        // A space: no outline, only an advance.
        return Some(Drawn {
            width: 0,
            height: 0,
            left: 0,
            top: -TOP_OFFSET,
            advance,
            sdf: Vec::new(),
        });
    };
    let left = (f32::from(bbox.x_min) * scale).floor() as i32;
    let right = (f32::from(bbox.x_max) * scale).ceil() as i32;
    let top = (f32::from(bbox.y_max) * scale).ceil() as i32;
    let bottom = (f32::from(bbox.y_min) * scale).floor() as i32;
    let (width, height) = ((right - left).max(1) as u32, (top - bottom).max(1) as u32);
    let (w, h) = (width + 2 * BUFFER as u32, height + 2 * BUFFER as u32);
    let mut pen = Pen {
        path: tiny_skia::PathBuilder::new(),
        scale,
        dx: (BUFFER - left) as f32,
        dy: (BUFFER + top) as f32,
    };
    face.outline_glyph(id, &mut pen)?;
    let path = pen.path.finish()?;
    let mut pixmap = tiny_skia::Pixmap::new(w, h)?;
    let mut paint = tiny_skia::Paint::default();
    paint.set_color_rgba8(0, 0, 0, 255);
    paint.anti_alias = true;
    pixmap.fill_path(
        &path,
        &paint,
        tiny_skia::FillRule::Winding,
        tiny_skia::Transform::identity(),
        None,
    );
    let alpha: Vec<f64> = pixmap
        .data()
        .chunks_exact(4)
        .map(|p| f64::from(p[3]) / 255.0)
        .collect();
    Some(Drawn {
        width,
        height,
        left,
        top: top - TOP_OFFSET,
        advance,
        sdf: distance_field(&alpha, w as usize, h as usize),
    })
}

const INF: f64 = 1e20;

/// TinySDF's field: squared distances outside and inside the shape by the exact Euclidean
/// transform, the anti-aliased edge giving the sub-pixel start.
fn distance_field(alpha: &[f64], w: usize, h: usize) -> Vec<u8> {
    let mut outer: Vec<f64> = alpha
        .iter()
        .map(|&a| match a {
            a if a >= 1.0 => 0.0,
            a if a <= 0.0 => INF,
            a => (0.5 - a).max(0.0).powi(2),
        })
        .collect();
    let mut inner: Vec<f64> = alpha
        .iter()
        .map(|&a| match a {
            a if a >= 1.0 => INF,
            a if a <= 0.0 => 0.0,
            a => (a - 0.5).max(0.0).powi(2),
        })
        .collect();
    edt(&mut outer, w, h);
    edt(&mut inner, w, h);
    outer
        .iter()
        .zip(&inner)
        .map(|(o, i)| {
            let d = o.sqrt() - i.sqrt();
            (255.0 - 255.0 * (d / RADIUS + CUTOFF))
                .round()
                .clamp(0.0, 255.0) as u8
        })
        .collect()
}

/// Felzenszwalb and Huttenlocher's transform: columns, then rows.
fn edt(grid: &mut [f64], w: usize, h: usize) {
    let n = w.max(h);
    let (mut f, mut v, mut z) = (vec![0.0; n], vec![0usize; n], vec![0.0; n + 1]);
    for x in 0..w {
        edt_1d(grid, x, w, h, &mut f, &mut v, &mut z);
    }
    for y in 0..h {
        edt_1d(grid, y * w, 1, w, &mut f, &mut v, &mut z);
    }
}

fn edt_1d(
    grid: &mut [f64],
    offset: usize,
    stride: usize,
    length: usize,
    f: &mut [f64],
    v: &mut [usize],
    z: &mut [f64],
) {
    v[0] = 0;
    z[0] = -INF;
    z[1] = INF;
    f[0] = grid[offset];
    // TinySDF's loop, k signed: it may drop below the first parabola before one is added.
    let mut k: isize = 0;
    for q in 1..length {
        f[q] = grid[offset + q * stride];
        let q2 = (q * q) as f64;
        let mut s;
        loop {
            let r = v[k as usize];
            s = (f[q] - f[r] + q2 - (r * r) as f64) / (q - r) as f64 / 2.0;
            if s <= z[k as usize] {
                k -= 1;
                if k > -1 {
                    continue;
                }
            }
            break;
        }
        k += 1;
        let ku = k as usize;
        v[ku] = q;
        z[ku] = s;
        z[ku + 1] = INF;
    }
    let mut k = 0;
    for q in 0..length {
        while z[k + 1] < q as f64 {
            k += 1;
        }
        let r = v[k];
        let qr = q as f64 - r as f64;
        grid[offset + q * stride] = f[r] + qr * qr;
    }
}

fn glyph_message(id: u32, g: &Drawn) -> Vec<u8> {
    let mut m = Vec::new();
    put_varint_field(&mut m, 1, u64::from(id));
    if !g.sdf.is_empty() {
        put_bytes(&mut m, 2, &g.sdf);
    }
    put_varint_field(&mut m, 3, u64::from(g.width));
    put_varint_field(&mut m, 4, u64::from(g.height));
    put_varint_field(&mut m, 5, zigzag(g.left));
    put_varint_field(&mut m, 6, zigzag(g.top));
    put_varint_field(&mut m, 7, u64::from(g.advance));
    m
}

fn zigzag(n: i32) -> u64 {
    u64::from(((n << 1) ^ (n >> 31)) as u32)
}

fn put_varint(out: &mut Vec<u8>, mut n: u64) {
    while n >= 0x80 {
        out.push((n as u8) | 0x80);
        n >>= 7;
    }
    out.push(n as u8);
}

fn put_varint_field(out: &mut Vec<u8>, field: u64, n: u64) {
    put_varint(out, field << 3);
    put_varint(out, n);
}

fn put_bytes(out: &mut Vec<u8>, field: u64, bytes: &[u8]) {
    put_varint(out, (field << 3) | 2);
    put_varint(out, bytes.len() as u64);
    out.extend_from_slice(bytes);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn vietnamese_letters_have_fields_in_their_ranges() {
        let ranges = ranges("Lạng Sơn").unwrap_or_default();
        for range in ["0-255", "256-511", "7680-7935"] {
            assert!(ranges.contains_key(range), "{range}");
        }
        let face = Face::parse(fonts::REGULAR_BYTES, 0).ok();
        let drawn = face.as_ref().and_then(|f| draw(f, 'ạ'));
        let Some(g) = drawn else {
            panic!("ạ is drawn");
        };
        assert_eq!(
            g.sdf.len(),
            ((g.width + 6) * (g.height + 6)) as usize,
            "a field is the box and its buffer"
        );
        assert!(
            g.sdf.iter().any(|&v| v > 192),
            "the inside is past the edge"
        );
        assert!(g.sdf.iter().any(|&v| v < 64), "the outside falls off");
    }
}
