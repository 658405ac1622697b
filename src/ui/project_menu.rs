//! The project's part of the window: the File menu's project entries, what opening or
//! saving had to say, and “save your changes?” before they would be lost.

use crate::atlas::Lang;
use crate::state::publish::{Publication, PublishAction};
use crate::state::{Action, Pending, ProjectAction, State, ToursAction, UnsavedChoice};
use egui::{RichText, Ui};

/// The File menu's project entries (New, Open, Save, Save as, with data, recent).
pub fn file_menu(ui: &mut Ui, state: &State, actions: &mut Vec<Action>) {
    let lang = state.settings.lang;
    let mut item = |ui: &mut Ui, label: &str, shortcut: &str, action: ProjectAction| {
        let button = egui::Button::new(label).shortcut_text(shortcut);
        if ui.add(button).clicked() {
            actions.push(Action::Project(action));
            ui.close();
        }
    };
    item(
        ui,
        lang.pick("Dự án mới", "New project"),
        "",
        ProjectAction::New,
    );
    item(
        ui,
        lang.pick("Mở dự án…", "Open project…"),
        "",
        ProjectAction::OpenDialog,
    );
    item(ui, lang.pick("Lưu", "Save"), "Ctrl+S", ProjectAction::Save);
    item(
        ui,
        lang.pick("Lưu thành…", "Save as…"),
        "Ctrl+Shift+S",
        ProjectAction::SaveAs,
    );
    let mut with_data = state.project.with_data;
    if ui
        .checkbox(
            &mut with_data,
            lang.pick("Lưu kèm dữ liệu", "Save with data"),
        )
        .on_hover_text(lang.pick(
            "Chép các tệp lớp vào dự án, để mở được trên máy khác",
            "Copy the layers' files into the project, so that it opens on another machine",
        ))
        .changed()
    {
        actions.push(Action::Project(ProjectAction::WithData(with_data)));
    }
    ui.separator();
    for (kind, vi, en) in [
        (
            Publication::Pdf,
            "Xuất tập bản đồ PDF…",
            "Export PDF atlas…",
        ),
        (
            Publication::Video,
            "Xuất video chuyến tham quan…",
            "Export tour video…",
        ),
        (
            Publication::Web,
            "Xuất thành trang web…",
            "Publish as web page…",
        ),
    ] {
        if ui.button(lang.pick(vi, en)).clicked() {
            actions.push(Action::Publish(PublishAction::Show(kind)));
            ui.close();
        }
    }
    ui.separator();
    ui.menu_button(lang.pick("Dự án gần đây", "Recent projects"), |ui| {
        if state.settings.recent_projects.is_empty() {
            ui.weak(lang.pick("(chưa có)", "(none yet)"));
        }
        for path in &state.settings.recent_projects {
            let name = path.file_name().map_or_else(
                || path.display().to_string(),
                |n| n.to_string_lossy().into_owned(),
            );
            if ui
                .button(name)
                .on_hover_text(path.display().to_string())
                .clicked()
            {
                actions.push(Action::Project(ProjectAction::Open(path.clone())));
                ui.close();
            }
        }
    });
    ui.separator();
    if ui
        .button(lang.pick("Thêm lớp PostGIS…", "Add PostGIS layer…"))
        .clicked()
    {
        actions.push(Action::User(crate::state::UserAction::PostGisDialog(true)));
        ui.close();
    }
    if ui
        .button(lang.pick("Chuyến tham quan…", "Tours…"))
        .clicked()
    {
        actions.push(Action::Tours(ToursAction::Toggle));
        ui.close();
    }
}

/// What opening or saving said: every thing that could not be opened, by name; while a
/// project is being read, that it is.
pub fn report(ctx: &egui::Context, state: &State, actions: &mut Vec<Action>) {
    let lang = state.settings.lang;
    if let Some(path) = &state.project.opening {
        egui::Window::new(lang.pick("Dự án", "Project"))
            .id(egui::Id::unique("project-opening"))
            .collapsible(false)
            .resizable(false)
            .show(ctx, |ui| {
                ui.horizontal(|ui| {
                    ui.spinner();
                    ui.label(format!(
                        "{} {}",
                        lang.pick("Đang mở", "Opening"),
                        path.display()
                    ));
                });
            });
    }
    let Some(report) = &state.project.report else {
        return;
    };
    let mut open = true;
    egui::Window::new(lang.pick("Dự án", "Project"))
        .id(egui::Id::unique("project-report"))
        .collapsible(false)
        .open(&mut open)
        .default_width(520.0)
        .show(ctx, |ui| {
            let mark = if report.ok { "⚠" } else { "✗" };
            ui.label(RichText::new(format!("{mark} {}", report.title)).strong());
            egui::ScrollArea::vertical()
                .max_height(300.0)
                .show(ui, |ui| {
                    for line in &report.lines {
                        ui.label(format!("• {line}"));
                    }
                });
            if ui.button("OK").clicked() {
                actions.push(Action::Project(ProjectAction::DismissReport));
            }
        });
    if !open {
        actions.push(Action::Project(ProjectAction::DismissReport));
    }
}

/// “Save your changes?” before closing the window, a new project or another one.
pub fn unsaved(ctx: &egui::Context, state: &State, actions: &mut Vec<Action>) {
    let Some(pending) = &state.project.unsaved else {
        return;
    };
    let lang = state.settings.lang;
    let then = match pending {
        Pending::Close => lang.pick("trước khi đóng", "before closing"),
        Pending::New => lang.pick("trước khi tạo dự án mới", "before starting a new project"),
        Pending::Open(_) => lang.pick("trước khi mở dự án khác", "before opening another project"),
    };
    egui::Modal::new(egui::Id::unique("unsaved-changes")).show(ctx, |ui| {
        ui.set_max_width(420.0);
        ui.heading(lang.pick("Lưu thay đổi?", "Save your changes?"));
        ui.label(format!(
            "{} “{}” {} {then}?",
            lang.pick("Dự án", "The project"),
            state.project.name(lang),
            lang.pick(
                "có thay đổi chưa lưu. Lưu",
                "has unsaved changes. Save them"
            ),
        ));
        ui.horizontal(|ui| {
            for (choice, label) in choices(lang) {
                if ui.button(label).clicked() {
                    actions.push(Action::Project(ProjectAction::Unsaved(choice)));
                }
            }
        });
    });
}

fn choices(lang: Lang) -> [(UnsavedChoice, &'static str); 3] {
    [
        (UnsavedChoice::Save, lang.pick("Lưu", "Save")),
        (UnsavedChoice::Discard, lang.pick("Không lưu", "Don't save")),
        (UnsavedChoice::Cancel, lang.pick("Huỷ", "Cancel")),
    ]
}
