//! The attribute table panel: a user layer's table, or a plan layer's built from its
//! features' properties once, when it is opened; and what leaves a table (its rows as CSV,
//! its selection as GeoJSON), to where the save dialog says.

use super::AtlasApp;
use super::saving::{self, Ask, Waiting};
use crate::atlas::lang::layer_name;
use crate::layers::LayerId;
use crate::layers::plan_table::{Export, PlanTable, PlanTableOf};
use crate::layers::table::{self, CsvError};
use crate::state::{Action, ExportNote, TableOf};
use crate::ui::attribute_table::{self, Rows};
use egui::Ui;
use std::path::PathBuf;

impl AtlasApp {
    /// Shows (or hides) a table; a plan layer's is built here, with a fresh view, so that
    /// no filter or cached row of another layer's table carries over.
    pub(super) fn show_table(&mut self, of: Option<TableOf>) {
        let lang = self.state.settings.lang;
        if let Some(wanted) = of.and_then(plan_table_of) {
            self.plan_table = match self.plan_table.take() {
                Some(t) if t.of == wanted && t.lang == lang => Some(t),
                Some(t) if t.of == wanted => Some(t.relabelled(&self.atlas, lang)),
                _ => Some(PlanTable::new(&self.atlas, wanted, lang)),
            };
        }
        self.state.user.table = of;
    }

    /// The rows a plan or distance table shows, as CSV.
    pub(super) fn export_plan_rows(&mut self) {
        if let Some(export) = self.plan_table.as_mut().map(PlanTable::rows_csv) {
            self.save_export(export);
        }
    }

    /// The selected plan feature as GeoJSON, when the open plan table holds it.
    pub(super) fn export_plan_selection(&mut self) {
        let selected = self.state.selected.as_ref();
        if let Some(export) = self
            .plan_table
            .as_ref()
            .map(|t| t.selection_geojson(selected))
        {
            self.save_export(export);
        }
    }

    fn save_export(&mut self, export: Export) {
        self.save_file(&export.name, export.extension, export.bytes, export.count);
    }

    /// Asks where a table export goes (the save dialog, named after the layer), then
    /// writes it; see `saving.rs`.
    pub(super) fn save_file(
        &mut self,
        name: &str,
        extension: &str,
        bytes: Result<Vec<u8>, CsvError>,
        what: usize,
    ) {
        let ask = Ask::File {
            name: saving::safe_name(name),
            extension: extension.to_owned(),
        };
        let folder = self.export_folder();
        if !self
            .saving
            .ask(ask, &folder, Waiting::File { bytes, what }, &self.ctx)
        {
            let lang = self.state.settings.lang;
            self.state.user.export_note = Some(ExportNote::failed(lang.pick(
                "Hộp thoại lưu tệp đang mở.",
                "A save dialog is already open.",
            )));
        }
        // Without a dialog the answer is already there.
        self.poll_saving();
    }

    pub(super) fn write_export(
        &mut self,
        path: PathBuf,
        bytes: Result<Vec<u8>, CsvError>,
        what: usize,
        note: &str,
    ) {
        let written = bytes.map_err(|e| e.to_string()).and_then(|b| {
            if let Some(dir) = path.parent() {
                std::fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
            }
            std::fs::write(&path, b).map_err(|e| format!("{}: {e}", path.display()))
        });
        self.state.user.export_note = Some(match written {
            Ok(()) => ExportNote {
                text: format!("{note}{what} → {}", path.display()),
                ok: true,
                folder: path.parent().map(std::path::Path::to_path_buf),
            },
            Err(e) => ExportNote::failed(format!("✗ {e}")),
        });
    }

    pub(super) fn export_rows(&mut self, id: LayerId) {
        let Some(layer) = self.user.layers.get(id) else {
            return;
        };
        let rows = layer.table.rows(&layer.data);
        let bytes = table::to_csv(&layer.data, &rows);
        let name = layer.stored.name.clone();
        self.save_file(&name, "csv", bytes, rows.len());
    }

    pub(super) fn export_selection(&mut self, id: LayerId) {
        let Some(layer) = self.user.layers.get(id) else {
            return;
        };
        let n = layer.selected.len();
        let name = format!("{}-selection", layer.stored.name);
        let text = table::to_geojson(&layer.data, layer.selected.iter().copied());
        self.save_file(&name, "geojson", Ok(text.into_bytes()), n);
    }

    pub(super) fn table_panel(&mut self, ui: &mut Ui, actions: &mut Vec<Action>) {
        let lang = self.state.settings.lang;
        match self.state.user.table {
            Some(TableOf::User(id)) => {
                let Some(layer) = self.user.layers.get_mut(id) else {
                    return;
                };
                let identified = self
                    .state
                    .user
                    .identified
                    .filter(|(l, _)| *l == id)
                    .map(|(_, i)| i);
                let rows = Rows::User {
                    id,
                    selected: &layer.selected,
                    identified,
                };
                attribute_table::show(
                    ui,
                    &layer.stored.name,
                    &layer.data,
                    &mut layer.table,
                    rows,
                    lang,
                    actions,
                );
            }
            Some(of @ (TableOf::Plan(_) | TableOf::Distances)) => {
                if self.plan_table.as_ref().is_none_or(|t| t.lang != lang) {
                    self.show_table(Some(of));
                }
                let wanted = plan_table_of(of);
                let Some(table) = self.plan_table.as_mut().filter(|t| Some(t.of) == wanted) else {
                    return;
                };
                let title = match of {
                    TableOf::Plan(kind) => layer_name(kind, lang).to_owned(),
                    TableOf::Distances | TableOf::User(_) => lang
                        .pick(
                            "Khoảng cách đường chim bay từ các khu, cụm công nghiệp",
                            "Straight-line distances from the industrial sites",
                        )
                        .to_owned(),
                };
                let rows = Rows::Plan {
                    ids: &table.ids,
                    selected: self.state.selected.as_ref(),
                };
                attribute_table::show(
                    ui,
                    &title,
                    &table.data,
                    &mut table.view,
                    rows,
                    lang,
                    actions,
                );
            }
            None => {}
        }
    }
}

/// The plan table a table choice names, if it names one.
fn plan_table_of(of: TableOf) -> Option<PlanTableOf> {
    match of {
        TableOf::Plan(kind) => Some(PlanTableOf::Layer(kind)),
        TableOf::Distances => Some(PlanTableOf::Distances),
        TableOf::User(_) => None,
    }
}
