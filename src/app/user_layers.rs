//! Wiring the user-layer room (`user_room`) to the rest of the app: its actions, what it
//! reports back (a view to fit, a question, a layer gone), drag-and-drop and the
//! platform's file dialog.

use super::AtlasApp;
use crate::state::{Prompt, TableOf, UserAction};
use crate::task::{Poll, Task};
use crate::ui::words::W;
use crate::user_room::{Change, Event};
use std::path::PathBuf;

/// The file dialog's answer: the files chosen, or `None` when no dialog could open.
#[derive(Default)]
pub struct OpenDialog(Option<Task<Option<Vec<PathBuf>>>>);

impl AtlasApp {
    /// Takes what the room has to say since the last frame, and the file dialog's answer.
    pub(super) fn poll_loads(&mut self) {
        let events = self.user.poll();
        self.handle_user_events(events);
        let answer = match self.open_dialog.0.as_mut().map(Task::poll) {
            None | Some(Poll::Running) => None,
            Some(Poll::Done(answer)) => Some(answer),
            Some(Poll::Lost) => Some(None),
        };
        if let Some(answer) = answer {
            self.open_dialog.0 = None;
            match answer {
                Some(paths) => self.user.open_files(paths),
                None => {
                    let lang = self.state.settings.lang;
                    self.state.user.export_note =
                        Some(crate::state::ExportNote::failed(W::NoDialog.get(lang)));
                }
            }
        }
    }

    pub(super) fn handle_user_events(&mut self, events: Vec<Event>) {
        for event in events {
            match event {
                Event::Fit(bbox) => self.fit_box(Some(bbox)),
                Event::Ask(prompt) => self.ask(prompt),
                Event::Replaced(id) => {
                    if self.state.user.identified.is_some_and(|(l, _)| l == id) {
                        self.state.user.identified = None;
                    }
                }
                Event::Removed(id) => {
                    let user = &mut self.state.user;
                    if user.identified.is_some_and(|(l, _)| l == id) {
                        user.identified = None;
                    }
                    if user.table == Some(TableOf::User(id)) {
                        user.table = None;
                    }
                    if user.style_editor == Some(id) {
                        user.style_editor = None;
                    }
                }
            }
        }
    }

    /// Files dropped on the window open as layers (a project file opens as the project);
    /// files held over it are announced.
    pub(super) fn take_dropped_files(&mut self, ctx: &egui::Context) {
        let (hovering, dropped) = ctx.input(|i| {
            (
                !i.raw.hovered_files.is_empty(),
                i.raw
                    .dropped_files
                    .iter()
                    .map(|f| f.path().to_path_buf())
                    .filter(|p| !p.as_os_str().is_empty())
                    .collect::<Vec<_>>(),
            )
        });
        self.state.user.files_hovering = hovering;
        let (projects, layers): (Vec<PathBuf>, Vec<PathBuf>) = dropped.into_iter().partition(|p| {
            p.extension()
                .is_some_and(|e| e.eq_ignore_ascii_case(crate::project::EXTENSION))
        });
        if let Some(project) = projects.into_iter().next() {
            self.apply(crate::state::Action::Project(
                crate::state::ProjectAction::Open(project),
            ));
        }
        if !layers.is_empty() {
            self.open_files(layers);
        }
    }

    /// The platform's dialog (xdg-desktop-portal, else zenity) on a thread of its own; the
    /// open box in the layer list stays for machines with neither.
    fn start_open_dialog(&mut self) {
        if self.open_dialog.0.is_some() {
            return;
        }
        let ctx = self.ctx.clone();
        let spawned = Task::spawn(
            "file dialog",
            move || ctx.request_repaint(),
            move |_| {
                let asked = std::time::Instant::now();
                let picked = rfd::FileDialog::new()
                    .add_filter(
                        "GIS",
                        &[
                            "geojson", "json", "shp", "zip", "kml", "kmz", "csv", "tsv", "gpkg",
                            "fgb",
                        ],
                    )
                    .pick_files();
                // rfd says nothing when neither a desktop portal nor zenity is there; an
                // answer faster than a person can cancel means no dialog was shown.
                let shown = picked.is_some() || asked.elapsed().as_millis() > 300;
                shown.then(|| picked.unwrap_or_default())
            },
        );
        if let Ok(task) = spawned {
            self.open_dialog.0 = Some(task);
        }
    }

    /// Asks `prompt` now, or after the question already shown.
    fn ask(&mut self, prompt: Prompt) {
        let user = &mut self.state.user;
        if user.prompt.is_none() {
            user.prompt = Some(prompt);
        } else {
            user.prompts_waiting.push_back(prompt);
        }
    }

    /// The question shown is settled: the next file's, if one waits.
    fn next_prompt(&mut self) {
        let user = &mut self.state.user;
        user.prompt = user.prompts_waiting.pop_front();
        self.widgets.other_epsg.clear();
        self.widgets.columns_chosen = None;
    }

    pub(super) fn fit_box(&mut self, bbox: Option<geo::Rect<f64>>) {
        if let Some(r) = bbox {
            let pad = geo::Coord { x: 0.002, y: 0.002 };
            self.pending_fit = Some((r.min() - pad, r.max() + pad));
        }
    }

    fn change_layer(&mut self, id: crate::layers::LayerId, change: Change) {
        let events = self.user.change(id, change).into_iter().collect();
        self.handle_user_events(events);
    }

    /// The user-layer actions (`apply.rs` hands them here).
    pub(super) fn apply_user(&mut self, action: UserAction) {
        match action {
            UserAction::OpenFiles(paths) => self.open_files(paths),
            UserAction::Open(source) => {
                self.next_prompt();
                self.user.open_source(source);
            }
            UserAction::OpenDialog => self.start_open_dialog(),
            UserAction::DismissPrompt => self.next_prompt(),
            UserAction::CancelLoad(id) => self.change_layer(id, Change::CancelLoad),
            UserAction::LayerVisible(id, on) => self.change_layer(id, Change::Visible(on)),
            UserAction::LayerOpacity(id, o) => self.change_layer(id, Change::Opacity(o)),
            UserAction::RenameLayer(id, name) => self.change_layer(id, Change::Rename(name)),
            UserAction::MoveLayer(id, by) => self.change_layer(id, Change::Move(by)),
            UserAction::RemoveLayer(id) => self.change_layer(id, Change::Remove),
            UserAction::ZoomToLayer(id) => self.fit_box(self.user.bbox(id, false)),
            UserAction::SetStyle(id, style) => self.change_layer(id, Change::Style(style)),
            UserAction::EditStyle(id) => self.state.user.style_editor = id,
            UserAction::Identify(hit) => {
                self.state.user.identified = hit;
                if hit.is_some() {
                    self.state.selected = None;
                }
            }
            UserAction::ShowTable(of) => self.show_table(of),
            UserAction::SelectRows(id, rows, add) => {
                self.change_layer(id, Change::Select(rows, add))
            }
            UserAction::ZoomToRows(id) => self.fit_box(self.user.bbox(id, true)),
            UserAction::ExportRows(id) => self.export_rows(id),
            UserAction::ExportSelection(id) => self.export_selection(id),
            UserAction::ExportPlanRows => self.export_plan_rows(),
            UserAction::ExportPlanSelection => self.export_plan_selection(),
            UserAction::PostGisDialog(open) => self.postgis_dialog(open),
            UserAction::PostGisList(source, password) => self.list_tables(source, password),
            UserAction::PostGisAdd(sources, password) => self.add_tables(sources, password),
            UserAction::Reconnect(id, password) => self.reconnect(id, password),
        }
    }

    /// Files to open: layers, each with the next colour.
    pub(super) fn open_files(&mut self, paths: Vec<PathBuf>) {
        self.user.open_files(paths);
    }
}
