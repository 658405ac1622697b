//! A presentation tour: an ordered list of steps. The built-in one is `geodata/tour.json`
//! (edited without touching code); a project holds tours of its own, authored in the tour
//! editor. Pure data and validation; nothing here draws.

#[cfg(test)]
use super::figures::{figures, prose_figures};
pub use super::problems::{ProblemKind, StepProblem, TextField};
use crate::atlas::{Atlas, FactId, FeatureId, GeodataSource, Lang, LayerKind};
use crate::charts::ChartPage;
use geo::{BoundingRect, Coord};
use serde::{Deserialize, Serialize};

/// A view as a step captured it: the centre (lon/lat), the slippy-map zoom, and what the
/// map showed (its lon/lat box). The box is what the step frames: a projector, a video or a
/// page of another shape fits the box, where the centre and zoom alone would cut it off.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct StepView {
    pub lon: f64,
    pub lat: f64,
    pub zoom: f64,
    /// West, south, east, north (degrees) of the map area that was visible when the view
    /// was captured; absent in steps written before it was kept.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub extent: Option<[f64; 4]>,
}

/// The map area a step without a stored extent is taken to have been captured in (points):
/// a desk's map beside its panels.
pub const DESK_MAP: [f64; 2] = [1280.0, 800.0];

impl StepView {
    /// The lon/lat box the view frames: its stored extent, or what a desk's map showed
    /// around its centre at its zoom.
    pub fn bounds(&self) -> (Coord, Coord) {
        if let Some([w, s, e, n]) = self.extent.filter(|b| b[0] < b[2] && b[1] < b[3]) {
            return (Coord { x: w, y: s }, Coord { x: e, y: n });
        }
        let centre = crate::map::mercator::to_world(Coord {
            x: self.lon,
            y: self.lat,
        });
        let size = crate::map::mercator::world_size(self.zoom);
        let (hw, hh) = (DESK_MAP[0] / 2.0 / size, DESK_MAP[1] / 2.0 / size);
        let nw = crate::map::mercator::from_world([centre[0] - hw, centre[1] - hh]);
        let se = crate::map::mercator::from_world([centre[0] + hw, centre[1] + hh]);
        (Coord { x: nw.x, y: se.y }, Coord { x: se.x, y: nw.y })
    }
}

/// What a step frames and how much of the visible map it may fill.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Framing {
    /// South-west and north-east corners (lon/lat).
    pub bounds: (Coord, Coord),
    /// Share of the visible map's width or height the box takes (the rest is margin).
    pub fill: f64,
}

impl Framing {
    /// The view that shows the box inside `map`, the part of the map the audience sees.
    /// The view's centre is the middle of `map` (callers whose map widget is larger than
    /// what is seen shift it, see [`Framing::view_centred_in`]).
    pub fn view_in(&self, map: egui::Rect) -> crate::map::mercator::ViewTarget {
        crate::map::mercator::ViewTarget::fitting(map, self.bounds, self.fill)
    }

    /// The view for a map widget `widget` of which only `visible` is seen (a caption band
    /// or a bar over part of it): the box is fitted into `visible`, and the view's centre
    /// moved so that the box lands in the middle of `visible`, not of `widget`.
    pub fn view_centred_in(
        &self,
        widget: egui::Rect,
        visible: egui::Rect,
    ) -> crate::map::mercator::ViewTarget {
        let mut view = self.view_in(visible);
        let size = crate::map::mercator::world_size(view.zoom);
        let shift = widget.center() - visible.center();
        view.center[0] += f64::from(shift.x) / size;
        view.center[1] += f64::from(shift.y) / size;
        view
    }
}

/// Share of the map a step's fitted features may fill: labels and the audience's eyes need
/// room around them. A captured view already has its margins in it.
pub const FEATURE_FILL: f64 = 0.75;
/// A captured view's box, fitted whole with a hair of margin.
pub const VIEW_FILL: f64 = 0.98;

/// How the map gets to a step.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum FlightStyle {
    /// An eased flight from the last view.
    #[default]
    Fly,
    /// Straight to the step's view.
    Cut,
}

fn is_default<T: Default + PartialEq>(t: &T) -> bool {
    *t == T::default()
}
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Step {
    pub id: String,
    pub title_vi: String,
    pub title_en: String,
    pub caption_vi: String,
    pub caption_en: String,
    /// Facts the caption draws on; their citations are shown small.
    #[serde(default)]
    pub facts: Vec<FactId>,
    /// Features drawn highlighted.
    pub highlight: Vec<FeatureId>,
    /// Layers shown during the step.
    pub layers: Vec<LayerKind>,
    /// Features the view is fitted to (when the step has no captured view).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub fit: Vec<FeatureId>,
    /// The view the step was captured at; it wins over `fit`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub view: Option<StepView>,
    /// The reader's own layers shown, by their key in the project.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub user_layers: Vec<String>,
    /// The feature whose panel is open.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub selected: Option<FeatureId>,
    /// The timeline's year, if the timeline shows.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub year: Option<u16>,
    /// The chart page open beside the map.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub chart: Option<ChartPage>,
    /// Seconds the step shows when the tour plays by itself.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub seconds: Option<f32>,
    #[serde(default, skip_serializing_if = "is_default")]
    pub flight: FlightStyle,
}

/// Seconds a step shows when playing by itself, unless it says otherwise.
pub const DEFAULT_SECONDS: f32 = 12.0;

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Tour {
    /// The tour's name in the editor and the presenter's list (empty for the built-in one).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub name: String,
    pub steps: Vec<Step>,
}

pub const EMBEDDED: &str = include_str!("../../geodata/tour.json");
/// The tour's file name in a geodata folder.
pub const FILE: &str = "tour.json";

/// The name that chooses the built-in tour where tours are named (the headless verbs'
/// `--tour` and `--pages tour:NAME`); its own name is empty.
pub const BUILTIN_NAME: &str = "built-in";

/// A tour asked for by a name that no tour has; the names there are.
#[derive(Clone, Debug, PartialEq, thiserror::Error)]
#[error("no tour named “{asked}” (tours: {known})")]
pub struct NoSuchTour {
    pub asked: String,
    pub known: String,
}

/// The tours a headless verb chooses from: the project's, in its order, then the built-in
/// one, so that without a name the project's first tour is taken.
pub fn headless_tours(project: Vec<Tour>, builtin: Option<Tour>) -> Vec<Tour> {
    project.into_iter().chain(builtin).collect()
}

/// The tour named `name` among `tours` (the built-in one is [`BUILTIN_NAME`]); without a
/// name, the first. A wrong name lists the names there are.
pub fn choose<'a>(tours: &'a [Tour], name: Option<&str>) -> Result<&'a Tour, NoSuchTour> {
    let label = |t: &'a Tour| {
        if t.name.is_empty() {
            BUILTIN_NAME
        } else {
            t.name.as_str()
        }
    };
    let found = match name {
        None => tours.first(),
        Some(n) => tours.iter().find(|t| label(t) == n.trim()),
    };
    found.ok_or_else(|| NoSuchTour {
        asked: name.unwrap_or_default().to_owned(),
        known: tours
            .iter()
            .map(|t| format!("“{}”", label(t)))
            .collect::<Vec<_>>()
            .join(", "),
    })
}

/// A tour file that is not a tour.
#[derive(Debug, thiserror::Error)]
#[error("tour.json: {0}")]
pub struct TourError(serde_json::Error);

impl Tour {
    pub fn parse(text: &str) -> Result<Tour, TourError> {
        serde_json::from_str(text).map_err(TourError)
    }

    pub fn embedded() -> Result<Tour, TourError> {
        Self::parse(EMBEDDED)
    }

    /// The tour of `source` (a `--geodata` folder, else the built-in one), checked against
    /// the atlas. A missing, broken or invalid tour file is reported, each problem a
    /// message naming the file, and the built-in tour is used in its place; if that fails
    /// too, there is no tour and presentation mode says so.
    pub fn load(source: &GeodataSource, atlas: &Atlas) -> (Tour, Vec<String>) {
        let mut errors = Vec::new();
        if let GeodataSource::Dir(dir) = source {
            let path = dir.join(FILE);
            match std::fs::read_to_string(&path) {
                Ok(text) => match Self::parse(&text) {
                    Ok(tour) => {
                        let problems = tour.validate(atlas);
                        if problems.is_empty() {
                            return (tour, errors);
                        }
                        errors.extend(
                            problems
                                .into_iter()
                                .map(|p| format!("{}: {p}", path.display())),
                        );
                    }
                    Err(e) => errors.push(format!("{}: {e}", path.display())),
                },
                Err(e) => errors.push(format!("{}: {e}", path.display())),
            }
            errors.push(format!("{FILE}: the built-in tour is shown instead"));
        }
        match Self::embedded() {
            Ok(tour) => {
                let problems = tour.validate(atlas);
                if problems.is_empty() {
                    (tour, errors)
                } else {
                    errors.extend(
                        problems
                            .into_iter()
                            .map(|p| format!("built-in {FILE}: {p}")),
                    );
                    (Tour::default(), errors)
                }
            }
            Err(e) => {
                errors.push(format!("built-in {e}"));
                (Tour::default(), errors)
            }
        }
    }

    /// Everything wrong with the tour against the atlas, in English with the step's id
    /// (the built-in tour's messages at start-up).
    pub fn validate(&self, atlas: &Atlas) -> Vec<String> {
        let mut errors: Vec<String> = self
            .problems(atlas, None)
            .iter()
            .map(|p| format!("step {}: {}", p.step_id, p.kind.describe(Lang::En)))
            .collect();
        if self.steps.is_empty() {
            errors.insert(0, "tour.json has no steps".to_owned());
        }
        errors
    }

    /// Each step's problems against the atlas: missing text, unknown features or facts,
    /// layers no longer there (`user_layers`: the keys of the project's layers; `None`
    /// skips that check), nothing to frame, a view off the province, a caption figure
    /// that none of its facts states.
    pub fn problems(&self, atlas: &Atlas, user_layers: Option<&[String]>) -> Vec<StepProblem> {
        let province = atlas
            .province()
            .and_then(|p| p.geometry.as_ref()?.bounding_rect());
        let mut problems = Vec::new();
        for (index, step) in self.steps.iter().enumerate() {
            let mut add = |kind| {
                problems.push(StepProblem {
                    step: index,
                    step_id: step.id.clone(),
                    kind,
                })
            };
            for (text, field) in [
                (&step.title_vi, TextField::TitleVi),
                (&step.title_en, TextField::TitleEn),
                (&step.caption_vi, TextField::CaptionVi),
                (&step.caption_en, TextField::CaptionEn),
            ] {
                if text.trim().is_empty() {
                    add(ProblemKind::Empty(field));
                }
            }
            for id in step.highlight.iter().chain(&step.fit).chain(&step.selected) {
                if atlas.get(id).is_none() {
                    add(ProblemKind::UnknownFeature(id.clone()));
                }
            }
            for fact in &step.facts {
                if atlas.facts.get(fact).is_none() {
                    add(ProblemKind::UnknownFact(fact.clone()));
                }
            }
            if let Some(keys) = user_layers {
                for key in &step.user_layers {
                    if !keys.contains(key) {
                        add(ProblemKind::UnknownLayer(key.clone()));
                    }
                }
            }
            for figure in figures_not_cited(step, atlas) {
                add(ProblemKind::FigureNotInFacts(figure));
            }
            // A captured view is checked by its centre: the screen around it may well
            // reach past the border.
            let bounds = match step.view {
                Some(v) => {
                    let c = Coord { x: v.lon, y: v.lat };
                    Some((c, c))
                }
                None => step.bounds(atlas),
            };
            match (bounds, province) {
                (None, _) => add(ProblemKind::NothingToFrame),
                (Some((a, b)), Some(p)) => {
                    let inside = |c: Coord| {
                        c.x >= p.min().x - 0.1
                            && c.x <= p.max().x + 0.1
                            && c.y >= p.min().y - 0.1
                            && c.y <= p.max().y + 0.1
                    };
                    if !inside(a) || !inside(b) {
                        add(ProblemKind::LeavesProvince);
                    }
                }
                (Some(_), None) => {}
            }
        }
        problems
    }
}

/// The caption figures (either language) that none of the step's cited facts holds.
pub fn figures_not_cited(step: &Step, atlas: &Atlas) -> Vec<String> {
    super::figures::not_cited(&[&step.caption_vi, &step.caption_en], &step.facts, atlas)
}

impl Step {
    /// What the step frames: its captured view's box, or its located `fit` features.
    pub fn framing(&self, atlas: &Atlas) -> Option<Framing> {
        match self.view {
            Some(v) => Some(Framing {
                bounds: v.bounds(),
                fill: VIEW_FILL,
            }),
            None => self.fit_bounds(atlas).map(|bounds| Framing {
                bounds,
                fill: FEATURE_FILL,
            }),
        }
    }

    /// The lon/lat box the step frames (see [`Step::framing`]).
    pub fn bounds(&self, atlas: &Atlas) -> Option<(Coord, Coord)> {
        self.framing(atlas).map(|f| f.bounds)
    }

    /// The lon/lat box around the step's located `fit` features.
    fn fit_bounds(&self, atlas: &Atlas) -> Option<(Coord, Coord)> {
        self.fit
            .iter()
            .filter_map(|id| atlas.get(id)?.geometry.as_ref()?.bounding_rect())
            .fold(None, |acc: Option<(Coord, Coord)>, r| {
                Some(match acc {
                    None => (r.min(), r.max()),
                    Some((a, b)) => (
                        Coord {
                            x: a.x.min(r.min().x),
                            y: a.y.min(r.min().y),
                        },
                        Coord {
                            x: b.x.max(r.max().x),
                            y: b.y.max(r.max().y),
                        },
                    ),
                })
            })
    }
}

#[cfg(test)]
#[path = "tour_tests.rs"]
mod tests;
