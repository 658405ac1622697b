//! The colours of what is drawn over the map and in the charts, one palette per medium:
//! a screen at a desk, a projector in a bright hall (stronger, darker colours: a projector
//! washes out light ones), and paper (no translucency, which printers render unevenly).
//! The medium is chosen in one place, [`palette`]; the map's symbology is `map::style`.

use egui::Color32;

/// What a picture is for.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Medium {
    #[default]
    Screen,
    Projector,
    Print,
}

#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Palette {
    /// The measure tool's path under way.
    pub measure_active: Color32,
    /// Measurements kept on the map.
    pub measure_kept: Color32,
    /// The card under a label drawn over the map (measured totals).
    pub label_card: Color32,
    /// A stated figure's bar in the charts (a target's takes `theme::PLANNED`).
    pub chart_stated: Color32,
}

const SCREEN: Palette = Palette {
    measure_active: Color32::from_rgb(220, 20, 120),
    measure_kept: Color32::from_rgb(120, 40, 160),
    label_card: Color32::from_rgba_premultiplied(230, 230, 230, 230),
    chart_stated: Color32::from_rgb(38, 70, 83),
};

const PROJECTOR: Palette = Palette {
    measure_active: Color32::from_rgb(200, 0, 100),
    measure_kept: Color32::from_rgb(100, 20, 140),
    label_card: Color32::from_rgba_premultiplied(245, 245, 245, 245),
    chart_stated: Color32::from_rgb(20, 50, 62),
};

const PRINT: Palette = Palette {
    measure_active: Color32::from_rgb(190, 0, 100),
    measure_kept: Color32::from_rgb(100, 30, 140),
    label_card: Color32::WHITE,
    chart_stated: Color32::from_rgb(30, 60, 72),
};

pub const fn palette(medium: Medium) -> &'static Palette {
    match medium {
        Medium::Screen => &SCREEN,
        Medium::Projector => &PROJECTOR,
        Medium::Print => &PRINT,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paper_has_no_translucent_cards() {
        assert_eq!(palette(Medium::Print).label_card.a(), 255);
        for medium in [Medium::Screen, Medium::Projector, Medium::Print] {
            let p = palette(medium);
            assert_ne!(p.measure_active, p.measure_kept, "{medium:?}");
        }
    }
}
