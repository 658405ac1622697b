//! The tour as an MP4 video, read back by ffmpeg as a conference PC's player would: it
//! decodes without an error, at the asked size and rate, for the cards and every step's
//! seconds. Rendered on a headless GPU (Mesa's software one in CI). ffmpeg is a test tool
//! only (scripts/install-deps.sh); without it these tests say they were skipped.

#![allow(
    clippy::expect_used,
    clippy::unwrap_used,
    reason = "the test's helpers: a failed expectation is a failed test"
)]

mod common;

use langson_atlas::atlas::Lang;
use langson_atlas::export::Gpu;
use langson_atlas::present::tour::Tour;
use langson_atlas::video::{self, VideoError, VideoRequest};
use std::process::Command;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

fn gpu() -> Gpu {
    Gpu::headless().expect("a graphics adapter (scripts/install-deps.sh installs Mesa)")
}

/// The built-in tour's first two steps, shortened: a test video of a few seconds.
fn short_tour(seconds: [f32; 2]) -> Tour {
    let mut tour = Tour::embedded().expect("the built-in tour");
    tour.steps.truncate(2);
    for (step, s) in tour.steps.iter_mut().zip(seconds) {
        step.seconds = Some(s);
    }
    tour
}

fn request(size: [u32; 2], fps: u32) -> VideoRequest {
    VideoRequest {
        tour: short_tour([1.6, 1.2]),
        lang: Lang::Vi,
        size,
        fps,
        user: None,
        cards: (0.6, 0.8),
        url: None,
    }
}

fn probe(path: &std::path::Path, entries: &str) -> String {
    let out = Command::new("ffprobe")
        .args([
            "-v",
            "error",
            "-select_streams",
            "v:0",
            "-count_frames",
            "-show_entries",
        ])
        .arg(format!("stream={entries}"))
        .args(["-of", "default=noprint_wrappers=1"])
        .arg(path)
        .output()
        .expect("ffprobe runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn field<'a>(text: &'a str, name: &str) -> &'a str {
    text.lines()
        .find_map(|l| l.strip_prefix(&format!("{name}=")))
        .unwrap_or_else(|| panic!("{name} not in {text}"))
}

#[test]
fn a_tour_video_decodes_at_its_size_and_rate_for_the_cards_and_every_step() {
    if !common::needs_tool("ffmpeg", "a_tour_video_decodes…") {
        return;
    }
    let dir = tempfile::tempdir().expect("temp");
    let path = dir.path().join("tour.mp4");
    let req = request([1280, 720], 25);
    let progress = std::sync::Mutex::new(Vec::new());
    let recorded = video::record(
        &gpu(),
        Arc::new(common::atlas()),
        &req,
        &path,
        &|done, total| progress.lock().expect("lock").push((done, total)),
        &AtomicBool::new(false),
    )
    .expect("recorded");
    let seconds = 0.6 + 1.6 + 1.2 + 0.8;
    assert_eq!(recorded.frames, (seconds * 25.0_f64).round() as u64);
    let heard = progress.lock().expect("lock");
    assert_eq!(
        heard.last(),
        Some(&(recorded.frames, recorded.frames)),
        "progress ends at the end"
    );
    let decode = Command::new("ffmpeg")
        .args(["-v", "error", "-i"])
        .arg(&path)
        .args(["-f", "null", "-"])
        .output()
        .expect("ffmpeg runs");
    assert!(decode.status.success());
    assert_eq!(
        String::from_utf8_lossy(&decode.stderr),
        "",
        "decoding reports no error"
    );
    let info = probe(
        &path,
        "width,height,r_frame_rate,nb_read_frames,duration,codec_name",
    );
    assert_eq!(field(&info, "codec_name"), "h264");
    assert_eq!(field(&info, "width"), "1280");
    assert_eq!(field(&info, "height"), "720");
    assert_eq!(field(&info, "r_frame_rate"), "25/1");
    assert_eq!(field(&info, "nb_read_frames"), recorded.frames.to_string());
    let duration: f64 = field(&info, "duration").parse().expect("a number");
    assert!(
        (duration - seconds).abs() <= 1.0 / 25.0 + 1e-6,
        "{duration} s, not {seconds} s"
    );
}

#[test]
fn a_frame_shows_the_map_under_the_step_s_caption() {
    if !common::needs_tool("ffmpeg", "a_frame_shows_the_map…") {
        return;
    }
    let dir = tempfile::tempdir().expect("temp");
    let path = dir.path().join("tour.mp4");
    let mut req = request([640, 360], 30);
    req.tour.steps.truncate(1);
    video::record(
        &gpu(),
        Arc::new(common::atlas()),
        &req,
        &path,
        &|_, _| {},
        &AtomicBool::new(false),
    )
    .expect("recorded");
    // A frame in the middle of the step: the caption band is dark, the map above it light.
    let png = dir.path().join("frame.png");
    let out = Command::new("ffmpeg")
        .args(["-v", "error", "-y", "-ss", "1.4", "-i"])
        .arg(&path)
        .args(["-frames:v", "1"])
        .arg(&png)
        .output()
        .expect("ffmpeg runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let image = image::open(&png).expect("a frame").to_rgb8();
    let mean = |y0: u32, y1: u32| {
        let mut sum = 0u64;
        let mut n = 0u64;
        for y in y0..y1 {
            for x in 0..image.width() {
                sum += image
                    .get_pixel(x, y)
                    .0
                    .iter()
                    .map(|c| u64::from(*c))
                    .sum::<u64>()
                    / 3;
                n += 1;
            }
        }
        sum / n.max(1)
    };
    let map = mean(20, 150);
    let band = mean(340, 358);
    assert!(map > 150, "the map is light ({map})");
    assert!(band < 80, "the caption band is dark ({band})");
}

#[test]
fn a_cancelled_video_leaves_nothing_under_the_chosen_name() {
    let dir = tempfile::tempdir().expect("temp");
    let path = dir.path().join("tour.mp4");
    let cancel = AtomicBool::new(false);
    let result = video::record(
        &gpu(),
        Arc::new(common::atlas()),
        &request([640, 360], 25),
        &path,
        &|done, _| {
            if done == 10 {
                cancel.store(true, Ordering::Relaxed);
            }
        },
        &cancel,
    );
    assert!(
        matches!(result, Err(VideoError::Cancelled)),
        "{:?}",
        result.err()
    );
    assert!(!path.exists());
    assert_eq!(
        std::fs::read_dir(dir.path())
            .map(Iterator::count)
            .unwrap_or(1),
        0,
        "no part file left"
    );
}

#[test]
fn odd_sizes_unknown_rates_and_empty_tours_are_refused_in_words() {
    let atlas = Arc::new(common::atlas());
    let dir = tempfile::tempdir().expect("temp");
    let path = dir.path().join("x.mp4");
    let never = AtomicBool::new(false);
    let odd = video::record(
        &gpu(),
        atlas.clone(),
        &request([1281, 720], 25),
        &path,
        &|_, _| {},
        &never,
    );
    assert!(
        matches!(odd, Err(VideoError::Size { w: 1281, .. })),
        "{:?}",
        odd.err()
    );
    let rate = video::record(
        &gpu(),
        atlas.clone(),
        &request([1280, 720], 24),
        &path,
        &|_, _| {},
        &never,
    );
    assert!(
        rate.err()
            .is_some_and(|e| e.to_string().contains("25, 30 or 60"))
    );
    let mut empty = request([1280, 720], 25);
    empty.tour.steps.clear();
    let empty = video::record(&gpu(), atlas, &empty, &path, &|_, _| {}, &never);
    assert!(matches!(empty, Err(VideoError::EmptyTour)));
    assert!(!path.exists());
    assert_eq!(video::parse_size("1920x1080"), Some([1920, 1080]));
    assert_eq!(video::parse_size("big"), None);
}
