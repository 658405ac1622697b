//! The video's clock: a title card, each step for its own seconds (its flight from the
//! last view at the start, eased as in presentation mode), an end card. Frames are taken
//! on this clock, not in real time, so a slow machine makes the same video as a fast one.

use crate::map::mercator::ViewTarget;
use crate::present::flight::Flight;
use crate::present::tour::{DEFAULT_SECONDS, FlightStyle, Tour};

/// Seconds of the title card before the first step.
pub const TITLE_SECONDS: f64 = 4.0;
/// Seconds of the end card (the sources) after the last step.
pub const END_SECONDS: f64 = 6.0;

/// What a stretch of the video shows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Part {
    Title,
    Step(usize),
    End,
}

#[derive(Clone, Copy, Debug, PartialEq)]
struct Segment {
    part: Part,
    start: f64,
    seconds: f64,
}

/// What one frame shows: its part, the view, and how far into the part it is (0–1).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Moment {
    pub part: Part,
    pub view: ViewTarget,
    pub progress: f64,
}

/// The timing of a tour's video.
#[derive(Clone, Debug, PartialEq)]
pub struct Plan {
    segments: Vec<Segment>,
    /// Each step's view, in order.
    views: Vec<ViewTarget>,
    flights: Vec<FlightStyle>,
    pub fps: u32,
}

impl Plan {
    /// The plan of `tour`, whose steps land on `views` (one per step), with title and end
    /// cards of `cards` seconds.
    pub fn new(tour: &Tour, views: Vec<ViewTarget>, fps: u32, cards: (f64, f64)) -> Plan {
        let (title, end) = (cards.0.max(0.0), cards.1.max(0.0));
        let mut segments = vec![Segment {
            part: Part::Title,
            start: 0.0,
            seconds: title,
        }];
        let mut t = title;
        for (i, step) in tour.steps.iter().enumerate() {
            // A step shows 1 s to 10 min: a mistyped length never makes an endless video.
            let seconds = f64::from(step.seconds.unwrap_or(DEFAULT_SECONDS)).clamp(1.0, 600.0);
            segments.push(Segment {
                part: Part::Step(i),
                start: t,
                seconds,
            });
            t += seconds;
        }
        segments.push(Segment {
            part: Part::End,
            start: t,
            seconds: end,
        });
        Plan {
            segments,
            views,
            flights: tour.steps.iter().map(|s| s.flight).collect(),
            fps: fps.max(1),
        }
    }

    /// The video's length in seconds.
    pub fn seconds(&self) -> f64 {
        self.segments.last().map_or(0.0, |s| s.start + s.seconds)
    }

    /// The seconds of the steps alone.
    pub fn step_seconds(&self) -> f64 {
        self.segments
            .iter()
            .filter(|s| matches!(s.part, Part::Step(_)))
            .map(|s| s.seconds)
            .sum()
    }

    /// How many frames the video has.
    pub fn frames(&self) -> u64 {
        (self.seconds() * f64::from(self.fps)).round() as u64
    }

    fn view(&self, i: usize) -> Option<ViewTarget> {
        self.views.get(i).copied()
    }

    /// What frame `n` shows.
    pub fn at(&self, n: u64) -> Moment {
        let time = n as f64 / f64::from(self.fps);
        let segment = self
            .segments
            .iter()
            .rev()
            .find(|s| time >= s.start && s.seconds > 0.0)
            .or(self.segments.first())
            .copied()
            .unwrap_or(Segment {
                part: Part::Title,
                start: 0.0,
                seconds: 1.0,
            });
        let into = time - segment.start;
        let first = self.view(0).unwrap_or(ViewTarget {
            center: [0.5, 0.5],
            zoom: 3.0,
        });
        let view = match segment.part {
            Part::Title => first,
            Part::End => self
                .view(self.views.len().saturating_sub(1))
                .unwrap_or(first),
            Part::Step(i) => {
                let to = self.view(i).unwrap_or(first);
                match (
                    i.checked_sub(1).and_then(|p| self.view(p)),
                    self.flights.get(i),
                ) {
                    (Some(from), Some(FlightStyle::Fly)) => Flight::new(from, to, 0.0).at(into).0,
                    _ => to,
                }
            }
        };
        Moment {
            part: segment.part,
            view,
            progress: (into / segment.seconds).clamp(0.0, 1.0),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const CARDS: (f64, f64) = (TITLE_SECONDS, END_SECONDS);

    fn tour(seconds: &[Option<f32>]) -> Tour {
        let mut tour = match Tour::embedded() {
            Ok(t) => t,
            Err(e) => panic!("{e}"),
        };
        tour.steps.truncate(seconds.len());
        for (step, s) in tour.steps.iter_mut().zip(seconds) {
            step.seconds = *s;
            step.flight = FlightStyle::Fly;
        }
        tour
    }

    fn view(x: f64, zoom: f64) -> ViewTarget {
        ViewTarget {
            center: [x, 0.4],
            zoom,
        }
    }

    #[test]
    fn the_video_lasts_its_cards_and_every_step_s_seconds() {
        let plan = Plan::new(
            &tour(&[Some(5.0), None, Some(2.5)]),
            vec![view(0.1, 8.0); 3],
            30,
            CARDS,
        );
        assert_eq!(plan.step_seconds(), 5.0 + f64::from(DEFAULT_SECONDS) + 2.5);
        assert_eq!(
            plan.frames(),
            ((TITLE_SECONDS + 19.5 + END_SECONDS) * 30.0) as u64
        );
        assert_eq!(plan.at(0).part, Part::Title);
        assert_eq!(plan.at((TITLE_SECONDS * 30.0) as u64).part, Part::Step(0));
        assert_eq!(plan.at(plan.frames() - 1).part, Part::End);
    }

    #[test]
    fn a_step_flies_from_the_last_view_and_lands_on_its_own() {
        let plan = Plan::new(
            &tour(&[Some(4.0), Some(4.0)]),
            vec![view(0.1, 8.0), view(0.2, 10.0)],
            25,
            CARDS,
        );
        let start = ((TITLE_SECONDS + 4.0) * 25.0) as u64;
        assert_eq!(
            plan.at(start).view,
            view(0.1, 8.0),
            "leaves from the last step's view"
        );
        let mid = plan.at(start + 14).view;
        assert!(mid.zoom > 8.0 && mid.zoom < 10.0, "{mid:?}");
        assert_eq!(plan.at(start + 50).view, view(0.2, 10.0), "landed");
    }
}
