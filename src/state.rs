//! State that outlives a frame, and the one vocabulary every input speaks: panels, keys,
//! the presenter's clicker, the caption buttons and the top bar all produce [`Action`]s,
//! and `AtlasApp::apply` (`app/apply.rs`) is the one place that carries them out.

use crate::atlas::{FactId, FeatureId, Lang, LayerKind};
use crate::map::Visibility;
use crate::map::basemap::BasemapChoice;
use crate::present::Command;

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

/// What the export window shows; `app::export_job` runs the exports and keeps it current.
#[derive(Debug, Default)]
pub struct ExportState {
    pub open: bool,
    /// Index into the offered sizes.
    pub size: usize,
    pub dir: String,
    /// Pictures done and to do, while an export runs.
    pub progress: Option<(usize, usize)>,
    pub status: Option<ExportStatus>,
    /// Why exports cannot run on this machine (no graphics adapter), once known.
    pub unavailable: Option<String>,
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
    ToggleLang,
    /// Show the article a fact cites, at its quote.
    OpenSource(FactId),
    CloseSource,
    FocusSearch,
    StartPresentation,
    StopPresentation,
    /// Step, jump or blank the tour while presenting.
    Tour(Command),
    ToggleExport,
    /// Export the current view as PNG.
    ExportView,
    /// Export every tour step as numbered PNGs.
    ExportTour,
}
