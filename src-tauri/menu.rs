//! The app menu, on every window: Sign out is always reachable, from the workspace too (which has
//! no Gatehouse command of its own), by the menu and by Ctrl+Shift+L (Cmd+Shift+L on macOS).
//! *New recovery codes…* brings the local window forward, where the signed-in screen offers them
//! (replacing a set is a choice made there, not one click in a menu).

use std::sync::Arc;

use gatehouse_core::Machine;
use tauri::menu::{Menu, MenuItem, PredefinedMenuItem, Submenu};
use tauri::{AppHandle, Runtime};

pub const SIGN_OUT: &str = "sign-out";
pub const SIGN_OUT_SHORTCUT: &str = "CmdOrCtrl+Shift+L";
pub const RECOVERY_CODES: &str = "recovery-codes";

pub fn install<R: Runtime>(app: &AppHandle<R>, machine: Option<Arc<Machine>>) -> tauri::Result<()> {
    let sign_out = MenuItem::with_id(app, SIGN_OUT, "Sign out", true, Some(SIGN_OUT_SHORTCUT))?;
    let codes = MenuItem::with_id(
        app,
        RECOVERY_CODES,
        "New recovery codes…",
        true,
        None::<&str>,
    )?;
    let quit = PredefinedMenuItem::quit(app, Some("Quit Gatehouse"))?;
    let gatehouse = Submenu::with_items(app, "Gatehouse", true, &[&sign_out, &codes, &quit])?;
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
