//! The company's workspace in Gatehouse's window. The window is built here (not from
//! tauri.conf.json) so that its navigation is guarded from the first page: it shows the local
//! sign-in UI, or — while a session lives and a `[workspace]` is configured — the workspace, with
//! the session JWT (never the session token) as the `stytch_session_jwt` cookie Stytch's own
//! frontend SDKs use. The workspace is a remote origin: the window's capability covers the local
//! UI only, so the workspace can call no Gatehouse command. Anything off the workspace's origins,
//! and every new window, goes to the system browser. A workspace page that cannot be loaded
//! brings back the local signed-in screen, which says why and offers Try again and Sign out.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

use gatehouse_core::config::Workspace;
use gatehouse_core::{JwtEvent, SignIn};
use tauri::webview::{cookie::SameSite, Cookie, NewWindowResponse, PageLoadEvent};
use tauri::{AppHandle, Emitter, Manager, Runtime, Url, WebviewWindow, WebviewWindowBuilder};
use tauri_plugin_opener::OpenerExt;
use zeroize::Zeroizing;

pub const WINDOW: &str = "main";

/// Whether the window shows the local UI, the only page views may go to: Tauri delivers an event
/// to whatever page the window shows, and the workspace is a remote page (which must never see a
/// view: recovery codes, the setup key). Cleared as soon as a load of another page starts; set
/// once the local UI has finished loading (which then reads the current view itself).
static LOCAL_UI_SHOWN: AtomicBool = AtomicBool::new(true);

/// May a view be sent to the window now (see [`LOCAL_UI_SHOWN`])?
pub fn local_ui_shown() -> bool {
    LOCAL_UI_SHOWN.load(Ordering::SeqCst)
}
/// The cookie Stytch's frontend SDKs keep the session JWT in (stytch-browser, `session_jwt`
/// cookie name `stytch_session_jwt`).
pub const COOKIE: &str = "stytch_session_jwt";

/// Builds the window from its configuration with the navigation guard in place.
pub fn build_window<R: Runtime>(
    app: &AppHandle<R>,
    workspace: Option<Workspace>,
) -> tauri::Result<WebviewWindow<R>> {
    let config = app
        .config()
        .app
        .windows
        .iter()
        .find(|w| w.label == WINDOW)
        .cloned()
        .expect("tauri.conf.json declares the main window");
    let on_navigation = {
        let app = app.clone();
        let workspace = workspace.clone();
        move |url: &Url| {
            let allowed = is_local(url) || workspace.as_ref().is_some_and(|w| w.allows(url));
            if !allowed {
                to_browser(&app, url);
            }
            allowed
        }
    };
    let on_new_window = {
        let app = app.clone();
        move |url: Url, _features| {
            to_browser(&app, &url);
            NewWindowResponse::Deny
        }
    };
    WebviewWindowBuilder::from_config(app, &config)?
        .on_navigation(on_navigation)
        .on_new_window(on_new_window)
        .initialization_script(FOLLOW_NEW_WINDOW_LINKS)
        .on_page_load(|window, page| {
            let local = is_local(page.url());
            match page.event() {
                PageLoadEvent::Started if !local => LOCAL_UI_SHOWN.store(false, Ordering::SeqCst),
                PageLoadEvent::Finished if local => {
                    LOCAL_UI_SHOWN.store(true, Ordering::SeqCst);
                    // A view that changed while the page loaded was not sent: send the latest.
                    if let Some(gate) = window.try_state::<crate::Gatehouse>() {
                        let _ = window.emit("view", gate.view());
                    }
                }
                _ => {}
            }
        })
        .build()
}

/// A link that asks for a new window (`target="_blank"`) is followed in this one, so that the
/// navigation guard decides: the workspace's own pages stay here, every other origin goes to the
/// system browser. WebKitGTK asks the app nothing for such a click (no new-window request), so
/// without this the link would do nothing at all. A page that handles the click itself
/// (`preventDefault`) keeps it.
const FOLLOW_NEW_WINDOW_LINKS: &str = r#"
document.addEventListener("click", function (event) {
  var link = event.target instanceof Element ? event.target.closest("a[href][target]") : null;
  if (!link || event.defaultPrevented || event.button !== 0) return;
  var target = link.target.toLowerCase();
  if (target === "" || target === "_self" || target === "_top" || target === "_parent") return;
  event.preventDefault();
  window.location.assign(link.href);
});
"#;

/// The local UI's own pages (tauri://localhost on Linux and macOS, http://tauri.localhost on
/// Windows), and the blank page.
fn is_local(url: &Url) -> bool {
    url.scheme() == "tauri"
        || url.host_str() == Some("tauri.localhost")
        || url.as_str() == "about:blank"
}

fn to_browser<R: Runtime>(app: &AppHandle<R>, url: &Url) {
    tracing::info!(url = %url, "off the workspace: opened in the system browser");
    if let Err(e) = app.opener().open_url(url.as_str(), None::<&str>) {
        tracing::warn!("could not open the system browser: {e}");
    }
}

/// Shows the workspace while the machine holds a session JWT, and the local UI otherwise.
pub fn follow_session<R: Runtime>(app: &AppHandle<R>, machine: &Arc<SignIn>, workspace: Workspace) {
    let Some(window) = app.get_webview_window(WINDOW) else {
        return;
    };
    let local = window.url().ok();
    if let Some(local) = &local {
        on_load_failure(&window, machine, &workspace, local);
    }
    machine.on_session_jwt(Box::new(move |event| {
        let (window, workspace, local) = (window.clone(), workspace.clone(), local.clone());
        if let JwtEvent::Pause = event {
            // New recovery codes are on the local screen: it comes to the front, cookie kept.
            back_to_local(&window, local);
            return;
        }
        let event = match event {
            JwtEvent::Open(jwt) => Some((Zeroizing::new(jwt.expose().to_owned()), true)),
            JwtEvent::Renewed(jwt) => Some((Zeroizing::new(jwt.expose().to_owned()), false)),
            JwtEvent::Pause | JwtEvent::Ended => None,
        };
        // Cookie calls wait on the event loop: never from its own thread, never under the
        // machine's lock (this closure runs under it), so on a thread of their own.
        std::thread::spawn(move || match event {
            Some((jwt, open)) => show(&window, &workspace, &jwt, open),
            None => leave(&window, &workspace, local),
        });
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

/// Sets (or replaces) the cookie; opens the workspace when asked to.
fn show<R: Runtime>(window: &WebviewWindow<R>, workspace: &Workspace, jwt: &str, open: bool) {
    if let Err(e) = window.set_cookie(cookie(workspace, jwt.to_owned())) {
        tracing::warn!("could not set the workspace's cookie: {e}");
        return;
    }
    if open {
        tracing::info!(workspace = %workspace.url, "opening the workspace");
        if let Err(e) = window.navigate(workspace.url.clone()) {
            tracing::warn!("could not open the workspace: {e}");
        }
    } else {
        tracing::info!("the workspace's cookie was renewed");
    }
}

/// The session ended: the cookie and every trace of the workspace go, and the local UI returns.
fn leave<R: Runtime>(window: &WebviewWindow<R>, workspace: &Workspace, local: Option<Url>) {
    if let Err(e) = window.delete_cookie(cookie(workspace, String::new())) {
        tracing::warn!("could not delete the workspace's cookie: {e}");
    }
    if let Err(e) = window.clear_all_browsing_data() {
        tracing::warn!("could not clear the workspace's browsing data: {e}");
    }
    let left = window
        .cookies_for_url(workspace.url.clone())
        .map(|c| c.iter().filter(|c| c.name() == COOKIE).count());
    tracing::info!(cookies_left = ?left, "the workspace was closed");
    back_to_local(window, local);
}

fn back_to_local<R: Runtime>(window: &WebviewWindow<R>, local: Option<Url>) {
    if let Some(local) = local {
        if window.url().is_ok_and(|u| !is_local(&u)) {
            let _ = window.navigate(local);
        }
    }
}

/// A workspace page that cannot be loaded (no network, DNS, TLS, refused) brings back the local
/// UI, and the machine's signed-in screen says why. WebKitGTK's `load-failed` signal; navigations
/// the guard cancelled and pages off the workspace are not failures of the workspace.
#[cfg(target_os = "linux")]
fn on_load_failure<R: Runtime>(
    window: &WebviewWindow<R>,
    machine: &Arc<SignIn>,
    workspace: &Workspace,
    local: &Url,
) {
    use webkit2gtk::{NetworkError, PolicyError, WebViewExt};
    let (machine, workspace, local) = (machine.clone(), workspace.clone(), local.clone());
    let wired = window.with_webview(move |webview| {
        webview
            .inner()
            .connect_load_failed(move |view, _event, uri, error| {
                let on_workspace = Url::parse(uri).is_ok_and(|u| workspace.allows(&u));
                let cancelled = error.matches(NetworkError::Cancelled) || error.is::<PolicyError>();
                if !on_workspace || cancelled {
                    return false;
                }
                // The failing URL may carry the workspace's own query: only its host is logged.
                let host = workspace.url.host_str().unwrap_or_default().to_owned();
                tracing::warn!(%host, error = %error, "the workspace's page could not be loaded");
                view.load_uri(local.as_str());
                let (machine, reason) = (machine.clone(), error.to_string());
                tauri::async_runtime::spawn(async move { machine.workspace_failed(reason).await });
                true
            });
    });
    if let Err(e) = wired {
        tracing::warn!("could not watch the workspace's page loads: {e}");
    }
}

/// Other platforms: not wired yet (WebView2's NavigationCompleted with `IsSuccess` false, WKWebView's
/// didFailProvisionalNavigation); they cannot be compiled on the Linux machines this is built on.
#[cfg(not(target_os = "linux"))]
fn on_load_failure<R: Runtime>(
    _window: &WebviewWindow<R>,
    _machine: &Arc<SignIn>,
    _workspace: &Workspace,
    _local: &Url,
) {
}
