//! State that outlives a frame and the actions panels ask the app to carry out. Panels
//! read the state and push actions; only the app changes the state, in one place.

use crate::atlas::Lang;
use crate::atlas::{FactId, FeatureId, LayerKind};
use crate::map::Visibility;
use crate::map::basemap::BasemapChoice;

/// What persists between runs.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
#[serde(default)]
pub struct Settings {
    pub lang: Lang,
    pub visible: Visibility,
    pub basemap: BasemapChoice,
}

impl Default for Settings {
    fn default() -> Self {
        Self {
            lang: Lang::Vi,
            visible: Visibility::default(),
            basemap: BasemapChoice::Offline,
        }
    }
}

/// The article open in the source viewer, and the words to show.
#[derive(Clone, Debug, PartialEq)]
pub struct SourceView {
    pub article: String,
    pub quote: String,
    /// Scroll the quote into view on the next frame.
    pub scroll_pending: bool,
}

/// How the last export went.
#[derive(Clone, Debug, PartialEq)]
pub struct ExportStatus {
    pub ok: bool,
    pub message: String,
}

/// The export window and a running export.
#[derive(Debug, Default)]
pub struct ExportState {
    pub open: bool,
    /// Index into the offered sizes.
    pub size: usize,
    pub dir: String,
    pub running: Option<std::sync::mpsc::Receiver<ExportStatus>>,
    pub status: Option<ExportStatus>,
}

#[derive(Debug, Default)]
pub struct State {
    pub settings: Settings,
    pub selected: Option<FeatureId>,
    pub search: String,
    pub source: Option<SourceView>,
    pub export: ExportState,
}

#[derive(Clone, Debug, PartialEq)]
pub enum Action {
    Select(FeatureId),
    ClearSelection,
    ZoomToFeature(FeatureId),
    /// A commune of the gazetteer, by position.
    ZoomToCommune(usize),
    ZoomToProvince,
    ZoomIn,
    ZoomOut,
    SetLayer(LayerKind, bool),
    SetBasemap(BasemapChoice),
    SetLang(Lang),
    /// Show the article a fact cites, at its quote.
    OpenSource(FactId),
    CloseSource,
    StartPresentation,
    ToggleExport,
    /// Export the current view as PNG.
    ExportView,
    /// Export every tour step as numbered PNGs.
    ExportTour,
}
