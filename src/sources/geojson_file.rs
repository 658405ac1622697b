//! GeoJSON, streamed feature by feature (a 100 MB file is never held as text or as a JSON
//! tree): RFC 7946 in WGS 84, and the older files whose `crs` member names another system
//! (`urn:ogc:def:crs:EPSG::9215`, `EPSG:3405`…).

use super::crs::Crs;
use super::json_stream::{self, StreamError};
use super::model::{Field, FieldKind, Format, UserLayer, Value};
use super::reproject::{self, Rows, Skipped, bad_coordinates};
use super::{IoError, Progress};
use geo::Geometry;
use std::io::Read;
use std::ops::ControlFlow;

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
        (None, Some(Err(UnknownCrs(name)))) => {
            warnings.push(format!("unknown crs member “{name}”"));
            None
        }
        (None, None) => None,
    };

    let mut collected = Collected::default();
    let stream = std::io::Cursor::new(head).chain(reader);
    let outline = json_stream::each_feature(stream, &mut |n, value| {
        if progress.cancelled() {
            return ControlFlow::Break(());
        }
        collected.take(n, value);
        ControlFlow::Continue(())
    });
    match outline {
        Ok(outline) if outline.has_features => {
            if outline.features_seen == 0 {
                warnings.push("the file holds no features: an empty FeatureCollection".to_owned());
            }
        }
        Ok(outline) => collected
            .take_lone(outline)
            .map_err(|e| invalid(e.to_string()))?,
        Err(StreamError::Stopped) => {
            return Err(IoError::Cancelled {
                path: path.to_owned(),
            });
        }
        Err(StreamError::Syntax { .. }) if progress.cancelled() => {
            return Err(IoError::Cancelled {
                path: path.to_owned(),
            });
        }
        Err(StreamError::Syntax {
            message,
            features_seen: 0,
        }) => return Err(invalid(format!("not GeoJSON: {message}"))),
        Err(StreamError::Syntax {
            message,
            features_seen,
        }) => {
            // Broken syntax ends the stream: keep what came before, say where.
            warnings.push(format!(
                "feature {}: {message}; the rest of the file is not read",
                features_seen + 1
            ));
        }
    }
    let Collected {
        fields,
        raw,
        skipped,
        unclosed,
        no_geometry,
    } = collected;
    if unclosed.0 > 0 {
        warnings.push(format!(
            "feature {}: a polygon ring does not end where it starts; it was closed ({} feature(s) in all)",
            unclosed.1, unclosed.0
        ));
    }
    if no_geometry.0 > 0 {
        warnings.push(format!(
            "feature {}: no geometry; kept in the table, not drawn ({} feature(s) in all)",
            no_geometry.1, no_geometry.0
        ));
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
    reproject::finish(reproject::Read {
        path: path.to_owned(),
        shown: None,
        format: Format::GeoJson,
        what: "feature",
        rows,
        fields,
        chosen,
        skipped,
        warnings,
    })
}

/// Why a document without `features` is not one Feature or one Geometry either.
#[derive(Debug, thiserror::Error)]
enum NotGeoJson {
    #[error("not GeoJSON: the object has no “type” and no “features”")]
    NoType,
    #[error("not GeoJSON: unknown type “{0}”")]
    UnknownType(String),
    #[error("not GeoJSON: {0}")]
    Json(String),
}

/// A `crs` member naming a system the atlas does not know.
#[derive(Debug, PartialEq)]
struct UnknownCrs(String);

/// What the features read so far add up to.
#[derive(Default)]
struct Collected {
    fields: Vec<Field>,
    raw: Vec<RawFeature>,
    skipped: Skipped,
    /// How many features had an unclosed ring, and the first of them.
    unclosed: (usize, usize),
    /// How many features had a null geometry, and the first of them.
    no_geometry: (usize, usize),
}

impl Collected {
    /// Takes the n-th element of `features`: a valid feature joins the layer, anything else
    /// is skipped with its number and the reason, and never costs the features around it.
    fn take(&mut self, n: usize, value: serde_json::Value) {
        match serde_json::from_value::<geojson::Feature>(value) {
            Ok(feature) => self.take_feature(n, feature),
            Err(e) => self.skipped.add(format!("feature {n}: {e}")),
        }
    }

    /// A document that is one Feature or one Geometry: a layer of one.
    fn take_lone(&mut self, outline: json_stream::Outline) -> Result<(), NotGeoJson> {
        let kind = outline.kind.unwrap_or_default();
        let mut members = outline.members;
        members.insert("type".to_owned(), serde_json::Value::String(kind.clone()));
        let object = serde_json::Value::Object(members);
        let feature = match kind.as_str() {
            "Feature" => serde_json::from_value::<geojson::Feature>(object),
            "Point" | "MultiPoint" | "LineString" | "MultiLineString" | "Polygon"
            | "MultiPolygon" | "GeometryCollection" => {
                serde_json::from_value::<geojson::Geometry>(object).map(geojson::Feature::from)
            }
            "" => return Err(NotGeoJson::NoType),
            other => return Err(NotGeoJson::UnknownType(other.to_owned())),
        };
        match feature {
            Ok(feature) => {
                self.take_feature(1, feature);
                Ok(())
            }
            Err(e) => Err(NotGeoJson::Json(e.to_string())),
        }
    }

    fn take_feature(&mut self, n: usize, feature: geojson::Feature) {
        let skipped = &mut self.skipped;
        match &feature.geometry {
            None => {
                if self.no_geometry.0 == 0 {
                    self.no_geometry.1 = n;
                }
                self.no_geometry.0 += 1;
            }
            Some(g) => {
                if let Some(problem) = shape_problem(&g.value) {
                    skipped.add(format!("feature {n}: {problem}"));
                    return;
                }
                match rings(&g.value) {
                    Rings::Closed => {}
                    Rings::Unclosed => {
                        if self.unclosed.0 == 0 {
                            self.unclosed.1 = n;
                        }
                        self.unclosed.0 += 1;
                    }
                    Rings::TooShort => {
                        skipped.add(format!(
                            "feature {n}: a polygon ring has fewer than four positions"
                        ));
                        return;
                    }
                }
            }
        }
        let geometry = match feature.geometry.as_ref().map(Geometry::<f64>::try_from) {
            None => None,
            Some(Ok(g)) => Some(g),
            Some(Err(e)) => {
                skipped.add(format!("feature {n}: {e}"));
                return;
            }
        };
        if let Some(g) = &geometry
            && let Some(problem) = bad_coordinates(g)
        {
            skipped.add(format!("feature {n}: {problem}"));
            return;
        }
        let mut values = Vec::new();
        for (key, value) in feature.properties.iter().flatten() {
            let index = match self.fields.iter().position(|f| &f.name == key) {
                Some(i) => i,
                None => {
                    self.fields.push(Field {
                        name: key.clone(),
                        kind: FieldKind::Null,
                    });
                    self.fields.len() - 1
                }
            };
            values.push((index, json_value(value)));
        }
        self.raw.push((n, geometry, values));
    }
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
        G::Point { .. }
        | G::MultiPoint { .. }
        | G::LineString { .. }
        | G::MultiLineString { .. } => Rings::Closed,
    }
}

/// What makes a geometry unusable before it is converted: a position with fewer than two
/// numbers (the geojson crate's conversion assumes two), or a line of fewer than two
/// positions.
fn shape_problem(value: &geojson::GeometryValue) -> Option<&'static str> {
    use geojson::GeometryValue as G;
    let short = |p: &geojson::Position| p.len() < 2;
    let incomplete = match value {
        G::Point { coordinates } => short(coordinates),
        G::MultiPoint { coordinates } | G::LineString { coordinates } => {
            coordinates.iter().any(short)
        }
        G::MultiLineString { coordinates } | G::Polygon { coordinates } => {
            coordinates.iter().flatten().any(short)
        }
        G::MultiPolygon { coordinates } => coordinates.iter().flatten().flatten().any(short),
        G::GeometryCollection { geometries } => {
            return geometries.iter().find_map(|g| shape_problem(&g.value));
        }
    };
    if incomplete {
        return Some("a position has fewer than two numbers");
    }
    let one_position = match value {
        G::LineString { coordinates } => coordinates.len() < 2,
        G::MultiLineString { coordinates } => coordinates.iter().any(|l| l.len() < 2),
        // A collection's members were each looked at above.
        G::Point { .. }
        | G::MultiPoint { .. }
        | G::Polygon { .. }
        | G::MultiPolygon { .. }
        | G::GeometryCollection { .. } => false,
    };
    one_position.then_some("a line has fewer than two positions")
}

/// The `crs` member's name in the file's first bytes: `Ok` with a CRS we know, `Err` with
/// the name otherwise.
fn crs_member(head: &str) -> Option<Result<Crs, UnknownCrs>> {
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
        _ => Err(UnknownCrs(name)),
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
        other @ (serde_json::Value::Array(_) | serde_json::Value::Object(_)) => {
            Value::Text(other.to_string())
        }
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
