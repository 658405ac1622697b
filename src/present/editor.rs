//! The tour editor's rules, without a window: the project's tours, the step being edited,
//! and undo/redo of every edit. The Tours panel (`ui::tours_panel`) shows it and sends
//! [`Edit`]s; the app captures the view for a new or updated step.

use super::tour::{FlightStyle, Step, StepView, TextField, Tour};
use crate::atlas::{FactId, FeatureId, LayerKind};
use crate::charts::ChartPage;

/// What a step takes from the window when added or updated.
#[derive(Clone, Debug, PartialEq)]
pub struct Capture {
    pub view: StepView,
    pub layers: Vec<LayerKind>,
    pub user_layers: Vec<String>,
    pub selected: Option<FeatureId>,
    pub year: Option<u16>,
    pub chart: Option<ChartPage>,
    /// A title to start from (the selected feature's name), Vietnamese and English.
    pub title: Option<(String, String)>,
}

/// Every change the editor makes; each can be undone.
#[derive(Clone, Debug, PartialEq)]
pub enum Edit {
    /// A new, empty tour, named in the interface's language.
    NewTour(crate::atlas::Lang),
    /// Open a project tour in the editor (`None`: the built-in one, read-only).
    Open(Option<usize>),
    Rename(usize, String),
    DeleteTour(usize),
    /// Copy a tour (`None`: the built-in one) into the project, and open the copy.
    DuplicateTour(Option<usize>),
    SelectStep(Option<usize>),
    /// Add the captured view as a step after the selected one (or at the end).
    AddStep(Capture),
    UpdateStep(usize, Capture),
    /// Move a step from one place to another.
    MoveStep(usize, usize),
    DuplicateStep(usize),
    DeleteStep(usize),
    Text(usize, TextField, String),
    AddFact(usize, FactId),
    RemoveFact(usize, FactId),
    Seconds(usize, Option<f32>),
    Flight(usize, FlightStyle),
    Undo,
    Redo,
}

#[derive(Clone, Debug, PartialEq)]
struct Snapshot {
    tours: Vec<Tour>,
    open: Option<usize>,
    step: Option<usize>,
}

/// Edits remembered for undo.
const UNDO_DEPTH: usize = 200;

#[derive(Clone, Debug, Default)]
pub struct TourEditor {
    /// The project's tours.
    pub tours: Vec<Tour>,
    /// The tour shown in the editor (`None`: the built-in one).
    pub open: Option<usize>,
    /// The step being edited.
    pub step: Option<usize>,
    undo: Vec<Snapshot>,
    redo: Vec<Snapshot>,
    /// The text field typed into last: further typing there is one undo step.
    typing: Option<(usize, usize, TextField)>,
}

impl TourEditor {
    /// The editor over a project's tours, open on the first of them (the built-in tour
    /// only when the project has none).
    pub fn new(tours: Vec<Tour>) -> Self {
        TourEditor {
            open: (!tours.is_empty()).then_some(0),
            tours,
            ..TourEditor::default()
        }
    }

    /// The project's tour `i`, or the built-in one for `None`.
    pub fn chosen<'a>(&'a self, choice: Option<usize>, builtin: &'a Tour) -> Option<&'a Tour> {
        match choice {
            None => Some(builtin),
            Some(i) => self.tours.get(i),
        }
    }

    pub fn can_undo(&self) -> bool {
        !self.undo.is_empty()
    }

    pub fn can_redo(&self) -> bool {
        !self.redo.is_empty()
    }

    /// The project's tours' names, in order (the publish window lists them).
    pub fn names(&self) -> Vec<String> {
        self.tours.iter().map(|t| t.name.clone()).collect()
    }

    /// The tour open in the editor, if it is one of the project's.
    pub fn tour(&self) -> Option<&Tour> {
        self.tours.get(self.open?)
    }

    fn snapshot(&self) -> Snapshot {
        Snapshot {
            tours: self.tours.clone(),
            open: self.open,
            step: self.step,
        }
    }

    fn restore(&mut self, s: Snapshot) {
        self.tours = s.tours;
        self.open = s.open;
        self.step = s.step;
        self.typing = None;
    }

    /// Carries out `edit`; `builtin` is the tour a duplicate of the built-in one copies.
    /// Returns whether anything changed.
    pub fn apply(&mut self, edit: Edit, builtin: &Tour) -> bool {
        // Undo, redo and moving about are not edits to undo; every other edit is one, and
        // typing is told apart so that a run of letters in one field is a single edit.
        let typing = match &edit {
            Edit::Undo => {
                let Some(s) = self.undo.pop() else {
                    return false;
                };
                self.redo.push(self.snapshot());
                self.restore(s);
                return true;
            }
            Edit::Redo => {
                let Some(s) = self.redo.pop() else {
                    return false;
                };
                self.undo.push(self.snapshot());
                self.restore(s);
                return true;
            }
            Edit::Open(open) => {
                self.open = open.filter(|&i| i < self.tours.len());
                self.step = None;
                self.typing = None;
                return true;
            }
            Edit::SelectStep(step) => {
                self.step = *step;
                self.typing = None;
                return true;
            }
            Edit::Text(step, field, _) => self.open.map(|t| (t, *step, *field)),
            Edit::NewTour(_)
            | Edit::Rename(..)
            | Edit::DeleteTour(_)
            | Edit::DuplicateTour(_)
            | Edit::AddStep(_)
            | Edit::UpdateStep(..)
            | Edit::MoveStep(..)
            | Edit::DuplicateStep(_)
            | Edit::DeleteStep(_)
            | Edit::AddFact(..)
            | Edit::RemoveFact(..)
            | Edit::Seconds(..)
            | Edit::Flight(..) => None,
        };
        let before = self.snapshot();
        let changed = self.change(edit, builtin);
        if changed {
            // Typing on in the same field is one edit to undo, not one per letter.
            if typing.is_none() || typing != self.typing {
                self.undo.push(before);
                if self.undo.len() > UNDO_DEPTH {
                    self.undo.remove(0);
                }
            }
            self.redo.clear();
            self.typing = typing;
        }
        changed
    }

    fn steps(&mut self) -> Option<&mut Vec<Step>> {
        let open = self.open?;
        self.tours.get_mut(open).map(|t| &mut t.steps)
    }

    fn step_mut(&mut self, index: usize) -> Option<&mut Step> {
        self.steps()?.get_mut(index)
    }

    fn change(&mut self, edit: Edit, builtin: &Tour) -> bool {
        match edit {
            Edit::Undo | Edit::Redo | Edit::Open(_) | Edit::SelectStep(_) => false,
            Edit::NewTour(lang) => {
                let name = self.fresh_name(lang.pick("Chuyến tham quan", "Tour"));
                self.tours.push(Tour {
                    name,
                    steps: Vec::new(),
                });
                self.open = Some(self.tours.len() - 1);
                self.step = None;
                true
            }
            Edit::Rename(i, name) => {
                let name = name.trim().to_owned();
                match self.tours.get_mut(i) {
                    Some(t) if !name.is_empty() && t.name != name => {
                        t.name = name;
                        true
                    }
                    _ => false,
                }
            }
            Edit::DeleteTour(i) => {
                if i >= self.tours.len() {
                    return false;
                }
                self.tours.remove(i);
                self.open = match self.open {
                    Some(o) if o == i => None,
                    Some(o) if o > i => Some(o - 1),
                    other => other,
                };
                self.step = None;
                true
            }
            Edit::DuplicateTour(from) => {
                let (source, base) = match from {
                    None => (builtin.clone(), "Bản sao chuyến có sẵn".to_owned()),
                    Some(i) => match self.tours.get(i) {
                        Some(t) => (t.clone(), format!("{} (bản sao)", t.name)),
                        None => return false,
                    },
                };
                let name = self.fresh_name(&base);
                self.tours.push(Tour { name, ..source });
                self.open = Some(self.tours.len() - 1);
                self.step = None;
                true
            }
            Edit::AddStep(capture) => {
                let at = self.step.map_or(usize::MAX, |s| s + 1);
                let Some(steps) = self.steps() else {
                    return false;
                };
                let at = at.min(steps.len());
                let id = fresh_id(steps);
                let number = at + 1;
                let mut step = Step {
                    id,
                    title_vi: format!("Bước {number}"),
                    title_en: format!("Step {number}"),
                    caption_vi: String::new(),
                    caption_en: String::new(),
                    facts: Vec::new(),
                    highlight: Vec::new(),
                    layers: Vec::new(),
                    fit: Vec::new(),
                    view: None,
                    user_layers: Vec::new(),
                    selected: None,
                    year: None,
                    chart: None,
                    seconds: None,
                    flight: FlightStyle::Fly,
                };
                if let Some((vi, en)) = &capture.title {
                    step.title_vi = vi.clone();
                    step.title_en = en.clone();
                }
                take(&mut step, capture);
                steps.insert(at, step);
                self.step = Some(at);
                true
            }
            Edit::MoveStep(from, to) => {
                let Some(steps) = self.steps() else {
                    return false;
                };
                if from >= steps.len() || to >= steps.len() || from == to {
                    return false;
                }
                let step = steps.remove(from);
                steps.insert(to, step);
                self.step = Some(to);
                true
            }
            Edit::DuplicateStep(i) => {
                let Some(steps) = self.steps() else {
                    return false;
                };
                let Some(mut copy) = steps.get(i).cloned() else {
                    return false;
                };
                copy.id = fresh_id(steps);
                steps.insert(i + 1, copy);
                self.step = Some(i + 1);
                true
            }
            Edit::DeleteStep(i) => {
                let Some(steps) = self.steps() else {
                    return false;
                };
                if i >= steps.len() {
                    return false;
                }
                steps.remove(i);
                let left = steps.len();
                self.step = (left > 0).then(|| i.min(left - 1));
                true
            }
            edit @ (Edit::UpdateStep(..)
            | Edit::Text(..)
            | Edit::AddFact(..)
            | Edit::RemoveFact(..)
            | Edit::Seconds(..)
            | Edit::Flight(..)) => self.change_step(edit),
        }
    }

    /// The edits of one step's contents.
    fn change_step(&mut self, edit: Edit) -> bool {
        match edit {
            Edit::UpdateStep(i, capture) => match self.step_mut(i) {
                Some(step) => {
                    let before = step.clone();
                    take(step, capture);
                    *step != before
                }
                None => false,
            },
            Edit::Text(i, field, text) => match self.step_mut(i) {
                Some(step) => {
                    let slot = match field {
                        TextField::TitleVi => &mut step.title_vi,
                        TextField::TitleEn => &mut step.title_en,
                        TextField::CaptionVi => &mut step.caption_vi,
                        TextField::CaptionEn => &mut step.caption_en,
                    };
                    let changed = *slot != text;
                    *slot = text;
                    changed
                }
                None => false,
            },
            Edit::AddFact(i, fact) => match self.step_mut(i) {
                Some(step) if !step.facts.contains(&fact) => {
                    step.facts.push(fact);
                    true
                }
                _ => false,
            },
            Edit::RemoveFact(i, fact) => match self.step_mut(i) {
                Some(step) => {
                    let before = step.facts.len();
                    step.facts.retain(|f| *f != fact);
                    step.facts.len() != before
                }
                None => false,
            },
            Edit::Seconds(i, seconds) => match self.step_mut(i) {
                Some(step) => {
                    let seconds = seconds.map(|s| s.clamp(1.0, 600.0));
                    let changed = step.seconds != seconds;
                    step.seconds = seconds;
                    changed
                }
                None => false,
            },
            Edit::Flight(i, flight) => match self.step_mut(i) {
                Some(step) => {
                    let changed = step.flight != flight;
                    step.flight = flight;
                    changed
                }
                None => false,
            },
            // `change` hands over only the edits of a step's contents.
            Edit::NewTour(_)
            | Edit::Open(_)
            | Edit::Rename(..)
            | Edit::DeleteTour(_)
            | Edit::DuplicateTour(_)
            | Edit::SelectStep(_)
            | Edit::AddStep(_)
            | Edit::MoveStep(..)
            | Edit::DuplicateStep(_)
            | Edit::DeleteStep(_)
            | Edit::Undo
            | Edit::Redo => false,
        }
    }

    /// `base`, or `base 2`, `base 3`… whichever no tour has.
    fn fresh_name(&self, base: &str) -> String {
        let taken = |n: &str| self.tours.iter().any(|t| t.name == n);
        if !taken(base) {
            return base.to_owned();
        }
        (2..)
            .map(|n| format!("{base} {n}"))
            .find(|n| !taken(n))
            .unwrap_or_default()
    }
}

/// The captured view, layers, selection, year and chart go into `step`; its words stay.
fn take(step: &mut Step, capture: Capture) {
    step.view = Some(capture.view);
    step.fit.clear();
    step.layers = capture.layers;
    step.user_layers = capture.user_layers;
    step.highlight = capture.selected.iter().cloned().collect();
    step.selected = capture.selected;
    step.year = capture.year;
    step.chart = capture.chart;
}

fn fresh_id(steps: &[Step]) -> String {
    (1..)
        .map(|n| format!("step-{n}"))
        .find(|id| steps.iter().all(|s| s.id != *id))
        .unwrap_or_default()
}

#[cfg(test)]
#[path = "editor_tests.rs"]
mod tests;
