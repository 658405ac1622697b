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
