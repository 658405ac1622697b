//! Drawing: basemaps, the one style table, the plan layers as a walkers plugin, labels.

pub mod basemap;
pub mod cache;
mod cells;
pub mod labels;
pub mod measure_overlay;
pub mod mercator;
pub mod overlays;
pub mod pane;
pub mod plan_layer;
mod point_symbols;
pub mod side_by_side;
pub mod style;
pub mod symbols;
pub mod timeline_marks;
pub mod units_2025;
pub mod user_layer;

use crate::atlas::LayerKind;
use std::collections::BTreeSet;

/// Which plan layers are switched on.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Visibility(BTreeSet<LayerKind>);

impl Default for Visibility {
    fn default() -> Self {
        Self(LayerKind::ALL.into_iter().collect())
    }
}

impl Visibility {
    /// No layer on.
    pub fn none() -> Self {
        Self(BTreeSet::new())
    }

    pub fn is_visible(&self, layer: LayerKind) -> bool {
        self.0.contains(&layer)
    }

    pub fn set(&mut self, layer: LayerKind, on: bool) {
        if on {
            self.0.insert(layer);
        } else {
            self.0.remove(&layer);
        }
    }
}
