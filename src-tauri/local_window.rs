//! The local UI's window: the only webview a capability names (capabilities/default.json), the
//! only one views go to, and it never leaves the bundled origin. It is built here rather than
//! from tauri.conf.json so that its navigation is guarded from the first page.

use tauri::webview::NewWindowResponse;
use tauri::{AppHandle, Manager, Runtime, Url, WebviewWindow, WebviewWindowBuilder, WindowEvent};

/// The local UI's window label (tauri.conf.json; capabilities/default.json names it).
pub const LABEL: &str = "main";

/// Builds the window from its configuration with the navigation guard in place, and steps it back
/// instead of closing it while the workspace's window is open.
pub fn build<R: Runtime>(app: &AppHandle<R>) -> tauri::Result<WebviewWindow<R>> {
    let config = app
        .config()
        .app
        .windows
        .iter()
        .find(|w| w.label == LABEL)
        .cloned()
        .expect("tauri.conf.json declares the main window");
    let window = WebviewWindowBuilder::from_config(app, &config)?
        .on_navigation(|url| {
            let local = is_local(url);
            if !local {
                tracing::warn!(
                    to = %crate::workspace_guard::loggable(url),
                    "the local UI's window may not leave the bundled origin: refused"
                );
            }
            local
        })
        .on_new_window(|url, _| {
            tracing::warn!(
                to = %crate::workspace_guard::loggable(&url),
                "the local UI opens no window: refused"
            );
            NewWindowResponse::Deny
        })
        .build()?;
    // While the workspace's window is open, closing this one only steps it back: views and the
    // session's local screens still need it.
    let (app, hidden) = (app.clone(), window.clone());
    window.on_window_event(move |event| {
        if let WindowEvent::CloseRequested { api, .. } = event {
            // Recovery codes on screen and not yet saved: the first close is kept back to say
            // they will not be shown again (the machine decides; a second close goes through).
            let gate = app.try_state::<crate::shell::Gatehouse>();
            if gate.is_some_and(|g| !g.close_requested()) {
                api.prevent_close();
                return;
            }
            if app.get_webview_window(crate::workspace::LABEL).is_some() {
                api.prevent_close();
                let _ = hidden.hide();
            }
        }
    });
    Ok(window)
}

/// The local UI's window, when it exists.
pub fn window<R: Runtime>(app: &AppHandle<R>) -> Option<WebviewWindow<R>> {
    app.get_webview_window(LABEL)
}

/// Brings the local UI's window to the front.
pub fn show<R: Runtime>(app: &AppHandle<R>) {
    if let Some(window) = window(app) {
        let _ = window.unminimize();
        let _ = window.show();
        let _ = window.set_focus();
    }
}

/// The bundled UI's origin, exactly: `tauri://localhost` (Linux, macOS) or
/// `http://tauri.localhost` on its default port (Windows). Nothing else counts as local — not
/// another `tauri:` host, not another port, not `about:blank`.
pub fn is_local(url: &Url) -> bool {
    let host = url.host_str();
    match url.scheme() {
        "tauri" => host == Some("localhost") && url.port().is_none(),
        "http" => host == Some("tauri.localhost") && url.port().is_none(),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::is_local;
    use tauri::Url;

    #[test]
    fn only_the_bundled_origin_is_local() {
        for local in [
            "tauri://localhost",
            "tauri://localhost/",
            "tauri://localhost/index.html?x=1#y",
            "http://tauri.localhost/",
            "http://tauri.localhost:80/index.html",
        ] {
            assert!(is_local(&Url::parse(local).unwrap()), "{local}");
        }
        for other in [
            "tauri://evil/",
            "tauri://localhost:8080/",
            "http://tauri.localhost:8080/",
            "https://tauri.localhost/",
            "http://tauri.localhost.evil.com/",
            "http://localhost/",
            "about:blank",
            "ipc://localhost/",
            "https://work.example.com/",
            "file:///index.html",
        ] {
            assert!(!is_local(&Url::parse(other).unwrap()), "{other}");
        }
    }
}
