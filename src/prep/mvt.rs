//! Mapbox Vector Tile 2.1 encoding: layers of features whose geometry is already in tile
//! coordinates (0–4096, y down), as protobuf by hand. The format is small, and geozero's
//! MVT writer, though on the prost already in the tree, would bring prost-build and
//! dup-indexer, which are not. Values are strings and signed integers only: all the
//! Protomaps schema's fields written here need. The tests decode every kind of geometry
//! back with mvt-reader, the reader walkers draws these tiles with.

/// The one extent walkers draws.
pub const EXTENT: u32 = 4096;

#[derive(Clone, Debug, PartialEq)]
pub enum Value {
    Text(String),
    Int(i64),
}

/// A feature's geometry, in tile coordinates.
#[derive(Clone, Debug, PartialEq)]
pub enum Shape {
    Points(Vec<[i32; 2]>),
    /// Line parts.
    Lines(Vec<Vec<[i32; 2]>>),
    /// Polygons, each an exterior ring then its holes, closed or not (a last point equal to
    /// the first is dropped: the format closes a ring itself) and wound either way (the
    /// encoder winds them as the format wants).
    Polygons(Vec<Vec<Vec<[i32; 2]>>>),
}

#[derive(Clone, Debug, PartialEq)]
pub struct Feature {
    pub shape: Shape,
    pub properties: Vec<(String, Value)>,
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct Layer {
    pub name: String,
    pub features: Vec<Feature>,
}

fn varint(out: &mut Vec<u8>, mut v: u64) {
    while v >= 0x80 {
        out.push((v as u8) | 0x80);
        v >>= 7;
    }
    out.push(v as u8);
}

fn key(out: &mut Vec<u8>, field: u32, wire: u32) {
    varint(out, u64::from((field << 3) | wire));
}

fn bytes_field(out: &mut Vec<u8>, field: u32, bytes: &[u8]) {
    key(out, field, 2);
    varint(out, bytes.len() as u64);
    out.extend_from_slice(bytes);
}

fn zigzag(v: i32) -> u32 {
    ((v << 1) ^ (v >> 31)) as u32
}

fn command(id: u32, count: u32) -> u32 {
    (id & 7) | (count << 3)
}

/// Twice the signed area of a ring in tile coordinates by the surveyor's formula the
/// specification names (4.3.4.4): the format wants it positive for exterior rings
/// (clockwise on screen, y being down) and negative for holes.
fn area2(ring: &[[i32; 2]]) -> i64 {
    let n = ring.len();
    (0..n)
        .map(|i| {
            let (a, b) = (ring[i], ring[(i + 1) % n]);
            i64::from(a[0]) * i64::from(b[1]) - i64::from(b[0]) * i64::from(a[1])
        })
        .sum()
}

/// Drops repeated points (a zero-length LineTo is not allowed).
fn deduped(points: &[[i32; 2]]) -> Vec<[i32; 2]> {
    let mut out: Vec<[i32; 2]> = Vec::with_capacity(points.len());
    for p in points {
        if out.last() != Some(p) {
            out.push(*p);
        }
    }
    out
}

/// The geometry type of `shape` (1 points, 2 lines, 3 polygons) and its commands; no
/// commands when nothing drawable is left (lines under two distinct points, rings without
/// area), and the layer then leaves the feature out.
pub fn geometry(shape: &Shape) -> (u32, Vec<u32>) {
    let mut out = Vec::new();
    let mut cursor = [0i32, 0];
    let mut step = |out: &mut Vec<u32>, p: [i32; 2]| {
        out.push(zigzag(p[0] - cursor[0]));
        out.push(zigzag(p[1] - cursor[1]));
        cursor = p;
    };
    match shape {
        Shape::Points(points) => {
            if !points.is_empty() {
                out.push(command(1, points.len() as u32));
                for p in points {
                    step(&mut out, *p);
                }
            }
            (1, out)
        }
        Shape::Lines(lines) => {
            for line in lines.iter().map(|l| deduped(l)).filter(|l| l.len() >= 2) {
                out.push(command(1, 1));
                step(&mut out, line[0]);
                out.push(command(2, (line.len() - 1) as u32));
                for p in &line[1..] {
                    step(&mut out, *p);
                }
            }
            (2, out)
        }
        Shape::Polygons(polygons) => {
            for polygon in polygons {
                for (i, ring) in polygon.iter().enumerate() {
                    let mut ring = deduped(ring);
                    if ring.len() > 1 && ring.first() == ring.last() {
                        ring.pop();
                    }
                    if ring.len() < 3 || area2(&ring) == 0 {
                        if i == 0 {
                            break;
                        }
                        continue;
                    }
                    // Exterior rings positive, holes negative: readers tell a polygon's
                    // holes from the next polygon by this alone.
                    if (area2(&ring) > 0) != (i == 0) {
                        ring.reverse();
                    }
                    out.push(command(1, 1));
                    step(&mut out, ring[0]);
                    out.push(command(2, (ring.len() - 1) as u32));
                    for p in &ring[1..] {
                        step(&mut out, *p);
                    }
                    out.push(command(7, 1));
                }
            }
            (3, out)
        }
    }
}

fn value_bytes(value: &Value) -> Vec<u8> {
    let mut out = Vec::new();
    match value {
        Value::Text(t) => bytes_field(&mut out, 1, t.as_bytes()),
        Value::Int(i) => {
            key(&mut out, 4, 0);
            varint(&mut out, *i as u64);
        }
    }
    out
}

fn layer_bytes(layer: &Layer) -> Vec<u8> {
    let mut keys: Vec<&str> = Vec::new();
    let mut values: Vec<&Value> = Vec::new();
    let mut out = Vec::new();
    key(&mut out, 15, 0);
    varint(&mut out, 2);
    bytes_field(&mut out, 1, layer.name.as_bytes());
    for feature in &layer.features {
        let (kind, commands) = geometry(&feature.shape);
        if commands.is_empty() {
            continue;
        }
        let mut tags = Vec::new();
        for (k, v) in &feature.properties {
            let ki = keys.iter().position(|x| x == k).unwrap_or_else(|| {
                keys.push(k);
                keys.len() - 1
            });
            let vi = values.iter().position(|x| *x == v).unwrap_or_else(|| {
                values.push(v);
                values.len() - 1
            });
            varint(&mut tags, ki as u64);
            varint(&mut tags, vi as u64);
        }
        let mut f = Vec::new();
        bytes_field(&mut f, 2, &tags);
        key(&mut f, 3, 0);
        varint(&mut f, u64::from(kind));
        let mut packed = Vec::new();
        for c in commands {
            varint(&mut packed, u64::from(c));
        }
        bytes_field(&mut f, 4, &packed);
        bytes_field(&mut out, 2, &f);
    }
    for k in keys {
        bytes_field(&mut out, 3, k.as_bytes());
    }
    for v in values {
        bytes_field(&mut out, 4, &value_bytes(v));
    }
    key(&mut out, 5, 0);
    varint(&mut out, u64::from(EXTENT));
    out
}

/// A tile of `layers` (empty layers left out).
pub fn encode(layers: &[Layer]) -> Vec<u8> {
    let mut out = Vec::new();
    for layer in layers.iter().filter(|l| !l.features.is_empty()) {
        bytes_field(&mut out, 3, &layer_bytes(layer));
    }
    out
}

#[cfg(test)]
#[path = "mvt_tests.rs"]
mod tests;
