//! How a user layer is drawn: one colour, a colour per category of a field, or colour
//! classes of a numeric field; point size, line width, a label field. Colours are plain
//! RGB here; the map turns them into egui colours with the layer's opacity.

use crate::atlas::collate;
use crate::sources::{UserLayer, Value};

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
// Written in snake_case words ("vi", "open_topo_map"); the variant names of the first
// version of the project file are still read.
#[serde(rename_all = "snake_case")]
pub enum Paint {
    #[serde(alias = "Single")]
    Single(Rgb),
    /// A colour per distinct value of the field (the commonest eleven, listed in Vietnamese
    /// order, then “other”).
    #[serde(alias = "Categorised")]
    Categorised { field: String },
    /// Quantile classes of a numeric field.
    #[serde(alias = "Graduated")]
    Graduated { field: String, classes: u8 },
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
        Value::Real(_) | Value::Null | Value::Text(_) | Value::Boolean(_) | Value::Date(_) => None,
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

/// A colour per value of `field` for the commonest values, in Vietnamese order. Runs on the
/// UI thread when a style changes, so it is linear in the features: each value is hashed
/// once (text values borrowed, not copied) and only the few commonest are sorted.
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
    // The commonest values get the colours (equal counts in Vietnamese order, so which
    // value wins the last colour does not depend on the file's order) ...
    let name = |c: &u32| &*values[*c as usize];
    let rank = |a: &u32, b: &u32| {
        counts[*b as usize]
            .cmp(&counts[*a as usize])
            .then_with(|| collate::compare(name(a), name(b)))
    };
    let mut order: Vec<u32> = (0..values.len() as u32).collect();
    let top = CATEGORICAL.len().min(order.len());
    if top < order.len() {
        order.select_nth_unstable_by(top, rank);
    }
    // ... and the legend lists them as a reader looks a name up, in Vietnamese order, the
    // palette's colours in that order.
    order[..top].sort_by(|a, b| collate::compare(name(a), name(b)));
    let mut colour_of = vec![OTHER; values.len()];
    let mut legend = Vec::new();
    // Features without a value are grey, not a category: the palette goes on without them.
    let named = order[..top]
        .iter()
        .filter(|&&c| !values[c as usize].is_empty());
    for (&c, colour) in named.zip(CATEGORICAL) {
        colour_of[c as usize] = colour;
        legend.push((values[c as usize].to_string(), colour));
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sources::{Crs, Field, FieldKind, Format, UserFeature};

    /// A layer of one text field, a feature per value.
    fn layer(values: &[&str]) -> UserLayer {
        UserLayer {
            path: "huyen.csv".to_owned(),
            format: Format::Csv,
            crs: Crs::Wgs84,
            fields: vec![Field {
                name: "huyen".to_owned(),
                kind: FieldKind::Text,
            }],
            features: values
                .iter()
                .map(|v| UserFeature {
                    geometry: None,
                    values: vec![if v.is_empty() {
                        Value::Null
                    } else {
                        Value::Text((*v).to_owned())
                    }],
                })
                .collect(),
            skipped: 0,
            warnings: Vec::new(),
        }
    }

    fn by_district() -> Style {
        Style {
            paint: Paint::Categorised {
                field: "huyen".to_owned(),
            },
            ..Style::single(0)
        }
    }

    fn labels(painted: &Painted) -> Vec<&str> {
        painted.legend.iter().map(|(l, _)| l.as_str()).collect()
    }

    #[test]
    fn a_categorised_legend_is_in_vietnamese_order_whatever_the_counts() {
        let l = layer(&[
            "Hữu Lũng",
            "Đình Lập",
            "Bình Gia",
            "Đình Lập",
            "Chi Lăng",
            "Bắc Sơn",
            "Đình Lập",
            "Cao Lộc",
        ]);
        let painted = paint(&by_district(), &l);
        assert_eq!(
            labels(&painted),
            [
                "Bắc Sơn",
                "Bình Gia",
                "Cao Lộc",
                "Chi Lăng",
                "Đình Lập",
                "Hữu Lũng"
            ]
        );
        // The palette in legend order, and each feature in its category's colour.
        for (k, (_, colour)) in painted.legend.iter().enumerate() {
            assert_eq!(*colour, CATEGORICAL[k]);
        }
        assert_eq!(painted.colours[1], CATEGORICAL[4], "Đình Lập");
        assert_eq!(painted.colours[0], CATEGORICAL[5], "Hữu Lũng");
    }

    #[test]
    fn the_commonest_values_win_the_colours_and_the_rest_are_other() {
        // Eleven names once each, and “Văn Lãng” three times: eleven colours and “…”.
        let mut values = vec!["Văn Lãng"; 3];
        values.extend([
            "A1", "A2", "A3", "A4", "A5", "A6", "A7", "A8", "A9", "B1", "B2",
        ]);
        let painted = paint(&by_district(), &layer(&values));
        let shown = labels(&painted);
        assert_eq!(shown.len(), 12, "eleven categories and “…”: {shown:?}");
        assert_eq!(
            shown[10], "Văn Lãng",
            "the commonest, last in Vietnamese order"
        );
        assert_eq!(shown[11], "…");
        // Equal counts are decided by name, so the last of them is the one left out.
        assert!(!shown.contains(&"B2"), "{shown:?}");
        assert_eq!(painted.colours.last(), Some(&OTHER));
    }

    #[test]
    fn features_without_a_value_are_grey_and_take_no_colour_of_the_palette() {
        let painted = paint(&by_district(), &layer(&["", "Lộc Bình", "", "Bắc Sơn"]));
        assert_eq!(labels(&painted), ["Bắc Sơn", "Lộc Bình"]);
        assert_eq!(
            painted.colours,
            [NO_VALUE, CATEGORICAL[1], NO_VALUE, CATEGORICAL[0]]
        );
    }
}
