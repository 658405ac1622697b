//! The presentation tour: an ordered list of steps kept in `geodata/tour.json`, so it can be
//! edited without touching code. Pure data and validation; nothing here draws.

use crate::atlas::{Atlas, FactId, FeatureId, GeodataSource, LayerKind};
use geo::{BoundingRect, Coord};
use serde::Deserialize;

#[derive(Clone, Debug, PartialEq, Deserialize)]
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
    /// Features the view is fitted to.
    pub fit: Vec<FeatureId>,
}

#[derive(Clone, Debug, PartialEq, Deserialize)]
pub struct Tour {
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
                    (Tour { steps: Vec::new() }, errors)
                }
            }
            Err(e) => {
                errors.push(format!("built-in {e}"));
                (Tour { steps: Vec::new() }, errors)
            }
        }
    }

    /// Everything wrong with the tour against the atlas: unknown features or facts,
    /// missing text, views that miss the province.
    pub fn validate(&self, atlas: &Atlas) -> Vec<String> {
        let mut errors = Vec::new();
        if self.steps.is_empty() {
            errors.push("tour.json has no steps".to_owned());
        }
        let province = atlas
            .province()
            .and_then(|p| p.geometry.as_ref()?.bounding_rect());
        for step in &self.steps {
            let name = &step.id;
            for text in [
                &step.title_vi,
                &step.title_en,
                &step.caption_vi,
                &step.caption_en,
            ] {
                if text.trim().is_empty() {
                    errors.push(format!("step {name}: a title or caption is empty"));
                }
            }
            for id in step.highlight.iter().chain(&step.fit) {
                if atlas.get(id).is_none() {
                    errors.push(format!("step {name}: unknown feature {id}"));
                }
            }
            for fact in &step.facts {
                if atlas.facts.get(fact).is_none() {
                    errors.push(format!("step {name}: unknown fact {fact}"));
                }
            }
            match (step.bounds(atlas), province) {
                (None, _) => {
                    errors.push(format!("step {name}: nothing located to fit the view to"))
                }
                (Some((a, b)), Some(p)) => {
                    let inside = |c: Coord| {
                        c.x >= p.min().x - 0.1
                            && c.x <= p.max().x + 0.1
                            && c.y >= p.min().y - 0.1
                            && c.y <= p.max().y + 0.1
                    };
                    if !inside(a) || !inside(b) {
                        errors.push(format!("step {name}: the view leaves the province"));
                    }
                }
                (Some(_), None) => {}
            }
        }
        errors
    }
}

impl Step {
    /// The lon/lat box around the step's located `fit` features.
    pub fn bounds(&self, atlas: &Atlas) -> Option<(Coord, Coord)> {
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
