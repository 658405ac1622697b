//! What leaves a table as a file: its rows as CSV, its selection as GeoJSON, named after
//! the layer. Made when the reader asks, so the file holds the table as it stands.

use super::Loaded;
use super::table::{self, CsvError};

/// A file to write: its suggested name, extension, bytes, and how many rows it holds.
pub struct Export {
    pub name: String,
    pub extension: &'static str,
    pub bytes: Result<Vec<u8>, CsvError>,
    pub count: usize,
}

impl Loaded {
    /// The rows the layer's table shows (its filters and sort), as CSV.
    pub fn rows_export(&self) -> Export {
        let rows = self.table.rows(&self.data);
        Export {
            name: self.stored.name.clone(),
            extension: "csv",
            bytes: table::to_csv(&self.data, &rows),
            count: rows.len(),
        }
    }

    /// The selected features, as GeoJSON.
    pub fn selection_export(&self) -> Export {
        let text = table::to_geojson(&self.data, self.selected.iter().copied());
        Export {
            name: format!("{}-selection", self.stored.name),
            extension: "geojson",
            bytes: Ok(text.into_bytes()),
            count: self.selected.len(),
        }
    }
}
