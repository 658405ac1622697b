//! "My layers": the reader's own files in the layer list, each with its progress while it
//! loads, its problem if it failed, or its controls and legend once on the map.

use crate::atlas::Lang;
use crate::layers::style::{Paint, Rgb};
use crate::layers::{Loaded, Slot, UserLayers};
use crate::state::{Action, ExportNote, TableOf, UserAction, UserState};
use crate::theme::{self, fonts};
use crate::ui::widgets::Widgets;
use crate::ui::words::{self, W};
use egui::{Color32, RichText, Sense, Ui, vec2};

pub const OPEN_PATH_ID: &str = "open-path-field";

pub fn show(
    ui: &mut Ui,
    layers: &UserLayers,
    user: &UserState,
    widgets: &mut Widgets,
    lang: Lang,
    actions: &mut Vec<Action>,
) {
    ui.label(RichText::new(W::MyLayers.get(lang)).font(fonts::bold(17.0)));
    if ui.button(W::OpenFile.get(lang)).clicked() {
        actions.push(Action::User(UserAction::OpenDialog));
    }
    ui.label(RichText::new(W::OpenHint.get(lang)).small().weak());
    let field = ui.add(
        egui::TextEdit::singleline(&mut widgets.typed_path)
            .id(egui::Id::unique(OPEN_PATH_ID))
            .hint_text("/home/…/lo-dat.shp")
            .desired_width(f32::INFINITY),
    );
    if field.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter)) {
        let path = widgets.typed_path.trim().to_owned();
        if !path.is_empty() {
            actions.push(Action::User(UserAction::OpenFiles(vec![path.into()])));
            widgets.typed_path.clear();
        }
    }
    if let Some(note) = &user.export_note {
        export_note(ui, note, lang, actions);
    }
    for slot in &layers.slots {
        ui.separator();
        match slot {
            Slot::Loading {
                id,
                stored,
                progress,
            } => {
                ui.label(RichText::new(&stored.name).strong());
                let (done, total) = progress.get();
                let fraction = if total > 0 {
                    done as f32 / total as f32
                } else {
                    0.0
                };
                ui.horizontal(|ui| {
                    ui.add(
                        egui::ProgressBar::new(fraction)
                            .desired_width(170.0)
                            .text(W::Loading.get(lang)),
                    );
                    if ui.button(W::Cancel.get(lang)).clicked() {
                        actions.push(Action::User(UserAction::CancelLoad(*id)));
                    }
                });
            }
            Slot::Failed {
                id,
                stored,
                problem,
            } => {
                let message = words::problem(problem, lang);
                ui.horizontal(|ui| {
                    ui.label(RichText::new(&stored.name).strong().color(theme::FAILURE));
                    if ui
                        .small_button("✕")
                        .on_hover_text(W::Remove.get(lang))
                        .clicked()
                    {
                        actions.push(Action::User(UserAction::RemoveLayer(*id)));
                    }
                });
                ui.label(RichText::new(message).small().color(theme::FAILURE));
                if crate::sources::is_database(&stored.source.path) {
                    reconnect(ui, *id, widgets, lang, actions);
                }
            }
            Slot::Ready(layer) => ready(ui, layer, widgets, lang, actions),
        }
    }
}

/// A database layer that could not be read (a password needed after a restart, a server
/// away): type the password, or just try again.
fn reconnect(
    ui: &mut Ui,
    id: crate::layers::LayerId,
    widgets: &mut Widgets,
    lang: Lang,
    actions: &mut Vec<Action>,
) {
    ui.horizontal(|ui| {
        let typed = widgets.layer_password.entry(id).or_default();
        let field = ui.add(
            egui::TextEdit::singleline(typed)
                .password(true)
                .hint_text(lang.pick("mật khẩu", "password"))
                .desired_width(110.0),
        );
        let enter = field.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
        if ui.button(lang.pick("Kết nối lại", "Reconnect")).clicked() || enter {
            let password = widgets.layer_password.remove(&id).unwrap_or_default();
            actions.push(Action::User(UserAction::Reconnect(id, password)));
        }
    });
}

fn ready(
    ui: &mut Ui,
    layer: &Loaded,
    widgets: &mut Widgets,
    lang: Lang,
    actions: &mut Vec<Action>,
) {
    let id = layer.id;
    ui.horizontal(|ui| {
        let mut visible = layer.stored.visible;
        let check = ui.checkbox(&mut visible, "");
        // The name beside it is a label of its own (double-click renames); screen readers
        // and tests still hear which layer the box shows.
        check.widget_info(|| {
            egui::WidgetInfo::selected(
                egui::accesskit::Role::CheckBox,
                true,
                visible,
                &layer.stored.name,
            )
        });
        if check.changed() {
            actions.push(Action::User(UserAction::LayerVisible(id, visible)));
        }
        let mut cancel = false;
        match &mut widgets.renaming {
            Some((editing, text)) if *editing == id => {
                let edit = ui.text_edit_singleline(text);
                edit.request_focus();
                if edit.lost_focus() {
                    // Esc leaves the name as it was; Enter or a click elsewhere keeps the edit.
                    if ui.input(|i| i.key_pressed(egui::Key::Escape)) {
                        cancel = true;
                    } else {
                        actions.push(Action::User(UserAction::RenameLayer(id, text.clone())));
                        cancel = true;
                    }
                }
            }
            _ => {
                let name = ui
                    .add(
                        egui::Label::new(RichText::new(&layer.stored.name).strong())
                            .sense(Sense::click()),
                    )
                    .on_hover_text(format!("{}\n{}", layer.data.path, W::Rename.get(lang)));
                if name.double_clicked() {
                    widgets.renaming = Some((id, layer.stored.name.clone()));
                }
            }
        }
        if cancel {
            widgets.renaming = None;
        }
    });
    let skipped = if layer.data.skipped > 0 {
        format!(" · {} {}", layer.data.skipped, W::Skipped.get(lang))
    } else {
        String::new()
    };
    ui.label(
        RichText::new(format!(
            "{} {} · {} · {}{skipped}",
            layer.data.features.len(),
            W::Features.get(lang),
            layer.data.format.name(),
            layer.data.crs.name()
        ))
        .small()
        .weak(),
    );
    ui.horizontal_wrapped(|ui| {
        if ui
            .small_button("▲")
            .on_hover_text(W::MoveUp.get(lang))
            .clicked()
        {
            actions.push(Action::User(UserAction::MoveLayer(id, -1)));
        }
        if ui
            .small_button("▼")
            .on_hover_text(W::MoveDown.get(lang))
            .clicked()
        {
            actions.push(Action::User(UserAction::MoveLayer(id, 1)));
        }
        if ui.small_button(W::ZoomTo.get(lang)).clicked() {
            actions.push(Action::User(UserAction::ZoomToLayer(id)));
        }
        if ui.small_button(W::Table.get(lang)).clicked() {
            actions.push(Action::User(UserAction::ShowTable(Some(TableOf::User(id)))));
        }
        if ui.small_button(W::Style.get(lang)).clicked() {
            actions.push(Action::User(UserAction::EditStyle(Some(id))));
        }
        if ui
            .small_button("✕")
            .on_hover_text(W::Remove.get(lang))
            .clicked()
        {
            actions.push(Action::User(UserAction::RemoveLayer(id)));
        }
    });
    let mut opacity = layer.stored.opacity;
    if ui
        .add(
            egui::Slider::new(&mut opacity, 0.05..=1.0)
                .text(W::Opacity.get(lang))
                .custom_formatter(|v, _| format!("{:.0} %", v * 100.0))
                .custom_parser(|t| {
                    let t = t.trim().trim_end_matches('%').trim();
                    t.replace(',', ".").parse::<f64>().ok().map(|v| v / 100.0)
                }),
        )
        .changed()
    {
        actions.push(Action::User(UserAction::LayerOpacity(id, opacity)));
    }
    legend(ui, layer);
    if let Some(problem) = &layer.problem {
        ui.label(
            RichText::new(format!(
                "✗ {problem} ({})",
                lang.pick(
                    "thử lại khi khung nhìn đổi",
                    "tried again when the view changes"
                )
            ))
            .small()
            .color(theme::WARNING),
        );
    }
    let warnings = &layer.data.warnings;
    if let Some(note) = words::layer_note(layer.changed, layer.data.skipped, warnings, lang) {
        let label = ui.label(RichText::new(note).small().color(theme::WARNING));
        if warnings.len() > 1 {
            label.on_hover_text(warnings.join("\n"));
        }
    }
}

/// The layer's legend, as its style draws it.
fn legend(ui: &mut Ui, layer: &Loaded) {
    match &layer.stored.style.paint {
        Paint::Single(c) => {
            ui.horizontal(|ui| {
                swatch(ui, *c);
                ui.label(RichText::new(&layer.stored.name).small());
            });
        }
        Paint::Categorised { .. } | Paint::Graduated { .. } => {
            for (label, c) in &layer.painted.legend {
                ui.horizontal(|ui| {
                    swatch(ui, *c);
                    ui.label(RichText::new(label).small());
                });
            }
        }
    }
}

pub fn swatch(ui: &mut Ui, c: Rgb) {
    let (rect, _) = ui.allocate_exact_size(vec2(14.0, 14.0), Sense::hover());
    ui.painter()
        .rect_filled(rect, 3.0, Color32::from_rgb(c[0], c[1], c[2]));
}

/// What an export wrote, with a button that shows its folder.
pub fn export_note(ui: &mut Ui, note: &ExportNote, lang: Lang, actions: &mut Vec<Action>) {
    ui.horizontal_wrapped(|ui| {
        let colour = if note.ok {
            theme::INK_SOFT
        } else {
            theme::FAILURE
        };
        ui.label(RichText::new(&note.text).small().color(colour));
        if let Some(folder) = &note.folder {
            crate::ui::open_folder_button(ui, folder, lang, actions);
        }
    });
}
