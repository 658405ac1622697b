//! A PostGIS server that goes away mid-session and comes back: the read in between says the
//! server cannot be reached, the next one works again; a `convert` it leaves halfway ends
//! with a message and no file. A test binary of its own, as it stops the shared test server
//! (cargo runs test binaries one after another); its tests take turns ([`ONE_AT_A_TIME`]).

#![allow(
    clippy::expect_used,
    clippy::unwrap_used,
    reason = "the test's helpers: a failed expectation is a failed test"
)]

use langson_atlas::sources::{self, Progress};
use std::path::Path;
use std::process::Command;

/// The tests here stop the one server: they run one after another.
static ONE_AT_A_TIME: std::sync::Mutex<()> = std::sync::Mutex::new(());

/// The server's address, or `None` (said) where the test cannot run.
fn server(test: &str) -> Option<String> {
    use std::io::Write;
    let Ok(base) = std::env::var("PGTEST_URI") else {
        assert!(
            std::env::var_os("CI").is_none(),
            "{test}: PGTEST_URI is not set in CI"
        );
        let _ = writeln!(std::io::stderr(), "SKIPPED {test}: no PostgreSQL");
        return None;
    };
    Some(base)
}

fn pg_ctl(action: &str) {
    let (Ok(bin), Ok(dir)) = (std::env::var("PGTEST_BIN"), std::env::var("PGTEST_DIR")) else {
        panic!("PGTEST_BIN and PGTEST_DIR come with PGTEST_URI");
    };
    let pg_ctl = format!("{bin}/pg_ctl");
    let data = format!("{dir}/data");
    let log = format!("{dir}/log");
    let args = [
        "-D",
        data.as_str(),
        "-l",
        log.as_str(),
        "-w",
        "-m",
        "fast",
        action,
    ];
    // initdb refuses root, so the server runs as `postgres` where the tests run as root.
    let root = Command::new("id")
        .arg("-u")
        .output()
        .is_ok_and(|o| o.stdout.starts_with(b"0"));
    let status = if root {
        Command::new("runuser")
            .args(["-u", "postgres", "--", &pg_ctl])
            .args(args)
            .status()
    } else {
        Command::new(&pg_ctl).args(args).status()
    };
    assert!(status.is_ok_and(|s| s.success()), "pg_ctl {action}");
}

#[test]
fn a_server_that_goes_away_is_said_and_read_again_when_back() {
    let Some(base) = server("a_server_that_goes_away_is_said_and_read_again_when_back") else {
        return;
    };
    let _turn = ONE_AT_A_TIME.lock().unwrap_or_else(|e| e.into_inner());
    let mut db = postgres::Client::connect(&format!("{base}?sslmode=disable"), postgres::NoTls)
        .expect("the test server answers");
    db.batch_execute(
        "DROP TABLE IF EXISTS gates_restart; \
         CREATE TABLE gates_restart (name text, geom geometry(Point, 4326)); \
         INSERT INTO gates_restart VALUES ('Hữu Nghị', ST_SetSRID(ST_MakePoint(106.71, 21.97), 4326));",
    )
    .expect("table");
    drop(db);
    let uri = format!("{base}?table=gates_restart&sslmode=disable");
    let read = || {
        sources::open_request(
            Path::new(&uri),
            &sources::Request::default(),
            &Progress::default(),
        )
    };
    assert_eq!(read().expect("read").features.len(), 1);
    pg_ctl("stop");
    let gone = read().map(|_| ()).map_err(|e| e.to_string());
    pg_ctl("start");
    let e = gone.expect_err("no server, no layer");
    assert!(e.contains("cannot be reached"), "{e}");
    assert_eq!(read().expect("read again").features.len(), 1);
}

/// The server stopped while `convert` streams a table: the verb ends with a message in
/// words, and no file stands under the output name, not even a partial one beside it.
#[test]
fn a_server_stopped_during_convert_leaves_a_message_and_no_file() {
    let Some(base) = server("a_server_stopped_during_convert_leaves_a_message_and_no_file") else {
        return;
    };
    let _turn = ONE_AT_A_TIME.lock().unwrap_or_else(|e| e.into_inner());
    let mut db = postgres::Client::connect(&format!("{base}?sslmode=disable"), postgres::NoTls)
        .expect("the test server answers");
    // The first page comes at once; past it every row makes the server wait 2 ms, so the
    // stop surely falls in the middle of the stream.
    db.batch_execute(
        "DROP VIEW IF EXISTS points_slowly; DROP TABLE IF EXISTS points_stop; \
         CREATE TABLE points_stop (id int, geom geometry(Point, 4326)); \
         INSERT INTO points_stop SELECT i, ST_SetSRID(ST_MakePoint(106 + i * 1e-4, 21.5), 4326) \
           FROM generate_series(1, 20000) i; \
         CREATE OR REPLACE FUNCTION slowly(id int) RETURNS int LANGUAGE plpgsql AS $$ \
           BEGIN IF id > 3000 THEN PERFORM pg_sleep(0.002); END IF; RETURN id; END $$; \
         CREATE VIEW points_slowly AS SELECT slowly(id) AS id, geom FROM points_stop;",
    )
    .expect("a slow view");
    drop(db);
    let dir = tempfile::tempdir().expect("a folder");
    let out = dir.path().join("diem.geojson");
    let uri = format!("{base}?table=points_slowly&sslmode=disable");
    let converting = {
        let (uri, out) = (uri.clone(), out.clone());
        std::thread::Builder::new()
            .name("convert".into())
            .spawn(move || {
                langson_atlas::cli::convert(Path::new(&uri), &sources::Request::default(), &out)
            })
            .expect("a thread")
    };
    // Features are being written (the partial file has grown past its first buffer).
    let writing = |dir: &Path| {
        std::fs::read_dir(dir)
            .map(|entries| {
                entries
                    .flatten()
                    .any(|e| e.metadata().is_ok_and(|m| m.len() > 0))
            })
            .unwrap_or(false)
    };
    // A bounded poll of the folder: the verb says nothing while it runs, and a NOTIFY
    // from the slow view would arrive only when its transaction ends.
    let start = std::time::Instant::now();
    while !writing(dir.path()) && start.elapsed() < std::time::Duration::from_secs(30) {
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
    assert!(writing(dir.path()), "convert started writing");
    pg_ctl("stop");
    let result = converting.join().expect("convert ends");
    pg_ctl("start");
    let e = result.expect_err("a server stopped mid-stream is an error");
    assert!(
        e.to_string()
            .contains("the connection to the server was lost"),
        "{e}"
    );
    assert!(!out.exists(), "nothing under the output name");
    let left: Vec<_> = std::fs::read_dir(dir.path())
        .expect("the folder")
        .flatten()
        .map(|e| e.file_name())
        .collect();
    assert!(left.is_empty(), "no partial file beside it: {left:?}");
}
