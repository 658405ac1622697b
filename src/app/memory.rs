//! Memory given back when the window's work is done. glibc's allocator keeps what the
//! program freed on its free lists and returns only the top of its heap by itself: after
//! start (geodata read, first tiles drawn, the GPU driver's set-up) or after a large layer
//! is closed, freed pages below live ones stay resident. Once the window has rested after
//! such work, `malloc_trim` hands them back (measured: 164–169 MB → 151 MB resident
//! 10 s after start, `scripts/measure-window.sh`).

/// Seconds the window stays idle before memory goes back: the start's tiles and the
/// driver's set-up come in bursts a few frames apart.
const QUIET: f64 = 1.5;

/// When to give memory back: once the window has been idle for [`QUIET`] seconds after
/// work (the start, a load, an export) or after a layer left.
#[derive(Debug)]
pub struct Settle {
    /// Whether memory is given back at all.
    on: bool,
    /// Work ended (or a layer was removed) since memory was last given back.
    pending: bool,
    /// When work was last seen, in seconds of the input clock.
    last_busy: f64,
}

impl Settle {
    /// The start is work: memory freed while starting goes back once it is over.
    pub fn new(on: bool) -> Self {
        Self {
            on,
            pending: true,
            last_busy: 0.0,
        }
    }

    /// Work that frees much ended this frame (a layer removed, a project replaced).
    pub fn after_work(&mut self, now: f64) {
        self.pending = true;
        self.last_busy = now;
    }

    /// At the start of a frame: once the window has been quiet long enough since work,
    /// memory goes back a moment after this frame is drawn. Returns whether it will.
    pub fn begin(&mut self, now: f64) -> bool {
        if !self.on || !self.pending || now - self.last_busy < QUIET {
            return false;
        }
        self.pending = false;
        release_soon();
        true
    }

    /// At the end of a frame, with whether anything still works (loads, reads, exports,
    /// tiles being drawn): when to draw a frame again so that memory goes back once the
    /// window is quiet (a window at rest draws no frames).
    pub fn end(&mut self, busy: bool, now: f64) -> Option<std::time::Duration> {
        if !self.on {
            return None;
        }
        if busy {
            self.after_work(now);
        }
        if !self.pending {
            return None;
        }
        let wait = (QUIET - (now - self.last_busy)).max(0.0);
        Some(std::time::Duration::from_secs_f64(wait))
    }
}

/// Gives memory back once the frame that found the window quiet is drawn: eframe
/// tessellates and draws after `ui` returns (the driver's buffers, the meshes), and says
/// nothing to the app when it is done, so a thread of its own waits the time of a few
/// software-rendered frames. Trimming in the frame itself left those pages resident
/// (164 MB instead of 151 MB 10 s after start).
fn release_soon() {
    let spawned = std::thread::Builder::new()
        .name("give memory back".into())
        .spawn(|| {
            std::thread::sleep(AFTER_FRAME);
            release();
        });
    if spawned.is_err() {
        release();
    }
}

/// How long a frame takes to be drawn after `ui` returns, at most, in software.
const AFTER_FRAME: std::time::Duration = std::time::Duration::from_millis(300);

/// Asks glibc to return the free pages of every arena to the system.
#[cfg(all(target_os = "linux", target_env = "gnu"))]
#[expect(
    unsafe_code,
    reason = "malloc_trim is glibc's; no safe binding exists (ARCHITECTURE.md: the one unsafe call)"
)]
fn release() {
    // SAFETY: malloc_trim takes no pointers; glibc locks each arena while it trims it.
    unsafe {
        libc::malloc_trim(0);
    }
}

/// Other allocators return large free blocks themselves.
#[cfg(not(all(target_os = "linux", target_env = "gnu")))]
fn release() {}

#[cfg(test)]
mod tests {
    use super::*;

    use std::time::Duration;

    #[test]
    fn memory_goes_back_once_the_window_has_been_quiet_after_work() {
        let mut settle = Settle::new(true);
        assert!(!settle.begin(0.1), "not while the start's work goes on");
        assert_eq!(
            settle.end(true, 0.2),
            Some(Duration::from_secs_f64(QUIET)),
            "a frame once the quiet will have lasted"
        );
        assert!(!settle.begin(1.0), "not quiet long enough");
        assert!(settle.end(false, 1.0).is_some());
        assert!(settle.begin(0.2 + QUIET), "given back");
        assert_eq!(settle.end(false, 0.3 + QUIET), None, "once");
        assert!(!settle.begin(10.0));
        settle.after_work(20.0);
        assert!(settle.end(false, 20.0).is_some(), "a layer left: again");
        assert!(settle.begin(20.0 + QUIET));
    }

    #[test]
    fn a_settle_turned_off_never_asks_for_a_frame() {
        let mut settle = Settle::new(false);
        assert_eq!(settle.end(true, 0.0), None);
        assert!(!settle.begin(10.0));
        assert_eq!(settle.end(false, 10.0), None);
    }
}
