//! The border gates, the VSIP park and the industrial clusters from the places table, and
//! the projects the articles name without geometry.

use super::*;
use crate::atlas::FactId;

pub(super) fn places_layers(
    places: &[Row],
    districts: &[DistrictShape],
) -> Result<(String, String), PrepError> {
    let mut gates = Collection::new(6);
    let mut industry = Collection::new(6);
    check(places.len() == PLACES.len(), || {
        format!(
            "langson-places.tsv has {} rows, the plan table {}",
            places.len(),
            PLACES.len()
        )
    })?;
    for row in places {
        let id = cell(row, "id")?;
        let def = PLACES
            .iter()
            .find(|p| p.id == id)
            .ok_or_else(|| PrepError::Check(format!("place {id} is not in the plan table")))?;
        let kind = match cell(row, "kind")? {
            "gate_international" | "gate_main" | "gate_secondary" => Kind::BorderGate,
            "park" => Kind::IndustrialPark,
            "cluster" => Kind::IndustrialCluster,
            other => {
                return Err(PrepError::Check(format!(
                    "place {id}: unknown kind {other}"
                )));
            }
        };
        let precision = match cell(row, "precision")? {
            "exact" => Precision::Exact,
            "commune-centroid" => Precision::CommuneCentroid,
            "district-only" => Precision::DistrictOnly,
            "unknown" => Precision::Unknown,
            other => {
                return Err(PrepError::Check(format!(
                    "place {id}: unknown precision {other}"
                )));
            }
        };
        let mut props = Props::new(
            id,
            kind,
            cell(row, "name_vi")?,
            def.name_en,
            cell(row, "source")?,
            precision,
        );
        props.approximate = precision == Precision::CommuneCentroid;
        let district_name = cell(row, "district")?;
        if !district_name.is_empty() {
            let district = plan::district_by_full_name(district_name).ok_or_else(|| {
                PrepError::Check(format!("place {id}: unknown district {district_name}"))
            })?;
            props.district = Some(FeatureId::new(district.id));
        }
        let commune = cell(row, "commune")?;
        props.commune = (!commune.is_empty()).then(|| commune.to_owned());
        let note = cell(row, "note")?;
        props.note = (!note.is_empty()).then(|| note.to_owned());
        props.gate_class = def.gate_class;
        props.paired_gate = def.paired_gate.map(|(name, _)| name.to_owned());
        props.status = def.status.as_ref().map(|s| s.status);
        props.status_source = def.status.as_ref().map(|s| s.source.to_owned());
        props.status_fact = def.status.as_ref().map(|s| FactId::new(s.fact));
        props.area_ha = def.area_ha.map(|(a, _)| a);
        props.area_qualifier = def.area_qualifier.filter(|_| def.area_ha.is_some());
        props.area_source = def.area_ha.map(|(_, src)| src.to_owned());

        let geometry = if precision.is_drawable() {
            let point = coord(row, "lon", "lat")?;
            if let (Some(district), false) = (&props.district, kind == Kind::BorderGate) {
                let (_, shape) = districts
                    .iter()
                    .find(|(d, _)| d.id == district.as_str())
                    .ok_or_else(|| PrepError::Check(format!("place {id}: no district shape")))?;
                check(shape.intersects(&Point(point)), || {
                    format!("place {id} lies outside its district {district}")
                })?;
            }
            Some(Geometry::Point(Point(point)))
        } else {
            None
        };
        match kind {
            Kind::BorderGate => gates.push(&props, geometry.as_ref()),
            Kind::IndustrialCluster | Kind::IndustrialPark => {
                industry.push(&props, geometry.as_ref());
            }
            // The kinds read from the places' table above are gates and sites only.
            Kind::Province
            | Kind::BorderLine
            | Kind::District
            | Kind::Zone
            | Kind::DevelopmentAxis
            | Kind::Corridor
            | Kind::Expressway
            | Kind::EconomicZone
            | Kind::FunctionalArea
            | Kind::SmartGate => {
                return Err(PrepError::Check(format!(
                    "place {id} is neither a gate nor an industrial site"
                )));
            }
        }
    }
    Ok((gates.finish(), industry.finish()))
}

pub(super) fn projects() -> String {
    let mut collection = Collection::new(6);
    for def in &PROJECTS {
        let mut props = Props::new(
            def.id,
            def.kind,
            def.name_vi,
            def.name_en,
            def.source,
            Precision::Unknown,
        );
        props.districts = def.districts.iter().map(|d| FeatureId::new(*d)).collect();
        props.note = Some(def.note.to_owned());
        collection.push(&props, None);
    }
    collection.finish()
}
