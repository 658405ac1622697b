//! Reading planners' files: every format into one feature model, reprojected to WGS 84,
//! VN-2000 placed as PROJ places it, and every broken file named with what is wrong.

#![allow(
    clippy::expect_used,
    clippy::unwrap_used,
    reason = "the test's helpers: a failed expectation is a failed test"
)]

use langson_atlas::sources::crs::{Crs, ToWgs84};
use langson_atlas::sources::{self, FieldKind, IoError, Progress, Value};
use std::path::Path;

fn data(name: &str) -> std::path::PathBuf {
    Path::new("tests/data").join(name)
}

fn open(name: &str) -> Result<sources::UserLayer, IoError> {
    sources::open(&data(name), None, &Progress::default())
}

fn reference() -> serde_json::Value {
    let text = std::fs::read_to_string(data("vn2000-reference.json")).expect("reference values");
    serde_json::from_str(&text).expect("json")
}

/// Metres between two lon/lat points (equirectangular; exact enough at this scale).
fn metres(a: (f64, f64), b: (f64, f64)) -> f64 {
    let k = 111_320.0;
    let dx = (a.0 - b.0) * k * a.1.to_radians().cos();
    let dy = (a.1 - b.1) * 110_574.0;
    dx.hypot(dy)
}

fn points(key: &str) -> Vec<((f64, f64), (f64, f64))> {
    let r = reference();
    r["points"]
        .as_array()
        .expect("points")
        .iter()
        .map(|p| {
            let xy = &p[key];
            (
                (
                    xy[0].as_f64().unwrap_or(f64::NAN),
                    xy[1].as_f64().unwrap_or(f64::NAN),
                ),
                (
                    p["lon"].as_f64().unwrap_or(f64::NAN),
                    p["lat"].as_f64().unwrap_or(f64::NAN),
                ),
            )
        })
        .collect()
}

/// VN-2000 / TM-3 107-15 and UTM 48N metres come back to within 0.05 m of where PROJ put
/// them (through EPSG:6960).
#[test]
fn vn2000_is_placed_within_five_centimetres_of_proj() {
    assert_eq!(points("tm3_107_15").len(), 12);
    for (crs, key) in [
        (Crs::from_epsg(9215).expect("TM-3 107-15"), "tm3_107_15"),
        (Crs::from_epsg(3405).expect("UTM 48N"), "utm48"),
    ] {
        let to = ToWgs84::new(&crs).expect("understood");
        for ((x, y), lonlat) in points(key) {
            let got = to.point(x, y).expect("reprojects");
            let d = metres(got, lonlat);
            assert!(d < 0.05, "{}: ({x}, {y}) lands {d:.3} m off", crs.name());
        }
    }
}

/// The two classic mistakes are caught by the same test data: losing the datum shift moves
/// everything about 224 m, flipping the rotations' signs about 0.8 m.
#[test]
fn the_datum_shift_and_its_sign_convention_matter() {
    let to = ToWgs84::new(&Crs::Vn2000Tm3(107.25)).expect("understood");
    for ((x, y), lonlat) in points("tm3_no_datum") {
        let d = metres(to.point(x, y).expect("reprojects"), lonlat);
        assert!(d > 200.0, "without the datum the point moves {d:.1} m");
    }
    for ((x, y), lonlat) in points("tm3_flipped_rotations") {
        let d = metres(to.point(x, y).expect("reprojects"), lonlat);
        assert!(
            (0.5..1.2).contains(&d),
            "flipped rotations move it {d:.2} m"
        );
    }
}

/// A `.prj` as ArcGIS and the ministries write it names VN-2000 but gives no datum shift;
/// it is recognised as the TM-3 zone and gets EPSG:6960 anyway.
#[test]
fn a_vn2000_prj_without_a_datum_shift_is_recognised() {
    // ESRI WKT as GDAL 3.6 writes EPSG:9215, and the common "KT107-15" naming.
    let ministry = r#"PROJCS["VN_2000_KT107-15_3deg",GEOGCS["GCS_VN_2000",DATUM["D_Vietnam_2000",SPHEROID["WGS_1984",6378137.0,298.257223563]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]],PROJECTION["Transverse_Mercator"],PARAMETER["False_Easting",500000.0],PARAMETER["False_Northing",0.0],PARAMETER["Central_Meridian",107.25],PARAMETER["Scale_Factor",0.9999],PARAMETER["Latitude_Of_Origin",0.0],UNIT["Meter",1.0]]"#;
    let crs = Crs::from_prj(ministry).expect("readable");
    assert_eq!(crs, Crs::Vn2000Tm3(107.25));
    assert_eq!(crs.epsg(), Some(9215));
    let utm = ministry
        .replace("VN_2000_KT107-15_3deg", "VN_2000_UTM_Zone_48N")
        .replace("107.25", "105.0")
        .replace("0.9999", "0.9996");
    assert_eq!(Crs::from_prj(&utm).expect("readable"), Crs::Vn2000Utm(48));
    assert!(Crs::from_prj("PROJCS[garbage").is_err());
}

#[test]
fn geojson_keeps_field_order_and_types() {
    let layer = open("sites.geojson").expect("loads");
    assert_eq!(layer.features.len(), 13);
    assert_eq!(layer.skipped, 0);
    let names: Vec<&str> = layer.fields.iter().map(|f| f.name.as_str()).collect();
    assert_eq!(
        names,
        ["ten", "so_thu_tu", "dien_tich_ha", "hoat_dong", "ghi_chu"]
    );
    let kinds: Vec<FieldKind> = layer.fields.iter().map(|f| f.kind).collect();
    assert_eq!(
        kinds,
        [
            FieldKind::Text,
            FieldKind::Integer,
            FieldKind::Real,
            FieldKind::Boolean,
            FieldKind::Null
        ]
    );
    assert_eq!(layer.geometry_types(), ["Point", "Polygon"]);
    assert_eq!(layer.crs, Crs::Wgs84);
}

/// A GeoJSON file whose `crs` member names VN-2000 / TM-3 lands where its WGS 84 twin does.
#[test]
fn a_pre_rfc_geojson_in_vn2000_lands_on_its_wgs84_twin() {
    let vn = open("sites-vn2000-tm3.geojson").expect("loads");
    assert_eq!(vn.crs, Crs::Vn2000Tm3(107.25));
    for (f, (_, lonlat)) in vn.features.iter().zip(points("tm3_107_15")) {
        let Some(geo::Geometry::Point(p)) = &f.geometry else {
            panic!("a point");
        };
        assert!(metres((p.x(), p.y()), lonlat) < 0.05);
    }
}

/// Metres without a CRS are not silently put somewhere: the user is asked.
#[test]
fn metres_without_a_crs_ask_for_one() {
    let err = open("sites-vn2000-no-crs.geojson").expect_err("needs a CRS");
    assert!(matches!(err, IoError::NeedsCrs { .. }), "{err}");
    assert!(err.to_string().contains("EPSG:9215"), "{err}");
    let given = sources::open(
        &data("sites-vn2000-no-crs.geojson"),
        Crs::from_epsg(9215),
        &Progress::default(),
    )
    .expect("loads with the chosen CRS");
    assert_eq!(given.features.len(), 12);
}

#[test]
fn a_partly_broken_geojson_keeps_its_valid_features_and_counts_the_rest() {
    let layer = open("out-of-range.geojson").expect("loads");
    assert_eq!(layer.features.len(), 2);
    assert_eq!(layer.skipped, 1);
    assert!(
        layer
            .warnings
            .iter()
            .any(|w| w.contains("feature 2") && w.contains("500")),
        "{:?}",
        layer.warnings
    );

    let cut = open("truncated.geojson").expect("keeps what came before the cut");
    assert!(!cut.features.is_empty());
    assert!(
        cut.warnings.iter().any(|w| w.contains("not read")),
        "{:?}",
        cut.warnings
    );
}

#[test]
fn broken_files_are_named_with_what_is_wrong() {
    let empty = open("empty.geojson").expect_err("empty");
    assert!(matches!(empty, IoError::Empty { .. }) && empty.to_string().contains("empty.geojson"));
    let html = open("not-geojson.geojson").expect_err("not GeoJSON");
    assert!(
        html.to_string()
            .contains("not-geojson.geojson: not GeoJSON"),
        "{html}"
    );
    let missing = open("absent.geojson").expect_err("missing");
    assert!(
        missing
            .to_string()
            .contains("absent.geojson: cannot be read"),
        "{missing}"
    );
    let none = open("no-coordinates.csv").expect_err("no coordinates");
    assert!(none.to_string().contains("ten, dia_chi"), "{none}");
    let shp =
        sources::open(Path::new("Cargo.toml"), None, &Progress::default()).expect_err("unknown");
    assert!(matches!(shp, IoError::UnknownFormat { .. }));
}

#[test]
fn csv_coordinate_columns_are_found_by_name_in_english_and_vietnamese() {
    let investors = open("investors.csv").expect("loads");
    assert_eq!(investors.features.len(), 12);
    assert_eq!(investors.skipped, 1, "the row without coordinates");
    let names: Vec<&str> = investors.fields.iter().map(|f| f.name.as_str()).collect();
    assert_eq!(
        names,
        ["name", "capital_billion_vnd", "listed"],
        "BOM gone, geometry columns out"
    );
    assert_eq!(investors.fields[1].kind, FieldKind::Real);
    assert_eq!(investors.fields[2].kind, FieldKind::Boolean);

    let workers = open("lao-dong.csv").expect("semicolons, decimal commas");
    assert_eq!(workers.features.len(), 6);
    assert_eq!(workers.fields[0].name, "Tên");
    assert_eq!(workers.features[0].values[1], Value::Integer(40));
    let Some(geo::Geometry::Point(p)) = &workers.features[0].geometry else {
        panic!("a point");
    };
    assert!((p.x() - 106.71147).abs() < 1e-9 && (p.y() - 21.97507).abs() < 1e-9);
}

#[test]
fn a_tsv_of_vn2000_metres_loads_once_its_crs_is_given() {
    assert!(matches!(
        open("vn2000-points.tsv"),
        Err(IoError::NeedsCrs { .. })
    ));
    let layer = sources::open(
        &data("vn2000-points.tsv"),
        Crs::from_epsg(9215),
        &Progress::default(),
    )
    .expect("loads");
    for (f, (_, lonlat)) in layer.features.iter().zip(points("tm3_107_15")) {
        let Some(geo::Geometry::Point(p)) = &f.geometry else {
            panic!("a point");
        };
        assert!(metres((p.x(), p.y()), lonlat) < 0.05);
    }
}

#[test]
fn a_wkt_column_gives_any_geometry_and_a_broken_row_is_skipped() {
    let layer = open("wkt.csv").expect("loads");
    assert_eq!(layer.features.len(), 3);
    assert_eq!(layer.skipped, 1);
    assert!(
        layer.warnings.iter().any(|w| w.contains("row 5")),
        "{:?}",
        layer.warnings
    );
    assert_eq!(layer.geometry_types(), ["LineString", "Point", "Polygon"]);
}

/// A cancelled load stops and says so; nothing half-made comes back.
#[test]
fn a_load_can_be_cancelled() {
    let progress = Progress::default();
    progress.cancel();
    let err = sources::open(&data("sites.geojson"), None, &progress).expect_err("cancelled");
    assert!(matches!(err, IoError::Cancelled { .. }), "{err}");
}

/// `info` and `convert`, as scripts use them, on the same loader.
#[test]
fn info_and_convert_describe_and_write_the_layer() {
    let text = langson_atlas::cli::info(&data("sites-vn2000-tm3.geojson"), &Default::default())
        .expect("info");
    let info: serde_json::Value = serde_json::from_str(&text).expect("JSON");
    assert_eq!(info["format"], "GeoJSON");
    assert_eq!(info["crs"], "VN-2000 / TM-3 107-15 (EPSG:9215)");
    assert_eq!(info["features"], 12);
    assert_eq!(info["fields"][0]["name"], "ten");
    let bbox = info["bbox_wgs84"].as_array().expect("a box");
    assert!(
        bbox[0]
            .as_f64()
            .is_some_and(|x| (106.0..107.5).contains(&x))
    );

    let out = Path::new(env!("CARGO_TARGET_TMPDIR")).join("converted.geojson");
    let summary = langson_atlas::cli::convert(&data("investors.csv"), &Default::default(), &out)
        .expect("converts");
    assert!(summary.contains("12 features (1 skipped)"), "{summary}");
    let again = sources::open(&out, None, &Progress::default()).expect("the output loads");
    assert_eq!(again.features.len(), 12);
    assert_eq!(again.fields[0].name, "name");
    assert_eq!(
        langson_atlas::cli::parse_crs("EPSG:9215"),
        Ok(Crs::Vn2000Tm3(107.25))
    );
    assert!(langson_atlas::cli::parse_crs("EPSG:1").is_err());
}

/// KML from Google Earth: placemarks in folders, every geometry kind, ExtendedData as typed
/// attributes; a placemark outside the world is skipped and counted.
#[test]
fn kml_placemarks_keep_their_names_folders_and_extended_data() {
    let layer = open("du-an.kml").expect("loads");
    assert_eq!(layer.features.len(), 7);
    assert_eq!(layer.skipped, 1);
    let names: Vec<&str> = layer.fields.iter().map(|f| f.name.as_str()).collect();
    assert_eq!(
        names,
        ["name", "description", "folder", "von_dau_tu", "nha_dau_tu"]
    );
    assert_eq!(layer.fields[3].kind, FieldKind::Integer);
    let first = &layer.features[0];
    assert_eq!(first.values[2], Value::Text("Khu công nghiệp".to_owned()));
    assert_eq!(first.values[3], Value::Integer(150));
    assert_eq!(
        layer.features[4].values[2],
        Value::Null,
        "outside any folder"
    );
    assert_eq!(
        layer.geometry_types(),
        ["GeometryCollection", "LineString", "Point", "Polygon"]
    );
    assert!(
        layer.warnings.iter().any(|w| w.contains("Ngoài phạm vi")),
        "{:?}",
        layer.warnings
    );
}

#[test]
fn a_kmz_is_the_kml_it_holds_and_a_broken_one_is_named() {
    let kmz = open("du-an.kmz").expect("loads");
    let kml = open("du-an.kml").expect("loads");
    assert_eq!(kmz.features, kml.features);
    assert_eq!(kmz.info()["format"], "KMZ");
    let err = open("not-a-kmz.kmz").expect_err("not a zip");
    assert!(
        err.to_string()
            .contains("not-a-kmz.kmz: not a KMZ (zip) archive"),
        "{err}"
    );
}

/// A zipped shapefile, as mailed around, reads like the shapefile itself.
#[test]
fn a_zipped_shapefile_reads_like_the_shapefile() {
    let zipped = open("lo-dat-vn2000.zip").expect("loads");
    let plain = open("lo-dat-vn2000.shp").expect("loads");
    assert_eq!(zipped.crs, Crs::Vn2000Tm3(107.25));
    assert_eq!(zipped.features, plain.features);
    assert!(zipped.path.ends_with("lo-dat-vn2000.zip"));
}

/// A KML cut short is refused with where it ends (the kml crate alone never returns on it;
/// the fuzzing test found it).
#[test]
fn a_truncated_kml_is_refused_not_hung_on() {
    let text = std::fs::read_to_string(data("du-an.kml")).expect("fixture");
    let cut = &text[..text.find("<value>Công ty A").expect("the fixture has it")];
    let err = sources::open_bytes(cut.as_bytes(), "cut.kml", None).expect_err("cut short");
    assert!(
        err.to_string().contains("cut.kml: not well-formed KML"),
        "{err}"
    );
}

/// A table whose coordinate columns have names no reader guesses: refused with its columns
/// listed, then read through the columns the user names (and the CRS, for metres).
#[test]
fn a_table_opens_through_the_columns_the_user_names() {
    let path = data("du-an-toa-do.csv");
    let err = sources::open(&path, None, &Progress::default()).expect_err("no known columns");
    assert_eq!(
        err,
        IoError::NoCoordinates {
            path: path.display().to_string(),
            columns: vec![
                "ten_du_an".into(),
                "toa_do_dong".into(),
                "toa_do_bac".into()
            ],
        }
    );
    let request = sources::Request {
        columns: Some(sources::Columns::LonLat(
            "toa_do_dong".into(),
            "toa_do_bac".into(),
        )),
        ..Default::default()
    };
    let err = sources::open_request(&path, &request, &Progress::default()).expect_err("metres");
    assert!(matches!(err, IoError::NeedsCrs { .. }), "{err}");
    let request = sources::Request {
        crs: Some(sources::Crs::Vn2000Tm3(107.25)),
        ..request
    };
    let layer = sources::open_request(&path, &request, &Progress::default()).expect("loads");
    assert_eq!(layer.features.len(), 12);
    assert_eq!(
        layer.fields.len(),
        1,
        "the chosen columns are geometry, not attributes"
    );
    let wrong = sources::Request {
        columns: Some(sources::Columns::Wkt("khong_co".into())),
        ..Default::default()
    };
    let err =
        sources::open_request(&path, &wrong, &Progress::default()).expect_err("no such column");
    assert!(err.to_string().contains("khong_co"), "{err}");
}

#[test]
fn convert_takes_the_columns_on_the_command_line() {
    assert_eq!(
        langson_atlas::cli::parse_columns("toa_do_dong, toa_do_bac"),
        sources::Columns::LonLat("toa_do_dong".into(), "toa_do_bac".into())
    );
    assert_eq!(
        langson_atlas::cli::parse_columns("hinh"),
        sources::Columns::Wkt("hinh".into())
    );
}

/// Each class of bad input the issue names, read through `info` as a script would: a file
/// that cannot be a layer is refused with its name and what is wrong; a partly broken one
/// keeps its valid features and names the first bad feature, row or record.
#[test]
fn every_class_of_bad_input_is_named_and_the_valid_features_kept() {
    let info = |name: &str| -> Result<serde_json::Value, String> {
        langson_atlas::cli::info(&data(name), &Default::default())
            .map(|text| serde_json::from_str(&text).expect("info prints JSON"))
            .map_err(|e| e.to_string())
    };
    let warned = |info: &serde_json::Value, words: &[&str]| {
        info["warnings"].as_array().is_some_and(|ws| {
            ws.iter()
                .filter_map(|w| w.as_str())
                .any(|w| words.iter().all(|x| w.contains(x)))
        })
    };

    // An unclosed ring is closed and said so; a ring of two positions is skipped.
    let rings = info("rings.geojson").expect("loads");
    assert_eq!(
        (rings["features"].as_u64(), rings["skipped"].as_u64()),
        (Some(2), Some(1))
    );
    assert!(warned(&rings, &["feature 2", "closed"]), "{rings}");
    assert!(
        warned(&rings, &["feature 3", "fewer than four positions"]),
        "{rings}"
    );

    // NaN is not JSON: the features before it load, and the message says where it stopped.
    let nan = info("nan.geojson").expect("keeps the first feature");
    assert_eq!(nan["features"], 1);
    assert!(warned(&nan, &["feature 2", "not read"]), "{nan}");

    // Numbers that are not finite in coordinate cells: each row named and skipped.
    let csv = info("not-finite.csv").expect("keeps row A");
    assert_eq!(
        (csv["features"].as_u64(), csv["skipped"].as_u64()),
        (Some(1), Some(3))
    );
    for row in ["row 3", "row 4", "row 5"] {
        assert!(warned(&csv, &[row, "skipped"]), "{row}: {csv}");
    }

    // A .dbf with fewer records than the .shp has shapes: the pairs load, the counts are said.
    let cut = info("mismatched.shp").expect("the pairs load");
    assert_eq!(cut["features"], 10);
    assert!(warned(&cut, &["12 shapes", "10 records"]), "{cut}");

    // A code page nobody knows: read as UTF-8, and the .cpg is named.
    let cpg = info("unknown-cpg.shp").expect("loads");
    assert_eq!(cpg["features"], 12);
    assert!(
        warned(&cpg, &["unknown-cpg.cpg", "KOI9-LS", "unknown"]),
        "{cpg}"
    );

    // Files that cannot be a layer at all.
    for (name, words) in [
        ("empty.geojson", "the file is empty"),
        ("not-geojson.geojson", "not GeoJSON"),
        ("not-a-kmz.kmz", "not a KMZ (zip) archive"),
        ("no-coordinates.csv", "no coordinate columns"),
        ("khong-dbf.shp", "no .dbf"),
        ("not-a-gpkg.gpkg", "not-a-gpkg.gpkg"),
    ] {
        let e = info(name).expect_err(name);
        assert!(e.contains(name) && e.contains(words), "{name}: {e}");
    }
}

/// A file of several gigabytes is refused by its size before a byte of it is read (the
/// file here is sparse: it takes no disk).
#[test]
fn a_file_of_several_gigabytes_is_refused_by_its_size() {
    let path = Path::new(env!("CARGO_TARGET_TMPDIR")).join("ban-do-3GB.geojson");
    let file = std::fs::File::create(&path).expect("a temporary file");
    file.set_len(3 << 30).expect("a sparse 3 GiB file");
    let e = sources::open(&path, None, &Progress::default()).expect_err("refused");
    let _ = std::fs::remove_file(&path);
    assert!(matches!(e, IoError::TooLarge { .. }), "{e}");
    assert!(e.to_string().contains("ban-do-3GB.geojson"), "{e}");
}

/// Dates keep their kind: a column of ISO 8601 dates is a date column, in every format
/// that has them, and a text that only looks like a date in a text column stays text.
#[test]
fn dates_are_a_kind_of_their_own() {
    assert_eq!(
        Value::date("2024-02-29"),
        Some(Value::Date("2024-02-29".into()))
    );
    assert_eq!(
        Value::date("2025-07-01 08:30:00+07:00"),
        Some(Value::Date("2025-07-01T08:30:00+07:00".into()))
    );
    for not_a_date in [
        "2023-02-29",
        "2024-13-01",
        "01/07/2025",
        "2024-05-01T25:00",
        "2024",
    ] {
        assert_eq!(Value::date(not_a_date), None, "{not_a_date}");
    }
    let gpkg = sources::open_layer(
        &data("du-an.gpkg"),
        Some("diem_du_an"),
        None,
        &Progress::default(),
    )
    .expect("loads");
    let ngay = gpkg
        .fields
        .iter()
        .position(|f| f.name == "ngay")
        .expect("ngay");
    assert_eq!(gpkg.fields[ngay].kind, FieldKind::Date);
    assert!(matches!(&gpkg.features[0].values[ngay], Value::Date(d) if d.len() == 10));
    assert_eq!(
        Value::date("2024-05-01").map(|v| v.conform(FieldKind::Text)),
        Some(Value::Text("2024-05-01".into()))
    );
}

/// Five point features with the third replaced by `bad`, as a FeatureCollection.
fn collection_with_third(bad: &str) -> String {
    let good = |n: u32| {
        format!(
            r#"{{"type":"Feature","properties":{{"n":{n}}},"geometry":{{"type":"Point","coordinates":[106.{n},21.8]}}}}"#
        )
    };
    format!(
        r#"{{"type":"FeatureCollection","features":[{},{},{bad},{},{}]}}"#,
        good(1),
        good(2),
        good(4),
        good(5)
    )
}

/// GDAL keeps reading past a bad feature, and so does the viewer: whatever is wrong with
/// one feature on its own costs only that feature, named by its number and the fault.
#[test]
fn a_geojson_feature_bad_on_its_own_is_skipped_and_the_others_load() {
    let faults = [
        (
            "string coordinates",
            r#"{"type":"Feature","properties":{},"geometry":{"type":"LineString","coordinates":[["106.7","21.8"]]}}"#,
        ),
        (
            "a Circle",
            r#"{"type":"Feature","properties":{},"geometry":{"type":"Circle","coordinates":[106.7,21.8],"radius":5}}"#,
        ),
        (
            "a Point of one number",
            r#"{"type":"Feature","properties":{},"geometry":{"type":"Point","coordinates":[106.7]}}"#,
        ),
        (
            "a LineString of one position",
            r#"{"type":"Feature","properties":{},"geometry":{"type":"LineString","coordinates":[[106.7,21.8]]}}"#,
        ),
        (
            "a wrong type",
            r#"{"type":"Featur","properties":{},"geometry":{"type":"Point","coordinates":[106.7,21.8]}}"#,
        ),
        ("not an object", r#"[106.7, 21.8]"#),
        (
            "properties that are a list",
            r#"{"type":"Feature","properties":[1,2],"geometry":{"type":"Point","coordinates":[106.7,21.8]}}"#,
        ),
    ];
    for (fault, bad) in faults {
        let text = collection_with_third(bad);
        let layer = sources::open_bytes(text.as_bytes(), "partly-broken.geojson", None)
            .unwrap_or_else(|e| panic!("{fault}: the file is refused: {e}"));
        assert_eq!(layer.features.len(), 4, "{fault}: the other four load");
        assert_eq!(layer.skipped, 1, "{fault}: one skipped");
        assert!(
            layer.warnings.iter().any(|w| w.starts_with("feature 3:")),
            "{fault}: the warning names feature 3: {:?}",
            layer.warnings
        );
    }

    // A null geometry is valid GeoJSON: the feature is kept (in the table, not drawn) and
    // said so.
    let text = collection_with_third(r#"{"type":"Feature","properties":{"n":3},"geometry":null}"#);
    let layer = sources::open_bytes(text.as_bytes(), "null-geometry.geojson", None).expect("loads");
    assert_eq!((layer.features.len(), layer.skipped), (5, 0));
    assert!(
        layer
            .warnings
            .iter()
            .any(|w| w.starts_with("feature 3:") && w.contains("no geometry")),
        "{:?}",
        layer.warnings
    );
}

/// An empty FeatureCollection is a valid file: it opens with no features and says so.
#[test]
fn an_empty_feature_collection_opens_empty() {
    let layer = sources::open_bytes(
        br#"{"type":"FeatureCollection","features":[]}"#,
        "empty-collection.geojson",
        None,
    )
    .expect("a valid file opens");
    assert!(layer.features.is_empty());
    assert!(
        layer.warnings.iter().any(|w| w.contains("no features")),
        "{:?}",
        layer.warnings
    );
}

/// A document that is a single Feature, or a bare Geometry, is a layer of one.
#[test]
fn a_lone_feature_or_geometry_is_a_layer_of_one() {
    for text in [
        r#"{"type":"Feature","properties":{"ten":"Hữu Nghị"},"geometry":{"type":"Point","coordinates":[106.71,21.97]}}"#,
        r#"{"type":"Point","coordinates":[106.71,21.97]}"#,
    ] {
        let layer = sources::open_bytes(text.as_bytes(), "one.geojson", None).expect(text);
        assert_eq!(layer.features.len(), 1, "{text}");
    }
}

/// Vietnamese saved decomposed (NFD, as Unikey's "Unicode tổ hợp" and macOS write it)
/// arrives composed (NFC) in every format: field names and text values alike, so that it
/// compares and searches like text typed composed.
#[test]
fn decomposed_vietnamese_is_composed_on_the_way_in() {
    use unicode_normalization::UnicodeNormalization;
    let (name, place) = ("tên", "Hữu Lũng");
    let nfd = |s: &str| s.nfd().collect::<String>();
    assert_ne!(nfd(place), place, "the fixture really is decomposed");
    let csv = format!("lon,lat,{}\n106.5,21.6,{}\n", nfd(name), nfd(place));
    let geojson = format!(
        r#"{{"type":"FeatureCollection","features":[{{"type":"Feature","properties":{{"{}":"{}"}},"geometry":{{"type":"Point","coordinates":[106.5,21.6]}}}}]}}"#,
        nfd(name),
        nfd(place)
    );
    let kml = format!(
        r#"<?xml version="1.0" encoding="UTF-8"?><kml xmlns="http://www.opengis.net/kml/2.2"><Document><Placemark><name>{}</name><ExtendedData><Data name="{}"><value>{}</value></Data></ExtendedData><Point><coordinates>106.5,21.6</coordinates></Point></Placemark></Document></kml>"#,
        nfd(place),
        nfd(name),
        nfd(place)
    );
    for (file, text) in [("nfd.csv", csv), ("nfd.geojson", geojson), ("nfd.kml", kml)] {
        let layer = sources::open_bytes(text.as_bytes(), file, None).expect(file);
        let index = layer
            .fields
            .iter()
            .position(|f| f.name == name)
            .unwrap_or_else(|| panic!("{file}: the field name is composed: {:?}", layer.fields));
        assert_eq!(
            layer.features[0].values[index],
            Value::Text(place.to_owned()),
            "{file}"
        );
    }
    assert_eq!(
        langson_atlas::atlas::search::fold(&nfd(place)),
        langson_atlas::atlas::search::fold(place)
    );
}

/// `convert` streams a shapefile feature by feature (memory is in the load benchmark) and
/// writes exactly what the whole layer would; a read that fails leaves no partial file.
#[test]
fn convert_streams_a_shapefile_to_the_same_bytes_as_the_whole_layer() {
    let folder = tempfile::tempdir().expect("a folder");
    let out = folder.path().join("lo-dat.geojson");
    let summary =
        langson_atlas::cli::convert(&data("lo-dat-vn2000.shp"), &Default::default(), &out)
            .expect("converts");
    let layer = open("lo-dat-vn2000.shp").expect("loads");
    assert!(
        summary.starts_with(&format!("{} features", layer.features.len())),
        "{summary}"
    );
    let written = std::fs::read_to_string(&out).expect("written");
    assert_eq!(written, layer.to_geojson());

    let broken = folder.path().join("broken.geojson");
    let refused =
        langson_atlas::cli::convert(&data("not-geojson.geojson"), &Default::default(), &broken);
    assert!(refused.is_err());
    assert!(!broken.exists(), "no partial output is left behind");
}
