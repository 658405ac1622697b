//! The attribute table panel: a user layer's table, or a plan layer's built from its
//! features' properties once, when it is opened.

use super::AtlasApp;
use crate::atlas::io::UserLayer;
use crate::atlas::lang::layer_name;
use crate::atlas::{FeatureId, LayerKind};
use crate::layers::table::{TableView, plan_table};
use crate::state::{Action, TableOf};
use crate::ui::attribute_table::{self, Rows};
use egui::Ui;

/// A plan layer as a table, and the feature behind each row.
pub(super) struct PlanTable {
    kind: LayerKind,
    data: UserLayer,
    ids: Vec<FeatureId>,
}

impl AtlasApp {
    /// Shows (or hides) a table; a plan layer's is built here, with a fresh view, so that
    /// no filter or cached row of another layer's table carries over.
    pub(super) fn show_table(&mut self, of: Option<TableOf>) {
        if let Some(TableOf::Plan(kind)) = of
            && self.plan_table.as_ref().is_none_or(|t| t.kind != kind)
        {
            let (data, positions) = plan_table(&self.atlas, kind);
            let ids = positions
                .iter()
                .filter_map(|&i| self.atlas.features().get(i).map(|f| f.id().clone()))
                .collect();
            self.state.user.plan_table = TableView::new(data.fields.len());
            self.plan_table = Some(PlanTable { kind, data, ids });
        }
        self.state.user.table = of;
    }

    pub(super) fn table_panel(&mut self, ui: &mut Ui, actions: &mut Vec<Action>) {
        let lang = self.state.settings.lang;
        match self.state.user.table {
            Some(TableOf::User(id)) => {
                let Some(layer) = self.user.get_mut(id) else {
                    return;
                };
                let rows = Rows::User {
                    id,
                    selected: &layer.selected,
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
            Some(TableOf::Plan(kind)) => {
                let Some(table) = self.plan_table.as_ref().filter(|t| t.kind == kind) else {
                    return;
                };
                let rows = Rows::Plan {
                    ids: &table.ids,
                    selected: self.state.selected.as_ref(),
                };
                attribute_table::show(
                    ui,
                    layer_name(kind, lang),
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
