//! Picking the feature under the pointer: points over lines over polygons, hidden layers
//! never picked.

#![allow(
    clippy::expect_used,
    clippy::unwrap_used,
    reason = "the test's helpers: a failed expectation is a failed test"
)]

mod common;

use common::{atlas, id};
use geo::{Coord, Distance, Euclidean, Geometry, Point};
use langson_atlas::atlas::{Atlas, LayerKind};

fn pick(atlas: &Atlas, at: Coord, visible: impl Fn(LayerKind) -> bool) -> Option<String> {
    atlas
        .index
        .pick(atlas.features(), at, 300.0, visible)
        .map(|i| atlas.features()[i].id().to_string())
}

fn all(_: LayerKind) -> bool {
    true
}

/// A commune of `district` far (in degrees) from every line and point feature.
fn quiet_spot(atlas: &Atlas, district: &str) -> Coord {
    let busy: Vec<&Geometry<f64>> = atlas
        .features()
        .iter()
        .filter(|f| {
            matches!(
                f.kind().layer(),
                LayerKind::Axis
                    | LayerKind::Corridors
                    | LayerKind::Gates
                    | LayerKind::Industry
                    | LayerKind::Context
            )
        })
        .filter(|f| f.kind() != langson_atlas::atlas::Kind::Province)
        .filter_map(|f| f.geometry.as_ref())
        .collect();
    atlas
        .communes
        .iter()
        .filter(|c| c.district == id(district))
        .max_by(|a, b| {
            let clearance = |p: &Point<f64>| {
                busy.iter()
                    .map(|g| Euclidean.distance(p, *g))
                    .fold(f64::INFINITY, f64::min)
            };
            clearance(&a.point).total_cmp(&clearance(&b.point))
        })
        .map(|c| c.point.0)
        .expect("the district has communes")
}

#[test]
fn a_point_in_chi_lang_selects_chi_lang() {
    let atlas = atlas();
    let spot = quiet_spot(&atlas, "chi_lang");
    assert_eq!(pick(&atlas, spot, all).as_deref(), Some("chi_lang"));
}

#[test]
fn with_districts_hidden_the_zone_beneath_is_picked() {
    let atlas = atlas();
    let spot = quiet_spot(&atlas, "chi_lang");
    let picked = pick(&atlas, spot, |l| l != LayerKind::Districts);
    assert_eq!(picked.as_deref(), Some("zone_dynamic"));
}

#[test]
fn a_point_on_the_axis_selects_the_axis() {
    let atlas = atlas();
    let Some(Geometry::LineString(axis)) = &atlas
        .get(&id("axis_dong_dang_huu_lung"))
        .expect("axis")
        .geometry
    else {
        panic!("the axis is a line");
    };
    // Halfway between Đồng Mỏ and Chi Lăng township, away from any site.
    let (a, b) = (axis.0[3], axis.0[4]);
    let mid = Coord {
        x: (a.x + b.x) / 2.0,
        y: (a.y + b.y) / 2.0,
    };
    assert_eq!(
        pick(&atlas, mid, all).as_deref(),
        Some("axis_dong_dang_huu_lung")
    );
}

#[test]
fn a_gate_point_selects_the_gate() {
    let atlas = atlas();
    for gate in ["huu_nghi", "chi_ma", "tan_thanh"] {
        let Some(Geometry::Point(p)) = &atlas.get(&id(gate)).expect("gate").geometry else {
            panic!("{gate} is drawn");
        };
        assert_eq!(pick(&atlas, p.0, all).as_deref(), Some(gate));
    }
}

#[test]
fn a_hidden_layer_is_never_picked() {
    let atlas = atlas();
    let Some(Geometry::Point(p)) = &atlas.get(&id("huu_nghi")).expect("gate").geometry else {
        panic!("drawn");
    };
    let picked = pick(&atlas, p.0, |l| l != LayerKind::Gates);
    assert_ne!(picked.as_deref(), Some("huu_nghi"));
}

#[test]
fn outside_the_province_nothing_is_picked() {
    let atlas = atlas();
    let hanoi = Coord {
        x: 105.85,
        y: 21.03,
    };
    assert_eq!(pick(&atlas, hanoi, all), None);
}

/// The edge index's "inside" (a ray crossing count) agrees with geo's point-in-polygon on
/// a thousand points spread over the province, holes and multi-part districts included.
#[test]
fn picking_a_district_agrees_with_point_in_polygon_everywhere() {
    use geo::Contains;
    use langson_atlas::atlas::LayerKind;
    let atlas = atlas();
    let districts: Vec<_> = atlas.in_layer(LayerKind::Districts).collect();
    let mut seed: u64 = 0x5eed;
    let mut next = || {
        seed = seed
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (seed >> 11) as f64 / (1u64 << 53) as f64
    };
    let mut inside = 0;
    for _ in 0..1000 {
        let at = geo::Coord {
            x: 106.0 + next() * 1.8,
            y: 21.3 + next() * 1.3,
        };
        let expected = districts
            .iter()
            .find(|d| {
                d.geometry
                    .as_ref()
                    .is_some_and(|g| g.contains(&geo::Point::from(at)))
            })
            .map(|d| d.id().clone());
        let picked = atlas
            .index
            .pick(atlas.features(), at, 1.0, |l| l == LayerKind::Districts)
            .and_then(|i| atlas.features().get(i))
            .map(|f| f.id().clone());
        assert_eq!(picked, expected, "at {at:?}");
        inside += usize::from(expected.is_some());
    }
    assert!(inside > 250, "many probes fall in a district ({inside})");
}
