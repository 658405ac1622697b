//! Tile download health. walkers reports failed downloads only through `log`; this logger
//! counts them so the status bar can say the server is unreachable, and echoes the first
//! ones to stderr.

use std::sync::{Condvar, Mutex};

#[derive(Clone, Debug, Default, PartialEq)]
pub struct TileHealth {
    pub failures: u64,
    pub last_error: Option<String>,
    pub last_problem: Option<TileProblem>,
}

static HEALTH: Mutex<TileHealth> = Mutex::new(TileHealth {
    failures: 0,
    last_error: None,
    last_problem: None,
});

/// Woken at every failure counted, for whoever waits on one.
static FAILED: Condvar = Condvar::new();

/// What went wrong with tiles, in words a reader can act on.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TileProblem {
    /// The server answered with an HTTP error status.
    ServerError(u16),
    /// The server answered with something that is not an image (often a web page).
    NotAnImage,
    /// An image arrived cut short or damaged.
    BrokenImage,
    /// No connection could be made (no network, wrong address, server down).
    Unreachable,
    /// Requests were sent and nothing came back for a long time.
    NoAnswer,
    /// Anything else walkers reports.
    Other,
}

impl TileProblem {
    /// Reads walkers' log message.
    pub fn classify(message: &str) -> Self {
        let lower = message.to_lowercase();
        if let Some(at) = lower.find("http status") {
            let code = lower[at..]
                .split(|c: char| !c.is_ascii_digit())
                .find_map(|t| t.parse::<u16>().ok().filter(|c| (100..600).contains(c)));
            return TileProblem::ServerError(code.unwrap_or(0));
        }
        // With vector tiles on, bytes that are no image are tried as MVT: a web page
        // served as a tile then fails as a vector tile.
        if lower.contains("unrecognized image format")
            || lower.contains("tile data is empty")
            || lower.contains("decoding mvt failed")
        {
            TileProblem::NotAnImage
        } else if lower.contains("unexpected end of file")
            || lower.contains("format error")
            || lower.contains("decoding")
        {
            TileProblem::BrokenImage
        } else if lower.contains("error sending request") || lower.contains("connect") {
            TileProblem::Unreachable
        } else {
            TileProblem::Other
        }
    }

    /// The problem in the reader's language.
    pub fn describe(self, lang: crate::atlas::Lang) -> String {
        match self {
            TileProblem::ServerError(code) => {
                lang.pick("máy chủ báo lỗi HTTP", "the server answered HTTP error")
                    .to_owned()
                    + &format!(" {code}")
            }
            TileProblem::NotAnImage => lang
                .pick(
                    "máy chủ gửi về thứ không phải ảnh bản đồ (trang web?)",
                    "the server sent something that is not a map image (a web page?)",
                )
                .to_owned(),
            TileProblem::BrokenImage => lang
                .pick(
                    "ảnh bản đồ bị hỏng hoặc bị cắt cụt",
                    "map images arrived broken or cut short",
                )
                .to_owned(),
            TileProblem::Unreachable => lang
                .pick("không kết nối được máy chủ", "the server cannot be reached")
                .to_owned(),
            TileProblem::NoAnswer => lang
                .pick("máy chủ không trả lời", "the server does not answer")
                .to_owned(),
            TileProblem::Other => lang.pick("lỗi khác", "another error").to_owned(),
        }
    }
}

/// Seconds with downloads outstanding and none finishing before the server counts as not
/// answering (walkers has no request timeout of its own).
pub const NO_ANSWER_SECS: f64 = 10.0;

/// Notices downloads that hang: outstanding requests whose number does not change.
#[derive(Clone, Copy, Debug, Default)]
pub struct StallWatch {
    last: usize,
    since: f64,
}

impl StallWatch {
    /// Feeds the number of downloads under way at `now` (seconds); true when they have
    /// been stuck for [`NO_ANSWER_SECS`].
    pub fn update(&mut self, in_progress: usize, now: f64) -> bool {
        if in_progress == 0 || in_progress != self.last {
            self.last = in_progress;
            self.since = now;
            return false;
        }
        now - self.since >= NO_ANSWER_SECS
    }
}

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
        // A PMTiles archive covers only its own area; beyond it the offline basemap shows,
        // and that is no failure.
        if message.contains("not found in pmtiles") {
            return;
        }
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
        health.last_problem = Some(TileProblem::classify(&message));
        health.last_error = Some(message);
    }
    FAILED.notify_all();
}

/// Blocks until at least `count` failures are counted or `timeout` passes; whether they
/// are. What a test waits on instead of sleeping while walkers' downloads fail.
pub fn wait_for_failures(count: u64, timeout: std::time::Duration) -> bool {
    let Ok(health) = HEALTH.lock() else {
        return false;
    };
    FAILED
        .wait_timeout_while(health, timeout, |h| h.failures < count)
        .is_ok_and(|(h, _)| h.failures >= count)
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn walkers_messages_are_read_as_problems() {
        let c = TileProblem::classify;
        assert_eq!(
            c(
                "Fetch error: HTTP status server error (500 Internal Server Error) for url (http://x)"
            ),
            TileProblem::ServerError(500)
        );
        assert_eq!(c("Unrecognized image format."), TileProblem::NotAnImage);
        assert_eq!(c("unexpected end of file"), TileProblem::BrokenImage);
        assert_eq!(
            c("Fetch error: error sending request for url (http://127.0.0.1:9/1/2/3.png)"),
            TileProblem::Unreachable
        );
    }

    #[test]
    fn downloads_stuck_for_ten_seconds_count_as_no_answer() {
        let mut w = StallWatch::default();
        assert!(!w.update(6, 0.0));
        assert!(!w.update(6, 9.0));
        assert!(w.update(6, 10.5));
        assert!(!w.update(5, 11.0), "one came back");
        assert!(!w.update(0, 30.0), "nothing under way");
    }
}
