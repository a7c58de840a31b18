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
    let id = gatehouse_window();
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

/// The X window id of Gatehouse's window.
fn gatehouse_window() -> String {
    let search = std::process::Command::new("xdotool")
        .args(["search", "--sync", "--onlyvisible", "--name", "^Gatehouse$"])
        .output()
        .expect("xdotool (scripts/bootstrap.sh installs it)");
    String::from_utf8_lossy(&search.stdout)
        .lines()
        .next()
        .map(str::to_owned)
        .expect("Gatehouse's window is on the display")
}
