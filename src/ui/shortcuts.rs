//! The shortcuts sheet (`?`): every key of the browsing and presenting modes, in the
//! reader's language.

use crate::atlas::Lang;
use crate::state::Action;
use egui::{Context, RichText};

/// (keys, what they do in Vietnamese, in English), browsing first, then presenting.
const BROWSING: [(&str, &str, &str); 15] = [
    (
        "Ctrl+F",
        "tìm huyện, xã, cửa khẩu, cụm công nghiệp",
        "search districts, communes, gates, sites",
    ),
    (
        "↓ ↑ Enter",
        "trong ô tìm: chọn kết quả và bay tới",
        "in the search box: pick a result and fly to it",
    ),
    (
        "Esc",
        "đóng bài viết, bỏ chọn, đóng kết quả tìm",
        "close the article, clear the selection, close the results",
    ),
    ("+ –", "phóng to, thu nhỏ", "zoom in, zoom out"),
    ("Home", "toàn tỉnh", "the whole province"),
    (
        "Ctrl+O",
        "mở tệp thành lớp của tôi (hoặc kéo thả)",
        "open files as your own layers (or drop them)",
    ),
    (
        "Ctrl/Shift+nhấp",
        "thêm đối tượng vào phần chọn",
        "add a feature to the selection",
    ),
    ("F5", "trình chiếu", "presentation mode"),
    (
        "M",
        "đo khoảng cách, diện tích (Shift: không bắt điểm)",
        "measure distances and areas (Shift: no snapping)",
    ),
    ("C", "biểu đồ", "charts"),
    (
        "T",
        "dòng thời gian 2021–2030 (← → khi thanh năm đang chọn)",
        "timeline 2021–2030 (← → when the year slider has focus)",
    ),
    (
        "[  ]",
        "ẩn/hiện bảng lớp, bảng thông tin",
        "hide/show the layers, the feature panel",
    ),
    ("?", "bảng phím tắt này", "this sheet"),
    (
        "kéo / cuộn",
        "di chuyển / phóng bản đồ",
        "pan / zoom the map",
    ),
    (
        "nhấp đúp",
        "phóng vào; trên tên lớp: đổi tên",
        "zoom in; on a layer's name: rename",
    ),
];
const PRESENTING: [(&str, &str, &str); 8] = [
    ("PgDn → ↓ Space Enter", "bước sau", "next step"),
    ("PgUp ← ↑ Backspace", "bước trước", "previous step"),
    ("1–9, Home, End", "tới bước", "go to a step"),
    ("B .", "màn hình đen", "blank the screen"),
    ("L", "đổi ngôn ngữ", "switch language"),
    ("C", "biểu đồ, chữ cỡ lớn", "charts, in large type"),
    ("T", "dòng thời gian, nút Phát", "timeline, with Play"),
    ("Esc", "thoát trình chiếu", "leave the presentation"),
];

pub fn show(ctx: &Context, lang: Lang, actions: &mut Vec<Action>) {
    let mut open = true;
    egui::Window::new(lang.pick("Phím tắt", "Keyboard shortcuts"))
        .id(egui::Id::unique("shortcuts"))
        .open(&mut open)
        .collapsible(false)
        .resizable(false)
        .anchor(egui::Align2::CENTER_CENTER, [0.0, 0.0])
        .show(ctx, |ui| {
            for (title, rows) in [
                (lang.pick("Xem bản đồ", "Browsing"), &BROWSING[..]),
                (lang.pick("Trình chiếu", "Presenting"), &PRESENTING[..]),
            ] {
                ui.label(RichText::new(title).strong().size(16.0));
                egui::Grid::new(("shortcut-grid", title))
                    .num_columns(2)
                    .striped(true)
                    .show(ui, |ui| {
                        for (keys, vi, en) in rows {
                            ui.label(RichText::new(*keys).monospace());
                            ui.label(lang.pick(vi, en));
                            ui.end_row();
                        }
                    });
                ui.add_space(6.0);
            }
        });
    if !open {
        actions.push(Action::ToggleShortcuts);
    }
}
