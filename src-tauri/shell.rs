//! The Tauri side of the app: reads the configuration, builds the sign-in core, forwards deep
//! links to it, and emits its views to the webview. Nothing here holds a secret itself.

use std::future::Future;
use std::sync::Arc;

use tauri::{AppHandle, Emitter, Manager};
use tauri_plugin_deep_link::DeepLinkExt;

use crate::config::{self, ConfigError};
use crate::keychain::{Keychain, PENDING_SIGN_IN_ACCOUNT, SESSION_ACCOUNT};
use crate::signin::{SignIn, Vaults};
use crate::view::{Screen, View};

/// The app's state: the sign-in machine, or — when the configuration is unusable — only the
/// screen that says what is wrong.
pub struct Gatehouse {
    machine: Option<Arc<SignIn>>,
    broken: View,
}

impl Gatehouse {
    pub fn view(&self) -> View {
        match &self.machine {
            Some(machine) => machine.view(),
            None => self.broken.clone(),
        }
    }

    /// Runs an intent on the machine; with a broken configuration there is nothing to run.
    pub async fn with<F, Fut>(&self, intent: F) -> Result<(), NotConfigured>
    where
        F: FnOnce(Arc<SignIn>) -> Fut,
        Fut: Future<Output = ()>,
    {
        let machine = self.machine.clone().ok_or(NotConfigured)?;
        intent(machine).await;
        Ok(())
    }
}

/// The answer to an intent when the configuration is unusable (the screen already says why).
#[derive(Debug, serde::Serialize)]
pub struct NotConfigured;

pub fn focus_main_window(app: &AppHandle, _argv: Vec<String>, _cwd: String) {
    if let Some(window) = app.get_webview_window("main") {
        let _ = window.unminimize();
        let _ = window.show();
        let _ = window.set_focus();
    }
}

pub fn setup(app: &mut tauri::App) -> Result<(), Box<dyn std::error::Error>> {
    let handle = app.handle().clone();
    let identifier = app.config().identifier.clone();
    let gate = match config::load(&config::Sources::from_env()) {
        Ok(config) => {
            let scheme = config.scheme.clone();
            let vaults = Vaults {
                session: Arc::new(Keychain::new(&identifier, SESSION_ACCOUNT)),
                pending_sign_in: Arc::new(Keychain::new(&identifier, PENDING_SIGN_IN_ACCOUNT)),
            };
            let info = stytch_b2b::AppInfo {
                identifier,
                version: app.package_info().version.to_string(),
            };
            let emitter = handle.clone();
            let observer = Box::new(move |view: &View| {
                let _ = emitter.emit("view", view);
            });
            match SignIn::new(config, vaults, info, observer) {
                Ok(machine) => {
                    register_scheme_if_missing(&handle, &scheme);
                    Gatehouse {
                        machine: Some(Arc::new(machine)),
                        broken: View::starting(false),
                    }
                }
                Err(e) => broken(ConfigError {
                    file: None,
                    message: format!(
                        "Gatehouse cannot talk to Stytch with this configuration: {e}"
                    ),
                }),
            }
        }
        Err(e) => broken(e),
    };
    let machine = gate.machine.clone();
    app.manage(gate);
    let Some(machine) = machine else {
        return Ok(());
    };

    // Warm start: a link opened while Gatehouse runs (a second launch hands it over through
    // single-instance, which forwards it here).
    let on_link = machine.clone();
    app.deep_link().on_open_url(move |event| {
        for url in event.urls() {
            let machine = on_link.clone();
            let url = url.to_string();
            tauri::async_runtime::spawn(async move { machine.open_link(&url).await });
        }
    });
    // Cold start: the link launched the app; handle it once the saved state is loaded.
    let launched_with: Vec<String> = app
        .deep_link()
        .get_current()
        .ok()
        .flatten()
        .unwrap_or_default()
        .into_iter()
        .map(|u| u.to_string())
        .collect();
    tauri::async_runtime::spawn(async move {
        machine.start().await;
        for url in launched_with {
            machine.open_link(&url).await;
        }
        machine.keep_session_fresh().await;
    });
    Ok(())
}

fn broken(error: ConfigError) -> Gatehouse {
    tracing::error!("configuration: {} ({:?})", error.message, error.file);
    Gatehouse {
        machine: None,
        broken: View {
            screen: Screen::ConfigError {
                file: error.file.map(|f| f.display().to_string()),
                message: error.message,
            },
            dev_mode: false,
            busy: false,
            notice: None,
        },
    }
}

/// On Linux, a package's desktop entry registers the scheme; a binary run from elsewhere (a
/// developer build, a copied binary) registers itself — but never takes over another handler.
fn register_scheme_if_missing(app: &AppHandle, scheme: &str) {
    #[cfg(target_os = "linux")]
    {
        let query = std::process::Command::new("xdg-mime")
            .args(["query", "default", &format!("x-scheme-handler/{scheme}")])
            .output();
        let has_handler = matches!(&query, Ok(out) if out.status.success() && !out.stdout.trim_ascii().is_empty());
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
