//! CSV and TSV tables with coordinates: a longitude and a latitude column recognised by
//! name (lon, lng, longitude, x, kinh_do, kinh độ… and lat, latitude, y, vi_do, vĩ độ…,
//! any case, with or without diacritics), or a WKT geometry column (wkt, geometry, geom,
//! the_geom), or the columns the user names ([`Columns`]) when the names are not known.
//! The delimiter (comma, semicolon, tab) is read from the header line.

use super::crs::Crs;
use super::model::{Field, FieldKind, Format, UserLayer, Value};
use super::reproject::{self, Rows, Skipped, bad_coordinates};
use super::{IoError, Progress};
use crate::atlas::search::fold;
use geo::{Geometry, Point};
use std::io::{BufRead, Read};

const LON: [&str; 9] = [
    "lon",
    "lng",
    "long",
    "longitude",
    "x",
    "kinh_do",
    "kinh do",
    "kinhdo",
    "kinh_độ",
];
const LAT: [&str; 7] = ["lat", "latitude", "y", "vi_do", "vi do", "vido", "vĩ_độ"];
const WKT: [&str; 5] = ["wkt", "geometry", "geom", "the_geom", "wkt_geom"];

/// Geometry columns the user named, for a table whose names the reader does not know.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
// Written in snake_case words ("vi", "open_topo_map"); the variant names of the first
// version of the project file are still read.
#[serde(rename_all = "snake_case")]
pub enum Columns {
    /// Longitude (or easting) and latitude (or northing) columns.
    #[serde(alias = "LonLat")]
    LonLat(String, String),
    /// A column of WKT geometries.
    #[serde(alias = "Wkt")]
    Wkt(String),
}

/// The columns that carry the geometry.
enum Place {
    LonLat(usize, usize),
    Wkt(usize),
}

fn find(header: &[String], names: &[&str]) -> Option<usize> {
    header
        .iter()
        .position(|h| names.iter().any(|n| fold(h.trim()) == fold(n)))
}

pub fn read(
    reader: impl Read,
    path: &str,
    columns: Option<&Columns>,
    crs: Option<Crs>,
    progress: &Progress,
) -> Result<UserLayer, IoError> {
    let invalid = |message: String| IoError::invalid(path, message);
    let mut buffered = std::io::BufReader::new(reader);
    let first = buffered
        .fill_buf()
        .map_err(|e| super::read_error(path, &e))?;
    let first_line = first.split(|b| *b == b'\n').next().unwrap_or_default();
    let delimiter = [b'\t', b';', b',']
        .into_iter()
        .max_by_key(|d| first_line.iter().filter(|b| *b == d).count())
        .unwrap_or(b',');
    let mut table = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .flexible(true)
        .from_reader(buffered);
    let header: Vec<String> = table
        .headers()
        .map_err(|e| invalid(format!("header: {e}")))?
        .iter()
        .map(|h| h.trim_start_matches('\u{feff}').to_owned())
        .collect();
    let named = |name: &str| {
        header
            .iter()
            .position(|h| h == name)
            .ok_or_else(|| invalid(format!("it has no column “{name}”")))
    };
    let place = match columns {
        Some(Columns::LonLat(x, y)) => Place::LonLat(named(x)?, named(y)?),
        Some(Columns::Wkt(w)) => Place::Wkt(named(w)?),
        None => match (
            find(&header, &LON),
            find(&header, &LAT),
            find(&header, &WKT),
        ) {
            (Some(x), Some(y), _) => Place::LonLat(x, y),
            (_, _, Some(w)) => Place::Wkt(w),
            _ => {
                return Err(IoError::NoCoordinates {
                    path: path.to_owned(),
                    columns: header,
                });
            }
        },
    };
    let geometry_columns: Vec<usize> = match place {
        Place::LonLat(x, y) => vec![x, y],
        Place::Wkt(w) => vec![w],
    };
    let fields: Vec<Field> = header
        .iter()
        .enumerate()
        .filter(|(i, _)| !geometry_columns.contains(i))
        .map(|(_, name)| Field {
            name: name.clone(),
            kind: FieldKind::Null,
        })
        .collect();

    let mut rows: Rows = Vec::new();
    let mut skipped = Skipped::default();
    for (n, record) in table.records().enumerate() {
        let row = n + 2; // the header is row 1
        if progress.cancelled() {
            return Err(IoError::Cancelled {
                path: path.to_owned(),
            });
        }
        let record = match record {
            Ok(r) => r,
            Err(_) if progress.cancelled() => {
                return Err(IoError::Cancelled {
                    path: path.to_owned(),
                });
            }
            Err(e) => {
                skipped.add(format!("row {row}: {e}"));
                continue;
            }
        };
        let cell = |i: usize| record.get(i).unwrap_or("").trim();
        let geometry = match place {
            Place::LonLat(x, y) => match (number(cell(x)), number(cell(y))) {
                (Some(x), Some(y)) => Geometry::Point(Point::new(x, y)),
                _ => {
                    skipped.add(format!(
                        "row {row}: no usable coordinates “{}”, “{}”",
                        cell(x),
                        cell(y)
                    ));
                    continue;
                }
            },
            Place::Wkt(w) => match wkt::TryFromWkt::try_from_wkt_str(cell(w)) {
                Ok(g) => g,
                Err(e) => {
                    skipped.add(format!("row {row}: WKT: {e}"));
                    continue;
                }
            },
        };
        if let Some(problem) = bad_coordinates(&geometry) {
            skipped.add(format!("row {row}: {problem}"));
            continue;
        }
        let values: Vec<Value> = (0..header.len())
            .filter(|i| !geometry_columns.contains(i))
            .map(|i| typed(cell(i)))
            .collect();
        rows.push((row, Some(geometry), values));
    }
    reproject::finish(reproject::Read {
        path: path.to_owned(),
        shown: None,
        format: Format::Csv,
        what: "row",
        rows,
        fields,
        chosen: crs,
        skipped,
        warnings: Vec::new(),
    })
}

/// A number as spreadsheets write it: `106.75`, or `106,75` where the comma is decimal.
fn number(text: &str) -> Option<f64> {
    let t = text.trim();
    t.parse::<f64>()
        .ok()
        .or_else(|| t.replace(',', ".").parse().ok())
        .filter(|v: &f64| v.is_finite())
}

/// A cell's value, typed by its look.
pub(super) fn typed(text: &str) -> Value {
    if text.is_empty() {
        return Value::Null;
    }
    if let Ok(i) = text.parse::<i64>() {
        return Value::Integer(i);
    }
    if let Ok(r) = text.parse::<f64>()
        && r.is_finite()
    {
        return Value::Real(r);
    }
    match text.to_lowercase().as_str() {
        "true" | "đúng" | "có" => Value::Boolean(true),
        "false" | "sai" | "không" => Value::Boolean(false),
        _ => Value::date(text).unwrap_or_else(|| Value::Text(text.to_owned())),
    }
}
