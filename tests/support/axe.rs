//! Accessibility in the real window: axe-core (the npm package `axe-core`, ui/package.json's
//! devDependencies) injected into the page through WebDriver and run at WCAG 2.1 A and AA; the
//! page at 200% zoom, reflowed with no horizontal scrolling; the window's title, in the page
//! and on the native window.
//!
//! Nothing here depends on the language shown: the same checks run whatever locale the
//! configuration names.

use std::sync::OnceLock;
use std::time::{Duration, Instant};

use fantoccini::Client;
use serde_json::{json, Value};

use super::screenshot;

/// axe-core's rule tags for WCAG 2.0 and 2.1, levels A and AA.
pub const WCAG_21_AA: [&str; 4] = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];

fn axe_source() -> &'static str {
    static SOURCE: OnceLock<String> = OnceLock::new();
    SOURCE.get_or_init(|| {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("ui/node_modules/axe-core/axe.min.js");
        std::fs::read_to_string(&path).unwrap_or_else(|e| {
            panic!(
                "{} could not be read ({e}): run `npm ci` in ui/ (scripts/bootstrap.sh does)",
                path.display()
            )
        })
    })
}

/// Runs axe-core on the window's whole page as it stands and fails, naming every violation
/// (rule, help, each element), unless there is none at WCAG 2.1 A/AA. `screen_name` names the
/// screen in the failure and in a screenshot taken on failure (target/e2e/axe-NAME.png).
pub async fn assert_accessible(client: &Client, screen_name: &str) {
    // The page's CSP allows no eval: axe's own source is the script WebDriver runs (a script
    // WebDriver executes is not subject to the page's CSP), once per page.
    let present = client
        .execute("return typeof window.axe === 'object';", vec![])
        .await
        .expect("ask the page for axe");
    if present != Value::Bool(true) {
        let script = format!("{}\nreturn typeof window.axe;", axe_source());
        let kind = client
            .execute(&script, vec![])
            .await
            .expect("inject axe-core");
        assert_eq!(kind, json!("object"), "axe-core did not load in the page");
    }
    // Let the screen settle: a view that just arrived may still be focusing or announcing.
    tokio::time::sleep(Duration::from_millis(150)).await;
    const RUN: &str = r#"
        const [tags, done] = [arguments[0], arguments[arguments.length - 1]];
        axe.run(document, { runOnly: { type: "tag", values: tags }, resultTypes: ["violations"] })
          .then((r) => done({
            passes: r.passes.length,
            violations: r.violations.map((v) => ({
              id: v.id, impact: v.impact, help: v.help, url: v.helpUrl,
              nodes: v.nodes.map((n) => ({ target: n.target, html: n.html, why: n.failureSummary })),
            })),
          }))
          .catch((e) => done({ error: String(e) }));
    "#;
    let report = client
        .execute_async(RUN, vec![json!(WCAG_21_AA)])
        .await
        .expect("run axe-core");
    assert!(
        report["error"].is_null(),
        "axe-core failed on the {screen_name} screen: {}",
        report["error"]
    );
    // A run that checked nothing would prove nothing.
    assert!(
        report["passes"].as_u64().unwrap_or(0) > 5,
        "axe-core checked almost nothing on the {screen_name} screen: {report}"
    );
    let violations = report["violations"].as_array().cloned().unwrap_or_default();
    if violations.is_empty() {
        return;
    }
    let shot = screenshot(client, &format!("axe-{screen_name}")).await;
    let mut text = String::new();
    for v in &violations {
        text.push_str(&format!(
            "\n- {} ({}): {} <{}>",
            v["id"].as_str().unwrap_or("?"),
            v["impact"].as_str().unwrap_or("?"),
            v["help"].as_str().unwrap_or("?"),
            v["url"].as_str().unwrap_or("")
        ));
        for node in v["nodes"].as_array().into_iter().flatten() {
            text.push_str(&format!(
                "\n    at {}: {}\n      {}",
                node["target"],
                node["html"].as_str().unwrap_or(""),
                node["why"].as_str().unwrap_or("").replace('\n', "\n      ")
            ));
        }
    }
    panic!(
        "axe-core (WCAG 2.1 A/AA) found {} violation(s) on the {screen_name} screen (screenshot: {}):{text}",
        violations.len(),
        shot.display()
    );
}

/// The page at 200% zoom: no horizontal scrolling, and a screenshot as
/// target/e2e/zoom-NAME.png; the zoom is put back after.
///
/// How: CSS `zoom: 2` on the root element. WebKit implements its own page zoom
/// (`webkit_web_view_set_zoom_level`, Ctrl+plus in a browser) as the same effective zoom factor
/// on the root's style, so every length doubles and lines re-wrap inside the window exactly as
/// they do at 200% in a browser. The one difference makes this the stricter check: the
/// viewport's width in CSS pixels and media queries stay as they were, so no narrow-window rule
/// can rescue a layout that does not reflow. (WebDriver has no zoom command, and Tauri's zoom
/// is an IPC permission the webview is not given.) The root's `scrollWidth` is compared with its
/// `clientWidth` (one unit for both, whatever the zoom: a 40-character line of code, tried here,
/// gave 808 against 460), and the page is asked to scroll sideways: it must not move.
pub async fn assert_reflows_at_200_percent(client: &Client, screen_name: &str) {
    const ZOOM: &str = r##"
        const root = document.documentElement;
        root.style.zoom = "2";
        void root.offsetWidth; // lay the page out again at the new zoom
        window.scrollTo(100000, window.scrollY);
        const report = {
            zoom: getComputedStyle(root).zoom,
            scrollWidth: root.scrollWidth,
            clientWidth: root.clientWidth,
            scrolledX: window.scrollX,
            // What overflows its own box (measured in that box's units, whatever the zoom).
            overflowing: [...document.querySelectorAll("body *")]
                .filter((el) => el.getClientRects().length > 0 && el.scrollWidth > el.clientWidth + 1
                    && getComputedStyle(el).overflowX === "visible")
                .slice(0, 8)
                .map((el) => el.tagName.toLowerCase() + (el.id ? "#" + el.id : "")),
        };
        window.scrollTo(0, 0);
        return report;
    "##;
    let report = client.execute(ZOOM, vec![]).await.expect("zoom the page");
    let shot = screenshot(client, &format!("zoom-{screen_name}")).await;
    client
        .execute(
            "document.documentElement.style.zoom = ''; window.scrollTo(0, 0);",
            vec![],
        )
        .await
        .expect("zoom back to 100%");
    assert_eq!(
        report["zoom"],
        json!("2"),
        "the page did not take the zoom: {report}"
    );
    let (scroll, client_width) = (
        report["scrollWidth"].as_f64().unwrap_or(f64::MAX),
        report["clientWidth"].as_f64().unwrap_or(0.0),
    );
    assert!(
        scroll <= client_width && report["scrolledX"].as_f64() == Some(0.0),
        "at 200% zoom the {screen_name} screen scrolls sideways (screenshot: {}): {report}",
        shot.display()
    );
}

/// The window's title is `title`: the page's (what WebDriver reads, and a screen reader) and the
/// native window's (what a window switcher lists), waiting up to 10 s for the native one.
pub async fn assert_titled(client: &Client, title: &str) {
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        let page = client.title().await.expect("the page's title");
        let native = native_titles();
        if page == title && native.iter().any(|t| t == title) {
            return;
        }
        assert!(
            Instant::now() < deadline,
            "the window's title is not {title:?}: the page says {page:?}, Gatehouse's windows {native:?}"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

/// The titles of Gatehouse's visible native windows, as the X server has them (xdotool).
fn native_titles() -> Vec<String> {
    let search = std::process::Command::new("xdotool")
        .args(["search", "--onlyvisible", "--name", "Gatehouse$"])
        .output()
        .expect("xdotool (scripts/bootstrap.sh installs it)");
    String::from_utf8_lossy(&search.stdout)
        .lines()
        .filter_map(|id| {
            let name = std::process::Command::new("xdotool")
                .args(["getwindowname", id])
                .output()
                .ok()?;
            Some(String::from_utf8_lossy(&name.stdout).trim().to_owned())
        })
        .collect()
}

/// Everything above for the screen on show: its title, axe-core, 200% zoom.
pub async fn check_screen(client: &Client, screen_name: &str, title: &str) {
    assert_titled(client, title).await;
    assert_accessible(client, screen_name).await;
    assert_reflows_at_200_percent(client, screen_name).await;
}

/// The notice on show is announced: `#notice-message` sits in a live region present since the
/// page loaded — an error in `role="alert"` (assertive), anything else in `role="status"`
/// (polite) — with the whole notice read at once (`aria-atomic`). `kind` is `error` or `info`.
pub async fn assert_notice_announced(client: &Client, kind: &str) {
    const REGION: &str = r#"
        const message = document.getElementById("notice-message");
        if (!message) return { found: false };
        const region = message.closest("[role=alert], [role=status], [aria-live]");
        if (!region) return { found: true, region: null };
        return {
            found: true,
            region: region.id,
            role: region.getAttribute("role"),
            live: region.getAttribute("aria-live"),
            atomic: region.getAttribute("aria-atomic"),
            kind: region.dataset.kind ?? null,
            hidden: !!region.closest("[aria-hidden=true], [hidden]"),
        };
    "#;
    let report = client
        .execute(REGION, vec![])
        .await
        .expect("read the notice's region");
    let (role, live) = if kind == "error" {
        ("alert", "assertive")
    } else {
        ("status", "polite")
    };
    assert_eq!(
        report,
        json!({
            "found": true, "region": "notice", "role": role, "live": live,
            "atomic": "true", "kind": kind, "hidden": false,
        }),
        "the {kind} notice is not announced as one"
    );
}
