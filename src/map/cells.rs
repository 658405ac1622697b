//! A bitmap of the screen in cells of two points: each cell is taken by the first dot drawn
//! in it, so that a layer of a million features draws as many dots as the screen can show.

use egui::{Pos2, Rect};

/// The screen in cells of two points, each taken by the first dot drawn in it: as many
/// dots as the screen can show, not as many as the layer has.
pub struct Cells {
    origin: Pos2,
    /// A cell's side, in points.
    side: f32,
    columns: usize,
    rows: usize,
    taken: Vec<u64>,
}

impl Cells {
    pub fn new(rect: Rect) -> Cells {
        Cells::sized(rect, 2.0)
    }

    /// Cells of `side` points: a point symbol that far from one already drawn would hide
    /// under it and its neighbours, so a layer of half a million points draws as many
    /// symbols as fit on the screen.
    pub fn sized(rect: Rect, side: f32) -> Cells {
        let side = side.max(1.0);
        let columns = (rect.width() / side).ceil().max(1.0) as usize;
        let rows = (rect.height() / side).ceil().max(1.0) as usize;
        Cells {
            origin: rect.min,
            side,
            columns,
            rows,
            taken: vec![0; (columns * rows).div_ceil(64)],
        }
    }

    /// Whether `at` falls in a free cell (which it then takes); off-screen is never free.
    pub fn claim(&mut self, at: Pos2) -> bool {
        let (x, y) = (
            (at.x - self.origin.x) / self.side,
            (at.y - self.origin.y) / self.side,
        );
        if x < 0.0 || y < 0.0 || x >= self.columns as f32 || y >= self.rows as f32 {
            return false;
        }
        let k = y as usize * self.columns + x as usize;
        let (word, bit) = (k / 64, 1u64 << (k % 64));
        let free = self.taken[word] & bit == 0;
        self.taken[word] |= bit;
        free
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_cell_is_taken_once_and_its_size_is_the_symbol_s() {
        let rect = Rect::from_min_size(Pos2::ZERO, egui::vec2(100.0, 100.0));
        let mut cells = Cells::sized(rect, 4.0);
        assert!(cells.claim(Pos2::new(1.0, 1.0)));
        assert!(!cells.claim(Pos2::new(3.9, 3.9)), "the same 4-point cell");
        assert!(cells.claim(Pos2::new(4.1, 1.0)), "the next cell");
        assert!(
            !cells.claim(Pos2::new(-1.0, 5.0)),
            "off-screen is never free"
        );
        // A screen can hold 25 × 25 such symbols, whatever the layer holds.
        let mut cells = Cells::sized(rect, 4.0);
        let drawn = (0..100_000)
            .map(|i| Pos2::new((i % 317) as f32 * 0.315, (i / 317) as f32 * 0.3169))
            .filter(|p| cells.claim(*p))
            .count();
        assert_eq!(drawn, 625);
    }
}
