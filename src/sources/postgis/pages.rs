//! A view read a page at a time: each page of the portal decoded, brought to WGS 84 and
//! handed over as a layer of its own, so that the window can show the rows read so far
//! while the rest arrive (a whole view's read took 180 ms and its first page 130). The
//! pages put together with [`append`] are the layer an unpaged read gives, value for value:
//! the one-shot [`super::read`] is these pages appended.

use super::{Envelope, PgSource};
use super::{PAGE, Query, View, begin, classify, describe, find_table, native_box, rows};
use crate::sources::model::{Format, UserLayer, Value};
use crate::sources::reproject::{self, Rows, Skipped};
use crate::sources::{IoError, Progress};

/// How a paged read ended: what the layer says once every page is in.
#[derive(Debug, PartialEq)]
pub struct PagedEnd {
    /// The cap was reached before the view's last row.
    pub capped: bool,
    /// How many features the view holds, when capped (`None`: counting timed out).
    pub in_view: Option<i64>,
    /// Rows left out, and the layer's warnings (the cap first, then the skips).
    pub skipped: usize,
    pub warnings: Vec<String>,
}

/// Reads `source` (the whole table, or the features in `view`), at most `cap` features,
/// a page at a time: `on_page` gets each page's features in WGS 84 with the fields as the
/// rows so far type them, and is called at least once (an empty view is one empty page).
/// An error from `on_page` ends the read with it; `progress` can cancel between pages.
pub fn read_pages(
    client: &mut postgres::Client,
    source: &PgSource,
    view: Option<View>,
    cap: usize,
    progress: &Progress,
    on_page: &mut dyn FnMut(UserLayer) -> Result<(), IoError>,
) -> Result<PagedEnd, IoError> {
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
    let crs = described.crs();
    let mut fields = described.fields();
    let mut tx = begin(client, &uri)?;
    let limit = i64::try_from(cap).unwrap_or(i64::MAX).saturating_add(1);
    let params = query.params(limit);
    let refs: Vec<&(dyn postgres::types::ToSql + Sync)> = params
        .iter()
        .map(|p| p as &(dyn postgres::types::ToSql + Sync))
        .collect();
    let portal = tx.bind(query.sql.as_str(), &refs).map_err(pg)?;
    let mut skipped = Skipped::default();
    let (mut capped, mut n, mut kept, mut pages) = (false, 0, 0, 0);
    loop {
        if progress.cancelled() {
            return Err(IoError::Cancelled { path: uri });
        }
        let page = tx.query_portal(&portal, PAGE).map_err(pg)?;
        let mut rows: Rows = Vec::with_capacity(page.len());
        for row in &page {
            if kept >= cap {
                capped = true;
                break;
            }
            n += 1;
            if let Some(decoded) = rows::decode(row, &described.columns, n, &mut skipped) {
                rows.push(decoded);
                kept += 1;
            }
        }
        let last = page.is_empty() || capped;
        drop(page);
        if !rows.is_empty() || (last && pages == 0) {
            // Each field takes the kind the values so far hold, as the one-shot read's
            // end does over all of them ([`append`] brings earlier pages along).
            for (_, _, values) in &mut rows {
                values.resize(fields.len(), Value::Null);
                for (field, value) in fields.iter_mut().zip(values.iter()) {
                    field.kind = field.kind.widen(value.kind());
                }
            }
            // One reprojection set up a page, not a row.
            let features = reproject::to_wgs84(rows, &fields, &crs, "row", &uri, &mut skipped)?;
            let layer = UserLayer {
                path: uri.clone(),
                format: Format::PostGis,
                crs: crs.clone(),
                fields: fields.clone(),
                features,
                skipped: skipped.count,
                warnings: skipped.reasons.clone(),
            };
            on_page(layer.into_nfc())?;
            pages += 1;
        }
        progress.set(kept as u64, cap as u64);
        if last {
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
        tx.query_one(count.as_str(), &refs)
            .ok()
            .and_then(|r| r.try_get(0).ok())
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
    warnings.extend(skipped.reasons);
    Ok(PagedEnd {
        capped,
        in_view,
        skipped: skipped.count,
        warnings,
    })
}

/// Adds `page` to the end of `layer`. A page whose fields a later value widened (a date
/// column's `infinity` makes it text) brings the earlier rows' values to the wider kind,
/// as a read of all rows at once would have conformed them.
pub fn append(layer: &mut UserLayer, page: UserLayer) {
    let widened: Vec<(usize, crate::sources::FieldKind)> = layer
        .fields
        .iter()
        .zip(&page.fields)
        .enumerate()
        .filter(|(_, (was, now))| was.kind != now.kind)
        .map(|(i, (_, now))| (i, now.kind))
        .collect();
    if !widened.is_empty() {
        for feature in &mut layer.features {
            for &(i, kind) in &widened {
                if let Some(value) = feature.values.get_mut(i) {
                    *value = std::mem::replace(value, Value::Null).conform(kind);
                }
            }
        }
    }
    layer.fields = page.fields;
    layer.features.extend(page.features);
    layer.skipped = page.skipped;
    layer.warnings = page.warnings;
}

/// What a finished read says on the layer its pages made.
pub fn finish_pages(layer: &mut UserLayer, end: &PagedEnd) {
    layer.skipped = end.skipped;
    layer.warnings.clone_from(&end.warnings);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sources::model::{Field, FieldKind};
    use crate::sources::reproject::Read;

    /// A point row with a date column's value as the reader decodes it.
    fn row(n: usize, date: Value) -> (usize, Option<geo::Geometry<f64>>, Vec<Value>) {
        let point = geo::Point::new(106.7 + n as f64 * 0.01, 21.8);
        (n, Some(geo::Geometry::Point(point)), vec![date])
    }

    /// A page as `read_pages` makes it: the fields widened by the rows so far.
    fn page(rows: Rows, fields: &mut [Field], skipped: &mut Skipped) -> UserLayer {
        for (_, _, values) in &rows {
            for (field, value) in fields.iter_mut().zip(values) {
                field.kind = field.kind.widen(value.kind());
            }
        }
        let features = reproject::to_wgs84(
            rows,
            fields,
            &crate::sources::Crs::Wgs84,
            "row",
            "t",
            skipped,
        );
        UserLayer {
            path: "t".to_owned(),
            format: Format::PostGis,
            crs: crate::sources::Crs::Wgs84,
            fields: fields.to_vec(),
            features: features.unwrap_or_default(),
            skipped: skipped.count,
            warnings: skipped.reasons.clone(),
        }
    }

    #[test]
    fn pages_appended_give_the_layer_of_one_read_even_when_a_late_value_widens_a_field() {
        let date = |d: &str| Value::Date(d.to_owned());
        let all = vec![
            row(1, date("2024-05-01")),
            row(2, Value::Null),
            // A date column's `infinity` is no date: the column becomes text.
            row(3, Value::Text("infinity".to_owned())),
            row(4, date("2025-01-31")),
        ];
        let column = vec![Field {
            name: "ngay".to_owned(),
            kind: FieldKind::Date,
        }];
        let once = reproject::finish(Read {
            path: "t".to_owned(),
            shown: None,
            format: Format::PostGis,
            what: "row",
            rows: all.clone(),
            fields: column.clone(),
            chosen: Some(crate::sources::Crs::Wgs84),
            skipped: Skipped::default(),
            warnings: Vec::new(),
        });
        let Ok(once) = once else {
            panic!("the rows read at once");
        };
        let (mut fields, mut skipped) = (column, Skipped::default());
        let mut paged = page(all[..2].to_vec(), &mut fields, &mut skipped);
        assert_eq!(paged.fields[0].kind, FieldKind::Date, "the first page's");
        append(
            &mut paged,
            page(all[2..].to_vec(), &mut fields, &mut skipped),
        );
        assert_eq!(paged.fields, once.fields);
        assert_eq!(paged.fields[0].kind, FieldKind::Text);
        assert_eq!(paged.features, once.features);
        assert_eq!(
            paged.features[0].values,
            vec![Value::Text("2024-05-01".to_owned())],
            "the first page's date is text as the column now is"
        );
        assert_eq!((paged.skipped, &paged.warnings), (0, &Vec::new()));
    }
}
