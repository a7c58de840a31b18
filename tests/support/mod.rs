//! What the end-to-end tests stand on: the built app in a real window, driven through WebDriver
//! (tauri-driver in front of WebKitWebDriver), inside the private desktop session of
//! `scripts/desktop-session.sh` (Xvfb, a dbus session bus, gnome-keyring unlocked).
//! A missing part is a failure with a message that says what is missing, never a skip.
#![allow(dead_code)]

use std::net::TcpListener;
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};
use tokio::sync::{Mutex, MutexGuard};

pub mod axe;
pub mod language;
pub mod stack;
pub mod window;

use fantoccini::wd::Capabilities;
use fantoccini::{Client, ClientBuilder, Locator};

/// One Gatehouse window at a time: the app is single-instance per desktop session.
static ONE_APP_AT_A_TIME: Mutex<()> = Mutex::const_new(());

pub async fn exclusive() -> MutexGuard<'static, ()> {
    ONE_APP_AT_A_TIME.lock().await
}

/// Fails the test unless it runs inside a desktop session with a display and a session bus.
pub fn require_desktop_session() {
    for var in ["DISPLAY", "DBUS_SESSION_BUS_ADDRESS"] {
        assert!(
            std::env::var_os(var).is_some(),
            "{var} is not set: end-to-end tests run inside scripts/desktop-session.sh (see README)"
        );
    }
}

pub fn app_binary() -> PathBuf {
    PathBuf::from(env!("CARGO_BIN_EXE_gatehouse"))
}

/// The link launcher the package's desktop entry runs, next to the app binary (a workspace
/// crate of its own: `cargo build --workspace` builds it).
pub fn launcher_binary() -> PathBuf {
    let launcher = app_binary().with_file_name("gatehouse-open");
    assert!(
        launcher.is_file(),
        "{} is missing: cargo build -p gatehouse-open",
        launcher.display()
    );
    launcher
}

pub fn artifacts_dir() -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target/e2e");
    std::fs::create_dir_all(&dir).expect("create target/e2e");
    dir
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .expect("a free loopback port")
        .port()
}

/// A tauri-driver process; the app it launches inherits its environment.
pub struct TauriDriver {
    child: Child,
    pub url: String,
}

impl TauriDriver {
    pub fn start(env: &[(String, String)]) -> TauriDriver {
        Self::start_with(env, Stdio::inherit(), Stdio::inherit())
    }

    /// Like `start`, keeping the app's output (it inherits the driver's) in `log`.
    pub fn start_logging(env: &[(String, String)], log: &std::path::Path) -> TauriDriver {
        let file = std::fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(log)
            .unwrap();
        Self::start_with(env, file.try_clone().unwrap().into(), file.into())
    }

    fn start_with(env: &[(String, String)], stdout: Stdio, stderr: Stdio) -> TauriDriver {
        require_desktop_session();
        let port = free_port();
        let native_port = free_port();
        let mut command = Command::new("tauri-driver");
        command
            .args(["--port", &port.to_string()])
            .args(["--native-port", &native_port.to_string()])
            .args(["--native-driver", "/usr/bin/WebKitWebDriver"])
            .stdout(stdout)
            .stderr(stderr);
        for (key, value) in env {
            command.env(key, value);
        }
        let child = command.spawn().expect(
            "tauri-driver could not start: is it installed? (scripts/bootstrap.sh installs it)",
        );
        let url = format!("http://127.0.0.1:{port}");
        let deadline = Instant::now() + Duration::from_secs(20);
        while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
            assert!(
                Instant::now() < deadline,
                "tauri-driver did not listen on {port}"
            );
            std::thread::sleep(Duration::from_millis(50));
        }
        TauriDriver { child, url }
    }

    /// Opens the app's window and returns the WebDriver session driving it.
    pub async fn launch_app(&self) -> Client {
        let mut caps = Capabilities::new();
        caps.insert("browserName".into(), "wry".into());
        caps.insert(
            "tauri:options".into(),
            serde_json::json!({ "application": app_binary() }),
        );
        // The first session of a run can be refused while WebKitWebDriver is still starting on a
        // busy machine; a few attempts, each logged, before calling it a failure.
        let mut last_error = None;
        for attempt in 1..=3 {
            let connector = hyper_util::client::legacy::connect::HttpConnector::new();
            match ClientBuilder::new(connector)
                .capabilities(caps.clone())
                .connect(&self.url)
                .await
            {
                Ok(client) => return client,
                Err(e) => {
                    eprintln!("WebDriver session attempt {attempt} failed: {e}");
                    last_error = Some(e);
                    tokio::time::sleep(std::time::Duration::from_secs(1)).await;
                }
            }
        }
        panic!("no WebDriver session with the Gatehouse window: {last_error:?}");
    }
}

impl Drop for TauriDriver {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Waits for the element `css`, failing the test with the page's text if it never shows.
pub async fn wait_for(client: &Client, css: &str) -> fantoccini::elements::Element {
    match client
        .wait()
        .at_most(Duration::from_secs(20))
        .for_element(Locator::Css(css))
        .await
    {
        Ok(element) => element,
        Err(e) => {
            let text = match client.find(Locator::Css("body")).await {
                Ok(body) => body.text().await.unwrap_or_default(),
                Err(_) => String::new(),
            };
            panic!("{css} never appeared ({e}); the page said: {text}");
        }
    }
}

/// Saves a screenshot of the window as target/e2e/NAME.png and returns its path.
pub async fn screenshot(client: &Client, name: &str) -> PathBuf {
    let png = client.screenshot().await.expect("screenshot");
    assert!(png.starts_with(b"\x89PNG"), "the screenshot is not a PNG");
    let path = artifacts_dir().join(format!("{name}.png"));
    std::fs::write(&path, png).expect("write screenshot");
    path
}
