//! PostGIS tables and views as layers, read the way QGIS reads them: the tables with a
//! geometry column listed from `geometry_columns`; for a view of the map, one query bounded
//! by it (`geom && envelope`, so the GiST index is used), simplified on the server to the
//! view's scale, read in pages from a portal, capped. Identifiers are quoted, values bound
//! as parameters: no text of the user's is pasted into SQL. Geometry comes as WKB in the
//! table's own SRID and goes through the same reprojection as every file (so a VN-2000
//! table lands where the same shapefile does); an SRID the atlas does not know is
//! transformed to WGS 84 on the server. Curves are linearised on the server. The headless
//! verbs let the database do the database's work: `info` is a few aggregates
//! (`summary.rs`), `convert` a stream of pages from a portal, each written and dropped
//! (`stream.rs`). The window gets a view a page at a time (`pages.rs`).

mod connect;
mod credentials;
mod error;
mod pages;
mod query;
mod rows;
mod source;
mod stream;
mod summary;

pub use connect::connect;
pub use credentials::{password_for, remember_password};
pub use error::{PgError, classify};
pub use pages::{PagedEnd, append, finish_pages, read_pages};
pub use query::ident;
use query::{Envelope, Query, native_box};
use rows::Column;
pub use source::{PgSource, SslMode, TableName, UriError};
pub use stream::stream;
pub use summary::{EXACT_UP_TO, info, info_exact_up_to};

use super::crs::Crs;
use super::model::UserLayer;
use super::{IoError, Progress};

/// Rows fetched from the portal at a time.
pub const PAGE: i32 = 2_000;
/// Features read for one view at most; past it the layer says how many the view holds.
pub const VIEW_CAP: usize = 50_000;
/// Milliseconds a query may run before the server stops it.
pub const STATEMENT_TIMEOUT_MS: u32 = 30_000;

/// Reads the table a `postgresql://` URI names, whole (up to [`WHOLE_CAP`] rows), or the
/// features in `view`, into memory (`info` asks the server instead, and `convert` streams:
/// [`info`], [`stream`]).
pub fn open_uri(uri: &str, view: Option<View>, progress: &Progress) -> Result<UserLayer, IoError> {
    open_uri_capped(
        uri,
        view,
        if view.is_some() { VIEW_CAP } else { WHOLE_CAP },
        progress,
    )
}

/// [`open_uri`] with at most `cap` features: the window never reads more than a view's
/// worth, even before it knows its view.
pub fn open_uri_capped(
    uri: &str,
    view: Option<View>,
    cap: usize,
    progress: &Progress,
) -> Result<UserLayer, IoError> {
    let (source, mut client) = connect_uri(uri)?;
    read(&mut client, &source, view, cap, progress).map(|r| r.layer)
}

/// [`open_uri_capped`] a page at a time: each page goes to `on_page` as it is read (see
/// [`read_pages`]), and what the layer says at the end comes back.
pub fn open_uri_pages(
    uri: &str,
    view: Option<View>,
    cap: usize,
    progress: &Progress,
    on_page: &mut dyn FnMut(UserLayer) -> Result<(), IoError>,
) -> Result<PagedEnd, IoError> {
    let (source, mut client) = connect_uri(uri)?;
    read_pages(&mut client, &source, view, cap, progress, on_page)
}

/// The source a `postgresql://` URI names, connected with the password it gives, one
/// typed in this run, `PGPASSWORD` or `~/.pgpass`.
fn connect_uri(uri: &str) -> Result<(PgSource, postgres::Client), IoError> {
    let (source, given) = PgSource::parse(uri).map_err(|e| IoError::Invalid {
        path: e.uri.clone(),
        message: e.why,
    })?;
    let password = password_for(&source, given.as_deref());
    let client = connect(&source, password.as_deref())?;
    Ok((source, client))
}

/// A transaction with the statement timeout (a query that would hold a reader forever is
/// stopped), a limit on its idle time (a window that stops taking a view's pages, while
/// its reader waits with the portal open, lets the server end the session rather than
/// hold back its vacuum; the layer then says the read failed and reads again at the next
/// view), and without JIT compilation, which costs more than it saves on the simple scans
/// a reader asks for (a tenth of a second on each).
fn begin<'c>(
    client: &'c mut postgres::Client,
    uri: &str,
) -> Result<postgres::Transaction<'c>, IoError> {
    let pg = |e: postgres::Error| IoError::from(classify(uri, &e));
    let mut tx = client.transaction().map_err(pg)?;
    tx.batch_execute(&format!(
        "SET LOCAL statement_timeout = {STATEMENT_TIMEOUT_MS}; \
         SET LOCAL idle_in_transaction_session_timeout = {IDLE_TIMEOUT_MS}; SET LOCAL jit = off"
    ))
    .map_err(pg)?;
    Ok(tx)
}

/// Milliseconds a reader's transaction may stay idle (five minutes).
const IDLE_TIMEOUT_MS: u64 = 300_000;

/// Rows read of a table at most when no view bounds it.
pub const WHOLE_CAP: usize = 2_000_000;

/// A table with a geometry column, as `geometry_columns` lists it.
#[derive(Clone, Debug, PartialEq)]
pub struct GeoTable {
    pub table: TableName,
    pub column: String,
    pub geometry_type: String,
    pub srid: i32,
    /// The planner's estimate (`pg_class.reltuples`); -1 before the first ANALYZE.
    pub estimated_rows: i64,
}

/// Every table and view with a geometry (or geography) column the user can see.
pub fn tables(client: &mut postgres::Client, uri: &str) -> Result<Vec<GeoTable>, PgError> {
    let has_postgis = client
        .query_opt("SELECT 1 FROM pg_extension WHERE extname = 'postgis'", &[])
        .map_err(|e| classify(uri, &e))?;
    if has_postgis.is_none() {
        return Err(PgError::NoPostgis {
            uri: uri.to_owned(),
        });
    }
    let rows = client
        .query(
            "SELECT g.f_table_schema::text, g.f_table_name::text, g.f_geometry_column::text, \
                    g.type::text, g.srid, COALESCE(c.reltuples, -1)::bigint \
             FROM geometry_columns g \
             LEFT JOIN pg_namespace n ON n.nspname = g.f_table_schema \
             LEFT JOIN pg_class c ON c.relnamespace = n.oid AND c.relname = g.f_table_name \
             UNION ALL \
             SELECT g.f_table_schema::text, g.f_table_name::text, g.f_geography_column::text, \
                    g.type::text, g.srid, COALESCE(c.reltuples, -1)::bigint \
             FROM geography_columns g \
             LEFT JOIN pg_namespace n ON n.nspname = g.f_table_schema \
             LEFT JOIN pg_class c ON c.relnamespace = n.oid AND c.relname = g.f_table_name \
             ORDER BY 1, 2, 3",
            &[],
        )
        .map_err(|e| classify(uri, &e))?;
    Ok(rows
        .iter()
        .map(|r| GeoTable {
            table: TableName {
                schema: r.get(0),
                name: r.get(1),
            },
            column: r.get(2),
            geometry_type: r.get(3),
            srid: r.get(4),
            estimated_rows: r.get(5),
        })
        .collect())
}

/// The part of the map a read is for: a lon/lat box and the map's metres per point.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct View {
    pub west: f64,
    pub south: f64,
    pub east: f64,
    pub north: f64,
    pub metres_per_point: f64,
}

/// What a read of one view brought: the layer, and how many features the view holds
/// when the cap was reached (`None`: all of them were read, or counting timed out).
#[derive(Debug)]
pub struct ViewRead {
    pub layer: UserLayer,
    pub capped: bool,
    pub in_view: Option<i64>,
}

/// The row of `geometry_columns` (or `geography_columns`) for `source`'s table and column.
fn find_table(client: &mut postgres::Client, source: &PgSource) -> Result<GeoTable, IoError> {
    let uri = source.uri();
    let all = tables(client, &uri)?;
    all.into_iter()
        .find(|t| t.table == source.table && source.column.as_ref().is_none_or(|c| *c == t.column))
        .ok_or_else(|| {
            PgError::NoTable {
                uri,
                table: source.table.to_string(),
            }
            .into()
        })
}

/// Reads `source` (the whole table, or the features in `view`), at most `cap` features,
/// in pages put together into one layer; `progress` can cancel between pages.
pub fn read(
    client: &mut postgres::Client,
    source: &PgSource,
    view: Option<View>,
    cap: usize,
    progress: &Progress,
) -> Result<ViewRead, IoError> {
    let mut layer: Option<UserLayer> = None;
    let end = read_pages(client, source, view, cap, progress, &mut |page| {
        match &mut layer {
            Some(layer) => append(layer, page),
            None => layer = Some(page),
        }
        Ok(())
    })?;
    let Some(mut layer) = layer else {
        // `read_pages` hands over one page at least; a read without one read nothing.
        return Err(IoError::Invalid {
            path: source.uri(),
            message: "the server gave no page of rows".to_owned(),
        });
    };
    finish_pages(&mut layer, &end);
    Ok(ViewRead {
        layer,
        capped: end.capped,
        in_view: end.in_view,
    })
}

/// What a read needs to know of a table besides its row in `geometry_columns`.
struct Described {
    /// Its CRS where the atlas knows it; `None`: the server transforms it to WGS 84.
    known: Option<Crs>,
    /// Whether its coordinates are degrees.
    geographic: bool,
    /// Its columns besides the geometry, in table order.
    columns: Vec<Column>,
}

impl Described {
    /// The CRS rows arrive in: the table's own, or WGS 84 where the server transforms.
    fn crs(&self) -> Crs {
        self.known.clone().unwrap_or(Crs::Wgs84)
    }

    fn fields(&self) -> Vec<super::model::Field> {
        self.columns.iter().map(Column::field).collect()
    }
}

/// Asks the catalogue what a read needs to know of `table`.
fn describe(
    client: &mut postgres::Client,
    table: &GeoTable,
    uri: &str,
) -> Result<Described, IoError> {
    let pg = |e: postgres::Error| IoError::from(classify(uri, &e));
    // SRID 0 (none stated) is read as longitude/latitude, as a file naming no CRS is.
    let known = match table.srid {
        0 => Some(Crs::Wgs84),
        srid => u16::try_from(srid).ok().and_then(Crs::from_epsg),
    };
    // Whether the server knows the SRID, and whether it is in degrees.
    let server: Option<bool> = client
        .query_opt(
            "SELECT proj4text LIKE '%longlat%' OR srtext LIKE 'GEOGCS%' \
             FROM spatial_ref_sys WHERE srid = $1",
            &[&table.srid],
        )
        .map_err(pg)?
        .map(|r| r.get(0));
    if known.is_none() && server.is_none() {
        return Err(PgError::UnknownSrid {
            uri: uri.to_owned(),
            table: table.table.to_string(),
            srid: table.srid,
        }
        .into());
    }
    let columns = client
        .query(
            "SELECT column_name::text, udt_name::text FROM information_schema.columns \
             WHERE table_schema = $1 AND table_name = $2 AND column_name <> $3 \
             ORDER BY ordinal_position",
            &[&table.table.schema, &table.table.name, &table.column],
        )
        .map_err(pg)?
        .iter()
        .map(|r| Column::new(r.get(0), r.get::<_, &str>(1)))
        .collect();
    let geographic = known
        .as_ref()
        .map_or(server.unwrap_or(false), Crs::is_geographic);
    Ok(Described {
        known,
        geographic,
        columns,
    })
}

#[cfg(test)]
#[path = "postgis_tests.rs"]
mod tests;
