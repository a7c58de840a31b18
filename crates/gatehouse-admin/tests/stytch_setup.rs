//! IT checks the Stytch project against what Gatehouse needs with `gatehouse-admin stytch-setup`,
//! through the Management API the emulator serves: the demo project is all ok; a switch turned off
//! is reported and left alone without `--apply`; `--apply` fixes it and keeps what other apps use;
//! the workspace key comes from the environment only and never shows in the output; a session
//! cap Stytch has not set is shown and never set.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::process::{Command, Output};
use std::sync::{Arc, Mutex};

use emulator_control::{Control, Fault};
use gatehouse_core::stytch_dashboard::{AUTHORIZED_APPS, EMAIL_MAGIC_LINKS, SDK_PAGE};
use serde_json::{json, Value};
use stytch_emulator::{
    spawn, Emulator, RunningEmulator, DEMO_ENVIRONMENT_SLUG, DEMO_PROJECT_SLUG,
    DEMO_WORKSPACE_KEY_ID, DEMO_WORKSPACE_KEY_SECRET,
};

const CALLBACK: &str = "gatehouse://auth/callback";

struct Run {
    code: i32,
    out: String,
    err: String,
}

impl Run {
    fn from(out: Output) -> Run {
        let run = Run {
            code: out.status.code().expect("an exit status"),
            out: String::from_utf8_lossy(&out.stdout).into_owned(),
            err: String::from_utf8_lossy(&out.stderr).into_owned(),
        };
        for shown in [&run.out, &run.err] {
            assert!(
                !shown.contains(DEMO_WORKSPACE_KEY_SECRET)
                    && !shown.contains(DEMO_WORKSPACE_KEY_ID),
                "the workspace key is shown: {shown}"
            );
        }
        run
    }

    fn line(&self, start: &str) -> &str {
        self.out
            .lines()
            .find(|l| l.starts_with(start))
            .unwrap_or_else(|| panic!("no line starting {start:?} in:\n{}", self.out))
    }
}

/// `gatehouse-admin stytch-setup ARGS` against `base`, with the workspace key `key` (id, secret)
/// in the environment and nothing else of Stytch's: no project id, no project secret.
fn admin(base: &str, key: Option<(&str, &str)>, args: &[&str]) -> Run {
    let mut command = Command::new(env!("CARGO_BIN_EXE_gatehouse-admin"));
    for var in [
        "STYTCH_SECRET",
        "STYTCH_PROJECT_ID",
        "STYTCH_API_BASE",
        "STYTCH_WORKSPACE_KEY_ID",
        "STYTCH_WORKSPACE_KEY_SECRET",
    ] {
        command.env_remove(var);
    }
    if let Some((id, secret)) = key {
        command
            .env("STYTCH_WORKSPACE_KEY_ID", id)
            .env("STYTCH_WORKSPACE_KEY_SECRET", secret);
    }
    let out = command
        .env("STYTCH_MANAGEMENT_BASE", base)
        .env("STYTCH_PROJECT_SLUG", DEMO_PROJECT_SLUG)
        .env("STYTCH_ENVIRONMENT", DEMO_ENVIRONMENT_SLUG)
        .arg("stytch-setup")
        .args(args)
        .output()
        .unwrap();
    Run::from(out)
}

struct Project {
    running: RunningEmulator,
    control: Control,
}

impl Project {
    async fn demo() -> Project {
        let running = spawn(Emulator::demo()).await.unwrap();
        let control = Control::new(running.base_url.clone());
        Project { running, control }
    }

    /// The command with the demo workspace key, off the async runtime.
    async fn setup(&self, args: &[&str]) -> Run {
        self.setup_with_key(
            Some((DEMO_WORKSPACE_KEY_ID, DEMO_WORKSPACE_KEY_SECRET)),
            args,
        )
        .await
    }

    async fn setup_with_key(&self, key: Option<(&str, &str)>, args: &[&str]) -> Run {
        let base = self.running.base_url.clone();
        let key = key.map(|(id, secret)| (id.to_owned(), secret.to_owned()));
        let args: Vec<String> = args.iter().map(|a| a.to_string()).collect();
        tokio::task::spawn_blocking(move || {
            let args: Vec<&str> = args.iter().map(String::as_str).collect();
            admin(
                &base,
                key.as_ref().map(|(i, s)| (i.as_str(), s.as_str())),
                &args,
            )
        })
        .await
        .unwrap()
    }

    async fn types_of(&self, url: &str) -> Vec<String> {
        let urls = self.control.redirect_urls().await;
        let found = urls
            .iter()
            .find(|u| u["url"] == url)
            .unwrap_or_else(|| panic!("{url} not registered: {urls:?}"));
        found["valid_types"]
            .as_array()
            .unwrap()
            .iter()
            .map(|t| t["type"].as_str().unwrap().to_owned())
            .collect()
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn the_demo_project_has_everything_gatehouse_needs() {
    let project = Project::demo().await;
    let run = project.setup(&[]).await;
    assert_eq!(run.code, 0, "{}{}", run.out, run.err);
    for name in [
        "SDK enabled",
        "App identifier authorized",
        "Email magic links",
        "SMS codes",
        "Authenticator apps",
        "Maximum session duration",
        "HttpOnly cookies",
        "Device fingerprinting",
        "Redirect URL",
    ] {
        assert!(run
            .line(&format!("ok       {name}: "))
            .contains("(Gatehouse needs: "));
    }
    assert_eq!(
        run.line("ok       App identifier authorized"),
        "ok       App identifier authorized: bundle IDs com.example.gatehouse (Gatehouse needs: bundle IDs include com.example.gatehouse)"
    );
    assert_eq!(
        run.line("ok       Redirect URL"),
        "ok       Redirect URL: registered for LOGIN, SIGNUP (Gatehouse needs: gatehouse://auth/callback for LOGIN and SIGNUP)"
    );
    assert_eq!(
        run.line("info     Member lock"),
        "info     Member lock: 10 failed attempts lock a member for 1 hour"
    );
    assert!(
        run.out.contains("Everything Gatehouse needs is set."),
        "{}",
        run.out
    );
    assert!(run.out.starts_with(&format!(
        "Stytch project {DEMO_PROJECT_SLUG}, environment {DEMO_ENVIRONMENT_SLUG}"
    )));
}

#[tokio::test(flavor = "multi_thread")]
async fn a_switch_turned_off_is_reported_and_nothing_changes_without_apply() {
    let project = Project::demo().await;
    project
        .control
        .set_sdk_config(json!({"magic_links": {"enabled": false, "pkce_required": true}}))
        .await;
    let before = project.control.sdk_config().await;

    let run = project.setup(&[]).await;
    assert_eq!(run.code, 1, "{}{}", run.out, run.err);
    assert_eq!(
        run.line("DIFFERS  Email magic links"),
        "DIFFERS  Email magic links: off, PKCE required on (Gatehouse needs: on)"
    );
    assert!(
        run.out.contains(&format!(
            "By hand: {SDK_PAGE} → {}: turn on",
            EMAIL_MAGIC_LINKS.label
        )),
        "{}",
        run.out
    );
    assert!(run.out.contains("1 setting differs from what Gatehouse needs. Nothing was changed: run again with --apply"), "{}", run.out);
    assert_eq!(
        project.control.sdk_config().await,
        before,
        "nothing changed"
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn apply_fixes_every_difference_keeps_what_other_apps_use_and_a_second_run_is_all_ok() {
    let project = Project::demo().await;
    let control = &project.control;
    control
        .set_sdk_config(json!({
            "basic": {"enabled": false, "allow_self_onboarding": true,
                      "domains": [{"domain": "https://app.example.com", "slug_pattern": ""}],
                      "bundle_ids": ["com.example.mobile"]},
            "sessions": {"max_session_duration_minutes": 30},
            "otps": {"sms_enabled": false, "email_enabled": true},
            "totps": {"enabled": true, "create_totps": false},
            "cookies": {"http_only": "ENFORCED"},
            "dfppa": {"enabled": "ENABLED", "on_challenge": "TRIGGER_CAPTCHA"},
            "oauth": {"enabled": true, "pkce_required": true}
        }))
        .await;
    control.delete_redirect_url(CALLBACK).await;

    let run = project.setup(&[]).await;
    assert_eq!(run.code, 1, "{}{}", run.out, run.err);
    for name in [
        "SDK enabled",
        "App identifier authorized",
        "SMS codes",
        "Authenticator apps",
        "Maximum session duration",
        "HttpOnly cookies",
        "Device fingerprinting",
        "Redirect URL",
    ] {
        run.line(&format!("DIFFERS  {name}: "));
    }
    assert!(run.out.contains("8 settings differ"), "{}", run.out);

    let run = project.setup(&["--apply"]).await;
    assert_eq!(run.code, 0, "{}{}", run.out, run.err);
    assert!(
        run.out.contains(
            "Changing the SDK configuration: basic, cookies, dfppa, otps, sessions, totps"
        ),
        "{}",
        run.out
    );
    assert!(
        run.out.contains(&format!(
            "Registering the redirect URL {CALLBACK} for LOGIN and SIGNUP"
        )),
        "{}",
        run.out
    );
    let after = &run.out[run.out.find("After --apply:").expect("read again")..];
    assert!(!after.contains("DIFFERS"), "{after}");
    assert!(
        after.contains("Everything Gatehouse needs is set."),
        "{after}"
    );

    let config = control.sdk_config().await;
    assert_eq!(
        config["basic"]["bundle_ids"],
        json!(["com.example.mobile", "com.example.gatehouse"])
    );
    assert_eq!(
        config["basic"]["domains"][0]["domain"],
        "https://app.example.com"
    );
    assert_eq!(config["basic"]["allow_self_onboarding"], true);
    assert_eq!(
        config["otps"]["email_enabled"], true,
        "the rest of a section is kept"
    );
    assert_eq!(
        config["oauth"],
        json!({"enabled": true, "pkce_required": true}),
        "an untouched section is kept"
    );
    assert_eq!(config["sessions"]["max_session_duration_minutes"], 60);
    assert_eq!(config["cookies"]["http_only"], "ENABLED");
    assert_eq!(config["dfppa"]["enabled"], "DISABLED");
    assert_eq!(project.types_of(CALLBACK).await, ["LOGIN", "SIGNUP"]);

    let again = project.setup(&[]).await;
    assert_eq!(again.code, 0, "{}", again.out);
    let again = project.setup(&["--apply"]).await;
    assert_eq!(again.code, 0, "{}", again.out);
    assert!(
        !again.out.contains("Changing"),
        "nothing left to change: {}",
        again.out
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn a_redirect_url_without_signup_gets_it_beside_its_other_types() {
    let project = Project::demo().await;
    project
        .control
        .set_redirect_url(CALLBACK, &["LOGIN", "INVITE"])
        .await;
    let run = project.setup(&[]).await;
    assert_eq!(run.code, 1, "{}", run.out);
    assert!(run
        .line("DIFFERS  Redirect URL")
        .starts_with("DIFFERS  Redirect URL: registered for LOGIN, INVITE"));
    assert!(run.out.contains(
        "By hand: Stytch dashboard → Redirect URLs → + Create redirect URL (or edit it): gatehouse://auth/callback with the types Login and Sign-up"
    ));
    let run = project.setup(&["--apply"]).await;
    assert_eq!(run.code, 0, "{}", run.out);
    assert!(run.out.contains(&format!(
        "Setting the types of the redirect URL {CALLBACK} to LOGIN, INVITE, SIGNUP"
    )));
    assert_eq!(
        project.types_of(CALLBACK).await,
        ["LOGIN", "INVITE", "SIGNUP"]
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn a_rebranded_build_and_a_longer_session_are_checked_and_applied() {
    let project = Project::demo().await;
    let args = [
        "--app-identifier",
        "com.acme.signin",
        "--session-minutes",
        "1440",
        "--scheme",
        "acme-signin",
    ];
    let run = project.setup(&args).await;
    assert_eq!(run.code, 1, "{}", run.out);
    run.line("DIFFERS  App identifier authorized: bundle IDs com.example.gatehouse");
    run.line(
        "DIFFERS  Maximum session duration: 720 minutes (Gatehouse needs: at least 1440 minutes)",
    );
    run.line("DIFFERS  Redirect URL: not registered (Gatehouse needs: acme-signin://auth/callback");

    let args_apply: Vec<&str> = args.iter().copied().chain(["--apply"]).collect();
    let run = project.setup(&args_apply).await;
    assert_eq!(run.code, 0, "{}", run.out);
    let config = project.control.sdk_config().await;
    assert_eq!(
        config["basic"]["bundle_ids"],
        json!(["com.example.gatehouse", "com.acme.signin"])
    );
    assert_eq!(config["sessions"]["max_session_duration_minutes"], 1440);
    assert_eq!(
        project.types_of("acme-signin://auth/callback").await,
        ["LOGIN", "SIGNUP"]
    );
    assert_eq!(
        project.types_of(CALLBACK).await,
        ["LOGIN", "SIGNUP"],
        "the other URL stays"
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn the_member_lock_is_shown_as_stytch_reports_it() {
    let project = Project::demo().await;
    project.control.set_lock(3, 900).await;
    let run = project.setup(&[]).await;
    assert_eq!(run.code, 0, "informational only: {}", run.out);
    assert_eq!(
        run.line("info     Member lock"),
        "info     Member lock: 3 failed attempts lock a member for 15 minutes"
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn without_the_workspace_key_it_names_the_variables_and_sends_nothing() {
    let project = Project::demo().await;
    project.control.clear_requests().await;
    let run = project.setup_with_key(None, &[]).await;
    assert_eq!(run.code, 2);
    assert!(
        run.err.contains("set the workspace management key in STYTCH_WORKSPACE_KEY_ID and STYTCH_WORKSPACE_KEY_SECRET"),
        "{}",
        run.err
    );
    assert!(
        run.err.contains("Workspace settings → Management API"),
        "{}",
        run.err
    );
    let run = project
        .setup_with_key(Some((DEMO_WORKSPACE_KEY_ID, "")), &[])
        .await;
    assert_eq!(run.code, 2);
    assert!(
        run.err
            .contains("in STYTCH_WORKSPACE_KEY_SECRET (it is never"),
        "{}",
        run.err
    );
    assert!(
        project.control.requests().await.is_empty(),
        "nothing was sent"
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn a_wrong_key_gets_the_management_apis_401_explained() {
    let project = Project::demo().await;
    let wrong = "workspace-secret-wrong-0000000000000000000000";
    let run = project
        .setup_with_key(Some((DEMO_WORKSPACE_KEY_ID, wrong)), &["--apply"])
        .await;
    assert_eq!(run.code, 2, "{}{}", run.out, run.err);
    assert!(!run.out.contains(wrong) && !run.err.contains(wrong));
    assert!(
        run.err
            .contains("Stytch's Management API answered 401 unauthorized_credentials"),
        "{}",
        run.err
    );
    assert!(
        run.err.contains("Stytch refused the workspace management key: check STYTCH_WORKSPACE_KEY_ID and STYTCH_WORKSPACE_KEY_SECRET"),
        "{}",
        run.err
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn a_wrong_project_slug_says_which_option_to_check() {
    let project = Project::demo().await;
    let run = project.setup(&["--project-slug", "not-this-one"]).await;
    assert_eq!(run.code, 2, "{}{}", run.out, run.err);
    assert!(
        run.err
            .contains("Stytch's Management API answered 404 project_not_found"),
        "{}",
        run.err
    );
    assert!(
        run.err.contains("Check --project-slug and --environment"),
        "{}",
        run.err
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn a_part_that_cannot_be_read_gives_its_dashboard_steps_and_the_rest_is_still_checked() {
    let project = Project::demo().await;
    let path = format!(
        "/pwa/v3/projects/{DEMO_PROJECT_SLUG}/environments/{DEMO_ENVIRONMENT_SLUG}/sdk/b2b"
    );
    project.control.arm(&Fault::status(path, 503)).await;
    let run = project.setup(&["--apply"]).await;
    assert_eq!(run.code, 2, "{}{}", run.out, run.err);
    assert_eq!(
        run.line("UNREAD   SDK enabled"),
        "UNREAD   SDK enabled: could not be read (503 server_unavailable) (Gatehouse needs: on)"
    );
    assert!(
        run.out.contains(&format!(
            "By hand: {SDK_PAGE} → {}: add com.example.gatehouse",
            AUTHORIZED_APPS.label
        )),
        "{}",
        run.out
    );
    run.line("ok       Redirect URL: registered for LOGIN, SIGNUP");
    assert!(
        run.out
            .contains("Could not read the SDK configuration: Stytch's Management API answered 503"),
        "{}",
        run.out
    );
    assert!(!run.out.contains("Changing"), "{}", run.out);
}

#[test]
fn the_workspace_key_is_never_taken_on_the_command_line() {
    let secret = "workspace-secret-on-the-command-line-00000";
    for option in ["--workspace-key-secret", "--workspace-key", "--secret"] {
        let run = admin("http://127.0.0.1:9", None, &[option, secret]);
        assert_eq!(run.code, 2, "{option} was accepted");
        assert!(
            !run.err.contains(secret),
            "the secret is echoed: {}",
            run.err
        );
    }
    // Nor as a stray value anywhere else.
    let run = admin("http://127.0.0.1:9", None, &[secret]);
    assert_eq!(run.code, 2, "a stray secret was accepted");
}

#[test]
fn stytch_setup_is_about_the_project_not_an_organization() {
    let out = Command::new(env!("CARGO_BIN_EXE_gatehouse-admin"))
        .args(["--organization", "acme", "stytch-setup"])
        .env("STYTCH_PROJECT_SLUG", "p")
        .env("STYTCH_ENVIRONMENT", "test")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("leave out --organization"));
}

#[test]
fn the_organization_commands_still_need_the_organization() {
    let out = Command::new(env!("CARGO_BIN_EXE_gatehouse-admin"))
        .arg("mfa-policy")
        .env(
            "STYTCH_PROJECT_ID",
            "project-test-00000000-0000-4000-8000-000000000000",
        )
        .env("STYTCH_SECRET", "secret-test-x")
        .output()
        .unwrap();
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("--organization"));
}

/// Stytch's Management API for a project whose SDK configuration has no maximum session duration,
/// which the emulator cannot hold (it refuses a configuration without one): the three reads, and
/// `PUT …/sdk/b2b` replacing each section it sends. Every PUT body is kept.
struct UnsetCapStytch {
    base: String,
    config: Arc<Mutex<Value>>,
    puts: Arc<Mutex<Vec<Value>>>,
}

impl UnsetCapStytch {
    fn serve(config: Value) -> UnsetCapStytch {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let stytch = UnsetCapStytch {
            base: format!("http://{}", listener.local_addr().unwrap()),
            config: Arc::new(Mutex::new(config)),
            puts: Arc::default(),
        };
        let (config, puts) = (stytch.config.clone(), stytch.puts.clone());
        std::thread::spawn(move || {
            for stream in listener.incoming().flatten() {
                Self::answer(stream, &config, &puts);
            }
        });
        stytch
    }

    fn answer(stream: TcpStream, config: &Mutex<Value>, puts: &Mutex<Vec<Value>>) {
        let mut reader = BufReader::new(stream.try_clone().unwrap());
        let mut request = String::new();
        reader.read_line(&mut request).unwrap();
        let mut length = 0;
        loop {
            let mut header = String::new();
            reader.read_line(&mut header).unwrap();
            if header.trim().is_empty() {
                break;
            }
            if let Some((name, value)) = header.split_once(':') {
                if name.eq_ignore_ascii_case("content-length") {
                    length = value.trim().parse().unwrap();
                }
            }
        }
        let mut body = vec![0; length];
        reader.read_exact(&mut body).unwrap();
        let mut words = request.split_whitespace();
        let (method, path) = (words.next().unwrap(), words.next().unwrap());
        let environment =
            format!("/pwa/v3/projects/{DEMO_PROJECT_SLUG}/environments/{DEMO_ENVIRONMENT_SLUG}");
        let answer = match (method, path.strip_prefix(environment.as_str())) {
            ("GET", Some("")) => json!({"environment": {}}),
            ("GET", Some("/sdk/b2b")) => json!({"config": *config.lock().unwrap()}),
            ("PUT", Some("/sdk/b2b")) => {
                let patch: Value = serde_json::from_slice(&body).unwrap();
                let mut config = config.lock().unwrap();
                for (section, value) in patch["config"].as_object().unwrap() {
                    config[section] = value.clone();
                }
                puts.lock().unwrap().push(patch);
                json!({"config": *config})
            }
            ("GET", Some("/redirect_urls/all")) => json!({"redirect_urls": [{"url": CALLBACK,
                "valid_types": [{"type": "LOGIN", "is_default": true},
                                {"type": "SIGNUP", "is_default": true}]}]}),
            other => panic!("not a call stytch-setup makes: {other:?}"),
        };
        let answer = answer.to_string();
        let mut stream = stream;
        write!(
            stream,
            "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: {}\r\n\
             Connection: close\r\n\r\n{answer}",
            answer.len()
        )
        .unwrap();
    }
}

#[test]
fn a_session_cap_stytch_has_not_set_is_shown_and_never_set_even_with_apply() {
    let stytch = UnsetCapStytch::serve(json!({
        "basic": {"enabled": true, "bundle_ids": ["com.example.gatehouse"]},
        "sessions": {},
        "magic_links": {"enabled": true, "pkce_required": true},
        "otps": {"sms_enabled": false},
        "totps": {"enabled": true, "create_totps": true},
        "cookies": {"http_only": "DISABLED"},
        "dfppa": {"enabled": "DISABLED"}
    }));
    let key = Some((DEMO_WORKSPACE_KEY_ID, DEMO_WORKSPACE_KEY_SECRET));
    let unset = "info     Maximum session duration: not set at Stytch: Stytch's own limit applies \
                 (unpublished); if sign-in then says the session is too long, set it to at least \
                 60 minutes";

    let run = admin(&stytch.base, key, &[]);
    assert_eq!(run.code, 1, "{}{}", run.out, run.err);
    assert_eq!(run.line("info     Maximum session duration"), unset);
    assert!(
        run.out
            .contains("1 setting differs from what Gatehouse needs"),
        "only SMS codes: {}",
        run.out
    );

    let run = admin(&stytch.base, key, &["--apply"]);
    assert_eq!(run.code, 0, "{}{}", run.out, run.err);
    assert!(
        run.out.contains("Changing the SDK configuration: otps\n"),
        "{}",
        run.out
    );
    assert_eq!(
        *stytch.puts.lock().unwrap(),
        [json!({"config": {"otps": {"sms_enabled": true}}})],
        "the sessions section is never sent"
    );
    let after = &run.out[run.out.find("After --apply:").expect("read again")..];
    assert!(after.contains(unset), "{after}");
    assert_eq!(stytch.config.lock().unwrap()["sessions"], json!({}));
}
