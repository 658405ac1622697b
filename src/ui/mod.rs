//! Panels and text: layers and legend, feature panel, top bar, status bar, strings.
//! UI code reads the atlas; it never parses files.

pub mod attribute_table;
pub mod caption;
pub mod charts;
pub mod distances;
pub mod export_panel;
pub mod facts_view;
pub mod feature_panel;
pub mod i18n;
pub mod identify;
pub mod layers_panel;
pub mod measure_panel;
pub mod my_layers;
pub mod open_prompt;
pub mod postgis_dialog;
pub mod project_menu;
pub mod publish_dialog;
pub mod reform;
pub mod shortcuts;
pub mod source_viewer;
pub mod status_bar;
pub mod style_window;
pub mod timeline_bar;
pub mod top_bar;
pub mod tours_panel;
pub mod widgets;
pub mod words;

/// A grid of names and values that keeps to its panel's width: neither column wider than
/// half of it, so long values wrap instead of pushing the panel (and the map) aside.
/// A small *Sao chép / Copy* button that says on hover what it copies; `true` when clicked.
pub fn copy_button(ui: &mut egui::Ui, lang: crate::atlas::Lang, hover: &str) -> bool {
    ui.small_button(lang.pick("Sao chép", "Copy"))
        .on_hover_text(hover)
        .clicked()
}

pub fn pairs_grid(ui: &egui::Ui, id: &str) -> egui::Grid {
    let half = ((ui.available_width() - ui.spacing().item_spacing.x) / 2.0).max(60.0);
    egui::Grid::new(id).num_columns(2).max_col_width(half)
}

/// A button that shows `folder` (where an export went) in the desktop's file manager.
/// How the last export went, in green or red, with its folder to open.
pub fn export_status(
    ui: &mut egui::Ui,
    status: &crate::state::ExportStatus,
    lang: crate::atlas::Lang,
    actions: &mut Vec<crate::state::Action>,
) {
    let color = if status.ok {
        crate::theme::SUCCESS
    } else {
        crate::theme::FAILURE
    };
    ui.horizontal_wrapped(|ui| {
        ui.label(egui::RichText::new(&status.message).color(color));
        if let Some(folder) = &status.folder {
            open_folder_button(ui, folder, lang, actions);
        }
    });
}

pub fn open_folder_button(
    ui: &mut egui::Ui,
    folder: &std::path::Path,
    lang: crate::atlas::Lang,
    actions: &mut Vec<crate::state::Action>,
) {
    if ui
        .small_button(lang.pick("Mở thư mục", "Open folder"))
        .on_hover_text(folder.display().to_string())
        .clicked()
    {
        actions.push(crate::state::Action::OpenFolder(folder.to_path_buf()));
    }
}
