//! One coverage feature's page: its title, its map with the furniture, the legend, then its
//! words: the page's caption, the key figures, every fact the sources state (a plan stays a
//! plan, a misprint is named, the developer's own words are labelled, a disagreeing source
//! is shown beside), the places on the page, and the sources with the quoted words. Each
//! fact carries a citation number that the sources block resolves.

use super::flow::{Continuation, Flow};
use super::frame::Frame;
use super::furniture;
use super::ink;
use super::map::{self, MapInput};
use super::page::{Page, Rect, Rgb, Span};
use super::text::Face;
use super::{Ctx, Sheet};
use crate::atlas::citation::citation;
use crate::atlas::facts::{Fact, FactId, Modality};
use crate::atlas::figure_text::{figure_how, format_figure, modality_label};
use crate::atlas::{Kind, lang};

fn span(text: impl Into<String>, face: Face, size: f32, color: Rgb) -> Span {
    Span {
        text: text.into(),
        face,
        size,
        color,
    }
}

/// The facts a page cites, numbered in the order they are first cited.
#[derive(Default)]
struct Citations<'a> {
    facts: Vec<&'a Fact>,
}

impl<'a> Citations<'a> {
    fn number(&mut self, fact: &'a Fact) -> usize {
        match self.facts.iter().position(|f| f.id == fact.id) {
            Some(i) => i + 1,
            None => {
                self.facts.push(fact);
                self.facts.len()
            }
        }
    }
}

/// The pages of one sheet: its own, then continuations when its words run over.
pub fn pages(ctx: &Ctx<'_>, sheet: &Sheet) -> Vec<Page> {
    let (w, h) = ctx.paper;
    let m = ctx.margin;
    let mut page = Page {
        bookmark: Some(sheet.title.clone()),
        ..Page::default()
    };
    // A long title (a tour step's) is set smaller, and cut with "…" past that.
    let room = w - 2.0 * m;
    let natural = ctx.fonts.width(Face::Bold, 18.0, &sheet.title).max(1.0);
    let size = (18.0 * room / natural).clamp(12.0, 18.0);
    let title = ctx.fonts.shortened(Face::Bold, size, &sheet.title, room);
    page.text([m, m + 16.0], title, Face::Bold, size, ink::TEXT);
    page.text(
        [m, m + 31.0],
        sheet.subtitle.clone(),
        Face::Regular,
        9.5,
        ink::MUTED_TEXT,
    );
    page.line(vec![[m, m + 38.0], [w - m, m + 38.0]], ink::RULE, 0.6);
    let top = m + 46.0;
    let bottom = h - m - 14.0;
    let gutter = 16.0;
    let (map_rect, legend_at, columns) = if ctx.landscape {
        let map_w = (w - 2.0 * m) * 0.6;
        let side_x = m + map_w + gutter;
        let side_w = w - m - side_x;
        (
            Rect::new(m, top, map_w, bottom - top),
            Rect::new(side_x, top, side_w, 0.0),
            vec![Rect::new(side_x, top, side_w, bottom - top)],
        )
    } else {
        let map_h = (bottom - top) * 0.5;
        let below = top + map_h + 10.0;
        let left_w = (w - 2.0 * m - gutter) * 0.36;
        let right_x = m + left_w + gutter;
        (
            Rect::new(m, top, w - 2.0 * m, map_h),
            Rect::new(m, below, left_w, 0.0),
            vec![
                Rect::new(m, below, left_w, bottom - below),
                Rect::new(right_x, below, w - m - right_x, bottom - below),
            ],
        )
    };
    let frame = Frame::fit(map_rect, sheet.bounds, 0.06, 0.03);
    let input = MapInput {
        atlas: ctx.atlas,
        sheet,
        user: ctx.user,
        lang: ctx.lang,
        fonts: ctx.fonts,
        avoid: furniture::boxes(&frame, ctx.fonts, ctx.lang, true),
    };
    // The legend takes at most two thirds of the column under it.
    let max_rows = ((bottom - legend_at.y) * 0.66 / 11.0) as usize;
    let rows = furniture::capped(map::draw(&mut page, &frame, &input), max_rows, ctx.lang);
    furniture::north_arrow(&mut page, &frame, ctx.lang);
    furniture::scale_bar(&mut page, &frame, ctx.fonts, ctx.lang);
    furniture::overview(&mut page, &frame, ctx.atlas);
    page.map = Some(map_rect);
    furniture::legend(
        &mut page,
        [legend_at.x, legend_at.y],
        legend_at.w,
        &rows,
        ctx.fonts,
        ctx.lang,
    );
    let mut columns = columns;
    if let Some(first) = columns.first_mut() {
        let used = furniture::legend_height(&rows) + 8.0;
        first.y += used;
        first.h -= used;
        super::share::sheet_code(&mut page, first, ctx, sheet);
    }
    let next = Continuation {
        paper: ctx.paper,
        margin: m,
        title: format!("{} ({})", sheet.title, ctx.lang.pick("tiếp", "continued")),
    };
    let mut flow = Flow::new(ctx.fonts, page, columns, next);
    words(&mut flow, ctx, sheet);
    flow.pages
}

fn words(flow: &mut Flow<'_>, ctx: &Ctx<'_>, sheet: &Sheet) {
    let lang = ctx.lang;
    let catalogue = &ctx.atlas.facts;
    let body = 8.5;
    if let Some(note) = &sheet.note {
        flow.para(&[span(note, Face::Regular, 7.5, ink::MUTED_TEXT)], 0.0);
        flow.gap(4.0);
    }
    if let Some(caption) = &sheet.caption {
        flow.para(&[span(caption, Face::Regular, body + 0.5, ink::TEXT)], 0.0);
        flow.gap(4.0);
    }
    let mut cited = Citations::default();
    let facts: Vec<&Fact> = sheet
        .facts
        .iter()
        .filter_map(|id| catalogue.get(id))
        .collect();
    for fact in &facts {
        cited.number(fact);
    }
    if let Some(feature) = &sheet.figures_of {
        // The page prints no area of its own, so every area figure is a key figure.
        let rows = catalogue.key_figures(feature, None, 8);
        if !rows.is_empty() {
            flow.heading(lang.pick("Số liệu chính", "Key figures"), 10.0, ink::TEXT);
        }
        for (fact, figure) in rows {
            let n = cited.number(fact);
            let how = figure_how(fact, figure, lang);
            let mut spans = vec![
                span("• ", Face::Regular, body, ink::TEXT),
                span(
                    format_figure(fact, figure, lang),
                    Face::Bold,
                    body,
                    ink::TEXT,
                ),
                span(
                    format!(" {how}"),
                    Face::Regular,
                    body - 1.0,
                    if matches!(figure.modality_in(fact), Modality::Reported) {
                        ink::MUTED_TEXT
                    } else {
                        ink::PLANNED
                    },
                ),
            ];
            if let Some(period) = &figure.period {
                spans.push(span(
                    format!(" · {period}"),
                    Face::Regular,
                    body - 1.0,
                    ink::MUTED_TEXT,
                ));
            }
            if !catalogue.conflicts(fact).is_empty() {
                spans.push(span(
                    format!(
                        " ⚠ {}",
                        lang.pick("nguồn khác ghi khác", "another source differs")
                    ),
                    Face::Regular,
                    body - 1.0,
                    ink::WARNING,
                ));
            }
            spans.push(span(
                format!(" [{n}]"),
                Face::Regular,
                body - 1.0,
                ink::ACCENT,
            ));
            flow.para(&spans, 8.0);
        }
    }
    if !facts.is_empty() {
        flow.heading(
            lang.pick("Các nguồn nói gì", "What the sources state"),
            10.0,
            ink::TEXT,
        );
    }
    for fact in &facts {
        fact_para(flow, ctx, fact, &mut cited, body);
    }
    places(flow, ctx, sheet, body);
    sources(flow, ctx, &cited.facts);
}

fn fact_para<'a>(
    flow: &mut Flow<'_>,
    ctx: &Ctx<'a>,
    fact: &'a Fact,
    cited: &mut Citations<'a>,
    body: f32,
) {
    let lang = ctx.lang;
    let catalogue = &ctx.atlas.facts;
    let n = cited.number(fact);
    let mut spans = vec![span(format!("[{n}] "), Face::Bold, body, ink::ACCENT)];
    if let Some(label) = modality_label(fact.modality, lang) {
        spans.push(span(
            format!("{} · ", label.to_uppercase()),
            Face::Bold,
            body - 1.0,
            ink::PLANNED,
        ));
    }
    spans.push(span(
        lang.pick(&fact.vi, &fact.en),
        Face::Regular,
        body,
        ink::TEXT,
    ));
    flow.para(&spans, 12.0);
    for figure in fact.figures.iter().filter(|f| f.misprint.is_some()) {
        if let Some(m) = &figure.misprint {
            flow.para(
                &[
                    span(
                        format!(
                            "⚠ {}: ",
                            lang.pick("Lỗi in trong nguồn", "Misprint in the source")
                        ),
                        Face::Bold,
                        body - 1.0,
                        ink::WARNING,
                    ),
                    span(
                        lang.pick(&m.vi, &m.en),
                        Face::Regular,
                        body - 1.0,
                        ink::WARNING,
                    ),
                ],
                12.0,
            );
        }
    }
    if let Some(interest) = catalogue.publisher_interest(fact) {
        flow.para(
            &[span(
                lang.pick(&interest.vi, &interest.en),
                Face::Regular,
                body - 1.0,
                ink::WARNING,
            )],
            12.0,
        );
    }
    for (other, link) in catalogue.conflicts(fact) {
        let m = cited.number(other);
        flow.para(
            &[
                span(
                    format!("⚠ {} [{m}]: ", lang.pick("Nguồn khác", "Another source"),),
                    Face::Bold,
                    body - 1.0,
                    ink::WARNING,
                ),
                span(
                    format!(
                        "{} — {}",
                        lang.pick(&other.vi, &other.en),
                        lang.pick(&link.vi, &link.en)
                    ),
                    Face::Regular,
                    body - 1.0,
                    ink::TEXT,
                ),
            ],
            12.0,
        );
    }
    flow.gap(2.5);
}

/// The gates and sites of a district, with what the sources say about where they are.
fn places(flow: &mut Flow<'_>, ctx: &Ctx<'_>, sheet: &Sheet, body: f32) {
    let Some(district) = &sheet.figures_of else {
        return;
    };
    let lang = ctx.lang;
    let here: Vec<_> = ctx
        .atlas
        .features()
        .iter()
        .filter(|f| f.props.district.as_ref() == Some(district))
        .filter(|f| {
            matches!(
                f.kind(),
                Kind::BorderGate | Kind::IndustrialCluster | Kind::IndustrialPark
            )
        })
        .collect();
    if here.is_empty() {
        return;
    }
    flow.heading(
        lang.pick(
            "Cửa khẩu, khu và cụm công nghiệp",
            "Gates, industrial park and clusters",
        ),
        10.0,
        ink::TEXT,
    );
    for f in here {
        let p = &f.props;
        let mut spans = vec![
            span("• ", Face::Regular, body, ink::TEXT),
            span(
                lang.pick(&p.name_vi, &p.name_en),
                Face::Bold,
                body,
                ink::TEXT,
            ),
            span(
                format!(" · {}", lang::kind_name(p.kind, lang)),
                Face::Regular,
                body - 1.0,
                ink::MUTED_TEXT,
            ),
        ];
        if p.approximate {
            spans.push(span(
                format!(
                    " · {}",
                    lang.pick("vị trí gần đúng (tâm xã)", "approximate (commune centroid)")
                ),
                Face::Regular,
                body - 1.0,
                ink::WARNING,
            ));
        }
        if let Some(note) = &p.note {
            // The data's notes are kept in the words they were written in (English).
            let lead = lang.pick(" — ghi chú dữ liệu (tiếng Anh): ", " — ");
            spans.push(span(
                format!("{lead}{note}"),
                Face::Regular,
                body - 1.5,
                ink::MUTED_TEXT,
            ));
        }
        flow.para(&spans, 8.0);
    }
}

/// Each cited fact's article (publisher, date, title, whose words) and the quoted words.
fn sources(flow: &mut Flow<'_>, ctx: &Ctx<'_>, facts: &[&Fact]) {
    if facts.is_empty() {
        return;
    }
    let lang = ctx.lang;
    let catalogue = &ctx.atlas.facts;
    flow.gap(4.0);
    flow.heading(lang.pick("Nguồn", "Sources"), 9.0, ink::TEXT);
    for (i, fact) in facts.iter().enumerate() {
        let title = catalogue
            .article(&fact.article)
            .map(|a| a.title_vi.clone())
            .unwrap_or_default();
        flow.para(
            &[
                span(format!("[{}] ", i + 1), Face::Bold, 7.0, ink::ACCENT),
                span(
                    format!("{} · “{title}” — ", citation(catalogue, fact, lang, false)),
                    Face::Regular,
                    7.0,
                    ink::TEXT,
                ),
                span(
                    format!("“{}”", fact.quote),
                    Face::Regular,
                    7.0,
                    ink::MUTED_TEXT,
                ),
                // A quote holding a misprinted figure never stands bare.
                span(misprints(fact, lang), Face::Regular, 7.0, ink::WARNING),
            ],
            10.0,
        );
    }
}

/// " (⚠ misprint: …)" for each misprinted figure of `fact`, else nothing.
fn misprints(fact: &Fact, lang: crate::atlas::Lang) -> String {
    fact.figures
        .iter()
        .filter_map(|f| f.misprint.as_ref())
        .map(|m| {
            format!(
                " (⚠ {}: {})",
                lang.pick("lỗi in", "misprint"),
                lang.pick(&m.vi, &m.en)
            )
        })
        .collect()
}

/// The facts a page cites (tests check them against the PDF's text).
pub fn cited(ctx: &Ctx<'_>, sheet: &Sheet) -> Vec<FactId> {
    let mut ids: Vec<FactId> = sheet.facts.clone();
    if let Some(feature) = &sheet.figures_of {
        for (fact, _) in ctx.atlas.facts.key_figures(feature, None, 8) {
            if !ids.contains(&fact.id) {
                ids.push(fact.id.clone());
            }
        }
    }
    ids
}
