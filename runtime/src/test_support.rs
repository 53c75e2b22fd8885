//! Helpers for unit tests: temporary directories and serialized changes to
//! the process environment.

use std::cell::RefCell;
use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Mutex, MutexGuard};

/// Tests that read or write environment variables hold this lock, since
/// the environment is shared by every test thread.
static ENV_LOCK: Mutex<()> = Mutex::new(());

/// Sets variables for the duration of a test and restores them on drop.
pub struct EnvGuard {
    saved: RefCell<Vec<(String, Option<OsString>)>>,
    _lock: MutexGuard<'static, ()>,
}

impl EnvGuard {
    /// Takes the lock and applies `vars` (`None` removes a variable).
    pub fn new(vars: &[(&str, Option<&str>)]) -> Self {
        let guard = EnvGuard {
            saved: RefCell::new(Vec::new()),
            _lock: ENV_LOCK.lock().unwrap_or_else(|p| p.into_inner()),
        };
        for (k, v) in vars {
            guard.set(k, *v);
        }
        guard
    }

    /// Sets (or with `None` removes) one more variable.
    pub fn set(&self, key: &str, value: Option<&str>) {
        let mut saved = self.saved.borrow_mut();
        if !saved.iter().any(|(k, _)| k == key) {
            saved.push((key.to_string(), std::env::var_os(key)));
        }
        match value {
            Some(v) => std::env::set_var(key, v),
            None => std::env::remove_var(key),
        }
    }
}

impl Drop for EnvGuard {
    fn drop(&mut self) {
        for (k, v) in self.saved.borrow().iter().rev() {
            match v {
                Some(v) => std::env::set_var(k, v),
                None => std::env::remove_var(k),
            }
        }
    }
}

/// A directory removed on drop.
pub struct TempDir(PathBuf);

impl TempDir {
    /// A fresh directory whose name includes `label`.
    pub fn new(label: &str) -> Self {
        static NEXT: AtomicUsize = AtomicUsize::new(0);
        let n = NEXT.fetch_add(1, Ordering::Relaxed);
        let path =
            std::env::temp_dir().join(format!("apigen-runtime-{label}-{}-{n}", std::process::id()));
        let _ = std::fs::remove_dir_all(&path);
        std::fs::create_dir_all(&path).expect("create temp dir");
        TempDir(path)
    }

    /// The directory.
    pub fn path(&self) -> &Path {
        &self.0
    }

    /// Writes `name` with `text` and returns its path.
    pub fn write(&self, name: &str, text: &str) -> PathBuf {
        let p = self.0.join(name);
        std::fs::write(&p, text).expect("write temp file");
        p
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// One scripted answer of [`serve`].
pub struct Reply {
    status: u16,
    body: &'static str,
}

impl Reply {
    /// Answer with `status` and a JSON `body`.
    pub fn status(status: u16, body: &'static str) -> Self {
        Reply { status, body }
    }
}

/// A local HTTP/1.1 server answering from a script, one reply per request.
pub struct TestServer {
    addr: std::net::SocketAddr,
    targets: std::sync::Arc<Mutex<Vec<String>>>,
    task: tokio::task::JoinHandle<()>,
}

impl TestServer {
    /// `http://127.0.0.1:<port>`.
    pub fn url(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// Requests answered so far.
    pub fn requests(&self) -> usize {
        self.targets.lock().unwrap().len()
    }

    /// The `x-amz-target` of each request.
    pub fn targets(&self) -> Vec<String> {
        self.targets.lock().unwrap().clone()
    }
}

impl Drop for TestServer {
    fn drop(&mut self) {
        self.task.abort();
    }
}

/// Starts a server on a loopback port; answers 599 once the script is spent.
pub async fn serve(script: Vec<Reply>) -> TestServer {
    use std::sync::Arc;
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let script = Arc::new(Mutex::new(std::collections::VecDeque::from(script)));
    let targets = Arc::new(Mutex::new(Vec::new()));
    let seen = targets.clone();
    let task = tokio::spawn(async move {
        while let Ok((mut socket, _)) = listener.accept().await {
            let script = script.clone();
            let seen = seen.clone();
            tokio::spawn(async move {
                let mut buf = Vec::new();
                loop {
                    // Read one request: headers, then content-length bytes of body.
                    let head_end = loop {
                        if let Some(i) = buf.windows(4).position(|w| w == b"\r\n\r\n") {
                            break i + 4;
                        }
                        let mut chunk = [0u8; 4096];
                        match socket.read(&mut chunk).await {
                            Ok(0) | Err(_) => return,
                            Ok(n) => buf.extend_from_slice(&chunk[..n]),
                        }
                    };
                    let head = String::from_utf8_lossy(&buf[..head_end]).into_owned();
                    let header = |name: &str| {
                        head.lines().find_map(|l| {
                            let (k, v) = l.split_once(':')?;
                            k.trim()
                                .eq_ignore_ascii_case(name)
                                .then(|| v.trim().to_string())
                        })
                    };
                    let len: usize = header("content-length")
                        .and_then(|v| v.parse().ok())
                        .unwrap_or(0);
                    while buf.len() < head_end + len {
                        let mut chunk = [0u8; 4096];
                        match socket.read(&mut chunk).await {
                            Ok(0) | Err(_) => return,
                            Ok(n) => buf.extend_from_slice(&chunk[..n]),
                        }
                    }
                    buf.drain(..head_end + len);
                    let n = {
                        let mut seen = seen.lock().unwrap();
                        seen.push(header("x-amz-target").unwrap_or_default());
                        seen.len()
                    };
                    let reply = script.lock().unwrap().pop_front().unwrap_or(Reply {
                        status: 599,
                        body: "{}",
                    });
                    let response = format!(
                        "HTTP/1.1 {} Scripted\r\ncontent-type: application/x-amz-json-1.1\r\nx-amzn-requestid: req-{n}\r\ncontent-length: {}\r\n\r\n{}",
                        reply.status,
                        reply.body.len(),
                        reply.body
                    );
                    if socket.write_all(response.as_bytes()).await.is_err() {
                        return;
                    }
                }
            });
        }
    });
    TestServer {
        addr,
        targets,
        task,
    }
}

/// An AWS JSON call through [`Handle::send`](crate::Handle::send), as
/// generated code makes it.
pub(crate) async fn send_json(
    handle: &crate::Handle,
    operation: &'static str,
    body: Vec<u8>,
) -> Result<crate::Response, crate::SdkError<crate::RawServiceError>> {
    let request = crate::protocol::aws_json::request(&handle.service().protocol, operation, body);
    handle.send(operation, request, &[]).await
}
