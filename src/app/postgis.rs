//! The PostGIS dialog's work off the UI thread: listing a server's tables, and adding the
//! tables chosen as layers (their password remembered for this run only).

use crate::layers::LayerId;
use crate::sources::postgis::{self, GeoTable, PgError, PgSource};
use crate::state::{PostGisState, State, UserState};
use crate::task::{Poll, Task};
use crate::user_room::UserRoom;

/// The listing under way.
#[derive(Default)]
pub struct Listing(Option<Task<Result<Vec<GeoTable>, PgError>>>);

impl Listing {
    /// Opens the dialog afresh, or closes it and forgets a listing under way.
    pub fn show(&mut self, open: bool, user: &mut UserState) {
        user.postgis = open.then(PostGisState::default);
        if !open {
            self.0 = None;
        }
    }

    /// Asks the server for its tables with a geometry column, on a task of its own.
    pub fn list(
        &mut self,
        source: PgSource,
        password: String,
        user: &mut UserState,
        ctx: &egui::Context,
    ) {
        let ctx = ctx.clone();
        let spawned = Task::spawn(
            "postgis tables",
            move || ctx.request_repaint(),
            move |_| {
                let password = postgis::password_for(&source, Some(&password));
                postgis::connect(&source, password.as_deref())
                    .and_then(|mut client| postgis::tables(&mut client, &source.uri()))
            },
        );
        let dialog = user.postgis.get_or_insert_with(PostGisState::default);
        match spawned {
            Ok(task) => {
                dialog.listing = true;
                dialog.error = None;
                self.0 = Some(task);
            }
            Err(e) => dialog.error = Some(e.to_string()),
        }
    }

    /// The server's answer, once it came, into the dialog.
    pub fn poll(&mut self, state: &mut State) {
        let Some(task) = &mut self.0 else {
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
        self.0 = None;
        let lang = state.settings.lang;
        if let Some(dialog) = state.user.postgis.as_mut() {
            dialog.listing = false;
            match result {
                Ok(tables) if tables.is_empty() => {
                    dialog.tables.clear();
                    dialog.error = Some(
                        lang.pick(
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

/// The tables chosen open as layers, `password` remembered for their server.
pub fn add_tables(user: &mut UserRoom, sources: Vec<PgSource>, password: &str) {
    for source in sources {
        if !password.is_empty() {
            postgis::remember_password(&source, password);
        }
        user.open_source(crate::layers::Source::file(source.uri()));
    }
}

/// Reads a failed database layer again, in its place, with `password` remembered.
pub fn reconnect(user: &mut UserRoom, id: LayerId, password: &str) {
    let Some(position) = user.layers.position(id) else {
        return;
    };
    let stored = user.layers.slots[position].stored();
    if let Some(uri) = stored.source.path.to_str()
        && let Ok((source, _)) = PgSource::parse(uri)
        && !password.is_empty()
    {
        postgis::remember_password(&source, password);
    }
    user.reload(id);
}
