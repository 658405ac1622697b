//! State that outlives a frame, and the one vocabulary every input speaks: panels, keys,
//! the presenter's clicker, the caption buttons and the top bar all produce [`Action`]s,
//! and `AtlasApp::apply` (`app/apply.rs`) is the one place that carries them out.

use crate::atlas::{FactId, FeatureId, Lang, LayerKind};
pub use crate::layers::measure::MeasureAction;
use crate::layers::style::Style;
use crate::layers::{LayerId, Source, Stored};
use crate::map::Visibility;
use crate::map::basemap::BasemapChoice;
use crate::present::Command;

mod export;
pub use export::{ExportOption, ExportState, ExportStatus};
mod project;
pub mod publish;
pub use project::{
    Pending, ProjectAction, ProjectReport, ProjectState, ToursAction, UnsavedChoice,
};

/// What persists between runs.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
#[serde(default)]
pub struct Settings {
    pub lang: Lang,
    pub visible: Visibility,
    pub basemap: BasemapChoice,
    /// The reader's own layers, top of the list first, with their styles.
    pub user_layers: Vec<Stored>,
    /// Which side panels are open; the map takes the room of a closed one.
    pub panels: Panels,
    /// The folder the last export went to, where the next save dialog starts.
    pub export_folder: Option<std::path::PathBuf>,
    /// Projects opened or saved, the latest first.
    pub recent_projects: Vec<std::path::PathBuf>,
}

/// The side panels around the map.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum Side {
    /// The layer list, on the left.
    Layers,
    /// The selected feature, on the right.
    Feature,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(default)]
pub struct Panels {
    pub layers: bool,
    pub feature: bool,
}

impl Default for Panels {
    fn default() -> Self {
        Self {
            layers: true,
            feature: true,
        }
    }
}

impl Panels {
    pub fn is_open(self, side: Side) -> bool {
        match side {
            Side::Layers => self.layers,
            Side::Feature => self.feature,
        }
    }

    pub fn toggle(&mut self, side: Side) {
        match side {
            Side::Layers => self.layers = !self.layers,
            Side::Feature => self.feature = !self.feature,
        }
    }
}

/// Recent projects remembered in the File menu.
const RECENT_PROJECTS: usize = 8;

impl Settings {
    /// `path` goes first among the recent projects (once), the oldest falling off.
    pub fn remember_project(&mut self, path: &std::path::Path) {
        let path = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
        let recent = &mut self.recent_projects;
        recent.retain(|p| *p != path);
        recent.insert(0, path);
        recent.truncate(RECENT_PROJECTS);
    }
}

impl Default for Settings {
    fn default() -> Self {
        Self {
            lang: Lang::Vi,
            visible: Visibility::default(),
            basemap: BasemapChoice::Offline,
            user_layers: Vec::new(),
            panels: Panels::default(),
            export_folder: None,
            recent_projects: Vec::new(),
        }
    }
}

/// A question to settle before a file can open: the CRS of a file in metres that names
/// none, or which layer of a GeoPackage.
#[derive(Clone, Debug, PartialEq)]
pub enum Prompt {
    Crs(Source),
    Layer(Source, Vec<String>),
    /// The table's columns, and a first guess at which hold longitude, latitude, WKT.
    Columns(Source, Vec<String>, [usize; 3]),
}

impl Prompt {
    /// The column question, with a first guess: the first two columns whose values the
    /// reader could not place, the last column for WKT.
    pub fn columns(source: Source, columns: Vec<String>) -> Prompt {
        let last = columns.len().saturating_sub(1);
        Prompt::Columns(source, columns, [1.min(last), 2.min(last), last])
    }
}

/// Which table the attribute table shows.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum TableOf {
    User(LayerId),
    Plan(LayerKind),
    /// The straight-line distances of every industrial site.
    Distances,
}

/// What an export wrote (or why it could not), and the folder to open from the note.
#[derive(Clone, Debug, PartialEq)]
pub struct ExportNote {
    pub text: String,
    pub ok: bool,
    pub folder: Option<std::path::PathBuf>,
}

impl ExportNote {
    pub fn failed(text: impl Into<String>) -> Self {
        Self {
            text: text.into(),
            ok: false,
            folder: None,
        }
    }
}

/// The state of the user-layer windows and panels.
#[derive(Debug, Default)]
pub struct UserState {
    /// The user feature shown in the side panel.
    pub identified: Option<(LayerId, usize)>,
    pub table: Option<TableOf>,
    pub style_editor: Option<LayerId>,
    pub prompt: Option<Prompt>,
    /// Questions of other files, asked in turn once the one shown is answered (files
    /// dropped together can each raise one).
    pub prompts_waiting: std::collections::VecDeque<Prompt>,
    /// The layer list's last word: the file a table export wrote (or why not), or that no
    /// file dialog could open.
    pub export_note: Option<ExportNote>,
    /// Files dragged over the window right now.
    pub files_hovering: bool,
    /// The PostGIS dialog, while open.
    pub postgis: Option<PostGisState>,
}

impl UserState {
    /// Asks `prompt` now, or after the question already shown.
    pub fn ask(&mut self, prompt: Prompt) {
        if self.prompt.is_none() {
            self.prompt = Some(prompt);
        } else {
            self.prompts_waiting.push_back(prompt);
        }
    }

    /// The question shown is settled: the next file's, if one waits.
    pub fn next_prompt(&mut self) {
        self.prompt = self.prompts_waiting.pop_front();
    }

    /// What pointed at layer `id`'s features by position: its features were replaced.
    pub fn forget_features_of(&mut self, id: LayerId) {
        if self.identified.is_some_and(|(l, _)| l == id) {
            self.identified = None;
        }
    }

    /// Layer `id` is gone: nothing shows or edits it any more.
    pub fn forget_layer(&mut self, id: LayerId) {
        self.forget_features_of(id);
        if self.table == Some(TableOf::User(id)) {
            self.table = None;
        }
        if self.style_editor == Some(id) {
            self.style_editor = None;
        }
    }
}

/// What the PostGIS dialog shows besides what is typed: the tables listed, or why not.
#[derive(Debug, Default)]
pub struct PostGisState {
    pub listing: bool,
    pub tables: Vec<crate::sources::postgis::GeoTable>,
    pub error: Option<String>,
}

/// The article open in the source viewer, and the words to show.
#[derive(Clone, Debug, PartialEq)]
pub struct SourceView {
    pub article: String,
    pub quote: String,
    /// Scroll the quote into view on the next frame.
    pub scroll_pending: bool,
}

/// How long Play shows each year: long enough to read the year's events aloud.
pub const YEAR_SECONDS: f64 = 2.0;

/// The timeline bar: its year, and when Play moves it on next (seconds of input time).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct TimelineState {
    pub year: u16,
    pub playing: bool,
    pub next_step: f64,
}

impl TimelineState {
    fn at(year: u16) -> Self {
        Self {
            year,
            playing: false,
            next_step: 0.0,
        }
    }

    /// Takes an action on the timeline (`None` while its bar is closed) over `years`, at
    /// input time `now` (seconds).
    pub fn apply(
        timeline: &mut Option<TimelineState>,
        action: TimelineAction,
        years: std::ops::RangeInclusive<u16>,
        now: f64,
    ) {
        let (first, last) = (*years.start(), *years.end());
        match action {
            TimelineAction::Toggle => {
                *timeline = match timeline {
                    Some(_) => None,
                    None => Some(Self::at(first)),
                }
            }
            TimelineAction::SetYear(year) => {
                timeline.get_or_insert(Self::at(first)).year = year.clamp(first, last);
            }
            TimelineAction::Play(play) => {
                let t = timeline.get_or_insert(Self::at(first));
                if play && t.year >= last {
                    t.year = first;
                }
                t.playing = play;
                t.next_step = now + YEAR_SECONDS;
            }
            TimelineAction::Tick(now) => {
                if let Some(t) = timeline.as_mut().filter(|t| t.playing)
                    && now >= t.next_step
                {
                    t.year = (t.year + 1).min(last);
                    t.next_step = now + YEAR_SECONDS;
                    t.playing = t.year < last;
                }
            }
        }
    }
}

#[derive(Debug, Default)]
pub struct State {
    pub settings: Settings,
    pub selected: Option<FeatureId>,
    /// The 2025 commune or ward shown in the side panel, by position.
    pub unit: Option<usize>,
    /// The shortcuts sheet is open.
    pub shortcuts: bool,
    /// The charts window is open, and the page it shows.
    pub charts: bool,
    pub chart_page: crate::charts::ChartPage,
    /// The year the timeline shows, while it is open.
    pub timeline: Option<TimelineState>,
    pub measure: crate::layers::measure::MeasureTool,
    pub source: Option<SourceView>,
    pub export: ExportState,
    pub user: UserState,
    pub project: ProjectState,
    /// The Tours panel is open.
    pub tours_open: bool,
    /// The project's tours and the editor's undo history.
    pub tours: crate::present::editor::TourEditor,
    /// The PDF atlas and the tour video.
    pub publish: publish::PublishState,
}

#[derive(Clone, Debug, PartialEq)]
pub enum Action {
    Select(FeatureId),
    ClearSelection,
    ZoomToFeature(FeatureId),
    /// A commune of the gazetteer, by position.
    ZoomToCommune(usize),
    /// A 2025 commune or ward, by position: its panel, and the map framing it.
    ShowUnit(usize),
    ZoomToProvince,
    ZoomIn,
    ZoomOut,
    SetLayer(LayerKind, bool),
    SetBasemap(BasemapChoice),
    /// Offer a PMTiles archive (a file or a URL) as the PMTiles basemap, and show it.
    OpenArchive(String),
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
    /// A choice in the export window.
    SetExport(ExportOption),
    /// Export the current view as PNG.
    ExportView,
    /// Export every tour step as numbered PNGs.
    ExportTour,
    /// Show or hide the shortcuts sheet (`?`).
    ToggleShortcuts,
    /// Open or close a side panel.
    TogglePanel(Side),
    /// Show a folder an export wrote to in the desktop's file manager.
    OpenFolder(std::path::PathBuf),
    /// Show or hide the charts window (`C`).
    ToggleCharts,
    ChartPage(crate::charts::ChartPage),
    Timeline(TimelineAction),
    Measure(MeasureAction),
    /// The reader's own layers and the attribute tables.
    User(UserAction),
    Project(ProjectAction),
    Tours(ToursAction),
    /// File › Export PDF atlas… / Export tour video….
    Publish(publish::PublishAction),
}

/// The timeline bar's actions.
#[derive(Clone, Debug, PartialEq)]
pub enum TimelineAction {
    /// Show or hide the timeline bar (`T`).
    Toggle,
    /// Show the map at this year.
    SetYear(u16),
    /// Start (at the first year, if at the last) or stop playing the years.
    Play(bool),
    /// While playing: the input time now, to move on when the year has shown long enough.
    Tick(f64),
}

/// The reader's own layers, and the attribute tables (theirs and the plan's).
#[derive(Clone, Debug, PartialEq)]
pub enum UserAction {
    /// Open files as user layers (drag-and-drop, the dialog, the command line).
    OpenFiles(Vec<std::path::PathBuf>),
    /// Open one layer, its CRS or table chosen.
    Open(Source),
    /// Show the platform's file dialog.
    OpenDialog,
    DismissPrompt,
    CancelLoad(LayerId),
    LayerVisible(LayerId, bool),
    LayerOpacity(LayerId, f32),
    RenameLayer(LayerId, String),
    /// Move a layer up (negative) or down the list.
    MoveLayer(LayerId, isize),
    RemoveLayer(LayerId),
    ZoomToLayer(LayerId),
    SetStyle(LayerId, Style),
    EditStyle(Option<LayerId>),
    /// A user feature clicked on the map or in its table: its attributes in the side panel.
    Identify(Option<(LayerId, usize)>),
    ShowTable(Option<TableOf>),
    /// Select rows of a user layer (replacing the selection, or adding to it).
    SelectRows(LayerId, Vec<usize>, bool),
    ZoomToRows(LayerId),
    /// Write the rows the table shows as CSV.
    ExportRows(LayerId),
    /// Write the selected features as GeoJSON.
    ExportSelection(LayerId),
    /// Write the rows a plan or distance table shows as CSV.
    ExportPlanRows,
    /// Write the selected plan feature, if the plan table holds it, as GeoJSON.
    ExportPlanSelection,
    /// Show or hide the PostGIS dialog.
    PostGisDialog(bool),
    /// List the server's tables with a geometry column (the source's table is unused).
    PostGisList(crate::sources::postgis::PgSource, String),
    /// Add these tables as layers, the password remembered for this run.
    PostGisAdd(Vec<crate::sources::postgis::PgSource>, String),
    /// Read a database layer that failed again, with this password (if any) for its login.
    Reconnect(LayerId, String),
}

#[cfg(test)]
mod tests {
    use super::*;

    const YEARS: std::ops::RangeInclusive<u16> = 2021..=2030;

    #[test]
    fn play_moves_a_year_every_two_seconds_and_stops_at_the_last() {
        let mut timeline = None;
        TimelineState::apply(&mut timeline, TimelineAction::SetYear(2029), YEARS, 0.0);
        TimelineState::apply(&mut timeline, TimelineAction::Play(true), YEARS, 10.0);
        TimelineState::apply(&mut timeline, TimelineAction::Tick(11.0), YEARS, 11.0);
        assert_eq!(timeline.map(|t| t.year), Some(2029), "not yet");
        TimelineState::apply(&mut timeline, TimelineAction::Tick(12.0), YEARS, 12.0);
        assert_eq!(timeline.map(|t| (t.year, t.playing)), Some((2030, false)));
        // Play at the last year starts again from the first.
        TimelineState::apply(&mut timeline, TimelineAction::Play(true), YEARS, 20.0);
        assert_eq!(timeline.map(|t| t.year), Some(2021));
    }

    #[test]
    fn a_year_is_kept_within_the_timeline_and_toggle_closes_it() {
        let mut timeline = None;
        TimelineState::apply(&mut timeline, TimelineAction::SetYear(2040), YEARS, 0.0);
        assert_eq!(timeline.map(|t| t.year), Some(2030));
        TimelineState::apply(&mut timeline, TimelineAction::Toggle, YEARS, 0.0);
        assert_eq!(timeline, None);
        TimelineState::apply(&mut timeline, TimelineAction::Toggle, YEARS, 0.0);
        assert_eq!(timeline.map(|t| t.year), Some(2021));
    }
}
