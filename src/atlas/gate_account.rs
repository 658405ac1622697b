//! How the border gates one article counts compare with the gates the map data holds:
//! drawn (located, exactly or to a commune), listed (named by a source, no location), and
//! not identified (counted by the article, named by no source found). Only article 002
//! (Gia Định Group's, the developer of Hồ Sơn 1) counts the gates, by class: 2
//! international, 1 main and 9 secondary. No article gives a total: 12 is our sum.

use super::facts::FactId;
use super::{Atlas, LayerKind};

/// The fact that counts the province's gates ("2 … quốc tế, 1 … chính và 9 … phụ").
pub const GATE_COUNT_FACT: &str = "gate-count";

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct GateAccount {
    /// The article's counts, in its order: international, main, secondary gates.
    pub by_class: [usize; 3],
    /// Our sum of `by_class`: the article gives no total.
    pub sum: usize,
    /// Gates with a point on the map.
    pub drawn: usize,
    /// Gates named by a source, with no location to draw.
    pub listed: usize,
    /// Gates the article counts that no source found names.
    pub unidentified: usize,
}

impl GateAccount {
    /// `None` when the catalogue has no gate count, or it is not three counts by class.
    pub fn of(atlas: &Atlas) -> Option<Self> {
        let fact = atlas.facts.get(&FactId::new(GATE_COUNT_FACT))?;
        let counts: Vec<usize> = fact
            .figures
            .iter()
            .map(|f| f.value.round() as usize)
            .collect();
        let by_class: [usize; 3] = counts.try_into().ok()?;
        let sum = by_class.iter().sum();
        let drawn = atlas
            .in_layer(LayerKind::Gates)
            .filter(|f| f.is_located())
            .count();
        let listed = atlas.in_layer(LayerKind::Gates).count() - drawn;
        Some(Self {
            by_class,
            sum,
            drawn,
            listed,
            unidentified: sum.saturating_sub(drawn + listed),
        })
    }
}
