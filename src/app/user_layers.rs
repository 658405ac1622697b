//! Wiring the user-layer room (`user_room`) to the rest of the app: its actions, what it
//! reports back (a view to fit, a question, a layer gone), drag-and-drop and the
//! platform's file dialog.

use super::{AtlasApp, postgis};
use crate::layers::plan_table::PlanTable;
use crate::map::pane::MapPane;
use crate::state::{ExportNote, UserAction, UserState};
use crate::task::{Poll, Task};
use crate::ui::widgets::Widgets;
use crate::ui::words::W;
use crate::user_room::{Change, Event};
use std::path::PathBuf;

/// The platform's file dialog (xdg-desktop-portal, else zenity), on a task of its own:
/// the files chosen, or `None` when no dialog could open. The open box in the layer list
/// stays for machines with neither.
#[derive(Default)]
pub struct OpenDialog(Option<Task<Option<Vec<PathBuf>>>>);

impl OpenDialog {
    fn start(&mut self, ctx: &egui::Context) {
        if self.0.is_some() {
            return;
        }
        let ctx = ctx.clone();
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
            self.0 = Some(task);
        }
    }

    /// The dialog's answer, once: the files chosen, or `None` when none could open.
    fn answer(&mut self) -> Option<Option<Vec<PathBuf>>> {
        let answer = match self.0.as_mut().map(Task::poll) {
            None | Some(Poll::Running) => return None,
            Some(Poll::Done(answer)) => answer,
            Some(Poll::Lost) => None,
        };
        self.0 = None;
        Some(answer)
    }
}

impl AtlasApp {
    /// Takes what the room has to say since the last frame, and the file dialog's answer.
    pub(super) fn poll_loads(&mut self) {
        let events = self.user.poll();
        if take_events(events, &mut self.state.user, &mut self.map) {
            self.settle.after_work(self.ctx.input(|i| i.time));
        }
        match self.open_dialog.answer() {
            None => {}
            Some(Some(paths)) => self.user.open_files(paths),
            Some(None) => {
                let lang = self.state.settings.lang;
                self.state.user.export_note = Some(ExportNote::failed(W::NoDialog.get(lang)));
            }
        }
    }

    fn change_layer(&mut self, id: crate::layers::LayerId, change: Change) {
        let events = self.user.change(id, change);
        if take_events(events, &mut self.state.user, &mut self.map) {
            self.settle.after_work(self.ctx.input(|i| i.time));
        }
    }

    /// The user-layer actions (`apply.rs` hands them here).
    pub(super) fn apply_user(&mut self, action: UserAction) {
        match action {
            UserAction::OpenFiles(paths) => self.user.open_files(paths),
            UserAction::Open(source) => {
                next_prompt(&mut self.state.user, &mut self.widgets);
                self.user.open_source(source);
            }
            UserAction::OpenDialog => self.open_dialog.start(&self.ctx),
            UserAction::DismissPrompt => next_prompt(&mut self.state.user, &mut self.widgets),
            UserAction::CancelLoad(id) => self.change_layer(id, Change::CancelLoad),
            UserAction::LayerVisible(id, on) => self.change_layer(id, Change::Visible(on)),
            UserAction::LayerOpacity(id, o) => self.change_layer(id, Change::Opacity(o)),
            UserAction::RenameLayer(id, name) => self.change_layer(id, Change::Rename(name)),
            UserAction::MoveLayer(id, by) => self.change_layer(id, Change::Move(by)),
            UserAction::RemoveLayer(id) => self.change_layer(id, Change::Remove),
            UserAction::ZoomToLayer(id) => self.map.frame_rect(self.user.bbox(id, false)),
            UserAction::SetStyle(id, style) => self.change_layer(id, Change::Style(style)),
            UserAction::EditStyle(id) => self.state.user.style_editor = id,
            UserAction::Identify(hit) => {
                self.state.user.identified = hit;
                if hit.is_some() {
                    self.state.selected = None;
                }
            }
            UserAction::ShowTable(of) => self.tables.show(of, &self.atlas, &mut self.state),
            UserAction::SelectRows(id, rows, add) => {
                self.change_layer(id, Change::Select(rows, add))
            }
            UserAction::ZoomToRows(id) => self.map.frame_rect(self.user.bbox(id, true)),
            UserAction::ExportRows(id) => {
                self.save_table(self.user.layers.get(id).map(|l| l.rows_export()))
            }
            UserAction::ExportSelection(id) => {
                self.save_table(self.user.layers.get(id).map(|l| l.selection_export()))
            }
            UserAction::ExportPlanRows => {
                let export = self.tables.plan.as_mut().map(PlanTable::rows_csv);
                self.save_table(export)
            }
            UserAction::ExportPlanSelection => {
                let selected = self.state.selected.as_ref();
                let export = self
                    .tables
                    .plan
                    .as_ref()
                    .map(|t| t.selection_geojson(selected));
                self.save_table(export)
            }
            UserAction::PostGisDialog(open) => self.listing.show(open, &mut self.state.user),
            UserAction::PostGisList(source, password) => {
                self.listing
                    .list(source, password, &mut self.state.user, &self.ctx)
            }
            UserAction::PostGisAdd(sources, password) => {
                postgis::add_tables(&mut self.user, sources, &password);
                self.listing.show(false, &mut self.state.user);
            }
            UserAction::Reconnect(id, password) => {
                postgis::reconnect(&mut self.user, id, &password)
            }
        }
    }
}

/// Acts on what the user-layer room reported: a layer's box to frame, a question to ask,
/// features replaced or a layer gone (what pointed at them lets go). Returns whether a
/// layer was removed (its memory is free to give back).
pub(super) fn take_events(
    events: impl IntoIterator<Item = Event>,
    user: &mut UserState,
    map: &mut MapPane,
) -> bool {
    let mut removed = false;
    for event in events {
        match event {
            Event::Fit(bbox) => map.frame_rect(Some(bbox)),
            Event::Ask(prompt) => user.ask(prompt),
            Event::Replaced(id) => user.forget_features_of(id),
            Event::Removed(id) => {
                user.forget_layer(id);
                removed = true;
            }
        }
    }
    removed
}

/// The question shown is settled: the next file's, with nothing typed for the last.
fn next_prompt(user: &mut UserState, widgets: &mut Widgets) {
    user.next_prompt();
    widgets.other_epsg.clear();
    widgets.columns_chosen = None;
}

/// Files dropped on the window this frame (a project file among them is the project to
/// open, the others open as layers); files held over it are announced.
pub(super) fn dropped_files(
    ctx: &egui::Context,
    user: &mut UserState,
) -> (Option<PathBuf>, Vec<PathBuf>) {
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
    user.files_hovering = hovering;
    let (projects, layers): (Vec<PathBuf>, Vec<PathBuf>) = dropped.into_iter().partition(|p| {
        p.extension()
            .is_some_and(|e| e.eq_ignore_ascii_case(crate::project::EXTENSION))
    });
    (projects.into_iter().next(), layers)
}
