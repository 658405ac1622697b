//! The one loopback HTTP server of the tests (and of any bench, through
//! `#[path = "../tests/common/http.rs"] mod http;`: this file needs nothing else from
//! `common`). It listens on 127.0.0.1 at a port the system picks, answers each request on a
//! named thread of its own with the test's handler, counts the requests it has read, lets a
//! test wait for the n-th one instead of sleeping, and stops when dropped.
//!
//! One request a connection: every answer says `Connection: close`, so a client never
//! reuses a connection the server is about to close, and each request counted is one the
//! client made.

#![allow(dead_code)]

use std::io::{BufRead, BufReader, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::sync::{Arc, Condvar, Mutex, MutexGuard, PoisonError};
use std::time::{Duration, Instant};

/// A request as the handler sees it: the request line and the headers (no body: the clients
/// under test only GET).
#[derive(Clone, Debug)]
pub struct Request {
    pub method: String,
    pub path: String,
    /// Names as sent; `header` compares them without case.
    pub headers: Vec<(String, String)>,
}

impl Request {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
}

/// What the server does with a request.
#[derive(Clone, Debug)]
pub enum Reply {
    /// A status, headers and a body; `Content-Length` and `Connection: close` are added.
    Answer {
        status: u16,
        headers: Vec<(String, String)>,
        body: Vec<u8>,
    },
    /// Reads the request and never answers: the connection stays open until the server is
    /// dropped, as a server that has stopped answering keeps it.
    Silence,
}

impl Reply {
    pub fn new(status: u16, body: impl Into<Vec<u8>>) -> Reply {
        Reply::Answer {
            status,
            headers: Vec::new(),
            body: body.into(),
        }
    }

    /// The same reply with one more header (no effect on `Silence`).
    pub fn header(mut self, name: &str, value: &str) -> Reply {
        if let Reply::Answer { headers, .. } = &mut self {
            headers.push((name.to_owned(), value.to_owned()));
        }
        self
    }

    /// `data` as a file server sends it: the part a `Range: bytes=…` header asks for (206
    /// with its `Content-Range`; 416 when it starts past the end), or all of it (200).
    pub fn file(data: &[u8], request: &Request) -> Reply {
        let len = data.len();
        let Some(range) = request.header("range") else {
            return Reply::new(200, data);
        };
        match byte_range(range, len) {
            Some((start, end)) => Reply::new(206, &data[start..=end])
                .header("Content-Range", &format!("bytes {start}-{end}/{len}")),
            None => Reply::new(416, Vec::new()).header("Content-Range", &format!("bytes */{len}")),
        }
    }
}

/// The first and last byte (inclusive) that `bytes=a-b`, `bytes=a-` or `bytes=-n` asks of
/// `len` bytes; `None` when nothing of it is there. Only the first range of a list is
/// served: the clients under test ask for one.
pub fn byte_range(header: &str, len: usize) -> Option<(usize, usize)> {
    let spec = header.trim().strip_prefix("bytes=")?;
    let first = spec.split(',').next()?.trim();
    let (a, b) = first.split_once('-')?;
    let last = len.checked_sub(1)?;
    if a.is_empty() {
        // A suffix: the last n bytes.
        let n: usize = b.parse().ok()?;
        return (n > 0).then(|| (len.saturating_sub(n), last));
    }
    let start: usize = a.parse().ok()?;
    let end = if b.is_empty() {
        last
    } else {
        b.parse::<usize>().ok()?.min(last)
    };
    (start <= end).then_some((start, end))
}

type Handler = dyn Fn(&Request) -> Reply + Send + Sync;

/// What the server's threads and the test share.
#[derive(Default)]
struct Shared {
    state: Mutex<State>,
    /// Signalled when a request is counted and when the server stops.
    changed: Condvar,
}

#[derive(Default)]
struct State {
    requests: usize,
    stopped: bool,
}

impl Shared {
    fn lock(&self) -> MutexGuard<'_, State> {
        // A handler that panicked in its thread leaves the count as it was: still usable.
        self.state.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

/// A loopback HTTP server; dropping it stops it and closes the connections it holds.
pub struct Server {
    address: SocketAddr,
    shared: Arc<Shared>,
    accepting: Option<std::thread::JoinHandle<()>>,
}

impl Server {
    /// Starts a server whose thread is named `name`, answering every request with
    /// `handler`.
    pub fn start(
        name: &str,
        handler: impl Fn(&Request) -> Reply + Send + Sync + 'static,
    ) -> std::io::Result<Server> {
        let listener = TcpListener::bind("127.0.0.1:0")?;
        let address = listener.local_addr()?;
        let shared = Arc::new(Shared::default());
        let handler: Arc<Handler> = Arc::new(handler);
        let accepting = {
            let shared = shared.clone();
            let name = name.to_owned();
            std::thread::Builder::new()
                .name(name.clone())
                .spawn(move || accept(&listener, &name, &shared, &handler))?
        };
        Ok(Server {
            address,
            shared,
            accepting: Some(accepting),
        })
    }

    /// `http://127.0.0.1:PORT` followed by `path` (which starts with `/`).
    pub fn url(&self, path: &str) -> String {
        format!("http://{}{path}", self.address)
    }

    /// Requests read so far (each counted before it is answered, so a client that has its
    /// answer has been counted).
    pub fn requests(&self) -> usize {
        self.shared.lock().requests
    }

    /// Waits until `n` requests have been read, or `timeout` has passed; whether they were.
    pub fn wait_for_request(&self, n: usize, timeout: Duration) -> bool {
        let deadline = Instant::now() + timeout;
        let mut state = self.shared.lock();
        while state.requests < n {
            let left = deadline.saturating_duration_since(Instant::now());
            if left.is_zero() {
                return false;
            }
            state = self
                .shared
                .changed
                .wait_timeout(state, left)
                .unwrap_or_else(PoisonError::into_inner)
                .0;
        }
        true
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        self.shared.lock().stopped = true;
        self.shared.changed.notify_all();
        // The accepting thread is blocked in accept: one connection wakes it to see the
        // flag. Joined only when that connection was made, so a drop never hangs.
        if TcpStream::connect(self.address).is_ok()
            && let Some(thread) = self.accepting.take()
        {
            let _ = thread.join();
        }
    }
}

fn accept(listener: &TcpListener, name: &str, shared: &Arc<Shared>, handler: &Arc<Handler>) {
    for stream in listener.incoming() {
        if shared.lock().stopped {
            return;
        }
        let Ok(stream) = stream else { continue };
        let (shared, handler) = (shared.clone(), handler.clone());
        // A thread a connection: a silent answer must not hold up the next request.
        let _ = std::thread::Builder::new()
            .name(format!("{name} answer"))
            .spawn(move || serve(stream, &shared, &*handler));
    }
}

/// Reads one request, counts it, and answers it (or holds it until the server stops).
fn serve(stream: TcpStream, shared: &Shared, handler: &Handler) {
    // A client that connects and says nothing does not hold a thread for ever.
    let _ = stream.set_read_timeout(Some(Duration::from_secs(10)));
    let Some(request) = stream.try_clone().ok().and_then(read_request) else {
        return;
    };
    shared.lock().requests += 1;
    shared.changed.notify_all();
    let mut out = stream;
    match handler(&request) {
        Reply::Answer {
            status,
            headers,
            body,
        } => {
            let mut head = format!("HTTP/1.1 {status} {}\r\n", reason(status));
            for (name, value) in &headers {
                head.push_str(&format!("{name}: {value}\r\n"));
            }
            head.push_str(&format!(
                "Content-Length: {}\r\nConnection: close\r\n\r\n",
                body.len()
            ));
            let _ = out.write_all(head.as_bytes());
            if request.method != "HEAD" {
                let _ = out.write_all(&body);
            }
            let _ = out.flush();
        }
        Reply::Silence => {
            let mut state = shared.lock();
            while !state.stopped {
                state = shared
                    .changed
                    .wait(state)
                    .unwrap_or_else(PoisonError::into_inner);
            }
        }
    }
}

fn read_request(stream: TcpStream) -> Option<Request> {
    let mut reader = BufReader::new(stream);
    let mut line = String::new();
    reader.read_line(&mut line).ok()?;
    let mut parts = line.split_whitespace();
    let (method, path) = (parts.next()?.to_owned(), parts.next()?.to_owned());
    let mut headers = Vec::new();
    loop {
        line.clear();
        if reader.read_line(&mut line).ok()? == 0 || line == "\r\n" || line == "\n" {
            break;
        }
        if let Some((name, value)) = line.split_once(':') {
            headers.push((name.trim().to_owned(), value.trim().to_owned()));
        }
    }
    Some(Request {
        method,
        path,
        headers,
    })
}

fn reason(status: u16) -> &'static str {
    match status {
        200 => "OK",
        206 => "Partial Content",
        404 => "Not Found",
        416 => "Range Not Satisfiable",
        500 => "Internal Server Error",
        _ => "Status",
    }
}
