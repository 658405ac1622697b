//! Why a PostGIS source could not be read, in words: the kinds the reader acts on
//! (unreachable, a password refused or missing, no PostGIS, no table, a timeout, a lost
//! connection), told apart by the server's SQLSTATE code, else the server's own message.

use super::STATEMENT_TIMEOUT_MS;

/// Why a PostGIS source could not be read, in words.
#[derive(Clone, Debug, thiserror::Error, PartialEq)]
pub enum PgError {
    #[error("{uri}: the server cannot be reached: {why}")]
    Unreachable { uri: String, why: String },
    #[error("{uri}: the server refused the user name or password: {why}")]
    Password { uri: String, why: String },
    #[error("{uri}: a password is needed (type it, or set PGPASSWORD or ~/.pgpass)")]
    NeedsPassword { uri: String },
    #[error("{uri}: the database has no PostGIS (CREATE EXTENSION postgis)")]
    NoPostgis { uri: String },
    #[error("{uri}: no table or view {table} with a geometry column")]
    NoTable { uri: String, table: String },
    #[error("{uri}: {table} has SRID {srid}, which neither the atlas nor the server knows")]
    UnknownSrid {
        uri: String,
        table: String,
        srid: i32,
    },
    #[error("{uri}: the query took longer than {STATEMENT_TIMEOUT_MS} ms and was stopped")]
    Timeout { uri: String },
    #[error("{uri}: the connection to the server was lost: {why}")]
    Lost { uri: String, why: String },
    #[error("{uri}: {why}")]
    Query { uri: String, why: String },
}

impl PgError {
    /// The source the fault is about, as shown (no password).
    pub fn uri(&self) -> &str {
        match self {
            PgError::Unreachable { uri, .. }
            | PgError::Password { uri, .. }
            | PgError::NeedsPassword { uri }
            | PgError::NoPostgis { uri }
            | PgError::NoTable { uri, .. }
            | PgError::UnknownSrid { uri, .. }
            | PgError::Timeout { uri }
            | PgError::Lost { uri, .. }
            | PgError::Query { uri, .. } => uri,
        }
    }
}

/// A server error in words: the kinds the reader acts on, else the server's own message.
pub fn classify(uri: &str, e: &postgres::Error) -> PgError {
    let uri = uri.to_owned();
    use postgres::error::SqlState;
    if let Some(db) = e.as_db_error() {
        let code = db.code();
        let why = db.message().to_owned();
        return if [
            SqlState::INVALID_PASSWORD,
            SqlState::INVALID_AUTHORIZATION_SPECIFICATION,
        ]
        .contains(code)
        {
            PgError::Password { uri, why }
        } else if *code == SqlState::QUERY_CANCELED {
            PgError::Timeout { uri }
        } else if [
            // The server shutting down, crashing or stopped by its administrator: the
            // session is gone, whatever words it said on the way out.
            SqlState::ADMIN_SHUTDOWN,
            SqlState::CRASH_SHUTDOWN,
            SqlState::CANNOT_CONNECT_NOW,
        ]
        .contains(code)
        {
            PgError::Lost { uri, why }
        } else if *code == SqlState::UNDEFINED_FUNCTION && why.to_lowercase().contains("st_") {
            // A PostGIS function missing: the extension is not in this database.
            PgError::NoPostgis { uri }
        } else {
            PgError::Query { uri, why }
        };
    }
    if e.is_closed() {
        PgError::Lost {
            uri,
            why: e.to_string(),
        }
    } else if password_missing(e) {
        PgError::NeedsPassword { uri }
    } else {
        PgError::Unreachable {
            uri,
            why: e.to_string(),
        }
    }
}

/// The server asked for a password and the client had none to give. The driver says so
/// only as a configuration error whose cause reads "password missing" (it has no code: no
/// server error was sent), so that cause is what is looked at, not the whole message.
fn password_missing(e: &postgres::Error) -> bool {
    std::error::Error::source(e).is_some_and(|cause| cause.to_string() == "password missing")
}
