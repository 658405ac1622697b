//! The window while a PostGIS view's pages arrive (issue 28): the real app headless
//! (egui_kittest's `Harness`, the fonts of the window, the offline basemap rendered on its
//! worker as the window does), a table of 1 000 000 points added as a layer, then one frame
//! at a time at the window's 60 Hz until the capped view is read and drawn; then a zoom to
//! a district, and a drag to the next district while the first's pages still arrive.
//! Prints the frames' median, 95th percentile and worst against 16 ms, and how many of the
//! view's pages reached the layer during the measured frames (the layer shows the rows read
//! so far: the first page of a view replaces the old view's features, later ones add to
//! them).
//!
//! `PGTEST_URI=postgresql://USER:PASSWORD@127.0.0.1:PORT/DB cargo bench --bench postgis_frames`
//! (`eval "$(bash scripts/pg-test-server.sh start)"` starts a server); without it the
//! benchmark says it was skipped. `FRAMES=1` prints every frame, split into its parts.
//!
//! A frame here is what the window's thread does before the GPU gets it: the harness's
//! step (the app's layout, the map and its plugins; kittest also updates its AccessKit
//! tree) and egui's tessellation. wgpu's drawing is left out: a desktop's GPU does it
//! beside the CPU, and the software adapter a machine without one falls back to takes
//! half a second a frame at 1400×900, which would measure the rasteriser, not the app.
//! Beside the wall times, the window thread's time on a core (Linux's schedstat): on a
//! machine busy with other work (a build), a frame's wall time is mostly its wait for a
//! core, which the line "waiting for a core" says.

mod common;

use common::report;
use egui_kittest::Harness;
use langson_atlas::sources::postgis::{self, PgSource};
use langson_atlas::state::{Action, UserAction};
use langson_atlas::{AtlasApp, Options};
use std::time::{Duration, Instant};

type App = Harness<'static, AtlasApp>;

/// A frame at 60 Hz.
const TARGET: Duration = Duration::from_millis(16);
const VSYNC: Duration = Duration::from_micros(16_667);
/// However slow the server, a phase stops here (and says so).
const PATIENCE: Duration = Duration::from_secs(60);

/// One frame, in its parts.
#[derive(Clone, Copy, Default)]
struct Frame {
    /// The harness's step: input, layout, the map and its plugins.
    step: Duration,
    /// egui's tessellation of the frame's shapes.
    tessellate: Duration,
    /// The map's plugins' own time within the step, as the app measures it (by the wall
    /// clock): the user layers', the plan's.
    user: Duration,
    plan: Duration,
    /// Of the frame's wall time, the window thread's time on a core and waiting for one
    /// (the kernel's schedstat: the rest it slept, on a lock or the like).
    on_cpu: Duration,
    runnable: Duration,
    /// Features the PostGIS layer holds after the frame, and those still drawn as dots.
    features: Option<usize>,
    pending: usize,
}

impl Frame {
    /// What the window's thread spends on it before the GPU.
    fn wall(&self) -> Duration {
        self.step + self.tessellate
    }
}

/// The app offline in a 1400×900 window, as `tests/postgis.rs` opens it, with the offline
/// basemap's tiles rendered on their worker, as in the window (in the frame they would
/// cost every frame a few milliseconds that have nothing to do with the database).
fn app() -> App {
    let mut h = Harness::builder()
        .with_size(egui::vec2(1400.0, 900.0))
        .with_step_dt(VSYNC.as_secs_f32())
        .with_context_setup(langson_atlas::theme::fonts::install)
        .build_eframe(|cc| {
            AtlasApp::new(
                &cc.egui_ctx,
                Options {
                    offline: true,
                    tiles_in_background: true,
                    ..Options::default()
                },
                None,
            )
        });
    h.run_steps(4);
    h
}

/// The table of a million points `team_data` and `tests/postgis.rs` use, made if missing:
/// a 1000 × 1000 grid over the province.
fn million(base: &str) -> Result<(PgSource, Option<String>), String> {
    let (source, password) = PgSource::parse(&format!("{base}?table=million&sslmode=disable"))
        .map_err(|_| "PGTEST_URI is not a postgresql:// address".to_owned())?;
    let mut client = postgis::connect(&source, password.as_deref())
        .map_err(|e| format!("the server does not answer: {e}"))?;
    let have: i64 = client
        .query_one(
            "SELECT count(*) FROM pg_tables WHERE tablename = 'million'",
            &[],
        )
        .map_err(|e| e.to_string())?
        .get(0);
    if have == 0 {
        client
            .batch_execute(
                "CREATE TABLE million (id int PRIMARY KEY, geom geometry(Point, 4326)); \
                 INSERT INTO million SELECT i * 1000 + j, \
                   ST_SetSRID(ST_MakePoint(106.0 + i * 0.0015, 21.3 + j * 0.0011), 4326) \
                 FROM generate_series(0, 999) i, generate_series(0, 999) j; \
                 CREATE INDEX million_geom ON million USING gist (geom); ANALYZE million;",
            )
            .map_err(|e| e.to_string())?;
    }
    Ok((source, password))
}

fn features(h: &App) -> Option<usize> {
    h.state()
        .user
        .layers
        .ready()
        .next()
        .map(|l| l.data.features.len())
}

/// Runs one frame, as the window would at its next vsync: the input's time is the wall
/// clock's (the app's 0.3 s of settling and the zoom's animation follow real time), and
/// what is left of 16.7 ms after the frame passes before the next (the workers, the server
/// and the frame share this machine's cores as in the window).
fn frame(h: &mut App, clock: Instant) -> Frame {
    let sched = schedstat();
    let began = Instant::now();
    h.input_mut().time = Some(clock.elapsed().as_secs_f64());
    h.step();
    let step = began.elapsed();
    let stepped = schedstat();
    // Tessellated as eframe does after each frame, from a copy taken outside the timing.
    let (shapes, ppp) = (h.output().shapes.clone(), h.output().pixels_per_point);
    let copied = schedstat();
    let started = Instant::now();
    std::hint::black_box(h.ctx.tessellate(shapes, ppp));
    let tessellate = started.elapsed();
    let (a, b) = (between(sched, stepped), between(copied, schedstat()));
    let (on_cpu, runnable) = (a.0 + b.0, a.1 + b.1);
    let f = Frame {
        step,
        tessellate,
        user: h.state().user.out.cpu_time,
        plan: h.state().map.out.cpu_time,
        on_cpu,
        runnable,
        features: features(h),
        pending: h.state().user.out.pending,
    };
    if let Some(rest) = VSYNC.checked_sub(began.elapsed()) {
        std::thread::sleep(rest);
    }
    f
}

/// This thread's time on a core and waiting in the run queue so far, from Linux's
/// `/proc/thread-self/schedstat` (nanoseconds; `None` elsewhere).
fn schedstat() -> Option<(Duration, Duration)> {
    let text = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    let mut fields = text.split_whitespace().map(|f| f.parse::<u64>().ok());
    let (run, wait) = (fields.next()??, fields.next()??);
    Some((Duration::from_nanos(run), Duration::from_nanos(wait)))
}

/// The time on a core and in the run queue from `before` to `after` (zero if unknown).
fn between(
    before: Option<(Duration, Duration)>,
    after: Option<(Duration, Duration)>,
) -> (Duration, Duration) {
    before
        .zip(after)
        .map_or((Duration::ZERO, Duration::ZERO), |(a, b)| {
            (b.0.saturating_sub(a.0), b.1.saturating_sub(a.1))
        })
}

/// Frames until the basemap's tiles are all drawn, so that what follows measures the layer.
fn settle_basemap(h: &mut App, clock: Instant) {
    let start = Instant::now();
    while !h.state().map.basemaps.offline.complete() && start.elapsed() < PATIENCE {
        frame(h, clock);
    }
    frame(h, clock);
}

/// Frames until a read of the view has begun and ended, and the layer is drawn whole (no
/// feature waiting as a dot), two more after that. `during` is called before each frame
/// with the frame's number and whether a read is under way (to pan mid-stream), and says
/// whether its input is over; only a read seen `settle` after that counts (a read of a
/// view left behind may end before the new view has settled and its read begun).
fn until_drawn(
    h: &mut App,
    clock: Instant,
    settle: Duration,
    mut during: impl FnMut(&mut App, usize, bool) -> bool,
) -> Result<Vec<Frame>, String> {
    let (start, mut frames, mut read, mut after) = (Instant::now(), Vec::new(), false, 0);
    let mut quiet: Option<Instant> = None;
    while after < 2 {
        if start.elapsed() > PATIENCE {
            return Err(format!(
                "the view was not read and drawn within {} s",
                PATIENCE.as_secs()
            ));
        }
        let busy = h.state().loading();
        if during(h, frames.len(), busy) {
            let since = *quiet.get_or_insert_with(Instant::now);
            read |= busy && since.elapsed() >= settle;
        }
        let f = frame(h, clock);
        frames.push(f);
        if read && !h.state().loading() && f.features.is_some() && f.pending == 0 {
            after += 1;
        }
    }
    if let Some(problem) = h
        .state()
        .user
        .layers
        .ready()
        .find_map(|l| l.problem.clone())
    {
        return Err(format!("the layer says: {problem}"));
    }
    Ok(frames)
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

/// The value at `q` (0–1) of sorted durations.
fn quantile(sorted: &[Duration], q: f64) -> Duration {
    let at = ((sorted.len() as f64 - 1.0) * q).round() as usize;
    sorted.get(at).copied().unwrap_or_default()
}

fn median_of(mut values: Vec<Duration>) -> Duration {
    values.sort();
    quantile(&values, 0.5)
}

/// The figures of a phase's frames against the target, and where the slowest went; with
/// `each` and `FRAMES` set, every frame.
fn figures(what: &str, frames: &[Frame], each: bool) {
    let mut walls: Vec<Duration> = frames.iter().map(Frame::wall).collect();
    walls.sort();
    println!("{what}: {} frames measured", frames.len());
    report(
        "  frame median (UI, map, tessellation)",
        quantile(&walls, 0.5),
        TARGET,
    );
    report("  frame 95th percentile", quantile(&walls, 0.95), TARGET);
    report("  worst frame", quantile(&walls, 1.0), TARGET);
    println!(
        "  median parts: step {:.2} ms (user layers {:.2} ms, plan {:.2} ms), tessellation {:.2} ms",
        ms(median_of(frames.iter().map(|f| f.step).collect())),
        ms(median_of(frames.iter().map(|f| f.user).collect())),
        ms(median_of(frames.iter().map(|f| f.plan).collect())),
        ms(median_of(frames.iter().map(|f| f.tessellate).collect())),
    );
    let mut cpu: Vec<Duration> = frames.iter().map(|f| f.on_cpu).collect();
    cpu.sort();
    let waited: Duration = frames.iter().map(|f| f.runnable).sum();
    let walled: Duration = frames.iter().map(Frame::wall).sum();
    println!(
        "  the window thread on a core: median {:.2} ms, 95th percentile {:.2} ms, worst {:.2} ms; waiting for a core {:.0} % of the frames' time",
        ms(quantile(&cpu, 0.5)),
        ms(quantile(&cpu, 0.95)),
        ms(quantile(&cpu, 1.0)),
        100.0 * waited.as_secs_f64() / walled.as_secs_f64().max(1e-9)
    );
    let mut slowest: Vec<(usize, &Frame)> = frames.iter().enumerate().collect();
    slowest.sort_by_key(|(_, f)| std::cmp::Reverse(f.wall()));
    for (i, f) in slowest.iter().take(3).filter(|(_, f)| f.wall() > TARGET) {
        println!("  slow frame {i}: {}", parts(f));
    }
    if each && std::env::var_os("FRAMES").is_some() {
        for (i, f) in frames.iter().enumerate() {
            println!("    frame {i}: {}", parts(f));
        }
    }
}

fn parts(f: &Frame) -> String {
    format!(
        "{:.2} ms = step {:.2} (user layers {:.2}, plan {:.2}, the rest {:.2}) + tessellation {:.2}; on a core {:.2}, waiting for one {:.2}; {} features, {} as dots",
        ms(f.wall()),
        ms(f.step),
        ms(f.user),
        ms(f.plan),
        ms(f.step.saturating_sub(f.user + f.plan)),
        ms(f.tessellate),
        ms(f.on_cpu),
        ms(f.runnable),
        f.features.map_or("no".to_owned(), |n| n.to_string()),
        f.pending
    )
}

/// The layer's feature counts as frames saw them change: how the pages reached the window.
fn arrivals(frames: &[Frame]) -> String {
    let mut seen: Vec<String> = Vec::new();
    let mut last = None;
    for (i, f) in frames.iter().enumerate() {
        if f.features != last {
            last = f.features;
            seen.push(format!(
                "{} at frame {i}",
                f.features.map_or("none".to_owned(), |n| n.to_string())
            ));
        }
    }
    seen.join(", ")
}

/// Pages of the view that reached the layer during `frames`, as its feature counts show
/// them ([`postgis::PAGE`] rows a page), from `before` features: a frame whose layer grew by
/// n features took n / PAGE of them (rounded up), one whose layer shrank took a new view's
/// first pages. With the frames that took any.
fn pages(frames: &[Frame], before: usize) -> (usize, usize) {
    let page = usize::try_from(postgis::PAGE).unwrap_or(1).max(1);
    let (mut last, mut pages, mut frames_with) = (before, 0, 0);
    for now in frames.iter().filter_map(|f| f.features) {
        let took = match now.cmp(&last) {
            std::cmp::Ordering::Greater => (now - last).div_ceil(page),
            std::cmp::Ordering::Less => now.div_ceil(page),
            std::cmp::Ordering::Equal => 0,
        };
        pages += took;
        frames_with += usize::from(took > 0);
        last = now;
    }
    (pages, frames_with)
}

/// What [`pages`] and [`arrivals`] say of a phase.
fn say_pages(frames: &[Frame], before: usize) {
    let (n, with) = pages(frames, before);
    println!(
        "  pages of {} rows that reached the layer during these frames: {n}, in {with} of the {} frames",
        postgis::PAGE,
        frames.len()
    );
    println!(
        "  the layer's features as the frames saw them: {}",
        arrivals(frames)
    );
}

fn run(base: &str) -> Result<(), String> {
    let (source, password) = million(base)?;
    let clock = Instant::now();
    let mut h = app();
    settle_basemap(&mut h, clock);
    let idle = until_idle(&mut h, clock);

    h.state_mut().apply(Action::User(UserAction::PostGisAdd(
        vec![source],
        password.unwrap_or_default(),
    )));
    let province = until_drawn(&mut h, clock, Duration::ZERO, |_, _, _| true)?;
    figures(
        &format!(
            "PostGIS layer of 1 000 000 points added over the province, from the request until its {} features are drawn",
            features(&h).unwrap_or_default()
        ),
        &province,
        true,
    );
    say_pages(&province, 0);
    let shown = province.last().and_then(|f| f.features).unwrap_or(0);

    for _ in 0..3 {
        h.state_mut().apply(Action::ZoomIn);
    }
    // Mid-stream: five frames into the district's read, a drag of 500 points to the west
    // (the view moves east by a district), one pointer event a frame, as a hand makes them
    // (the harness runs a frame per queued event, which would time two as one).
    let centre = egui::pos2(700.0, 450.0);
    let mut dragged = None;
    let pan = until_drawn(&mut h, clock, Duration::from_millis(400), |h, i, busy| {
        if busy && dragged.is_none() {
            dragged = Some(i + 5);
        }
        let Some(at) = dragged else { return false };
        match i.checked_sub(at) {
            Some(0) => h.hover_at(centre),
            Some(1) => h.drag_at(centre),
            Some(k @ 2..=21) => h.hover_at(centre - egui::vec2(25.0 * (k - 1) as f32, 0.0)),
            // Held still before letting go: a hand that puts the map down, not one that
            // flings it (walkers keeps a released map sliding).
            Some(22..=27) => h.hover_at(centre - egui::vec2(500.0, 0.0)),
            Some(28) => h.event(egui::Event::PointerButton {
                pos: centre - egui::vec2(500.0, 0.0),
                button: egui::PointerButton::Primary,
                pressed: false,
                modifiers: egui::Modifiers::NONE,
            }),
            _ => return true,
        }
        false
    })?;
    figures(
        &format!(
            "zoomed to a district (zoom {:.1}) and dragged to the next while its pages arrive",
            h.state().map.zoom()
        ),
        &pan,
        true,
    );
    say_pages(&pan, shown);
    let all: Vec<Frame> = province.iter().chain(&pan).copied().collect();
    figures("all frames while pages arrive", &all, false);
    println!(
        "  pages that reached the layer in all: {}",
        pages(&province, 0).0 + pages(&pan, shown).0
    );
    println!(
        "for comparison, the same window with no read under way: median {:.2} ms over {} frames (on a core {:.2} ms)",
        ms(median_of(idle.iter().map(Frame::wall).collect())),
        idle.len(),
        ms(median_of(idle.iter().map(|f| f.on_cpu).collect())),
    );
    Ok(())
}

/// Thirty frames of the window standing still before the layer: the floor the frames
/// while pages arrive stand on.
fn until_idle(h: &mut App, clock: Instant) -> Vec<Frame> {
    (0..30).map(|_| frame(h, clock)).collect()
}

fn main() {
    let Ok(base) = std::env::var("PGTEST_URI") else {
        println!("PostGIS frames skipped: PGTEST_URI is not set");
        return;
    };
    if let Err(e) = run(&base) {
        println!("PostGIS frames skipped: {e}");
    }
}
