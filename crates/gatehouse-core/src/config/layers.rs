//! The layers and where each value came from: files (the system file, then the user's) and the
//! environment merged key by key, `enforced` keys kept at IT's value, and each setting's
//! provenance for `gatehouse doctor`. What a value means is `keys.rs`'s business.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use gatehouse_i18n::Text;

use super::{ConfigError, SYSTEM_FILE};

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

    pub(super) fn env(&self, key: &str) -> Option<&str> {
        self.env
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.as_str())
            .filter(|v| !v.is_empty())
    }
}

/// Every setting: its key in a file (`section.name`) and its environment variable. The one list
/// of keys — files, the environment and `enforced` are all checked against it.
pub(super) const KEYS: &[(&str, &str)] = &[
    ("stytch.project_id", "GATEHOUSE_PROJECT_ID"),
    ("stytch.public_token", "GATEHOUSE_PUBLIC_TOKEN"),
    ("stytch.api_base", "GATEHOUSE_API_BASE"),
    ("organization.id", "GATEHOUSE_ORGANIZATION_ID"),
    ("organization.slug", "GATEHOUSE_ORGANIZATION_SLUG"),
    ("stytch.lock_threshold", "GATEHOUSE_LOCK_THRESHOLD"),
    ("deep_link.scheme", "GATEHOUSE_DEEP_LINK_SCHEME"),
    (
        "session.duration_minutes",
        "GATEHOUSE_SESSION_DURATION_MINUTES",
    ),
    (
        "session.max_duration_minutes",
        "GATEHOUSE_SESSION_MAX_DURATION_MINUTES",
    ),
    ("ui.locale", "GATEHOUSE_LOCALE"),
    ("workspace.url", "GATEHOUSE_WORKSPACE_URL"),
    ("workspace.name", "GATEHOUSE_WORKSPACE_NAME"),
    (
        "workspace.allowed_origins",
        "GATEHOUSE_WORKSPACE_ALLOWED_ORIGINS",
    ),
];

/// The organization's two keys: one setting for `enforced`.
pub(super) const ORGANIZATION_KEYS: [&str; 2] = ["organization.id", "organization.slug"];

/// The only list-valued key: an array in a file, comma-separated in the environment.
pub(super) const LIST_KEYS: &[&str] = &["workspace.allowed_origins"];

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
pub(super) struct Sourced {
    pub value: String,
    pub from: Option<PathBuf>,
}

#[derive(Default)]
pub(super) struct Merged(BTreeMap<&'static str, Sourced>);

impl Merged {
    pub fn get(&self, key: &str) -> Option<&Sourced> {
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

/// The file at `path` is not valid: the catalog's `$problem` variant, with `key` when it names one.
fn invalid(path: &Path, problem: &'static str, key: &str) -> ConfigError {
    ConfigError::new(
        Some(path),
        Text::new("config-file-invalid")
            .with("problem", problem)
            .with("key", key),
    )
}

fn read_layer(path: &Path) -> Result<Option<FileLayer>, ConfigError> {
    let text = match std::fs::read_to_string(path) {
        Ok(text) => text,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => {
            return Err(ConfigError::new(
                Some(path),
                Text::new("config-file-unreadable").with("error", e.to_string()),
            ))
        }
    };
    // The parser's own words (like an OS error) go in as an argument; the sentence is the catalog's.
    let table: toml::Table = toml::from_str(&text).map_err(|e| {
        ConfigError::new(
            Some(path),
            Text::new("config-file-invalid")
                .with("problem", "toml")
                .with("error", e.message()),
        )
    })?;
    let mut layer = FileLayer::default();
    for (name, item) in table {
        match (name.as_str(), item) {
            ("enforced", toml::Value::Array(keys)) => {
                for key in keys {
                    let toml::Value::String(key) = key else {
                        return Err(invalid(path, "enforced-not-strings", "enforced"));
                    };
                    if !is_key(&key) {
                        return Err(ConfigError::new(
                            Some(path),
                            Text::new("config-enforces-unknown-key").with("key", key),
                        ));
                    }
                    layer.enforced.push(key);
                }
            }
            (section, toml::Value::Table(entries)) => {
                for (field, value) in entries {
                    let key = format!("{section}.{field}");
                    if key == "stytch.secret" {
                        return Err(ConfigError::new(
                            Some(path),
                            Text::new("config-secret-in-file")
                                .with("key", "[stytch] public_token")
                                .with("variable", "STYTCH_SECRET"),
                        ));
                    }
                    if !is_key(&key) {
                        return Err(invalid(path, "unknown-setting", &key));
                    }
                    let value = match value {
                        toml::Value::String(s) => s,
                        toml::Value::Integer(n) if key.starts_with("session.") => n.to_string(),
                        toml::Value::Array(items) if LIST_KEYS.contains(&key.as_str()) => items
                            .into_iter()
                            .map(|item| match item {
                                toml::Value::String(s) if !s.contains(',') => Ok(s),
                                _ => Err(invalid(path, "origins-not-strings", &key)),
                            })
                            .collect::<Result<Vec<_>, _>>()?
                            .join(","),
                        _ => return Err(invalid(path, "wrong-type", &key)),
                    };
                    layer.values.insert(key, value);
                }
            }
            (other, _) => return Err(invalid(path, "unknown-setting", other)),
        }
    }
    Ok(Some(layer))
}

/// The layers merged: every key's value and where it came from, the enforced keys, the files read.
pub(super) fn merge(sources: &Sources) -> Result<(Merged, Vec<String>, Vec<PathBuf>), ConfigError> {
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
                        Text::new("config-user-file-enforces").with("key", "enforced"),
                    ));
                }
                merged.apply_file(layer, user, &enforced);
                files_read.push(user.clone());
            }
            None if sources.env("GATEHOUSE_CONFIG").is_some() => {
                return Err(ConfigError::new(
                    Some(user),
                    Text::new("config-file-missing").with("variable", "GATEHOUSE_CONFIG"),
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
