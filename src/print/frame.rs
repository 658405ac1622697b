//! Where the Earth lands on paper: Web Mercator fitted into a rectangle of the page, the
//! same projection the screen uses, so a printed district has the shape it has on screen.
//! Its scale is given true at the printed size.

use super::page::Rect;
use crate::map::mercator;
use geo::Coord;

/// Earth's radius in Web Mercator (metres).
const RADIUS: f64 = 6_378_137.0;
/// A PostScript point in metres.
const POINT_M: f64 = 0.0254 / 72.0;

#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Frame {
    pub rect: Rect,
    /// World position at the rectangle's centre.
    center: [f64; 2],
    /// Points per world unit.
    scale: f64,
}

impl Frame {
    /// The frame showing `bounds` whole inside `rect`, with `margin` (a fraction of the
    /// rectangle) left around it. A point or a tiny area is shown at least `min_span`
    /// degrees wide.
    pub fn fit(rect: Rect, bounds: (Coord, Coord), margin: f64, min_span: f64) -> Frame {
        let (mut a, mut b) = bounds;
        let grow = |lo: &mut f64, hi: &mut f64| {
            if *hi - *lo < min_span {
                let mid = (*lo + *hi) / 2.0;
                *lo = mid - min_span / 2.0;
                *hi = mid + min_span / 2.0;
            }
        };
        grow(&mut a.x, &mut b.x);
        grow(&mut a.y, &mut b.y);
        let w0 = mercator::to_world(Coord { x: a.x, y: b.y });
        let w1 = mercator::to_world(Coord { x: b.x, y: a.y });
        let span_x = (w1[0] - w0[0]).max(1e-12);
        let span_y = (w1[1] - w0[1]).max(1e-12);
        let usable = 1.0 - 2.0 * margin;
        let scale = (f64::from(rect.w) * usable / span_x).min(f64::from(rect.h) * usable / span_y);
        Frame {
            rect,
            center: [(w0[0] + w1[0]) / 2.0, (w0[1] + w1[1]) / 2.0],
            scale,
        }
    }

    pub fn to_page(&self, c: Coord) -> [f32; 2] {
        let w = mercator::to_world(c);
        [
            self.rect.x + self.rect.w / 2.0 + ((w[0] - self.center[0]) * self.scale) as f32,
            self.rect.y + self.rect.h / 2.0 + ((w[1] - self.center[1]) * self.scale) as f32,
        ]
    }

    pub fn to_lonlat(&self, p: [f32; 2]) -> Coord {
        mercator::from_world([
            self.center[0] + f64::from(p[0] - self.rect.x - self.rect.w / 2.0) / self.scale,
            self.center[1] + f64::from(p[1] - self.rect.y - self.rect.h / 2.0) / self.scale,
        ])
    }

    /// The lon/lat box the rectangle shows.
    pub fn lonlat_bounds(&self) -> (Coord, Coord) {
        let nw = self.to_lonlat([self.rect.x, self.rect.y]);
        let se = self.to_lonlat([self.rect.right(), self.rect.bottom()]);
        (Coord { x: nw.x, y: se.y }, Coord { x: se.x, y: nw.y })
    }

    /// Metres on the ground per point on paper, at the frame's centre.
    pub fn metres_per_point(&self) -> f64 {
        let lat = self
            .to_lonlat([
                self.rect.x + self.rect.w / 2.0,
                self.rect.y + self.rect.h / 2.0,
            ])
            .y;
        2.0 * std::f64::consts::PI * RADIUS * lat.to_radians().cos() / self.scale
    }

    /// The scale as a ratio, 1 : this, when the page is printed at its size.
    pub fn scale_denominator(&self) -> f64 {
        self.metres_per_point() / POINT_M
    }

    /// A round length for a scale bar no longer than `max_points`: its metres and points.
    pub fn scale_bar(&self, max_points: f32) -> (f64, f32) {
        let per_point = self.metres_per_point();
        let max_m = f64::from(max_points) * per_point;
        let mut best = 1.0;
        let mut unit = 1.0;
        while unit <= max_m {
            for step in [1.0, 2.0, 5.0] {
                if step * unit <= max_m {
                    best = step * unit;
                }
            }
            unit *= 10.0;
        }
        (best, (best / per_point) as f32)
    }
}

/// A length as a scale bar writes it: "500 m", "10 km".
pub fn length_text(metres: f64) -> String {
    if metres >= 1000.0 {
        format!("{} km", metres / 1000.0)
    } else {
        format!("{metres} m")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_fitted_box_lies_inside_its_rectangle_with_its_margin() {
        let rect = Rect::new(36.0, 80.0, 520.0, 400.0);
        let bounds = (Coord { x: 106.0, y: 21.3 }, Coord { x: 107.4, y: 22.5 });
        let frame = Frame::fit(rect, bounds, 0.05, 0.01);
        for c in [bounds.0, bounds.1] {
            let p = frame.to_page(c);
            assert!(rect.shrink(19.0).contains(p), "{p:?}");
        }
        let back = frame.to_lonlat(frame.to_page(Coord { x: 106.7, y: 21.9 }));
        // Page positions are f32: a hundred-thousandth of a degree (about a metre).
        assert!((back.x - 106.7).abs() < 1e-4 && (back.y - 21.9).abs() < 1e-4);
    }

    #[test]
    fn the_scale_bar_is_a_round_length_true_at_the_printed_size() {
        let rect = Rect::new(0.0, 0.0, 500.0, 500.0);
        let frame = Frame::fit(
            rect,
            (Coord { x: 106.0, y: 21.5 }, Coord { x: 107.0, y: 22.5 }),
            0.0,
            0.0,
        );
        let (metres, points) = frame.scale_bar(120.0);
        assert!(points <= 120.0 && points > 40.0, "{points}");
        let lead = metres / 10f64.powf(metres.log10().floor());
        assert!(
            [1.0, 2.0, 5.0].iter().any(|x| (lead - x).abs() < 1e-9),
            "{metres}"
        );
        // About 100 km of longitude at 22°N over 500 points: 1 : 700 000 or so.
        let d = frame.scale_denominator();
        assert!((600_000.0..800_000.0).contains(&d), "{d}");
        assert_eq!(length_text(5000.0), "5 km");
        assert_eq!(length_text(500.0), "500 m");
    }
}
