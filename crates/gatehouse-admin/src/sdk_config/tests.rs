use serde_json::{json, Value};

use super::*;

fn needs() -> Needs {
    Needs {
        app_identifier: "com.example.gatehouse".into(),
        session_minutes: 60,
        redirect_url: "gatehouse://auth/callback".into(),
    }
}

fn config(value: Value) -> B2bSdkConfig {
    serde_json::from_value(value).unwrap()
}

/// What the README tells IT to set.
fn configured() -> Value {
    json!({
        "basic": {"enabled": true, "bundle_ids": ["com.example.gatehouse"]},
        "sessions": {"max_session_duration_minutes": 60},
        "magic_links": {"enabled": true, "pkce_required": true},
        "otps": {"sms_enabled": true},
        "totps": {"enabled": true, "create_totps": true},
        "cookies": {"http_only": "DISABLED"},
        "dfppa": {"enabled": "DISABLED", "on_challenge": "ALLOW"}
    })
}

fn set(mut base: Value, section: &str, value: Value) -> Value {
    base[section] = value;
    base
}

fn with(base: Value, section: &str, value: Value) -> B2bSdkConfig {
    config(set(base, section, value))
}

fn verdicts(items: &[Item]) -> Vec<(&'static str, Verdict)> {
    items.iter().map(|i| (i.name, i.verdict)).collect()
}

fn item<'a>(items: &'a [Item], name: &str) -> &'a Item {
    items.iter().find(|i| i.name == name).unwrap()
}

/// The project after Stytch merged the patch: each section sent replaces the one it had.
fn merged(read: &B2bSdkConfig, patch: &B2bSdkConfig) -> B2bSdkConfig {
    let mut project = serde_json::to_value(read).unwrap();
    for (section, value) in serde_json::to_value(patch).unwrap().as_object().unwrap() {
        project[section] = value.clone();
    }
    config(project)
}

#[test]
fn a_project_configured_as_the_readme_says_has_every_item_ok_and_nothing_to_send() {
    let items = sdk_items(&config(configured()), &needs());
    assert!(items.iter().all(|i| i.verdict == Verdict::Ok), "{items:#?}");
    assert_eq!(items.len(), 8);
    assert_eq!(sdk_patch(&config(configured()), &needs()), None);
}

#[test]
fn an_empty_configuration_differs_in_everything_but_the_session_cap_cookies_and_fingerprinting() {
    let items = sdk_items(&config(json!({})), &needs());
    assert_eq!(
        verdicts(&items),
        [
            ("SDK enabled", Verdict::Differs),
            ("App identifier authorized", Verdict::Differs),
            ("Email magic links", Verdict::Differs),
            ("SMS codes", Verdict::Differs),
            ("Authenticator apps", Verdict::Differs),
            ("Maximum session duration", Verdict::Info),
            ("HttpOnly cookies", Verdict::Ok),
            ("Device fingerprinting", Verdict::Ok),
        ]
    );
    assert_eq!(
        item(&items, "App identifier authorized").current,
        "no bundle IDs"
    );
    assert!(item(&items, "Maximum session duration")
        .current
        .starts_with("not set at Stytch"));
    let patch = serde_json::to_value(sdk_patch(&config(json!({})), &needs()).unwrap()).unwrap();
    assert_eq!(patch.get("sessions"), None, "an unset cap is left alone");
    assert_eq!(
        item(&items, "HttpOnly cookies").current,
        "not set (DISABLED)"
    );
}

#[test]
fn one_switch_off_sends_only_its_section_whole_with_the_fields_this_tool_does_not_know() {
    let read = with(
        configured(),
        "magic_links",
        json!({"enabled": false, "pkce_required": true, "a_newer_field": 7}),
    );
    let items = sdk_items(&read, &needs());
    assert_eq!(item(&items, "Email magic links").verdict, Verdict::Differs);
    assert_eq!(
        item(&items, "Email magic links").current,
        "off, PKCE required on"
    );
    let patch = sdk_patch(&read, &needs()).unwrap();
    assert_eq!(
        serde_json::to_value(&patch).unwrap(),
        json!({"magic_links": {"enabled": true, "pkce_required": true, "a_newer_field": 7}})
    );
}

#[test]
fn the_app_identifier_is_added_beside_other_apps_bundle_ids_and_domains() {
    let read = with(
        configured(),
        "basic",
        json!({"enabled": true, "allow_self_onboarding": true,
               "domains": [{"domain": "https://app.example.com", "slug_pattern": ""}],
               "bundle_ids": ["com.example.mobile"]}),
    );
    let items = sdk_items(&read, &needs());
    let identifier = item(&items, "App identifier authorized");
    assert_eq!(identifier.verdict, Verdict::Differs);
    assert_eq!(identifier.current, "bundle IDs com.example.mobile");
    assert_eq!(
        identifier.needed,
        "bundle IDs include com.example.gatehouse"
    );
    assert_eq!(
        identifier.dashboard,
        format!(
            "{SDK_PAGE} → {}: add com.example.gatehouse",
            AUTHORIZED_APPS.label
        )
    );
    assert_eq!(
        serde_json::to_value(sdk_patch(&read, &needs()).unwrap()).unwrap(),
        json!({"basic": {"enabled": true, "allow_self_onboarding": true,
                         "domains": [{"domain": "https://app.example.com", "slug_pattern": ""}],
                         "bundle_ids": ["com.example.mobile", "com.example.gatehouse"]}})
    );
}

#[test]
fn a_rebranded_build_checks_its_own_identifier() {
    let rebranded = Needs {
        app_identifier: "com.acme.signin".into(),
        ..needs()
    };
    let items = sdk_items(&config(configured()), &rebranded);
    assert_eq!(
        item(&items, "App identifier authorized").verdict,
        Verdict::Differs
    );
}

#[test]
fn the_session_cap_must_reach_gatehouses_session_length() {
    let cap = |value: Value, minutes: u32| {
        let needs = Needs {
            session_minutes: minutes,
            ..needs()
        };
        let read = with(configured(), "sessions", value);
        let items = sdk_items(&read, &needs);
        (
            item(&items, "Maximum session duration").clone(),
            sdk_patch(&read, &needs).map(|p| serde_json::to_value(p).unwrap()),
        )
    };
    // Unset (absent or 0): Stytch's own, unpublished cap applies. Shown, never set: a cap set
    // here could shorten every other app's sessions.
    for unset in [json!({}), json!({"max_session_duration_minutes": 0})] {
        let (unset, patch) = cap(unset, 480);
        assert_eq!(unset.verdict, Verdict::Info, "{unset:?}");
        assert_eq!(
            unset.current,
            "not set at Stytch: Stytch's own limit applies (unpublished); if sign-in then says \
             the session is too long, set it to at least 480 minutes"
        );
        assert_eq!(unset.needed, "", "nothing is asked of it");
        assert!(
            unset.notes[0].contains("[session] duration_minutes"),
            "{unset:?}"
        );
        assert_eq!(
            unset.dashboard,
            format!(
                "{SDK_PAGE} → {}: set it to at least 480 minutes",
                MAX_SESSION.label
            )
        );
        assert_eq!(patch, None, "an unset cap is never set");
    }

    let (short, patch) = cap(json!({"max_session_duration_minutes": 30}), 480);
    assert_eq!(
        (short.verdict, short.current.as_str()),
        (Verdict::Differs, "30 minutes")
    );
    assert_eq!(short.needed, "at least 480 minutes");
    assert_eq!(
        patch,
        Some(json!({"sessions": {"max_session_duration_minutes": 480}}))
    );

    let (longer, patch) = cap(json!({"max_session_duration_minutes": 10080}), 480);
    assert_eq!(longer.verdict, Verdict::Ok);
    assert_eq!(patch, None, "a longer cap is never lowered");
}

#[test]
fn enforced_httponly_cookies_become_enabled() {
    for (value, ok) in [("DISABLED", true), ("ENABLED", true), ("ENFORCED", false)] {
        let read = with(configured(), "cookies", json!({"http_only": value}));
        let items = sdk_items(&read, &needs());
        assert_eq!(
            item(&items, "HttpOnly cookies").verdict == Verdict::Ok,
            ok,
            "{value}"
        );
        assert_eq!(sdk_patch(&read, &needs()).is_none(), ok, "{value}");
    }
    let read = with(configured(), "cookies", json!({"http_only": "ENFORCED"}));
    assert_eq!(
        serde_json::to_value(sdk_patch(&read, &needs()).unwrap()).unwrap(),
        json!({"cookies": {"http_only": "ENABLED"}})
    );
}

#[test]
fn fingerprinting_that_can_demand_a_captcha_or_refuse_is_turned_off() {
    for (enabled, on_challenge, ok) in [
        ("ENABLED", "TRIGGER_CAPTCHA", false),
        ("ENABLED", "BLOCK", false),
        ("ENABLED", "SOMETHING_NEW", false),
        ("ENABLED", "ALLOW", true),
        ("PASSIVE", "BLOCK", true),
        ("DISABLED", "TRIGGER_CAPTCHA", true),
    ] {
        let read = with(
            configured(),
            "dfppa",
            json!({"enabled": enabled, "on_challenge": on_challenge}),
        );
        let found = item(&sdk_items(&read, &needs()), "Device fingerprinting").clone();
        assert_eq!(found.verdict == Verdict::Ok, ok, "{enabled} {on_challenge}");
        assert_eq!(
            found.current,
            format!("{enabled}, on challenge {on_challenge}")
        );
    }
    let read = with(
        configured(),
        "dfppa",
        json!({"enabled": "ENABLED", "on_challenge": "TRIGGER_CAPTCHA"}),
    );
    assert_eq!(
        serde_json::to_value(sdk_patch(&read, &needs()).unwrap()).unwrap(),
        json!({"dfppa": {"enabled": "DISABLED", "on_challenge": "TRIGGER_CAPTCHA"}})
    );
}

#[test]
fn pkce_not_required_is_a_recommendation_not_a_difference() {
    let read = with(
        configured(),
        "magic_links",
        json!({"enabled": true, "pkce_required": false}),
    );
    let items = sdk_items(&read, &needs());
    let links = item(&items, "Email magic links");
    assert_eq!(links.verdict, Verdict::Ok);
    assert!(links
        .advice
        .as_deref()
        .unwrap()
        .starts_with("Recommended, not required: turn on Require PKCE"));
    assert_eq!(sdk_patch(&read, &needs()), None);
}

#[test]
fn authenticator_apps_need_both_switches_and_say_when_they_matter() {
    let read = with(configured(), "totps", json!({"enabled": true}));
    let items = sdk_items(&read, &needs());
    let totp = item(&items, "Authenticator apps");
    assert_eq!(totp.verdict, Verdict::Differs);
    assert_eq!(totp.current, "TOTP on, Create TOTPs off");
    assert!(totp.notes[0].contains("Only needed if the organization allows authenticator apps"));
    assert_eq!(
        serde_json::to_value(sdk_patch(&read, &needs()).unwrap()).unwrap(),
        json!({"totps": {"enabled": true, "create_totps": true}})
    );
}

#[test]
fn after_the_patch_every_need_is_met_whatever_the_project_had() {
    let projects = [
        json!({}),
        json!({"basic": {"enabled": false, "bundle_ids": ["a.b"]}, "dfppa": {"enabled": "ENABLED", "on_challenge": "BLOCK"},
               "cookies": {"http_only": "ENFORCED"}, "sessions": {"max_session_duration_minutes": 5},
               "oauth": {"enabled": true}}),
        set(
            configured(),
            "otps",
            json!({"sms_enabled": false, "email_enabled": true}),
        ),
    ];
    for project in projects {
        let read = config(project.clone());
        let patch = sdk_patch(&read, &needs()).expect("something differs");
        assert!(
            patch.other.is_empty(),
            "sections no need touches are never sent"
        );
        let after = merged(&read, &patch);
        let items = sdk_items(&after, &needs());
        assert!(
            items.iter().all(|i| i.verdict == Verdict::Ok
                || (i.name == "Maximum session duration" && i.verdict == Verdict::Info)),
            "{project}: {items:#?}"
        );
        assert_eq!(sdk_patch(&after, &needs()), None);
        assert_eq!(after.other, read.other, "untouched sections stay");
    }
}

#[test]
fn items_that_could_not_be_read_give_the_dashboard_steps() {
    let items = sdk_items_unread(&needs(), "HTTP 500");
    assert_eq!(items.len(), 8);
    for i in &items {
        assert_eq!(i.verdict, Verdict::Unread);
        assert_eq!(i.current, "could not be read (HTTP 500)");
        assert!(i.dashboard.starts_with(SDK_PAGE), "{i:?}");
    }
    let url = redirect_item_unread(&needs(), "HTTP 500");
    assert_eq!(url.verdict, Verdict::Unread);
    assert!(url
        .dashboard
        .contains("gatehouse://auth/callback with the types Login and Sign-up"));
    assert_eq!(member_lock_item_unread("HTTP 500").verdict, Verdict::Unread);
}

fn urls(value: Value) -> Vec<RedirectUrl> {
    serde_json::from_value(value).unwrap()
}

#[test]
fn an_unregistered_redirect_url_is_created_for_login_and_signup_never_as_a_default() {
    let list = urls(json!([{"url": "https://app.example.com/authenticate",
                            "valid_types": [{"type": "LOGIN", "is_default": true}]},
                           {"url": "gatehouse://auth/callback/", "valid_types": [{"type": "LOGIN"}, {"type": "SIGNUP"}]}]));
    let found = redirect_item(&list, &needs());
    assert_eq!(
        (found.verdict, found.current.as_str()),
        (Verdict::Differs, "not registered"),
        "exact match only"
    );
    assert_eq!(
        found.needed,
        "gatehouse://auth/callback for LOGIN and SIGNUP"
    );
    let Some(RedirectChange::Create(types)) = redirect_change(&list, &needs()) else {
        panic!("a create");
    };
    assert_eq!(
        serde_json::to_value(types).unwrap(),
        json!([{"type": "LOGIN", "is_default": false}, {"type": "SIGNUP", "is_default": false}])
    );
}

#[test]
fn a_redirect_url_missing_a_type_gets_it_beside_the_types_it_had() {
    let list = urls(json!([{"url": "gatehouse://auth/callback",
                            "valid_types": [{"type": "LOGIN", "is_default": true}, {"type": "INVITE"}]}]));
    let found = redirect_item(&list, &needs());
    assert_eq!(
        (found.verdict, found.current.as_str()),
        (Verdict::Differs, "registered for LOGIN, INVITE")
    );
    let Some(RedirectChange::Update(types)) = redirect_change(&list, &needs()) else {
        panic!("an update");
    };
    assert_eq!(
        serde_json::to_value(types).unwrap(),
        json!([{"type": "LOGIN", "is_default": true}, {"type": "INVITE", "is_default": false},
               {"type": "SIGNUP", "is_default": false}])
    );
}

#[test]
fn a_redirect_url_with_both_types_is_ok() {
    let list = urls(json!([{"url": "gatehouse://auth/callback",
                            "valid_types": [{"type": "SIGNUP"}, {"type": "LOGIN"}, {"type": "DISCOVERY"}]}]));
    assert_eq!(redirect_item(&list, &needs()).verdict, Verdict::Ok);
    assert_eq!(redirect_change(&list, &needs()), None);
    let other_scheme = Needs {
        redirect_url: "acme-signin://auth/callback".into(),
        ..needs()
    };
    assert_eq!(
        redirect_item(&list, &other_scheme).verdict,
        Verdict::Differs
    );
}

#[test]
fn the_member_lock_is_shown_in_words() {
    let lock = |v: Value| member_lock_item(&serde_json::from_value(v).unwrap());
    let default = lock(json!({}));
    assert_eq!(default.verdict, Verdict::Info);
    assert_eq!(
        default.current,
        "10 failed attempts lock a member for 1 hour"
    );
    assert_eq!(default.dashboard, MEMBER_LOCKS);
    assert_eq!(
        lock(json!({"user_lock_threshold": 3, "user_lock_ttl": 1800, "user_lock_self_serve_enabled": true})).current,
        "3 failed attempts lock a member for 30 minutes, with an unlock email"
    );
    assert_eq!(duration_words(604_800), "7 days");
    assert_eq!(duration_words(90), "90 seconds");
    assert_eq!(duration_words(300), "5 minutes");
}
