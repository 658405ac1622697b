//! The printable PDF atlas (QGIS's atlas, for the plan): a cover with the whole province, a
//! table of contents, then a page per feature of a coverage (a district, a zone, a 2025
//! unit, a tour step), each with its map as vector paths, legend, scale bar, north arrow,
//! overview, key figures, facts and sources. Laid out first as pages of drawing operations
//! (`page.rs`), then written by krilla (`pdf.rs`). No egui: it runs in the window's worker
//! and headless alike.

pub mod command;
mod cover;
pub mod coverage;
pub mod flow;
pub mod frame;
mod furniture;
pub mod ink;
mod labels;
pub mod map;
pub mod map_input;
pub mod page;
pub mod pdf;
mod share;
mod sheet;
pub mod text;

pub use coverage::{Coverage, CoverageError, Highlight, Sheet};
pub use page::{Op, Page, Rect, Rgb};
pub use pdf::PdfError;
pub use share::Share;
pub use text::{Face, FontError, Fonts};

use crate::atlas::{Atlas, Lang};
use crate::layers::Loaded;
use crate::map::style::{AreaStyle, LineStyle, Shape, Style, SymbolStyle};
use crate::present::tour::Tour;
use crate::sources::UserLayer;
use egui::{Color32, Stroke};
use std::path::Path;
use std::str::FromStr;
use std::sync::Arc;
use std::sync::atomic::AtomicBool;

/// Paper sizes (ISO 216), in points.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Paper {
    #[default]
    A4,
    A3,
}

impl Paper {
    pub fn size(self, landscape: bool) -> (f32, f32) {
        let (w, h) = match self {
            Paper::A4 => (595.276, 841.89),
            Paper::A3 => (841.89, 1190.551),
        };
        if landscape { (h, w) } else { (w, h) }
    }
}

/// A `--paper` argument the atlas does not know.
#[derive(Clone, Debug, thiserror::Error, PartialEq)]
#[error("{0}: paper is A4 or A3")]
pub struct PaperArgError(String);

impl FromStr for Paper {
    type Err = PaperArgError;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        match text.trim().to_ascii_uppercase().as_str() {
            "A4" => Ok(Paper::A4),
            "A3" => Ok(Paper::A3),
            _ => Err(PaperArgError(text.to_owned())),
        }
    }
}

/// What to print.
#[derive(Clone, Debug, PartialEq)]
pub struct AtlasRequest {
    pub coverage: Coverage,
    pub lang: Lang,
    pub paper: Paper,
    pub landscape: bool,
    /// The date on the cover, `YYYY-MM-DD`.
    pub date: String,
    /// Where the atlas is published on the web: the cover and each page carry its QR code.
    pub share: Option<Share>,
}

/// One of the reader's layers as the page draws it: a snapshot of its features, colours
/// and style.
#[derive(Clone)]
pub struct PrintLayer {
    pub key: String,
    pub name: String,
    pub data: Arc<UserLayer>,
    pub colours: Vec<[u8; 3]>,
    pub legend: Vec<(String, [u8; 3])>,
    pub line_width: f32,
    pub point_size: f32,
    pub opacity: f32,
}

impl PrintLayer {
    /// A project's layer as a headless verb read it.
    pub fn from_read(layer: &crate::project::inputs::ReadLayer) -> Self {
        Self::of(&layer.stored, &layer.data, &layer.painted)
    }

    pub fn from_loaded(layer: &Loaded) -> Self {
        Self::of(&layer.stored, &layer.data, &layer.painted)
    }

    /// A layer's settings, features and colours as a page draws them.
    fn of(
        stored: &crate::layers::Stored,
        data: &Arc<UserLayer>,
        painted: &crate::layers::style::Painted,
    ) -> Self {
        PrintLayer {
            key: stored.key.clone(),
            name: stored.name.clone(),
            data: data.clone(),
            colours: painted.colours.clone(),
            legend: painted.legend.clone(),
            line_width: stored.style.line_width,
            point_size: stored.style.point_size,
            opacity: stored.opacity,
        }
    }

    fn shown_on(&self, sheet: &Sheet) -> bool {
        sheet
            .user_layers
            .as_ref()
            .is_none_or(|keys| keys.contains(&self.key))
    }

    /// Feature `i`'s colour in the layer's style.
    fn colour(&self, i: usize) -> [u8; 3] {
        self.colours.get(i).copied().unwrap_or([128, 128, 128])
    }

    /// Feature `i`'s ink: its colour at the layer's opacity, on paper.
    fn ink(&self, i: usize) -> Rgb {
        let [r, g, b] = self.colour(i);
        Rgb(r, g, b).lighter(1.0 - self.opacity.clamp(0.0, 1.0))
    }

    fn swatch(&self, [r, g, b]: [u8; 3]) -> Style {
        let ink = Rgb(r, g, b).lighter(1.0 - self.opacity.clamp(0.0, 1.0));
        let colour = Color32::from_rgb(ink.0, ink.1, ink.2);
        let kind = self
            .data
            .features
            .iter()
            .find_map(|f| f.geometry.as_ref())
            .map(|g| match g {
                geo::Geometry::Point(_) | geo::Geometry::MultiPoint(_) => 0,
                geo::Geometry::LineString(_)
                | geo::Geometry::MultiLineString(_)
                | geo::Geometry::Line(_) => 1,
                geo::Geometry::Polygon(_)
                | geo::Geometry::MultiPolygon(_)
                | geo::Geometry::Rect(_)
                | geo::Geometry::Triangle(_)
                | geo::Geometry::GeometryCollection(_) => 2,
            });
        match kind {
            Some(0) => Style::Symbol(SymbolStyle {
                shape: Shape::Circle,
                radius: self.point_size / 2.0,
                fill: colour,
                outline: Stroke::new(1.0, Color32::BLACK),
                approximate: false,
            }),
            Some(1) => Style::Line(LineStyle {
                core: Stroke::new(self.line_width * 1.5, colour),
                casing: Stroke::NONE,
                dash: None,
            }),
            _ => Style::Area(AreaStyle {
                fill: Color32::from_rgb(
                    ink.lighter(0.35).0,
                    ink.lighter(0.35).1,
                    ink.lighter(0.35).2,
                ),
                outline: Stroke::new(self.line_width * 1.5, colour),
            }),
        }
    }

    /// The legend rows of what a page drew of the layer (`drawn`: the colours of its
    /// features on the page): nothing when none was drawn, a category only when a feature
    /// of it was.
    fn legend_rows(&self, drawn: &std::collections::BTreeSet<[u8; 3]>) -> Vec<map::LegendRow> {
        if drawn.is_empty() {
            return Vec::new();
        }
        if self.legend.is_empty() {
            let colour = self.colours.first().copied().unwrap_or([128, 128, 128]);
            return vec![map::LegendRow {
                text: self.name.clone(),
                swatch: self.swatch(colour),
            }];
        }
        self.legend
            .iter()
            .filter(|(_, colour)| drawn.contains(colour))
            .map(|(value, colour)| map::LegendRow {
                text: format!("{}: {value}", self.name),
                swatch: self.swatch(*colour),
            })
            .collect()
    }
}

/// What every page's layout reads.
pub struct Ctx<'a> {
    pub atlas: &'a Atlas,
    pub fonts: &'a Fonts,
    pub lang: Lang,
    pub paper: (f32, f32),
    pub landscape: bool,
    pub margin: f32,
    pub user: &'a [PrintLayer],
    pub share: Option<&'a Share>,
}

/// Why an atlas could not be made or written.
#[derive(Debug, thiserror::Error)]
pub enum PrintError {
    #[error(transparent)]
    Coverage(#[from] CoverageError),
    #[error(transparent)]
    Font(#[from] FontError),
    #[error(transparent)]
    Pdf(#[from] PdfError),
    #[error(transparent)]
    Pages(#[from] coverage::CoverageArgError),
    #[error(transparent)]
    Paper(#[from] PaperArgError),
    #[error(transparent)]
    Geodata(#[from] crate::project::inputs::GeodataErrors),
    #[error(transparent)]
    Project(#[from] crate::project::ProjectError),
    #[error("{path}: {message}")]
    File { path: String, message: String },
    #[error(transparent)]
    Url(#[from] crate::atlas::share::ShareUrlError),
}

/// The atlas laid out: its pages, and where each sheet starts.
pub struct Laid {
    pub pages: Vec<Page>,
    /// Each sheet with the index of its first page.
    pub sheets: Vec<(Sheet, usize)>,
}

/// Lays the atlas out. `tours` are the tours a tour coverage may name (the built-in one
/// first); `user` the reader's visible layers.
pub fn layout(
    atlas: &Atlas,
    fonts: &Fonts,
    request: &AtlasRequest,
    tours: &[Tour],
    user: &[PrintLayer],
) -> Result<Laid, PrintError> {
    let ctx = Ctx {
        atlas,
        fonts,
        lang: request.lang,
        paper: request.paper.size(request.landscape),
        landscape: request.landscape,
        margin: if request.paper == Paper::A3 {
            48.0
        } else {
            36.0
        },
        user,
        share: request.share.as_ref(),
    };
    let sheets = coverage::sheets(atlas, &request.coverage, tours, request.lang)?;
    let cover = cover::cover(&ctx, &request.coverage, &request.date);
    let bodies: Vec<Vec<Page>> = sheets.iter().map(|s| sheet::pages(&ctx, s)).collect();
    let toc_len = cover::toc_pages(&ctx, sheets.len());
    let mut first = cover.len() + toc_len;
    let mut entries = Vec::new();
    let mut starts = Vec::new();
    for (s, body) in sheets.iter().zip(&bodies) {
        entries.push((s.title.clone(), first));
        starts.push((s.clone(), first));
        first += body.len();
    }
    let mut pages = cover;
    pages.extend(cover::toc(&ctx, &entries));
    pages.extend(bodies.into_iter().flatten());
    footers(&ctx, &mut pages);
    Ok(Laid {
        pages,
        sheets: starts,
    })
}

/// "Trang 3/14" and the atlas's short title at the foot of every page.
fn footers(ctx: &Ctx<'_>, pages: &mut [Page]) {
    let total = pages.len();
    let (w, h) = ctx.paper;
    let m = ctx.margin;
    for (i, page) in pages.iter_mut().enumerate() {
        let number = format!("{} {}/{total}", ctx.lang.pick("Trang", "Page"), i + 1);
        let nw = ctx.fonts.width(Face::Regular, 7.5, &number);
        page.text(
            [w - m - nw, h - m / 2.0],
            number,
            Face::Regular,
            7.5,
            ink::MUTED_TEXT,
        );
        page.text(
            [m, h - m / 2.0],
            ctx.lang.pick(
                "Quy hoạch tỉnh Lạng Sơn 2021–2030 · langson-atlas",
                "Lạng Sơn provincial plan 2021–2030 · langson-atlas",
            ),
            Face::Regular,
            7.5,
            ink::MUTED_TEXT,
        );
    }
}

/// The facts a sheet cites, for tests that read the PDF back.
pub fn cited_facts(
    atlas: &Atlas,
    fonts: &Fonts,
    request: &AtlasRequest,
    sheet: &Sheet,
) -> Vec<crate::atlas::FactId> {
    let ctx = Ctx {
        atlas,
        fonts,
        lang: request.lang,
        paper: request.paper.size(request.landscape),
        landscape: request.landscape,
        margin: 36.0,
        user: &[],
        share: None,
    };
    sheet::cited(&ctx, sheet)
}

/// What was written.
#[derive(Clone, Debug, PartialEq)]
pub struct Written {
    pub pages: usize,
    pub bytes: usize,
}

/// Lays out, encodes and writes the atlas to `path`. The file appears whole or not at all:
/// it is written beside `path` under a temporary name and renamed when complete, so a
/// cancelled or failed export leaves nothing under the chosen name.
pub fn write_atlas(
    atlas: &Atlas,
    request: &AtlasRequest,
    tours: &[Tour],
    user: &[PrintLayer],
    path: &Path,
    progress: &dyn Fn(usize, usize),
    cancel: &AtomicBool,
) -> Result<Written, PrintError> {
    let fonts = Fonts::new()?;
    let laid = layout(atlas, &fonts, request, tours, user)?;
    let info = pdf::DocumentInfo {
        title: format!(
            "{} — {}",
            request.lang.pick(
                "Quy hoạch tỉnh Lạng Sơn 2021–2030",
                "Lạng Sơn provincial plan 2021–2030"
            ),
            request.coverage.name(request.lang)
        ),
        lang: request.lang,
        paper: request.paper.size(request.landscape),
    };
    let bytes = pdf::encode(&laid.pages, &info, &fonts, progress, cancel)?;
    write_whole(path, &bytes)?;
    Ok(Written {
        pages: laid.pages.len(),
        bytes: bytes.len(),
    })
}

/// Writes `bytes` to `path` through a temporary file in the same folder.
pub fn write_whole(path: &Path, bytes: &[u8]) -> Result<(), PrintError> {
    let fail = |e: &dyn std::fmt::Display| PrintError::File {
        path: path.display().to_string(),
        message: e.to_string(),
    };
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => std::path::PathBuf::from("."),
    };
    let mut temp = crate::project::output_temp(&dir, ".part").map_err(|e| fail(&e))?;
    std::io::Write::write_all(&mut temp, bytes).map_err(|e| fail(&e))?;
    temp.persist(path).map_err(|e| fail(&e.error))?;
    Ok(())
}

/// Today's date as `YYYY-MM-DD` (UTC), for the cover.
pub fn today() -> String {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    let date = time::OffsetDateTime::from_unix_timestamp(i64::try_from(secs).unwrap_or(0))
        .map_or(time::Date::MIN, |t| t.date());
    format!(
        "{:04}-{:02}-{:02}",
        date.year(),
        u8::from(date.month()),
        date.day()
    )
}
