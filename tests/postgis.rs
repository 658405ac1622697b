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

use langson_atlas::atlas::io::postgis::{self, PgSource, View};
use langson_atlas::atlas::io::{self, Progress};
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
    let from_file = io::open(
        Path::new("tests/data/lo-dat-vn2000.shp"),
        None,
        &Progress::default(),
    )
    .expect("the shapefile");
    let from_db = io::open_request(
        Path::new(&source(&base, "public.lo_dat_vn2000")),
        &io::Request::default(),
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
    let layer = io::open_request(
        Path::new(&uri),
        &io::Request::default(),
        &Progress::default(),
    )
    .expect("read as a name");
    assert_eq!(layer.features.len(), 1);
    assert_eq!(
        layer.features[0].values[0],
        io::Value::Text("Hữu Nghị".to_owned())
    );
}

#[test]
fn faults_are_said_in_words() {
    let Some(base) = server("faults_are_said_in_words") else {
        return;
    };
    let open = |uri: &str| {
        io::open_request(
            Path::new(uri),
            &io::Request::default(),
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
            .user_layers()
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
    let slot = &h.state().user_layers().slots[0];
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
        .user_layers()
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
        h.state().user_layers().ready().count(),
        1,
        "and the layer opened"
    );
}
