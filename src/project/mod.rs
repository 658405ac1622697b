//! Project files (`*.lsatlas`): a presenter's or planner's work in one file to carry to
//! another machine. A zip holding `project.json` (the manifest below, versioned) and, when
//! saved *with data*, copies of the layers' files under `data/`. No egui and no app here:
//! the app captures a [`Project`] from what is open and applies one it reads.

mod archive;
pub mod inputs;
mod limits;
mod manifest;
mod paths;
#[cfg(test)]
mod tests;

pub use archive::{Caps, Opened, read, write};
pub use paths::{relative_to, resolve};

use crate::atlas::{Lang, LayerKind};
use crate::charts::ChartPage;
use crate::layers::Stored;
use crate::layers::table::Filter;
use crate::map::Visibility;
use crate::map::basemap::BasemapChoice;
use crate::present::tour::{StepView, Tour};
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};

/// What `format` says in every project's manifest.
pub const FORMAT: &str = "langson-atlas-project";
/// The manifest's version this build writes, and the newest it reads.
pub const VERSION: u32 = 1;
/// The manifest's name inside the zip.
pub const MANIFEST: &str = "project.json";
/// The file name's extension.
pub const EXTENSION: &str = "lsatlas";

/// Everything a project holds, as written in `project.json`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Project {
    pub format: String,
    pub version: u32,
    pub lang: Lang,
    pub basemap: BasemapChoice,
    /// The plan layers switched on.
    pub plan_layers: Visibility,
    pub view: Option<StepView>,
    /// The reader's layers, top of the list first.
    pub layers: Vec<ProjectLayer>,
    /// The project's own tours (the built-in one is not stored).
    pub tours: Vec<Tour>,
    /// The timeline's year, when the timeline is open.
    pub year: Option<u16>,
    /// The chart page, when the charts window is open.
    pub charts: Option<ChartPage>,
    /// The attribute table open at the bottom, with its filters.
    pub table: Option<OpenTable>,
    /// Where the atlas is published on the web, as typed: its QR codes' address. Files
    /// written before it have none.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub web_url: Option<String>,
}

impl Default for Project {
    fn default() -> Self {
        Project {
            format: FORMAT.to_owned(),
            version: VERSION,
            lang: Lang::Vi,
            basemap: BasemapChoice::Offline,
            plan_layers: Visibility::default(),
            view: None,
            layers: Vec::new(),
            tours: Vec::new(),
            year: None,
            charts: None,
            table: None,
            web_url: None,
        }
    }
}

/// One of the reader's layers in a project.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ProjectLayer {
    /// What tour steps call the layer.
    pub key: String,
    /// The file: relative to the project's folder where it can be (with `/`), else absolute.
    pub path: String,
    /// The copy inside the project (`data/…`), when saved with data.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub embedded: Option<String>,
    /// The rest of the source (GeoPackage table, chosen CRS, columns) and the drawing.
    #[serde(flatten)]
    pub stored: LayerSettings,
    /// The attribute table's filters and sort.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub table: Option<TableFilters>,
}

/// What a project keeps of a [`Stored`] besides its path and key.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct LayerSettings {
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub layer: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub crs: Option<u16>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub columns: Option<crate::sources::Columns>,
    pub visible: bool,
    pub opacity: f32,
    pub style: crate::layers::style::Style,
}

/// A table's view as saved: quick filter, column filters, sort.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct TableFilters {
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub quick: String,
    #[serde(default)]
    pub filters: Vec<Option<Filter>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sort: Option<(usize, bool)>,
}

impl TableFilters {
    pub fn of(view: &crate::layers::table::TableView) -> Self {
        TableFilters {
            quick: view.quick.clone(),
            filters: view.filters.clone(),
            sort: view.sort,
        }
    }

    /// Sets `view` to these filters; filters of columns the layer no longer has are dropped.
    pub fn apply(&self, view: &mut crate::layers::table::TableView) {
        view.quick = self.quick.clone();
        for (slot, filter) in view.filters.iter_mut().zip(&self.filters) {
            *slot = filter.clone();
        }
        view.sort = self.sort.filter(|(c, _)| *c < view.filters.len());
    }

    pub fn is_empty(&self) -> bool {
        self.quick.is_empty() && self.filters.iter().all(Option::is_none) && self.sort.is_none()
    }
}

/// The table open at the bottom of the window.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
// Written in snake_case words ("vi", "open_topo_map"); the variant names of the first
// version of the project file are still read.
#[serde(rename_all = "snake_case")]
pub enum OpenTable {
    /// A user layer's, by key (its filters are kept with the layer).
    #[serde(alias = "Layer")]
    Layer(String),
    /// A plan layer's, with its filters.
    #[serde(alias = "Plan")]
    Plan(LayerKind, TableFilters),
    #[serde(alias = "Distances")]
    Distances(TableFilters),
}

impl ProjectLayer {
    /// The layer as the app stores it, its file at `path`.
    pub fn to_stored(&self, path: PathBuf) -> Stored {
        let s = &self.stored;
        Stored {
            source: crate::layers::Source {
                path,
                layer: s.layer.clone(),
                crs: s.crs,
                columns: s.columns.clone(),
            },
            name: s.name.clone(),
            visible: s.visible,
            opacity: s.opacity,
            style: s.style.clone(),
            stamp: None,
            key: self.key.clone(),
        }
    }

    /// A layer as a project keeps it; `path` is what the manifest says of its file.
    pub fn from_stored(stored: &Stored, path: String, table: Option<TableFilters>) -> Self {
        ProjectLayer {
            key: stored.key.clone(),
            path,
            embedded: None,
            stored: LayerSettings {
                name: stored.name.clone(),
                layer: stored.source.layer.clone(),
                crs: stored.source.crs,
                columns: stored.source.columns.clone(),
                visible: stored.visible,
                opacity: stored.opacity,
                style: stored.style.clone(),
            },
            table: table.filter(|t| !t.is_empty()),
        }
    }
}

/// Why a project file could not be opened at all (what was already open stays).
#[derive(Debug, thiserror::Error)]
pub enum ProjectError {
    #[error("{path}: cannot read the file: {source}")]
    Read {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error(
        "{path}: not a project file (neither a zip holding project.json nor a readable part of one): {why}"
    )]
    NotAProject { path: PathBuf, why: String },
    #[error("{path}: project.json is not valid JSON: {why}")]
    BadJson { path: PathBuf, why: String },
    #[error("{path}: project.json is not a langson-atlas project (format “{found}”)")]
    WrongFormat { path: PathBuf, found: String },
    #[error(
        "{path}: made by a newer langson-atlas (project format version {found}); this version reads up to {VERSION}: please update the program"
    )]
    Newer { path: PathBuf, found: u32 },
    #[error("{path}: cannot write the project: {why}")]
    Write { path: PathBuf, why: String },
    #[error(
        "{path}: refused: {why}, more than a project may unpack (so that a file from elsewhere cannot fill the memory or the disk)"
    )]
    Refused { path: PathBuf, why: Refusal },
}

/// What a project's zip would unpack past its [`Caps`].
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum Refusal {
    #[error("it holds more than {limit} files")]
    TooManyEntries { limit: usize },
    #[error("{entry} unpacks to more than {}", bytes(*limit))]
    EntryTooLarge { entry: String, limit: u64 },
    #[error("its files unpack to more than {} in all", bytes(*limit))]
    TooLargeInTotal { limit: u64 },
}

/// A cap in the largest binary unit that divides it (“2 GiB”, “64 MiB”).
fn bytes(n: u64) -> String {
    for (unit, size) in [("GiB", 1u64 << 30), ("MiB", 1 << 20), ("KiB", 1 << 10)] {
        if n >= size && n.is_multiple_of(size) {
            return format!("{} {unit}", n / size);
        }
    }
    format!("{n} bytes")
}

/// What could not be opened of a project that opened, each by name.
#[derive(Clone, Debug, PartialEq)]
pub enum ProjectProblem {
    /// A layer's file is not where the project says, nor beside the project.
    LayerMissing { name: String, path: String },
    /// A layer saved with data whose copy is missing or damaged in the project.
    EmbeddedMissing { name: String, entry: String },
    /// A part of the manifest that could not be read (a layer, a tour, a setting).
    Unreadable { part: String, why: String },
    /// The zip was damaged: only the entries before the damage were read.
    Truncated,
    /// An entry whose name leads out of the folder it would be unpacked into (`../`, an
    /// absolute path): never written.
    UnsafeEntry { entry: String },
}

impl ProjectProblem {
    pub fn describe(&self, lang: Lang) -> String {
        match self {
            ProjectProblem::LayerMissing { name, path } => format!(
                "{name}: {} {path}",
                lang.pick("không tìm thấy tệp", "the file is not found at")
            ),
            ProjectProblem::EmbeddedMissing { name, entry } => format!(
                "{name}: {} {entry}",
                lang.pick(
                    "bản sao trong dự án bị thiếu hoặc hỏng:",
                    "its copy in the project is missing or damaged:"
                )
            ),
            ProjectProblem::Unreadable { part, why } => format!(
                "{part}: {} ({why})",
                lang.pick("không đọc được", "could not be read")
            ),
            ProjectProblem::UnsafeEntry { entry } => format!(
                "{entry}: {}",
                lang.pick(
                    "tên này trỏ ra ngoài thư mục của dự án nên không được giải nén",
                    "its name leads out of the project's folder, so it was not unpacked"
                )
            ),
            ProjectProblem::Truncated => lang
                .pick(
                    "tệp dự án bị cắt cụt: chỉ đọc được phần đầu",
                    "the project file is cut short: only its first part was read",
                )
                .to_owned(),
        }
    }
}

/// A file written whole under a temporary name in `dir`, then renamed over the output
/// (projects, the PDF atlas, the video): a failed or cancelled write leaves nothing under
/// the output's name. It is created with the permissions the user's umask gives any new
/// file (0644 under the usual 022), not a temporary file's private 0600, so a colleague on
/// a shared drive can open it.
pub fn output_temp(dir: &Path, suffix: &str) -> std::io::Result<tempfile::NamedTempFile> {
    let mut builder = tempfile::Builder::new();
    builder.prefix(".langson-atlas-").suffix(suffix);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        builder.permissions(std::fs::Permissions::from_mode(0o666));
    }
    builder.tempfile_in(dir)
}
