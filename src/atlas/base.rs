//! The geodata the offline basemap is drawn from, and the commune gazetteer.

use super::kind::FeatureId;
use geo::{MultiLineString, MultiPolygon, Point};

/// Land of one country, clipped to the map's extent.
#[derive(Clone, Debug)]
pub struct LandPart {
    /// ISO 3166-1 alpha-3 code (`VNM`, `CHN`).
    pub country: String,
    pub polygons: MultiPolygon<f64>,
}

#[derive(Clone, Debug)]
pub struct River {
    pub name: String,
    pub line: MultiLineString<f64>,
}

#[derive(Clone, Debug)]
pub struct Town {
    pub name: String,
    pub country: String,
    pub population: u64,
    pub point: Point<f64>,
}

/// A commune, ward or township of the province (boundaries before the 2025 reform).
#[derive(Clone, Debug)]
pub struct Commune {
    pub name: String,
    /// `Xã`, `Phường` or `Thị trấn`.
    pub commune_type: String,
    pub district: FeatureId,
    pub code: String,
    /// The 2025 unit(s) it went into, by code, the main part first.
    pub units_2025: Vec<String>,
    pub point: Point<f64>,
}

/// A commune or ward since the 1 July 2025 reform (no districts any more).
#[derive(Clone, Debug, PartialEq)]
pub struct Unit2025 {
    pub code: String,
    pub name: String,
    /// `Xã` or `Phường`.
    pub unit_type: String,
    /// The official area, where the source gives one.
    pub area_km2: Option<f64>,
    /// Codes of the earlier communes it took in, whole or in part.
    pub former: Vec<String>,
    /// Its centroid, as the source gives it.
    pub point: Point<f64>,
    /// An approximate outline built by the prep tool (never an official boundary).
    pub cell: Option<ApproxArea>,
}

/// A 2025 unit's approximate area: the union of its earlier communes' Voronoi cells,
/// clipped to the province.
#[derive(Clone, Debug, PartialEq)]
pub struct ApproxArea {
    pub shape: geo::MultiPolygon<f64>,
    pub area_km2: f64,
    /// Signed, against the official area, where there is one.
    pub error_pct: Option<f64>,
}

impl Commune {
    /// Townships and wards are the towns of the province.
    pub fn is_town(&self) -> bool {
        self.commune_type != "Xã"
    }
}

#[derive(Clone, Debug, Default)]
pub struct BaseMap {
    pub land: Vec<LandPart>,
    pub rivers: Vec<River>,
    pub towns: Vec<Town>,
}
