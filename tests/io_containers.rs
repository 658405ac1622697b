//! GeoPackage and FlatGeobuf: several layers in one GeoPackage are offered by name, a
//! VN-2000 TM-3 layer in either lands within 5 cm of PROJ, attributes keep their types,
//! and a damaged file is named with what is wrong while its intact features still load.
//!
//! The fixtures in tests/data/ are written by this file's ignored test
//! (`cargo test --test io_containers -- --ignored`), from the PROJ reference points in
//! vn2000-reference.json: `du-an.gpkg` (SQLite written through rusqlite, geometry blobs by
//! hand below), `lo-dat-tm3.fgb` (flatgeobuf's own writer), `cut.fgb` (that file cut inside
//! its fourth feature) and `not-a-gpkg.gpkg` (a line of text).

#![allow(
    clippy::expect_used,
    clippy::unwrap_used,
    reason = "the test's helpers: a failed expectation is a failed test"
)]

mod common;

use flatgeobuf::{ColumnType, FgbCrs, FgbWriter, FgbWriterOptions, GeometryType};
use geozero::{ColumnValue, PropertyProcessor};
use langson_atlas::sources::{self, Crs, FieldKind, IoError, Progress, Value};
use std::path::{Path, PathBuf};

fn data(name: &str) -> PathBuf {
    Path::new("tests/data").join(name)
}

fn metres_off(x: f64, y: f64, lonlat: [f64; 2]) -> f64 {
    let dx = (x - lonlat[0]) * 111_320.0 * lonlat[1].to_radians().cos();
    let dy = (y - lonlat[1]) * 110_574.0;
    dx.hypot(dy)
}

/// A GeoPackage geometry blob: "GP", version 0, flags (little-endian, no envelope), the
/// srs id, then little-endian WKB.
fn gpkg_blob(srs_id: i32, wkb: &[u8]) -> Vec<u8> {
    let mut b = b"GP\x00\x01".to_vec();
    b.extend_from_slice(&srs_id.to_le_bytes());
    b.extend_from_slice(wkb);
    b
}

fn wkb_point(x: f64, y: f64) -> Vec<u8> {
    let mut b = vec![1, 1, 0, 0, 0];
    b.extend_from_slice(&x.to_le_bytes());
    b.extend_from_slice(&y.to_le_bytes());
    b
}

/// A closed square ring of side `d` whose first corner is (x, y).
fn wkb_square(x: f64, y: f64, d: f64) -> Vec<u8> {
    let mut b = vec![1, 3, 0, 0, 0, 1, 0, 0, 0, 5, 0, 0, 0];
    for (px, py) in [(x, y), (x + d, y), (x + d, y + d), (x, y + d), (x, y)] {
        b.extend_from_slice(&px.to_le_bytes());
        b.extend_from_slice(&py.to_le_bytes());
    }
    b
}

#[test]
#[ignore]
fn write_container_fixtures() {
    let path = data("du-an.gpkg");
    let _ = std::fs::remove_file(&path);
    let db = rusqlite::Connection::open(&path).expect("create");
    db.execute_batch(
        "PRAGMA application_id = 1196444487; PRAGMA user_version = 10300;
         CREATE TABLE gpkg_spatial_ref_sys (srs_name TEXT NOT NULL, srs_id INTEGER PRIMARY KEY,
           organization TEXT NOT NULL, organization_coordsys_id INTEGER NOT NULL,
           definition TEXT NOT NULL, description TEXT);
         CREATE TABLE gpkg_contents (table_name TEXT PRIMARY KEY, data_type TEXT NOT NULL,
           identifier TEXT UNIQUE, description TEXT DEFAULT '', last_change DATETIME,
           min_x DOUBLE, min_y DOUBLE, max_x DOUBLE, max_y DOUBLE, srs_id INTEGER);
         CREATE TABLE gpkg_geometry_columns (table_name TEXT NOT NULL, column_name TEXT NOT NULL,
           geometry_type_name TEXT NOT NULL, srs_id INTEGER NOT NULL, z TINYINT NOT NULL,
           m TINYINT NOT NULL, PRIMARY KEY (table_name, column_name));
         CREATE TABLE lo_dat (fid INTEGER PRIMARY KEY AUTOINCREMENT, geom POLYGON,
           ten TEXT, so_lo INTEGER);
         CREATE TABLE diem_du_an (fid INTEGER PRIMARY KEY AUTOINCREMENT, geom POINT,
           ten TEXT, von_ty_dong REAL, lao_dong INTEGER, da_khoi_cong BOOLEAN, ngay DATE);",
    )
    .expect("schema");
    db.execute(
        "INSERT INTO gpkg_spatial_ref_sys VALUES ('WGS 84', 4326, 'EPSG', 4326, ?1, NULL),
         ('VN-2000 TM-3 107-15 (no datum shift)', 100000, 'NONE', 100000, ?2, NULL)",
        [r#"GEOGCS["WGS 84",DATUM["WGS_1984",SPHEROID["WGS 84",6378137,298.257223563]],PRIMEM["Greenwich",0],UNIT["degree",0.0174532925199433]]"#, common::PRJ_TM3],
    )
    .expect("srs");
    db.execute_batch(
        "INSERT INTO gpkg_contents (table_name, data_type, identifier, srs_id) VALUES
           ('lo_dat', 'features', 'lo_dat', 100000), ('diem_du_an', 'features', 'diem_du_an', 4326);
         INSERT INTO gpkg_geometry_columns VALUES ('lo_dat', 'geom', 'POLYGON', 100000, 0, 0),
           ('diem_du_an', 'geom', 'POINT', 4326, 0, 0);",
    )
    .expect("contents");
    for (i, (name, xy, _)) in common::vn2000_reference().iter().enumerate() {
        db.execute(
            "INSERT INTO lo_dat (geom, ten, so_lo) VALUES (?1, ?2, ?3)",
            rusqlite::params![
                gpkg_blob(100000, &wkb_square(xy[0], xy[1], 50.0)),
                name,
                i as i64 + 1
            ],
        )
        .expect("lo_dat");
    }
    type Site = (
        Option<(f64, f64)>,
        &'static str,
        f64,
        i64,
        bool,
        &'static str,
    );
    let sites: [Site; 3] = [
        (
            Some((106.7612, 21.8537)),
            "Cụm công nghiệp Hợp Thành",
            1250.5,
            800,
            true,
            "2024-03-15",
        ),
        (
            Some((106.4425, 21.5312)),
            "Khu công nghiệp Hữu Lũng",
            3100.0,
            2500,
            false,
            "2026-01-01",
        ),
        (None, "Dự án chưa có vị trí", 12.75, 15, false, "2025-07-01"),
    ];
    for (at, name, capital, workers, started, date) in sites {
        let blob = at.map(|(x, y)| gpkg_blob(4326, &wkb_point(x, y)));
        db.execute(
            "INSERT INTO diem_du_an (geom, ten, von_ty_dong, lao_dong, da_khoi_cong, ngay)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            rusqlite::params![blob, name, capital, workers, started, date],
        )
        .expect("diem_du_an");
    }
    drop(db);

    let options = FgbWriterOptions {
        crs: FgbCrs {
            code: 9215,
            ..Default::default()
        },
        ..Default::default()
    };
    let mut fgb =
        FgbWriter::create_with_options("lo_dat", GeometryType::Point, options).expect("writer");
    fgb.add_column("ten", ColumnType::String, |_, _| {});
    fgb.add_column("so_lo", ColumnType::Int, |_, _| {});
    fgb.add_column("dien_tich", ColumnType::Double, |_, _| {});
    for (i, (name, xy, _)) in common::vn2000_reference().iter().enumerate() {
        let point = geo::Geometry::Point(geo::Point::new(xy[0], xy[1]));
        fgb.add_feature_geom(point, |f| {
            let _ = f.property(0, "ten", &ColumnValue::String(name));
            let _ = f.property(1, "so_lo", &ColumnValue::Int(i as i32 + 1));
            let _ = f.property(2, "dien_tich", &ColumnValue::Double(1250.5 + i as f64));
        })
        .expect("feature");
    }
    let mut bytes = Vec::new();
    fgb.write(&mut bytes).expect("fgb");
    std::fs::write(data("lo-dat-tm3.fgb"), &bytes).expect("write");
    // Cut inside the fourth feature: past the magic, the header, the index of 12 points
    // (13 nodes of 40 bytes at the default node size 16) and three size-prefixed features.
    let le = |at: usize| {
        u32::from_le_bytes([bytes[at], bytes[at + 1], bytes[at + 2], bytes[at + 3]]) as usize
    };
    let mut cut = 12 + le(8) + 13 * 40;
    for _ in 0..3 {
        cut += 4 + le(cut);
    }
    cut += 10;
    std::fs::write(data("cut.fgb"), &bytes[..cut]).expect("write");
    std::fs::write(
        data("not-a-gpkg.gpkg"),
        "this is a text file, not a GeoPackage\n",
    )
    .expect("write");
}

#[test]
fn a_geopackage_with_two_layers_asks_which_one() {
    let err = sources::open(&data("du-an.gpkg"), None, &Progress::default()).expect_err("choose");
    assert_eq!(
        err,
        IoError::ChooseLayer {
            path: data("du-an.gpkg").display().to_string(),
            layers: vec!["diem_du_an".to_owned(), "lo_dat".to_owned()],
        }
    );
    assert!(err.to_string().contains("choose one"), "{err}");
    assert_eq!(
        sources::gpkg_file::layers(&data("du-an.gpkg")).expect("layers"),
        ["diem_du_an", "lo_dat"]
    );
}

/// The srs entry is the ministry's WKT without a datum shift; it still gets EPSG:6960.
#[test]
fn a_vn2000_geopackage_layer_lands_within_five_centimetres_of_proj() {
    let layer = sources::open_layer(
        &data("du-an.gpkg"),
        Some("lo_dat"),
        None,
        &Progress::default(),
    )
    .expect("loads");
    assert_eq!(layer.crs, Crs::Vn2000Tm3(107.25));
    assert_eq!(layer.features.len(), 12);
    let names: Vec<&str> = layer.fields.iter().map(|f| f.name.as_str()).collect();
    assert_eq!(
        names,
        ["ten", "so_lo"],
        "the fid and geometry are not attributes"
    );
    for (f, (name, _, lonlat)) in layer.features.iter().zip(common::vn2000_reference()) {
        assert_eq!(f.values[0], Value::Text(name));
        let Some(geo::Geometry::Polygon(p)) = &f.geometry else {
            panic!("a polygon");
        };
        let first = p.exterior().0[0];
        let off = metres_off(first.x, first.y, lonlat);
        assert!(off < 0.05, "{off:.3} m off");
    }
    assert_eq!(layer.info()["format"], "GeoPackage");
}

#[test]
fn geopackage_attributes_keep_their_types_and_a_row_without_geometry_stays() {
    let layer = sources::open_layer(
        &data("du-an.gpkg"),
        Some("diem_du_an"),
        None,
        &Progress::default(),
    )
    .expect("loads");
    let kinds: Vec<(&str, FieldKind)> = layer
        .fields
        .iter()
        .map(|f| (f.name.as_str(), f.kind))
        .collect();
    assert_eq!(
        kinds,
        [
            ("ten", FieldKind::Text),
            ("von_ty_dong", FieldKind::Real),
            ("lao_dong", FieldKind::Integer),
            ("da_khoi_cong", FieldKind::Boolean),
            ("ngay", FieldKind::Date),
        ]
    );
    assert_eq!(layer.features.len(), 3);
    assert_eq!(
        layer.features[0].values[0],
        Value::Text("Cụm công nghiệp Hợp Thành".into())
    );
    assert_eq!(layer.features[0].values[3], Value::Boolean(true));
    assert!(layer.features[2].geometry.is_none());
    assert_eq!(layer.crs, Crs::Wgs84);
}

#[test]
fn an_unknown_geopackage_layer_and_a_text_file_are_named() {
    let err = sources::open_layer(
        &data("du-an.gpkg"),
        Some("khong_co"),
        None,
        &Progress::default(),
    )
    .expect_err("no such layer");
    assert!(err.to_string().contains("khong_co"), "{err}");
    let err =
        sources::open(&data("not-a-gpkg.gpkg"), None, &Progress::default()).expect_err("text");
    let text = err.to_string();
    assert!(
        text.contains("not-a-gpkg.gpkg") && text.contains("not a GeoPackage"),
        "{text}"
    );
}

#[test]
fn a_vn2000_flatgeobuf_lands_within_five_centimetres_of_proj() {
    let layer = sources::open(&data("lo-dat-tm3.fgb"), None, &Progress::default()).expect("loads");
    assert_eq!(layer.crs, Crs::Vn2000Tm3(107.25));
    assert_eq!(layer.features.len(), 12);
    let kinds: Vec<FieldKind> = layer.fields.iter().map(|f| f.kind).collect();
    assert_eq!(
        kinds,
        [FieldKind::Text, FieldKind::Integer, FieldKind::Real]
    );
    // The writer orders features along its spatial index: they are matched by name.
    for (name, _, lonlat) in common::vn2000_reference() {
        let f = layer
            .features
            .iter()
            .find(|f| f.values[0] == Value::Text(name.clone()))
            .unwrap_or_else(|| panic!("{name} is read"));
        let Some(geo::Geometry::Point(p)) = &f.geometry else {
            panic!("a point");
        };
        let off = metres_off(p.x(), p.y(), lonlat);
        assert!(off < 0.05, "{off:.3} m off");
    }
    assert_eq!(layer.info()["format"], "FlatGeobuf");
}

#[test]
fn a_cut_flatgeobuf_keeps_the_features_before_the_cut_and_says_so() {
    let layer = sources::open(&data("cut.fgb"), None, &Progress::default()).expect("loads");
    assert_eq!(layer.features.len(), 3);
    assert!(
        layer
            .warnings
            .iter()
            .any(|w| w.contains("the file ends inside it")),
        "{:?}",
        layer.warnings
    );
}

#[test]
fn info_reads_a_named_geopackage_layer() {
    let text = langson_atlas::cli::info(
        &data("du-an.gpkg"),
        &sources::Request {
            layer: Some("lo_dat".to_owned()),
            ..Default::default()
        },
    )
    .expect("info");
    let json: serde_json::Value = serde_json::from_str(&text).expect("json");
    assert_eq!(json["format"], "GeoPackage");
    assert_eq!(json["features"], 12);
}
