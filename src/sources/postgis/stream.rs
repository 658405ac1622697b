//! `convert` of a table: the rows come from a portal in pages, each page decoded,
//! reprojected, handed to the sink and dropped, so memory stays flat whatever the table's
//! size, as a shapefile's stream does.

use super::{PAGE, Query, begin, classify, connect_uri, describe, find_table, rows};
use crate::sources::model::Streamed;
use crate::sources::reproject::{self, Skipped};
use crate::sources::{IoError, Progress, Sink};

/// Reads the table a `postgresql://` URI names a page at a time into `sink`, in WGS 84.
/// Rows without geometry (NULL or empty) and rows that cannot be read are skipped and
/// counted, as `info` counts them. `progress` counts rows against the planner's estimate
/// and can cancel between pages.
pub fn stream(uri: &str, progress: &Progress, sink: &mut Sink<'_>) -> Result<Streamed, IoError> {
    let (source, mut client) = connect_uri(uri)?;
    let uri = source.uri();
    let pg = |e: postgres::Error| IoError::from(classify(&uri, &e));
    let table = find_table(&mut client, &source)?;
    let described = describe(&mut client, &table, &uri)?;
    let crs = described.crs();
    let fields = described.fields();
    let query = Query::new(
        &table,
        &described.columns,
        described.known.is_some(),
        described.geographic,
        None,
        None,
    );
    let estimate = u64::try_from(table.estimated_rows).unwrap_or(0);
    let mut tx = begin(&mut client, &uri)?;
    let params = query.params(i64::MAX);
    let refs: Vec<&(dyn postgres::types::ToSql + Sync)> = params
        .iter()
        .map(|p| p as &(dyn postgres::types::ToSql + Sync))
        .collect();
    let portal = tx.bind(query.sql.as_str(), &refs).map_err(pg)?;
    let mut skipped = Skipped::default();
    let (mut n, mut written) = (0, 0);
    loop {
        if progress.cancelled() {
            return Err(IoError::Cancelled { path: uri });
        }
        let page = tx.query_portal(&portal, PAGE).map_err(pg)?;
        if page.is_empty() {
            break;
        }
        let mut rows = Vec::with_capacity(page.len());
        for row in &page {
            n += 1;
            rows.extend(rows::decode(row, &described.columns, n, &mut skipped));
        }
        drop(page);
        // One reprojection set up a page, not a row.
        let features = reproject::to_wgs84(rows, &fields, &crs, "row", &uri, &mut skipped)?;
        for feature in features {
            sink(&fields, feature)?;
            written += 1;
        }
        progress.set(n as u64, estimate.max(n as u64));
    }
    drop(portal);
    // A read-only transaction: its end cannot lose anything.
    let _ = tx.commit();
    Ok(Streamed {
        path: uri,
        crs,
        fields,
        written,
        skipped: skipped.count,
        warnings: skipped.reasons,
    })
}
