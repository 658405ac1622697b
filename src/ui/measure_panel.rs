//! The measure tool's card over the map: how to use it, the measurement under way (each
//! segment, the total, the area of a closed shape), and its buttons.

use crate::atlas::Lang;
use crate::layers::measure::MeasureTool;
use crate::state::{Action, MeasureAction};
use egui::{Rect, RichText, Ui, vec2};

pub fn show(ui: &mut Ui, map: Rect, tool: &MeasureTool, lang: Lang, actions: &mut Vec<Action>) {
    egui::Area::new(egui::Id::unique("measure-panel"))
        .fixed_pos(map.left_top() + vec2(10.0, 10.0))
        .order(egui::Order::Foreground)
        .show(ui.ctx(), |ui| {
            egui::Frame::popup(ui.style()).show(ui, |ui| {
                ui.set_max_width(320.0);
                ui.label(RichText::new(lang.pick("Đo khoảng cách, diện tích", "Measure")).strong());
                if tool.active {
                    ui.label(
                        RichText::new(lang.pick(
                            "Nhấp để thêm điểm (bắt vào đỉnh gần nhất; giữ Shift để không bắt). Nhấp lại điểm đầu để đóng thành vùng. Esc hoặc M để kết thúc.",
                            "Click to add points (they snap to the nearest vertex; hold Shift not to). Click the first point again to close an area. Esc or M ends.",
                        ))
                        .small(),
                    );
                }
                let shown = if tool.current.points.len() >= 2 {
                    Some(&tool.current)
                } else {
                    tool.kept.last()
                };
                if let Some(m) = shown {
                    ui.label(RichText::new(m.text(lang)).monospace().size(12.5));
                }
                ui.horizontal_wrapped(|ui| {
                    if tool.active && tool.current.points.len() >= 3
                        && ui.button(lang.pick("Đóng thành vùng", "Close the shape")).clicked()
                    {
                        actions.push(Action::Measure(MeasureAction::Close));
                    }
                    if shown.is_some() && ui.button(lang.pick("Sao chép", "Copy")).clicked() {
                        actions.push(Action::Measure(MeasureAction::Copy));
                    }
                    if !tool.kept.is_empty() && ui.button(lang.pick("Xóa các phép đo", "Clear measurements")).clicked() {
                        actions.push(Action::Measure(MeasureAction::Clear));
                    }
                    let end = if tool.active {
                        lang.pick("Kết thúc (Esc)", "End (Esc)")
                    } else {
                        lang.pick("Đo tiếp (M)", "Measure again (M)")
                    };
                    if ui.button(end).clicked() {
                        actions.push(Action::Measure(MeasureAction::Toggle));
                    }
                });
            });
        });
}
