//! GeoPackage (OGC 12-128r18): an SQLite file whose `gpkg_contents` lists feature tables,
//! each with one geometry column (GeoPackage blobs) and its `gpkg_spatial_ref_sys` entry.
//! A file with several feature tables asks which one ([`IoError::ChooseLayer`]).

use super::crs::Crs;
use super::geometry_blob;
use super::model::{Field, FieldKind, Format, UserLayer, Value};
use super::reproject::{self, Rows, Skipped, bad_coordinates};
use super::{IoError, Progress};
use rusqlite::types::ValueRef;
use rusqlite::{Connection, OpenFlags};
use std::path::Path;

/// A feature table: its name, geometry column and spatial reference id.
struct Table {
    name: String,
    geometry: String,
    srs_id: i64,
}

fn quoted(identifier: &str) -> String {
    format!("\"{}\"", identifier.replace('"', "\"\""))
}

fn connect(path: &Path, shown: &str) -> Result<Connection, IoError> {
    Connection::open_with_flags(
        path,
        OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )
    .map_err(|e| IoError::Invalid {
        path: shown.to_owned(),
        message: format!("not a GeoPackage: {e}"),
    })
}

fn tables(db: &Connection) -> rusqlite::Result<Vec<Table>> {
    let mut query = db.prepare(
        "SELECT c.table_name, g.column_name, g.srs_id FROM gpkg_contents c \
         JOIN gpkg_geometry_columns g ON c.table_name = g.table_name \
         WHERE c.data_type = 'features'",
    )?;
    let mut tables = query
        .query_map([], |row| {
            Ok(Table {
                name: row.get(0)?,
                geometry: row.get(1)?,
                srs_id: row.get(2)?,
            })
        })?
        .collect::<rusqlite::Result<Vec<Table>>>()?;
    // Planners name layers in Vietnamese: offered in Vietnamese order, not SQLite's code
    // point order.
    crate::atlas::collate::sort_by_name(&mut tables, |t| &t.name);
    Ok(tables)
}

/// The names of the feature tables (layers) in a GeoPackage.
pub fn layers(path: &Path) -> Result<Vec<String>, IoError> {
    let shown = path.display().to_string();
    let db = connect(path, &shown)?;
    let tables = tables(&db).map_err(|e| not_gpkg(&shown, &e))?;
    Ok(tables.into_iter().map(|t| t.name).collect())
}

fn not_gpkg(path: &str, e: &rusqlite::Error) -> IoError {
    IoError::Invalid {
        path: path.to_owned(),
        message: format!("not a GeoPackage (no readable gpkg_contents): {e}"),
    }
}

/// The CRS of `srs_id`: by its EPSG code when the atlas knows it, else by its WKT.
/// Ids 0 and -1 are GeoPackage's "undefined" systems.
fn crs_of(db: &Connection, srs_id: i64, path: &str) -> Result<Option<Crs>, IoError> {
    if srs_id == 0 || srs_id == -1 {
        return Ok(None);
    }
    let row: Option<(String, i64, String)> = db
        .query_row(
            "SELECT organization, organization_coordsys_id, definition \
             FROM gpkg_spatial_ref_sys WHERE srs_id = ?1",
            [srs_id],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .ok();
    let Some((org, code, definition)) = row else {
        return Err(IoError::Invalid {
            path: path.to_owned(),
            message: format!("spatial reference {srs_id} is not in gpkg_spatial_ref_sys"),
        });
    };
    if org.eq_ignore_ascii_case("EPSG")
        && let Some(crs) = u16::try_from(code).ok().and_then(Crs::from_epsg)
    {
        return Ok(Some(crs));
    }
    Crs::from_prj(&definition)
        .map(Some)
        .map_err(|e| IoError::Invalid {
            path: path.to_owned(),
            message: format!("spatial reference {org}:{code}: {e}"),
        })
}

pub fn read(
    path: &Path,
    layer: Option<&str>,
    crs: Option<Crs>,
    progress: &Progress,
) -> Result<UserLayer, IoError> {
    let shown = path.display().to_string();
    let db = connect(path, &shown)?;
    let all = tables(&db).map_err(|e| not_gpkg(&shown, &e))?;
    let table = match (layer, all.len()) {
        (_, 0) => {
            return Err(IoError::Invalid {
                path: shown,
                message: "the GeoPackage holds no feature table".to_owned(),
            });
        }
        (Some(name), _) => {
            all.into_iter()
                .find(|t| t.name == name)
                .ok_or_else(|| IoError::Invalid {
                    path: shown.clone(),
                    message: format!("it has no layer “{name}”"),
                })?
        }
        (None, 1) => all.into_iter().next().ok_or(IoError::Empty {
            path: shown.clone(),
        })?,
        (None, _) => {
            return Err(IoError::ChooseLayer {
                path: shown,
                layers: all.into_iter().map(|t| t.name).collect(),
            });
        }
    };
    let invalid = |e: rusqlite::Error| IoError::Invalid {
        path: shown.clone(),
        message: format!("layer “{}”: {e}", table.name),
    };
    let chosen = match crs {
        Some(c) => Some(c),
        None => crs_of(&db, table.srs_id, &shown)?,
    };

    // Columns in table order, less the geometry and the integer primary key (the fid).
    let mut columns: Vec<(String, String)> = Vec::new();
    {
        let mut info = db
            .prepare(&format!("PRAGMA table_info({})", quoted(&table.name)))
            .map_err(invalid)?;
        let rows = info
            .query_map([], |r| {
                Ok((
                    r.get::<_, String>(1)?,
                    r.get::<_, String>(2)?,
                    r.get::<_, i64>(5)?,
                ))
            })
            .map_err(invalid)?;
        for row in rows {
            let (name, kind, pk) = row.map_err(invalid)?;
            let is_fid = pk > 0 && kind.eq_ignore_ascii_case("INTEGER");
            if name != table.geometry && !is_fid {
                columns.push((name, kind.to_uppercase()));
            }
        }
    }
    let fields: Vec<Field> = columns
        .iter()
        .map(|(name, _)| Field {
            name: name.clone(),
            kind: FieldKind::Null,
        })
        .collect();
    let total: i64 = db
        .query_row(
            &format!("SELECT COUNT(*) FROM {}", quoted(&table.name)),
            [],
            |r| r.get(0),
        )
        .map_err(invalid)?;
    let select: Vec<String> = std::iter::once(quoted(&table.geometry))
        .chain(columns.iter().map(|(n, _)| quoted(n)))
        .collect();
    let mut query = db
        .prepare(&format!(
            "SELECT {} FROM {}",
            select.join(", "),
            quoted(&table.name)
        ))
        .map_err(invalid)?;
    let mut cursor = query.query([]).map_err(invalid)?;
    let mut rows: Rows = Vec::new();
    let mut skipped = Skipped::default();
    let mut n = 0;
    while let Some(row) = cursor.next().map_err(invalid)? {
        n += 1;
        if progress.cancelled() {
            return Err(IoError::Cancelled { path: shown });
        }
        if n % 256 == 0 {
            progress.set(n as u64, total.max(1) as u64);
        }
        let geometry = match row.get_ref(0) {
            Ok(ValueRef::Blob(blob)) => match geometry_blob::from_gpkg(blob) {
                Ok(g) => g,
                Err(e) => {
                    skipped.add(format!("feature {n}: {e}"));
                    continue;
                }
            },
            _ => None,
        };
        if let Some(problem) = geometry.as_ref().and_then(bad_coordinates) {
            skipped.add(format!("feature {n}: {problem}"));
            continue;
        }
        let values: Vec<Value> = columns
            .iter()
            .enumerate()
            .map(|(i, (_, kind))| row.get_ref(i + 1).map_or(Value::Null, |v| value(v, kind)))
            .collect();
        rows.push((n, geometry, values));
    }
    drop(cursor);
    reproject::finish(reproject::Read {
        shown: Some(format!("{shown} › {}", table.name)),
        path: shown,
        format: Format::GeoPackage,
        what: "feature",
        rows,
        fields,
        chosen,
        skipped,
        warnings: Vec::new(),
    })
}

/// A cell as the column's declared type means it: BOOLEAN columns hold 0/1, DATE and
/// DATETIME columns ISO 8601 text.
fn value(v: ValueRef<'_>, declared: &str) -> Value {
    match v {
        ValueRef::Null => Value::Null,
        ValueRef::Integer(i) if declared == "BOOLEAN" => Value::Boolean(i != 0),
        ValueRef::Integer(i) => Value::Integer(i),
        ValueRef::Real(r) => Value::Real(r),
        ValueRef::Text(t) => {
            let text = String::from_utf8_lossy(t).into_owned();
            match declared {
                "DATE" | "DATETIME" => Value::date(&text).unwrap_or(Value::Text(text)),
                _ => Value::Text(text),
            }
        }
        ValueRef::Blob(b) => Value::Text(format!("({} bytes of binary data)", b.len())),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn layers_are_offered_in_vietnamese_order() -> rusqlite::Result<()> {
        let db = Connection::open_in_memory()?;
        db.execute_batch(
            "CREATE TABLE gpkg_contents (table_name TEXT, data_type TEXT);
             CREATE TABLE gpkg_geometry_columns (table_name TEXT, column_name TEXT, srs_id INT);",
        )?;
        for name in ["Đường giao thông", "Bình đồ", "Dân cư", "Bản đồ nền"] {
            db.execute("INSERT INTO gpkg_contents VALUES (?1, 'features')", [name])?;
            db.execute(
                "INSERT INTO gpkg_geometry_columns VALUES (?1, 'geom', 4326)",
                [name],
            )?;
        }
        let names: Vec<String> = tables(&db)?.into_iter().map(|t| t.name).collect();
        assert_eq!(
            names,
            ["Bản đồ nền", "Bình đồ", "Dân cư", "Đường giao thông"]
        );
        Ok(())
    }
}
