//! The Publish window: the PDF atlas (pages, language, paper) and the tour video (tour,
//! size, frame rate, language), a progress bar with Cancel, and how the last export went.

use crate::atlas::Lang;
use crate::atlas::share::ShareUrl;
use crate::print::Paper;
use crate::state::Action;
use crate::state::publish::{
    PdfPages, PdfSettings, Publication, PublishAction, PublishState, VIDEO_FPS, VIDEO_SIZES,
    VideoSettings, WebSettings,
};
use crate::theme;
use egui::RichText;

fn push(actions: &mut Vec<Action>, action: PublishAction) {
    actions.push(Action::Publish(action));
}

/// The window; `tours` are the project's tours' names (the built-in tour comes first).
pub fn show(
    ctx: &egui::Context,
    state: &PublishState,
    tours: &[String],
    lang: Lang,
    actions: &mut Vec<Action>,
) {
    let Some(tab) = state.open else {
        return;
    };
    let mut open = true;
    egui::Window::new(lang.pick("Xuất cho hội nghị", "Publish for a conference"))
        .id(egui::Id::unique("publish-window"))
        .open(&mut open)
        .collapsible(false)
        .resizable(false)
        .show(ctx, |ui| {
            ui.horizontal(|ui| {
                for (kind, vi, en) in [
                    (Publication::Pdf, "Tập bản đồ PDF", "PDF atlas"),
                    (Publication::Video, "Video chuyến tham quan", "Tour video"),
                    (Publication::Web, "Trang web", "Web page"),
                ] {
                    if ui
                        .selectable_label(tab == kind, lang.pick(vi, en))
                        .clicked()
                    {
                        push(actions, PublishAction::Show(kind));
                    }
                }
            });
            ui.separator();
            let busy = state.progress.is_some();
            ui.add_enabled_ui(!busy, |ui| {
                match tab {
                    Publication::Pdf => pdf_options(ui, &state.pdf, tours, lang, actions),
                    Publication::Video => video_options(ui, &state.video, tours, lang, actions),
                    Publication::Web => web_options(ui, &state.web, lang, actions),
                }
                web_address(ui, &state.url, lang, actions);
                let start = match tab {
                    Publication::Pdf => lang.pick("Xuất PDF…", "Export PDF…"),
                    Publication::Video => lang.pick("Xuất video…", "Export video…"),
                    Publication::Web => {
                        lang.pick("Chọn thư mục và xuất…", "Choose a folder and publish…")
                    }
                };
                if ui.button(start).clicked() {
                    push(actions, PublishAction::Start);
                }
            });
            ui.separator();
            progress(ui, state, lang, actions);
        });
    if !open {
        push(actions, PublishAction::Close);
    }
}

fn tour_name(tours: &[String], choice: Option<usize>, lang: Lang) -> &str {
    match choice {
        None => lang.pick("Chuyến tham quan có sẵn", "The built-in tour"),
        Some(i) => tours.get(i).map_or("?", String::as_str),
    }
}

fn tour_choice(
    ui: &mut egui::Ui,
    id: &str,
    tours: &[String],
    current: Option<usize>,
    lang: Lang,
) -> Option<Option<usize>> {
    let mut picked = None;
    egui::ComboBox::from_id_salt(id)
        .selected_text(tour_name(tours, current, lang))
        .show_ui(ui, |ui| {
            for choice in std::iter::once(None).chain((0..tours.len()).map(Some)) {
                if ui
                    .selectable_label(current == choice, tour_name(tours, choice, lang))
                    .clicked()
                {
                    picked = Some(choice);
                }
            }
        });
    picked
}

fn language(ui: &mut egui::Ui, current: Lang) -> Option<Lang> {
    let mut picked = None;
    for (option, name) in [(Lang::Vi, "Tiếng Việt"), (Lang::En, "English")] {
        if ui.selectable_label(current == option, name).clicked() {
            picked = Some(option);
        }
    }
    picked
}

/// Where the atlas will be published on the web: the QR codes' address, checked as typed.
fn web_address(ui: &mut egui::Ui, url: &str, lang: Lang, actions: &mut Vec<Action>) {
    ui.add_space(4.0);
    ui.label(lang.pick(
        "Địa chỉ web của bản atlas",
        "Web address of the published atlas",
    ));
    let mut text = url.to_owned();
    let field = egui::TextEdit::singleline(&mut text)
        .hint_text("https://…")
        .desired_width(ui.available_width().min(420.0));
    if ui.add(field).changed() {
        push(actions, PublishAction::Url(text));
    }
    let (note, colour) = match ShareUrl::optional(url) {
        Ok(Some(_)) => (
            lang.pick(
                "Bìa và mỗi trang PDF, thẻ cuối của video và màn hình chia sẻ khi trình chiếu \
                 mang mã QR của địa chỉ này.",
                "The PDF's cover and pages, the video's end card and the presentation's share \
                 screen carry its QR code.",
            )
            .to_owned(),
            theme::MUTED,
        ),
        Ok(None) => (
            lang.pick("Để trống: không có mã QR.", "Left empty: no QR code.")
                .to_owned(),
            theme::MUTED,
        ),
        Err(e) => (e.words(lang), theme::WARNING),
    };
    ui.label(RichText::new(note).small().color(colour));
}

fn pdf_options(
    ui: &mut egui::Ui,
    s: &PdfSettings,
    tours: &[String],
    lang: Lang,
    actions: &mut Vec<Action>,
) {
    let mut next = s.clone();
    ui.label(lang.pick(
        "Bìa, mục lục, rồi mỗi trang một đơn vị: bản đồ, chú giải, số liệu, các nguồn nói gì.",
        "A cover, the contents, then a page each: map, legend, figures, what the sources state.",
    ));
    egui::Grid::new("pdf-options")
        .num_columns(2)
        .show(ui, |ui| {
            ui.label(lang.pick("Trang", "Pages"));
            ui.vertical(|ui| {
                ui.horizontal(|ui| {
                    for (pages, vi, en) in [
                        (PdfPages::Districts, "11 huyện, thành phố", "11 districts"),
                        (PdfPages::Zones, "3 vùng", "3 zones"),
                        (
                            PdfPages::Units2025,
                            "65 xã, phường (2025)",
                            "65 communes and wards (2025)",
                        ),
                    ] {
                        if ui
                            .selectable_label(s.pages == pages, lang.pick(vi, en))
                            .clicked()
                        {
                            next.pages = pages;
                        }
                    }
                });
                ui.horizontal(|ui| {
                    let on_tour = matches!(s.pages, PdfPages::Tour(_));
                    if ui
                        .selectable_label(on_tour, lang.pick("Các bước của", "The steps of"))
                        .clicked()
                    {
                        next.pages = PdfPages::Tour(None);
                    }
                    let current = match s.pages {
                        PdfPages::Tour(t) => t,
                        PdfPages::Districts | PdfPages::Zones | PdfPages::Units2025 => None,
                    };
                    if let Some(choice) = tour_choice(ui, "pdf-tour", tours, current, lang) {
                        next.pages = PdfPages::Tour(choice);
                    }
                });
            });
            ui.end_row();
            ui.label(lang.pick("Ngôn ngữ", "Language"));
            ui.horizontal(|ui| {
                if let Some(l) = language(ui, s.lang) {
                    next.lang = l;
                }
            });
            ui.end_row();
            ui.label(lang.pick("Khổ giấy", "Paper"));
            ui.horizontal(|ui| {
                for paper in [Paper::A4, Paper::A3] {
                    if ui
                        .selectable_label(s.paper == paper, format!("{paper:?}"))
                        .clicked()
                    {
                        next.paper = paper;
                    }
                }
                ui.checkbox(&mut next.landscape, lang.pick("Khổ ngang", "Landscape"));
            });
            ui.end_row();
        });
    if next != *s {
        push(actions, PublishAction::Pdf(next));
    }
}

fn video_options(
    ui: &mut egui::Ui,
    s: &VideoSettings,
    tours: &[String],
    lang: Lang,
    actions: &mut Vec<Action>,
) {
    let mut next = s.clone();
    ui.label(lang.pick(
        "MP4 (H.264): thẻ tiêu đề, mỗi bước đúng số giây của nó với chú thích, thẻ cuối ghi nguồn.",
        "MP4 (H.264): a title card, each step for its seconds with its caption, an end card with the sources.",
    ));
    egui::Grid::new("video-options")
        .num_columns(2)
        .show(ui, |ui| {
            ui.label(lang.pick("Chuyến tham quan", "Tour"));
            if let Some(choice) = tour_choice(ui, "video-tour", tours, s.tour, lang) {
                next.tour = choice;
            }
            ui.end_row();
            ui.label(lang.pick("Kích thước", "Size"));
            ui.horizontal(|ui| {
                for (i, [w, h]) in VIDEO_SIZES.iter().enumerate() {
                    if ui
                        .selectable_label(s.size == i, format!("{w}×{h}"))
                        .clicked()
                    {
                        next.size = i;
                    }
                }
            });
            ui.end_row();
            ui.label(lang.pick("Khung hình/giây", "Frames per second"));
            ui.horizontal(|ui| {
                for fps in VIDEO_FPS {
                    if ui.selectable_label(s.fps == fps, fps.to_string()).clicked() {
                        next.fps = fps;
                    }
                }
            });
            ui.end_row();
            ui.label(lang.pick("Ngôn ngữ", "Language"));
            ui.horizontal(|ui| {
                if let Some(l) = language(ui, s.lang) {
                    next.lang = l;
                }
            });
            ui.end_row();
        });
    ui.label(
        RichText::new(lang.pick(
            "H.264 được bảo hộ sáng chế ở một số nước; bộ mã hoá này dựng từ mã nguồn openh264, \
             không phải bản nhị phân có giấy phép của Cisco. Thay thế: xuất PNG từng bước.",
            "H.264 is covered by patents in some countries; this encoder is built from \
             openh264's source, not Cisco's licensed binary. The alternative: PNGs of each step.",
        ))
        .small()
        .color(theme::MUTED),
    );
    if next != *s {
        push(actions, PublishAction::Video(next));
    }
}

fn web_options(ui: &mut egui::Ui, s: &WebSettings, lang: Lang, actions: &mut Vec<Action>) {
    ui.label(lang.pick(
        "Một thư mục mở được bằng mọi trình duyệt, kể cả từ USB, không cần máy chủ: bản đồ, \
         các dữ kiện với lời trích và bài báo gốc, các chuyến tham quan, các lớp đang bật của dự án. \
         Bản đồ nền luôn là bản đồ ngoại tuyến.",
        "A folder any browser opens, from a USB stick too, with no server: the map, the facts \
         with their quotes and articles, the tours, the project's visible layers. The basemap \
         is always the offline one.",
    ));
    let mut next = s.clone();
    ui.horizontal(|ui| {
        ui.label(lang.pick("Mở bằng", "Opens in"));
        if let Some(l) = language(ui, s.lang) {
            next.lang = l;
        }
    });
    if next != *s {
        push(actions, PublishAction::Web(next));
    }
}

fn progress(ui: &mut egui::Ui, state: &PublishState, lang: Lang, actions: &mut Vec<Action>) {
    if let Some((done, total)) = state.progress {
        ui.horizontal(|ui| {
            ui.spinner();
            ui.add(
                egui::ProgressBar::new(done as f32 / total.max(1) as f32)
                    .desired_width(260.0)
                    .text(format!("{done}/{total}")),
            );
            if ui.button(lang.pick("Huỷ", "Cancel")).clicked() {
                push(actions, PublishAction::Cancel);
            }
        });
    }
    if let Some(status) = &state.status {
        crate::ui::export_status(ui, status, lang, actions);
    }
    if let (Some(page), None, Some(Publication::Web)) =
        (&state.web_page, state.progress, state.open)
        && ui
            .button(lang.pick("Mở trong trình duyệt", "Open in browser"))
            .on_hover_text(page.display().to_string())
            .clicked()
    {
        // The desktop's opener gives an HTML file to the default browser.
        actions.push(Action::OpenFolder(page.clone()));
    }
}
