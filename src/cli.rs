//! The headless verbs, for scripts and tests: `info` prints what the loader understands of
//! a file as JSON, `convert` writes it reprojected to WGS 84 GeoJSON. Both use the viewer's
//! own loader (`atlas::io`).

use crate::atlas::io::{self, Crs, IoError, Progress};
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

/// `info FILE`: the JSON description of the layer.
pub fn info(path: &Path, layer: Option<&str>, crs: Option<Crs>) -> Result<String, IoError> {
    let layer = io::open_layer(path, layer, crs, &Progress::default())?;
    Ok(serde_json::to_string_pretty(&layer.info()).unwrap_or_default())
}

/// `convert FILE OUT.geojson`: writes the layer in WGS 84; returns a one-line summary.
pub fn convert(
    path: &Path,
    layer: Option<&str>,
    out: &Path,
    crs: Option<Crs>,
) -> Result<String, String> {
    let layer =
        io::open_layer(path, layer, crs, &Progress::default()).map_err(|e| e.to_string())?;
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
