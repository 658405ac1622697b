//! Where an export goes. The desktop's save dialog asks, on a thread of its own so that the
//! map keeps drawing, starting in the folder the last export went to (remembered between
//! runs), else the documents folder; where no dialog can open, the export goes to that
//! folder under a name that overwrites nothing, and says so. The app then does what was
//! waiting for the answer.

use crate::task::{Poll, Task};
use std::path::{Path, PathBuf};

/// What was asked: a file to write, or a folder for a set of files.
#[derive(Clone, Debug, PartialEq)]
pub enum Ask {
    File {
        name: String,
        extension: String,
    },
    Folder,
    /// A file to open (a project).
    Open {
        extension: String,
    },
}

/// The dialog's answer.
#[derive(Debug, PartialEq)]
pub enum Answer {
    Chosen(PathBuf),
    Cancelled,
    /// No dialog could be shown (no desktop portal, no zenity): the fallback applies.
    NoDialog,
}

/// One question in flight, and what waits for its answer.
pub struct Asking<T> {
    /// The dialog on its thread; `None` when none is tried (the fallback at once).
    dialog: Option<Task<Answer>>,
    ask: Ask,
    then: T,
}

/// The save questions of the app; `T` is what waits for an answer.
pub struct Saving<T> {
    /// Off in tests and headless runs: every export goes straight to the folder.
    dialogs: bool,
    asking: Option<Asking<T>>,
}

impl<T> Saving<T> {
    pub fn new(dialogs: bool) -> Self {
        Self {
            dialogs,
            asking: None,
        }
    }

    /// Asks where `then` goes, starting in `folder`; without dialogs the answer is at once
    /// the fallback. `false` while another question is open (one dialog at a time).
    pub fn ask(&mut self, ask: Ask, folder: &Path, then: T, ctx: &egui::Context) -> bool {
        if self.asking.is_some() {
            return false;
        }
        let dialog = if self.dialogs {
            let folder = folder.to_owned();
            let question = ask.clone();
            let ctx = ctx.clone();
            // No thread for the dialog: the fallback, as where no dialog can be shown.
            Task::spawn(
                "save dialog",
                move || ctx.request_repaint(),
                move |_| dialog_answer(&folder, &question),
            )
            .ok()
        } else {
            None
        };
        self.asking = Some(Asking { dialog, ask, then });
        true
    }

    /// Whether a dialog is tried at all (off in tests and headless runs).
    pub fn uses_dialogs(&self) -> bool {
        self.dialogs
    }

    /// The answer and what waited for it, once the dialog has closed.
    pub fn poll(&mut self) -> Option<(Ask, Answer, T)> {
        let answer = match self.asking.as_mut()?.dialog.as_mut() {
            None => Answer::NoDialog,
            Some(task) => match task.poll() {
                Poll::Running => return None,
                Poll::Done(answer) => answer,
                Poll::Lost => Answer::NoDialog,
            },
        };
        let asking = self.asking.take()?;
        Some((asking.ask, answer, asking.then))
    }
}

/// Shows the desktop's dialog for `question`, starting in `folder`, and waits for it.
fn dialog_answer(folder: &Path, question: &Ask) -> Answer {
    let asked = std::time::Instant::now();
    let dialog = rfd::FileDialog::new().set_directory(folder);
    let picked = match question {
        Ask::File { name, extension } => dialog
            .set_file_name(suggested_name(folder, name, extension))
            .add_filter(extension.to_uppercase(), &[extension.as_str()])
            .save_file(),
        Ask::Folder => dialog.pick_folder(),
        Ask::Open { extension } => dialog
            .add_filter(extension.to_uppercase(), &[extension.as_str()])
            .pick_file(),
    };
    // rfd says nothing when no dialog can be shown; an answer faster than a person can
    // cancel means none was.
    match picked {
        Some(path) => Answer::Chosen(path),
        None if asked.elapsed().as_millis() > 300 => Answer::Cancelled,
        None => Answer::NoDialog,
    }
}

/// The name the save dialog suggests. rfd's zenity fallback (no desktop portal, which
/// needs a session bus) ignores the starting folder, so there the folder goes into the
/// name.
fn suggested_name(folder: &Path, name: &str, extension: &str) -> String {
    let file = format!("{name}.{extension}");
    if cfg!(target_os = "linux") && std::env::var_os("DBUS_SESSION_BUS_ADDRESS").is_none() {
        folder.join(file).display().to_string()
    } else {
        file
    }
}

/// Where a file goes when no dialog chose: `folder/name.ext`, or `name-2.ext`, `name-3.ext`…
/// so that an earlier export is never overwritten.
pub fn unused_path(folder: &Path, name: &str, extension: &str) -> PathBuf {
    let safe = safe_name(name);
    (1..10_000)
        .map(|n| match n {
            1 => folder.join(format!("{safe}.{extension}")),
            n => folder.join(format!("{safe}-{n}.{extension}")),
        })
        .find(|p| !p.exists())
        .unwrap_or_else(|| folder.join(format!("{safe}.{extension}")))
}

/// A file name from a layer's name: letters (Vietnamese included), digits and '-' kept,
/// any run of other characters one '_'.
pub fn safe_name(name: &str) -> String {
    let mut out = String::new();
    for c in name.trim().chars() {
        if c.is_alphanumeric() || c == '-' {
            out.push(c);
        } else if !out.ends_with('_') {
            out.push('_');
        }
    }
    out.trim_end_matches('_').to_owned()
}

/// Exports go to the documents folder, in a folder of their own, until the user picks
/// another.
pub fn default_folder() -> PathBuf {
    dirs::document_dir()
        .or_else(|| dirs::home_dir().map(|h| h.join("Documents")))
        .unwrap_or_else(|| PathBuf::from("."))
        .join("langson-atlas")
}

/// The file manager could not be started.
#[derive(Debug, thiserror::Error)]
#[error("{program} {}: {source}", folder.display())]
pub struct OpenFolderError {
    program: &'static str,
    folder: PathBuf,
    source: std::io::Error,
}

/// Opens `folder` in the desktop's file manager.
pub fn open_folder(folder: &Path) -> Result<(), OpenFolderError> {
    let program = if cfg!(target_os = "windows") {
        "explorer"
    } else if cfg!(target_os = "macos") {
        "open"
    } else {
        "xdg-open"
    };
    std::process::Command::new(program)
        .arg(folder)
        .spawn()
        .map(|_| ())
        .map_err(|source| OpenFolderError {
            program,
            folder: folder.to_owned(),
            source,
        })
}

/// What waits for a save question's answer.
pub enum Waiting {
    /// A table export, made when asked (the table may change while the dialog is open).
    File {
        bytes: Result<Vec<u8>, crate::layers::table::CsvError>,
        /// How many rows or features it holds.
        what: usize,
    },
    /// A picture of the view.
    View(Box<crate::export::ExportRequest>),
    /// A picture of every step of a tour, into a folder.
    Tour {
        tour: crate::present::tour::Tour,
        pictures: crate::export::TourPictures,
    },
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_export_without_a_dialog_never_overwrites_an_earlier_one() {
        let dir = tempfile::tempdir().expect("a folder");
        let first = unused_path(dir.path(), "Cửa khẩu / 2025", "csv");
        assert_eq!(
            first.file_name().and_then(|n| n.to_str()),
            Some("Cửa_khẩu_2025.csv")
        );
        std::fs::write(&first, "x").expect("written");
        let second = unused_path(dir.path(), "Cửa khẩu / 2025", "csv");
        assert_eq!(
            second.file_name().and_then(|n| n.to_str()),
            Some("Cửa_khẩu_2025-2.csv")
        );
    }

    #[test]
    fn without_dialogs_the_answer_is_the_fallback_at_once() {
        let mut saving = Saving::new(false);
        let ctx = egui::Context::default();
        let ask = Ask::Folder;
        assert!(saving.ask(ask.clone(), Path::new("."), 7, &ctx));
        assert!(!saving.ask(ask, Path::new("."), 8, &ctx), "one at a time");
        assert_eq!(saving.poll(), Some((Ask::Folder, Answer::NoDialog, 7)));
        assert_eq!(saving.poll(), None, "answered once");
    }
}
