//! A database view's read ending in a failure: what the layer keeps and says.

use super::*;
use crate::layers::index::FeatureIndex;
use crate::user_room::UserRoom;
use std::time::Duration;

/// A room showing the sites file as a layer, and that layer's id.
fn room_with_a_layer() -> (UserRoom, LayerId) {
    let mut room = UserRoom::new(egui::Context::default());
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/sites.geojson");
    room.open_files(vec![path]);
    while room.busy() {
        room.wait(Duration::from_secs(5));
        room.poll();
    }
    let id = room.layers.ready().next().map(|l| l.id).expect("the layer");
    (room, id)
}

/// A read of the layer's view whose worker sends one page (its first feature), then
/// fails as a server gone away would; `shown` pages of it already on the map.
fn failing_read(room: &mut UserRoom, id: LayerId, shown: usize) {
    let layer = room.layers.get(id).expect("the layer");
    let mut one = (*layer.data).clone();
    one.features.truncate(1);
    let style = layer.stored.style.clone();
    let page = Page {
        index: FeatureIndex::new(&one),
        world: crate::map::user_layer::WorldLayer::new(&one),
        painted: crate::layers::style::paint(&style, &one),
        layer: one,
    };
    let (tx, rx) = sync_channel(pages::WAITING);
    let mut task = Task::spawn(
        "failing read",
        || {},
        move |_| {
            let _ = tx.send(page);
            Err(IoError::Invalid {
                path: "postgresql://localhost/atlas?table=points".to_owned(),
                message: "the server went away".to_owned(),
            })
        },
    )
    .expect("a thread");
    task.wait(Duration::from_secs(5));
    room.database.reads.push(Read {
        id,
        view: None,
        style,
        task,
        pages: rx,
        held: None,
        taken: shown,
        opens: false,
        fit: false,
    });
}

#[test]
fn a_read_that_fails_before_its_first_page_is_shown_keeps_the_whole_old_view() {
    let (mut room, id) = room_with_a_layer();
    let before = room.layers.get(id).map(|l| l.data.features.len());
    failing_read(&mut room, id, 0);
    assert_eq!(room.poll(), Vec::new(), "nothing replaced");
    let layer = room.layers.get(id).expect("the layer");
    assert_eq!(Some(layer.data.features.len()), before);
    assert_eq!(
        layer.problem.as_deref(),
        Some("postgresql://localhost/atlas?table=points: the server went away")
    );
}

#[test]
fn a_read_that_fails_after_pages_were_shown_says_the_view_is_in_part() {
    let (mut room, id) = room_with_a_layer();
    let before = room.layers.get(id).map_or(0, |l| l.data.features.len());
    failing_read(&mut room, id, 1);
    room.poll();
    let layer = room.layers.get(id).expect("the layer");
    assert_eq!(layer.data.features.len(), before + 1, "the page taken");
    assert_eq!(
        layer.problem.clone(),
        Some(format!(
            "postgresql://localhost/atlas?table=points: the server went away; \
             the view was read in part: {} features shown",
            before + 1
        ))
    );
}
