//! FlatGeobuf: a header (columns, CRS), an optional spatial index, then size-prefixed
//! features, read with the flatgeobuf crate. Its reader trusts some numbers that a damaged
//! file can get wrong (the index's node size, a feature's size, a property's length), so
//! the file's framing is checked first and each feature is decoded inside a guard.

use super::crs::Crs;
use super::geometry_blob::Collect;
use super::model::{Field, FieldKind, Format, UserLayer, Value};
use super::reproject::{self, Rows, Skipped, bad_coordinates};
use super::{IoError, Progress};
use flatgeobuf::{FallibleStreamingIterator, FgbReader};
use geozero::{ColumnValue, FeatureProperties, GeozeroGeometry, PropertyProcessor};
use std::io::Cursor;

/// The size in bytes of the packed R-tree of `count` items, as the format defines it;
/// `None` when the numbers cannot be a real index.
fn index_bytes(count: u64, node_size: u16) -> Option<u64> {
    if node_size < 2 || count == 0 {
        return None;
    }
    let mut n = count;
    let mut nodes = n;
    loop {
        n = n.div_ceil(u64::from(node_size));
        nodes = nodes.checked_add(n)?;
        if n == 1 {
            break;
        }
    }
    nodes.checked_mul(40)
}

/// How many whole features the file holds after `start`, and why it stops early if it does.
fn intact_features(bytes: &[u8], start: u64) -> (usize, Option<String>) {
    let mut pos = start;
    let mut n = 0;
    let len = bytes.len() as u64;
    while pos < len {
        let at = pos as usize;
        let Some(prefix) = bytes.get(at..at + 4) else {
            return (
                n,
                Some(format!("feature {}: the file ends inside it", n + 1)),
            );
        };
        let size = u64::from(u32::from_le_bytes([
            prefix[0], prefix[1], prefix[2], prefix[3],
        ]));
        if pos + 4 + size > len {
            return (
                n,
                Some(format!("feature {}: the file ends inside it", n + 1)),
            );
        }
        pos += 4 + size;
        n += 1;
    }
    (n, None)
}

/// One feature's values by column index, widened into the layer's field kinds.
struct Values<'a>(&'a mut Vec<Value>);

impl PropertyProcessor for Values<'_> {
    fn property(&mut self, i: usize, _: &str, v: &ColumnValue) -> geozero::error::Result<bool> {
        if let Some(slot) = self.0.get_mut(i) {
            *slot = value(v);
        }
        Ok(false)
    }
}

fn value(v: &ColumnValue) -> Value {
    use ColumnValue as C;
    match *v {
        C::Byte(x) => Value::Integer(x.into()),
        C::UByte(x) => Value::Integer(x.into()),
        C::Bool(x) => Value::Boolean(x),
        C::Short(x) => Value::Integer(x.into()),
        C::UShort(x) => Value::Integer(x.into()),
        C::Int(x) => Value::Integer(x.into()),
        C::UInt(x) => Value::Integer(x.into()),
        C::Long(x) => Value::Integer(x),
        C::ULong(x) => i64::try_from(x).map_or(Value::Real(x as f64), Value::Integer),
        C::Float(x) => Value::Real(x.into()),
        C::Double(x) => Value::Real(x),
        C::DateTime(s) => Value::date(s).unwrap_or_else(|| Value::Text(s.to_owned())),
        C::String(s) | C::Json(s) => Value::Text(s.to_owned()),
        C::Binary(b) => Value::Text(format!("({} bytes of binary data)", b.len())),
    }
}

pub fn read(
    bytes: &[u8],
    path: &str,
    crs: Option<Crs>,
    progress: &Progress,
) -> Result<UserLayer, IoError> {
    let invalid = |message: String| IoError::invalid(path, message);
    let reader = FgbReader::open(Cursor::new(bytes))
        .map_err(|e| invalid(format!("not a FlatGeobuf file: {e}")))?;
    let header = reader.header();
    let header_len = bytes.get(8..12).map_or(0, |b| {
        u64::from(u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
    });
    let count = header.features_count();
    let index = match (header.index_node_size(), count) {
        (0, _) | (_, 0) => 0,
        (node_size, _) => index_bytes(count, node_size)
            .filter(|&b| 12 + header_len + b <= bytes.len() as u64)
            .ok_or_else(|| invalid("its spatial index does not fit in the file".to_owned()))?,
    };
    let (intact, cut) = intact_features(bytes, 12 + header_len + index);
    let fields: Vec<Field> = header
        .columns()
        .map(|cols| {
            cols.iter()
                .map(|c| Field {
                    name: c.name().to_owned(),
                    kind: FieldKind::Null,
                })
                .collect()
        })
        .unwrap_or_default();
    let chosen = match crs {
        Some(c) => Some(c),
        None => file_crs(&header, path)?,
    };
    let mut features = reader
        .select_all()
        .map_err(|e| invalid(format!("its features cannot be reached: {e}")))?;
    let mut rows: Rows = Vec::new();
    let mut skipped = Skipped::default();
    for n in 1..=intact {
        if progress.cancelled() {
            return Err(IoError::Cancelled {
                path: path.to_owned(),
            });
        }
        progress.set(n as u64, intact as u64);
        let feature = match features.next() {
            Ok(Some(f)) => f,
            Ok(None) => break,
            Err(e) => {
                skipped.add(format!("feature {n}: {e}"));
                break;
            }
        };
        let mut values = vec![Value::Null; fields.len()];
        // The one catch_unwind outside tests. flatgeobuf 6 reads a feature's properties and
        // coordinates at the lengths and ring ends the file states without checking them
        // against the feature's buffer, so a damaged or hostile feature makes it panic.
        // The framing is checked above, but checking every property length and ring end
        // first would be decoding the feature twice; instead its panic is this feature's
        // fault, skipped and said as such, not the program's end. Unwinding leaves nothing
        // half-changed: `values` and `collect` are this feature's own and dropped with it.
        #[expect(
            clippy::disallowed_methods,
            reason = "the flatgeobuf crate panics on damaged features"
        )]
        let decoded = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            let mut collect = Collect::default();
            let geometry = match feature.geometry() {
                Some(_) => feature.process_geom(&mut collect).map(|()| collect.take()),
                None => Ok(None),
            };
            let properties = feature.process_properties(&mut Values(&mut values));
            (geometry, properties)
        }));
        let geometry = match decoded {
            Ok((Ok(g), Ok(_))) => g,
            Ok((Err(e), _)) | Ok((_, Err(e))) => {
                skipped.add(format!("feature {n}: {e}"));
                continue;
            }
            Err(_) => {
                skipped.add(format!("feature {n}: its data is damaged"));
                continue;
            }
        };
        if let Some(problem) = geometry.as_ref().and_then(bad_coordinates) {
            skipped.add(format!("feature {n}: {problem}"));
            continue;
        }
        rows.push((n, geometry, values));
    }
    let mut warnings = Vec::new();
    if let Some(cut) = cut {
        warnings.push(format!("{cut}; the features before it are read"));
    }
    reproject::finish(reproject::Read {
        path: path.to_owned(),
        shown: None,
        format: Format::FlatGeobuf,
        what: "feature",
        rows,
        fields,
        chosen,
        skipped,
        warnings,
    })
}

/// The header's CRS: its EPSG code when the atlas knows it, else its WKT.
fn file_crs(header: &flatgeobuf::Header<'_>, path: &str) -> Result<Option<Crs>, IoError> {
    let Some(crs) = header.crs() else {
        return Ok(None);
    };
    let epsg = crs.org().is_none_or(|o| o.eq_ignore_ascii_case("EPSG"));
    if epsg && let Some(known) = u16::try_from(crs.code()).ok().and_then(Crs::from_epsg) {
        return Ok(Some(known));
    }
    match crs.wkt() {
        Some(wkt) if !wkt.trim().is_empty() => {
            Crs::from_prj(wkt).map(Some).map_err(|e| IoError::Invalid {
                path: path.to_owned(),
                message: format!("its coordinate system: {e}"),
            })
        }
        _ if crs.code() == 0 => Ok(None),
        _ => Err(IoError::Invalid {
            path: path.to_owned(),
            message: format!(
                "its coordinate system EPSG:{} is not one the atlas knows; give it with --crs",
                crs.code()
            ),
        }),
    }
}
