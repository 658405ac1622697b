//! The web atlas's QR codes read back as a phone reads them: the PDF's pages rendered by
//! poppler's pdftoppm, the video's end card taken out by ffmpeg, each decoded by rqrr to
//! the address given (`--url`) or the page's deep link. Without those tools the tests say
//! they were skipped; in CI they fail.

#![allow(
    clippy::expect_used,
    clippy::unwrap_used,
    reason = "the test's helpers: a failed expectation is a failed test"
)]

mod common;

use egui_kittest::kittest::Queryable;
use langson_atlas::atlas::share::ShareUrl;
use langson_atlas::atlas::{FeatureId, Lang};
use langson_atlas::export::Gpu;
use langson_atlas::present::tour::Tour;
use langson_atlas::print::{self, AtlasRequest, Coverage, Fonts, Op, Paper, Share};
use langson_atlas::video::{self, VideoRequest};
use std::path::Path;
use std::process::Command;
use std::sync::Arc;
use std::sync::atomic::AtomicBool;

const SITE: &str = "https://atlas.langson.gov.vn/quy-hoach-2021-2030/";

fn share() -> Share {
    Share {
        url: ShareUrl::parse(SITE).expect("a web address"),
        tour: None,
    }
}

fn request(coverage: Coverage, lang: Lang) -> AtlasRequest {
    AtlasRequest {
        coverage,
        lang,
        paper: Paper::A4,
        landscape: false,
        date: "2026-12-07".into(),
        share: Some(share()),
    }
}

/// Every QR code rqrr finds in `image`.
fn decode(image: &image::GrayImage) -> Vec<String> {
    let (w, h) = (image.width() as usize, image.height() as usize);
    let mut prepared = rqrr::PreparedImage::prepare_from_greyscale(w, h, |x, y| {
        image.get_pixel(x as u32, y as u32).0[0]
    });
    prepared
        .detect_grids()
        .into_iter()
        .filter_map(|g| g.decode().ok().map(|(_, text)| text))
        .collect()
}

/// The code on page `page` (0-based) of the PDF at `path`, framed as a phone frames it:
/// the page rendered in grey at 400 dpi by pdftoppm, cut to the code's square (its first
/// link) and a margin. rqrr finds codes less surely than a phone's reader when their
/// modules are a few pixels wide or the page around them is busy, so it is given both.
fn decode_page(path: &Path, laid: &print::Laid, page: usize, dir: &Path) -> Vec<String> {
    let Some(code) = laid.pages[page].ops.iter().find_map(|op| {
        if let Op::Uri { rect, .. } = op {
            Some(*rect)
        } else {
            None
        }
    }) else {
        panic!("page {} has no code", page + 1);
    };
    let dpi = 400.0;
    let prefix = dir.join(format!("page-{page}"));
    let number = (page + 1).to_string();
    let out = Command::new("pdftoppm")
        .args(["-r", "400", "-gray", "-png", "-singlefile"])
        .args(["-f", &number, "-l", &number])
        .arg(path)
        .arg(&prefix)
        .output()
        .expect("pdftoppm runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let image = image::open(prefix.with_extension("png"))
        .expect("the rendered page")
        .to_luma8();
    let px = |pt: f32| (pt * dpi / 72.0).max(0.0) as u32;
    let margin = 10.0;
    let framed = image::imageops::crop_imm(
        &image,
        px(code.x - margin),
        px(code.y - margin),
        px(code.w + 2.0 * margin),
        px(code.h + 2.0 * margin),
    )
    .to_image();
    decode(&framed)
}

fn write(request: &AtlasRequest, tours: &[Tour], path: &Path) -> print::Laid {
    let atlas = common::atlas();
    let fonts = Fonts::new().expect("fonts");
    let laid = print::layout(&atlas, &fonts, request, tours, &[]).expect("laid out");
    print::write_atlas(
        &atlas,
        request,
        tours,
        &[],
        path,
        &|_, _| {},
        &AtomicBool::new(false),
    )
    .expect("written");
    laid
}

/// The web links a page's QR code (and the address beside it) carry.
fn uris(page: &print::Page) -> Vec<&str> {
    page.ops
        .iter()
        .filter_map(|op| {
            if let Op::Uri { uri, .. } = op {
                Some(uri.as_str())
            } else {
                None
            }
        })
        .collect()
}

#[test]
fn the_cover_s_code_opens_the_site_and_a_district_page_s_opens_its_district() {
    let dir = tempfile::tempdir().expect("temp");
    let path = dir.path().join("atlas.pdf");
    let laid = write(&request(Coverage::Districts, Lang::Vi), &[], &path);
    assert!(uris(&laid.pages[0]).iter().all(|u| *u == SITE));
    assert!(
        !uris(&laid.pages[0]).is_empty(),
        "the cover's code is a link"
    );
    let (sheet, first) = &laid.sheets[0];
    let Some(district) = &sheet.figures_of else {
        panic!("a district page gives its district's figures");
    };
    let deep = format!("{SITE}#f={district}&lang=vi");
    assert!(uris(&laid.pages[*first]).contains(&deep.as_str()));
    let text = laid.pages[*first].texts().collect::<String>();
    assert!(text.contains("#f="), "the link is printed beside the code");
    if !common::needs_tool("pdftoppm", "the_cover_s_code_opens_the_site…") {
        return;
    }
    assert_eq!(decode_page(&path, &laid, 0, dir.path()), vec![SITE]);
    assert_eq!(decode_page(&path, &laid, *first, dir.path()), vec![deep]);
}

#[test]
fn an_english_zone_atlas_links_in_english_and_a_tour_s_pages_open_their_step() {
    let dir = tempfile::tempdir().expect("temp");
    let path = dir.path().join("zones.pdf");
    let zones = write(&request(Coverage::Zones, Lang::En), &[], &path);
    let laid = &zones;
    let (sheet, first) = &laid.sheets[1];
    let zone = sheet.figures_of.clone().unwrap_or(FeatureId::new("?"));
    let deep = format!("{SITE}#f={zone}&lang=en");
    assert!(uris(&laid.pages[0]).contains(&format!("{SITE}#lang=en").as_str()));
    assert!(uris(&laid.pages[*first]).contains(&deep.as_str()));
    // A tour's step 2 opens tour 1 at step 2 on the web page.
    let tours = vec![Tour::embedded().expect("the built-in tour")];
    let tour_pdf = dir.path().join("tour.pdf");
    let toured = write(&request(Coverage::Tour(None), Lang::Vi), &tours, &tour_pdf);
    let (_, second) = &toured.sheets[1];
    let step = format!("{SITE}#tour=1&step=2&lang=vi");
    assert!(uris(&toured.pages[*second]).contains(&step.as_str()));
    // The window prints one tour alone and says which it is on the web page.
    let mut numbered = request(Coverage::Tour(None), Lang::Vi);
    numbered.share = Some(Share {
        tour: Some(3),
        ..share()
    });
    let fonts = Fonts::new().expect("fonts");
    let laid = print::layout(&common::atlas(), &fonts, &numbered, &tours, &[]).expect("laid");
    let (_, first) = &laid.sheets[0];
    assert!(uris(&laid.pages[*first]).contains(&format!("{SITE}#tour=3&step=1&lang=vi").as_str()));
    if !common::needs_tool("pdftoppm", "an_english_zone_atlas_links_in_english…") {
        return;
    }
    assert_eq!(
        decode_page(&path, &zones, 0, dir.path()),
        vec![format!("{SITE}#lang=en")]
    );
    assert_eq!(
        decode_page(&tour_pdf, &toured, *second, dir.path()),
        vec![step]
    );
}

#[test]
fn without_an_address_no_page_has_a_code() {
    let fonts = Fonts::new().expect("fonts");
    let mut plain = request(Coverage::Districts, Lang::Vi);
    plain.share = None;
    let laid = print::layout(&common::atlas(), &fonts, &plain, &[], &[]).expect("laid");
    assert!(laid.pages.iter().all(|p| uris(p).is_empty()));
}

#[test]
fn the_video_s_end_card_shows_the_site_s_code() {
    if !common::needs_tool("ffmpeg", "the_video_s_end_card_shows_the_site_s_code") {
        return;
    }
    let dir = tempfile::tempdir().expect("temp");
    let path = dir.path().join("tour.mp4");
    let mut tour = Tour::embedded().expect("the built-in tour");
    tour.steps.truncate(1);
    tour.steps[0].seconds = Some(0.4);
    let request = VideoRequest {
        tour,
        lang: Lang::En,
        size: [1280, 720],
        fps: 25,
        user: None,
        cards: (0.2, 1.0),
        url: Some(ShareUrl::parse(SITE).expect("a web address")),
    };
    let gpu = Gpu::headless().expect("a graphics adapter (scripts/install-deps.sh installs Mesa)");
    video::record(
        &gpu,
        Arc::new(common::atlas()),
        &request,
        &path,
        &|_, _| {},
        &AtomicBool::new(false),
    )
    .expect("recorded");
    let png = dir.path().join("end.png");
    let out = Command::new("ffmpeg")
        .args(["-v", "error", "-y", "-ss", "1.3", "-i"])
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
    let frame = image::open(&png).expect("a frame").to_luma8();
    assert_eq!(decode(&frame), vec![format!("{SITE}#lang=en")]);
}

#[test]
fn presentation_mode_ends_on_a_share_screen_whose_code_opens_the_site() {
    use langson_atlas::present::Command;
    use langson_atlas::state::Action;
    use langson_atlas::state::publish::PublishAction;
    let mut h = common::harness();
    h.state_mut().apply(Action::StartPresentation);
    h.state_mut().apply(Action::Tour(Command::Last));
    h.state_mut().apply(Action::Tour(Command::Next));
    h.run_steps(3);
    let sharing = |h: &egui_kittest::Harness<'_, langson_atlas::AtlasApp>| {
        h.state()
            .presenter
            .presentation()
            .is_some_and(|p| p.sharing)
    };
    assert!(!sharing(&h), "no address, no share screen");
    h.state_mut()
        .apply(Action::Publish(PublishAction::Url(format!("  {SITE} "))));
    h.key_press(egui::Key::PageDown);
    h.run_steps(3);
    assert!(sharing(&h), "the step after the last shares the atlas");
    h.get_by_label("Mở tập bản đồ trên điện thoại");
    h.get_by_label(SITE);
    let image = h.render().expect("renders");
    let grey = image::DynamicImage::ImageRgba8(image).to_luma8();
    assert_eq!(decode(&grey), vec![SITE]);
    h.key_press(egui::Key::PageUp);
    h.run_steps(3);
    assert!(!sharing(&h), "back to the last step");
    assert!(h.state().presenter.presentation().is_some());
}

#[test]
fn the_pdf_verb_takes_the_project_s_address_and_refuses_one_with_a_fragment() {
    use langson_atlas::project::{self, Project};
    let dir = tempfile::tempdir().expect("temp");
    let saved = dir.path().join("hoi-nghi.lsatlas");
    let project = Project {
        web_url: Some(SITE.to_owned()),
        ..Project::default()
    };
    project::write(&saved, &project, None).expect("the project is written");
    let bin = env!("CARGO_BIN_EXE_langson-atlas");
    let out = dir.path().join("zones.pdf");
    let made = Command::new(bin)
        .arg("pdf")
        .arg(&out)
        .args(["--pages", "zones", "--project"])
        .arg(&saved)
        .output()
        .expect("the verb runs");
    assert!(
        made.status.success(),
        "{}",
        String::from_utf8_lossy(&made.stderr)
    );
    let bad = Command::new(bin)
        .arg("pdf")
        .arg(dir.path().join("bad.pdf"))
        .args(["--url", "https://example.org/#f=huu_nghi"])
        .output()
        .expect("the verb runs");
    assert!(!bad.status.success());
    let said = String::from_utf8_lossy(&bad.stderr);
    assert!(said.contains("already has a fragment"), "{said}");
    if !common::needs_tool("pdftotext", "the_pdf_verb_takes_the_project_s_address…") {
        return;
    }
    let text = Command::new("pdftotext")
        .args(["-f", "1", "-l", "1"])
        .arg(&out)
        .arg("-")
        .output()
        .expect("pdftotext runs");
    let words: String = String::from_utf8_lossy(&text.stdout)
        .split_whitespace()
        .collect();
    assert!(
        words.contains(SITE),
        "the cover prints the address: {words}"
    );
}

#[test]
fn a_wrong_address_given_to_the_window_is_said_at_start() {
    let options = langson_atlas::Options {
        offline: true,
        url: Some("https://example.org/atlas/#f=huu_nghi".to_owned()),
        ..langson_atlas::Options::default()
    };
    let mut h = egui_kittest::Harness::builder()
        .with_size(egui::vec2(1400.0, 900.0))
        .with_theme(egui::Theme::Light)
        .with_context_setup(langson_atlas::theme::fonts::install)
        .build_eframe(move |cc| langson_atlas::AtlasApp::new(&cc.egui_ctx, options, None));
    h.run_steps(2);
    let said = h.state().data_errors.join("\n");
    assert!(said.contains("--url") && said.contains("#…"), "{said}");
}
