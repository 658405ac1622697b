//! Tile download health. walkers reports failed downloads only through `log`; this logger
//! counts them so the status bar can say the server is unreachable, and echoes the first
//! ones to stderr.

use std::sync::Mutex;

#[derive(Clone, Debug, Default, PartialEq)]
pub struct TileHealth {
    pub failures: u64,
    pub last_error: Option<String>,
}

static HEALTH: Mutex<TileHealth> = Mutex::new(TileHealth {
    failures: 0,
    last_error: None,
});

/// How many failures are echoed to stderr before going quiet (a dead network fails every
/// tile).
const ECHOED: u64 = 3;

struct TileLogger;

impl log::Log for TileLogger {
    fn enabled(&self, metadata: &log::Metadata) -> bool {
        metadata.level() <= log::Level::Warn
    }

    fn log(&self, record: &log::Record) {
        if !self.enabled(record.metadata()) {
            return;
        }
        let message = record.args().to_string();
        if record.target().starts_with("walkers") {
            record_failure(message);
        } else {
            eprintln!("{}: {message}", record.level());
        }
    }

    fn flush(&self) {}
}

/// Counts one failed tile (also used by tests to simulate an unreachable server).
pub fn record_failure(message: String) {
    if let Ok(mut health) = HEALTH.lock() {
        health.failures += 1;
        if health.failures <= ECHOED {
            eprintln!("langson-atlas: tile download failed: {message}");
        }
        health.last_error = Some(message);
    }
}

/// Installs the logger; harmless if another one is already installed.
pub fn install() {
    if log::set_logger(&TileLogger).is_ok() {
        log::set_max_level(log::LevelFilter::Warn);
    }
}

pub fn snapshot() -> TileHealth {
    HEALTH.lock().map(|h| h.clone()).unwrap_or_default()
}

/// Forgets past failures, e.g. when the user picks another basemap.
pub fn reset() {
    if let Ok(mut health) = HEALTH.lock() {
        *health = TileHealth::default();
    }
}
