//! What a headless verb (`pdf`, `video`, `web`) takes from a project file: its tours,
//! its visible layers read and painted as the window would (each that cannot be read named
//! rather than stopping the verb), its web address; and the plan's own data.

use crate::layers::Stored;
use crate::layers::style::{self, Painted};
use crate::present::tour::Tour;
use crate::project::{self, ProjectError};
use crate::sources::{self, Progress, UserLayer};
use std::path::Path;
use std::sync::Arc;

/// One of a project's visible layers as read, with its settings and its colours.
pub struct ReadLayer {
    pub stored: Stored,
    pub data: Arc<UserLayer>,
    pub painted: Painted,
}

/// A project's tours and visible layers, and why any layer was left out.
pub struct ProjectInputs {
    pub tours: Vec<Tour>,
    /// The visible layers in the project's order.
    pub layers: Vec<ReadLayer>,
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
    for stored in opened.layers.iter().filter(|s| s.visible) {
        match sources::open_request(
            &stored.source.path,
            &stored.source.request(),
            &Progress::default(),
        ) {
            Ok(data) => layers.push(ReadLayer {
                painted: style::paint(&stored.style, &data),
                stored: stored.clone(),
                data: Arc::new(data),
            }),
            Err(e) => problems.push(format!("{}: {e}", stored.name)),
        }
    }
    Ok(ProjectInputs {
        web_url: opened.project.web_url,
        tours: opened.project.tours,
        layers,
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
