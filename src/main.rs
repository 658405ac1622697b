//! Command line and start-up.

use clap::{Parser, Subcommand, ValueEnum};
use langson_atlas::app::{AtlasApp, Options, stored_settings};
use langson_atlas::atlas::Lang;
use langson_atlas::atlas::share::{ShareUrl, ShareUrlError};
use langson_atlas::cli;
use langson_atlas::export::Gpu;
use langson_atlas::map::basemap::{health, http};
use langson_atlas::print;
use langson_atlas::sources::Request;
use langson_atlas::theme::fonts;
use langson_atlas::video;
use langson_atlas::web;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Clone, Copy, ValueEnum)]
enum LangArg {
    Vi,
    En,
}

/// Desktop viewer of the Lạng Sơn provincial plan 2021–2030.
#[derive(Parser)]
#[command(version, about)]
struct Cli {
    /// Never contact a tile server; only the built-in offline basemap.
    #[arg(long)]
    offline: bool,
    /// Offer a PMTiles archive (PNG, JPEG, WebP or MVT vector tiles) as a basemap: a file, or
    /// an https:// URL read by HTTP range requests.
    #[arg(long, value_name = "FILE.pmtiles|URL")]
    basemap: Option<PathBuf>,
    /// Interface language (default: the last one used, else Vietnamese).
    #[arg(long, value_enum)]
    lang: Option<LangArg>,
    /// Read the plan layers from this folder instead of the built-in copy.
    #[arg(long, value_name = "DIR")]
    geodata: Option<PathBuf>,
    /// Start in presentation mode (full screen, the guided tour; Esc leaves it).
    #[arg(long)]
    present: bool,
    /// Offer an XYZ tile server as a basemap, e.g. "https://tiles.example/{z}/{x}/{y}.png".
    #[arg(long, value_name = "URL")]
    tiles: Option<String>,
    /// Open this file as a layer of your own (repeatable): GeoJSON, Shapefile, KML/KMZ,
    /// CSV, GeoPackage, FlatGeobuf.
    #[arg(long = "layer", value_name = "FILE")]
    layers: Vec<PathBuf>,
    /// Open this project (.lsatlas): its layers, view, tours and settings.
    #[arg(long, value_name = "FILE.lsatlas")]
    project: Option<PathBuf>,
    /// Where the atlas is published as a web page (https://…): presentation mode ends on a
    /// share screen with its QR code, and the PDF and the video carry it.
    #[arg(long, value_name = "URL")]
    url: Option<String>,
    #[command(subcommand)]
    verb: Option<Verb>,
}

/// Headless verbs: no window opens.
#[derive(Subcommand)]
enum Verb {
    /// Print what the atlas understands of a layer file, as JSON: format, CRS, features,
    /// geometry types, fields, WGS 84 bounds, vertices, warnings.
    Info {
        file: PathBuf,
        /// The columns of a CSV/TSV that hold the geometry, when their names are not known:
        /// "LON,LAT" (or "X,Y"), or the name of a WKT column.
        #[arg(long, value_name = "LON,LAT")]
        columns: Option<String>,
        /// Which layer of a file that holds several (a GeoPackage's feature table).
        #[arg(long, value_name = "NAME")]
        layer_name: Option<String>,
        /// The file's coordinate system when it names none (EPSG:9215, or a PROJ string).
        #[arg(long)]
        crs: Option<String>,
    },
    /// Write the printable atlas: a cover, a table of contents, and a page per district,
    /// zone, 2025 commune or tour step, each with its map, legend, figures and sources.
    Pdf {
        out: PathBuf,
        /// Take the tours and visible layers of this project.
        #[arg(long, value_name = "FILE.lsatlas")]
        project: Option<PathBuf>,
        /// districts, zones, units-2025, tour (the project's first tour, else the built-in
        /// one) or tour:NAME ("built-in" for the built-in one).
        #[arg(long, default_value = "districts")]
        pages: String,
        #[arg(long, value_enum, default_value = "vi")]
        lang: LangArg,
        /// A4 or A3.
        #[arg(long, default_value = "A4")]
        paper: String,
        #[arg(long)]
        landscape: bool,
        /// Where the atlas will be published as a web page (https://…): the cover and each
        /// page carry a QR code of it, a page's code opening its feature.
        #[arg(long, value_name = "URL")]
        url: Option<String>,
    },
    /// Record a tour as an MP4 video (H.264): a title card, each step for its seconds with
    /// its caption, an end card with the sources.
    Video {
        out: PathBuf,
        /// Take the tours and layers of this project.
        #[arg(long, value_name = "FILE.lsatlas")]
        project: Option<PathBuf>,
        /// The tour of this name ("built-in" for the built-in one; default: the project's
        /// first tour, else the built-in one).
        #[arg(long)]
        tour: Option<String>,
        /// 1280x720, 1920x1080 or 3840x2160.
        #[arg(long, default_value = "1920x1080")]
        size: String,
        /// 25, 30 or 60.
        #[arg(long, default_value_t = 30)]
        fps: u32,
        #[arg(long, value_enum, default_value = "vi")]
        lang: LangArg,
        /// Where the atlas will be published as a web page (https://…): the end card shows
        /// its QR code and address.
        #[arg(long, value_name = "URL")]
        url: Option<String>,
    },
    /// Write the atlas as a web page: a folder whose index.html opens from the file system
    /// (double-clicked, from a USB stick) or from any static web server, with the map, the
    /// facts and their sources, the tours, and the project's visible layers.
    Web {
        out: PathBuf,
        /// Take the tours and visible layers of this project.
        #[arg(long, value_name = "FILE.lsatlas")]
        project: Option<PathBuf>,
        /// The language the page opens in (the reader can switch).
        #[arg(long, value_enum, default_value = "vi")]
        lang: LangArg,
        /// Where the folder will be published (https://...): the panel gives the address of
        /// what it shows (default: the project's own address).
        #[arg(long, value_name = "URL")]
        url: Option<String>,
    },
    /// Write a layer file reprojected to WGS 84 as GeoJSON.
    Convert {
        file: PathBuf,
        out: PathBuf,
        /// The columns of a CSV/TSV that hold the geometry, when their names are not known:
        /// "LON,LAT" (or "X,Y"), or the name of a WKT column.
        #[arg(long, value_name = "LON,LAT")]
        columns: Option<String>,
        /// Which layer of a file that holds several (a GeoPackage's feature table).
        #[arg(long, value_name = "NAME")]
        layer_name: Option<String>,
        /// The file's coordinate system when it names none (EPSG:9215, or a PROJ string).
        #[arg(long)]
        crs: Option<String>,
    },
}

fn headless(verb: Verb) -> ExitCode {
    let request = |layer: Option<String>, columns: Option<String>, crs: Option<String>| {
        Ok::<_, String>(Request {
            layer,
            columns: columns.as_deref().map(cli::parse_columns),
            crs: crs
                .map(|t| cli::parse_crs(&t))
                .transpose()
                .map_err(|e| e.to_string())?,
        })
    };
    let result = match verb {
        Verb::Info {
            file,
            columns,
            layer_name,
            crs,
        } => request(layer_name, columns, crs)
            .and_then(|r| cli::info(&file, &r).map_err(|e| e.to_string())),
        Verb::Convert {
            file,
            out,
            columns,
            layer_name,
            crs,
        } => request(layer_name, columns, crs)
            .and_then(|r| cli::convert(&file, &r, &out).map_err(|e| e.to_string())),
        Verb::Pdf {
            out,
            project,
            pages,
            lang,
            paper,
            landscape,
            url,
        } => pdf(
            out,
            project,
            &pages,
            lang,
            (&paper, landscape),
            url.as_deref(),
        )
        .map_err(|e| e.to_string()),
        Verb::Web {
            out,
            project,
            lang,
            url,
        } => web(out, project, lang, url).map_err(|e| e.to_string()),
        Verb::Video {
            out,
            project,
            tour,
            size,
            fps,
            lang,
            url,
        } => match (video::parse_size(&size), share_url(url.as_deref())) {
            (_, Err(e)) => Err(e.to_string()),
            (Some(size), Ok(url)) => {
                let bar = cli::TerminalProgress::new("video", "frames");
                let made = video::video_command(
                    &video::VideoCommand {
                        out,
                        project,
                        tour,
                        size,
                        fps,
                        lang: lang.into(),
                        url,
                    },
                    &|done, total| bar.update(done, total),
                );
                bar.finish();
                made.map_err(|e| e.to_string())
            }
            (None, Ok(_)) => Err(format!(
                "{size}: give a size as WIDTHxHEIGHT, e.g. 1920x1080"
            )),
        },
    };
    match result {
        Ok(text) => {
            println!("{text}");
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("langson-atlas: {e}");
            ExitCode::FAILURE
        }
    }
}

/// `--url`, checked.
fn share_url(url: Option<&str>) -> Result<Option<ShareUrl>, ShareUrlError> {
    url.map(ShareUrl::parse).transpose()
}

fn pdf(
    out: PathBuf,
    project: Option<PathBuf>,
    pages: &str,
    lang: LangArg,
    (paper, landscape): (&str, bool),
    url: Option<&str>,
) -> Result<String, print::PrintError> {
    let request = print::AtlasRequest {
        coverage: pages.parse()?,
        lang: lang.into(),
        paper: paper.parse()?,
        landscape,
        date: print::today(),
        share: share_url(url)?.map(|url| print::Share { url, tour: None }),
    };
    let command = print::command::PdfCommand {
        out,
        project,
        request,
    };
    let bar = cli::TerminalProgress::new("PDF", "pages");
    let written = print::command::pdf_command(&command, &|done, total| {
        bar.update(done as u64, total as u64);
    });
    bar.finish();
    written
}

fn web(
    out: PathBuf,
    project: Option<PathBuf>,
    lang: LangArg,
    url: Option<String>,
) -> Result<String, web::WebError> {
    let command = web::WebCommand {
        out,
        project,
        request: web::WebRequest {
            lang: lang.into(),
            url: share_url(url.as_deref())?,
            ..web::WebRequest::default()
        },
    };
    let bar = cli::TerminalProgress::new("web page", "files");
    let written = web::web_command(&command, &|done, total| {
        bar.update(done as u64, total as u64);
    });
    bar.finish();
    written
}

impl From<LangArg> for Lang {
    fn from(lang: LangArg) -> Lang {
        match lang {
            LangArg::Vi => Lang::Vi,
            LangArg::En => Lang::En,
        }
    }
}

/// The software GPU driver's Wayland probe prints "XDG_RUNTIME_DIR is invalid or not set"
/// four times when the variable is missing (a server, a cron job, a bare terminal): the
/// video verb gives the driver what it asks for, a private runtime folder, by running
/// itself again with the variable set (setting it in this process is unsafe in Rust 2024,
/// which the house denies). `None` when the variable is there or that cannot be done.
fn rerun_with_runtime_dir() -> Option<ExitCode> {
    if std::env::var_os("XDG_RUNTIME_DIR").is_some() {
        return None;
    }
    let dir = tempfile::tempdir().ok()?;
    let exe = std::env::current_exe().ok()?;
    let status = std::process::Command::new(exe)
        .args(std::env::args_os().skip(1))
        .env("XDG_RUNTIME_DIR", dir.path())
        .status()
        .ok()?;
    Some(match status.code().and_then(|c| u8::try_from(c).ok()) {
        Some(code) => ExitCode::from(code),
        None => ExitCode::FAILURE,
    })
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    if let Some(verb) = cli.verb {
        if matches!(verb, Verb::Video { .. })
            && let Some(code) = rerun_with_runtime_dir()
        {
            return code;
        }
        return headless(verb);
    }
    health::install();
    http::install_tls();
    let options = Options {
        layers: cli.layers,
        offline: cli.offline,
        pmtiles: cli.basemap,
        lang: cli.lang.map(Lang::from),
        geodata: cli.geodata,
        tiles: cli.tiles,
        present: cli.present,
        tiles_in_background: true,
        save_dialogs: true,
        project: cli.project,
        data_dir: None,
        url: cli.url,
        settle_memory: true,
    };
    let native = langson_atlas::app::window::native_options();
    let result = eframe::run_native(
        "langson-atlas",
        native,
        Box::new(move |cc| {
            fonts::install(&cc.egui_ctx);
            let (stored, problem) = stored_settings(cc.storage);
            let mut app = AtlasApp::new(&cc.egui_ctx, options, stored);
            if let Some(problem) = problem {
                app.report(problem);
            }
            if let Some(state) = &cc.wgpu_render_state {
                // Vector (MVT) basemap tiles are drawn by walkers' own wgpu renderer,
                // installed when an archive is first shown.
                app.map.basemaps.set_render_state(state.clone());
                app.set_export_gpu(Ok(Gpu::from_render_state(state)));
            }
            Ok(Box::new(app))
        }),
    );
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("langson-atlas: cannot open the window: {e}");
            eprintln!("(without a display, run it under `xvfb-run`)");
            eprintln!(
                "(without a GPU the window draws with OpenGL; `WGPU_BACKEND=vulkan` tries Vulkan instead)"
            );
            ExitCode::FAILURE
        }
    }
}
