//! Reading the planners' own files into one feature model: every format gives a
//! [`UserLayer`] of features with typed attributes in the file's field order, reprojected
//! to WGS 84 on load (`crs.rs`). One loader serves the viewer and the command line
//! (`langson-atlas info`, `convert`). A broken file gets a message naming the file and,
//! where it applies, the feature or row; valid features of a partly broken file still
//! load, with a count of the skipped ones.
//!
//! Formats so far: GeoJSON (`geojson_file.rs`, streamed), CSV/TSV with coordinate or WKT
//! columns (`csv_file.rs`), ESRI Shapefile with its .dbf, .prj and .cpg, or a zip holding
//! one (`shapefile_file.rs`), KML and KMZ (`kml_file.rs`), GeoPackage (`gpkg_file.rs`, one
//! feature table at a time) and FlatGeobuf (`fgb_file.rs`); the binary geometries of the
//! last two go through `geometry_blob.rs`.

pub mod crs;
pub mod csv_file;
pub mod fgb_file;
pub mod geojson_file;
mod geometry_blob;
pub mod gpkg_file;
mod json_stream;
pub mod kml_file;
mod model;
pub mod postgis;
pub mod reproject;
pub mod shapefile_file;

pub use crs::Crs;
pub use csv_file::Columns;
pub use model::{Field, FieldKind, Format, GeoJsonWriter, Streamed, UserFeature, UserLayer, Value};

use std::path::Path;

/// Files larger than this are refused before reading (a multi-GB file is almost never a
/// planner's layer, and would exhaust memory).
pub const MAX_BYTES: u64 = 2 << 30;

#[derive(Clone, Debug, thiserror::Error, PartialEq)]
pub enum IoError {
    #[error("{path}: cannot be read: {message}")]
    Unreadable { path: String, message: String },
    #[error("{path}: the file is empty")]
    Empty { path: String },
    #[error("{path}: {size} bytes is more than the {max} a layer may have")]
    TooLarge { path: String, size: u64, max: u64 },
    #[error(
        "{path}: not a format the atlas reads (GeoJSON, CSV, TSV, Shapefile or a zip of one, KML, KMZ, GeoPackage, FlatGeobuf)"
    )]
    UnknownFormat { path: String },
    #[error("{path}: {message}")]
    Invalid { path: String, message: String },
    #[error(
        "{path}: no coordinate columns found among {}; choose them, or name them lon/lat (kinh_do/vi_do, x/y) or give a WKT column",
        columns.join(", ")
    )]
    NoCoordinates { path: String, columns: Vec<String> },
    #[error(
        "{path}: the coordinates are not degrees and the file names no coordinate system; choose one (e.g. VN-2000 / TM-3 107-15, EPSG:9215)"
    )]
    NeedsCrs { path: String },
    #[error("{path}: holds {} layers ({}); choose one", layers.len(), layers.join(", "))]
    ChooseLayer { path: String, layers: Vec<String> },
    #[error("{path}: loading was cancelled")]
    Cancelled { path: String },
    #[error("{path}: cannot be written: {message}")]
    Unwritable { path: String, message: String },
    /// A database source's fault, kept typed (what kind, the server's own words).
    #[error(transparent)]
    Database(#[from] postgis::PgError),
}

/// How far a load has come, and Cancel: the background work's own (`task`).
pub use crate::task::Progress;

/// Reads the layer at `path`. `crs` overrides what the file says (or supplies what it
/// does not say).
pub fn open(path: &Path, crs: Option<Crs>, progress: &Progress) -> Result<UserLayer, IoError> {
    open_layer(path, None, crs, progress)
}

/// Reads layer `layer` of a file that holds several (a GeoPackage's feature tables); with
/// `None`, the file's only layer, or [`IoError::ChooseLayer`] listing them.
pub fn open_layer(
    path: &Path,
    layer: Option<&str>,
    crs: Option<Crs>,
    progress: &Progress,
) -> Result<UserLayer, IoError> {
    let request = Request {
        layer: layer.map(str::to_owned),
        columns: None,
        crs,
    };
    open_request(path, &request, progress)
}

/// What the user settled about a file before it could open: which of its layers, which of
/// a table's columns hold the geometry, which CRS it is in.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Request {
    pub layer: Option<String>,
    pub columns: Option<Columns>,
    pub crs: Option<Crs>,
}

/// Whether `path` names a database table (`postgresql://…`) rather than a file.
pub fn is_database(path: &Path) -> bool {
    path.to_str()
        .is_some_and(|p| p.starts_with("postgresql://") || p.starts_with("postgres://"))
}

/// Reads the file at `path` as `request` settles it.
pub fn open_request(
    path: &Path,
    request: &Request,
    progress: &Progress,
) -> Result<UserLayer, IoError> {
    let (layer, crs) = (request.layer.as_deref(), request.crs.clone());
    let shown = path.display().to_string();
    if is_database(path) {
        return postgis::open_uri(&shown, None, progress);
    }
    let size = std::fs::metadata(path)
        .map_err(|e| IoError::Unreadable {
            path: shown.clone(),
            message: e.to_string(),
        })?
        .len();
    if size == 0 {
        return Err(IoError::Empty { path: shown });
    }
    if size > MAX_BYTES {
        return Err(IoError::TooLarge {
            path: shown,
            size,
            max: MAX_BYTES,
        });
    }
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_lowercase)
        .unwrap_or_default();
    let file = std::fs::File::open(path).map_err(|e| IoError::Unreadable {
        path: shown.clone(),
        message: e.to_string(),
    })?;
    let reader = CountingReader::new(file, size, progress);
    let layer = match ext.as_str() {
        "geojson" | "json" => geojson_file::read(reader, &shown, crs, progress),
        "csv" | "tsv" | "txt" => {
            csv_file::read(reader, &shown, request.columns.as_ref(), crs, progress)
        }
        "shp" => shapefile_file::read(path, crs, progress),
        "gpkg" => gpkg_file::read(path, layer, crs, progress),
        "kml" | "kmz" | "zip" | "fgb" => {
            let mut bytes = Vec::new();
            let mut reader = reader;
            std::io::Read::read_to_end(&mut reader, &mut bytes)
                .map_err(|e| read_error(&shown, &e))?;
            from_bytes(&bytes, &shown, &ext, crs, progress)
        }
        _ => Err(IoError::UnknownFormat { path: shown }),
    };
    layer.map(UserLayer::into_nfc)
}

/// Where a streamed read hands each feature, with the layer's fields.
pub type Sink<'s> = dyn FnMut(&[Field], UserFeature) -> Result<(), IoError> + 's;

/// Reads the file at `path` a feature at a time into `sink`, in WGS 84. A database table
/// comes in pages from the server, and a shapefile whose CRS is known (a `.prj`, or the
/// request's) is streamed: neither is ever held. Other formats, and a shapefile whose
/// coordinates must first be looked at, are read whole and handed over from memory.
pub fn stream_request(
    path: &Path,
    request: &Request,
    progress: &Progress,
    sink: &mut Sink<'_>,
) -> Result<Streamed, IoError> {
    if is_database(path) {
        return postgis::stream(&path.display().to_string(), progress, sink);
    }
    let is_shp = path
        .extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| e.eq_ignore_ascii_case("shp"));
    if is_shp
        && let Some(streamed) = shapefile_file::stream(
            path,
            request.crs.clone(),
            progress,
            &mut |fields, feature| {
                let mut feature = feature;
                for value in &mut feature.values {
                    if let Value::Text(text) = value {
                        model::compose(text);
                    }
                }
                sink(fields, feature)
            },
        )?
    {
        return Ok(streamed);
    }
    let layer = open_request(path, request, progress)?;
    let written = layer.features.len();
    for feature in layer.features {
        sink(&layer.fields, feature)?;
    }
    Ok(Streamed {
        path: layer.path,
        crs: layer.crs,
        fields: layer.fields,
        written,
        skipped: layer.skipped,
        warnings: layer.warnings,
    })
}

/// Reads a layer held in memory; `name` (with its extension) says the format and names the
/// layer in messages. The same readers as [`open`].
pub fn open_bytes(bytes: &[u8], name: &str, crs: Option<Crs>) -> Result<UserLayer, IoError> {
    if bytes.is_empty() {
        return Err(IoError::Empty {
            path: name.to_owned(),
        });
    }
    let progress = Progress::default();
    let reader = CountingReader::new(bytes, bytes.len() as u64, &progress);
    let ext = name.rsplit('.').next().unwrap_or("").to_lowercase();
    let layer = match ext.as_str() {
        "geojson" | "json" => geojson_file::read(reader, name, crs, &progress),
        "csv" | "tsv" | "txt" => csv_file::read(reader, name, None, crs, &progress),
        "gpkg" => gpkg_from_bytes(bytes, name, crs, &progress),
        _ => from_bytes(bytes, name, &ext, crs, &progress),
    };
    layer.map(UserLayer::into_nfc)
}

/// The formats read from a whole file in memory: KML, KMZ, a zip holding a shapefile.
fn from_bytes(
    bytes: &[u8],
    name: &str,
    ext: &str,
    crs: Option<Crs>,
    progress: &Progress,
) -> Result<UserLayer, IoError> {
    let unknown = || IoError::UnknownFormat {
        path: name.to_owned(),
    };
    match ext {
        "kml" => {
            let text = std::str::from_utf8(bytes).map_err(|e| IoError::Invalid {
                path: name.to_owned(),
                message: format!("not UTF-8 text: {e}"),
            })?;
            kml_file::read(text, name, false, progress)
        }
        "kmz" => kml_file::read(&kml_file::kml_of_kmz(bytes, name)?, name, true, progress),
        "zip" => shapefile_file::read_zip(bytes, name, crs, progress),
        "fgb" => fgb_file::read(bytes, name, crs, progress),
        _ => Err(unknown()),
    }
}

/// SQLite reads files, not memory: the bytes go to a private temporary file first.
fn gpkg_from_bytes(
    bytes: &[u8],
    name: &str,
    crs: Option<Crs>,
    progress: &Progress,
) -> Result<UserLayer, IoError> {
    let temporary = tempfile::Builder::new()
        .prefix("langson-atlas-")
        .suffix(".gpkg")
        .tempfile()
        .map_err(|e| read_error(name, &e))?;
    std::fs::write(temporary.path(), bytes).map_err(|e| read_error(name, &e))?;
    let result = gpkg_file::read(temporary.path(), None, crs, progress);
    let temporary = temporary.path().display().to_string();
    match result {
        Ok(mut layer) => {
            layer.path = layer.path.replace(&temporary, name);
            Ok(layer)
        }
        Err(e) => Err(e.with_path(name)),
    }
}

impl IoError {
    /// What is wrong with the file shown as `path`.
    pub fn invalid(path: &str, message: impl Into<String>) -> IoError {
        IoError::Invalid {
            path: path.to_owned(),
            message: message.into(),
        }
    }

    /// The same error about the file shown as `path`.
    pub fn with_path(self, path: &str) -> IoError {
        let path = path.to_owned();
        match self {
            IoError::Unreadable { message, .. } => IoError::Unreadable { path, message },
            IoError::Empty { .. } => IoError::Empty { path },
            IoError::TooLarge { size, max, .. } => IoError::TooLarge { path, size, max },
            IoError::UnknownFormat { .. } => IoError::UnknownFormat { path },
            IoError::Invalid { message, .. } => IoError::Invalid { path, message },
            IoError::NoCoordinates { columns, .. } => IoError::NoCoordinates { path, columns },
            IoError::NeedsCrs { .. } => IoError::NeedsCrs { path },
            IoError::ChooseLayer { layers, .. } => IoError::ChooseLayer { path, layers },
            IoError::Cancelled { .. } => IoError::Cancelled { path },
            IoError::Unwritable { message, .. } => IoError::Unwritable { path, message },
            // A database source is named by its address, already shown without a password.
            IoError::Database(e) => IoError::Database(e),
        }
    }
}

/// What [`CountingReader`] fails with once the load is cancelled: a type, found again by
/// type wherever the read error surfaces.
#[derive(Debug, thiserror::Error)]
#[error("loading cancelled")]
pub struct LoadCancelled;

/// Whether a read failed because the load was cancelled.
pub fn is_cancelled(e: &std::io::Error) -> bool {
    e.get_ref().is_some_and(|inner| inner.is::<LoadCancelled>())
}

/// A read error: a cancellation, or the file's fault.
pub(crate) fn read_error(path: &str, e: &std::io::Error) -> IoError {
    if is_cancelled(e) {
        IoError::Cancelled {
            path: path.to_owned(),
        }
    } else {
        IoError::Unreadable {
            path: path.to_owned(),
            message: e.to_string(),
        }
    }
}

/// Counts the bytes read into the progress, and stops reading once cancelled.
pub struct CountingReader<'a, R> {
    inner: std::io::BufReader<R>,
    read: u64,
    total: u64,
    progress: &'a Progress,
}

impl<'a, R: std::io::Read> CountingReader<'a, R> {
    pub fn new(inner: R, total: u64, progress: &'a Progress) -> Self {
        Self {
            inner: std::io::BufReader::with_capacity(1 << 16, inner),
            read: 0,
            total,
            progress,
        }
    }
}

impl<R: std::io::Read> std::io::Read for CountingReader<'_, R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        if self.progress.cancelled() {
            // Not `Interrupted`: readers retry that one.
            return Err(std::io::Error::other(LoadCancelled));
        }
        let n = self.inner.read(buf)?;
        self.read += n as u64;
        self.progress.set(self.read, self.total);
        Ok(n)
    }
}
