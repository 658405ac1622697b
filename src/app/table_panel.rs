//! The attribute table panel: a user layer's table, or a plan layer's built from its
//! features' properties once, when it is opened; and what leaves a table (its rows as CSV,
//! its selection as GeoJSON), to where the save dialog says.

use super::AtlasApp;
use crate::atlas::Atlas;
use crate::atlas::lang::layer_name;
use crate::layers::UserLayers;
use crate::layers::export::Export;
use crate::layers::plan_table::{PlanTable, PlanTableOf};
use crate::layers::table::TableView;
use crate::state::{Action, State, TableOf};
use crate::ui::attribute_table::{self, Rows};
use egui::Ui;

/// The plan table open, built when first shown (the user layers keep their own).
#[derive(Default)]
pub struct Tables {
    pub plan: Option<PlanTable>,
}

impl Tables {
    /// The open plan table's view (filters, sort), if a plan table is open.
    pub fn plan_view(&self) -> Option<&TableView> {
        self.plan.as_ref().map(|t| &t.view)
    }

    pub fn plan_view_mut(&mut self) -> Option<&mut TableView> {
        self.plan.as_mut().map(|t| &mut t.view)
    }

    /// Shows (or hides) a table; a plan layer's is built here, with a fresh view, so that
    /// no filter or cached row of another layer's table carries over.
    pub fn show(&mut self, of: Option<TableOf>, atlas: &Atlas, state: &mut State) {
        let lang = state.settings.lang;
        if let Some(wanted) = of.and_then(plan_table_of) {
            self.plan = match self.plan.take() {
                Some(t) if t.of == wanted && t.lang == lang => Some(t),
                Some(t) if t.of == wanted => Some(t.relabelled(atlas, lang)),
                _ => Some(PlanTable::new(atlas, wanted, lang)),
            };
        }
        state.user.table = of;
    }

    /// The table panel of the moment: a user layer's table or the plan table shown.
    pub fn panel(
        &mut self,
        ui: &mut Ui,
        atlas: &Atlas,
        state: &mut State,
        user: &mut UserLayers,
        actions: &mut Vec<Action>,
    ) {
        let lang = state.settings.lang;
        match state.user.table {
            Some(TableOf::User(id)) => {
                let Some(layer) = user.get_mut(id) else {
                    return;
                };
                let identified = state
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
                if self.plan.as_ref().is_none_or(|t| t.lang != lang) {
                    self.show(Some(of), atlas, state);
                }
                let wanted = plan_table_of(of);
                let Some(table) = self.plan.as_mut().filter(|t| Some(t.of) == wanted) else {
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
                    selected: state.selected.as_ref(),
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

impl AtlasApp {
    /// Asks where a table's export goes, then writes it.
    pub(super) fn save_table(&mut self, export: Option<Export>) {
        if let Some(export) = export {
            self.exports
                .save_table(export, &mut self.state, &self.atlas, &self.ctx);
        }
    }
}
