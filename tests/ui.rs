//! The whole window, headless, driven the way a user drives it: through accessible labels
//! and pointer events. One test also renders the window to a PNG and looks at it.

#![allow(
    clippy::expect_used,
    clippy::unwrap_used,
    reason = "the test's helpers: a failed expectation is a failed test"
)]

mod common;

use common::{click_at, harness, harness_sized, id, screen_pos};
use egui::accesskit::{Role, Toggled};
use egui_kittest::kittest::{NodeT, Queryable};
use geo::Geometry;
use langson_atlas::atlas::LayerKind;

fn layer_checkbox_checked(
    h: &egui_kittest::Harness<'_, langson_atlas::AtlasApp>,
    label: &str,
) -> bool {
    h.get_by_role_and_label(Role::CheckBox, label)
        .accesskit_node()
        .toggled()
        == Some(Toggled::True)
}

const LAYER_LABELS_VI: [&str; 7] = [
    "Cửa khẩu",
    "Khu, cụm công nghiệp",
    "Trục phát triển",
    "2 hành lang kinh tế",
    "Ranh giới tỉnh, biên giới",
    "11 huyện, thành phố",
    "3 vùng kinh tế – xã hội",
];

#[test]
fn the_app_starts_in_vietnamese_with_every_layer_on() {
    let h = harness();
    h.get_by_label("Atlas quy hoạch tỉnh Lạng Sơn 2021–2030");
    for label in LAYER_LABELS_VI {
        assert!(layer_checkbox_checked(&h, label), "{label} starts on");
    }
    assert!(h.state().map.out.features_drawn > 30, "the plan is drawn");
}

#[test]
fn turning_a_layer_off_hides_its_features() {
    let mut h = harness();
    let before = h.state().map.out.features_drawn;
    h.get_by_role_and_label(Role::CheckBox, "Cửa khẩu").click();
    h.run_steps(3);
    assert!(!layer_checkbox_checked(&h, "Cửa khẩu"));
    assert!(
        !h.state()
            .state
            .settings
            .visible
            .is_visible(LayerKind::Gates)
    );
    let gates_drawn = h
        .state()
        .atlas
        .in_layer(LayerKind::Gates)
        .filter(|g| g.is_located())
        .count();
    assert_eq!(h.state().map.out.features_drawn, before - gates_drawn);
}

#[test]
fn clicking_a_district_opens_its_panel_and_escape_closes_it() {
    let mut h = harness();
    // A commune centroid of Bắc Sơn, away from every line and site.
    let commune = h
        .state()
        .atlas
        .communes
        .iter()
        .find(|c| c.name == "Xã Vũ Lăng")
        .map(|c| c.point.0)
        .expect("the gazetteer has Vũ Lăng");
    let pos = screen_pos(&h, commune);
    click_at(&mut h, pos);
    assert_eq!(h.state().state.selected, Some(id("bac_son")));
    h.get_by_label("Bắc Sơn District");
    h.get_by_label("Diện tích (tính trắc địa)");

    h.key_press(egui::Key::Escape);
    h.run_steps(2);
    assert_eq!(h.state().state.selected, None);
    h.get_by_label("Chưa chọn đối tượng");
}

#[test]
fn clicking_a_gate_selects_the_gate_over_its_district() {
    let mut h = harness();
    let Some(Geometry::Point(p)) = h
        .state()
        .atlas
        .get(&id("chi_ma"))
        .and_then(|f| f.geometry.clone())
    else {
        panic!("Chi Ma is drawn");
    };
    let pos = screen_pos(&h, p.0);
    click_at(&mut h, pos);
    assert_eq!(h.state().state.selected, Some(id("chi_ma")));
    h.get_by_label("Cửa khẩu chính Chi Ma");
    h.get_by_label("Ái Điểm");
}

/// Pò Nhùng and Co Sâu are both known only to xã Cao Lâu: the map draws them side by side
/// around its centroid, and a click on either side selects that gate, not the other.
#[test]
fn two_gates_at_one_commune_centroid_are_each_clickable() {
    let mut h = harness();
    let point = |h: &egui_kittest::Harness<'_, langson_atlas::AtlasApp>, gate: &str| match h
        .state()
        .atlas
        .get(&id(gate))
        .and_then(|f| f.geometry.clone())
    {
        Some(Geometry::Point(p)) => p.0,
        other => panic!("{gate} is drawn at a point, not {other:?}"),
    };
    let shared = point(&h, "po_nhung");
    assert_eq!(shared, point(&h, "co_sau"), "the sources give one centroid");
    let centre = screen_pos(&h, shared);
    // Alphabetically Co Sâu comes first, so it stands to the left.
    for (dx, gate) in [(-12.0, "co_sau"), (12.0, "po_nhung")] {
        click_at(&mut h, centre + egui::vec2(dx, 0.0));
        assert_eq!(
            h.state().state.selected,
            Some(id(gate)),
            "a click {dx} points from the centroid"
        );
        h.get_by_label("~ Vị trí gần đúng: tâm xã, không phải vị trí thực của công trình.");
    }
}

#[test]
fn the_basemap_switcher_lists_every_source() {
    let mut h = harness();
    h.get_by_role(Role::ComboBox).click();
    h.run_steps(2);
    for source in [
        "OpenStreetMap",
        "OpenTopoMap",
        "PMTiles",
        "Máy chủ ô riêng (--tiles)",
    ] {
        assert!(h.query_by_label(source).is_some(), "{source} is listed");
    }
}

#[test]
fn switching_to_english_changes_every_label() {
    let mut h = harness();
    h.get_by_label("EN").click();
    h.run_steps(2);
    h.get_by_label("Lạng Sơn provincial plan atlas 2021–2030");
    h.get_by_role_and_label(Role::CheckBox, "Border gates");
    assert!(h.query_by_label("Lớp bản đồ").is_none());
}

#[test]
fn search_finds_a_cluster_without_diacritics_and_selects_it() {
    let mut h = harness();
    // The first text field is the search box (the open-a-file box comes after it).
    let search = || h.get_all_by_role(Role::TextInput).next();
    search().expect("search box").focus();
    h.run_steps(1);
    h.get_all_by_role(Role::TextInput)
        .next()
        .expect("search box")
        .type_text("minh son");
    h.run_steps(2);
    h.get_by_label_contains("Cụm công nghiệp Minh Sơn").click();
    h.run_steps(3);
    assert_eq!(h.state().state.selected, Some(id("ccn_minh_son")));
    h.get_by_label("55 ha");
}

#[test]
fn an_unlocated_cluster_can_be_selected_from_the_list() {
    let mut h = harness();
    h.get_by_label_contains("Cụm công nghiệp Đình Lập —")
        .scroll_to_me();
    // Scrolling is animated; let it settle before reading where the entry went.
    h.run_steps(30);
    h.get_by_label_contains("Cụm công nghiệp Đình Lập —")
        .click();
    h.run_steps(2);
    assert_eq!(h.state().state.selected, Some(id("ccn_dinh_lap")));
    h.get_by_label("Đã khởi công");
}

#[test]
fn the_rendered_window_shows_a_map() {
    let mut h = harness();
    common::settle_basemap(&mut h);
    let image = h.render().expect("the window renders headless");
    common::assert_snapshot("main-window", &image);
    let (w, h_px) = image.dimensions();
    assert!(w >= 1400 && h_px >= 900, "{w}×{h_px}");

    let colours: std::collections::HashSet<_> = image.pixels().map(|p| p.0).collect();
    assert!(
        colours.len() > 500,
        "only {} colours: blank?",
        colours.len()
    );

    // The province's land tint of the offline basemap shows somewhere in the map area.
    let land = langson_atlas::map::basemap::raster::palette::PROVINCE;
    let near = |p: &image::Rgba<u8>, c: [u8; 3]| (0..3).all(|i| p.0[i].abs_diff(c[i]) <= 3);
    assert!(
        image.pixels().any(|p| near(p, land)),
        "no basemap land visible"
    );
}

#[test]
fn selecting_minh_son_shows_its_area_and_a_citation_that_opens_the_article() {
    let mut h = harness();
    h.state_mut()
        .apply(langson_atlas::state::Action::Select(id("ccn_minh_son")));
    h.run_steps(3);
    h.get_by_label("55 ha");
    h.get_by_label_contains("Minh Sơn (xã Minh Sơn, Hữu Lũng), 55 ha");
    let chips = h.query_all_by_label_contains("Báo Công Thương").count();
    assert_eq!(chips, 2, "the citation chips naming the publisher");
    h.query_all_by_label_contains("Báo Công Thương")
        .next()
        .expect("chip")
        .click();
    h.run_steps(6);
    let source = h
        .state()
        .state
        .source
        .clone()
        .expect("the source viewer is open");
    assert_eq!(source.article, "003_b020f80b961ec120.txt");
    assert!(!source.scroll_pending, "the quote was scrolled into view");
    h.get_by_label_contains("Nguồn: Lạng Sơn: Phát triển cụm công nghiệp 2025-2030 có gì mới?");
    h.get_by_label_contains(
        "Cụm công nghiệp Minh Sơn, xã Minh Sơn, huyện Hữu Lũng, diện tích 55 ha",
    );

    h.key_press(egui::Key::Escape);
    h.run_steps(2);
    assert!(
        h.state().state.source.is_none(),
        "Esc closes the article first"
    );
    assert_eq!(h.state().state.selected, Some(id("ccn_minh_son")));
}

#[test]
fn english_changes_the_facts_too() {
    let mut h = harness();
    h.state_mut()
        .apply(langson_atlas::state::Action::Select(id("ccn_minh_son")));
    h.run_steps(2);
    h.get_by_label("EN").click();
    h.run_steps(3);
    h.get_by_label_contains("Minh Sơn cluster (Minh Sơn commune, Hữu Lũng), 55 ha");
    assert!(
        h.query_by_label_contains("có nhà đầu tư quan tâm, đề xuất đầu tư")
            .is_none()
    );
}

#[test]
fn a_misprinted_figure_is_shown_beside_the_full_one_without_a_conflict() {
    let h = harness();
    // Nothing selected: the province overview lists the conference figures.
    // Both versions of the 2024 conference's investment total appear, each with its source,
    // as related figures: the articles contradict each other nowhere.
    assert_eq!(h.query_all_by_label_contains("18.602 tỷ đồng").count(), 11);
    assert_eq!(h.query_all_by_label_contains("“18.602 đồng”").count(), 4);
    assert!(
        h.query_all_by_label_contains("Các nguồn ghi khác nhau")
            .next()
            .is_none()
    );
    assert!(h.query_all_by_label_contains("Số liệu liên quan").count() >= 2);
}

#[test]
fn the_stored_language_is_used_and_the_command_line_overrides_it() {
    use langson_atlas::atlas::Lang;
    use langson_atlas::state::Settings;
    let start = |stored: Lang, flag: Option<Lang>| {
        let mut h = egui_kittest::Harness::builder()
            .with_size(egui::vec2(1400.0, 900.0))
            .with_context_setup(langson_atlas::theme::fonts::install)
            .build_eframe(move |cc| {
                let stored = Settings {
                    lang: stored,
                    ..Settings::default()
                };
                langson_atlas::AtlasApp::new(
                    &cc.egui_ctx,
                    langson_atlas::Options {
                        offline: true,
                        lang: flag,
                        ..Default::default()
                    },
                    Some(stored),
                )
            });
        h.run_steps(2);
        h.state().state.settings.lang
    };
    assert_eq!(start(Lang::En, None), Lang::En);
    assert_eq!(start(Lang::En, Some(Lang::Vi)), Lang::Vi);
}

#[test]
fn the_border_economic_zone_shows_its_key_figures() {
    let mut h = harness();
    h.state_mut().apply(langson_atlas::state::Action::Select(id(
        "bez_dong_dang_lang_son",
    )));
    h.run_steps(3);
    h.get_by_label("Số liệu chính");
    // The articles say "trên": the qualifier stays with the figure.
    h.get_by_label("trên 13.000 tỷ đồng");
    h.get_by_label("trên 207 triệu USD");
}

/// A site's panel as a reader sees it: planned and target facts marked, the developer's own
/// article labelled, figures with their qualifiers. Compared with its reference picture.
#[test]
fn the_panel_of_a_site_described_by_its_developer_renders() {
    let mut h = harness();
    h.state_mut()
        .apply(langson_atlas::state::Action::Select(id("ccn_ho_son_1")));
    common::settle_basemap(&mut h);
    assert!(
        h.get_all_by_label_contains("lời của đơn vị phát triển")
            .count()
            >= 2,
        "the developer's article is labelled on its facts"
    );
    let image = h.render().expect("the window renders headless");
    common::assert_snapshot("ho-son-1-panel", &image);
}

/// ↓ then Enter in the search box takes the second result: it is selected and framed.
#[test]
fn arrow_keys_and_enter_pick_a_search_result() {
    let mut h = harness();
    let atlas = common::atlas();
    let hits = langson_atlas::atlas::search::search(&atlas, "cua khau", 12);
    let langson_atlas::atlas::search::Hit::Feature(second) = hits[1].clone() else {
        panic!("the second hit is a feature");
    };
    h.get_all_by_role(Role::TextInput)
        .next()
        .expect("search box")
        .focus();
    h.run_steps(1);
    h.get_all_by_role(Role::TextInput)
        .next()
        .expect("search box")
        .type_text("cua khau");
    h.run_steps(2);
    h.key_press(egui::Key::ArrowDown);
    h.run_steps(1);
    h.key_press(egui::Key::Enter);
    h.run_steps(3);
    assert_eq!(h.state().state.selected, Some(second));
    // Escape in the box closes the results.
    h.get_all_by_role(Role::TextInput)
        .next()
        .expect("search box")
        .focus();
    h.run_steps(1);
    h.key_press(egui::Key::Escape);
    h.run_steps(2);
    assert!(h.state().widgets.search.text.is_empty());
}

/// `?` opens the sheet of every shortcut; Lạng Sơn city is named at the province view.
#[test]
fn the_shortcuts_sheet_and_the_city_label() {
    let mut h = harness();
    assert!(h.state().map.zoom() < 10.0, "the province view");
    assert!(
        h.state()
            .map
            .out
            .labels
            .iter()
            .any(|l| l == "Thành phố Lạng Sơn"),
        "Lạng Sơn city is labelled: {:?}",
        h.state().map.out.labels
    );
    h.key_press(egui::Key::Questionmark);
    h.run_steps(3);
    h.get_by_label("Phím tắt");
    h.get_by_label("trong ô tìm: chọn kết quả và bay tới");
}

/// A planner works on the map: at the default 1440×900 window, with the feature that has
/// the most key figures selected and the attribute table open, the map keeps at least 55 %
/// of the width; closing a side panel ([ or ]) gives the map its room.
#[test]
fn the_map_keeps_most_of_the_window_beside_its_panels() {
    let mut h = harness_sized(egui::vec2(1440.0, 900.0));
    let busiest = {
        let atlas = &h.state().atlas;
        atlas
            .features()
            .iter()
            .max_by_key(|f| atlas.facts.about(f.id()).count())
            .map(|f| f.id().clone())
            .expect("features")
    };
    h.state_mut()
        .apply(langson_atlas::state::Action::Select(busiest.clone()));
    h.state_mut().apply(langson_atlas::state::Action::User(
        langson_atlas::state::UserAction::ShowTable(Some(langson_atlas::state::TableOf::Plan(
            LayerKind::Gates,
        ))),
    ));
    h.run_steps(6);
    let map_width = |h: &egui_kittest::Harness<'_, langson_atlas::AtlasApp>| {
        h.state()
            .map
            .out
            .map_rect
            .expect("the map is drawn")
            .width()
    };
    let with_panels = map_width(&h);
    assert!(
        with_panels >= 0.55 * 1440.0,
        "{busiest} selected: the map is {with_panels} points of 1440"
    );
    let map_height = h.state().map.out.map_rect.map_or(0.0, |r| r.height());
    assert!(
        map_height >= 0.5 * 900.0,
        "the table leaves the map {map_height} of 900"
    );

    for key in [egui::Key::OpenBracket, egui::Key::CloseBracket] {
        h.key_press(key);
        h.run_steps(20);
    }
    let without = map_width(&h);
    assert!(
        without > 1400.0,
        "with both side panels closed the map spans the window: {without}"
    );
    h.key_press(egui::Key::CloseBracket);
    h.run_steps(20);
    assert!(map_width(&h) < without, "] opens the feature panel again");
}

/// Ctrl+F focuses the search box even when Ctrl is pressed and released within one frame
/// (as xdotool, a remote or a fast hand does): what counts is the modifiers each key event
/// carries, not those left at the frame's end.
#[test]
fn ctrl_f_focuses_the_search_box_even_within_one_frame() {
    let mut h = harness();
    let ctrl = egui::Modifiers {
        ctrl: true,
        command: true,
        ..egui::Modifiers::NONE
    };
    for (key, pressed, modifiers) in [(egui::Key::F, true, ctrl), (egui::Key::F, false, ctrl)] {
        h.event(egui::Event::Key {
            key,
            physical_key: Some(key),
            pressed,
            repeat: false,
            modifiers,
        });
    }
    h.run_steps(3);
    let search = egui::Id::unique(langson_atlas::ui::layers_panel::SEARCH_ID);
    assert!(
        h.ctx.memory(|m| m.has_focus(search)),
        "the search box has the keyboard"
    );
    h.event(egui::Event::Text("huu lung".to_owned()));
    h.run_steps(2);
    assert_eq!(h.state().widgets.search.text, "huu lung");
}

/// A place the sources name without a location is listed under its layer, by name and
/// district, and a click on it selects it; it is never drawn.
#[test]
fn places_without_a_location_are_listed_by_name() {
    let mut h = harness();
    h.get_by_label("◇ Cửa khẩu Cốc Nam — Văn Lãng");
    h.get_by_label("• Cụm công nghiệp Đình Lập — Đình Lập");
    h.get_by_label("◇ Cửa khẩu Na Hình — Văn Lãng").click();
    h.run_steps(3);
    assert_eq!(h.state().state.selected, Some(id("na_hinh")));
    let located = h
        .state()
        .atlas
        .features()
        .iter()
        .filter(|f| f.is_located())
        .count();
    assert!(h.state().map.out.features_drawn <= located);
}
