//! The one place where the look of every feature is decided. The map and the legend both
//! read from here, so they cannot disagree.

use crate::atlas::lang::{self, Lang};
use crate::atlas::timeline::Stage;
use crate::atlas::{Feature, GateClass, Kind, LayerKind, SiteStatus, Zone};
use egui::{Color32, Stroke};

/// How a polygon is filled and outlined.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct AreaStyle {
    pub fill: Color32,
    pub outline: Stroke,
}

/// How a line is drawn: a coloured core over a lighter casing that lifts it off the map.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct LineStyle {
    pub core: Stroke,
    pub casing: Stroke,
    /// Dash and gap lengths in points, or solid.
    pub dash: Option<(f32, f32)>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Shape {
    Circle,
    Diamond,
    Square,
}

/// A point symbol.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct SymbolStyle {
    pub shape: Shape,
    /// Radius in points.
    pub radius: f32,
    pub fill: Color32,
    pub outline: Stroke,
    /// Drawn with a dashed halo: the point is a commune centroid, not the place.
    pub approximate: bool,
}

#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Style {
    Area(AreaStyle),
    Line(LineStyle),
    Symbol(SymbolStyle),
}

pub const SELECTION: Color32 = Color32::from_rgb(0, 200, 255);
/// The communes and wards since 1 July 2025 (their dots and names).
pub const UNIT_2025: Color32 = Color32::from_rgb(0, 105, 110);
pub const HOVER: Color32 = Color32::from_rgb(255, 230, 0);
/// Features a presentation step is about.
pub const TOUR_HIGHLIGHT: Color32 = Color32::from_rgb(255, 200, 0);
pub const LABEL_TEXT: Color32 = Color32::from_rgb(20, 24, 32);
/// Basemap town names (offline basemap only).
pub const TOWN_LABEL: Color32 = Color32::from_rgb(70, 70, 80);
/// Commune names at close zooms.
pub const COMMUNE_LABEL: Color32 = Color32::from_rgb(80, 80, 90);
/// Behind legend swatches: the offline basemap's land colour.
pub const SWATCH_BACKGROUND: Color32 = Color32::from_rgb(246, 243, 234);
pub const LABEL_HALO: Color32 = Color32::from_rgba_premultiplied(250, 250, 250, 235);

pub fn zone_color(zone: Zone) -> Color32 {
    match zone {
        Zone::Dynamic => Color32::from_rgb(231, 111, 81),
        Zone::East => Color32::from_rgb(42, 157, 143),
        Zone::West => Color32::from_rgb(123, 108, 181),
    }
}

/// A stage of the timeline (`map::timeline_marks`): the sites' statuses keep the same colour
/// for the same stage.
pub fn stage_color(stage: Stage) -> Color32 {
    match stage {
        Stage::Scheduled => SCHEDULED,
        Stage::Planned => Color32::from_rgb(176, 150, 40),
        Stage::InvestorsInterested => status_color(SiteStatus::InvestorsInterested),
        Stage::UnderConstruction => status_color(SiteStatus::UnderConstruction),
        Stage::Operating => Color32::from_rgb(0, 120, 50),
        Stage::Existing => Color32::from_rgb(84, 110, 122),
    }
}

/// A scheduled start, on the timeline and as a site's status.
const SCHEDULED: Color32 = Color32::from_rgb(110, 140, 200);
/// What the timeline dates only in other years than the one shown.
pub const FADED_FILL: Color32 = Color32::from_rgba_premultiplied(150, 150, 150, 150);
pub const FADED_OUTLINE: Color32 = Color32::from_gray(200);
pub const FADED_AREA: Color32 = Color32::from_gray(150);
pub const FADED_LINE: Color32 = Color32::from_gray(170);

pub fn status_color(status: SiteStatus) -> Color32 {
    match status {
        SiteStatus::GroundbreakingScheduled => SCHEDULED,
        SiteStatus::UnderConstruction => Color32::from_rgb(217, 95, 2),
        SiteStatus::Established => Color32::from_rgb(27, 158, 119),
        SiteStatus::InvestorsInterested => Color32::from_rgb(90, 80, 180),
    }
}

fn translucent(color: Color32, alpha: u8) -> Color32 {
    Color32::from_rgba_unmultiplied(color.r(), color.g(), color.b(), alpha)
}

fn darker(color: Color32) -> Color32 {
    Color32::from_rgb(
        (color.r() as f32 * 0.6) as u8,
        (color.g() as f32 * 0.6) as u8,
        (color.b() as f32 * 0.6) as u8,
    )
}

pub fn district_style(zone: Option<Zone>) -> AreaStyle {
    let base = zone.map_or(Color32::GRAY, zone_color);
    AreaStyle {
        fill: translucent(base, 80),
        outline: Stroke::new(1.5, Color32::from_rgb(60, 60, 70)),
    }
}

pub fn zone_style(zone: Option<Zone>) -> AreaStyle {
    let base = zone.map_or(Color32::GRAY, zone_color);
    AreaStyle {
        fill: translucent(base, 45),
        outline: Stroke::new(4.0, darker(base)),
    }
}

pub fn province_style() -> AreaStyle {
    AreaStyle {
        fill: Color32::TRANSPARENT,
        outline: Stroke::new(3.0, Color32::from_rgb(40, 40, 48)),
    }
}

pub fn border_style() -> LineStyle {
    LineStyle {
        core: Stroke::new(2.5, Color32::from_rgb(150, 30, 110)),
        casing: Stroke::new(5.0, Color32::from_rgba_unmultiplied(255, 255, 255, 160)),
        dash: Some((10.0, 4.0)),
    }
}

pub fn axis_style() -> LineStyle {
    LineStyle {
        core: Stroke::new(7.0, Color32::from_rgb(200, 30, 40)),
        casing: Stroke::new(11.0, Color32::WHITE),
        dash: None,
    }
}

pub fn corridor_style() -> LineStyle {
    LineStyle {
        core: Stroke::new(5.0, Color32::from_rgb(245, 150, 20)),
        casing: Stroke::new(9.0, Color32::from_rgb(90, 50, 0)),
        dash: Some((16.0, 6.0)),
    }
}

pub fn expressway_style() -> LineStyle {
    LineStyle {
        core: Stroke::new(3.0, Color32::from_rgb(30, 110, 60)),
        casing: Stroke::new(6.0, Color32::WHITE),
        dash: None,
    }
}

pub fn economic_zone_style() -> AreaStyle {
    AreaStyle {
        fill: Color32::from_rgba_unmultiplied(178, 24, 43, 40),
        outline: Stroke::new(2.5, Color32::from_rgb(178, 24, 43)),
    }
}

pub fn gate_style(class: Option<GateClass>, approximate: bool) -> SymbolStyle {
    let radius = match class {
        Some(GateClass::International) => 11.0,
        Some(GateClass::Main) => 8.5,
        Some(GateClass::Secondary) | None => 6.5,
    };
    SymbolStyle {
        shape: Shape::Diamond,
        radius,
        fill: Color32::from_rgb(178, 24, 43),
        outline: Stroke::new(2.0, Color32::WHITE),
        approximate,
    }
}

/// Symbol radius grows with the square root of the site area, so the symbol's surface
/// tracks the site's.
pub fn site_radius(area_ha: Option<f64>) -> f32 {
    match area_ha {
        Some(area) => 5.0 + (area.max(0.0).sqrt() as f32) * 0.6,
        None => 6.0,
    }
}

pub fn site_style(
    kind: Kind,
    status: Option<SiteStatus>,
    area_ha: Option<f64>,
    approximate: bool,
) -> SymbolStyle {
    let fill = status.map_or(Color32::GRAY, status_color);
    SymbolStyle {
        shape: if kind == Kind::IndustrialPark {
            Shape::Square
        } else {
            Shape::Circle
        },
        radius: site_radius(area_ha),
        fill,
        outline: Stroke::new(
            if kind == Kind::IndustrialPark {
                3.0
            } else {
                1.5
            },
            Color32::WHITE,
        ),
        approximate,
    }
}

/// The style of a feature on the map.
pub fn style_of(feature: &Feature) -> Style {
    let p = &feature.props;
    match p.kind {
        Kind::Province => Style::Area(province_style()),
        Kind::BorderLine => Style::Line(border_style()),
        Kind::District => Style::Area(district_style(p.zone)),
        Kind::Zone => Style::Area(zone_style(p.zone)),
        Kind::DevelopmentAxis => Style::Line(axis_style()),
        Kind::Corridor => Style::Line(corridor_style()),
        Kind::BorderGate => Style::Symbol(gate_style(p.gate_class, p.approximate)),
        Kind::IndustrialCluster | Kind::IndustrialPark => {
            Style::Symbol(site_style(p.kind, p.status, p.area_ha, p.approximate))
        }
        Kind::Expressway => Style::Line(expressway_style()),
        Kind::EconomicZone | Kind::FunctionalArea => Style::Area(economic_zone_style()),
        Kind::SmartGate => Style::Symbol(gate_style(Some(GateClass::International), p.approximate)),
    }
}

/// What a legend row shows next to its label.
#[derive(Clone, Debug, PartialEq)]
pub enum LegendKey {
    Zone(Zone),
    GateClass(GateClass),
    Status(SiteStatus),
    Park,
    Approximate,
    Axis,
    Corridor,
    Province,
    Border,
    /// A site of this area, to read symbol sizes against.
    SiteArea(f64),
}

impl LegendKey {
    /// The row's words, in the reader's language.
    pub fn text(&self, lang: Lang) -> String {
        match self {
            LegendKey::Zone(z) => lang::zone_name(*z, lang).to_owned(),
            LegendKey::GateClass(c) => lang::gate_class_name(*c, lang).to_owned(),
            LegendKey::Status(s) => format!(
                "{} ({})",
                lang::status_name(*s, lang),
                lang.pick("cụm", "cluster")
            ),
            LegendKey::Park => lang
                // Short: a longer row widens the layer panel and takes room from the map. The
                // date, so that in a later year it does not read as the park's state now.
                .pick(
                    "KCN (dự kiến khởi công 21/4/2024)",
                    "Park (groundbreaking scheduled for 21 Apr 2024)",
                )
                .to_owned(),
            LegendKey::Approximate => lang
                .pick("Vị trí gần đúng (tâm xã)", "Approximate (commune centroid)")
                .to_owned(),
            LegendKey::Axis => lang
                .pick(
                    "Trục Đồng Đăng – Hữu Lũng (sơ đồ)",
                    "Đồng Đăng – Hữu Lũng axis (schematic)",
                )
                .to_owned(),
            LegendKey::Corridor => lang
                .pick(
                    "Hành lang QL4A, QL4B (sơ đồ)",
                    "Corridors on QL4A, QL4B (schematic)",
                )
                .to_owned(),
            LegendKey::Province => lang.pick("Ranh giới tỉnh", "Province boundary").to_owned(),
            LegendKey::Border => lang
                .pick("Biên giới Việt Nam – Trung Quốc", "Vietnam – China border")
                .to_owned(),
            LegendKey::SiteArea(a) => format!("{a} ha"),
        }
    }
}

/// One legend row: the swatch comes from the same functions the map uses.
#[derive(Clone, Debug, PartialEq)]
pub struct LegendEntry {
    pub key: LegendKey,
    pub swatch: Style,
}

pub fn legend(layer: LayerKind) -> Vec<LegendEntry> {
    let entry = |key, swatch| LegendEntry { key, swatch };
    match layer {
        LayerKind::Zones => Zone::ALL
            .into_iter()
            .map(|z| entry(LegendKey::Zone(z), Style::Area(zone_style(Some(z)))))
            .collect(),
        LayerKind::Districts => Zone::ALL
            .into_iter()
            .map(|z| entry(LegendKey::Zone(z), Style::Area(district_style(Some(z)))))
            .collect(),
        LayerKind::Context => vec![
            entry(LegendKey::Province, Style::Area(province_style())),
            entry(LegendKey::Border, Style::Line(border_style())),
        ],
        LayerKind::Axis => vec![entry(LegendKey::Axis, Style::Line(axis_style()))],
        LayerKind::Corridors => vec![entry(LegendKey::Corridor, Style::Line(corridor_style()))],
        LayerKind::Gates => [
            GateClass::International,
            GateClass::Main,
            GateClass::Secondary,
        ]
        .into_iter()
        .map(|c| {
            entry(
                LegendKey::GateClass(c),
                Style::Symbol(gate_style(Some(c), false)),
            )
        })
        .chain(std::iter::once(entry(
            LegendKey::Approximate,
            Style::Symbol(gate_style(Some(GateClass::Secondary), true)),
        )))
        .collect(),
        LayerKind::Industry => SiteStatus::ALL
            .into_iter()
            // The cluster rows: no cluster is only established or only scheduled; the park
            // has its own row.
            .filter(|s| {
                !matches!(
                    s,
                    SiteStatus::Established | SiteStatus::GroundbreakingScheduled
                )
            })
            .map(|s| {
                entry(
                    LegendKey::Status(s),
                    Style::Symbol(site_style(
                        Kind::IndustrialCluster,
                        Some(s),
                        Some(30.0),
                        false,
                    )),
                )
            })
            .chain([
                entry(
                    LegendKey::Park,
                    Style::Symbol(site_style(
                        Kind::IndustrialPark,
                        Some(SiteStatus::GroundbreakingScheduled),
                        Some(30.0),
                        false,
                    )),
                ),
                entry(
                    LegendKey::SiteArea(50.0),
                    Style::Symbol(site_style(Kind::IndustrialCluster, None, Some(50.0), false)),
                ),
                entry(
                    LegendKey::SiteArea(600.0),
                    Style::Symbol(site_style(
                        Kind::IndustrialCluster,
                        None,
                        Some(600.0),
                        false,
                    )),
                ),
                entry(
                    LegendKey::Approximate,
                    Style::Symbol(site_style(Kind::IndustrialCluster, None, Some(30.0), true)),
                ),
            ])
            .collect(),
        LayerKind::Projects => Vec::new(),
    }
}
