//! The SQL of a read: the envelope of a view in the table's coordinates (or in WGS 84 for
//! the server to transform), the select with its simplification and transform, the count
//! of what a view holds, and the values bound to them. Identifiers are quoted with
//! [`ident`]; every value is a bound parameter.

use super::rows::Column;
use super::{GeoTable, View};
use crate::sources::IoError;
use crate::sources::crs::Crs;

/// A quoted identifier: `"` doubled, so any name is read as a name.
pub fn ident(name: &str) -> String {
    format!("\"{}\"", name.replace('"', "\"\""))
}

/// Whether a column declared as `declared` (`geometry_columns.type`) may hold curves
/// (CircularString, CompoundCurve, CurvePolygon, MultiCurve, MultiSurface, or a collection
/// of them): only then is each row asked whether it must be linearised.
pub(super) fn may_curve(declared: &str) -> bool {
    let t = declared.to_ascii_uppercase();
    let t = t.trim_end_matches('M').trim_end_matches('Z');
    matches!(
        t,
        "GEOMETRY"
            | "GEOMETRYCOLLECTION"
            | "CIRCULARSTRING"
            | "COMPOUNDCURVE"
            | "CURVEPOLYGON"
            | "MULTICURVE"
            | "MULTISURFACE"
            | "CURVE"
            | "SURFACE"
    )
}

/// `g` with its curves linearised on the server (`ST_CurveToLine`): the WKB readers know
/// only straight segments. A curved type with straight parts only is converted too, so
/// that no curved type reaches the client.
pub(super) fn linear(g: &str) -> String {
    format!(
        "CASE WHEN ST_HasArc({g}) OR ST_GeometryType({g}) IN ('ST_CircularString', \
         'ST_CompoundCurve', 'ST_CurvePolygon', 'ST_MultiCurve', 'ST_MultiSurface') \
         THEN ST_CurveToLine({g}) ELSE {g} END"
    )
}

/// A view's box, in the table's coordinates or in WGS 84 for the server to transform.
#[derive(Clone, Copy)]
pub(super) enum Envelope {
    Native([f64; 4]),
    Wgs84([f64; 4]),
}

/// The box around `view` in `crs`: its corners and the middles of its sides projected
/// (a projected box's sides bow).
pub(super) fn native_box(view: View, crs: &Crs) -> Result<[f64; 4], IoError> {
    let to = crate::sources::crs::ToWgs84::new(crs).map_err(|e| IoError::Invalid {
        path: crs.name(),
        message: e.to_string(),
    })?;
    let (mx, my) = (
        (view.west + view.east) / 2.0,
        (view.south + view.north) / 2.0,
    );
    let mut b = [
        f64::INFINITY,
        f64::INFINITY,
        f64::NEG_INFINITY,
        f64::NEG_INFINITY,
    ];
    for (lon, lat) in [
        (view.west, view.south),
        (view.east, view.south),
        (view.west, view.north),
        (view.east, view.north),
        (mx, view.south),
        (mx, view.north),
        (view.west, my),
        (view.east, my),
    ] {
        let (x, y) = to.from_lon_lat(lon, lat).map_err(|e| IoError::Invalid {
            path: crs.name(),
            message: e.to_string(),
        })?;
        b = [b[0].min(x), b[1].min(y), b[2].max(x), b[3].max(y)];
    }
    Ok(b)
}

/// The SQL of a read and the values bound to it.
pub(super) struct Query {
    pub(super) sql: String,
    count_from: String,
    /// Parameters of the envelope, if bounded by a view.
    envelope: Option<[f64; 4]>,
    tolerance: Option<f64>,
    srid: i32,
    pub(super) count_params: usize,
}

/// A bound parameter.
pub(super) enum Param {
    F(f64),
    I(i32),
    L(i64),
}

impl std::fmt::Debug for Param {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Param::F(v) => write!(f, "{v}"),
            Param::I(v) => write!(f, "{v}"),
            Param::L(v) => write!(f, "{v}"),
        }
    }
}

impl postgres::types::ToSql for Param {
    fn to_sql(
        &self,
        ty: &postgres::types::Type,
        out: &mut bytes::BytesMut,
    ) -> Result<postgres::types::IsNull, Box<dyn std::error::Error + Sync + Send>> {
        match self {
            Param::F(v) => v.to_sql(ty, out),
            Param::I(v) => v.to_sql(ty, out),
            Param::L(v) => v.to_sql(ty, out),
        }
    }

    fn accepts(ty: &postgres::types::Type) -> bool {
        <f64 as postgres::types::ToSql>::accepts(ty)
            || <i32 as postgres::types::ToSql>::accepts(ty)
            || <i64 as postgres::types::ToSql>::accepts(ty)
    }

    postgres::types::to_sql_checked!();
}

impl Query {
    pub(super) fn new(
        table: &GeoTable,
        columns: &[Column],
        client_side: bool,
        geographic: bool,
        view: Option<View>,
        envelope: Option<Envelope>,
    ) -> Query {
        let from = format!(
            "{}.{}",
            ident(&table.table.schema),
            ident(&table.table.name)
        );
        let geom = ident(&table.column);
        // Geography columns are read as geometry in their own SRID.
        let g = format!("{geom}::geometry");
        let tolerance = view.map(|v| {
            // Half a point on screen, in the table's units.
            let metres = v.metres_per_point * 0.5;
            if geographic {
                metres / 111_320.0
            } else {
                metres
            }
        });
        let mut n = 0;
        let mut next = || {
            n += 1;
            format!("${n}")
        };
        let bounded = envelope.map(|e| {
            let (a, b, c, d, s) = (next(), next(), next(), next(), next());
            match e {
                // Typed, so that the server picks the integer SRID overloads.
                Envelope::Native(_) => format!(
                    " WHERE {g} && ST_MakeEnvelope({a}::float8, {b}::float8, {c}::float8, {d}::float8, {s}::int4)"
                ),
                Envelope::Wgs84(_) => format!(
                    " WHERE {g} && ST_Transform(ST_MakeEnvelope({a}::float8, {b}::float8, {c}::float8, {d}::float8, 4326), {s}::int4)"
                ),
            }
        });
        let count_params = if envelope.is_some() { 5 } else { 0 };
        let count_from = format!("{from}{}", bounded.clone().unwrap_or_default());
        let mut shape = if may_curve(&table.geometry_type) {
            linear(&g)
        } else {
            g.clone()
        };
        if tolerance.is_some() {
            shape = format!("ST_SimplifyPreserveTopology({shape}, {}::float8)", next());
        }
        if !client_side {
            shape = format!("ST_Transform({shape}, 4326)");
        }
        let attributes: String = columns.iter().map(|c| format!(", {}", c.sql())).collect();
        let limit = next();
        // An empty geometry comes as no WKB, as a NULL does: both are skipped and counted.
        let sql = format!(
            "SELECT CASE WHEN ST_IsEmpty({g}) THEN NULL ELSE ST_AsBinary({shape}) END\
             {attributes} FROM {count_from} LIMIT {limit}::int8"
        );
        Query {
            sql,
            count_from,
            envelope: envelope.map(|e| match e {
                Envelope::Native(b) | Envelope::Wgs84(b) => b,
            }),
            tolerance: tolerance.filter(|_| view.is_some()),
            srid: table.srid,
            count_params,
        }
    }

    pub(super) fn params(&self, limit: i64) -> Vec<Param> {
        let mut p = Vec::new();
        if let Some(e) = self.envelope {
            p.extend(e.iter().map(|v| Param::F(*v)));
            p.push(Param::I(self.srid));
        }
        if let Some(t) = self.tolerance {
            p.push(Param::F(t));
        }
        p.push(Param::L(limit));
        p
    }

    pub(super) fn count_sql(&self) -> String {
        format!("SELECT count(*)::int8 FROM {}", self.count_from)
    }
}
