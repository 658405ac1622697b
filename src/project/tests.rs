//! Paths and the zip on their own; the whole round trip through the app is in
//! `tests/project.rs`.

use super::paths::{relative_to, resolve};
use std::path::Path;

#[test]
fn a_file_beside_or_under_the_project_is_written_relative() {
    let dir = Path::new("/home/a/du-an");
    assert_eq!(
        relative_to(Path::new("/home/a/du-an/data/x.kmz"), dir),
        "data/x.kmz"
    );
    assert_eq!(
        relative_to(Path::new("/home/a/ban-do/x.kmz"), dir),
        "../ban-do/x.kmz"
    );
    assert_eq!(relative_to(Path::new("/srv/x.kmz"), dir), "/srv/x.kmz");
}

#[test]
fn windows_paths_resolve_where_their_tail_exists_beside_the_project() {
    let Ok(dir) = tempfile::tempdir() else {
        panic!("a temporary folder");
    };
    let data = dir.path().join("data");
    std::fs::create_dir_all(&data).ok();
    std::fs::write(data.join("sites.kmz"), b"x").ok();
    let want = data.join("sites.kmz");
    assert_eq!(resolve("data\\sites.kmz", dir.path()), Ok(want.clone()));
    assert_eq!(
        resolve("C:\\Users\\Lan\\Du an\\data\\sites.kmz", dir.path()),
        Ok(want.clone())
    );
    assert_eq!(resolve("/home/other/data/sites.kmz", dir.path()), Ok(want));
    assert!(resolve("D:\\nowhere\\gone.kmz", dir.path()).is_err());
}

#[cfg(unix)]
#[test]
fn an_output_file_takes_the_permissions_the_umask_gives_a_new_file() {
    use std::os::unix::fs::PermissionsExt;
    let Ok(dir) = tempfile::tempdir() else {
        panic!("a temporary folder");
    };
    // What the umask leaves of 0666 for any new file, found by making one.
    let plain = dir.path().join("plain");
    let Ok(()) = std::fs::write(&plain, b"x") else {
        panic!("a plain file");
    };
    let expected = std::fs::metadata(&plain).map(|m| m.permissions().mode() & 0o777);
    let Ok(temp) = super::output_temp(dir.path(), ".part") else {
        panic!("an output file");
    };
    let got = std::fs::metadata(temp.path()).map(|m| m.permissions().mode() & 0o777);
    assert_eq!(
        got.ok(),
        expected.ok(),
        "not a temporary file's private 0600"
    );
}
