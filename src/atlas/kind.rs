//! The closed vocabularies of the atlas: what a feature is, which layer draws it, and the
//! categorical attributes the plan uses. Serialized names are the ones written in `geodata/`.

use serde::{Deserialize, Serialize};
use std::fmt;

/// Stable identifier of a feature, as written in the `id` property of `geodata/*.geojson`.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(transparent)]
pub struct FeatureId(String);

impl FeatureId {
    pub fn new(id: impl Into<String>) -> Self {
        Self(id.into())
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for FeatureId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// What a feature is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    Province,
    BorderLine,
    District,
    Zone,
    DevelopmentAxis,
    Corridor,
    BorderGate,
    IndustrialCluster,
    IndustrialPark,
    Expressway,
    EconomicZone,
    FunctionalArea,
    SmartGate,
}

impl Kind {
    pub fn layer(self) -> LayerKind {
        match self {
            Kind::Province | Kind::BorderLine => LayerKind::Context,
            Kind::District => LayerKind::Districts,
            Kind::Zone => LayerKind::Zones,
            Kind::DevelopmentAxis => LayerKind::Axis,
            Kind::Corridor => LayerKind::Corridors,
            Kind::BorderGate => LayerKind::Gates,
            Kind::IndustrialCluster | Kind::IndustrialPark => LayerKind::Industry,
            Kind::Expressway | Kind::EconomicZone | Kind::FunctionalArea | Kind::SmartGate => {
                LayerKind::Projects
            }
        }
    }

    /// Which feature wins when several lie under the pointer: points over lines over
    /// polygons, and the smaller polygon over the larger one that contains it.
    pub fn pick_priority(self) -> u8 {
        match self {
            Kind::BorderGate | Kind::IndustrialCluster | Kind::IndustrialPark | Kind::SmartGate => {
                6
            }
            Kind::DevelopmentAxis | Kind::Corridor | Kind::Expressway => 5,
            Kind::BorderLine => 4,
            Kind::District | Kind::FunctionalArea => 3,
            Kind::Zone | Kind::EconomicZone => 2,
            Kind::Province => 1,
        }
    }
}

/// The map layers a user can switch on and off, in drawing order (bottom first).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum LayerKind {
    Zones,
    Districts,
    Context,
    Corridors,
    Axis,
    Industry,
    Gates,
    /// Expressways, the border economic zone and other projects the articles name; no open
    /// geometry exists for them yet, so they are listed rather than drawn.
    Projects,
}

impl LayerKind {
    pub const ALL: [LayerKind; 8] = [
        LayerKind::Zones,
        LayerKind::Districts,
        LayerKind::Context,
        LayerKind::Corridors,
        LayerKind::Axis,
        LayerKind::Industry,
        LayerKind::Gates,
        LayerKind::Projects,
    ];

    /// The file in `geodata/` that holds this layer.
    pub fn file_name(self) -> &'static str {
        match self {
            LayerKind::Zones => "zones.geojson",
            LayerKind::Districts => "districts.geojson",
            LayerKind::Context => "province.geojson",
            LayerKind::Corridors => "corridors.geojson",
            LayerKind::Axis => "axis.geojson",
            LayerKind::Industry => "industry.geojson",
            LayerKind::Gates => "gates.geojson",
            LayerKind::Projects => "projects.geojson",
        }
    }
}

/// The three socio-economic zones of the plan ("3 vùng kinh tế - xã hội").
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Zone {
    Dynamic,
    East,
    West,
}

impl Zone {
    pub const ALL: [Zone; 3] = [Zone::Dynamic, Zone::East, Zone::West];

    pub fn feature_id(self) -> FeatureId {
        FeatureId::new(match self {
            Zone::Dynamic => "zone_dynamic",
            Zone::East => "zone_east",
            Zone::West => "zone_west",
        })
    }
}

/// Class of a border gate, as Vietnamese law ranks them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum GateClass {
    International,
    Main,
    Secondary,
}

/// Where an industrial site stands, in the words of the articles.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SiteStatus {
    /// A groundbreaking announced for a date: a plan, not an event. No article reports it
    /// as held.
    GroundbreakingScheduled,
    /// Ground broken, infrastructure being built.
    UnderConstruction,
    /// Formally established, awaiting construction.
    Established,
    /// Planned, with investors interested or proposing to build it.
    InvestorsInterested,
}

impl SiteStatus {
    pub const ALL: [SiteStatus; 4] = [
        SiteStatus::GroundbreakingScheduled,
        SiteStatus::UnderConstruction,
        SiteStatus::Established,
        SiteStatus::InvestorsInterested,
    ];
}

/// How well a feature's location is known (the `precision` column of the places table).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Precision {
    /// Surveyed or published geometry of the feature itself.
    Exact,
    /// The centroid of its commune (or the midpoint of two): a few km off at worst.
    CommuneCentroid,
    /// Only the district is known: not drawn.
    DistrictOnly,
    /// Named by a source, location not found: not drawn.
    Unknown,
    /// Drawn as a planning diagram through the places a source names.
    Schematic,
}

impl Precision {
    /// Whether a point may be drawn for a place of this precision.
    pub fn is_drawable(self) -> bool {
        matches!(
            self,
            Precision::Exact | Precision::CommuneCentroid | Precision::Schematic
        )
    }
}
