//! The charts window: targets against the latest stated figures, one chart per measure,
//! each bar's value in its fact's words and a click opening its fact; the sites by stated
//! area in their status colours, a click on a bar selecting its site; the projector's type
//! while presenting.

#![allow(
    clippy::expect_used,
    clippy::unwrap_used,
    reason = "the test's helpers: a failed expectation is a failed test"
)]

mod common;

use egui_kittest::kittest::Queryable;
use langson_atlas::atlas::Lang;
use langson_atlas::atlas::facts::Qualifier;
use langson_atlas::atlas::figure_text::{format_figure, qualifier_en};
use langson_atlas::atlas::measures::{self, Measure};
use langson_atlas::charts::targets::STATED;

#[test]
fn the_sites_chart_selects_the_site_of_a_clicked_bar() {
    let mut h = common::harness();
    h.key_press(egui::Key::C);
    h.run_steps(4);
    h.get_by_label("Biểu đồ");
    h.get_by_label("Diện tích khu, cụm công nghiệp").click();
    h.run_steps(3);
    h.get_by_label("Khu, cụm công nghiệp theo diện tích nguồn nêu (ha)");
    // The totals, in the facts' words: the qualifier stays with its figure (the overview
    // panel says it too).
    h.get_by_label("Tổng số các bài viết nêu");
    assert!(
        h.get_all_by_label_contains("tổng diện tích khoảng 1.952 ha")
            .count()
            >= 2
    );
    h.get_by_label_contains("Nguồn không nêu diện tích");

    // The largest bar is VSIP's (600 ha), in the colour of a groundbreaking scheduled (no
    // article reports it held): the longest run of that colour on one row.
    let image = h.render().expect("renders");
    // Kept for a look: target/tmp/charts.png.
    let _ = image.save(std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("charts.png"));
    let scheduled = langson_atlas::map::style::status_color(
        langson_atlas::atlas::SiteStatus::GroundbreakingScheduled,
    );
    let colour = [scheduled.r(), scheduled.g(), scheduled.b()];
    let near = |p: &image::Rgba<u8>| (0..3).all(|i| p.0[i].abs_diff(colour[i]) <= 6);
    let (mut best, mut at) = (0usize, (0u32, 0u32));
    for y in 0..image.height() {
        let xs: Vec<u32> = (0..image.width())
            .filter(|&x| near(image.get_pixel(x, y)))
            .collect();
        if xs.len() > best {
            best = xs.len();
            at = ((xs[0] + xs[xs.len() - 1]) / 2, y);
        }
    }
    assert!(best > 100, "a long bar of that colour ({best} px)");
    common::click_at(&mut h, egui::pos2(at.0 as f32, at.1 as f32));
    assert_eq!(
        h.state().state.selected,
        Some(common::id("vsip_lang_son")),
        "clicked at {at:?}"
    );
}

/// The row of the longest run of `colour` in the image, nearest the top, and its middle.
fn longest_run(image: &image::RgbaImage, colour: [u8; 3], below: u32) -> Option<(u32, u32, usize)> {
    let near = |p: &image::Rgba<u8>| (0..3).all(|i| p.0[i].abs_diff(colour[i]) <= 6);
    let mut best: Option<(u32, u32, usize)> = None;
    for y in below..image.height() {
        let xs: Vec<u32> = (0..image.width())
            .filter(|&x| near(image.get_pixel(x, y)))
            .collect();
        if xs.len() > 20 && best.is_none_or(|b| xs.len() > b.2) {
            best = Some(((xs[0] + xs[xs.len() - 1]) / 2, y, xs.len()));
        }
        if best.is_some() && xs.is_empty() {
            // The first bar of that colour, from the top: stop below it.
            break;
        }
    }
    best
}

#[test]
fn every_measure_has_one_chart_whose_bars_share_its_unit_and_keep_their_qualifiers() {
    let atlas = common::atlas();
    let charts = measures::charts(&atlas.facts);
    assert_eq!(charts.len(), Measure::ALL.len(), "one chart per measure");
    let mut compared = 0;
    for chart in &charts {
        assert!(!chart.bars.is_empty());
        compared += usize::from(chart.has_stated() && chart.has_target());
        for bar in &chart.bars {
            assert_eq!(bar.figure.unit, chart.unit, "{}", bar.fact.id);
            assert!(
                bar.figure.misprint.is_none(),
                "{}: a misprint charted",
                bar.fact.id
            );
            let en = format_figure(bar.fact, bar.figure, Lang::En);
            if let Some(q) = bar.figure.qualifier {
                assert!(en.starts_with(qualifier_en(q)), "{}: {en}", bar.fact.id);
            }
            // Every bar says its year: its period, or its article's.
            let label = bar.label(&atlas.facts, Lang::En);
            assert!(label.contains("20"), "{}: {label}", bar.fact.id);
        }
    }
    assert!(compared >= 3, "targets against stated figures ({compared})");
    // "ít nhất 3 - 4" stays a range and stays "at least".
    let operating = charts
        .iter()
        .find(|c| c.measure == Measure::ClustersOperating)
        .expect("clusters operating");
    let target = operating
        .bars
        .iter()
        .find(|b| !b.is_stated())
        .expect("a target");
    assert_eq!(target.figure.qualifier, Some(Qualifier::AtLeast));
    assert_eq!(
        format_figure(target.fact, target.figure, Lang::Vi),
        "ít nhất 3–4"
    );
    assert_eq!(target.label(&atlas.facts, Lang::Vi), "mục tiêu 2025");
    let stated = operating
        .bars
        .iter()
        .find(|b| b.is_stated())
        .expect("stated");
    assert_eq!(
        stated.label(&atlas.facts, Lang::Vi),
        "đang hoạt động · bài viết 2025"
    );
}

#[test]
fn a_click_on_a_figure_s_bar_opens_its_fact_at_the_quote() {
    let mut h = common::harness();
    h.key_press(egui::Key::C);
    h.run_steps(4);
    h.get_by_label("Cụm công nghiệp đi vào hoạt động");
    // Each charted fact is cited under the charts.
    assert!(h.get_all_by_label_contains("Báo Công Thương").count() >= 3);
    let image = h.render().expect("renders");
    let _ = image.save(std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("targets.png"));
    let top = h
        .get_by_label("Cụm công nghiệp đi vào hoạt động")
        .rect()
        .bottom() as u32;
    let colour = [STATED.r(), STATED.g(), STATED.b()];
    let (x, y, _) = longest_run(&image, colour, top).expect("the first stated bar");
    common::click_at(&mut h, egui::pos2(x as f32, y as f32));
    let source = h.state().state.source.clone().expect("the article opens");
    assert!(
        source
            .quote
            .contains("1 cụm công nghiệp đã đi vào hoạt động"),
        "{source:?}"
    );
}

#[test]
fn while_presenting_the_charts_use_the_projector_s_type() {
    let mut h = common::harness();
    h.key_press(egui::Key::C);
    h.run_steps(4);
    let desk = h
        .get_by_label("Cụm công nghiệp đi vào hoạt động")
        .rect()
        .height();
    h.key_press(egui::Key::C);
    h.run_steps(2);
    h.state_mut()
        .apply(langson_atlas::state::Action::StartPresentation);
    h.run_steps(3);
    h.key_press(egui::Key::C);
    h.run_steps(4);
    let projector = h
        .get_by_label("Cụm công nghiệp đi vào hoạt động")
        .rect()
        .height();
    assert!(
        projector >= desk * 1.4,
        "presenting {projector} against {desk} points"
    );
}

/// The industry growth chart is named in article 003's words ("tốc độ tăng thêm bình quân
/// giá trị ngành công nghiệp"): the average growth of the industry's added value, as its
/// fact says too.
#[test]
fn the_industry_growth_chart_is_named_in_its_article_s_words() {
    let atlas = common::atlas();
    let vi = Measure::IndustryGrowth.name(Lang::Vi).to_lowercase();
    let en = Measure::IndustryGrowth.name(Lang::En);
    assert_eq!(en, "Average growth of the industry's added value");
    let charts = measures::charts(&atlas.facts);
    let chart = charts
        .iter()
        .find(|c| c.measure == Measure::IndustryGrowth)
        .expect("the industry growth chart");
    assert!(!chart.bars.is_empty());
    for bar in &chart.bars {
        assert!(
            bar.fact.quote.to_lowercase().contains(&vi),
            "{}: “{vi}”",
            bar.fact.id
        );
        assert!(
            bar.fact.en.contains(&en.to_lowercase()),
            "{}: {}",
            bar.fact.id,
            bar.fact.en
        );
    }
}

/// A chart's title says what every bar under it is: "each cluster" only over figures given
/// per cluster, "awarded" only over sums reported as awarded, "targets" only over targets;
/// the conference chart, holding an expected sum and a plan, says so.
#[test]
fn each_chart_s_title_holds_for_every_bar_under_it() {
    use langson_atlas::atlas::facts::Modality;
    let atlas = common::atlas();
    for chart in measures::charts(&atlas.facts) {
        let title = chart.measure.name(Lang::En).to_lowercase();
        for bar in &chart.bars {
            let quote = bar.fact.quote.to_lowercase();
            if title.contains("each") {
                assert!(quote.contains("mỗi cụm"), "{title}: {}", bar.fact.id);
            }
            if title.contains("awarded") {
                assert!(
                    bar.fact.modality == Modality::Reported
                        && quote.contains("đã trao")
                        && !quote.contains("dự kiến"),
                    "{title}: {}",
                    bar.fact.id
                );
            }
            if title.contains("target") {
                assert_eq!(
                    bar.fact.modality,
                    Modality::Target,
                    "{title}: {}",
                    bar.fact.id
                );
            }
        }
    }
    let conference = Measure::ConferenceInvestment.name(Lang::En);
    assert!(
        conference.contains("expected") && conference.contains("planned"),
        "{conference}"
    );
}
