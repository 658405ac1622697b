//! The timeline 2021 → 2030: a feature's stage changes only at a date a cited fact gives,
//! holds no longer than its article speaks for, a plan is never shown as done, and the bar
//! moves by its slider, its arrow keys and Play.

#![allow(
    clippy::expect_used,
    clippy::unwrap_used,
    reason = "the test's helpers: a failed expectation is a failed test"
)]

mod common;

use egui_kittest::kittest::Queryable;
use langson_atlas::atlas::FactId;
use langson_atlas::atlas::timeline::{AtYear, Dated, Stage, Timeline};
use langson_atlas::map::timeline_marks::{self, Mark};
use langson_atlas::state::{Action, TimelineAction};

#[test]
fn every_dated_stage_rests_on_its_fact_s_words_and_its_article_s_year() {
    let atlas = common::atlas();
    assert!(
        atlas.timeline.states.len() >= 10,
        "the timeline was read ({} stages)",
        atlas.timeline.states.len()
    );
    let problems = atlas
        .timeline
        .problems(&atlas.facts, |id| atlas.get(id).is_some());
    assert!(problems.is_empty(), "{problems:#?}");
    // The year an article speaks from is the one its date or its date note shows.
    for article in atlas.facts.articles() {
        let year = article.year.expect("every article has a year").to_string();
        let shown = article
            .date
            .iter()
            .chain(&article.date_note)
            .any(|t| t.contains(&year));
        assert!(shown, "{}: {year} is not in its date or note", article.file);
    }
}

#[test]
fn a_stage_changes_only_where_a_cited_date_says_so() {
    let atlas = common::atlas();
    let t = &atlas.timeline;
    for feature in atlas.features() {
        let mut last = t.at(feature.id(), t.first_year);
        for year in t.first_year + 1..=t.last_year {
            let now = t.at(feature.id(), year);
            let stage = |a: AtYear| match a {
                AtYear::Stated(d) => Some((d.stage, d.fact.clone())),
                AtYear::Unstated { .. } | AtYear::Undated => None,
            };
            if stage(now) != stage(last) {
                let cited = t
                    .of(feature.id())
                    .any(|d| d.from == year || d.until + 1 == year);
                assert!(cited, "{} changes in {year} with no date", feature.id());
            }
            last = now;
        }
    }
}

#[test]
fn plans_stay_plans_and_nothing_is_extrapolated() {
    let atlas = common::atlas();
    let t = &atlas.timeline;
    let id = common::id;
    // VSIP's groundbreaking was scheduled: no year shows it built.
    for year in t.years() {
        if let AtYear::Stated(d) = t.at(&id("vsip_lang_son"), year) {
            assert_eq!(d.stage, Stage::Scheduled, "{year}");
        }
    }
    assert!(matches!(
        t.at(&id("vsip_lang_son"), 2024),
        AtYear::Stated(Dated {
            stage: Stage::Scheduled,
            ..
        })
    ));
    // Hữu Nghị: an existing international gate in the 2021 article; what began on
    // 27/5/2024 (said in a 2025 article) was the operation of its clearance lanes and
    // dedicated roads, not the gate. It is never shown as starting to operate; 2022–2023
    // and 2026 on, no article speaks, so no stage.
    let gate = id("huu_nghi");
    assert!(matches!(
        t.at(&gate, 2021),
        AtYear::Stated(d) if d.stage == Stage::Existing && d.event.is_none()
    ));
    for year in [2024, 2025] {
        assert!(
            matches!(
                t.at(&gate, year),
                AtYear::Stated(d) if d.stage == Stage::Existing
                    && d.event.as_ref().is_some_and(|e| e.en.contains("clearance lanes"))
            ),
            "{year}"
        );
    }
    assert!(t.of(&gate).all(|d| d.stage != Stage::Operating));
    assert!(matches!(
        t.at(&gate, 2026),
        AtYear::Unstated {
            before: Some(_),
            after: None
        }
    ));
    assert!(matches!(
        t.at(&gate, 2023),
        AtYear::Unstated {
            before: Some(_),
            after: Some(_)
        }
    ));
    // The axis has no dated fact: it keeps its plain style.
    assert_eq!(t.at(&id("axis_dong_dang_huu_lung"), 2027), AtYear::Undated);
    let marks = timeline_marks::marks(&atlas, 2021);
    let at = |f: &str| marks[atlas.position(&id(f)).expect("known")];
    assert_eq!(at("axis_dong_dang_huu_lung"), Mark::Plain);
    assert_eq!(at("vsip_lang_son"), Mark::Faded);
    assert_eq!(at("bez_dong_dang_lang_son"), Mark::Stage(Stage::Existing));
}

/// Each stage rests on its own feature's words in their own tense: the expressway on its
/// own clause of the sentence that also announces VSIP's start; the border economic zone
/// as existing ("hiện đang là đầu mối"), not in operation from a count of valid projects;
/// the smart-gate pilot as planned ("sẽ … để triển khai"), not being prepared.
#[test]
fn each_stage_rests_on_its_own_clause_in_its_own_tense() {
    use langson_atlas::atlas::search::fold;
    let atlas = common::atlas();
    let t = &atlas.timeline;
    let id = common::id;
    let expressway = id("expressway_huu_nghi_chi_lang");
    let Some(road) = t.of(&expressway).next() else {
        panic!("the expressway is dated");
    };
    assert!(
        fold(&road.words).contains("cao toc cua khau huu nghi- chi lang"),
        "{}",
        road.words
    );
    assert!(!road.words.contains("VSIP") && !road.words.contains("khu công nghiệp"));
    assert_eq!(road.stage, Stage::Scheduled);

    let AtYear::Stated(zone) = t.at(&id("bez_dong_dang_lang_son"), 2021) else {
        panic!("the border economic zone is dated in 2021");
    };
    assert_eq!(zone.stage, Stage::Existing);
    assert!(
        zone.words.contains("hiện đang là đầu mối"),
        "{}",
        zone.words
    );
    assert!(
        t.states.iter().all(|d| d.stage != Stage::Operating),
        "no article says so"
    );

    let AtYear::Stated(pilot) = t.at(&id("smart_gate_pilot"), 2025) else {
        panic!("the pilot is dated in 2025");
    };
    assert_eq!(pilot.stage, Stage::Planned);
    assert!(pilot.words.contains(" sẽ "), "{}", pilot.words);
    assert_eq!(
        Stage::Planned.name(langson_atlas::atlas::Lang::En),
        "planned"
    );
}

#[test]
fn the_check_catches_a_plan_shown_as_done_words_not_in_the_article_and_a_stage_held_too_long() {
    let atlas = common::atlas();
    let bad = |stage: Stage, until: u16, words: &str| Timeline {
        first_year: 2021,
        last_year: 2030,
        states: vec![Dated {
            feature: common::id("vsip_lang_son"),
            stage,
            from: 2024,
            until,
            fact: FactId::new("conf2024-groundbreaking-vsip"),
            words: words.to_owned(),
            event: None,
        }],
    };
    let problems = |t: Timeline| t.problems(&atlas.facts, |_| true);
    let words = "dự kiến vào ngày 21/4 tới đây sẽ Khởi công";
    assert!(problems(bad(Stage::Scheduled, 2024, words)).is_empty());
    for stage in [Stage::UnderConstruction, Stage::Operating, Stage::Existing] {
        let done = problems(bad(stage, 2024, words));
        assert!(done.iter().any(|p| p.contains("cannot say")), "{done:?}");
    }
    let unsaid = problems(bad(Stage::Scheduled, 2024, "đã khởi công"));
    assert!(
        unsaid.iter().any(|p| p.contains("not in the quote")),
        "{unsaid:?}"
    );
    let late = problems(bad(Stage::Scheduled, 2026, words));
    assert!(late.iter().any(|p| p.contains("until 2026")), "{late:?}");
    // A plan is not under way either: investors interested is a present state.
    let under_way = problems(bad(Stage::InvestorsInterested, 2024, words));
    assert!(
        under_way.iter().any(|p| p.contains("cannot say")),
        "{under_way:?}"
    );
    assert!(problems(bad(Stage::Planned, 2024, words)).is_empty());
}

/// One sentence announces two starts ("sẽ Khởi công dự án … VSIP Lạng Sơn và khởi công dự
/// án tuyến cao tốc …"): the expressway's stage cannot rest on VSIP's clause.
#[test]
fn the_check_catches_a_stage_resting_on_another_feature_s_clause() {
    let atlas = common::atlas();
    let mut timeline = atlas.timeline.clone();
    let Some(road) = timeline
        .states
        .iter_mut()
        .find(|d| d.feature == common::id("expressway_huu_nghi_chi_lang"))
    else {
        panic!("the expressway is dated");
    };
    road.words = "sẽ Khởi công dự án đầu tư xây dựng".to_owned();
    let problems = timeline.problems(&atlas.facts, |_| true);
    assert!(
        problems
            .iter()
            .any(|p| p.contains("expressway_huu_nghi_chi_lang")
                && p.contains("vsip_lang_son's clause")),
        "{problems:#?}"
    );
    assert!(
        atlas.timeline.problems(&atlas.facts, |_| true).is_empty(),
        "the shipped words are the expressway's own"
    );
}

#[test]
fn the_bar_moves_by_arrow_keys_and_play_runs_to_2030_then_stops() {
    let mut h = common::harness();
    h.key_press(egui::Key::T);
    h.run_steps(3);
    assert_eq!(h.state().state.timeline.map(|t| t.year), Some(2021));
    h.get_by_label("2021");
    assert!(
        h.get_all_by_label_contains("Khu kinh tế cửa khẩu Đồng Đăng")
            .count()
            >= 1
    );
    // The slider takes the keyboard once it has the focus.
    h.get_by_role(egui::accesskit::Role::Slider).focus();
    h.run_steps(2);
    for _ in 0..3 {
        h.key_press(egui::Key::ArrowRight);
        h.run_steps(2);
    }
    assert_eq!(h.state().state.timeline.map(|t| t.year), Some(2024));
    assert!(
        h.get_all_by_label_contains("Khu công nghiệp VSIP Lạng Sơn")
            .count()
            >= 1
    );
    assert!(
        h.get_all_by_label("dự kiến khởi công").count() >= 2,
        "key and VSIP's row"
    );

    h.get_by_label("▶ Phát").click();
    h.run_steps(2);
    let t = h.state().state.timeline.expect("open");
    assert!(t.playing);
    let mut now = t.next_step;
    for _ in 0..10 {
        h.state_mut()
            .apply(Action::Timeline(TimelineAction::Tick(now)));
        now += 2.5;
    }
    let t = h.state().state.timeline.expect("open");
    assert_eq!((t.year, t.playing), (2030, false));
    h.run_steps(2);
    h.get_by_label_contains("Không có sự kiện có ngày nào");
    h.get_by_label("Mục tiêu đặt cho năm 2030");
}

#[test]
fn while_presenting_the_focused_year_slider_takes_the_arrows_from_the_tour() {
    let mut h = common::harness();
    h.state_mut().apply(Action::StartPresentation);
    h.run_steps(3);
    h.key_press(egui::Key::T);
    h.run_steps(3);
    let step = |h: &egui_kittest::Harness<'_, langson_atlas::app::AtlasApp>| {
        h.state().presenter.presentation().map(|p| p.step)
    };
    assert_eq!(step(&h), Some(0));
    h.get_by_role(egui::accesskit::Role::Slider).focus();
    h.run_steps(2);
    h.key_press(egui::Key::ArrowRight);
    h.run_steps(2);
    assert_eq!(h.state().state.timeline.map(|t| t.year), Some(2022));
    assert_eq!(step(&h), Some(0), "the tour stays");
    // Without the focus the arrows step the tour again.
    h.state_mut()
        .apply(Action::Timeline(TimelineAction::SetYear(2022)));
    h.run_steps(1);
    h.event(egui::Event::PointerButton {
        pos: egui::pos2(600.0, 100.0),
        button: egui::PointerButton::Primary,
        pressed: true,
        modifiers: egui::Modifiers::NONE,
    });
    h.event(egui::Event::PointerButton {
        pos: egui::pos2(600.0, 100.0),
        button: egui::PointerButton::Primary,
        pressed: false,
        modifiers: egui::Modifiers::NONE,
    });
    h.run_steps(2);
    h.key_press(egui::Key::ArrowRight);
    h.run_steps(2);
    assert_eq!(step(&h), Some(1));
}
