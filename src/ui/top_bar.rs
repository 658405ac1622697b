//! Top bar: title, the File menu, basemap switcher, language, whole-province view.

use crate::atlas::Lang;
use crate::map::basemap::{BasemapChoice, Basemaps};
use crate::state::{Action, MeasureAction, Side, State, TimelineAction, UserAction};
use crate::theme::fonts;
use crate::ui::i18n::T;
use crate::ui::words::W;
use egui::{RichText, Ui};

pub fn basemap_name(choice: BasemapChoice, lang: Lang) -> &'static str {
    match choice {
        BasemapChoice::Offline => T::OfflineBasemap.get(lang),
        BasemapChoice::OpenStreetMap => "OpenStreetMap",
        BasemapChoice::OpenTopoMap => "OpenTopoMap",
        BasemapChoice::PmTiles => "PMTiles",
        BasemapChoice::Custom => {
            lang.pick("Máy chủ ô riêng (--tiles)", "Own tile server (--tiles)")
        }
    }
}

pub fn show(
    ui: &mut Ui,
    state: &State,
    basemaps: &Basemaps,
    archive_url: &mut String,
    actions: &mut Vec<Action>,
) {
    let lang = state.settings.lang;
    ui.horizontal_wrapped(|ui| {
        ui.label(RichText::new(T::AppTitle.get(lang)).font(fonts::bold(18.0)));
        ui.separator();
        ui.menu_button(lang.pick("Tệp", "File"), |ui| {
            crate::ui::project_menu::file_menu(ui, state, actions);
            ui.separator();
            if ui.button(W::OpenFile.get(lang)).clicked() {
                actions.push(Action::User(UserAction::OpenDialog));
                ui.close();
            }
            if ui.button(T::Export.get(lang)).clicked() {
                actions.push(Action::ToggleExport);
                ui.close();
            }
        });
        egui::ComboBox::new("basemap", T::Basemap.get(lang))
            .selected_text(basemap_name(basemaps.choice(), lang))
            .show_ui(ui, |ui| {
                for choice in BasemapChoice::ALL {
                    let available = basemaps.available(choice);
                    let label = match (&available, choice) {
                        (Ok(()), BasemapChoice::PmTiles) => basemaps
                            .pmtiles_shown()
                            .map(|s| {
                                let name = s.rsplit(['/', '\\']).next().unwrap_or(&s).to_owned();
                                format!("PMTiles: {name}")
                            })
                            .unwrap_or_else(|| "PMTiles".to_owned()),
                        _ => basemap_name(choice, lang).to_owned(),
                    };
                    let response = ui.add_enabled(
                        available.is_ok(),
                        egui::Button::selectable(basemaps.choice() == choice, label),
                    );
                    let response = match &available {
                        Err(why) => response.on_disabled_hover_text(why.to_string()),
                        Ok(()) => response,
                    };
                    if response.clicked() {
                        actions.push(Action::SetBasemap(choice));
                    }
                }
                ui.separator();
                ui.label(lang.pick("PMTiles từ tệp hoặc URL:", "PMTiles from a file or a URL:"));
                ui.horizontal(|ui| {
                    let field = ui.add(
                        egui::TextEdit::singleline(archive_url)
                            .hint_text("https://…/basemap.pmtiles")
                            .desired_width(260.0),
                    );
                    let enter = field.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
                    if (ui.button(lang.pick("Mở", "Open")).clicked() || enter)
                        && !archive_url.trim().is_empty()
                    {
                        actions.push(Action::OpenArchive(archive_url.trim().to_owned()));
                    }
                });
            });
        ui.separator();
        ui.label(T::Language.get(lang));
        for option in [Lang::Vi, Lang::En] {
            if ui.selectable_label(lang == option, option.code()).clicked() {
                actions.push(Action::SetLang(option));
            }
        }
        ui.separator();
        if ui.button(T::ZoomToProvince.get(lang)).clicked() {
            actions.push(Action::ZoomToProvince);
        }
        // With tours of the project's own, the presenter picks which one to show.
        if state.tours.tours.is_empty() {
            if ui.button(T::Present.get(lang)).clicked() {
                actions.push(Action::StartPresentation);
            }
        } else {
            ui.menu_button(T::Present.get(lang), |ui| {
                let builtin = lang.pick("Chuyến có sẵn", "Built-in tour");
                let names = std::iter::once((None, builtin)).chain(
                    state
                        .tours
                        .tours
                        .iter()
                        .enumerate()
                        .map(|(i, t)| (Some(i), t.name.as_str())),
                );
                for (choice, name) in names {
                    if ui.button(format!("▶ {name}")).clicked() {
                        actions.push(Action::Tours(crate::state::ToursAction::Play(choice, 0)));
                        ui.close();
                    }
                }
            });
        }
        if ui.button(T::Export.get(lang)).clicked() {
            actions.push(Action::ToggleExport);
        }
        if ui
            .selectable_label(state.charts, lang.pick("Biểu đồ (C)", "Charts (C)"))
            .clicked()
        {
            actions.push(Action::ToggleCharts);
        }
        if ui
            .selectable_label(
                state.timeline.is_some(),
                lang.pick("Dòng thời gian (T)", "Timeline (T)"),
            )
            .clicked()
        {
            actions.push(Action::Timeline(TimelineAction::Toggle));
        }
        if ui
            .selectable_label(state.measure.active, lang.pick("Đo (M)", "Measure (M)"))
            .clicked()
        {
            actions.push(Action::Measure(MeasureAction::Toggle));
        }
        for (side, vi, en) in [
            (Side::Layers, "Bảng lớp [", "Layers ["),
            (Side::Feature, "Thông tin ]", "Details ]"),
        ] {
            if ui
                .selectable_label(state.settings.panels.is_open(side), lang.pick(vi, en))
                .on_hover_text(lang.pick("Ẩn/hiện bảng bên", "Hide or show the side panel"))
                .clicked()
            {
                actions.push(Action::TogglePanel(side));
            }
        }
        if ui.button("+").on_hover_text("+").clicked() {
            actions.push(Action::ZoomIn);
        }
        if ui.button("–").on_hover_text("–").clicked() {
            actions.push(Action::ZoomOut);
        }
    });
}
