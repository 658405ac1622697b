//! Wiring the tour editor (`present::editor`) and the presenter's choice of tour: the
//! window's view captured as a step, a tour played from any step, pictures of a tour.

use super::AtlasApp;
use crate::atlas::Atlas;
use crate::atlas::LayerKind;
use crate::layers::UserLayers;
use crate::map::pane::MapPane;
use crate::present::editor::{Capture, Edit};
use crate::present::tour::StepView;
use crate::state::{State, ToursAction};

impl AtlasApp {
    pub(super) fn apply_tours(&mut self, action: ToursAction) {
        let now = self.ctx.input(|i| i.time);
        match action {
            ToursAction::Toggle => self.state.tours_open = !self.state.tours_open,
            ToursAction::Edit(edit) => {
                self.state.tours.apply(edit, &self.builtin_tour);
            }
            ToursAction::AddStepFromView => {
                // The built-in tour is read-only: a first step starts a tour of the project's.
                if self.state.tours.tour().is_none() {
                    let lang = self.state.settings.lang;
                    self.state
                        .tours
                        .apply(Edit::NewTour(lang), &self.builtin_tour);
                }
                let capture = capture_step(&self.state, &self.atlas, &self.map, &self.user.layers);
                self.state
                    .tours
                    .apply(Edit::AddStep(capture), &self.builtin_tour);
            }
            ToursAction::UpdateStepFromView(index) => {
                let capture = capture_step(&self.state, &self.atlas, &self.map, &self.user.layers);
                self.state
                    .tours
                    .apply(Edit::UpdateStep(index, capture), &self.builtin_tour);
            }
            ToursAction::Play(tour, step) => {
                self.choose_tour(tour);
                if self.presenter.presentation().is_none() {
                    self.apply(crate::state::Action::StartPresentation);
                }
                if self.presenter.presentation().is_some() {
                    self.presenter.start_at(step, self.ctx.zoom_factor(), now);
                }
            }
            ToursAction::Autoplay(on) => self.presenter.set_autoplay(on, now),
            ToursAction::ExportPictures(tour) => {
                if let Some(tour) = self.state.tours.chosen(tour, &self.builtin_tour) {
                    self.export_tour_pictures(tour.clone());
                }
            }
        }
    }

    /// The presenter shows tour `choice` (`None`: the built-in one).
    pub(super) fn choose_tour(&mut self, choice: Option<usize>) {
        let now = self.ctx.input(|i| i.time);
        if let Some(tour) = self
            .state
            .tours
            .chosen(choice, &self.builtin_tour)
            .filter(|t| !t.steps.is_empty())
        {
            self.presenter
                .set_tour(tour.clone(), choice, &self.atlas, now);
        }
    }
}

/// The window as a tour step would show it.
fn capture_step(state: &State, atlas: &Atlas, map: &MapPane, user: &UserLayers) -> Capture {
    let view = map.current_view();
    let centre = crate::map::mercator::from_world(view.center);
    let visible = &state.settings.visible;
    let selected = state.selected.clone();
    let title = selected
        .as_ref()
        .and_then(|id| atlas.get(id))
        .map(|f| (f.props.name_vi.clone(), f.props.name_en.clone()));
    // What the map showed: the step keeps it, whatever the shape of the screen it is
    // shown on later.
    let extent = match (map.out.view, map.out.map_rect) {
        (Some(v), Some(rect)) if rect.width() > 1.0 && rect.height() > 1.0 => {
            let (sw, ne) = v.lon_lat_bounds(rect);
            Some([sw.x, sw.y, ne.x, ne.y])
        }
        _ => None,
    };
    Capture {
        view: StepView {
            lon: centre.x,
            lat: centre.y,
            zoom: view.zoom,
            extent,
        },
        layers: LayerKind::ALL
            .into_iter()
            .filter(|k| visible.is_visible(*k))
            .collect(),
        user_layers: user
            .ready()
            .filter(|l| l.stored.visible)
            .map(|l| l.stored.key.clone())
            .collect(),
        selected,
        year: state.timeline.map(|t| t.year),
        chart: state.charts.then_some(state.chart_page),
        title,
    }
}
