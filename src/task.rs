//! Work on a thread of its own, polled by the frame: the one way the program runs what
//! would stall the window (reading a file or a database view, painting a large layer's
//! style, an export, the PDF, the video, opening a project, a save dialog). A [`Task`] is
//! started on a named thread; it reports its progress and hears Cancel through a shared
//! [`Progress`], and hands back a typed result once. The frame asks with [`Task::poll`];
//! tests and benchmarks wait on the work with [`Task::wait`] rather than sleep.
//!
//! No egui here: what wakes the window when the work ends is a closure the caller gives.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::mpsc::{Receiver, RecvTimeoutError, TryRecvError, channel};
use std::time::Duration;

/// How far a task has come, and whether it was asked to stop; shared with its thread.
#[derive(Debug, Default)]
pub struct Progress {
    done: AtomicU64,
    total: AtomicU64,
    cancel: AtomicBool,
}

impl Progress {
    pub fn set(&self, done: u64, total: u64) {
        self.done.store(done, Ordering::Relaxed);
        self.total.store(total, Ordering::Relaxed);
    }

    /// (bytes, rows or frames done, total).
    pub fn get(&self) -> (u64, u64) {
        (
            self.done.load(Ordering::Relaxed),
            self.total.load(Ordering::Relaxed),
        )
    }

    pub fn cancel(&self) {
        self.cancel.store(true, Ordering::Relaxed);
    }

    pub fn cancelled(&self) -> bool {
        self.cancel.load(Ordering::Relaxed)
    }

    /// The flag itself, for work that takes one (the PDF's and the video's writers).
    pub fn cancel_flag(&self) -> &AtomicBool {
        &self.cancel
    }
}

/// How a task stands when asked.
#[derive(Debug, PartialEq)]
pub enum Poll<T> {
    Running,
    Done(T),
    /// The thread ended without an answer (it panicked): said to the reader as a failure.
    Lost,
}

/// A piece of work on its own thread.
pub struct Task<T> {
    progress: Arc<Progress>,
    result: Receiver<T>,
    /// A result [`Task::wait`] received, handed over by the next [`Task::poll`].
    received: Option<T>,
}

impl<T: Send + 'static> Task<T> {
    /// Starts `work` on a thread named `name`; `wake` is called once the result is sent
    /// (the window repaints to take it). Fails only when the system cannot start a thread.
    pub fn spawn(
        name: impl Into<String>,
        wake: impl FnOnce() + Send + 'static,
        work: impl FnOnce(&Progress) -> T + Send + 'static,
    ) -> std::io::Result<Task<T>> {
        Self::spawn_with(name, Arc::new(Progress::default()), wake, work)
    }

    /// As [`Task::spawn`], with a progress someone else already shows (a layer's row).
    pub fn spawn_with(
        name: impl Into<String>,
        progress: Arc<Progress>,
        wake: impl FnOnce() + Send + 'static,
        work: impl FnOnce(&Progress) -> T + Send + 'static,
    ) -> std::io::Result<Task<T>> {
        let (tx, rx) = channel();
        let shared = progress.clone();
        std::thread::Builder::new()
            .name(name.into())
            .spawn(move || {
                // The receiver gone means nobody waits for the answer any more (the layer was
                // removed, the window closed): the result is dropped with the thread.
                let _ = tx.send(work(&shared));
                // The channel closes before the caller is woken: once woken, a second
                // poll finds the answer handed over, never a task that seems to run.
                drop(tx);
                wake();
            })?;
        Ok(Task {
            progress,
            result: rx,
            received: None,
        })
    }
}

impl<T> Task<T> {
    pub fn progress(&self) -> &Arc<Progress> {
        &self.progress
    }

    /// Asks the work to stop; it ends at its next check, with whatever result it gives.
    pub fn cancel(&self) {
        self.progress.cancel();
    }

    /// The result once, when the work is done.
    pub fn poll(&mut self) -> Poll<T> {
        if let Some(result) = self.received.take() {
            return Poll::Done(result);
        }
        match self.result.try_recv() {
            Ok(result) => Poll::Done(result),
            Err(TryRecvError::Empty) => Poll::Running,
            Err(TryRecvError::Disconnected) => Poll::Lost,
        }
    }

    /// Blocks until the work ends or `timeout` passes; returns whether it ended. The
    /// result stays for the next [`Task::poll`].
    pub fn wait(&mut self, timeout: Duration) -> bool {
        if self.received.is_some() {
            return true;
        }
        match self.result.recv_timeout(timeout) {
            Ok(result) => {
                self.received = Some(result);
                true
            }
            Err(RecvTimeoutError::Timeout) => false,
            Err(RecvTimeoutError::Disconnected) => true,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_task_hands_back_its_result_once_and_wakes_its_caller() {
        let (woke_tx, woke_rx) = channel();
        let Ok(mut task) = Task::spawn(
            "sum",
            move || {
                let _ = woke_tx.send(());
            },
            |progress| {
                progress.set(3, 3);
                1 + 2
            },
        ) else {
            panic!("a thread starts");
        };
        assert!(task.wait(Duration::from_secs(10)), "the work ends");
        assert_eq!(task.poll(), Poll::Done(3));
        assert_eq!(task.progress().get(), (3, 3));
        assert!(woke_rx.recv_timeout(Duration::from_secs(10)).is_ok());
        assert_eq!(task.poll(), Poll::Lost, "the result is handed over once");
    }

    #[test]
    fn cancel_reaches_the_work_and_a_panic_is_a_lost_task() {
        let (started_tx, started_rx) = channel();
        let Ok(mut task) = Task::spawn(
            "until cancelled",
            || {},
            move |progress| {
                let _ = started_tx.send(());
                while !progress.cancelled() {
                    std::thread::yield_now();
                }
                "stopped"
            },
        ) else {
            panic!("a thread starts");
        };
        assert!(started_rx.recv_timeout(Duration::from_secs(10)).is_ok());
        assert_eq!(task.poll(), Poll::Running);
        task.cancel();
        assert!(task.wait(Duration::from_secs(10)));
        assert_eq!(task.poll(), Poll::Done("stopped"));

        let Ok(mut failing) = Task::<u8>::spawn("fails", || {}, |_| panic!("a fault in the work"))
        else {
            panic!("a thread starts");
        };
        assert!(failing.wait(Duration::from_secs(10)));
        assert_eq!(failing.poll(), Poll::Lost);
    }
}
