//! Tests of `src/prep/mvt.rs`.
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
            9, 0, 0, 26, 20, 0, 0, 20, 19, 0, 15, 9, 22, 2, 26, 18, 0, 0, 18, 17, 0, 15, 9, 4, 13,
            26, 0, 8, 8, 0, 0, 7, 15
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
        .map(|w| i64::from(w[0][0]) * i64::from(w[1][1]) - i64::from(w[1][0]) * i64::from(w[0][1]))
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
        geo::Geometry::MultiPoint(m) => Shape::Points(m.iter().map(|p| [p.x(), p.y()]).collect()),
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
