//! What belongs to the widgets alone: text being typed, a cursor in a list of results, a
//! name being edited. The app keeps one [`Widgets`] beside the shared state and lends it to
//! the panels; nothing else reads it, and what a widget decides leaves it as an action.

use crate::layers::LayerId;

#[derive(Debug, Default)]
pub struct Widgets {
    pub search: SearchBox,
    /// The path typed into the open box (where no file dialog is available).
    pub typed_path: String,
    /// The layer whose name is being edited, with the text so far.
    pub renaming: Option<(LayerId, String)>,
    /// The EPSG code typed into the CRS chooser.
    pub other_epsg: String,
    /// The columns chosen so far for a table's geometry (longitude, latitude, WKT).
    pub columns_chosen: Option<[usize; 3]>,
    /// The export window's folder as typed, until Enter or leaving the field sets it.
    pub export_folder: Option<String>,
    /// The Tours panel's fact search, and the tour being renamed with its name so far.
    pub fact_search: String,
    pub tour_name: Option<(usize, String)>,
    /// Passwords typed for database layers that could not connect, until sent.
    pub layer_password: std::collections::HashMap<LayerId, String>,
    /// The PMTiles archive (file or URL) typed in the basemap menu.
    pub archive_url: String,
    /// The PostGIS dialog's fields and the tables ticked.
    pub postgis: PostGisForm,
    /// Where the pointer last was on the map: the status bar keeps showing it (and copies
    /// it) once the pointer has left the map for the Copy button.
    pub last_pointer: Option<geo::Coord>,
}

#[derive(Debug)]
pub struct PostGisForm {
    pub host: String,
    pub port: String,
    pub dbname: String,
    pub user: String,
    pub password: String,
    pub sslmode: crate::sources::postgis::SslMode,
    pub chosen: std::collections::BTreeSet<usize>,
}

impl Default for PostGisForm {
    fn default() -> Self {
        PostGisForm {
            host: "localhost".to_owned(),
            port: "5432".to_owned(),
            dbname: String::new(),
            user: std::env::var("PGUSER").unwrap_or_default(),
            password: String::new(),
            sslmode: crate::sources::postgis::SslMode::default(),
            chosen: std::collections::BTreeSet::new(),
        }
    }
}

/// The search field's text and the result ↓/↑ point at.
#[derive(Debug, Default)]
pub struct SearchBox {
    pub text: String,
    pub cursor: usize,
}
