//! The project file in the app: what is open becomes a [`Project`] (to save, and to notice
//! unsaved changes), a project read from a file becomes what is open, the title shows the
//! project's name and a mark for unsaved changes, and leaving with changes asks first.

use super::AtlasApp;
use super::project_open::Opening;
use super::saving::{Answer, Ask};
use crate::layers::Slot;
use crate::layers::{LayerId, UserLayers};
use crate::present::tour::StepView;
use crate::project::{self, OpenTable, Project, ProjectLayer, TableFilters};
use crate::state::State;
use crate::state::{Pending, ProjectAction, ProjectReport, TableOf, UnsavedChoice};
use std::collections::HashMap;
use std::path::{Path, PathBuf};

/// What the app keeps of the project besides what the window shows.
#[derive(Default)]
pub struct ProjectRoom {
    /// The project as last opened or saved; `None` until the first frame takes it.
    pub(super) saved: Option<Project>,
    /// What each layer's manifest entry said of its file, by key: an embedded layer
    /// keeps the path it came from, not the copy it opens from.
    pub(super) origins: HashMap<String, PathBuf>,
    /// Table filters of layers still loading, by key, and the table to open.
    pub(super) pending_filters: HashMap<String, TableFilters>,
    pub(super) pending_table: Option<String>,
    /// The title last sent to the window.
    title: String,
    /// Leaving was confirmed: the next close request is let through.
    may_close: bool,
    /// Where extracted copies of embedded layers go.
    pub(super) data_dir: PathBuf,
    /// A project being read on its worker.
    pub(super) opening: Option<super::project_open::Opening>,
}

/// What the save and open dialogs answer for.
pub enum ProjectDialog {
    SaveAs,
    Open,
}

impl ProjectRoom {
    pub fn new(data_dir: PathBuf) -> Self {
        ProjectRoom {
            data_dir,
            ..ProjectRoom::default()
        }
    }

    /// The window's title as last set.
    pub fn title(&self) -> &str {
        &self.title
    }

    /// Blocks until a project being opened is read (or `timeout` passes); for tests.
    pub fn wait(&mut self, timeout: std::time::Duration) {
        if let Some(o) = self.opening.as_mut() {
            o.wait(timeout);
        }
    }

    /// Gives layers that finished loading the table filters their project saved; returns
    /// the layer whose table the project had open, once it is ready. Once nothing loads,
    /// what waited for a layer that failed is let go.
    fn settle_filters(&mut self, layers: &mut UserLayers, loading: bool) -> Option<LayerId> {
        if self.pending_filters.is_empty() && self.pending_table.is_none() {
            return None;
        }
        let mut open_table = None;
        for slot in &mut layers.slots {
            let Slot::Ready(layer) = slot else {
                continue;
            };
            if let Some(filters) = self.pending_filters.remove(&layer.stored.key) {
                filters.apply(&mut layer.table);
            }
            if self.pending_table.as_ref() == Some(&layer.stored.key) {
                open_table = Some(layer.id);
            }
        }
        if open_table.is_some() || !loading {
            self.pending_table = None;
        }
        if !loading {
            self.pending_filters.clear();
        }
        open_table
    }
}

/// Where the project dialogs start: the project's folder, else the export folder.
fn project_folder(state: &State) -> PathBuf {
    state
        .project
        .path
        .as_deref()
        .and_then(Path::parent)
        .map(Path::to_path_buf)
        .or_else(|| state.settings.export_folder.clone())
        .unwrap_or_else(super::saving::default_folder)
}

/// Where projects' embedded data goes on this machine.
pub fn default_data_dir() -> PathBuf {
    dirs::data_local_dir()
        .or_else(dirs::home_dir)
        .unwrap_or_else(|| PathBuf::from("."))
        .join("langson-atlas")
        .join("projects")
}

impl AtlasApp {
    /// What is open, as a project saved next to `dir` would hold it.
    pub fn capture_project(&self, dir: Option<&Path>) -> Project {
        let s = &self.state;
        let layers = self
            .user
            .layers
            .slots
            .iter()
            .map(|slot| {
                let stored = slot.stored();
                // An embedded layer is written as where its file came from, not as the
                // copy it opens from.
                let file = self
                    .project
                    .origins
                    .get(&stored.key)
                    .unwrap_or(&stored.source.path);
                let path = match dir {
                    Some(dir) => project::relative_to(file, dir),
                    None => file.display().to_string(),
                };
                let table = match slot {
                    Slot::Ready(l) => Some(TableFilters::of(&l.table)),
                    Slot::Loading { .. } | Slot::Failed { .. } => {
                        self.project.pending_filters.get(&stored.key).cloned()
                    }
                };
                ProjectLayer::from_stored(stored, path, table)
            })
            .collect();
        let view = self.map.current_view();
        let centre = crate::map::mercator::from_world(view.center);
        let table = match s.user.table {
            Some(TableOf::User(id)) => self
                .user
                .layers
                .slots
                .iter()
                .find(|slot| slot.id() == id)
                .map(|slot| OpenTable::Layer(slot.stored().key.clone())),
            Some(TableOf::Plan(kind)) => Some(OpenTable::Plan(
                kind,
                self.tables
                    .plan_view()
                    .map(TableFilters::of)
                    .unwrap_or_default(),
            )),
            Some(TableOf::Distances) => Some(OpenTable::Distances(
                self.tables
                    .plan_view()
                    .map(TableFilters::of)
                    .unwrap_or_default(),
            )),
            None => self.project.pending_table.clone().map(OpenTable::Layer),
        };
        Project {
            lang: s.settings.lang,
            basemap: s.settings.basemap,
            plan_layers: s.settings.visible.clone(),
            view: Some(StepView {
                lon: centre.x,
                lat: centre.y,
                zoom: view.zoom,
                extent: None,
            }),
            layers,
            tours: s.tours.tours.clone(),
            year: s.timeline.map(|t| t.year),
            charts: s.charts.then_some(s.chart_page),
            table,
            web_url: Some(s.publish.url.trim().to_owned()).filter(|u| !u.is_empty()),
            ..Project::default()
        }
    }

    /// Once a frame: the unsaved mark, the window's title, filters of layers that
    /// finished loading, and a close request while changes are unsaved.
    pub(super) fn poll_project(&mut self) {
        if let Some((path, result)) = self.project.opening.as_mut().and_then(Opening::read) {
            self.project.opening = None;
            self.state.project.opening = None;
            self.apply_opened(&path, result);
        }
        let busy = self.user.busy();
        if let Some(id) = self.project.settle_filters(&mut self.user.layers, busy) {
            let table = Some(TableOf::User(id));
            self.tables.show(table, &self.atlas, &mut self.state);
        }
        let dir = self.state.project.path.as_deref().and_then(Path::parent);
        let now = self.capture_project(dir);
        // What is open differs from the project as last opened or saved (the view alone
        // does not count: looking around changes nothing).
        let saved = self.project.saved.get_or_insert_with(|| now.clone());
        self.state.project.dirty = Project { view: None, ..now }
            != Project {
                view: None,
                ..saved.clone()
            };
        let lang = self.state.settings.lang;
        let mark = if self.state.project.dirty { "● " } else { "" };
        let title = format!(
            "{mark}{} — {}",
            self.state.project.name(lang),
            crate::ui::i18n::T::AppTitle.get(lang)
        );
        if title != self.project.title {
            self.ctx
                .send_viewport_cmd(egui::ViewportCommand::Title(title.clone()));
            self.project.title = title;
        }
        let close = self.ctx.input(|i| i.viewport().close_requested());
        if close && self.state.project.dirty && !self.project.may_close {
            self.ctx
                .send_viewport_cmd(egui::ViewportCommand::CancelClose);
            self.state.project.unsaved = Some(Pending::Close);
        }
        self.poll_project_dialog();
    }

    /// The open or save dialog's answer, once it closed (at once without dialogs).
    fn poll_project_dialog(&mut self) {
        if let Some((ask, answer, then)) = self.project_dialogs.poll() {
            self.dialog_answered(ask, answer, then);
        }
    }

    pub(super) fn apply_project(&mut self, action: ProjectAction) {
        match action {
            ProjectAction::New => self.unless_unsaved(Pending::New),
            ProjectAction::OpenDialog => {
                let folder = project_folder(&self.state);
                let ask = Ask::Open {
                    extension: project::EXTENSION.to_owned(),
                };
                self.project_dialogs
                    .ask(ask, &folder, ProjectDialog::Open, &self.ctx);
                self.poll_project_dialog();
            }
            ProjectAction::Open(path) => self.unless_unsaved(Pending::Open(path)),
            ProjectAction::Save => match self.state.project.path.clone() {
                Some(path) => {
                    self.save_project(&path);
                }
                None => self.apply_project(ProjectAction::SaveAs),
            },
            ProjectAction::SaveAs => {
                let folder = project_folder(&self.state);
                let name = self.state.project.name(self.state.settings.lang);
                let ask = Ask::File {
                    name,
                    extension: project::EXTENSION.to_owned(),
                };
                self.project_dialogs
                    .ask(ask, &folder, ProjectDialog::SaveAs, &self.ctx);
                self.poll_project_dialog();
            }
            ProjectAction::SaveTo(path) => {
                self.save_project(&path);
            }
            ProjectAction::WithData(on) => self.state.project.with_data = on,
            ProjectAction::Unsaved(choice) => self.unsaved_answered(choice),
            ProjectAction::DismissReport => self.state.project.report = None,
        }
    }

    /// Does `pending` now, or asks first when changes are unsaved.
    fn unless_unsaved(&mut self, pending: Pending) {
        // While the question is open, a new wish replaces the one waiting: it is never
        // carried out unasked.
        if self.state.project.dirty || self.state.project.unsaved.is_some() {
            self.state.project.unsaved = Some(pending);
        } else {
            self.carry_out(pending);
        }
    }

    fn carry_out(&mut self, pending: Pending) {
        match pending {
            Pending::Close => {
                self.project.may_close = true;
                self.ctx.send_viewport_cmd(egui::ViewportCommand::Close);
            }
            Pending::New => self.new_project(),
            Pending::Open(path) => self.open_project(&path),
        }
    }

    fn unsaved_answered(&mut self, choice: UnsavedChoice) {
        let Some(pending) = self.state.project.unsaved.take() else {
            return;
        };
        match choice {
            UnsavedChoice::Cancel => {}
            UnsavedChoice::Discard => self.carry_out(pending),
            UnsavedChoice::Save => {
                let Some(path) = self.state.project.path.clone() else {
                    // Nowhere to save yet: ask where, and leave the rest to the user.
                    self.apply_project(ProjectAction::SaveAs);
                    return;
                };
                if self.save_project(&path) {
                    self.carry_out(pending);
                }
            }
        }
    }

    fn dialog_answered(&mut self, ask: Ask, answer: Answer, then: ProjectDialog) {
        let lang = self.state.settings.lang;
        match (answer, then) {
            (Answer::Chosen(path), ProjectDialog::Open) => {
                self.apply_project(ProjectAction::Open(path));
            }
            (Answer::Chosen(path), ProjectDialog::SaveAs) => {
                let path = with_extension(path);
                self.save_project(&path);
            }
            (Answer::Cancelled, _) => {}
            (Answer::NoDialog, ProjectDialog::SaveAs) => {
                // No dialog on this machine: the project goes to the folder, under a name
                // that overwrites nothing, and the report says where.
                let Ask::File { name, extension } = ask else {
                    return;
                };
                let folder = project_folder(&self.state);
                let _ = std::fs::create_dir_all(&folder);
                let path = super::saving::unused_path(&folder, &name, &extension);
                self.save_project(&path);
            }
            (Answer::NoDialog, ProjectDialog::Open) => {
                self.state.project.report = Some(ProjectReport {
                    ok: false,
                    title: crate::ui::words::W::NoDialog.get(lang).to_owned(),
                    lines: vec![
                        lang.pick(
                            "Kéo tệp dự án (.lsatlas) vào cửa sổ, hoặc mở bằng --project TỆP.",
                            "Drop the project file (.lsatlas) on the window, or start with --project FILE.",
                        )
                        .to_owned(),
                    ],
                });
            }
        }
    }

    /// Writes the project to `path`; `true` when it was written.
    pub(super) fn save_project(&mut self, path: &Path) -> bool {
        let lang = self.state.settings.lang;
        let dir = path.parent().unwrap_or(Path::new("."));
        let project = self.capture_project(Some(dir));
        let files: Vec<PathBuf> = self
            .user
            .layers
            .slots
            .iter()
            .map(|s| s.stored().source.path.clone())
            .collect();
        let data = self.state.project.with_data.then_some(files.as_slice());
        match project::write(path, &project, data) {
            Ok(()) => {
                self.state.project.path = Some(path.to_path_buf());
                self.project.saved = Some(self.capture_project(Some(dir)));
                self.state.settings.remember_project(path);
                self.state.user.export_note = Some(crate::state::ExportNote {
                    text: format!("✓ {} {}", lang.pick("Đã lưu", "Saved"), path.display()),
                    ok: true,
                    folder: Some(dir.to_path_buf()),
                });
                true
            }
            Err(e) => {
                self.state.project.report = Some(ProjectReport {
                    ok: false,
                    title: lang
                        .pick("Không lưu được dự án", "The project was not saved")
                        .to_owned(),
                    lines: vec![e.to_string()],
                });
                false
            }
        }
    }
}

/// A chosen file name without the extension gets it.
fn with_extension(path: PathBuf) -> PathBuf {
    let has = path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case(project::EXTENSION));
    if has {
        path
    } else {
        let mut s = path.into_os_string();
        s.push(".");
        s.push(project::EXTENSION);
        PathBuf::from(s)
    }
}
