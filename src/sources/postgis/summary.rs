//! `info` of a table, asked of the server rather than read row by row: one pass of
//! aggregates gives the count, the extent, the geometry types, the vertices and what a read
//! would skip (NULL, empty, unreadable geometries, coordinates out of range); the columns
//! come from the catalogue. Past [`EXACT_UP_TO`] rows (the planner's estimate) the figures
//! are the planner's and a sample's, and the JSON says which are estimates. The JSON has
//! the shape `UserLayer::info` gives a file.

use super::query::{linear, may_curve};
use super::{
    Described, GeoTable, begin, classify, connect_uri, describe, find_table, ident, rows::Column,
};
use crate::sources::IoError;
use crate::sources::model::Format;

// A table's extent in WGS 84: the planner's, or its boundary reprojected on the server.
#[path = "summary_extent.rs"]
mod extent;

/// Rows (by the planner's estimate) up to which `info` counts exactly; past it a full scan
/// would take seconds a table, so the figures are estimated and said to be.
pub const EXACT_UP_TO: i64 = 5_000_000;

/// Rows a sample reads for the estimates past [`EXACT_UP_TO`].
const SAMPLE_ROWS: f64 = 100_000.0;

/// What `langson-atlas info` prints of the table a `postgresql://` URI names.
pub fn info(uri: &str) -> Result<serde_json::Value, IoError> {
    info_exact_up_to(uri, EXACT_UP_TO)
}

/// [`info`], counting exactly up to `exact_up_to` rows by the planner's estimate.
pub fn info_exact_up_to(uri: &str, exact_up_to: i64) -> Result<serde_json::Value, IoError> {
    let (source, mut client) = connect_uri(uri)?;
    let uri = source.uri();
    let table = find_table(&mut client, &source)?;
    let described = describe(&mut client, &table, &uri)?;
    let mut tx = begin(&mut client, &uri)?;
    let sql = Sql::new(&table, &described);
    let mut estimated: Vec<&str> = Vec::new();
    let sampled = if table.estimated_rows > exact_up_to {
        sql.sample(&mut tx, &uri, table.estimated_rows)?
    } else {
        None
    };
    let (tally, box_native) = match sampled {
        Some(tally) => {
            estimated.extend(["features", "skipped", "vertices", "bbox_wgs84"]);
            if matches!(sql.declared, Declared::Generic) {
                estimated.push("geometry_types");
            }
            let box_native = sql.estimated_extent(&mut tx).or(tally.extent);
            (tally, box_native)
        }
        None => {
            let tally = sql.exact(&mut tx, &uri)?;
            let box_native = tally.extent;
            (tally, box_native)
        }
    };
    let bbox = match box_native {
        None => None,
        Some(b) if estimated.is_empty() => {
            Some(sql.wgs84_extent(&mut tx, &uri, b, tally.outside > 0)?)
        }
        Some(b) => Some(sql.boundary_extent(&mut tx, &uri, b)?),
    };
    let _ = tx.commit();
    let fields: Vec<serde_json::Value> = described
        .columns
        .iter()
        .map(Column::field)
        .map(|f| serde_json::json!({"name": f.name, "type": f.kind.name()}))
        .collect();
    let mut info = serde_json::json!({
        "file": uri,
        "format": Format::PostGis.name(),
        "crs": described.crs().name(),
        "features": tally.features(),
        "skipped": tally.skipped(),
        "geometry_types": sql.declared.names(tally.types),
        "fields": fields,
        "bbox_wgs84": bbox.map(|b| serde_json::json!(b)),
        "vertices": tally.vertices,
        "warnings": tally.warnings(),
    });
    if !estimated.is_empty() {
        info["estimated"] = serde_json::json!(estimated);
    }
    Ok(info)
}

/// What the column's declaration says of its geometry types.
enum Declared {
    /// One type (after linearising): no need to ask the rows.
    One(&'static str),
    /// Any type: the rows say which (`GEOMETRY`, and the abstract `CURVE`, `SURFACE`).
    Generic,
    /// A type the atlas does not read (TIN, triangles, polyhedral surfaces).
    Unreadable,
}

/// The linear types a read can give, as the bits of `Sql::type_bit`, with their names as
/// `UserLayer::geometry_types` writes them (in its order).
const TYPES: [(&str, &str, i64); 7] = [
    ("ST_GeometryCollection", "GeometryCollection", 64),
    ("ST_LineString", "LineString", 2),
    ("ST_MultiLineString", "MultiLineString", 16),
    ("ST_MultiPoint", "MultiPoint", 8),
    ("ST_MultiPolygon", "MultiPolygon", 32),
    ("ST_Point", "Point", 1),
    ("ST_Polygon", "Polygon", 4),
];

/// The types the WKB reader has no shape for.
const UNREADABLE: &str = "('ST_Tin', 'ST_Triangle', 'ST_PolyhedralSurface')";

impl Declared {
    fn of(declared: &str) -> Declared {
        let t = declared.to_ascii_uppercase();
        let t = t.trim_end_matches('M').trim_end_matches('Z');
        match t {
            "POINT" => Declared::One("Point"),
            "LINESTRING" | "CIRCULARSTRING" | "COMPOUNDCURVE" => Declared::One("LineString"),
            "POLYGON" | "CURVEPOLYGON" => Declared::One("Polygon"),
            "MULTIPOINT" => Declared::One("MultiPoint"),
            "MULTILINESTRING" | "MULTICURVE" => Declared::One("MultiLineString"),
            "MULTIPOLYGON" | "MULTISURFACE" => Declared::One("MultiPolygon"),
            "GEOMETRYCOLLECTION" => Declared::One("GeometryCollection"),
            "TIN" | "TRIANGLE" | "POLYHEDRALSURFACE" => Declared::Unreadable,
            _ => Declared::Generic,
        }
    }

    /// The names of the types present: `bits` from the rows where the declaration does not
    /// say.
    fn names(&self, bits: Option<i64>) -> Vec<&'static str> {
        match (self, bits) {
            (_, None) | (Declared::Unreadable, _) => Vec::new(),
            (Declared::One(name), Some(_)) => vec![name],
            (Declared::Generic, Some(bits)) => TYPES
                .iter()
                .filter(|(_, _, bit)| bits & bit != 0)
                .map(|(_, name, _)| *name)
                .collect(),
        }
    }
}

/// What the aggregates found (of a sample, scaled to the table, past [`EXACT_UP_TO`]).
struct Tally {
    rows: i64,
    nulls: i64,
    empties: i64,
    unreadable: i64,
    /// Coordinates that are not finite numbers, or beyond ±180°/±90° in degrees.
    outside: i64,
    /// The table's coordinates, of the rows a read keeps.
    extent: Option<[f64; 4]>,
    vertices: i64,
    /// `Sql::type_bit`s of the rows a read keeps; `None` when it keeps none.
    types: Option<i64>,
}

impl Tally {
    fn skipped(&self) -> i64 {
        self.nulls + self.empties + self.unreadable + self.outside
    }

    fn features(&self) -> i64 {
        (self.rows - self.skipped()).max(0)
    }

    /// The skips in words, as a read says them (a read also names the first rows).
    fn warnings(&self) -> Vec<String> {
        [
            (self.nulls, "without geometry (NULL)"),
            (self.empties, "with an empty geometry"),
            (
                self.unreadable,
                "of a type the atlas does not read (TIN, Triangle, PolyhedralSurface)",
            ),
            (
                self.outside,
                "with coordinates that are not finite numbers or not longitudes/latitudes",
            ),
        ]
        .into_iter()
        .filter(|(n, _)| *n > 0)
        .map(|(n, what)| {
            let rows = if n == 1 { "row" } else { "rows" };
            format!("{n} {rows} {what}: skipped")
        })
        .collect()
    }
}

/// The SQL of a table's aggregates.
struct Sql<'t> {
    from: String,
    /// The geometry as geometry (a geography column cast).
    g: String,
    /// The geometry with its curves linearised, as a read gets it.
    x: String,
    declared: Declared,
    described: &'t Described,
    table: &'t GeoTable,
}

impl<'t> Sql<'t> {
    fn new(table: &'t GeoTable, described: &'t Described) -> Sql<'t> {
        let g = format!("{}::geometry", ident(&table.column));
        let x = if may_curve(&table.geometry_type) {
            linear(&g)
        } else {
            g.clone()
        };
        Sql {
            from: format!(
                "{}.{}",
                ident(&table.table.schema),
                ident(&table.table.name)
            ),
            g,
            x,
            declared: Declared::of(&table.geometry_type),
            described,
            table,
        }
    }

    /// Whether a row's geometry can be read, as SQL: not NULL, not empty, of a readable
    /// type (asked of the rows only where the declaration allows another).
    fn readable(&self) -> String {
        let g = &self.g;
        match self.declared {
            Declared::One(_) => format!("NOT ST_IsEmpty({g})"),
            Declared::Generic => {
                format!("NOT ST_IsEmpty({g}) AND ST_GeometryType({g}) NOT IN {UNREADABLE}")
            }
            Declared::Unreadable => "false".to_owned(),
        }
    }

    /// Whether a readable row's coordinates are numbers a read keeps, as SQL (NaN sorts
    /// above every number in PostgreSQL, so it fails these comparisons).
    fn inside(&self) -> String {
        let x = &self.x;
        if self.described.geographic {
            format!(
                "ST_XMin({x}) >= -180 AND ST_XMax({x}) <= 180 \
                 AND ST_YMin({x}) >= -90 AND ST_YMax({x}) <= 90"
            )
        } else {
            format!(
                "ST_XMin({x}) > '-Infinity'::float8 AND ST_XMax({x}) < 'Infinity'::float8 \
                 AND ST_YMin({x}) > '-Infinity'::float8 AND ST_YMax({x}) < 'Infinity'::float8"
            )
        }
    }

    /// The type of a kept row as a bit of [`TYPES`].
    fn type_bit(&self) -> String {
        let cases: String = TYPES
            .iter()
            .map(|(st, _, bit)| format!(" WHEN '{st}' THEN {bit}"))
            .collect();
        format!("CASE ST_GeometryType({}){cases} ELSE 0 END", self.x)
    }

    /// The aggregates over `from` (the table, or a sample of it); `checked`: whether rows
    /// out of range are looked for (a second pass, only when the extent says there are).
    fn aggregates(&self, from: &str, checked: bool) -> String {
        let (g, x) = (&self.g, &self.x);
        if let (Declared::One(one), false) = (&self.declared, checked) {
            return self.plain_aggregates(from, one);
        }
        let readable = self.readable();
        let (kept, outside) = if checked {
            let inside = self.inside();
            (
                format!("{readable} AND {inside}"),
                format!("count(*) FILTER (WHERE {readable} AND NOT ({inside}))"),
            )
        } else {
            (readable.clone(), "0".to_owned())
        };
        let unreadable = match self.declared {
            Declared::One(_) => "0".to_owned(),
            Declared::Generic => format!(
                "count(*) FILTER (WHERE NOT ST_IsEmpty({g}) AND ST_GeometryType({g}) IN {UNREADABLE})"
            ),
            Declared::Unreadable => format!("count(*) FILTER (WHERE NOT ST_IsEmpty({g}))"),
        };
        let types = match self.declared {
            Declared::Generic => self.type_bit(),
            Declared::One(_) | Declared::Unreadable => "1".to_owned(),
        };
        format!(
            "SELECT n, nulls, empties, unreadable, outside, \
                    ST_XMin(e), ST_YMin(e), ST_XMax(e), ST_YMax(e), v, t \
             FROM (SELECT count(*)::int8 AS n, \
                          count(*) FILTER (WHERE {g} IS NULL)::int8 AS nulls, \
                          count(*) FILTER (WHERE ST_IsEmpty({g}))::int8 AS empties, \
                          ({unreadable})::int8 AS unreadable, \
                          ({outside})::int8 AS outside, \
                          ST_Extent({x}) FILTER (WHERE {kept}) AS e, \
                          sum(ST_NPoints({x})) FILTER (WHERE {kept})::int8 AS v, \
                          bit_or({types}) FILTER (WHERE {kept})::int8 AS t \
                   FROM {from}) a"
        )
    }

    /// [`Sql::aggregates`] of a column of `one` type, where every row a read skips is NULL
    /// or empty: the kept rows are the rest, so no aggregate needs a filter of its own
    /// (each costs a tenth of a second on a million rows). An empty geometry adds nothing
    /// to the extent or the vertices.
    fn plain_aggregates(&self, from: &str, one: &str) -> String {
        let (g, x) = (&self.g, &self.x);
        // A point is one vertex: no need to count them one by one.
        let vertices = if one == "Point" {
            "present - empties".to_owned()
        } else {
            "v".to_owned()
        };
        let v = if one == "Point" {
            "NULL::int8".to_owned()
        } else {
            format!("sum(ST_NPoints({x}))::int8")
        };
        format!(
            "SELECT n, n - present, empties, 0::int8, 0::int8, \
                    ST_XMin(e), ST_YMin(e), ST_XMax(e), ST_YMax(e), {vertices}, \
                    CASE WHEN present > empties THEN 1::int8 END \
             FROM (SELECT count(*)::int8 AS n, count({g})::int8 AS present, \
                          count(*) FILTER (WHERE ST_IsEmpty({g}))::int8 AS empties, \
                          ST_Extent({x}) AS e, {v} AS v \
                   FROM {from}) a"
        )
    }

    fn tally(
        &self,
        tx: &mut postgres::Transaction<'_>,
        uri: &str,
        from: &str,
        checked: bool,
    ) -> Result<Tally, IoError> {
        let r = tx
            .query_one(self.aggregates(from, checked).as_str(), &[])
            .map_err(|e| IoError::from(classify(uri, &e)))?;
        let corners: [Option<f64>; 4] = [r.get(5), r.get(6), r.get(7), r.get(8)];
        Ok(Tally {
            rows: r.get(0),
            nulls: r.get(1),
            empties: r.get(2),
            unreadable: r.get(3),
            outside: r.get(4),
            extent: match corners {
                [Some(a), Some(b), Some(c), Some(d)] => Some([a, b, c, d]),
                _ => None,
            },
            vertices: r.get::<_, Option<i64>>(9).unwrap_or(0),
            types: r.get(10),
        })
    }

    /// The exact figures: one pass, and a second only when the extent shows coordinates a
    /// read would refuse.
    fn exact(&self, tx: &mut postgres::Transaction<'_>, uri: &str) -> Result<Tally, IoError> {
        let tally = self.tally(tx, uri, &self.from, false)?;
        let refused = tally.extent.is_some_and(|[a, b, c, d]| {
            let finite = [a, b, c, d].iter().all(|v| v.is_finite());
            !finite
                || (self.described.geographic && (a < -180.0 || c > 180.0 || b < -90.0 || d > 90.0))
        });
        if refused {
            self.tally(tx, uri, &self.from, true)
        } else {
            Ok(tally)
        }
    }

    /// The figures of a sample of about [`SAMPLE_ROWS`] rows scaled to `rows` (the
    /// planner's estimate); `None` where the table cannot be sampled (then it is counted).
    fn sample(
        &self,
        tx: &mut postgres::Transaction<'_>,
        uri: &str,
        rows: i64,
    ) -> Result<Option<Tally>, IoError> {
        let percent = (100.0 * SAMPLE_ROWS / rows as f64).clamp(0.01, 100.0);
        let from = format!(
            "{} TABLESAMPLE SYSTEM ({percent}) REPEATABLE (28)",
            self.from
        );
        // A view, or a foreign table, cannot be sampled: the savepoint keeps the
        // transaction usable for the exact count.
        let mut inner = tx
            .transaction()
            .map_err(|e| IoError::from(classify(uri, &e)))?;
        let Ok(sampled) = self.tally(&mut inner, uri, &from, true) else {
            return Ok(None);
        };
        let _ = inner.commit();
        if sampled.rows == 0 {
            return Ok(None);
        }
        let scale = |n: i64| (n as f64 * rows as f64 / sampled.rows as f64).round() as i64;
        Ok(Some(Tally {
            rows,
            nulls: scale(sampled.nulls),
            empties: scale(sampled.empties),
            unreadable: scale(sampled.unreadable),
            outside: scale(sampled.outside),
            vertices: scale(sampled.vertices),
            ..sampled
        }))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_declared_type_names_what_a_read_gives() {
        assert_eq!(Declared::of("POINTM").names(Some(1)), ["Point"]);
        assert_eq!(
            Declared::of("MULTISURFACE").names(Some(1)),
            ["MultiPolygon"]
        );
        assert_eq!(
            Declared::of("GEOMETRY").names(Some(1 | 4 | 32)),
            ["MultiPolygon", "Point", "Polygon"]
        );
        // No row kept, no type.
        assert!(Declared::of("POINT").names(None).is_empty());
        assert!(Declared::of("TIN").names(Some(1)).is_empty());
    }
}
