//! Left panel: search, the layer list with its legend, and the places that have no
//! location on the map.

use crate::atlas::collate;
use crate::atlas::lang::{self as names, Lang};
use crate::atlas::search::{self, Hit};
use crate::atlas::{Atlas, Kind, LayerKind};
use crate::layers::UserLayers;
use crate::map::style::{self};
use crate::map::symbols::paint_swatch;
use crate::state::{Action, State, TableOf, UserAction};
use crate::theme::{self, fonts};
use crate::ui::i18n::T;
use crate::ui::my_layers;
use crate::ui::widgets::{SearchBox, Widgets};
use crate::ui::words::W;
use egui::{RichText, Sense, Ui, vec2};

/// Top of the list is top of the map.
const LIST_ORDER: [LayerKind; 8] = [
    LayerKind::Gates,
    LayerKind::Industry,
    LayerKind::Axis,
    LayerKind::Corridors,
    LayerKind::Context,
    LayerKind::Districts,
    LayerKind::Zones,
    // Nothing of it is drawn yet: listed last.
    LayerKind::Projects,
];

pub const SEARCH_ID: &str = "search-field";

pub fn show(
    ui: &mut Ui,
    atlas: &Atlas,
    user: &UserLayers,
    state: &State,
    widgets: &mut Widgets,
    actions: &mut Vec<Action>,
) {
    let lang = state.settings.lang;
    egui::ScrollArea::vertical().show(ui, |ui| {
        search_box(ui, atlas, state, &mut widgets.search, actions);
        ui.add_space(8.0);
        my_layers::show(ui, user, &state.user, widgets, lang, actions);
        ui.add_space(8.0);
        ui.label(RichText::new(T::Layers.get(lang)).font(fonts::bold(17.0)));
        for layer in LIST_ORDER {
            layer_row(ui, layer, state, actions);
            not_on_map(ui, atlas, layer, lang, actions);
        }
        units_2025_key(ui, lang);
    });
}

/// The 2025 units have no switch: they show from zoom 10, their outlines approximate.
fn units_2025_key(ui: &mut Ui, lang: Lang) {
    ui.add_space(6.0);
    ui.label(
        RichText::new(lang.pick(
            "Xã, phường từ 1/7/2025",
            "Communes and wards since 1 July 2025",
        ))
        .strong(),
    );
    ui.horizontal(|ui| {
        let (rect, _) = ui.allocate_exact_size(egui::vec2(34.0, 18.0), egui::Sense::hover());
        let painter = ui.painter_at(rect);
        painter.rect_filled(
            egui::Rect::from_center_size(
                rect.left_center() + egui::vec2(6.0, 0.0),
                egui::vec2(6.0, 6.0),
            ),
            1.0,
            style::UNIT_2025,
        );
        painter.extend(egui::Shape::dashed_line(
            &[rect.center() - egui::vec2(2.0, 0.0), rect.right_center()],
            egui::Stroke::new(1.2, style::UNIT_2025),
            4.0,
            3.0,
        ));
        ui.label(lang.pick("tâm; ranh giới gần đúng", "centre; approximate outline"));
    });
    ui.add(
        egui::Label::new(
            RichText::new(lang.pick(
                "Từ mức phóng 10. Tâm do nguồn cho; ranh giới dựng từ ô Voronoi của các xã cũ, \
                 không phải ranh giới chính thức.",
                "From zoom 10. The source's centroids; outlines built from the Voronoi cells of \
                 the earlier communes, not official boundaries.",
            ))
            .small()
            .color(theme::MUTED),
        )
        .wrap(),
    );
}

fn search_box(
    ui: &mut Ui,
    atlas: &Atlas,
    state: &State,
    search_box: &mut SearchBox,
    actions: &mut Vec<Action>,
) {
    let lang = state.settings.lang;
    ui.label(RichText::new(T::Search.get(lang)).font(fonts::bold(15.0)));
    let field = ui.add(
        egui::TextEdit::singleline(&mut search_box.text)
            .id(egui::Id::unique(SEARCH_ID))
            .hint_text(T::SearchHint.get(lang))
            .desired_width(f32::INFINITY),
    );
    if field.changed() {
        search_box.cursor = 0;
    }
    // Escape leaves the field (egui's doing) and closes the results.
    if field.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Escape)) {
        search_box.text.clear();
    }
    if search_box.text.trim().is_empty() {
        return;
    }
    let hits = search::search(atlas, &search_box.text, 12);
    if hits.is_empty() {
        ui.weak(T::NoResults.get(lang));
        return;
    }
    // ↓/↑ move through the results while the field has the keyboard; Enter takes one.
    if field.has_focus() {
        let (down, up) = ui.input_mut(|i| {
            (
                i.consume_key(egui::Modifiers::NONE, egui::Key::ArrowDown),
                i.consume_key(egui::Modifiers::NONE, egui::Key::ArrowUp),
            )
        });
        if down {
            search_box.cursor = (search_box.cursor + 1).min(hits.len() - 1);
        }
        if up {
            search_box.cursor = search_box.cursor.saturating_sub(1);
        }
    }
    search_box.cursor = search_box.cursor.min(hits.len() - 1);
    let entered = field.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
    for (k, hit) in hits.into_iter().enumerate() {
        let current = k == search_box.cursor;
        match hit {
            Hit::Feature(id) => {
                let Some(feature) = atlas.get(&id) else {
                    continue;
                };
                let text = format!(
                    "{} · {}",
                    lang.pick(&feature.props.name_vi, &feature.props.name_en),
                    names::kind_name(feature.kind(), lang)
                );
                let row =
                    ui.selectable_label(current || state.selected.as_ref() == Some(&id), text);
                if row.clicked() || (current && entered) {
                    actions.push(Action::Select(id.clone()));
                    if feature.is_located() {
                        actions.push(Action::ZoomToFeature(id));
                    }
                }
            }
            Hit::Commune(index) => {
                let Some(commune) = atlas.communes.get(index) else {
                    continue;
                };
                let district = atlas
                    .get(&commune.district)
                    .map_or("", |d| lang.pick(&d.props.name_vi, &d.props.name_en));
                // An earlier commune says so, and which 2025 unit it is part of now.
                let now = commune
                    .units_2025
                    .first()
                    .and_then(|code| atlas.unit_2025(code))
                    .map_or(String::new(), |u| {
                        format!(" → {} {}", lang.pick("nay", "now"), u.name)
                    });
                let text = format!(
                    "{} · {district} · {}{now}",
                    commune.name,
                    lang.pick("trước 2025", "before 2025")
                );
                let row = ui.selectable_label(current, text);
                if row.clicked() || (current && entered) {
                    actions.push(Action::ZoomToCommune(index));
                }
            }
            Hit::Unit2025(index) => {
                let Some(unit) = atlas.units_2025.get(index) else {
                    continue;
                };
                let text = format!(
                    "{} · {}",
                    unit.name,
                    lang.pick(
                        "xã, phường từ 1/7/2025",
                        "commune or ward since 1 July 2025"
                    )
                );
                let row = ui.selectable_label(current || state.unit == Some(index), text);
                if row.clicked() || (current && entered) {
                    actions.push(Action::ShowUnit(index));
                }
            }
        }
    }
}

fn layer_row(ui: &mut Ui, layer: LayerKind, state: &State, actions: &mut Vec<Action>) {
    let lang = state.settings.lang;
    let mut on = state.settings.visible.is_visible(layer);
    ui.horizontal(|ui| {
        if ui
            .checkbox(
                &mut on,
                RichText::new(names::layer_name(layer, lang)).strong(),
            )
            .changed()
        {
            actions.push(Action::SetLayer(layer, on));
        }
        if ui
            .small_button("▦")
            .on_hover_text(W::Table.get(lang))
            .clicked()
        {
            actions.push(Action::User(UserAction::ShowTable(Some(TableOf::Plan(
                layer,
            )))));
        }
        if layer == LayerKind::Industry
            && ui
                .small_button("km")
                .on_hover_text(lang.pick(
                    "Bảng khoảng cách đường chim bay của mọi cơ sở",
                    "Straight-line distances of every site",
                ))
                .clicked()
        {
            actions.push(Action::User(UserAction::ShowTable(Some(
                TableOf::Distances,
            ))));
        }
    });
    ui.indent(("legend", layer as u8), |ui| {
        for entry in style::legend(layer) {
            ui.horizontal(|ui| {
                let (rect, _) = ui.allocate_exact_size(vec2(34.0, 22.0), Sense::hover());
                let painter = ui.painter_at(rect);
                paint_swatch(&painter, rect, &entry.swatch);
                let text = entry.key.text(lang);
                if on {
                    ui.label(text);
                } else {
                    ui.weak(text);
                }
            });
        }
    });
}

/// The places of a layer that the sources name without a usable location, with their
/// district: listed, never drawn as a guessed point.
fn not_on_map(ui: &mut Ui, atlas: &Atlas, layer: LayerKind, lang: Lang, actions: &mut Vec<Action>) {
    let mut unlocated: Vec<_> = atlas
        .in_layer(layer)
        .filter(|f| !f.is_located())
        .map(|f| {
            let district = f
                .props
                .district
                .as_ref()
                .and_then(|d| atlas.get(d))
                .map(|d| lang.pick(&d.props.name_vi, &d.props.name_en));
            (f, lang.pick(&f.props.name_vi, &f.props.name_en), district)
        })
        .collect();
    if unlocated.is_empty() {
        return;
    }
    // By district as the reader reads its name, then by name, in Vietnamese order; places
    // whose district is not known last.
    unlocated.sort_by(|(_, a, da), (_, b, db)| {
        let district = match (da, db) {
            (Some(x), Some(y)) => collate::compare(x, y),
            _ => da.is_none().cmp(&db.is_none()),
        };
        district.then_with(|| collate::compare(a, b))
    });
    let title = format!("{} ({})", T::NotOnMap.get(lang), unlocated.len());
    ui.indent(("unlocated", layer as u8), |ui| {
        egui::CollapsingHeader::new(RichText::new(title).strong())
            .id_salt(("unlocated-list", layer as u8))
            .default_open(true)
            .show(ui, |ui| {
                ui.weak(T::NotOnMapHelp.get(lang));
                for (feature, name, district) in unlocated {
                    let district =
                        district.unwrap_or_else(|| lang.pick("huyện chưa rõ", "district unknown"));
                    let symbol = if feature.kind() == Kind::BorderGate {
                        "◇"
                    } else {
                        "•"
                    };
                    let text = format!("{symbol} {name} — {district}");
                    if ui.selectable_label(false, text).clicked() {
                        actions.push(Action::Select(feature.id().clone()));
                    }
                }
            });
    });
}
