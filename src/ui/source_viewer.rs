//! A window with the full text of a source article, the quoted words highlighted and
//! scrolled into view.

use crate::atlas::Lang;
use crate::atlas::citation::article_date;
use crate::atlas::facts::Catalogue;
use crate::state::{Action, SourceView};
use crate::theme;
use crate::theme::fonts;
use crate::ui::i18n::T;
use egui::text::{CCursor, LayoutJob, TextFormat};
use egui::{FontId, RichText};

pub fn show(
    ctx: &egui::Context,
    catalogue: &Catalogue,
    view: &mut SourceView,
    lang: Lang,
    actions: &mut Vec<Action>,
) {
    let article = catalogue.article(&view.article);
    let title = article
        .map_or(view.article.as_str(), |a| a.title_vi.as_str())
        .to_owned();
    let mut open = true;
    egui::Window::new(format!("{}: {title}", T::SourceArticle.get(lang)))
        .id(egui::Id::unique("source-viewer"))
        .open(&mut open)
        .default_size([620.0, 560.0])
        .collapsible(false)
        .show(ctx, |ui| {
            if let Some(a) = article {
                ui.label(RichText::new(&a.title_vi).font(fonts::bold(16.0)));
                if a.title_is_descriptive {
                    ui.weak(lang.pick(
                        "(tiêu đề mô tả: bài không ghi tiêu đề)",
                        "(descriptive title: the text shows none)",
                    ));
                }
                let mut meta = Vec::new();
                meta.extend(a.publisher.clone());
                meta.extend(a.author.clone());
                meta.push(
                    article_date(a, lang)
                        .unwrap_or_else(|| lang.pick("không ghi ngày", "undated").to_owned()),
                );
                ui.label(meta.join(" · "));
                if let Some(note) = &a.date_note {
                    ui.weak(note);
                }
                if let Some(url) = &a.url {
                    ui.hyperlink(url);
                }
                ui.weak(format!("seeds/{}", a.file));
            }
            ui.separator();
            let Some(text) = Catalogue::article_text(&view.article) else {
                ui.colored_label(theme::FAILURE, format!("seeds/{} ?", view.article));
                return;
            };
            let font = FontId::proportional(15.0);
            let color = ui.visuals().text_color();
            let mut job = LayoutJob::default();
            job.wrap.max_width = ui.available_width();
            let quote_at = text.find(view.quote.as_str());
            match quote_at {
                Some(start) => {
                    let end = start + view.quote.len();
                    job.append(&text[..start], 0.0, TextFormat::simple(font.clone(), color));
                    job.append(
                        &text[start..end],
                        0.0,
                        TextFormat {
                            background: theme::QUOTE_HIGHLIGHT,
                            color: theme::ARTICLE_TEXT,
                            ..TextFormat::simple(font.clone(), color)
                        },
                    );
                    job.append(&text[end..], 0.0, TextFormat::simple(font, color));
                }
                None => job.append(text, 0.0, TextFormat::simple(font, color)),
            }
            egui::ScrollArea::vertical()
                .auto_shrink([false, false])
                .show(ui, |ui| {
                    let galley = ui.painter().layout_job(job);
                    let response = ui.add(egui::Label::new(galley.clone()).selectable(true));
                    if view.scroll_pending {
                        if let Some(start) = quote_at {
                            let chars = text[..start].chars().count();
                            let at = galley.pos_from_cursor(CCursor::new(chars));
                            ui.scroll_to_rect(
                                at.translate(response.rect.min.to_vec2()),
                                Some(egui::Align::Center),
                            );
                        }
                        view.scroll_pending = false;
                    }
                });
        });
    if !open {
        actions.push(Action::CloseSource);
    }
}
