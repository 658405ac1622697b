//! Opening a project: what is open makes way (a new project), then the project's layers,
//! views, tours and settings take its place; what could not be opened is listed by name.

use super::AtlasApp;
use crate::present::editor::TourEditor;
use crate::project::{self, OpenTable, Opened, ProjectProblem};
use crate::state::{ProjectReport, TableOf, TimelineAction};
use crate::task::{Poll, Task};
use std::path::{Path, PathBuf};

/// A project being read on its worker (a large one unpacks its data first).
pub struct Opening {
    path: PathBuf,
    task: Task<Result<Opened, project::ProjectError>>,
}

impl Opening {
    /// Blocks until the project is read (or `timeout` passes); for tests.
    pub fn wait(&mut self, timeout: std::time::Duration) {
        self.task.wait(timeout);
    }

    /// The project's path and what reading it gave, once read.
    pub fn read(&mut self) -> Option<(PathBuf, Result<Opened, project::ProjectError>)> {
        let result = match self.task.poll() {
            Poll::Running => return None,
            Poll::Done(r) => r,
            Poll::Lost => Err(project::ProjectError::NotAProject {
                path: self.path.clone(),
                why: "the reading thread stopped".to_owned(),
            }),
        };
        Some((self.path.clone(), result))
    }
}

impl AtlasApp {
    /// Everything back to an empty project: the built-in layers as they start, no layers
    /// of the reader's, no tours of the project's.
    pub(super) fn new_project(&mut self) {
        let events = self.user.clear();
        super::user_layers::take_events(events, &mut self.state.user, &mut self.map);
        self.settle.after_work(self.ctx.input(|i| i.time));
        self.state.tours = TourEditor::default();
        // Plan layers, timeline and charts as a new project has them; the language, the
        // basemap and the web address stay the reader's.
        let fresh = crate::project::Project {
            lang: self.state.settings.lang,
            basemap: self.state.settings.basemap,
            web_url: Some(self.state.publish.url.clone()).filter(|u| !u.is_empty()),
            ..crate::project::Project::default()
        };
        self.apply_settings(&fresh);
        self.state.user.table = None;
        self.state.project.path = None;
        self.state.project.report = None;
        self.project.origins.clear();
        self.project.pending_filters.clear();
        self.project.pending_table = None;
        self.project.saved = None;
        self.choose_tour(None);
        self.apply(crate::state::Action::ZoomToProvince);
    }

    /// Starts reading the project at `path` on a worker thread (the window stays live and
    /// says it is opening); `poll_project` applies it once read.
    pub(super) fn open_project(&mut self, path: &Path) {
        let extract_to = extract_dir(&self.project.data_dir, path);
        let (worker_path, ctx) = (path.to_path_buf(), self.ctx.clone());
        let spawned = Task::spawn(
            "open project",
            move || ctx.request_repaint(),
            move |_| project::read(&worker_path, &extract_to),
        );
        match spawned {
            Ok(task) => {
                self.state.project.opening = Some(path.to_path_buf());
                self.project.opening = Some(Opening {
                    path: path.to_path_buf(),
                    task,
                });
            }
            Err(e) => {
                let error = project::ProjectError::Read {
                    path: path.to_path_buf(),
                    source: e,
                };
                self.apply_opened(path, Err(error));
            }
        }
    }

    /// A project's settings, applied through the actions a reader's clicks give (so that
    /// opening a project and clicking through the same settings end in the same state):
    /// language, web address, plan layers, basemap, the timeline's year, the charts.
    fn apply_settings(&mut self, project: &crate::project::Project) {
        use crate::state::Action;
        use crate::state::publish::PublishAction;
        self.apply(Action::SetLang(project.lang));
        self.apply(Action::Publish(PublishAction::Url(
            project.web_url.clone().unwrap_or_default(),
        )));
        for kind in crate::atlas::LayerKind::ALL {
            self.apply(Action::SetLayer(kind, project.plan_layers.is_visible(kind)));
        }
        self.apply(Action::SetBasemap(project.basemap));
        match project.year {
            Some(year) => self.apply(Action::Timeline(TimelineAction::SetYear(year))),
            None if self.state.timeline.is_some() => {
                self.apply(Action::Timeline(TimelineAction::Toggle));
            }
            None => {}
        }
        if project.charts.is_some() != self.state.charts {
            self.apply(Action::ToggleCharts);
        }
        if let Some(page) = project.charts {
            self.apply(Action::ChartPage(page));
        }
    }

    /// A project as read: a file that is no project leaves everything as it was and says
    /// why; a project opens all it can and lists the rest, each by name.
    pub(super) fn apply_opened(
        &mut self,
        path: &Path,
        read: Result<Opened, project::ProjectError>,
    ) {
        let lang = self.state.settings.lang;
        let opened = match read {
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
        self.apply_settings(&project);
        if let Some(v) = project.view {
            self.map.frame(None);
            self.map.set_view(crate::map::mercator::ViewTarget {
                center: crate::map::mercator::to_world(geo::Coord { x: v.lon, y: v.lat }),
                zoom: v.zoom,
            });
        }
        match &project.table {
            Some(OpenTable::Layer(key)) => self.project.pending_table = Some(key.clone()),
            Some(OpenTable::Plan(kind, filters)) => {
                self.tables
                    .show(Some(TableOf::Plan(*kind)), &self.atlas, &mut self.state);
                if let Some(view) = self.tables.plan_view_mut() {
                    filters.apply(view);
                }
            }
            Some(OpenTable::Distances(filters)) => {
                self.tables
                    .show(Some(TableOf::Distances), &self.atlas, &mut self.state);
                if let Some(view) = self.tables.plan_view_mut() {
                    filters.apply(view);
                }
            }
            None => {}
        }
        // Remarks on the tours' steps (a caption's figure, a missing source) are no failure
        // to open: the Tours panel shows them beside the step. The report names only what
        // did not open, and that the remarks are there.
        let keys: Vec<String> = project.layers.iter().map(|l| l.key.clone()).collect();
        let mut remarks = 0;
        for tour in &project.tours {
            for p in tour.problems(&self.atlas, Some(&keys)) {
                if !p.kind.is_missing() {
                    remarks += 1;
                    continue;
                }
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
        if remarks > 0 && !lines.is_empty() {
            lines.push(format!(
                "{} {remarks} {}",
                lang.pick("Ngoài ra, các bước có", "Besides, the tours' steps have"),
                lang.pick(
                    "lưu ý, xem ở bảng Chuyến tham quan.",
                    "remarks, shown in the Tours panel."
                )
            ));
        }
        self.state.tours = TourEditor::new(project.tours);
        self.state.project.path = Some(path.to_path_buf());
        self.state.project.with_data = with_data;
        self.state.settings.remember_project(path);
        let truncated = problems.contains(&ProjectProblem::Truncated);
        self.state.project.report = (!lines.is_empty()).then(|| ProjectReport {
            ok: !truncated,
            title: format!(
                "{} {}",
                path.display(),
                lang.pick(
                    "đã mở, trừ những gì kể dưới đây:",
                    "opened, except what is listed below:"
                ),
            ),
            lines,
        });
        self.project.saved = None;
    }
}

/// The folder where the data embedded in `project` is extracted: one per project file.
pub(super) fn extract_dir(base: &Path, project: &Path) -> PathBuf {
    use std::hash::{Hash, Hasher};
    let mut h = std::collections::hash_map::DefaultHasher::new();
    std::path::absolute(project)
        .unwrap_or_else(|_| project.to_path_buf())
        .hash(&mut h);
    let stem = project
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    base.join(format!(
        "{}-{:016x}",
        super::saving::safe_name(&stem),
        h.finish()
    ))
}
