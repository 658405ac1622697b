//! Lạng Sơn after the 1 July 2025 reform, as the atlas answers it: which 2025 unit an
//! earlier commune went into, which units succeed a district, which earlier communes a
//! unit took in, and which 2025 unit a gate or site now lies in (through the commune the
//! sources name for it; never guessed from a point).

use super::base::{Commune, Unit2025};
use super::search::fold;
use super::{Atlas, Feature, FeatureId};

impl Atlas {
    pub fn unit_2025(&self, code: &str) -> Option<&Unit2025> {
        self.units_2025.iter().find(|u| u.code == code)
    }

    pub fn commune_by_code(&self, code: &str) -> Option<&Commune> {
        self.communes.iter().find(|c| c.code == code)
    }

    /// The 2025 units that took in communes of `district`, by name in Vietnamese order.
    pub fn successors(&self, district: &FeatureId) -> Vec<&Unit2025> {
        let mut out: Vec<&Unit2025> = self
            .units_2025
            .iter()
            .filter(|u| {
                u.former.iter().any(|code| {
                    self.commune_by_code(code)
                        .is_some_and(|c| &c.district == district)
                })
            })
            .collect();
        super::collate::sort_by_name(&mut out, |u| &u.name);
        out
    }

    /// The earlier communes a 2025 unit took in.
    pub fn former_communes(&self, unit: &Unit2025) -> Vec<&Commune> {
        unit.former
            .iter()
            .filter_map(|code| self.commune_by_code(code))
            .collect()
    }

    /// The earlier commune(s) the sources name for a feature (in its district), each with
    /// the 2025 unit it went into (the main part's, for a commune that was split).
    pub fn units_of_feature(&self, feature: &Feature) -> Vec<(&Commune, &Unit2025)> {
        let Some(named) = feature.props.commune.as_deref() else {
            return Vec::new();
        };
        named
            .split(';')
            .filter_map(|name| {
                let name = fold(name.trim());
                let commune = self.communes.iter().find(|c| {
                    fold(&c.name) == name
                        && feature
                            .props
                            .district
                            .as_ref()
                            .is_none_or(|d| &c.district == d)
                })?;
                let unit = self.unit_2025(commune.units_2025.first()?)?;
                Some((commune, unit))
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use crate::atlas::Atlas;
    use crate::atlas::collate::compare;
    use std::cmp::Ordering;

    #[test]
    fn a_districts_successors_are_listed_in_vietnamese_order() {
        let atlas = Atlas::embedded().expect("the embedded geodata loads");
        let mut unlike_code_points = 0;
        for district in atlas.in_layer(crate::atlas::LayerKind::Districts) {
            let names: Vec<&str> = atlas
                .successors(district.id())
                .iter()
                .map(|u| u.name.as_str())
                .collect();
            for pair in names.windows(2) {
                assert_eq!(compare(pair[0], pair[1]), Ordering::Less, "{names:?}");
            }
            unlike_code_points += usize::from(!names.is_sorted());
        }
        // Bắc before Bình, Đ after D: some district shows the difference.
        assert!(unlike_code_points > 0);
    }
}
