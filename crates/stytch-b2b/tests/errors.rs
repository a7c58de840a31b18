//! Errors and retries: every reference error_type reaches its variant, retries happen only where
//! safe (proved with the emulator's faults and request log), and bodies that do not decode are
//! Decode errors carrying the raw body.

mod common;

use std::time::{Duration, Instant};

use common::{fast_retry, Harness, UnwrapStytchErr, FAMILIES};
use serde_json::json;
use stytch_b2b::{
    Client, Error, ErrorType, Family, IntermediateSessionToken, MagicLinkToken,
    MagicLinksAuthenticateRequest, SessionToken, SmsAuthenticateRequest, SmsCode, SmsSendRequest,
    TransportKind, Url,
};
use tokio::io::{AsyncReadExt, AsyncWriteExt};

const REFERENCE: &[(&str, u16, ErrorType)] = &[
    (
        "unauthorized_credentials",
        401,
        ErrorType::UnauthorizedCredentials,
    ),
    ("user_unauthenticated", 401, ErrorType::UserUnauthenticated),
    (
        "invalid_secret_authentication",
        401,
        ErrorType::InvalidSecretAuthentication,
    ),
    ("too_many_requests", 429, ErrorType::TooManyRequests),
    ("magic_link_not_found", 404, ErrorType::MagicLinkNotFound),
    (
        "unable_to_auth_magic_link",
        401,
        ErrorType::UnableToAuthMagicLink,
    ),
    ("pkce_mismatch", 400, ErrorType::PkceMismatch),
    (
        "pkce_expected_code_verifier",
        400,
        ErrorType::PkceExpectedCodeVerifier,
    ),
    ("otp_code_not_found", 404, ErrorType::OtpCodeNotFound),
    (
        "unable_to_auth_otp_code",
        401,
        ErrorType::UnableToAuthOtpCode,
    ),
    (
        "intermediate_session_not_found",
        404,
        ErrorType::IntermediateSessionNotFound,
    ),
    ("session_not_found", 404, ErrorType::SessionNotFound),
    ("member_not_found", 404, ErrorType::MemberNotFound),
    (
        "organization_not_found",
        404,
        ErrorType::OrganizationNotFound,
    ),
    ("invalid_email", 400, ErrorType::InvalidEmail),
    ("invalid_phone_number", 400, ErrorType::InvalidPhoneNumber),
    (
        "invalid_phone_number_country_code",
        400,
        ErrorType::InvalidPhoneNumberCountryCode,
    ),
    ("invalid_code", 400, ErrorType::InvalidCode),
    (
        "invalid_session_duration_minutes",
        400,
        ErrorType::InvalidSessionDurationMinutes,
    ),
    (
        "user_lock_limit_reached",
        429,
        ErrorType::UserLockLimitReached,
    ),
    (
        "endpoint_not_authorized_for_sdk",
        401,
        ErrorType::EndpointNotAuthorizedForSdk,
    ),
    (
        "invalid_pkce_code_verifier",
        400,
        ErrorType::InvalidPkceCodeVerifier,
    ),
    (
        "invalid_pkce_code_challenge",
        400,
        ErrorType::InvalidPkceCodeChallenge,
    ),
    (
        "email_jit_provisioning_not_allowed",
        400,
        ErrorType::EmailJitProvisioningNotAllowed,
    ),
    (
        "invalid_email_for_jit_provisioning",
        400,
        ErrorType::InvalidEmailForJitProvisioning,
    ),
    (
        "bad_domain_for_stytch_sdk",
        400,
        ErrorType::BadDomainForStytchSdk,
    ),
    (
        "bad_app_bundle_for_stytch_sdk",
        400,
        ErrorType::BadAppBundleForStytchSdk,
    ),
    (
        "invalid_mobile_identifier",
        400,
        ErrorType::InvalidMobileIdentifier,
    ),
    (
        "invalid_session_duration",
        400,
        ErrorType::InvalidSessionDuration,
    ),
    (
        "no_match_for_provided_magic_link_url",
        400,
        ErrorType::NoMatchForProvidedMagicLinkUrl,
    ),
    (
        "invalid_login_redirect_url",
        400,
        ErrorType::InvalidLoginRedirectUrl,
    ),
    (
        "invalid_signup_redirect_url",
        400,
        ErrorType::InvalidSignupRedirectUrl,
    ),
    ("captcha_required", 403, ErrorType::CaptchaRequired),
    ("captcha_failed", 429, ErrorType::CaptchaFailed),
    (
        "cname_required_for_http_only_cookies",
        401,
        ErrorType::CnameRequiredForHttpOnlyCookies,
    ),
    (
        "cname_invalid_for_http_only_cookies",
        401,
        ErrorType::CnameInvalidForHttpOnlyCookies,
    ),
    ("invalid_totp_code", 401, ErrorType::InvalidTotpCode),
    (
        "totp_code_already_authenticated",
        401,
        ErrorType::TotpCodeAlreadyAuthenticated,
    ),
    (
        "unable_to_authenticate_totp",
        400,
        ErrorType::UnableToAuthenticateTotp,
    ),
    ("insufficient_factors", 400, ErrorType::InsufficientFactors),
    ("totp_not_found", 404, ErrorType::TotpNotFound),
    ("active_totp_exists", 400, ErrorType::ActiveTotpExists),
    ("invalid_recovery_code", 401, ErrorType::InvalidRecoveryCode),
    (
        "recovery_codes_not_found",
        404,
        ErrorType::RecoveryCodesNotFound,
    ),
    (
        "operation_restricted_by_organization_mfa_methods",
        403,
        ErrorType::OperationRestrictedByOrganizationMfaMethods,
    ),
    ("invalid_locale", 400, ErrorType::InvalidLocale),
    ("internal_server_error", 500, ErrorType::InternalServerError),
];

fn no_retry(h: &Harness, family: Family) -> Client {
    Client::new(h.config(family).with_retry(stytch_b2b::RetryPolicy::none())).unwrap()
}

fn ml_auth() -> MagicLinksAuthenticateRequest {
    MagicLinksAuthenticateRequest::new(MagicLinkToken::new("tok"), None, None)
}

#[tokio::test]
async fn every_reference_error_type_maps_to_its_variant_in_both_families() {
    let h = Harness::start().await;
    assert_eq!(REFERENCE.len(), ErrorType::KNOWN.len());
    for family in FAMILIES {
        let client = no_retry(&h, family);
        let path = format!("{}/magic_links/authenticate", h.prefix(family));
        for (s, status, variant) in REFERENCE {
            h.fault(json!({"path": path, "status": status, "error_type": s}))
                .await;
            let e = client
                .magic_links_authenticate(&ml_auth())
                .await
                .unwrap_err();
            match &e {
                Error::Stytch {
                    status: got,
                    error_type,
                    error_message,
                    request_id,
                    ..
                } => {
                    assert_eq!(error_type, variant, "{s}");
                    assert_eq!(got, status);
                    assert!(!error_message.is_empty());
                    assert!(request_id.is_some());
                }
                other => panic!("{s}: {other:?}"),
            }
        }
    }
}

#[tokio::test]
async fn an_unknown_error_type_is_kept_verbatim() {
    let h = Harness::start().await;
    h.fault(
        json!({"path": "/v1/b2b/sessions/revoke", "status": 418, "error_type": "teapot_overflow"}),
    )
    .await;
    let e = h
        .client(Family::Backend)
        .sessions_revoke(&SessionToken::new("t"))
        .await
        .unwrap_stytch_err(ErrorType::Unknown("teapot_overflow".into()));
    assert_eq!(e.error_type().unwrap().as_str(), "teapot_overflow");
}

#[tokio::test]
async fn gets_are_retried_on_5xx_until_they_succeed() {
    let h = Harness::start().await;
    let path = format!("/v1/b2b/organizations/{}", h.org_id());
    h.fault(json!({"path": path, "status": 503, "times": 2}))
        .await;
    let org = h
        .client(Family::Backend)
        .get_organization(h.org_id())
        .await
        .unwrap();
    assert_eq!(org.organization.organization_id, h.org_id());
    let statuses: Vec<u16> = h
        .requests()
        .await
        .into_iter()
        .filter(|r| r.1 == path)
        .map(|r| r.2)
        .collect();
    assert_eq!(statuses, vec![503, 503, 200]);
}

#[tokio::test]
async fn retries_give_up_after_the_cap() {
    let h = Harness::start().await;
    let path = format!("/v1/b2b/organizations/{}", h.org_id());
    h.fault(json!({"path": path, "status": 500, "times": 10}))
        .await;
    h.client(Family::Backend)
        .get_organization(h.org_id())
        .await
        .unwrap_stytch_err(ErrorType::InternalServerError);
    assert_eq!(
        h.calls_to(&path).await,
        1 + fast_retry().max_retries as usize
    );
}

#[tokio::test]
async fn sessions_authenticate_honours_retry_after_on_429() {
    for family in FAMILIES {
        let h = Harness::start().await;
        let client = h.client(family);
        let token = h
            .primary_factor(&client, "ada@example.com")
            .await
            .session_token
            .unwrap();
        let path = format!("{}/sessions/authenticate", h.prefix(family));
        h.fault(json!({"path": path, "status": 429})).await;
        let started = Instant::now();
        client.sessions_authenticate(&token, None).await.unwrap();
        assert!(
            started.elapsed() >= Duration::from_millis(950),
            "waited Retry-After: 1"
        );
        let statuses: Vec<u16> = h
            .requests()
            .await
            .into_iter()
            .filter(|r| r.1 == path)
            .map(|r| r.2)
            .collect();
        assert_eq!(statuses, vec![429, 200], "{family:?}");
    }
}

#[tokio::test]
async fn a_429_carries_retry_after_when_not_retried() {
    let h = Harness::start().await;
    let path = "/v1/b2b/otps/sms/send";
    h.fault(json!({"path": path, "status": 429})).await;
    let e = h
        .client(Family::Backend)
        .otps_sms_send(&SmsSendRequest::new(
            h.org_id(),
            h.member_id("grace@example.com"),
            None,
            None,
        ))
        .await
        .unwrap_stytch_err(ErrorType::TooManyRequests);
    assert_eq!(e.retry_after(), Some(Duration::from_secs(1)));
    assert!(e.is_retryable());
    assert_eq!(
        h.calls_to(path).await,
        1,
        "an SMS send that reached Stytch is not repeated"
    );
}

#[tokio::test]
async fn single_use_calls_and_sends_are_never_retried_on_5xx() {
    for family in FAMILIES {
        let h = Harness::start().await;
        let client = h.client(family);
        let p = h.prefix(family);
        for path in [
            "magic_links/authenticate",
            "otps/sms/authenticate",
            "otps/sms/send",
        ] {
            h.fault(json!({"path": format!("{p}/{path}"), "status": 503, "times": 5}))
                .await;
        }
        let e = client
            .magic_links_authenticate(&ml_auth())
            .await
            .unwrap_err();
        assert_eq!(e.status(), Some(503));
        let e = client
            .otps_sms_authenticate(&SmsAuthenticateRequest::new(
                h.org_id(),
                h.member_id("grace@example.com"),
                SmsCode::parse("123456").unwrap(),
                IntermediateSessionToken::new("ist"),
                None,
            ))
            .await
            .unwrap_err();
        assert_eq!(e.status(), Some(503));
        let e = client
            .otps_sms_send(&SmsSendRequest::new(
                h.org_id(),
                h.member_id("grace@example.com"),
                None,
                None,
            ))
            .await
            .unwrap_err();
        assert_eq!(e.status(), Some(503));
        for path in [
            "magic_links/authenticate",
            "otps/sms/authenticate",
            "otps/sms/send",
        ] {
            assert_eq!(
                h.calls_to(&format!("{p}/{path}")).await,
                1,
                "{family:?} {path}"
            );
        }
    }
}

#[tokio::test]
async fn sms_send_is_retried_when_the_connection_failed_before_sending() {
    // Reserve a port, close it, and start the emulator on it only after the first attempt was
    // refused: the retry then reaches Stytch, which records exactly one send.
    let h = Harness::start().await;
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    drop(listener);
    let mut config = h.config(Family::Backend);
    config.base_url = Some(Url::parse(&format!("http://{addr}")).unwrap());
    config.retry.initial_backoff = Duration::from_millis(300);
    config.retry.max_backoff = Duration::from_millis(600);
    let client = Client::new(config).unwrap();
    let emu = h.emu.emulator.clone();
    let org = h.org_id();
    // Ada has no MFA factor yet, so no IST is needed to link a number.
    let member = h.member_id("ada@example.com");
    let phone = stytch_b2b::E164::parse("+14155550177").unwrap();
    let call = tokio::spawn(async move {
        client
            .otps_sms_send(&SmsSendRequest::new(org, member, Some(phone), None))
            .await
    });
    tokio::time::sleep(Duration::from_millis(100)).await;
    let listener = tokio::net::TcpListener::bind(addr).await.unwrap();
    let second = stytch_emulator::serve_on(listener, emu).await.unwrap();
    call.await.unwrap().expect("the retry succeeded");
    assert_eq!(h.calls_to("/v1/b2b/otps/sms/send").await, 1);
    assert_eq!(h.outbox("+14155550177").await.len(), 1, "one SMS");
    drop(second);
}

#[tokio::test]
async fn a_closed_port_is_a_connect_error_and_single_use_calls_do_not_retry_it() {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    drop(listener);
    let h = Harness::start().await;
    let mut config = h.config(Family::Backend);
    config.base_url = Some(Url::parse(&format!("http://{addr}")).unwrap());
    let client = Client::new(config).unwrap();
    let e = client
        .magic_links_authenticate(&ml_auth())
        .await
        .unwrap_err();
    assert!(
        matches!(
            e,
            Error::Transport {
                kind: TransportKind::Connect,
                ..
            }
        ),
        "{e:?}"
    );
    assert!(e.is_before_send() && e.is_retryable());
}

#[tokio::test]
async fn a_slow_answer_times_out_and_a_get_retries_past_it() {
    let h = Harness::start().await;
    let path = format!("/v1/b2b/organizations/{}", h.org_id());
    h.fault(json!({"path": path, "delay_ms": 2000})).await;
    let config = h
        .config(Family::Backend)
        .with_timeouts(Duration::from_secs(1), Duration::from_millis(300));
    let client = Client::new(config.clone()).unwrap();
    let started = Instant::now();
    client.get_organization(h.org_id()).await.unwrap();
    assert!(
        started.elapsed() < Duration::from_millis(1500),
        "did not wait for the slow answer"
    );

    h.fault(json!({"path": "/v1/b2b/magic_links/authenticate", "delay_ms": 2000}))
        .await;
    let e = client
        .magic_links_authenticate(&ml_auth())
        .await
        .unwrap_err();
    assert!(matches!(e, Error::Timeout { connect: false, .. }), "{e:?}");
}

/// A one-shot HTTP server that answers every connection with `response`.
async fn garbage_server(response: &'static str) -> Url {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move {
        while let Ok((mut sock, _)) = listener.accept().await {
            tokio::spawn(async move {
                let mut buf = vec![0u8; 16384];
                let _ = sock.read(&mut buf).await;
                let _ = sock.write_all(response.as_bytes()).await;
                let _ = sock.shutdown().await;
            });
        }
    });
    Url::parse(&format!("http://{addr}")).unwrap()
}

#[tokio::test]
async fn non_json_and_wrong_shape_bodies_are_decode_errors_with_the_raw_body() {
    let h = Harness::start().await;
    let cases: [(&str, u16, &str); 4] = [
        ("HTTP/1.1 200 OK\r\nContent-Length: 11\r\nConnection: close\r\n\r\nhello world", 200, "hello world"),
        ("HTTP/1.1 200 OK\r\nContent-Length: 13\r\nConnection: close\r\n\r\n{\"foo\": true}", 200, "{\"foo\": true}"),
        ("HTTP/1.1 502 Bad Gateway\r\nContent-Length: 21\r\nConnection: close\r\n\r\n<html>upstream</html>", 502, "<html>upstream</html>"),
        ("HTTP/1.1 400 Bad Request\r\nContent-Length: 2\r\nConnection: close\r\n\r\n[]", 400, "[]"),
    ];
    for (response, status, body) in cases {
        let url = garbage_server(response).await;
        for family in FAMILIES {
            let mut config = h.config(family);
            config.base_url = Some(url.clone());
            config.retry = stytch_b2b::RetryPolicy::none();
            let client = Client::new(config).unwrap();
            let e = client
                .magic_links_authenticate(&ml_auth())
                .await
                .unwrap_err();
            match &e {
                Error::Decode {
                    status: s, body: b, ..
                } => {
                    assert_eq!(*s, status);
                    assert_eq!(b.as_str(), body);
                }
                other => panic!("{family:?} {status}: {other:?}"),
            }
        }
    }
}

#[tokio::test]
async fn a_long_undecodable_body_is_truncated_to_about_2_kib() {
    let body = "x".repeat(10_000);
    let response: &'static str = Box::leak(
        format!(
            "HTTP/1.1 200 OK\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
            body.len()
        )
        .into_boxed_str(),
    );
    let url = garbage_server(response).await;
    let h = Harness::start().await;
    let mut config = h.config(Family::Backend);
    config.base_url = Some(url);
    let e = Client::new(config)
        .unwrap()
        .get_organization(h.org_id())
        .await
        .unwrap_err();
    match e {
        Error::Decode { body, .. } => {
            assert_eq!(body.as_str().len(), stytch_b2b::RAW_BODY_LIMIT);
            assert_eq!(body.original_len(), 10_000);
            assert!(body.is_truncated());
        }
        other => panic!("{other:?}"),
    }
}

#[tokio::test]
async fn a_member_lock_is_a_429_that_is_never_retried() {
    let h = Harness::start().await;
    let path = "/v1/b2b/sessions/authenticate";
    h.fault(
        json!({"path": path, "status": 429, "error_type": "user_lock_limit_reached", "times": 5}),
    )
    .await;
    let e = h
        .client(Family::Backend)
        .sessions_authenticate(
            &SessionToken::new("session-token-aaaaaaaaaaaaaaaaaaaaaaa"),
            None,
        )
        .await
        .unwrap_stytch_err(ErrorType::UserLockLimitReached);
    assert_eq!(e.status(), Some(429));
    assert!(!e.is_retryable());
    assert_eq!(h.calls_to(path).await, 1, "a lock lasts an hour: no retry");
}

#[test]
fn the_sdk_schema_error_shape_is_a_typed_error() {
    for body in [
        &br#"{"body": ""}"#[..],
        br#"{"body": {"code": "is required"}, "params": null, "query": null}"#,
    ] {
        let e = stytch_b2b::decode_response::<serde_json::Value>(
            Family::Sdk,
            stytch_b2b::StatusCode::BAD_REQUEST,
            None,
            body,
        )
        .unwrap_err();
        assert!(matches!(e, Error::Schema { status: 400, .. }), "{e:?}");
        assert!(!e.is_retryable());
    }
    // Stytch's usual error body is still a Stytch error, not a schema error.
    stytch_b2b::decode_response::<serde_json::Value>(
        Family::Sdk,
        stytch_b2b::StatusCode::BAD_REQUEST,
        None,
        br#"{"status_code":400,"error_type":"invalid_code","error_message":"x"}"#,
    )
    .unwrap_stytch_err(ErrorType::InvalidCode);
}

#[tokio::test]
async fn a_redirect_is_never_followed_and_names_its_status() {
    let h = Harness::start().await;
    // Where a followed redirect would re-send the token: the emulator itself, which records calls.
    let response: &'static str = Box::leak(
        format!(
            "HTTP/1.1 307 Temporary Redirect\r\nLocation: {}/v1/b2b/magic_links/authenticate\r\nContent-Length: 0\r\nConnection: close\r\n\r\n",
            h.base_url().as_str().trim_end_matches('/')
        )
        .into_boxed_str(),
    );
    let url = garbage_server(response).await;
    let mut config = h.config(Family::Backend);
    config.base_url = Some(url);
    let e = Client::new(config)
        .unwrap()
        .magic_links_authenticate(&ml_auth())
        .await
        .unwrap_err();
    assert!(matches!(e, Error::Redirect { status: 307 }), "{e:?}");
    assert!(e.to_string().contains("307"));
    assert!(
        h.requests().await.is_empty(),
        "the body was not re-sent anywhere"
    );
}

#[tokio::test]
async fn an_answer_over_a_mebibyte_is_refused_declared_or_streamed() {
    let h = Harness::start().await;
    let big = "x".repeat(stytch_b2b::MAX_RESPONSE_BYTES + 1);
    let declared: &'static str = Box::leak(
        format!(
            "HTTP/1.1 200 OK\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{big}",
            big.len()
        )
        .into_boxed_str(),
    );
    let streamed: &'static str = Box::leak(
        format!(
            "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n{:x}\r\n{big}\r\n0\r\n\r\n",
            big.len()
        )
        .into_boxed_str(),
    );
    for response in [declared, streamed] {
        let mut config = h.config(Family::Backend);
        config.base_url = Some(garbage_server(response).await);
        config.retry = stytch_b2b::RetryPolicy::none();
        let e = Client::new(config)
            .unwrap()
            .magic_links_authenticate(&ml_auth())
            .await
            .unwrap_err();
        assert!(matches!(e, Error::TooLarge { .. }), "{e:?}");
    }
}

#[test]
fn plain_http_is_refused_except_to_this_computer() {
    let h = tokio::runtime::Runtime::new()
        .unwrap()
        .block_on(Harness::start());
    for (base, ok) in [
        ("http://stytch.example.com", false),
        ("http://10.0.0.5:8787", false),
        ("ftp://127.0.0.1", false),
        ("https://login.example.com", true),
        ("http://127.0.0.1:8787", true),
        ("http://127.5.6.7", true),
        ("http://localhost:1", true),
        ("http://[::1]:8787", true),
    ] {
        let mut config = h.config(Family::Sdk);
        config.base_url = Some(Url::parse(base).unwrap());
        assert_eq!(Client::new(config).is_ok(), ok, "{base}");
    }
}
