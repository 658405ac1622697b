//! Checking a `.pmtiles` file before offering it: walkers decodes raster tiles (PNG, JPEG)
//! here, so other archives get a clear message instead of a blank map.

use std::io::Read;
use std::path::Path;

#[derive(Debug, thiserror::Error, PartialEq)]
pub enum PmTilesError {
    #[error("{path}: cannot be read: {message}")]
    Unreadable { path: String, message: String },
    #[error("{path}: not a PMTiles v3 archive")]
    NotPmTiles { path: String },
    #[error("{path}: holds {kind} tiles; only PNG and JPEG raster PMTiles can be shown")]
    Unsupported { path: String, kind: &'static str },
}

/// Reads the 127-byte PMTiles v3 header and checks the tile type.
pub fn check(path: &Path) -> Result<(), PmTilesError> {
    let shown = path.display().to_string();
    let mut header = [0u8; 127];
    std::fs::File::open(path)
        .and_then(|mut f| f.read_exact(&mut header))
        .map_err(|e| PmTilesError::Unreadable {
            path: shown.clone(),
            message: e.to_string(),
        })?;
    if &header[..7] != b"PMTiles" || header[7] != 3 {
        return Err(PmTilesError::NotPmTiles { path: shown });
    }
    let kind = match header[99] {
        2 | 3 => return Ok(()),
        1 => "vector (MVT)",
        4 => "WebP",
        5 => "AVIF",
        _ => "unknown",
    };
    Err(PmTilesError::Unsupported { path: shown, kind })
}
