//! The industrial sites by the area their sources state, coloured by status as on the map.

use super::Scale;
use crate::atlas::figure_text::area_text;
use crate::atlas::lang::status_name;
use crate::atlas::{Atlas, Kind, Lang, SiteStatus};
use crate::map::style::status_color;
use crate::theme;
use egui::RichText;
use egui_plot::{Bar, BarChart, Plot};

/// The facts that give the cluster totals: the plan's scheme, and what is established.
pub const TOTAL_FACTS: [&str; 2] = ["clusters-in-plan", "clusters-established-418"];

/// Sites with a stated area, largest first: (feature position, name, hectares, status). A
/// qualified area is named with its qualifier ("VSIP … (gần 600 ha)"): the bar alone would
/// say 600.
pub fn sites_by_area(atlas: &Atlas, lang: Lang) -> Vec<(usize, String, f64, Option<SiteStatus>)> {
    let mut sites: Vec<_> = atlas
        .features()
        .iter()
        .enumerate()
        .filter(|(_, f)| matches!(f.kind(), Kind::IndustrialCluster | Kind::IndustrialPark))
        .filter_map(|(i, f)| {
            let area = f.props.area_ha?;
            let name = lang.pick(&f.props.name_vi, &f.props.name_en);
            let name = match f.props.area_qualifier {
                Some(q) => format!("{name} ({})", area_text(area, Some(q), lang)),
                None => name.to_owned(),
            };
            Some((i, name, area, f.props.status))
        })
        .collect();
    sites.sort_by(|a, b| b.2.total_cmp(&a.2));
    sites
}

/// The chart, its status key and the sites without an area; returns the position of the
/// feature whose bar was clicked.
pub fn show(ui: &mut egui::Ui, atlas: &Atlas, lang: Lang, scale: Scale) -> Option<usize> {
    ui.label(
        RichText::new(lang.pick(
            "Khu, cụm công nghiệp theo diện tích nguồn nêu (ha)",
            "Industrial sites by the area their sources state (ha)",
        ))
        .strong(),
    );
    let sites = sites_by_area(atlas, lang);
    let names: Vec<String> = sites.iter().map(|s| s.1.clone()).collect();
    // Largest at the top: the plot's y grows upwards.
    let count = sites.len();
    let bars: Vec<Bar> = sites
        .iter()
        .enumerate()
        .map(|(k, (_, name, ha, status))| {
            let colour = status.map_or(theme::MUTED, status_color);
            Bar::new((count - 1 - k) as f64, *ha)
                .name(name)
                .fill(colour)
                .width(0.7)
        })
        .collect();
    let clicked = Plot::new("sites-by-area")
        .height(scale.row * count as f32 + 2.5 * scale.text + 20.0)
        .allow_zoom(false)
        .allow_drag(false)
        .allow_scroll(false)
        .show_grid([true, false])
        .x_axis_label("ha")
        .x_grid_spacer(super::value_marks)
        .y_grid_spacer(super::one_mark_per_row(count))
        .y_axis_formatter(super::row_names(names))
        .show(ui, |plot| {
            plot.bar_chart(BarChart::new("sites", bars).horizontal());
            super::clicked_row(plot, count)
        })
        .inner;
    ui.horizontal_wrapped(|ui| {
        for status in SiteStatus::ALL {
            let side = scale.text;
            let (rect, _) = ui.allocate_exact_size(egui::vec2(side, side), egui::Sense::hover());
            ui.painter().rect_filled(rect, 3.0, status_color(status));
            ui.label(status_name(status, lang));
        }
    });
    let without: Vec<&str> = atlas
        .features()
        .iter()
        .filter(|f| {
            matches!(f.kind(), Kind::IndustrialCluster | Kind::IndustrialPark)
                && f.props.area_ha.is_none()
        })
        .map(|f| lang.pick(&f.props.name_vi, &f.props.name_en))
        .collect();
    if !without.is_empty() {
        ui.label(
            RichText::new(format!(
                "{}: {}",
                lang.pick("Nguồn không nêu diện tích", "No area stated"),
                without.join(", ")
            ))
            .small()
            .color(theme::MUTED),
        );
    }
    clicked.and_then(|k| sites.get(k)).map(|s| s.0)
}
