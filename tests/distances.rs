//! Investors' distances: every located industrial site has its straight-line distance to
//! the nearest international gate, to Hữu Nghị and to Lạng Sơn city centre, equal to PROJ's
//! `geod` (WGS 84) for the VSIP park; the panel says "straight-line" and "approximate";
//! the table sorts, selects and exports.
//!
//! References (`echo "21.461973 106.384646 LAT LON" | geod +ellps=WGS84 -I +units=m`): VSIP
//! to Hữu Nghị 66 114.987 m, to the Đồng Đăng railway gate 62 397.911 m, to the Natural
//! Earth point of Lạng Sơn (21.846 N, 106.757 E) 57 390.037 m.

#![allow(
    clippy::expect_used,
    clippy::unwrap_used,
    reason = "the test's helpers: a failed expectation is a failed test"
)]

mod common;

use egui_kittest::kittest::Queryable;
use langson_atlas::atlas::distances::site_distances;
use langson_atlas::state::{Action, TableOf, UserAction};

#[test]
fn every_located_site_has_its_three_distances() {
    let atlas = common::atlas();
    let rows = site_distances(&atlas);
    let located = atlas
        .features()
        .iter()
        .filter(|f| {
            matches!(
                f.kind(),
                langson_atlas::atlas::Kind::IndustrialCluster
                    | langson_atlas::atlas::Kind::IndustrialPark
            ) && f.is_located()
        })
        .count();
    assert_eq!(rows.len(), located);
    assert!(
        rows.iter()
            .all(|r| r.nearest_international.is_some() && r.huu_nghi.is_some() && r.city.is_some())
    );
    let vsip = rows
        .iter()
        .find(|r| r.site == common::id("vsip_lang_son"))
        .expect("VSIP");
    let (gate, m) = vsip.nearest_international.clone().expect("a gate");
    assert_eq!(gate, common::id("dong_dang_rail"));
    assert!((m - 62_397.911).abs() < 0.01, "{m}");
    assert!((vsip.huu_nghi.unwrap_or(0.0) - 66_114.987).abs() < 0.01);
    assert!((vsip.city.unwrap_or(0.0) - 57_390.037).abs() < 0.01);
    assert!(vsip.approximate, "placed at its commune's centre");
}

#[test]
fn a_sites_panel_gives_its_straight_line_distances() {
    let mut h = common::harness();
    h.state_mut()
        .apply(Action::Select(common::id("vsip_lang_son")));
    h.run_steps(3);
    h.get_by_label("Khoảng cách đường chim bay");
    h.get_by_label("62,40 km");
    h.get_by_label("66,11 km");
    h.get_by_label("57,39 km");
    h.get_by_label_contains("không phải đường bộ");
    h.get_by_label_contains("khoảng cách là gần đúng");
}

#[test]
fn the_distance_table_sorts_selects_and_exports() {
    let mut h = common::harness();
    h.state_mut().apply(Action::User(UserAction::ShowTable(Some(
        TableOf::Distances,
    ))));
    h.run_steps(3);
    h.get_by_label("km tới cửa khẩu Hữu Nghị").click();
    h.run_steps(2);
    assert_eq!(
        h.state().tables.plan_view().and_then(|v| v.sort),
        Some((5, true)),
        "sorted by the click"
    );
    // The nearest site to Hữu Nghị now heads the table: clicking it selects it.
    let atlas = common::atlas();
    let nearest = site_distances(&atlas)
        .into_iter()
        .min_by(|a, b| {
            a.huu_nghi
                .unwrap_or(f64::MAX)
                .total_cmp(&b.huu_nghi.unwrap_or(f64::MAX))
        })
        .expect("sites")
        .site;
    let name = atlas.get(&nearest).expect("site").props.name_vi.clone();
    h.get_by_label(&name).click();
    h.run_steps(3);
    assert_eq!(h.state().state.selected, Some(nearest));
    // Kept for a look: target/tmp/distance-table.png.
    if let Ok(image) = h.render() {
        let _ = image
            .save(std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("distance-table.png"));
    }
    let dir = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("distance-export");
    let _ = std::fs::remove_dir_all(&dir);
    h.state_mut().state.export.dir = dir.display().to_string();
    h.state_mut()
        .apply(Action::User(UserAction::ExportPlanRows));
    let csv = std::fs::read_to_string(dir.join("khoang-cach.csv")).expect("written");
    let mut lines = csv.lines();
    assert_eq!(
        lines.next(),
        Some(
            "\u{feff}cơ sở,loại,vị trí,cửa khẩu quốc tế gần nhất,km đường chim bay tới đó,km tới cửa khẩu Hữu Nghị,km tới trung tâm TP Lạng Sơn,lon,lat"
        )
    );
    let kms: Vec<f64> = lines
        .map(|l| {
            l.split(',')
                .nth(5)
                .and_then(|v| v.parse().ok())
                .unwrap_or(f64::NAN)
        })
        .collect();
    assert!(
        kms.len() >= 5 && kms.windows(2).all(|w| w[0] <= w[1]),
        "sorted by Hữu Nghị: {kms:?}"
    );
}
