//! The Management API the emulator serves for its project's environment: the workspace key, the
//! slugs, the B2B SDK configuration (GET, and PUT replacing the sections given), redirect URLs
//! (create, read, replace types, delete, with default promotion) and the member-lock settings.

mod common;

use common::*;
use emulator_control::{basic, Method};
use serde_json::{json, Value};
use stytch_emulator::{
    DEMO_ENVIRONMENT_SLUG, DEMO_PROJECT_SLUG, DEMO_WORKSPACE_KEY_ID, DEMO_WORKSPACE_KEY_SECRET,
};

fn sdk_path() -> String {
    format!("/pwa/v3/projects/{DEMO_PROJECT_SLUG}/environments/{DEMO_ENVIRONMENT_SLUG}/sdk/b2b")
}

async fn raw(h: &Harness, path: &str, auth: &str) -> (u16, Value) {
    let res = h
        .http
        .get(format!("{}{path}", h.base))
        .header("Authorization", auth)
        .send()
        .await
        .unwrap();
    (res.status().as_u16(), res.json().await.unwrap())
}

#[tokio::test]
async fn a_wrong_workspace_key_is_refused_before_anything_else() {
    let h = start().await;
    let wrong = basic(DEMO_WORKSPACE_KEY_ID, "not-the-secret");
    let (status, body) = raw(&h, &sdk_path(), &wrong).await;
    assert_eq!(status, 401, "{body}");
    assert_eq!(body["error_type"], "unauthorized_credentials");
    assert_eq!(body["status_code"], 401);
    assert!(body["request_id"].is_string() && body["error_url"].is_string());
    let secret_as_key = basic(h.emu().project_id(), h.emu().secret());
    let (status, _) = raw(&h, &sdk_path(), &secret_as_key).await;
    assert_eq!(status, 401, "the project secret is not a workspace key");
}

#[tokio::test]
async fn unknown_project_or_environment_slugs_answer_404() {
    let h = start().await;
    let key = basic(DEMO_WORKSPACE_KEY_ID, DEMO_WORKSPACE_KEY_SECRET);
    let (status, body) = raw(
        &h,
        &format!("/pwa/v3/projects/nope/environments/{DEMO_ENVIRONMENT_SLUG}/sdk/b2b"),
        &key,
    )
    .await;
    assert_eq!(
        (status, body["error_type"].as_str()),
        (404, Some("project_not_found"))
    );
    let (status, body) = raw(
        &h,
        &format!("/pwa/v3/projects/{DEMO_PROJECT_SLUG}/environments/production/sdk/b2b"),
        &key,
    )
    .await;
    assert_eq!(
        (status, body["error_type"].as_str()),
        (404, Some("environment_not_found"))
    );
    let (status, body) = raw(&h, &sdk_path(), &key).await;
    assert_eq!(status, 200, "{body}");
}

#[tokio::test]
async fn the_default_configuration_is_the_one_gatehouse_needs() {
    let h = start().await;
    let config = h.ctl.sdk_config().await;
    assert_eq!(
        config,
        json!({
            "basic": {"enabled": true, "allow_self_onboarding": false,
                      "enable_member_permissions": false, "domains": [],
                      "bundle_ids": ["com.example.gatehouse"]},
            "sessions": {"max_session_duration_minutes": 720},
            "magic_links": {"enabled": true, "pkce_required": true},
            "oauth": {"enabled": false, "pkce_required": false},
            "totps": {"create_totps": true, "enabled": true},
            "sso": {"enabled": false, "pkce_required": false},
            "otps": {"sms_enabled": true, "sms_autofill_metadata": [], "email_enabled": false},
            "dfppa": {"enabled": "DISABLED", "on_challenge": "ALLOW"},
            "passwords": {"enabled": false, "pkce_required_for_password_resets": false},
            "cookies": {"http_only": "DISABLED"},
            "user_impersonation": {"enabled": false},
        })
    );
}

#[tokio::test]
async fn a_put_replaces_the_sections_it_gives_and_keeps_the_others() {
    let h = start().await;
    let (status, body) = h
        .ctl
        .management(
            Method::PUT,
            "/sdk/b2b",
            Some(json!({"config": {"totps": {"enabled": true},
                                   "dfppa": {"enabled": "ENABLED", "on_challenge": "TRIGGER_CAPTCHA"}}})),
        )
        .await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(body["status_code"], 200);
    assert!(body["request_id"].is_string());
    assert_eq!(
        body["config"]["totps"],
        json!({"enabled": true, "create_totps": false})
    );
    assert_eq!(body["config"]["dfppa"]["on_challenge"], "TRIGGER_CAPTCHA");
    assert_eq!(
        body["config"]["magic_links"]["pkce_required"], true,
        "untouched"
    );
    assert_eq!(
        h.ctl.sdk_config().await,
        body["config"],
        "GET reads what PUT stored"
    );
}

#[tokio::test]
async fn a_put_with_a_bad_value_changes_nothing() {
    let h = start().await;
    let before = h.ctl.sdk_config().await;
    for config in [
        json!({"cookies": {"http_only": "SOMETIMES"}}),
        json!({"sessions": {"max_session_duration_minutes": 1}}),
        json!({"magic_links": {"enabeld": true}}),
        json!({"no_such_section": {}}),
    ] {
        let (status, body) = h
            .ctl
            .management(Method::PUT, "/sdk/b2b", Some(json!({ "config": config })))
            .await;
        assert_eq!(
            (status, body["error_type"].as_str()),
            (400, Some("bad_request")),
            "{config}"
        );
    }
    assert_eq!(h.ctl.sdk_config().await, before);
}

#[tokio::test]
async fn redirect_urls_are_created_read_retyped_and_deleted() {
    let h = start().await;
    let all = h.ctl.redirect_urls().await;
    assert_eq!(all[0]["url"], "gatehouse://auth/callback");
    assert_eq!(
        all[0]["valid_types"],
        json!([{"type": "LOGIN", "is_default": true}, {"type": "SIGNUP", "is_default": true}])
    );
    assert_eq!(all[1]["valid_types"][0]["is_default"], false);

    let create =
        json!({"url": "myapp://cb", "valid_types": [{"type": "LOGIN", "is_default": true}]});
    let (status, body) = h
        .ctl
        .management(Method::POST, "/redirect_urls", Some(create.clone()))
        .await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(body["redirect_url"]["valid_types"][0]["is_default"], true);
    let (status, body) = h
        .ctl
        .management(Method::POST, "/redirect_urls", Some(create))
        .await;
    assert_eq!(
        (status, body["error_type"].as_str()),
        (400, Some("duplicate_redirect_url"))
    );

    let one = "/redirect_urls?url=myapp%3A%2F%2Fcb";
    let (status, body) = h.ctl.management(Method::GET, one, None).await;
    assert_eq!(
        (status, body["redirect_url"]["url"].as_str()),
        (200, Some("myapp://cb"))
    );
    let all = h.ctl.redirect_urls().await;
    assert_eq!(
        all[0]["valid_types"][0],
        json!({"type": "LOGIN", "is_default": false})
    );

    let retype = json!({"valid_types": [{"type": "SIGNUP", "is_default": false}]});
    let (status, body) = h.ctl.management(Method::PUT, one, Some(retype)).await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(
        body["redirect_url"]["valid_types"],
        json!([{"type": "SIGNUP", "is_default": false}])
    );
    let all = h.ctl.redirect_urls().await;
    assert!(
        all.iter()
            .any(|r| r["valid_types"][0] == json!({"type": "LOGIN", "is_default": true})),
        "the LOGIN default passed to another URL: {all:?}"
    );

    let (status, body) = h.ctl.management(Method::DELETE, one, None).await;
    assert_eq!((status, body["status_code"].as_u64()), (200, Some(200)));
    let (status, body) = h.ctl.management(Method::GET, one, None).await;
    assert_eq!(
        (status, body["error_type"].as_str()),
        (404, Some("redirect_url_not_found"))
    );
    let (status, _) = h.ctl.management(Method::GET, "/redirect_urls", None).await;
    assert_eq!(status, 400, "url is required");
}

#[tokio::test]
async fn the_environment_holds_the_lock_settings() {
    let h = start().await;
    let (status, body) = h.ctl.management(Method::GET, "", None).await;
    assert_eq!(status, 200, "{body}");
    let env = &body["environment"];
    assert_eq!(env["environment_slug"], DEMO_ENVIRONMENT_SLUG);
    assert_eq!(env["project_slug"], DEMO_PROJECT_SLUG);
    assert_eq!(env["project_id"], h.emu().project_id());
    assert_eq!(env["type"], "TEST");
    assert_eq!(
        (
            env["user_lock_threshold"].as_u64(),
            env["user_lock_ttl"].as_u64()
        ),
        (Some(10), Some(3600))
    );

    h.ctl.set_lock(3, 300).await;
    let (_, body) = h.ctl.management(Method::GET, "", None).await;
    assert_eq!(body["environment"]["user_lock_threshold"], 3);
    assert_eq!(body["environment"]["user_lock_ttl"], 300);
    for bad in [
        json!({"user_lock_threshold": 0}),
        json!({"user_lock_ttl": 60}),
        json!({"name": "x"}),
    ] {
        let (status, body) = h.ctl.management(Method::PATCH, "", Some(bad.clone())).await;
        assert_eq!(
            (status, body["error_type"].as_str()),
            (400, Some("bad_request")),
            "{bad}"
        );
    }
}

#[tokio::test]
async fn the_project_page_names_the_management_key_and_slugs() {
    let h = start().await;
    let project = h.ctl.project().await;
    assert_eq!(project.workspace_key_id, DEMO_WORKSPACE_KEY_ID);
    assert_eq!(project.workspace_key_secret, DEMO_WORKSPACE_KEY_SECRET);
    assert_eq!(project.project_slug, DEMO_PROJECT_SLUG);
    assert_eq!(project.environment_slug, DEMO_ENVIRONMENT_SLUG);
}

#[tokio::test]
async fn the_emulator_settings_name_the_dead_session_answer() {
    let h = start().await;
    let (status, body) = h.control(Method::GET, "/emulator/settings", None).await;
    assert_eq!(
        (status.as_u16(), body["dead_session_answer"].as_str()),
        (200, Some("session_not_found"))
    );
    h.ctl
        .set_dead_session_answer("unauthorized_credentials")
        .await;
    let (_, body) = h.control(Method::GET, "/emulator/settings", None).await;
    assert_eq!(body["dead_session_answer"], "unauthorized_credentials");
    let (status, _) = h
        .control(
            Method::POST,
            "/emulator/settings",
            Some(json!({"dead_session_answer": "maybe"})),
        )
        .await;
    assert_eq!(status.as_u16(), 400);
}
