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

/// Asserts that each element `css` names is shown whole in the window with the page scrolled to
/// the top: what a person sees on arrival at the window's size, without scrolling (#23 item 5).
/// The page is left scrolled to the top. A failure names each element that does not fit, with
/// its box, the window's inner size and where the page had been scrolled to.
pub async fn fits(client: &Client, css: &[&str]) {
    check_in_view(client, css, true).await;
}

/// Like [`fits`], with the page where it stands: what a person sees after the window scrolled
/// by itself (focus brought a field into view).
pub async fn in_view(client: &Client, css: &[&str]) {
    check_in_view(client, css, false).await;
}

async fn check_in_view(client: &Client, css: &[&str], from_top: bool) {
    const SCRIPT: &str = r#"
        const [selectors, fromTop] = arguments;
        const scrolled = [window.scrollX, window.scrollY];
        if (fromTop) window.scrollTo(0, 0);
        const width = window.innerWidth, height = window.innerHeight;
        // Half a pixel for subpixel layout: an edge at 640.3 of 640 is not cut off.
        const slack = 0.5;
        const elements = selectors.map((css) => {
            const el = document.querySelector(css);
            if (!el) return { css, found: false };
            const r = el.getBoundingClientRect();
            const shown = r.width > 0 && r.height > 0;
            const inside = r.top >= -slack && r.left >= -slack
                && r.bottom <= height + slack && r.right <= width + slack;
            return {
                css, found: true, fits: shown && inside,
                box: [Math.round(r.left), Math.round(r.top), Math.round(r.right), Math.round(r.bottom)],
            };
        });
        return { width, height, scrolled, elements };
    "#;
    let selectors = serde_json::json!(css);
    let report = client
        .execute(SCRIPT, vec![selectors, serde_json::json!(from_top)])
        .await
        .expect("measure the page");
    let misfits: Vec<String> = report["elements"]
        .as_array()
        .expect("one result per selector")
        .iter()
        .filter(|e| e["fits"] != serde_json::Value::Bool(true))
        .map(|e| {
            if e["found"] == serde_json::Value::Bool(false) {
                format!("{} is not on the page", e["css"])
            } else {
                format!("{} is at {} (left, top, right, bottom)", e["css"], e["box"])
            }
        })
        .collect();
    assert!(
        misfits.is_empty(),
        "not in view{}, in a {}x{} window (the page had been scrolled to {}): {}",
        if from_top { " without scrolling" } else { "" },
        report["width"],
        report["height"],
        report["scrolled"],
        misfits.join("; ")
    );
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
