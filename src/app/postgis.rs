//! The PostGIS dialog's work off the UI thread: listing a server's tables, and adding the
//! tables chosen as layers (their password remembered for this run only).

use super::AtlasApp;
use crate::sources::postgis::{self, GeoTable, PgError, PgSource};
use crate::state::PostGisState;
use crate::task::{Poll, Task};

/// The listing under way.
#[derive(Default)]
pub struct Listing(Option<Task<Result<Vec<GeoTable>, PgError>>>);

impl AtlasApp {
    pub(super) fn postgis_dialog(&mut self, open: bool) {
        self.state.user.postgis = open.then(PostGisState::default);
        if !open {
            self.listing.0 = None;
        }
    }

    pub(super) fn list_tables(&mut self, source: PgSource, password: String) {
        let ctx = self.ctx.clone();
        let spawned = Task::spawn(
            "postgis tables",
            move || ctx.request_repaint(),
            move |_| {
                let password = postgis::password_for(&source, Some(&password));
                postgis::connect(&source, password.as_deref())
                    .and_then(|mut client| postgis::tables(&mut client, &source.uri()))
            },
        );
        let dialog = self
            .state
            .user
            .postgis
            .get_or_insert_with(PostGisState::default);
        match spawned {
            Ok(task) => {
                dialog.listing = true;
                dialog.error = None;
                self.listing.0 = Some(task);
            }
            Err(e) => dialog.error = Some(e.to_string()),
        }
    }

    pub(super) fn add_tables(&mut self, sources: Vec<PgSource>, password: String) {
        for source in sources {
            if !password.is_empty() {
                postgis::remember_password(&source, &password);
            }
            self.user
                .open_source(crate::layers::Source::file(source.uri()));
        }
        self.postgis_dialog(false);
    }

    /// Reads a failed database layer again, in its place, with `password` remembered.
    pub(super) fn reconnect(&mut self, id: crate::layers::LayerId, password: String) {
        let Some(position) = self.user.layers.position(id) else {
            return;
        };
        let stored = self.user.layers.slots[position].stored().clone();
        if let Some(uri) = stored.source.path.to_str()
            && let Ok((source, _)) = PgSource::parse(uri)
            && !password.is_empty()
        {
            postgis::remember_password(&source, &password);
        }
        self.user.reload(id);
    }

    /// The server's answer, once it came.
    pub(super) fn poll_listing(&mut self) {
        let Some(task) = &mut self.listing.0 else {
            return;
        };
        let result = match task.poll() {
            Poll::Running => return,
            Poll::Done(result) => result,
            Poll::Lost => Err(PgError::Query {
                uri: String::new(),
                why: "the listing stopped unexpectedly".to_owned(),
            }),
        };
        self.listing.0 = None;
        if let Some(dialog) = self.state.user.postgis.as_mut() {
            dialog.listing = false;
            match result {
                Ok(tables) if tables.is_empty() => {
                    dialog.tables.clear();
                    dialog.error = Some(
                        self.state
                            .settings
                            .lang
                            .pick(
                                "cơ sở dữ liệu không có bảng nào có cột hình học",
                                "the database has no table with a geometry column",
                            )
                            .to_owned(),
                    );
                }
                Ok(tables) => dialog.tables = tables,
                Err(e) => dialog.error = Some(e.to_string()),
            }
        }
    }
}
