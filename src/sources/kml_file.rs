//! KML and KMZ, as Google Earth writes them: every Placemark (point, line, polygon,
//! MultiGeometry) in its folders, with its name, description, folder and ExtendedData as
//! attributes. Coordinates are WGS 84 by definition. A KMZ is a zip holding the KML.

use super::crs::Crs;
use super::model::{Field, FieldKind, Format, UserLayer, Value};
use super::reproject::{self, Rows, Skipped, bad_coordinates, out_of_range};
use super::{IoError, Progress};
use geo::Geometry;
use kml::Kml;
use kml::types::{Element, Placemark};
use std::io::Read;

/// The KML text of a KMZ: `doc.kml` if present, else its first `.kml` entry.
pub fn kml_of_kmz(bytes: &[u8], path: &str) -> Result<String, IoError> {
    let invalid = |message: String| IoError::invalid(path, message);
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes))
        .map_err(|e| invalid(format!("not a KMZ (zip) archive: {e}")))?;
    let names: Vec<String> = archive.file_names().map(str::to_owned).collect();
    let entry = names
        .iter()
        .find(|n| n.eq_ignore_ascii_case("doc.kml"))
        .or_else(|| names.iter().find(|n| n.to_lowercase().ends_with(".kml")))
        .ok_or_else(|| invalid("the KMZ holds no .kml file".to_owned()))?
        .clone();
    let mut text = String::new();
    archive
        .by_name(&entry)
        .map_err(|e| invalid(format!("{entry}: {e}")))?
        .take(super::MAX_BYTES)
        .read_to_string(&mut text)
        .map_err(|e| invalid(format!("{entry}: {e}")))?;
    Ok(text)
}

/// What makes a KML document unreadable before the kml crate sees it.
#[derive(Debug, thiserror::Error)]
enum XmlProblem {
    #[error("mismatched closing tag at byte {at}")]
    Mismatched { at: u64 },
    #[error("at byte {at}: {message}")]
    Syntax { at: u64, message: String },
    #[error("the document ends inside <{tag}>: cut short?")]
    CutShort { tag: String },
}

/// Whether the text is well-formed XML with balanced tags. The kml crate never returns on
/// some truncated documents, so they are refused here first.
fn well_formed(text: &str) -> Result<(), XmlProblem> {
    use quick_xml::events::Event;
    let mut reader = quick_xml::Reader::from_str(text);
    let mut open: Vec<Vec<u8>> = Vec::new();
    loop {
        match reader.read_event() {
            Ok(Event::Start(e)) => open.push(e.name().as_ref().to_vec()),
            Ok(Event::End(e)) => {
                if open.pop().as_deref() != Some(e.name().as_ref()) {
                    return Err(XmlProblem::Mismatched {
                        at: reader.buffer_position(),
                    });
                }
            }
            Ok(Event::Eof) => break,
            Ok(_) => {}
            Err(e) => {
                return Err(XmlProblem::Syntax {
                    at: reader.buffer_position(),
                    message: e.to_string(),
                });
            }
        }
    }
    match open.last() {
        Some(tag) => Err(XmlProblem::CutShort {
            tag: String::from_utf8_lossy(tag).into_owned(),
        }),
        None => Ok(()),
    }
}

pub fn read(text: &str, path: &str, kmz: bool, progress: &Progress) -> Result<UserLayer, IoError> {
    well_formed(text).map_err(|e| IoError::Invalid {
        path: path.to_owned(),
        message: format!("not well-formed KML: {e}"),
    })?;
    let root: Kml<f64> = kml::KmlReader::<_, f64>::from_string(text)
        .read()
        .map_err(|e| IoError::Invalid {
            path: path.to_owned(),
            message: format!("not KML: {e}"),
        })?;
    let mut placemarks: Vec<(Vec<String>, Placemark<f64>)> = Vec::new();
    collect(root, &mut Vec::new(), &mut placemarks);
    let mut fields: Vec<Field> = ["name", "description", "folder"]
        .iter()
        .map(|n| Field {
            name: (*n).to_owned(),
            kind: FieldKind::Null,
        })
        .collect();
    let mut skipped = Skipped::default();
    let mut rows: Rows = Vec::new();
    let total = placemarks.len() as u64;
    for (n, (folders, placemark)) in placemarks.into_iter().enumerate() {
        if progress.cancelled() {
            return Err(IoError::Cancelled {
                path: path.to_owned(),
            });
        }
        progress.set(n as u64, total);
        let label = placemark
            .name
            .clone()
            .unwrap_or_else(|| format!("placemark {}", n + 1));
        let geometry = match placemark.geometry.clone().map(Geometry::<f64>::try_from) {
            None => None,
            Some(Ok(g)) => Some(g),
            Some(Err(e)) => {
                skipped.add(format!("{label}: {e}"));
                continue;
            }
        };
        if let Some(problem) = geometry
            .as_ref()
            .and_then(|g| bad_coordinates(g).or_else(|| out_of_range(g)))
        {
            skipped.add(format!("{label}: {problem}"));
            continue;
        }
        let text = |s: Option<String>| {
            s.map(|t| t.trim().to_owned())
                .filter(|t| !t.is_empty())
                .map_or(Value::Null, Value::Text)
        };
        let mut values = vec![
            text(placemark.name.clone()),
            text(placemark.description.clone()),
            text((!folders.is_empty()).then(|| folders.join(" / "))),
        ];
        for (key, value) in extended_data(&placemark.children) {
            let index = match fields.iter().position(|f| f.name == key) {
                Some(i) => i,
                None => {
                    fields.push(Field {
                        name: key,
                        kind: FieldKind::Null,
                    });
                    fields.len() - 1
                }
            };
            if values.len() <= index {
                values.resize(index + 1, Value::Null);
            }
            values[index] = super::csv_file::typed(value.trim());
        }
        rows.push((n + 1, geometry, values));
    }
    let mut warnings = Vec::new();
    if rows.is_empty() && skipped.count == 0 {
        warnings.push("the file holds no placemarks".to_owned());
    }
    // KML is WGS 84 by definition (its out-of-range coordinates are skipped above).
    reproject::finish(reproject::Read {
        path: path.to_owned(),
        shown: None,
        format: if kmz { Format::Kmz } else { Format::Kml },
        what: "placemark",
        rows,
        fields,
        chosen: Some(Crs::Wgs84),
        skipped,
        warnings,
    })
}

/// Every placemark, depth first, with the names of the folders it sits in.
#[expect(
    clippy::wildcard_enum_match_arm,
    reason = "kml::Kml is non_exhaustive: styles, schemas and the rest hold no placemarks"
)]
fn collect(
    node: Kml<f64>,
    folders: &mut Vec<String>,
    out: &mut Vec<(Vec<String>, Placemark<f64>)>,
) {
    match node {
        Kml::KmlDocument(doc) => {
            for e in doc.elements {
                collect(e, folders, out);
            }
        }
        Kml::Document { elements, .. } => {
            for e in elements {
                collect(e, folders, out);
            }
        }
        Kml::Folder(folder) => {
            let named = folder.name.is_some();
            if let Some(name) = folder.name {
                folders.push(name);
            }
            for e in folder.elements {
                collect(e, folders, out);
            }
            if named {
                folders.pop();
            }
        }
        Kml::Placemark(p) => out.push((folders.clone(), p)),
        _ => {}
    }
}

/// `<ExtendedData><Data name="k"><value>v</value></Data>` and `<SchemaData><SimpleData
/// name="k">v</SimpleData>` pairs, in document order.
fn extended_data(children: &[Element]) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for child in children.iter().filter(|c| c.name == "ExtendedData") {
        for data in &child.children {
            match data.name.as_str() {
                "Data" => {
                    if let Some(key) = data.attrs.get("name") {
                        let value = data
                            .children
                            .iter()
                            .find(|v| v.name == "value")
                            .and_then(|v| v.content.clone())
                            .unwrap_or_default();
                        out.push((key.clone(), value));
                    }
                }
                "SchemaData" => {
                    for simple in data.children.iter().filter(|s| s.name == "SimpleData") {
                        if let Some(key) = simple.attrs.get("name") {
                            out.push((key.clone(), simple.content.clone().unwrap_or_default()));
                        }
                    }
                }
                _ => {}
            }
        }
    }
    out
}
