//! The clipboard forgets a copied setup key or set of recovery codes: the webview copies them
//! (the person's Copy button), then says so (`secret_copied`), and after the configured time
//! ([`gatehouse_core::config::CLIPBOARD_FORGET`], a minute) the clipboard is emptied — only if
//! it still holds exactly what was copied, so something the person copied since is kept. What
//! was copied is read from the view on screen, never sent back by the webview. Quitting within
//! that minute empties it at once (a clipboard manager would otherwise keep it).

use std::sync::{Arc, Mutex};
use std::time::Duration;

use gatehouse_core::view::Screen;
use gatehouse_core::View;
use tauri::{AppHandle, Manager, Runtime};
use zeroize::Zeroizing;

/// The copied secrets not yet forgotten (app state): what quitting must still clear.
#[derive(Default, Clone)]
pub struct Pending(Arc<Mutex<Vec<Arc<Zeroizing<String>>>>>);

impl Pending {
    fn add(&self, copied: Arc<Zeroizing<String>>) {
        self.0
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .push(copied);
    }

    /// Takes `copied` off the list; false when it was not on it (already cleared at exit).
    fn take(&self, copied: &Arc<Zeroizing<String>>) -> bool {
        let mut list = self.0.lock().unwrap_or_else(|e| e.into_inner());
        let before = list.len();
        list.retain(|c| !Arc::ptr_eq(c, copied));
        list.len() != before
    }

    fn drain(&self) -> Vec<Arc<Zeroizing<String>>> {
        std::mem::take(&mut *self.0.lock().unwrap_or_else(|e| e.into_inner()))
    }
}

/// Empties the clipboard `after` from now if it still holds the screen's secret.
pub fn forget_later<R: Runtime>(app: AppHandle<R>, view: View, after: Duration) {
    let Some(copied) = copied_from(&view).map(Arc::new) else {
        return;
    };
    // Managed by `run`; a runtime without it (tests' mock) still gets the timer.
    let pending = app
        .try_state::<Pending>()
        .map(|p| p.inner().clone())
        .unwrap_or_default();
    pending.add(copied.clone());
    tauri::async_runtime::spawn(async move {
        tokio::time::sleep(after).await;
        if pending.take(&copied) {
            // The clipboard belongs to the event loop's thread.
            let _ = app.run_on_main_thread(move || clear_if_holding(&copied));
        }
    });
}

/// At exit (on the event loop's thread): every copied secret not yet forgotten, now.
pub fn forget_now<R: Runtime>(app: &AppHandle<R>) {
    if let Some(pending) = app.try_state::<Pending>() {
        for copied in pending.drain() {
            clear_if_holding(&copied);
        }
    }
}

/// What the screen's Copy button puts on the clipboard (ui/src/screens: the key, or the codes one
/// per line).
fn copied_from(view: &View) -> Option<Zeroizing<String>> {
    match &view.screen {
        Screen::EnrollTotp { secret, .. } => Some(Zeroizing::new(secret.clone())),
        Screen::RecoveryCodes { codes, .. } => Some(Zeroizing::new(codes.join("\n"))),
        _ => None,
    }
}

#[cfg(target_os = "linux")]
fn clear_if_holding(copied: &str) {
    let clipboard = gtk::Clipboard::get(&gtk::gdk::SELECTION_CLIPBOARD);
    let holds = clipboard
        .wait_for_text()
        .is_some_and(|text| Zeroizing::new(text.to_string()).as_str() == copied);
    if holds {
        clipboard.set_text("");
        clipboard.store();
        tracing::info!("the copied secret was cleared from the clipboard");
    } else {
        tracing::info!("the clipboard no longer held the copied secret: left as it is");
    }
}

/// Other platforms: not wired yet (they cannot be compiled on the Linux machines this is built on).
#[cfg(not(target_os = "linux"))]
fn clear_if_holding(_copied: &str) {}

#[cfg(test)]
mod tests {
    use super::*;
    use gatehouse_core::i18n::Catalog;

    fn view(screen: Screen) -> View {
        View::new(screen, &Catalog::english(), false, false, None)
    }

    #[test]
    fn what_was_copied_is_read_from_the_screen_as_the_ui_copies_it() {
        let key = view(Screen::EnrollTotp {
            organization_name: None,
            email: "ada@example.com".into(),
            qr_code: "data:image/png;base64,QUJD".into(),
            secret: "BTGNX5RKJRMQWQFRQKTG34JCF6XDRHZS".into(),
            alternatives: vec![],
            replacing: false,
        });
        assert_eq!(
            copied_from(&key).as_deref().map(String::as_str),
            Some("BTGNX5RKJRMQWQFRQKTG34JCF6XDRHZS")
        );
        let codes = view(Screen::RecoveryCodes {
            organization_name: None,
            email: "ada@example.com".into(),
            codes: vec!["ckss-2skx-ebow".into(), "a1b2-c3d4-e5f6".into()],
            rotated: false,
            close_asked: false,
        });
        assert_eq!(
            copied_from(&codes).as_deref().map(String::as_str),
            Some("ckss-2skx-ebow\na1b2-c3d4-e5f6")
        );
        assert!(copied_from(&View::starting(false, &Catalog::english())).is_none());
    }

    #[test]
    fn a_secret_is_cleared_once_by_its_timer_or_at_exit_whichever_comes_first() {
        let pending = Pending::default();
        let (key, codes) = (
            Arc::new(Zeroizing::new("KEY".to_owned())),
            Arc::new(Zeroizing::new("CODES".to_owned())),
        );
        pending.add(key.clone());
        pending.add(codes.clone());
        assert!(pending.take(&key), "the key's timer clears it");
        assert!(!pending.take(&key), "and only once");
        let at_exit: Vec<String> = pending
            .drain()
            .iter()
            .map(|c| c.as_str().to_owned())
            .collect();
        assert_eq!(at_exit, ["CODES"], "exit clears what is still pending");
        assert!(!pending.take(&codes), "its timer then finds nothing to do");
    }
}
