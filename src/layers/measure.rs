//! The measure tool's model: points clicked on the map, the geodesic length of each
//! segment and in all (WGS 84 ellipsoid, Karney's algorithm through geo), and once the
//! shape is closed its geodesic area and perimeter. Kept measurements stay on the map as a
//! note until cleared.

use crate::atlas::Lang;
use geo::orient::{Direction, Orient};
use geo::{Coord, Distance, Geodesic, GeodesicArea, LineString, Point, Polygon};

#[derive(Clone, Debug, Default, PartialEq)]
pub struct Measurement {
    /// Longitude/latitude of each point, in click order.
    pub points: Vec<Coord>,
    /// The last point joins the first: an area.
    pub closed: bool,
}

impl Measurement {
    /// Each segment's length in metres (the closing one included when closed).
    pub fn segments(&self) -> Vec<f64> {
        let mut out: Vec<f64> = self
            .points
            .windows(2)
            .map(|w| Geodesic.distance(Point(w[0]), Point(w[1])))
            .collect();
        if self.closed
            && let (Some(first), Some(last)) = (self.points.first(), self.points.last())
            && self.points.len() >= 3
        {
            out.push(Geodesic.distance(Point(*last), Point(*first)));
        }
        out
    }

    /// The whole length in metres: the path, or the perimeter when closed.
    pub fn length(&self) -> f64 {
        self.segments().iter().sum()
    }

    /// The geodesic area in square metres of a closed shape of three points or more.
    pub fn area(&self) -> Option<f64> {
        // geo measures the area to the left of the ring: clicked clockwise, that would be
        // the rest of the Earth. The ring is oriented counter-clockwise first.
        (self.closed && self.points.len() >= 3).then(|| {
            Polygon::new(LineString::from(self.points.clone()), vec![])
                .orient(Direction::Default)
                .geodesic_area_unsigned()
        })
    }

    /// Closes the shape, if it has the three points an area needs.
    pub fn close(&mut self) -> bool {
        self.closed = self.points.len() >= 3;
        self.closed
    }

    /// The result as text to copy: every segment with its running total, then the total
    /// (and the area and perimeter of a closed shape).
    pub fn text(&self, lang: Lang) -> String {
        let mut lines = Vec::new();
        let mut running = 0.0;
        for (i, d) in self.segments().iter().enumerate() {
            running += d;
            lines.push(format!(
                "{} {}: {} ({} {})",
                lang.pick("Đoạn", "Segment"),
                i + 1,
                length_text(*d, lang),
                lang.pick("cộng dồn", "running"),
                length_text(running, lang)
            ));
        }
        match self.area() {
            Some(a) => {
                lines.push(format!(
                    "{}: {}",
                    lang.pick("Diện tích", "Area"),
                    area_text(a, lang)
                ));
                lines.push(format!(
                    "{}: {}",
                    lang.pick("Chu vi", "Perimeter"),
                    length_text(self.length(), lang)
                ));
            }
            None => lines.push(format!(
                "{}: {}",
                lang.pick("Tổng chiều dài", "Total length"),
                length_text(self.length(), lang)
            )),
        }
        lines.push(
            lang.pick(
                "(đường trắc địa trên ellipsoid WGS 84, không phải đường đi)",
                "(geodesic on the WGS 84 ellipsoid, not a route)",
            )
            .to_owned(),
        );
        lines.join("\n")
    }
}

/// A number with the reader's marks and `digits` decimals.
fn number(v: f64, digits: usize, lang: Lang) -> String {
    crate::atlas::numbers::localised(v, crate::atlas::numbers::Decimals::Exactly(digits), lang)
}

/// Metres below a kilometre, else kilometres with two decimals.
pub fn length_text(m: f64, lang: Lang) -> String {
    if m < 1000.0 {
        format!("{} m", number(m, 0, lang))
    } else {
        format!("{} km", number(m / 1000.0, 2, lang))
    }
}

/// Hectares below a square kilometre, else square kilometres.
pub fn area_text(m2: f64, lang: Lang) -> String {
    if m2 < 1_000_000.0 {
        format!("{} ha", number(m2 / 10_000.0, 2, lang))
    } else {
        format!("{} km²", number(m2 / 1_000_000.0, 2, lang))
    }
}

/// The measure tool's actions.
#[derive(Clone, Debug, PartialEq)]
pub enum MeasureAction {
    /// Start the measure tool, or end it (the measurement stays on the map).
    Toggle,
    /// A measured point (lon/lat), already snapped.
    Point(geo::Coord),
    /// Join the last point to the first: an area.
    Close,
    /// Remove every kept measurement from the map.
    Clear,
    /// Copy the measurement under way (else the last kept) as text.
    Copy,
}

/// The tool's state: the measurement under way, and those kept on the map.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct MeasureTool {
    pub active: bool,
    pub current: Measurement,
    pub kept: Vec<Measurement>,
}

impl MeasureTool {
    /// Takes an action; `Copy` returns the text to put on the clipboard.
    pub fn apply(&mut self, action: MeasureAction, lang: Lang) -> Option<String> {
        match action {
            MeasureAction::Toggle => {
                if self.active {
                    self.finish();
                }
                self.active = !self.active;
            }
            MeasureAction::Point(c) => self.current.points.push(c),
            MeasureAction::Close => {
                // Fewer than three points make no shape: the path stays open.
                if self.current.close() {
                    self.finish();
                }
            }
            MeasureAction::Clear => {
                self.kept.clear();
                self.current = Measurement::default();
            }
            MeasureAction::Copy => {
                let shown = if self.current.points.len() >= 2 {
                    Some(&self.current)
                } else {
                    self.kept.last()
                };
                return shown.map(|m| m.text(lang));
            }
        }
        None
    }

    /// Ends the measurement under way, keeping it on the map if it measured anything.
    pub fn finish(&mut self) {
        let done = std::mem::take(&mut self.current);
        if done.points.len() >= 2 {
            self.kept.push(done);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn c(x: f64, y: f64) -> Coord {
        Coord { x, y }
    }

    #[test]
    fn toggling_off_keeps_what_was_measured_and_two_points_make_no_shape() {
        let mut tool = MeasureTool::default();
        tool.apply(MeasureAction::Toggle, Lang::Vi);
        assert!(tool.active);
        tool.apply(MeasureAction::Point(c(106.7, 21.8)), Lang::Vi);
        tool.apply(MeasureAction::Point(c(106.8, 21.8)), Lang::Vi);
        tool.apply(MeasureAction::Close, Lang::Vi);
        assert_eq!(tool.current.points.len(), 2, "two points stay an open path");
        assert!(tool.kept.is_empty());
        let copied = tool.apply(MeasureAction::Copy, Lang::En);
        assert!(copied.is_some_and(|t| t.contains("km")));
        tool.apply(MeasureAction::Toggle, Lang::Vi);
        assert!(!tool.active);
        assert_eq!(tool.kept.len(), 1, "the path stays on the map");
        tool.apply(MeasureAction::Clear, Lang::Vi);
        assert!(tool.kept.is_empty() && tool.current.points.is_empty());
    }

    #[test]
    fn three_points_closed_are_an_area_kept_on_the_map() {
        let mut tool = MeasureTool::default();
        for p in [c(106.7, 21.8), c(106.8, 21.8), c(106.8, 21.9)] {
            tool.apply(MeasureAction::Point(p), Lang::Vi);
        }
        tool.apply(MeasureAction::Close, Lang::Vi);
        assert!(tool.current.points.is_empty());
        assert!(
            tool.kept
                .first()
                .is_some_and(|m| m.closed && m.area().is_some())
        );
    }
}
