//! A smooth move of the map from one view to another: eased pan and zoom over about a
//! second. Pure arithmetic on world coordinates and zoom levels.

use crate::map::mercator::ViewTarget;

#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Flight {
    pub from: ViewTarget,
    pub to: ViewTarget,
    pub start: f64,
    pub duration: f64,
}

impl Flight {
    pub const DURATION: f64 = 1.1;

    pub fn new(from: ViewTarget, to: ViewTarget, start: f64) -> Self {
        Self {
            from,
            to,
            start,
            duration: Self::DURATION,
        }
    }

    /// Where the view is at `time`, and whether the flight has landed.
    pub fn at(&self, time: f64) -> (ViewTarget, bool) {
        let t = ((time - self.start) / self.duration).clamp(0.0, 1.0);
        // Slow start, slow end.
        let e = f64::from(egui::emath::easing::cubic_in_out(t as f32));
        let lerp = |a: f64, b: f64| a + (b - a) * e;
        (
            ViewTarget {
                center: [
                    lerp(self.from.center[0], self.to.center[0]),
                    lerp(self.from.center[1], self.to.center[1]),
                ],
                zoom: lerp(self.from.zoom, self.to.zoom),
            },
            t >= 1.0,
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_flight_starts_where_it_was_and_lands_on_its_target() {
        let from = ViewTarget {
            center: [0.5, 0.4],
            zoom: 8.0,
        };
        let to = ViewTarget {
            center: [0.6, 0.3],
            zoom: 11.0,
        };
        let flight = Flight::new(from, to, 10.0);
        assert_eq!(flight.at(10.0), (from, false));
        let (mid, done) = flight.at(10.0 + Flight::DURATION / 2.0);
        assert!(!done && (mid.zoom - 9.5).abs() < 1e-9);
        assert_eq!(flight.at(20.0), (to, true));
    }
}
