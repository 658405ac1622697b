//! One map feature and the attributes `geodata/` gives it.

use super::facts::{FactId, Qualifier};
use super::kind::{FeatureId, GateClass, Kind, Precision, SiteStatus, Zone};
use serde::{Deserialize, Serialize};

/// The properties of a feature as stored in `geodata/*.geojson`. The prep tool writes them,
/// the loader reads them back with the same type, so the schema lives in one place.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Props {
    pub id: FeatureId,
    pub kind: Kind,
    pub name_vi: String,
    pub name_en: String,
    /// Where the geometry comes from (a dataset, a URL, or both).
    pub source: String,
    pub precision: Precision,
    /// True where the point is a commune centroid rather than the place itself.
    #[serde(default, skip_serializing_if = "is_false")]
    pub approximate: bool,
    /// True for planning lines drawn through named towns, not along a surveyed road.
    #[serde(default, skip_serializing_if = "is_false")]
    pub schematic: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub zone: Option<Zone>,
    /// The district a point feature lies in.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub district: Option<FeatureId>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub commune: Option<String>,
    /// Member districts of a zone, or districts a line crosses.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub districts: Vec<FeatureId>,
    /// Geodesic area of a polygon, computed by the prep tool.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub area_km2: Option<f64>,
    /// Site area as the sources state it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub area_ha: Option<f64>,
    /// How the source puts the area: VSIP's "nearly 600 ha" is never 600 ha.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub area_qualifier: Option<Qualifier>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub area_source: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<SiteStatus>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status_source: Option<String>,
    /// The fact of `facts.json` the status rests on: a status on the map is a claim, and
    /// its fact's modality must allow it ([`SiteStatus::allowed_by`]).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status_fact: Option<FactId>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub gate_class: Option<GateClass>,
    /// The gate facing this one across the border.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub paired_gate: Option<String>,
    /// Routes a planning line follows (national roads, expressways).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub routes: Vec<String>,
    /// Towns a schematic line is drawn through, in order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub via: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

fn is_false(b: &bool) -> bool {
    !*b
}

impl Props {
    /// A minimal set of properties; the rest default to absent.
    pub fn new(
        id: &str,
        kind: Kind,
        name_vi: &str,
        name_en: &str,
        source: &str,
        precision: Precision,
    ) -> Self {
        Self {
            id: FeatureId::new(id),
            kind,
            name_vi: name_vi.to_owned(),
            name_en: name_en.to_owned(),
            source: source.to_owned(),
            precision,
            approximate: false,
            schematic: false,
            zone: None,
            district: None,
            commune: None,
            districts: Vec::new(),
            area_km2: None,
            area_ha: None,
            area_qualifier: None,
            area_source: None,
            status: None,
            status_source: None,
            status_fact: None,
            gate_class: None,
            paired_gate: None,
            routes: Vec::new(),
            via: Vec::new(),
            note: None,
        }
    }
}

/// A feature of the plan: its attributes and, where its location is known, its geometry
/// in WGS84 longitude/latitude.
#[derive(Clone, Debug)]
pub struct Feature {
    pub props: Props,
    pub geometry: Option<geo::Geometry<f64>>,
}

impl Feature {
    pub fn id(&self) -> &FeatureId {
        &self.props.id
    }

    pub fn kind(&self) -> Kind {
        self.props.kind
    }

    /// A feature without geometry is listed, never drawn.
    pub fn is_located(&self) -> bool {
        self.geometry.is_some()
    }
}
