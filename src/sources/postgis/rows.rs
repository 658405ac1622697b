//! A table's columns as the catalogue types them, and a row of a read decoded: its WKB to
//! geometry, its values to the kinds of their columns. Every read (a view, the whole
//! table, a stream) and `info` share these, so they agree on fields and on what is skipped.

use super::ident;
use crate::sources::geometry_blob;
use crate::sources::model::{self, Field, FieldKind, Value};
use crate::sources::reproject::Skipped;
use geo::Geometry;

/// A column besides the geometry, with the kind its type holds.
#[derive(Clone, Debug, PartialEq)]
pub(super) struct Column {
    pub(super) name: String,
    pub(super) kind: FieldKind,
}

impl Column {
    /// The kind of a column of catalogue type `udt_name` (`information_schema.columns`,
    /// which names a domain's base type): numbers, booleans and dates as what they hold,
    /// everything else as text.
    pub(super) fn new(name: String, udt_name: &str) -> Column {
        let kind = match udt_name {
            "int2" | "int4" | "int8" => FieldKind::Integer,
            "float4" | "float8" | "numeric" => FieldKind::Real,
            "bool" => FieldKind::Boolean,
            "date" | "timestamp" | "timestamptz" => FieldKind::Date,
            _ => FieldKind::Text,
        };
        Column { name, kind }
    }

    /// The column's value as text in SQL. Dates go through JSON, which writes them in
    /// ISO 8601 with a whole offset (`2024-05-01T08:30:00+07:00`); `::text` would not.
    pub(super) fn sql(&self) -> String {
        let c = ident(&self.name);
        match self.kind {
            FieldKind::Date => format!("to_json({c}) #>> '{{}}'"),
            FieldKind::Text
            | FieldKind::Integer
            | FieldKind::Real
            | FieldKind::Boolean
            | FieldKind::Null => format!("{c}::text"),
        }
    }

    /// The field a layer gets for this column, its name composed (NFC) as every layer's
    /// is (the SQL keeps the name as the server spells it).
    pub(super) fn field(&self) -> Field {
        let mut name = self.name.clone();
        model::compose(&mut name);
        Field {
            name,
            kind: self.kind,
        }
    }

    /// `text` (the column's value as SQL wrote it) as a value of the column's kind; what
    /// does not read as its kind stays text rather than be lost.
    fn value(&self, text: String) -> Value {
        match self.kind {
            FieldKind::Integer => text.parse().map_or(Value::Text(text), Value::Integer),
            FieldKind::Real => text.parse().map_or(Value::Text(text), Value::Real),
            FieldKind::Boolean => match text.as_str() {
                "true" | "t" => Value::Boolean(true),
                "false" | "f" => Value::Boolean(false),
                _ => Value::Text(text),
            },
            FieldKind::Date => Value::date(&text).unwrap_or(Value::Text(text)),
            FieldKind::Text | FieldKind::Null => {
                let mut text = text;
                model::compose(&mut text);
                Value::Text(text)
            }
        }
    }
}

/// Row `n` of a read (its geometry's WKB first, then a value a column): the geometry in
/// the table's coordinates and the values, or `None` with the reason added to `skipped`.
/// A row without geometry (NULL, or empty: the query gives no WKB for either) is skipped
/// and counted, as `info` counts it.
pub(super) fn decode(
    row: &postgres::Row,
    columns: &[Column],
    n: usize,
    skipped: &mut Skipped,
) -> Option<(usize, Option<Geometry<f64>>, Vec<Value>)> {
    let wkb: Option<&[u8]> = row.get(0);
    let Some(wkb) = wkb else {
        skipped.add(format!("row {n}: no geometry (NULL or empty)"));
        return None;
    };
    let geometry = match geometry_blob::from_wkb(wkb) {
        Ok(g) => g,
        Err(why) => {
            skipped.add(format!("row {n}: {why}"));
            return None;
        }
    };
    let values = columns
        .iter()
        .enumerate()
        .map(|(i, column)| {
            row.get::<_, Option<String>>(i + 1)
                .map_or(Value::Null, |text| column.value(text))
        })
        .collect();
    Some((n, geometry, values))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_take_the_kind_of_their_column() {
        let column = |udt: &str| Column::new("c".to_owned(), udt);
        assert_eq!(column("int8").value("12".into()), Value::Integer(12));
        assert_eq!(column("numeric").value("12.5".into()), Value::Real(12.5));
        assert_eq!(column("bool").value("true".into()), Value::Boolean(true));
        assert_eq!(
            column("timestamptz").value("2024-05-01T08:30:00+07:00".into()),
            Value::Date("2024-05-01T08:30:00+07:00".into())
        );
        // A number in a text column stays text, as the table says.
        assert_eq!(
            column("varchar").value("12".into()),
            Value::Text("12".into())
        );
        // A date the calendar does not have stays as written.
        assert_eq!(
            column("date").value("infinity".into()),
            Value::Text("infinity".into())
        );
    }
}
