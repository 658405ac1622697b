//! The planner's own layers once loaded: where each came from, how it is drawn, its spatial
//! index for identify, its attribute table's view and selection. No egui here: the map
//! draws these (`map::user_layer`), the panels show them (`ui::my_layers`,
//! `ui::attribute_table`), the app loads them on worker threads (`app::user_layers`).

pub mod export;
pub mod index;
pub mod measure;
pub mod plan_table;
pub mod style;
pub mod table;

use crate::sources::{Columns, Crs, IoError, Progress, Request, UserLayer};
use index::FeatureIndex;
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use style::{Painted, Style};
use table::TableView;

/// A user layer for as long as the program runs (ids are not reused).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct LayerId(pub u32);

/// What to open: a file, one of its layers (a GeoPackage table), its CRS when it names none.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Source {
    pub path: PathBuf,
    #[serde(default)]
    pub layer: Option<String>,
    /// EPSG code of the CRS the user chose, when the file names none.
    #[serde(default)]
    pub crs: Option<u16>,
    /// The geometry columns the user chose, for a table whose names the reader does not know.
    #[serde(default)]
    pub columns: Option<Columns>,
}

impl Source {
    pub fn file(path: impl Into<PathBuf>) -> Source {
        Source {
            path: path.into(),
            layer: None,
            crs: None,
            columns: None,
        }
    }

    pub fn crs(&self) -> Option<Crs> {
        self.crs.and_then(Crs::from_epsg)
    }

    /// What the loader is told besides the path.
    pub fn request(&self) -> Request {
        Request {
            layer: self.layer.clone(),
            columns: self.columns.clone(),
            crs: self.crs(),
        }
    }

    /// The name a new layer gets: the file's stem, and the table for a GeoPackage; a
    /// database table's name.
    pub fn default_name(&self) -> String {
        if let Some(uri) = self.path.to_str()
            && crate::sources::is_database(&self.path)
            && let Ok((source, _)) = crate::sources::postgis::PgSource::parse(uri)
        {
            return format!("{} ({})", source.table.name, source.dbname);
        }
        let stem = self
            .path
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_else(|| self.path.display().to_string());
        match &self.layer {
            Some(layer) => format!("{stem} › {layer}"),
            None => stem,
        }
    }
}

/// A file's size and modification time, to notice at the next start that it changed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Stamp {
    pub size: u64,
    pub modified: u64,
}

impl Stamp {
    pub fn of(path: &Path) -> Option<Stamp> {
        let meta = std::fs::metadata(path).ok()?;
        let modified = meta
            .modified()
            .ok()?
            .duration_since(std::time::UNIX_EPOCH)
            .ok()?
            .as_secs();
        Some(Stamp {
            size: meta.len(),
            modified,
        })
    }
}

/// What persists of a layer between runs.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Stored {
    pub source: Source,
    pub name: String,
    pub visible: bool,
    pub opacity: f32,
    pub style: Style,
    #[serde(default)]
    pub stamp: Option<Stamp>,
    /// The layer's name in a project's tour steps; stays when the layer is renamed.
    #[serde(default)]
    pub key: String,
}

impl Stored {
    pub fn new(source: Source, style: Style) -> Stored {
        Stored {
            name: source.default_name(),
            stamp: Stamp::of(&source.path),
            source,
            visible: true,
            opacity: 1.0,
            style,
            key: new_key(),
        }
    }
}

/// A key no other layer of this run or a saved project is likely to have: the time and a
/// counter.
pub fn new_key() -> String {
    static COUNT: std::sync::atomic::AtomicU32 = std::sync::atomic::AtomicU32::new(0);
    let n = COUNT.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos());
    format!("layer-{:x}-{n}", nanos % 0xffff_ffff_ffff)
}

/// A layer on the map.
#[derive(Clone)]
pub struct Loaded {
    pub id: LayerId,
    pub stored: Stored,
    pub data: Arc<UserLayer>,
    pub index: Arc<FeatureIndex>,
    pub painted: Painted,
    pub table: TableView,
    /// Selected features, by position in the layer.
    pub selected: BTreeSet<usize>,
    /// The file changed since the last session (said in the layer list).
    pub changed: bool,
    /// Why the layer's last read of a database view failed (it shows what it had).
    pub problem: Option<String>,
}

impl Loaded {
    pub fn new(
        id: LayerId,
        stored: Stored,
        data: Arc<UserLayer>,
        index: Arc<FeatureIndex>,
    ) -> Self {
        let painted = style::paint(&stored.style, &data);
        Loaded::painted(id, stored, data, index, painted)
    }

    /// A layer whose colours were painted already (on the loading thread).
    pub fn painted(
        id: LayerId,
        stored: Stored,
        data: Arc<UserLayer>,
        index: Arc<FeatureIndex>,
        painted: Painted,
    ) -> Self {
        Loaded {
            id,
            painted,
            table: TableView::new(data.fields.len()),
            stored,
            data,
            index,
            selected: BTreeSet::new(),
            changed: false,
            problem: None,
        }
    }

    /// Applies a new style: the colours of every feature and the legend follow.
    pub fn set_style(&mut self, style: Style) {
        self.painted = style::paint(&style, &self.data);
        self.stored.style = style;
    }

    /// The legend rows of the features that reach into a lon/lat box (south-west,
    /// north-east): a picture's legend lists what it shows, not every category.
    pub fn legend_within(&self, (sw, ne): (geo::Coord, geo::Coord)) -> Vec<(String, style::Rgb)> {
        use geo::BoundingRect;
        let shown: BTreeSet<style::Rgb> = self
            .data
            .features
            .iter()
            .enumerate()
            .filter(|(_, f)| {
                f.geometry
                    .as_ref()
                    .and_then(BoundingRect::bounding_rect)
                    .is_some_and(|r| {
                        r.min().x <= ne.x
                            && r.max().x >= sw.x
                            && r.min().y <= ne.y
                            && r.max().y >= sw.y
                    })
            })
            .filter_map(|(i, _)| self.painted.colours.get(i).copied())
            .collect();
        self.painted
            .legend
            .iter()
            .filter(|(_, colour)| shown.contains(colour))
            .cloned()
            .collect()
    }
}

/// Why a layer is not on the map.
#[derive(Clone, Debug, PartialEq)]
pub enum Problem {
    /// The loader's own account, naming the file.
    Io(IoError),
    /// The file of a stored layer is gone.
    Missing(PathBuf),
    /// The loading thread could not start, or stopped.
    Loader(String),
}

impl std::fmt::Display for Problem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Problem::Io(e) => write!(f, "{e}"),
            Problem::Missing(path) => write!(
                f,
                "{}: the file is no longer there (moved, renamed or deleted)",
                path.display()
            ),
            Problem::Loader(why) => write!(f, "the layer could not be loaded: {why}"),
        }
    }
}

/// One row of the layer list.
pub enum Slot {
    Loading {
        id: LayerId,
        stored: Stored,
        progress: Arc<Progress>,
    },
    Ready(Box<Loaded>),
    /// A file that could not be opened (or reopened at start), with why; kept in the list
    /// so the reader sees it, until removed.
    Failed {
        id: LayerId,
        stored: Stored,
        problem: Problem,
    },
}

impl Slot {
    pub fn id(&self) -> LayerId {
        match self {
            Slot::Loading { id, .. } | Slot::Failed { id, .. } => *id,
            Slot::Ready(l) => l.id,
        }
    }

    pub fn stored(&self) -> &Stored {
        match self {
            Slot::Loading { stored, .. } | Slot::Failed { stored, .. } => stored,
            Slot::Ready(l) => &l.stored,
        }
    }
}

/// The reader's layers, the top of the list drawn last (on top of the others).
#[derive(Default)]
pub struct UserLayers {
    pub slots: Vec<Slot>,
    next: u32,
}

impl UserLayers {
    pub fn next_id(&mut self) -> LayerId {
        self.next += 1;
        LayerId(self.next)
    }

    pub fn get(&self, id: LayerId) -> Option<&Loaded> {
        self.slots.iter().find_map(|s| match s {
            Slot::Ready(l) if l.id == id => Some(&**l),
            Slot::Ready(_) | Slot::Loading { .. } | Slot::Failed { .. } => None,
        })
    }

    pub fn get_mut(&mut self, id: LayerId) -> Option<&mut Loaded> {
        self.slots.iter_mut().find_map(|s| match s {
            Slot::Ready(l) if l.id == id => Some(&mut **l),
            Slot::Ready(_) | Slot::Loading { .. } | Slot::Failed { .. } => None,
        })
    }

    pub fn position(&self, id: LayerId) -> Option<usize> {
        self.slots.iter().position(|s| s.id() == id)
    }

    /// Loaded layers from the bottom of the list to the top: the drawing order.
    pub fn bottom_up(&self) -> impl Iterator<Item = &Loaded> {
        self.slots.iter().rev().filter_map(|s| match s {
            Slot::Ready(l) => Some(&**l),
            Slot::Loading { .. } | Slot::Failed { .. } => None,
        })
    }

    pub fn ready(&self) -> impl Iterator<Item = &Loaded> {
        self.slots.iter().filter_map(|s| match s {
            Slot::Ready(l) => Some(&**l),
            Slot::Loading { .. } | Slot::Failed { .. } => None,
        })
    }

    /// Moves a layer `by` places (negative: up the list, towards the top of the drawing).
    pub fn shift(&mut self, id: LayerId, by: isize) {
        if let Some(from) = self.position(id) {
            let to = (from as isize + by).clamp(0, self.slots.len() as isize - 1) as usize;
            let slot = self.slots.remove(from);
            self.slots.insert(to, slot);
        }
    }

    pub fn remove(&mut self, id: LayerId) -> Option<Slot> {
        self.position(id).map(|i| self.slots.remove(i))
    }

    /// What to store for the next run: every layer in list order, failed ones included so
    /// that a file moved back into place opens again.
    pub fn to_store(&self) -> Vec<Stored> {
        self.slots.iter().map(|s| s.stored().clone()).collect()
    }

    /// The visible layers as they stand, for a picture drawn on another thread.
    pub fn visible_snapshot(&self) -> UserLayers {
        UserLayers {
            slots: self
                .ready()
                .filter(|l| l.stored.visible)
                .map(|l| Slot::Ready(Box::new(l.clone())))
                .collect(),
            next: self.next,
        }
    }

    /// The loaded layers with these keys, in list order, shown whatever their visibility.
    pub fn only(&self, keys: &[String]) -> UserLayers {
        UserLayers {
            slots: self
                .ready()
                .filter(|l| keys.contains(&l.stored.key))
                .map(|l| {
                    let mut l = l.clone();
                    l.stored.visible = true;
                    Slot::Ready(Box::new(l))
                })
                .collect(),
            next: self.next,
        }
    }

    pub fn loading(&self) -> bool {
        self.slots.iter().any(|s| matches!(s, Slot::Loading { .. }))
    }
}
