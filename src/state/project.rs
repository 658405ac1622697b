//! The project's and the tour editor's part of the vocabulary and the state.

use crate::present::editor::Edit;
use std::path::PathBuf;

/// File › project actions.
#[derive(Clone, Debug, PartialEq)]
pub enum ProjectAction {
    /// Start an empty project (after asking about unsaved changes).
    New,
    /// Ask which project to open.
    OpenDialog,
    Open(PathBuf),
    /// Save where the project was opened from or last saved (else ask where).
    Save,
    SaveAs,
    /// Save to this file (the dialog's answer; tests).
    SaveTo(PathBuf),
    /// Copy the layers' files into the project when saving.
    WithData(bool),
    /// The answer to “save your changes?”.
    Unsaved(UnsavedChoice),
    DismissReport,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum UnsavedChoice {
    Save,
    Discard,
    Cancel,
}

/// What waits for the answer to “save your changes?”.
#[derive(Clone, Debug, PartialEq)]
pub enum Pending {
    Close,
    New,
    Open(PathBuf),
}

/// The Tours panel's actions.
#[derive(Clone, Debug, PartialEq)]
pub enum ToursAction {
    /// Show or hide the Tours panel.
    Toggle,
    Edit(Edit),
    /// Add the map as it is now as a step, after the selected one.
    AddStepFromView,
    UpdateStepFromView(usize),
    /// Present a tour (`None`: the built-in one) from a step.
    Play(Option<usize>, usize),
    /// The tour moves on by itself, each step after its seconds.
    Autoplay(bool),
    /// Export every step of a tour (`None`: the built-in one) as PNG.
    ExportPictures(Option<usize>),
}

/// What opening or saving a project had to say.
#[derive(Clone, Debug, PartialEq)]
pub struct ProjectReport {
    pub ok: bool,
    pub title: String,
    /// Each thing that could not be opened, by name.
    pub lines: Vec<String>,
}

/// The project as the window shows it.
#[derive(Debug, Default)]
pub struct ProjectState {
    /// The file the project was opened from or saved to.
    pub path: Option<PathBuf>,
    /// Changes since it was opened or saved.
    pub dirty: bool,
    /// Save copies of the layers' files into the project.
    pub with_data: bool,
    pub report: Option<ProjectReport>,
    /// “Save your changes?” is asked, and what waits for the answer.
    pub unsaved: Option<Pending>,
    /// A project being read (a large one unpacks its data first).
    pub opening: Option<PathBuf>,
}

impl ProjectState {
    /// The project's name: its file's stem, or “untitled”.
    pub fn name(&self, lang: crate::atlas::Lang) -> String {
        self.path
            .as_ref()
            .and_then(|p| p.file_stem())
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_else(|| {
                lang.pick("Dự án chưa đặt tên", "Untitled project")
                    .to_owned()
            })
    }
}
