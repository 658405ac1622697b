//! What the page's panel shows, built from the `Atlas` with the helpers the window's panel
//! uses (names, kinds, figures, citations), in both languages: the page only lays it out,
//! it derives nothing.

use super::facts::{bi, fact_ids};
use super::shapes;
use crate::atlas::figure_text::{area_text, format_value};
use crate::atlas::gate_account::{GATE_COUNT_FACT, GateAccount};
use crate::atlas::lang::{self as names, Lang};
use crate::atlas::search::fold;
use crate::atlas::{Atlas, Feature, FeatureId, Kind, LayerKind};
use serde_json::{Value, json};

fn name(atlas: &Atlas, id: &FeatureId, lang: Lang) -> String {
    atlas.get(id).map_or_else(
        || id.to_string(),
        |d| lang.pick(&d.props.name_vi, &d.props.name_en).to_owned(),
    )
}

/// The name–value rows of the window's attribute grid, in one language.
fn rows(atlas: &Atlas, f: &Feature, lang: Lang) -> Vec<[String; 2]> {
    let p = &f.props;
    let mut out: Vec<[String; 2]> = Vec::new();
    let mut row = |k: (&str, &str), v: String| out.push([lang.pick(k.0, k.1).to_owned(), v]);
    if let Some(zone) = p.zone {
        row(("Vùng", "Zone"), names::zone_name(zone, lang).to_owned());
    }
    if let Some(d) = &p.district {
        row(("Huyện", "District"), name(atlas, d, lang));
    }
    if let Some(c) = &p.commune {
        row(("Xã", "Commune"), c.replace("; ", ", "));
    }
    if let Some(class) = p.gate_class {
        row(
            ("Loại cửa khẩu", "Gate class"),
            names::gate_class_name(class, lang).to_owned(),
        );
    }
    if let Some(pair) = &p.paired_gate {
        row(("Cửa khẩu đối diện", "Paired gate"), pair.clone());
    }
    if let Some(area) = p.area_ha {
        row(
            ("Diện tích", "Area"),
            area_text(area, p.area_qualifier, lang),
        );
    }
    if let Some(area) = p.area_km2 {
        row(
            ("Diện tích (tính)", "Area (computed)"),
            format!("{} km²", format_value(area, lang)),
        );
    }
    if !p.districts.is_empty() {
        let list: Vec<String> = p.districts.iter().map(|d| name(atlas, d, lang)).collect();
        row(("Các huyện", "Districts"), list.join(", "));
    }
    if !p.routes.is_empty() {
        row(("Tuyến", "Routes"), p.routes.join("; "));
    }
    if !p.via.is_empty() {
        row(("Qua", "Via"), p.via.join(" – "));
    }
    row(
        ("Độ chính xác vị trí", "Location precision"),
        names::precision_name(p.precision, lang).to_owned(),
    );
    out
}

fn feature_entry(atlas: &Atlas, f: &Feature) -> Value {
    let p = &f.props;
    let status = p.status.map(|s| {
        json!({
            "vi": names::status_name(s, Lang::Vi),
            "en": names::status_name(s, Lang::En),
            "fact": p.status_fact.as_ref().map(|id| id.as_str()),
        })
    });
    let contents: Vec<&str> = atlas
        .features()
        .iter()
        .filter(|g| p.kind == Kind::District && g.props.district.as_ref() == Some(f.id()))
        .map(|g| g.id().as_str())
        .collect();
    let communes: Vec<&str> = atlas
        .communes
        .iter()
        .filter(|c| &c.district == f.id())
        .map(|c| c.name.as_str())
        .collect();
    let sources: Vec<&String> = [
        Some(&p.source),
        p.area_source.as_ref(),
        p.status_source.as_ref(),
    ]
    .into_iter()
    .flatten()
    .collect();
    let status_row = p
        .status
        .map(|_| bi(|l| l.pick("Tình trạng", "Status").to_owned()));
    json!({
        "id": f.id().as_str(),
        "kind": bi(|l| names::kind_name(p.kind, l).to_owned()),
        "name": {"vi": p.name_vi, "en": p.name_en},
        "rows": {"vi": rows(atlas, f, Lang::Vi), "en": rows(atlas, f, Lang::En)},
        "status": status,
        "status_row": status_row,
        "approximate": p.approximate,
        "schematic": p.schematic,
        "located": f.is_located(),
        "bbox": f.geometry.as_ref().and_then(shapes::bbox),
        "facts": fact_ids(atlas, f.id()),
        "key_figures": super::facts::key_figures(atlas, f.id(), p.area_ha),
        "contents": contents,
        "communes": communes,
        "source": sources,
        "note": p.note,
        "search": fold(&format!("{} {}", p.name_vi, p.name_en)),
    })
}

/// The province overview: counts by layer, the gate account, the province's facts.
fn overview(atlas: &Atlas) -> Value {
    let counts = |lang: Lang| -> Vec<[String; 2]> {
        [
            LayerKind::Districts,
            LayerKind::Zones,
            LayerKind::Axis,
            LayerKind::Corridors,
            LayerKind::Gates,
            LayerKind::Industry,
        ]
        .into_iter()
        .map(|layer| {
            let all = atlas.in_layer(layer).count();
            let on_map = atlas.in_layer(layer).filter(|f| f.is_located()).count();
            let count = if all == on_map {
                all.to_string()
            } else {
                format!(
                    "{all} ({on_map} {})",
                    lang.pick("trên bản đồ", "on the map")
                )
            };
            [names::layer_name(layer, lang).to_owned(), count]
        })
        .collect()
    };
    let gates = GateAccount::of(atlas).map(|a| {
        let [international, main, secondary] = a.by_class;
        json!({
            "vi": format!("Chỉ bài của Gia Định Group nêu số cửa khẩu: {international} cửa khẩu quốc tế, {main} cửa khẩu chính và {secondary} cửa khẩu phụ; tổng {} là phép cộng của chúng tôi: {} vẽ trên bản đồ, {} chỉ liệt kê (chưa rõ vị trí), {} chưa xác định được tên.", a.sum, a.drawn, a.listed, a.unidentified),
            "en": format!("Only Gia Định Group's article counts the gates: {international} international, {main} main and {secondary} secondary; the total of {} is our sum: {} drawn on the map, {} listed (no known location), {} not yet identified by name.", a.sum, a.drawn, a.listed, a.unidentified),
            "fact": GATE_COUNT_FACT,
        })
    });
    let province = atlas.province();
    json!({
        "province": province.map(|p| p.id().as_str()),
        "name": province.map(|p| json!({"vi": p.props.name_vi, "en": p.props.name_en})),
        "area": province.and_then(|p| p.props.area_km2).map(|a| bi(|l| format!("{}: {} km²", l.pick("Diện tích (tính)", "Area (computed)"), format_value(a, l)))),
        "counts": {"vi": counts(Lang::Vi), "en": counts(Lang::En)},
        "gates": gates,
    })
}

/// Features, units and communes by folded name, for the page's search.
fn search_entries(atlas: &Atlas) -> Vec<Value> {
    let mut out: Vec<Value> = atlas
        .units_2025
        .iter()
        .map(|u| {
            json!({
                "unit": u.code,
                "name": format!("{} {}", u.unit_type, u.name),
                "at": [u.point.x(), u.point.y()],
                "search": fold(&format!("{} {}", u.unit_type, u.name)),
            })
        })
        .collect();
    out.extend(atlas.communes.iter().map(|c| {
        json!({
            "commune": c.code,
            "name": format!("{} {}", c.commune_type, c.name),
            "district": name(atlas, &c.district, Lang::Vi),
            "at": [c.point.x(), c.point.y()],
            "search": fold(&format!("{} {}", c.commune_type, c.name)),
        })
    }));
    out
}

/// Everything the panel needs, as one JSON value.
pub fn model(atlas: &Atlas, lang: Lang) -> Value {
    let features: serde_json::Map<String, Value> = atlas
        .features()
        .iter()
        .map(|f| (f.id().to_string(), feature_entry(atlas, f)))
        .collect();
    let order: Vec<&str> = atlas.features().iter().map(|f| f.id().as_str()).collect();
    json!({
        "lang": lang_key(lang),
        "features": features,
        "order": order,
        "facts": super::facts::facts(atlas),
        "categories": super::facts::categories(),
        "articles": super::facts::articles(atlas),
        "overview": overview(atlas),
        "places": search_entries(atlas),
        "colours": shapes::map_colours(),
        "legend": super::facts::legend(),
    })
}

pub fn lang_key(lang: Lang) -> &'static str {
    match lang {
        Lang::Vi => "vi",
        Lang::En => "en",
    }
}
