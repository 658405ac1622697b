//! The measure tool: geodesic lengths and areas against reference values, the text it
//! copies, and two clicks on the map giving the expected distance.
//!
//! References: the distance is PROJ's `geod` (`echo "21.85 106.76 21.97507 106.71147" |
//! geod +ellps=WGS84 -I +units=m` → 14728.737 m, Lạng Sơn city centre to the Hữu Nghị
//! gate); the area is the closed-form area of the ellipsoidal quadrangle 106.7–106.8 E,
//! 21.8–21.9 N on WGS 84 (114 460 216 m²), from which the geodesic quadrangle differs by
//! under 0.01 %.

#![allow(
    clippy::expect_used,
    clippy::unwrap_used,
    reason = "the test's helpers: a failed expectation is a failed test"
)]

mod common;

use egui_kittest::kittest::Queryable;
use langson_atlas::atlas::Lang;
use langson_atlas::layers::measure::{Measurement, area_text, length_text};
use langson_atlas::state::{Action, MeasureAction};

fn c(x: f64, y: f64) -> geo::Coord {
    geo::Coord { x, y }
}

#[test]
fn a_geodesic_distance_agrees_with_proj_geod() {
    let m = Measurement {
        points: vec![c(106.76, 21.85), c(106.71147, 21.97507)],
        closed: false,
    };
    let d = m.length();
    assert!((d - 14_728.737).abs() < 0.01, "{d} m");
    assert_eq!(length_text(d, Lang::Vi), "14,73 km");
    assert_eq!(length_text(850.4, Lang::En), "850 m");
}

#[test]
fn a_closed_shape_has_its_geodesic_area_and_perimeter() {
    let mut m = Measurement {
        points: vec![
            c(106.7, 21.8),
            c(106.8, 21.8),
            c(106.8, 21.9),
            c(106.7, 21.9),
        ],
        closed: false,
    };
    assert!(m.area().is_none(), "an open path has no area");
    assert!(m.close());
    let area = m.area().expect("closed");
    assert!(
        ((area - 114_460_216.0) / 114_460_216.0).abs() < 0.001,
        "{area} m²"
    );
    assert_eq!(area_text(area, Lang::Vi), "114,46 km²");
    // Clicked the other way round, it is the same area (not the rest of the Earth).
    let mut clockwise = m.clone();
    clockwise.points.reverse();
    let again = clockwise.area().expect("closed");
    assert!((again - area).abs() < 1.0, "{again} m² clockwise");
    assert_eq!(m.segments().len(), 4, "the closing segment counts");
    let text = m.text(Lang::En);
    assert!(
        text.contains("Area: 114.46 km²") && text.contains("Perimeter:"),
        "{text}"
    );
    assert!(text.contains("not a route"), "{text}");
}

/// M, then two clicks (Shift held: no snapping) measure the geodesic distance between the
/// clicked places, and the card says it.
#[test]
fn two_clicks_measure_the_distance_between_them() {
    let mut h = common::harness();
    h.key_press(egui::Key::M);
    h.run_steps(2);
    assert!(h.state().state.measure.active);
    let (a, b) = (c(106.6, 21.7), c(106.9, 21.95));
    let pa = common::screen_pos(&h, a);
    let pb = common::screen_pos(&h, b);
    h.event(egui::Event::ModifiersChanged(egui::Modifiers::SHIFT));
    common::click_at(&mut h, pa);
    common::click_at(&mut h, pb);
    h.event(egui::Event::ModifiersChanged(egui::Modifiers::NONE));
    let m = h.state().state.measure.current.clone();
    assert_eq!(m.points.len(), 2, "two points");
    let expected = Measurement {
        points: vec![a, b],
        closed: false,
    }
    .length();
    let measured = m.length();
    assert!(
        ((measured - expected) / expected).abs() < 0.005,
        "{measured} m against {expected} m"
    );
    h.get_by_label_contains(&length_text(measured, Lang::Vi));
    assert_eq!(
        h.state().state.selected,
        None,
        "clicks measure, they do not select"
    );
    // Esc ends the tool and keeps the measurement on the map.
    h.state_mut().apply(Action::Measure(MeasureAction::Toggle));
    h.run_steps(1);
    assert!(!h.state().state.measure.active);
    assert_eq!(h.state().state.measure.kept.len(), 1);
}
