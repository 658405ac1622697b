//! The loaders never panic, whatever the bytes: every fixture of `tests/data/` is corrupted
//! in many ways (bytes flipped, cut, repeated, inserted, truncated) and fed to the same
//! readers the viewer uses. Each result is a layer or a message naming the file.
//!
//! CI runs 100 000 variants; a longer run is one command:
//! `MUTATIONS=1000000 cargo test --release --test io_mutation`.

#![allow(
    clippy::expect_used,
    clippy::unwrap_used,
    reason = "the test's helpers: a failed expectation is a failed test"
)]

use langson_atlas::sources;

const FIXTURES: [&str; 18] = [
    "lo-dat-vn2000.shp",
    "lo-dat-vn2000.dbf",
    "lo-dat-vn2000.shx",
    "su-dung-dat-1258.dbf",
    "du-an.kml",
    "du-an.gpkg",
    "lo-dat-tm3.fgb",
    "du-an.kmz",
    "lo-dat-vn2000.zip",
    "sites.geojson",
    "sites-vn2000-tm3.geojson",
    "out-of-range.geojson",
    "truncated.geojson",
    "investors.csv",
    "lao-dong.csv",
    "vn2000-points.tsv",
    "wkt.csv",
    "no-coordinates.csv",
];

/// A small deterministic generator (PCG-like), so a failure can be replayed by its seed.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        self.0 >> 33
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

/// Bytes that matter to the formats: quotes, brackets, separators, digits, signs, UTF-8.
const SPICE: &[&[u8]] = &[
    b"\"",
    b"{",
    b"}",
    b"[",
    b"]",
    b",",
    b";",
    b"\t",
    b"\n",
    b"\r\n",
    b"-",
    b".",
    b"e308",
    b"NaN",
    b"null",
    b"1e999",
    b"9999999999",
    "ữ".as_bytes(),
    b"\xff\xfe",
    b"POINT (",
    b")",
];

fn mutate(rng: &mut Rng, original: &[u8]) -> Vec<u8> {
    let mut bytes = original.to_vec();
    for _ in 0..1 + rng.below(3) {
        let len = bytes.len().max(1);
        let at = rng.below(len);
        match rng.below(6) {
            0 => {
                if let Some(b) = bytes.get_mut(at) {
                    *b ^= 1 << rng.below(8);
                }
            }
            1 => {
                let end = (at + 1 + rng.below(16)).min(bytes.len());
                if at < end {
                    bytes.drain(at..end);
                }
            }
            2 => {
                let end = (at + 1 + rng.below(32)).min(bytes.len());
                if at < end {
                    let copy: Vec<u8> = bytes[at..end].to_vec();
                    let to = rng.below(bytes.len());
                    bytes.splice(to..to, copy);
                }
            }
            3 => {
                let spice = SPICE[rng.below(SPICE.len())];
                let at = at.min(bytes.len());
                bytes.splice(at..at, spice.iter().copied());
            }
            4 => bytes.truncate(at),
            _ => {
                if let Some(b) = bytes.get_mut(at) {
                    *b = rng.below(256) as u8;
                }
            }
        }
    }
    bytes
}

/// A part of a shapefile (`.shp`, `.shx` or `.dbf`): the damaged part is written beside
/// intact copies of the others in a temporary folder, and the `.shp` opened as the viewer
/// opens it.
fn open_shapefile(bytes: &[u8], name: &str) -> Result<sources::UserLayer, sources::IoError> {
    let (stem, _) = name.rsplit_once('.').unwrap_or((name, ""));
    let folder = tempfile::tempdir().expect("a temporary folder");
    let dir = folder.path();
    for ext in ["shp", "shx", "dbf", "prj", "cpg"] {
        let part = format!("{stem}.{ext}");
        let source = std::path::Path::new("tests/data").join(&part);
        if part == name {
            std::fs::write(dir.join(&part), bytes).expect("written");
        } else if source.exists() {
            std::fs::copy(&source, dir.join(&part)).expect("copied");
        }
    }
    sources::open(
        &dir.join(format!("{stem}.shp")),
        None,
        &sources::Progress::default(),
    )
}

/// What a message must name: the file opened (a shapefile is opened by its `.shp`, though
/// its `.dbf` may be the damaged part).
fn named(name: &str) -> &str {
    match name.rsplit_once('.') {
        Some((stem, "shp" | "shx" | "dbf")) => stem,
        _ => name,
    }
}

/// The viewer's way in: from memory, except a GeoPackage (SQLite reads files), which is
/// written to a temporary file named after its fixture and opened at one of its layers,
/// and a shapefile's parts, which are files side by side.
fn open(bytes: &[u8], name: &str, seed: u64) -> Result<sources::UserLayer, sources::IoError> {
    if name != named(name) {
        return open_shapefile(bytes, name);
    }
    if !name.ends_with(".gpkg") {
        return sources::open_bytes(bytes, name, None);
    }
    let folder = tempfile::tempdir().expect("a temporary folder");
    let file = folder.path().join(name);
    std::fs::write(&file, bytes).map_err(|e| sources::IoError::Unreadable {
        path: name.to_owned(),
        message: e.to_string(),
    })?;
    let layer = ["diem_du_an", "lo_dat"][seed as usize % 2];
    sources::open_layer(&file, Some(layer), None, &sources::Progress::default())
}

#[test]
fn corrupted_files_never_panic_the_loaders() {
    let total: usize = std::env::var("MUTATIONS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(100_000);
    let originals: Vec<(&str, Vec<u8>)> = FIXTURES
        .iter()
        .map(|name| {
            let bytes = std::fs::read(std::path::Path::new("tests/data").join(name))
                .unwrap_or_else(|e| panic!("{name}: {e}"));
            (*name, bytes)
        })
        .collect();
    let (mut loaded, mut refused) = (0usize, 0usize);
    for i in 0..total {
        let seed = i as u64;
        let mut rng = Rng(seed);
        let (name, original) = &originals[i % originals.len()];
        let bytes = mutate(&mut rng, original);
        #[expect(
            clippy::disallowed_methods,
            reason = "a panic is what this test looks for, and reports with its seed"
        )]
        let outcome = std::panic::catch_unwind(|| open(&bytes, name, seed));
        match outcome {
            Ok(Ok(_)) => loaded += 1,
            Ok(Err(e)) => {
                assert!(
                    e.to_string().contains(named(name)),
                    "seed {seed}: “{e}” does not name {name}"
                );
                refused += 1;
            }
            Err(_) => panic!("seed {seed}: the loader panicked on a variant of {name}"),
        }
    }
    assert!(
        loaded > 0 && refused > 0,
        "both outcomes occur: {loaded} loaded, {refused} refused"
    );
}

/// Damage that leaves the JSON well-formed but makes one feature invalid on its own.
fn damage_feature(rng: &mut Rng, feature: &mut serde_json::Value) {
    use serde_json::json;
    let geometry = &mut feature["geometry"];
    match rng.below(9) {
        0 => geometry["coordinates"] = json!(["106.7", "21.8"]),
        1 => geometry["type"] = json!("Circle"),
        2 => geometry["coordinates"] = json!([106.7]),
        3 => *geometry = json!({"type": "LineString", "coordinates": [[106.7, 21.8]]}),
        4 => feature["type"] = json!(["Featur", "Feature ", "feature", ""][rng.below(4)]),
        5 => *feature = [json!(null), json!(1.5), json!("x"), json!(true)][rng.below(4)].clone(),
        6 => feature["properties"] = json!([1, 2]),
        7 => geometry["coordinates"] = json!({"x": 106.7}),
        _ => {
            *geometry = json!({"type": "Polygon", "coordinates": [[[106.7, 21.8], [106.8, 21.8]]]})
        }
    }
}

/// Whatever is wrong with one feature on its own costs that feature alone: every other
/// feature of the collection loads, and the skipped one is named by its number.
#[test]
fn one_damaged_feature_costs_only_that_feature() {
    let total: usize = std::env::var("MUTATIONS")
        .ok()
        .and_then(|v| v.parse::<usize>().ok())
        .map_or(3_000, |n| n / 20);
    let text = std::fs::read_to_string("tests/data/sites.geojson").expect("the fixture");
    let original: serde_json::Value = serde_json::from_str(&text).expect("valid JSON");
    let count = original["features"].as_array().map_or(0, Vec::len);
    assert!(count >= 3, "the fixture has features to damage");
    for seed in 0..total as u64 {
        let mut rng = Rng(seed);
        let mut damaged = original.clone();
        let victim = rng.below(count);
        damage_feature(&mut rng, &mut damaged["features"][victim]);
        let bytes = serde_json::to_vec(&damaged).expect("serialises");
        let layer = sources::open_bytes(&bytes, "sites.geojson", None)
            .unwrap_or_else(|e| panic!("seed {seed}: one bad feature refused the file: {e}"));
        assert_eq!(
            (layer.features.len(), layer.skipped),
            (count - 1, 1),
            "seed {seed}: feature {} damaged",
            victim + 1
        );
        let named = format!("feature {}:", victim + 1);
        assert!(
            layer.warnings.iter().any(|w| w.starts_with(&named)),
            "seed {seed}: {named} is not named in {:?}",
            layer.warnings
        );
    }
}
