//! Where a PMTiles archive is (a file or a URL) and what can go wrong reading it, in words
//! a reader can act on.

use pmtiles::PmtError;
use std::path::PathBuf;
use std::time::Duration;

/// How long a web server may take to answer one request.
pub const REQUEST_TIMEOUT: Duration = Duration::from_secs(10);

/// Where an archive is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Archive {
    File(PathBuf),
    Url(String),
}

impl Archive {
    /// A `--basemap` argument: a URL (`http://`, `https://`) or a file.
    pub fn from_arg(arg: &std::path::Path) -> Archive {
        match arg.to_str() {
            Some(s) if s.starts_with("http://") || s.starts_with("https://") => {
                Archive::Url(s.to_owned())
            }
            _ => Archive::File(arg.to_path_buf()),
        }
    }

    pub fn shown(&self) -> String {
        match self {
            Archive::File(p) => p.display().to_string(),
            Archive::Url(u) => u.clone(),
        }
    }
}

/// What went wrong with an archive, in words a reader can act on.
#[derive(Clone, Debug, PartialEq, thiserror::Error)]
pub enum ArchiveProblem {
    #[error("{0}: the server ignores Range requests, so the archive cannot be read in parts")]
    IgnoresRange(String),
    #[error("{0}: the server answered HTTP {1}")]
    Http(String, u16),
    #[error("{0}: the server did not answer within {REQUEST_TIMEOUT:?}")]
    Slow(String),
    #[error("{0}: not a PMTiles v3 archive")]
    NotPmTiles(String),
    #[error("{0}: holds tiles of an unknown kind; PNG, JPEG, WebP and MVT archives are drawn")]
    Unsupported(String),
    #[error("{0}: {1}")]
    Other(String, String),
}

#[expect(
    clippy::wildcard_enum_match_arm,
    reason = "PmtError's variants follow the crate's features; the faults not named are said in its words"
)]
pub(super) fn problem(shown: &str, e: &PmtError) -> ArchiveProblem {
    let s = shown.to_owned();
    match e {
        PmtError::RangeRequestsUnsupported => ArchiveProblem::IgnoresRange(s),
        PmtError::InvalidMagicNumber | PmtError::InvalidHeader => ArchiveProblem::NotPmTiles(s),
        PmtError::Http(r) if r.is_timeout() => ArchiveProblem::Slow(s),
        PmtError::Http(r) => match r.status() {
            Some(status) => ArchiveProblem::Http(s, status.as_u16()),
            None => ArchiveProblem::Other(s, r.to_string()),
        },
        other => ArchiveProblem::Other(s, other.to_string()),
    }
}

impl ArchiveProblem {
    /// Whether asking again cannot help (the archive or the server is not what it must be).
    pub(super) fn lasting(&self) -> bool {
        match self {
            ArchiveProblem::IgnoresRange(_)
            | ArchiveProblem::NotPmTiles(_)
            | ArchiveProblem::Unsupported(_) => true,
            ArchiveProblem::Http(_, code) => matches!(code, 401 | 403 | 404 | 410),
            ArchiveProblem::Slow(_) | ArchiveProblem::Other(..) => false,
        }
    }
}
