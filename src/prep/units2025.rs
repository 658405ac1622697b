//! Lạng Sơn after the 1 July 2025 reform: its 65 communes and wards (name, type, centroid,
//! official area) and which of them each of the 194 earlier communes went into, from the
//! vietnamadminunits tables. Checked: every earlier commune is mapped, every new unit has
//! earlier communes, every code is known.

use super::raw::read_tsv;
use super::writer::Collection;
use super::{PrepError, Row, cell, check, coord};
use geo::{Geometry, Point};
use std::collections::BTreeMap;
use std::path::Path;

const SOURCE: &str = "vietnamadminunits 1.0.4 (MIT): 2025 units and the 2024→2025 converter";

#[derive(serde::Serialize)]
struct UnitProps<'a> {
    code: &'a str,
    name: &'a str,
    unit_type: &'a str,
    /// The official area; absent where the source gives none.
    #[serde(skip_serializing_if = "Option::is_none")]
    area_km2: Option<f64>,
    /// Codes of the earlier communes it took in, whole or in part.
    former: Vec<String>,
    source: &'a str,
}

/// Earlier commune code → the 2025 units it went into (the main part first).
pub type Mapping = BTreeMap<String, Vec<String>>;

/// `communes-2025.geojson`, and the mapping for the earlier communes' file.
pub fn build(src: &Path, gazetteer: &[Row]) -> Result<(String, Mapping), PrepError> {
    let units = read_tsv(src, "langson-communes-2025-vietnamadminunits.tsv")?;
    let rows = read_tsv(src, "langson-communes-2024-to-2025.tsv")?;
    let mut mapping: Mapping = BTreeMap::new();
    let mut former: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for row in &rows {
        let (old, new) = (
            cell(row, "old_commune_code")?,
            cell(row, "new_commune_code")?,
        );
        let targets = mapping.entry(old.to_owned()).or_default();
        if cell(row, "share")? == "part (main)" {
            targets.insert(0, new.to_owned());
        } else {
            targets.push(new.to_owned());
        }
        former
            .entry(new.to_owned())
            .or_default()
            .push(old.to_owned());
    }
    for row in gazetteer {
        let code = cell(row, "commune_code")?;
        check(mapping.contains_key(code), || {
            format!("earlier commune {code} has no 2025 unit in the converter table")
        })?;
    }
    check(mapping.len() == gazetteer.len(), || {
        format!(
            "{} earlier communes mapped, {} in the gazetteer",
            mapping.len(),
            gazetteer.len()
        )
    })?;
    let mut collection = Collection::new(6);
    for row in &units {
        let code = cell(row, "commune_code")?;
        let earlier = former.remove(code).unwrap_or_default();
        check(!earlier.is_empty(), || {
            format!("2025 unit {code} has no earlier commune")
        })?;
        let area: f64 = cell(row, "area_km2")?
            .parse()
            .map_err(|_| PrepError::Check(format!("2025 unit {code}: area is not a number")))?;
        collection.push(
            &UnitProps {
                code,
                name: cell(row, "commune")?,
                unit_type: cell(row, "commune_type")?,
                // The source writes 0.0 where it has no area (Phường Kỳ Lừa).
                area_km2: (area > 0.0).then_some(area),
                former: earlier,
                source: SOURCE,
            },
            Some(&Geometry::Point(Point(coord(row, "lon", "lat")?))),
        );
    }
    check(units.len() == 65, || {
        format!("{} units of 2025, not 65", units.len())
    })?;
    check(former.is_empty(), || {
        format!(
            "the converter names unknown 2025 units: {:?}",
            former.keys()
        )
    })?;
    Ok((collection.finish(), mapping))
}
