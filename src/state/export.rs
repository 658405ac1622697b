//! The exports' part of the state: the PNG export window's choices and progress, and how
//! an export (a picture, the PDF atlas, the video) went.

/// How the last export went.
#[derive(Clone, Debug, PartialEq)]
pub struct ExportStatus {
    pub ok: bool,
    pub message: String,
    /// Where the pictures went, to open from the export window.
    pub folder: Option<std::path::PathBuf>,
}

impl ExportStatus {
    /// How an export went: its summary and `folder` when it worked, else why not.
    pub fn of<E: std::fmt::Display>(
        result: Result<String, E>,
        folder: Option<std::path::PathBuf>,
    ) -> Self {
        match result {
            Ok(message) => ExportStatus {
                ok: true,
                message,
                folder,
            },
            Err(e) => ExportStatus {
                ok: false,
                message: e.to_string(),
                folder: None,
            },
        }
    }
}

/// The export window's choices.
#[derive(Clone, Debug, PartialEq)]
pub enum ExportOption {
    /// Index into the offered sizes.
    Size(usize),
    /// The folder exports start in (and go to where no save dialog opens).
    Folder(String),
    /// Put the open charts beside the map in the view's picture.
    WithCharts(bool),
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
    /// Put the charts the window shows beside the map (while the window is open).
    pub with_charts: bool,
}
