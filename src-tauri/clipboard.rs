//! The clipboard forgets a copied setup key or set of recovery codes: the webview copies them
//! (the person's Copy button), then says so (`secret_copied`), and after the configured time
//! ([`gatehouse_core::config::CLIPBOARD_FORGET`], a minute) the clipboard is emptied — only if
//! it still holds exactly what was copied, so something the person copied since is kept. What
//! was copied is read from the view on screen, never sent back by the webview.

use std::time::Duration;

use gatehouse_core::view::Screen;
use gatehouse_core::View;
use tauri::{AppHandle, Runtime};
use zeroize::Zeroizing;

/// Empties the clipboard `after` from now if it still holds the screen's secret.
pub fn forget_later<R: Runtime>(app: AppHandle<R>, view: View, after: Duration) {
    let Some(copied) = copied_from(&view) else {
        return;
    };
    tauri::async_runtime::spawn(async move {
        tokio::time::sleep(after).await;
        // The clipboard belongs to the event loop's thread.
        let _ = app.run_on_main_thread(move || clear_if_holding(&copied));
    });
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

    fn view(screen: Screen) -> View {
        View {
            screen,
            dev_mode: false,
            busy: false,
            notice: None,
        }
    }

    #[test]
    fn what_was_copied_is_read_from_the_screen_as_the_ui_copies_it() {
        let key = view(Screen::EnrollTotp {
            organization_name: None,
            email: "ada@example.com".into(),
            qr_code: "data:image/png;base64,QUJD".into(),
            secret: "BTGNX5RKJRMQWQFRQKTG34JCF6XDRHZS".into(),
            alternatives: vec![],
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
        });
        assert_eq!(
            copied_from(&codes).as_deref().map(String::as_str),
            Some("ckss-2skx-ebow\na1b2-c3d4-e5f6")
        );
        assert!(copied_from(&View::starting(false)).is_none());
    }
}
