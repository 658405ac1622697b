//! The printable PDF atlas, read back with poppler-utils as a delegate's viewer would:
//! pages, embedded fonts, the Vietnamese text, the map where the layout put it. poppler
//! is a test tool only (scripts/install-deps.sh); without it these tests say they were
//! skipped, and in CI they fail.

#![allow(
    clippy::expect_used,
    clippy::unwrap_used,
    reason = "the test's helpers: a failed expectation is a failed test"
)]

mod common;

use langson_atlas::atlas::{Atlas, Lang};
use langson_atlas::present::tour::Tour;
use langson_atlas::print::{self, AtlasRequest, Coverage, Fonts, Paper, PrintError};
use std::path::Path;
use std::process::Command;
use std::sync::atomic::AtomicBool;

fn request(coverage: Coverage, lang: Lang) -> AtlasRequest {
    AtlasRequest {
        coverage,
        lang,
        paper: Paper::A4,
        landscape: false,
        date: "2026-12-04".into(),
        share: None,
    }
}

fn tours() -> Vec<Tour> {
    match Tour::embedded() {
        Ok(t) => vec![t],
        Err(e) => panic!("{e}"),
    }
}

fn write(atlas: &Atlas, request: &AtlasRequest, tours: &[Tour], path: &Path) -> usize {
    let cancel = AtomicBool::new(false);
    match print::write_atlas(atlas, request, tours, &[], path, &|_, _| {}, &cancel) {
        Ok(w) => w.pages,
        Err(e) => panic!("{e}"),
    }
}

fn run(tool: &str, args: &[&str]) -> String {
    let out = match Command::new(tool).args(args).output() {
        Ok(o) => o,
        Err(e) => panic!("{tool}: {e}"),
    };
    assert!(
        out.status.success(),
        "{tool} {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// Page `page` (1-based, as text) of the PDF at `path` as a picture at `dpi`, through
/// poppler's pdftoppm, written in `dir`.
fn render_page(path: &Path, page: &str, dpi: u32, dir: &Path) -> image::RgbImage {
    let prefix = dir.join("page");
    let dpi = dpi.to_string();
    run(
        "pdftoppm",
        &[
            "-r",
            &dpi,
            "-png",
            "-singlefile",
            "-f",
            page,
            "-l",
            page,
            path.to_string_lossy().as_ref(),
            prefix.to_string_lossy().as_ref(),
        ],
    );
    image::open(dir.join("page.png"))
        .unwrap_or_else(|e| panic!("{e}"))
        .to_rgb8()
}

/// Text with every run of whitespace made one space: pdftotext breaks lines where the
/// layout did.
fn flat(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn district_names(atlas: &Atlas, lang: Lang) -> Vec<String> {
    atlas
        .features()
        .iter()
        .filter(|f| f.kind() == langson_atlas::atlas::Kind::District)
        .map(|f| lang.pick(&f.props.name_vi, &f.props.name_en).to_owned())
        .collect()
}

#[test]
fn the_district_atlas_has_a_cover_contents_and_a_page_per_district() {
    if !common::needs_tool("pdfinfo", "the_district_atlas_has_a_cover…") {
        return;
    }
    let atlas = common::atlas();
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let path = dir.path().join("atlas.pdf");
    let req = request(Coverage::Districts, Lang::Vi);
    let pages = write(&atlas, &req, &tours(), &path);
    let Ok(fonts) = Fonts::new() else {
        panic!("fonts")
    };
    let laid = print::layout(&atlas, &fonts, &req, &tours(), &[]).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(laid.sheets.len(), 11, "one sheet a district");
    assert_eq!(laid.pages.len(), pages);
    let info = run("pdfinfo", &[path.to_string_lossy().as_ref()]);
    assert!(flat(&info).contains(&format!("Pages: {pages}")), "{info}");
    assert!(info.contains("595.276 x 841.89"), "A4: {info}");
    // A bookmark for the cover, the contents and every district.
    let marks: Vec<_> = laid
        .pages
        .iter()
        .filter_map(|p| p.bookmark.as_ref())
        .collect();
    assert_eq!(marks.len(), 13, "{marks:?}");
    for (sheet, first) in &laid.sheets {
        assert_eq!(laid.pages[*first].bookmark.as_ref(), Some(&sheet.title));
    }
}

#[test]
fn every_font_is_an_embedded_subset_with_a_unicode_map() {
    if !common::needs_tool("pdffonts", "every_font_is_an_embedded_subset…") {
        return;
    }
    let atlas = common::atlas();
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let path = dir.path().join("atlas.pdf");
    write(
        &atlas,
        &request(Coverage::Districts, Lang::Vi),
        &tours(),
        &path,
    );
    let listing = run("pdffonts", &[path.to_string_lossy().as_ref()]);
    let rows: Vec<&str> = listing.lines().skip(2).collect();
    assert!(rows.len() >= 2, "regular and bold at least: {listing}");
    for row in rows {
        let cols: Vec<&str> = row.split_whitespace().collect();
        let n = cols.len();
        assert!(n >= 7, "{row}");
        assert_eq!(
            &cols[n - 5..n - 2],
            &["yes", "yes", "yes"],
            "emb sub uni: {row}"
        );
        assert!(cols[0].contains('+'), "a subset's name has a tag: {row}");
    }
}

#[test]
fn the_text_gives_back_every_district_name_and_every_quote_s_first_words() {
    if !common::needs_tool("pdftotext", "the_text_gives_back_every_district_name…") {
        return;
    }
    let atlas = common::atlas();
    let Ok(fonts) = Fonts::new() else {
        panic!("fonts")
    };
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    for lang in [Lang::Vi, Lang::En] {
        let path = dir.path().join(format!("atlas-{}.pdf", lang.code()));
        let req = request(Coverage::Districts, lang);
        write(&atlas, &req, &tours(), &path);
        let text = flat(&run("pdftotext", &[path.to_string_lossy().as_ref(), "-"]));
        for name in district_names(&atlas, lang) {
            assert!(
                text.contains(&name),
                "{name} is not in the {lang:?} PDF's text"
            );
        }
        let laid =
            print::layout(&atlas, &fonts, &req, &tours(), &[]).unwrap_or_else(|e| panic!("{e}"));
        let mut quotes = 0;
        for (sheet, _) in &laid.sheets {
            for id in print::cited_facts(&atlas, &fonts, &req, sheet) {
                let Some(fact) = atlas.facts.get(&id) else {
                    panic!("{id:?} cited but unknown");
                };
                let start: Vec<&str> = fact.quote.split_whitespace().take(3).collect();
                let start = start.join(" ");
                assert!(
                    text.contains(&start),
                    "“{start}…” ({id:?}) is not in the text"
                );
                quotes += 1;
            }
        }
        assert!(quotes > 20, "only {quotes} quotes cited");
    }
}

#[test]
fn decomposed_vietnamese_and_chinese_names_come_back_as_letters() {
    if !common::needs_tool("pdftotext", "decomposed_vietnamese_and_chinese…") {
        return;
    }
    let atlas = common::atlas();
    let mut tour = tours().remove(0);
    tour.name = "Hội nghị".into();
    tour.steps.truncate(1);
    // "Lạng Sơn – Đồng Đăng" typed with combining marks (Unikey's "Unicode tổ hợp").
    tour.steps[0].title_vi =
        "La\u{323}ng So\u{31b}n \u{2013} \u{110}o\u{302}\u{300}ng \u{110}a\u{306}ng".into();
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let path = dir.path().join("tour.pdf");
    let req = request(Coverage::Tour(Some("Hội nghị".into())), Lang::Vi);
    write(&atlas, &req, &[tours().remove(0), tour], &path);
    let text = run("pdftotext", &[path.to_string_lossy().as_ref(), "-"]);
    assert!(
        text.contains("Lạng Sơn – Đồng Đăng"),
        "composed letters: {text}"
    );
    // Tràng Định's page names Bình Nghi's Chinese counterpart, in Han characters.
    let path = dir.path().join("districts.pdf");
    write(
        &atlas,
        &request(Coverage::Districts, Lang::Vi),
        &tours(),
        &path,
    );
    let text = run("pdftotext", &[path.to_string_lossy().as_ref(), "-"]);
    assert!(
        text.contains("平而关"),
        "the Chinese name of Bình Nghi's pair"
    );
}

#[test]
fn a_district_page_is_not_blank_and_its_map_is_where_the_layout_put_it() {
    if !common::needs_tool("pdftoppm", "a_district_page_is_not_blank…") {
        return;
    }
    let atlas = common::atlas();
    let Ok(fonts) = Fonts::new() else {
        panic!("fonts")
    };
    let req = request(Coverage::Districts, Lang::Vi);
    let laid = print::layout(&atlas, &fonts, &req, &tours(), &[]).unwrap_or_else(|e| panic!("{e}"));
    let (sheet, first) = &laid.sheets[0];
    let Some(map) = laid.pages[*first].map else {
        panic!("{} has no map", sheet.title)
    };
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let path = dir.path().join("atlas.pdf");
    write(&atlas, &req, &tours(), &path);
    let page = (first + 1).to_string();
    let image = render_page(&path, &page, 36, dir.path());
    // 36 dpi: half a pixel a point.
    let px = |v: f32| (v * 0.5) as u32;
    let inked = |x0: u32, y0: u32, x1: u32, y1: u32| {
        let mut n = 0;
        let mut all = 0;
        for y in y0..y1.min(image.height()) {
            for x in x0..x1.min(image.width()) {
                all += 1;
                if image.get_pixel(x, y).0.iter().any(|c| *c < 240) {
                    n += 1;
                }
            }
        }
        n as f32 / all.max(1) as f32
    };
    let inside = inked(
        px(map.x) + 2,
        px(map.y) + 2,
        px(map.right()) - 2,
        px(map.bottom()) - 2,
    );
    assert!(
        inside > 0.6,
        "the map frame is {:.0}% inked",
        inside * 100.0
    );
    // The margin left of the map is paper.
    let margin = inked(0, px(map.y), px(map.x) - 2, px(map.bottom()));
    assert!(margin < 0.01, "the margin is {:.0}% inked", margin * 100.0);
}

#[test]
fn a_cancelled_or_failed_export_leaves_nothing_under_the_chosen_name() {
    let atlas = common::atlas();
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let path = dir.path().join("atlas.pdf");
    let cancel = AtomicBool::new(false);
    let req = request(Coverage::Zones, Lang::Vi);
    // Cancelled as the third page is written.
    let stop = |done: usize, _: usize| {
        if done == 2 {
            cancel.store(true, std::sync::atomic::Ordering::Relaxed);
        }
    };
    let result = print::write_atlas(&atlas, &req, &tours(), &[], &path, &stop, &cancel);
    assert!(
        matches!(result, Err(PrintError::Pdf(print::PdfError::Cancelled))),
        "{:?}",
        result.err()
    );
    assert!(!path.exists());
    assert_eq!(
        std::fs::read_dir(dir.path())
            .map(Iterator::count)
            .unwrap_or(1),
        0,
        "no temporary file left"
    );
    let nowhere = dir.path().join("missing-folder").join("atlas.pdf");
    let cancel = AtomicBool::new(false);
    match print::write_atlas(&atlas, &req, &tours(), &[], &nowhere, &|_, _| {}, &cancel) {
        Err(PrintError::File { path, .. }) => assert!(path.contains("missing-folder"), "{path}"),
        other => panic!("{:?}", other.map(|w| w.pages)),
    }
    let unknown = request(Coverage::Tour(Some("Không có".into())), Lang::Vi);
    match print::write_atlas(&atlas, &unknown, &tours(), &[], &path, &|_, _| {}, &cancel) {
        Err(e) => assert!(e.to_string().contains("Không có"), "{e}"),
        Ok(_) => panic!("a tour that does not exist was printed"),
    }
}

#[test]
fn the_pdf_verb_writes_the_atlas_headless_and_refuses_unknown_pages() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let path = dir.path().join("zones.pdf");
    let bin = env!("CARGO_BIN_EXE_langson-atlas");
    let out = Command::new(bin)
        .args([
            "pdf",
            path.to_string_lossy().as_ref(),
            "--pages",
            "zones",
            "--lang",
            "en",
            "--paper",
            "A3",
            "--landscape",
        ])
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        String::from_utf8_lossy(&out.stdout).contains("5 pages"),
        "cover, contents, 3 zones"
    );
    assert!(path.exists());
    let bad = Command::new(bin)
        .args(["pdf", "x.pdf", "--pages", "provinces"])
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(!bad.status.success());
    assert!(
        String::from_utf8_lossy(&bad.stderr).contains("provinces: pages are"),
        "{}",
        String::from_utf8_lossy(&bad.stderr)
    );
}

/// A reader's layer of two parcels categorised by use: one inside the first district's
/// page, one far off it (the map of that page never shows it).
fn parcels_layer(dir: &Path, inside: (geo::Coord, geo::Coord)) -> print::PrintLayer {
    use langson_atlas::layers::style::{self, Paint, Style};
    use langson_atlas::sources::{self, Progress, Request};
    let (a, b) = inside;
    let (cx, cy) = ((a.x + b.x) / 2.0, (a.y + b.y) / 2.0);
    let (dx, dy) = ((b.x - a.x) * 0.15, (b.y - a.y) * 0.15);
    let square = |x: f64, y: f64, w: f64, h: f64| {
        format!(
            "[[[{},{}],[{},{}],[{},{}],[{},{}],[{},{}]]]",
            x - w,
            y - h,
            x + w,
            y - h,
            x + w,
            y + h,
            x - w,
            y + h,
            x - w,
            y - h
        )
    };
    let text = format!(
        r#"{{"type":"FeatureCollection","features":[
{{"type":"Feature","properties":{{"dung":"Đất ở"}},"geometry":{{"type":"Polygon","coordinates":{}}}}},
{{"type":"Feature","properties":{{"dung":"Rừng phòng hộ"}},"geometry":{{"type":"Polygon","coordinates":{}}}}}]}}"#,
        square(cx, cy, dx, dy),
        square(104.0, 10.0, 0.1, 0.1)
    );
    let path = dir.join("thua.geojson");
    std::fs::write(&path, text).expect("written");
    let data =
        sources::open_request(&path, &Request::default(), &Progress::default()).expect("read");
    let style = Style {
        paint: Paint::Categorised {
            field: "dung".to_owned(),
        },
        ..Style::single(0)
    };
    let painted = style::paint(&style, &data);
    print::PrintLayer {
        key: "thua".into(),
        name: "Thửa".into(),
        data: std::sync::Arc::new(data),
        colours: painted.colours,
        legend: painted.legend,
        line_width: style.line_width,
        point_size: style.point_size,
        opacity: 1.0,
    }
}

#[test]
fn the_reader_s_categorised_layer_shows_on_the_map_in_its_colours_and_its_legend_lists_what_is_drawn()
 {
    if !common::needs_tool("pdftoppm", "the_reader_s_categorised_layer…") {
        return;
    }
    let atlas = common::atlas();
    let Ok(fonts) = Fonts::new() else {
        panic!("fonts")
    };
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let req = request(Coverage::Districts, Lang::Vi);
    let plain =
        print::layout(&atlas, &fonts, &req, &tours(), &[]).unwrap_or_else(|e| panic!("{e}"));
    let (sheet, first) = &plain.sheets[0];
    let layer = parcels_layer(dir.path(), sheet.bounds);
    let [r, g, b] = layer.colours[0];
    let layers = [layer];
    let laid =
        print::layout(&atlas, &fonts, &req, &tours(), &layers).unwrap_or_else(|e| panic!("{e}"));
    let Some(map) = laid.pages[*first].map else {
        panic!("{} has no map", sheet.title)
    };
    let path = dir.path().join("atlas.pdf");
    let cancel = AtomicBool::new(false);
    print::write_atlas(&atlas, &req, &tours(), &layers, &path, &|_, _| {}, &cancel)
        .unwrap_or_else(|e| panic!("{e}"));
    let page = (first + 1).to_string();
    // The legend names the category drawn on the page, not the one off it.
    let text = flat(&run(
        "pdftotext",
        &[
            "-f",
            &page,
            "-l",
            &page,
            path.to_string_lossy().as_ref(),
            "-",
        ],
    ));
    assert!(text.contains("Thửa: Đất ở"), "{text}");
    assert!(!text.contains("Rừng phòng hộ"), "{text}");
    // The parcel's fill, as the print draws a reader's area (its colour lightened), is on
    // the map: the plan's zone fills do not cover it.
    let image = render_page(&path, &page, 72, dir.path());
    let mix = |c: u8| (f32::from(c) + (255.0 - f32::from(c)) * 0.35).round() as i32;
    let fill = [mix(r), mix(g), mix(b)];
    let mut matching = 0;
    for y in map.y as u32..(map.bottom() as u32).min(image.height()) {
        for x in map.x as u32..(map.right() as u32).min(image.width()) {
            let p = image.get_pixel(x, y).0;
            if (0..3).all(|i| (i32::from(p[i]) - fill[i]).abs() <= 6) {
                matching += 1;
            }
        }
    }
    assert!(
        matching > 100,
        "the parcel's fill {fill:?} shows on {matching} pixels of the map"
    );
}
