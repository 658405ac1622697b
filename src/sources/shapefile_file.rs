//! ESRI Shapefiles: the `.shp` with its `.dbf` attributes (required), `.shx` index, `.prj`
//! coordinate system and `.cpg` code page (each optional). Attributes in UTF-8 or
//! windows-1258 (the Vietnamese code page, whose tone marks are recomposed to NFC); a
//! table with no `.cpg` is read in the code page its dBase language driver id names, else
//! as UTF-8 when it is valid UTF-8, else as windows-1258.

use super::crs::Crs;
use super::model::{Field, FieldKind, Format, Streamed, UserLayer, Value};
use super::reproject::{self, Rows, Skipped, bad_coordinates};
use super::{IoError, Progress};
use geo::Geometry;
use shapefile::dbase::{self, FieldValue};
use std::io::{BufReader, Read};
use std::path::{Path, PathBuf};
use unicode_normalization::UnicodeNormalization;

/// The file beside `shp` with extension `ext`, in either case (`.dbf` or `.DBF`).
fn sibling(shp: &Path, ext: &str) -> Option<PathBuf> {
    [ext.to_lowercase(), ext.to_uppercase()]
        .into_iter()
        .map(|e| shp.with_extension(e))
        .find(|p| p.exists())
}

/// The attribute table's text encoding: the `.cpg`, else a guess from the bytes.
fn encoding(shp: &Path, dbf: &Path, warnings: &mut Vec<String>) -> &'static encoding_rs::Encoding {
    if let Some(cpg) = sibling(shp, "cpg")
        && let Ok(label) = std::fs::read_to_string(&cpg)
    {
        let label = label.trim();
        let known = match label.to_lowercase().as_str() {
            "1258" | "cp1258" | "ansi 1258" => Some(encoding_rs::WINDOWS_1258),
            "65001" => Some(encoding_rs::UTF_8),
            other => encoding_rs::Encoding::for_label(other.as_bytes()),
        };
        match known {
            Some(e) => return e,
            None => warnings.push(format!(
                "{}: code page “{label}” is unknown; the table is read as UTF-8",
                cpg.display()
            )),
        }
    }
    let bytes = std::fs::read(dbf).unwrap_or_default();
    if let Some((encoding, page)) = bytes.get(29).and_then(|&id| language_driver(id)) {
        warnings.push(format!(
            "no .cpg: the attribute table is read as {page}, as its dBase language driver says"
        ));
        return encoding;
    }
    if std::str::from_utf8(&bytes).is_ok() {
        encoding_rs::UTF_8
    } else {
        warnings
            .push("no .cpg: the attribute table is read as windows-1258 (Vietnamese)".to_owned());
        encoding_rs::WINDOWS_1258
    }
}

/// The code page a dBase language driver id names, where encoding_rs has it. Id 0 (none)
/// and 0x57 ("the current ANSI code page", what most GIS software writes) say nothing;
/// windows-1258 has no id at all, so Vietnamese tables are found by the guess above.
fn language_driver(id: u8) -> Option<(&'static encoding_rs::Encoding, &'static str)> {
    use encoding_rs as e;
    Some(match id {
        0x03 | 0x58 | 0x59 => (e::WINDOWS_1252, "windows-1252"),
        0x13 | 0x7B => (e::SHIFT_JIS, "Shift_JIS"),
        0x26 | 0x65 => (e::IBM866, "IBM866"),
        0x4D | 0x7A => (e::GBK, "GBK"),
        0x4E | 0x79 => (e::EUC_KR, "EUC-KR"),
        0x4F | 0x78 => (e::BIG5, "Big5"),
        0x50 | 0x7C => (e::WINDOWS_874, "windows-874"),
        0x7D => (e::WINDOWS_1255, "windows-1255"),
        0x7E => (e::WINDOWS_1256, "windows-1256"),
        0xC8 => (e::WINDOWS_1250, "windows-1250"),
        0xC9 => (e::WINDOWS_1251, "windows-1251"),
        0xCA => (e::WINDOWS_1254, "windows-1254"),
        0xCB => (e::WINDOWS_1253, "windows-1253"),
        0xCC => (e::WINDOWS_1257, "windows-1257"),
        _ => return None,
    })
}

type Parts = shapefile::Reader<BufReader<std::fs::File>, BufReader<std::fs::File>>;

/// A shapefile opened: its parts, fields (kinds not yet known), counts, CRS if stated, and
/// what the opening found to say.
struct Opened {
    path: String,
    reader: Parts,
    fields: Vec<Field>,
    records_in_table: usize,
    shape_count: Option<usize>,
    crs: Option<Crs>,
    /// Whether a `.prj` was beside the `.shp`.
    has_prj: bool,
    warnings: Vec<String>,
}

fn open_parts(shp: &Path, crs: Option<Crs>) -> Result<Opened, IoError> {
    let path = shp.display().to_string();
    let invalid = |message: String| IoError::invalid(&path, message);
    let dbf = sibling(shp, "dbf").ok_or_else(|| {
        invalid(
            "no .dbf beside it: a shapefile's attributes are in the .dbf of the same name"
                .to_owned(),
        )
    })?;
    let mut warnings = Vec::new();
    let encoding = encoding(shp, &dbf, &mut warnings);
    let open = |p: &Path| {
        std::fs::File::open(p)
            .map(BufReader::new)
            .map_err(|e| IoError::Unreadable {
                path: p.display().to_string(),
                message: e.to_string(),
            })
    };
    let table = dbase::ReaderBuilder::new()
        .with_encoding(dbase::encoding::EncodingRs::from(encoding))
        .build(open(&dbf)?)
        .map_err(|e| invalid(format!("{}: {e}", dbf.display())))?;
    let fields: Vec<Field> = table
        .fields()
        .iter()
        .map(|f| Field {
            name: f.name().to_owned(),
            kind: FieldKind::Null,
        })
        .collect();
    let records_in_table = table.header().num_records as usize;
    let shapes = match sibling(shp, "shx") {
        Some(shx) => shapefile::ShapeReader::with_shx(open(shp)?, open(&shx)?),
        None => shapefile::ShapeReader::new(open(shp)?),
    }
    .map_err(|e| invalid(e.to_string()))?;
    let shape_count = shapes.shape_count().ok();
    if let Some(n) = shape_count
        && n != records_in_table
    {
        warnings.push(format!(
            "the .shp has {n} shapes and the .dbf {records_in_table} records: only pairs are read"
        ));
    }
    let prj = sibling(shp, "prj");
    let crs = match (crs, &prj) {
        (Some(c), _) => Some(c),
        (None, Some(prj)) => {
            let text = std::fs::read_to_string(prj).map_err(|e| IoError::Unreadable {
                path: prj.display().to_string(),
                message: e.to_string(),
            })?;
            Some(Crs::from_prj(&text).map_err(|e| invalid(format!("{}: {e}", prj.display())))?)
        }
        (None, None) => None,
    };
    Ok(Opened {
        reader: shapefile::Reader::new(shapes, table),
        path,
        fields,
        records_in_table,
        shape_count,
        crs,
        has_prj: prj.is_some(),
        warnings,
    })
}

impl Opened {
    /// Each readable pair of shape and record, in the file's CRS: `take(n, geometry,
    /// values)` with the record's number from 1. What cannot be read is skipped and said.
    fn each_record(
        &mut self,
        progress: &Progress,
        skipped: &mut Skipped,
        take: &mut dyn FnMut(usize, Option<Geometry<f64>>, Vec<Value>) -> Result<(), IoError>,
    ) -> Result<(), IoError> {
        let total = self.shape_count.unwrap_or(self.records_in_table).max(1) as u64;
        let last = self.records_in_table.max(self.shape_count.unwrap_or(0));
        let names: Vec<String> = self.fields.iter().map(|f| f.name.clone()).collect();
        for (n, item) in self.reader.iter_shapes_and_records().enumerate() {
            if progress.cancelled() {
                return Err(IoError::Cancelled {
                    path: self.path.clone(),
                });
            }
            progress.set(n as u64, total);
            let (shape, record) = match item {
                Ok(pair) => pair,
                Err(e) => {
                    skipped.add(format!("record {}: {e}", n + 1));
                    if n + 1 >= last {
                        break;
                    }
                    continue;
                }
            };
            #[expect(
                clippy::wildcard_enum_match_arm,
                reason = "shapefile::Shape's thirteen shapes go through geo's conversion, which names what it cannot take"
            )]
            let geometry = match shape {
                shapefile::Shape::NullShape => None,
                other => match Geometry::<f64>::try_from(other) {
                    Ok(g) => Some(g),
                    Err(e) => {
                        skipped.add(format!("record {}: {e}", n + 1));
                        continue;
                    }
                },
            };
            if let Some(problem) = geometry.as_ref().and_then(bad_coordinates) {
                skipped.add(format!("record {}: {problem}", n + 1));
                continue;
            }
            let values: Vec<Value> = names
                .iter()
                .map(|name| record.get(name).map_or(Value::Null, value))
                .collect();
            take(n + 1, geometry, values)?;
        }
        Ok(())
    }
}

pub fn read(shp: &Path, crs: Option<Crs>, progress: &Progress) -> Result<UserLayer, IoError> {
    let mut opened = open_parts(shp, crs)?;
    let mut rows: Rows = Vec::new();
    let mut skipped = Skipped::default();
    opened.each_record(progress, &mut skipped, &mut |n, geometry, values| {
        rows.push((n, geometry, values));
        Ok(())
    })?;
    let Opened {
        path,
        fields,
        crs,
        has_prj,
        mut warnings,
        ..
    } = opened;
    if crs.is_none() && !has_prj {
        warnings
            .push("no .prj: the coordinates are read as WGS 84 degrees if they can be".to_owned());
    }
    reproject::finish(reproject::Read {
        path,
        shown: None,
        format: Format::Shapefile,
        what: "record",
        rows,
        fields,
        chosen: crs,
        skipped,
        warnings,
    })
}

/// Reads the shapefile a feature at a time, in WGS 84, handing each to `sink` with the
/// layer's fields: memory stays that of one feature whatever the file's size. The records
/// are read twice, first for their fields' kinds (a number in a text column is text).
/// `None`, having read nothing, when the CRS is known neither from the caller nor from a
/// `.prj`: only the coordinates can then tell, and [`read`] looks at them all.
pub fn stream(
    shp: &Path,
    crs: Option<Crs>,
    progress: &Progress,
    sink: &mut super::Sink<'_>,
) -> Result<Option<Streamed>, IoError> {
    let mut opened = open_parts(shp, crs)?;
    let Some(crs) = opened.crs.clone() else {
        return Ok(None);
    };
    let fields = table_kinds(shp, opened.fields.clone(), progress)?;
    let mut skipped = Skipped::default();
    let mut written = 0;
    let path = opened.path.clone();
    let mut problems = Skipped::default();
    opened.each_record(progress, &mut skipped, &mut |n, geometry, values| {
        let one = reproject::to_wgs84(
            vec![(n, geometry, values)],
            &fields,
            &crs,
            "record",
            &path,
            &mut problems,
        )?;
        for feature in one {
            sink(&fields, feature)?;
            written += 1;
        }
        Ok(())
    })?;
    skipped.count += problems.count;
    skipped.reasons.extend(problems.reasons);
    let mut warnings = opened.warnings;
    warnings.extend(skipped.reasons);
    Ok(Some(Streamed {
        path,
        crs,
        fields,
        written,
        skipped: skipped.count,
        warnings,
    }))
}

/// The fields' kinds from a pass over the attribute table alone (the shapes unread).
fn table_kinds(
    shp: &Path,
    mut fields: Vec<Field>,
    progress: &Progress,
) -> Result<Vec<Field>, IoError> {
    let path = shp.display().to_string();
    let Some(dbf) = sibling(shp, "dbf") else {
        return Ok(fields);
    };
    let encoding = encoding(shp, &dbf, &mut Vec::new());
    let file = std::fs::File::open(&dbf).map_err(|e| IoError::Unreadable {
        path: dbf.display().to_string(),
        message: e.to_string(),
    })?;
    let mut table = dbase::ReaderBuilder::new()
        .with_encoding(dbase::encoding::EncodingRs::from(encoding))
        .build(BufReader::new(file))
        .map_err(|e| IoError::invalid(&path, format!("{}: {e}", dbf.display())))?;
    for record in table.iter_records() {
        if progress.cancelled() {
            return Err(IoError::Cancelled { path });
        }
        // A record that cannot be read is said when the features are read.
        let Ok(record) = record else { continue };
        for field in &mut fields {
            let v = record.get(&field.name).map_or(Value::Null, value);
            field.kind = field.kind.widen(v.kind());
        }
    }
    Ok(fields)
}

fn value(v: &FieldValue) -> Value {
    match v {
        FieldValue::Character(Some(s)) | FieldValue::Memo(s) => {
            let s: String = s.trim_end().nfc().collect();
            if s.is_empty() {
                Value::Null
            } else {
                Value::Text(s)
            }
        }
        FieldValue::Numeric(Some(n)) | FieldValue::Double(n) | FieldValue::Currency(n) => {
            if n.fract() == 0.0 && n.abs() < 9.0e15 {
                Value::Integer(*n as i64)
            } else {
                Value::Real(*n)
            }
        }
        FieldValue::Float(Some(f)) => Value::Real(f64::from(*f)),
        FieldValue::Integer(i) => Value::Integer(i64::from(*i)),
        FieldValue::Logical(Some(b)) => Value::Boolean(*b),
        FieldValue::Date(Some(d)) => {
            let iso = format!("{:04}-{:02}-{:02}", d.year(), d.month(), d.day());
            Value::date(&iso).unwrap_or(Value::Text(iso))
        }
        FieldValue::Character(None)
        | FieldValue::Numeric(None)
        | FieldValue::Float(None)
        | FieldValue::Logical(None)
        | FieldValue::Date(None)
        | FieldValue::DateTime(_) => Value::Null,
    }
}

/// A zip holding one shapefile (its .shp and the files beside it): unpacked into a private
/// temporary folder, read, and the folder removed.
pub fn read_zip(
    bytes: &[u8],
    path: &str,
    crs: Option<Crs>,
    progress: &Progress,
) -> Result<UserLayer, IoError> {
    let invalid = |message: String| IoError::invalid(path, message);
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes))
        .map_err(|e| invalid(format!("not a zip archive: {e}")))?;
    let shps: Vec<String> = archive
        .file_names()
        .filter(|n| n.to_lowercase().ends_with(".shp"))
        .map(str::to_owned)
        .collect();
    let shp = match shps.as_slice() {
        [one] => one.clone(),
        [] => return Err(invalid("the zip holds no .shp".to_owned())),
        many => {
            return Err(invalid(format!(
                "the zip holds {} shapefiles; unpack it and open one",
                many.len()
            )));
        }
    };
    let stem = shp[..shp.len() - 4].to_owned();
    // Removed when dropped, whichever way this returns.
    let folder = tempfile::Builder::new()
        .prefix("langson-atlas-")
        .tempdir()
        .map_err(|e| invalid(format!("a temporary folder: {e}")))?;
    let dir = folder.path();
    (|| {
        for i in 0..archive.len() {
            let mut entry = archive.by_index(i).map_err(|e| invalid(e.to_string()))?;
            let name = entry.name().to_owned();
            let Some(ext) = name
                .strip_prefix(&stem)
                .filter(|e| e.starts_with('.') && !e.contains('/'))
            else {
                continue;
            };
            let mut data = Vec::new();
            std::io::Read::read_to_end(&mut (&mut entry).take(super::MAX_BYTES), &mut data)
                .map_err(|e| invalid(format!("{name}: {e}")))?;
            std::fs::write(dir.join(format!("layer{}", ext.to_lowercase())), data)
                .map_err(|e| invalid(format!("{}: {e}", dir.display())))?;
        }
        let mut layer = read(&dir.join("layer.shp"), crs, progress).map_err(|e| match e {
            IoError::Invalid { message, .. } => invalid(format!("{shp}: {message}")),
            IoError::NeedsCrs { .. } => IoError::NeedsCrs {
                path: path.to_owned(),
            },
            other @ (IoError::Unreadable { .. }
            | IoError::Empty { .. }
            | IoError::TooLarge { .. }
            | IoError::UnknownFormat { .. }
            | IoError::NoCoordinates { .. }
            | IoError::ChooseLayer { .. }
            | IoError::Cancelled { .. }
            | IoError::Unwritable { .. }
            | IoError::Database(_)) => other,
        })?;
        layer.path = path.to_owned();
        Ok(layer)
    })()
}
