//! ESRI Shapefiles: a VN-2000 TM-3 shapefile whose .prj omits the datum shift lands within
//! 5 cm of PROJ; a windows-1258 table reads as Vietnamese; a missing .dbf is named.
//!
//! The fixtures in tests/data/ are written by this file's ignored test
//! (`cargo test --test io_shapefile -- --ignored`), from the PROJ reference points.

#![allow(
    clippy::expect_used,
    clippy::unwrap_used,
    reason = "the test's helpers: a failed expectation is a failed test"
)]

mod common;

use langson_atlas::sources::{self, Crs, FieldKind, IoError, Progress, Value};
use shapefile::dbase::{self, FieldName, FieldValue, Record, TableWriterBuilder};
use std::path::{Path, PathBuf};

fn data(name: &str) -> PathBuf {
    Path::new("tests/data").join(name)
}

/// Text as windows-1258 stores it: base letters (with their vowel marks) precomposed, tone
/// marks as separate combining characters, which is the only way cp1258 can hold them.
fn cp1258_form(text: &str) -> String {
    use unicode_normalization::UnicodeNormalization;
    const TONES: [char; 5] = ['\u{300}', '\u{301}', '\u{303}', '\u{309}', '\u{323}'];
    let mut out = String::new();
    for c in text.nfc() {
        let parts: String = c.to_string().nfd().collect();
        let tones: String = parts.chars().filter(|p| TONES.contains(p)).collect();
        let base: String = parts
            .chars()
            .filter(|p| !TONES.contains(p))
            .collect::<String>()
            .nfc()
            .collect();
        out.push_str(&base);
        out.push_str(&tones);
    }
    out
}

#[test]
#[ignore]
fn write_shapefile_fixtures() {
    // 1. VN-2000 / TM-3 107-15 points, UTF-8 table with a .cpg, ministry-style .prj.
    let table = TableWriterBuilder::new()
        .add_character_field(FieldName::try_from("ten").expect("name"), 40)
        .add_numeric_field(FieldName::try_from("so_lo").expect("name"), 6, 0)
        .add_numeric_field(FieldName::try_from("dien_tich").expect("name"), 12, 2);
    let mut w = shapefile::Writer::from_path(data("lo-dat-vn2000.shp"), table).expect("writer");
    for (i, (name, xy, _)) in common::vn2000_reference().iter().enumerate() {
        let mut r = Record::default();
        r.insert("ten".into(), FieldValue::Character(Some(name.clone())));
        r.insert("so_lo".into(), FieldValue::Numeric(Some(i as f64 + 1.0)));
        r.insert(
            "dien_tich".into(),
            FieldValue::Numeric(Some(1250.5 + i as f64)),
        );
        w.write_shape_and_record(&shapefile::Point::new(xy[0], xy[1]), &r)
            .expect("written");
    }
    drop(w);
    std::fs::write(data("lo-dat-vn2000.prj"), common::PRJ_TM3).expect("prj");
    std::fs::write(data("lo-dat-vn2000.cpg"), "UTF-8").expect("cpg");

    // 2. Land-use polygons in WGS 84, windows-1258 table, no .cpg, no .prj.
    let enc = dbase::encoding::EncodingRs::from(encoding_rs::WINDOWS_1258);
    let table = TableWriterBuilder::with_encoding(enc)
        .add_character_field(FieldName::try_from("loai_dat").expect("name"), 40);
    let mut w = shapefile::Writer::from_path(data("su-dung-dat-1258.shp"), table).expect("writer");
    for (i, kind) in ["Đất ở tại đô thị", "Đất trồng lúa", "Đất khu công nghiệp"]
        .iter()
        .enumerate()
    {
        let x = 106.70 + i as f64 * 0.02;
        let ring = vec![
            shapefile::Point::new(x, 21.80),
            shapefile::Point::new(x, 21.81),
            shapefile::Point::new(x + 0.01, 21.81),
            shapefile::Point::new(x + 0.01, 21.80),
            shapefile::Point::new(x, 21.80),
        ];
        let polygon = shapefile::Polygon::new(shapefile::PolygonRing::Outer(ring));
        let mut r = Record::default();
        r.insert(
            "loai_dat".into(),
            FieldValue::Character(Some(cp1258_form(kind))),
        );
        w.write_shape_and_record(&polygon, &r).expect("written");
    }
    drop(w);

    // 3. A windows-1251 table without a .cpg whose dBase language driver id (0xC9) says so.
    let enc = dbase::encoding::EncodingRs::from(encoding_rs::WINDOWS_1251);
    let table = TableWriterBuilder::with_encoding(enc)
        .add_character_field(FieldName::try_from("nha_dau_tu").expect("name"), 40);
    let mut w = shapefile::Writer::from_path(data("nha-dau-tu-1251.shp"), table).expect("writer");
    let mut r = Record::default();
    r.insert(
        "nha_dau_tu".into(),
        FieldValue::Character(Some("Москва Инвест".to_owned())),
    );
    w.write_shape_and_record(&shapefile::Point::new(106.76, 21.85), &r)
        .expect("written");
    drop(w);
    let mut dbf = std::fs::read(data("nha-dau-tu-1251.dbf")).expect("dbf");
    dbf[29] = 0xC9;
    std::fs::write(data("nha-dau-tu-1251.dbf"), dbf).expect("dbf");

    // 4. A .shp whose .dbf is missing.
    std::fs::copy(data("lo-dat-vn2000.shp"), data("khong-dbf.shp")).expect("copy");
}

/// The ministry's way: TM-3 metres, a .prj without the datum shift; lands where PROJ puts
/// the points through EPSG:6960.
#[test]
fn a_vn2000_tm3_shapefile_lands_within_five_centimetres_of_proj() {
    let layer =
        sources::open(&data("lo-dat-vn2000.shp"), None, &Progress::default()).expect("loads");
    assert_eq!(layer.crs, Crs::Vn2000Tm3(107.25));
    assert_eq!(layer.features.len(), 12);
    let names: Vec<&str> = layer.fields.iter().map(|f| f.name.as_str()).collect();
    assert_eq!(names, ["ten", "so_lo", "dien_tich"]);
    assert_eq!(layer.fields[1].kind, FieldKind::Integer);
    assert_eq!(layer.fields[2].kind, FieldKind::Real);
    for (f, (name, _, lonlat)) in layer.features.iter().zip(common::vn2000_reference()) {
        assert_eq!(f.values[0], Value::Text(name));
        let Some(geo::Geometry::Point(p)) = &f.geometry else {
            panic!("a point");
        };
        let dx = (p.x() - lonlat[0]) * 111_320.0 * lonlat[1].to_radians().cos();
        let dy = (p.y() - lonlat[1]) * 110_574.0;
        assert!(dx.hypot(dy) < 0.05, "{:.3} m off", dx.hypot(dy));
    }
    let info = layer.info();
    assert_eq!(info["format"], "ESRI Shapefile");
}

/// A windows-1258 table without a .cpg reads as proper Vietnamese (NFC), and says how it
/// was read.
#[test]
fn a_windows_1258_table_reads_as_vietnamese() {
    let layer =
        sources::open(&data("su-dung-dat-1258.shp"), None, &Progress::default()).expect("loads");
    let kinds: Vec<&Value> = layer.features.iter().map(|f| &f.values[0]).collect();
    assert_eq!(
        kinds,
        [
            &Value::Text("Đất ở tại đô thị".to_owned()),
            &Value::Text("Đất trồng lúa".to_owned()),
            &Value::Text("Đất khu công nghiệp".to_owned()),
        ]
    );
    assert!(
        layer.warnings.iter().any(|w| w.contains("windows-1258")),
        "{:?}",
        layer.warnings
    );
    assert!(
        layer.warnings.iter().any(|w| w.contains("no .prj")),
        "{:?}",
        layer.warnings
    );
    assert_eq!(layer.geometry_types(), ["MultiPolygon"]);
}

#[test]
fn a_shp_without_its_dbf_is_named() {
    let err =
        sources::open(&data("khong-dbf.shp"), None, &Progress::default()).expect_err("no .dbf");
    assert!(matches!(err, IoError::Invalid { .. }));
    assert!(err.to_string().contains("khong-dbf.shp: no .dbf"), "{err}");
}

/// A table without a .cpg whose dBase header names its code page is read in that code page
/// (the Vietnamese guess would turn this Cyrillic into Latin letters with tone marks).
#[test]
fn a_table_without_cpg_follows_its_language_driver_id() {
    let layer =
        sources::open(&data("nha-dau-tu-1251.shp"), None, &Progress::default()).expect("loads");
    assert_eq!(
        layer.features[0].values[0],
        Value::Text("Москва Инвест".to_owned())
    );
    assert!(
        layer.warnings.iter().any(|w| w.contains("windows-1251")),
        "{:?}",
        layer.warnings
    );
}
