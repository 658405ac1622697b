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
