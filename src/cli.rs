//! The headless verbs, for scripts and tests: `info` prints what the loader understands of
//! a file as JSON, `convert` writes it reprojected to WGS 84 GeoJSON. Both use the viewer's
//! own loader (`atlas::io`).

use crate::atlas::io::{self, Columns, Crs, IoError, Progress, Request};
use std::path::Path;

/// A `--crs` argument: `EPSG:9215`, `9215`, or a PROJ string.
pub fn parse_crs(text: &str) -> Result<Crs, String> {
    let t = text.trim();
    if t.starts_with('+') {
        return Ok(Crs::Other {
            name: t.to_owned(),
            proj: t.to_owned(),
        });
    }
    let code = t
        .trim_start_matches("EPSG:")
        .trim_start_matches("epsg:")
        .parse::<u16>()
        .map_err(|_| format!("{t}: give an EPSG code (e.g. EPSG:9215) or a PROJ string"))?;
    Crs::from_epsg(code).ok_or_else(|| {
        format!("EPSG:{code} is not one the atlas knows; give its PROJ string instead")
    })
}

/// A `--columns` argument: `LON,LAT` (two column names), or one name of a WKT column.
pub fn parse_columns(text: &str) -> Columns {
    match text.split_once(',') {
        Some((x, y)) => Columns::LonLat(x.trim().to_owned(), y.trim().to_owned()),
        None => Columns::Wkt(text.trim().to_owned()),
    }
}

/// `info FILE`: the JSON description of the layer.
pub fn info(path: &Path, request: &Request) -> Result<String, IoError> {
    let layer = io::open_request(path, request, &Progress::default())?;
    Ok(serde_json::to_string_pretty(&layer.info()).unwrap_or_default())
}

/// `convert FILE OUT.geojson`: writes the layer in WGS 84; returns a one-line summary.
pub fn convert(path: &Path, request: &Request, out: &Path) -> Result<String, String> {
    let layer = io::open_request(path, request, &Progress::default()).map_err(|e| e.to_string())?;
    std::fs::write(out, layer.to_geojson()).map_err(|e| format!("{}: {e}", out.display()))?;
    Ok(format!(
        "{} features ({} skipped) from {} in {} → {} (WGS 84)",
        layer.features.len(),
        layer.skipped,
        layer.path,
        layer.crs.name(),
        out.display()
    ))
}
