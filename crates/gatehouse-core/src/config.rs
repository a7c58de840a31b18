//! Gatehouse's configuration, as IT installs it: built-in defaults, then the system file, then
//! the user's file (or GATEHOUSE_CONFIG), then the environment — later wins, unless the system
//! file lists a key under `enforced`. The project secret is taken from STYTCH_SECRET only.

use std::path::{Path, PathBuf};

use std::collections::BTreeMap;
use stytch_b2b::{
    OrganizationId, OrganizationRef, OrganizationSlug, ProjectId, ProjectSecret, PublicToken,
    SessionMinutes, Url,
};

pub const SYSTEM_FILE: &str = "/etc/gatehouse/config.toml";
/// The development switch (environment only): lets a user file or the environment point Gatehouse
/// at another Stytch host, and shows the development-mode banner.
pub const DEV_SWITCH: &str = "GATEHOUSE_DEVELOPMENT";
pub const DEFAULT_SCHEME: &str = "gatehouse";
/// Stytch's own default, and what a member gets unless IT says otherwise.
pub const DEFAULT_SESSION_MINUTES: u32 = SessionMinutes::DEFAULT.get();

/// Which Stytch API family Gatehouse speaks, with its credentials.
#[derive(Debug, Clone)]
pub enum StytchAuth {
    /// The client SDK API: what ships to employees.
    PublicToken(PublicToken),
    /// The backend API on a project secret from the environment: development and tests only.
    Secret {
        project_id: ProjectId,
        secret: ProjectSecret,
    },
}

#[derive(Debug, Clone)]
pub struct Config {
    pub auth: StytchAuth,
    pub project_id: ProjectId,
    pub api_base: Option<Url>,
    pub organization: OrganizationRef,
    /// The file that set the organization (None: the environment), for errors that name it.
    pub organization_from: Option<PathBuf>,
    pub scheme: String,
    pub session_minutes: u32,
    /// The country the phone screen starts on (ISO 3166 alpha-2), from the locale.
    pub default_country: String,
    /// The development switch was on (see [`DEV_SWITCH`]).
    pub development: bool,
    /// The company's workspace, shown after sign-in with the session JWT as its cookie.
    pub workspace: Option<Workspace>,
    /// How often the session is checked and its JWT renewed: 3 minutes, as Stytch's SDKs do;
    /// `GATEHOUSE_SESSION_CHECK_SECONDS` changes it in development only (tests use it).
    pub session_check: std::time::Duration,
    /// How long a copied setup key or set of recovery codes stays on the clipboard:
    /// [`CLIPBOARD_FORGET`]; `GATEHOUSE_CLIPBOARD_SECONDS` changes it in development only.
    pub clipboard_forget: std::time::Duration,
}

/// A copied setup key or set of recovery codes leaves the clipboard after this long, if the
/// clipboard still holds it (a person pastes it within a minute, or copies something else).
pub const CLIPBOARD_FORGET: std::time::Duration = std::time::Duration::from_secs(60);

/// `[workspace]`: the web app Gatehouse opens after sign-in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Workspace {
    /// The page to open (https, or http to this computer only).
    pub url: Url,
    /// Its name for people; the URL's host when not set.
    pub name: String,
    /// Origins the workspace may navigate to besides its own (same rule as `url`).
    pub allowed_origins: Vec<url::Origin>,
}

impl Workspace {
    /// Whether a navigation to `url` stays in the workspace.
    pub fn allows(&self, url: &Url) -> bool {
        let origin = url.origin();
        origin == self.url.origin() || self.allowed_origins.contains(&origin)
    }
}

impl Config {
    /// True when running on a project secret or with the development switch: the UI shows a
    /// development-mode notice.
    pub fn dev_mode(&self) -> bool {
        self.development || matches!(self.auth, StytchAuth::Secret { .. })
    }

    /// Where the organization setting came from, in words: a file's path, or the environment.
    pub fn organization_source(&self) -> String {
        match &self.organization_from {
            Some(file) => file.display().to_string(),
            None => {
                "the environment (GATEHOUSE_ORGANIZATION_ID or GATEHOUSE_ORGANIZATION_SLUG)".into()
            }
        }
    }

    pub fn callback_url(&self) -> Url {
        Url::parse(&format!("{}://auth/callback", self.scheme)).expect("a valid scheme")
    }
}

/// What is wrong with the configuration, and in which file (None: the environment or no file).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{message}")]
pub struct ConfigError {
    pub file: Option<PathBuf>,
    pub message: String,
}

impl ConfigError {
    fn new(file: Option<&Path>, message: impl Into<String>) -> Self {
        Self {
            file: file.map(Path::to_path_buf),
            message: message.into(),
        }
    }
}

/// Where the layers come from; `Sources::from_env()` is the real one, tests build their own.
#[derive(Debug, Clone, Default)]
pub struct Sources {
    pub system_file: Option<PathBuf>,
    pub user_file: Option<PathBuf>,
    pub env: Vec<(String, String)>,
}

impl Sources {
    pub fn from_env() -> Self {
        let env: Vec<(String, String)> = std::env::vars()
            .filter(|(k, _)| {
                k.starts_with("GATEHOUSE_")
                    || matches!(k.as_str(), "STYTCH_SECRET" | "LANG" | "LC_ALL")
            })
            .collect();
        let user_file = match std::env::var_os("GATEHOUSE_CONFIG") {
            Some(file) => Some(PathBuf::from(file)),
            None => dirs::config_dir().map(|d| d.join("gatehouse/config.toml")),
        };
        Self {
            system_file: Some(PathBuf::from(SYSTEM_FILE)),
            user_file,
            env,
        }
    }

    fn env(&self, key: &str) -> Option<&str> {
        self.env
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.as_str())
            .filter(|v| !v.is_empty())
    }
}

/// Every setting: its key in a file (`section.name`) and its environment variable. The one list
/// of keys — files, the environment and `enforced` are all checked against it.
const KEYS: &[(&str, &str)] = &[
    ("stytch.project_id", "GATEHOUSE_PROJECT_ID"),
    ("stytch.public_token", "GATEHOUSE_PUBLIC_TOKEN"),
    ("stytch.api_base", "GATEHOUSE_API_BASE"),
    ("organization.id", "GATEHOUSE_ORGANIZATION_ID"),
    ("organization.slug", "GATEHOUSE_ORGANIZATION_SLUG"),
    ("deep_link.scheme", "GATEHOUSE_DEEP_LINK_SCHEME"),
    (
        "session.duration_minutes",
        "GATEHOUSE_SESSION_DURATION_MINUTES",
    ),
    (
        "session.max_duration_minutes",
        "GATEHOUSE_SESSION_MAX_DURATION_MINUTES",
    ),
    ("workspace.url", "GATEHOUSE_WORKSPACE_URL"),
    ("workspace.name", "GATEHOUSE_WORKSPACE_NAME"),
    (
        "workspace.allowed_origins",
        "GATEHOUSE_WORKSPACE_ALLOWED_ORIGINS",
    ),
];

/// The organization's two keys: one setting for `enforced`.
const ORGANIZATION_KEYS: [&str; 2] = ["organization.id", "organization.slug"];

/// The only list-valued key: an array in a file, comma-separated in the environment.
const LIST_KEYS: &[&str] = &["workspace.allowed_origins"];

fn is_key(key: &str) -> bool {
    KEYS.iter().any(|(k, _)| *k == key)
}

/// One file: its settings by key, and the keys it enforces.
#[derive(Debug, Default)]
struct FileLayer {
    enforced: Vec<String>,
    values: BTreeMap<String, String>,
}

/// One value and where it came from, so that an error can name the file.
#[derive(Debug, Clone)]
struct Sourced {
    value: String,
    from: Option<PathBuf>,
}

#[derive(Default)]
struct Merged(BTreeMap<&'static str, Sourced>);

impl Merged {
    fn get(&self, key: &str) -> Option<&Sourced> {
        self.0.get(key)
    }

    fn set(&mut self, key: &str, value: Option<String>, from: Option<&Path>, enforced: &[String]) {
        let Some(value) = value else { return };
        let Some((key, _)) = KEYS.iter().find(|(k, _)| *k == key) else {
            return;
        };
        // IT's word is final: an enforced key keeps the system file's value, or the built-in
        // default when the system file gives none. Nothing later may set it.
        let locked = enforced.iter().any(|k| k == key);
        if !locked {
            self.0.insert(
                key,
                Sourced {
                    value,
                    from: from.map(Path::to_path_buf),
                },
            );
        }
    }

    fn apply_file(&mut self, layer: FileLayer, from: &Path, enforced: &[String]) {
        for (key, value) in layer.values {
            self.set(&key, Some(value), Some(from), enforced);
        }
    }
}

const SECRET_IN_FILE: &str = "holds a Stytch project secret. A secret can call every admin \
     endpoint of the project, so Gatehouse never reads one from a file: remove it and use the \
     public token ([stytch] public_token). For development, set STYTCH_SECRET in the environment.";

fn read_layer(path: &Path) -> Result<Option<FileLayer>, ConfigError> {
    let text = match std::fs::read_to_string(path) {
        Ok(text) => text,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(ConfigError::new(Some(path), format!("cannot be read: {e}"))),
    };
    let invalid = |what: String| ConfigError::new(Some(path), format!("is not valid: {what}"));
    let table: toml::Table = toml::from_str(&text).map_err(|e| invalid(e.message().to_owned()))?;
    let mut layer = FileLayer::default();
    for (name, item) in table {
        match (name.as_str(), item) {
            ("enforced", toml::Value::Array(keys)) => {
                for key in keys {
                    let toml::Value::String(key) = key else {
                        return Err(invalid("enforced lists keys as strings".into()));
                    };
                    if !is_key(&key) {
                        return Err(ConfigError::new(
                            Some(path),
                            format!("enforces \"{key}\", which is not a Gatehouse setting"),
                        ));
                    }
                    layer.enforced.push(key);
                }
            }
            (section, toml::Value::Table(entries)) => {
                for (field, value) in entries {
                    let key = format!("{section}.{field}");
                    if key == "stytch.secret" {
                        return Err(ConfigError::new(Some(path), SECRET_IN_FILE));
                    }
                    if !is_key(&key) {
                        return Err(invalid(format!("unknown setting `{key}`")));
                    }
                    let value = match value {
                        toml::Value::String(s) => s,
                        toml::Value::Integer(n) if key.starts_with("session.") => n.to_string(),
                        toml::Value::Array(items) if LIST_KEYS.contains(&key.as_str()) => items
                            .into_iter()
                            .map(|item| match item {
                                toml::Value::String(s) if !s.contains(',') => Ok(s),
                                _ => Err(invalid(format!("`{key}` lists origins as strings"))),
                            })
                            .collect::<Result<Vec<_>, _>>()?
                            .join(","),
                        _ => return Err(invalid(format!("`{key}` has the wrong type"))),
                    };
                    layer.values.insert(key, value);
                }
            }
            (other, _) => return Err(invalid(format!("unknown setting `{other}`"))),
        }
    }
    Ok(Some(layer))
}

/// The layers merged: every key's value and where it came from, the enforced keys, the files read.
fn merge(sources: &Sources) -> Result<(Merged, Vec<String>, Vec<PathBuf>), ConfigError> {
    let mut merged = Merged::default();
    let mut enforced: Vec<String> = Vec::new();
    let mut files_read: Vec<PathBuf> = Vec::new();

    if let Some(system) = &sources.system_file {
        if let Some(mut layer) = read_layer(system)? {
            enforced = std::mem::take(&mut layer.enforced);
            // The organization is one setting given either way: enforcing one key locks both, or
            // a user file could name another organization by the other key.
            for pair in [
                ORGANIZATION_KEYS,
                [ORGANIZATION_KEYS[1], ORGANIZATION_KEYS[0]],
            ] {
                if enforced.iter().any(|k| k == pair[0]) && !enforced.iter().any(|k| k == pair[1]) {
                    enforced.push(pair[1].to_owned());
                }
            }
            merged.apply_file(layer, system, &[]);
            files_read.push(system.clone());
        }
    }
    if let Some(user) = &sources.user_file {
        match read_layer(user)? {
            Some(layer) => {
                if !layer.enforced.is_empty() {
                    return Err(ConfigError::new(
                        Some(user),
                        "lists \"enforced\" keys; only the system file may enforce settings",
                    ));
                }
                merged.apply_file(layer, user, &enforced);
                files_read.push(user.clone());
            }
            None if sources.env("GATEHOUSE_CONFIG").is_some() => {
                return Err(ConfigError::new(
                    Some(user),
                    "does not exist (GATEHOUSE_CONFIG names it)",
                ));
            }
            None => {}
        }
    }
    for (key, var) in KEYS {
        merged.set(key, sources.env(var).map(str::to_owned), None, &enforced);
    }
    Ok((merged, enforced, files_read))
}

/// Where one setting came from, for `gatehouse doctor` (never its value).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Provenance {
    /// `section.name`.
    pub key: &'static str,
    /// A file's path, `environment (VAR)`, or `default` when nothing set it.
    pub from: String,
    /// Listed under `enforced` in the system file: nothing after it may change it.
    pub enforced: bool,
}

/// Every setting and where it came from, in the order of the key list.
pub fn provenance(sources: &Sources) -> Result<Vec<Provenance>, ConfigError> {
    let (merged, enforced, _) = merge(sources)?;
    Ok(KEYS
        .iter()
        .map(|(key, var)| Provenance {
            key,
            from: match merged.get(key) {
                Some(Sourced {
                    from: Some(file), ..
                }) => file.display().to_string(),
                Some(Sourced { from: None, .. }) => format!("environment ({var})"),
                None => "default".to_owned(),
            },
            enforced: enforced.iter().any(|k| k == key),
        })
        .collect())
}

/// Reads every layer and checks the result; the error names the file at fault.
pub fn load(sources: &Sources) -> Result<Config, ConfigError> {
    let (merged, _, files_read) = merge(sources)?;

    let last_file = files_read.last().cloned();
    let missing = |what: &str| {
        let message = if files_read.is_empty() {
            format!("No configuration was found. IT installs it at {SYSTEM_FILE}; it needs {what}.")
        } else {
            format!("{what} is not set")
        };
        ConfigError::new(last_file.as_deref(), message)
    };
    let at = |s: &Sourced| s.from.clone();

    let project = merged
        .get("stytch.project_id")
        .cloned()
        .ok_or_else(|| missing("[stytch] project_id"))?;
    let project_id = ProjectId::parse(&project.value).map_err(|e| ConfigError {
        file: at(&project),
        message: format!("[stytch] project_id: {}", e.reason),
    })?;

    let auth = match (
        merged.get("stytch.public_token"),
        sources.env("STYTCH_SECRET"),
    ) {
        (Some(token), _) => {
            if !token.value.starts_with("public-token-") {
                return Err(ConfigError {
                    file: at(token),
                    message: "[stytch] public_token is not a Stytch public token (public-token-…)"
                        .into(),
                });
            }
            StytchAuth::PublicToken(PublicToken::new(token.value.clone()))
        }
        (None, Some(secret)) => StytchAuth::Secret {
            project_id: project_id.clone(),
            secret: ProjectSecret::new(secret.to_owned()),
        },
        (None, None) => return Err(missing(
            "[stytch] public_token (or, for development only, STYTCH_SECRET in the environment)",
        )),
    };

    let development = sources.env(DEV_SWITCH) == Some("1");
    let from_system = |s: &Sourced| s.from.is_some() && s.from == sources.system_file;
    let api_base = match merged.get("stytch.api_base") {
        None => None,
        Some(s) => {
            let bad = |why: &str| ConfigError {
                file: at(s),
                message: format!("[stytch] api_base {why}"),
            };
            if !from_system(s) && !development {
                return Err(bad(&format!(
                    "may be set only in the system file ({SYSTEM_FILE}): it decides where every \
                     token goes. For development, set {DEV_SWITCH}=1 in the environment."
                )));
            }
            let url = Url::parse(&s.value)
                .ok()
                .filter(|u| u.host().is_some())
                .ok_or_else(|| bad("is not a URL"))?;
            match url.scheme() {
                "https" => {}
                "http" if stytch_b2b::is_loopback(&url) => {}
                "http" => return Err(bad("must use https (plain http only to this computer)")),
                _ => return Err(bad("must be an https URL")),
            }
            Some(url)
        }
    };

    let organization_from = merged
        .get("organization.id")
        .or(merged.get("organization.slug"))
        .and_then(at);
    let organization = match (
        merged.get("organization.id"),
        merged.get("organization.slug"),
    ) {
        (Some(id), _) => OrganizationId::parse(&id.value)
            .map(OrganizationRef::Id)
            .map_err(|e| ConfigError {
                file: at(id),
                message: format!("[organization] id: {}", e.reason),
            })?,
        (None, Some(slug)) => OrganizationSlug::parse(&slug.value)
            .map(OrganizationRef::Slug)
            .map_err(|e| ConfigError {
                file: at(slug),
                message: format!("[organization] slug: {}", e.reason),
            })?,
        (None, None) => return Err(missing("[organization] id or slug")),
    };

    let scheme = match merged.get("deep_link.scheme") {
        None => DEFAULT_SCHEME.to_owned(),
        Some(s) => {
            let ok = s.value.len() >= 2
                && s.value.starts_with(|c: char| c.is_ascii_lowercase())
                && s.value
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || "+-.".contains(c))
                && !matches!(s.value.as_str(), "http" | "https" | "file");
            if !ok {
                return Err(ConfigError {
                    file: at(s),
                    message: "[deep_link] scheme is not a usable URL scheme (lowercase letters, digits, +, -, .)".into(),
                });
            }
            s.value.clone()
        }
    };

    let session_minutes = match merged.get("session.duration_minutes") {
        None => DEFAULT_SESSION_MINUTES,
        Some(s) => s
            .value
            .parse::<u32>()
            .ok()
            .and_then(|m| SessionMinutes::parse(m).ok())
            .map(SessionMinutes::get)
            .ok_or_else(|| ConfigError {
                file: at(s),
                message: "[session] duration_minutes must be a whole number from 5 to 527040"
                    .into(),
            })?,
    };
    let session_minutes = match merged.get("session.max_duration_minutes") {
        None => session_minutes,
        Some(cap) if !from_system(cap) => {
            return Err(ConfigError {
                file: at(cap),
                message: format!(
                    "[session] max_duration_minutes is IT's cap on the session and is read only \
                     from the system file ({SYSTEM_FILE}): remove it here"
                ),
            })
        }
        Some(cap) => {
            let cap_minutes = cap
                .value
                .parse::<u32>()
                .ok()
                .and_then(|m| SessionMinutes::parse(m).ok())
                .ok_or_else(|| ConfigError {
                    file: at(cap),
                    message:
                        "[session] max_duration_minutes must be a whole number from 5 to 527040"
                            .into(),
                })?
                .get();
            session_minutes.min(cap_minutes)
        }
    };

    // Where the session JWT goes: like api_base, only IT's file says so (or the development
    // switch, which never overrides a key IT enforces).
    for key in ["workspace.url", "workspace.allowed_origins"] {
        if let Some(s) = merged.get(key).filter(|s| !from_system(s) && !development) {
            let (section, name) = key.split_once('.').unwrap_or((key, ""));
            return Err(ConfigError {
                file: at(s),
                message: format!(
                    "[{section}] {name} may be set only in the system file ({SYSTEM_FILE}): it \
                     decides where the session goes. For development, set {DEV_SWITCH}=1 in the \
                     environment."
                ),
            });
        }
    }
    let workspace = match merged.get("workspace.url") {
        None => None,
        Some(u) => {
            let url = web_url(&u.value).map_err(|why| ConfigError {
                file: at(u),
                message: format!("[workspace] url {why}"),
            })?;
            let allowed_origins = match merged.get("workspace.allowed_origins") {
                None => Vec::new(),
                Some(list) => list
                    .value
                    .split(',')
                    .map(str::trim)
                    .filter(|o| !o.is_empty())
                    .map(|o| {
                        web_url(o).map(|u| u.origin()).map_err(|why| ConfigError {
                            file: at(list),
                            message: format!("[workspace] allowed_origins: an entry {why}"),
                        })
                    })
                    .collect::<Result<_, _>>()?,
            };
            let name = merged
                .get("workspace.name")
                .map(|n| n.value.trim().to_owned())
                .filter(|n| !n.is_empty())
                .unwrap_or_else(|| url.host_str().unwrap_or_default().to_owned());
            Some(Workspace {
                url,
                name,
                allowed_origins,
            })
        }
    };

    let session_check = dev_seconds(
        sources,
        development,
        "GATEHOUSE_SESSION_CHECK_SECONDS",
        crate::refresh::SESSION_CHECK_INTERVAL,
    )?;
    let clipboard_forget = dev_seconds(
        sources,
        development,
        "GATEHOUSE_CLIPBOARD_SECONDS",
        CLIPBOARD_FORGET,
    )?;

    Ok(Config {
        auth,
        project_id,
        api_base,
        organization,
        organization_from,
        scheme,
        session_minutes,
        default_country: default_country(sources),
        development,
        workspace,
        session_check,
        clipboard_forget,
    })
}

/// A URL a webview may be sent to with a credential: https, or http to this computer only.
/// A duration from the environment variable `var`, in whole seconds (at least 1), that only the
/// development switch lets change `default` (tests use it to shorten waits).
fn dev_seconds(
    sources: &Sources,
    development: bool,
    var: &str,
    default: std::time::Duration,
) -> Result<std::time::Duration, ConfigError> {
    match sources.env(var) {
        Some(secs) if development => secs
            .parse::<u64>()
            .ok()
            .filter(|s| *s >= 1)
            .map(std::time::Duration::from_secs)
            .ok_or_else(|| ConfigError {
                file: None,
                message: format!("{var} must be a whole number of seconds, at least 1"),
            }),
        _ => Ok(default),
    }
}

fn web_url(value: &str) -> Result<Url, &'static str> {
    let url = Url::parse(value)
        .ok()
        .filter(|u| u.host().is_some())
        .ok_or("is not a URL")?;
    match url.scheme() {
        "https" => Ok(url),
        "http" if stytch_b2b::is_loopback(&url) => Ok(url),
        _ => Err("must use https (plain http only to this computer)"),
    }
}

/// The country the phone screen starts on, from the locale (LANG=en_GB.UTF-8 → GB); US otherwise.
fn default_country(sources: &Sources) -> String {
    sources
        .env("LC_ALL")
        .or_else(|| sources.env("LANG"))
        .and_then(|lang| {
            let region = lang.split(['.', '@']).next()?.split('_').nth(1)?.to_owned();
            (region.len() == 2 && region.chars().all(|c| c.is_ascii_uppercase())).then_some(region)
        })
        .unwrap_or_else(|| "US".to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    const PROJECT: &str = "project-test-4d3c2b1a-5e6f-4a7b-8c9d-0e1f2a3b4c5d";
    const TOKEN: &str = "public-token-test-8b7a6c5d-4e3f-4a1b-9c2d-7e6f5a4b3c2d";

    struct Files {
        dir: tempfile::TempDir,
    }

    impl Files {
        fn new() -> Self {
            Self {
                dir: tempfile::tempdir().unwrap(),
            }
        }

        fn write(&self, name: &str, text: &str) -> PathBuf {
            let path = self.dir.path().join(name);
            std::fs::write(&path, text).unwrap();
            path
        }

        fn missing(&self, name: &str) -> PathBuf {
            self.dir.path().join(name)
        }
    }

    fn env(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
        pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    }

    fn full_user_file() -> String {
        format!(
            "[stytch]\nproject_id = \"{PROJECT}\"\npublic_token = \"{TOKEN}\"\n\n[organization]\nslug = \"example-org\"\n"
        )
    }

    #[test]
    fn the_workspace_comes_from_a_file_with_its_origins_and_is_locked_by_it() {
        let files = Files::new();
        let system = files.write(
            "system.toml",
            &format!(
                "enforced = [\"workspace.url\"]\n{}\n[workspace]\nurl = \"https://work.example.com/app/\"\nallowed_origins = [\"https://sso.example.com\", \"http://localhost:9000\"]\n",
                full_user_file()
            ),
        );
        let sources = Sources {
            system_file: Some(system),
            user_file: Some(files.write(
                "user.toml",
                "[workspace]\nurl = \"https://evil.example.net/\"\n",
            )),
            env: env(&[("GATEHOUSE_WORKSPACE_URL", "https://evil.example.net/")]),
        };
        let config = load(&sources).unwrap();
        let workspace = config.workspace.expect("a workspace");
        assert_eq!(workspace.url.as_str(), "https://work.example.com/app/");
        assert_eq!(workspace.name, "work.example.com");
        assert!(workspace.allows(&Url::parse("https://work.example.com/other").unwrap()));
        assert!(workspace.allows(&Url::parse("https://sso.example.com/login").unwrap()));
        assert!(workspace.allows(&Url::parse("http://localhost:9000/").unwrap()));
        assert!(!workspace.allows(&Url::parse("https://example.com/").unwrap()));
        assert!(!workspace.allows(&Url::parse("http://work.example.com/").unwrap()));
        assert_eq!(config.session_check.as_secs(), 180);
    }

    #[test]
    fn a_workspace_over_plain_http_elsewhere_is_refused_and_no_workspace_is_none() {
        let files = Files::new();
        // In development: a user file may name a workspace then.
        let user = |extra: &str| Sources {
            system_file: Some(files.missing("system.toml")),
            user_file: Some(files.write("user.toml", &format!("{}{extra}", full_user_file()))),
            env: env(&[(DEV_SWITCH, "1")]),
        };
        assert_eq!(load(&user("")).unwrap().workspace, None);
        let e = load(&user("[workspace]\nurl = \"http://work.example.com/\"\n")).unwrap_err();
        assert!(e.message.contains("[workspace] url must use https"), "{e}");
        let e = load(&user(
            "[workspace]\nurl = \"https://w.example.com/\"\nallowed_origins = [\"ftp://x.example.com\"]\n",
        ))
        .unwrap_err();
        assert!(e.message.contains("allowed_origins"), "{e}");
        let ok = load(&user(
            "[workspace]\nurl = \"http://localhost:8787/workspace/\"\nname = \"Demo\"\n",
        ))
        .unwrap();
        assert_eq!(ok.workspace.unwrap().name, "Demo");
    }

    #[test]
    fn where_the_session_goes_is_read_only_from_the_system_file_unless_in_development() {
        let files = Files::new();
        let workspace = "[workspace]\nurl = \"https://evil.example.net/\"\n";
        let origins = "[workspace]\nallowed_origins = [\"https://evil.example.net\"]\n";
        for (extra, key) in [(workspace, "url"), (origins, "allowed_origins")] {
            let sources = with_system(&files, "", &format!("{}{extra}", full_user_file()), &[]);
            let e = load(&sources).unwrap_err();
            assert!(
                e.message.contains(&format!(
                    "[workspace] {key} may be set only in the system file"
                )),
                "{e}"
            );
            assert_eq!(e.file, sources.user_file, "the error names the user's file");
        }
        let from_env = with_system(
            &files,
            "",
            &full_user_file(),
            &[("GATEHOUSE_WORKSPACE_URL", "https://evil.example.net/")],
        );
        assert!(load(&from_env)
            .unwrap_err()
            .message
            .contains("[workspace] url"));
        let system = format!("{}{workspace}", full_user_file());
        let it = load(&with_system(&files, &system, "", &[])).unwrap();
        assert_eq!(
            it.workspace.unwrap().url.as_str(),
            "https://evil.example.net/"
        );
    }

    /// A valid value for every key, two of them: IT's and someone else's.
    fn two_values(key: &str) -> (&'static str, &'static str) {
        match key {
            "stytch.project_id" => (PROJECT, "project-test-00000000-0000-4000-8000-000000000000"),
            "stytch.public_token" => (
                TOKEN,
                "public-token-test-00000000-0000-4000-8000-000000000000",
            ),
            "stytch.api_base" => ("https://stytch.example.com", "https://evil.example.com"),
            "organization.id" => (
                "organization-test-11111111-1111-4111-8111-111111111111",
                "organization-test-22222222-2222-4222-8222-222222222222",
            ),
            "organization.slug" => ("example-org", "evil-org"),
            "deep_link.scheme" => ("gatehouse", "evilhouse"),
            "session.duration_minutes" => ("60", "600"),
            "session.max_duration_minutes" => ("120", "527040"),
            "workspace.url" => ("https://work.example.com/", "https://evil.example.net/"),
            "workspace.name" => ("Work", "Evil"),
            "workspace.allowed_origins" => ("https://sso.example.com", "https://evil.example.net"),
            other => panic!("no test values for {other}: add them here"),
        }
    }

    #[test]
    fn no_file_no_variable_and_not_the_development_switch_change_a_key_it_enforces() {
        let files = Files::new();
        for (key, var) in KEYS {
            let (section, name) = key.split_once('.').unwrap();
            let (its, other) = two_values(key);
            let line = |value: &str| {
                if LIST_KEYS.contains(key) {
                    format!("[{section}]\n{name} = [\"{value}\"]\n")
                } else {
                    format!("[{section}]\n{name} = \"{value}\"\n")
                }
            };
            let system = format!("enforced = [\"{key}\"]\n{}", line(its));
            let sources = with_system(
                &files,
                &system,
                &line(other),
                &[(var, other), (DEV_SWITCH, "1")],
            );
            let settings = provenance(&sources).unwrap();
            let setting = settings.iter().find(|p| p.key == *key).unwrap();
            assert!(setting.enforced, "{key}");
            assert_eq!(
                setting.from,
                sources.system_file.as_ref().unwrap().display().to_string(),
                "{key}: the user's file or {var} changed a key IT enforces"
            );
        }
    }

    #[test]
    fn enforcing_the_organization_by_either_key_locks_both() {
        let files = Files::new();
        let (id, other_id) = two_values("organization.id");
        for enforced in ORGANIZATION_KEYS {
            let system = format!(
                "enforced = [\"{enforced}\"]\n[stytch]\nproject_id = \"{PROJECT}\"\npublic_token = \"{TOKEN}\"\n[organization]\nslug = \"example-org\"\n"
            );
            // The other key, from the user's file and the environment: ignored.
            let user = format!("[organization]\nid = \"{other_id}\"\n");
            let sources = with_system(
                &files,
                &system,
                &user,
                &[("GATEHOUSE_ORGANIZATION_ID", id), (DEV_SWITCH, "1")],
            );
            let config = load(&sources).unwrap();
            assert_eq!(
                config.organization,
                OrganizationRef::Slug(OrganizationSlug::parse("example-org").unwrap()),
                "enforcing {enforced}"
            );
            let settings = provenance(&sources).unwrap();
            assert!(settings
                .iter()
                .filter(|p| p.key.starts_with("organization."))
                .all(|p| p.enforced));
        }
    }

    #[test]
    fn the_session_cap_is_read_only_from_the_system_file() {
        let files = Files::new();
        // IT's cap, not enforced: a user's file may not lift it, nor set one of its own.
        let system = "[session]\nmax_duration_minutes = 480\n";
        let user = format!(
            "{}[session]\nduration_minutes = 10080\nmax_duration_minutes = 527040\n",
            full_user_file()
        );
        let e = load(&with_system(&files, system, &user, &[(DEV_SWITCH, "1")])).unwrap_err();
        assert!(
            e.message.contains("max_duration_minutes is IT's cap"),
            "{e}"
        );
        let from_env = with_system(
            &files,
            system,
            &full_user_file(),
            &[("GATEHOUSE_SESSION_MAX_DURATION_MINUTES", "527040")],
        );
        assert!(load(&from_env).unwrap_err().message.contains("IT's cap"));
        let user = user.replace("max_duration_minutes = 527040\n", "");
        assert_eq!(
            load(&with_system(&files, system, &user, &[]))
                .unwrap()
                .session_minutes,
            480
        );
    }

    #[test]
    fn the_session_check_interval_moves_only_in_development() {
        let files = Files::new();
        let sources = |dev: bool| Sources {
            system_file: Some(files.missing("system.toml")),
            user_file: Some(files.write("user.toml", &full_user_file())),
            env: env(if dev {
                &[("GATEHOUSE_SESSION_CHECK_SECONDS", "5"), (DEV_SWITCH, "1")]
            } else {
                &[("GATEHOUSE_SESSION_CHECK_SECONDS", "5")]
            }),
        };
        assert_eq!(load(&sources(false)).unwrap().session_check.as_secs(), 180);
        assert_eq!(load(&sources(true)).unwrap().session_check.as_secs(), 5);
    }

    #[test]
    fn a_user_file_with_a_public_token_speaks_the_sdk_api_with_defaults() {
        let files = Files::new();
        let sources = Sources {
            system_file: Some(files.missing("system.toml")),
            user_file: Some(files.write("user.toml", &full_user_file())),
            env: vec![],
        };
        let config = load(&sources).unwrap();
        assert!(matches!(config.auth, StytchAuth::PublicToken(_)));
        assert!(!config.dev_mode());
        assert_eq!(config.scheme, "gatehouse");
        assert_eq!(config.session_minutes, 60);
        assert_eq!(config.callback_url().as_str(), "gatehouse://auth/callback");
        assert_eq!(config.organization.as_str(), "example-org");
    }

    #[test]
    fn later_layers_win_unless_the_system_file_enforces_a_key() {
        let files = Files::new();
        let system = files.write(
            "system.toml",
            "enforced = [\"stytch.api_base\"]\n[stytch]\napi_base = \"https://login.example.com\"\n[session]\nduration_minutes = 480\n",
        );
        let user = files.write(
            "user.toml",
            &format!("{}[stytch.x]\n", full_user_file())
                .replace("[stytch.x]\n", "[session]\nduration_minutes = 30\n"),
        );
        let sources = Sources {
            system_file: Some(system),
            user_file: Some(user),
            env: env(&[
                ("GATEHOUSE_API_BASE", "http://127.0.0.1:9"),
                ("GATEHOUSE_DEEP_LINK_SCHEME", "acme-signin"),
            ]),
        };
        let config = load(&sources).unwrap();
        assert_eq!(
            config.session_minutes, 30,
            "the user file overrides the system file"
        );
        assert_eq!(
            config.scheme, "acme-signin",
            "the environment overrides both"
        );
        assert_eq!(
            config.api_base.unwrap().as_str(),
            "https://login.example.com/",
            "an enforced key is not overridden"
        );
    }

    #[test]
    fn a_secret_in_a_file_is_refused_and_the_file_is_named() {
        let files = Files::new();
        let user = files.write(
            "user.toml",
            &full_user_file().replace("[stytch]\n", "[stytch]\nsecret = \"secret-test-abc\"\n"),
        );
        let sources = Sources {
            system_file: None,
            user_file: Some(user.clone()),
            env: vec![],
        };
        let error = load(&sources).unwrap_err();
        assert_eq!(error.file.as_deref(), Some(user.as_path()));
        assert!(error.message.contains("secret"), "{}", error.message);
        assert!(
            !error.message.contains("secret-test-abc"),
            "the value is not echoed"
        );
    }

    #[test]
    fn the_secret_from_the_environment_means_development_mode() {
        let files = Files::new();
        let user = files.write(
            "user.toml",
            &format!("[stytch]\nproject_id = \"{PROJECT}\"\n[organization]\nid = \"organization-test-1\"\n"),
        );
        let sources = Sources {
            system_file: None,
            user_file: Some(user),
            env: env(&[("STYTCH_SECRET", "secret-test-abc")]),
        };
        let config = load(&sources).unwrap();
        assert!(config.dev_mode());
        assert!(matches!(config.auth, StytchAuth::Secret { .. }));
    }

    #[test]
    fn bad_files_say_what_is_wrong_and_where() {
        let files = Files::new();
        let cases = [
            ("[stytch\nproject_id = 1", "is not valid"),
            ("[stytch]\nprojectid = \"x\"\n", "is not valid"),
            (
                &*full_user_file().replace("example-org", "bad slug/.."),
                "[organization] slug",
            ),
            (
                &*format!("{}[session]\nduration_minutes = 2\n", full_user_file()),
                "from 5 to 527040",
            ),
            (
                &*full_user_file().replace(PROJECT, "proj-123"),
                "not a Stytch project id",
            ),
            (
                &*format!("{}[deep_link]\nscheme = \"https\"\n", full_user_file()),
                "[deep_link] scheme",
            ),
        ];
        for (text, expected) in cases {
            let user = files.write("user.toml", text);
            let sources = Sources {
                system_file: None,
                user_file: Some(user.clone()),
                env: vec![],
            };
            let error = load(&sources).unwrap_err();
            assert!(
                error.message.contains(expected),
                "{text:?}: {}",
                error.message
            );
            assert_eq!(error.file.as_deref(), Some(user.as_path()), "{text:?}");
        }
    }

    #[test]
    fn no_configuration_at_all_points_at_the_system_file() {
        let files = Files::new();
        let sources = Sources {
            system_file: Some(files.missing("system.toml")),
            user_file: Some(files.missing("user.toml")),
            env: vec![],
        };
        let error = load(&sources).unwrap_err();
        assert!(error.message.contains(SYSTEM_FILE), "{}", error.message);
    }

    #[test]
    fn a_gatehouse_config_that_does_not_exist_is_an_error() {
        let files = Files::new();
        let named = files.missing("named.toml");
        let sources = Sources {
            system_file: None,
            user_file: Some(named.clone()),
            env: env(&[("GATEHOUSE_CONFIG", named.to_str().unwrap())]),
        };
        let error = load(&sources).unwrap_err();
        assert_eq!(error.file.as_deref(), Some(named.as_path()));
        assert!(error.message.contains("does not exist"));
    }

    fn with_system(files: &Files, system: &str, user: &str, pairs: &[(&str, &str)]) -> Sources {
        Sources {
            system_file: Some(files.write("system.toml", system)),
            user_file: Some(files.write("user.toml", user)),
            env: env(pairs),
        }
    }

    /// packaging/config.toml.example, installed as /etc/gatehouse/config.toml.example.
    const EXAMPLE: &str = include_str!("../../../packaging/config.toml.example");

    #[test]
    fn the_packaged_example_documents_every_key_and_loads_as_shipped() {
        for (key, _) in KEYS {
            let (section, name) = key.split_once('.').unwrap();
            let in_section = EXAMPLE
                .split("\n[")
                .find(|part| part.starts_with(&format!("{section}]")))
                .unwrap_or_else(|| panic!("no [{section}] in the example"));
            let set = |l: &str| {
                let l = l.trim_start_matches('#').trim();
                l.starts_with(&format!("{name} =")) || l.starts_with(&format!("{name}="))
            };
            assert!(in_section.lines().any(set), "{key} is not documented");
        }
        assert!(EXAMPLE.contains("# enforced = ["));
        let files = Files::new();
        let sources = Sources {
            system_file: Some(files.write("system.toml", EXAMPLE)),
            user_file: None,
            env: vec![],
        };
        let config = load(&sources).expect("the example loads as shipped");
        assert_eq!(config.organization.as_str(), "acme");
        assert!(config.workspace.is_none());
    }

    #[test]
    fn provenance_names_the_file_the_environment_or_the_default_and_what_is_enforced() {
        let files = Files::new();
        let sources = with_system(
            &files,
            "enforced = [\"session.duration_minutes\"]\n[session]\nduration_minutes = 480\n",
            &full_user_file(),
            &[("GATEHOUSE_WORKSPACE_URL", "https://work.example.com/")],
        );
        let list = provenance(&sources).unwrap();
        let of = |key: &str| list.iter().find(|p| p.key == key).unwrap().clone();
        assert!(
            of("stytch.project_id").from.ends_with("user.toml"),
            "{list:?}"
        );
        assert!(!of("stytch.project_id").enforced);
        let session = of("session.duration_minutes");
        assert!(session.from.ends_with("system.toml"), "{session:?}");
        assert!(session.enforced);
        assert_eq!(
            of("workspace.url").from,
            "environment (GATEHOUSE_WORKSPACE_URL)"
        );
        assert_eq!(of("deep_link.scheme").from, "default");
        assert_eq!(list.len(), KEYS.len());
        let shown = serde_json::to_string(&list).unwrap();
        assert!(
            !shown.contains(TOKEN) && !shown.contains(PROJECT),
            "no value is shown: {shown}"
        );
    }

    #[test]
    fn an_enforced_key_without_a_value_keeps_the_default_against_file_and_environment() {
        let files = Files::new();
        let user = format!("{}[stytch.x]\n", full_user_file())
            .replace("[stytch.x]\n", "[session]\nduration_minutes = 30\n");
        let sources = with_system(
            &files,
            "enforced = [\"stytch.api_base\", \"session.duration_minutes\"]\n",
            &user.replace(
                "[stytch]\n",
                "[stytch]\napi_base = \"https://evil.example.com\"\n",
            ),
            &[(DEV_SWITCH, "1")],
        );
        let config = load(&sources).unwrap();
        assert_eq!(
            config.api_base, None,
            "the built-in default: Stytch's own host"
        );
        assert_eq!(config.session_minutes, DEFAULT_SESSION_MINUTES);
        let sources = with_system(
            &files,
            "enforced = [\"stytch.api_base\"]\n",
            &full_user_file(),
            &[
                (DEV_SWITCH, "1"),
                ("GATEHOUSE_API_BASE", "https://evil.example.com"),
            ],
        );
        assert_eq!(load(&sources).unwrap().api_base, None);
    }

    #[test]
    fn api_base_comes_from_the_system_file_unless_the_development_switch_is_on() {
        let files = Files::new();
        let user = full_user_file().replace(
            "[stytch]\n",
            "[stytch]\napi_base = \"http://127.0.0.1:8787\"\n",
        );
        let refused = load(&with_system(&files, "", &user, &[])).unwrap_err();
        assert!(
            refused.message.contains("only in the system file"),
            "{}",
            refused.message
        );
        let env_only = with_system(
            &files,
            "",
            &full_user_file(),
            &[("GATEHOUSE_API_BASE", "https://x.example.com")],
        );
        assert!(load(&env_only).is_err());

        let dev = load(&with_system(&files, "", &user, &[(DEV_SWITCH, "1")])).unwrap();
        assert_eq!(
            dev.api_base.as_ref().unwrap().as_str(),
            "http://127.0.0.1:8787/"
        );
        assert!(dev.dev_mode(), "the development switch shows the banner");

        let system = "[stytch]\napi_base = \"https://login.example.com\"\n";
        let it = load(&with_system(&files, system, &full_user_file(), &[])).unwrap();
        assert_eq!(
            it.api_base.as_ref().unwrap().as_str(),
            "https://login.example.com/"
        );
        assert!(!it.dev_mode());
    }

    #[test]
    fn api_base_is_https_except_to_this_computer() {
        let files = Files::new();
        for (base, ok) in [
            ("https://login.example.com", true),
            ("http://127.0.0.1:8787", true),
            ("http://[::1]:1", true),
            ("http://localhost:8787", true),
            ("http://login.example.com", false),
            ("http://192.168.1.10", false),
            ("ftp://127.0.0.1", false),
            ("not a url", false),
        ] {
            let system = format!("[stytch]\napi_base = \"{base}\"\n");
            let result = load(&with_system(&files, &system, &full_user_file(), &[]));
            assert_eq!(result.is_ok(), ok, "{base}: {result:?}");
        }
    }

    #[test]
    fn it_can_cap_the_session_length_a_user_asks_for() {
        let files = Files::new();
        let user = format!("{}[stytch.x]\n", full_user_file())
            .replace("[stytch.x]\n", "[session]\nduration_minutes = 10080\n");
        let system = "enforced = [\"session.max_duration_minutes\"]\n[session]\nmax_duration_minutes = 480\n";
        let sources = with_system(
            &files,
            system,
            &user,
            &[("GATEHOUSE_SESSION_MAX_DURATION_MINUTES", "527040")],
        );
        assert_eq!(load(&sources).unwrap().session_minutes, 480);
        let short = user.replace("10080", "30");
        assert_eq!(
            load(&with_system(&files, system, &short, &[]))
                .unwrap()
                .session_minutes,
            30
        );
    }

    #[test]
    fn errors_name_the_key_and_the_file_never_the_value() {
        let files = Files::new();
        // A secret pasted into the wrong key must not be echoed on the screen or in the log.
        let secretish = "secret-test-Zm9vYmFyYmF6cXV4MTIzNDU2Nzg5MA";
        let valid = [
            ("stytch", "project_id", PROJECT.to_owned()),
            ("stytch", "public_token", TOKEN.to_owned()),
            ("organization", "slug", "example-org".to_owned()),
        ];
        for (section, key) in [
            ("stytch", "project_id"),
            ("stytch", "public_token"),
            ("stytch", "api_base"),
            ("organization", "id"),
            ("deep_link", "scheme"),
            ("session", "duration_minutes"),
        ] {
            let mut sections: std::collections::BTreeMap<&str, Vec<String>> = Default::default();
            for (s, k, v) in &valid {
                if (*s, *k) != (section, key) {
                    sections
                        .entry(s)
                        .or_default()
                        .push(format!("{k} = \"{v}\""));
                }
            }
            sections
                .entry(section)
                .or_default()
                .push(format!("{key} = \"{secretish}\""));
            let text: String = sections
                .iter()
                .map(|(s, lines)| format!("[{s}]\n{}\n", lines.join("\n")))
                .collect();
            let user = files.write("user.toml", &text);
            let sources = Sources {
                system_file: None,
                user_file: Some(user.clone()),
                env: env(&[(DEV_SWITCH, "1")]),
            };
            let error = load(&sources).expect_err(&format!("{section}.{key} refused"));
            assert!(
                !error.message.contains(secretish),
                "{section}.{key}: {}",
                error.message
            );
            assert_eq!(
                error.file.as_deref(),
                Some(user.as_path()),
                "{section}.{key}"
            );
        }
    }
}
