//! The one place where actions change the state.

use super::AtlasApp;
use super::export_job::{Job, SIZES};
use super::saving::{self, Answer, Ask, Waiting};
use crate::atlas::{FeatureId, Lang};
use crate::export::ExportRequest;
use crate::map::mercator::{self, ViewTarget};
use crate::present;
use crate::state::{Action, ExportNote, ExportOption, SourceView};
use crate::ui::i18n::T;
use crate::ui::layers_panel;
use geo::{BoundingRect, Coord};
use std::path::{Path, PathBuf};
use walkers::lon_lat;

/// Half the side, in degrees, of the box a commune is framed in (about 2 km).
const COMMUNE_BOX: f64 = 0.02;
/// Degrees of context around a point feature when zooming to it (a few kilometres).
const POINT_PAD: f64 = 0.03;
/// The zoom a point chosen in search is shown at: a few kilometres around it, with the
/// roads and the district's names.
pub const POINT_ZOOM: f64 = 12.0;

impl AtlasApp {
    pub fn apply(&mut self, action: Action) {
        let now = self.ctx.input(|i| i.time);
        match action {
            Action::Select(id) => {
                self.state.selected = Some(id);
                self.state.user.identified = None;
                self.state.unit = None;
            }
            Action::ClearSelection => {
                self.state.selected = None;
                self.state.unit = None;
            }
            Action::ZoomToFeature(id) => match self.point_of(&id) {
                // A point (a gate, VSIP) is shown where one sees where it is: its district
                // and roads around it, not the inside of a fill.
                Some(p) => self.set_view(ViewTarget {
                    center: crate::map::mercator::to_world(p),
                    zoom: POINT_ZOOM,
                }),
                None => self.pending_fit = self.feature_bounds(&id),
            },
            Action::ZoomToCommune(index) => {
                if let Some(c) = self.atlas.communes.get(index) {
                    let p = c.point.0;
                    let d = Coord {
                        x: COMMUNE_BOX,
                        y: COMMUNE_BOX,
                    };
                    self.pending_fit = Some((p - d, p + d));
                }
            }
            Action::ShowUnit(index) => {
                if let Some(u) = self.atlas.units_2025.get(index) {
                    let p = u.point.0;
                    let d = Coord {
                        x: COMMUNE_BOX * 2.0,
                        y: COMMUNE_BOX * 2.0,
                    };
                    self.pending_fit = Some((p - d, p + d));
                    self.state.unit = Some(index);
                    self.state.selected = None;
                    self.state.user.identified = None;
                }
            }
            Action::ZoomToProvince => self.pending_fit = super::province_bounds(&self.atlas),
            Action::ZoomIn => {
                let _ = self.memory.zoom_in();
            }
            Action::ZoomOut => {
                let _ = self.memory.zoom_out();
            }
            Action::SetLayer(layer, on) => self.state.settings.visible.set(layer, on),
            Action::SetBasemap(choice) => {
                self.basemaps.set_choice(choice);
                self.state.settings.basemap = self.basemaps.choice();
            }
            Action::OpenArchive(arg) => {
                let arg = arg.trim();
                if !arg.is_empty() {
                    self.basemaps.open_archive(std::path::Path::new(arg));
                    self.state.settings.basemap = self.basemaps.choice();
                }
            }
            Action::SetLang(lang) => self.state.settings.lang = lang,
            Action::ToggleLang => {
                let lang = self.state.settings.lang;
                self.state.settings.lang =
                    lang.pick_value(crate::atlas::Lang::En, crate::atlas::Lang::Vi);
            }
            Action::OpenSource(id) => {
                if let Some(fact) = self.atlas.facts.get(&id) {
                    self.state.source = Some(SourceView {
                        article: fact.article.clone(),
                        quote: fact.quote.clone(),
                        scroll_pending: true,
                    });
                }
            }
            Action::CloseSource => self.state.source = None,
            Action::FocusSearch => self.ctx.memory_mut(|m| {
                m.request_focus(egui::Id::unique(layers_panel::SEARCH_ID));
            }),
            Action::StartPresentation => self.start_presentation(now),
            Action::StopPresentation => self.stop_presentation(),
            Action::Tour(command) => {
                self.state.selected = None;
                self.presenter.set_share(self.share_url());
                self.presenter.command(command, now);
            }
            Action::ToggleExport => self.state.export.open = !self.state.export.open,
            Action::SetExport(option) => match option {
                ExportOption::Size(i) => self.state.export.size = i.min(SIZES.len() - 1),
                ExportOption::Folder(folder) => {
                    let folder = folder.trim().to_owned();
                    if !folder.is_empty() {
                        self.state.settings.export_folder = Some(PathBuf::from(&folder));
                        self.state.export.dir = folder;
                    }
                }
                ExportOption::WithCharts(on) => self.state.export.with_charts = on,
            },
            Action::ExportView => self.export_view(),
            Action::ExportTour => self.export_tour(),
            Action::ToggleShortcuts => self.state.shortcuts = !self.state.shortcuts,
            Action::TogglePanel(side) => self.state.settings.panels.toggle(side),
            Action::OpenFolder(folder) => {
                if let Err(e) = saving::open_folder(&folder) {
                    self.state.user.export_note = Some(ExportNote::failed(format!("✗ {e}")));
                }
            }
            Action::ToggleCharts => self.state.charts = !self.state.charts,
            Action::ChartPage(page) => self.state.chart_page = page,
            Action::Timeline(action) => self.timeline_action(action),
            Action::Measure(action) => self.apply_measure(action),
            Action::User(action) => self.apply_user(action),
            Action::Project(action) => self.apply_project(action),
            Action::Tours(action) => self.apply_tours(action),
            Action::Publish(action) => self.apply_publish(action),
        }
    }

    fn start_presentation(&mut self, now: f64) {
        if self.presenter.start(self.ctx.zoom_factor(), now) {
            self.state.source = None;
            self.state.selected = None;
            self.ctx
                .send_viewport_cmd(egui::ViewportCommand::Fullscreen(true));
            self.ctx.set_zoom_factor(present::ZOOM_FACTOR);
        } else {
            self.report(format!(
                "{}: {}",
                T::Present.get(self.state.settings.lang),
                self.state
                    .settings
                    .lang
                    .pick("không có chuyến tham quan nào", "there is no tour")
            ));
        }
    }

    fn stop_presentation(&mut self) {
        if let Some(zoom) = self.presenter.stop() {
            self.ctx.set_zoom_factor(zoom);
            self.ctx
                .send_viewport_cmd(egui::ViewportCommand::Fullscreen(false));
        }
    }

    /// A feature's place when it is a point (or shapes too small to frame).
    fn point_of(&self, id: &FeatureId) -> Option<Coord> {
        let rect = self.atlas.get(id)?.geometry.as_ref()?.bounding_rect()?;
        (rect.width() < 1e-6 && rect.height() < 1e-6).then(|| rect.center())
    }

    fn feature_bounds(&self, id: &FeatureId) -> Option<(Coord, Coord)> {
        let rect = self.atlas.get(id)?.geometry.as_ref()?.bounding_rect()?;
        let pad = if rect.width() < 1e-6 { POINT_PAD } else { 0.0 };
        let d = Coord { x: pad, y: pad };
        Some((rect.min() - d, rect.max() + d))
    }

    /// Moves the map to a view at once.
    pub(super) fn set_view(&mut self, view: ViewTarget) {
        let _ = self.memory.set_zoom(view.zoom.clamp(3.0, 18.0));
        let center = mercator::from_world(view.center);
        self.memory.center_at(lon_lat(center.x, center.y));
    }

    pub(super) fn current_view(&self) -> ViewTarget {
        let center = self.memory.detached().unwrap_or(self.home);
        ViewTarget {
            center: mercator::to_world(Coord {
                x: center.x(),
                y: center.y(),
            }),
            zoom: self.memory.zoom(),
        }
    }

    fn export_size(&self) -> [u32; 2] {
        SIZES[self.state.export.size.min(SIZES.len() - 1)]
    }

    /// Where the next save dialog starts, and where exports go when none can open.
    pub(super) fn export_folder(&self) -> PathBuf {
        PathBuf::from(self.state.export.dir.trim())
    }

    /// Acts on a save dialog's answer: remembers the folder chosen, and writes or starts
    /// what waited for it there (in the export folder, under a new name, where no dialog
    /// could open).
    pub(super) fn poll_saving(&mut self) {
        let Some((ask, answer, waiting)) = self.saving.poll() else {
            return;
        };
        let lang = self.state.settings.lang;
        let folder = self.export_folder();
        let (target, note) = match (answer, &ask) {
            (Answer::Cancelled, _) => return,
            (Answer::Chosen(path), _) => {
                let chosen = match ask {
                    Ask::File { .. } => path.parent().map(Path::to_path_buf),
                    Ask::Folder => Some(path.clone()),
                    Ask::Open { .. } => None,
                };
                if let Some(chosen) = chosen {
                    self.state.export.dir = chosen.display().to_string();
                    self.state.settings.export_folder = Some(chosen);
                }
                (path, "")
            }
            (Answer::NoDialog, Ask::File { name, extension }) => (
                saving::unused_path(&folder, name, extension),
                if self.saving.uses_dialogs() {
                    lang.pick("(không mở được hộp thoại lưu) ", "(no save dialog) ")
                } else {
                    ""
                },
            ),
            (Answer::NoDialog, Ask::Folder | Ask::Open { .. }) => (folder, ""),
        };
        match waiting {
            Waiting::File { bytes, what } => self.write_export(target, bytes, what, note),
            Waiting::View(request) => {
                let job = Job::View {
                    request,
                    path: target,
                };
                self.exports
                    .start(self.atlas.clone(), job, &mut self.state.export);
            }
            Waiting::Tour { tour, pictures } => {
                let job = Job::Tour {
                    tour,
                    pictures,
                    dir: target,
                };
                self.exports
                    .start(self.atlas.clone(), job, &mut self.state.export);
            }
        }
    }

    fn export_view(&mut self) {
        let lang = self.state.settings.lang;
        let year = self.state.timeline.map(|t| t.year);
        let map_width = self.map_out.map_rect.map_or(1920.0, |r| r.width()).max(1.0);
        let mut view = self.current_view();
        // The same ground as on screen, laid out 1920 points wide.
        view.zoom += (1920.0 / map_width as f64).log2();
        let selected = self
            .state
            .selected
            .as_ref()
            .and_then(|id| self.atlas.get(id));
        let request = ExportRequest {
            size: self.export_size(),
            view,
            visible: self.state.settings.visible.clone(),
            highlights: self.state.selected.iter().cloned().collect(),
            title: T::AppTitle.get(lang).to_owned(),
            subtitle: export_subtitle(
                selected.map(|f| lang.pick(&f.props.name_vi, &f.props.name_en)),
                year,
                lang,
            ),
            lang,
            user: self.user.export(),
            year,
            charts: (self.state.charts && self.state.export.with_charts)
                .then_some(self.state.chart_page),
        };
        let name = match &self.state.selected {
            Some(id) => format!("langson-atlas-{id}"),
            None => "langson-atlas".to_owned(),
        };
        let ask = Ask::File {
            name,
            extension: "png".to_owned(),
        };
        let folder = self.export_folder();
        let waiting = Waiting::View(Box::new(request));
        self.saving.ask(ask, &folder, waiting, &self.ctx);
        self.poll_saving();
    }

    fn export_tour(&mut self) {
        self.export_tour_pictures(self.presenter.tour().clone());
    }

    /// Pictures of every step of `tour`, into the folder the dialog chooses.
    pub(super) fn export_tour_pictures(&mut self, tour: crate::present::tour::Tour) {
        let waiting = Waiting::Tour {
            tour,
            pictures: crate::export::TourPictures {
                lang: self.state.settings.lang,
                size: self.export_size(),
                user: self.user.export_all(),
            },
        };
        let folder = self.export_folder();
        self.saving.ask(Ask::Folder, &folder, waiting, &self.ctx);
        self.poll_saving();
    }
}

/// The picture's second line: the selected feature, and the timeline's year.
fn export_subtitle(selected: Option<&str>, year: Option<u16>, lang: Lang) -> Option<String> {
    let year = year.map(|y| format!("{} {y}", lang.pick("Năm", "Year")));
    match (selected, year) {
        (Some(s), Some(y)) => Some(format!("{s} · {y}")),
        (Some(s), None) => Some(s.to_owned()),
        (None, y) => y,
    }
}
