//! The pieces a sign-in test runs against, all real: the emulator as a process on loopback,
//! Gatehouse's desktop entry (so `xdg-open gatehouse://…` reaches the app), the Secret Service
//! read through `secret-tool`, and every log line of the run kept for a secrets scan.

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::Duration;

use emulator_control::Control;
use serde_json::Value;

use super::TauriDriver;

/// The app identifier: the keychain service (tauri.conf.json).
pub const SERVICE: &str = "com.example.gatehouse";

pub fn target_dir() -> PathBuf {
    std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target"))
}

fn workspace_binary(name: &str) -> PathBuf {
    let path = target_dir().join("debug").join(name);
    assert!(
        path.exists(),
        "{} is missing: build the workspace first (scripts/test.sh does: cargo build --workspace --all-targets)",
        path.display()
    );
    path
}

/// The emulator as a real process on 127.0.0.1, with its stderr kept.
pub struct EmulatorProcess {
    child: Child,
    pub base_url: String,
    pub log: PathBuf,
    /// The emulator's control surface: project, outbox, clock, request log.
    pub control: Control,
}

impl EmulatorProcess {
    pub fn start(dir: &Path) -> EmulatorProcess {
        let log = dir.join("emulator.log");
        let mut child = Command::new(workspace_binary("stytch-emulator"))
            .args(["--listen", "127.0.0.1:0"])
            .stdout(Stdio::piped())
            .stderr(std::fs::File::create(&log).unwrap())
            .spawn()
            .expect("start stytch-emulator");
        let mut line = String::new();
        BufReader::new(child.stdout.take().unwrap())
            .read_line(&mut line)
            .expect("the emulator's first line");
        let base_url = line
            .trim()
            .strip_prefix("stytch-emulator listening on ")
            .unwrap_or_else(|| panic!("unexpected first line from the emulator: {line:?}"))
            .to_owned();
        EmulatorProcess {
            child,
            control: Control::new(&base_url),
            base_url,
            log,
        }
    }

    /// Ends the emulator process: Stytch is gone.
    pub fn stop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }

    pub async fn project(&self) -> emulator_control::Project {
        self.control.project().await
    }

    pub async fn messages(&self, to: &str) -> Vec<Value> {
        let messages = self.control.outbox(to).await;
        messages.iter().map(|m| serde_json::json!(m)).collect()
    }

    /// Waits for the `n`-th message to `to` (1-based) and returns it.
    pub async fn wait_for_message(&self, to: &str, n: usize) -> Value {
        serde_json::json!(self.control.wait_for_message(to, n).await)
    }

    /// Follows an email's link to the emulator's redirect and returns the gatehouse:// URL.
    pub async fn callback_url(&self, email: &Value) -> String {
        let link = email["link"].as_str().expect("an email with a link");
        self.control.follow_link(link).await
    }

    /// `(path, status)` of every Stytch call so far.
    pub async fn requests(&self) -> Vec<(String, u16)> {
        let calls = self.control.requests().await.into_iter();
        calls.map(|c| (c.path, c.status)).collect()
    }

    /// Fails unless every `/sdk/v1` path called so far (by anyone: the app is the only SDK
    /// caller) is a route Stytch's SDKs publish: in the client's table, which names each route's
    /// source, and served by the emulator. Returns how many SDK calls were checked.
    pub async fn assert_only_sourced_sdk_routes(&self) -> usize {
        let sdk: Vec<String> = self
            .requests()
            .await
            .into_iter()
            .map(|(path, _)| path)
            .filter(|path| path.starts_with("/sdk/"))
            .collect();
        for path in &sdk {
            let sourced = stytch_b2b::routes::ROUTES
                .iter()
                .any(|r| r.path.starts_with("/sdk/") && template_matches(r.path, path));
            let served = stytch_emulator::ROUTES
                .iter()
                .any(|r| r.path.starts_with("/sdk/") && template_matches(r.path, path));
            assert!(
                sourced && served,
                "the app called {path}, which is not a sourced SDK route"
            );
        }
        sdk.len()
    }

    pub async fn advance_clock(&self, seconds: u64) {
        self.control.advance_clock(seconds).await;
    }

    /// A backend-API call with the project secret, as a third party would make it.
    pub async fn post_as_backend(&self, path: &str, body: Value) -> Value {
        self.control.backend_post(path, &body).await.1
    }

    /// sessions/authenticate at the emulator (backend API), as a third party would check.
    pub async fn session_status(&self, token: &str) -> (u16, Value) {
        let body = serde_json::json!({ "session_token": token });
        self.control
            .backend_post("/v1/b2b/sessions/authenticate", &body)
            .await
    }
}

impl Drop for EmulatorProcess {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Family {
    /// The backend API on STYTCH_SECRET (development mode).
    Backend,
    /// The client SDK API on the public token (what ships).
    Sdk,
}

/// One test's world: a fresh emulator, a config file, the desktop entry, an empty keychain.
pub struct Stack {
    pub dir: tempfile::TempDir,
    pub emulator: EmulatorProcess,
    pub family: Family,
    pub config: PathBuf,
    pub app_log: PathBuf,
    pub secret: String,
    pub public_token: String,
    pub project_id: String,
    pub organization_id: String,
}

impl Stack {
    pub async fn new(family: Family) -> Stack {
        super::require_desktop_session();
        let dir = tempfile::tempdir().unwrap();
        let emulator = EmulatorProcess::start(dir.path());
        let project = emulator.project().await;
        let config = dir.path().join("config.toml");
        let token_line = match family {
            Family::Sdk => format!("public_token = \"{}\"\n", project.public_token),
            Family::Backend => String::new(),
        };
        std::fs::write(
            &config,
            format!(
                "[stytch]\nproject_id = \"{}\"\n{token_line}api_base = \"{}\"\n\n[organization]\nslug = \"example-org\"\n",
                project.project_id, emulator.base_url
            ),
        )
        .unwrap();
        install_desktop_entry();
        wipe_keychain();
        let app_log = dir.path().join("app.log");
        Stack {
            family,
            config,
            app_log,
            organization_id: project.organizations[0].organization_id.clone(),
            secret: project.secret,
            public_token: project.public_token,
            project_id: project.project_id,
            emulator,
            dir,
        }
    }

    /// The environment Gatehouse runs with (through tauri-driver, or xdg-open for a cold start).
    pub fn app_env(&self) -> Vec<(String, String)> {
        let mut env = vec![
            (
                "GATEHOUSE_CONFIG".to_owned(),
                self.config.display().to_string(),
            ),
            (
                "GATEHOUSE_LOG".to_owned(),
                "info,gatehouse_lib=debug,gatehouse_core=debug".to_owned(),
            ),
            // The emulator's address is in the user's file: only the development switch allows
            // that (IT's system file is the only other place an API base may come from).
            ("GATEHOUSE_DEVELOPMENT".to_owned(), "1".to_owned()),
            // English whatever the machine's own language: the tests read English words. A test
            // of another language overrides these (later entries win).
            ("LANGUAGE".to_owned(), String::new()),
            ("LC_ALL".to_owned(), "C.UTF-8".to_owned()),
            ("LC_MESSAGES".to_owned(), String::new()),
            ("LANG".to_owned(), "C.UTF-8".to_owned()),
        ];
        if self.family == Family::Backend {
            env.push(("STYTCH_SECRET".to_owned(), self.secret.clone()));
        }
        env
    }

    pub fn driver(&self) -> TauriDriver {
        TauriDriver::start_logging(&self.app_env(), &self.app_log)
    }

    /// A driver whose app also gets `extra` in its environment.
    pub fn driver_with(&self, extra: &[(&str, &str)]) -> TauriDriver {
        let mut env = self.app_env();
        env.extend(extra.iter().map(|(k, v)| (k.to_string(), v.to_string())));
        TauriDriver::start_logging(&env, &self.app_log)
    }

    /// The code an authenticator app shows for `key` (as the window shows it) at Stytch's (the
    /// emulator's) time: the test is the member's app.
    pub async fn app_code(&self, key: &str) -> String {
        let secret = totp_rs::Secret::Encoded(key.replace(' ', ""))
            .to_bytes()
            .expect("a base32 key");
        let totp = totp_rs::TOTP::new_unchecked(totp_rs::Algorithm::SHA1, 6, 1, 30, secret);
        let offset = self.emulator.control.clock_offset().await;
        let now = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .unwrap()
            .as_secs() as i64;
        totp.generate((now + offset) as u64)
    }

    /// The emulator's demo workspace: the API's port on `localhost`, a host of its own for
    /// cookies.
    pub fn workspace_url(&self) -> String {
        let port = self.emulator.base_url.rsplit(':').next().unwrap();
        format!("http://localhost:{port}/workspace/")
    }

    /// The app's log so far.
    pub fn app_log_text(&self) -> String {
        std::fs::read_to_string(&self.app_log).unwrap_or_default()
    }

    /// The guide's Step 1, through the command IT uses.
    pub fn set_mfa_policy(&self, policy: &str) -> String {
        let output = Command::new(workspace_binary("gatehouse-admin"))
            .args(["--organization", "example-org", "mfa-policy", policy])
            .env("STYTCH_PROJECT_ID", &self.project_id)
            .env("STYTCH_SECRET", &self.secret)
            .env("STYTCH_API_BASE", &self.emulator.base_url)
            .output()
            .expect("run gatehouse-admin");
        let stdout = String::from_utf8_lossy(&output.stdout).into_owned();
        assert!(
            output.status.success(),
            "gatehouse-admin failed: {}",
            String::from_utf8_lossy(&output.stderr)
        );
        stdout
    }

    /// The secrets scan of the whole run: none of `secrets`, nor any intermediate session token
    /// the emulator issued or PKCE verifier it received, in any log line or view payload.
    pub async fn assert_no_secrets(&self, secrets: &[String]) {
        let flow = self.emulator.control.flow_secrets().await;
        assert!(
            !flow.is_empty(),
            "the run issued no intermediate session and sent no verifier: the scan would prove less than it says"
        );
        let all: Vec<String> = secrets.iter().cloned().chain(flow).collect();
        assert_no_secrets(&self.all_logs(), &all);
    }

    /// Every log line of the run: the app's (through tauri-driver or xdg-open) and the emulator's.
    pub fn all_logs(&self) -> String {
        let mut text = String::new();
        for entry in std::fs::read_dir(self.dir.path()).unwrap() {
            let path = entry.unwrap().path();
            if path.extension().is_some_and(|e| e == "log") {
                text.push_str(&std::fs::read_to_string(&path).unwrap_or_default());
            }
        }
        text
    }
}

impl Drop for Stack {
    /// No Gatehouse may outlive its test (a cold-started one, or one a failed test left behind):
    /// the next test's app would hand its window over to it through single-instance.
    fn drop(&mut self) {
        kill_apps();
    }
}

/// Ends every Gatehouse process of this session.
pub fn kill_apps() {
    let _ = Command::new("pkill").args(["-x", "gatehouse"]).status();
    std::thread::sleep(Duration::from_millis(300));
}

/// Opens a URL the way the desktop does. Warm start: returns once xdg-open has handed it over.
pub fn xdg_open(url: &str) {
    let status = Command::new("xdg-open")
        .arg(url)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .expect("xdg-open (xdg-utils)");
    assert!(status.success(), "xdg-open {url} failed: {status}");
}

/// Cold start: xdg-open launches Gatehouse itself (and blocks until it exits), with `env`.
pub fn xdg_open_launching(url: &str, env: &[(String, String)], log: &Path) -> Child {
    let log = std::fs::File::create(log).unwrap();
    let mut command = Command::new("xdg-open");
    command
        .arg(url)
        .stdout(log.try_clone().unwrap())
        .stderr(log);
    for (k, v) in env {
        command.env(k, v);
    }
    command.spawn().expect("xdg-open (xdg-utils)")
}

/// The package's desktop entry, running the built launcher, as the default gatehouse:// handler:
/// rendered by `scripts/desktop-entry.sh`, the one renderer the demo and the bench use too.
pub fn install_desktop_entry() {
    std::env::var("XDG_DATA_HOME").expect("XDG_DATA_HOME (scripts/desktop-session.sh sets it)");
    let output =
        Command::new(Path::new(env!("CARGO_MANIFEST_DIR")).join("scripts/desktop-entry.sh"))
            .arg("install")
            .arg(super::launcher_binary())
            .output()
            .expect("scripts/desktop-entry.sh (bash, jq, xdg-utils)");
    assert!(
        output.status.success(),
        "could not register gatehouse.desktop as the gatehouse:// handler: {}",
        String::from_utf8_lossy(&output.stderr)
    );
}

/// A stand-in web browser for this desktop session: the default handler of http and https
/// links, which writes each URL it is given as a line of `record`. What the app opens in "the
/// system browser" (the opener plugin → xdg-open) lands there.
pub fn install_stub_browser(record: &Path) {
    install_stub_handler(
        "stub-browser",
        &["x-scheme-handler/http", "x-scheme-handler/https"],
        record,
    );
}

/// A stand-in program for `mime_types` (a scheme is `x-scheme-handler/NAME`) in this desktop
/// session: the default handler of each, which writes each argument it is given as a line of
/// `record`. A test reads `record` to see what the desktop was asked to open.
pub fn install_stub_handler(name: &str, mime_types: &[&str], record: &Path) {
    let data =
        std::env::var("XDG_DATA_HOME").expect("XDG_DATA_HOME (scripts/desktop-session.sh sets it)");
    let apps = Path::new(&data).join("applications");
    std::fs::create_dir_all(&apps).unwrap();
    let script = apps.join(format!("{name}.sh"));
    std::fs::write(
        &script,
        format!(
            "#!/bin/sh\nprintf '%s\\n' \"$1\" >> '{}'\n",
            record.display()
        ),
    )
    .unwrap();
    std::fs::set_permissions(&script, std::os::unix::fs::PermissionsExt::from_mode(0o755)).unwrap();
    let entry = format!(
        "[Desktop Entry]\nType=Application\nName={name}\nExec={} %u\nMimeType={};\nNoDisplay=true\n",
        script.display(),
        mime_types.join(";")
    );
    std::fs::write(apps.join(format!("{name}.desktop")), entry).unwrap();
    let _ = Command::new("update-desktop-database").arg(&apps).status();
    for mime in mime_types {
        let ok = Command::new("xdg-mime")
            .args(["default", &format!("{name}.desktop"), mime])
            .status()
            .unwrap()
            .success();
        assert!(ok, "could not make {name} the {mime} handler");
    }
}

/// What the Secret Service holds for Gatehouse under `account`, read with secret-tool.
pub fn keychain_secret(account: &str) -> Option<String> {
    let output = Command::new("secret-tool")
        .args(["lookup", "service", SERVICE, "username", account])
        .output()
        .expect("secret-tool (libsecret-tools)");
    output
        .status
        .success()
        .then(|| String::from_utf8(output.stdout).unwrap())
}

pub fn wipe_keychain() {
    let _ = Command::new("secret-tool")
        .args(["clear", "service", SERVICE])
        .status();
}

/// Asserts that none of `secrets` appears in `text`, and that no view payload the webview was
/// sent holds anything shaped like a token (40+ URL-safe characters).
pub fn assert_no_secrets(text: &str, secrets: &[String]) {
    for secret in secrets.iter().filter(|s| !s.is_empty()) {
        // Short secrets (SMS codes) as whole numbers, so a timestamp's digits do not count.
        let found = if secret.len() < 12 {
            regex::Regex::new(&format!(r"\b{}\b", regex::escape(secret)))
                .unwrap()
                .is_match(text)
        } else {
            text.contains(secret.as_str())
        };
        assert!(
            !found,
            "a secret ({} chars) appears in the logs or payloads",
            secret.len()
        );
    }
    let payloads: Vec<&str> = text
        .lines()
        .filter(|l| l.contains("view payload"))
        .collect();
    assert!(
        !payloads.is_empty(),
        "no view payloads were logged: the scan would prove nothing"
    );
    let token_shaped = regex::Regex::new(r"[A-Za-z0-9_\-=]{40,}").unwrap();
    for line in payloads {
        let payload = &line[line.find("payload=").expect("payload field")..];
        assert!(
            !token_shaped.is_match(payload),
            "a token-shaped value was sent to the webview: {payload}"
        );
    }
}

/// `/a/{x}/b` matches `/a/anything/b`: a placeholder stands for one path segment.
fn template_matches(template: &str, path: &str) -> bool {
    let (t, p): (Vec<&str>, Vec<&str>) = (template.split('/').collect(), path.split('/').collect());
    t.len() == p.len()
        && t.iter()
            .zip(&p)
            .all(|(t, p)| (t.starts_with('{') && t.ends_with('}') && !p.is_empty()) || t == p)
}
