//! How the border gates the articles count compare with the gates the map data holds:
//! drawn (located, exactly or to a commune), listed (named by a source, no location), and
//! not identified (counted by the articles, named by no source found).

use super::facts::FactId;
use super::{Atlas, LayerKind};

/// The fact that counts the province's gates ("2 … quốc tế, 1 … chính và 9 … phụ").
pub const GATE_COUNT_FACT: &str = "gate-count";

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct GateAccount {
    /// The total the articles give.
    pub stated: usize,
    /// Gates with a point on the map.
    pub drawn: usize,
    /// Gates named by a source, with no location to draw.
    pub listed: usize,
    /// Gates the articles count that no source found names.
    pub unidentified: usize,
}

impl GateAccount {
    /// `None` when the catalogue has no gate count.
    pub fn of(atlas: &Atlas) -> Option<Self> {
        let fact = atlas.facts.get(&FactId::new(GATE_COUNT_FACT))?;
        let stated = fact.figures.iter().map(|f| f.value).sum::<f64>().round() as usize;
        let drawn = atlas
            .in_layer(LayerKind::Gates)
            .filter(|f| f.is_located())
            .count();
        let listed = atlas.in_layer(LayerKind::Gates).count() - drawn;
        Some(Self {
            stated,
            drawn,
            listed,
            unidentified: stated.saturating_sub(drawn + listed),
        })
    }
}
