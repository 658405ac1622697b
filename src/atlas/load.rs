//! Reading `geodata/` into plain Rust values, with errors that name the file and feature.

use super::base::{ApproxArea, BaseMap, Commune, LandPart, River, Town, Unit2025};
use super::feature::{Feature, Props};
use super::kind::{Kind, LayerKind};
use geo::Geometry;
use serde::de::DeserializeOwned;
use std::path::{Path, PathBuf};
use thiserror::Error;

/// What can go wrong while reading one geodata file.
#[derive(Debug, Error, Clone, PartialEq)]
pub enum LoadError {
    #[error("{file}: cannot be read: {message}")]
    Unreadable { file: String, message: String },
    #[error("{file}: not valid GeoJSON: {message}")]
    NotGeoJson { file: String, message: String },
    #[error("{file}: expected a FeatureCollection")]
    NotCollection { file: String },
    #[error("{file}, feature {feature}: {message}")]
    BadFeature {
        file: String,
        feature: String,
        message: String,
    },
    #[error("{file}: duplicate feature id {id}")]
    DuplicateId { file: String, id: String },
    #[error("feature {feature}: refers to unknown district {district}")]
    UnknownDistrict { feature: String, district: String },
    #[error("{message}")]
    BadFacts { message: String },
    #[error("{message}")]
    BadTimeline { message: String },
    #[error("facts.json, fact {fact}: about unknown feature {feature}")]
    UnknownFeature { fact: String, feature: String },
}

/// Where geodata files come from: compiled into the binary, or a folder on disk.
pub enum GeodataSource {
    Embedded,
    Dir(PathBuf),
}

impl GeodataSource {
    pub fn read(&self, file: &str) -> Result<String, LoadError> {
        match self {
            GeodataSource::Embedded => {
                embedded(file)
                    .map(str::to_owned)
                    .ok_or_else(|| LoadError::Unreadable {
                        file: file.to_owned(),
                        message: "not among the embedded geodata files".to_owned(),
                    })
            }
            GeodataSource::Dir(dir) => read_file(&dir.join(file), file),
        }
    }
}

fn read_file(path: &Path, file: &str) -> Result<String, LoadError> {
    std::fs::read_to_string(path).map_err(|e| LoadError::Unreadable {
        file: file.to_owned(),
        message: format!("{}: {e}", path.display()),
    })
}

/// The geodata files, as they were when the binary was built: the viewer works from any
/// working directory and on a machine that has only the binary.
pub const EMBEDDED: &[(&str, &str)] = &[
    (
        "districts.geojson",
        include_str!("../../geodata/districts.geojson"),
    ),
    ("zones.geojson", include_str!("../../geodata/zones.geojson")),
    (
        "province.geojson",
        include_str!("../../geodata/province.geojson"),
    ),
    ("axis.geojson", include_str!("../../geodata/axis.geojson")),
    (
        "corridors.geojson",
        include_str!("../../geodata/corridors.geojson"),
    ),
    ("gates.geojson", include_str!("../../geodata/gates.geojson")),
    (
        "industry.geojson",
        include_str!("../../geodata/industry.geojson"),
    ),
    (
        "projects.geojson",
        include_str!("../../geodata/projects.geojson"),
    ),
    ("facts.json", include_str!("../../geodata/facts.json")),
    (
        "base-land.geojson",
        include_str!("../../geodata/base-land.geojson"),
    ),
    (
        "base-rivers.geojson",
        include_str!("../../geodata/base-rivers.geojson"),
    ),
    (
        "base-towns.geojson",
        include_str!("../../geodata/base-towns.geojson"),
    ),
    (
        "communes.geojson",
        include_str!("../../geodata/communes.geojson"),
    ),
    (
        "communes-2025.geojson",
        include_str!("../../geodata/communes-2025.geojson"),
    ),
    (
        "communes-2025-areas.geojson",
        include_str!("../../geodata/communes-2025-areas.geojson"),
    ),
    ("timeline.json", include_str!("../../geodata/timeline.json")),
];

pub fn embedded(file: &str) -> Option<&'static str> {
    EMBEDDED
        .iter()
        .find(|(name, _)| *name == file)
        .map(|(_, text)| *text)
}

/// One feature of a collection: its properties as a JSON object and its geometry, if any.
struct RawFeature {
    label: String,
    properties: serde_json::Value,
    geometry: Option<Geometry<f64>>,
}

fn parse_collection(file: &str, text: &str) -> Result<Vec<RawFeature>, LoadError> {
    let geojson: geojson::GeoJson =
        text.parse()
            .map_err(|e: geojson::Error| LoadError::NotGeoJson {
                file: file.to_owned(),
                message: e.to_string(),
            })?;
    let geojson::GeoJson::FeatureCollection(collection) = geojson else {
        return Err(LoadError::NotCollection {
            file: file.to_owned(),
        });
    };
    collection
        .features
        .into_iter()
        .enumerate()
        .map(|(index, feature)| {
            let label = feature
                .property("id")
                .and_then(|id| id.as_str())
                .map_or_else(|| format!("#{index}"), str::to_owned);
            let geometry = match feature.geometry {
                None => None,
                Some(g) => {
                    Some(
                        Geometry::<f64>::try_from(g).map_err(|e| LoadError::BadFeature {
                            file: file.to_owned(),
                            feature: label.clone(),
                            message: format!("geometry: {e}"),
                        })?,
                    )
                }
            };
            let properties = serde_json::Value::Object(feature.properties.unwrap_or_default());
            Ok(RawFeature {
                label,
                properties,
                geometry,
            })
        })
        .collect()
}

fn properties<T: DeserializeOwned>(file: &str, raw: &RawFeature) -> Result<T, LoadError> {
    serde_json::from_value(raw.properties.clone()).map_err(|e| LoadError::BadFeature {
        file: file.to_owned(),
        feature: raw.label.clone(),
        message: format!("properties: {e}"),
    })
}

fn bad(file: &str, raw: &RawFeature, message: impl Into<String>) -> LoadError {
    LoadError::BadFeature {
        file: file.to_owned(),
        feature: raw.label.clone(),
        message: message.into(),
    }
}

/// Parses one plan layer and checks that each feature belongs to it and has the kind of
/// geometry its kind is drawn with.
pub fn parse_layer(layer: LayerKind, text: &str) -> Result<Vec<Feature>, LoadError> {
    let file = layer.file_name();
    parse_collection(file, text)?
        .into_iter()
        .map(|raw| {
            let props: Props = properties(file, &raw)?;
            if props.kind.layer() != layer {
                return Err(bad(
                    file,
                    &raw,
                    format!("kind {:?} does not belong in this layer", props.kind),
                ));
            }
            check_geometry(props.kind, props.precision.is_drawable(), &raw.geometry)
                .map_err(|m| bad(file, &raw, m.to_string()))?;
            Ok(Feature {
                props,
                geometry: raw.geometry,
            })
        })
        .collect()
}

/// A plan feature whose geometry does not match what its data says of it.
#[derive(Debug, thiserror::Error)]
enum GeometryProblem {
    #[error("has no geometry although its precision says it is located")]
    Missing,
    #[error("has a geometry although its location is not known")]
    Unlocated,
    #[error("a {0:?} cannot be drawn from this geometry type")]
    WrongType(Kind),
}

fn check_geometry(
    kind: Kind,
    drawable: bool,
    geometry: &Option<Geometry<f64>>,
) -> Result<(), GeometryProblem> {
    let Some(geometry) = geometry else {
        return if drawable {
            Err(GeometryProblem::Missing)
        } else {
            Ok(())
        };
    };
    if !drawable {
        return Err(GeometryProblem::Unlocated);
    }
    let fits = match kind {
        Kind::Province
        | Kind::District
        | Kind::Zone
        | Kind::EconomicZone
        | Kind::FunctionalArea => {
            matches!(geometry, Geometry::Polygon(_) | Geometry::MultiPolygon(_))
        }
        Kind::BorderLine | Kind::DevelopmentAxis | Kind::Corridor | Kind::Expressway => {
            matches!(
                geometry,
                Geometry::LineString(_) | Geometry::MultiLineString(_)
            )
        }
        Kind::BorderGate | Kind::IndustrialCluster | Kind::IndustrialPark => {
            matches!(geometry, Geometry::Point(_))
        }
        Kind::SmartGate => matches!(
            geometry,
            Geometry::Point(_) | Geometry::LineString(_) | Geometry::MultiLineString(_)
        ),
    };
    if fits {
        Ok(())
    } else {
        Err(GeometryProblem::WrongType(kind))
    }
}

#[derive(serde::Deserialize)]
struct LandProps {
    country: String,
}

#[derive(serde::Deserialize)]
struct RiverProps {
    name: String,
}

#[derive(serde::Deserialize)]
struct TownProps {
    name: String,
    country: String,
    population: u64,
}

#[derive(serde::Deserialize)]
struct CommuneProps {
    name: String,
    commune_type: String,
    district: String,
    code: String,
    #[serde(default)]
    units_2025: Vec<String>,
}

#[derive(serde::Deserialize)]
struct UnitProps {
    code: String,
    name: String,
    unit_type: String,
    #[serde(default)]
    area_km2: Option<f64>,
    former: Vec<String>,
}

/// The communes and wards since 1 July 2025.
pub fn parse_units_2025(source: &GeodataSource) -> Result<Vec<Unit2025>, LoadError> {
    let file = "communes-2025.geojson";
    parse_collection(file, &source.read(file)?)?
        .into_iter()
        .map(|raw| {
            let props: UnitProps = properties(file, &raw)?;
            let Some(Geometry::Point(point)) = raw.geometry else {
                return Err(bad(file, &raw, "a 2025 unit is placed by a point"));
            };
            Ok(Unit2025 {
                code: props.code,
                name: props.name,
                unit_type: props.unit_type,
                area_km2: props.area_km2,
                former: props.former,
                point,
                cell: None,
            })
        })
        .collect()
}

#[derive(serde::Deserialize)]
struct CellProps {
    code: String,
    area_km2_approx: f64,
    #[serde(default)]
    error_pct: Option<f64>,
}

/// The 2025 units' approximate areas, by unit code.
pub fn parse_unit_cells(source: &GeodataSource) -> Result<Vec<(String, ApproxArea)>, LoadError> {
    let file = "communes-2025-areas.geojson";
    parse_collection(file, &source.read(file)?)?
        .into_iter()
        .map(|raw| {
            let props: CellProps = properties(file, &raw)?;
            let shape = match raw.geometry {
                Some(Geometry::MultiPolygon(shape)) => shape,
                Some(Geometry::Polygon(p)) => geo::MultiPolygon(vec![p]),
                _ => return Err(bad(file, &raw, "an area must be polygons")),
            };
            Ok((
                props.code,
                ApproxArea {
                    shape,
                    area_km2: props.area_km2_approx,
                    error_pct: props.error_pct,
                },
            ))
        })
        .collect()
}

/// Reads the basemap's own layers: land of both countries, rivers and towns.
pub fn parse_base(source: &GeodataSource) -> Result<BaseMap, LoadError> {
    let mut base = BaseMap::default();
    let file = "base-land.geojson";
    for raw in parse_collection(file, &source.read(file)?)? {
        let props: LandProps = properties(file, &raw)?;
        let polygons = match raw.geometry {
            Some(Geometry::Polygon(p)) => geo::MultiPolygon(vec![p]),
            Some(Geometry::MultiPolygon(mp)) => mp,
            _ => return Err(bad(file, &raw, "land must be a polygon")),
        };
        base.land.push(LandPart {
            country: props.country,
            polygons,
        });
    }
    let file = "base-rivers.geojson";
    for raw in parse_collection(file, &source.read(file)?)? {
        let props: RiverProps = properties(file, &raw)?;
        let line = match raw.geometry {
            Some(Geometry::LineString(l)) => geo::MultiLineString(vec![l]),
            Some(Geometry::MultiLineString(l)) => l,
            _ => return Err(bad(file, &raw, "a river must be a line")),
        };
        base.rivers.push(River {
            name: props.name,
            line,
        });
    }
    let file = "base-towns.geojson";
    for raw in parse_collection(file, &source.read(file)?)? {
        let props: TownProps = properties(file, &raw)?;
        let Some(Geometry::Point(point)) = raw.geometry else {
            return Err(bad(file, &raw, "a town must be a point"));
        };
        base.towns.push(Town {
            name: props.name,
            country: props.country,
            population: props.population,
            point,
        });
    }
    Ok(base)
}

/// Reads the commune gazetteer (labels and search).
pub fn parse_communes(source: &GeodataSource) -> Result<Vec<Commune>, LoadError> {
    let file = "communes.geojson";
    parse_collection(file, &source.read(file)?)?
        .into_iter()
        .map(|raw| {
            let props: CommuneProps = properties(file, &raw)?;
            let Some(Geometry::Point(point)) = raw.geometry else {
                return Err(bad(file, &raw, "a commune must be a point"));
            };
            Ok(Commune {
                name: props.name,
                commune_type: props.commune_type,
                district: super::kind::FeatureId::new(props.district),
                code: props.code,
                units_2025: props.units_2025,
                point,
            })
        })
        .collect()
}
