//! Opening a project: what is open makes way (a new project), then the project's layers,
//! views, tours and settings take its place; what could not be opened is listed by name.

use super::AtlasApp;
use super::project::extract_dir;
use crate::present::editor::TourEditor;
use crate::project::{self, OpenTable, Opened, ProjectProblem};
use crate::state::{ProjectReport, TableOf, TimelineState};
use std::path::Path;

impl AtlasApp {
    /// Everything back to an empty project: the built-in layers as they start, no layers
    /// of the reader's, no tours of the project's.
    pub(super) fn new_project(&mut self) {
        let events = self.user.clear();
        self.handle_user_events(events);
        self.state.tours = TourEditor::default();
        self.state.settings.visible = crate::map::Visibility::default();
        self.state.timeline = None;
        self.state.charts = false;
        self.state.user.table = None;
        self.state.project.path = None;
        self.state.project.report = None;
        self.project.origins.clear();
        self.project.pending_filters.clear();
        self.project.pending_table = None;
        self.project.saved = None;
        self.use_built_in_tour();
        self.apply(crate::state::Action::ZoomToProvince);
    }

    /// Opens the project at `path`. A file that is no project leaves everything as it was
    /// and says why; a project opens all it can and lists the rest, each by name.
    pub(super) fn open_project(&mut self, path: &Path) {
        let lang = self.state.settings.lang;
        let extract_to = extract_dir(&self.project.data_dir, path);
        let opened = match project::read(path, &extract_to) {
            Ok(opened) => opened,
            Err(e) => {
                self.state.project.report = Some(ProjectReport {
                    ok: false,
                    title: lang
                        .pick("Không mở được dự án", "The project could not be opened")
                        .to_owned(),
                    lines: vec![e.to_string()],
                });
                return;
            }
        };
        self.new_project();
        let Opened {
            project,
            layers,
            problems,
        } = opened;
        let mut lines: Vec<String> = problems.iter().map(|p| p.describe(lang)).collect();
        let with_data = project.layers.iter().any(|l| l.embedded.is_some());
        let folder = path.parent().unwrap_or(Path::new("."));
        for layer in &project.layers {
            if layer.embedded.is_some() {
                // Where the file was, for the next save (relative to wherever that is).
                let origin = project::resolve(&layer.path, folder).unwrap_or_else(|tried| tried);
                self.project.origins.insert(layer.key.clone(), origin);
            }
            if let Some(filters) = &layer.table {
                self.project
                    .pending_filters
                    .insert(layer.key.clone(), filters.clone());
            }
        }
        self.user.restore(layers, false);
        self.state.settings.lang = project.lang;
        self.state.settings.visible = project.plan_layers.clone();
        self.apply(crate::state::Action::SetBasemap(project.basemap));
        if let Some(v) = project.view {
            self.pending_fit = None;
            self.set_view(crate::map::mercator::ViewTarget {
                center: crate::map::mercator::to_world(geo::Coord { x: v.lon, y: v.lat }),
                zoom: v.zoom,
            });
        }
        self.state.timeline = project.year.map(|year| TimelineState {
            year,
            playing: false,
            next_step: 0.0,
        });
        if let Some(page) = project.charts {
            self.state.charts = true;
            self.state.chart_page = page;
        }
        match &project.table {
            Some(OpenTable::Layer(key)) => self.project.pending_table = Some(key.clone()),
            Some(OpenTable::Plan(kind, filters)) => {
                self.show_table(Some(TableOf::Plan(*kind)));
                if let Some(view) = self.plan_table_view_mut() {
                    filters.apply(view);
                }
            }
            Some(OpenTable::Distances(filters)) => {
                self.show_table(Some(TableOf::Distances));
                if let Some(view) = self.plan_table_view_mut() {
                    filters.apply(view);
                }
            }
            None => {}
        }
        let keys: Vec<String> = project.layers.iter().map(|l| l.key.clone()).collect();
        for tour in &project.tours {
            for p in tour.problems(&self.atlas, Some(&keys)) {
                lines.push(format!(
                    "{} “{}”, {} {}: {}",
                    lang.pick("Chuyến", "Tour"),
                    tour.name,
                    lang.pick("bước", "step"),
                    p.step + 1,
                    p.kind.describe(lang)
                ));
            }
        }
        self.state.tours = TourEditor::new(project.tours);
        self.state.project.path = Some(path.to_path_buf());
        self.state.project.with_data = with_data;
        self.remember(path);
        let truncated = problems.contains(&ProjectProblem::Truncated);
        self.state.project.report = (!lines.is_empty()).then(|| ProjectReport {
            ok: !truncated,
            title: format!(
                "{} {}",
                lang.pick(
                    "Đã mở dự án, trừ những gì kể dưới đây:",
                    "The project opened, except what is listed below:"
                ),
                path.display()
            ),
            lines,
        });
        self.project.saved = None;
    }
}
