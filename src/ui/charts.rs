//! The charts window: its pages (targets against the latest stated figures; the sites by
//! area), the citations of every charted fact, and what a click on a bar does: a site's
//! bar selects the site, a figure's bar opens its fact at the quote. While presenting it
//! uses the projector's type sizes.

use crate::atlas::{Atlas, FactId, Lang};
use crate::charts::{ChartPage, Scale, sites, targets};
use crate::state::Action;
use crate::ui::facts_view;
use egui::{Context, RichText};

pub fn show(
    ctx: &Context,
    atlas: &Atlas,
    page: ChartPage,
    lang: Lang,
    presenting: bool,
    actions: &mut Vec<Action>,
) {
    let scale = if presenting {
        Scale::PROJECTOR
    } else {
        Scale::DESK
    };
    let mut open = true;
    let screen = ctx.content_rect();
    egui::Window::new(RichText::new(lang.pick("Biểu đồ", "Charts")).size(scale.text * 1.15))
        .id(egui::Id::unique("charts"))
        .open(&mut open)
        .default_width(if presenting { 900.0 } else { 640.0 })
        .default_height(screen.height() * 0.8)
        .vscroll(true)
        .show(ctx, |ui| {
            scale.apply(ui);
            ui.horizontal(|ui| {
                for p in ChartPage::ALL {
                    if ui.selectable_label(p == page, p.name(lang)).clicked() && p != page {
                        actions.push(Action::ChartPage(p));
                    }
                }
            });
            ui.separator();
            match page {
                ChartPage::Targets => {
                    let mut shown = Vec::new();
                    if let Some(fact) = targets::show(ui, atlas, lang, scale, false, &mut shown) {
                        actions.push(Action::OpenSource(fact));
                    }
                    citations(ui, atlas, &shown, lang, actions);
                }
                ChartPage::Sites => {
                    if let Some(i) = sites::show(ui, atlas, lang, scale)
                        && let Some(f) = atlas.features().get(i)
                    {
                        actions.push(Action::Select(f.id().clone()));
                        actions.push(Action::ZoomToFeature(f.id().clone()));
                    }
                    ui.separator();
                    ui.label(
                        RichText::new(
                            lang.pick("Tổng số các bài viết nêu", "The totals the articles give"),
                        )
                        .strong(),
                    );
                    for id in sites::TOTAL_FACTS {
                        if let Some(fact) = atlas.facts.get(&FactId::new(id)) {
                            ui.label(lang.pick(&fact.vi, &fact.en));
                            facts_view::citation_chip(ui, &atlas.facts, fact, lang, actions);
                        }
                    }
                }
            }
        });
    if !open {
        actions.push(Action::ToggleCharts);
    }
}

/// Every charted fact in our words, with its chip: a bar's number never stands alone.
fn citations(
    ui: &mut egui::Ui,
    atlas: &Atlas,
    shown: &[FactId],
    lang: Lang,
    actions: &mut Vec<Action>,
) {
    ui.separator();
    ui.label(
        RichText::new(lang.pick(
            "Các số liệu trên, theo lời từng bài viết (nhấn vào một cột để mở nguồn)",
            "The figures above, as each article puts them (click a bar to open its source)",
        ))
        .strong(),
    );
    for id in shown {
        if let Some(fact) = atlas.facts.get(id) {
            ui.horizontal_wrapped(|ui| {
                ui.label(lang.pick(&fact.vi, &fact.en));
                facts_view::citation_chip(ui, &atlas.facts, fact, lang, actions);
            });
        }
    }
}
