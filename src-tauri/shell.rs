//! The Tauri side of the app: reads the configuration, builds the sign-in core, forwards deep
//! links to it, and emits its views to the webview. Nothing here holds a secret itself.

use std::sync::Arc;

use gatehouse_core::config::{self, ConfigError, CLIPBOARD_FORGET};
use gatehouse_core::i18n::{Catalog, Text};
use gatehouse_core::view::Screen;
use gatehouse_core::{CommandError, Machine, Parts, SystemClock, Vaults, View};
use tauri::{AppHandle, Emitter, EventTarget, Manager, Runtime};
use tauri_plugin_deep_link::DeepLinkExt;

use crate::keychain::{
    Keychain, PENDING_SIGN_IN_ACCOUNT, REVOCATIONS_ACCOUNT, SESSION_ACCOUNT, UNSAVED_CODES_ACCOUNT,
};

/// The app's state: the sign-in machine, or — when the configuration is unusable — only the
/// screen that says what is wrong.
pub struct Gatehouse {
    machine: Option<Arc<Machine>>,
    broken: View,
}

impl Gatehouse {
    /// The state for a working machine.
    pub fn new(machine: Arc<Machine>) -> Self {
        Self {
            machine: Some(machine),
            broken: View::starting(false, &Catalog::english()),
        }
    }

    /// How long a copied secret stays on the clipboard: the configuration's (its default when
    /// the configuration is broken).
    pub fn clipboard_forget(&self) -> std::time::Duration {
        self.machine
            .as_ref()
            .map_or(CLIPBOARD_FORGET, |m| m.config().clipboard_forget)
    }

    /// Whether the local window may close now (see [`Machine::close_requested`]).
    pub fn close_requested(&self) -> bool {
        self.machine.as_ref().is_none_or(|m| m.close_requested())
    }

    pub fn view(&self) -> View {
        match &self.machine {
            Some(machine) => machine.view(),
            None => self.broken.clone(),
        }
    }

    /// Runs an intent on the machine; with a broken configuration there is none to run.
    pub async fn run<F, Fut, T>(&self, intent: F) -> Result<T, CommandError>
    where
        F: FnOnce(Arc<Machine>) -> Fut,
        Fut: std::future::Future<Output = T>,
    {
        // No machine: the language the configuration error's screen speaks.
        let machine = self.machine.clone().ok_or_else(|| {
            let language =
                gatehouse_core::i18n::negotiate(std::slice::from_ref(&self.broken.locale));
            CommandError::not_configured(&Catalog::new(language))
        })?;
        Ok(intent(machine).await)
    }
}

/// An observer that sends every view as the `view` event to the local UI's webview, by its
/// label: never to any other (the workspace's remote page must never see one: recovery codes,
/// the setup key). The native window's title follows the view's.
pub fn emit_views<R: Runtime>(app: AppHandle<R>) -> gatehouse_core::machine::Observer {
    let target = EventTarget::webview_window(crate::local_window::LABEL);
    let titled = std::sync::Mutex::new(String::new());
    Box::new(move |view: &View| {
        let _ = app.emit_to(target.clone(), "view", view);
        let mut last = titled.lock().unwrap_or_else(|e| e.into_inner());
        if *last != view.window_title {
            title_window(&app, view);
            last.clone_from(&view.window_title);
        }
    })
}

/// Titles the local window after `view`'s screen, as the UI titles its document: Tauri does not
/// carry `document.title` over to the native window (WebKitGTK's title change reaches only a
/// webview built with `on_document_title_changed`), and window switchers and screen readers
/// read the native one. Set from here, so the webview needs no permission to retitle windows.
pub fn title_window<R: Runtime>(app: &AppHandle<R>, view: &View) {
    if let Some(window) = crate::local_window::window(app) {
        let _ = window.set_title(&view.window_title);
    }
}

/// A second launch (the OS opening a `gatehouse://` link while Gatehouse runs): bring the window
/// forward and hand the link to the machine. Done here rather than through single-instance's
/// `deep-link` feature, which re-emits the URL — magic-link token included — as a
/// `deep-link://new-url` event that any script in the webview could listen to.
pub fn on_second_launch<R: Runtime>(app: &AppHandle<R>, argv: Vec<String>, _cwd: String) {
    match app.get_webview_window(crate::workspace::LABEL) {
        Some(workspace) if workspace.is_visible().unwrap_or(false) => {
            let _ = workspace.unminimize();
            let _ = workspace.set_focus();
        }
        _ => crate::local_window::show(app),
    }
    let Some(machine) = app.try_state::<Gatehouse>().and_then(|g| g.machine.clone()) else {
        return;
    };
    for url in links_in(&argv, &machine.config().scheme) {
        let machine = machine.clone();
        tauri::async_runtime::spawn(async move { machine.open_link(&url).await });
    }
}

/// The arguments that are links of our scheme (argv\[0\] is the program).
fn links_in(argv: &[String], scheme: &str) -> Vec<String> {
    let prefix = format!("{scheme}:");
    argv.iter()
        .skip(1)
        .filter(|a| a.to_ascii_lowercase().starts_with(&prefix))
        .cloned()
        .collect()
}

/// `handed`: the arguments the launcher handed over in the environment (see `main`).
pub fn setup(app: &mut tauri::App, handed: Vec<String>) -> Result<(), Box<dyn std::error::Error>> {
    let handle = app.handle().clone();
    let identifier = app.config().identifier.clone();
    let sources = config::Sources::from_env();
    let loaded = config::load(&sources);
    let workspace = loaded.as_ref().ok().and_then(|c| c.workspace.clone());
    crate::local_window::build(&handle)?;
    let gate = match loaded {
        Ok(config) => {
            let scheme = config.scheme.clone();
            let vaults = Vaults {
                session: Arc::new(Keychain::new(&identifier, SESSION_ACCOUNT)),
                pending_sign_in: Arc::new(Keychain::new(&identifier, PENDING_SIGN_IN_ACCOUNT)),
                revocations: Arc::new(Keychain::new(&identifier, REVOCATIONS_ACCOUNT)),
                unsaved_codes: Arc::new(Keychain::new(&identifier, UNSAVED_CODES_ACCOUNT)),
            };
            let info = stytch_b2b::AppInfo {
                identifier,
                version: app.package_info().version.to_string(),
            };
            let parts = Parts {
                config,
                vaults,
                app: info,
                clock: Arc::new(SystemClock),
                observer: emit_views(handle.clone()),
            };
            match Machine::new(parts) {
                Ok(machine) => {
                    register_scheme_if_missing(&handle, &scheme);
                    Gatehouse::new(Arc::new(machine))
                }
                Err(e) => broken(
                    ConfigError::new(
                        None,
                        Text::new("config-no-client").with("error", e.to_string()),
                    ),
                    config::language(&sources),
                ),
            }
        }
        Err(e) => broken(e, config::language(&sources)),
    };
    let machine = gate.machine.clone();
    // The configuration error's title now (no machine will emit a view); a working machine's
    // first view titles the window when it is emitted.
    title_window(&handle, &gate.view());
    app.manage(gate);
    crate::menu::install(&handle, machine.clone())?;
    let Some(machine) = machine else {
        return Ok(());
    };
    if let Some(workspace) = workspace {
        crate::workspace::follow_session(&handle, &machine, workspace);
    }

    // Cold start: the link launched the app (Linux, Windows: it is an argument); handled once
    // the saved state is loaded. Warm start goes through `on_second_launch`.
    // args_os: an argument that is not UTF-8 is skipped, never a panic.
    // The launcher (gatehouse-open) hands its link over in the environment instead (`main` took it).
    let mut argv: Vec<String> = std::env::args_os()
        .filter_map(|a| a.into_string().ok())
        .collect();
    argv.extend(handed);
    let launched_with = links_in(&argv, &machine.config().scheme);
    // macOS hands links over as an event, not an argument.
    #[cfg(target_os = "macos")]
    {
        let on_link = machine.clone();
        app.deep_link().on_open_url(move |event| {
            for url in event.urls() {
                let machine = on_link.clone();
                let url = url.to_string();
                tauri::async_runtime::spawn(async move { machine.open_link(&url).await });
            }
        });
    }
    tauri::async_runtime::spawn(async move {
        machine.start().await;
        for url in launched_with {
            machine.open_link(&url).await;
        }
        machine.keep_session_fresh().await;
    });
    Ok(())
}

/// The state for an unusable configuration: only the screen that says what is wrong, in
/// `language` (`[ui] locale` from whatever layers read, else the desktop session's).
pub fn broken(error: ConfigError, language: gatehouse_core::i18n::Language) -> Gatehouse {
    tracing::error!("configuration: {error} ({:?})", error.file);
    let catalog = Catalog::new(language);
    Gatehouse {
        machine: None,
        broken: View::new(
            Screen::ConfigError {
                file: error.file.as_ref().map(|f| f.display().to_string()),
                message: error.message(&catalog),
            },
            &catalog,
            false,
            false,
            None,
        ),
    }
}

/// On Linux, a package's desktop entry registers the scheme; a binary run from elsewhere (a
/// developer build, a copied binary) registers itself — but never takes over another handler.
fn register_scheme_if_missing(app: &AppHandle, scheme: &str) {
    #[cfg(target_os = "linux")]
    {
        // An xdg-mime that cannot be asked counts as no handler: registering is how links reach us.
        let has_handler = matches!(crate::desktop_handler::handler(scheme), Ok(Some(_)));
        if !has_handler {
            match app.deep_link().register(scheme) {
                Ok(()) => tracing::info!("registered as the handler of {scheme}:// links"),
                Err(e) => {
                    tracing::warn!("could not register as the handler of {scheme}:// links: {e}")
                }
            }
        }
    }
    #[cfg(not(target_os = "linux"))]
    let _ = (app, scheme);
}

#[cfg(test)]
mod tests {
    use super::links_in;

    #[test]
    fn only_links_of_our_scheme_are_taken_from_a_second_launch() {
        let argv = [
            "/usr/bin/gatehouse",
            "gatehouse://auth/callback?token=x",
            "--flag",
            "https://example.com",
        ]
        .map(String::from);
        assert_eq!(
            links_in(&argv, "gatehouse"),
            ["gatehouse://auth/callback?token=x"]
        );
        assert!(
            links_in(&argv[..1], "gatehouse").is_empty(),
            "the program itself is not a link"
        );
        assert!(links_in(&argv, "acme").is_empty());
    }
}
