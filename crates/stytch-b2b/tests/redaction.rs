//! No secret value ever appears in a formatted client, request, response or error.

mod common;

use common::Harness;
use serde_json::json;
use stytch_b2b::{
    decode_response, Client, ClientConfig, Credentials, EmailAddress, Error, Family,
    IntermediateSessionToken, LoginOrSignupRequest, MagicLinkToken, MagicLinksAuthenticateRequest,
    MagicLinksAuthenticateResponse, OrganizationId, PkceCodeVerifier, PrimaryFactorProof,
    ProjectId, ProjectSecret, PublicToken, SessionJwt, SessionToken, SmsAuthenticateRequest,
    SmsCode, SmsSendRequest, StatusCode, Url, E164,
};

const SECRET: &str = "secret-test-SUPERSECRETVALUE0000000000000";
const PUBLIC: &str = "public-token-test-PUBLICTOKENVALUE000000";
const SESSION: &str = "SESSIONTOKENVALUE-aaaaaaaaaaaaaaaaaaaaaaaaaa";
const JWT: &str = "eyJhbGciOiJSUzI1NiJ9.JWTPAYLOADVALUE.JWTSIGNATUREVALUE";
const IST: &str = "ISTVALUE-bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb";
const MAGIC: &str = "MAGICLINKTOKENVALUE-cccccccccccccccccccccc=";
const CODE: &str = "864209";

fn secrets(verifier: &PkceCodeVerifier) -> Vec<String> {
    use base64::Engine as _;
    let b64 = base64::engine::general_purpose::STANDARD;
    vec![
        SECRET.into(),
        PUBLIC.into(),
        SESSION.into(),
        JWT.into(),
        "JWTPAYLOADVALUE".into(),
        IST.into(),
        MAGIC.into(),
        CODE.into(),
        verifier.expose().to_owned(),
        // The Basic header values, in case a header map is printed.
        b64.encode(format!("project-test-1:{SECRET}")),
        b64.encode(format!("{PUBLIC}:{PUBLIC}")),
        b64.encode(format!("{PUBLIC}:{SESSION}")),
    ]
}

fn assert_clean(what: &str, text: &str, secrets: &[String]) {
    for s in secrets {
        assert!(!text.contains(s.as_str()), "{what} leaks a secret: {text}");
    }
}

#[tokio::test]
async fn formatted_clients_requests_responses_and_errors_hold_no_secret() {
    let h = Harness::start().await;
    let verifier = PkceCodeVerifier::generate();
    let secrets = secrets(&verifier);
    let mut texts: Vec<(String, String)> = Vec::new();
    let mut add = |what: &str, debug: String, display: Option<String>| {
        texts.push((what.to_owned(), debug));
        if let Some(d) = display {
            texts.push((format!("{what} (Display)"), d));
        }
    };

    let backend_config = ClientConfig::new(
        Credentials::Backend {
            project_id: ProjectId::new("project-test-1"),
            secret: ProjectSecret::new(SECRET),
        },
        common::app(),
    )
    .with_base_url(h.base_url());
    let sdk_config = ClientConfig::new(
        Credentials::Sdk {
            public_token: PublicToken::new(PUBLIC),
        },
        common::app(),
    )
    .with_base_url(h.base_url());
    add(
        "config",
        format!("{backend_config:?} {sdk_config:#?}"),
        None,
    );
    let backend = Client::new(backend_config).unwrap();
    let sdk = Client::new(sdk_config).unwrap();
    add(
        "client",
        format!("{backend:?} {sdk:#?}"),
        Some(format!("{backend} {sdk}")),
    );

    let org = OrganizationId::new("organization-test-1");
    let member = stytch_b2b::MemberId::new("member-test-1");
    let login =
        LoginOrSignupRequest::new(org.clone(), EmailAddress::parse("ada@example.com").unwrap())
            .with_pkce(&verifier)
            .with_redirect_url(Url::parse("gatehouse://auth/callback").unwrap());
    add("login request", format!("{login:?}"), None);
    let ml = MagicLinksAuthenticateRequest {
        intermediate_session_token: Some(IntermediateSessionToken::new(IST)),
        ..MagicLinksAuthenticateRequest::new(
            MagicLinkToken::new(MAGIC),
            Some(verifier.clone()),
            Some(60),
        )
    };
    add("magic link request", format!("{ml:?} {ml:#?}"), None);
    let send = SmsSendRequest::new(
        org.clone(),
        member.clone(),
        Some(E164::parse("+14155550123").unwrap()),
        Some(IntermediateSessionToken::new(IST)),
    );
    add("sms send request", format!("{send:?}"), None);
    for proof in [
        PrimaryFactorProof::IntermediateSession(IntermediateSessionToken::new(IST)),
        PrimaryFactorProof::Session(SessionToken::new(SESSION)),
    ] {
        let sms = SmsAuthenticateRequest {
            proof,
            ..SmsAuthenticateRequest::new(
                org.clone(),
                member.clone(),
                SmsCode::parse(CODE).unwrap(),
                IntermediateSessionToken::new(IST),
                None,
            )
        };
        add("sms authenticate request", format!("{sms:?}"), None);
    }
    for (name, d, s) in [
        (
            "secret",
            format!("{:?}", ProjectSecret::new(SECRET)),
            ProjectSecret::new(SECRET).to_string(),
        ),
        (
            "public",
            format!("{:?}", PublicToken::new(PUBLIC)),
            PublicToken::new(PUBLIC).to_string(),
        ),
        (
            "session",
            format!("{:?}", SessionToken::new(SESSION)),
            SessionToken::new(SESSION).to_string(),
        ),
        (
            "jwt",
            format!("{:?}", SessionJwt::new(JWT)),
            SessionJwt::new(JWT).to_string(),
        ),
        (
            "ist",
            format!("{:?}", IntermediateSessionToken::new(IST)),
            IntermediateSessionToken::new(IST).to_string(),
        ),
        (
            "magic",
            format!("{:?}", MagicLinkToken::new(MAGIC)),
            MagicLinkToken::new(MAGIC).to_string(),
        ),
        (
            "code",
            format!("{:?}", SmsCode::parse(CODE).unwrap()),
            SmsCode::parse(CODE).unwrap().to_string(),
        ),
        ("verifier", format!("{verifier:?}"), verifier.to_string()),
    ] {
        add(name, d, Some(s));
    }

    // A response holding every token.
    let mut body: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/fixtures/magic_links_authenticate_mfa_required.json"
        ))
        .unwrap(),
    )
    .unwrap();
    body["intermediate_session_token"] = IST.into();
    body["session_token"] = SESSION.into();
    body["session_jwt"] = JWT.into();
    let parsed: MagicLinksAuthenticateResponse = decode_response(
        Family::Backend,
        StatusCode::OK,
        None,
        body.to_string().as_bytes(),
    )
    .unwrap();
    add("response", format!("{parsed:?} {parsed:#?}"), None);

    // Errors: from Stytch (both families, each carrying secrets in the request), a decode error
    // whose raw body holds the tokens, input errors, a transport error.
    let mut errors: Vec<Error> = Vec::new();
    errors.push(backend.magic_links_authenticate(&ml).await.unwrap_err());
    errors.push(sdk.magic_links_authenticate(&ml).await.unwrap_err());
    errors.push(
        sdk.sessions_authenticate(&SessionToken::new(SESSION), None)
            .await
            .unwrap_err(),
    );
    let real = h.client(Family::Backend);
    errors.push(real.magic_links_authenticate(&ml).await.unwrap_err());
    errors.push(
        real.sessions_revoke(&SessionToken::new(SESSION))
            .await
            .unwrap_err(),
    );
    let mut wrong_shape = body.clone();
    wrong_shape["member_authenticated"] = json!("not a bool");
    errors.push(
        decode_response::<MagicLinksAuthenticateResponse>(
            Family::Backend,
            StatusCode::OK,
            None,
            wrong_shape.to_string().as_bytes(),
        )
        .unwrap_err(),
    );
    errors.push(SmsCode::parse("86420x").unwrap_err().into());
    errors.push(E164::parse("+1864209").unwrap_err().into());
    let closed = {
        let l = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        l.local_addr().unwrap()
    };
    let dead = Client::new(
        ClientConfig::new(
            Credentials::Sdk {
                public_token: PublicToken::new(PUBLIC),
            },
            common::app(),
        )
        .with_base_url(Url::parse(&format!("http://{closed}")).unwrap())
        .with_retry(stytch_b2b::RetryPolicy::none()),
    )
    .unwrap();
    errors.push(
        dead.sessions_authenticate(&SessionToken::new(SESSION), None)
            .await
            .unwrap_err(),
    );
    assert!(matches!(errors[5], Error::Decode { .. }));
    for e in &errors {
        add("error", format!("{e:?} {e:#?}"), Some(e.to_string()));
        let mut source = std::error::Error::source(e);
        while let Some(s) = source {
            add("error source", format!("{s:?}"), Some(s.to_string()));
            source = s.source();
        }
    }

    assert!(texts.len() > 30);
    for (what, text) in &texts {
        assert_clean(what, text, &secrets);
    }
}

/// Every secret type wipes its memory when dropped (a compile-time check: the test does not
/// build if one of them stops implementing `ZeroizeOnDrop`).
#[test]
fn every_secret_is_zeroized_on_drop() {
    fn wiped<T: zeroize::ZeroizeOnDrop>() {}
    wiped::<ProjectSecret>();
    wiped::<PublicToken>();
    wiped::<SessionToken>();
    wiped::<SessionJwt>();
    wiped::<IntermediateSessionToken>();
    wiped::<MagicLinkToken>();
    wiped::<PkceCodeVerifier>();
    wiped::<SmsCode>();
    wiped::<stytch_b2b::TotpCode>();
    wiped::<stytch_b2b::RecoveryCode>();
    wiped::<stytch_b2b::TotpSecret>();
    wiped::<stytch_b2b::TotpQrCode>();
}
