//! The client's own cost per call, beside a bare reqwest round trip to the same in-process
//! emulator on loopback:
//! - `*/stytch_b2b` — `Client::magic_links_authenticate` / `Client::otps_sms_authenticate`
//!   (build the body, serialize, send, decode into typed responses);
//! - `*/bare_reqwest` — the same request as pre-built JSON bytes through a plain
//!   `reqwest::Client`, reading the body bytes and nothing more;
//! - `parse_only/*` — decoding a real response body into the typed response, no network.
//!
//! Single-use tokens and codes are minted outside the timed region (`iter_custom`).

use std::{
    future::Future,
    time::{Duration, Instant},
};

use base64::{engine::general_purpose::STANDARD, Engine as _};
use criterion::{criterion_group, criterion_main, Criterion};
use serde_json::{json, Value};
use stytch_b2b::{
    decode_response, AppInfo, Client, ClientConfig, Credentials, Family, IntermediateSessionToken,
    MagicLinkToken, MagicLinksAuthenticateRequest, MagicLinksAuthenticateResponse, MemberId,
    OrganizationId, PkceCodeVerifier, ProjectId, ProjectSecret, SmsAuthenticateRequest,
    SmsAuthenticateResponse, SmsCode, StatusCode, Url,
};
use stytch_emulator::{Emulator, RunningEmulator};
use tokio::runtime::Runtime;

struct Bench {
    emu: RunningEmulator,
    client: Client,
    bare: reqwest::Client,
    auth: String,
    org: OrganizationId,
}

impl Bench {
    fn url(&self, path: &str) -> String {
        format!("{}/v1/b2b{path}", self.emu.base_url)
    }

    async fn post(&self, path: &str, body: &Value) -> Value {
        let bytes = self
            .bare_post(path, serde_json::to_vec(body).unwrap())
            .await;
        serde_json::from_slice(&bytes).unwrap()
    }

    /// The bare column's request: pre-built JSON bytes through the plain `reqwest::Client`,
    /// the answer read as bytes and nothing more.
    async fn bare_post(&self, path: &str, body: Vec<u8>) -> bytes::Bytes {
        self.bare
            .post(self.url(path))
            .header("authorization", &self.auth)
            .header("content-type", "application/json")
            .body(body)
            .send()
            .await
            .unwrap()
            .bytes()
            .await
            .unwrap()
    }

    /// A fresh magic-link token for `email` and its verifier (untimed setup).
    async fn magic_link(&self, email: &str) -> (String, PkceCodeVerifier) {
        let verifier = PkceCodeVerifier::generate();
        self.post(
            "/magic_links/email/login_or_signup",
            &json!({
                "organization_id": self.org.as_str(),
                "email_address": email,
                "pkce_code_challenge": verifier.challenge().as_str(),
            }),
        )
        .await;
        let link = self
            .emu
            .emulator
            .outbox(Some(email))
            .last()
            .and_then(|m| m.link.clone())
            .expect("an email");
        let url = Url::parse(&link).unwrap();
        let token = url
            .query_pairs()
            .find(|(k, _)| k == "token")
            .unwrap()
            .1
            .into_owned();
        (token, verifier)
    }

    /// An IST and a fresh SMS code for grace (MFA required; Stytch sends the code itself).
    async fn second_factor(&self) -> (String, String, String) {
        let (token, verifier) = self.magic_link("grace@example.com").await;
        let r = self
            .post(
                "/magic_links/authenticate",
                &json!({"magic_links_token": token, "pkce_code_verifier": verifier.expose()}),
            )
            .await;
        let ist = r["intermediate_session_token"].as_str().unwrap().to_owned();
        let member = r["member_id"].as_str().unwrap().to_owned();
        let code = self
            .emu
            .emulator
            .outbox(Some("+14155550123"))
            .last()
            .and_then(|m| m.code.clone())
            .unwrap();
        (member, ist, code)
    }
}

fn setup(rt: &Runtime) -> Bench {
    rt.block_on(async {
        let emu = stytch_emulator::spawn(Emulator::demo()).await.unwrap();
        let project_id = emu.emulator.project_id().to_owned();
        let secret = emu.emulator.secret().to_owned();
        let client = Client::new(
            ClientConfig::new(
                Credentials::Backend {
                    project_id: ProjectId::new(&project_id),
                    secret: ProjectSecret::new(&secret),
                },
                AppInfo {
                    identifier: "bench".into(),
                    version: "0".into(),
                },
            )
            .with_base_url(Url::parse(&emu.base_url).unwrap()),
        )
        .unwrap();
        let bench = Bench {
            client,
            bare: reqwest::Client::new(),
            auth: format!(
                "Basic {}",
                STANDARD.encode(format!("{project_id}:{secret}"))
            ),
            org: OrganizationId::new(stytch_emulator::DEMO_ORGANIZATION_ID),
            emu,
        };
        // Grace needs MFA for the second-factor benchmark; ada signs in with the link alone.
        bench
            .bare
            .put(bench.url(&format!("/organizations/{}", bench.org)))
            .header("authorization", &bench.auth)
            .json(&json!({"mfa_policy": "REQUIRED_FOR_ALL"}))
            .send()
            .await
            .unwrap();
        bench
    })
}

/// Times `iters` calls that each need a single-use input: `setup` mints the input and `check`
/// proves the call did what the benchmark claims, both outside the timed region.
async fn time_calls<I, O, SF, CF>(
    iters: u64,
    setup: impl Fn() -> SF,
    call: impl Fn(I) -> CF,
    check: impl Fn(O),
) -> Duration
where
    SF: Future<Output = I>,
    CF: Future<Output = O>,
{
    let mut total = Duration::ZERO;
    for _ in 0..iters {
        let input = setup().await;
        let t = Instant::now();
        let output = call(input).await;
        total += t.elapsed();
        check(output);
    }
    total
}

fn benches(c: &mut Criterion) {
    let rt = Runtime::new().unwrap();
    let b = &setup(&rt);

    // MFA is required for everyone now: ada (no phone) gets an IST and no JWT signing, grace
    // too — the magic-link answer is the mfa_required shape printed in the guide.
    let mut g = c.benchmark_group("magic_links_authenticate");
    g.bench_function("stytch_b2b", |bencher| {
        bencher.to_async(&rt).iter_custom(|iters| {
            time_calls(
                iters,
                || async {
                    let (token, verifier) = b.magic_link("ada@example.com").await;
                    MagicLinksAuthenticateRequest::new(
                        MagicLinkToken::new(token),
                        Some(verifier),
                        Some(60),
                    )
                },
                |req| async move { b.client.magic_links_authenticate(&req).await.unwrap() },
                |r| assert!(r.mfa_required.is_some()),
            )
        })
    });
    g.bench_function("bare_reqwest", |bencher| {
        bencher.to_async(&rt).iter_custom(|iters| {
            time_calls(
                iters,
                || async {
                    let (token, verifier) = b.magic_link("ada@example.com").await;
                    serde_json::to_vec(&json!({
                        "magic_links_token": token,
                        "pkce_code_verifier": verifier.expose(),
                        "session_duration_minutes": 60,
                    }))
                    .unwrap()
                },
                |body| b.bare_post("/magic_links/authenticate", body),
                |bytes| assert!(bytes.len() > 100),
            )
        })
    });
    g.finish();

    let mut g = c.benchmark_group("otps_sms_authenticate");
    g.bench_function("stytch_b2b", |bencher| {
        bencher.to_async(&rt).iter_custom(|iters| {
            time_calls(
                iters,
                || async {
                    let (member, ist, code) = b.second_factor().await;
                    SmsAuthenticateRequest::new(
                        b.org.clone(),
                        MemberId::new(member),
                        SmsCode::parse(&code).unwrap(),
                        IntermediateSessionToken::new(ist),
                        Some(60),
                    )
                },
                |req| async move { b.client.otps_sms_authenticate(&req).await.unwrap() },
                |r| assert!(r.session_token.is_some()),
            )
        })
    });
    g.bench_function("bare_reqwest", |bencher| {
        bencher.to_async(&rt).iter_custom(|iters| {
            time_calls(
                iters,
                || async {
                    let (member, ist, code) = b.second_factor().await;
                    serde_json::to_vec(&json!({
                        "organization_id": b.org.as_str(),
                        "member_id": member,
                        "code": code,
                        "session_duration_minutes": 60,
                        "intermediate_session_token": ist,
                    }))
                    .unwrap()
                },
                |body| b.bare_post("/otps/sms/authenticate", body),
                |bytes| assert!(bytes.len() > 100),
            )
        })
    });
    g.finish();

    // Parse cost alone, on real bodies captured from the emulator.
    let (ml_body, sms_body) = rt.block_on(async {
        let (token, verifier) = b.magic_link("ada@example.com").await;
        let ml = b
            .post(
                "/magic_links/authenticate",
                &json!({"magic_links_token": token, "pkce_code_verifier": verifier.expose()}),
            )
            .await;
        let (member, ist, code) = b.second_factor().await;
        let sms = b
            .post(
                "/otps/sms/authenticate",
                &json!({"organization_id": b.org.as_str(), "member_id": member,
                        "code": code, "intermediate_session_token": ist}),
            )
            .await;
        (ml.to_string().into_bytes(), sms.to_string().into_bytes())
    });
    let mut g = c.benchmark_group("parse_only");
    g.bench_function("magic_links_authenticate", |bencher| {
        bencher.iter(|| {
            decode_response::<MagicLinksAuthenticateResponse>(
                Family::Backend,
                StatusCode::OK,
                None,
                std::hint::black_box(&ml_body),
            )
            .unwrap()
        })
    });
    g.bench_function("otps_sms_authenticate", |bencher| {
        bencher.iter(|| {
            decode_response::<SmsAuthenticateResponse>(
                Family::Backend,
                StatusCode::OK,
                None,
                std::hint::black_box(&sms_body),
            )
            .unwrap()
        })
    });
    g.finish();
}

criterion_group! {
    name = client;
    config = Criterion::default()
        .sample_size(20)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(3));
    targets = benches
}
criterion_main!(client);
