//! Online tile servers through walkers' `HttpTiles`, with an on-disk cache and a User-Agent
//! that identifies the program, as the OpenStreetMap tile policy asks.

use egui::Context;
use std::path::PathBuf;
use walkers::sources::{Attribution, OpenStreetMap, OpenTopoMap, OpenTopoServer, TileSource};
use walkers::{HeaderValue, HttpOptions, HttpTiles, TileId};

pub const USER_AGENT: &str = concat!(
    "langson-atlas/",
    env!("CARGO_PKG_VERSION"),
    " (desktop viewer of the Lang Son provincial plan)"
);

/// Why tiles will not be cached.
#[derive(Debug, thiserror::Error)]
pub enum CacheError {
    #[error("no cache folder on this system")]
    NoCacheFolder,
    #[error("tile cache {} is not writable ({source}): tiles are downloaded each time", dir.display())]
    Unwritable {
        dir: PathBuf,
        source: std::io::Error,
    },
}

/// A tile URL template the atlas cannot use.
#[derive(Clone, Debug, thiserror::Error, PartialEq)]
pub enum TemplateError {
    #[error("tile URL {template} lacks {}", missing.join(", "))]
    Missing {
        template: String,
        missing: Vec<&'static str>,
    },
    #[error("tile URL {template} must start with http:// or https://")]
    Scheme { template: String },
}

/// Where tiles of `name` are cached: the platform cache directory (e.g. `~/.cache`).
pub fn cache_dir(name: &str) -> Result<PathBuf, CacheError> {
    let base = dirs::cache_dir().ok_or(CacheError::NoCacheFolder)?;
    cache_dir_in(&base, name)
}

/// The cache folder of `name` under `base`, made if needed and checked to be writable:
/// walkers' cache would otherwise fail on every tile and keep none.
pub fn cache_dir_in(base: &std::path::Path, name: &str) -> Result<PathBuf, CacheError> {
    let dir = base.join("langson-atlas").join("tiles").join(name);
    let unwritable = |source: std::io::Error| CacheError::Unwritable {
        dir: dir.clone(),
        source,
    };
    std::fs::create_dir_all(&dir).map_err(unwritable)?;
    let probe = dir.join(".write-test");
    std::fs::write(&probe, b"").map_err(unwritable)?;
    let _ = std::fs::remove_file(&probe);
    Ok(dir)
}

/// walkers leaves the choice of TLS crypto to the application. Idempotent.
pub fn install_tls() {
    let _ = rustls::crypto::ring::default_provider().install_default();
}

/// Options for a server's tiles, and why they will not be cached, if they will not.
fn options(name: &str) -> (HttpOptions, Option<String>) {
    let (cache, problem) = match cache_dir(name) {
        Ok(dir) => (Some(dir), None),
        Err(e) => {
            eprintln!("langson-atlas: {e}");
            (None, Some(e.to_string()))
        }
    };
    let options = HttpOptions {
        cache,
        user_agent: Some(HeaderValue::from_static(USER_AGENT)),
        ..HttpOptions::default()
    };
    (options, problem)
}

/// An online source's tiles, and why they are not cached, if they are not.
pub type Online = (HttpTiles, Option<String>);

pub fn openstreetmap(ctx: Context) -> Online {
    install_tls();
    let (options, problem) = options("openstreetmap");
    (
        HttpTiles::with_options(OpenStreetMap, options, ctx),
        problem,
    )
}

pub fn opentopomap(ctx: Context) -> Online {
    install_tls();
    let (options, problem) = options("opentopomap");
    let source = OpenTopoMap(OpenTopoServer::A);
    (HttpTiles::with_options(source, options, ctx), problem)
}

/// A user's own XYZ tile server, e.g. `http://tiles.example/{z}/{x}/{y}.png`.
pub struct CustomSource {
    template: String,
    /// walkers wants `&'static str`; made once per run from the template.
    attribution: &'static str,
}

impl CustomSource {
    /// Checks that the template has the three placeholders.
    pub fn new(template: &str) -> Result<Self, TemplateError> {
        let missing: Vec<&str> = ["{z}", "{x}", "{y}"]
            .into_iter()
            .filter(|p| !template.contains(p))
            .collect();
        if !missing.is_empty() {
            return Err(TemplateError::Missing {
                template: template.to_owned(),
                missing,
            });
        }
        if !(template.starts_with("http://") || template.starts_with("https://")) {
            return Err(TemplateError::Scheme {
                template: template.to_owned(),
            });
        }
        let host = template.split('/').nth(2).unwrap_or(template);
        Ok(Self {
            template: template.to_owned(),
            attribution: Box::leak(format!("Tiles: {host}").into_boxed_str()),
        })
    }
}

impl TileSource for CustomSource {
    fn tile_url(&self, tile_id: TileId) -> String {
        self.template
            .replace("{z}", &tile_id.zoom.to_string())
            .replace("{x}", &tile_id.x.to_string())
            .replace("{y}", &tile_id.y.to_string())
    }

    fn attribution(&self) -> Attribution {
        Attribution {
            text: self.attribution,
            url: "",
            logo_light: None,
            logo_dark: None,
        }
    }
}

pub fn custom(source: CustomSource, ctx: Context) -> Online {
    install_tls();
    let (options, problem) = options("custom");
    (HttpTiles::with_options(source, options, ctx), problem)
}
