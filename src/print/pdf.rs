//! Laid-out pages into a PDF with krilla: paths as vector paths, text as real text in
//! embedded font subsets with a Unicode map (so it can be selected, copied and searched), a
//! bookmark per page that has one, and the table of contents' links.

use super::page::{Op, Page, Rect, Rgb, Span};
use super::text::{Fonts, Slot};
use crate::atlas::Lang;
use krilla::Document;
use krilla::action::LinkAction;
use krilla::annotation::{LinkAnnotation, Target};
use krilla::color::rgb;
use krilla::destination::XyzDestination;
use krilla::geom::{Path, PathBuilder, Point};
use krilla::metadata::Metadata;
use krilla::num::NormalizedF32;
use krilla::outline::{Outline, OutlineNode};
use krilla::page::PageSettings;
use krilla::paint::{Fill, FillRule, LineCap, LineJoin, Stroke, StrokeDash};
use krilla::surface::Surface;
use krilla::text::{Font, TextDirection};
use std::sync::atomic::{AtomicBool, Ordering};

/// Why no PDF was made.
#[derive(Clone, Debug, thiserror::Error, PartialEq)]
pub enum PdfError {
    #[error("the font {0:?} built into the program cannot be embedded")]
    Font(Slot),
    #[error("a page of {0}×{1} points is not a page")]
    PageSize(f32, f32),
    #[error("the PDF could not be finished: {0}")]
    Finish(String),
    #[error("cancelled")]
    Cancelled,
}

/// What the document says about itself.
pub struct DocumentInfo {
    pub title: String,
    pub lang: Lang,
    pub paper: (f32, f32),
}

struct Faces {
    fonts: Vec<(Slot, Font)>,
}

impl Faces {
    fn new() -> Result<Self, PdfError> {
        let fonts = Slot::ALL
            .into_iter()
            .map(|slot| {
                Font::new(slot.bytes().into(), 0)
                    .map(|f| (slot, f))
                    .ok_or(PdfError::Font(slot))
            })
            .collect::<Result<_, _>>()?;
        Ok(Self { fonts })
    }

    fn get(&self, slot: Slot) -> Option<Font> {
        self.fonts
            .iter()
            .find(|(s, _)| *s == slot)
            .map(|(_, f)| f.clone())
    }
}

fn color(c: Rgb) -> rgb::Color {
    rgb::Color::new(c.0, c.1, c.2)
}

fn path(lines: &[Vec<[f32; 2]>], closed: bool) -> Option<Path> {
    let mut pb = PathBuilder::new();
    for line in lines {
        let Some((first, rest)) = line.split_first() else {
            continue;
        };
        pb.move_to(first[0], first[1]);
        for p in rest {
            pb.line_to(p[0], p[1]);
        }
        if closed {
            pb.close();
        }
    }
    pb.finish()
}

fn rect_path(r: &Rect) -> Option<Path> {
    path(&[r.corners()], true)
}

fn text(surface: &mut Surface<'_>, faces: &Faces, fonts: &Fonts, at: [f32; 2], span: &Span) {
    surface.set_stroke(None);
    surface.set_fill(Some(Fill {
        paint: color(span.color).into(),
        opacity: NormalizedF32::ONE,
        rule: FillRule::NonZero,
    }));
    let mut x = at[0];
    for (slot, run) in fonts.runs(span.face, &span.text) {
        if let Some(font) = faces.get(slot) {
            surface.draw_text(
                Point::from_xy(x, at[1]),
                font,
                span.size,
                &run,
                false,
                TextDirection::Auto,
            );
        }
        x += fonts.run_width(slot, span.size, &run);
    }
}

fn draw(surface: &mut Surface<'_>, faces: &Faces, fonts: &Fonts, op: &Op, clips: &mut usize) {
    match op {
        Op::Fill { rings, color: c } => {
            if let Some(p) = path(rings, true) {
                surface.set_stroke(None);
                surface.set_fill(Some(Fill {
                    paint: color(*c).into(),
                    opacity: NormalizedF32::ONE,
                    rule: FillRule::EvenOdd,
                }));
                surface.draw_path(&p);
            }
        }
        Op::Stroke {
            lines,
            closed,
            color: c,
            width,
            dash,
        } => {
            if let Some(p) = path(lines, *closed) {
                surface.set_fill(None);
                surface.set_stroke(Some(Stroke {
                    paint: color(*c).into(),
                    width: *width,
                    line_cap: LineCap::Round,
                    line_join: LineJoin::Round,
                    opacity: NormalizedF32::ONE,
                    dash: dash.map(|[on, off]| StrokeDash {
                        array: vec![on, off],
                        offset: 0.0,
                    }),
                    ..Default::default()
                }));
                surface.draw_path(&p);
            }
        }
        Op::Text { at, span } => text(surface, faces, fonts, *at, span),
        Op::Clip(r) => {
            if let Some(p) = rect_path(r) {
                surface.push_clip_path(&p, &FillRule::NonZero);
                *clips += 1;
            }
        }
        Op::Unclip => {
            if *clips > 0 {
                surface.pop();
                *clips -= 1;
            }
        }
        // Links are annotations of the page, added after its content.
        Op::Link { .. } | Op::Uri { .. } => {}
    }
}

/// The annotation of a link operation: a page of the document, or a web address.
fn link(op: &Op) -> Option<LinkAnnotation> {
    let (rect, target) = match op {
        Op::Link { rect, page } => (
            rect,
            Target::Destination(XyzDestination::new(*page, Point::from_xy(0.0, 0.0)).into()),
        ),
        Op::Uri { rect, uri } => (rect, Target::Action(LinkAction::new(uri.clone()).into())),
        Op::Fill { .. } | Op::Stroke { .. } | Op::Text { .. } | Op::Clip(_) | Op::Unclip => {
            return None;
        }
    };
    let r = krilla::geom::Rect::from_xywh(rect.x, rect.y, rect.w, rect.h)?;
    Some(LinkAnnotation::new(r, target))
}

/// The PDF of `pages`; `progress` hears (page done, pages) and `cancel` stops it.
pub fn encode(
    pages: &[Page],
    info: &DocumentInfo,
    fonts: &Fonts,
    progress: &dyn Fn(usize, usize),
    cancel: &AtomicBool,
) -> Result<Vec<u8>, PdfError> {
    let faces = Faces::new()?;
    let (w, h) = info.paper;
    let settings = PageSettings::from_wh(w, h).ok_or(PdfError::PageSize(w, h))?;
    let mut document = Document::new();
    let mut outline = Outline::new();
    for (i, page) in pages.iter().enumerate() {
        if cancel.load(Ordering::Relaxed) {
            return Err(PdfError::Cancelled);
        }
        progress(i, pages.len());
        let mut pdf_page = document.start_page_with(settings.clone());
        {
            let mut surface = pdf_page.surface();
            let mut clips = 0;
            for op in &page.ops {
                draw(&mut surface, &faces, fonts, op, &mut clips);
            }
            for _ in 0..clips {
                surface.pop();
            }
            surface.finish();
        }
        for op in &page.ops {
            if let Some(annotation) = link(op) {
                pdf_page.add_annotation(annotation.into());
            }
        }
        pdf_page.finish();
        if let Some(title) = &page.bookmark {
            outline.push_child(OutlineNode::new(
                super::text::composed(title),
                XyzDestination::new(i, Point::from_xy(0.0, 0.0)),
            ));
        }
    }
    document.set_outline(outline);
    document.set_metadata(
        Metadata::new()
            .title(info.title.clone())
            .language(info.lang.pick("vi", "en").to_owned())
            .creator("langson-atlas".to_owned()),
    );
    progress(pages.len(), pages.len());
    document
        .finish()
        .map_err(|e| PdfError::Finish(format!("{e:?}")))
}
