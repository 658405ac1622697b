//! The export window: resolution, folder, and buttons to export the current view or every
//! tour step as PNG.

use crate::atlas::Lang;
use crate::state::{Action, ExportState};
use crate::theme;
use crate::ui::i18n::T;
use egui::RichText;

pub const SIZES: [[u32; 2]; 3] = [[1920, 1080], [3840, 2160], [7680, 4320]];

pub fn show(ctx: &egui::Context, export: &mut ExportState, lang: Lang, actions: &mut Vec<Action>) {
    let mut open = true;
    egui::Window::new(T::Export.get(lang))
        .id(egui::Id::unique("export-window"))
        .open(&mut open)
        .collapsible(false)
        .resizable(false)
        .show(ctx, |ui| {
            ui.horizontal(|ui| {
                ui.label(lang.pick("Kích thước", "Size"));
                for (i, [w, h]) in SIZES.iter().enumerate() {
                    ui.selectable_value(&mut export.size, i, format!("{w}×{h}"));
                }
            });
            ui.horizontal(|ui| {
                ui.label(lang.pick("Thư mục", "Folder"));
                ui.add(egui::TextEdit::singleline(&mut export.dir).desired_width(320.0));
            });
            let busy = export.running.is_some();
            ui.horizontal(|ui| {
                if ui
                    .add_enabled(
                        !busy,
                        egui::Button::new(lang.pick("Xuất khung nhìn này", "Export this view")),
                    )
                    .clicked()
                {
                    actions.push(Action::ExportView);
                }
                if ui
                    .add_enabled(
                        !busy,
                        egui::Button::new(
                            lang.pick("Xuất mọi bước trình chiếu", "Export every tour step"),
                        ),
                    )
                    .clicked()
                {
                    actions.push(Action::ExportTour);
                }
            });
            if busy {
                ui.horizontal(|ui| {
                    ui.spinner();
                    ui.label(lang.pick("Đang xuất…", "Exporting…"));
                });
            }
            if let Some(status) = &export.status {
                let color = if status.ok {
                    theme::SUCCESS
                } else {
                    theme::FAILURE
                };
                ui.label(RichText::new(&status.message).color(color));
            }
        });
    if !open {
        export.open = false;
    }
}
