//! What the workspace's page may do with the window and the desktop, decided from the URL alone
//! (no webview here, so every rule is a unit test). The page is hostile until proven otherwise:
//!
//! - it navigates only within the workspace's origins, over http(s); every other navigation —
//!   top level or a frame, `smb:`, `file:`, `gatehouse:`, the local UI's `tauri:` — is refused
//!   and opens nothing;
//! - the system browser gets only what a person asked for: a new window (a `target="_blank"`
//!   link, `window.open`, which WebKit allows only in answer to a click) or a link clicked off the
//!   workspace (see [`FOLLOW_LINKS`]), only `http`/`https`, and at most one per [`BROWSER_GAP`];
//! - downloads are refused;
//! - what is logged of a refused URL is its scheme and host, never the whole URL (its query can
//!   carry tokens).

use std::sync::Mutex;
use std::time::{Duration, Instant};

use gatehouse_core::config::Workspace;
use tauri::Url;

/// A navigation of the workspace's webview (its page or a frame in it).
#[derive(Debug, PartialEq, Eq)]
pub enum Navigation {
    Stay,
    Refuse,
}

/// A request from the page for a new window.
#[derive(Debug, PartialEq, Eq)]
pub enum NewWindow {
    /// One of the workspace's own pages: shown in the workspace's window.
    Here,
    /// Off the workspace, over http(s), asked for by a person: the system browser.
    Browser,
    /// Anything else: nothing opens.
    Refuse,
}

pub fn navigation(workspace: &Workspace, url: &Url) -> Navigation {
    if is_web(url) && workspace.allows(url) {
        Navigation::Stay
    } else {
        Navigation::Refuse
    }
}

pub fn new_window(workspace: &Workspace, url: &Url) -> NewWindow {
    match (is_web(url), workspace.allows(url)) {
        (true, true) => NewWindow::Here,
        (true, false) => NewWindow::Browser,
        (false, _) => NewWindow::Refuse,
    }
}

fn is_web(url: &Url) -> bool {
    matches!(url.scheme(), "http" | "https")
}

/// The part of a URL that may be logged: its scheme and host (never path, query or fragment).
pub fn loggable(url: &Url) -> String {
    match url.host_str() {
        Some(host) => format!("{}://{host}", url.scheme()),
        None => format!("{}:", url.scheme()),
    }
}

/// The shortest time between two URLs handed to the system browser: a page that fires a burst
/// of `window.open` from one click opens one browser tab, not a hundred.
pub const BROWSER_GAP: Duration = Duration::from_millis(750);

/// Lets one URL through to the system browser per [`BROWSER_GAP`].
#[derive(Default)]
pub struct BrowserLimit {
    last: Mutex<Option<Instant>>,
}

impl BrowserLimit {
    /// Whether a URL may be opened at `now` (and, if so, counts it).
    pub fn allow(&self, now: Instant) -> bool {
        let mut last = self.last.lock().unwrap_or_else(|e| e.into_inner());
        match *last {
            Some(at) if now.saturating_duration_since(at) < BROWSER_GAP => false,
            _ => {
                *last = Some(now);
                true
            }
        }
    }
}

/// Injected into the workspace's pages. A clicked link that leaves the page's origin, or asks
/// for a new window, becomes a `window.open` inside the click (so WebKit counts it as asked for
/// by a person) and reaches the new-window rule: the workspace's own pages stay in its window,
/// the rest goes to the system browser. Without it, a plain link off the workspace would be
/// refused by the navigation rule and do nothing; a frame or a script's navigation never comes
/// here. `open` is kept from before any page script runs. A page that handles the click itself
/// (`preventDefault`) keeps it.
pub const FOLLOW_LINKS: &str = r#"
(function () {
  var open = window.open.bind(window);
  document.addEventListener("click", function (event) {
    var link = event.target instanceof Element ? event.target.closest("a[href]") : null;
    if (!link || event.defaultPrevented || event.button !== 0) return;
    var target = (link.getAttribute("target") || "").toLowerCase();
    var newWindow = !(target === "" || target === "_self" || target === "_top" || target === "_parent");
    var url;
    try { url = new URL(link.href, location.href); } catch (e) { return; }
    if (!newWindow && url.origin === location.origin) return;
    event.preventDefault();
    open(url.href);
  });
})();
"#;

#[cfg(test)]
mod tests {
    use super::*;

    fn workspace() -> Workspace {
        Workspace {
            url: Url::parse("https://work.example.com/home").unwrap(),
            name: "Work".into(),
            allowed_origins: vec![Url::parse("https://sso.example.com").unwrap().origin()],
        }
    }

    fn url(s: &str) -> Url {
        Url::parse(s).unwrap()
    }

    #[test]
    fn the_page_navigates_only_within_the_workspace_s_origins() {
        let w = workspace();
        assert_eq!(
            navigation(&w, &url("https://work.example.com/other?x=1")),
            Navigation::Stay
        );
        assert_eq!(
            navigation(&w, &url("https://sso.example.com/login")),
            Navigation::Stay
        );
        for refused in [
            "https://example.com/elsewhere",
            "http://work.example.com/home",
            "https://work.example.com:8443/home",
            "tauri://localhost/",
            "tauri://localhost/index.html",
            "http://tauri.localhost/",
            "ipc://localhost/sign_out",
            "smb://fileserver/share",
            "file:///etc/passwd",
            "gatehouse://auth/callback?token=x",
            "about:blank",
            "data:text/html,<p>hi</p>",
            "javascript:alert(1)",
            "blob:https://work.example.com/1234",
        ] {
            assert_eq!(
                navigation(&w, &url(refused)),
                Navigation::Refuse,
                "{refused}"
            );
        }
    }

    #[test]
    fn new_windows_stay_in_the_workspace_go_to_the_browser_over_http_or_open_nothing() {
        let w = workspace();
        assert_eq!(
            new_window(&w, &url("https://work.example.com/doc")),
            NewWindow::Here
        );
        assert_eq!(
            new_window(&w, &url("https://example.com/elsewhere")),
            NewWindow::Browser
        );
        assert_eq!(
            new_window(&w, &url("http://example.com/")),
            NewWindow::Browser
        );
        for refused in [
            "smb://fileserver/share",
            "file:///home",
            "gatehouse://auth/callback?token=x",
            "tauri://localhost/",
            "mailto:someone@example.com",
            "ftp://example.com/",
            "javascript:alert(1)",
        ] {
            assert_eq!(
                new_window(&w, &url(refused)),
                NewWindow::Refuse,
                "{refused}"
            );
        }
    }

    #[test]
    fn only_the_scheme_and_host_of_a_url_are_logged() {
        assert_eq!(
            loggable(&url("https://example.com/path?token=secret#frag")),
            "https://example.com"
        );
        assert_eq!(
            loggable(&url("smb://fileserver/share/secret")),
            "smb://fileserver"
        );
        assert_eq!(loggable(&url("file:///etc/passwd")), "file:");
        assert_eq!(
            loggable(&url("javascript:steal(document.cookie)")),
            "javascript:"
        );
    }

    #[test]
    fn a_burst_opens_the_browser_once() {
        let limit = BrowserLimit::default();
        let start = Instant::now();
        assert!(limit.allow(start));
        for ms in [0, 1, 10, 500, 749] {
            assert!(!limit.allow(start + Duration::from_millis(ms)), "{ms} ms");
        }
        assert!(limit.allow(start + BROWSER_GAP));
        assert!(!limit.allow(start + BROWSER_GAP + Duration::from_millis(1)));
    }
}
