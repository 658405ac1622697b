//! The charts window: the sites by stated area in their status colours, a click on a bar
//! selects its site, and the totals are the facts' own statements with their citations.

mod common;

use egui_kittest::kittest::Queryable;

#[test]
fn the_sites_chart_selects_the_site_of_a_clicked_bar() {
    let mut h = common::harness();
    h.key_press(egui::Key::C);
    h.run_steps(4);
    h.get_by_label("Biểu đồ");
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

    // The largest bar is VSIP's (600 ha), in the colour of a site under construction: the
    // longest run of that colour on one row.
    let image = h.render().expect("renders");
    // Kept for a look: target/tmp/charts.png.
    let _ = image.save(std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("charts.png"));
    let orange = [217u8, 95, 2];
    let near = |p: &image::Rgba<u8>| (0..3).all(|i| p.0[i].abs_diff(orange[i]) <= 6);
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
    assert!(best > 100, "a long orange bar ({best} px)");
    common::click_at(&mut h, egui::pos2(at.0 as f32, at.1 as f32));
    assert_eq!(
        h.state().state.selected,
        Some(common::id("vsip_lang_son")),
        "clicked at {at:?}"
    );
}
