//! Web Mercator in "world units": the whole world is the unit square, x east, y south.
//! Geometry is projected into it once; a view then only scales and shifts.

use geo::Coord;

pub const TILE_SIZE: f64 = 256.0;
const MAX_LAT: f64 = 85.051_128_78;

pub fn to_world(c: Coord) -> [f64; 2] {
    let lat = c.y.clamp(-MAX_LAT, MAX_LAT).to_radians();
    [
        (c.x + 180.0) / 360.0,
        (1.0 - (lat.tan() + 1.0 / lat.cos()).ln() / std::f64::consts::PI) / 2.0,
    ]
}

pub fn from_world(w: [f64; 2]) -> Coord {
    let lon = w[0] * 360.0 - 180.0;
    let n = std::f64::consts::PI * (1.0 - 2.0 * w[1]);
    Coord {
        x: lon,
        y: n.sinh().atan().to_degrees(),
    }
}

/// Size of the world in points at a (fractional) zoom level.
pub fn world_size(zoom: f64) -> f64 {
    TILE_SIZE * 2f64.powf(zoom)
}

/// Maps world units to screen points for one frame.
#[derive(Clone, Copy, Debug)]
pub struct View {
    /// World position at the centre of the map rect.
    pub center: [f64; 2],
    pub zoom: f64,
    pub screen_center: egui::Pos2,
}

impl View {
    pub fn scale(&self) -> f64 {
        world_size(self.zoom)
    }

    pub fn to_screen(&self, w: [f64; 2]) -> egui::Pos2 {
        let s = self.scale();
        egui::pos2(
            self.screen_center.x + ((w[0] - self.center[0]) * s) as f32,
            self.screen_center.y + ((w[1] - self.center[1]) * s) as f32,
        )
    }

    pub fn to_world(&self, p: egui::Pos2) -> [f64; 2] {
        let s = self.scale();
        [
            self.center[0] + (p.x - self.screen_center.x) as f64 / s,
            self.center[1] + (p.y - self.screen_center.y) as f64 / s,
        ]
    }

    /// Longitude/latitude corners (south-west, north-east) of a screen rectangle.
    pub fn lon_lat_bounds(&self, rect: egui::Rect) -> (Coord, Coord) {
        let nw = from_world(self.to_world(rect.left_top()));
        let se = from_world(self.to_world(rect.right_bottom()));
        (Coord { x: nw.x, y: se.y }, Coord { x: se.x, y: nw.y })
    }

    /// Metres on the ground per screen point at this view's latitude.
    pub fn metres_per_point(&self) -> f64 {
        let lat = from_world(self.center).y.to_radians();
        40_075_016.686 * lat.cos() / self.scale()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn world_coordinates_round_trip() {
        let c = Coord {
            x: 106.76,
            y: 21.85,
        };
        let back = from_world(to_world(c));
        assert!((back.x - c.x).abs() < 1e-9 && (back.y - c.y).abs() < 1e-9);
    }
}

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
        let a = to_world(geo::Coord { x: sw.x, y: ne.y });
        let b = to_world(geo::Coord { x: ne.x, y: sw.y });
        let (w, h) = ((b[0] - a[0]).max(1e-9), (b[1] - a[1]).max(1e-9));
        let zoom = |points: f32, world: f64| ((points as f64 * fill) / (world * TILE_SIZE)).log2();
        Self {
            center: [(a[0] + b[0]) / 2.0, (a[1] + b[1]) / 2.0],
            zoom: zoom(rect.width(), w)
                .min(zoom(rect.height(), h))
                .clamp(3.0, 17.0),
        }
    }
}
