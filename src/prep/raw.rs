//! Readers for the raw open data in `shared/geodata-src/` (never shipped in the repo).

use geo::Geometry;
use std::collections::BTreeMap;
use std::path::Path;

use super::PrepError;

/// One feature of a raw GeoJSON file.
pub struct RawFeature {
    pub properties: serde_json::Map<String, serde_json::Value>,
    pub geometry: Geometry<f64>,
}

impl RawFeature {
    pub fn text(&self, key: &str) -> Option<&str> {
        self.properties.get(key)?.as_str()
    }

    pub fn number(&self, key: &str) -> Option<f64> {
        self.properties.get(key)?.as_f64()
    }
}

pub fn read_geojson(dir: &Path, file: &str) -> Result<Vec<RawFeature>, PrepError> {
    let path = dir.join(file);
    let text = std::fs::read_to_string(&path).map_err(|e| PrepError::Read {
        file: path.display().to_string(),
        message: e.to_string(),
    })?;
    let bad = |message: String| PrepError::Invalid {
        file: file.to_owned(),
        message,
    };
    let geojson: geojson::GeoJson = text
        .parse()
        .map_err(|e: geojson::Error| bad(e.to_string()))?;
    let geojson::GeoJson::FeatureCollection(collection) = geojson else {
        return Err(bad("expected a FeatureCollection".to_owned()));
    };
    collection
        .features
        .into_iter()
        .map(|f| {
            let geometry = f
                .geometry
                .ok_or_else(|| bad("feature without geometry".to_owned()))?;
            Ok(RawFeature {
                properties: f.properties.unwrap_or_default(),
                geometry: Geometry::try_from(geometry).map_err(|e| bad(e.to_string()))?,
            })
        })
        .collect()
}

/// A tab-separated table with a header row (spreadsheet-style quoting: `"a ""b"" c"` is
/// `a "b" c`), one map from column to cell per row.
/// A row of a TSV file, by column name.
pub type TsvRow = BTreeMap<String, String>;

pub fn read_tsv(dir: &Path, file: &str) -> Result<Vec<TsvRow>, PrepError> {
    let path = dir.join(file);
    let invalid = |message: String| PrepError::Invalid {
        file: file.to_owned(),
        message,
    };
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(b'\t')
        .from_path(&path)
        .map_err(|e| PrepError::Read {
            file: path.display().to_string(),
            message: e.to_string(),
        })?;
    let header: Vec<String> = reader
        .headers()
        .map_err(|e| invalid(e.to_string()))?
        .iter()
        .map(str::to_owned)
        .collect();
    if header.iter().all(String::is_empty) {
        return Err(invalid("empty table".to_owned()));
    }
    reader
        .records()
        .map(|record| {
            // The csv reader names the row and says how many cells it has against the header.
            let record = record.map_err(|e| invalid(e.to_string()))?;
            Ok(header
                .iter()
                .cloned()
                .zip(record.iter().map(str::to_owned))
                .collect())
        })
        .filter(|row: &Result<TsvRow, PrepError>| {
            row.as_ref()
                .map_or(true, |r| r.values().any(|v| !v.trim().is_empty()))
        })
        .collect()
}
