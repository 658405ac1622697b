//! Questions a file raises before it can open: which coordinate system (a file in metres
//! naming none: the VN-2000 TM-3 zones of Lạng Sơn and its neighbours by name, the UTM
//! zones, or any EPSG code the atlas knows), or which layer of a GeoPackage.

use crate::atlas::Lang;
use crate::layers::Source;
use crate::sources::crs::NEARBY_TM3;
use crate::sources::{Columns, Crs};
use crate::state::{Action, Prompt, UserAction};
use crate::ui::widgets::Widgets;
use crate::ui::words::W;
use egui::{Context, RichText};

/// `waiting`: how many other files have a question after this one.
pub fn show(
    ctx: &Context,
    prompt: &Prompt,
    waiting: usize,
    widgets: &mut Widgets,
    lang: Lang,
    actions: &mut Vec<Action>,
) {
    let mut open = true;
    let (title, source) = match prompt {
        Prompt::Crs(s) => (W::ChooseCrs, s),
        Prompt::Layer(s, _) => (W::ChooseLayer, s),
        Prompt::Columns(s, _, _) => (W::ChooseColumns, s),
    };
    let shown_path = source.path.display().to_string();
    egui::Window::new(title.get(lang))
        .id(egui::Id::unique("open-prompt"))
        .open(&mut open)
        .collapsible(false)
        .resizable(false)
        .anchor(egui::Align2::CENTER_CENTER, [0.0, 0.0])
        .show(ctx, |ui| {
            ui.label(RichText::new(shown_path).strong());
            if waiting > 0 {
                ui.label(RichText::new(format!("{} {waiting}", W::FilesWaiting.get(lang))).small());
            }
            match prompt {
                Prompt::Crs(source) => {
                    crs_choices(ui, source, &mut widgets.other_epsg, lang, actions);
                }
                Prompt::Columns(source, columns, guess) => {
                    // The reader's choice starts at the first guess and is the widget's own.
                    let chosen = widgets.columns_chosen.get_or_insert(*guess);
                    column_choices(ui, source, columns, chosen, lang, actions);
                }
                Prompt::Layer(source, layers) => {
                    for name in layers {
                        if ui.button(name.as_str()).clicked() {
                            actions.push(Action::User(UserAction::Open(Source {
                                layer: Some(name.clone()),
                                ..source.clone()
                            })));
                        }
                    }
                }
            }
        });
    if !open {
        actions.push(Action::User(UserAction::DismissPrompt));
    }
}

fn crs_choices(
    ui: &mut egui::Ui,
    source: &Source,
    other: &mut String,
    lang: Lang,
    actions: &mut Vec<Action>,
) {
    ui.label(W::ChooseCrsHelp.get(lang));
    let choose = |code: u16, actions: &mut Vec<Action>| {
        actions.push(Action::User(UserAction::Open(Source {
            crs: Some(code),
            ..source.clone()
        })));
    };
    for (province, code) in NEARBY_TM3 {
        let name = Crs::from_epsg(code).map_or_else(|| format!("EPSG:{code}"), |c| c.name());
        if ui.button(format!("{province}: {name}")).clicked() {
            choose(code, actions);
        }
    }
    for code in [3405u16, 3406] {
        if let Some(c) = Crs::from_epsg(code)
            && ui.button(c.name()).clicked()
        {
            choose(code, actions);
        }
    }
    ui.horizontal(|ui| {
        ui.label(W::OtherEpsg.get(lang));
        ui.add(
            egui::TextEdit::singleline(other)
                .desired_width(80.0)
                .hint_text("9215"),
        );
        let code = other.trim().trim_start_matches("EPSG:").parse::<u16>().ok();
        let known = code.and_then(Crs::from_epsg);
        if ui
            .add_enabled(known.is_some(), egui::Button::new(W::Open.get(lang)))
            .clicked()
            && let Some(code) = code
        {
            choose(code, actions);
        }
        if let Some(c) = known {
            ui.weak(c.name());
        }
    });
}

/// Which columns hold the coordinates (longitude/easting and latitude/northing), or which
/// holds WKT geometries.
fn column_choices(
    ui: &mut egui::Ui,
    source: &Source,
    columns: &[String],
    chosen: &mut [usize; 3],
    lang: Lang,
    actions: &mut Vec<Action>,
) {
    ui.label(W::ChooseColumnsHelp.get(lang));
    let combo = |ui: &mut egui::Ui, label: W, k: usize, chosen: &mut usize| {
        let current = columns.get(*chosen).cloned().unwrap_or_default();
        egui::ComboBox::new(("column-choice", k), label.get(lang))
            .selected_text(current)
            .show_ui(ui, |ui| {
                for (i, name) in columns.iter().enumerate() {
                    ui.selectable_value(chosen, i, name);
                }
            });
    };
    combo(ui, W::LonColumn, 0, &mut chosen[0]);
    combo(ui, W::LatColumn, 1, &mut chosen[1]);
    let name = |i: usize| columns.get(i).cloned().unwrap_or_default();
    if ui
        .add_enabled(chosen[0] != chosen[1], egui::Button::new(W::Open.get(lang)))
        .clicked()
    {
        actions.push(Action::User(UserAction::Open(Source {
            columns: Some(Columns::LonLat(name(chosen[0]), name(chosen[1]))),
            ..source.clone()
        })));
    }
    ui.separator();
    combo(ui, W::WktColumn, 2, &mut chosen[2]);
    if ui.button(W::OpenWkt.get(lang)).clicked() {
        actions.push(Action::User(UserAction::Open(Source {
            columns: Some(Columns::Wkt(name(chosen[2]))),
            ..source.clone()
        })));
    }
}
