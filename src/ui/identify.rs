//! The side panel for a feature of the reader's own layers: every attribute in the file's
//! field order, with its type; the plan's features keep their facts panel.

use crate::atlas::Lang;
use crate::layers::style::text;
use crate::layers::{LayerId, UserLayers};
use crate::state::{Action, TableOf, UserAction};
use crate::theme::{self, fonts};
use crate::ui::words::W;
use egui::{RichText, Ui};

pub fn show(
    ui: &mut Ui,
    layers: &UserLayers,
    (id, index): (LayerId, usize),
    lang: Lang,
    actions: &mut Vec<Action>,
) {
    let Some(layer) = layers.get(id) else {
        return;
    };
    let Some(feature) = layer.data.features.get(index) else {
        return;
    };
    ui.label(RichText::new(&layer.stored.name).font(fonts::bold(18.0)));
    ui.label(
        RichText::new(format!("{} · #{}", W::Layer.get(lang), index + 1))
            .small()
            .color(theme::MUTED),
    );
    ui.horizontal_wrapped(|ui| {
        if ui.button(W::ZoomToSelection.get(lang)).clicked() {
            actions.push(Action::User(UserAction::SelectRows(id, vec![index], false)));
            actions.push(Action::User(UserAction::ZoomToRows(id)));
        }
        if ui.button(W::Table.get(lang)).clicked() {
            actions.push(Action::User(UserAction::ShowTable(Some(TableOf::User(id)))));
        }
        if ui.button(W::Close.get(lang)).clicked() {
            actions.push(Action::User(UserAction::Identify(None)));
        }
    });
    ui.separator();
    ui.label(RichText::new(W::Attributes.get(lang)).font(fonts::bold(15.0)));
    if layer.data.fields.is_empty() {
        ui.weak(W::NoAttributes.get(lang));
    }
    egui::ScrollArea::vertical().show(ui, |ui| {
        crate::ui::pairs_grid(ui, "identify-attributes")
            .striped(true)
            .spacing([12.0, 4.0])
            .show(ui, |ui| {
                for (field, value) in layer.data.fields.iter().zip(&feature.values) {
                    ui.label(RichText::new(&field.name).strong())
                        .on_hover_text(field.kind.name());
                    let shown = text(value);
                    if shown.is_empty() {
                        ui.weak("—");
                    } else {
                        ui.add(egui::Label::new(shown).wrap());
                    }
                    ui.end_row();
                }
            });
    });
}
