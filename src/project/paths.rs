//! Layer paths in a project: written relative to the project's folder where they can be,
//! so a folder of project and data moves as one; read back on any system, Windows-style
//! paths included.

use std::path::{Component, Path, PathBuf};

/// `file` as the manifest writes it: relative to `dir` with `/` (going up with `..` where
/// they share a root), else absolute.
pub fn relative_to(file: &Path, dir: &Path) -> String {
    if crate::sources::is_database(file) {
        return file.display().to_string();
    }
    let (Ok(file), Ok(dir)) = (absolute(file), absolute(dir)) else {
        return file.display().to_string();
    };
    let f: Vec<Component> = file.components().collect();
    let d: Vec<Component> = dir.components().collect();
    let shared = f.iter().zip(&d).take_while(|(a, b)| a == b).count();
    // Only the root in common: an absolute path says more than a climb to it.
    if shared <= 1 {
        return file.display().to_string();
    }
    let mut parts: Vec<String> = d[shared..].iter().map(|_| "..".to_owned()).collect();
    parts.extend(
        f[shared..]
            .iter()
            .map(|c| c.as_os_str().to_string_lossy().into_owned()),
    );
    parts.join("/")
}

fn absolute(path: &Path) -> std::io::Result<PathBuf> {
    let path = std::path::absolute(path)?;
    // `..` segments are resolved by hand: the file may no longer exist to canonicalise.
    let mut out = PathBuf::new();
    for c in path.components() {
        match c {
            Component::ParentDir => {
                out.pop();
            }
            Component::CurDir => {}
            other @ (Component::Prefix(_) | Component::RootDir | Component::Normal(_)) => {
                out.push(other);
            }
        }
    }
    Ok(out)
}

/// Where the file the manifest calls `written` is, for a project in `dir`: a relative path
/// against `dir`; an absolute one where it exists; otherwise (a project made on another
/// machine, or on Windows) the longest tail of its path that exists under `dir`. `None`
/// when nothing matches; the first candidate is then what to report.
pub fn resolve(written: &str, dir: &Path) -> Result<PathBuf, PathBuf> {
    if crate::sources::is_database(Path::new(written)) {
        return Ok(PathBuf::from(written));
    }
    let windows = written.contains('\\') || has_drive(written);
    let unified = written.replace('\\', "/");
    let parts: Vec<&str> = unified
        .split('/')
        .filter(|p| !p.is_empty() && *p != ".")
        .collect();
    let absolute = unified.starts_with('/') || has_drive(written);
    if !absolute {
        let mut path = dir.to_path_buf();
        for p in &parts {
            if *p == ".." {
                path.pop();
            } else {
                path.push(p);
            }
        }
        return if path.exists() { Ok(path) } else { Err(path) };
    }
    if !windows {
        let path = PathBuf::from(written);
        if path.exists() {
            return Ok(path);
        }
    }
    // The drive letter is no folder: a tail never starts with it.
    let names: Vec<&str> = parts
        .iter()
        .copied()
        .filter(|p| !has_drive(p) && *p != "..")
        .collect();
    for start in 0..names.len() {
        let candidate = names[start..]
            .iter()
            .fold(dir.to_path_buf(), |p, n| p.join(n));
        if candidate.exists() {
            return Ok(candidate);
        }
    }
    Err(PathBuf::from(written))
}

fn has_drive(text: &str) -> bool {
    let b = text.as_bytes();
    b.len() >= 2 && b[0].is_ascii_alphabetic() && b[1] == b':'
}
