//! What `geodata/` promises: the plan's 11 districts with their official names, zones that
//! are exactly the union of their districts, valid geometry, unique ids, a source for every
//! feature, and no point drawn where the sources give no location.

#![allow(
    clippy::expect_used,
    clippy::unwrap_used,
    reason = "the test's helpers: a failed expectation is a failed test"
)]

mod common;

use common::{atlas, id};
use geo::{
    Contains, Distance, GeodesicArea, Geometry, Haversine, InteriorPoint, Point, Validation,
};
use langson_atlas::atlas::{Atlas, GeodataSource, Kind, LayerKind, Precision, Zone};
use std::path::Path;

const OFFICIAL_NAMES: [&str; 11] = [
    "Thành phố Lạng Sơn",
    "Cao Lộc",
    "Văn Lãng",
    "Tràng Định",
    "Bình Gia",
    "Văn Quan",
    "Bắc Sơn",
    "Chi Lăng",
    "Hữu Lũng",
    "Lộc Bình",
    "Đình Lập",
];

#[test]
fn the_embedded_geodata_loads_without_errors() {
    let (_, errors) = Atlas::load(&GeodataSource::Embedded, None);
    assert!(errors.is_empty(), "{errors:#?}");
}

#[test]
fn there_are_exactly_the_eleven_districts_of_the_plan() {
    let atlas = atlas();
    let mut names: Vec<&str> = atlas
        .in_layer(LayerKind::Districts)
        .map(|d| d.props.name_vi.as_str())
        .collect();
    names.sort();
    let mut expected = OFFICIAL_NAMES.to_vec();
    expected.sort();
    assert_eq!(names, expected);
}

#[test]
fn districts_belong_to_the_zones_the_plan_gives_them() {
    let atlas = atlas();
    let zone_of = |name: &str| {
        atlas
            .in_layer(LayerKind::Districts)
            .find(|d| d.props.name_vi == name)
            .and_then(|d| d.props.zone)
    };
    for name in ["Thành phố Lạng Sơn", "Cao Lộc", "Chi Lăng", "Hữu Lũng"] {
        assert_eq!(zone_of(name), Some(Zone::Dynamic), "{name}");
    }
    for name in ["Lộc Bình", "Đình Lập"] {
        assert_eq!(zone_of(name), Some(Zone::East), "{name}");
    }
    for name in ["Văn Quan", "Bình Gia", "Bắc Sơn", "Văn Lãng", "Tràng Định"] {
        assert_eq!(zone_of(name), Some(Zone::West), "{name}");
    }
}

#[test]
fn district_areas_are_geodesic_and_add_up_to_the_province() {
    let atlas = atlas();
    let total: f64 = atlas
        .in_layer(LayerKind::Districts)
        .map(|d| {
            let stated = d.props.area_km2.expect("every district states its area");
            let computed = d
                .geometry
                .as_ref()
                .expect("districts are drawn")
                .geodesic_area_unsigned()
                / 1e6;
            assert!(
                (stated - computed).abs() < 0.1,
                "{}: {stated} vs {computed}",
                d.id()
            );
            stated
        })
        .sum();
    // SOURCES.md: the equal-area total of these polygons is 8,355 km² (published: 8,310).
    assert!((total - 8355.0).abs() < 0.01 * 8355.0, "total {total} km²");
}

#[test]
fn each_zone_is_the_union_of_its_districts() {
    let atlas = atlas();
    for zone in Zone::ALL {
        let feature = atlas.get(&zone.feature_id()).expect("the zone exists");
        let shape = feature.geometry.as_ref().expect("zones are drawn");
        let members: Vec<_> = atlas
            .in_layer(LayerKind::Districts)
            .filter(|d| d.props.zone == Some(zone))
            .collect();
        let member_ids: Vec<_> = members.iter().map(|d| d.id().clone()).collect();
        assert_eq!(
            feature.props.districts, member_ids,
            "{zone:?} lists its districts"
        );

        let sum: f64 = members
            .iter()
            .filter_map(|d| d.geometry.as_ref())
            .map(|g| g.geodesic_area_unsigned())
            .sum();
        let area = shape.geodesic_area_unsigned();
        assert!(
            (area - sum).abs() < 0.001 * sum,
            "{zone:?}: {area} vs {sum}"
        );

        for district in atlas.in_layer(LayerKind::Districts) {
            let inside = district
                .geometry
                .as_ref()
                .and_then(|g| g.interior_point())
                .expect("a district has an interior point");
            assert_eq!(
                shape.contains(&inside),
                district.props.zone == Some(zone),
                "{} against {zone:?}",
                district.id()
            );
        }
    }
}

#[test]
fn every_geometry_is_valid_and_every_id_unique() {
    let atlas = atlas();
    let mut ids = std::collections::HashSet::new();
    for feature in atlas.features() {
        assert!(
            ids.insert(feature.id().clone()),
            "duplicate {}",
            feature.id()
        );
        if let Some(g) = &feature.geometry {
            assert!(
                g.is_valid(),
                "{}: {:?}",
                feature.id(),
                g.validation_errors()
            );
        }
    }
}

/// The basemap's land, rivers and towns too: an invalid land polygon draws wrongly and
/// breaks the offline tiles' fill.
#[test]
fn every_basemap_geometry_is_valid() {
    let atlas = atlas();
    assert!(!atlas.base.land.is_empty(), "the basemap has land");
    for part in &atlas.base.land {
        assert!(
            part.polygons.is_valid(),
            "base-land {}: {:?}",
            part.country,
            part.polygons.validation_errors()
        );
    }
    for river in &atlas.base.rivers {
        assert!(
            river.line.is_valid(),
            "base-rivers: {:?}",
            river.line.validation_errors()
        );
    }
}

#[test]
fn every_feature_says_where_its_location_comes_from() {
    let atlas = atlas();
    for feature in atlas.features() {
        let p = &feature.props;
        assert!(!p.source.trim().is_empty(), "{} has no source", p.id);
        assert!(
            !p.name_vi.is_empty() && !p.name_en.is_empty(),
            "{} needs both names",
            p.id
        );
        assert_eq!(
            p.approximate,
            p.precision == Precision::CommuneCentroid,
            "{}",
            p.id
        );
        assert_eq!(feature.is_located(), p.precision.is_drawable(), "{}", p.id);
        match p.kind {
            Kind::DevelopmentAxis | Kind::Corridor => {
                assert!(
                    p.schematic && p.precision == Precision::Schematic,
                    "{}",
                    p.id
                );
                assert!(p.via.len() >= 3 && !p.routes.is_empty(), "{}", p.id);
            }
            Kind::BorderGate => assert!(p.gate_class.is_some(), "{}", p.id),
            Kind::IndustrialCluster | Kind::IndustrialPark => {
                assert!(p.status.is_some() && p.status_source.is_some(), "{}", p.id);
                assert_eq!(p.area_ha.is_some(), p.area_source.is_some(), "{}", p.id);
            }
            Kind::Province
            | Kind::BorderLine
            | Kind::District
            | Kind::Zone
            | Kind::Expressway
            | Kind::EconomicZone
            | Kind::FunctionalArea
            | Kind::SmartGate => {}
        }
    }
}

#[test]
fn places_without_a_known_location_are_never_drawn() {
    let atlas = atlas();
    // Everything the map can draw is what its spatial index returns for the whole world.
    let drawable: Vec<usize> = atlas
        .index
        .intersecting(
            geo::Coord {
                x: -180.0,
                y: -90.0,
            },
            geo::Coord { x: 180.0, y: 90.0 },
        )
        .collect();
    for expected in [
        "ccn_van_lang",
        "ccn_dinh_lap",
        "ccn_bac_son_2",
        "coc_nam",
        "na_hinh",
    ] {
        let feature = atlas.get(&id(expected)).expect("the place is in the data");
        assert!(!feature.is_located(), "{expected} has no location");
        let position = atlas.position(&id(expected)).expect("indexed by id");
        assert!(
            !drawable.contains(&position),
            "{expected} must not be drawn"
        );
        assert!(
            feature.props.district.is_some(),
            "{expected} is listed under its district"
        );
    }
    let located = atlas.features().iter().filter(|f| f.is_located()).count();
    assert_eq!(
        drawable.len(),
        located,
        "every located feature can be drawn"
    );
}

/// Bình Nghi is placed at its commune (Đào Viên), Pò Nhùng and Co Sâu at theirs (Cao Lâu,
/// from the villages of those names): `gates-notes.md` gives the evidence for each.
#[test]
fn gates_known_only_to_their_commune_are_drawn_as_approximate() {
    let atlas = atlas();
    let binh_nghi = atlas.get(&id("binh_nghi")).expect("Bình Nghi is a gate");
    assert!(binh_nghi.is_located() && binh_nghi.props.approximate);
    assert_eq!(binh_nghi.props.commune.as_deref(), Some("Xã Đào Viên"));
    assert_eq!(binh_nghi.props.precision, Precision::CommuneCentroid);
    for gate in ["po_nhung", "co_sau"] {
        let f = atlas.get(&id(gate)).expect("listed");
        assert_eq!(f.props.district, Some(id("cao_loc")), "{gate}");
        assert_eq!(f.props.commune.as_deref(), Some("Xã Cao Lâu"), "{gate}");
        assert!(f.is_located() && f.props.approximate, "{gate}");
        assert_eq!(f.props.precision, Precision::CommuneCentroid, "{gate}");
        assert!(
            atlas
                .colocated
                .slot(atlas.position(f.id()).expect("indexed"))
                .is_some(),
            "{gate} shares its point and is drawn beside the other"
        );
    }
}

#[test]
fn drawn_sites_lie_in_the_district_they_claim() {
    let atlas = atlas();
    let mut checked = 0;
    for feature in atlas
        .in_layer(LayerKind::Gates)
        .chain(atlas.in_layer(LayerKind::Industry))
    {
        let (Some(Geometry::Point(point)), Some(district)) =
            (&feature.geometry, &feature.props.district)
        else {
            continue;
        };
        checked += 1;
        let shape = atlas
            .get(district)
            .and_then(|d| d.geometry.as_ref())
            .expect("the claimed district exists");
        if feature.kind() == Kind::BorderGate {
            // Gates sit on the border line, which the district data generalises.
            let distance = nearest_boundary_distance(shape, *point);
            assert!(
                shape.contains(point) || distance <= 500.0,
                "{} is {distance:.0} m outside {district}",
                feature.id()
            );
        } else {
            assert!(
                shape.contains(point),
                "{} lies outside {district}",
                feature.id()
            );
        }
    }
    // 8 gates and 8 sites are drawn, each with its district.
    assert!(checked >= 16, "only {checked} drawn sites were checked")
}

fn nearest_boundary_distance(shape: &Geometry<f64>, point: Point<f64>) -> f64 {
    let Geometry::MultiPolygon(mp) = shape else {
        return f64::INFINITY;
    };
    mp.0.iter()
        .flat_map(|p| p.exterior().0.iter())
        .map(|c| Haversine.distance(point, Point::from(*c)))
        .fold(f64::INFINITY, f64::min)
}

#[test]
fn the_axis_runs_from_the_huu_nghi_gate_to_the_province_edge() {
    let atlas = atlas();
    let axis = atlas
        .get(&id("axis_dong_dang_huu_lung"))
        .expect("the axis exists");
    let Some(Geometry::LineString(line)) = &axis.geometry else {
        panic!("the axis is a line");
    };
    let gate = atlas.get(&id("huu_nghi")).and_then(|g| g.geometry.clone());
    assert_eq!(gate, Some(Geometry::Point(Point::from(line.0[0]))));
    let province = atlas
        .province()
        .and_then(|p| p.geometry.clone())
        .expect("province");
    let end = Point::from(*line.0.last().expect("non-empty"));
    assert!(
        nearest_boundary_distance(&province, end) < 200.0,
        "ends on the boundary"
    );
}

/// `seeds/` holds the five source articles byte for byte.
#[test]
fn seeds_are_the_source_articles_unchanged() {
    let shared = Path::new("../shared/seeds");
    let files: Vec<_> = std::fs::read_dir("seeds")
        .expect("seeds/ exists")
        .filter_map(Result::ok)
        .filter(|e| e.path().extension().is_some_and(|x| x == "txt"))
        .collect();
    assert_eq!(files.len(), 5, "five articles");
    if !common::needs("../shared/seeds", "seeds_are_the_source_articles_unchanged") {
        return;
    }
    for entry in files {
        let theirs =
            std::fs::read(shared.join(entry.file_name())).expect("the article exists in shared/");
        let ours = std::fs::read(entry.path()).expect("readable");
        assert!(ours == theirs, "{:?} differs", entry.file_name());
    }
}

/// `geodata/` is exactly what the prep tool makes of the raw data. A user's clone has no
/// `../shared/geodata-src`; there the comparison is skipped, and says so.
#[test]
fn geodata_is_what_the_prep_tool_produces() {
    let raw = Path::new("../shared/geodata-src");
    if !common::needs(
        "../shared/geodata-src",
        "geodata_is_what_the_prep_tool_produces",
    ) {
        return;
    }
    let built = langson_atlas::prep::build(raw).expect("the prep tool succeeds");
    assert!(!built.is_empty());
    for (name, content) in built {
        let shipped =
            std::fs::read_to_string(Path::new("geodata").join(name)).expect("shipped file");
        assert!(
            shipped == content,
            "geodata/{name} differs from the prep tool's output: run `cargo run --bin prep-geodata`"
        );
    }
}

/// Only article 002 counts the gates, by class: 2 international, 1 main and 9 secondary.
/// No article gives a total; 12 is our sum. The map draws some, lists the others it can
/// name, and says how many no source identifies.
#[test]
fn the_gates_article_002_counts_are_drawn_listed_or_unidentified() {
    use langson_atlas::atlas::FactId;
    use langson_atlas::atlas::gate_account::{GATE_COUNT_FACT, GateAccount};
    let atlas = atlas();
    let account = GateAccount::of(&atlas).expect("the gate count fact exists");
    assert_eq!(account.by_class, [2, 1, 9]);
    assert_eq!(account.sum, 12, "our sum");
    let fact = atlas
        .facts
        .get(&FactId::new(GATE_COUNT_FACT))
        .expect("the gate count fact");
    assert_eq!(
        fact.article, "002_cdcfc0dc92c5f591.txt",
        "the developer's article"
    );
    for (file, text) in langson_atlas::atlas::facts::SEEDS {
        assert!(!text.contains("12 cửa khẩu"), "{file} gives no total");
    }
    assert_eq!(
        account.drawn + account.listed,
        atlas.in_layer(LayerKind::Gates).count()
    );
    assert_eq!(
        account.drawn, 8,
        "Hữu Nghị, Đồng Đăng, Tân Thanh exact; Chi Ma, Nà Nưa, Bình Nghi, Pò Nhùng, Co Sâu at their commune"
    );
    assert_eq!(
        account.unidentified, 2,
        "gates-notes.md: 2 of the 2 + 1 + 9 are named by no source"
    );
}
