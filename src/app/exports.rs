//! What leaves the window as a file, from the question to the file: the save dialog (or
//! the export folder where none opens), then a table's bytes written at once or a picture
//! rendered on the export task. The app hands it a request; it needs nothing of the app
//! but the state's export settings and the atlas the pictures draw.

use super::export_job::{ExportJobs, Job, SIZES};
use super::saving::{self, Answer, Ask, Saving, Waiting};
use crate::atlas::Atlas;
use crate::layers::export::Export;
use crate::layers::table::CsvError;
use crate::state::{ExportNote, ExportState, State};
use std::path::{Path, PathBuf};
use std::sync::Arc;

pub struct Exports {
    /// The picture being rendered, and the device it renders on.
    pub jobs: ExportJobs,
    /// The save dialog open, and what waits for its answer.
    saving: Saving<Waiting>,
}

impl Exports {
    /// `dialogs`: ask through the desktop's save dialog (the window); tests write straight
    /// to the export folder.
    pub fn new(dialogs: bool) -> Self {
        Self {
            jobs: ExportJobs::default(),
            saving: Saving::new(dialogs),
        }
    }

    /// Whether a picture is being rendered.
    pub fn is_running(&self) -> bool {
        self.jobs.is_running()
    }

    /// Blocks until the running export ends or `timeout` passes (tests wait on it).
    pub fn wait(&mut self, timeout: std::time::Duration) {
        self.jobs.wait(timeout);
    }

    /// Asks where `waiting` goes, and acts on the answer (at once where no dialog opens).
    /// `false` when a dialog is already open: the request is dropped and the reader told.
    pub fn ask(
        &mut self,
        ask: Ask,
        waiting: Waiting,
        state: &mut State,
        atlas: &Arc<Atlas>,
        ctx: &egui::Context,
    ) -> bool {
        let asked = self.saving.ask(ask, &folder(&state.export), waiting, ctx);
        if !asked {
            let lang = state.settings.lang;
            state.user.export_note = Some(ExportNote::failed(lang.pick(
                "Hộp thoại lưu tệp đang mở.",
                "A save dialog is already open.",
            )));
        }
        // Without a dialog the answer is already there.
        self.poll(state, atlas);
        asked
    }

    /// Asks where a table's export goes (the save dialog, named after the layer), then
    /// writes it.
    pub fn save_table(
        &mut self,
        export: Export,
        state: &mut State,
        atlas: &Arc<Atlas>,
        ctx: &egui::Context,
    ) {
        let ask = Ask::File {
            name: saving::safe_name(&export.name),
            extension: export.extension.to_owned(),
        };
        let waiting = Waiting::File {
            bytes: export.bytes,
            what: export.count,
        };
        self.ask(ask, waiting, state, atlas, ctx);
    }

    /// Acts on a save dialog's answer: remembers the folder chosen, and writes or starts
    /// what waited for it there (in the export folder, under a new name, where no dialog
    /// could open).
    pub fn poll(&mut self, state: &mut State, atlas: &Arc<Atlas>) {
        let Some((ask, answer, waiting)) = self.saving.poll() else {
            return;
        };
        let lang = state.settings.lang;
        let folder = folder(&state.export);
        let (target, note) = match (answer, &ask) {
            (Answer::Cancelled, _) => return,
            (Answer::Chosen(path), _) => {
                let chosen = match ask {
                    Ask::File { .. } => path.parent().map(Path::to_path_buf),
                    Ask::Folder => Some(path.clone()),
                    Ask::Open { .. } => None,
                };
                if let Some(chosen) = chosen {
                    state.export.dir = chosen.display().to_string();
                    state.settings.export_folder = Some(chosen);
                }
                (path, "")
            }
            (Answer::NoDialog, Ask::File { name, extension }) => (
                saving::unused_path(&folder, name, extension),
                if self.saving.uses_dialogs() {
                    lang.pick("(không mở được hộp thoại lưu) ", "(no save dialog) ")
                } else {
                    ""
                },
            ),
            (Answer::NoDialog, Ask::Folder | Ask::Open { .. }) => (folder, ""),
        };
        let job = match waiting {
            Waiting::File { bytes, what } => {
                state.user.export_note = Some(write(&target, bytes, what, note));
                return;
            }
            Waiting::View(request) => Job::View {
                request,
                path: target,
            },
            Waiting::Tour { tour, pictures } => Job::Tour {
                tour,
                pictures,
                dir: target,
            },
        };
        self.jobs.start(atlas.clone(), job, &mut state.export);
    }
}

/// Where the next save dialog starts, and where exports go when none can open.
pub fn folder(export: &ExportState) -> PathBuf {
    PathBuf::from(export.dir.trim())
}

/// The picture size chosen in the export window, in pixels.
pub fn size(export: &ExportState) -> [u32; 2] {
    SIZES[export.size.min(SIZES.len() - 1)]
}

/// Writes a table's bytes at `path` (its folder made if missing), and says how it went:
/// `what` rows went there, or why nothing did.
fn write(path: &Path, bytes: Result<Vec<u8>, CsvError>, what: usize, note: &str) -> ExportNote {
    let written = bytes.map_err(|e| e.to_string()).and_then(|b| {
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
        }
        std::fs::write(path, b).map_err(|e| format!("{}: {e}", path.display()))
    });
    match written {
        Ok(()) => ExportNote {
            text: format!("{note}{what} → {}", path.display()),
            ok: true,
            folder: path.parent().map(Path::to_path_buf),
        },
        Err(e) => ExportNote::failed(format!("✗ {e}")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_table_written_where_its_folder_is_missing_makes_the_folder() {
        let dir = tempfile::tempdir().expect("a temporary folder");
        let path = dir.path().join("mới").join("bảng.csv");
        let note = write(&path, Ok(b"a,b\n1,2\n".to_vec()), 1, "");
        assert!(note.ok, "{}", note.text);
        assert_eq!(note.text, format!("1 → {}", path.display()));
        assert_eq!(std::fs::read(&path).expect("written"), b"a,b\n1,2\n");
    }

    #[test]
    fn a_table_that_cannot_be_written_says_where() {
        let dir = tempfile::tempdir().expect("a temporary folder");
        let blocker = dir.path().join("tệp");
        std::fs::write(&blocker, "not a folder").expect("written");
        let path = blocker.join("bảng.csv");
        let note = write(&path, Ok(Vec::new()), 0, "");
        assert!(!note.ok);
        assert!(
            note.text.starts_with(&format!("✗ {}", blocker.display())),
            "{}",
            note.text
        );
    }
}
