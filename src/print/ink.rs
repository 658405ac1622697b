//! The print palette: the map's own colours (`map::style`), made flat for paper and
//! pulled apart in lightness where a greyscale printer would merge them. The three zones'
//! colours are of nearly one grey on screen (about 130 of 255); on paper they step from
//! dark to light, so a photocopied district still tells its zone.

use super::page::Rgb;
use crate::atlas::Zone;
use crate::map::style;

/// The grey each zone's fill prints at: the dynamic zone darkest.
fn zone_grey(zone: Zone) -> f32 {
    match zone {
        Zone::Dynamic => 150.0,
        Zone::East => 190.0,
        Zone::West => 228.0,
    }
}

/// `color` mixed with white or black until it prints at `grey`: the hue stays.
fn toward_grey(color: Rgb, grey: f32) -> Rgb {
    let g = color.grey();
    if (g - grey).abs() < 1.0 {
        return color;
    }
    if grey > g {
        color.lighter((grey - g) / (255.0 - g).max(1.0))
    } else {
        let t = grey / g.max(1.0);
        let mul = |c: u8| (f32::from(c) * t).round() as u8;
        Rgb(mul(color.0), mul(color.1), mul(color.2))
    }
}

/// The zone a colour is the zone colour of, translucent or not.
fn zone_of(color: egui::Color32) -> Option<Zone> {
    let [r, g, b, _] = color.to_srgba_unmultiplied();
    Zone::ALL.into_iter().find(|z| {
        let [zr, zg, zb, _] = style::zone_color(*z).to_srgba_unmultiplied();
        // Translucent colours come back from egui's premultiplied form a unit or two off.
        [zr, zg, zb]
            .iter()
            .zip([r, g, b])
            .all(|(a, b)| a.abs_diff(b) <= 3)
    })
}

/// The ink of a fill the map draws in `color`.
pub fn fill(color: egui::Color32) -> Rgb {
    match zone_of(color) {
        Some(zone) => toward_grey(Rgb::over_paper(color.to_opaque()), zone_grey(zone)),
        None => Rgb::over_paper(color),
    }
}

/// The ink of a line or outline the map draws in `color` (kept dark enough to see).
pub fn line(color: egui::Color32) -> Rgb {
    let ink = Rgb::over_paper(color);
    if ink.grey() > 235.0 && color.a() < 255 {
        Rgb::over_paper(color.to_opaque())
    } else {
        ink
    }
}

pub const TEXT: Rgb = Rgb(20, 24, 32);
pub const MUTED_TEXT: Rgb = Rgb(90, 90, 100);
pub const RULE: Rgb = Rgb(170, 170, 175);
pub const ACCENT: Rgb = Rgb(0, 95, 120);
/// A plan, an expectation or a target: the panels' blue, dark enough for paper.
pub const PLANNED: Rgb = Rgb(30, 70, 150);
/// A misprint or a conflict between sources.
pub const WARNING: Rgb = Rgb(170, 30, 30);
/// The outline of the feature a page is about.
pub const HIGHLIGHT: Rgb = Rgb(10, 10, 10);
/// How far the rest of a page's map fades towards paper.
pub const MUTE: f32 = 0.6;
/// Water and land of the offline basemap, from the same colours the tiles use.
pub const WATER: Rgb = Rgb(180, 208, 228);
pub const VIETNAM: Rgb = Rgb(246, 243, 234);
pub const CHINA: Rgb = Rgb(226, 224, 218);
pub const NO_DATA: Rgb = Rgb(236, 236, 232);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_three_zones_print_at_distinct_greys() {
        let greys: Vec<f32> = Zone::ALL
            .into_iter()
            .map(|z| fill(style::district_style(Some(z)).fill).grey())
            .collect();
        for (i, a) in greys.iter().enumerate() {
            for b in &greys[i + 1..] {
                assert!((a - b).abs() >= 25.0, "{greys:?}");
            }
        }
    }

    #[test]
    fn other_fills_are_the_screen_colour_on_white() {
        let c = egui::Color32::from_rgba_unmultiplied(178, 24, 43, 40);
        assert_eq!(fill(c), Rgb::over_paper(c));
    }
}
