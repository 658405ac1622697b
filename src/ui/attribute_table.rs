//! The attribute table under the map, for a user layer or a plan layer: sort by a column
//! (click its header), a quick filter over every column and a filter per column, the count
//! of rows shown, selection shared with the map, and the exports.

use crate::atlas::{FeatureId, Lang};
use crate::layers::LayerId;
use crate::layers::style::text;
use crate::layers::table::{Filter, TableView};
use crate::sources::UserLayer;
use crate::state::{Action, UserAction};
use crate::ui::words::W;
use egui::{RichText, Ui};
use egui_extras::{Column, TableBuilder};

pub const QUICK_FILTER_ID: &str = "table-quick-filter";

/// What the table is of, as its rows need it: a user layer's selection, or the plan
/// features behind the rows.
pub enum Rows<'a> {
    User {
        id: LayerId,
        selected: &'a std::collections::BTreeSet<usize>,
        /// The feature shown in the side panel (picked on the map or in the table).
        identified: Option<usize>,
    },
    Plan {
        ids: &'a [FeatureId],
        selected: Option<&'a FeatureId>,
    },
}

pub fn show(
    ui: &mut Ui,
    name: &str,
    data: &UserLayer,
    view: &mut TableView,
    of: Rows<'_>,
    lang: Lang,
    actions: &mut Vec<Action>,
) {
    if view.filters.len() != data.fields.len() {
        *view = TableView::new(data.fields.len());
    }
    let shown: Vec<usize> = view.rows_cached(data).to_vec();
    // The feature picked last (on the map or here) is scrolled into view once, when it
    // changes; a filter that hides it is said.
    let focus = match &of {
        Rows::User { identified, .. } => *identified,
        Rows::Plan { ids, selected } => selected.and_then(|s| ids.iter().position(|id| id == s)),
    };
    let memory = egui::Id::unique(("table-focus", name));
    let last: Option<usize> = ui.data(|d| d.get_temp(memory)).flatten();
    ui.data_mut(|d| d.insert_temp(memory, focus));
    let reveal = focus
        .filter(|f| Some(*f) != last)
        .and_then(|f| shown.iter().position(|&r| r == f));
    let hidden = focus.is_some_and(|f| !shown.contains(&f));
    toolbar(ui, name, data, view, &of, shown.len(), lang, actions);
    if hidden {
        ui.label(
            RichText::new(W::FocusFiltered.get(lang))
                .small()
                .color(crate::theme::WARNING),
        );
    }
    egui::CollapsingHeader::new(W::ColumnFilters.get(lang))
        .id_salt("column-filters")
        .show(ui, |ui| filters(ui, data, view, lang));

    let row_height = 20.0;
    let mut sort_by = None;
    // Columns share the width first (long names wrap in a two-line header), so that every
    // column starts in view; the reader can widen any of them.
    let columns = data.fields.len().max(1);
    let width = (ui.available_width() / columns as f32 - 8.0).clamp(80.0, 260.0);
    let mut builder = TableBuilder::new(ui);
    if let Some(row) = reveal {
        builder = builder.scroll_to_row(row, None);
    }
    builder
        .striped(true)
        .resizable(true)
        .sense(egui::Sense::click())
        .min_scrolled_height(0.0)
        .columns(
            Column::initial(width).at_least(50.0).clip(true),
            data.fields.len().max(1),
        )
        .header(row_height * 2.0, |mut header| {
            for (k, field) in data.fields.iter().enumerate() {
                header.col(|ui| {
                    let arrow = match view.sort {
                        Some((f, true)) if f == k => " ▲",
                        Some((f, false)) if f == k => " ▼",
                        _ => "",
                    };
                    let title = RichText::new(format!("{}{arrow}", field.name)).strong();
                    if ui
                        .add(egui::Button::new(title).frame(false).wrap())
                        .on_hover_text(field.kind.name())
                        .clicked()
                    {
                        sort_by = Some(k);
                    }
                });
            }
        })
        .body(|body| {
            body.rows(row_height, shown.len(), |mut row| {
                let i = shown[row.index()];
                let is_selected = match &of {
                    Rows::User { selected, .. } => selected.contains(&i),
                    Rows::Plan { ids, selected } => selected.is_some_and(|s| ids.get(i) == Some(s)),
                };
                row.set_selected(is_selected);
                if let Some(feature) = data.features.get(i) {
                    for value in &feature.values {
                        row.col(|ui| {
                            // Not selectable: a click anywhere on the row selects the row.
                            ui.add(egui::Label::new(text(value)).selectable(false));
                        });
                    }
                }
                if row.response().clicked() {
                    let add = row
                        .response()
                        .ctx
                        .input(|inp| inp.modifiers.command || inp.modifiers.shift);
                    match &of {
                        Rows::User { id, .. } => {
                            actions.push(Action::User(UserAction::SelectRows(*id, vec![i], add)));
                            actions.push(Action::User(UserAction::Identify(Some((*id, i)))));
                        }
                        Rows::Plan { ids, .. } => {
                            if let Some(fid) = ids.get(i) {
                                actions.push(Action::Select(fid.clone()));
                                actions.push(Action::ZoomToFeature(fid.clone()));
                            }
                        }
                    }
                }
            });
        });
    if let Some(k) = sort_by {
        view.toggle_sort(k);
    }
}

/// The table's name and counts, its quick filter, and what can be done with its rows.
#[allow(clippy::too_many_arguments)]
fn toolbar(
    ui: &mut Ui,
    name: &str,
    data: &UserLayer,
    view: &mut TableView,
    of: &Rows<'_>,
    shown: usize,
    lang: Lang,
    actions: &mut Vec<Action>,
) {
    let selected_count = match of {
        Rows::User { selected, .. } => selected.len(),
        Rows::Plan { ids, selected } => usize::from(selected.is_some_and(|s| ids.contains(s))),
    };
    ui.horizontal_wrapped(|ui| {
        ui.label(RichText::new(name).strong());
        ui.label(format!(
            "{} {} {} · {selected_count} {}",
            shown,
            W::Of.get(lang),
            data.features.len(),
            W::Selected.get(lang)
        ));
        if data.format == crate::sources::Format::PostGis {
            ui.label(
                RichText::new(lang.pick(
                    "(các dòng trong khung nhìn bản đồ)",
                    "(the rows in the map's view)",
                ))
                .weak(),
            );
        }
        ui.add(
            egui::TextEdit::singleline(&mut view.quick)
                .id(egui::Id::unique(QUICK_FILTER_ID))
                .hint_text(W::QuickFilter.get(lang))
                .desired_width(160.0),
        );
        if let Rows::User { id, .. } = *of {
            if ui.button(W::ZoomToSelection.get(lang)).clicked() {
                actions.push(Action::User(UserAction::ZoomToRows(id)));
            }
            if ui.button(W::ClearSelection.get(lang)).clicked() {
                actions.push(Action::User(UserAction::SelectRows(id, Vec::new(), false)));
            }
            if ui.button(W::ExportCsv.get(lang)).clicked() {
                actions.push(Action::User(UserAction::ExportRows(id)));
            }
            if ui.button(W::ExportGeoJson.get(lang)).clicked() {
                actions.push(Action::User(UserAction::ExportSelection(id)));
            }
        }
        if let Rows::Plan { ids, selected } = of {
            // A plan feature is selected one at a time, as the side panel shows one.
            let in_table = selected.filter(|s| ids.contains(s));
            if ui
                .add_enabled(
                    in_table.is_some(),
                    egui::Button::new(W::ZoomToSelection.get(lang)),
                )
                .clicked()
                && let Some(fid) = in_table
            {
                actions.push(Action::ZoomToFeature(fid.clone()));
            }
            if ui.button(W::ExportCsv.get(lang)).clicked() {
                actions.push(Action::User(UserAction::ExportPlanRows));
            }
            if ui
                .add_enabled(
                    in_table.is_some(),
                    egui::Button::new(W::ExportGeoJson.get(lang)),
                )
                .clicked()
            {
                actions.push(Action::User(UserAction::ExportPlanSelection));
            }
        }
        if ui.button(W::Close.get(lang)).clicked() {
            actions.push(Action::User(UserAction::ShowTable(None)));
        }
    });
}

/// One line per field: no filter, equals, contains, or a range of numbers or dates.
fn filters(ui: &mut Ui, data: &UserLayer, view: &mut TableView, lang: Lang) {
    egui::Grid::new("column-filter-grid")
        .num_columns(3)
        .show(ui, |ui| {
            for (k, field) in data.fields.iter().enumerate() {
                let Some(filter) = view.filters.get_mut(k) else {
                    continue;
                };
                ui.label(&field.name);
                let mode = match filter {
                    None => 0,
                    Some(Filter::Equals(_)) => 1,
                    Some(Filter::Contains(_)) => 2,
                    Some(Filter::Range(..)) => 3,
                };
                let names = [
                    "—",
                    W::Equals.get(lang),
                    W::Contains.get(lang),
                    W::Range.get(lang),
                ];
                let mut chosen = mode;
                egui::ComboBox::from_id_salt(("filter-mode", k))
                    .selected_text(names[mode])
                    .show_ui(ui, |ui| {
                        for (m, n) in names.iter().enumerate() {
                            ui.selectable_value(&mut chosen, m, *n);
                        }
                    });
                if chosen != mode {
                    *filter = match chosen {
                        1 => Some(Filter::Equals(String::new())),
                        2 => Some(Filter::Contains(String::new())),
                        3 => Some(Filter::Range(String::new(), String::new())),
                        _ => None,
                    };
                }
                ui.horizontal(|ui| match filter {
                    Some(Filter::Equals(t) | Filter::Contains(t)) => {
                        ui.add(egui::TextEdit::singleline(t).desired_width(140.0));
                    }
                    Some(Filter::Range(low, high)) => {
                        // Dates are typed as Vietnamese write them, or as a bare year.
                        let hint = if field.kind == crate::sources::FieldKind::Date {
                            "dd/mm/yyyy"
                        } else {
                            ""
                        };
                        for (k, bound) in [low, high].into_iter().enumerate() {
                            if k == 1 {
                                ui.label("–");
                            }
                            ui.add(
                                egui::TextEdit::singleline(bound)
                                    .hint_text(hint)
                                    .desired_width(80.0),
                            );
                        }
                    }
                    None => {}
                });
                ui.end_row();
            }
        });
}
