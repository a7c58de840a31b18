//! Acting on the real window the way a person does: which screen shows, which notice, typing,
//! submitting, quitting.

use std::time::Duration;

use fantoccini::{Client, Locator};

use super::wait_for;

pub async fn screen(client: &Client, name: &str) {
    wait_for(client, &format!("main#app[data-screen='{name}']")).await;
}

pub async fn notice(client: &Client, code: &str) {
    wait_for(client, &format!("#notice[data-code='{code}']")).await;
}

pub async fn type_into(client: &Client, css: &str, text: &str) {
    let input = wait_for(client, css).await;
    input.clear().await.unwrap();
    input.send_keys(text).await.unwrap();
}

pub async fn submit(client: &Client, form: &str) {
    let button = wait_for(client, &format!("form#{form} button[type='submit']")).await;
    button.click().await.unwrap();
}

pub async fn displayed(client: &Client, css: &str) -> bool {
    match client.find(Locator::Css(css)).await {
        Ok(el) => el.is_displayed().await.unwrap_or(false),
        Err(_) => false,
    }
}

pub async fn value_of(client: &Client, css: &str) -> String {
    let el = client.find(Locator::Css(css)).await.unwrap();
    el.prop("value").await.unwrap().unwrap_or_default()
}

pub async fn quit(client: Client) {
    client.close().await.unwrap();
    // The single-instance name must be free before the next launch.
    tokio::time::sleep(Duration::from_millis(800)).await;
}

/// Presses `keys` (xdotool's names, e.g. `ctrl+shift+l`) in Gatehouse's window, as a person at
/// the keyboard would: the X server delivers them to the focused window (XTEST), so GTK's own
/// accelerators see them — which WebDriver's key actions, sent to the page, never reach.
pub fn press_keys_in_window(keys: &str) {
    press_keys_in("Gatehouse$", keys);
}

/// Like [`press_keys_in_window`], in the visible window whose title matches `title` (a regex,
/// as xdotool takes it): the workspace's is `NAME — Gatehouse`.
pub fn press_keys_in(title: &str, keys: &str) {
    let id = window_titled(title);
    xdotool(&["windowfocus", "--sync", &id]);
    xdotool(&["key", "--clearmodifiers", keys]);
}

fn xdotool(args: &[&str]) {
    let status = std::process::Command::new("xdotool")
        .args(args)
        .status()
        .expect("xdotool (scripts/bootstrap.sh installs it)");
    assert!(status.success(), "xdotool {args:?}: {status}");
}

/// The X window id of the visible window titled `title` (a regex).
fn window_titled(title: &str) -> String {
    let search = std::process::Command::new("xdotool")
        .args(["search", "--sync", "--onlyvisible", "--name", title])
        .output()
        .expect("xdotool (scripts/bootstrap.sh installs it)");
    String::from_utf8_lossy(&search.stdout)
        .lines()
        .next()
        .map(str::to_owned)
        .expect("Gatehouse's window is on the display")
}

/// Makes the workspace's window WebDriver's current one (it is a window of its own: label
/// `workspace`), waiting up to 20 s for it to show a page under `url`. Returns the local UI's
/// window, for [`to_local`].
pub async fn to_workspace(client: &Client, url: &str) -> fantoccini::wd::WindowHandle {
    let local = local_handle(client).await;
    let deadline = std::time::Instant::now() + Duration::from_secs(20);
    loop {
        for handle in client.windows().await.unwrap_or_default() {
            if handle == local || client.switch_to_window(handle.clone()).await.is_err() {
                continue;
            }
            if client
                .current_url()
                .await
                .is_ok_and(|u| u.as_str().starts_with(url))
            {
                return local;
            }
        }
        let _ = client.switch_to_window(local.clone()).await;
        assert!(
            std::time::Instant::now() < deadline,
            "no workspace window showed {url} (windows: {:?})",
            client.windows().await
        );
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
}

/// Makes the local UI's window WebDriver's current one again.
pub async fn to_local(client: &Client, local: &fantoccini::wd::WindowHandle) {
    client.switch_to_window(local.clone()).await.unwrap();
}

/// The local UI's window: the one showing the bundled origin (the session starts on it).
pub async fn local_handle(client: &Client) -> fantoccini::wd::WindowHandle {
    for handle in client.windows().await.unwrap() {
        if client.switch_to_window(handle.clone()).await.is_ok()
            && client
                .current_url()
                .await
                .is_ok_and(|u| u.scheme() == "tauri")
        {
            return handle;
        }
    }
    panic!("no window shows the local UI (tauri://localhost)");
}

/// How many windows WebDriver sees.
pub async fn window_count(client: &Client) -> usize {
    client.windows().await.unwrap().len()
}
