//! A smooth move of the map from one view to another: eased pan and zoom over about a
//! second. Pure arithmetic on world coordinates and zoom levels.

/// A view: centre in Web Mercator world units, and zoom level.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct ViewTarget {
    pub center: [f64; 2],
    pub zoom: f64,
}

impl ViewTarget {
    /// The view that frames a lon/lat box in a map of `rect`'s size; `fill` is the share
    /// of the map the box may take, the rest is margin.
    pub fn fitting(rect: egui::Rect, (sw, ne): (geo::Coord, geo::Coord), fill: f64) -> Self {
        use crate::map::mercator;
        let a = mercator::to_world(geo::Coord { x: sw.x, y: ne.y });
        let b = mercator::to_world(geo::Coord { x: ne.x, y: sw.y });
        let (w, h) = ((b[0] - a[0]).max(1e-9), (b[1] - a[1]).max(1e-9));
        let zoom = |points: f32, world: f64| {
            ((points as f64 * fill) / (world * mercator::TILE_SIZE)).log2()
        };
        Self {
            center: [(a[0] + b[0]) / 2.0, (a[1] + b[1]) / 2.0],
            zoom: zoom(rect.width(), w)
                .min(zoom(rect.height(), h))
                .clamp(3.0, 17.0),
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Flight {
    pub from: ViewTarget,
    pub to: ViewTarget,
    pub start: f64,
    pub duration: f64,
}

/// Slow start, slow end.
pub fn ease_in_out(t: f64) -> f64 {
    let t = t.clamp(0.0, 1.0);
    if t < 0.5 {
        4.0 * t * t * t
    } else {
        1.0 - (-2.0 * t + 2.0).powi(3) / 2.0
    }
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
        let e = ease_in_out(t);
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
