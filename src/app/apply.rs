//! The one place where actions change the state.

use super::AtlasApp;
use super::export_job::SIZES;
use super::exports;
use super::saving::{self, Ask, Waiting};
use crate::atlas::Lang;
use crate::export::ExportRequest;
use crate::present;
use crate::state::{Action, ExportNote, ExportOption, SourceView, TimelineState};
use crate::ui::i18n::T;
use crate::ui::layers_panel;
use std::path::PathBuf;

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
            Action::ZoomToFeature(id) => self.map.zoom_to_feature(&self.atlas, &id),
            Action::ZoomToCommune(index) => {
                if let Some(c) = self.atlas.communes.get(index) {
                    self.map.frame_commune(c.point.0);
                }
            }
            Action::ShowUnit(index) => {
                if let Some(u) = self.atlas.units_2025.get(index) {
                    self.map.frame_unit(u.point.0);
                    self.state.unit = Some(index);
                    self.state.selected = None;
                    self.state.user.identified = None;
                }
            }
            Action::ZoomToProvince => self.map.frame_province(&self.atlas),
            Action::ZoomIn => {
                let _ = self.map.memory.zoom_in();
            }
            Action::ZoomOut => {
                let _ = self.map.memory.zoom_out();
            }
            Action::SetLayer(layer, on) => self.state.settings.visible.set(layer, on),
            Action::SetBasemap(choice) => {
                self.map.basemaps.set_choice(choice);
                self.state.settings.basemap = self.map.basemaps.choice();
            }
            Action::OpenArchive(arg) => {
                let arg = arg.trim();
                if !arg.is_empty() {
                    self.map.basemaps.open_archive(std::path::Path::new(arg));
                    self.state.settings.basemap = self.map.basemaps.choice();
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
                self.presenter.set_share(self.state.publish.share_url());
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
            Action::ExportTour => self.export_tour_pictures(self.presenter.tour().clone()),
            Action::ToggleShortcuts => self.state.shortcuts = !self.state.shortcuts,
            Action::TogglePanel(side) => self.state.settings.panels.toggle(side),
            Action::OpenFolder(folder) => {
                if let Err(e) = saving::open_folder(&folder) {
                    self.state.user.export_note = Some(ExportNote::failed(format!("✗ {e}")));
                }
            }
            Action::ToggleCharts => self.state.charts = !self.state.charts,
            Action::ChartPage(page) => self.state.chart_page = page,
            Action::Timeline(action) => {
                let years = self.atlas.timeline.years();
                TimelineState::apply(&mut self.state.timeline, action, years, now);
            }
            Action::Measure(action) => {
                let lang = self.state.settings.lang;
                if let Some(text) = self.state.measure.apply(action, lang) {
                    self.ctx.copy_text(text);
                }
            }
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

    fn export_view(&mut self) {
        let lang = self.state.settings.lang;
        let year = self.state.timeline.map(|t| t.year);
        let map_width = self.map.out.map_rect.map_or(1920.0, |r| r.width()).max(1.0);
        let mut view = self.map.current_view();
        // The same ground as on screen, laid out 1920 points wide.
        view.zoom += (1920.0 / map_width as f64).log2();
        let selected = self
            .state
            .selected
            .as_ref()
            .and_then(|id| self.atlas.get(id));
        let request = ExportRequest {
            size: exports::size(&self.state.export),
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
        let waiting = Waiting::View(Box::new(request));
        self.exports
            .ask(ask, waiting, &mut self.state, &self.atlas, &self.ctx);
    }

    /// Pictures of every step of `tour`, into the folder the dialog chooses.
    pub(super) fn export_tour_pictures(&mut self, tour: crate::present::tour::Tour) {
        let waiting = Waiting::Tour {
            tour,
            pictures: crate::export::TourPictures {
                lang: self.state.settings.lang,
                size: exports::size(&self.state.export),
                user: self.user.export_all(),
            },
        };
        self.exports.ask(
            Ask::Folder,
            waiting,
            &mut self.state,
            &self.atlas,
            &self.ctx,
        );
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
