//! Bottom bar: pointer position, zoom, tile status and keyboard hints.

use crate::atlas::Lang;
use crate::map::basemap::health::{TileHealth, TileProblem};
use crate::theme;
use crate::ui::i18n::T;
use egui::Ui;

pub struct Status<'a> {
    pub lang: Lang,
    pub pointer: Option<geo::Coord>,
    pub zoom: Option<f64>,
    pub online: bool,
    pub tiles_loading: usize,
    pub health: &'a TileHealth,
    pub offline_only: bool,
    pub pmtiles_error: Option<&'a str>,
    /// Why online tiles are not cached, if they are not.
    pub cache_error: Option<&'a str>,
    /// The chosen tile server has left requests unanswered for a while.
    pub not_answering: bool,
    pub data_errors: &'a [String],
}

pub fn show(ui: &mut Ui, status: &Status) {
    let lang = status.lang;
    ui.horizontal_wrapped(|ui| {
        match status.pointer {
            Some(c) => {
                ui.monospace(format!(
                    "{}: {:.5}° N, {:.5}° E",
                    T::Coordinates.get(lang),
                    c.y,
                    c.x
                ));
                let hover = lang.pick(
                    "Chép toạ độ (vĩ độ, kinh độ) vào bộ nhớ tạm",
                    "Copy the coordinates (latitude, longitude) to the clipboard",
                );
                if super::copy_button(ui, lang, hover) {
                    ui.ctx().copy_text(coordinates_text(c));
                }
            }
            None => {
                ui.monospace(format!("{}: —", T::Coordinates.get(lang)));
            }
        }
        if let Some(z) = status.zoom {
            ui.separator();
            ui.monospace(format!("{}: {z:.1}", T::Zoom.get(lang)));
        }
        if status.online && status.tiles_loading > 0 {
            ui.separator();
            ui.label(format!(
                "{} {}",
                status.tiles_loading,
                T::TilesLoading.get(lang)
            ));
        }
        let problem = if status.not_answering {
            Some(TileProblem::NoAnswer)
        } else if status.health.failures > 0 {
            Some(status.health.last_problem.unwrap_or(TileProblem::Other))
        } else {
            None
        };
        if let (true, Some(problem)) = (status.online, problem) {
            ui.separator();
            let detail = status.health.last_error.as_deref().unwrap_or("");
            ui.colored_label(
                theme::WARNING,
                format!(
                    "⚠ {}: {} ({}×) — {}",
                    T::TilesFailed.get(lang),
                    problem.describe(lang),
                    status.health.failures,
                    lang.pick(
                        "đang hiển thị bản đồ nền ngoại tuyến",
                        "showing the offline basemap"
                    )
                ),
            )
            .on_hover_text(detail);
        }
        if let (true, Some(e)) = (status.online, status.cache_error) {
            ui.separator();
            ui.colored_label(theme::WARNING, format!("⚠ {e}"));
        }
        if status.offline_only {
            ui.separator();
            ui.label(T::OfflineOnly.get(lang));
        }
        if let Some(e) = status.pmtiles_error {
            ui.separator();
            ui.colored_label(theme::WARNING, format!("⚠ {e}"));
        }
        if !status.data_errors.is_empty() {
            ui.separator();
            // The first problem in words, the others on hover: a broken file must be seen.
            let first: String = status.data_errors[0].chars().take(110).collect();
            let more = match status.data_errors.len() {
                1 => String::new(),
                n => format!(" (+{})", n - 1),
            };
            ui.colored_label(
                theme::WARNING,
                format!("⚠ {}: {first}{more}", T::DataErrors.get(lang)),
            )
            .on_hover_text(status.data_errors.join("\n"));
        }
        ui.separator();
        ui.weak(T::Keys.get(lang));
    });
}

/// Coordinates as the clipboard takes them: latitude, longitude in decimal degrees, the
/// order web maps and GPS tools paste.
pub fn coordinates_text(c: geo::Coord) -> String {
    format!("{:.6}, {:.6}", c.y, c.x)
}
