//! The room on its own, without a window: files read on workers, questions, changes.

use super::{Change, Event, UserRoom};
use crate::layers::Slot;
use crate::state::Prompt;
use std::path::PathBuf;
use std::time::Duration;

fn data(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data")
        .join(name)
}

/// Polls until no file is being read.
fn settle(room: &mut UserRoom) -> Vec<Event> {
    let mut events = Vec::new();
    for _ in 0..100 {
        room.wait(Duration::from_secs(5));
        events.extend(room.poll());
        if !room.busy() {
            return events;
        }
    }
    panic!("the room never finished loading");
}

#[test]
fn the_first_layer_opened_is_framed_and_the_second_is_not() {
    let mut room = UserRoom::new(egui::Context::default());
    room.open_files(vec![data("sites.geojson")]);
    let events = settle(&mut room);
    assert!(matches!(events.as_slice(), [Event::Fit(_)]), "{events:?}");
    room.open_files(vec![data("du-an.kml")]);
    assert_eq!(settle(&mut room), Vec::new());
    assert_eq!(room.layers.ready().count(), 2);
}

#[test]
fn a_file_in_metres_naming_no_crs_becomes_a_question_not_a_layer() {
    let mut room = UserRoom::new(egui::Context::default());
    room.open_files(vec![data("sites-vn2000-no-crs.geojson")]);
    let events = settle(&mut room);
    assert!(
        matches!(events.as_slice(), [Event::Ask(Prompt::Crs(_))]),
        "{events:?}"
    );
    assert!(room.layers.slots.is_empty());
}

#[test]
fn a_broken_file_stays_in_the_list_with_why() {
    let mut room = UserRoom::new(egui::Context::default());
    room.open_files(vec![data("not-geojson.geojson")]);
    settle(&mut room);
    match room.layers.slots.as_slice() {
        [Slot::Failed { problem, .. }] => {
            assert!(
                problem.to_string().contains("not-geojson.geojson"),
                "{problem}"
            )
        }
        _ => panic!("expected one failed slot"),
    }
}

#[test]
fn removing_a_layer_says_so_and_frees_its_drawing() {
    let mut room = UserRoom::new(egui::Context::default());
    let id = room.open_source(crate::layers::Source::file(data("sites.geojson")));
    settle(&mut room);
    assert!(room.cache.world(id).is_some());
    assert_eq!(room.change(id, Change::Remove), Some(Event::Removed(id)));
    assert!(room.cache.world(id).is_none());
    assert_eq!(room.change(id, Change::Remove), None, "already gone");
}

#[test]
fn selecting_rows_again_with_add_takes_them_out() {
    let mut room = UserRoom::new(egui::Context::default());
    let id = room.open_source(crate::layers::Source::file(data("sites.geojson")));
    settle(&mut room);
    room.change(id, Change::Select(vec![0, 1, 999], false));
    let selected = |room: &UserRoom| room.layers.get(id).map(|l| l.selected.clone());
    assert_eq!(
        selected(&room),
        Some([0, 1].into()),
        "rows past the end ignored"
    );
    room.change(id, Change::Select(vec![0, 1], true));
    assert_eq!(selected(&room), Some([].into()));
    assert!(room.bbox(id, true).is_none(), "no selection, no box");
    assert!(room.bbox(id, false).is_some());
}

#[test]
fn a_stored_layer_whose_file_is_gone_is_listed_as_missing() {
    let mut room = UserRoom::new(egui::Context::default());
    let gone = crate::layers::Stored::new(
        crate::layers::Source::file("/nowhere/gone.geojson"),
        crate::layers::style::Style::single(0),
    );
    room.restore(vec![gone], true);
    assert!(matches!(
        room.layers.slots.as_slice(),
        [Slot::Failed {
            problem: crate::layers::Problem::Missing(_),
            ..
        }]
    ));
    assert_eq!(room.clear().len(), 1, "a new project empties the list");
    assert!(room.layers.slots.is_empty());
}
