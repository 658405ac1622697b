//! The one feature model of every format: typed attributes in the file's field order, and
//! geometry in WGS 84 longitude/latitude.

use super::crs::Crs;
use geo::{BoundingRect, CoordsIter, Geometry};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    GeoJson,
    Csv,
    Shapefile,
    Kml,
    Kmz,
    GeoPackage,
    FlatGeobuf,
    PostGis,
}

impl Format {
    pub fn name(self) -> &'static str {
        match self {
            Format::GeoJson => "GeoJSON",
            Format::Csv => "CSV",
            Format::Shapefile => "ESRI Shapefile",
            Format::Kml => "KML",
            Format::Kmz => "KMZ",
            Format::GeoPackage => "GeoPackage",
            Format::FlatGeobuf => "FlatGeobuf",
            Format::PostGis => "PostGIS",
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FieldKind {
    Text,
    Integer,
    Real,
    Boolean,
    /// A calendar date, or a date and time, written as ISO 8601.
    Date,
    /// Only empty values so far.
    Null,
}

impl FieldKind {
    pub fn name(self) -> &'static str {
        match self {
            FieldKind::Text => "text",
            FieldKind::Integer => "integer",
            FieldKind::Real => "real",
            FieldKind::Boolean => "boolean",
            FieldKind::Date => "date",
            FieldKind::Null => "null",
        }
    }

    /// The kind that holds values of both kinds (integers widen to reals, else text).
    pub fn widen(self, other: FieldKind) -> FieldKind {
        use FieldKind::*;
        match (self, other) {
            (a, b) if a == b => a,
            (Null, k) | (k, Null) => k,
            (Integer, Real) | (Real, Integer) => Real,
            _ => Text,
        }
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct Field {
    pub name: String,
    pub kind: FieldKind,
}

#[derive(Clone, Debug, PartialEq)]
pub enum Value {
    Null,
    Text(String),
    Integer(i64),
    Real(f64),
    Boolean(bool),
    /// ISO 8601 (`2024-05-01`, or `2024-05-01T08:30:00`), checked by [`Value::date`]; its
    /// text order is the order in time.
    Date(String),
}

impl Value {
    pub fn kind(&self) -> FieldKind {
        match self {
            Value::Null => FieldKind::Null,
            Value::Text(_) => FieldKind::Text,
            Value::Integer(_) => FieldKind::Integer,
            Value::Real(_) => FieldKind::Real,
            Value::Boolean(_) => FieldKind::Boolean,
            Value::Date(_) => FieldKind::Date,
        }
    }

    /// The value as a field of `kind` holds it: "12" or a date in a text column stays text,
    /// an integer in a real column becomes real.
    pub fn conform(self, kind: FieldKind) -> Value {
        match (kind, self) {
            (FieldKind::Text, Value::Integer(i)) => Value::Text(i.to_string()),
            (FieldKind::Text, Value::Real(r)) => Value::Text(r.to_string()),
            (FieldKind::Text, Value::Boolean(b)) => Value::Text(b.to_string()),
            (FieldKind::Text, Value::Date(d)) => Value::Text(d),
            (FieldKind::Real, Value::Integer(i)) => Value::Real(i as f64),
            (_, v) => v,
        }
    }

    /// A date or date-time in ISO 8601 form, if `text` is one: `YYYY-MM-DD`, optionally
    /// followed by `T` (or a space) and `HH:MM[:SS[.fff]]`, then `Z` or an offset. A day
    /// that the month does not have is not a date.
    pub fn date(text: &str) -> Option<Value> {
        let t = text.trim();
        let b = t.as_bytes();
        let digits = |r: std::ops::Range<usize>| {
            b.get(r.clone())
                .filter(|d| d.iter().all(u8::is_ascii_digit))
                .and_then(|_| t.get(r)?.parse::<u32>().ok())
        };
        let (year, month, day) = (digits(0..4)?, digits(5..7)?, digits(8..10)?);
        if b.get(4) != Some(&b'-') || b.get(7) != Some(&b'-') {
            return None;
        }
        // The calendar (month lengths, leap years) is the time crate's.
        let month = time::Month::try_from(u8::try_from(month).ok()?).ok()?;
        time::Date::from_calendar_date(i32::try_from(year).ok()?, month, u8::try_from(day).ok()?)
            .ok()?;
        if b.len() == 10 {
            return Some(Value::Date(t.to_owned()));
        }
        if !matches!(b[10], b'T' | b' ') {
            return None;
        }
        let (hour, minute) = (digits(11..13)?, digits(14..16)?);
        if b.get(13) != Some(&b':') {
            return None;
        }
        time::Time::from_hms(u8::try_from(hour).ok()?, u8::try_from(minute).ok()?, 0).ok()?;
        let mut rest = &t[16..];
        if let Some(seconds) = rest.strip_prefix(':') {
            let end = seconds
                .find(|c: char| !(c.is_ascii_digit() || c == '.'))
                .unwrap_or(seconds.len());
            let s: f64 = seconds[..end].parse().ok()?;
            if !(0.0..61.0).contains(&s) || end < 2 {
                return None;
            }
            rest = &seconds[end..];
        }
        let zone_ok = rest.is_empty()
            || rest == "Z"
            || (rest.len() == 6
                && matches!(rest.as_bytes()[0], b'+' | b'-')
                && rest.as_bytes()[3] == b':'
                && rest
                    .get(1..3)
                    .and_then(|h| h.parse::<u8>().ok())
                    .is_some_and(|h| h <= 14)
                && rest
                    .get(4..6)
                    .and_then(|m| m.parse::<u8>().ok())
                    .is_some_and(|m| m <= 59));
        zone_ok.then(|| Value::Date(format!("{}T{}", &t[..10], &t[11..])))
    }

    pub fn to_json(&self) -> serde_json::Value {
        match self {
            Value::Null => serde_json::Value::Null,
            Value::Text(t) => serde_json::Value::String(t.clone()),
            Value::Integer(i) => (*i).into(),
            Value::Real(r) => serde_json::Number::from_f64(*r)
                .map_or(serde_json::Value::Null, serde_json::Value::Number),
            Value::Boolean(b) => (*b).into(),
            Value::Date(d) => serde_json::Value::String(d.clone()),
        }
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct UserFeature {
    /// WGS 84 longitude/latitude; `None` for a row or feature without geometry.
    pub geometry: Option<Geometry<f64>>,
    /// One value per field, in field order.
    pub values: Vec<Value>,
}

#[derive(Clone, Debug)]
pub struct UserLayer {
    /// Where it came from, as shown to the user.
    pub path: String,
    pub format: Format,
    /// The CRS the file's coordinates were in (reprojected from).
    pub crs: Crs,
    pub fields: Vec<Field>,
    pub features: Vec<UserFeature>,
    /// Features or rows left out, each reason once with its count.
    pub skipped: usize,
    pub warnings: Vec<String>,
}

/// What a streamed read went through: the features themselves went to the caller's sink.
#[derive(Debug)]
pub struct Streamed {
    pub path: String,
    pub crs: Crs,
    pub fields: Vec<Field>,
    pub written: usize,
    pub skipped: usize,
    pub warnings: Vec<String>,
}

impl UserLayer {
    /// Vietnamese typed with Unikey's "Unicode tổ hợp" or saved on macOS comes decomposed
    /// (NFD): every field name and text value is composed (NFC) on the way in, whatever
    /// the format, so that it compares, sorts and searches like the rest of the program's
    /// text.
    pub fn into_nfc(mut self) -> Self {
        for field in &mut self.fields {
            compose(&mut field.name);
        }
        for feature in &mut self.features {
            for value in &mut feature.values {
                if let Value::Text(text) = value {
                    compose(text);
                }
            }
        }
        self
    }

    /// The same layer description with no features (to build a subset from).
    pub fn clone_empty(&self) -> UserLayer {
        UserLayer {
            path: self.path.clone(),
            format: self.format,
            crs: self.crs.clone(),
            fields: self.fields.clone(),
            features: Vec::new(),
            skipped: 0,
            warnings: Vec::new(),
        }
    }

    /// The WGS 84 box of all geometry.
    pub fn bbox(&self) -> Option<geo::Rect<f64>> {
        let mut rects = self
            .features
            .iter()
            .filter_map(|f| f.geometry.as_ref()?.bounding_rect());
        let first = rects.next()?;
        Some(rects.fold(first, |a, b| {
            geo::Rect::new(
                geo::coord! { x: a.min().x.min(b.min().x), y: a.min().y.min(b.min().y) },
                geo::coord! { x: a.max().x.max(b.max().x), y: a.max().y.max(b.max().y) },
            )
        }))
    }

    pub fn vertex_count(&self) -> usize {
        self.features
            .iter()
            .filter_map(|f| f.geometry.as_ref())
            .map(|g| g.coords_count())
            .sum()
    }

    /// The geometry types present, in a stable order.
    pub fn geometry_types(&self) -> Vec<&'static str> {
        let mut out: Vec<&'static str> = self
            .features
            .iter()
            .filter_map(|f| f.geometry.as_ref())
            .map(geometry_type)
            .collect();
        out.sort_unstable();
        out.dedup();
        out
    }

    /// What `langson-atlas info` prints.
    pub fn info(&self) -> serde_json::Value {
        let bbox = self
            .bbox()
            .map(|r| serde_json::json!([r.min().x, r.min().y, r.max().x, r.max().y]));
        serde_json::json!({
            "file": self.path,
            "format": self.format.name(),
            "crs": self.crs.name(),
            "features": self.features.len(),
            "skipped": self.skipped,
            "geometry_types": self.geometry_types(),
            "fields": self.fields.iter().map(|f| serde_json::json!({"name": f.name, "type": f.kind.name()})).collect::<Vec<_>>(),
            "bbox_wgs84": bbox,
            "vertices": self.vertex_count(),
            "warnings": self.warnings,
        })
    }

    /// The layer as a GeoJSON FeatureCollection in WGS 84 (RFC 7946), properties in field
    /// order.
    pub fn to_geojson(&self) -> String {
        let mut bytes = Vec::new();
        // Writing to memory cannot fail.
        let _ = self.write_geojson(&mut bytes);
        String::from_utf8_lossy(&bytes).into_owned()
    }

    /// The layer as a GeoJSON FeatureCollection, written a feature at a time: only one
    /// feature's JSON is ever held, whatever the layer's size.
    pub fn write_geojson(&self, out: &mut impl std::io::Write) -> std::io::Result<()> {
        let mut writer = GeoJsonWriter::start(out)?;
        for f in &self.features {
            writer.feature(&self.fields, f)?;
        }
        writer.finish()
    }
}

/// A GeoJSON FeatureCollection written as its features come.
pub struct GeoJsonWriter<'w, W: std::io::Write> {
    out: &'w mut W,
    first: bool,
}

impl<'w, W: std::io::Write> GeoJsonWriter<'w, W> {
    pub fn start(out: &'w mut W) -> std::io::Result<Self> {
        out.write_all(br#"{"type":"FeatureCollection","features":["#)?;
        Ok(Self { out, first: true })
    }

    pub fn feature(&mut self, fields: &[Field], f: &UserFeature) -> std::io::Result<()> {
        if !self.first {
            self.out.write_all(b",")?;
        }
        self.first = false;
        let mut properties = serde_json::Map::new();
        for (field, value) in fields.iter().zip(&f.values) {
            properties.insert(field.name.clone(), value.to_json());
        }
        let feature = geojson::Feature {
            geometry: f.geometry.as_ref().map(geojson::Geometry::from),
            properties: Some(properties),
            ..Default::default()
        };
        serde_json::to_writer(&mut *self.out, &feature).map_err(std::io::Error::other)
    }

    pub fn finish(self) -> std::io::Result<()> {
        self.out.write_all(b"]}")
    }
}

pub fn geometry_type(g: &Geometry<f64>) -> &'static str {
    match g {
        Geometry::Point(_) => "Point",
        Geometry::MultiPoint(_) => "MultiPoint",
        Geometry::Line(_) | Geometry::LineString(_) => "LineString",
        Geometry::MultiLineString(_) => "MultiLineString",
        Geometry::Polygon(_) | Geometry::Rect(_) | Geometry::Triangle(_) => "Polygon",
        Geometry::MultiPolygon(_) => "MultiPolygon",
        Geometry::GeometryCollection(_) => "GeometryCollection",
    }
}

pub(super) fn compose(text: &mut String) {
    use unicode_normalization::UnicodeNormalization;
    if !unicode_normalization::is_nfc(text) {
        *text = text.nfc().collect();
    }
}
