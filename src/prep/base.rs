//! The offline basemap's layers: land of both countries and their border, rivers, towns.

use super::*;

#[derive(serde::Serialize)]
struct LandProps<'a> {
    country: &'a str,
    source: &'a str,
}

/// Both countries' land, simplified together so they stay glued, and their shared edge.
pub(super) fn land_and_border(src: &Path) -> Result<(String, MultiLineString<f64>), PrepError> {
    let file = "countries-land-10m-langson-clip.geojson";
    let raw = raw::read_geojson(src, file)?;
    let find = |code: &str| -> Result<MultiPolygon<f64>, PrepError> {
        let feature = raw
            .iter()
            .find(|f| f.text("A3") == Some(code))
            .ok_or_else(|| PrepError::Check(format!("{file}: no land for {code}")))?;
        as_multi(file, &feature.geometry)
    };
    let countries = ["VNM", "CHN"];
    let shapes = [find(countries[0])?, find(countries[1])?];
    let simplified: Vec<MultiPolygon<f64>> = topo::simplify_shared(&shapes, LAND_TOLERANCE_DEG, 5);
    let border = MultiLineString(topo::shared_edges(&simplified[0], &simplified[1]));
    check(!border.0.is_empty(), || {
        format!("{file}: the two countries share no edge")
    })?;
    let mut collection = Collection::new(5);
    for (code, shape) in countries.iter().zip(&simplified) {
        collection.push(
            &LandProps {
                country: code,
                source: LAND,
            },
            Some(&Geometry::MultiPolygon(shape.clone())),
        );
    }
    Ok((collection.finish(), border))
}

#[derive(serde::Serialize)]
struct RiverProps<'a> {
    name: &'a str,
    source: &'a str,
}

pub(super) fn rivers(src: &Path) -> Result<String, PrepError> {
    let file = "ne_10m_rivers_lake_centerlines-langson-clip.geojson";
    let mut collection = Collection::new(5);
    for feature in raw::read_geojson(src, file)? {
        let name = feature
            .text("name_en")
            .or(feature.text("name"))
            .unwrap_or("");
        #[expect(
            clippy::wildcard_enum_match_arm,
            reason = "a river is a line: every other kind of geo::Geometry is refused"
        )]
        let simplified = match &feature.geometry {
            Geometry::LineString(l) => Geometry::LineString(l.simplify(RIVER_TOLERANCE_DEG)),
            Geometry::MultiLineString(l) => {
                Geometry::MultiLineString(l.simplify(RIVER_TOLERANCE_DEG))
            }
            _ => {
                return Err(PrepError::Invalid {
                    file: file.to_owned(),
                    message: format!("river {name} is not a line"),
                });
            }
        };
        collection.push(
            &RiverProps {
                name,
                source: "Natural Earth 10m rivers and lake centerlines (public domain)",
            },
            Some(&simplified),
        );
    }
    Ok(collection.finish())
}

#[derive(serde::Serialize)]
struct TownProps<'a> {
    name: &'a str,
    country: &'a str,
    population: u64,
    source: &'a str,
}

fn country_code(name: &str) -> &'static str {
    match name {
        "China" => "CHN",
        _ => "VNM",
    }
}

pub(super) fn write_towns(towns: &[RawFeature]) -> Result<String, PrepError> {
    let mut collection = Collection::new(5);
    for town in towns {
        let name = town
            .text("NAME")
            .ok_or_else(|| PrepError::Check("town without NAME".into()))?;
        collection.push(
            &TownProps {
                name,
                country: country_code(town.text("ADM0NAME").unwrap_or("")),
                population: town.number("POP_MAX").unwrap_or(0.0) as u64,
                source: NATURAL_EARTH,
            },
            Some(&town.geometry),
        );
    }
    Ok(collection.finish())
}

#[expect(
    clippy::wildcard_enum_match_arm,
    reason = "a point is wanted: the other nine kinds of geo::Geometry are all not one"
)]
pub(super) fn town_point(towns: &[RawFeature], name: &str) -> Result<Coord, PrepError> {
    towns
        .iter()
        .find(|t| t.text("NAME") == Some(name))
        .and_then(|t| match t.geometry {
            Geometry::Point(p) => Some(p.0),
            _ => None,
        })
        .ok_or_else(|| PrepError::Check(format!("no town {name} in Natural Earth places")))
}
