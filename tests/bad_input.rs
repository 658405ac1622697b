//! Bad input never empties the map or crashes the program: a broken or missing geodata
//! file is named in a clear error and replaced by the built-in copy, a wrong PMTiles file
//! is refused with the reason, and failing tile downloads show in the status bar.

#![allow(
    clippy::expect_used,
    clippy::unwrap_used,
    reason = "the test's helpers: a failed expectation is a failed test"
)]

mod common;

use egui_kittest::kittest::Queryable;
use langson_atlas::atlas::{Atlas, GeodataSource, LayerKind, LoadError};
use langson_atlas::map::basemap::pmtiles::{self, PmTilesError};
use langson_atlas::map::basemap::{BasemapChoice, health};
use langson_atlas::{AtlasApp, Options};
use std::path::Path;

/// A copy of `geodata/` in a fresh temporary folder, to break at will.
#[test]
fn a_broken_layer_file_is_named_and_replaced_by_the_built_in_copy() {
    let dir = common::geodata_copy("broken-layer");
    std::fs::write(
        dir.join("gates.geojson"),
        "{\"type\": \"FeatureCollection\", \"features\": [",
    )
    .expect("write");
    let (atlas, errors) = Atlas::load(&GeodataSource::Dir(dir), Some(&GeodataSource::Embedded));
    assert_eq!(errors.len(), 1, "{errors:#?}");
    assert!(matches!(&errors[0], LoadError::NotGeoJson { file, .. } if file == "gates.geojson"));
    assert_eq!(
        atlas.in_layer(LayerKind::Gates).count(),
        common::atlas().in_layer(LayerKind::Gates).count(),
        "the built-in gates are used"
    );
}

#[test]
fn a_missing_file_says_where_it_was_looked_for() {
    let dir = common::geodata_copy("missing-file");
    std::fs::remove_file(dir.join("districts.geojson")).expect("remove");
    let (atlas, errors) = Atlas::load(
        &GeodataSource::Dir(dir.clone()),
        Some(&GeodataSource::Embedded),
    );
    let message = errors.first().map(ToString::to_string).unwrap_or_default();
    assert!(
        message.contains("districts.geojson") && message.contains(&dir.display().to_string()),
        "{message}"
    );
    assert_eq!(atlas.in_layer(LayerKind::Districts).count(), 11);
}

#[test]
fn a_feature_with_wrong_properties_is_reported_by_id() {
    let dir = common::geodata_copy("bad-feature");
    let text = std::fs::read_to_string(dir.join("industry.geojson")).expect("read");
    std::fs::write(
        dir.join("industry.geojson"),
        text.replace("\"district\":\"huu_lung\"", "\"district\":\"atlantis\""),
    )
    .expect("write");
    let (_, errors) = Atlas::load(&GeodataSource::Dir(dir), None);
    assert!(
        errors.iter().any(
            |e| matches!(e, LoadError::UnknownDistrict { district, .. } if district == "atlantis")
        ),
        "{errors:#?}"
    );
}

#[test]
fn without_fallback_a_broken_file_leaves_the_other_layers_loaded() {
    let dir = common::geodata_copy("no-fallback");
    std::fs::write(dir.join("zones.geojson"), "not json").expect("write");
    let (atlas, errors) = Atlas::load(&GeodataSource::Dir(dir), None);
    assert!(matches!(&errors[0], LoadError::NotGeoJson { file, .. } if file == "zones.geojson"));
    // The facts about the zones now point at nothing, and say so.
    assert!(errors[1..].iter().all(|e| matches!(e, LoadError::UnknownFeature { feature, .. } if feature.starts_with("zone_"))), "{errors:#?}");
    assert_eq!(atlas.in_layer(LayerKind::Zones).count(), 0);
    assert_eq!(atlas.in_layer(LayerKind::Districts).count(), 11);
}

/// A structurally sound PMTiles v3 archive with an 8-byte root directory and no tiles.
fn pmtiles_header(tile_type: u8) -> Vec<u8> {
    let mut header = vec![0u8; 127];
    header[..7].copy_from_slice(b"PMTiles");
    header[7] = 3;
    let mut put = |at: usize, v: u64| header[at..at + 8].copy_from_slice(&v.to_le_bytes());
    put(8, 127); // root directory
    put(16, 8);
    for at in [24, 40, 56] {
        put(at, 135); // metadata, leaves, tile data: empty, at the end
    }
    header[97] = 1; // no compression
    header[98] = 1;
    header[99] = tile_type;
    header.extend_from_slice(&[0u8; 8]);
    header
}

#[test]
fn pmtiles_files_are_checked_before_they_are_offered() {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("pmtiles");
    std::fs::create_dir_all(&dir).expect("temp folder");
    let write = |name: &str, bytes: &[u8]| {
        let path = dir.join(name);
        std::fs::write(&path, bytes).expect("write");
        path
    };
    assert!(matches!(
        pmtiles::check(&dir.join("absent.pmtiles")),
        Err(PmTilesError::Unreadable { .. })
    ));
    assert!(matches!(
        pmtiles::check(&write("text.pmtiles", &[b'x'; 200])),
        Err(PmTilesError::NotPmTiles { .. })
    ));
    assert!(matches!(
        pmtiles::check(&write("avif.pmtiles", &pmtiles_header(5))),
        Err(PmTilesError::Unsupported { kind: "AVIF", .. })
    ));
    assert_eq!(
        pmtiles::check(&write("vector.pmtiles", &pmtiles_header(1))),
        Ok(()),
        "vector archives are drawn"
    );
    assert_eq!(
        pmtiles::check(&write("png.pmtiles", &pmtiles_header(2))),
        Ok(())
    );
    // Cut short: the root directory the header names is not in the file (walkers' reader
    // would panic on it, taking the window down).
    let archive = pmtiles_header(2);
    assert!(matches!(
        pmtiles::check(&write("truncated.pmtiles", &archive[..130])),
        Err(PmTilesError::Damaged { .. })
    ));
    let mut beyond = pmtiles_header(2);
    beyond[56..64].copy_from_slice(&1_000_000u64.to_le_bytes());
    let err = pmtiles::check(&write("beyond.pmtiles", &beyond)).expect_err("damaged");
    assert!(err.to_string().contains("tile data"), "{err}");
    let mut brotli = pmtiles_header(2);
    brotli[97] = 3;
    assert!(matches!(
        pmtiles::check(&write("brotli.pmtiles", &brotli)),
        Err(PmTilesError::Compression { kind: "Brotli", .. })
    ));
}

fn harness_with(options: Options) -> egui_kittest::Harness<'static, AtlasApp> {
    let mut harness = egui_kittest::Harness::builder()
        .with_size(egui::vec2(1400.0, 900.0))
        .with_theme(egui::Theme::Light)
        .with_context_setup(langson_atlas::theme::fonts::install)
        .build_eframe(move |cc| AtlasApp::new(&cc.egui_ctx, options, None));
    harness.run_steps(4);
    harness
}

#[test]
fn the_window_reports_broken_geodata_and_still_draws_the_map() {
    let dir = common::geodata_copy("broken-in-ui");
    std::fs::write(dir.join("axis.geojson"), "{").expect("write");
    let h = harness_with(Options {
        offline: true,
        geodata: Some(dir),
        ..Options::default()
    });
    assert_eq!(h.state().data_errors.len(), 1);
    h.get_by_label_contains("Lỗi dữ liệu: axis.geojson: not valid GeoJSON");
    assert!(h.state().map.out.features_drawn > 30);
}

#[test]
fn an_unusable_pmtiles_file_is_refused_with_its_reason() {
    let path = Path::new(env!("CARGO_TARGET_TMPDIR")).join("refused.pmtiles");
    // AVIF tiles: neither a raster kind the atlas decodes nor vector tiles.
    std::fs::write(&path, pmtiles_header(5)).expect("write");
    let h = harness_with(Options {
        offline: true,
        pmtiles: Some(path),
        ..Options::default()
    });
    assert_eq!(h.state().map.basemaps.choice(), BasemapChoice::Offline);
    h.get_by_label_contains("holds AVIF tiles; only PNG, JPEG, WebP and MVT PMTiles can be shown");
}

#[test]
fn an_unreachable_tile_server_shows_in_the_status_bar_over_the_offline_map() {
    health::install();
    // A closed port on this machine: every download fails at once, as with no network.
    let mut h = harness_with(Options {
        tiles: Some("http://127.0.0.1:9/{z}/{x}/{y}.png".to_owned()),
        ..Options::default()
    });
    h.state_mut()
        .apply(langson_atlas::state::Action::SetBasemap(
            BasemapChoice::Custom,
        ));
    // Frames ask walkers for tiles; its downloads fail on their own threads.
    for _ in 0..200 {
        h.run_steps(1);
        if health::wait_for_failures(1, std::time::Duration::from_millis(10)) {
            break;
        }
    }
    h.run_steps(2);
    assert!(health::snapshot().failures > 0, "the failures were counted");
    h.get_by_label_contains("Không tải được ô bản đồ");
    h.get_by_label_contains("đang hiển thị bản đồ nền ngoại tuyến");
    // The offline basemap and the plan are still drawn beneath.
    assert!(h.state().map.out.features_drawn > 30);
    let image = h.render().expect("renders");
    let land = langson_atlas::map::basemap::raster::palette::PROVINCE;
    assert!(
        image
            .pixels()
            .any(|p| (0..3).all(|i| p.0[i].abs_diff(land[i]) <= 3))
    );
}

#[test]
fn a_tile_url_without_placeholders_is_refused() {
    let h = harness_with(Options {
        tiles: Some("http://127.0.0.1:9/tile.png".to_owned()),
        ..Options::default()
    });
    assert!(
        h.state()
            .map
            .basemaps
            .available(BasemapChoice::Custom)
            .is_err()
    );
    h.get_by_label_contains("lacks {z}, {x}, {y}");
}

/// eframe's storage, as a test double holding one raw value.
struct OneValue(Option<String>);

impl eframe::Storage for OneValue {
    fn get_string(&self, key: &str) -> Option<String> {
        (key == langson_atlas::app::SETTINGS_KEY)
            .then(|| self.0.clone())
            .flatten()
    }
    fn set_string(&mut self, _key: &str, _value: String) {}
    fn remove_string(&mut self, _key: &str) {}
    fn flush(&mut self) {}
}

/// Stored settings that cannot be read (a corrupt file, an older format) give the
/// defaults and a message, never a failed start.
#[test]
fn corrupt_stored_settings_are_reported_and_the_defaults_used() {
    use langson_atlas::app::stored_settings;
    let corrupt = OneValue(Some("(lang: Klingon, visible: [[[".to_owned()));
    let (settings, problem) = stored_settings(Some(&corrupt));
    assert!(settings.is_none());
    let problem = problem.expect("a message");
    assert!(problem.contains("stored settings"), "{problem}");

    let (settings, problem) = stored_settings(Some(&OneValue(None)));
    assert!(
        settings.is_none() && problem.is_none(),
        "a first start is not a problem"
    );

    let mut h = harness_with(Options {
        offline: true,
        ..Options::default()
    });
    h.state_mut().report(problem_text());
    h.run_steps(2);
    h.get_by_label_contains("stored settings");
}

fn problem_text() -> String {
    let corrupt = OneValue(Some("garbage".to_owned()));
    langson_atlas::app::stored_settings(Some(&corrupt))
        .1
        .unwrap_or_default()
}
