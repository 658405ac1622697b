//! The map's geometry for the page, as GeoJSON: the offline basemap (land, rivers, towns),
//! the plan's features and the 2025 units. Each feature carries the colours, widths and
//! sizes `map::style` gives it in the window, as CSS colours, so the page draws what the
//! window draws without a second copy of the palette.

use crate::atlas::{Atlas, LayerKind};
use crate::map::basemap::raster::palette as base;
use crate::map::style::{self, Shape, Style};
use egui::Color32;
use geo::{BoundingRect, MapCoords};
use serde_json::{Map, Value, json};

/// A colour as CSS reads it, alpha kept.
pub fn css(c: Color32) -> String {
    let [r, g, b, a] = c.to_srgba_unmultiplied();
    if a == 255 {
        format!("rgb({r},{g},{b})")
    } else {
        format!("rgba({r},{g},{b},{:.3})", f32::from(a) / 255.0)
    }
}

pub fn css_rgb([r, g, b]: [u8; 3]) -> String {
    format!("rgb({r},{g},{b})")
}

/// Degrees to five decimals (a metre): the page's files stay small.
pub fn rounded(g: &geo::Geometry<f64>) -> geo::Geometry<f64> {
    let r = |v: f64| (v * 1e5).round() / 1e5;
    g.map_coords(|c| geo::Coord {
        x: r(c.x),
        y: r(c.y),
    })
}

/// The basemap's land, simplified to about 50 m: it is background, and MapLibre cuts it
/// into tiles in the page, where every vertex costs time before the first frame.
const LAND_TOLERANCE: f64 = 5e-4;

pub fn geometry(g: &geo::Geometry<f64>) -> Value {
    serde_json::to_value(geojson::Geometry::from(&rounded(g))).unwrap_or(Value::Null)
}

fn feature(g: &geo::Geometry<f64>, props: Map<String, Value>) -> Value {
    json!({"type": "Feature", "geometry": geometry(g), "properties": props})
}

fn collection(features: Vec<Value>) -> Value {
    json!({"type": "FeatureCollection", "features": features})
}

/// West, south, east, north of a geometry.
pub fn bbox(g: &geo::Geometry<f64>) -> Option<[f64; 4]> {
    g.bounding_rect()
        .map(|r| [r.min().x, r.min().y, r.max().x, r.max().y])
}

fn layer_key(layer: LayerKind) -> &'static str {
    match layer {
        LayerKind::Zones => "zones",
        LayerKind::Districts => "districts",
        LayerKind::Context => "context",
        LayerKind::Corridors => "corridors",
        LayerKind::Axis => "axis",
        LayerKind::Industry => "industry",
        LayerKind::Gates => "gates",
        LayerKind::Projects => "projects",
    }
}

fn shape_key(shape: Shape) -> &'static str {
    match shape {
        Shape::Circle => "circle",
        Shape::Diamond => "diamond",
        Shape::Square => "square",
    }
}

/// A style as properties: `draw` says which of the page's layers
/// takes it (area, line, dashed line, symbol).
pub fn style_props(style: Style, props: &mut Map<String, Value>) {
    match style {
        Style::Area(a) => {
            props.insert("draw".into(), json!("area"));
            props.insert("fill".into(), json!(css(a.fill)));
            props.insert("outline".into(), json!(css(a.outline.color)));
            props.insert("outline_width".into(), json!(a.outline.width));
        }
        Style::Line(l) => {
            props.insert(
                "draw".into(),
                json!(if l.dash.is_some() { "dashed" } else { "line" }),
            );
            props.insert("core".into(), json!(css(l.core.color)));
            props.insert("core_width".into(), json!(l.core.width));
            props.insert("casing".into(), json!(css(l.casing.color)));
            props.insert("casing_width".into(), json!(l.casing.width));
            if let Some((dash, gap)) = l.dash {
                // MapLibre measures dashes in line widths; its dash pattern is one a layer,
                // so the page makes a layer per pattern.
                let w = l.core.width.max(0.1);
                props.insert(
                    "dash".into(),
                    json!(format!("{:.2},{:.2}", dash / w, gap / w)),
                );
            }
        }
        Style::Symbol(s) => {
            props.insert("draw".into(), json!("symbol"));
            props.insert("shape".into(), json!(shape_key(s.shape)));
            props.insert("radius".into(), json!(s.radius));
            props.insert("fill".into(), json!(css(s.fill)));
            props.insert("outline".into(), json!(css(s.outline.color)));
            props.insert("outline_width".into(), json!(s.outline.width));
            props.insert("approximate".into(), json!(s.approximate));
        }
    }
}

/// Every located plan feature with its names and style.
pub fn plan(atlas: &Atlas) -> Value {
    let mut out = Vec::new();
    // Drawing order: the window's layer order, then points over lines over areas.
    for layer in LayerKind::ALL {
        for f in atlas.in_layer(layer) {
            let Some(g) = &f.geometry else { continue };
            let mut props = Map::new();
            props.insert("id".into(), json!(f.id().as_str()));
            props.insert("layer".into(), json!(layer_key(layer)));
            props.insert("name_vi".into(), json!(f.props.name_vi));
            props.insert("name_en".into(), json!(f.props.name_en));
            props.insert("priority".into(), json!(f.kind().pick_priority()));
            style_props(style::style_of(f), &mut props);
            out.push(feature(g, props));
        }
    }
    collection(out)
}

/// The offline basemap's land, rivers and towns.
pub fn basemap(atlas: &Atlas) -> Value {
    let land = atlas
        .base
        .land
        .iter()
        .map(|part| {
            let fill = if part.country == "VNM" {
                base::VIETNAM
            } else {
                base::CHINA
            };
            let mut props = Map::new();
            props.insert("fill".into(), json!(css_rgb(fill)));
            let land = geo::Simplify::simplify(&part.polygons, LAND_TOLERANCE);
            feature(&geo::Geometry::MultiPolygon(land), props)
        })
        .collect();
    let rivers = atlas
        .base
        .rivers
        .iter()
        .map(|r| {
            let mut props = Map::new();
            props.insert("name".into(), json!(r.name));
            feature(&geo::Geometry::MultiLineString(r.line.clone()), props)
        })
        .collect();
    let towns = atlas
        .base
        .towns
        .iter()
        .map(|t| {
            let mut props = Map::new();
            props.insert("name".into(), json!(t.name));
            props.insert("population".into(), json!(t.population));
            feature(&geo::Geometry::Point(t.point), props)
        })
        .collect();
    json!({
        "land": collection(land),
        "rivers": collection(rivers),
        "towns": collection(towns),
        "water": css_rgb(base::WATER),
        "no_data": css_rgb(base::NO_DATA),
        "town_label": css(style::TOWN_LABEL),
        "attribution": [
            crate::map::basemap::offline::ATTRIBUTION,
            crate::map::basemap::offline::PLAN_ATTRIBUTION,
        ],
    })
}

/// The 2025 communes and wards: approximate outlines and the source's points.
pub fn units_2025(atlas: &Atlas) -> Value {
    let mut cells = Vec::new();
    let mut points = Vec::new();
    for unit in &atlas.units_2025 {
        let mut props = Map::new();
        props.insert("code".into(), json!(unit.code));
        props.insert("name".into(), json!(unit.name));
        if let Some(cell) = &unit.cell {
            cells.push(feature(
                &geo::Geometry::MultiPolygon(cell.shape.clone()),
                props.clone(),
            ));
        }
        points.push(feature(&geo::Geometry::Point(unit.point), props));
    }
    json!({
        "cells": collection(cells),
        "points": collection(points),
        "colour": css(style::UNIT_2025),
        "min_zoom": crate::map::units_2025::MIN_ZOOM,
    })
}

/// Colours the page's chrome takes from the map's style (selection, tour highlight,
/// labels and their halo).
pub fn map_colours() -> Value {
    json!({
        "selection": css(style::SELECTION),
        "highlight": css(style::TOUR_HIGHLIGHT),
        "label": css(style::LABEL_TEXT),
        "halo": css(style::LABEL_HALO),
        "commune_label": css(style::COMMUNE_LABEL),
        "background": css_rgb(base::NO_DATA),
    })
}
