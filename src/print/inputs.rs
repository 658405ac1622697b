//! What a headless export (`pdf`, `video`) takes from a project file: its tours and its
//! visible layers, read and styled as the window would, each layer that cannot be read
//! named rather than stopping the export.

use super::PrintLayer;
use crate::atlas::share::ShareUrl;
use crate::layers::style;
use crate::present::tour::Tour;
use crate::project::{self, ProjectError};
use crate::sources::{self, Progress};
use std::path::Path;
use std::sync::Arc;

/// A project's tours and visible layers, and why any layer was left out.
pub struct ProjectInputs {
    pub tours: Vec<Tour>,
    pub layers: Vec<PrintLayer>,
    /// The same layers as read, with their settings (a video draws them as the map does).
    pub read: Vec<(crate::layers::Stored, Arc<crate::sources::UserLayer>)>,
    pub problems: Vec<String>,
    /// Where the project says the atlas is published on the web, as typed.
    pub web_url: Option<String>,
}

/// Reads the project at `path`; its embedded files are unpacked under a temporary folder
/// that is gone when this returns (the layers are read by then).
pub fn project_inputs(path: &Path) -> Result<ProjectInputs, ProjectError> {
    let scratch = tempfile::tempdir().map_err(|source| ProjectError::Read {
        path: path.to_path_buf(),
        source,
    })?;
    let opened = project::read(path, scratch.path())?;
    let lang = opened.project.lang;
    let mut problems: Vec<String> = opened.problems.iter().map(|p| p.describe(lang)).collect();
    let mut layers = Vec::new();
    let mut read = Vec::new();
    for stored in opened.layers.iter().filter(|s| s.visible) {
        match sources::open_request(
            &stored.source.path,
            &stored.source.request(),
            &Progress::default(),
        ) {
            Ok(data) => {
                let painted = style::paint(&stored.style, &data);
                let data = Arc::new(data);
                read.push((stored.clone(), data.clone()));
                layers.push(PrintLayer {
                    key: stored.key.clone(),
                    name: stored.name.clone(),
                    data,
                    colours: painted.colours,
                    legend: painted.legend,
                    line_width: stored.style.line_width,
                    point_size: stored.style.point_size,
                    opacity: stored.opacity,
                });
            }
            Err(e) => problems.push(format!("{}: {e}", stored.name)),
        }
    }
    Ok(ProjectInputs {
        web_url: opened.project.web_url,
        tours: opened.project.tours,
        layers,
        read,
        problems,
    })
}

/// The built-in plan data could not be read (only a broken build can cause it).
#[derive(Debug, thiserror::Error)]
#[error("the plan's data: {}", .0.iter().map(ToString::to_string).collect::<Vec<_>>().join("; "))]
pub struct GeodataErrors(pub Vec<crate::atlas::LoadError>);

/// The atlas the headless verbs draw: the built-in plan data.
pub fn embedded_atlas() -> Result<crate::atlas::Atlas, GeodataErrors> {
    crate::atlas::Atlas::embedded().map_err(GeodataErrors)
}

/// What `langson-atlas pdf` was asked.
pub struct PdfCommand {
    pub out: std::path::PathBuf,
    pub project: Option<std::path::PathBuf>,
    pub request: super::AtlasRequest,
}

/// `langson-atlas pdf OUT.pdf …`: the atlas written headless; returns a one-line summary,
/// after the project's unreadable layers, each on its own line.
pub fn pdf_command(
    command: &PdfCommand,
    progress: &dyn Fn(usize, usize),
) -> Result<String, super::PrintError> {
    let atlas = embedded_atlas()?;
    let mut project_tours = Vec::new();
    let mut layers = Vec::new();
    let mut lines = Vec::new();
    let mut request = command.request.clone();
    if let Some(path) = &command.project {
        let inputs = project_inputs(path)?;
        project_tours = inputs.tours;
        layers = inputs.layers;
        lines.extend(inputs.problems);
        // `--url` over the project's own address.
        if request.share.is_none()
            && let Some(url) = ShareUrl::optional(inputs.web_url.as_deref().unwrap_or(""))?
        {
            request.share = Some(super::Share { url, tour: None });
        }
    }
    // A project's own first tour before the built-in one.
    let tours = crate::present::tour::headless_tours(project_tours, Tour::embedded().ok());
    let cancel = std::sync::atomic::AtomicBool::new(false);
    let written = super::write_atlas(
        &atlas,
        &request,
        &tours,
        &layers,
        &command.out,
        progress,
        &cancel,
    )?;
    lines.push(format!(
        "{} pages, {} KB → {}",
        written.pages,
        written.bytes.div_ceil(1024),
        command.out.display()
    ));
    Ok(lines.join("\n"))
}
