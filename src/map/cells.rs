//! A bitmap of the screen in cells of two points: each cell is taken by the first dot drawn
//! in it, so that a layer of a million features draws as many dots as the screen can show.

use egui::{Pos2, Rect};

/// The screen in cells of two points, each taken by the first dot drawn in it: as many
/// dots as the screen can show, not as many as the layer has.
pub struct Cells {
    origin: Pos2,
    columns: usize,
    rows: usize,
    taken: Vec<u64>,
}

impl Cells {
    pub fn new(rect: Rect) -> Cells {
        let columns = (rect.width() / 2.0).ceil().max(1.0) as usize;
        let rows = (rect.height() / 2.0).ceil().max(1.0) as usize;
        Cells {
            origin: rect.min,
            columns,
            rows,
            taken: vec![0; (columns * rows).div_ceil(64)],
        }
    }

    /// Whether `at` falls in a free cell (which it then takes); off-screen is never free.
    pub fn claim(&mut self, at: Pos2) -> bool {
        let (x, y) = ((at.x - self.origin.x) / 2.0, (at.y - self.origin.y) / 2.0);
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
