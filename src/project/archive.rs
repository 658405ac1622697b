//! Reading and writing the project's zip. A damaged zip is read as far as it goes; every
//! part of the manifest is read on its own, so one bad layer or tour costs only itself.
//! A project comes from someone else: entry names go through the zip crate's
//! `enclosed_name`, and what is unpacked is capped ([`Caps`]) as it is read, so a zip bomb
//! is refused and never fills the memory or the disk.

pub use super::limits::Caps;
use super::limits::{Budget, Fault};
use super::manifest::parts;
use super::{
    FORMAT, MANIFEST, Project, ProjectError, ProjectLayer, ProjectProblem, Refusal, VERSION, paths,
};
use crate::layers::Stored;
use serde_json::Value;
use std::collections::HashMap;
use std::fs::File;
use std::io::{BufReader, Read, Write};
use std::ops::ControlFlow;
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
            if crate::sources::is_database(file) {
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
        // Streamed: a layer's file of hundreds of megabytes is never held in memory.
        let mut source = File::open(file).map_err(|e| fail(format!("{}: {e}", file.display())))?;
        zip.start_file(entry.as_str(), options)
            .map_err(|e| fail(e.to_string()))?;
        std::io::copy(&mut source, &mut zip)
            .map_err(|e| fail(format!("{}: {e}", file.display())))?;
    }
    let temp = zip.finish().map_err(|e| fail(e.to_string()))?;
    temp.persist(path).map_err(|e| fail(e.to_string()))?;
    Ok(())
}

/// The zip as it can be read: whole (its central directory read), or damaged, read from
/// its local headers as far as they go.
enum Zip {
    Whole(zip::ZipArchive<BufReader<File>>),
    Damaged,
}

/// An entry met on a walk through the zip: its name as written, the same name made safe
/// (`None` when it leads out of the folder it is unpacked into, or is absolute), its bytes.
type Visit<'v> =
    dyn FnMut(&str, Option<PathBuf>, &mut dyn Read) -> Result<ControlFlow<()>, ProjectError> + 'v;

impl Zip {
    /// The zip at `path`; one declaring more entries than `caps` allow is refused before
    /// any is read.
    fn open(path: &Path, caps: &Caps) -> Result<Zip, ProjectError> {
        let file = File::open(path).map_err(|source| ProjectError::Read {
            path: path.to_path_buf(),
            source,
        })?;
        let Ok(archive) = zip::ZipArchive::new(BufReader::new(file)) else {
            return Ok(Zip::Damaged);
        };
        if archive.len() > caps.entries {
            return Err(ProjectError::Refused {
                path: path.to_path_buf(),
                why: Refusal::TooManyEntries {
                    limit: caps.entries,
                },
            });
        }
        Ok(Zip::Whole(archive))
    }

    /// Calls `visit` with each entry in the zip's order until it says stop. A whole zip
    /// skips an entry it cannot open; a damaged one is walked from its start, as far as its
    /// local headers go, and refused past `caps.entries` entries.
    fn walk(
        &mut self,
        path: &Path,
        caps: &Caps,
        visit: &mut Visit<'_>,
    ) -> Result<(), ProjectError> {
        match self {
            Zip::Whole(archive) => {
                for i in 0..archive.len() {
                    let Ok(mut file) = archive.by_index(i) else {
                        continue;
                    };
                    let name = file.name().to_owned();
                    let safe = file.enclosed_name();
                    if visit(&name, safe, &mut file)?.is_break() {
                        break;
                    }
                }
            }
            Zip::Damaged => {
                let file = File::open(path).map_err(|source| ProjectError::Read {
                    path: path.to_path_buf(),
                    source,
                })?;
                let mut reader = BufReader::new(file);
                let mut seen = 0;
                while let Ok(Some(mut file)) = zip::read::read_zipfile_from_stream(&mut reader) {
                    seen += 1;
                    if seen > caps.entries {
                        return Err(ProjectError::Refused {
                            path: path.to_path_buf(),
                            why: Refusal::TooManyEntries {
                                limit: caps.entries,
                            },
                        });
                    }
                    let name = file.name().to_owned();
                    let safe = file.enclosed_name();
                    if visit(&name, safe, &mut file)?.is_break() {
                        break;
                    }
                }
            }
        }
        Ok(())
    }

    /// `project.json`'s bytes, read into memory no further than `caps.manifest`.
    fn manifest(
        &mut self,
        path: &Path,
        caps: &Caps,
        budget: &mut Budget,
    ) -> Result<Vec<u8>, ProjectError> {
        let refused = |why| ProjectError::Refused {
            path: path.to_path_buf(),
            why,
        };
        let not_a_project = |why: String| ProjectError::NotAProject {
            path: path.to_path_buf(),
            why,
        };
        let mut found: Option<Result<Vec<u8>, Fault>> = None;
        let mut seen = 0;
        self.walk(path, caps, &mut |name, _, reader| {
            seen += 1;
            if name != MANIFEST {
                return Ok(ControlFlow::Continue(()));
            }
            let mut bytes = Vec::new();
            found = Some(
                budget
                    .copy(name, caps.manifest, reader, &mut bytes)
                    .map(|_| bytes),
            );
            Ok(ControlFlow::Break(()))
        })?;
        match found {
            Some(Ok(bytes)) => Ok(bytes),
            Some(Err(Fault::Refused(why))) => Err(refused(why)),
            Some(Err(Fault::Io)) => Err(not_a_project(format!("{MANIFEST} cannot be unpacked"))),
            None if seen == 0 => Err(not_a_project("no zip entry could be read".to_owned())),
            None => Err(not_a_project(format!("{MANIFEST} is missing"))),
        }
    }

    /// Unpacks under `extract_to` every entry in one of `folders` (`data/NN`): the entries'
    /// names as written, each with where its copy is. An entry whose name leads out of
    /// `extract_to` is never written, and named in `problems`; one that cannot be read is
    /// left out (the layer that needs it says its copy is missing).
    fn unpack(
        &mut self,
        path: &Path,
        folders: &[String],
        extract_to: &Path,
        budget: &mut Budget,
        problems: &mut Vec<ProjectProblem>,
    ) -> Result<HashMap<String, PathBuf>, ProjectError> {
        let caps = budget.caps;
        let mut unpacked = HashMap::new();
        self.walk(path, &caps, &mut |name, safe, reader| {
            if !folders.iter().any(|f| name.starts_with(&format!("{f}/"))) {
                return Ok(ControlFlow::Continue(()));
            }
            let Some(safe) = safe else {
                problems.push(ProjectProblem::UnsafeEntry {
                    entry: name.to_owned(),
                });
                return Ok(ControlFlow::Continue(()));
            };
            match unpack_entry(&extract_to.join(safe), name, reader, budget) {
                Ok(file) => {
                    unpacked.insert(name.to_owned(), file);
                }
                Err(Fault::Refused(why)) => {
                    return Err(ProjectError::Refused {
                        path: path.to_path_buf(),
                        why,
                    });
                }
                Err(Fault::Io) => {}
            }
            Ok(ControlFlow::Continue(()))
        })?;
        Ok(unpacked)
    }
}

/// Writes one entry to `target`, through a temporary file beside it so that a refused or
/// broken entry leaves nothing half-written; a copy already there with the same bytes is
/// kept as it is (its time unchanged).
fn unpack_entry(
    target: &Path,
    name: &str,
    reader: &mut dyn Read,
    budget: &mut Budget,
) -> Result<PathBuf, Fault> {
    let dir = target.parent().ok_or(Fault::Io)?;
    std::fs::create_dir_all(dir).map_err(|_| Fault::Io)?;
    let mut temp = tempfile::NamedTempFile::new_in(dir).map_err(|_| Fault::Io)?;
    {
        let mut out = std::io::BufWriter::new(temp.as_file_mut());
        budget.copy(name, budget.caps.entry, reader, &mut out)?;
        out.flush().map_err(|_| Fault::Io)?;
    }
    if !same_bytes(temp.path(), target) {
        temp.persist(target).map_err(|_| Fault::Io)?;
    }
    Ok(target.to_path_buf())
}

/// Whether the files `a` and `b` hold the same bytes (compared a block at a time).
fn same_bytes(a: &Path, b: &Path) -> bool {
    let (Ok(fa), Ok(fb)) = (File::open(a), File::open(b)) else {
        return false;
    };
    let same_len = matches!(
        (fa.metadata(), fb.metadata()),
        (Ok(ma), Ok(mb)) if ma.len() == mb.len()
    );
    if !same_len {
        return false;
    }
    let (mut ra, mut rb) = (BufReader::new(fa), BufReader::new(fb));
    let (mut ba, mut bb) = ([0u8; 8192], [0u8; 8192]);
    loop {
        let Ok(n) = ra.read(&mut ba) else {
            return false;
        };
        if n == 0 {
            return true;
        }
        if rb.read_exact(&mut bb[..n]).is_err() || ba[..n] != bb[..n] {
            return false;
        }
    }
}

/// Reads the project at `path`. Embedded layer files are written under `extract_to` (a
/// folder of their own per project); layer paths resolve against the project's folder.
/// What it unpacks is held to [`Caps::PROJECT`].
pub fn read(path: &Path, extract_to: &Path) -> Result<Opened, ProjectError> {
    read_capped(path, extract_to, Caps::PROJECT)
}

/// [`read`] within `caps` (tests lower them to try a bomb in a few kilobytes).
pub(crate) fn read_capped(
    path: &Path,
    extract_to: &Path,
    caps: Caps,
) -> Result<Opened, ProjectError> {
    let mut zip = Zip::open(path, &caps)?;
    let mut budget = Budget::new(caps);
    let manifest = zip.manifest(path, &caps, &mut budget)?;
    let value: Value = serde_json::from_slice(&manifest).map_err(|e| ProjectError::BadJson {
        path: path.to_path_buf(),
        why: e.to_string(),
    })?;
    drop(manifest);
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
    if matches!(zip, Zip::Damaged) {
        problems.push(ProjectProblem::Truncated);
    }
    let project = parts(&value, &mut problems);
    // Only the folders of embedded layers are unpacked: nothing else in the zip is read.
    let mut folders: Vec<String> = project
        .layers
        .iter()
        .filter_map(|l| {
            l.embedded
                .as_deref()?
                .rsplit_once('/')
                .map(|(f, _)| f.to_owned())
        })
        .collect();
    folders.sort();
    folders.dedup();
    let unpacked = if folders.is_empty() {
        HashMap::new()
    } else {
        zip.unpack(path, &folders, extract_to, &mut budget, &mut problems)?
    };
    let dir = path.parent().unwrap_or(Path::new("."));
    let layers = project
        .layers
        .iter()
        .map(|layer| place(layer, dir, &unpacked, &mut problems))
        .collect();
    Ok(Opened {
        project,
        layers,
        problems,
    })
}

/// Where a layer's file is: its embedded copy (unpacked), else the path the manifest
/// gives, resolved against the project's folder.
fn place(
    layer: &ProjectLayer,
    dir: &Path,
    unpacked: &HashMap<String, PathBuf>,
    problems: &mut Vec<ProjectProblem>,
) -> Stored {
    let name = layer.stored.name.clone();
    if let Some(entry) = &layer.embedded {
        match unpacked.get(entry) {
            Some(file) => return layer.to_stored(file.clone()),
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
