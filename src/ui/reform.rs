//! The 2025 reform in the panels: a 2025 commune or ward with its official area and the
//! earlier communes it took in; a district's successor units; the 2025 unit of a gate or a
//! site, through the commune its sources name.

use crate::atlas::{Atlas, Feature, Kind, Lang};
use crate::state::Action;
use crate::theme::{self, fonts};
use egui::{RichText, Ui};

/// The panel of a 2025 commune or ward.
pub fn unit_panel(ui: &mut Ui, atlas: &Atlas, index: usize, lang: Lang, actions: &mut Vec<Action>) {
    let Some(unit) = atlas.units_2025.get(index) else {
        return;
    };
    ui.label(RichText::new(&unit.name).font(fonts::bold(20.0)));
    ui.label(
        RichText::new(lang.pick(
            "Đơn vị hành chính cấp xã từ 1/7/2025 (không còn cấp huyện)",
            "Commune-level unit since 1 July 2025 (no districts any more)",
        ))
        .color(theme::MUTED),
    );
    if ui.button(lang.pick("Đóng (Esc)", "Close (Esc)")).clicked() {
        actions.push(Action::ClearSelection);
    }
    ui.separator();
    let area = match unit.area_km2 {
        Some(a) => format!("{} km²", crate::atlas::figure_text::format_value(a, lang)),
        None => lang
            .pick("nguồn không ghi diện tích", "the source gives no area")
            .to_owned(),
    };
    ui.label(format!(
        "{}: {area}",
        lang.pick("Diện tích chính thức", "Official area")
    ));
    match &unit.cell {
        Some(cell) => {
            let value = crate::atlas::figure_text::format_value(cell.area_km2, lang);
            let error = cell.error_pct.map_or(String::new(), |e| {
                format!(
                    " ({} {}{} %)",
                    lang.pick("lệch", "off by"),
                    if e >= 0.0 { "+" } else { "-" },
                    crate::atlas::figure_text::format_value(e.abs(), lang)
                )
            });
            ui.colored_label(
                theme::WARNING,
                format!(
                    "~ {}: {value} km²{error}",
                    lang.pick(
                        "Diện tích vùng vẽ gần đúng",
                        "Area of the approximate outline"
                    ),
                ),
            );
            ui.label(
                RichText::new(lang.pick(
                    "Trên bản đồ: điểm tâm do nguồn cho, và một ranh giới gần đúng (nét đứt) \
                     dựng từ ô Voronoi quanh tâm các xã cũ, cắt theo ranh giới tỉnh; không phải \
                     ranh giới chính thức.",
                    "On the map: the centroid the source gives, and an approximate outline \
                     (dashed) built from the Voronoi cells around the earlier communes' centres, \
                     clipped to the province; not an official boundary.",
                ))
                .small()
                .color(theme::MUTED),
            );
        }
        None => {
            ui.label(
                RichText::new(lang.pick(
                    "Trên bản đồ: điểm tâm do nguồn cho (không có ranh giới).",
                    "On the map: the centroid the source gives (no boundary).",
                ))
                .small()
                .color(theme::MUTED),
            );
        }
    }
    ui.add_space(6.0);
    ui.label(
        RichText::new(lang.pick(
            "Gồm các xã, phường, thị trấn trước 1/7/2025:",
            "Took in these communes, wards and towns of before 1 July 2025:",
        ))
        .strong(),
    );
    for commune in atlas.former_communes(unit) {
        let district = atlas
            .get(&commune.district)
            .map_or("", |d| lang.pick(&d.props.name_vi, &d.props.name_en));
        let part = if commune.units_2025.len() > 1 {
            lang.pick(" (một phần)", " (in part)")
        } else {
            ""
        };
        ui.label(format!("• {} — {district}{part}", commune.name));
    }
    ui.label(
        RichText::new("vietnamadminunits 1.0.4 © 2025 Tran Ngoc Minh Hieu (MIT)")
            .small()
            .color(theme::MUTED),
    );
}

/// Under a district: the 2025 units that took in its communes.
pub fn successors(
    ui: &mut Ui,
    atlas: &Atlas,
    feature: &Feature,
    lang: Lang,
    actions: &mut Vec<Action>,
) {
    if feature.kind() != Kind::District {
        return;
    }
    let units = atlas.successors(feature.id());
    if units.is_empty() {
        return;
    }
    ui.separator();
    ui.label(
        RichText::new(format!(
            "{} ({})",
            lang.pick(
                "Các xã, phường từ 1/7/2025",
                "Its communes and wards since 1 July 2025"
            ),
            units.len()
        ))
        .font(fonts::bold(15.0)),
    );
    ui.label(
        RichText::new(lang.pick(
            "Huyện không còn từ 1/7/2025; quy hoạch và các bài viết vẫn nói theo huyện.",
            "Districts ended on 1 July 2025; the plan and the articles still speak of them.",
        ))
        .small()
        .color(theme::MUTED),
    );
    ui.horizontal_wrapped(|ui| {
        for unit in units {
            let index = atlas.units_2025.iter().position(|u| u.code == unit.code);
            if ui.small_button(&unit.name).clicked()
                && let Some(index) = index
            {
                actions.push(Action::ShowUnit(index));
            }
        }
    });
}

/// For a gate or a site: the 2025 unit it now lies in, through the commune its sources name.
pub fn feature_unit(
    ui: &mut Ui,
    atlas: &Atlas,
    feature: &Feature,
    lang: Lang,
    actions: &mut Vec<Action>,
) {
    if !matches!(
        feature.kind(),
        Kind::BorderGate | Kind::IndustrialCluster | Kind::IndustrialPark | Kind::SmartGate
    ) {
        return;
    }
    let label = lang.pick(
        "Xã, phường từ 1/7/2025",
        "Commune or ward since 1 July 2025",
    );
    let pairs = atlas.units_of_feature(feature);
    if pairs.is_empty() {
        ui.label(format!(
            "{label}: {}",
            lang.pick(
                "nguồn không nêu xã của địa điểm",
                "its sources name no commune"
            )
        ));
        return;
    }
    for (commune, unit) in pairs {
        ui.horizontal_wrapped(|ui| {
            ui.label(format!("{label}:"));
            if ui.link(&unit.name).clicked()
                && let Some(index) = atlas.units_2025.iter().position(|u| u.code == unit.code)
            {
                actions.push(Action::ShowUnit(index));
            }
            ui.label(
                RichText::new(format!(
                    "({} {})",
                    lang.pick("trước đây", "formerly"),
                    commune.name
                ))
                .color(theme::MUTED),
            );
        });
    }
}
