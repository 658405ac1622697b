//! A PostGIS server that goes away mid-session and comes back: the read in between says the
//! server cannot be reached, the next one works again. A test binary of its own, as it
//! stops the shared test server (cargo runs test binaries one after another).

#![allow(
    clippy::expect_used,
    clippy::unwrap_used,
    reason = "the test's helpers: a failed expectation is a failed test"
)]

use langson_atlas::atlas::io::{self, Progress};
use std::path::Path;
use std::process::Command;

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
    use std::io::Write;
    let Ok(base) = std::env::var("PGTEST_URI") else {
        assert!(
            std::env::var_os("CI").is_none(),
            "PGTEST_URI is not set in CI"
        );
        let _ = writeln!(
            std::io::stderr(),
            "SKIPPED a_server_that_goes_away…: no PostgreSQL"
        );
        return;
    };
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
        io::open_request(
            Path::new(&uri),
            &io::Request::default(),
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
