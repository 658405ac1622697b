//! Figures as captions write them, and the built-in tour's captions against its facts.

use super::*;

#[test]
fn figures_are_read_as_vietnamese_and_english_write_them() {
    assert_eq!(
        figures("trên 231 km, 1.000 ha, 2,5%"),
        ["231", "1000", "2.5"]
    );
    assert_eq!(figures("1,000 ha and 2.5 %"), ["1000", "2.5"]);
    assert_eq!(figures("2021–2030"), ["2021", "2030"]);
}

#[test]
fn every_figure_of_the_built_in_captions_is_in_the_facts_it_cites() {
    let (Ok(atlas), Ok(tour)) = (Atlas::embedded(), Tour::embedded()) else {
        panic!("the embedded atlas and tour load");
    };
    let missing: Vec<_> = tour
        .steps
        .iter()
        .map(|s| (&s.id, figures_not_cited(s, &atlas)))
        .filter(|(_, m)| !m.is_empty())
        .collect();
    assert!(missing.is_empty(), "{missing:?}");
}

#[test]
fn numbers_that_are_part_of_a_name_are_not_figures() {
    assert!(prose_figures("Cụm Hồ Sơn 1 ở Hữu Lũng").is_empty());
    assert!(prose_figures("along QL4A and QL1A").is_empty());
    assert!(prose_figures("theo Quyết định 236/QĐ-TTg").is_empty());
    assert!(prose_figures("Nghị quyết 16 của Bộ Chính trị").is_empty());
    assert!(prose_figures("Resolution 16 and Decision 236/QĐ-TTg").is_empty());
    // Figures beside names still count.
    assert_eq!(prose_figures("Hồ Sơn 1 rộng 75 ha"), ["75"]);
    assert_eq!(prose_figures("QL4A dài trên 231 km"), ["231"]);
    assert_eq!(
        prose_figures("Có 12 cửa khẩu. Lạng Sơn 2030"),
        ["12", "2030"]
    );
    assert_eq!(prose_figures("Tỉnh có 12 cửa khẩu"), ["12"]);
}

#[test]
fn a_caption_naming_a_numbered_place_raises_no_figure_warning() {
    let Ok(atlas) = Atlas::embedded() else {
        panic!("the embedded atlas loads");
    };
    let Ok(tour) = Tour::embedded() else {
        panic!("the embedded tour loads");
    };
    let mut step = tour.steps[0].clone();
    step.facts.clear();
    step.caption_vi = "Hồ Sơn 1 nằm cạnh QL1A, theo Quyết định 236/QĐ-TTg.".into();
    step.caption_en = "Hồ Sơn 1 lies by QL1A (Nghị quyết 16).".into();
    assert!(figures_not_cited(&step, &atlas).is_empty());
    step.caption_en = "Hồ Sơn 1 covers 75 ha.".into();
    assert_eq!(figures_not_cited(&step, &atlas), ["75"]);
}

#[test]
fn a_captured_view_frames_what_the_map_showed() {
    let view = StepView {
        lon: 106.7,
        lat: 21.9,
        zoom: 9.0,
        extent: Some([106.0, 21.3, 107.4, 22.5]),
    };
    let (sw, ne) = view.bounds();
    assert_eq!((sw.x, sw.y, ne.x, ne.y), (106.0, 21.3, 107.4, 22.5));
    // Without an extent: what a desk's map showed around the centre.
    let old = StepView {
        extent: None,
        ..view
    };
    let (sw, ne) = old.bounds();
    assert!(sw.x < 106.7 && ne.x > 106.7 && sw.y < 21.9 && ne.y > 21.9);
    let width_points = (ne.x - sw.x) / 360.0 * 256.0 * 2f64.powi(9);
    assert!((width_points - DESK_MAP[0]).abs() < 1.0, "{width_points}");
}
