//! Lạng Sơn after the 1 July 2025 reform: the mapping covers every earlier commune and
//! every 2025 unit; districts name their successors, sites their 2025 commune; search
//! finds old and new names and says which is which.

#![allow(
    clippy::expect_used,
    clippy::unwrap_used,
    reason = "the test's helpers: a failed expectation is a failed test"
)]

mod common;

use egui::accesskit::Role;
use egui_kittest::kittest::Queryable;
use langson_atlas::atlas::search::{Hit, search};
use std::collections::BTreeSet;

#[test]
fn every_earlier_commune_and_every_2025_unit_is_mapped() {
    let atlas = common::atlas();
    assert_eq!(atlas.communes.len(), 194);
    assert_eq!(atlas.units_2025.len(), 65);
    for c in &atlas.communes {
        assert!(!c.units_2025.is_empty(), "{} has no 2025 unit", c.name);
        for code in &c.units_2025 {
            let unit = atlas.unit_2025(code).expect("a known unit");
            assert!(unit.former.contains(&c.code), "{} ↔ {}", c.name, unit.name);
        }
    }
    let taken_in: BTreeSet<&String> = atlas.units_2025.iter().flat_map(|u| &u.former).collect();
    assert_eq!(taken_in.len(), 194, "every earlier commune went somewhere");
    assert!(atlas.units_2025.iter().all(|u| !u.former.is_empty()));
    let split = atlas
        .communes
        .iter()
        .filter(|c| c.units_2025.len() > 1)
        .count();
    assert_eq!(split, 2, "two earlier communes were split (SOURCES.md)");
}

#[test]
fn districts_name_their_successors_and_sites_their_2025_commune() {
    let atlas = common::atlas();
    let cao_loc = common::id("cao_loc");
    let units = atlas.successors(&cao_loc);
    assert!(!units.is_empty());
    for u in &units {
        assert!(
            atlas
                .former_communes(u)
                .iter()
                .any(|c| c.district == cao_loc),
            "{} took in no commune of Cao Lộc",
            u.name
        );
    }
    let minh_son = atlas.get(&common::id("ccn_minh_son")).expect("site");
    let pairs = atlas.units_of_feature(minh_son);
    assert_eq!(pairs.len(), 1);
    let (commune, unit) = pairs[0];
    assert_eq!(commune.name, "Xã Minh Sơn");
    assert_eq!(commune.units_2025.first(), Some(&unit.code));
    let vsip = atlas.get(&common::id("vsip_lang_son")).expect("VSIP");
    assert_eq!(
        atlas.units_of_feature(vsip).len(),
        2,
        "its sources name two communes"
    );
    let huu_nghi = atlas.get(&common::id("huu_nghi")).expect("gate");
    assert!(
        atlas.units_of_feature(huu_nghi).is_empty(),
        "no commune stated, none guessed"
    );
}

#[test]
fn search_finds_old_and_new_names() {
    let atlas = common::atlas();
    let hits = search(&atlas, "dong kinh", 12);
    assert!(hits.iter().any(|h| matches!(h, Hit::Unit2025(i)
        if atlas.units_2025[*i].name == "Phường Đông Kinh")));
    assert!(
        hits.iter().any(|h| matches!(h, Hit::Commune(_))),
        "the earlier ward too"
    );
}

/// Enter on a 2025 unit found by search opens its panel: its area and earlier communes.
#[test]
fn a_2025_unit_opens_its_panel_from_search() {
    let mut h = common::harness();
    h.get_all_by_role(Role::TextInput)
        .next()
        .expect("search box")
        .focus();
    h.run_steps(1);
    h.get_all_by_role(Role::TextInput)
        .next()
        .expect("search box")
        .type_text("phuong dong kinh");
    h.run_steps(2);
    h.get_by_label_contains("Phường Đông Kinh · xã, phường từ 1/7/2025");
    h.get_by_label_contains("trước 2025 → nay Phường Đông Kinh");
    h.key_press(egui::Key::Enter);
    h.run_steps(3);
    h.get_by_label("Diện tích chính thức: 54,71 km²");
    h.get_by_label_contains("Gồm các xã, phường, thị trấn trước 1/7/2025");
    common::settle_basemap(&mut h);
    // Kept for a look: target/tmp/unit-2025.png.
    if let Ok(image) = h.render() {
        let _ = image.save(std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("unit-2025.png"));
    }
}

#[test]
fn every_2025_unit_has_an_approximate_area_covering_the_province_with_the_stated_error() {
    use geo::{GeodesicArea, Validation};
    let atlas = common::atlas();
    let province: f64 = atlas
        .province()
        .and_then(|p| p.geometry.as_ref())
        .map(|g| g.geodesic_area_unsigned() / 1e6)
        .expect("the province outline");
    let mut total = 0.0;
    for unit in &atlas.units_2025 {
        let cell = unit
            .cell
            .as_ref()
            .unwrap_or_else(|| panic!("{} has no area", unit.name));
        assert!(cell.shape.is_valid(), "{}", unit.name);
        let area = cell.shape.geodesic_area_unsigned() / 1e6;
        assert!(
            (area - cell.area_km2).abs() < 0.1,
            "{}: {area} ≠ {}",
            unit.name,
            cell.area_km2
        );
        total += area;
        if let (Some(official), Some(error)) = (unit.area_km2, cell.error_pct) {
            let computed = (cell.area_km2 - official) / official * 100.0;
            assert!((computed - error).abs() < 0.2, "{}", unit.name);
        }
    }
    assert!(
        (total - province).abs() < province * 0.005,
        "{total} against {province} km²"
    );
    // The figures geodata/README.md states are the file's own.
    let text = std::fs::read_to_string("geodata/communes-2025-areas.geojson").expect("the file");
    let summary = langson_atlas::prep::cells::summary_of(&text).expect("a summary");
    assert!(
        summary.contains("(64): median error 10.1 %, worst +77.8 % (Xã Hoàng Văn Thụ)"),
        "{summary}"
    );
    let readme = std::fs::read_to_string("geodata/README.md").expect("geodata/README.md");
    assert!(readme.contains("median error 10.1 %, worst +77.8 % (Xã Hoàng Văn Thụ)"));
}

#[test]
fn a_2025_unit_s_panel_marks_its_outline_approximate() {
    let mut h = common::harness();
    let index = h
        .state()
        .atlas
        .units_2025
        .iter()
        .position(|u| u.name == "Xã Hoàng Văn Thụ")
        .expect("the unit");
    h.state_mut()
        .apply(langson_atlas::state::Action::ShowUnit(index));
    h.run_steps(3);
    h.get_by_label_contains("Diện tích vùng vẽ gần đúng");
    h.get_by_label_contains("+77,8 %");
    h.get_by_label_contains("cắt theo ranh giới tỉnh");
}
