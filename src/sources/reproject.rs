//! The step every reader ends with: decide the coordinate system (what the user chose,
//! what the file says, else WGS 84 unless the numbers are plainly metres), then bring each
//! feature to WGS 84, skipping and counting those that cannot be.

use super::IoError;
use super::crs::{Crs, ToWgs84, plainly_projected};
use super::model::{Field, Format, UserFeature, UserLayer, Value};
use geo::{CoordsIter, Geometry, MapCoordsInPlace};

/// Features as read: their number in the file (for messages), geometry in the file's
/// coordinates, values in field order.
pub type Rows = Vec<(usize, Option<Geometry<f64>>, Vec<Value>)>;

/// Skipped features: how many, and the first reasons word for word.
#[derive(Default)]
pub struct Skipped {
    pub count: usize,
    pub reasons: Vec<String>,
}

impl Skipped {
    pub fn add(&mut self, reason: String) {
        self.count += 1;
        if self.reasons.len() < 20 {
            self.reasons.push(format!("{reason}: skipped"));
        }
    }
}

/// A coordinate that is not a finite number.
pub fn bad_coordinates(g: &Geometry<f64>) -> Option<String> {
    g.coords_iter()
        .any(|c| !c.x.is_finite() || !c.y.is_finite())
        .then(|| "a coordinate is not a finite number".to_owned())
}

/// A longitude beyond ±180° or a latitude beyond ±90° in a file of degrees.
pub fn out_of_range(g: &Geometry<f64>) -> Option<String> {
    g.coords_iter()
        .find(|c| c.x.abs() > 180.0 || c.y.abs() > 90.0)
        .map(|c| format!("({}, {}) is not a longitude/latitude", c.x, c.y))
}

/// The CRS to read `rows` in: `chosen` (the user's, or the file's own), else WGS 84 if the
/// numbers can be degrees; metres with no CRS are refused with a request for one.
pub fn decide(rows: &Rows, chosen: Option<Crs>, path: &str) -> Result<Crs, IoError> {
    if let Some(crs) = chosen {
        return Ok(crs);
    }
    let sample: Vec<(f64, f64)> = rows
        .iter()
        .filter_map(|(_, g, _)| g.as_ref())
        .flat_map(|g| g.coords_iter().take(4).map(|c| (c.x, c.y)))
        .take(400)
        .collect();
    if plainly_projected(sample) {
        return Err(IoError::NeedsCrs {
            path: path.to_owned(),
        });
    }
    Ok(Crs::Wgs84)
}

/// What a reader has read, for the end every reader shares ([`finish`]).
pub struct Read {
    /// The file as messages name it.
    pub path: String,
    /// The layer's name, where it differs from the file's (a GeoPackage table).
    pub shown: Option<String>,
    pub format: Format,
    /// What a row is called in messages: "feature", "record", "row", "placemark".
    pub what: &'static str,
    pub rows: Rows,
    /// In file order; their kinds are found here from the values.
    pub fields: Vec<Field>,
    /// The CRS the user chose or the file states.
    pub chosen: Option<Crs>,
    pub skipped: Skipped,
    /// The reader's own warnings, said before the skips.
    pub warnings: Vec<String>,
}

/// The end every reader shares: each field takes the kind its values hold, the CRS is
/// decided, every row is brought to WGS 84 with its values conformed to their field's
/// kind, and the skips are said after the reader's own warnings.
pub fn finish(read: Read) -> Result<UserLayer, IoError> {
    let Read {
        path,
        shown,
        format,
        what,
        mut rows,
        mut fields,
        chosen,
        mut skipped,
        mut warnings,
    } = read;
    for (_, _, values) in &mut rows {
        values.resize(fields.len(), Value::Null);
        for (field, value) in fields.iter_mut().zip(values.iter()) {
            field.kind = field.kind.widen(value.kind());
        }
    }
    let crs = decide(&rows, chosen, &path)?;
    let features = to_wgs84(rows, &fields, &crs, what, &path, &mut skipped)?;
    warnings.extend(skipped.reasons);
    Ok(UserLayer {
        path: shown.unwrap_or(path),
        format,
        crs,
        fields,
        features,
        skipped: skipped.count,
        warnings,
    })
}

/// Every row in WGS 84, its values conformed to their fields' kinds; `what` names a row in
/// messages ("feature", "record", "row").
pub fn to_wgs84(
    rows: Rows,
    fields: &[Field],
    crs: &Crs,
    what: &str,
    path: &str,
    skipped: &mut Skipped,
) -> Result<Vec<UserFeature>, IoError> {
    let to = ToWgs84::new(crs).map_err(|e| IoError::Invalid {
        path: path.to_owned(),
        message: e.to_string(),
    })?;
    let geographic = crs.is_geographic();
    let mut out = Vec::with_capacity(rows.len());
    for (n, geometry, values) in rows {
        let label = format!("{what} {n}");
        if let Some(problem) = geometry.as_ref().and_then(|g| {
            bad_coordinates(g).or_else(|| geographic.then(|| out_of_range(g)).flatten())
        }) {
            skipped.add(format!("{label}: {problem}"));
            continue;
        }
        // In place: a new geometry collected through a fallible map grows its vectors by
        // doubling, which left a large layer's coordinates in up to twice their memory.
        // (geo's fallible in-place map does not compile for geometry collections: its
        // closure recurses by reference; the first error is kept aside instead.)
        let geometry = match geometry.map(|mut g| {
            let failed = std::cell::RefCell::new(None);
            let failed_ref = &failed;
            let to = &to;
            g.map_coords_in_place(move |c| match to.point(c.x, c.y) {
                Ok((x, y)) => geo::coord! { x: x, y: y },
                Err(e) => {
                    failed_ref.borrow_mut().get_or_insert(e);
                    c
                }
            });
            match failed.into_inner() {
                Some(e) => Err(e),
                None => Ok(g),
            }
        }) {
            None => None,
            Some(Ok(g)) => Some(g),
            Some(Err(e)) => {
                skipped.add(format!("{label}: {e}"));
                continue;
            }
        };
        let values = values
            .into_iter()
            .zip(fields)
            .map(|(v, f)| v.conform(f.kind))
            .collect();
        out.push(UserFeature { geometry, values });
    }
    Ok(out)
}
