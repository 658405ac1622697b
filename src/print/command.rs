//! `langson-atlas pdf`: the atlas written headless from the plan and, when given, a
//! project's tours and layers (`project::inputs`).

use crate::atlas::share::ShareUrl;
use crate::present::tour::Tour;

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
    let atlas = crate::project::inputs::embedded_atlas()?;
    let mut project_tours = Vec::new();
    let mut layers = Vec::new();
    let mut lines = Vec::new();
    let mut request = command.request.clone();
    if let Some(path) = &command.project {
        let inputs = crate::project::inputs::project_inputs(path)?;
        project_tours = inputs.tours;
        layers = inputs
            .layers
            .iter()
            .map(super::PrintLayer::from_read)
            .collect();
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
