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
//! (`stream.rs`).

mod connect;
mod credentials;
mod error;
mod query;
mod rows;
mod source;
mod stream;
mod summary;

pub use connect::connect;
pub use credentials::{password_for, remember_password};
pub use error::{PgError, classify};
pub use query::ident;
use query::{Envelope, Query, native_box};
use rows::Column;
pub use source::{PgSource, SslMode, TableName, UriError};
pub use stream::stream;
pub use summary::{EXACT_UP_TO, info, info_exact_up_to};

use super::crs::Crs;
use super::model::{Format, UserLayer};
use super::reproject::{self, Read, Rows, Skipped};
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
/// stopped) and without JIT compilation, which costs more than it saves on the simple
/// scans a reader asks for (a tenth of a second on each).
fn begin<'c>(
    client: &'c mut postgres::Client,
    uri: &str,
) -> Result<postgres::Transaction<'c>, IoError> {
    let pg = |e: postgres::Error| IoError::from(classify(uri, &e));
    let mut tx = client.transaction().map_err(pg)?;
    tx.batch_execute(&format!(
        "SET LOCAL statement_timeout = {STATEMENT_TIMEOUT_MS}; SET LOCAL jit = off"
    ))
    .map_err(pg)?;
    Ok(tx)
}

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
/// in pages; `progress` can cancel between pages.
pub fn read(
    client: &mut postgres::Client,
    source: &PgSource,
    view: Option<View>,
    cap: usize,
    progress: &Progress,
) -> Result<ViewRead, IoError> {
    let uri = source.uri();
    let pg = |e: postgres::Error| IoError::from(classify(&uri, &e));
    let table = find_table(client, source)?;
    let described = describe(client, &table, &uri)?;
    // A view is bounded in the table's own coordinates: by the atlas where it knows the
    // SRID (the server may not: PostGIS 3.3 has no EPSG:9215), else by the server.
    let envelope = match (view, &described.known) {
        (Some(v), Some(crs)) => Some(Envelope::Native(native_box(v, crs)?)),
        (Some(v), None) => Some(Envelope::Wgs84([v.west, v.south, v.east, v.north])),
        (None, _) => None,
    };
    let query = Query::new(
        &table,
        &described.columns,
        described.known.is_some(),
        described.geographic,
        view,
        envelope,
    );
    let mut tx = begin(client, &uri)?;
    let limit = i64::try_from(cap).unwrap_or(i64::MAX).saturating_add(1);
    let params = query.params(limit);
    let refs: Vec<&(dyn postgres::types::ToSql + Sync)> = params
        .iter()
        .map(|p| p as &(dyn postgres::types::ToSql + Sync))
        .collect();
    let portal = tx.bind(query.sql.as_str(), &refs).map_err(pg)?;
    let mut rows: Rows = Vec::new();
    let mut skipped = Skipped::default();
    let mut capped = false;
    let mut n = 0;
    loop {
        if progress.cancelled() {
            return Err(IoError::Cancelled { path: uri });
        }
        let page = tx.query_portal(&portal, PAGE).map_err(pg)?;
        if page.is_empty() {
            break;
        }
        for row in &page {
            if rows.len() >= cap {
                capped = true;
                break;
            }
            n += 1;
            rows.extend(rows::decode(row, &described.columns, n, &mut skipped));
        }
        progress.set(rows.len() as u64, cap as u64);
        if capped {
            break;
        }
    }
    drop(portal);
    let in_view = if capped {
        // The count of a view past its cap is a scan the planner runs in parallel workers;
        // for the window (a view), one server process: a server on the planner's own desk
        // then leaves a core to the window (`benches/postgis_frames.rs` measured frames
        // waiting for one while three server processes counted).
        if view.is_some() {
            let _ = tx.batch_execute("SET LOCAL max_parallel_workers_per_gather = 0");
        }
        let count = query.count_sql();
        let params = query.params(0);
        let refs: Vec<&(dyn postgres::types::ToSql + Sync)> = params
            .iter()
            .take(query.count_params)
            .map(|p| p as &(dyn postgres::types::ToSql + Sync))
            .collect();
        tx.query_one(count.as_str(), &refs).ok().map(|r| r.get(0))
    } else {
        None
    };
    let _ = tx.commit();
    let mut warnings = Vec::new();
    if capped {
        warnings.push(match in_view {
            Some(m) => format!("showing {cap} of {m} features in view: zoom in for the rest"),
            None => format!("showing the first {cap} features in view: zoom in for the rest"),
        });
    }
    let layer = reproject::finish(Read {
        path: uri,
        shown: None,
        format: Format::PostGis,
        what: "row",
        rows,
        fields: described.fields(),
        chosen: Some(described.crs()),
        skipped,
        warnings,
    })?;
    Ok(ViewRead {
        layer: layer.into_nfc(),
        capped,
        in_view,
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
