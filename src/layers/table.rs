//! The attribute table's view of a layer: a quick text filter over every column, one filter
//! per column (equals, contains, a range of numbers or dates), a sort column; and what leaves it: the
//! filtered rows as CSV for Excel, the selection as GeoJSON.

use super::style::{number, text};
use crate::atlas::collate;
use crate::atlas::search::fold;
use crate::sources::{UserLayer, Value};

#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
// Written in snake_case words ("vi", "open_topo_map"); the variant names of the first
// version of the project file are still read.
#[serde(rename_all = "snake_case")]
pub enum Filter {
    #[serde(alias = "Equals")]
    Equals(String),
    #[serde(alias = "Contains")]
    Contains(String),
    /// Inclusive bounds as typed (a decimal comma is read too); an empty bound is open.
    #[serde(alias = "Range")]
    Range(String, String),
}

/// A bound as typed: empty is open, a number (with `.` or `,`) is itself, anything else
/// keeps no row rather than all of them.
fn bound(text: &str) -> Result<Option<f64>, ()> {
    let t = text.trim();
    if t.is_empty() {
        return Ok(None);
    }
    t.replace(',', ".").parse().map(Some).map_err(|_| ())
}

/// A date bound as typed: a year, a year and month, or a day (`2024`, `2024-05`,
/// `2024-05-01`, or as Vietnamese write it, `01/05/2024`), as ISO text. A bound names a
/// whole year, month or day, so `2024` to `2024` keeps all of 2024.
fn date_bound(text: &str) -> Result<Option<String>, ()> {
    let t = text.trim();
    if t.is_empty() {
        return Ok(None);
    }
    let parts: Vec<&str> = t.split('/').collect();
    let iso = match parts.as_slice() {
        [d, m, y] => format!("{y:0>4}-{m:0>2}-{d:0>2}"),
        [m, y] => format!("{y:0>4}-{m:0>2}"),
        _ => t.to_owned(),
    };
    let shape_ok = match iso.len() {
        4 => true,
        7 => iso.as_bytes()[4] == b'-',
        10 => crate::sources::Value::date(&iso).is_some(),
        _ => false,
    };
    let digits_ok = iso.bytes().all(|b| b.is_ascii_digit() || b == b'-');
    (shape_ok && digits_ok).then_some(Some(iso)).ok_or(())
}

impl Filter {
    fn keeps(&self, value: &crate::sources::Value) -> bool {
        match self {
            Filter::Equals(want) => fold(&text(value)) == fold(want.trim()),
            Filter::Contains(part) => fold(&text(value)).contains(&fold(part.trim())),
            Filter::Range(low, high) => match value {
                crate::sources::Value::Date(d) => match (date_bound(low), date_bound(high)) {
                    (Ok(l), Ok(h)) => {
                        l.is_none_or(|l| d.as_str() >= l.as_str())
                            && h.is_none_or(|h| d.get(..h.len()).unwrap_or(d) <= h.as_str())
                    }
                    _ => false,
                },
                Value::Null
                | Value::Text(_)
                | Value::Integer(_)
                | Value::Real(_)
                | Value::Boolean(_) => match (bound(low), bound(high), number(value)) {
                    (Ok(l), Ok(h), Some(v)) => l.is_none_or(|l| v >= l) && h.is_none_or(|h| v <= h),
                    _ => false,
                },
            },
        }
    }
}

/// A cell as the sort compares it: numbers by value, ISO dates in time order, and any other
/// text (or a number against text) in Vietnamese alphabetical order.
struct SortKey<'a> {
    number: Option<f64>,
    date: bool,
    text: std::borrow::Cow<'a, str>,
}

impl<'a> SortKey<'a> {
    fn of(value: &'a Value) -> Self {
        SortKey {
            number: number(value),
            date: matches!(value, Value::Date(_)),
            text: match value {
                Value::Text(t) | Value::Date(t) => std::borrow::Cow::Borrowed(t.as_str()),
                other @ (Value::Null | Value::Integer(_) | Value::Real(_) | Value::Boolean(_)) => {
                    std::borrow::Cow::Owned(text(other))
                }
            },
        }
    }

    fn order(&self, other: &Self) -> std::cmp::Ordering {
        match (self.number, other.number) {
            (Some(p), Some(q)) => p.total_cmp(&q),
            // ISO dates (a day, or a day and time) read in time order by code point.
            _ if self.date && other.date => self.text.cmp(&other.text),
            _ => collate::compare(&self.text, &other.text),
        }
    }
}

/// What the rows depend on: the quick filter, the column filters, the sort, and how many
/// features the layer has (a database view's pages add to them).
type ViewKey = (String, Vec<Option<Filter>>, Option<(usize, bool)>, usize);

#[derive(Clone, Debug, Default, PartialEq)]
pub struct TableView {
    pub quick: String,
    /// One per field, in field order.
    pub filters: Vec<Option<Filter>>,
    /// Field and ascending.
    pub sort: Option<(usize, bool)>,
    /// The rows of the last [`TableView::rows_cached`], and the view they were made for.
    cache: Option<(Box<ViewKey>, Vec<usize>)>,
}

impl TableView {
    pub fn new(fields: usize) -> TableView {
        TableView {
            filters: vec![None; fields],
            ..TableView::default()
        }
    }

    /// The rows shown, by position in the layer: filtered, then sorted (stable, so equal
    /// values keep the file's order).
    pub fn rows(&self, layer: &UserLayer) -> Vec<usize> {
        let quick = fold(self.quick.trim());
        let mut rows: Vec<usize> = layer
            .features
            .iter()
            .enumerate()
            .filter(|(_, f)| {
                self.filters
                    .iter()
                    .zip(&f.values)
                    .all(|(filter, v)| filter.as_ref().is_none_or(|x| x.keeps(v)))
                    && (quick.is_empty()
                        || f.values.iter().any(|v| fold(&text(v)).contains(&quick)))
            })
            .map(|(i, _)| i)
            .collect();
        if let Some((field, ascending)) = self.sort {
            // Each cell's key made once, not once a comparison: 100 000 rows take about
            // two million comparisons.
            let mut keyed: Vec<(usize, Option<SortKey<'_>>)> = rows
                .into_iter()
                .map(|i| (i, layer.features[i].values.get(field).map(SortKey::of)))
                .collect();
            keyed.sort_by(|(_, a), (_, b)| {
                let order = match (a, b) {
                    (Some(x), Some(y)) => x.order(y),
                    _ => std::cmp::Ordering::Equal,
                };
                if ascending { order } else { order.reverse() }
            });
            rows = keyed.into_iter().map(|(i, _)| i).collect();
        }
        rows
    }

    /// [`TableView::rows`], computed again only when the filters, the sort or the number
    /// of rows change: a table of 100 000 rows is not filtered and sorted every frame.
    pub fn rows_cached(&mut self, layer: &UserLayer) -> &[usize] {
        let key = (
            self.quick.clone(),
            self.filters.clone(),
            self.sort,
            layer.features.len(),
        );
        let fresh = self.cache.as_ref().is_some_and(|(k, _)| **k == key);
        if !fresh {
            let rows = self.rows(layer);
            self.cache = Some((Box::new(key), rows));
        }
        self.cache.as_ref().map_or(&[], |(_, rows)| rows.as_slice())
    }

    /// Sorts by `field`, ascending first, descending on a second click.
    pub fn toggle_sort(&mut self, field: usize) {
        self.sort = match self.sort {
            Some((f, true)) if f == field => Some((field, false)),
            _ => Some((field, true)),
        };
    }
}

/// The rows as CSV: UTF-8 with a byte-order mark (Excel then reads Vietnamese right), the
/// fields in file order, then the longitude and latitude of a point of each geometry.
/// A table that could not be written as CSV.
#[derive(Debug, thiserror::Error)]
pub enum CsvError {
    #[error("CSV: {0}")]
    Csv(#[from] csv::Error),
    #[error("CSV: {0}")]
    Io(#[from] std::io::Error),
}

pub fn to_csv(layer: &UserLayer, rows: &[usize]) -> Result<Vec<u8>, CsvError> {
    let mut out = b"\xEF\xBB\xBF".to_vec();
    {
        let mut w = csv::Writer::from_writer(&mut out);
        let header = layer
            .fields
            .iter()
            .map(|f| f.name.as_str())
            .chain(["lon", "lat"]);
        w.write_record(header)?;
        for &i in rows {
            let Some(f) = layer.features.get(i) else {
                continue;
            };
            let point = f
                .geometry
                .as_ref()
                .and_then(geo::InteriorPoint::interior_point);
            let (lon, lat) = point.map_or((String::new(), String::new()), |p| {
                (format!("{:.7}", p.x()), format!("{:.7}", p.y()))
            });
            let record = f.values.iter().map(text).chain([lon, lat]);
            w.write_record(record)?;
        }
        w.flush()?;
    }
    Ok(out)
}

/// The chosen features as a GeoJSON FeatureCollection in WGS 84.
pub fn to_geojson(layer: &UserLayer, chosen: impl IntoIterator<Item = usize>) -> String {
    let subset = UserLayer {
        features: chosen
            .into_iter()
            .filter_map(|i| layer.features.get(i).cloned())
            .collect(),
        ..layer.clone_empty()
    };
    subset.to_geojson()
}

/// A plan layer as a table: each feature's properties as the geodata states them (lists
/// joined), in the order of the first feature's keys; with each row's feature position.
pub fn plan_table(
    atlas: &crate::atlas::Atlas,
    layer: crate::atlas::LayerKind,
) -> (UserLayer, Vec<usize>) {
    use crate::sources::{Field, FieldKind, Format, UserFeature, Value};
    let mut fields: Vec<Field> = Vec::new();
    let mut rows: Vec<serde_json::Map<String, serde_json::Value>> = Vec::new();
    let mut positions = Vec::new();
    for (i, f) in atlas.features().iter().enumerate() {
        if f.kind().layer() != layer {
            continue;
        }
        let Ok(serde_json::Value::Object(map)) = serde_json::to_value(&f.props) else {
            continue;
        };
        for key in map.keys() {
            if !fields.iter().any(|fd| &fd.name == key) {
                fields.push(Field {
                    name: key.clone(),
                    kind: FieldKind::Null,
                });
            }
        }
        rows.push(map);
        positions.push(i);
    }
    let value = |v: Option<&serde_json::Value>| match v {
        None | Some(serde_json::Value::Null) => Value::Null,
        Some(serde_json::Value::Bool(b)) => Value::Boolean(*b),
        Some(serde_json::Value::Number(n)) => n.as_i64().map_or_else(
            || Value::Real(n.as_f64().unwrap_or(f64::NAN)),
            Value::Integer,
        ),
        Some(serde_json::Value::String(s)) => Value::Text(s.clone()),
        Some(serde_json::Value::Array(items)) => Value::Text(
            items
                .iter()
                .map(|x| x.as_str().map_or_else(|| x.to_string(), str::to_owned))
                .collect::<Vec<_>>()
                .join(", "),
        ),
        Some(other) => Value::Text(other.to_string()),
    };
    let features: Vec<UserFeature> = rows
        .iter()
        .zip(&positions)
        .map(|(map, &i)| UserFeature {
            geometry: atlas.features()[i].geometry.clone(),
            values: fields.iter().map(|fd| value(map.get(&fd.name))).collect(),
        })
        .collect();
    for f in &features {
        for (field, v) in fields.iter_mut().zip(&f.values) {
            field.kind = field.kind.widen(v.kind());
        }
    }
    let table = UserLayer {
        path: "geodata".to_owned(),
        format: Format::GeoJson,
        crs: crate::sources::Crs::Wgs84,
        fields,
        features,
        skipped: 0,
        warnings: Vec::new(),
    };
    (table, positions)
}

/// The distances of every industrial site as a table: its name, kind, how it is located,
/// the nearest international gate and the straight-line kilometres to it, to the Hữu Nghị
/// gate and to Lạng Sơn city centre; with each row's feature position.
pub fn distance_table(
    atlas: &crate::atlas::Atlas,
    lang: crate::atlas::Lang,
) -> (UserLayer, Vec<usize>) {
    use crate::atlas::distances::site_distances;
    use crate::sources::{Field, FieldKind, Format, UserFeature, Value};
    let field = |vi: &str, en: &str, kind| Field {
        name: lang.pick(vi, en).to_owned(),
        kind,
    };
    let fields = vec![
        field("cơ sở", "site", FieldKind::Text),
        field("loại", "kind", FieldKind::Text),
        field("vị trí", "location", FieldKind::Text),
        field(
            "cửa khẩu quốc tế gần nhất",
            "nearest international gate",
            FieldKind::Text,
        ),
        field(
            "km đường chim bay tới đó",
            "straight-line km to it",
            FieldKind::Real,
        ),
        field(
            "km tới cửa khẩu Hữu Nghị",
            "km to Hữu Nghị gate",
            FieldKind::Real,
        ),
        field(
            "km tới trung tâm TP Lạng Sơn",
            "km to Lạng Sơn city centre",
            FieldKind::Real,
        ),
    ];
    let name = |id: &crate::atlas::FeatureId| {
        atlas
            .get(id)
            .map(|f| lang.pick(&f.props.name_vi, &f.props.name_en).to_owned())
            .unwrap_or_default()
    };
    let km = |m: Option<f64>| m.map_or(Value::Null, |m| Value::Real((m / 10.0).round() / 100.0));
    let mut positions = Vec::new();
    let features = site_distances(atlas)
        .into_iter()
        .filter_map(|d| {
            let f = atlas.get(&d.site)?;
            positions.push(atlas.features().iter().position(|x| x.id() == f.id())?);
            let located = if d.approximate {
                lang.pick("gần đúng (tâm xã)", "approximate (commune centre)")
            } else {
                lang.pick("theo nguồn", "as sourced")
            };
            Some(UserFeature {
                geometry: f.geometry.clone(),
                values: vec![
                    Value::Text(name(&d.site)),
                    Value::Text(crate::atlas::lang::kind_name(f.kind(), lang).to_owned()),
                    Value::Text(located.to_owned()),
                    d.nearest_international
                        .as_ref()
                        .map_or(Value::Null, |(g, _)| Value::Text(name(g))),
                    km(d.nearest_international.as_ref().map(|(_, m)| *m)),
                    km(d.huu_nghi),
                    km(d.city),
                ],
            })
        })
        .collect();
    let table = UserLayer {
        path: "geodata".to_owned(),
        format: Format::GeoJson,
        crs: crate::sources::Crs::Wgs84,
        fields,
        features,
        skipped: 0,
        warnings: Vec::new(),
    };
    (table, positions)
}

#[cfg(test)]
#[path = "table_tests.rs"]
mod tests;
