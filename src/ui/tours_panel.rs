//! The Tours panel: the built-in tour (read-only, to duplicate), the project's tours, their
//! steps (reorder by dragging or ↑/↓), and the step being edited: its words in both
//! languages, the facts it cites, its seconds and flight, and what is wrong with it.

use super::widgets::Widgets;
use crate::atlas::{Atlas, Lang};
use crate::present::editor::Edit;
use crate::present::tour::{FlightStyle, Step, StepProblem, TextField, Tour};
use crate::state::{Action, State, ToursAction};
use egui::{RichText, Ui};

/// What the panel reads besides the state.
pub struct Inputs<'a> {
    pub atlas: &'a Atlas,
    pub builtin: &'a Tour,
    /// The keys of the project's layers, to check the steps' layers against.
    pub layer_keys: &'a [String],
}

fn edit(actions: &mut Vec<Action>, edit: Edit) {
    actions.push(Action::Tours(ToursAction::Edit(edit)));
}

/// The editor's width: docked at the window's right edge like the side panels, so it never
/// covers the map being framed; long labels wrap or are cut with their words on hover.
const WIDTH: f32 = 400.0;

pub fn show(
    ui: &mut Ui,
    inputs: &Inputs,
    state: &State,
    widgets: &mut Widgets,
    actions: &mut Vec<Action>,
) {
    if !state.tours_open {
        return;
    }
    let lang = state.settings.lang;
    egui::Panel::right("tours-panel")
        .resizable(true)
        .default_size(WIDTH)
        .size_range(320.0..=560.0)
        .show(ui, |ui| {
            ui.horizontal(|ui| {
                ui.heading(lang.pick("Chuyến tham quan", "Tours"));
                ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                    if ui
                        .button("✕")
                        .on_hover_text(lang.pick("Đóng", "Close"))
                        .clicked()
                    {
                        actions.push(Action::Tours(ToursAction::Toggle));
                    }
                });
            });
            egui::ScrollArea::vertical().show(ui, |ui| {
                tours_list(ui, state, widgets, actions);
                ui.separator();
                let editor = &state.tours;
                let (tour, choice) = match editor.tour() {
                    Some(t) => (t, editor.open),
                    None => (inputs.builtin, None),
                };
                let problems = tour.problems(inputs.atlas, Some(inputs.layer_keys));
                steps_list(ui, tour, choice, editor.step, &problems, lang, actions);
                if let (Some(_), Some(i)) = (choice, editor.step)
                    && let Some(step) = tour.steps.get(i)
                {
                    ui.separator();
                    step_editor(ui, inputs, step, i, &problems, lang, widgets, actions);
                }
            });
        });
}

/// A label that keeps to one line of the panel, its whole text on hover.
fn cut_label(ui: &mut Ui, text: RichText) {
    let full = text.text().to_owned();
    ui.add(egui::Label::new(text).truncate())
        .on_hover_text(full);
}

fn tours_list(ui: &mut Ui, state: &State, widgets: &mut Widgets, actions: &mut Vec<Action>) {
    let lang = state.settings.lang;
    let editor = &state.tours;
    ui.horizontal_wrapped(|ui| {
        if ui
            .selectable_label(
                editor.open.is_none(),
                lang.pick("Chuyến có sẵn (chỉ đọc)", "Built-in tour (read-only)"),
            )
            .clicked()
        {
            edit(actions, Edit::Open(None));
        }
        for (i, tour) in editor.tours.iter().enumerate() {
            match &mut widgets.tour_name {
                Some((at, name)) if *at == i => {
                    let response = ui.text_edit_singleline(name);
                    if response.lost_focus() {
                        edit(actions, Edit::Rename(i, name.clone()));
                        widgets.tour_name = None;
                    } else {
                        response.request_focus();
                    }
                }
                _ => {
                    let label = ui.selectable_label(editor.open == Some(i), &tour.name);
                    if label.clicked() {
                        edit(actions, Edit::Open(Some(i)));
                    }
                    if label.double_clicked() {
                        widgets.tour_name = Some((i, tour.name.clone()));
                    }
                }
            }
        }
    });
    ui.horizontal_wrapped(|ui| {
        if ui.button(lang.pick("+ Chuyến mới", "+ New tour")).clicked() {
            edit(actions, Edit::NewTour(lang));
        }
        let duplicate = match editor.open {
            None => lang.pick("Nhân bản để sửa", "Duplicate to edit"),
            Some(_) => lang.pick("Nhân bản", "Duplicate"),
        };
        if ui.button(duplicate).clicked() {
            edit(actions, Edit::DuplicateTour(editor.open));
        }
        if let Some(i) = editor.open {
            if ui.button(lang.pick("Đổi tên", "Rename")).clicked() {
                widgets.tour_name = editor.tours.get(i).map(|t| (i, t.name.clone()));
            }
            if ui.button(lang.pick("Xoá chuyến", "Delete tour")).clicked() {
                edit(actions, Edit::DeleteTour(i));
            }
        }
        ui.separator();
        if ui
            .add_enabled(
                editor.can_undo(),
                egui::Button::new(lang.pick("Hoàn tác", "Undo")),
            )
            .on_hover_text("Ctrl+Z")
            .clicked()
        {
            edit(actions, Edit::Undo);
        }
        if ui
            .add_enabled(
                editor.can_redo(),
                egui::Button::new(lang.pick("Làm lại", "Redo")),
            )
            .on_hover_text("Ctrl+Y")
            .clicked()
        {
            edit(actions, Edit::Redo);
        }
    });
    ui.horizontal_wrapped(|ui| {
        if ui.button(lang.pick("▶ Trình chiếu", "▶ Present")).clicked() {
            actions.push(Action::Tours(ToursAction::Play(editor.open, 0)));
        }
        if ui.button(lang.pick("▶ Tự chạy", "▶ Autoplay")).clicked() {
            actions.push(Action::Tours(ToursAction::Play(editor.open, 0)));
            actions.push(Action::Tours(ToursAction::Autoplay(true)));
        }
        if ui
            .button(lang.pick("Xuất PNG từng bước", "Export each step as PNG"))
            .clicked()
        {
            actions.push(Action::Tours(ToursAction::ExportPictures(editor.open)));
        }
    });
}

/// A step's row's buttons, right to left: play from here, then ↓ and ↑.
fn step_controls(
    ui: &mut Ui,
    i: usize,
    count: usize,
    choice: Option<usize>,
    editable: bool,
    lang: Lang,
    actions: &mut Vec<Action>,
) {
    if ui
        .small_button("▶")
        .on_hover_text(lang.pick("Trình chiếu từ đây", "Play from here"))
        .clicked()
    {
        actions.push(Action::Tours(ToursAction::Play(choice, i)));
    }
    if editable {
        if ui
            .add_enabled(i + 1 < count, egui::Button::new("↓"))
            .clicked()
        {
            edit(actions, Edit::MoveStep(i, i + 1));
        }
        if ui.add_enabled(i > 0, egui::Button::new("↑")).clicked() {
            edit(actions, Edit::MoveStep(i, i - 1));
        }
    }
}

/// One line a step: number, title, “no source”, problems; drag to reorder.
fn steps_list(
    ui: &mut Ui,
    tour: &Tour,
    choice: Option<usize>,
    selected: Option<usize>,
    problems: &[StepProblem],
    lang: Lang,
    actions: &mut Vec<Action>,
) {
    let editable = choice.is_some();
    let count = tour.steps.len();
    for (i, step) in tour.steps.iter().enumerate() {
        let row = ui.horizontal(|ui| {
            if editable {
                let handle = ui.dnd_drag_source(egui::Id::unique(("step-drag", i)), i, |ui| {
                    ui.label("↑↓");
                });
                handle
                    .response
                    .on_hover_text(lang.pick("Kéo để đổi thứ tự", "Drag to reorder"));
            }
            let title = format!("{}. {}", i + 1, lang.pick(&step.title_vi, &step.title_en));
            // The controls first, from the right; the title takes what is left, cut.
            ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                step_controls(ui, i, count, choice, editable, lang, actions);
                let n = problems.iter().filter(|p| p.step == i).count();
                if n > 0 {
                    ui.label(RichText::new(format!("⚠ {n}")).color(crate::theme::WARNING));
                }
                if step.facts.is_empty() {
                    ui.label(RichText::new(lang.pick("không nguồn", "no source")).weak())
                        .on_hover_text(
                            lang.pick("Bước này không dẫn dữ kiện nào", "This step cites no fact"),
                        );
                }
                ui.with_layout(egui::Layout::left_to_right(egui::Align::Center), |ui| {
                    if ui
                        .add(
                            egui::Button::selectable(selected == Some(i) && editable, &title)
                                .truncate(),
                        )
                        .on_hover_text(&title)
                        .clicked()
                    {
                        edit(actions, Edit::SelectStep(Some(i)));
                    }
                });
            });
        });
        if editable && let Some(from) = row.response.dnd_release_payload::<usize>() {
            edit(actions, Edit::MoveStep(*from, i));
        }
    }
    if count == 0 {
        ui.weak(lang.pick(
            "Chưa có bước nào: đưa bản đồ tới chỗ cần nói rồi bấm “Thêm khung nhìn này”.",
            "No steps yet: put the map where you want to speak, then “Add this view”.",
        ));
    }
    ui.horizontal_wrapped(|ui| {
        if ui
            .button(lang.pick(
                "+ Thêm khung nhìn này làm một bước",
                "+ Add this view as a step",
            ))
            .clicked()
        {
            actions.push(Action::Tours(ToursAction::AddStepFromView));
        }
        if let (true, Some(i)) = (editable, selected) {
            if ui
                .button(lang.pick("Cập nhật bước theo khung nhìn", "Update step from the view"))
                .clicked()
            {
                actions.push(Action::Tours(ToursAction::UpdateStepFromView(i)));
            }
            if ui
                .button(lang.pick("Nhân bản bước", "Duplicate step"))
                .clicked()
            {
                edit(actions, Edit::DuplicateStep(i));
            }
            if ui.button(lang.pick("Xoá bước", "Delete step")).clicked() {
                edit(actions, Edit::DeleteStep(i));
            }
        }
    });
}

#[allow(
    clippy::too_many_arguments,
    reason = "the editor's parts, each read once"
)]
fn step_editor(
    ui: &mut Ui,
    inputs: &Inputs,
    step: &Step,
    i: usize,
    problems: &[StepProblem],
    lang: Lang,
    widgets: &mut Widgets,
    actions: &mut Vec<Action>,
) {
    for (field, label, multiline) in [
        (TextField::TitleVi, "Tiêu đề (VI)", false),
        (TextField::TitleEn, "Title (EN)", false),
        (TextField::CaptionVi, "Lời dẫn (VI)", true),
        (TextField::CaptionEn, "Caption (EN)", true),
    ] {
        ui.label(label);
        let mut text = match field {
            TextField::TitleVi => step.title_vi.clone(),
            TextField::TitleEn => step.title_en.clone(),
            TextField::CaptionVi => step.caption_vi.clone(),
            TextField::CaptionEn => step.caption_en.clone(),
        };
        let widget = if multiline {
            egui::TextEdit::multiline(&mut text).desired_rows(3)
        } else {
            egui::TextEdit::singleline(&mut text)
        };
        let id = egui::Id::unique(("step-text", i, label));
        if ui.add(widget.id(id).desired_width(f32::INFINITY)).changed() {
            edit(actions, Edit::Text(i, field, text));
        }
    }
    ui.label(lang.pick("Dữ kiện được dẫn", "Facts cited"));
    for fact in &step.facts {
        ui.horizontal(|ui| {
            let words = inputs.atlas.facts.get(fact).map_or_else(
                || fact.as_str().to_owned(),
                |f| lang.pick(&f.vi, &f.en).to_owned(),
            );
            if ui.small_button("✕").clicked() {
                edit(actions, Edit::RemoveFact(i, fact.clone()));
            }
            cut_label(ui, RichText::new(words).small());
        });
    }
    fact_picker(ui, inputs, step, i, lang, widgets, actions);
    ui.horizontal(|ui| {
        let mut auto = step.seconds.is_none();
        if ui
            .checkbox(
                &mut auto,
                lang.pick("Thời lượng mặc định", "Default duration"),
            )
            .changed()
        {
            let seconds = (!auto).then_some(crate::present::tour::DEFAULT_SECONDS);
            edit(actions, Edit::Seconds(i, seconds));
        }
        if let Some(mut s) = step.seconds
            && ui
                .add(egui::DragValue::new(&mut s).range(1.0..=600.0).suffix(" s"))
                .changed()
        {
            edit(actions, Edit::Seconds(i, Some(s)));
        }
    });
    ui.horizontal(|ui| {
        for (style, label) in [
            (FlightStyle::Fly, lang.pick("Bay tới", "Fly")),
            (FlightStyle::Cut, lang.pick("Chuyển ngay", "Cut")),
        ] {
            if ui.radio(step.flight == style, label).clicked() {
                edit(actions, Edit::Flight(i, style));
            }
        }
    });
    // What is wrong with the step comes last: appearing while the caption is typed, it
    // moves nothing above it, so the next click lands where the eye aimed.
    for p in problems.iter().filter(|p| p.step == i) {
        ui.add(
            egui::Label::new(
                RichText::new(format!("⚠ {}", p.kind.describe(lang))).color(crate::theme::WARNING),
            )
            .wrap(),
        );
    }
}

/// Facts to cite: the selected feature's, and a search over all of them.
fn fact_picker(
    ui: &mut Ui,
    inputs: &Inputs,
    step: &Step,
    i: usize,
    lang: Lang,
    widgets: &mut Widgets,
    actions: &mut Vec<Action>,
) {
    let facts = inputs.atlas.facts.facts();
    let about: Vec<_> = step
        .selected
        .iter()
        .flat_map(|id| facts.iter().filter(move |f| f.about.contains(id)))
        .filter(|f| !step.facts.contains(&f.id))
        .collect();
    ui.horizontal(|ui| {
        ui.label("🔍");
        ui.add(
            egui::TextEdit::singleline(&mut widgets.fact_search)
                .hint_text(lang.pick("Tìm dữ kiện để dẫn", "Search facts to cite")),
        );
    });
    let query = crate::atlas::search::fold(widgets.fact_search.trim());
    let found: Vec<_> = if query.is_empty() {
        about
    } else {
        facts
            .iter()
            .filter(|f| !step.facts.contains(&f.id))
            .filter(|f| {
                crate::atlas::search::fold(&f.vi).contains(&query)
                    || crate::atlas::search::fold(&f.en).contains(&query)
                    || f.id.as_str().contains(&query)
            })
            .take(12)
            .collect()
    };
    for fact in found {
        ui.horizontal(|ui| {
            if ui.small_button("+").clicked() {
                edit(actions, Edit::AddFact(i, fact.id.clone()));
            }
            cut_label(ui, RichText::new(lang.pick(&fact.vi, &fact.en)).small());
        });
    }
}
