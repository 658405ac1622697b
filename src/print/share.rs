//! The web atlas's QR code on a page: the cover's opens the site, a feature's page opens
//! that feature (a tour step's page, that step). Drawn as vector paths, dark on white with
//! its quiet zone, a link over it, and what it opens printed beside it in small type.

use super::page::{Op, Page, Rect, Rgb};
use super::text::{Face, Fonts};
use super::{Ctx, Sheet, ink};
use crate::atlas::Lang;
use crate::atlas::qr::QrMatrix;
use crate::atlas::share::{Place, ShareUrl};

/// Where the atlas is published, for the pages' codes.
#[derive(Clone, Debug, PartialEq)]
pub struct Share {
    pub url: ShareUrl,
    /// The printed tour's number on the web page (1-based), when it is not its place among
    /// the tours the layout is given (the window prints one tour alone).
    pub tour: Option<usize>,
}

/// A feature page's code, in points a side (quiet zone included): about 21 mm, modules
/// of half a millimetre for a deep link, which a phone reads at arm's length.
const SHEET_SIDE: f32 = 64.0;
/// Type of the address beside a code.
const URL_SIZE: f32 = 6.5;
const LABEL_SIZE: f32 = 7.5;
const GAP: f32 = 6.0;

/// The cover's code, larger: it is the one a room scans.
fn cover_side(landscape: bool) -> f32 {
    if landscape { 60.0 } else { 80.0 }
}

/// The link of `place`; a tour step takes the tour number `share` gives, if any.
fn link(share: &Share, place: &Place, lang: Lang) -> String {
    let place = match (place, share.tour) {
        (Place::TourStep { step, .. }, Some(tour)) => Place::TourStep { tour, step: *step },
        (Place::TourStep { .. } | Place::Site | Place::Feature(_), _) => place.clone(),
    };
    share.url.link(&place, lang)
}

/// The site's code on the cover, at the foot of `column`, which keeps the room above it.
pub fn cover_code(page: &mut Page, ctx: &Ctx<'_>, column: &mut Rect) {
    let Some(share) = ctx.share else {
        return;
    };
    let label = ctx.lang.pick(
        "Tập bản đồ trên web: quét mã hoặc mở",
        "This atlas on the web: scan the code or open",
    );
    let side = cover_side(ctx.landscape);
    reserve(
        page,
        ctx.fonts,
        column,
        side,
        &share.url.site(ctx.lang),
        label,
    );
}

/// The code of `uri` at the foot of `column`, `side` points a side, its words beside it;
/// the column keeps the room above it.
fn reserve(page: &mut Page, fonts: &Fonts, column: &mut Rect, side: f32, uri: &str, label: &str) {
    if column.h < 2.0 * side {
        return;
    }
    let at = [column.x, column.bottom() - side];
    column.h -= side + GAP + 2.0;
    code(page, fonts, (at, side), uri, label, column.w - side - GAP);
}

/// A sheet's code at the bottom of `column`, which keeps the room above it.
pub fn sheet_code(page: &mut Page, column: &mut Rect, ctx: &Ctx<'_>, sheet: &Sheet) {
    let Some(share) = ctx.share else {
        return;
    };
    let label = match sheet.place {
        Place::Site => ctx.lang.pick(
            "Tập bản đồ trên web: quét mã hoặc mở",
            "This atlas on the web: scan the code or open",
        ),
        Place::Feature(_) | Place::TourStep { .. } => ctx.lang.pick(
            "Trang này trên bản đồ web: quét mã hoặc mở",
            "This page on the web atlas: scan the code or open",
        ),
    };
    let uri = link(share, &sheet.place, ctx.lang);
    reserve(page, ctx.fonts, column, SHEET_SIDE, &uri, label);
}

/// The code of `uri`, `side` points a side from `at`, linked, with `label` and the
/// address beside it in `text_w` points.
fn code(
    page: &mut Page,
    fonts: &Fonts,
    (at, side): ([f32; 2], f32),
    uri: &str,
    label: &str,
    text_w: f32,
) {
    let Ok(matrix) = QrMatrix::encode(uri) else {
        return;
    };
    let whole = Rect::new(at[0], at[1], side, side);
    // White under the code: the quiet zone stays light over any tint.
    page.rect_fill(whole, Rgb::WHITE);
    let rings = matrix
        .rects(at, side)
        .into_iter()
        .map(|[x, y, w, h]| Rect::new(x, y, w, h).corners())
        .collect();
    page.ops.push(Op::Fill {
        rings,
        color: Rgb::BLACK,
    });
    page.ops.push(Op::Uri {
        rect: whole,
        uri: uri.to_owned(),
    });
    let x = at[0] + side + GAP;
    // The words start level with the code's dark modules, below its quiet zone.
    let mut y = at[1] + side * 4.0 / matrix.side() as f32 + LABEL_SIZE;
    if text_w < 30.0 {
        return;
    }
    for line in fonts.wrap(Face::Bold, LABEL_SIZE, label, text_w) {
        page.text([x, y], line, Face::Bold, LABEL_SIZE, ink::TEXT);
        y += LABEL_SIZE + 2.0;
    }
    y += 1.0;
    for line in address_lines(fonts, uri, text_w) {
        page.text([x, y], line, Face::Regular, URL_SIZE, ink::ACCENT);
        y += URL_SIZE + 1.5;
    }
    page.ops.push(Op::Uri {
        rect: Rect::new(x, at[1], text_w, y - at[1]),
        uri: uri.to_owned(),
    });
}

/// An address cut into lines of `width`: after a `/`, `#`, `&`, `?` or `.` where one is
/// near the end of a line, else anywhere (an address has no spaces to break at).
fn address_lines(fonts: &Fonts, uri: &str, width: f32) -> Vec<String> {
    let mut lines = Vec::new();
    let mut line = String::new();
    for c in uri.chars() {
        let mut next = line.clone();
        next.push(c);
        if !line.is_empty() && fonts.width(Face::Regular, URL_SIZE, &next) > width {
            let cut = line
                .char_indices()
                .filter(|(_, ch)| matches!(ch, '/' | '#' | '&' | '?' | '.'))
                .map(|(i, ch)| i + ch.len_utf8())
                .rfind(|i| *i * 3 > line.len() * 2);
            match cut {
                Some(i) => {
                    let rest = line.split_off(i);
                    lines.push(std::mem::replace(&mut line, rest));
                }
                None => lines.push(std::mem::take(&mut line)),
            }
        }
        line.push(c);
    }
    if !line.is_empty() {
        lines.push(line);
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_address_breaks_after_its_separators_and_loses_nothing() {
        let Ok(fonts) = Fonts::new() else {
            panic!("fonts");
        };
        let uri = "https://atlas.langson.gov.vn/quy-hoach/index.html#f=vsip_lang_son&lang=en";
        let lines = address_lines(&fonts, uri, 90.0);
        assert!(lines.len() > 1, "{lines:?}");
        assert_eq!(lines.concat(), uri);
        for line in &lines {
            assert!(fonts.width(Face::Regular, URL_SIZE, line) <= 90.0, "{line}");
        }
        assert!(
            lines.iter().take(lines.len() - 1).any(|l| l.ends_with('/')),
            "{lines:?}"
        );
    }
}
