//! Online tile servers through walkers' `HttpTiles`, with an on-disk cache and a User-Agent
//! that identifies the program, as the OpenStreetMap tile policy asks.

use egui::Context;
use std::path::PathBuf;
use walkers::sources::{OpenStreetMap, OpenTopoMap, OpenTopoServer};
use walkers::{HeaderValue, HttpOptions, HttpTiles};

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
