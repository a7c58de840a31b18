//! The demo workspace at http://localhost:PORT/workspace/: it checks the `stytch_session_jwt`
//! cookie as a company backend would, and is served on the host `localhost` only.

mod common;

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine as _;
use common::*;
use serde_json::{json, Value};
use stytch_emulator::{Emulator, Seed};

const CSP: &str = "default-src 'none'; script-src 'self'; base-uri 'none'; form-action 'none'; \
                   frame-ancestors 'none'";

struct Page {
    status: u16,
    headers: reqwest::header::HeaderMap,
    body: String,
}

impl Page {
    /// The text of the element with this id (up to its first child tag).
    fn text(&self, id: &str) -> Option<String> {
        let start = self.body.find(&format!("id=\"{id}\""))?;
        let rest = &self.body[start..];
        let open = rest.find('>')? + 1;
        let close = rest[open..].find('<')?;
        Some(rest[open..open + close].to_string())
    }

    fn reason(&self) -> Option<String> {
        let start = self.body.find("data-reason=\"")? + "data-reason=\"".len();
        let end = self.body[start..].find('"')?;
        Some(self.body[start..start + end].to_string())
    }

    fn header(&self, name: &str) -> &str {
        self.headers
            .get(name)
            .and_then(|v| v.to_str().ok())
            .unwrap_or("")
    }
}

async fn get(h: &Harness, url: &str, jwt: Option<&str>) -> Page {
    let mut request = h.http.get(url);
    if let Some(jwt) = jwt {
        request = request.header("Cookie", format!("theme=dark; stytch_session_jwt={jwt}"));
    }
    let response = request.send().await.expect("request");
    Page {
        status: response.status().as_u16(),
        headers: response.headers().clone(),
        body: response.text().await.unwrap(),
    }
}

async fn workspace(h: &Harness, jwt: Option<&str>) -> Page {
    get(h, &h.ctl.workspace_url(), jwt).await
}

fn claims(jwt: &str) -> Value {
    let payload = jwt.split('.').nth(1).unwrap();
    serde_json::from_slice(&URL_SAFE_NO_PAD.decode(payload).unwrap()).unwrap()
}

fn iso(unix: i64) -> String {
    let at = time::OffsetDateTime::from_unix_timestamp(unix).unwrap();
    at.format(&time::format_description::well_known::Rfc3339)
        .unwrap()
}

fn assert_signed_out(page: &Page, reason: &str) {
    assert_eq!(page.status, 401, "{}", page.body);
    assert!(page.body.contains("id=\"signed-out\""), "{}", page.body);
    assert!(!page.body.contains("id=\"member-email\""), "{}", page.body);
    assert_eq!(page.reason().as_deref(), Some(reason), "{}", page.body);
    assert_eq!(page.header("content-security-policy"), CSP);
}

#[tokio::test]
async fn a_signed_in_member_sees_their_email_organization_and_jwt_expiry() {
    let h = start().await;
    let s = h.ada_session().await;
    let jwt = s["session_jwt"].as_str().unwrap();
    let page = workspace(&h, Some(jwt)).await;
    assert_eq!(page.status, 200, "{}", page.body);
    assert!(page.header("content-type").starts_with("text/html"));
    assert_eq!(page.header("content-security-policy"), CSP);
    assert_eq!(page.text("member-email").as_deref(), Some(ADA));
    assert_eq!(
        page.text("organization-name").as_deref(),
        Some("Example Org")
    );
    assert_eq!(page.text("member-id").as_deref(), s["member_id"].as_str());
    let exp = claims(jwt)["exp"].as_i64().unwrap();
    assert_eq!(page.text("jwt-expires-at"), Some(iso(exp)));
    assert_eq!(page.text("jwt-id").map(|id| id.len()), Some(12));
    assert!(!page.body.contains(jwt), "the page shows the JWT");
    let signature = jwt.rsplit('.').next().unwrap();
    assert!(!page.body.contains(signature), "the page shows the JWT");

    let other = get(&h, &format!("{}other", h.ctl.workspace_url()), Some(jwt)).await;
    assert_eq!(other.status, 200, "{}", other.body);
    assert_eq!(other.text("member-email").as_deref(), Some(ADA));
    assert!(other.body.contains("data-page=\"other\""), "{}", other.body);
}

#[tokio::test]
async fn the_page_has_the_links_probes_and_no_inline_script() {
    let h = start().await;
    let s = h.ada_session().await;
    let page = workspace(&h, s["session_jwt"].as_str()).await;
    assert_eq!(page.status, 200, "{}", page.body);
    for needle in [
        "<a id=\"off-origin\" href=\"https://example.com/elsewhere\">",
        "href=\"https://example.com/elsewhere\" target=\"_blank\"",
        "<a id=\"same-origin\" href=\"/workspace/other\">",
        "id=\"try-ipc\"",
        "id=\"ipc-result\"",
        "id=\"storage\"",
        "<script src=\"/workspace/probe.js\" defer></script>",
    ] {
        assert!(page.body.contains(needle), "no {needle}: {}", page.body);
    }
    assert_eq!(page.body.matches("<script").count(), 1, "{}", page.body);
    assert!(!page.body.contains("style="), "{}", page.body);
    assert!(
        !page.body.contains(" on"),
        "no inline handlers: {}",
        page.body
    );

    let probe = get(&h, &format!("{}probe.js", h.ctl.workspace_url()), None).await;
    assert_eq!(probe.status, 200);
    assert!(probe.header("content-type").starts_with("text/javascript"));
    assert_eq!(probe.header("content-security-policy"), CSP);
    assert_eq!(probe.header("x-content-type-options"), "nosniff");
    for needle in [
        "__TAURI_INTERNALS__",
        "invoke(\"current_view\")",
        "\"no IPC\"",
        "\"IPC ALLOWED: \"",
        "localStorage.setItem(\"workspace-visited\"",
        "\"storage\"",
        "\"ipc-result\"",
        "\"try-ipc\"",
    ] {
        assert!(probe.body.contains(needle), "probe.js lacks {needle}");
    }
}

#[tokio::test]
async fn the_jwt_fingerprint_changes_after_a_refresh() {
    let h = start().await;
    let s = h.ada_session().await;
    let first = workspace(&h, s["session_jwt"].as_str()).await;
    assert_eq!(first.status, 200, "{}", first.body);
    h.advance(60).await;
    let (status, refreshed) = h
        .post(
            "/v1/b2b/sessions/authenticate",
            json!({"session_token": s["session_token"]}),
        )
        .await;
    assert_eq!(status, 200, "{refreshed}");
    let jwt = refreshed["session_jwt"].as_str().unwrap();
    assert_ne!(jwt, s["session_jwt"].as_str().unwrap());
    let second = workspace(&h, Some(jwt)).await;
    assert_eq!(second.status, 200, "{}", second.body);
    assert_ne!(second.text("jwt-id"), first.text("jwt-id"));
    assert_eq!(
        second.text("jwt-expires-at"),
        Some(iso(claims(jwt)["exp"].as_i64().unwrap()))
    );
    assert_ne!(second.text("jwt-expires-at"), first.text("jwt-expires-at"));
}

#[tokio::test]
async fn without_the_cookie_the_workspace_is_signed_out() {
    let h = start().await;
    assert_signed_out(&workspace(&h, None).await, "missing");
    let other = get(&h, &format!("{}other", h.ctl.workspace_url()), None).await;
    assert_signed_out(&other, "missing");
    assert_signed_out(&workspace(&h, Some("not-a-jwt")).await, "malformed");
}

#[tokio::test]
async fn a_jwt_with_a_flipped_signature_byte_is_refused() {
    let h = start().await;
    let s = h.ada_session().await;
    let jwt = s["session_jwt"].as_str().unwrap();
    let (signed, signature) = jwt.rsplit_once('.').unwrap();
    let mut bytes = URL_SAFE_NO_PAD.decode(signature).unwrap();
    bytes[10] ^= 0x01;
    let tampered = format!("{signed}.{}", URL_SAFE_NO_PAD.encode(bytes));
    assert_eq!(workspace(&h, Some(jwt)).await.status, 200);
    assert_signed_out(&workspace(&h, Some(&tampered)).await, "bad_signature");
}

#[tokio::test]
async fn a_jwt_past_its_exp_is_refused_as_expired() {
    let h = start().await;
    let s = h.ada_session().await;
    let jwt = s["session_jwt"].as_str().unwrap();
    h.advance(290).await;
    assert_eq!(workspace(&h, Some(jwt)).await.status, 200);
    h.advance(20).await;
    assert_signed_out(&workspace(&h, Some(jwt)).await, "expired");
}

#[tokio::test]
async fn a_revoked_sessions_jwt_is_refused_before_its_exp() {
    let h = start().await;
    let s = h.ada_session().await;
    let jwt = s["session_jwt"].as_str().unwrap();
    assert_eq!(workspace(&h, Some(jwt)).await.status, 200);
    let (status, body) = h
        .post(
            "/v1/b2b/sessions/revoke",
            json!({"session_token": s["session_token"]}),
        )
        .await;
    assert_eq!(status, 200, "{body}");
    assert_signed_out(&workspace(&h, Some(jwt)).await, "session_ended");
}

#[tokio::test]
async fn another_projects_jwt_is_refused_for_its_audience() {
    let h = start().await;
    let mut seed = Seed::demo();
    seed.project.project_id = "project-test-00000000-1111-4222-8333-444444444444".into();
    let other = start_with(Emulator::from_seed(seed).unwrap()).await;
    let s = other.ada_session().await;
    let jwt = s["session_jwt"].as_str().unwrap();
    assert_eq!(workspace(&other, Some(jwt)).await.status, 200);
    assert_signed_out(&workspace(&h, Some(jwt)).await, "wrong_audience");
}

#[tokio::test]
async fn the_workspace_is_not_served_on_127_0_0_1() {
    let h = start().await;
    let s = h.ada_session().await;
    let jwt = s["session_jwt"].as_str().unwrap();
    for path in ["/workspace/", "/workspace/other", "/workspace/probe.js"] {
        let page = get(&h, &format!("{}{path}", h.base), Some(jwt)).await;
        assert_eq!(page.status, 404, "{path}: {}", page.body);
        assert!(page.header("content-type").starts_with("text/html"));
        assert_eq!(page.header("content-security-policy"), CSP);
        assert!(
            page.body.contains(&h.ctl.workspace_url()),
            "{path}: {}",
            page.body
        );
        assert!(!page.body.contains(ADA), "{}", page.body);
    }
    assert!(h.ctl.workspace_url().starts_with("http://localhost:"));
}

#[tokio::test]
async fn an_unknown_workspace_path_is_an_html_404() {
    let h = start().await;
    let page = get(&h, &format!("{}nowhere", h.ctl.workspace_url()), None).await;
    assert_eq!(page.status, 404, "{}", page.body);
    assert!(page.header("content-type").starts_with("text/html"));
    assert_eq!(page.header("content-security-policy"), CSP);
}
