//! The /emulator/* control surface, the inbox page, concurrency, and the binary.

mod common;

use common::*;
use reqwest::Method;
use serde_json::{json, Value};

#[tokio::test]
async fn project_lists_credentials_organizations_and_members() {
    let h = start().await;
    let (status, p) = h.control(Method::GET, "/emulator/project", None).await;
    assert_eq!(status, 200);
    assert_eq!(p["project_id"], stytch_emulator::DEMO_PROJECT_ID);
    assert_eq!(p["secret"], stytch_emulator::DEMO_SECRET);
    assert_eq!(p["public_token"], stytch_emulator::DEMO_PUBLIC_TOKEN);
    let orgs = p["organizations"].as_array().unwrap();
    assert_eq!(orgs.len(), 1, "the sandbox organization is not listed");
    assert_eq!(orgs[0]["organization_slug"], "example-org");
    assert_eq!(orgs[0]["organization_name"], "Example Org");
    let members = orgs[0]["members"].as_array().unwrap();
    let grace = members
        .iter()
        .find(|m| m["email_address"] == GRACE)
        .unwrap();
    assert_eq!(grace["mfa_phone_number"], GRACE_PHONE);
    let ada = members.iter().find(|m| m["email_address"] == ADA).unwrap();
    assert_eq!(ada["mfa_phone_number"], "");
    assert!(ada["member_id"]
        .as_str()
        .unwrap()
        .starts_with("member-test-"));
}

#[tokio::test]
async fn outbox_is_oldest_first_and_filters_by_recipient() {
    let h = start().await;
    h.magic_link(ADA, json!({})).await;
    h.magic_link(GRACE, json!({})).await;
    h.magic_link(ADA, json!({})).await;
    let (_, all) = h.control(Method::GET, "/emulator/outbox", None).await;
    let all = all["messages"].as_array().unwrap();
    assert_eq!(all.len(), 3);
    assert_eq!(all[0]["to"], ADA);
    assert_eq!(all[1]["to"], GRACE);
    for m in all {
        for field in ["id", "channel", "to", "sent_at", "subject", "body", "link"] {
            assert!(!m[field].is_null(), "{field} missing: {m}");
        }
    }
    assert_eq!(h.outbox(ADA).await.len(), 2);
    // An unencoded + arrives as a space: still matches.
    let grace = h.member_id(GRACE).await;
    let token = h.latest_token(GRACE).await;
    let (_, auth) = h
        .post(
            "/v1/b2b/magic_links/authenticate",
            json!({"magic_links_token": token}),
        )
        .await;
    assert_eq!(auth["member_id"], grace);
    let (_, sms) = h
        .control(Method::GET, "/emulator/outbox?to=+14155550123", None)
        .await;
    let sms = sms["messages"].as_array().unwrap();
    assert_eq!(sms.len(), 1);
    assert_eq!(sms[0]["channel"], "sms");
    assert_eq!(sms[0]["code"].as_str().unwrap().len(), 6);
    assert!(sms[0].get("link").is_none());
}

#[tokio::test]
async fn inbox_page_shows_links_and_codes_newest_first_and_refreshes() {
    let h = start().await;
    h.magic_link(GRACE, json!({})).await;
    let token = h.latest_token(GRACE).await;
    h.post(
        "/v1/b2b/magic_links/authenticate",
        json!({"magic_links_token": token}),
    )
    .await;
    let code = h.latest_code(GRACE_PHONE).await;
    let res = h.http.get(format!("{}/", h.base)).send().await.unwrap();
    assert_eq!(res.status(), 200);
    assert!(res.headers()["content-type"]
        .to_str()
        .unwrap()
        .starts_with("text/html"));
    let html = res.text().await.unwrap();
    assert!(html.contains("http-equiv=\"refresh\""));
    let code_at = html.find(&code).expect("the code is shown");
    let link_at = html
        .find("/v1/magic_links/redirect?public_token=")
        .expect("the link is shown");
    assert!(code_at < link_at, "newest first");
    assert!(html.contains("<a href=\""));
}

#[tokio::test]
async fn clock_moves_forward_and_reports_now() {
    let h = start().await;
    let (_, before) = h.control(Method::GET, "/emulator/clock", None).await;
    let (status, after) = h
        .control(
            Method::POST,
            "/emulator/clock",
            Some(json!({"advance_seconds": 3600})),
        )
        .await;
    assert_eq!(status, 200);
    assert_eq!(after["offset_seconds"], 3600);
    let parse = |v: &Value| {
        time::OffsetDateTime::parse(
            v.as_str().unwrap(),
            &time::format_description::well_known::Rfc3339,
        )
        .unwrap()
    };
    assert!((parse(&after["now"]) - parse(&before["now"])).whole_seconds() >= 3600);
}

#[tokio::test]
async fn faults_fail_the_next_k_calls_in_stytch_shape_then_stop() {
    let h = start().await;
    let path = "/v1/b2b/magic_links/email/login_or_signup";
    let (status, _) = h
        .control(
            Method::POST,
            "/emulator/faults",
            Some(json!({"path": path, "status": 503, "times": 2})),
        )
        .await;
    assert_eq!(status, 200);
    for _ in 0..2 {
        let (status, body) = h
            .post(path, json!({"organization_id": ORG, "email_address": ADA}))
            .await;
        assert_stytch_error(status, &body, 503, "server_unavailable");
    }
    assert!(
        h.outbox(ADA).await.is_empty(),
        "faulted calls change nothing"
    );
    let (status, _) = h
        .post(path, json!({"organization_id": ORG, "email_address": ADA}))
        .await;
    assert_eq!(status, 200);
    // Other paths were never affected; the SDK path is a different path.
    let (_, list) = h.control(Method::GET, "/emulator/faults", None).await;
    assert_eq!(list["faults"], json!([]));
}

#[tokio::test]
async fn a_429_fault_carries_retry_after() {
    let h = start().await;
    let path = "/v1/b2b/otps/sms/send";
    h.control(
        Method::POST,
        "/emulator/faults",
        Some(json!({"path": path, "status": 429})),
    )
    .await;
    let res = h
        .http
        .post(format!("{}{path}", h.base))
        .header("Authorization", h.backend_auth())
        .json(&json!({}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.headers()["retry-after"], "1");
    let status = res.status();
    let body: Value = res.json().await.unwrap();
    assert_stytch_error(status, &body, 429, "too_many_requests");
}

#[tokio::test]
async fn custom_error_type_and_delay_only_faults() {
    let h = start().await;
    let path = format!("/v1/b2b/organizations/{ORG}");
    h.control(
        Method::POST,
        "/emulator/faults",
        Some(json!({"path": path, "status": 500, "error_type": "weird_new_error"})),
    )
    .await;
    let (status, body) = h.get(&path).await;
    assert_stytch_error(status, &body, 500, "weird_new_error");
    h.control(
        Method::POST,
        "/emulator/faults",
        Some(json!({"path": path, "delay_ms": 300})),
    )
    .await;
    let started = std::time::Instant::now();
    let (status, body) = h.get(&path).await;
    assert!(started.elapsed() >= std::time::Duration::from_millis(300));
    assert_eq!(status, 200, "a delay-only fault answers normally: {body}");
    h.control(
        Method::POST,
        "/emulator/faults",
        Some(json!({"path": path, "status": 500, "times": 5})),
    )
    .await;
    let (status, _) = h.control(Method::DELETE, "/emulator/faults", None).await;
    assert_eq!(status, 200);
    let (status, _) = h.get(&path).await;
    assert_eq!(status, 200, "DELETE disarms");
}

#[tokio::test]
async fn a_drop_fault_cuts_the_connection_without_an_answer_or_a_change() {
    let h = start().await;
    let path = "/v1/b2b/magic_links/email/login_or_signup";
    let (status, _) = h
        .control(
            Method::POST,
            "/emulator/faults",
            Some(json!({"path": path, "drop": true})),
        )
        .await;
    assert_eq!(status, 200);
    let answer = h
        .http
        .post(format!("{}{path}", h.base))
        .header("Authorization", h.backend_auth())
        .json(&json!({"organization_id": ORG, "email_address": ADA}))
        .send()
        .await;
    // Either no head at all or a head whose body breaks: no complete answer in any case.
    let complete = match answer {
        Ok(res) => res.bytes().await.is_ok(),
        Err(_) => false,
    };
    assert!(!complete, "a dropped connection gave a complete answer");
    assert!(
        h.outbox(ADA).await.is_empty(),
        "the call did not reach the endpoint"
    );
    let (status, _) = h
        .post(path, json!({"organization_id": ORG, "email_address": ADA}))
        .await;
    assert_eq!(status, 200, "one call only");
    let (status, _) = h
        .control(
            Method::POST,
            "/emulator/faults",
            Some(json!({"path": path, "drop": true, "status": 503})),
        )
        .await;
    assert_eq!(status, 400, "a dropped connection has no status");
}

#[tokio::test]
async fn the_flow_secrets_list_every_intermediate_session_and_verifier() {
    let h = start().await;
    let (_, before) = h.control(Method::GET, "/emulator/secrets", None).await;
    assert_eq!(before["intermediate_session_tokens"], json!([]));
    assert_eq!(before["pkce_code_verifiers"], json!([]));
    // A primary factor under REQUIRED_FOR_ALL issues an intermediate session; PKCE sends a
    // verifier.
    h.set_mfa_policy("REQUIRED_FOR_ALL").await;
    let verifier = "v".repeat(64);
    let challenge = {
        use base64::Engine as _;
        use sha2::Digest as _;
        base64::engine::general_purpose::URL_SAFE_NO_PAD
            .encode(sha2::Sha256::digest(verifier.as_bytes()))
    };
    let token = h
        .magic_link(GRACE, json!({"pkce_code_challenge": challenge}))
        .await;
    let (status, answer) = h
        .post(
            "/v1/b2b/magic_links/authenticate",
            json!({"magic_links_token": token, "pkce_code_verifier": verifier}),
        )
        .await;
    assert_eq!(status, 200, "{answer}");
    let ist = answer["intermediate_session_token"].as_str().unwrap();
    let (_, after) = h.control(Method::GET, "/emulator/secrets", None).await;
    assert_eq!(after["intermediate_session_tokens"], json!([ist]));
    assert_eq!(after["pkce_code_verifiers"], json!([verifier]));
}

#[tokio::test]
async fn requests_are_recorded_oldest_first_without_control_calls() {
    let h = start().await;
    h.get(&format!("/v1/b2b/organizations/{ORG}")).await;
    h.post(
        "/v1/b2b/sessions/authenticate",
        json!({"session_token": "nope"}),
    )
    .await;
    let (_, r) = h.control(Method::GET, "/emulator/requests", None).await;
    let r = r["requests"].as_array().unwrap();
    assert_eq!(r.len(), 2, "{r:?}");
    assert_eq!(r[0]["method"], "GET");
    assert_eq!(r[0]["path"], format!("/v1/b2b/organizations/{ORG}"));
    assert_eq!(r[0]["status"], 200);
    assert_eq!(r[1]["path"], "/v1/b2b/sessions/authenticate");
    assert_eq!(r[1]["status"], 404);
    assert!(r[1]["at"].as_str().unwrap().ends_with('Z'));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn fifty_parallel_authenticates_of_one_token_exactly_one_succeeds() {
    let h = start().await;
    let token = h.magic_link(ADA, json!({})).await;
    let mut tasks = Vec::new();
    for _ in 0..50 {
        let (http, base, auth, token) = (
            h.http.clone(),
            h.base.clone(),
            h.backend_auth(),
            token.clone(),
        );
        tasks.push(tokio::spawn(async move {
            http.post(format!("{base}/v1/b2b/magic_links/authenticate"))
                .header("Authorization", auth)
                .json(&json!({"magic_links_token": token}))
                .send()
                .await
                .unwrap()
                .status()
                .as_u16()
        }));
    }
    let mut statuses = Vec::new();
    for t in tasks {
        statuses.push(t.await.unwrap());
    }
    assert_eq!(
        statuses.iter().filter(|s| **s == 200).count(),
        1,
        "{statuses:?}"
    );
    assert_eq!(
        statuses.iter().filter(|s| **s == 401).count(),
        49,
        "{statuses:?}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn parallel_code_attempts_cannot_exceed_the_lock() {
    let h = start().await;
    let token = h.magic_link(GRACE, json!({})).await;
    let (_, auth) = h
        .post(
            "/v1/b2b/magic_links/authenticate",
            json!({"magic_links_token": token}),
        )
        .await;
    let code = h.latest_code(GRACE_PHONE).await;
    let wrong = if code == "000000" { "111111" } else { "000000" };
    let mut tasks = Vec::new();
    for _ in 0..40 {
        let (http, base, a) = (h.http.clone(), h.base.clone(), h.backend_auth());
        let body = json!({"organization_id": ORG, "member_id": auth["member_id"], "intermediate_session_token": auth["intermediate_session_token"], "code": wrong});
        tasks.push(tokio::spawn(async move {
            let res = http
                .post(format!("{base}/v1/b2b/otps/sms/authenticate"))
                .header("Authorization", a)
                .json(&body)
                .send()
                .await
                .unwrap();
            res.json::<Value>().await.unwrap()["error_type"]
                .as_str()
                .unwrap()
                .to_string()
        }));
    }
    let mut types = Vec::new();
    for t in tasks {
        types.push(t.await.unwrap());
    }
    let not_found = types.iter().filter(|t| *t == "otp_code_not_found").count();
    assert_eq!(
        not_found as u32,
        stytch_emulator::facts::LOCK_THRESHOLD_DEFAULT - 1,
        "{types:?}"
    );
    assert_eq!(
        types
            .iter()
            .filter(|t| *t == "user_lock_limit_reached")
            .count(),
        40 - not_found
    );
}

#[tokio::test]
async fn seed_files_load_and_bad_seeds_are_refused() {
    let dir = std::env::temp_dir().join(format!("stytch-emulator-seed-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let good = dir.join("good.json");
    std::fs::write(
        &good,
        r#"{"project": {"project_id": "project-test-11111111-1111-4111-8111-111111111111", "secret": "secret-test-x",
             "public_token": "public-token-test-y", "redirect_urls": ["http://localhost/cb"]},
            "organizations": [{"organization_name": "Acme", "organization_slug": "acme", "mfa_policy": "REQUIRED_FOR_ALL",
              "members": [{"email_address": "wile@acme.test", "mfa_phone_number": "+15005550006"}]}]}"#,
    )
    .unwrap();
    let emu = stytch_emulator::Emulator::from_seed_file(&good).unwrap();
    let h = start_with(emu).await;
    let (_, p) = h.control(Method::GET, "/emulator/project", None).await;
    assert_eq!(p["organizations"][0]["organization_slug"], "acme");
    assert!(p["organizations"][0]["organization_id"]
        .as_str()
        .unwrap()
        .starts_with("organization-test-"));
    let bad = dir.join("bad.json");
    std::fs::write(&bad, r#"{"project": {"project_id": "nope", "secret": "s", "public_token": "t", "redirect_urls": []}}"#).unwrap();
    assert!(matches!(
        stytch_emulator::Emulator::from_seed_file(&bad),
        Err(stytch_emulator::SeedError::Invalid(_))
    ));
    assert!(matches!(
        stytch_emulator::Emulator::from_seed_file(&dir.join("missing.json")),
        Err(stytch_emulator::SeedError::Io { .. })
    ));
    std::fs::write(&bad, "{").unwrap();
    assert!(matches!(
        stytch_emulator::Emulator::from_seed_file(&bad),
        Err(stytch_emulator::SeedError::Json(_))
    ));
}

#[tokio::test]
async fn the_binary_prints_its_address_serves_and_logs_without_secrets() {
    let mut child = binary(&["--listen", "127.0.0.1:0"]).spawn().unwrap();
    let line = first_line(&mut child).await;
    let base = line
        .strip_prefix("stytch-emulator listening on ")
        .expect(&line)
        .to_string();
    assert!(
        base.starts_with("http://127.0.0.1:") && !base.ends_with('/'),
        "{base}"
    );
    let http = reqwest::Client::new();
    let auth = basic(
        stytch_emulator::DEMO_PROJECT_ID,
        stytch_emulator::DEMO_SECRET,
    );
    let res = http
        .post(format!("{base}/v1/b2b/magic_links/email/login_or_signup"))
        .header("Authorization", &auth)
        .json(&json!({"organization_id": ORG, "email_address": ADA}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    let link = emulator_control::Control::new(&base).latest_link(ADA).await;
    let token = emulator_control::query_param(&link, "token").unwrap();
    let res = http
        .post(format!("{base}/v1/b2b/magic_links/authenticate"))
        .header("Authorization", &auth)
        .json(&json!({"magic_links_token": token}))
        .send()
        .await
        .unwrap();
    let session: Value = res.json().await.unwrap();
    let session_token = session["session_token"].as_str().unwrap().to_string();
    http.get(&link).send().await.ok();
    let stderr = kill_and_read_stderr(&mut child).await;
    assert!(
        stderr.contains("POST /v1/b2b/magic_links/authenticate 200"),
        "{stderr}"
    );
    for secret in [
        token.as_str(),
        session_token.as_str(),
        stytch_emulator::DEMO_SECRET,
        "secret-test",
    ] {
        assert!(!stderr.contains(secret), "the log leaks {secret}: {stderr}");
    }
    assert!(
        !stderr.contains("token="),
        "no query strings in the log: {stderr}"
    );
}
