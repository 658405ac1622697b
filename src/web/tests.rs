use super::*;
use crate::atlas::Kind;

fn atlas() -> Atlas {
    match Atlas::embedded() {
        Ok(a) => a,
        Err(e) => panic!("the embedded atlas: {e:?}"),
    }
}

#[test]
fn the_model_has_the_eleven_districts_and_every_quote_is_found_in_its_article() {
    let atlas = atlas();
    let model = model::model(&atlas, Lang::Vi);
    let districts = atlas
        .features()
        .iter()
        .filter(|f| f.kind() == Kind::District)
        .filter(|f| model["features"][f.id().as_str()]["bbox"].is_array())
        .count();
    assert_eq!(districts, 11);
    for (id, fact) in model["facts"].as_object().into_iter().flatten() {
        let article = &model["articles"][fact["article"].as_str().unwrap_or_default()];
        let text: Vec<u16> = article["text"]
            .as_str()
            .unwrap_or_default()
            .encode_utf16()
            .collect();
        let span = fact["span"]
            .as_array()
            .unwrap_or_else(|| panic!("{id}: its quote is in its article"));
        let (a, b) = (
            span[0].as_u64().unwrap_or(0) as usize,
            span[1].as_u64().unwrap_or(0) as usize,
        );
        let quoted = String::from_utf16_lossy(&text[a..b]);
        assert_eq!(quoted, fact["quote"].as_str().unwrap_or_default(), "{id}");
    }
}

#[test]
fn a_site_s_status_rests_on_its_fact() {
    let model = model::model(&atlas(), Lang::En);
    let vsip = &model["features"]["vsip_lang_son"];
    assert_eq!(vsip["status"]["en"], "Groundbreaking scheduled");
    let fact = vsip["status"]["fact"].as_str().unwrap_or_default();
    assert!(model["facts"][fact].is_object(), "{fact}");
}

#[test]
fn the_folder_without_user_layers_is_under_six_megabytes() {
    let atlas = atlas();
    let tours: Vec<Tour> = Tour::embedded().into_iter().collect();
    let (files, warnings) =
        site_files(&atlas, &WebRequest::default(), &tours, &[]).unwrap_or_else(|e| panic!("{e}"));
    assert!(warnings.is_empty());
    let total: usize = files.iter().map(|(_, b)| b.len()).sum();
    assert!(total <= 6 * 1024 * 1024, "{total} bytes");
    for needed in [
        "index.html",
        "data/model.js",
        "data/geo.js",
        "data/glyphs.js",
        "vendor/maplibre-gl.js",
    ] {
        assert!(files.iter().any(|(n, _)| n == needed), "{needed}");
    }
}

#[test]
fn base64_is_standard() {
    assert_eq!(base64(b"Man"), "TWFu");
    assert_eq!(base64(b"Ma"), "TWE=");
    assert_eq!(base64(b"M"), "TQ==");
}

/// A layer of many wiggly lines, categorised, read as the window reads a file.
fn wiggly_layer(dir: &std::path::Path) -> WebLayer {
    use crate::layers::style::{self, Paint, Style};
    use crate::sources::{self as io, Progress, Request};
    let lines: Vec<String> = (0..200)
        .map(|i| {
            let coords: Vec<String> = (0..400)
                .map(|k| {
                    let x = 106.5 + f64::from(k) * 0.0005;
                    let y = 21.7 + f64::from(i) * 0.001 + 0.00001 * f64::from(k % 3);
                    format!("[{x:.6},{y:.6}]")
                })
                .collect();
            format!(
                r#"{{"type":"Feature","properties":{{"loai":"{}"}},"geometry":{{"type":"LineString","coordinates":[{}]}}}}"#,
                if i % 2 == 0 { "đường" } else { "kênh" },
                coords.join(",")
            )
        })
        .collect();
    let path = dir.join("lines.geojson");
    std::fs::write(
        &path,
        format!(
            r#"{{"type":"FeatureCollection","features":[{}]}}"#,
            lines.join(",")
        ),
    )
    .unwrap_or_else(|e| panic!("{e}"));
    let data = io::open_request(&path, &Request::default(), &Progress::default())
        .unwrap_or_else(|e| panic!("{e}"));
    let style = Style {
        paint: Paint::Categorised {
            field: "loai".to_owned(),
        },
        ..Style::single(0)
    };
    let painted = style::paint(&style, &data);
    WebLayer {
        layer: PrintLayer {
            key: "lines".into(),
            name: "Lines".into(),
            data: std::sync::Arc::new(data),
            colours: painted.colours,
            legend: painted.legend,
            line_width: 2.0,
            point_size: 6.0,
            opacity: 1.0,
        },
        label: Some("loai".into()),
    }
}

#[test]
fn a_layer_over_its_budget_is_simplified_and_said_to_be() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let layer = wiggly_layer(dir.path());
    let (whole, warnings) = user::layers(std::slice::from_ref(&layer), usize::MAX);
    assert!(warnings.is_empty());
    let whole_size = serde_json::to_string(&whole).map_or(0, |s| s.len());
    let budget = whole_size / 4;
    let (cut, warnings) = user::layers(std::slice::from_ref(&layer), budget);
    let cut_size = serde_json::to_string(&cut).map_or(usize::MAX, |s| s.len());
    assert!(cut_size <= budget, "{cut_size} > {budget}");
    assert_eq!(warnings.len(), 1, "{warnings:?}");
    assert!(warnings[0].contains("simplified"), "{warnings:?}");
    let features = cut[0]["data"]["features"].as_array().map_or(0, Vec::len);
    assert_eq!(features, 200, "simplifying keeps every feature");
    let colours: std::collections::BTreeSet<&str> = cut[0]["data"]["features"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|f| f["properties"]["c"].as_str())
        .collect();
    assert_eq!(colours.len(), 2, "each category keeps its colour");
}
