//! Right panel: what the atlas knows about the selected feature, or the province overview.

use crate::atlas::figure_text::{area_text, format_value};
use crate::atlas::gate_account::{GATE_COUNT_FACT, GateAccount};
use crate::atlas::lang::{self as names, Lang};
use crate::atlas::{Atlas, FactId, Feature, Kind, LayerKind};
use crate::state::{Action, State};
use crate::theme;
use crate::theme::fonts;
use crate::ui::facts_view;
use crate::ui::i18n::T;
use egui::{Grid, RichText, Ui};

pub fn show(ui: &mut Ui, atlas: &Atlas, state: &State, actions: &mut Vec<Action>) {
    let lang = state.settings.lang;
    egui::ScrollArea::vertical().show(ui, |ui| {
        match state.selected.as_ref().and_then(|id| atlas.get(id)) {
            Some(feature) => {
                let year = state.timeline.map(|t| t.year);
                selected(ui, atlas, feature, year, lang, actions)
            }
            None => overview(ui, atlas, lang, actions),
        }
    });
}

fn overview(ui: &mut Ui, atlas: &Atlas, lang: Lang, actions: &mut Vec<Action>) {
    ui.label(RichText::new(T::NothingSelected.get(lang)).font(fonts::bold(18.0)));
    ui.label(T::ClickHint.get(lang));
    ui.add_space(10.0);
    if let Some(province) = atlas.province() {
        ui.label(
            RichText::new(lang.pick(&province.props.name_vi, &province.props.name_en))
                .font(fonts::bold(16.0)),
        );
        if let Some(area) = province.props.area_km2 {
            ui.label(format!(
                "{}: {} km²",
                T::AreaComputed.get(lang),
                format_value(area, lang)
            ));
        }
    }
    let count = |layer: LayerKind| atlas.in_layer(layer).count();
    let located = |layer: LayerKind| atlas.in_layer(layer).filter(|f| f.is_located()).count();
    Grid::new("overview-counts")
        .num_columns(2)
        .striped(true)
        .show(ui, |ui| {
            for layer in [
                LayerKind::Districts,
                LayerKind::Zones,
                LayerKind::Axis,
                LayerKind::Corridors,
                LayerKind::Gates,
                LayerKind::Industry,
            ] {
                ui.label(names::layer_name(layer, lang));
                let (all, on_map) = (count(layer), located(layer));
                if all == on_map {
                    ui.label(all.to_string());
                } else {
                    ui.label(format!(
                        "{all} ({on_map} {})",
                        lang.pick("trên bản đồ", "on the map")
                    ));
                }
                ui.end_row();
            }
        });
    gate_account(ui, atlas, lang, actions);
    if let Some(province) = atlas.province() {
        ui.add_space(8.0);
        ui.separator();
        ui.label(RichText::new(T::Overview.get(lang)).font(fonts::bold(17.0)));
        facts_view::key_figures(ui, &atlas.facts, province.id(), None, lang, actions);
        facts_view::show(ui, &atlas.facts, province.id(), lang, actions);
    }
}

/// The gates article 002 counts by class (2 + 1 + 9; 12 is our sum): how many the map
/// draws, lists, or cannot identify.
fn gate_account(ui: &mut Ui, atlas: &Atlas, lang: Lang, actions: &mut Vec<Action>) {
    let Some(account) = GateAccount::of(atlas) else {
        return;
    };
    ui.add_space(6.0);
    ui.horizontal_wrapped(|ui| {
        let [international, main, secondary] = account.by_class;
        let text = match lang {
            Lang::Vi => format!(
                "Chỉ bài của Gia Định Group nêu số cửa khẩu: {international} cửa khẩu quốc tế, {main} cửa khẩu chính và {secondary} cửa khẩu phụ; tổng {} là phép cộng của chúng tôi: {} vẽ trên bản đồ, {} chỉ liệt kê (chưa rõ vị trí), {} chưa xác định được tên.",
                account.sum, account.drawn, account.listed, account.unidentified
            ),
            Lang::En => format!(
                "Only Gia Định Group's article counts the gates: {international} international, {main} main and {secondary} secondary; the total of {} is our sum: {} drawn on the map, {} listed (no known location), {} not yet identified by name.",
                account.sum, account.drawn, account.listed, account.unidentified
            ),
        };
        ui.label(text);
        if let Some(fact) = atlas.facts.get(&FactId::new(GATE_COUNT_FACT)) {
            facts_view::citation_chip(ui, &atlas.facts, fact, lang, actions);
        }
    });
}

fn selected(
    ui: &mut Ui,
    atlas: &Atlas,
    feature: &Feature,
    year: Option<u16>,
    lang: Lang,
    actions: &mut Vec<Action>,
) {
    heading(ui, feature, lang, actions);
    ui.add_space(6.0);
    attributes(ui, atlas, feature, lang);
    crate::ui::reform::feature_unit(ui, atlas, feature, lang, actions);
    crate::ui::timeline_bar::feature_years(ui, atlas, feature, year, lang, actions);
    ui.add_space(8.0);
    ui.separator();
    let p = &feature.props;
    facts_view::key_figures(ui, &atlas.facts, feature.id(), p.area_ha, lang, actions);
    facts_view::show(ui, &atlas.facts, feature.id(), lang, actions);
    crate::ui::distances::show(ui, atlas, feature, lang, actions);
    ui.separator();
    sources(ui, feature, lang);
    if p.kind == Kind::District {
        district_contents(ui, atlas, feature, lang, actions);
    }
    crate::ui::reform::successors(ui, atlas, feature, lang, actions);
}

/// Names, kind, the zoom and close buttons, and how far to trust the location.
fn heading(ui: &mut Ui, feature: &Feature, lang: Lang, actions: &mut Vec<Action>) {
    let p = &feature.props;
    let (title, subtitle) = match lang {
        Lang::Vi => (&p.name_vi, &p.name_en),
        Lang::En => (&p.name_en, &p.name_vi),
    };
    ui.label(RichText::new(title).font(fonts::bold(20.0)));
    ui.label(RichText::new(subtitle).italics());
    ui.label(RichText::new(names::kind_name(p.kind, lang)).color(ui.visuals().weak_text_color()));
    ui.horizontal(|ui| {
        if feature.is_located() && ui.button(T::ZoomToSelection.get(lang)).clicked() {
            actions.push(Action::ZoomToFeature(p.id.clone()));
        }
        if ui.button(format!("{} (Esc)", T::Close.get(lang))).clicked() {
            actions.push(Action::ClearSelection);
        }
    });
    if p.approximate {
        ui.colored_label(theme::WARNING, format!("~ {}", T::Approximate.get(lang)));
    }
    if p.schematic {
        ui.colored_label(theme::WARNING, T::Schematic.get(lang));
    }
    if !feature.is_located() {
        ui.colored_label(theme::WARNING, T::NotOnMapHelp.get(lang));
    }
}

/// The feature's properties as a two-column table.
fn attributes(ui: &mut Ui, atlas: &Atlas, feature: &Feature, lang: Lang) {
    let p = &feature.props;
    let district_name = |id: &crate::atlas::FeatureId| {
        atlas.get(id).map_or_else(
            || id.to_string(),
            |d| lang.pick(&d.props.name_vi, &d.props.name_en).to_owned(),
        )
    };
    let mut rows: Vec<(T, String)> = Vec::new();
    if let Some(zone) = p.zone {
        rows.push((T::Zone, names::zone_name(zone, lang).to_owned()));
    }
    if let Some(d) = &p.district {
        rows.push((T::District, district_name(d)));
    }
    if let Some(c) = &p.commune {
        rows.push((T::Commune, c.replace("; ", ", ")));
    }
    if let Some(class) = p.gate_class {
        rows.push((
            T::GateClassLabel,
            names::gate_class_name(class, lang).to_owned(),
        ));
    }
    if let Some(pair) = &p.paired_gate {
        rows.push((T::PairedGate, pair.clone()));
    }
    if let Some(status) = p.status {
        rows.push((T::Status, names::status_name(status, lang).to_owned()));
    }
    if let Some(area) = p.area_ha {
        rows.push((T::Area, area_text(area, p.area_qualifier, lang)));
    }
    if let Some(area) = p.area_km2 {
        rows.push((T::AreaComputed, format!("{} km²", format_value(area, lang))));
    }
    if !p.districts.is_empty() {
        let names: Vec<String> = p.districts.iter().map(district_name).collect();
        rows.push((T::Districts, names.join(", ")));
    }
    if !p.routes.is_empty() {
        rows.push((T::Routes, p.routes.join("; ")));
    }
    if !p.via.is_empty() {
        rows.push((T::Via, p.via.join(" – ")));
    }
    rows.push((
        T::Precision,
        names::precision_name(p.precision, lang).to_owned(),
    ));
    crate::ui::pairs_grid(ui, "feature-attributes")
        .striped(true)
        .show(ui, |ui| {
            for (key, value) in rows {
                ui.add(egui::Label::new(RichText::new(key.get(lang)).strong()).wrap());
                ui.add(egui::Label::new(value).wrap());
                ui.end_row();
            }
        });
}

/// Where the location, area and status come from, and the places table's note.
fn sources(ui: &mut Ui, feature: &Feature, lang: Lang) {
    let p = &feature.props;
    ui.collapsing(T::Source.get(lang), |ui| {
        ui.add(egui::Label::new(RichText::new(&p.source).small()).wrap());
        for extra in [&p.area_source, &p.status_source].into_iter().flatten() {
            ui.add(egui::Label::new(RichText::new(extra).small()).wrap());
        }
    });
    if let Some(note) = &p.note {
        ui.collapsing(T::Note.get(lang), |ui| {
            ui.add(egui::Label::new(RichText::new(note).small()).wrap());
        });
    }
}

/// A district's gates and industrial sites (selectable) and its communes.
fn district_contents(
    ui: &mut Ui,
    atlas: &Atlas,
    district: &Feature,
    lang: Lang,
    actions: &mut Vec<Action>,
) {
    let here: Vec<&Feature> = atlas
        .features()
        .iter()
        .filter(|f| f.props.district.as_ref() == Some(district.id()))
        .collect();
    if !here.is_empty() {
        ui.add_space(6.0);
        ui.label(
            RichText::new(lang.pick(
                "Cửa khẩu, khu và cụm công nghiệp",
                "Gates, park and clusters",
            ))
            .strong(),
        );
        for f in here {
            let mut text = format!(
                "{} · {}",
                lang.pick(&f.props.name_vi, &f.props.name_en),
                names::kind_name(f.kind(), lang)
            );
            if !f.is_located() {
                text.push_str(lang.pick(" (chưa có vị trí)", " (not on the map)"));
            }
            if ui.selectable_label(false, text).clicked() {
                actions.push(Action::Select(f.id().clone()));
            }
        }
    }
    let communes: Vec<&str> = atlas
        .communes
        .iter()
        .filter(|c| &c.district == district.id())
        .map(|c| c.name.as_str())
        .collect();
    ui.collapsing(
        format!(
            "{} ({})",
            lang.pick("Xã, phường, thị trấn", "Communes"),
            communes.len()
        ),
        |ui| {
            ui.add(egui::Label::new(RichText::new(communes.join(", ")).small()).wrap());
        },
    );
}
