//! Distances an investor asks about: from every industrial site (and the VSIP park) to the
//! nearest international border gate, to the Hữu Nghị gate and to Lạng Sơn city centre.
//! Straight-line geodesic distances on the WGS 84 ellipsoid, never road distances. A site
//! placed only at its commune's centre keeps that caveat: its distances are approximate.

use super::{Atlas, FeatureId, GateClass, Kind};
use geo::{Coord, Distance, Geodesic, Point};

/// The gate every distance table measures to by name.
pub const HUU_NGHI: &str = "huu_nghi";
/// Lạng Sơn city centre: Natural Earth's populated place, as the basemap shows it.
pub const CITY: &str = "Lạng Sơn";

#[derive(Clone, Debug, PartialEq)]
pub struct SiteDistances {
    pub site: FeatureId,
    /// The nearest international gate and the distance to it, in metres.
    pub nearest_international: Option<(FeatureId, f64)>,
    pub huu_nghi: Option<f64>,
    pub city: Option<f64>,
    /// The site is located only to its commune: every distance is approximate.
    pub approximate: bool,
}

#[expect(
    clippy::wildcard_enum_match_arm,
    reason = "a point is wanted: the other nine kinds of geo::Geometry are all not one"
)]
fn point_of(atlas: &Atlas, id: &FeatureId) -> Option<Coord> {
    match atlas.get(id)?.geometry.as_ref()? {
        geo::Geometry::Point(p) => Some(p.0),
        _ => None,
    }
}

fn metres(a: Coord, b: Coord) -> f64 {
    Geodesic.distance(Point(a), Point(b))
}

/// The city centre the distances use, from the basemap's towns.
pub fn city_centre(atlas: &Atlas) -> Option<Coord> {
    atlas
        .base
        .towns
        .iter()
        .find(|t| t.name == CITY && t.country == "VNM")
        .map(|t| t.point.0)
}

/// One row per located site, in the atlas's order.
pub fn site_distances(atlas: &Atlas) -> Vec<SiteDistances> {
    let gates: Vec<(FeatureId, Coord)> = atlas
        .features()
        .iter()
        .filter(|f| {
            f.kind() == Kind::BorderGate && f.props.gate_class == Some(GateClass::International)
        })
        .filter_map(|f| Some((f.id().clone(), point_of(atlas, f.id())?)))
        .collect();
    let huu_nghi = point_of(atlas, &FeatureId::new(HUU_NGHI));
    let city = city_centre(atlas);
    atlas
        .features()
        .iter()
        .filter(|f| matches!(f.kind(), Kind::IndustrialCluster | Kind::IndustrialPark))
        .filter_map(|f| {
            let at = point_of(atlas, f.id())?;
            let nearest_international = gates
                .iter()
                .map(|(id, g)| (id.clone(), metres(at, *g)))
                .min_by(|a, b| a.1.total_cmp(&b.1));
            Some(SiteDistances {
                site: f.id().clone(),
                nearest_international,
                huu_nghi: huu_nghi.map(|g| metres(at, g)),
                city: city.map(|c| metres(at, c)),
                approximate: f.props.approximate,
            })
        })
        .collect()
}
