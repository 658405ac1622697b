//! Deterministic GeoJSON output: one feature a line, keys sorted, coordinates rounded,
//! so that running the prep tool twice gives the same bytes and diffs stay readable.

use geo::{Geometry, MapCoords};
use serde::Serialize;

pub struct Collection {
    features: Vec<String>,
    decimals: i32,
}

impl Collection {
    /// `decimals` digits after the point: 6 is about 0.1 m, 5 about 1 m.
    pub fn new(decimals: i32) -> Self {
        Self {
            features: Vec::new(),
            decimals,
        }
    }

    pub fn push(&mut self, properties: &impl Serialize, geometry: Option<&Geometry<f64>>) {
        let scale = 10f64.powi(self.decimals);
        let geometry = geometry.map(|g| {
            let rounded = g.map_coords(|c| geo::Coord {
                x: (c.x * scale).round() / scale,
                y: (c.y * scale).round() / scale,
            });
            serde_json::to_value(geojson::Geometry::from(&rounded))
                .unwrap_or(serde_json::Value::Null)
        });
        let feature = serde_json::json!({
            "type": "Feature",
            "properties": serde_json::to_value(properties).unwrap_or(serde_json::Value::Null),
            "geometry": geometry,
        });
        let mut line = String::new();
        write_canonical(&feature, &mut line);
        self.features.push(line);
    }

    pub fn finish(self) -> String {
        let mut out = String::from("{\"type\":\"FeatureCollection\",\"features\":[\n");
        out.push_str(&self.features.join(",\n"));
        out.push_str("\n]}\n");
        out
    }
}

/// Compact JSON with object keys sorted, whatever order the map type keeps them in (a
/// dependency may switch serde_json to insertion order).
fn write_canonical(value: &serde_json::Value, out: &mut String) {
    use serde_json::Value;
    match value {
        Value::Object(map) => {
            let mut keys: Vec<&String> = map.keys().collect();
            keys.sort();
            out.push('{');
            for (i, key) in keys.into_iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                out.push_str(&Value::String(key.clone()).to_string());
                out.push(':');
                if let Some(v) = map.get(key) {
                    write_canonical(v, out);
                }
            }
            out.push('}');
        }
        Value::Array(items) => {
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                write_canonical(item, out);
            }
            out.push(']');
        }
        scalar @ (Value::Null | Value::Bool(_) | Value::Number(_) | Value::String(_)) => {
            out.push_str(&scalar.to_string());
        }
    }
}
