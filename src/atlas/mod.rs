//! The atlas: every feature of the plan, the basemap's geodata and the gazetteer, as plain
//! Rust values. Nothing here knows about egui.

pub mod base;
pub mod citation;
pub mod collate;
pub mod colocated;
pub mod distances;
pub mod facts;
pub mod feature;
pub mod figure_text;
pub mod gate_account;
pub mod index;
pub mod kind;
pub mod lang;
pub mod load;
pub mod measure_tag;
pub mod measures;
pub mod numbers;
pub mod qr;
pub mod reform;
pub mod search;
pub mod share;
pub mod timeline;

pub use base::{ApproxArea, BaseMap, Commune, Unit2025};
pub use facts::{Catalogue, Fact, FactId};
pub use feature::{Feature, Props};
pub use index::{PointIndex, SpatialIndex};
pub use kind::{FeatureId, GateClass, Kind, LayerKind, Precision, SiteStatus, Zone};
pub use lang::Lang;
pub use load::{GeodataSource, LoadError};
pub use timeline::Timeline;

use std::collections::HashMap;

/// Everything the viewer shows, loaded and cross-checked.
pub struct Atlas {
    features: Vec<Feature>,
    by_id: HashMap<FeatureId, usize>,
    pub base: BaseMap,
    pub communes: Vec<Commune>,
    /// The 65 communes and wards since 1 July 2025.
    pub units_2025: Vec<Unit2025>,
    pub index: SpatialIndex,
    /// Points that share one coordinate, which the map draws side by side.
    pub colocated: colocated::Colocated,
    pub commune_index: PointIndex,
    pub facts: Catalogue,
    /// Which stage the cited facts date each feature at, 2021 → 2030.
    pub timeline: Timeline,
}

impl Atlas {
    /// The geodata compiled into the binary. It is checked by the tests, so failing here
    /// means a broken build, and the error says which file.
    pub fn embedded() -> Result<Atlas, Vec<LoadError>> {
        let (atlas, errors) = Self::load(&GeodataSource::Embedded, None);
        if errors.is_empty() {
            Ok(atlas)
        } else {
            Err(errors)
        }
    }

    /// Loads from `source`; a file that fails is reported and, when a `fallback` is given,
    /// taken from there instead, so one broken file never empties the map.
    pub fn load(
        source: &GeodataSource,
        fallback: Option<&GeodataSource>,
    ) -> (Atlas, Vec<LoadError>) {
        let mut errors = Vec::new();
        let mut features = Vec::new();
        for layer in LayerKind::ALL {
            let parsed = source
                .read(layer.file_name())
                .and_then(|text| load::parse_layer(layer, &text));
            match parsed {
                Ok(layer_features) => features.extend(layer_features),
                Err(e) => {
                    errors.push(e);
                    if let Some(fallback) = fallback {
                        match fallback
                            .read(layer.file_name())
                            .and_then(|text| load::parse_layer(layer, &text))
                        {
                            Ok(layer_features) => features.extend(layer_features),
                            Err(e) => errors.push(e),
                        }
                    }
                }
            }
        }
        let base = with_fallback(&mut errors, source, fallback, load::parse_base);
        let communes = with_fallback(&mut errors, source, fallback, load::parse_communes);
        let mut units_2025 = with_fallback(&mut errors, source, fallback, load::parse_units_2025);
        // The approximate areas are a drawing aid: without them the units keep their points.
        let cells = with_fallback(&mut errors, source, fallback, load::parse_unit_cells);
        for (code, cell) in cells {
            if let Some(unit) = units_2025.iter_mut().find(|u| u.code == code) {
                unit.cell = Some(cell);
            }
        }
        let facts = with_fallback(&mut errors, source, fallback, |s| {
            Catalogue::parse(&s.read("facts.json")?).map_err(|e| LoadError::BadFacts {
                message: e.to_string(),
            })
        });

        let timeline = with_fallback(&mut errors, source, fallback, |s| {
            Timeline::parse(&s.read("timeline.json")?).map_err(|e| LoadError::BadTimeline {
                message: e.to_string(),
            })
        });

        let mut by_id = HashMap::new();
        let mut unique = Vec::with_capacity(features.len());
        for feature in features {
            if by_id.contains_key(feature.id()) {
                errors.push(LoadError::DuplicateId {
                    file: feature.kind().layer().file_name().to_owned(),
                    id: feature.id().to_string(),
                });
                continue;
            }
            by_id.insert(feature.id().clone(), unique.len());
            unique.push(feature);
        }
        for feature in &unique {
            for district in feature
                .props
                .district
                .iter()
                .chain(&feature.props.districts)
            {
                let known = by_id
                    .get(district)
                    .is_some_and(|&i| unique[i].kind() == Kind::District);
                if !known {
                    errors.push(LoadError::UnknownDistrict {
                        feature: feature.id().to_string(),
                        district: district.to_string(),
                    });
                }
            }
        }
        for fact in facts.facts() {
            for about in &fact.about {
                if !by_id.contains_key(about) {
                    errors.push(LoadError::UnknownFeature {
                        fact: fact.id.to_string(),
                        feature: about.to_string(),
                    });
                }
            }
        }
        for message in timeline.problems(&facts, |id| by_id.contains_key(id)) {
            errors.push(LoadError::BadTimeline { message });
        }
        let index = SpatialIndex::new(&unique);
        let colocated = colocated::Colocated::of(&unique);
        let commune_index = PointIndex::new(communes.iter().map(|c| c.point.0));
        (
            Atlas {
                features: unique,
                by_id,
                base,
                communes,
                units_2025,
                index,
                colocated,
                commune_index,
                facts,
                timeline,
            },
            errors,
        )
    }

    pub fn features(&self) -> &[Feature] {
        &self.features
    }

    pub fn get(&self, id: &FeatureId) -> Option<&Feature> {
        self.by_id.get(id).map(|&i| &self.features[i])
    }

    /// Position of a feature in [`Atlas::features`], the handle caches key on.
    pub fn position(&self, id: &FeatureId) -> Option<usize> {
        self.by_id.get(id).copied()
    }

    pub fn in_layer(&self, layer: LayerKind) -> impl Iterator<Item = &Feature> {
        self.features
            .iter()
            .filter(move |f| f.kind().layer() == layer)
    }

    /// The province outline, which every view is framed by.
    pub fn province(&self) -> Option<&Feature> {
        self.features.iter().find(|f| f.kind() == Kind::Province)
    }
}

fn with_fallback<T: Default>(
    errors: &mut Vec<LoadError>,
    source: &GeodataSource,
    fallback: Option<&GeodataSource>,
    parse: fn(&GeodataSource) -> Result<T, LoadError>,
) -> T {
    match parse(source) {
        Ok(value) => value,
        Err(e) => {
            errors.push(e);
            match fallback.map(parse) {
                Some(Ok(value)) => value,
                Some(Err(e)) => {
                    errors.push(e);
                    T::default()
                }
                None => T::default(),
            }
        }
    }
}
