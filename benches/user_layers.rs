//! The reader's own layers at scale: `cargo bench --bench user_layers`. Prints, each against
//! its target: the map's CPU time per frame for a layer of a million vertices (the province
//! view, and zoomed in while panning), identify on a layer of 100 000 features, and the
//! longest frame while a 100 MB file loads (made by `python3 scripts/make-large-geojson.py`;
//! skipped, and said so, without it).

mod common;

use common::{report, screen};

use langson_atlas::layers::index::FeatureIndex;
use langson_atlas::sources::{Crs, Field, FieldKind, Format, UserFeature, UserLayer, Value};
use langson_atlas::state::{Action, UserAction};
use langson_atlas::{AtlasApp, Options};
use std::path::PathBuf;
use std::time::{Duration, Instant};

struct Rng(u64);

impl Rng {
    fn unit(&mut self) -> f64 {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        (self.0 >> 11) as f64 / (1u64 << 53) as f64
    }
}

/// Land-use classes, as a planner's parcel layer has a dozen.
const LAND_USES: [&str; 12] = [
    "Đất ở tại nông thôn",
    "Đất ở tại đô thị",
    "Đất trồng lúa",
    "Đất trồng cây lâu năm",
    "Đất rừng sản xuất",
    "Đất rừng phòng hộ",
    "Đất khu công nghiệp",
    "Đất cụm công nghiệp",
    "Đất thương mại, dịch vụ",
    "Đất giao thông",
    "Đất thủy lợi",
    "Đất chưa sử dụng",
];

/// `n` irregular parcels of `vertices` vertices each, scattered over Lạng Sơn.
fn parcels(n: usize, vertices: usize, radius_deg: f64) -> UserLayer {
    let mut rng = Rng(7);
    let features = (0..n)
        .map(|i| {
            let (cx, cy) = (106.1 + rng.unit() * 1.2, 21.3 + rng.unit() * 1.2);
            let mut ring: Vec<geo::Coord> = (0..vertices)
                .map(|k| {
                    let a = k as f64 / vertices as f64 * std::f64::consts::TAU;
                    let r = radius_deg * (0.7 + 0.3 * rng.unit());
                    geo::Coord {
                        x: cx + r * a.cos(),
                        y: cy + r * a.sin(),
                    }
                })
                .collect();
            ring.push(ring[0]);
            UserFeature {
                geometry: Some(geo::Geometry::Polygon(geo::Polygon::new(
                    ring.into(),
                    vec![],
                ))),
                values: vec![
                    Value::Integer(i as i64),
                    Value::Text(format!("thửa {i}")),
                    Value::Text(LAND_USES[i % LAND_USES.len()].to_owned()),
                ],
            }
        })
        .collect();
    UserLayer {
        path: "generated".to_owned(),
        format: Format::GeoJson,
        crs: Crs::Wgs84,
        fields: vec![
            Field {
                name: "id".to_owned(),
                kind: FieldKind::Integer,
            },
            Field {
                name: "ten".to_owned(),
                kind: FieldKind::Text,
            },
            Field {
                name: "loai_dat".to_owned(),
                kind: FieldKind::Text,
            },
        ],
        features,
        skipped: 0,
        warnings: Vec::new(),
    }
}

/// One whole frame: layout, the map's plugins, tessellation. Returns (the user layers' own
/// CPU time, the whole frame's).
fn frame(ctx: &egui::Context, app: &mut AtlasApp, input: egui::RawInput) -> (Duration, Duration) {
    let start = Instant::now();
    let mut out = ctx.run_ui(input, |ui| app.ui(ui));
    let ran = start.elapsed();
    out.textures_delta.clear();
    std::hint::black_box(ctx.tessellate(out.shapes, out.pixels_per_point));
    let took = start.elapsed();
    if std::env::var_os("FRAMES").is_some() && took > Duration::from_millis(16) {
        println!(
            "  a slow frame: {ran:?} in the UI and the map, {:?} tessellating; map CPU: plan layers {:?}, user layers {:?}",
            took - ran,
            app.map.out.cpu_time,
            app.user.out.cpu_time
        );
    }
    (app.user.out.cpu_time, took)
}

fn app_with(paths: Vec<PathBuf>) -> (egui::Context, AtlasApp) {
    let ctx = egui::Context::default();
    langson_atlas::theme::fonts::install(&ctx);
    let app = AtlasApp::new(
        &ctx,
        Options {
            offline: true,
            layers: paths,
            // As the window does.
            tiles_in_background: true,
            ..Options::default()
        },
        None,
    );
    (ctx, app)
}

/// Frames until every load has finished, and two more (the layer's first drawing); the
/// longest of them, and which one it was.
fn settle(ctx: &egui::Context, app: &mut AtlasApp) -> (Duration, String) {
    let mut longest = (Duration::ZERO, String::new());
    let mut n = 0;
    let mut after = 0;
    while after < 3 {
        let (user, took) = frame(ctx, app, screen());
        n += 1;
        if std::env::var_os("FRAMES").is_some() && took > Duration::from_millis(16) {
            println!(
                "frame {n}: {took:?}, user layers {user:?}, loading {}",
                app.loading()
            );
        }
        if !app.loading() {
            after += 1;
        }
        if took > longest.0 {
            let when = if after == 0 {
                "while loading".to_owned()
            } else {
                format!("{after} after it loaded")
            };
            longest = (took, format!("frame {n}, {when}"));
        }
        std::thread::sleep(Duration::from_millis(5));
    }
    longest
}

/// Frames until nothing is left to prepare; then the mean of `runs` steady frames.
fn steady(ctx: &egui::Context, app: &mut AtlasApp, runs: u32) -> (Duration, Duration, Duration) {
    let mut warm = Duration::ZERO;
    for _ in 0..400 {
        let (user, _) = frame(ctx, app, screen());
        warm = warm.max(user);
        if app.user.out.pending == 0 {
            break;
        }
    }
    let (mut user, mut whole) = (Duration::ZERO, Duration::ZERO);
    for _ in 0..runs {
        let (u, w) = frame(ctx, app, screen());
        user += u;
        whole += w;
    }
    (user / runs, whole / runs, warm)
}

fn main() {
    let only_loading = std::env::var_os("ONLY_LOADING").is_some();
    let dir = PathBuf::from("target/large");
    let _ = std::fs::create_dir_all(&dir);

    if !only_loading {
        scale(&dir);
    }
    loading(&dir);
}

fn scale(dir: &std::path::Path) {
    // A million vertices: 10 000 parcels of 100 vertices, written as GeoJSON and opened as
    // the reader would open it.
    let big = parcels(10_000, 100, 0.004);
    let path = dir.join("parcels-1m-vertices.geojson");
    if let Err(e) = std::fs::write(&path, big.to_geojson()) {
        println!("user layer benchmark failed: {}: {e}", path.display());
        return;
    }
    let (ctx, mut app) = app_with(vec![path]);
    let _ = settle(&ctx, &mut app);
    let vertices: usize = app.user.layers.ready().map(|l| l.data.vertex_count()).sum();
    println!(
        "layer of {vertices} vertices in {} features",
        big.features.len()
    );
    app.apply(Action::ZoomToProvince);
    let (user, whole, warm) = steady(&ctx, &mut app, 20);
    report(
        "1M vertices, province view: map CPU per frame",
        user,
        Duration::from_millis(8),
    );
    report(
        "  whole frame (panels, map, tessellation)",
        whole,
        Duration::from_millis(8),
    );
    report(
        "  longest frame while first preparing (budgeted)",
        warm,
        Duration::from_millis(16),
    );
    for _ in 0..4 {
        app.apply(Action::ZoomIn);
    }
    let mut worst = Duration::ZERO;
    let mut total = Duration::ZERO;
    let before = app.map.out.view.map(|v| v.center);
    // Pan: press on the map, drag 6 points a frame for 60 frames, release.
    let button = |pos, pressed| egui::Event::PointerButton {
        pos,
        button: egui::PointerButton::Primary,
        pressed,
        modifiers: egui::Modifiers::NONE,
    };
    let start = egui::pos2(700.0, 500.0);
    for k in 0..=60 {
        let mut input = screen();
        let at = start + egui::vec2(k as f32 * 6.0, k as f32 * 2.0);
        input.events.push(egui::Event::PointerMoved(at));
        match k {
            0 => input.events.push(button(at, true)),
            60 => input.events.push(button(at, false)),
            _ => {}
        }
        let (user, _) = frame(&ctx, &mut app, input);
        worst = worst.max(user);
        total += user;
    }
    let after = app.map.out.view.map(|v| v.center);
    if before == after {
        println!("  (the drag did not move the map: the panning figures below are not of panning)");
    }
    report(
        "1M vertices, zoomed ×16 and panning: map CPU per frame",
        total / 61,
        Duration::from_millis(8),
    );
    report(
        "  longest of those frames",
        worst,
        Duration::from_millis(16),
    );

    // Restyling the 10 000 parcels by a field whose every value differs: the frames meanwhile.
    app.apply(Action::ZoomToProvince);
    let id = app.user.layers.ready().next().map(|l| l.id);
    if let Some(id) = id {
        use langson_atlas::layers::style::{Paint, Style};
        let style = Style {
            paint: Paint::Categorised {
                field: "ten".to_owned(),
            },
            ..Style::single(0)
        };
        let mut longest = Duration::ZERO;
        for k in 0..10 {
            // The style window's action, then the frame: both on the UI thread.
            let started = Instant::now();
            if k == 0 {
                app.apply(Action::User(UserAction::SetStyle(id, style.clone())));
            }
            frame(&ctx, &mut app, screen());
            longest = longest.max(started.elapsed());
            std::thread::sleep(Duration::from_millis(5));
        }
        report(
            "longest frame while the parcels are restyled by a field",
            longest,
            Duration::from_millis(16),
        );
    }

    many_features();
}

/// Identify and restyle on 100 000 features, away from the window.
fn many_features() {
    let many = parcels(100_000, 6, 0.0008);
    let index = FeatureIndex::new(&many);
    let mut rng = Rng(11);
    let points: Vec<geo::Coord> = (0..10_000)
        .map(|_| geo::Coord {
            x: 106.1 + rng.unit() * 1.2,
            y: 21.3 + rng.unit() * 1.2,
        })
        .collect();
    let start = Instant::now();
    let mut hits = 0;
    for p in &points {
        hits += usize::from(index.pick(&many, *p, 60.0).is_some());
    }
    let took = start.elapsed() / points.len() as u32;
    report(
        &format!("identify among 100 000 features ({hits} of 10 000 clicks hit)"),
        took,
        Duration::from_micros(50),
    );

    // A style change is painted on the UI thread: one frame's worth at most, on 100 000
    // features, with a category per feature (the worst case) and quantile classes.
    use langson_atlas::layers::style::{Paint, Style, paint};
    for (what, paint_by) in [
        (
            "categorised by land use (12 classes)",
            Paint::Categorised {
                field: "loai_dat".to_owned(),
            },
        ),
        (
            "categorised by a field of 100 000 distinct values (worst case)",
            Paint::Categorised {
                field: "ten".to_owned(),
            },
        ),
        (
            "graduated (5 quantile classes)",
            Paint::Graduated {
                field: "id".to_owned(),
                classes: 5,
            },
        ),
    ] {
        let style = Style {
            paint: paint_by,
            ..Style::single(0)
        };
        let start = Instant::now();
        std::hint::black_box(paint(&style, &many));
        report(
            &format!("restyle 100 000 features (on a worker), {what}"),
            start.elapsed(),
            Duration::from_millis(100),
        );
    }
}

/// Frames while a 100 MB file loads on its worker.
fn loading(dir: &std::path::Path) {
    let large = std::env::var_os("LARGE_GEOJSON")
        .map(PathBuf::from)
        .unwrap_or_else(|| dir.join("polygons-100mb.geojson"));
    if !large.exists() {
        println!(
            "frames while loading 100 MB: skipped, {} is missing (python3 scripts/make-large-geojson.py makes it)",
            large.display()
        );
        return;
    }
    let (ctx, mut app) = app_with(Vec::new());
    for _ in 0..3 {
        frame(&ctx, &mut app, screen());
    }
    app.apply(Action::User(UserAction::OpenFiles(vec![large])));
    let started = Instant::now();
    let (longest, which) = settle(&ctx, &mut app);
    println!(
        "  (loaded in {:.1} s; the longest frame was {which})",
        started.elapsed().as_secs_f64()
    );
    report(
        "longest frame while a 100 MB GeoJSON loads",
        longest,
        Duration::from_millis(16),
    );
    // The same layer once loaded, at the view it was fitted to: steady frames.
    let runs: u32 = std::env::var("STEADY_FRAMES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(30);
    let (mut total, mut worst) = (Duration::ZERO, Duration::ZERO);
    for _ in 0..runs {
        let (_, took) = frame(&ctx, &mut app, screen());
        total += took;
        worst = worst.max(took);
    }
    report(
        "  then, its 137 843 polygons in view: mean whole frame",
        total / runs.max(1),
        Duration::from_millis(16),
    );
    report("  longest of those", worst, Duration::from_millis(16));
}
