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

/// A tab-separated table with a header row; each row maps column name to cell.
pub fn read_tsv(dir: &Path, file: &str) -> Result<Vec<BTreeMap<String, String>>, PrepError> {
    let path = dir.join(file);
    let text = std::fs::read_to_string(&path).map_err(|e| PrepError::Read {
        file: path.display().to_string(),
        message: e.to_string(),
    })?;
    let mut lines = text.lines().filter(|l| !l.trim().is_empty());
    let header: Vec<String> = lines
        .next()
        .ok_or_else(|| PrepError::Invalid {
            file: file.to_owned(),
            message: "empty table".to_owned(),
        })?
        .split('\t')
        .map(str::to_owned)
        .collect();
    lines
        .enumerate()
        .map(|(n, line)| {
            let cells: Vec<&str> = line.split('\t').collect();
            if cells.len() != header.len() {
                return Err(PrepError::Invalid {
                    file: file.to_owned(),
                    message: format!(
                        "row {} has {} cells, the header {}",
                        n + 2,
                        cells.len(),
                        header.len()
                    ),
                });
            }
            Ok(header
                .iter()
                .cloned()
                .zip(cells.into_iter().map(unquote))
                .collect())
        })
        .collect()
}

/// Spreadsheet-style quoting: `"a ""b"" c"` is `a "b" c`.
fn unquote(cell: &str) -> String {
    match cell.strip_prefix('"').and_then(|c| c.strip_suffix('"')) {
        Some(inner) => inner.replace("\"\"", "\""),
        None => cell.to_owned(),
    }
}
