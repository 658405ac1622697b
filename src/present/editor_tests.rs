//! The editor's rules: every edit undoes and redoes; typing is one edit; steps keep ids
//! of their own.

use super::*;

fn capture(lon: f64) -> Capture {
    Capture {
        view: StepView {
            lon,
            lat: 21.85,
            zoom: 10.0,
            extent: None,
        },
        layers: vec![LayerKind::Districts],
        user_layers: Vec::new(),
        selected: None,
        year: None,
        chart: None,
        title: None,
    }
}

fn lons(editor: &TourEditor) -> Vec<f64> {
    editor
        .tour()
        .map(|t| {
            t.steps
                .iter()
                .filter_map(|s| s.view)
                .map(|v| v.lon)
                .collect()
        })
        .unwrap_or_default()
}

#[test]
fn three_steps_reorder_undo_and_redo() {
    let builtin = Tour::default();
    let mut e = TourEditor::default();
    e.apply(Edit::NewTour(crate::atlas::Lang::Vi), &builtin);
    for lon in [106.1, 106.2, 106.3] {
        e.apply(Edit::AddStep(capture(lon)), &builtin);
    }
    assert_eq!(lons(&e), [106.1, 106.2, 106.3]);
    e.apply(Edit::MoveStep(2, 0), &builtin);
    assert_eq!(lons(&e), [106.3, 106.1, 106.2]);
    e.apply(Edit::Undo, &builtin);
    assert_eq!(lons(&e), [106.1, 106.2, 106.3]);
    e.apply(Edit::Redo, &builtin);
    assert_eq!(lons(&e), [106.3, 106.1, 106.2]);
    // Undo all the way: the tour is gone, and redo brings everything back.
    while e.can_undo() {
        e.apply(Edit::Undo, &builtin);
    }
    assert!(e.tours.is_empty());
    while e.can_redo() {
        e.apply(Edit::Redo, &builtin);
    }
    assert_eq!(lons(&e), [106.3, 106.1, 106.2]);
}

#[test]
fn typing_in_one_field_is_one_undo_step() {
    let builtin = Tour::default();
    let mut e = TourEditor::default();
    e.apply(Edit::NewTour(crate::atlas::Lang::Vi), &builtin);
    e.apply(Edit::AddStep(capture(106.5)), &builtin);
    for text in ["C", "Cử", "Cửa", "Cửa khẩu"] {
        e.apply(
            Edit::Text(0, TextField::CaptionVi, text.to_owned()),
            &builtin,
        );
    }
    e.apply(
        Edit::Text(0, TextField::CaptionEn, "Gate".to_owned()),
        &builtin,
    );
    e.apply(Edit::Undo, &builtin);
    let caption = |e: &TourEditor| e.tour().map(|t| t.steps[0].caption_vi.clone());
    assert_eq!(
        caption(&e),
        Some("Cửa khẩu".to_owned()),
        "the English edit went"
    );
    e.apply(Edit::Undo, &builtin);
    assert_eq!(
        caption(&e),
        Some(String::new()),
        "the whole word went at once"
    );
}

#[test]
fn a_new_edit_clears_redo_and_the_built_in_tour_is_copied_not_changed() {
    let builtin = Tour {
        name: String::new(),
        steps: vec![],
    };
    let mut e = TourEditor::default();
    e.apply(Edit::DuplicateTour(None), &builtin);
    e.apply(Edit::AddStep(capture(106.7)), &builtin);
    e.apply(Edit::Undo, &builtin);
    assert!(e.can_redo());
    e.apply(Edit::AddStep(capture(106.8)), &builtin);
    assert!(!e.can_redo());
    assert!(builtin.steps.is_empty());
    assert_eq!(e.tours.len(), 1);
}

#[test]
fn duplicated_steps_get_their_own_ids_and_deleting_keeps_a_step_selected() {
    let builtin = Tour::default();
    let mut e = TourEditor::default();
    e.apply(Edit::NewTour(crate::atlas::Lang::Vi), &builtin);
    e.apply(Edit::AddStep(capture(106.1)), &builtin);
    e.apply(Edit::DuplicateStep(0), &builtin);
    let ids: Vec<String> = e
        .tour()
        .map(|t| t.steps.iter().map(|s| s.id.clone()).collect())
        .unwrap_or_default();
    assert_eq!(ids, ["step-1", "step-2"]);
    e.apply(Edit::DeleteStep(1), &builtin);
    assert_eq!(e.step, Some(0));
    assert!(!e.apply(Edit::MoveStep(0, 5), &builtin), "no such place");
}

#[test]
fn a_new_tour_is_named_in_the_interface_language_and_a_project_opens_on_its_own_tour() {
    let builtin = Tour::default();
    let mut e = TourEditor::default();
    e.apply(Edit::NewTour(crate::atlas::Lang::En), &builtin);
    e.apply(Edit::NewTour(crate::atlas::Lang::Vi), &builtin);
    assert_eq!(e.names(), ["Tour", "Chuyến tham quan"]);
    let opened = TourEditor::new(e.tours.clone());
    assert_eq!(
        opened.open,
        Some(0),
        "the project's first tour, not the built-in one"
    );
    assert_eq!(TourEditor::new(Vec::new()).open, None);
}
