//! The project's visible layers for the page, each feature in the colour `layers::style`
//! gave it, simplified until the layers fit a size budget; what had to be simplified or
//! left out is said.

use super::shapes::{css_rgb, geometry};
use crate::layers::style;
use crate::print::PrintLayer;
use geo::{Geometry, Simplify};
use serde_json::{Value, json};

/// Bytes of GeoJSON the reader's layers may take in the folder, all together.
pub const BUDGET: usize = 8 * 1024 * 1024;

/// Tolerances tried in turn (degrees: from about a metre to about a kilometre).
const TOLERANCES: [f64; 7] = [1e-5, 3e-5, 1e-4, 3e-4, 1e-3, 3e-3, 1e-2];

fn simplified(g: &Geometry<f64>, epsilon: f64) -> Geometry<f64> {
    match g {
        Geometry::LineString(l) => Geometry::LineString(l.simplify(epsilon)),
        Geometry::MultiLineString(l) => Geometry::MultiLineString(l.simplify(epsilon)),
        Geometry::Polygon(p) => Geometry::Polygon(p.simplify(epsilon)),
        Geometry::MultiPolygon(p) => Geometry::MultiPolygon(p.simplify(epsilon)),
        Geometry::Point(_)
        | Geometry::Line(_)
        | Geometry::MultiPoint(_)
        | Geometry::GeometryCollection(_)
        | Geometry::Rect(_)
        | Geometry::Triangle(_) => g.clone(),
    }
}

fn layer_json(layer: &PrintLayer, label: Option<&str>, epsilon: Option<f64>) -> Value {
    let label_at = label.and_then(|name| layer.data.fields.iter().position(|f| f.name == name));
    let features: Vec<Value> = layer
        .data
        .features
        .iter()
        .zip(&layer.colours)
        .filter_map(|(f, colour)| {
            let g = f.geometry.as_ref()?;
            let g = epsilon.map_or_else(|| g.clone(), |e| simplified(g, e));
            let mut props = serde_json::Map::new();
            props.insert("c".into(), json!(css_rgb(*colour)));
            if let Some(value) = label_at.and_then(|i| f.values.get(i)) {
                props.insert("l".into(), json!(style::text(value)));
            }
            Some(json!({"type": "Feature", "geometry": geometry(&g), "properties": props}))
        })
        .collect();
    json!({
        "key": layer.key,
        "name": layer.name,
        "opacity": layer.opacity,
        "line_width": layer.line_width,
        "point_size": layer.point_size,
        "legend": layer.legend.iter().map(|(text, c)| json!([text, css_rgb(*c)])).collect::<Vec<_>>(),
        "data": {"type": "FeatureCollection", "features": features},
    })
}

fn size(v: &[Value]) -> usize {
    serde_json::to_string(v).map_or(usize::MAX, |s| s.len())
}

/// The layers as the page draws them, within `budget` bytes, and the warnings.
pub fn layers(layers: &[super::WebLayer], budget: usize) -> (Vec<Value>, Vec<String>) {
    let build = |epsilon: Option<f64>| -> Vec<Value> {
        layers
            .iter()
            .map(|l| layer_json(&l.layer, l.label.as_deref(), epsilon))
            .collect()
    };
    let mut warnings = Vec::new();
    let mut out = build(None);
    if size(&out) <= budget {
        return (out, warnings);
    }
    for epsilon in TOLERANCES {
        out = build(Some(epsilon));
        if size(&out) <= budget {
            warnings.push(format!(
                "the reader's layers were simplified to fit {} MB (tolerance {epsilon}°, about {} m)",
                budget / (1024 * 1024),
                (epsilon * 111_000.0).round()
            ));
            return (out, warnings);
        }
    }
    // Still too large: features are left out, from the end of each layer.
    while size(&out) > budget {
        let Some(largest) = out.iter_mut().max_by_key(|l| {
            l["data"]["features"]
                .as_array()
                .map_or(0, std::vec::Vec::len)
        }) else {
            break;
        };
        let Some(features) = largest["data"]["features"].as_array_mut() else {
            break;
        };
        if features.is_empty() {
            break;
        }
        let keep = features.len() * 3 / 4;
        features.truncate(keep);
    }
    warnings.push(format!(
        "the reader's layers did not fit {} MB even simplified: features were left out",
        budget / (1024 * 1024)
    ));
    (out, warnings)
}
