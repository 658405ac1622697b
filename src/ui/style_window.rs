//! A layer's style: one colour, categories of a field, or classes of a numeric field;
//! point size, line width and the label field. Each change applies at once (the legend in
//! the layer list follows).

use crate::atlas::Lang;
use crate::layers::Loaded;
use crate::layers::style::{CATEGORICAL, Paint, Style};
use crate::sources::FieldKind;
use crate::state::{Action, UserAction};
use crate::ui::my_layers::swatch;
use crate::ui::words::W;
use egui::Context;

pub fn show(ctx: &Context, layer: &Loaded, lang: Lang, actions: &mut Vec<Action>) {
    let mut open = true;
    let mut style: Style = layer.stored.style.clone();
    let fields = &layer.data.fields;
    let numeric: Vec<&str> = fields
        .iter()
        .filter(|f| matches!(f.kind, FieldKind::Integer | FieldKind::Real))
        .map(|f| f.name.as_str())
        .collect();
    let first = fields.first().map(|f| f.name.clone());
    egui::Window::new(format!("{} · {}", W::Style.get(lang), layer.stored.name))
        .id(egui::Id::unique("style-window"))
        .open(&mut open)
        .resizable(false)
        .show(ctx, |ui| {
            ui.horizontal(|ui| {
                let single = matches!(style.paint, Paint::Single(_));
                if ui.selectable_label(single, W::Single.get(lang)).clicked() && !single {
                    style.paint = Paint::Single(CATEGORICAL[0]);
                }
                let cat = matches!(style.paint, Paint::Categorised { .. });
                if ui.selectable_label(cat, W::Categorised.get(lang)).clicked()
                    && !cat
                    && let Some(f) = &first
                {
                    style.paint = Paint::Categorised { field: f.clone() };
                }
                let grad = matches!(style.paint, Paint::Graduated { .. });
                let can = !numeric.is_empty();
                if ui
                    .add_enabled(can, egui::Button::selectable(grad, W::Graduated.get(lang)))
                    .clicked()
                    && !grad
                {
                    style.paint = Paint::Graduated {
                        field: numeric[0].to_owned(),
                        classes: 5,
                    };
                }
            });
            match &mut style.paint {
                Paint::Single(c) => {
                    ui.horizontal_wrapped(|ui| {
                        ui.label(W::Colour.get(lang));
                        for option in CATEGORICAL {
                            let r = ui.add(
                                egui::Button::new("  ")
                                    .fill(egui::Color32::from_rgb(option[0], option[1], option[2]))
                                    .selected(*c == option),
                            );
                            if r.clicked() {
                                *c = option;
                            }
                        }
                    });
                }
                Paint::Categorised { field } => {
                    field_combo(
                        ui,
                        "cat-field",
                        field,
                        fields.iter().map(|f| f.name.as_str()),
                        lang,
                    );
                }
                Paint::Graduated { field, classes } => {
                    field_combo(ui, "grad-field", field, numeric.iter().copied(), lang);
                    ui.add(egui::Slider::new(classes, 2..=5).text(W::Classes.get(lang)));
                }
            }
            ui.add(
                egui::Slider::new(&mut style.point_size, 3.0..=24.0).text(W::PointSize.get(lang)),
            );
            ui.add(
                egui::Slider::new(&mut style.line_width, 0.5..=8.0).text(W::LineWidth.get(lang)),
            );
            let none = W::NoLabel.get(lang).to_owned();
            egui::ComboBox::from_label(W::LabelField.get(lang))
                .selected_text(style.label.clone().unwrap_or(none.clone()))
                .show_ui(ui, |ui| {
                    ui.selectable_value(&mut style.label, None, none);
                    for f in fields {
                        ui.selectable_value(&mut style.label, Some(f.name.clone()), &f.name);
                    }
                });
            ui.separator();
            for (label, c) in &layer.painted.legend {
                ui.horizontal(|ui| {
                    swatch(ui, *c);
                    ui.label(label);
                });
            }
        });
    if style != layer.stored.style {
        actions.push(Action::User(UserAction::SetStyle(layer.id, style)));
    }
    if !open {
        actions.push(Action::User(UserAction::EditStyle(None)));
    }
}

fn field_combo<'a>(
    ui: &mut egui::Ui,
    salt: &str,
    field: &mut String,
    names: impl Iterator<Item = &'a str>,
    lang: Lang,
) {
    egui::ComboBox::new(salt, W::Field.get(lang))
        .selected_text(field.clone())
        .show_ui(ui, |ui| {
            for n in names {
                ui.selectable_value(field, n.to_owned(), n);
            }
        });
}
