//! Reading and writing the project's zip. A damaged zip is read as far as it goes; every
//! part of the manifest is read on its own, so one bad layer or tour costs only itself.

use super::{
    FORMAT, MANIFEST, Project, ProjectError, ProjectLayer, ProjectProblem, VERSION, paths,
};
use crate::layers::Stored;
use serde_json::Value;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};

/// A project read from its file: the manifest as far as it could be read, its layers
/// ready to open (files resolved or extracted), and what could not be opened, by name.
#[derive(Debug)]
pub struct Opened {
    pub project: Project,
    /// Every layer, in the project's order; a missing one keeps the path the manifest
    /// gave, and the room lists it as missing.
    pub layers: Vec<Stored>,
    pub problems: Vec<ProjectProblem>,
}

/// Files that travel with a layer's file (a shapefile's parts).
fn companions(path: &Path) -> Vec<PathBuf> {
    let ext = path
        .extension()
        .map(|e| e.to_string_lossy().to_lowercase())
        .unwrap_or_default();
    if ext != "shp" {
        return vec![path.to_path_buf()];
    }
    let mut files = vec![path.to_path_buf()];
    for other in ["shx", "dbf", "prj", "cpg", "qix", "sbn", "sbx"] {
        for case in [other.to_owned(), other.to_uppercase()] {
            let p = path.with_extension(&case);
            if p.exists() {
                files.push(p);
                break;
            }
        }
    }
    files
}

/// Writes `project` to `path` (through a temporary file, so a failed save leaves the last
/// one whole). With `layer_files` (each layer's file, in the project's order), copies of
/// them go into `data/` and the manifest names them.
pub fn write(
    path: &Path,
    project: &Project,
    layer_files: Option<&[PathBuf]>,
) -> Result<(), ProjectError> {
    let fail = |why: String| ProjectError::Write {
        path: path.to_path_buf(),
        why,
    };
    let mut project = project.clone();
    project.format = FORMAT.to_owned();
    project.version = VERSION;
    let mut data: Vec<(String, PathBuf)> = Vec::new();
    if let Some(files) = layer_files {
        for (i, (layer, file)) in project.layers.iter_mut().zip(files).enumerate() {
            // A database table stays in its database (its address is in the manifest).
            if crate::atlas::io::is_database(file) {
                continue;
            }
            let parts = companions(file);
            if !file.exists() {
                return Err(fail(format!(
                    "layer “{}”: its file {} is not there to copy",
                    layer.stored.name,
                    file.display()
                )));
            }
            let folder = format!("data/{:02}", i + 1);
            for part in &parts {
                let name = part
                    .file_name()
                    .map(|n| n.to_string_lossy().into_owned())
                    .unwrap_or_default();
                data.push((format!("{folder}/{name}"), part.clone()));
            }
            let name = file
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            layer.embedded = Some(format!("{folder}/{name}"));
        }
    }
    let json = serde_json::to_string_pretty(&project).map_err(|e| fail(e.to_string()))?;
    let dir = path.parent().filter(|p| !p.as_os_str().is_empty());
    let dir = dir.unwrap_or(Path::new("."));
    let temp = super::output_temp(dir, ".part").map_err(|e| fail(e.to_string()))?;
    let mut zip = zip::ZipWriter::new(temp);
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    zip.start_file(MANIFEST, options)
        .map_err(|e| fail(e.to_string()))?;
    zip.write_all(json.as_bytes())
        .map_err(|e| fail(e.to_string()))?;
    for (entry, file) in &data {
        let bytes = std::fs::read(file).map_err(|e| fail(format!("{}: {e}", file.display())))?;
        zip.start_file(entry.as_str(), options)
            .map_err(|e| fail(e.to_string()))?;
        zip.write_all(&bytes).map_err(|e| fail(e.to_string()))?;
    }
    let temp = zip.finish().map_err(|e| fail(e.to_string()))?;
    temp.persist(path).map_err(|e| fail(e.to_string()))?;
    Ok(())
}

/// The zip's entries as far as they can be read: all of them from a whole zip; from a
/// damaged one, those its local headers give before the damage (`true`).
/// A zip entry's name and bytes.
type Entry = (String, Vec<u8>);

fn entries(path: &Path, bytes: &[u8]) -> Result<(Vec<Entry>, bool), ProjectError> {
    if let Ok(mut zip) = zip::ZipArchive::new(std::io::Cursor::new(bytes)) {
        let mut out = Vec::new();
        let mut damaged = false;
        for i in 0..zip.len() {
            let Ok(mut file) = zip.by_index(i) else {
                damaged = true;
                continue;
            };
            let name = file.name().to_owned();
            let mut content = Vec::new();
            if file.read_to_end(&mut content).is_ok() {
                out.push((name, content));
            } else {
                damaged = true;
            }
        }
        return Ok((out, damaged));
    }
    // No central directory (a copy cut short): walk the local headers from the start.
    let mut reader = std::io::Cursor::new(bytes);
    let mut out = Vec::new();
    while let Ok(Some(mut file)) = zip::read::read_zipfile_from_stream(&mut reader) {
        let name = file.name().to_owned();
        let mut content = Vec::new();
        if file.read_to_end(&mut content).is_err() {
            break;
        }
        out.push((name, content));
    }
    if out.is_empty() {
        return Err(ProjectError::NotAProject {
            path: path.to_path_buf(),
            why: "no zip entry could be read".to_owned(),
        });
    }
    Ok((out, true))
}

/// Reads the project at `path`. Embedded layer files are written under `extract_to` (a
/// folder of their own per project); layer paths resolve against the project's folder.
pub fn read(path: &Path, extract_to: &Path) -> Result<Opened, ProjectError> {
    let bytes = std::fs::read(path).map_err(|source| ProjectError::Read {
        path: path.to_path_buf(),
        source,
    })?;
    let (entries, damaged) = entries(path, &bytes)?;
    let Some((_, manifest)) = entries.iter().find(|(n, _)| n == MANIFEST) else {
        return Err(ProjectError::NotAProject {
            path: path.to_path_buf(),
            why: format!("{MANIFEST} is missing"),
        });
    };
    let value: Value = serde_json::from_slice(manifest).map_err(|e| ProjectError::BadJson {
        path: path.to_path_buf(),
        why: e.to_string(),
    })?;
    let format = value.get("format").and_then(Value::as_str).unwrap_or("");
    if format != FORMAT {
        return Err(ProjectError::WrongFormat {
            path: path.to_path_buf(),
            found: format.to_owned(),
        });
    }
    let version = value.get("version").and_then(Value::as_u64).unwrap_or(0);
    if version > u64::from(VERSION) {
        return Err(ProjectError::Newer {
            path: path.to_path_buf(),
            found: u32::try_from(version).unwrap_or(u32::MAX),
        });
    }
    let mut problems = Vec::new();
    if damaged {
        problems.push(ProjectProblem::Truncated);
    }
    let project = parts(&value, &mut problems);
    let dir = path.parent().unwrap_or(Path::new("."));
    let layers = project
        .layers
        .iter()
        .map(|layer| place(layer, dir, &entries, extract_to, &mut problems))
        .collect();
    Ok(Opened {
        project,
        layers,
        problems,
    })
}

/// Each part of the manifest on its own: what fails to read is named and left at its
/// default.
fn parts(value: &Value, problems: &mut Vec<ProjectProblem>) -> Project {
    let mut project = Project::default();
    fn part<T: serde::de::DeserializeOwned>(
        value: &Value,
        key: &str,
        problems: &mut Vec<ProjectProblem>,
    ) -> Option<T> {
        let v = value.get(key)?;
        match serde_json::from_value(v.clone()) {
            Ok(t) => Some(t),
            Err(e) => {
                problems.push(ProjectProblem::Unreadable {
                    part: key.to_owned(),
                    why: e.to_string(),
                });
                None
            }
        }
    }
    if let Some(v) = part(value, "lang", problems) {
        project.lang = v;
    }
    if let Some(v) = part(value, "basemap", problems) {
        project.basemap = v;
    }
    if let Some(v) = part(value, "plan_layers", problems) {
        project.plan_layers = v;
    }
    project.view = part(value, "view", problems).flatten();
    project.year = part(value, "year", problems).flatten();
    project.charts = part(value, "charts", problems).flatten();
    project.table = part(value, "table", problems).flatten();
    let list = |key: &str| {
        value
            .get(key)
            .and_then(Value::as_array)
            .cloned()
            .unwrap_or_default()
    };
    for (i, item) in list("layers").into_iter().enumerate() {
        match serde_json::from_value::<ProjectLayer>(item.clone()) {
            Ok(layer) => project.layers.push(layer),
            Err(e) => problems.push(ProjectProblem::Unreadable {
                part: item
                    .get("name")
                    .and_then(Value::as_str)
                    .map_or_else(|| format!("layer {}", i + 1), ToOwned::to_owned),
                why: e.to_string(),
            }),
        }
    }
    for (i, item) in list("tours").into_iter().enumerate() {
        match serde_json::from_value::<crate::present::tour::Tour>(item.clone()) {
            Ok(tour) => project.tours.push(tour),
            Err(e) => problems.push(ProjectProblem::Unreadable {
                part: item
                    .get("name")
                    .and_then(Value::as_str)
                    .map_or_else(|| format!("tour {}", i + 1), ToOwned::to_owned),
                why: e.to_string(),
            }),
        }
    }
    project
}

/// Where a layer's file is: its embedded copy (extracted), else the path the manifest
/// gives, resolved against the project's folder.
fn place(
    layer: &ProjectLayer,
    dir: &Path,
    entries: &[Entry],
    extract_to: &Path,
    problems: &mut Vec<ProjectProblem>,
) -> Stored {
    let name = layer.stored.name.clone();
    if let Some(entry) = &layer.embedded {
        match extract(entry, entries, extract_to) {
            Some(file) => return layer.to_stored(file),
            None => problems.push(ProjectProblem::EmbeddedMissing {
                name: name.clone(),
                entry: entry.clone(),
            }),
        }
    }
    match paths::resolve(&layer.path, dir) {
        Ok(file) => layer.to_stored(file),
        Err(tried) => {
            // Reported once: a missing copy already said so.
            if layer.embedded.is_none() {
                problems.push(ProjectProblem::LayerMissing {
                    name,
                    path: layer.path.clone(),
                });
            }
            layer.to_stored(tried)
        }
    }
}

/// Writes the entry `entry` and its companions (the same `data/NN/` folder) under
/// `extract_to`; the path of `entry`'s copy.
fn extract(entry: &str, entries: &[Entry], extract_to: &Path) -> Option<PathBuf> {
    let folder = entry.rsplit_once('/').map(|(f, _)| f)?;
    // Names from the zip never climb out of the extraction folder.
    let safe = |name: &str| !name.split('/').any(|p| p == ".." || p.is_empty());
    if !safe(entry) {
        return None;
    }
    let mut found = None;
    for (name, bytes) in entries {
        if !name.starts_with(&format!("{folder}/")) || !safe(name) {
            continue;
        }
        let target = extract_to.join(name);
        std::fs::create_dir_all(target.parent()?).ok()?;
        let same = std::fs::read(&target).is_ok_and(|old| old == *bytes);
        if !same {
            std::fs::write(&target, bytes).ok()?;
        }
        if name == entry {
            found = Some(target);
        }
    }
    found
}
