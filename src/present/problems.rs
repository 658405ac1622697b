//! What can be wrong with a tour's step, in words for the editor and the project's report:
//! an empty text, something it names that is not there, a caption figure its facts do not
//! give, nothing to frame, a view off the province.

use crate::atlas::{FactId, FeatureId, Lang};

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
    /// Whether the step names something that is not there (a feature, a fact, a layer): a
    /// part of the project that did not open. The rest are remarks on the step's words
    /// and framing, which the tour editor shows beside the step.
    pub fn is_missing(&self) -> bool {
        match self {
            ProblemKind::UnknownFeature(_)
            | ProblemKind::UnknownFact(_)
            | ProblemKind::UnknownLayer(_) => true,
            ProblemKind::Empty(_)
            | ProblemKind::FigureNotInFacts(_)
            | ProblemKind::NothingToFrame
            | ProblemKind::LeavesProvince => false,
        }
    }

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
