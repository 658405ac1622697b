//! The charts window: the industrial sites by the area their sources state, coloured by
//! status as on the map (a click on a bar selects the site), and the totals the articles
//! give, in the facts' own statements (qualifiers kept) with their citations.

use crate::atlas::lang::status_name;
use crate::atlas::{Atlas, FactId, Kind, Lang, SiteStatus};
use crate::map::style::status_color;
use crate::state::Action;
use crate::theme;
use crate::ui::facts_view;
use egui::{Context, RichText};
use egui_plot::{Bar, BarChart, Plot};

/// The facts that give the cluster totals: the plan's scheme, and what is established.
pub const TOTAL_FACTS: [&str; 2] = ["clusters-in-plan", "clusters-established-418"];

/// Sites with a stated area, largest first: (feature position, name, hectares, status).
pub fn sites_by_area(atlas: &Atlas, lang: Lang) -> Vec<(usize, String, f64, Option<SiteStatus>)> {
    let mut sites: Vec<_> = atlas
        .features()
        .iter()
        .enumerate()
        .filter(|(_, f)| matches!(f.kind(), Kind::IndustrialCluster | Kind::IndustrialPark))
        .filter_map(|(i, f)| {
            let name = lang.pick(&f.props.name_vi, &f.props.name_en).to_owned();
            Some((i, name, f.props.area_ha?, f.props.status))
        })
        .collect();
    sites.sort_by(|a, b| b.2.total_cmp(&a.2));
    sites
}

pub fn show(ctx: &Context, atlas: &Atlas, lang: Lang, actions: &mut Vec<Action>) {
    let mut open = true;
    egui::Window::new(lang.pick("Biểu đồ", "Charts"))
        .id(egui::Id::unique("charts"))
        .open(&mut open)
        .default_width(620.0)
        .show(ctx, |ui| {
            ui.label(
                RichText::new(lang.pick(
                    "Khu, cụm công nghiệp theo diện tích nguồn nêu (ha)",
                    "Industrial sites by the area their sources state (ha)",
                ))
                .strong(),
            );
            let sites = sites_by_area(atlas, lang);
            let names: Vec<String> = sites.iter().map(|s| s.1.clone()).collect();
            let bars: Vec<Bar> = sites
                .iter()
                .enumerate()
                .map(|(k, (_, name, ha, status))| {
                    let colour = status.map_or(theme::MUTED, status_color);
                    Bar::new(k as f64, *ha).name(name).fill(colour).width(0.7)
                })
                .collect();
            let count = sites.len();
            let clicked = Plot::new("sites-by-area")
                .height(28.0 * count as f32 + 50.0)
                .allow_zoom(false)
                .allow_drag(false)
                .allow_scroll(false)
                .show_grid([true, false])
                .x_axis_label("ha")
                .y_axis_formatter(move |mark, _| {
                    let k = mark.value.round();
                    if (mark.value - k).abs() < 1e-6 && k >= 0.0 {
                        names.get(k as usize).cloned().unwrap_or_default()
                    } else {
                        String::new()
                    }
                })
                .show(ui, |plot| {
                    plot.bar_chart(BarChart::new("sites", bars).horizontal());
                    let at = plot.pointer_coordinate();
                    (plot.response().clicked())
                        .then_some(at)
                        .flatten()
                        .map(|p| p.y.round())
                        .filter(|k| *k >= 0.0 && (*k as usize) < count)
                        .map(|k| k as usize)
                })
                .inner;
            if let Some(k) = clicked
                && let Some(f) = sites.get(k).and_then(|s| atlas.features().get(s.0))
            {
                actions.push(Action::Select(f.id().clone()));
                actions.push(Action::ZoomToFeature(f.id().clone()));
            }
            ui.horizontal_wrapped(|ui| {
                for status in SiteStatus::ALL {
                    let (rect, _) =
                        ui.allocate_exact_size(egui::vec2(14.0, 14.0), egui::Sense::hover());
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
            ui.separator();
            ui.label(
                RichText::new(
                    lang.pick("Tổng số các bài viết nêu", "The totals the articles give"),
                )
                .strong(),
            );
            for id in TOTAL_FACTS {
                if let Some(fact) = atlas.facts.get(&FactId::new(id)) {
                    ui.label(lang.pick(&fact.vi, &fact.en));
                    facts_view::citation_chip(ui, &atlas.facts, fact, lang, actions);
                }
            }
        });
    if !open {
        actions.push(Action::ToggleCharts);
    }
}
