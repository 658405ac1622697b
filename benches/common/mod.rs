//! What the benchmarks share: a figure printed against its target, a 1600×1000 screen.
#![allow(dead_code)]

use std::time::Duration;

/// One line: the measurement, the figure, its target, and "ok" or "SLOW".
pub fn report(what: &str, took: Duration, target: Duration) {
    let verdict = if took <= target { "ok" } else { "SLOW" };
    if target < Duration::from_millis(1) {
        println!(
            "{what:<58} {:>10.2} µs   target ≤ {:>7.0} µs   {verdict}",
            took.as_secs_f64() * 1e6,
            target.as_secs_f64() * 1e6
        );
    } else {
        println!(
            "{what:<58} {:>10.3} ms   target ≤ {:>7.3} ms   {verdict}",
            took.as_secs_f64() * 1e3,
            target.as_secs_f64() * 1e3
        );
    }
}

/// The input of one frame of a 1600×1000 window.
pub fn screen() -> egui::RawInput {
    egui::RawInput {
        screen_rect: Some(egui::Rect::from_min_size(
            egui::Pos2::ZERO,
            egui::vec2(1600.0, 1000.0),
        )),
        ..Default::default()
    }
}
