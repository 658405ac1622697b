//! GeoJSON, streamed feature by feature (a 100 MB file is never held as text or as a JSON
//! tree): RFC 7946 in WGS 84, and the older files whose `crs` member names another system
//! (`urn:ogc:def:crs:EPSG::9215`, `EPSG:3405`…).

use super::crs::Crs;
use super::model::{Field, FieldKind, Format, UserLayer, Value};
use super::reproject::{self, Rows, Skipped, bad_coordinates};
use super::{CANCELLED, IoError, Progress};
use geo::Geometry;
use std::io::Read;

/// A feature as read, before reprojection: its number, geometry in the file's CRS, and
/// (field, value) pairs.
type RawFeature = (usize, Option<Geometry<f64>>, Vec<(usize, Value)>);

/// How much of the file's start is searched for a `crs` member.
const HEAD: usize = 64 * 1024;

pub fn read(
    mut reader: impl Read,
    path: &str,
    crs: Option<Crs>,
    progress: &Progress,
) -> Result<UserLayer, IoError> {
    let invalid = |message: String| IoError::invalid(path, message);
    let mut head = Vec::with_capacity(HEAD);
    (&mut reader)
        .take(HEAD as u64)
        .read_to_end(&mut head)
        .map_err(|e| super::read_error(path, &e))?;
    let head_text = String::from_utf8_lossy(&head);
    if !head_text.trim_start().starts_with('{') {
        return Err(invalid(
            "not GeoJSON: it does not start with a JSON object".to_owned(),
        ));
    }
    let mut warnings = Vec::new();
    let chosen = match (crs, crs_member(&head_text)) {
        (Some(c), _) | (None, Some(Ok(c))) => Some(c),
        (None, Some(Err(name))) => {
            warnings.push(format!("unknown crs member “{name}”"));
            None
        }
        (None, None) => None,
    };

    let mut fields: Vec<Field> = Vec::new();
    let mut raw: Vec<RawFeature> = Vec::new();
    let mut skipped = Skipped::default();
    // How many features had an unclosed ring, and the first of them.
    let mut unclosed: (usize, usize) = (0, 0);
    let stream = std::io::Cursor::new(head).chain(reader);
    for (n, item) in geojson::FeatureReader::from_reader(stream)
        .features()
        .enumerate()
    {
        if progress.cancelled() {
            return Err(IoError::Cancelled {
                path: path.to_owned(),
            });
        }
        let feature = match item {
            Ok(f) => f,
            Err(e) => {
                let message = e.to_string();
                if message.contains(CANCELLED) {
                    return Err(IoError::Cancelled {
                        path: path.to_owned(),
                    });
                }
                if raw.is_empty() && n == 0 {
                    return Err(invalid(format!("not GeoJSON: {message}")));
                }
                // A syntax error ends the stream: keep what came before, say where.
                warnings.push(format!(
                    "feature {}: {message}; the rest of the file is not read",
                    n + 1
                ));
                break;
            }
        };
        if let Some(g) = &feature.geometry
            && !positions_complete(&g.value)
        {
            skipped.add(format!(
                "feature {}: a position has fewer than two numbers",
                n + 1
            ));
            continue;
        }
        if let Some(g) = &feature.geometry {
            match rings(&g.value) {
                Rings::Closed => {}
                Rings::Unclosed => {
                    if unclosed.0 == 0 {
                        unclosed.1 = n + 1;
                    }
                    unclosed.0 += 1;
                }
                Rings::TooShort => {
                    skipped.add(format!(
                        "feature {}: a polygon ring has fewer than four positions",
                        n + 1
                    ));
                    continue;
                }
            }
        }
        let geometry = match feature.geometry.as_ref().map(Geometry::<f64>::try_from) {
            None => None,
            Some(Ok(g)) => Some(g),
            Some(Err(e)) => {
                skipped.add(format!("feature {}: {e}", n + 1));
                continue;
            }
        };
        if let Some(g) = &geometry
            && let Some(problem) = bad_coordinates(g)
        {
            skipped.add(format!("feature {}: {problem}", n + 1));
            continue;
        }
        let mut values = Vec::new();
        for (key, value) in feature.properties.iter().flatten() {
            let index = match fields.iter().position(|f| &f.name == key) {
                Some(i) => i,
                None => {
                    fields.push(Field {
                        name: key.clone(),
                        kind: FieldKind::Null,
                    });
                    fields.len() - 1
                }
            };
            let value = json_value(value);
            fields[index].kind = fields[index].kind.widen(value.kind());
            values.push((index, value));
        }
        raw.push((n + 1, geometry, values));
    }
    if unclosed.0 > 0 {
        warnings.push(format!(
            "feature {}: a polygon ring does not end where it starts; it was closed ({} feature(s) in all)",
            unclosed.1, unclosed.0
        ));
    }
    if raw.is_empty() && skipped.count == 0 && warnings.iter().all(|w| !w.starts_with("feature")) {
        warnings.push("the file holds no features".to_owned());
    }

    let rows: Rows = raw
        .into_iter()
        .map(|(n, geometry, values)| {
            let mut row = vec![Value::Null; fields.len()];
            for (i, v) in values {
                row[i] = v;
            }
            (n, geometry, row)
        })
        .collect();
    // RFC 7946 says WGS 84; metres say otherwise.
    let crs = reproject::decide(&rows, chosen, path)?;
    let features = reproject::to_wgs84(rows, &fields, &crs, "feature", path, &mut skipped)?;
    warnings.extend(skipped.reasons);
    Ok(UserLayer {
        path: path.to_owned(),
        format: Format::GeoJson,
        crs,
        fields,
        features,
        skipped: skipped.count,
        warnings,
    })
}

enum Rings {
    Closed,
    /// RFC 7946 asks for the first position again at the end; many writers leave it out.
    Unclosed,
    /// A ring of fewer than four positions (three distinct) bounds no area.
    TooShort,
}

/// How the polygon rings of a geometry end.
fn rings(value: &geojson::GeometryValue) -> Rings {
    use geojson::GeometryValue as G;
    let each = |ring: &Vec<geojson::Position>| {
        let closed = ring.len() > 1 && ring.first() == ring.last();
        let distinct = ring.len() - usize::from(closed);
        match (distinct >= 3, closed) {
            (false, _) => Rings::TooShort,
            (true, true) => Rings::Closed,
            (true, false) => Rings::Unclosed,
        }
    };
    let worst = |a: Rings, b: Rings| match (a, b) {
        (Rings::TooShort, _) | (_, Rings::TooShort) => Rings::TooShort,
        (Rings::Unclosed, _) | (_, Rings::Unclosed) => Rings::Unclosed,
        _ => Rings::Closed,
    };
    match value {
        G::Polygon { coordinates } => coordinates.iter().map(each).fold(Rings::Closed, worst),
        G::MultiPolygon { coordinates } => coordinates
            .iter()
            .flatten()
            .map(each)
            .fold(Rings::Closed, worst),
        G::GeometryCollection { geometries } => geometries
            .iter()
            .map(|g| rings(&g.value))
            .fold(Rings::Closed, worst),
        _ => Rings::Closed,
    }
}

/// Every position has at least x and y (the geojson crate's conversion assumes so).
fn positions_complete(value: &geojson::GeometryValue) -> bool {
    use geojson::GeometryValue as G;
    let ok = |p: &geojson::Position| p.len() >= 2;
    match value {
        G::Point { coordinates } => ok(coordinates),
        G::MultiPoint { coordinates } | G::LineString { coordinates } => coordinates.iter().all(ok),
        G::MultiLineString { coordinates } | G::Polygon { coordinates } => {
            coordinates.iter().flatten().all(ok)
        }
        G::MultiPolygon { coordinates } => coordinates.iter().flatten().flatten().all(ok),
        G::GeometryCollection { geometries } => {
            geometries.iter().all(|g| positions_complete(&g.value))
        }
    }
}

/// The `crs` member's name in the file's first bytes: `Ok` with a CRS we know, `Err` with
/// the name otherwise.
fn crs_member(head: &str) -> Option<Result<Crs, String>> {
    let at = head.find("\"crs\"")?;
    let rest = &head[at..head.floor_char_boundary(at + 600)];
    // {"type": "name", "properties": {"name": "…"}}: the string after properties' "name".
    let name = rest
        .find("\"properties\"")
        .and_then(|p| rest[p..].find("\"name\"").map(|n| &rest[p + n + 6..]))
        .and_then(|after| after.split('"').nth(1))
        .unwrap_or("")
        .to_owned();
    let upper = name.to_uppercase();
    if upper.contains("CRS84") || upper.contains("CRS:84") {
        return Some(Ok(Crs::Wgs84));
    }
    let code = upper
        .rsplit(':')
        .next()
        .and_then(|c| c.trim().parse::<u16>().ok());
    Some(match code.and_then(Crs::from_epsg) {
        Some(c) if upper.contains("EPSG") => Ok(c),
        _ => Err(name),
    })
}

fn json_value(v: &serde_json::Value) -> Value {
    match v {
        serde_json::Value::Null => Value::Null,
        serde_json::Value::Bool(b) => Value::Boolean(*b),
        serde_json::Value::Number(n) => match n.as_i64() {
            Some(i) => Value::Integer(i),
            None => n.as_f64().map_or(Value::Null, Value::Real),
        },
        serde_json::Value::String(s) => Value::date(s).unwrap_or_else(|| Value::Text(s.clone())),
        other => Value::Text(other.to_string()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_crs_member_names_the_system() {
        let head = r#"{"type":"FeatureCollection","crs":{"type":"name","properties":{"name":"urn:ogc:def:crs:EPSG::9215"}},"features":[]}"#;
        assert_eq!(crs_member(head), Some(Ok(Crs::Vn2000Tm3(107.25))));
        let head =
            r#"{"crs":{"type":"name","properties":{"name":"urn:ogc:def:crs:OGC:1.3:CRS84"}}}"#;
        assert_eq!(crs_member(head), Some(Ok(Crs::Wgs84)));
        assert_eq!(crs_member(r#"{"features":[]}"#), None);
    }
}
