//! Points the sources place at one coordinate: Pò Nhùng and Co Sâu are both known only to
//! xã Cao Lâu, so both stand at its centroid. Each keeps its true coordinate in the data;
//! the map spreads a group side by side on screen so that every member can be seen and
//! clicked, and this table says which place each member takes.

use super::feature::Feature;
use geo::Geometry;
use std::collections::HashMap;

/// A member's place in its group, left to right.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Slot {
    pub rank: usize,
    pub of: usize,
}

impl Slot {
    /// How far from the shared point the member is drawn, in symbol widths: −0.5 and +0.5
    /// for a pair, −1, 0, +1 for three.
    pub fn offset(self) -> f32 {
        self.rank as f32 - (self.of as f32 - 1.0) / 2.0
    }

    pub fn is_first(self) -> bool {
        self.rank == 0
    }

    pub fn is_last(self) -> bool {
        self.rank + 1 == self.of
    }
}

/// The groups of two or more point features at one coordinate, keyed by feature position.
#[derive(Debug, Default)]
pub struct Colocated {
    slots: HashMap<usize, Slot>,
}

impl Colocated {
    pub fn of(features: &[Feature]) -> Self {
        let mut groups: HashMap<(u64, u64), Vec<usize>> = HashMap::new();
        for (i, feature) in features.iter().enumerate() {
            if let Some(Geometry::Point(p)) = &feature.geometry {
                groups
                    .entry((p.x().to_bits(), p.y().to_bits()))
                    .or_default()
                    .push(i);
            }
        }
        let mut slots = HashMap::new();
        for members in groups.into_values().filter(|m| m.len() > 1) {
            // Left to right by name in Vietnamese order, so the order does not depend on the
            // files' order.
            let mut members = members;
            members.sort_by(|&a, &b| {
                super::collate::compare(&features[a].props.name_vi, &features[b].props.name_vi)
            });
            let of = members.len();
            for (rank, i) in members.into_iter().enumerate() {
                slots.insert(i, Slot { rank, of });
            }
        }
        Self { slots }
    }

    /// `None` for a point alone at its coordinate, and for every non-point feature.
    pub fn slot(&self, index: usize) -> Option<Slot> {
        self.slots.get(&index).copied()
    }

    pub fn members(&self) -> impl Iterator<Item = (usize, Slot)> + '_ {
        self.slots.iter().map(|(&i, &s)| (i, s))
    }
}
