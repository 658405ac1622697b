//! One frame of the tour's video, laid out 1920 points wide at any pixel size: the map as
//! an exported picture draws it, and over it the step's caption in the projector's type
//! (the presentation mode's colours and sizes), a title card first and the sources last.

use super::plan::{Moment, Part};
use crate::atlas::citation::{citation, citation_text};
use crate::atlas::share::ShareUrl;
use crate::atlas::{Atlas, FactId, Lang};
use crate::export::Composition;
use crate::present::tour::Tour;
use crate::theme::{self, fonts};
use egui::{Align2, Color32, FontId, Rect, pos2, vec2};

/// The share of the frame's height the caption band is given when views are framed (the
/// map's subject stays above it).
pub const CAPTION_SHARE: f32 = 0.3;
/// Space around the caption's text.
const PAD: f32 = 36.0;

/// What the cards and captions say.
pub struct Words<'a> {
    pub atlas: &'a Atlas,
    pub tour: &'a Tour,
    pub lang: Lang,
    /// Where the atlas is published on the web: the end card shows its QR code.
    pub url: Option<&'a ShareUrl>,
}

impl Words<'_> {
    fn tour_name(&self) -> String {
        if self.tour.name.is_empty() {
            self.lang
                .pick("Chuyến tham quan quy hoạch", "A tour of the plan")
                .to_owned()
        } else {
            self.tour.name.clone()
        }
    }

    /// Every article the tour's steps cite, once, in the order first cited.
    fn sources(&self) -> Vec<String> {
        let mut seen: Vec<String> = Vec::new();
        let facts: Vec<&FactId> = self
            .tour
            .steps
            .iter()
            .flat_map(|s| s.facts.iter())
            .collect();
        for id in facts {
            if let Some(fact) = self.atlas.facts.get(id) {
                let title = self
                    .atlas
                    .facts
                    .article(&fact.article)
                    .map(|a| format!(" · “{}”", a.title_vi))
                    .unwrap_or_default();
                let line = format!(
                    "{}{title}",
                    citation(&self.atlas.facts, fact, self.lang, false)
                );
                if !seen.contains(&line) {
                    seen.push(line);
                }
            }
        }
        seen
    }
}

/// Draws the frame of `moment`: the map (already placed by the caller) and its words.
pub fn draw(ui: &mut egui::Ui, map: &mut Composition, moment: &Moment, words: &Words<'_>) {
    map.map_ui(ui);
    let full = ui.ctx().content_rect();
    match moment.part {
        Part::Title => title_card(ui, full, words),
        Part::Step(i) => caption(ui, full, words, i),
        Part::End => end_card(ui, full, words),
    }
}

/// Text laid out in `width`, its galley painted at `at`; returns its height.
fn text(
    ui: &egui::Ui,
    at: egui::Pos2,
    text: &str,
    font: FontId,
    color: Color32,
    width: f32,
) -> f32 {
    let galley = ui.painter().layout(text.to_owned(), font, color, width);
    let height = galley.size().y;
    ui.painter().galley(at, galley, color);
    height
}

fn measure(ui: &egui::Ui, text: &str, font: FontId, width: f32) -> f32 {
    ui.painter()
        .layout(text.to_owned(), font, Color32::WHITE, width)
        .size()
        .y
}

fn caption(ui: &mut egui::Ui, full: Rect, words: &Words<'_>, i: usize) {
    let Some(step) = words.tour.steps.get(i) else {
        return;
    };
    let lang = words.lang;
    let width = full.width() - 2.0 * PAD;
    let title = lang.pick(&step.title_vi, &step.title_en);
    let body = lang.pick(&step.caption_vi, &step.caption_en);
    let mut cited: Vec<String> = Vec::new();
    for fact in step.facts.iter().filter_map(|id| words.atlas.facts.get(id)) {
        let line = citation_text(&words.atlas.facts, fact, lang);
        if !cited.contains(&line) {
            cited.push(line);
        }
    }
    let sources = if cited.is_empty() {
        String::new()
    } else {
        format!("{}: {}", lang.pick("Nguồn", "Sources"), cited.join(" · "))
    };
    let counter = format!("{} / {}  ", i + 1, words.tour.steps.len());
    let sizes = |k: f32| (40.0 * k, 28.0 * k, 17.0 * k.max(0.8), 26.0 * k);
    let height_at = |k: f32| {
        let (t, b, src, _) = sizes(k);
        measure(ui, title, fonts::bold(t), width - 80.0)
            + 10.0
            + measure(ui, body, FontId::proportional(b), width)
            + if sources.is_empty() {
                0.0
            } else {
                10.0 + measure(ui, &sources, FontId::proportional(src), width)
            }
            + 2.0 * PAD * 0.7
    };
    // The band keeps to the share the views were framed above: a long caption is set
    // smaller (down to 60 % of the projector's type) rather than cover the step's subject.
    let room = full.height() * CAPTION_SHARE;
    let k = [1.0, 0.9, 0.8, 0.7, 0.6]
        .into_iter()
        .find(|k| height_at(*k) <= room)
        .unwrap_or(0.6);
    let (title_size, body_size, sources_size, counter_size) = sizes(k);
    let height = height_at(k);
    let band = Rect::from_min_max(
        pos2(full.left(), full.bottom() - height),
        full.right_bottom(),
    );
    ui.painter()
        .rect_filled(band, 0.0, theme::CAPTION_BACKGROUND);
    let mut y = band.top() + PAD * 0.7;
    let x = band.left() + PAD;
    let counter_w = ui
        .painter()
        .layout_no_wrap(
            counter.clone(),
            fonts::bold(counter_size),
            theme::CAPTION_SOFT,
        )
        .size()
        .x;
    text(
        ui,
        pos2(x, y + 8.0 * k),
        &counter,
        fonts::bold(counter_size),
        theme::CAPTION_SOFT,
        200.0,
    );
    y += text(
        ui,
        pos2(x + counter_w, y),
        title,
        fonts::bold(title_size),
        theme::CAPTION_TEXT,
        width - counter_w,
    ) + 10.0;
    y += text(
        ui,
        pos2(x, y),
        body,
        FontId::proportional(body_size),
        theme::CAPTION_TEXT,
        width,
    );
    if !sources.is_empty() {
        text(
            ui,
            pos2(x, y + 10.0),
            &sources,
            FontId::proportional(sources_size),
            theme::CAPTION_SOFT,
            width,
        );
    }
}

fn veil(ui: &egui::Ui, full: Rect) {
    ui.painter().rect_filled(full, 0.0, theme::CARD_VEIL);
}

fn title_card(ui: &mut egui::Ui, full: Rect, words: &Words<'_>) {
    veil(ui, full);
    let lang = words.lang;
    let width = full.width() * 0.75;
    let mut y = full.center().y - 170.0;
    let x = full.center().x - width / 2.0;
    let plan = lang.pick(
        "Quy hoạch tỉnh Lạng Sơn thời kỳ 2021–2030, tầm nhìn đến năm 2050",
        "Lạng Sơn provincial plan 2021–2030, vision to 2050",
    );
    y += text(
        ui,
        pos2(x, y),
        plan,
        fonts::bold(64.0),
        theme::CAPTION_TEXT,
        width,
    ) + 24.0;
    y += text(
        ui,
        pos2(x, y),
        &words.tour_name(),
        FontId::proportional(40.0),
        theme::CAPTION_SOFT,
        width,
    ) + 24.0;
    let steps = format!(
        "{} {}",
        words.tour.steps.len(),
        lang.pick(
            "bước, theo các bài báo được trích dẫn",
            "steps, as the cited articles state them"
        )
    );
    text(
        ui,
        pos2(x, y),
        &steps,
        FontId::proportional(26.0),
        theme::CAPTION_SOFT,
        width,
    );
}

fn end_card(ui: &mut egui::Ui, full: Rect, words: &Words<'_>) {
    veil(ui, full);
    let lang = words.lang;
    // The web atlas's code takes the right of the card; the sources keep the rest.
    let code = words
        .url
        .map_or(0.0, |url| share_code(ui, full, url, lang) + 2.0 * PAD);
    let width = full.width() - 4.0 * PAD - code;
    let x = full.left() + 2.0 * PAD;
    let mut y = full.top() + 2.0 * PAD;
    y += text(
        ui,
        pos2(x, y),
        lang.pick("Nguồn", "Sources"),
        fonts::bold(48.0),
        theme::CAPTION_TEXT,
        width,
    ) + 20.0;
    for line in words.sources() {
        y += text(
            ui,
            pos2(x, y),
            &format!("• {line}"),
            FontId::proportional(24.0),
            theme::CAPTION_TEXT,
            width,
        ) + 8.0;
    }
    y += 24.0;
    let data = lang.pick(
        "Bản đồ: ranh giới huyện geoBoundaries (CC BY 3.0 IGO); đất liền và biên giới © OpenStreetMap \
         contributors (ODbL); sông, đô thị Natural Earth; xã, phường vietnamadminunits (MIT). \
         Vị trí gần đúng (tâm xã) được đánh dấu trên bản đồ.",
        "Map: district boundaries geoBoundaries (CC BY 3.0 IGO); land and border © OpenStreetMap \
         contributors (ODbL); rivers and towns Natural Earth; communes and wards vietnamadminunits \
         (MIT). Approximate places (commune centroids) are marked on the map.",
    );
    y += text(
        ui,
        pos2(x, y),
        data,
        FontId::proportional(20.0),
        theme::CAPTION_SOFT,
        width,
    ) + 16.0;
    let made = lang.pick("Làm bằng langson-atlas", "Made with langson-atlas");
    let galley = ui.painter().layout_no_wrap(
        made.to_owned(),
        FontId::proportional(20.0),
        theme::CAPTION_SOFT,
    );
    let at = Align2::RIGHT_BOTTOM.anchor_size(
        full.right_bottom() - vec2(2.0 * PAD, 2.0 * PAD),
        galley.size(),
    );
    ui.painter().galley(at.min, galley, theme::CAPTION_SOFT);
    let _ = y;
}

/// The site's QR code at the right of the end card, what it opens above it and the address
/// below; returns the width it takes.
fn share_code(ui: &egui::Ui, full: Rect, url: &ShareUrl, lang: Lang) -> f32 {
    let side = (full.height() * 0.45).min(full.width() * 0.25);
    let x = full.right() - 2.0 * PAD - side;
    let mut y = full.top() + 2.0 * PAD;
    y += text(
        ui,
        pos2(x, y),
        lang.pick("Tập bản đồ trên web", "The atlas on the web"),
        fonts::bold(30.0),
        theme::CAPTION_TEXT,
        side,
    ) + 16.0;
    let link = url.site(lang);
    let square = Rect::from_min_size(pos2(x, y), vec2(side, side));
    let painted = theme::qr::paint(ui.painter(), square, &link).unwrap_or(square);
    text(
        ui,
        pos2(x, painted.bottom() + 14.0),
        &link,
        FontId::proportional(22.0),
        theme::CAPTION_TEXT,
        side,
    );
    side
}
