//! The app menu, on every window: Sign out is always reachable, from the workspace too (which has
//! no Gatehouse command of its own), by the menu and by Ctrl+Shift+L (Cmd+Shift+L on macOS).
//! *New recovery codes…* brings the local window forward, where the signed-in screen offers them
//! (replacing a set is a choice made there, not one click in a menu). Its labels are the
//! catalog's (`locales/*/cli.ftl`), in the machine's language.

use std::sync::Arc;

use gatehouse_core::i18n::{Args, Catalog};
use gatehouse_core::Machine;
use tauri::menu::{Menu, MenuItem, PredefinedMenuItem, Submenu};
use tauri::{AppHandle, Runtime};

pub const SIGN_OUT: &str = "sign-out";
pub const SIGN_OUT_SHORTCUT: &str = "CmdOrCtrl+Shift+L";
pub const RECOVERY_CODES: &str = "recovery-codes";

/// The menu's words in one language.
#[derive(Debug, PartialEq, Eq)]
pub struct Labels {
    pub menu: String,
    pub sign_out: String,
    pub recovery_codes: String,
    pub quit: String,
}

impl Labels {
    pub fn new(catalog: &Catalog) -> Self {
        let say = |id: &str| catalog.message(id, &Args::new());
        Self {
            menu: say("menu-app"),
            sign_out: say("menu-sign-out"),
            recovery_codes: say("menu-recovery-codes"),
            quit: say("menu-quit"),
        }
    }
}

/// The menu, in the machine's language; without one (a broken configuration), the desktop
/// session's.
pub fn install<R: Runtime>(app: &AppHandle<R>, machine: Option<Arc<Machine>>) -> tauri::Result<()> {
    let labels = match &machine {
        Some(machine) => Labels::new(machine.catalog()),
        None => Labels::new(&Catalog::new(gatehouse_core::config::language(
            &gatehouse_core::config::Sources::from_env(),
        ))),
    };
    let sign_out = MenuItem::with_id(
        app,
        SIGN_OUT,
        &labels.sign_out,
        true,
        Some(SIGN_OUT_SHORTCUT),
    )?;
    let codes = MenuItem::with_id(
        app,
        RECOVERY_CODES,
        &labels.recovery_codes,
        true,
        None::<&str>,
    )?;
    let quit = PredefinedMenuItem::quit(app, Some(&labels.quit))?;
    let gatehouse = Submenu::with_items(app, &labels.menu, true, &[&sign_out, &codes, &quit])?;
    app.set_menu(Menu::with_items(app, &[&gatehouse])?)?;
    app.on_menu_event(move |app, event| {
        if event.id() == RECOVERY_CODES {
            crate::local_window::show(app);
        }
        if event.id() == SIGN_OUT {
            if let Some(machine) = machine.clone() {
                tracing::info!("sign out from the menu");
                tauri::async_runtime::spawn(async move { machine.sign_out().await });
            }
        }
    });
    Ok(())
}

#[cfg(test)]
mod tests {
    use gatehouse_core::i18n::{negotiate, Catalog};

    use super::Labels;

    #[test]
    fn the_menu_says_sign_out_and_new_recovery_codes_in_the_configured_language() {
        assert_eq!(
            Labels::new(&Catalog::english()),
            Labels {
                menu: "Gatehouse".into(),
                sign_out: "Sign out".into(),
                recovery_codes: "New recovery codes…".into(),
                quit: "Quit Gatehouse".into(),
            }
        );
        assert_eq!(
            Labels::new(&Catalog::new(negotiate(&["de-AT".to_owned()]))),
            Labels {
                menu: "Gatehouse".into(),
                sign_out: "Abmelden".into(),
                recovery_codes: "Neue Wiederherstellungscodes…".into(),
                quit: "Gatehouse beenden".into(),
            }
        );
    }
}
