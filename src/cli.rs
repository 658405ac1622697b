//! The headless verbs, for scripts and tests: `info` prints what the loader understands of
//! a file as JSON, `convert` writes it reprojected to WGS 84 GeoJSON. Both use the viewer's
//! own loader (`sources`); for a database table `info` asks the server and `convert`
//! streams its rows.

use crate::sources::{self, Columns, Crs, GeoJsonWriter, IoError, Progress, Request};
use std::path::{Path, PathBuf};

/// A `--crs` argument the atlas cannot use.
#[derive(Clone, Debug, thiserror::Error, PartialEq)]
pub enum CrsArgError {
    #[error("{0}: give an EPSG code (e.g. EPSG:9215) or a PROJ string")]
    NotACode(String),
    #[error("EPSG:{0} is not one the atlas knows; give its PROJ string instead")]
    Unknown(u16),
}

/// A `--crs` argument: `EPSG:9215`, `9215`, or a PROJ string.
pub fn parse_crs(text: &str) -> Result<Crs, CrsArgError> {
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
        .map_err(|_| CrsArgError::NotACode(t.to_owned()))?;
    Crs::from_epsg(code).ok_or(CrsArgError::Unknown(code))
}

/// A `--columns` argument: `LON,LAT` (two column names), or one name of a WKT column.
pub fn parse_columns(text: &str) -> Columns {
    match text.split_once(',') {
        Some((x, y)) => Columns::LonLat(x.trim().to_owned(), y.trim().to_owned()),
        None => Columns::Wkt(text.trim().to_owned()),
    }
}

/// `info FILE`: the JSON description of the layer. A database table is described by the
/// server (counts, extent, types from SQL), never read row by row.
pub fn info(path: &Path, request: &Request) -> Result<String, IoError> {
    let info = if sources::is_database(path) {
        sources::postgis::info(&path.display().to_string())?
    } else {
        sources::open_request(path, request, &Progress::default())?.info()
    };
    Ok(serde_json::to_string_pretty(&info).unwrap_or_default())
}

/// Where `convert` writes until the output is whole: a hidden name beside `out`, renamed
/// to it at the end, so that nothing half-written ever stands under the name asked for,
/// even when the process is killed. A special file (a pipe, `/dev/stdout`) is written in
/// place.
fn partial_path(out: &Path) -> Option<PathBuf> {
    if std::fs::metadata(out).is_ok_and(|m| !m.is_file()) {
        return None;
    }
    let mut hidden = std::ffi::OsString::from(".");
    hidden.push(out.file_name()?);
    hidden.push(format!(".{}.partial", std::process::id()));
    Some(out.with_file_name(hidden))
}

/// `convert FILE OUT.geojson`: writes the layer in WGS 84, a feature at a time as it is
/// read (a shapefile or a database table is never held whole); returns a one-line
/// summary. A failed read leaves no partial output behind.
pub fn convert(path: &Path, request: &Request, out: &Path) -> Result<String, IoError> {
    let shown = out.display().to_string();
    let unwritable = |e: std::io::Error| IoError::Unwritable {
        path: shown.clone(),
        message: e.to_string(),
    };
    let partial = partial_path(out);
    let target = partial.as_deref().unwrap_or(out);
    // Created as `File::create` creates, with the user's umask.
    let file = std::fs::File::create(target).map_err(unwritable)?;
    let mut buffered = std::io::BufWriter::new(file);
    let streamed = GeoJsonWriter::start(&mut buffered)
        .map_err(unwritable)
        .and_then(|mut writer| {
            let progress = Progress::default();
            // A database counts rows, a file bytes.
            let unit = if sources::is_database(path) {
                "rows"
            } else {
                ""
            };
            let bar = TerminalProgress::new(&format!("{}", path.display()), unit);
            // Closed when the features are all streamed: the watcher ends at once.
            let (streaming, ended) = std::sync::mpsc::channel::<()>();
            // The reader reports bytes (or rows) read; a thread of its own shows them on a
            // terminal, ten times a second, while the features stream.
            let streamed = std::thread::scope(|scope| {
                let (shown, bar) = (&progress, &bar);
                let watcher = std::thread::Builder::new()
                    .name("convert-progress".into())
                    .spawn_scoped(scope, move || {
                        let tick = std::time::Duration::from_millis(100);
                        loop {
                            let (read, total) = shown.get();
                            bar.update(read, total);
                            match ended.recv_timeout(tick) {
                                Err(std::sync::mpsc::RecvTimeoutError::Timeout) => {}
                                Ok(()) | Err(std::sync::mpsc::RecvTimeoutError::Disconnected) => {
                                    break;
                                }
                            }
                        }
                    });
                let streamed =
                    sources::stream_request(path, request, &progress, &mut |fields, f| {
                        writer.feature(fields, &f).map_err(unwritable)
                    });
                drop(streaming);
                drop(watcher);
                streamed
            });
            bar.finish();
            let streamed = streamed?;
            writer.finish().map_err(unwritable)?;
            Ok(streamed)
        })
        .and_then(|streamed| {
            std::io::Write::flush(&mut buffered).map_err(unwritable)?;
            Ok(streamed)
        });
    drop(buffered);
    let streamed = match (streamed, &partial) {
        (Ok(s), Some(partial)) => match std::fs::rename(partial, out) {
            Ok(()) => s,
            Err(e) => {
                let _ = std::fs::remove_file(partial);
                return Err(unwritable(e));
            }
        },
        (Ok(s), None) => s,
        (Err(e), Some(partial)) => {
            let _ = std::fs::remove_file(partial);
            return Err(e);
        }
        (Err(e), None) => return Err(e),
    };
    Ok(format!(
        "{} features ({} skipped) from {} in {} → {} (WGS 84)",
        streamed.written,
        streamed.skipped,
        streamed.path,
        streamed.crs.name(),
        out.display()
    ))
}

/// The progress of a long headless verb (`video`, `pdf`, `convert`) on a terminal: done of
/// total with the time left, drawn on stderr and cleared at the end. Nothing at all when
/// stderr is not a terminal (a script, a pipe, a log), so the output stays as it was.
pub struct TerminalProgress(indicatif::ProgressBar);

impl TerminalProgress {
    /// A bar named `what`, counting `unit` ("frames", "pages"; empty for bytes).
    pub fn new(what: &str, unit: &str) -> Self {
        use std::io::IsTerminal;
        if !std::io::stderr().is_terminal() {
            return Self(indicatif::ProgressBar::hidden());
        }
        let counts = if unit.is_empty() {
            "{bytes}/{total_bytes}".to_owned()
        } else {
            format!("{{pos}}/{{len}} {unit}")
        };
        let template = format!("{{msg}} [{{bar:30}}] {counts}, {{eta}} left");
        let style = indicatif::ProgressStyle::with_template(&template)
            .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar())
            .progress_chars("=> ");
        let bar = indicatif::ProgressBar::new(0)
            .with_style(style)
            .with_message(what.to_owned());
        Self(bar)
    }

    /// `done` of `total` so far.
    pub fn update(&self, done: u64, total: u64) {
        self.0.set_length(total.max(done));
        self.0.set_position(done);
    }

    /// Clears the bar: the verb's own summary line follows.
    pub fn finish(&self) {
        self.0.finish_and_clear();
    }
}
