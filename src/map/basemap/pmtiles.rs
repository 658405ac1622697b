//! Checking a `.pmtiles` file before offering it: the atlas draws raster (PNG, JPEG, WebP)
//! and vector (MVT) tiles, so other archives get a clear message instead of a blank map;
//! and walkers' reader
//! trusts the header's offsets (a truncated or damaged archive makes it panic, and then the
//! whole window), so they are checked against the file first.

use std::io::Read;
use std::path::Path;

#[derive(Debug, thiserror::Error, PartialEq)]
pub enum PmTilesError {
    #[error("{path}: cannot be read: {message}")]
    Unreadable { path: String, message: String },
    #[error("{path}: not a PMTiles v3 archive")]
    NotPmTiles { path: String },
    #[error("{path}: holds {kind} tiles; only PNG, JPEG, WebP and MVT PMTiles can be shown")]
    Unsupported { path: String, kind: &'static str },
    #[error("{path}: damaged or cut short: {what}")]
    Damaged { path: String, what: String },
    #[error("{path}: compressed with {0}; only uncompressed or gzip archives can be read", .kind)]
    Compression { path: String, kind: &'static str },
}

/// The root directory must lie within the first 16 KiB (the PMTiles v3 rule readers rely on).
const ROOT_LIMIT: u64 = 16_384;

fn u64_at(header: &[u8; 127], at: usize) -> u64 {
    let mut bytes = [0u8; 8];
    bytes.copy_from_slice(&header[at..at + 8]);
    u64::from_le_bytes(bytes)
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
    let len = std::fs::metadata(path).map(|m| m.len()).unwrap_or(0);
    let damaged = |what: String| PmTilesError::Damaged {
        path: shown.clone(),
        what,
    };
    let (root_at, root_len) = (u64_at(&header, 8), u64_at(&header, 16));
    let root_end = root_at.checked_add(root_len);
    if root_at < 127 || root_len == 0 || root_end.is_none_or(|e| e > len.min(ROOT_LIMIT)) {
        return Err(damaged(format!(
            "root directory at {root_at} (+{root_len} bytes) outside the file's first {} bytes",
            len.min(ROOT_LIMIT)
        )));
    }
    for (name, at) in [
        ("metadata", 24),
        ("leaf directories", 40),
        ("tile data", 56),
    ] {
        let (start, size) = (u64_at(&header, at), u64_at(&header, at + 8));
        if start.checked_add(size).is_none_or(|end| end > len) {
            return Err(damaged(format!(
                "{name} at {start} (+{size} bytes) beyond the end of the file ({len} bytes)"
            )));
        }
    }
    for at in [97, 98] {
        let kind = match header[at] {
            1 | 2 => continue,
            3 => "Brotli",
            4 => "Zstandard",
            _ => "an unknown method",
        };
        return Err(PmTilesError::Compression { path: shown, kind });
    }
    let kind = match header[99] {
        1..=4 => return Ok(()),
        5 => "AVIF",
        _ => "unknown",
    };
    Err(PmTilesError::Unsupported { path: shown, kind })
}
