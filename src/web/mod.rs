//! The atlas as a web page: a folder whose `index.html` works opened from the file system
//! (no server: no ES modules, no fetch of local files, every piece of data a classic
//! script) and from any static host. MapLibre GL JS draws the map from GeoJSON of the
//! offline geodata; nothing is asked of the network. Online basemaps a project chose are
//! not carried over: the page always draws the offline one.

pub mod facts;
pub mod glyphs;
pub mod model;
pub mod shapes;
pub mod user;

use crate::atlas::citation::citation_text;
use crate::atlas::{Atlas, Lang};
use crate::present::tour::Tour;
use crate::print::PrintLayer;
use serde_json::{Value, json};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};

/// The page's files, compiled in.
const PAGE: &[(&str, &str)] = &[
    ("index.html", include_str!("../../assets/web/index.html")),
    ("style.css", include_str!("../../assets/web/style.css")),
    ("map.js", include_str!("../../assets/web/map.js")),
    ("panel.js", include_str!("../../assets/web/panel.js")),
    ("app.js", include_str!("../../assets/web/app.js")),
    (
        "vendor/maplibre-gl.js",
        include_str!("../../assets/web/vendor/maplibre-gl.js"),
    ),
    (
        "vendor/maplibre-gl.css",
        include_str!("../../assets/web/vendor/maplibre-gl.css"),
    ),
    (
        "vendor/MAPLIBRE-LICENSE.txt",
        include_str!("../../assets/web/vendor/MAPLIBRE-LICENSE.txt"),
    ),
    (
        "vendor/NOTO-SANS-OFL.txt",
        include_str!("../../assets/fonts/OFL.txt"),
    ),
];

/// What the page is made with.
#[derive(Clone, Debug)]
pub struct WebRequest {
    /// The language it opens in (the reader can switch).
    pub lang: Lang,
    /// Where the folder will be published, when known: the panel gives the address of
    /// what it shows, as the QR codes of the PDF and the video link to it.
    pub url: Option<crate::atlas::share::ShareUrl>,
    /// Bytes the reader's layers may take.
    pub budget: usize,
}

impl Default for WebRequest {
    fn default() -> Self {
        WebRequest {
            lang: Lang::Vi,
            url: None,
            budget: user::BUDGET,
        }
    }
}

/// One of the reader's layers, styled, and the field that labels it.
pub struct WebLayer {
    pub layer: PrintLayer,
    pub label: Option<String>,
}

/// What was written.
#[derive(Clone, Debug, Default)]
pub struct Written {
    pub files: usize,
    pub bytes: u64,
    /// Layers simplified or cut to fit.
    pub warnings: Vec<String>,
}

#[derive(Debug, thiserror::Error)]
pub enum WebError {
    #[error("{}: {source}", path.display())]
    Write {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("the page's data: {0}")]
    Json(#[from] serde_json::Error),
    #[error("the map's font: {0}")]
    Font(#[from] rustybuzz::ttf_parser::FaceParsingError),
    #[error(transparent)]
    Project(#[from] crate::project::ProjectError),
    #[error(transparent)]
    Geodata(#[from] crate::project::inputs::GeodataErrors),
    #[error(transparent)]
    Url(#[from] crate::atlas::share::ShareUrlError),
    #[error("cancelled")]
    Cancelled,
}

/// The tours as the page tells them: each step's words, its sources and the box it frames.
fn tours_json(atlas: &Atlas, tours: &[Tour]) -> Vec<Value> {
    tours
        .iter()
        .map(|tour| {
            let steps: Vec<Value> = tour
                .steps
                .iter()
                .map(|step| {
                    let cited: Vec<_> = step
                        .facts
                        .iter()
                        .filter_map(|id| atlas.facts.get(id))
                        .collect();
                    let framing = step.framing(atlas);
                    json!({
                        "id": step.id,
                        "title": {"vi": step.title_vi, "en": step.title_en},
                        "caption": {"vi": step.caption_vi, "en": step.caption_en},
                        "facts": cited.iter().map(|f| f.id.as_str()).collect::<Vec<_>>(),
                        "sources": facts::bi(|l| cited.iter().map(|f| citation_text(&atlas.facts, f, l)).collect::<Vec<_>>().join("\n")),
                        "bounds": framing.map(|f| [f.bounds.0.x, f.bounds.0.y, f.bounds.1.x, f.bounds.1.y]),
                        "fill": framing.map(|f| f.fill),
                        "highlight": step.highlight.iter().map(|id| id.as_str()).collect::<Vec<_>>(),
                        "selected": step.selected.as_ref().map(|id| id.as_str()),
                        "user_layers": step.user_layers,
                        "cut": matches!(step.flight, crate::present::tour::FlightStyle::Cut),
                    })
                })
                .collect();
            json!({"name": tour.name, "steps": steps})
        })
        .collect()
}

/// A script that sets `window.<name>` to `value`. JSON is JavaScript; the two line
/// separators JSON allows in strings are escaped for older engines.
fn script(name: &str, value: &Value) -> Result<String, serde_json::Error> {
    let text = serde_json::to_string(value)?
        .replace('\u{2028}', "\\u2028")
        .replace('\u{2029}', "\\u2029");
    Ok(format!("window.{name} = {text};\n"))
}

/// Standard base64 (the glyph ranges travel in a script file as text).
pub fn base64(bytes: &[u8]) -> String {
    const ABC: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let b = [
            chunk[0],
            chunk.get(1).copied().unwrap_or(0),
            chunk.get(2).copied().unwrap_or(0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(char::from(ABC[((n >> (18 - 6 * i)) & 63) as usize]));
            } else {
                out.push('=');
            }
        }
    }
    out
}

/// The folder's files (each path inside it, with its bytes), and the layers' warnings.
pub type SiteFiles = (Vec<(String, Vec<u8>)>, Vec<String>);

/// Every file of the folder, by its path inside it.
pub fn site_files(
    atlas: &Atlas,
    request: &WebRequest,
    tours: &[Tour],
    layers: &[WebLayer],
) -> Result<SiteFiles, WebError> {
    let mut files: Vec<(String, Vec<u8>)> = PAGE
        .iter()
        .map(|(name, text)| ((*name).to_owned(), text.as_bytes().to_vec()))
        .collect();
    let mut model = model::model(atlas, request.lang);
    model["tours"] = json!(tours_json(atlas, tours));
    model["url"] = json!(request.url.as_ref().map(|u| u.as_str()));
    files.push((
        "data/model.js".into(),
        script("ATLAS_MODEL", &model)?.into(),
    ));
    let geo = json!({
        "base": shapes::basemap(atlas),
        "plan": shapes::plan(atlas),
        "units": shapes::units_2025(atlas),
        "fontstack": glyphs::FONTSTACK,
    });
    files.push(("data/geo.js".into(), script("ATLAS_GEO", &geo)?.into()));
    let (user, warnings) = user::layers(layers, request.budget);
    files.push((
        "data/user.js".into(),
        script("ATLAS_USER", &json!(user))?.into(),
    ));
    // The labels' own characters join the ranges (a town's or a layer's odd letter).
    let mut label_text = String::new();
    for t in &atlas.base.towns {
        label_text.push_str(&t.name);
    }
    for u in &atlas.units_2025 {
        label_text.push_str(&u.name);
    }
    for l in &user {
        for f in l["data"]["features"].as_array().into_iter().flatten() {
            label_text.push_str(f["properties"]["l"].as_str().unwrap_or_default());
        }
    }
    let ranges: serde_json::Map<String, Value> = glyphs::ranges(&label_text)?
        .into_iter()
        .map(|(range, pbf)| (range, json!(base64(&pbf))))
        .collect();
    files.push((
        "data/glyphs.js".into(),
        script("ATLAS_GLYPHS", &Value::Object(ranges))?.into(),
    ));
    Ok((files, warnings))
}

/// Writes the folder `out` (made if missing; files of the same names replaced).
pub fn write_site(
    atlas: &Atlas,
    request: &WebRequest,
    tours: &[Tour],
    layers: &[WebLayer],
    out: &Path,
    progress: &dyn Fn(usize, usize),
    cancel: &AtomicBool,
) -> Result<Written, WebError> {
    let (files, warnings) = site_files(atlas, request, tours, layers)?;
    let mut written = Written {
        warnings,
        ..Written::default()
    };
    for (i, (name, bytes)) in files.iter().enumerate() {
        if cancel.load(Ordering::Relaxed) {
            return Err(WebError::Cancelled);
        }
        let path = out.join(name);
        let fail = |source| WebError::Write {
            path: path.clone(),
            source,
        };
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).map_err(fail)?;
        }
        std::fs::write(&path, bytes).map_err(fail)?;
        written.files += 1;
        written.bytes += bytes.len() as u64;
        progress(i + 1, files.len());
    }
    Ok(written)
}

/// What `langson-atlas web` was asked.
pub struct WebCommand {
    pub out: PathBuf,
    pub project: Option<PathBuf>,
    pub request: WebRequest,
}

/// `langson-atlas web OUT_DIR …`: the folder written headless; returns a summary, after
/// the project's unreadable layers and the layers' size warnings, each on its own line.
pub fn web_command(
    command: &WebCommand,
    progress: &dyn Fn(usize, usize),
) -> Result<String, WebError> {
    let atlas = crate::project::inputs::embedded_atlas()?;
    let mut project_tours = Vec::new();
    let mut layers = Vec::new();
    let mut lines = Vec::new();
    let mut request = command.request.clone();
    if let Some(path) = &command.project {
        let inputs = crate::project::inputs::project_inputs(path)?;
        // `--url` over the project's own address, as the pdf verb takes it.
        if request.url.is_none() {
            request.url =
                crate::atlas::share::ShareUrl::optional(inputs.web_url.as_deref().unwrap_or(""))?;
        }
        project_tours = inputs.tours;
        layers = inputs
            .layers
            .iter()
            .map(|read| WebLayer {
                layer: crate::print::PrintLayer::from_read(read),
                label: read.stored.style.label.clone(),
            })
            .collect();
        lines.extend(inputs.problems);
    }
    let tours = crate::present::tour::headless_tours(project_tours, Tour::embedded().ok());
    let cancel = AtomicBool::new(false);
    let written = write_site(
        &atlas,
        &request,
        &tours,
        &layers,
        &command.out,
        progress,
        &cancel,
    )?;
    lines.extend(written.warnings.iter().cloned());
    lines.push(format!(
        "{} files, {} KB → {}",
        written.files,
        written.bytes.div_ceil(1024),
        command.out.join("index.html").display()
    ));
    Ok(lines.join("\n"))
}

#[cfg(test)]
mod tests;
