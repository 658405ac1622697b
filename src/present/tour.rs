//! A presentation tour: an ordered list of steps. The built-in one is `geodata/tour.json`
//! (edited without touching code); a project holds tours of its own, authored in the tour
//! editor. Pure data and validation; nothing here draws.

use crate::atlas::{Atlas, FactId, FeatureId, GeodataSource, Lang, LayerKind};
use crate::charts::ChartPage;
use geo::{BoundingRect, Coord};
use serde::{Deserialize, Serialize};

/// A view as a step captured it: the centre (lon/lat) and the slippy-map zoom.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct StepView {
    pub lon: f64,
    pub lat: f64,
    pub zoom: f64,
}

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

/// A step's text field.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TextField {
    TitleVi,
    TitleEn,
    CaptionVi,
    CaptionEn,
}

/// What is wrong with one step.
#[derive(Clone, Debug, PartialEq)]
pub struct StepProblem {
    /// The step's position in its tour.
    pub step: usize,
    pub step_id: String,
    pub kind: ProblemKind,
}

#[derive(Clone, Debug, PartialEq)]
pub enum ProblemKind {
    Empty(TextField),
    UnknownFeature(FeatureId),
    UnknownFact(FactId),
    /// A user layer the step shows is no longer in the project.
    UnknownLayer(String),
    /// A figure of the caption that no fact the step cites states.
    FigureNotInFacts(String),
    NothingToFrame,
    LeavesProvince,
}

impl ProblemKind {
    pub fn describe(&self, lang: Lang) -> String {
        match self {
            ProblemKind::Empty(field) => {
                let what = match field {
                    TextField::TitleVi => lang.pick("tiêu đề tiếng Việt", "the Vietnamese title"),
                    TextField::TitleEn => lang.pick("tiêu đề tiếng Anh", "the English title"),
                    TextField::CaptionVi => {
                        lang.pick("lời dẫn tiếng Việt", "the Vietnamese caption")
                    }
                    TextField::CaptionEn => lang.pick("lời dẫn tiếng Anh", "the English caption"),
                };
                format!("{what} {}", lang.pick("còn trống", "is empty"))
            }
            ProblemKind::UnknownFeature(id) => {
                format!(
                    "{} {id}",
                    lang.pick("không có đối tượng", "unknown feature")
                )
            }
            ProblemKind::UnknownFact(id) => {
                format!("{} {id}", lang.pick("không có dữ kiện", "unknown fact"))
            }
            ProblemKind::UnknownLayer(key) => format!(
                "{} {key}",
                lang.pick(
                    "lớp không còn trong dự án:",
                    "a layer no longer in the project:"
                )
            ),
            ProblemKind::FigureNotInFacts(figure) => format!(
                "{} “{figure}” {}",
                lang.pick("con số", "the figure"),
                lang.pick(
                    "không có trong các dữ kiện được dẫn",
                    "is not in the facts it cites"
                )
            ),
            ProblemKind::NothingToFrame => lang
                .pick(
                    "không có gì để khung bản đồ",
                    "nothing located to fit the view to",
                )
                .to_owned(),
            ProblemKind::LeavesProvince => lang
                .pick("khung nhìn ra ngoài tỉnh", "the view leaves the province")
                .to_owned(),
        }
    }
}

/// The numbers a text holds, as digit strings with their decimal part (`1.000` and `1,000`
/// read as thousands: digits only; `2,5` and `2.5` as a decimal).
pub fn figures(text: &str) -> Vec<String> {
    let chars: Vec<char> = text.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        if !chars[i].is_ascii_digit() {
            i += 1;
            continue;
        }
        let mut token = String::new();
        while i < chars.len() {
            let c = chars[i];
            let joins = (c == '.' || c == ',')
                && chars.get(i + 1).is_some_and(char::is_ascii_digit)
                && !token.is_empty();
            if c.is_ascii_digit() || joins {
                token.push(c);
                i += 1;
            } else {
                break;
            }
        }
        out.push(normalise_figure(&token));
    }
    out
}

/// `1.000` and `1,000` (groups of three) → `1000`; `2,5` → `2.5`.
fn normalise_figure(token: &str) -> String {
    let groups: Vec<&str> = token.split(['.', ',']).collect();
    if groups.len() > 1 && groups[1..].iter().all(|g| g.len() == 3) {
        return groups.concat();
    }
    token.replace(',', ".")
}

/// The caption figures (either language) that none of the step's cited facts holds, in its
/// quote or its own words.
pub fn figures_not_cited(step: &Step, atlas: &Atlas) -> Vec<String> {
    let stated: std::collections::BTreeSet<String> = step
        .facts
        .iter()
        .filter_map(|f| atlas.facts.get(f))
        .flat_map(|f| [f.quote.as_str(), f.vi.as_str(), f.en.as_str()])
        .flat_map(figures)
        .collect();
    // A number in a place's name ("Hồ Sơn 1") is no figure.
    let numbered_names: Vec<String> = atlas
        .features()
        .iter()
        .flat_map(|f| [&f.props.name_vi, &f.props.name_en])
        .filter(|n| n.chars().any(|c| c.is_ascii_digit()))
        .map(|n| n.to_lowercase())
        .collect();
    let without_names = |caption: &str| {
        numbered_names
            .iter()
            .fold(caption.to_lowercase(), |c, name| {
                c.replace(name.as_str(), " ")
            })
    };
    let mut missing: Vec<String> = [&step.caption_vi, &step.caption_en]
        .into_iter()
        .flat_map(|c| figures(&without_names(c)))
        .filter(|f| !stated.contains(f))
        .collect();
    missing.sort();
    missing.dedup();
    missing
}

impl Step {
    /// The lon/lat box around the step's located `fit` features; a captured view is
    /// framed through [`Step::view`] instead.
    pub fn bounds(&self, atlas: &Atlas) -> Option<(Coord, Coord)> {
        if let Some(v) = self.view {
            // The box a view at this zoom shows on a 1280-point-wide map, for validation
            // and pictures; the presenter lands on the view itself.
            let half = 640.0 * 360.0 / (256.0 * 2f64.powf(v.zoom));
            let half_lat = half * v.lat.to_radians().cos();
            return Some((
                Coord {
                    x: v.lon - half,
                    y: v.lat - half_lat * 0.6,
                },
                Coord {
                    x: v.lon + half,
                    y: v.lat + half_lat * 0.6,
                },
            ));
        }
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
