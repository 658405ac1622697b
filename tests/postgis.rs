//! PostGIS layers against a real PostgreSQL with PostGIS, which `scripts/test.sh` starts on
//! 127.0.0.1 (`scripts/pg-test-server.sh`) and names in `PGTEST_URI`. Fixtures are made
//! here: the VN-2000 parcels of `tests/data/lo-dat-vn2000.shp` loaded in their own
//! coordinates (SRID 9215), and 1 000 000 generated points. Without a server the tests say
//! they were skipped (and fail in CI, where it must be there).

#![allow(
    clippy::expect_used,
    clippy::unwrap_used,
    reason = "the test's helpers: a failed expectation is a failed test"
)]

mod common;

use langson_atlas::sources::postgis::{self, PgSource, View};
use langson_atlas::sources::{self, Progress};
use std::path::Path;

/// The server's address, or `None` (said) where the test cannot run.
fn server(test: &str) -> Option<String> {
    use std::io::Write;
    match std::env::var("PGTEST_URI") {
        Ok(uri) => Some(uri),
        Err(_) => {
            assert!(
                std::env::var_os("CI").is_none(),
                "{test}: PGTEST_URI is not set in CI; scripts/test.sh starts the server"
            );
            let _ = writeln!(
                std::io::stderr(),
                "SKIPPED {test}: no PostgreSQL (run scripts/test.sh, or set PGTEST_URI)"
            );
            None
        }
    }
}

fn client(base: &str) -> postgres::Client {
    postgres::Client::connect(&format!("{base}?sslmode=disable"), postgres::NoTls)
        .expect("the test server answers")
}

fn source(base: &str, table: &str) -> String {
    format!("{base}?table={table}&sslmode=disable")
}

/// A polygon ring as WKT.
fn ring(ring: &geo::LineString<f64>) -> String {
    let points: Vec<String> = ring.0.iter().map(|c| format!("{} {}", c.x, c.y)).collect();
    format!("({})", points.join(","))
}

#[expect(
    clippy::wildcard_enum_match_arm,
    reason = "a parcel is a point or a polygon: any other kind of geo::Geometry fails the test, named"
)]
fn wkt(g: &geo::Geometry<f64>) -> String {
    let polygon = |p: &geo::Polygon<f64>| {
        let rings: Vec<String> = std::iter::once(p.exterior())
            .chain(p.interiors())
            .map(ring)
            .collect();
        format!("({})", rings.join(","))
    };
    match g {
        geo::Geometry::Point(p) => format!("POINT({} {})", p.x(), p.y()),
        geo::Geometry::Polygon(p) => format!("MULTIPOLYGON({})", polygon(p)),
        geo::Geometry::MultiPolygon(m) => {
            let parts: Vec<String> = m.0.iter().map(polygon).collect();
            format!("MULTIPOLYGON({})", parts.join(","))
        }
        other => panic!("a parcel is a point or a polygon, not {other:?}"),
    }
}

/// The parcels (points) in VN-2000 / TM-3 107-15, as the shapefile holds them, under `name`.
fn load_parcels(db: &mut postgres::Client, name: &str) {
    let reader = shapefile::Reader::from_path("tests/data/lo-dat-vn2000.shp").expect("fixture");
    let mut reader = reader;
    db.batch_execute(&format!(
        "DROP TABLE IF EXISTS {n}; CREATE TABLE {n} (id serial PRIMARY KEY, ten text, so_lo int, dien_tich float8, geom geometry(Geometry, 9215))",
        n = postgis::ident(name)
    ))
    .expect("table");
    for shape in reader.iter_shapes_and_records() {
        let (shape, record) = shape.expect("a shape");
        let geometry: geo::Geometry<f64> = geo::Geometry::try_from(shape).expect("geometry");
        let text = |f: &str| match record.get(f) {
            Some(shapefile::dbase::FieldValue::Character(Some(s))) => s.clone(),
            _ => String::new(),
        };
        let number = |f: &str| match record.get(f) {
            Some(shapefile::dbase::FieldValue::Numeric(Some(n))) => *n,
            _ => 0.0,
        };
        db.execute(
            &format!(
                "INSERT INTO {} (ten, so_lo, dien_tich, geom) VALUES ($1, $2, $3, ST_GeomFromText($4, 9215))",
                postgis::ident(name)
            ),
            &[&text("ten"), &(number("so_lo") as i32), &number("dien_tich"), &wkt(&geometry)],
        )
        .expect("row");
    }
}

#[test]
fn a_vn2000_table_lands_where_the_same_shapefile_does() {
    let Some(base) = server("a_vn2000_table_lands_where_the_same_shapefile_does") else {
        return;
    };
    let mut db = client(&base);
    load_parcels(&mut db, "lo_dat_vn2000");
    let from_file = sources::open(
        Path::new("tests/data/lo-dat-vn2000.shp"),
        None,
        &Progress::default(),
    )
    .expect("the shapefile");
    let from_db = sources::open_request(
        Path::new(&source(&base, "public.lo_dat_vn2000")),
        &sources::Request::default(),
        &Progress::default(),
    )
    .expect("the table");
    assert_eq!(from_db.features.len(), from_file.features.len());
    assert_eq!(from_db.crs.epsg(), Some(9215));
    let names: Vec<&str> = from_db.fields.iter().map(|f| f.name.as_str()).collect();
    assert_eq!(names, ["id", "ten", "so_lo", "dien_tich"]);
    // 0.05 m is about 4.5e-7 degrees of latitude.
    let tolerance = 0.05 / 111_320.0;
    for (a, b) in from_db.features.iter().zip(&from_file.features) {
        use geo::CoordsIter;
        let (ga, gb) = (a.geometry.as_ref().unwrap(), b.geometry.as_ref().unwrap());
        for c in ga.coords_iter() {
            let nearest = gb
                .coords_iter()
                .map(|d| (c.x - d.x).hypot(c.y - d.y))
                .fold(f64::INFINITY, f64::min);
            assert!(
                nearest < tolerance,
                "{c:?} is {nearest} degrees from the shapefile's"
            );
        }
    }
}

#[test]
fn a_view_over_a_million_points_reads_only_what_is_in_view_capped() {
    let Some(base) = server("a_view_over_a_million_points_reads_only_what_is_in_view_capped")
    else {
        return;
    };
    let mut db = client(&base);
    let have: i64 = db
        .query_one(
            "SELECT count(*) FROM pg_tables WHERE tablename = 'million'",
            &[],
        )
        .unwrap()
        .get(0);
    if have == 0 {
        // A fixed grid over the province, so that counts in a box are known: 1000 × 1000.
        db.batch_execute(
            "CREATE TABLE million (id int PRIMARY KEY, geom geometry(Point, 4326)); \
             INSERT INTO million SELECT i * 1000 + j, \
               ST_SetSRID(ST_MakePoint(106.0 + i * 0.0015, 21.3 + j * 0.0011), 4326) \
             FROM generate_series(0, 999) i, generate_series(0, 999) j; \
             CREATE INDEX million_geom ON million USING gist (geom); ANALYZE million;",
        )
        .expect("a million points");
    }
    let (src, password) = PgSource::parse(&source(&base, "million")).expect("uri");
    let mut c = postgis::connect(&src, password.as_deref()).expect("connects");
    let tables = postgis::tables(&mut c, &src.uri()).expect("tables");
    let listed = tables
        .iter()
        .find(|t| t.table.name == "million")
        .expect("listed");
    assert_eq!(
        (listed.srid, listed.geometry_type.as_str()),
        (4326, "POINT")
    );
    // A small view: 10 × 10 grid points in it, all read.
    let small = View {
        west: 106.0 + 100.0 * 0.0015 - 1e-6,
        east: 106.0 + 109.0 * 0.0015 + 1e-6,
        south: 21.3 + 200.0 * 0.0011 - 1e-6,
        north: 21.3 + 209.0 * 0.0011 + 1e-6,
        metres_per_point: 1.0,
    };
    let read =
        postgis::read(&mut c, &src, Some(small), 50_000, &Progress::default()).expect("read");
    assert_eq!((read.layer.features.len(), read.capped), (100, false));
    // The whole province: the cap, and how many the view holds.
    let wide = View {
        west: 105.9,
        east: 107.6,
        south: 21.2,
        north: 22.5,
        metres_per_point: 150.0,
    };
    let read = postgis::read(&mut c, &src, Some(wide), 5_000, &Progress::default()).expect("read");
    assert_eq!(read.layer.features.len(), 5_000);
    assert!(read.capped);
    assert_eq!(read.in_view, Some(1_000_000));
    assert!(
        read.layer
            .warnings
            .iter()
            .any(|w| w.contains("5000 of 1000000")),
        "{:?}",
        read.layer.warnings
    );
}

#[test]
fn a_table_named_with_a_quote_and_a_semicolon_is_read_as_a_name() {
    let Some(base) = server("a_table_named_with_a_quote_and_a_semicolon_is_read_as_a_name") else {
        return;
    };
    let mut db = client(&base);
    let name = "lô\"; DROP TABLE million; --";
    db.batch_execute(&format!(
        "DROP TABLE IF EXISTS {n}; CREATE TABLE {n} (\"tên\" text, geom geometry(Point, 4326)); \
         INSERT INTO {n} VALUES ('Hữu Nghị', ST_SetSRID(ST_MakePoint(106.71, 21.97), 4326));",
        n = postgis::ident(name)
    ))
    .expect("table");
    let (mut src, password) = PgSource::parse(&source(&base, "x")).expect("uri");
    src.table.name = name.to_owned();
    // As the dialog does: the password typed is remembered for this run, not in the URI.
    postgis::remember_password(&src, password.as_deref().unwrap_or_default());
    let uri = src.uri();
    let layer = sources::open_request(
        Path::new(&uri),
        &sources::Request::default(),
        &Progress::default(),
    )
    .expect("read as a name");
    assert_eq!(layer.features.len(), 1);
    assert_eq!(
        layer.features[0].values[0],
        sources::Value::Text("Hữu Nghị".to_owned())
    );
}

#[test]
fn faults_are_said_in_words() {
    let Some(base) = server("faults_are_said_in_words") else {
        return;
    };
    let open = |uri: &str| {
        sources::open_request(
            Path::new(uri),
            &sources::Request::default(),
            &Progress::default(),
        )
        .map(|_| ())
        .map_err(|e| e.to_string())
    };
    // A table that is not there.
    let e = open(&source(&base, "public.no_such_table")).unwrap_err();
    assert!(e.contains("no table or view public.no_such_table"), "{e}");
    // A database without PostGIS.
    let plain = match base.rsplit_once('/') {
        Some((server, _)) => format!("{server}/plain"),
        None => panic!("{base} names a database"),
    };
    let e = open(&source(&plain, "t")).unwrap_err();
    assert!(e.contains("no PostGIS"), "{e}");
    // A wrong password, and none at all.
    let (login, rest) = base.split_once('@').expect("user@host");
    let user = login.rsplit_once(':').map_or(login, |(u, _)| u);
    let e = open(&source(&format!("{user}:wrong@{rest}"), "million")).unwrap_err();
    assert!(e.contains("refused the user name or password"), "{e}");
    assert!(!e.contains("wrong"), "the password is never shown: {e}");
    if std::env::var_os("PGPASSWORD").is_none() {
        // Another login than the tests' (whose password this run remembers once typed).
        let _ = user;
        let e = open(&source(&format!("postgresql://planner@{rest}"), "million")).unwrap_err();
        assert!(e.contains("a password is needed"), "{e}");
    }
    // Nobody listening.
    let e = open("postgresql://atlas@127.0.0.1:1/atlas?table=t&sslmode=disable").unwrap_err();
    assert!(e.contains("cannot be reached"), "{e}");
    // An SRID nobody knows.
    let mut db = client(&base);
    db.batch_execute(
        "DROP TABLE IF EXISTS odd_srid; CREATE TABLE odd_srid (geom geometry(Point, 990001)); \
         INSERT INTO odd_srid VALUES (ST_SetSRID(ST_MakePoint(1, 2), 990001));",
    )
    .expect("table");
    let e = open(&source(&base, "odd_srid")).unwrap_err();
    assert!(e.contains("SRID 990001"), "{e}");
}

type App = egui_kittest::Harness<'static, langson_atlas::AtlasApp>;

/// The app offline, with `stored` as the last session's settings.
fn app(stored: Option<langson_atlas::state::Settings>) -> App {
    let mut h = egui_kittest::Harness::builder()
        .with_size(egui::vec2(1400.0, 900.0))
        .with_context_setup(langson_atlas::theme::fonts::install)
        .build_eframe(move |cc| {
            langson_atlas::AtlasApp::new(
                &cc.egui_ctx,
                langson_atlas::Options {
                    offline: true,
                    ..langson_atlas::Options::default()
                },
                stored.clone(),
            )
        });
    h.run_steps(4);
    h
}

/// Runs frames until no layer is loading or reading a view, waiting on the workers.
fn settle(h: &mut App) {
    for _ in 0..100 {
        h.run_steps(2);
        if !h.state().loading() {
            h.run_steps(1);
            if !h.state().loading() {
                return;
            }
        }
        h.state_mut()
            .wait_for_load(std::time::Duration::from_millis(200));
    }
    panic!("the layers never settled");
}

/// The app with a PostGIS layer: it reads what the view shows, reads again when the view
/// settles elsewhere, and a project keeps its address but never its password.
#[test]
fn a_postgis_layer_follows_the_view_and_is_saved_without_its_password() {
    let Some(base) = server("a_postgis_layer_follows_the_view_and_is_saved_without_its_password")
    else {
        return;
    };
    let mut db = client(&base);
    db.batch_execute(
        "DROP TABLE IF EXISTS grid_app; \
         CREATE TABLE grid_app (id int PRIMARY KEY, geom geometry(Point, 4326)); \
         INSERT INTO grid_app SELECT i * 100 + j, \
           ST_SetSRID(ST_MakePoint(106.0 + i * 0.015, 21.3 + j * 0.011), 4326) \
         FROM generate_series(0, 99) i, generate_series(0, 99) j; \
         CREATE INDEX ON grid_app USING gist (geom);",
    )
    .expect("grid");
    let (src, password) = PgSource::parse(&source(&base, "grid_app")).expect("uri");
    let mut h = app(None);
    h.state_mut().apply(langson_atlas::state::Action::User(
        langson_atlas::state::UserAction::PostGisAdd(
            vec![src],
            password.clone().unwrap_or_default(),
        ),
    ));
    let count = |h: &App| {
        h.state()
            .user
            .layers
            .ready()
            .next()
            .map(|l| l.data.features.len())
    };
    settle(&mut h);
    let wide = count(&h).expect("the layer opened");
    assert!(
        wide > 100,
        "the province's view holds much of the grid: {wide}"
    );
    for _ in 0..4 {
        h.state_mut().apply(langson_atlas::state::Action::ZoomIn);
    }
    settle(&mut h);
    let near = count(&h).expect("still there");
    assert!(
        near < wide,
        "zoomed in, the view holds fewer points: {near} of {wide}"
    );

    let path = Path::new(env!("CARGO_TARGET_TMPDIR")).join("postgis-project.lsatlas");
    h.state_mut().apply(langson_atlas::state::Action::Project(
        langson_atlas::state::ProjectAction::SaveTo(path.clone()),
    ));
    h.run_steps(1);
    let bytes = std::fs::read(&path).expect("saved");
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("zip");
    let mut manifest = String::new();
    std::io::Read::read_to_string(
        &mut zip.by_name("project.json").expect("manifest"),
        &mut manifest,
    )
    .expect("text");
    assert!(manifest.contains("table=public.grid_app"), "{manifest}");
    if let Some(pw) = password {
        assert!(
            !manifest.contains(&pw),
            "the password stays out of the project"
        );
    }
}

/// After a restart a database layer whose password is not at hand says so; the password
/// typed on its row brings it back, in its place.
#[test]
fn a_layer_needing_its_password_after_a_restart_reconnects_when_given_it() {
    let Some(base) =
        server("a_layer_needing_its_password_after_a_restart_reconnects_when_given_it")
    else {
        return;
    };
    let mut db = client(&base);
    db.batch_execute(
        "DO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'reviewer') THEN \
           CREATE ROLE reviewer LOGIN PASSWORD 'xem-lai'; END IF; END $$; \
         DROP TABLE IF EXISTS gates_reviewed; \
         CREATE TABLE gates_reviewed (name text, geom geometry(Point, 4326)); \
         INSERT INTO gates_reviewed VALUES ('Chi Ma', ST_SetSRID(ST_MakePoint(107.05, 21.83), 4326)); \
         GRANT SELECT ON gates_reviewed TO reviewer;",
    )
    .expect("a role and a table");
    if std::env::var_os("PGPASSWORD").is_some() {
        return;
    }
    let rest = base.split_once('@').map(|(_, r)| r).expect("user@host");
    let uri = format!("postgresql://reviewer@{rest}?table=public.gates_reviewed&sslmode=disable");
    let stored = langson_atlas::state::Settings {
        user_layers: vec![langson_atlas::layers::Stored::new(
            langson_atlas::layers::Source::file(&uri),
            langson_atlas::layers::style::Style::single(0),
        )],
        ..langson_atlas::state::Settings::default()
    };
    let mut h = app(Some(stored));
    settle(&mut h);
    let slot = &h.state().user.layers.slots[0];
    let langson_atlas::layers::Slot::Failed { id, problem, .. } = slot else {
        panic!("no password at hand: the layer cannot open");
    };
    assert!(
        problem.to_string().contains("a password is needed"),
        "{problem}"
    );
    let id = *id;
    h.state_mut().apply(langson_atlas::state::Action::User(
        langson_atlas::state::UserAction::Reconnect(id, "xem-lai".to_owned()),
    ));
    settle(&mut h);
    let ready: Vec<usize> = h
        .state()
        .user
        .layers
        .ready()
        .map(|l| l.data.features.len())
        .collect();
    assert_eq!(ready, [1], "reconnected with the password typed");
}

/// A table in an SRID only the server knows (Web Mercator) is bounded and transformed by
/// the server; a password typed in the address never stays in the layer's source.
#[test]
fn a_table_the_server_transforms_is_read_in_a_view_and_the_password_stays_out() {
    let Some(base) =
        server("a_table_the_server_transforms_is_read_in_a_view_and_the_password_stays_out")
    else {
        return;
    };
    let mut db = client(&base);
    db.batch_execute(
        "DROP TABLE IF EXISTS gates_3857; \
         CREATE TABLE gates_3857 (name text, geom geometry(Point, 3857)); \
         INSERT INTO gates_3857 VALUES ('Hữu Nghị', \
           ST_Transform(ST_SetSRID(ST_MakePoint(106.71, 21.97), 4326), 3857));",
    )
    .expect("table");
    let (src, password) = PgSource::parse(&source(&base, "gates_3857")).expect("uri");
    let mut c = postgis::connect(&src, password.as_deref()).expect("connects");
    let view = View {
        west: 106.5,
        east: 106.9,
        south: 21.8,
        north: 22.1,
        metres_per_point: 20.0,
    };
    let read = postgis::read(&mut c, &src, Some(view), 100, &Progress::default()).expect("read");
    assert_eq!(read.layer.features.len(), 1);
    let at = match read.layer.features[0].geometry {
        Some(geo::Geometry::Point(p)) => p,
        ref other => panic!("a point, not {other:?}"),
    };
    assert!(
        (at.x() - 106.71).abs() < 1e-6 && (at.y() - 21.97).abs() < 1e-6,
        "{at:?}"
    );
    // `info` too: the server brings its extent to WGS 84.
    let told = info(&source(&base, "gates_3857"));
    let b = bbox(&told);
    assert!(
        (b[0] - 106.71).abs() < 1e-6 && (b[3] - 21.97).abs() < 1e-6,
        "{b:?}"
    );
    assert_eq!(told["crs"], "WGS 84 (EPSG:4326)");

    let mut h = app(None);
    h.state_mut().apply(langson_atlas::state::Action::User(
        langson_atlas::state::UserAction::OpenFiles(vec![std::path::PathBuf::from(source(
            &base,
            "gates_3857",
        ))]),
    ));
    settle(&mut h);
    let stored = h.state().settings_to_store();
    let path = stored.user_layers[0].source.path.display().to_string();
    assert!(path.contains("gates_3857"), "{path}");
    if let Some(pw) = password {
        assert!(
            !path.contains(&pw),
            "the password stays out of what is stored: {path}"
        );
    }
    assert_eq!(
        h.state().user.layers.ready().count(),
        1,
        "and the layer opened"
    );
}

// ---- The headless verbs let the database do the database's work (issue 28). ----

/// `info` of a file or a table, as the JSON it prints.
fn info(path: &str) -> serde_json::Value {
    let text = langson_atlas::cli::info(Path::new(path), &sources::Request::default())
        .unwrap_or_else(|e| panic!("info {path}: {e}"));
    serde_json::from_str(&text).expect("info prints JSON")
}

/// `convert` of a file or a table into `dir`: its summary line and the GeoJSON written.
fn convert(path: &str, dir: &Path, name: &str) -> (String, serde_json::Value) {
    let out = dir.join(name);
    let summary = langson_atlas::cli::convert(Path::new(path), &sources::Request::default(), &out)
        .unwrap_or_else(|e| panic!("convert {path}: {e}"));
    let text = std::fs::read_to_string(&out).expect("written");
    (summary, serde_json::from_str(&text).expect("GeoJSON"))
}

fn bbox(info: &serde_json::Value) -> [f64; 4] {
    let b = info["bbox_wgs84"].as_array().expect("a bbox");
    [0, 1, 2, 3].map(|i| b[i].as_f64().expect("a number"))
}

/// A deterministic stream of numbers in [0, 1) (xorshift), for fixtures that must not
/// change between runs.
fn uniform(seed: &mut u64) -> f64 {
    *seed ^= *seed << 13;
    *seed ^= *seed >> 7;
    *seed ^= *seed << 17;
    (*seed >> 11) as f64 / (1u64 << 53) as f64
}

/// `info` of a table of 200 000 points loaded from a CSV (COPY) says what `info` of the
/// CSV says: the exact count, extent, types and vertices, in the same JSON, and nothing is
/// called an estimate. Past the size where it estimates, it says so.
#[test]
fn info_of_a_table_of_200_000_rows_gives_the_count_and_extent_of_its_file() {
    let Some(base) =
        server("info_of_a_table_of_200_000_rows_gives_the_count_and_extent_of_its_file")
    else {
        return;
    };
    let dir = tempfile::tempdir().expect("a folder");
    let csv = dir.path().join("diem-200k.csv");
    let mut text = String::from("id,ten,lon,lat\n");
    let mut seed = 28;
    for i in 0..200_000 {
        let lon = 106.0 + 1.5 * uniform(&mut seed);
        let lat = 21.3 + 1.1 * uniform(&mut seed);
        text.push_str(&format!("{i},Điểm {i},{lon},{lat}\n"));
    }
    std::fs::write(&csv, &text).expect("the CSV");
    let mut db = client(&base);
    db.batch_execute(
        "DROP TABLE IF EXISTS diem_200k_csv, diem_200k; \
         CREATE TEMP TABLE diem_200k_csv (id int, ten text, lon float8, lat float8);",
    )
    .expect("a staging table");
    let mut copy = db
        .copy_in("COPY diem_200k_csv FROM STDIN (FORMAT csv, HEADER true)")
        .expect("COPY");
    std::io::Write::write_all(&mut copy, text.as_bytes()).expect("rows");
    copy.finish().expect("copied");
    db.batch_execute(
        "CREATE TABLE diem_200k AS SELECT id, ten, \
           ST_SetSRID(ST_MakePoint(lon, lat), 4326)::geometry(Point, 4326) AS geom \
         FROM diem_200k_csv ORDER BY id; ANALYZE diem_200k;",
    )
    .expect("the table");

    let file = info(&csv.display().to_string());
    let uri = source(&base, "diem_200k");
    let table = info(&uri);
    assert_eq!(table["features"], 200_000);
    assert_eq!(table["features"], file["features"]);
    assert_eq!(bbox(&table), bbox(&file), "the same extent, exactly");
    assert_eq!(table["vertices"], file["vertices"]);
    assert_eq!(table["geometry_types"], serde_json::json!(["Point"]));
    assert_eq!(table["skipped"], 0);
    assert_eq!(table["format"], "PostGIS");
    let keys = |v: &serde_json::Value| {
        v.as_object()
            .expect("an object")
            .keys()
            .cloned()
            .collect::<Vec<_>>()
    };
    assert_eq!(keys(&table), keys(&file), "the JSON keeps its shape");
    let fields: Vec<(&str, &str)> = table["fields"]
        .as_array()
        .expect("fields")
        .iter()
        .map(|f| (f["name"].as_str().unwrap(), f["type"].as_str().unwrap()))
        .collect();
    assert_eq!(fields, [("id", "integer"), ("ten", "text")]);

    // Past the size it counts, the planner's figures, labelled.
    let estimated = postgis::info_exact_up_to(&uri, 100_000).expect("info");
    let labelled: Vec<&str> = estimated["estimated"]
        .as_array()
        .expect("the estimates are named")
        .iter()
        .map(|v| v.as_str().unwrap())
        .collect();
    assert!(labelled.contains(&"features") && labelled.contains(&"bbox_wgs84"));
    assert!(
        !labelled.contains(&"geometry_types"),
        "the column says Point"
    );
    let n = estimated["features"].as_f64().expect("a count");
    assert!((n - 200_000.0).abs() < 10_000.0, "{n}");
    let (a, b) = (bbox(&estimated), bbox(&file));
    for i in 0..4 {
        assert!((a[i] - b[i]).abs() < 0.01, "{a:?} against {b:?}");
    }
}

/// NULL and empty geometries are counted as skipped by `info` (in SQL) and skipped by
/// `convert`, the same number, said in words.
#[test]
fn null_and_empty_geometries_are_counted_as_skipped() {
    let Some(base) = server("null_and_empty_geometries_are_counted_as_skipped") else {
        return;
    };
    let mut db = client(&base);
    db.batch_execute(
        "DROP TABLE IF EXISTS voi_rong; \
         CREATE TABLE voi_rong (ten text, geom geometry(Geometry, 4326)); \
         INSERT INTO voi_rong VALUES \
           ('Hữu Nghị', 'SRID=4326;POINT(106.71 21.97)'), \
           ('đường', 'SRID=4326;LINESTRING(106.7 21.9, 106.8 21.85)'), \
           ('không có', NULL), \
           ('điểm rỗng', 'SRID=4326;POINT EMPTY'), \
           ('vùng rỗng', 'SRID=4326;POLYGON EMPTY'), \
           ('tập rỗng', 'SRID=4326;GEOMETRYCOLLECTION EMPTY');",
    )
    .expect("table");
    let uri = source(&base, "voi_rong");
    let table = info(&uri);
    assert_eq!(
        (table["features"].as_i64(), table["skipped"].as_i64()),
        (Some(2), Some(4))
    );
    assert_eq!(
        table["geometry_types"],
        serde_json::json!(["LineString", "Point"])
    );
    assert_eq!(table["vertices"], 3);
    let warnings = table["warnings"].to_string();
    assert!(
        warnings.contains("1 row without geometry (NULL): skipped")
            && warnings.contains("3 rows with an empty geometry: skipped"),
        "{warnings}"
    );
    let dir = tempfile::tempdir().expect("a folder");
    let (summary, written) = convert(&uri, dir.path(), "voi-rong.geojson");
    assert!(summary.starts_with("2 features (4 skipped)"), "{summary}");
    assert_eq!(written["features"].as_array().map(Vec::len), Some(2));

    // A column of one type is counted without a filter an aggregate: the same figures.
    db.batch_execute(
        "DROP TABLE IF EXISTS voi_rong_diem; \
         CREATE TABLE voi_rong_diem (geom geometry(Point, 4326)); \
         INSERT INTO voi_rong_diem VALUES ('SRID=4326;POINT(106.71 21.97)'), \
           ('SRID=4326;POINT(106.63 21.88)'), ('SRID=4326;POINT(106.5 21.7)'), (NULL), \
           ('SRID=4326;POINT EMPTY'), ('SRID=4326;POINT EMPTY');",
    )
    .expect("table");
    let points = info(&source(&base, "voi_rong_diem"));
    assert_eq!(
        (
            points["features"].as_i64(),
            points["skipped"].as_i64(),
            points["vertices"].as_i64()
        ),
        (Some(3), Some(3), Some(3))
    );
    assert_eq!(bbox(&points), [106.5, 21.7, 106.71, 21.97]);
    let (summary, _) = convert(&source(&base, "voi_rong_diem"), dir.path(), "diem.geojson");
    assert!(summary.starts_with("3 features (3 skipped)"), "{summary}");
}

/// Diamonds some 30 km across around the reference points, in VN-2000 / TM-3 107-15
/// metres: their longitudes and latitudes peak at their tips, not at the corners of their
/// box, so a box brought over from metres would miss by hundreds of metres.
fn diamonds() -> Vec<(String, Vec<(f64, f64)>)> {
    common::vn2000_reference()
        .into_iter()
        .enumerate()
        .map(|(i, (name, [x, y], _))| {
            let r = 10_000.0 + 1_000.0 * i as f64;
            let ring = vec![(x, y + r), (x + r, y), (x, y - r), (x - r, y), (x, y + r)];
            (name, ring)
        })
        .collect()
}

/// The diamonds as a shapefile with the ministry's `.prj`, and as a table in SRID 9215
/// (the same coordinates, a row a diamond).
fn vn2000_polygons(db: &mut postgres::Client, dir: &Path, table: &str) -> std::path::PathBuf {
    use shapefile::dbase::{FieldName, FieldValue, Record, TableWriterBuilder};
    let shp = dir.join(format!("{table}.shp"));
    let fields = TableWriterBuilder::new()
        .add_character_field(FieldName::try_from("ten").unwrap(), 40)
        .add_numeric_field(FieldName::try_from("so_lo").unwrap(), 6, 0)
        .add_numeric_field(FieldName::try_from("dien_tich").unwrap(), 14, 2);
    let mut w = shapefile::Writer::from_path(&shp, fields).expect("a shapefile");
    db.batch_execute(&format!(
        "DROP TABLE IF EXISTS {t}; \
         CREATE TABLE {t} (ten text, so_lo int, dien_tich float8, geom geometry(MultiPolygon, 9215));",
        t = postgis::ident(table)
    ))
    .expect("table");
    for (i, (name, ring)) in diamonds().into_iter().enumerate() {
        let area = 2.0 * (ring[0].1 - ring[2].1).powi(2) / 4.0 + 0.25;
        let mut r = Record::default();
        r.insert("ten".into(), FieldValue::Character(Some(name.clone())));
        r.insert("so_lo".into(), FieldValue::Numeric(Some(i as f64 + 1.0)));
        r.insert("dien_tich".into(), FieldValue::Numeric(Some(area)));
        // Clockwise, as a shapefile's outer rings are, in the table too.
        let points: Vec<shapefile::Point> = ring
            .iter()
            .map(|&(x, y)| shapefile::Point::new(x, y))
            .collect();
        let polygon = shapefile::Polygon::new(shapefile::PolygonRing::Outer(points));
        w.write_shape_and_record(&polygon, &r).expect("a shape");
        let wkt: Vec<String> = ring.iter().map(|(x, y)| format!("{x} {y}")).collect();
        db.execute(
            &format!(
                "INSERT INTO {} VALUES ($1, $2, $3, ST_GeomFromText($4, 9215))",
                postgis::ident(table)
            ),
            &[
                &name,
                &(i as i32 + 1),
                &area,
                &format!("MULTIPOLYGON((({})))", wkt.join(",")),
            ],
        )
        .expect("a row");
    }
    drop(w);
    std::fs::write(shp.with_extension("prj"), common::PRJ_TM3).expect("prj");
    std::fs::write(shp.with_extension("cpg"), "UTF-8").expect("cpg");
    shp
}

/// A table of polygons in SRID 9215 (which this PostGIS does not list) gives the WGS 84
/// extent its shapefile gives, within 0.0005°, though the server is only asked for sums
/// and a hull.
#[test]
fn a_table_of_vn2000_polygons_gives_the_wgs84_extent_of_its_shapefile() {
    let Some(base) = server("a_table_of_vn2000_polygons_gives_the_wgs84_extent_of_its_shapefile")
    else {
        return;
    };
    let mut db = client(&base);
    let dir = tempfile::tempdir().expect("a folder");
    let shp = vn2000_polygons(&mut db, dir.path(), "vung_vn2000_info");
    let file = info(&shp.display().to_string());
    let table = info(&source(&base, "vung_vn2000_info"));
    let (a, b) = (bbox(&table), bbox(&file));
    for i in 0..4 {
        assert!(
            (a[i] - b[i]).abs() <= 0.0005,
            "the table's {a:?} against the shapefile's {b:?}"
        );
    }
    assert_eq!(table["crs"], file["crs"]);
    assert_eq!(table["features"], file["features"]);
    assert_eq!(table["vertices"], file["vertices"]);
    assert_eq!(table["geometry_types"], serde_json::json!(["MultiPolygon"]));
}

/// `convert` of a table writes the features `convert` of the file it was loaded from
/// writes: same geometry (the same reprojection), same properties, in order.
#[test]
fn convert_of_a_table_gives_the_features_of_convert_of_its_file() {
    let Some(base) = server("convert_of_a_table_gives_the_features_of_convert_of_its_file") else {
        return;
    };
    let mut db = client(&base);
    let dir = tempfile::tempdir().expect("a folder");
    let shp = vn2000_polygons(&mut db, dir.path(), "vung_vn2000_convert");
    let (from_file, file) = convert(&shp.display().to_string(), dir.path(), "file.geojson");
    let (from_table, table) = convert(
        &source(&base, "vung_vn2000_convert"),
        dir.path(),
        "table.geojson",
    );
    let count = |s: &str| s.split(' ').next().unwrap_or_default().to_owned();
    assert_eq!(
        count(&from_table),
        count(&from_file),
        "{from_table} / {from_file}"
    );
    let (file, table) = (
        file["features"].as_array().expect("features"),
        table["features"].as_array().expect("features"),
    );
    assert_eq!(table.len(), diamonds().len());
    assert_eq!(table.len(), file.len());
    for (t, f) in table.iter().zip(file) {
        assert_eq!(
            t["geometry"], f["geometry"],
            "the same reprojected geometry"
        );
        let (tp, fp) = (
            t["properties"].as_object().unwrap(),
            f["properties"].as_object().unwrap(),
        );
        assert_eq!(tp.keys().collect::<Vec<_>>(), fp.keys().collect::<Vec<_>>());
        for (k, v) in tp {
            match (v.as_f64(), fp[k].as_f64()) {
                (Some(a), Some(b)) => assert!((a - b).abs() < 1e-9, "{k}: {a} / {b}"),
                _ => assert_eq!(v, &fp[k], "{k}"),
            }
        }
    }
}

/// Curved geometries (common in cadastral data) are linearised on the server: the window's
/// read, `info` and `convert` all have them, none skipped, and `info`'s figures are those
/// of what `convert` writes.
#[test]
fn curved_geometries_are_linearised_on_the_server() {
    let Some(base) = server("curved_geometries_are_linearised_on_the_server") else {
        return;
    };
    let mut db = client(&base);
    db.batch_execute(
        "DROP TABLE IF EXISTS thua_cong; \
         CREATE TABLE thua_cong (ten text, geom geometry(Geometry, 4326)); \
         INSERT INTO thua_cong VALUES \
           ('vùng cong', 'SRID=4326;CURVEPOLYGON(CIRCULARSTRING(106.70 21.90, 106.72 21.90, 106.72 21.92, 106.70 21.92, 106.70 21.90))'), \
           ('cung', 'SRID=4326;CIRCULARSTRING(106.60 21.80, 106.61 21.81, 106.62 21.80)'), \
           ('đường ghép', 'SRID=4326;COMPOUNDCURVE(CIRCULARSTRING(106.50 21.70, 106.51 21.71, 106.52 21.70), (106.52 21.70, 106.55 21.70))'), \
           ('nhiều vùng', 'SRID=4326;MULTISURFACE(CURVEPOLYGON(CIRCULARSTRING(106.80 22.00, 106.81 22.00, 106.81 22.01, 106.80 22.01, 106.80 22.00)), ((106.9 22.1, 106.95 22.1, 106.95 22.15, 106.9 22.1)))'), \
           ('nhiều đường', 'SRID=4326;MULTICURVE((106.4 21.6, 106.45 21.6), CIRCULARSTRING(106.40 21.65, 106.41 21.66, 106.42 21.65))');",
    )
    .expect("table");
    let uri = source(&base, "thua_cong");
    let table = info(&uri);
    assert_eq!(
        (table["features"].as_i64(), table["skipped"].as_i64()),
        (Some(5), Some(0))
    );
    assert_eq!(
        table["geometry_types"],
        serde_json::json!(["LineString", "MultiLineString", "MultiPolygon", "Polygon"])
    );
    let dir = tempfile::tempdir().expect("a folder");
    let (summary, _) = convert(&uri, dir.path(), "cong.geojson");
    assert!(summary.starts_with("5 features (0 skipped)"), "{summary}");
    let written = info(&dir.path().join("cong.geojson").display().to_string());
    assert_eq!(table["vertices"], written["vertices"]);
    assert!(
        table["vertices"].as_i64().unwrap() > 100,
        "arcs become many short segments"
    );
    let (a, b) = (bbox(&table), bbox(&written));
    for i in 0..4 {
        assert!((a[i] - b[i]).abs() < 1e-9, "{a:?} against {b:?}");
    }
    assert_eq!(table["geometry_types"], written["geometry_types"]);

    let (src, password) = PgSource::parse(&uri).expect("uri");
    let mut c = postgis::connect(&src, password.as_deref()).expect("connects");
    let view = View {
        west: 106.3,
        east: 107.0,
        south: 21.5,
        north: 22.2,
        metres_per_point: 1.0,
    };
    let read = postgis::read(&mut c, &src, Some(view), 100, &Progress::default()).expect("read");
    assert_eq!(read.layer.features.len(), 5, "{:?}", read.layer.warnings);
    assert_eq!(read.layer.skipped, 0);
}

/// What real databases hold reads well in `info`, `convert` and the window: Vietnamese
/// schema, table and column names, Z and M values, mixed types, typed columns, a view
/// without a key, a geography column.
#[test]
fn what_real_databases_hold_reads_through_info_convert_and_a_view() {
    let Some(base) = server("what_real_databases_hold_reads_through_info_convert_and_a_view")
    else {
        return;
    };
    let mut db = client(&base);
    db.batch_execute(
        "CREATE SCHEMA IF NOT EXISTS \"quy_hoạch\"; \
         DROP TABLE IF EXISTS \"quy_hoạch\".\"thửa_đất\" CASCADE; \
         CREATE TABLE \"quy_hoạch\".\"thửa_đất\" (\"tên\" text, \"diện_tích\" numeric, \
           \"ngày_đo\" timestamptz, \"đã_duyệt\" boolean, geom geometry); \
         INSERT INTO \"quy_hoạch\".\"thửa_đất\" VALUES \
           ('Chi Ma', 12.5, '2024-05-01 08:30+07', true, 'SRID=4326;POINT Z (107.05 21.83 320)'), \
           ('đường', 3, NULL, false, 'SRID=4326;LINESTRING M (106.7 21.9 1, 106.8 21.85 2)'), \
           ('thửa', 1250.75, '2023-01-02 00:00+07', NULL, 'SRID=4326;POLYGON ZM ((106.7 21.8 1 1, 106.71 21.8 1 2, 106.71 21.81 1 3, 106.7 21.8 1 4))'), \
           ('cụm', NULL, NULL, NULL, 'SRID=4326;MULTIPOINT((106.6 21.7), (106.61 21.71))'), \
           ('tập', NULL, NULL, NULL, 'SRID=4326;GEOMETRYCOLLECTION(POINT(106.5 21.6), LINESTRING(106.5 21.6, 106.55 21.65))'); \
         CREATE VIEW \"quy_hoạch\".\"điểm_xem\" AS \
           SELECT \"tên\", geom FROM \"quy_hoạch\".\"thửa_đất\" WHERE \"tên\" <> 'thửa'; \
         DROP TABLE IF EXISTS cua_khau_geog; \
         CREATE TABLE cua_khau_geog (ten text, geog geography(Point, 4326)); \
         INSERT INTO cua_khau_geog VALUES ('Hữu Nghị', 'POINT(106.71 21.97)'), ('Tân Thanh', 'POINT(106.63 21.88)');",
    )
    .expect("tables");
    let dir = tempfile::tempdir().expect("a folder");
    let (src, password) = PgSource::parse(&source(&base, "x")).expect("uri");
    let uri_of = |schema: &str, name: &str| {
        let mut s = src.clone();
        s.table = postgis::TableName {
            schema: schema.to_owned(),
            name: name.to_owned(),
        };
        postgis::remember_password(&s, password.as_deref().unwrap_or_default());
        s.uri()
    };

    let mixed = uri_of("quy_hoạch", "thửa_đất");
    let table = info(&mixed);
    assert_eq!(
        (table["features"].as_i64(), table["skipped"].as_i64()),
        (Some(5), Some(0))
    );
    assert_eq!(
        table["geometry_types"],
        serde_json::json!([
            "GeometryCollection",
            "LineString",
            "MultiPoint",
            "Point",
            "Polygon"
        ])
    );
    let fields: Vec<(&str, &str)> = table["fields"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| (f["name"].as_str().unwrap(), f["type"].as_str().unwrap()))
        .collect();
    assert_eq!(
        fields,
        [
            ("tên", "text"),
            ("diện_tích", "real"),
            ("ngày_đo", "date"),
            ("đã_duyệt", "boolean")
        ]
    );
    let (summary, written) = convert(&mixed, dir.path(), "thua-dat.geojson");
    assert!(summary.starts_with("5 features (0 skipped)"), "{summary}");
    let first = &written["features"][0];
    assert_eq!(
        first["geometry"]["coordinates"],
        serde_json::json!([107.05, 21.83])
    );
    // In ISO 8601 with its offset, whatever the server's time zone.
    let measured = first["properties"]["ngày_đo"].as_str().unwrap_or_default();
    assert!(
        measured.starts_with("2024-05-01T") && measured.ends_with(":00"),
        "{measured}"
    );
    assert_eq!(first["properties"]["diện_tích"], 12.5);
    assert_eq!(first["properties"]["đã_duyệt"], true);

    let view = uri_of("quy_hoạch", "điểm_xem");
    assert_eq!(info(&view)["features"], 4, "a view without a key");
    let (summary, _) = convert(&view, dir.path(), "diem-xem.geojson");
    assert!(summary.starts_with("4 features"), "{summary}");

    let geography = uri_of("public", "cua_khau_geog");
    let gates = info(&geography);
    assert_eq!(gates["features"], 2);
    assert_eq!(bbox(&gates), [106.63, 21.88, 106.71, 21.97]);
    let (s, p) = PgSource::parse(&geography).expect("uri");
    let mut c = postgis::connect(&s, p.as_deref().or(password.as_deref())).expect("connects");
    let seen = View {
        west: 106.6,
        east: 106.8,
        south: 21.8,
        north: 22.0,
        metres_per_point: 5.0,
    };
    let read = postgis::read(&mut c, &s, Some(seen), 100, &Progress::default()).expect("read");
    assert_eq!(read.layer.features.len(), 2);
}

/// A grid of 200 × 150 points (30 000 rows, 15 pages) with a text column of seven zones.
fn paged_grid(db: &mut postgres::Client) {
    db.batch_execute(
        "DROP TABLE IF EXISTS paged_grid; \
         CREATE TABLE paged_grid (id int PRIMARY KEY, zone text, geom geometry(Point, 4326)); \
         INSERT INTO paged_grid SELECT i * 1000 + j, 'z' || (i % 7), \
           ST_SetSRID(ST_MakePoint(106.0 + i * 0.0015, 21.3 + j * 0.0011), 4326) \
         FROM generate_series(0, 199) i, generate_series(0, 149) j; \
         CREATE INDEX ON paged_grid USING gist (geom); ANALYZE paged_grid;",
    )
    .expect("the paged grid");
}

/// The grid points with `i` in `is` and `j` in `js`, as a view.
fn grid_view(is: std::ops::Range<u32>, js: std::ops::Range<u32>) -> View {
    View {
        west: 106.0 + f64::from(is.start) * 0.0015 - 1e-6,
        east: 106.0 + f64::from(is.end - 1) * 0.0015 + 1e-6,
        south: 21.3 + f64::from(js.start) * 0.0011 - 1e-6,
        north: 21.3 + f64::from(js.end - 1) * 0.0011 + 1e-6,
        metres_per_point: 1.0,
    }
}

/// Polls `room` until its reads end, waiting on each page; the events said meanwhile.
fn read_to_the_end(room: &mut langson_atlas::user_room::UserRoom) -> Vec<Event> {
    let mut events = Vec::new();
    for _ in 0..1_000 {
        room.wait(std::time::Duration::from_secs(5));
        events.extend(room.poll());
        if !room.busy() {
            return events;
        }
    }
    panic!("the view's read never ended");
}

/// The layer `id` holds what one unpaged read of `view` gives, feature for feature, with
/// its colours in `style`, its index's box and a mark for every feature.
fn same_as_unpaged(
    room: &langson_atlas::user_room::UserRoom,
    id: langson_atlas::layers::LayerId,
    uri: &str,
    view: View,
    style: &langson_atlas::layers::style::Style,
) {
    let whole = postgis::open_uri(uri, Some(view), &Progress::default()).expect("read at once");
    let layer = room.layers.get(id).expect("the layer");
    assert_eq!(layer.data.features, whole.features);
    assert_eq!(layer.data.fields, whole.fields);
    assert_eq!(
        (layer.data.skipped, &layer.data.warnings),
        (whole.skipped, &whole.warnings)
    );
    assert_eq!(
        layer.painted,
        langson_atlas::layers::style::paint(style, &whole)
    );
    let index = langson_atlas::layers::index::FeatureIndex::new(&whole);
    assert_eq!(layer.index.bbox(), index.bbox());
    let world = room.cache.world(id).expect("drawn");
    assert_eq!(world.len(), whole.features.len());
}

use langson_atlas::user_room::{Change, Event};

/// A view of 15 pages reaches the layer page by page: after the first poll the layer shows
/// at most the pages the reader may send ahead, while the read goes on; at its end the
/// layer is what one read gives. A new view's first page replaces the old features (said
/// as `Replaced`), and a newer view still cancels the read of the one before.
#[test]
fn a_view_of_many_pages_shows_its_first_pages_before_the_read_ends_and_ends_as_one_read() {
    let Some(base) = server(
        "a_view_of_many_pages_shows_its_first_pages_before_the_read_ends_and_ends_as_one_read",
    ) else {
        return;
    };
    paged_grid(&mut client(&base));
    let uri = source(&base, "paged_grid");
    let (src, password) = PgSource::parse(&uri).expect("uri");
    if let Some(pw) = &password {
        postgis::remember_password(&src, pw);
    }
    let mut style = langson_atlas::layers::style::Style::single(0);
    style.paint = langson_atlas::layers::style::Paint::Categorised {
        field: "zone".to_owned(),
    };
    let mut room = langson_atlas::user_room::UserRoom::new(egui::Context::default());
    let all = grid_view(0..200, 0..150);
    // The map shows the whole grid before the layer is added: it opens with that view.
    room.see_view(all, 0.0);
    let id = room.start_load(langson_atlas::layers::Stored::new(
        langson_atlas::layers::Source::file(src.uri()),
        style.clone(),
    ));
    let mut shown = None;
    for _ in 0..100 {
        room.wait(std::time::Duration::from_secs(5));
        room.poll();
        if let Some(layer) = room.layers.get(id) {
            shown = Some(layer.data.features.len());
            assert_eq!(layer.painted.colours.len(), layer.data.features.len());
            break;
        }
    }
    let shown = shown.expect("the layer opened with its first page");
    assert!(room.busy(), "the read goes on");
    // The first page, and at most the four the reader may send before the frame takes
    // them (three of them in this poll): never the 30 000 of the view.
    assert!(
        (2_000..=8_000).contains(&shown) && shown % 2_000 == 0,
        "{shown} of 30 000 after the first poll"
    );
    let events = read_to_the_end(&mut room);
    assert!(
        matches!(events.as_slice(), [Event::Fit(_)]),
        "the first layer is framed once its view is whole: {events:?}"
    );
    same_as_unpaged(&room, id, &uri, all, &style);
    room.change(id, Change::Select(vec![0, 29_999], false));

    // A smaller view: its first page replaces the old features; a newer view cancels it.
    let part = grid_view(50..150, 0..150);
    room.see_view(part, 1.0);
    room.see_view(part, 2.0);
    // Until the first page is there (a new connection on a busy machine may take a while).
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(60);
    let mut events = Vec::new();
    while events.is_empty() && std::time::Instant::now() < deadline {
        room.wait(std::time::Duration::from_secs(1));
        events = room.poll();
    }
    assert_eq!(events, vec![Event::Replaced(id)]);
    let layer = room.layers.get(id).expect("the layer");
    assert!(
        layer.data.features.len() < 15_000,
        "the old view's are gone"
    );
    assert!(
        layer.selected.is_empty(),
        "positions of the old view mean nothing"
    );
    let newer = grid_view(100..200, 50..150);
    room.see_view(newer, 3.0);
    room.see_view(newer, 4.0);
    let events = read_to_the_end(&mut room);
    assert_eq!(events, vec![Event::Replaced(id)]);
    same_as_unpaged(&room, id, &uri, newer, &style);
    assert_eq!(
        room.layers.get(id).map(|l| l.data.features.len()),
        Some(10_000)
    );
}
