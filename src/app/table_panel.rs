//! The attribute table panel: a user layer's table, or a plan layer's built from its
//! features' properties.

use super::AtlasApp;
use crate::atlas::lang::layer_name;
use crate::layers::table::plan_table;
use crate::state::{Action, TableOf};
use crate::ui::attribute_table::{self, Rows};
use egui::Ui;

impl AtlasApp {
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
                let (data, positions) = plan_table(&self.atlas, kind);
                let ids: Vec<_> = positions
                    .iter()
                    .filter_map(|&i| self.atlas.features().get(i).map(|f| f.id().clone()))
                    .collect();
                let rows = Rows::Plan {
                    ids: &ids,
                    selected: self.state.selected.as_ref(),
                };
                attribute_table::show(
                    ui,
                    layer_name(kind, lang),
                    &data,
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
