//! Approximate areas of the 65 communes and wards of 2025: the open data gives their
//! centroids and official areas but no boundaries, so each unit is drawn as the union of
//! the Voronoi cells of its earlier communes' centroids, clipped to the province. The
//! result is checked against the official areas and always marked approximate.

use super::raw::read_tsv;
use super::units2025::Mapping;
use super::writer::Collection;
use super::{PrepError, Row, cell, check, coord, geodesic_km2, round_to, round1};
use geo::{BooleanOps, Coord, Geometry, LineString, MultiPolygon, Polygon};
use std::collections::BTreeMap;
use std::path::Path;

const METHOD: &str =
    "union of the Voronoi cells of its earlier communes' centroids, clipped to the province";
const SOURCE: &str = "vietnamadminunits 1.0.4 (MIT) centroids and converter; province outline from geoBoundaries VNM ADM2 (CC BY 3.0 IGO)";

#[derive(serde::Serialize)]
struct CellProps<'a> {
    code: &'a str,
    name: &'a str,
    unit_type: &'a str,
    approximate: bool,
    method: &'a str,
    area_km2_approx: f64,
    #[serde(skip_serializing_if = "Option::is_none")]
    area_km2_official: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    error_pct: Option<f64>,
    /// Earlier communes split between units, whose whole cell went to this, their main part.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    split_communes: Vec<String>,
    /// Earlier communes of this unit that got no cell: the source puts them at the very
    /// centroid of another commune, whose unit's centre is nearer.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    unplaced_communes: Vec<String>,
    source: &'a str,
}

/// The centroids' plane: longitude shrunk by the cosine of the province's latitude, so
/// that bisectors fall where distances on the ground are equal.
const LAT0: f64 = 21.8;

fn to_plane(c: Coord) -> Coord {
    Coord {
        x: c.x * LAT0.to_radians().cos(),
        y: c.y,
    }
}

fn from_plane(c: Coord) -> Coord {
    Coord {
        x: c.x / LAT0.to_radians().cos(),
        y: c.y,
    }
}

/// Keeps the part of the convex `ring` nearer `site` than `other` (Sutherland–Hodgman
/// against their perpendicular bisector).
fn clip(ring: &[Coord], site: Coord, other: Coord) -> Vec<Coord> {
    let d = other - site;
    let mid = Coord {
        x: (site.x + other.x) / 2.0,
        y: (site.y + other.y) / 2.0,
    };
    let side = |p: Coord| (p.x - mid.x) * d.x + (p.y - mid.y) * d.y;
    let mut out = Vec::with_capacity(ring.len() + 1);
    for (i, &a) in ring.iter().enumerate() {
        let b = ring[(i + 1) % ring.len()];
        let (sa, sb) = (side(a), side(b));
        if sa <= 0.0 {
            out.push(a);
        }
        if (sa < 0.0 && sb > 0.0) || (sa > 0.0 && sb < 0.0) {
            let t = sa / (sa - sb);
            out.push(Coord {
                x: a.x + (b.x - a.x) * t,
                y: a.y + (b.y - a.y) * t,
            });
        }
    }
    out
}

/// The Voronoi cell of each site within `frame` (a convex ring), in the sites' order.
fn voronoi(sites: &[Coord], frame: &[Coord]) -> Vec<Vec<Coord>> {
    sites
        .iter()
        .enumerate()
        .map(|(i, &site)| {
            sites
                .iter()
                .enumerate()
                .filter(|(j, _)| *j != i)
                .fold(frame.to_vec(), |ring, (_, &other)| clip(&ring, site, other))
        })
        .collect()
}

/// `communes-2025-areas.geojson`.
pub fn build(
    src: &Path,
    gazetteer: &[Row],
    mapping: &Mapping,
    province: &MultiPolygon<f64>,
) -> Result<String, PrepError> {
    let units = read_tsv(src, "langson-communes-2025-vietnamadminunits.tsv")?;
    let mut centres = BTreeMap::new();
    for row in &units {
        centres.insert(
            cell(row, "commune_code")?,
            to_plane(coord(row, "lon", "lat")?),
        );
    }
    let mut sites: Vec<Coord> = Vec::with_capacity(gazetteer.len());
    let mut owners: Vec<(&str, &str, bool)> = Vec::with_capacity(gazetteer.len());
    let mut unplaced: BTreeMap<&str, Vec<String>> = BTreeMap::new();
    for row in gazetteer {
        let code = cell(row, "commune_code")?;
        let main = mapping
            .get(code)
            .and_then(|units| units.first())
            .ok_or_else(|| PrepError::Check(format!("earlier commune {code} has no 2025 unit")))?;
        let site = to_plane(coord(row, "commune_lon", "commune_lat")?);
        let owner = (
            code,
            main.as_str(),
            mapping.get(code).map_or(0, Vec::len) > 1,
        );
        // Two communes at one point would share one cell: it goes to the commune whose
        // 2025 unit's centre is nearer; the other is listed as unplaced.
        if let Some(k) = sites.iter().position(|s| *s == site) {
            let distance = |unit: &str| {
                centres.get(unit).map_or(f64::INFINITY, |c: &Coord| {
                    (*c - site).x.hypot((*c - site).y)
                })
            };
            let loser = if distance(owner.1) < distance(owners[k].1) {
                std::mem::replace(&mut owners[k], owner)
            } else {
                owner
            };
            unplaced
                .entry(loser.1)
                .or_default()
                .push(loser.0.to_owned());
            continue;
        }
        sites.push(site);
        owners.push(owner);
    }
    let frame = {
        use geo::BoundingRect;
        let rect = province
            .bounding_rect()
            .ok_or_else(|| PrepError::Check("the province outline is empty".to_owned()))?;
        let (a, b) = (to_plane(rect.min()), to_plane(rect.max()));
        let m = 0.5;
        vec![
            Coord {
                x: a.x - m,
                y: a.y - m,
            },
            Coord {
                x: b.x + m,
                y: a.y - m,
            },
            Coord {
                x: b.x + m,
                y: b.y + m,
            },
            Coord {
                x: a.x - m,
                y: b.y + m,
            },
        ]
    };
    let mut per_unit: BTreeMap<&str, Vec<Polygon<f64>>> = BTreeMap::new();
    let mut split: BTreeMap<&str, Vec<String>> = BTreeMap::new();
    for (ring, (code, unit, is_split)) in voronoi(&sites, &frame).into_iter().zip(&owners) {
        let ring: Vec<Coord> = ring.into_iter().map(from_plane).collect();
        let cell = MultiPolygon(vec![Polygon::new(LineString::from(ring), vec![])]);
        per_unit
            .entry(unit)
            .or_default()
            .extend(cell.intersection(province).0);
        if *is_split {
            split.entry(unit).or_default().push((*code).to_owned());
        }
    }
    let mut collection = Collection::new(6);
    let mut total = 0.0;
    for row in &units {
        let code = cell(row, "commune_code")?;
        let name = cell(row, "commune")?;
        let parts = per_unit.remove(code).unwrap_or_default();
        check(!parts.is_empty(), || {
            format!("2025 unit {code} ({name}) got no area")
        })?;
        let shape = settle(geo::unary_union(parts.iter()));
        let approx = geodesic_km2(&shape);
        total += approx;
        let official: Option<f64> = cell(row, "area_km2")?.parse().ok().filter(|a| *a > 0.0);
        let error = official.map(|o| (approx - o) / o * 100.0);
        collection.push(
            &CellProps {
                code,
                name,
                unit_type: cell(row, "commune_type")?,
                approximate: true,
                method: METHOD,
                area_km2_approx: round1(approx),
                area_km2_official: official,
                error_pct: error.map(round1),
                split_communes: split.remove(code).unwrap_or_default(),
                unplaced_communes: unplaced.remove(code).unwrap_or_default(),
                source: SOURCE,
            },
            Some(&Geometry::MultiPolygon(shape)),
        );
    }
    let province_km2 = geodesic_km2(province);
    check((total - province_km2).abs() <= province_km2 * 0.005, || {
        format!("the cells cover {total:.1} km², the province {province_km2:.1} km²")
    })?;
    Ok(collection.finish())
}

/// The check of a written `communes-2025-areas.geojson` against the official areas:
/// "… (64): median error 10.2 %, worst +77.8 % (Xã …)".
pub fn summary_of(geojson: &str) -> Result<String, PrepError> {
    let invalid = |message: String| PrepError::Invalid {
        file: "communes-2025-areas.geojson".to_owned(),
        message,
    };
    let collection: geojson::FeatureCollection = geojson
        .parse()
        .map_err(|e: geojson::Error| invalid(e.to_string()))?;
    let mut errors: Vec<(f64, String)> = collection
        .features
        .iter()
        .filter_map(|f| {
            let error = f.property("error_pct")?.as_f64()?;
            let name = f.property("name")?.as_str()?.to_owned();
            Some((error, name))
        })
        .collect();
    Ok(summary(&mut errors))
}

/// Rounds to the written precision; where rounding makes two parts touch along a line,
/// they are merged again, until the shape is valid as written.
fn settle(shape: MultiPolygon<f64>) -> MultiPolygon<f64> {
    use geo::Validation;
    let mut shape = round_to(shape, 6);
    for _ in 0..3 {
        if shape.is_valid() {
            break;
        }
        shape = round_to(geo::unary_union(shape.0.iter()), 6);
    }
    shape
}

/// "median 21.3 %, worst 80.2 % (Xã …)" over the absolute errors.
fn summary(errors: &mut [(f64, String)]) -> String {
    errors.sort_by(|a, b| a.0.abs().total_cmp(&b.0.abs()));
    let n = errors.len();
    if n == 0 {
        return "no official areas to check against".to_owned();
    }
    let median = if n % 2 == 1 {
        errors[n / 2].0.abs()
    } else {
        (errors[n / 2 - 1].0.abs() + errors[n / 2].0.abs()) / 2.0
    };
    let (worst, name) = &errors[n - 1];
    format!(
        "2025 units against their official areas ({n}): median error {median:.1} %, worst {worst:+.1} % ({name})"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn two_sites_split_a_square_along_their_bisector() {
        let frame = [
            Coord { x: 0.0, y: 0.0 },
            Coord { x: 4.0, y: 0.0 },
            Coord { x: 4.0, y: 2.0 },
            Coord { x: 0.0, y: 2.0 },
        ];
        let cells = voronoi(
            &[Coord { x: 1.0, y: 1.0 }, Coord { x: 3.0, y: 1.0 }],
            &frame,
        );
        let xs: Vec<f64> = cells[0].iter().map(|c| c.x).collect();
        assert!(xs.iter().all(|x| *x <= 2.0 + 1e-12), "{xs:?}");
        assert!(xs.contains(&2.0));
        let area = |ring: &[Coord]| {
            use geo::Area;
            Polygon::new(LineString::from(ring.to_vec()), vec![]).unsigned_area()
        };
        assert!((area(&cells[0]) - 4.0).abs() < 1e-9);
        assert!((area(&cells[1]) - 4.0).abs() < 1e-9);
    }
}
