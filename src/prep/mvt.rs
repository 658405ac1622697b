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
mod tests {
    use super::*;

    #[test]
    fn geometry_commands_follow_the_specification_s_examples() {
        // MVT 2.1, section 4.3.5.
        assert_eq!(geometry(&Shape::Points(vec![[25, 17]])).1, vec![9, 50, 34]);
        assert_eq!(
            geometry(&Shape::Points(vec![[5, 7], [3, 2]])).1,
            vec![17, 10, 14, 3, 9]
        );
        assert_eq!(
            geometry(&Shape::Lines(vec![vec![[2, 2], [2, 10], [10, 10]]])).1,
            vec![9, 4, 4, 18, 0, 16, 16, 0]
        );
        assert_eq!(
            geometry(&Shape::Polygons(vec![vec![vec![
                [3, 6],
                [8, 12],
                [20, 34]
            ]]]))
            .1,
            vec![9, 6, 12, 18, 10, 12, 24, 44, 15]
        );
        // 4.3.5.7: two polygons, the second with a hole, given closed as the text gives them.
        assert_eq!(
            geometry(&Shape::Polygons(vec![
                vec![vec![[0, 0], [10, 0], [10, 10], [0, 10], [0, 0]]],
                vec![
                    vec![[11, 11], [20, 11], [20, 20], [11, 20], [11, 11]],
                    vec![[13, 13], [13, 17], [17, 17], [17, 13], [13, 13]],
                ],
            ]))
            .1,
            vec![
                9, 0, 0, 26, 20, 0, 0, 20, 19, 0, 15, 9, 22, 2, 26, 18, 0, 0, 18, 17, 0, 15, 9, 4,
                13, 26, 0, 8, 8, 0, 0, 7, 15
            ]
        );
    }

    /// The rings a polygon's commands draw, in tile coordinates, read as the specification
    /// says (4.3): written here apart from the encoder, so that the two cannot share a
    /// mistake.
    fn rings_drawn(commands: &[u32]) -> Vec<Vec<[i32; 2]>> {
        let unzigzag = |v: u32| ((v >> 1) as i32) ^ -((v & 1) as i32);
        let (mut rings, mut ring, mut cursor, mut i) = (Vec::new(), Vec::new(), [0i32, 0], 0);
        while i < commands.len() {
            let (id, count) = (commands[i] & 7, commands[i] >> 3);
            i += 1;
            if id == 7 {
                rings.push(std::mem::take(&mut ring));
                continue;
            }
            for _ in 0..count {
                cursor[0] += unzigzag(commands[i]);
                cursor[1] += unzigzag(commands[i + 1]);
                ring.push(cursor);
                i += 2;
            }
        }
        rings
    }

    /// Twice the area by the specification's formula (4.3.4.4), written out on the closed
    /// ring: the sum of x(i)·y(i+1) − x(i+1)·y(i).
    fn surveyor(ring: &[[i32; 2]]) -> i64 {
        let mut closed = ring.to_vec();
        closed.push(ring[0]);
        closed
            .windows(2)
            .map(|w| {
                i64::from(w[0][0]) * i64::from(w[1][1]) - i64::from(w[1][0]) * i64::from(w[0][1])
            })
            .sum()
    }

    /// The point after `corner` in `ring`, going round.
    fn after(ring: &[[i32; 2]], corner: [i32; 2]) -> [i32; 2] {
        let i = ring.iter().position(|p| *p == corner).expect("the corner");
        ring[(i + 1) % ring.len()]
    }

    fn square(x: i32, y: i32, side: i32) -> Vec<[i32; 2]> {
        // East along the top edge first: clockwise on a screen, y being down.
        vec![[x, y], [x + side, y], [x + side, y + side], [x, y + side]]
    }

    fn reversed(ring: Vec<[i32; 2]>) -> Vec<[i32; 2]> {
        ring.into_iter().rev().collect()
    }

    fn closed(mut ring: Vec<[i32; 2]>) -> Vec<[i32; 2]> {
        ring.push(ring[0]);
        ring
    }

    #[test]
    fn exterior_rings_are_clockwise_and_holes_counter_clockwise_in_tile_coordinates() {
        let (outer, hole) = (square(0, 0, 100), square(20, 20, 60));
        for (exterior, interior) in [
            (outer.clone(), hole.clone()),
            (reversed(outer.clone()), reversed(hole.clone())),
            (closed(reversed(outer.clone())), closed(hole.clone())),
            (closed(outer.clone()), closed(reversed(hole.clone()))),
        ] {
            let given = format!("{exterior:?} with the hole {interior:?}");
            let (kind, commands) = geometry(&Shape::Polygons(vec![vec![exterior, interior]]));
            assert_eq!(kind, 3, "a polygon");
            let rings = rings_drawn(&commands);
            assert_eq!(rings.len(), 2, "{given}");
            assert_eq!(
                rings[0].len(),
                4,
                "{given}: the closing point left to ClosePath"
            );
            assert!(
                surveyor(&rings[0]) > 0,
                "{given}: the exterior's area is positive"
            );
            assert!(surveyor(&rings[1]) < 0, "{given}: the hole's is negative");
            // What the sign means, seen on the square itself with y down: the exterior goes
            // east from its top-left corner (clockwise), the hole south (counter-clockwise).
            assert_eq!(after(&rings[0], [0, 0]), [100, 0], "{given}");
            assert_eq!(after(&rings[1], [20, 20]), [20, 80], "{given}");
        }
    }

    #[test]
    fn repeated_points_are_dropped_and_a_tile_names_its_layers_and_extent() {
        let ring = vec![[0, 0], [0, 10], [10, 10], [10, 10], [10, 0], [0, 0]];
        let (_, commands) = geometry(&Shape::Polygons(vec![vec![ring]]));
        assert_eq!(
            commands[3],
            command(2, 3),
            "three LineTo after the repeat and the closing point are dropped"
        );
        let (_, commands) = geometry(&Shape::Lines(vec![vec![[5, 5], [5, 5]]]));
        assert!(commands.is_empty(), "a line of one point draws nothing");
        let tile = encode(&[Layer {
            name: "earth".into(),
            features: vec![Feature {
                shape: Shape::Points(vec![[1, 1]]),
                properties: vec![("kind".into(), Value::Text("locality".into()))],
            }],
        }]);
        assert_eq!(tile[0], 0x1a, "field 3, a layer");
        assert!(tile.windows(5).any(|w| w == b"earth"));
        assert!(tile.ends_with(&[0x28, 0x80, 0x20]), "extent 4096");
        assert!(encode(&[Layer::default()]).is_empty());
    }

    /// A ring as a cycle, whatever its first point and direction: the least of its
    /// rotations forwards and backwards, without a closing point.
    fn cycle(ring: &[[i32; 2]]) -> Vec<[i32; 2]> {
        let mut ring = ring.to_vec();
        if ring.len() > 1 && ring.first() == ring.last() {
            ring.pop();
        }
        let backwards = reversed(ring.clone());
        let mut forms = Vec::new();
        for mut form in [ring, backwards] {
            for _ in 0..form.len() {
                form.rotate_left(1);
                forms.push(form.clone());
            }
        }
        forms.into_iter().min().unwrap_or_default()
    }

    /// `shape` with its rings as cycles (points and lines as they are).
    fn comparable(shape: &Shape) -> Shape {
        match shape {
            Shape::Polygons(polygons) => Shape::Polygons(
                polygons
                    .iter()
                    .map(|rings| rings.iter().map(|r| cycle(r)).collect())
                    .collect(),
            ),
            other @ (Shape::Points(_) | Shape::Lines(_)) => other.clone(),
        }
    }

    /// What mvt-reader decoded, as a `Shape` with its rings as cycles.
    fn decoded(geometry: &geo::Geometry<i32>) -> Shape {
        let line = |l: &geo::LineString<i32>| l.coords().map(|c| [c.x, c.y]).collect::<Vec<_>>();
        let polygon = |p: &geo::Polygon<i32>| {
            std::iter::once(p.exterior())
                .chain(p.interiors())
                .map(|r| cycle(&line(r)))
                .collect::<Vec<_>>()
        };
        match geometry {
            geo::Geometry::MultiPoint(m) => {
                Shape::Points(m.iter().map(|p| [p.x(), p.y()]).collect())
            }
            geo::Geometry::LineString(l) => Shape::Lines(vec![line(l)]),
            geo::Geometry::MultiLineString(m) => Shape::Lines(m.iter().map(line).collect()),
            geo::Geometry::Polygon(p) => Shape::Polygons(vec![polygon(p)]),
            geo::Geometry::MultiPolygon(m) => Shape::Polygons(m.iter().map(polygon).collect()),
            other @ (geo::Geometry::Point(_)
            | geo::Geometry::Line(_)
            | geo::Geometry::GeometryCollection(_)
            | geo::Geometry::Rect(_)
            | geo::Geometry::Triangle(_)) => {
                panic!("not a geometry the encoder writes: {other:?}")
            }
        }
    }

    fn text(key: &str, value: &str) -> (String, Value) {
        (key.to_owned(), Value::Text(value.to_owned()))
    }

    #[test]
    fn every_kind_of_feature_decodes_back_with_the_reader_walkers_uses() {
        let feature = |shape, properties| Feature { shape, properties };
        let places = vec![
            feature(
                Shape::Points(vec![[25, 17]]),
                vec![
                    text("name", "Lạng Sơn"),
                    ("min_zoom".into(), Value::Int(10)),
                ],
            ),
            // Two points in one feature, in the buffer past the tile's edges.
            feature(
                Shape::Points(vec![[-10, 4100], [4000, 5]]),
                vec![text("name", "Đồng Đăng"), ("offset".into(), Value::Int(-3))],
            ),
        ];
        let water = vec![
            feature(
                Shape::Lines(vec![vec![[2, 2], [2, 10], [10, 10]]]),
                vec![text("kind", "river")],
            ),
            feature(
                Shape::Lines(vec![
                    vec![[0, 0], [4096, 4096]],
                    vec![[-64, 300], [100, 300], [100, -64]],
                ]),
                vec![text("kind", "river"), ("kind_detail".into(), Value::Int(2))],
            ),
        ];
        let earth = vec![
            // A polygon with a hole, both given the wrong way round, the exterior closed.
            feature(
                Shape::Polygons(vec![vec![
                    closed(reversed(square(0, 0, 100))),
                    square(20, 20, 60),
                ]]),
                vec![text("kind", "earth")],
            ),
            // Nothing to draw: left out.
            feature(
                Shape::Polygons(vec![vec![vec![[0, 0], [10, 10], [20, 20]]]]),
                vec![text("kind", "sliver")],
            ),
            // Two polygons in one feature, the second with a hole.
            feature(
                Shape::Polygons(vec![
                    vec![square(200, 200, 50)],
                    vec![
                        reversed(square(300, 300, 50)),
                        reversed(square(310, 310, 10)),
                    ],
                ]),
                Vec::new(),
            ),
        ];
        let layers = [
            Layer {
                name: "places".into(),
                features: places,
            },
            Layer::default(),
            Layer {
                name: "water".into(),
                features: water,
            },
            Layer {
                name: "earth".into(),
                features: earth,
            },
        ];
        let reader = mvt_reader::Reader::new(encode(&layers)).expect("a tile mvt-reader reads");
        let read = reader.get_layer_metadata().expect("layers");
        let names: Vec<&str> = read.iter().map(|l| l.name.as_str()).collect();
        assert_eq!(
            names,
            ["places", "water", "earth"],
            "the empty layer left out"
        );
        for (index, layer) in layers.iter().filter(|l| !l.features.is_empty()).enumerate() {
            assert_eq!((read[index].version, read[index].extent), (2, EXTENT));
            let written: Vec<&Feature> = layer
                .features
                .iter()
                .filter(|f| !geometry(&f.shape).1.is_empty())
                .collect();
            let back = reader.get_features_as::<i32>(index).expect("features");
            assert_eq!(back.len(), written.len(), "{}", layer.name);
            for (was, now) in written.iter().zip(&back) {
                // Tile coordinates are whole units: they come back exactly.
                assert_eq!(
                    decoded(&now.geometry),
                    comparable(&was.shape),
                    "{}",
                    layer.name
                );
                let properties: std::collections::HashMap<String, mvt_reader::feature::Value> = was
                    .properties
                    .iter()
                    .map(|(k, v)| {
                        let v = match v {
                            Value::Text(t) => mvt_reader::feature::Value::String(t.clone()),
                            Value::Int(i) => mvt_reader::feature::Value::Int(*i),
                        };
                        (k.clone(), v)
                    })
                    .collect();
                assert_eq!(now.properties.as_ref(), Some(&properties), "{}", layer.name);
            }
        }
        assert_eq!(read[2].feature_count, 2, "the sliver is not written");
    }
}
