//! The caption area of presentation mode: large, high-contrast title and caption of the
//! current tour step, its sources in small type, and the step counter.

use crate::atlas::Lang;
use crate::atlas::citation::citation_text;
use crate::atlas::facts::Catalogue;
use crate::atlas::share::ShareUrl;
use crate::present::Command;
use crate::present::tour::Step;
use crate::state::Action;
use crate::theme;
use crate::theme::fonts;
use crate::ui::i18n::T;
use egui::{Color32, RichText, Ui, UiBuilder, pos2};

pub const BACKGROUND: Color32 = theme::CAPTION_BACKGROUND;
const TEXT: Color32 = theme::CAPTION_TEXT;
const SOFT: Color32 = theme::CAPTION_SOFT;

/// The caption band's share of the screen's height at the most: the map keeps the rest.
pub const MAX_SHARE: f32 = crate::present::CAPTION_MAX_SHARE;

/// How large the caption's type is on a screen of `size` points: sized for a 16:9
/// projector at presentation zoom (1422 × 800 points), smaller on a 4:3 or small screen,
/// larger on a large one, never below what the back row can still read.
pub fn type_scale(size: egui::Vec2) -> f32 {
    (size.x / 1422.0).min(size.y / 800.0).clamp(0.62, 2.0)
}

/// The caption band of the current step: counter and title with the controls beside them
/// (the title wraps before the controls, never under them), the caption and its sources
/// below, scrolled when longer than the band's `max_height`, then `footer` (attribution).
#[allow(clippy::too_many_arguments)]
pub fn show(
    ui: &mut Ui,
    step: &Step,
    (index, count): (usize, usize),
    catalogue: &Catalogue,
    lang: Lang,
    (scale, max_height): (f32, f32),
    footer: &str,
    actions: &mut Vec<Action>,
) {
    let top = ui.cursor().top();
    let controls = 15.0 * scale.max(0.85);
    ui.with_layout(egui::Layout::right_to_left(egui::Align::Min), |ui| {
        if ui
            .button(RichText::new(T::ExitPresentation.get(lang)).size(controls))
            .clicked()
        {
            actions.push(Action::StopPresentation);
        }
        for option in [Lang::En, Lang::Vi] {
            if ui
                .selectable_label(lang == option, RichText::new(option.code()).size(controls))
                .clicked()
            {
                actions.push(Action::SetLang(option));
            }
        }
        if ui
            .button(RichText::new("▶").size(controls * 1.2))
            .on_hover_text("Page Down")
            .clicked()
        {
            actions.push(Action::Tour(Command::Next));
        }
        if ui
            .button(RichText::new("◀").size(controls * 1.2))
            .on_hover_text("Page Up")
            .clicked()
        {
            actions.push(Action::Tour(Command::Previous));
        }
        ui.add_space(12.0);
        // What is left of the row, left to right: the counter and the title, wrapped.
        ui.with_layout(egui::Layout::left_to_right(egui::Align::Min), |ui| {
            ui.label(
                RichText::new(format!("{} / {count}", index + 1))
                    .font(fonts::bold(20.0 * scale))
                    .color(SOFT),
            );
            ui.add_space(12.0 * scale);
            ui.add(
                egui::Label::new(
                    RichText::new(lang.pick(&step.title_vi, &step.title_en))
                        .font(fonts::bold(32.0 * scale))
                        .color(TEXT),
                )
                .wrap(),
            );
        });
    });
    let footer_height = 16.0;
    let used = ui.cursor().top() - top;
    let rest = (max_height - used - footer_height).max(24.0 * scale);
    let sources: Vec<String> = step
        .facts
        .iter()
        .filter_map(|id| catalogue.get(id))
        .map(|fact| citation_text(catalogue, fact, lang))
        .collect::<std::collections::BTreeSet<_>>()
        .into_iter()
        .collect();
    egui::ScrollArea::vertical()
        .id_salt("caption-text")
        .max_height(rest)
        .auto_shrink([false, true])
        .show(ui, |ui| {
            ui.add(
                egui::Label::new(
                    RichText::new(lang.pick(&step.caption_vi, &step.caption_en))
                        .size(24.0 * scale)
                        .color(TEXT),
                )
                .wrap(),
            );
            if !sources.is_empty() {
                ui.add(
                    egui::Label::new(
                        RichText::new(format!(
                            "{}: {}",
                            T::SourceArticle.get(lang),
                            sources.join(" · ")
                        ))
                        .size(13.0 * scale.max(0.9))
                        .color(SOFT),
                    )
                    .wrap(),
                );
            }
        });
    if !footer.is_empty() {
        ui.add(
            egui::Label::new(RichText::new(footer).size(11.0).color(theme::CAPTION_FAINT))
                .truncate(),
        );
    }
}

/// The share screen after the last step: the web atlas's QR code large, dark on white
/// whatever the theme, and its address beside it for those who type it, over the whole
/// screen; back to the last step or out of the tour from it.
pub fn share_screen(ctx: &egui::Context, url: &ShareUrl, lang: Lang, actions: &mut Vec<Action>) {
    let screen = ctx.content_rect();
    let scale = type_scale(screen.size());
    let link = url.site(lang);
    egui::Area::new(egui::Id::unique("share-screen"))
        .order(egui::Order::Foreground)
        .fixed_pos(screen.min)
        .show(ctx, |ui| {
            ui.painter().rect_filled(screen, 0.0, BACKGROUND);
            ui.allocate_rect(screen, egui::Sense::click());
            let margin = 48.0 * scale;
            let side = (screen.height() - 2.0 * margin).min(screen.width() * 0.45);
            let within = egui::Rect::from_min_size(
                pos2(screen.left() + margin, screen.center().y - side / 2.0),
                egui::vec2(side, side),
            );
            let code = theme::qr::paint(ui.painter(), within, &link).unwrap_or(within);
            let words = egui::Rect::from_min_max(
                pos2(code.right() + margin, code.top()),
                pos2(screen.right() - margin, code.bottom()),
            );
            let mut child = ui.new_child(UiBuilder::new().max_rect(words));
            child.spacing_mut().item_spacing.y = 16.0 * scale;
            child.add(
                egui::Label::new(
                    RichText::new(lang.pick(
                        "Mở tập bản đồ trên điện thoại",
                        "Open the atlas on your phone",
                    ))
                    .font(fonts::bold(40.0 * scale))
                    .color(TEXT),
                )
                .wrap(),
            );
            child.add(
                egui::Label::new(
                    RichText::new(
                        lang.pick("Quét mã QR, hoặc mở địa chỉ:", "Scan the QR code, or open:"),
                    )
                    .size(24.0 * scale)
                    .color(SOFT),
                )
                .wrap(),
            );
            child.add(
                egui::Label::new(
                    RichText::new(&link)
                        .font(fonts::bold(26.0 * scale))
                        .color(TEXT),
                )
                .wrap(),
            );
            child.add_space(24.0 * scale);
            let controls = 15.0 * scale.max(0.85);
            child.horizontal(|ui| {
                if ui
                    .button(RichText::new("◀").size(controls * 1.2))
                    .on_hover_text("Page Up")
                    .clicked()
                {
                    actions.push(Action::Tour(Command::Previous));
                }
                if ui
                    .button(RichText::new(T::ExitPresentation.get(lang)).size(controls))
                    .clicked()
                {
                    actions.push(Action::StopPresentation);
                }
            });
        });
}
