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

/// Where tiles of `name` are cached: the platform cache directory (e.g. `~/.cache`).
pub fn cache_dir(name: &str) -> Option<PathBuf> {
    let dir = dirs::cache_dir()?
        .join("langson-atlas")
        .join("tiles")
        .join(name);
    match std::fs::create_dir_all(&dir) {
        Ok(()) => Some(dir),
        Err(e) => {
            eprintln!(
                "langson-atlas: cannot create tile cache {}: {e}; tiles will not be cached",
                dir.display()
            );
            None
        }
    }
}

/// walkers leaves the choice of TLS crypto to the application. Idempotent.
pub fn install_tls() {
    let _ = rustls::crypto::ring::default_provider().install_default();
}

fn options(name: &str) -> HttpOptions {
    HttpOptions {
        cache: cache_dir(name),
        user_agent: Some(HeaderValue::from_static(USER_AGENT)),
        ..HttpOptions::default()
    }
}

pub fn openstreetmap(ctx: Context) -> HttpTiles {
    install_tls();
    HttpTiles::with_options(OpenStreetMap, options("openstreetmap"), ctx)
}

pub fn opentopomap(ctx: Context) -> HttpTiles {
    install_tls();
    HttpTiles::with_options(OpenTopoMap(OpenTopoServer::A), options("opentopomap"), ctx)
}

/// A user's own XYZ tile server, e.g. `http://tiles.example/{z}/{x}/{y}.png`.
pub struct CustomSource {
    template: String,
    /// walkers wants `&'static str`; made once per run from the template.
    attribution: &'static str,
}

impl CustomSource {
    /// Checks that the template has the three placeholders.
    pub fn new(template: &str) -> Result<Self, String> {
        let missing: Vec<&str> = ["{z}", "{x}", "{y}"]
            .into_iter()
            .filter(|p| !template.contains(p))
            .collect();
        if !missing.is_empty() {
            return Err(format!("tile URL {template} lacks {}", missing.join(", ")));
        }
        if !(template.starts_with("http://") || template.starts_with("https://")) {
            return Err(format!(
                "tile URL {template} must start with http:// or https://"
            ));
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

pub fn custom(source: CustomSource, ctx: Context) -> HttpTiles {
    install_tls();
    HttpTiles::with_options(source, options("custom"), ctx)
}
