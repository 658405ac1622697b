//! How a user layer is drawn: one colour, a colour per category of a field, or colour
//! classes of a numeric field; point size, line width, a label field. Colours are plain
//! RGB here; the map turns them into egui colours with the layer's opacity.

use crate::atlas::io::{UserLayer, Value};

pub type Rgb = [u8; 3];

/// Categories that stay distinct on a projector (Okabe–Ito, then a few more of Tableau's);
/// none is the plan layers' red or green.
pub const CATEGORICAL: [Rgb; 11] = [
    [0, 114, 178],
    [230, 159, 0],
    [204, 121, 167],
    [86, 180, 233],
    [213, 94, 0],
    [0, 158, 115],
    [140, 86, 75],
    [23, 190, 207],
    [188, 189, 34],
    [148, 103, 189],
    // Okabe–Ito's yellow fades into the light basemap on a projector: a dark gold instead.
    [166, 118, 29],
];
/// Values beyond the eleventh category.
pub const OTHER: Rgb = [150, 150, 150];
/// Light to dark (ColorBrewer YlOrRd), readable on the light basemap.
pub const SEQUENTIAL: [Rgb; 5] = [
    [254, 217, 118],
    [254, 178, 76],
    [253, 141, 60],
    [227, 26, 28],
    [128, 0, 38],
];
/// Features without a value for the field.
pub const NO_VALUE: Rgb = [200, 200, 200];

#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub enum Paint {
    Single(Rgb),
    /// A colour per distinct value of the field (the commonest eleven, then “other”).
    Categorised {
        field: String,
    },
    /// Quantile classes of a numeric field.
    Graduated {
        field: String,
        classes: u8,
    },
}

#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Style {
    pub paint: Paint,
    /// Point diameter, in points.
    pub point_size: f32,
    /// Line and outline width, in points.
    pub line_width: f32,
    /// The field whose value labels each feature and shows on hover.
    pub label: Option<String>,
}

impl Style {
    /// A new layer's style: the `n`th categorical colour, so layers opened one after another
    /// differ.
    pub fn single(n: usize) -> Style {
        Style {
            paint: Paint::Single(CATEGORICAL[n % CATEGORICAL.len()]),
            point_size: 7.0,
            line_width: 1.5,
            label: None,
        }
    }
}

/// Each feature's colour, and the legend that explains them.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Painted {
    pub colours: Vec<Rgb>,
    pub legend: Vec<(String, Rgb)>,
}

/// A value as the table and the legend show it.
pub fn text(value: &Value) -> String {
    match value {
        Value::Null => String::new(),
        Value::Text(t) => t.clone(),
        Value::Integer(i) => i.to_string(),
        Value::Real(r) => crate::atlas::numbers::plain(*r, 6),
        Value::Boolean(b) => b.to_string(),
        Value::Date(d) => d.clone(),
    }
}

pub fn number(value: &Value) -> Option<f64> {
    match value {
        Value::Integer(i) => Some(*i as f64),
        Value::Real(r) if r.is_finite() => Some(*r),
        _ => None,
    }
}

pub fn paint(style: &Style, layer: &UserLayer) -> Painted {
    let field = |name: &str| layer.fields.iter().position(|f| f.name == name);
    match &style.paint {
        Paint::Single(c) => Painted {
            colours: vec![*c; layer.features.len()],
            legend: Vec::new(),
        },
        Paint::Categorised { field: name } => match field(name) {
            Some(i) => categorised(layer, i),
            None => missing(layer, name),
        },
        Paint::Graduated {
            field: name,
            classes,
        } => match field(name) {
            Some(i) => graduated(layer, i, (*classes).clamp(2, 5) as usize),
            None => missing(layer, name),
        },
    }
}

/// A style naming a field the file no longer has: one grey, and the legend says why.
fn missing(layer: &UserLayer, name: &str) -> Painted {
    Painted {
        colours: vec![OTHER; layer.features.len()],
        legend: vec![(format!("“{name}”: no such field"), OTHER)],
    }
}

/// A colour per value of `field`, the commonest values first. Runs on the UI thread when
/// a style changes, so it is linear in the features: each value is hashed once (text values
/// borrowed, not copied) and only the few commonest are sorted.
fn categorised(layer: &UserLayer, field: usize) -> Painted {
    use std::borrow::Cow;
    let mut index: std::collections::HashMap<Cow<'_, str>, u32> = Default::default();
    let mut values: Vec<Cow<'_, str>> = Vec::new();
    let mut counts: Vec<usize> = Vec::new();
    let category: Vec<u32> = layer
        .features
        .iter()
        .map(|f| {
            let k: Cow<'_, str> = match f.values.get(field) {
                Some(Value::Text(t)) => Cow::Borrowed(t.as_str()),
                Some(other) => Cow::Owned(text(other)),
                None => Cow::Borrowed(""),
            };
            let next = values.len() as u32;
            let c = *index.entry(k.clone()).or_insert_with(|| {
                values.push(k);
                counts.push(0);
                next
            });
            counts[c as usize] += 1;
            c
        })
        .collect();
    // Commonest first; equal counts in the values' own order, so the colours are stable.
    let rank = |a: &u32, b: &u32| {
        counts[*b as usize]
            .cmp(&counts[*a as usize])
            .then_with(|| values[*a as usize].cmp(&values[*b as usize]))
    };
    let mut order: Vec<u32> = (0..values.len() as u32).collect();
    let top = CATEGORICAL.len().min(order.len());
    if top < order.len() {
        order.select_nth_unstable_by(top, rank);
    }
    order[..top].sort_by(rank);
    let mut colour_of = vec![OTHER; values.len()];
    let mut legend = Vec::new();
    for (i, &c) in order[..top].iter().enumerate() {
        let value = &values[c as usize];
        if value.is_empty() {
            continue;
        }
        colour_of[c as usize] = CATEGORICAL[i];
        legend.push((value.to_string(), CATEGORICAL[i]));
    }
    if let Some(empty) = index.get("") {
        colour_of[*empty as usize] = NO_VALUE;
    }
    if order[top..].iter().any(|&c| !values[c as usize].is_empty()) {
        legend.push(("…".to_owned(), OTHER));
    }
    let colours = category.iter().map(|&c| colour_of[c as usize]).collect();
    Painted { colours, legend }
}

fn graduated(layer: &UserLayer, field: usize, classes: usize) -> Painted {
    let mut values: Vec<f64> = layer
        .features
        .iter()
        .filter_map(|f| number(&f.values[field]))
        .collect();
    if values.is_empty() {
        return Painted {
            colours: vec![NO_VALUE; layer.features.len()],
            legend: vec![("—".to_owned(), NO_VALUE)],
        };
    }
    values.sort_by(f64::total_cmp);
    // Upper bounds of the quantile classes; equal bounds merge.
    let mut bounds: Vec<f64> = (1..=classes)
        .map(|k| values[(k * values.len()).div_ceil(classes).saturating_sub(1)])
        .collect();
    bounds.dedup();
    let palette = |k: usize| SEQUENTIAL[(k * (SEQUENTIAL.len() - 1)) / (bounds.len() - 1).max(1)];
    let mut legend = Vec::new();
    let mut low = values[0];
    for (k, &high) in bounds.iter().enumerate() {
        legend.push((format!("{} – {}", short(low), short(high)), palette(k)));
        low = high;
    }
    let colours = layer
        .features
        .iter()
        .map(|f| match number(&f.values[field]) {
            Some(v) => palette(
                bounds
                    .iter()
                    .position(|&b| v <= b)
                    .unwrap_or(bounds.len() - 1),
            ),
            None => NO_VALUE,
        })
        .collect();
    Painted { colours, legend }
}

/// A class bound as a legend shows it: at most three decimals, no trailing zeros.
fn short(v: f64) -> String {
    crate::atlas::numbers::plain(v, 3)
}
