//! The export window: resolution, folder, and buttons to export the current view or every
//! tour step as PNG.

use crate::atlas::Lang;
use crate::state::{Action, ExportOption, ExportState};
use crate::theme;
use crate::ui::i18n::T;

/// The export window; `sizes` are the picture sizes offered, in pixels.
pub fn show(
    ctx: &egui::Context,
    export: &ExportState,
    folder_text: &mut Option<String>,
    sizes: &[[u32; 2]],
    charts_open: bool,
    lang: Lang,
    actions: &mut Vec<Action>,
) {
    let mut open = true;
    egui::Window::new(T::Export.get(lang))
        .id(egui::Id::unique("export-window"))
        .open(&mut open)
        .collapsible(false)
        .resizable(false)
        .show(ctx, |ui| {
            ui.horizontal(|ui| {
                ui.label(lang.pick("Kích thước", "Size"));
                for (i, [w, h]) in sizes.iter().enumerate() {
                    if ui
                        .selectable_label(export.size == i, format!("{w}×{h}"))
                        .clicked()
                    {
                        actions.push(Action::SetExport(ExportOption::Size(i)));
                    }
                }
            });
            ui.horizontal(|ui| {
                ui.label(lang.pick("Thư mục", "Folder"));
                // The folder as typed is the field's own until Enter or leaving it sets it.
                let text = folder_text.get_or_insert_with(|| export.dir.clone());
                let field = ui.add(egui::TextEdit::singleline(text).desired_width(320.0));
                if field.lost_focus() {
                    if let Some(text) = folder_text.take() {
                        actions.push(Action::SetExport(ExportOption::Folder(text)));
                    }
                } else if !field.has_focus() {
                    *folder_text = None;
                }
            });
            let mut with_charts = export.with_charts;
            let charts = ui.add_enabled(
                charts_open,
                egui::Checkbox::new(
                    &mut with_charts,
                    lang.pick(
                        "Kèm biểu đồ đang mở vào ảnh khung nhìn",
                        "Put the open charts beside the map in the view's picture",
                    ),
                ),
            );
            if charts.changed() {
                actions.push(Action::SetExport(ExportOption::WithCharts(with_charts)));
            }
            let busy = export.progress.is_some();
            if let Some(reason) = &export.unavailable {
                ui.colored_label(
                    theme::FAILURE,
                    format!(
                        "{} {reason}",
                        lang.pick(
                            "Không xuất ảnh được trên máy này:",
                            "Pictures cannot be exported on this machine:"
                        )
                    ),
                );
            }
            let enabled = !busy && export.unavailable.is_none();
            ui.horizontal(|ui| {
                if ui
                    .add_enabled(
                        enabled,
                        egui::Button::new(lang.pick("Xuất khung nhìn này", "Export this view")),
                    )
                    .clicked()
                {
                    actions.push(Action::ExportView);
                }
                if ui
                    .add_enabled(
                        enabled,
                        egui::Button::new(
                            lang.pick("Xuất mọi bước trình chiếu", "Export every tour step"),
                        ),
                    )
                    .clicked()
                {
                    actions.push(Action::ExportTour);
                }
            });
            if let Some((done, total)) = export.progress {
                ui.horizontal(|ui| {
                    ui.spinner();
                    ui.add(
                        egui::ProgressBar::new(done as f32 / total.max(1) as f32)
                            .desired_width(220.0)
                            .text(format!(
                                "{} {done}/{total}",
                                lang.pick("Đang xuất", "Exporting")
                            )),
                    );
                });
            }
            if let Some(status) = &export.status {
                crate::ui::export_status(ui, status, lang, actions);
            }
        });
    if !open {
        actions.push(Action::ToggleExport);
    }
}
