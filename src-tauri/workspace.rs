//! The company's workspace, in a window and webview of its own (label [`LABEL`], named by no
//! capability: its pages can call no Gatehouse command, and no view or event is ever sent to it).
//! While a session lives and a `[workspace]` is configured it shows the workspace with the
//! session JWT (never the session token) as the `stytch_session_jwt` cookie Stytch's frontend
//! SDKs use; what the page may do is decided in [`crate::workspace_guard`]. The local UI's window
//! steps back while the workspace shows and comes forward when the session needs it (new
//! recovery codes, the session ended, the page could not be loaded). Sign-out deletes the cookie,
//! clears the browsing data and closes the window. Closing the workspace's window closes
//! Gatehouse, as closing its only window did.
//!
//! Both webviews share the platform's default website data store (so that the cookie can be set
//! before the workspace's first request, and so that WebDriver, which drives one store, reaches
//! both in tests); origins keep them apart: the local UI's own storage is `tauri://localhost`'s.

use std::sync::Arc;
use std::time::Instant;

use gatehouse_core::config::Workspace;
use gatehouse_core::{JwtEvent, Machine};
use tauri::webview::{cookie::SameSite, Cookie, DownloadEvent, NewWindowResponse};
use tauri::{
    AppHandle, Manager, Runtime, Url, WebviewUrl, WebviewWindow, WebviewWindowBuilder, WindowEvent,
};
use tauri_plugin_opener::OpenerExt;
use zeroize::Zeroizing;

use crate::local_window;
use crate::workspace_guard::{self, BrowserLimit, Navigation, NewWindow};

/// The workspace window's label. No capability names it.
pub const LABEL: &str = "workspace";

/// The cookie Stytch's frontend SDKs keep the session JWT in (stytch-browser, `session_jwt`
/// cookie name `stytch_session_jwt`).
pub const COOKIE: &str = "stytch_session_jwt";

/// What the session's JWT events ask of the windows, in the order the session reported them.
enum Step {
    /// Set (or replace) the cookie; open the workspace too.
    Cookie { jwt: Zeroizing<String>, open: bool },
    /// New recovery codes are on the local screen: it comes to the front, cookie kept.
    Local,
    /// The session ended.
    Leave,
}

/// Shows the workspace while the machine holds a session JWT, and the local UI otherwise.
/// Window and cookie calls wait on the event loop: never from its own thread, never under the
/// machine's lock (the observer runs under it). So one thread of their own takes the steps in
/// order: a sign-out right after a sign-in can never be overtaken by the opening it follows.
pub fn follow_session<R: Runtime>(
    app: &AppHandle<R>,
    machine: &Arc<Machine>,
    workspace: Workspace,
) {
    let (steps, next) = std::sync::mpsc::channel::<Step>();
    let (app, on_failure) = (app.clone(), machine.clone());
    let worker = std::thread::Builder::new()
        .name("workspace".into())
        .spawn(move || {
            let limit = Arc::new(BrowserLimit::default());
            for step in next {
                match step {
                    Step::Cookie { jwt, open } => {
                        if set_cookie(&app, &workspace, &jwt) && open {
                            show(&app, &on_failure, &workspace, &limit);
                        }
                    }
                    Step::Local => local_window::show(&app),
                    Step::Leave => leave(&app, &workspace),
                }
            }
        });
    if let Err(e) = worker {
        tracing::warn!("could not start the workspace's thread: {e}");
        return;
    }
    machine.on_session_jwt(Box::new(move |event| {
        let step = match event {
            JwtEvent::Open(jwt) => Step::Cookie {
                jwt: Zeroizing::new(jwt.expose().to_owned()),
                open: true,
            },
            JwtEvent::Renewed(jwt) => Step::Cookie {
                jwt: Zeroizing::new(jwt.expose().to_owned()),
                open: false,
            },
            JwtEvent::Pause => Step::Local,
            JwtEvent::Ended => Step::Leave,
        };
        let _ = steps.send(step);
    }));
}

fn cookie(workspace: &Workspace, value: String) -> Cookie<'static> {
    let host = workspace.url.host_str().unwrap_or_default().to_owned();
    Cookie::build((COOKIE, value))
        .domain(host)
        .path("/")
        .http_only(true)
        .secure(workspace.url.scheme() == "https")
        .same_site(SameSite::Lax)
        .build()
}

/// Sets (or replaces) the cookie in the shared store, through the local UI's webview (which
/// always exists, so the cookie is there before the workspace's first request).
fn set_cookie<R: Runtime>(app: &AppHandle<R>, workspace: &Workspace, jwt: &str) -> bool {
    let Some(local) = local_window::window(app) else {
        return false;
    };
    match local.set_cookie(cookie(workspace, jwt.to_owned())) {
        Ok(()) => {
            tracing::info!("the workspace's cookie was set");
            true
        }
        Err(e) => {
            tracing::warn!("could not set the workspace's cookie: {e}");
            false
        }
    }
}

/// Opens the workspace's window (or brings it back), and steps the local UI back.
fn show<R: Runtime>(
    app: &AppHandle<R>,
    machine: &Arc<Machine>,
    workspace: &Workspace,
    limit: &Arc<BrowserLimit>,
) {
    tracing::info!(workspace = %workspace_guard::loggable(&workspace.url), "opening the workspace");
    let (window, built) = match app.get_webview_window(LABEL) {
        Some(window) => (window, false),
        None => match build(app, machine, workspace, limit) {
            Ok(window) => (window, true),
            Err(e) => {
                tracing::warn!("could not open the workspace's window: {e}");
                return;
            }
        },
    };
    let _ = window.show();
    let _ = window.set_focus();
    if let Some(local) = local_window::window(app) {
        let _ = local.hide();
    }
    // Loaded last, once its failure and download hooks are wired and the local window has
    // stepped back: a page that fails at once brings the local window back, not the reverse.
    if built {
        if let Err(e) = window.navigate(workspace.url.clone()) {
            tracing::warn!("could not open the workspace: {e}");
        }
    }
}

fn build<R: Runtime>(
    app: &AppHandle<R>,
    machine: &Arc<Machine>,
    workspace: &Workspace,
    limit: &Arc<BrowserLimit>,
) -> tauri::Result<WebviewWindow<R>> {
    let on_navigation = {
        let workspace = workspace.clone();
        move |url: &Url| match workspace_guard::navigation(&workspace, url) {
            Navigation::Stay => true,
            Navigation::Refuse => {
                tracing::warn!(to = %workspace_guard::loggable(url), "the workspace's page may not go there: refused");
                false
            }
        }
    };
    let on_new_window = {
        let (app, workspace, limit) = (app.clone(), workspace.clone(), limit.clone());
        move |url: Url, _features| {
            match workspace_guard::new_window(&workspace, &url) {
                NewWindow::Here => {
                    if let Some(window) = app.get_webview_window(LABEL) {
                        let _ = window.navigate(url);
                    }
                }
                NewWindow::Browser if limit.allow(Instant::now()) => to_browser(&app, &url),
                NewWindow::Browser => tracing::warn!(
                    to = %workspace_guard::loggable(&url),
                    "the workspace asked for the system browser again at once: refused"
                ),
                NewWindow::Refuse => tracing::warn!(
                    to = %workspace_guard::loggable(&url),
                    "the workspace asked for a window Gatehouse does not open: refused"
                ),
            }
            NewWindowResponse::Deny
        }
    };
    let mut builder = WebviewWindowBuilder::new(app, LABEL, WebviewUrl::External(blank()));
    // The app's menu (Sign out, its shortcut) on this window, every time it is built (see
    // `close`).
    if let Some(menu) = app.menu() {
        builder = builder.menu(menu);
    }
    let window = builder
        .title(format!("{} — Gatehouse", workspace.name))
        .inner_size(1100.0, 760.0)
        .min_inner_size(480.0, 400.0)
        .center()
        .on_navigation(on_navigation)
        .on_new_window(on_new_window)
        .on_download(|_, event| {
            if let DownloadEvent::Requested { url, .. } = event {
                tracing::warn!(from = %workspace_guard::loggable(&url), "the workspace started a download: refused");
            }
            false
        })
        .initialization_script(workspace_guard::FOLLOW_LINKS)
        .build()?;
    let app_on_close = app.clone();
    window.on_window_event(move |event| {
        // A person closing the workspace closes Gatehouse (its local window is behind it).
        if let WindowEvent::CloseRequested { .. } = event {
            app_on_close.exit(0);
        }
    });
    on_load_failure(&window, machine, workspace);
    refuse_downloads(&window);
    Ok(window)
}

/// The page the workspace's window is built on: nothing, until `show` loads the workspace.
fn blank() -> Url {
    Url::parse("about:blank").expect("about:blank is a URL")
}

fn to_browser<R: Runtime>(app: &AppHandle<R>, url: &Url) {
    tracing::info!(to = %workspace_guard::loggable(url), "off the workspace: opened in the system browser");
    if let Err(e) = app.opener().open_url(url.as_str(), None::<&str>) {
        tracing::warn!("could not open the system browser: {e}");
    }
}

/// The session ended: the cookie and every trace of the workspace go, its window closes, and the
/// local UI comes back.
fn leave<R: Runtime>(app: &AppHandle<R>, workspace: &Workspace) {
    if let Some(local) = local_window::window(app) {
        if let Err(e) = local.delete_cookie(cookie(workspace, String::new())) {
            tracing::warn!("could not delete the workspace's cookie: {e}");
        }
        if let Err(e) = local.clear_all_browsing_data() {
            tracing::warn!("could not clear the workspace's browsing data: {e}");
        }
        let left = local
            .cookies_for_url(workspace.url.clone())
            .map(|c| c.iter().filter(|c| c.name() == COOKIE).count());
        tracing::info!(cookies_left = ?left, "the workspace's cookie was deleted");
    }
    close(app);
}

/// Closes the workspace's window (not Gatehouse) and brings the local UI back.
fn close<R: Runtime>(app: &AppHandle<R>) {
    local_window::show(app);
    if let Some(window) = app.get_webview_window(LABEL) {
        // The menu first: muda knows a GTK window by its address, which the next window built
        // may reuse; not taken off, it would find "already initialized" there and give that
        // window no menu bar and no Ctrl+Shift+L (measured: a workspace reopened after a
        // failure had neither).
        let _ = window.remove_menu();
        match window.destroy() {
            Ok(()) => tracing::info!("the workspace was closed"),
            Err(e) => tracing::warn!("could not close the workspace's window: {e}"),
        }
    }
}

/// A workspace page that cannot be loaded (no network, DNS, TLS, refused) closes the workspace's
/// window; the local signed-in screen says why and offers Try again. WebKitGTK's `load-failed`
/// signal; navigations the guard cancelled and pages off the workspace are not failures of it.
#[cfg(target_os = "linux")]
fn on_load_failure<R: Runtime>(
    window: &WebviewWindow<R>,
    machine: &Arc<Machine>,
    workspace: &Workspace,
) {
    use webkit2gtk::{NetworkError, PolicyError, WebViewExt};
    let (app, machine, workspace) = (
        window.app_handle().clone(),
        machine.clone(),
        workspace.clone(),
    );
    let wired = window.with_webview(move |webview| {
        webview.inner().connect_load_failed(move |_view, _event, uri, error| {
            let on_workspace = Url::parse(uri).is_ok_and(|u| workspace.allows(&u));
            let cancelled = error.matches(NetworkError::Cancelled) || error.is::<PolicyError>();
            if !on_workspace || cancelled {
                return false;
            }
            // The failing URL may carry the workspace's own query: only its host is logged.
            tracing::warn!(host = %workspace_guard::loggable(&workspace.url), error = %error, "the workspace's page could not be loaded");
            let (app, machine, reason) = (app.clone(), machine.clone(), error.to_string());
            // Not from inside the webview's own signal: the window goes on a thread of its own.
            std::thread::spawn(move || close(&app));
            tauri::async_runtime::spawn(async move { machine.workspace_failed(reason).await });
            true
        });
    });
    if let Err(e) = wired {
        tracing::warn!("could not watch the workspace's page loads: {e}");
    }
}

/// Downloads are refused. Tauri's `on_download` (above) is not enough on WebKitGTK: measured, a
/// hostile page's downloads were still saved with it alone. So here, on the webview itself: a
/// response the webview cannot show (which WebKit would download) is ignored, and any download
/// that starts in its web context is cancelled before it has a destination.
#[cfg(target_os = "linux")]
fn refuse_downloads<R: Runtime>(window: &WebviewWindow<R>) {
    use webkit2gtk::glib::Cast;
    use webkit2gtk::{
        DownloadExt, PolicyDecisionExt, PolicyDecisionType, ResponsePolicyDecision,
        ResponsePolicyDecisionExt, URIRequestExt, WebContextExt, WebViewExt,
    };
    fn refused(uri: Option<&str>) {
        let from = uri.and_then(|u| Url::parse(u).ok());
        let from = from.as_ref().map_or("-".into(), workspace_guard::loggable);
        tracing::warn!(%from, "the workspace started a download: refused");
    }
    let wired = window.with_webview(|webview| {
        let view = webview.inner();
        view.connect_decide_policy(|_, decision, kind| {
            if kind != PolicyDecisionType::Response {
                return false;
            }
            let Some(response) = decision.downcast_ref::<ResponsePolicyDecision>() else {
                return false;
            };
            if response.is_mime_type_supported() {
                return false;
            }
            let uri = response.request().and_then(|r| r.uri());
            refused(uri.as_deref());
            decision.ignore();
            true
        });
        if let Some(context) = view.context() {
            context.connect_download_started(|_, download| {
                let uri = download.request().and_then(|r| r.uri());
                refused(uri.as_deref());
                download.cancel();
            });
        }
    });
    if let Err(e) = wired {
        tracing::warn!("could not refuse the workspace's downloads: {e}");
    }
}

#[cfg(not(target_os = "linux"))]
fn refuse_downloads<R: Runtime>(_window: &WebviewWindow<R>) {}

/// Other platforms: not wired yet (WebView2's NavigationCompleted with `IsSuccess` false, WKWebView's
/// didFailProvisionalNavigation); they cannot be compiled on the Linux machines this is built on.
#[cfg(not(target_os = "linux"))]
fn on_load_failure<R: Runtime>(
    _window: &WebviewWindow<R>,
    _machine: &Arc<Machine>,
    _workspace: &Workspace,
) {
}
