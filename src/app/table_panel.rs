//! The attribute table panel: a user layer's table, or a plan layer's built from its
//! features' properties once, when it is opened; and what leaves a table (its rows as CSV,
//! its selection as GeoJSON), to where the save dialog says.

use super::AtlasApp;
use super::saving::{self, Ask, Waiting};
use crate::atlas::io::UserLayer;
use crate::atlas::lang::layer_name;
use crate::atlas::{FeatureId, Lang};
use crate::layers::LayerId;
use crate::layers::table::{self, TableView, distance_table, plan_table};
use crate::state::{Action, ExportNote, TableOf};
use crate::ui::attribute_table::{self, Rows};
use egui::Ui;
use std::path::PathBuf;

/// A plan layer (or the distances of the sites) as a table, the feature behind each row,
/// and the language its columns were named in.
pub(super) struct PlanTable {
    of: TableOf,
    lang: Lang,
    data: UserLayer,
    ids: Vec<FeatureId>,
}

impl AtlasApp {
    /// Shows (or hides) a table; a plan layer's is built here, with a fresh view, so that
    /// no filter or cached row of another layer's table carries over.
    pub(super) fn show_table(&mut self, of: Option<TableOf>) {
        let lang = self.state.settings.lang;
        if let Some(of @ (TableOf::Plan(_) | TableOf::Distances)) = of
            && self
                .plan_table
                .as_ref()
                .is_none_or(|t| t.of != of || t.lang != lang)
        {
            let (data, positions) = match of {
                TableOf::Plan(kind) => plan_table(&self.atlas, kind),
                _ => distance_table(&self.atlas, lang),
            };
            let ids = positions
                .iter()
                .filter_map(|&i| self.atlas.features().get(i).map(|f| f.id().clone()))
                .collect();
            if self.plan_table.as_ref().is_none_or(|t| t.of != of) {
                self.state.user.plan_table = TableView::new(data.fields.len());
            }
            self.plan_table = Some(PlanTable {
                of,
                lang,
                data,
                ids,
            });
        }
        self.state.user.table = of;
    }

    /// The rows a plan or distance table shows, as CSV beside the picture exports.
    pub(super) fn export_plan_rows(&mut self) {
        let Some(table) = &self.plan_table else {
            return;
        };
        let rows = self.state.user.plan_table.rows(&table.data);
        let name = match table.of {
            TableOf::Plan(kind) => layer_name(kind, table.lang).to_owned(),
            _ => table.lang.pick("khoang-cach", "distances").to_owned(),
        };
        let bytes = table::to_csv(&table.data, &rows);
        self.save_file(&name, "csv", bytes, rows.len());
    }

    /// The selected plan feature as GeoJSON, when the open plan table holds it.
    pub(super) fn export_plan_selection(&mut self) {
        let Some(table) = &self.plan_table else {
            return;
        };
        let chosen: Vec<usize> = self
            .state
            .selected
            .as_ref()
            .and_then(|s| table.ids.iter().position(|id| id == s))
            .into_iter()
            .collect();
        let name = match table.of {
            TableOf::Plan(kind) => layer_name(kind, table.lang).to_owned(),
            _ => table.lang.pick("khoang-cach", "distances").to_owned(),
        };
        let text = table::to_geojson(&table.data, chosen.iter().copied());
        self.save_file(
            &format!("{name}-selection"),
            "geojson",
            Ok(text.into_bytes()),
            chosen.len(),
        );
    }

    /// Asks where a table export goes (the save dialog, named after the layer), then
    /// writes it; see `saving.rs`.
    pub(super) fn save_file(
        &mut self,
        name: &str,
        extension: &str,
        bytes: Result<Vec<u8>, String>,
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
        bytes: Result<Vec<u8>, String>,
        what: usize,
        note: &str,
    ) {
        let written = bytes.and_then(|b| {
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
        let Some(layer) = self.user.get(id) else {
            return;
        };
        let rows = layer.table.rows(&layer.data);
        let bytes = table::to_csv(&layer.data, &rows);
        let name = layer.stored.name.clone();
        self.save_file(&name, "csv", bytes, rows.len());
    }

    pub(super) fn export_selection(&mut self, id: LayerId) {
        let Some(layer) = self.user.get(id) else {
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
                let Some(layer) = self.user.get_mut(id) else {
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
                let Some(table) = self.plan_table.as_ref().filter(|t| t.of == of) else {
                    return;
                };
                let title = match of {
                    TableOf::Plan(kind) => layer_name(kind, lang).to_owned(),
                    _ => lang
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
                    &mut self.state.user.plan_table,
                    rows,
                    lang,
                    actions,
                );
            }
            None => {}
        }
    }
}
