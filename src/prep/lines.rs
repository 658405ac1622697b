//! The development axis and the corridors as schematic planning lines through the towns
//! the plan names, each ending where it leaves the province.

use super::*;

fn stop_point(
    gazetteer: &[Row],
    places: &[Row],
    stop: &Stop,
) -> Result<(String, Coord), PrepError> {
    match *stop {
        Stop::Commune(name) => {
            let row = gazetteer
                .iter()
                .find(|r| r.get("commune").map(String::as_str) == Some(name))
                .ok_or_else(|| PrepError::Check(format!("no commune {name} in the gazetteer")))?;
            Ok((name.to_owned(), coord(row, "commune_lon", "commune_lat")?))
        }
        Stop::DistrictCentroid(name) => {
            let row = gazetteer
                .iter()
                .find(|r| r.get("district").map(String::as_str) == Some(name))
                .ok_or_else(|| PrepError::Check(format!("no district {name} in the gazetteer")))?;
            Ok((name.to_owned(), coord(row, "district_lon", "district_lat")?))
        }
        Stop::Place(id) => {
            let row = places
                .iter()
                .find(|r| r.get("id").map(String::as_str) == Some(id))
                .ok_or_else(|| PrepError::Check(format!("no place {id} in the places table")))?;
            Ok((cell(row, "name_vi")?.to_owned(), coord(row, "lon", "lat")?))
        }
    }
}

/// Where the segment from `from` toward `toward` first leaves the province.
fn boundary_exit(province: &MultiPolygon<f64>, from: Coord, toward: Coord) -> Option<Coord> {
    let ray = Line::new(from, toward);
    let mut best: Option<(f64, Coord)> = None;
    for polygon in &province.0 {
        for edge in polygon.exterior().lines() {
            if !edge.intersects(&ray) {
                continue;
            }
            if let Some(geo::LineIntersection::SinglePoint { intersection, .. }) =
                geo::line_intersection::line_intersection(edge, ray)
            {
                let d = (intersection.x - from.x).hypot(intersection.y - from.y);
                if best.is_none_or(|(bd, _)| d < bd) {
                    best = Some((d, intersection));
                }
            }
        }
    }
    best.map(|(_, c)| c)
}

pub(super) fn schematic_lines(
    gazetteer: &[Row],
    places: &[Row],
    towns: &[RawFeature],
    province: &MultiPolygon<f64>,
) -> Result<(String, String), PrepError> {
    let mut axis = Collection::new(6);
    let mut corridors = Collection::new(6);
    for def in &LINES {
        let mut via = Vec::new();
        let mut coords = Vec::new();
        for stop in def.stops {
            let (name, c) = stop_point(gazetteer, places, stop)?;
            via.push(name);
            coords.push(c);
        }
        let last = *coords
            .last()
            .ok_or_else(|| PrepError::Check(format!("{} has no stops", def.id)))?;
        let target = town_point(towns, def.toward)?;
        let exit = boundary_exit(province, last, target).ok_or_else(|| {
            PrepError::Check(format!(
                "{}: the line toward {} never leaves the province",
                def.id, def.toward
            ))
        })?;
        coords.push(exit);
        via.push(format!("ranh giới tỉnh, hướng {}", def.toward));
        let mut props = Props::new(
            def.id,
            def.kind,
            def.name_vi,
            def.name_en,
            &format!(
                "schematic, through {GAZETTEER} and langson-places.tsv; ends where the line toward {} ({NATURAL_EARTH}) meets the province boundary ({GEOBOUNDARIES}); alignment per {}",
                def.toward,
                plan::SEED_PLAN
            ),
            Precision::Schematic,
        );
        props.schematic = true;
        props.via = via;
        props.routes = def.routes.iter().map(|r| (*r).to_owned()).collect();
        props.districts = def.districts.iter().map(|d| FeatureId::new(*d)).collect();
        let geometry = Geometry::LineString(LineString(coords));
        match def.kind {
            Kind::DevelopmentAxis => axis.push(&props, Some(&geometry)),
            Kind::Corridor => corridors.push(&props, Some(&geometry)),
            // The plan's table of lines names only axes and corridors; anything else there
            // is a mistake in it, refused rather than filed with the corridors.
            Kind::Province
            | Kind::BorderLine
            | Kind::District
            | Kind::Zone
            | Kind::BorderGate
            | Kind::IndustrialCluster
            | Kind::IndustrialPark
            | Kind::Expressway
            | Kind::EconomicZone
            | Kind::FunctionalArea
            | Kind::SmartGate => {
                return Err(PrepError::Check(format!(
                    "line {} is neither a development axis nor a corridor",
                    def.id
                )));
            }
        }
    }
    Ok((axis.finish(), corridors.finish()))
}
