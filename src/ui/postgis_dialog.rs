//! *Add PostGIS layer…*: server, database, user, password and SSL mode; the tables with a
//! geometry column, with their type, SRID and estimated rows; tick one or several to add.
//! The password stays in this window and the program's memory, never in a file.

use super::widgets::PostGisForm;
use crate::atlas::Lang;
use crate::sources::postgis::{PgSource, SslMode, TableName};
use crate::state::{Action, PostGisState, UserAction};
use egui::{RichText, Ui};

fn login(form: &PostGisForm) -> Option<PgSource> {
    Some(PgSource {
        host: form.host.trim().to_owned(),
        port: form.port.trim().parse().ok()?,
        dbname: form.dbname.trim().to_owned(),
        user: form.user.trim().to_owned(),
        sslmode: form.sslmode,
        table: TableName {
            schema: String::new(),
            name: String::new(),
        },
        column: None,
    })
}

pub fn show(
    ctx: &egui::Context,
    state: &PostGisState,
    form: &mut PostGisForm,
    lang: Lang,
    actions: &mut Vec<Action>,
) {
    let mut open = true;
    egui::Window::new(lang.pick("Thêm lớp PostGIS", "Add PostGIS layer"))
        .id(egui::Id::unique("postgis-dialog"))
        .open(&mut open)
        .default_width(520.0)
        .show(ctx, |ui| {
            egui::Grid::new(egui::Id::unique("postgis-login"))
                .num_columns(2)
                .show(ui, |ui| {
                    field(ui, lang.pick("Máy chủ", "Host"), &mut form.host, false);
                    field(ui, lang.pick("Cổng", "Port"), &mut form.port, false);
                    field(ui, lang.pick("Cơ sở dữ liệu", "Database"), &mut form.dbname, false);
                    field(ui, lang.pick("Người dùng", "User"), &mut form.user, false);
                    field(ui, lang.pick("Mật khẩu", "Password"), &mut form.password, true);
                    ui.label("SSL");
                    ui.horizontal(|ui| {
                        for mode in SslMode::ALL {
                            ui.radio_value(&mut form.sslmode, mode, mode.name());
                        }
                    });
                    ui.end_row();
                });
            ui.small(lang.pick(
                "Mật khẩu không được ghi vào dự án hay cài đặt; để trống thì dùng PGPASSWORD hoặc ~/.pgpass.",
                "The password is never written to the project or the settings; left empty, PGPASSWORD or ~/.pgpass is used.",
            ));
            let source = login(form);
            ui.horizontal(|ui| {
                let connect = ui.add_enabled(
                    source.is_some() && !state.listing,
                    egui::Button::new(lang.pick("Kết nối và liệt kê bảng", "Connect and list tables")),
                );
                if connect.clicked()
                    && let Some(source) = source.clone()
                {
                    form.chosen.clear();
                    actions.push(Action::User(UserAction::PostGisList(source, form.password.clone())));
                }
                if state.listing {
                    ui.spinner();
                }
            });
            if let Some(error) = &state.error {
                ui.label(RichText::new(format!("✗ {error}")).color(crate::theme::WARNING));
            }
            tables(ui, state, form, lang);
            let chosen: Vec<PgSource> = form
                .chosen
                .iter()
                .filter_map(|&i| state.tables.get(i))
                .filter_map(|t| {
                    let mut s = source.clone()?;
                    s.table = t.table.clone();
                    s.column = Some(t.column.clone());
                    Some(s)
                })
                .collect();
            if ui
                .add_enabled(
                    !chosen.is_empty(),
                    egui::Button::new(lang.pick("Thêm các bảng đã chọn", "Add the tables ticked")),
                )
                .clicked()
            {
                actions.push(Action::User(UserAction::PostGisAdd(chosen, form.password.clone())));
            }
        });
    if !open {
        actions.push(Action::User(UserAction::PostGisDialog(false)));
    }
}

fn field(ui: &mut Ui, label: &str, text: &mut String, password: bool) {
    ui.label(label);
    ui.add(egui::TextEdit::singleline(text).password(password));
    ui.end_row();
}

fn tables(ui: &mut Ui, state: &PostGisState, form: &mut PostGisForm, lang: Lang) {
    if state.tables.is_empty() {
        return;
    }
    ui.separator();
    egui::ScrollArea::vertical()
        .max_height(240.0)
        .show(ui, |ui| {
            egui::Grid::new(egui::Id::unique("postgis-tables"))
                .striped(true)
                .num_columns(5)
                .show(ui, |ui| {
                    for head in [
                        lang.pick("Bảng", "Table"),
                        lang.pick("Cột", "Column"),
                        lang.pick("Kiểu", "Type"),
                        "SRID",
                        lang.pick("Số dòng (ước)", "Rows (estimate)"),
                    ] {
                        ui.strong(head);
                    }
                    ui.end_row();
                    for (i, t) in state.tables.iter().enumerate() {
                        let mut ticked = form.chosen.contains(&i);
                        if ui.checkbox(&mut ticked, t.table.to_string()).changed() {
                            if ticked {
                                form.chosen.insert(i);
                            } else {
                                form.chosen.remove(&i);
                            }
                        }
                        ui.label(&t.column);
                        ui.label(&t.geometry_type);
                        ui.label(t.srid.to_string());
                        ui.label(if t.estimated_rows < 0 {
                            "?".to_owned()
                        } else {
                            crate::atlas::numbers::localised(
                                t.estimated_rows as f64,
                                crate::atlas::numbers::Decimals::UpTo(0),
                                lang,
                            )
                        });
                        ui.end_row();
                    }
                });
        });
}
