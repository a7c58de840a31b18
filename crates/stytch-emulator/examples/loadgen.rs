//! A small load generator for the emulator, run as a second process against the binary:
//! `cargo run --release --example loadgen -- http://127.0.0.1:PORT [SECONDS] [CONNECTIONS] [TOKENS]`.
//! Measures requests/s and latency percentiles of sessions/authenticate (one session, polled)
//! and magic_links/authenticate (fresh tokens pre-minted through login_or_signup).

use std::time::{Duration, Instant};

use emulator_control::{query_param, Control};
use serde_json::{json, Value};

struct Figures {
    name: &'static str,
    ok: usize,
    failed: usize,
    elapsed: Duration,
    latencies_us: Vec<u64>,
}

impl Figures {
    fn print(&mut self) {
        self.latencies_us.sort_unstable();
        let pct = |p: f64| {
            let n = self.latencies_us.len();
            if n == 0 {
                return 0.0;
            }
            self.latencies_us[((n as f64 * p).ceil() as usize).clamp(1, n) - 1] as f64 / 1000.0
        };
        println!(
            "{:<28} {:>9.0} req/s  ok {:>8}  failed {:>4}  p50 {:>6.2} ms  p99 {:>6.2} ms  max {:>7.2} ms",
            self.name,
            self.ok as f64 / self.elapsed.as_secs_f64(),
            self.ok,
            self.failed,
            pct(0.50),
            pct(0.99),
            pct(1.0),
        );
    }
}

/// Runs `connections` workers; each sends the request built by `next` until it returns None
/// or the deadline passes.
async fn run<F>(
    name: &'static str,
    http: &reqwest::Client,
    connections: usize,
    deadline: Option<Instant>,
    next: F,
) -> Figures
where
    F: Fn(usize) -> Option<reqwest::RequestBuilder> + Send + Sync + 'static,
{
    let next = std::sync::Arc::new(next);
    let counter = std::sync::Arc::new(std::sync::atomic::AtomicUsize::new(0));
    let started = Instant::now();
    let mut tasks = Vec::new();
    for _ in 0..connections {
        let (next, counter) = (next.clone(), counter.clone());
        let _ = http;
        tasks.push(tokio::spawn(async move {
            let (mut ok, mut failed, mut lat) = (0usize, 0usize, Vec::with_capacity(1 << 16));
            loop {
                if deadline.is_some_and(|d| Instant::now() >= d) {
                    break;
                }
                let i = counter.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                let Some(req) = next(i) else { break };
                let t = Instant::now();
                match req.send().await {
                    Ok(res) => {
                        let good = res.status().is_success();
                        let _ = res.bytes().await;
                        lat.push(t.elapsed().as_micros() as u64);
                        if good {
                            ok += 1
                        } else {
                            failed += 1
                        }
                    }
                    Err(_) => failed += 1,
                }
            }
            (ok, failed, lat)
        }));
    }
    let mut figures = Figures {
        name,
        ok: 0,
        failed: 0,
        elapsed: Duration::ZERO,
        latencies_us: vec![],
    };
    for t in tasks {
        let (ok, failed, lat) = t.await.unwrap();
        figures.ok += ok;
        figures.failed += failed;
        figures.latencies_us.extend(lat);
    }
    figures.elapsed = started.elapsed();
    figures
}

#[tokio::main]
async fn main() {
    let args: Vec<String> = std::env::args().collect();
    let base = args
        .get(1)
        .cloned()
        .unwrap_or_else(|| "http://127.0.0.1:8080".into());
    let seconds: u64 = args.get(2).and_then(|s| s.parse().ok()).unwrap_or(10);
    let connections: usize = args.get(3).and_then(|s| s.parse().ok()).unwrap_or(32);
    let tokens: usize = args.get(4).and_then(|s| s.parse().ok()).unwrap_or(5000);
    let http = reqwest::Client::builder()
        .pool_max_idle_per_host(connections * 2)
        .build()
        .unwrap();

    // The control surface's client (emulator-control) for the project and the outbox.
    let control = Control::new(&base);
    let project = control.project().await;
    let auth = project.backend_auth();
    let org = project.organizations[0].organization_id.clone();
    let email = "loadgen@example.com";

    // One session (no MFA: the demo org's policy is OPTIONAL and this member has no phone).
    let login = json!({"organization_id": org, "email_address": email});
    let post = |path: &str| {
        http.post(format!("{base}{path}"))
            .header("Authorization", auth.clone())
    };
    post("/v1/b2b/magic_links/email/login_or_signup")
        .json(&login)
        .send()
        .await
        .unwrap();
    let token_of =
        |m: &emulator_control::Message| query_param(m.link.as_deref().unwrap(), "token").unwrap();
    let first = token_of(&control.outbox(email).await[0]);
    let session: Value = post("/v1/b2b/magic_links/authenticate")
        .json(&json!({"magic_links_token": first}))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let session_token = session["session_token"]
        .as_str()
        .expect("a session")
        .to_string();

    println!("load: {connections} connections, {seconds} s per phase, against {base}");
    // Warm-up, then the measured phase.
    let body = serde_json::to_vec(&json!({"session_token": session_token})).unwrap();
    let make = {
        let (http, base, auth, body) = (http.clone(), base.clone(), auth.clone(), body.clone());
        move |_| {
            Some(
                http.post(format!("{base}/v1/b2b/sessions/authenticate"))
                    .header("Authorization", auth.clone())
                    .header("Content-Type", "application/json")
                    .body(body.clone()),
            )
        }
    };
    run(
        "warm-up",
        &http,
        connections,
        Some(Instant::now() + Duration::from_secs(1)),
        make.clone(),
    )
    .await;
    let mut f = run(
        "sessions/authenticate",
        &http,
        connections,
        Some(Instant::now() + Duration::from_secs(seconds)),
        make,
    )
    .await;
    f.print();

    // Pre-mint fresh magic link tokens through the API, then spend each once.
    let minted = Instant::now();
    let mint = {
        let (http, base, auth, login) = (http.clone(), base.clone(), auth.clone(), login.clone());
        move |i: usize| {
            (i < tokens).then(|| {
                http.post(format!("{base}/v1/b2b/magic_links/email/login_or_signup"))
                    .header("Authorization", auth.clone())
                    .json(&login)
            })
        }
    };
    let mut m = run(
        "magic_links/login_or_signup",
        &http,
        connections,
        None,
        mint,
    )
    .await;
    m.print();
    let outbox = control.outbox(email).await;
    let fresh: Vec<String> = outbox.iter().skip(1).map(token_of).collect();
    eprintln!(
        "minted {} tokens in {:.1} s",
        fresh.len(),
        minted.elapsed().as_secs_f64()
    );
    let fresh = std::sync::Arc::new(fresh);
    let spend = {
        let (http, base, auth, fresh) = (http.clone(), base.clone(), auth.clone(), fresh.clone());
        move |i: usize| {
            fresh.get(i).map(|t| {
                http.post(format!("{base}/v1/b2b/magic_links/authenticate"))
                    .header("Authorization", auth.clone())
                    .json(&json!({"magic_links_token": t}))
            })
        }
    };
    let mut a = run("magic_links/authenticate", &http, connections, None, spend).await;
    a.print();
}
