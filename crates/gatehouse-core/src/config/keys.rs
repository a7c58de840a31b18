//! One function a setting: what its merged value must be, and the error — naming the key and the
//! file, never the value — when it is not. `load` calls them in order. Every error is a message
//! of `locales/<language>/config.ftl`; keys, files and variables are its arguments.

use std::time::Duration;

use gatehouse_i18n::Text;

use stytch_b2b::{
    OrganizationId, OrganizationRef, OrganizationSlug, ProjectId, ProjectSecret, PublicToken,
    SessionMinutes, Url,
};

use super::layers::{Merged, Sourced, Sources};
use super::{ConfigError, StytchAuth, Workspace, DEFAULT_SCHEME, DEV_SWITCH, SYSTEM_FILE};
use crate::stytch_facts::{LOCK_THRESHOLDS, LOCK_THRESHOLD_DEFAULT, SESSION_DURATION_MINUTES};

/// What every key function reads: the merged layers, the sources, and whether the development
/// switch is on.
pub(super) struct Keys<'a> {
    pub merged: &'a Merged,
    pub sources: &'a Sources,
    pub development: bool,
    /// The files read, in order: a missing key is reported against the last.
    pub files_read: &'a [std::path::PathBuf],
}

fn error(s: &Sourced, text: Text) -> ConfigError {
    ConfigError {
        file: s.from.clone(),
        text,
    }
}

/// Which of the catalog's `$problem` variants a value refused by stytch-b2b's `ProjectId`,
/// `OrganizationId` or `OrganizationSlug` parse is (its reasons are English, so they are never
/// put into a sentence); `other` for a reason this list does not know (a test runs the real
/// parse errors through it).
pub(super) fn identifier_problem(e: &stytch_b2b::InvalidInput) -> &'static str {
    let reason = e.reason.as_str();
    if reason == "it is empty" {
        "empty"
    } else if reason.starts_with("it may contain only letters, digits") {
        "characters"
    } else if reason.starts_with("it is not a Stytch project id") {
        "not-project-id"
    } else if reason.starts_with("it is not a Stytch organization id") {
        "not-organization-id"
    } else if reason == "it is longer than 128 characters" {
        "too-long"
    } else {
        "other"
    }
}

/// `key` refused by stytch-b2b's parse of its kind.
fn invalid_identifier(s: &Sourced, key: &str, e: &stytch_b2b::InvalidInput) -> ConfigError {
    tracing::debug!("{key}: {e}");
    error(
        s,
        Text::new("config-identifier-invalid")
            .with("key", key)
            .with("problem", identifier_problem(e)),
    )
}

impl Keys<'_> {
    /// A required setting that nothing set: `setting` picks the sentence (`key`, or
    /// `public-token`, `organization`), `text` holds its keys.
    fn missing(&self, setting: &'static str, text: impl Fn(&'static str) -> Text) -> ConfigError {
        let text = if self.files_read.is_empty() {
            text("config-no-configuration").with("system_file", SYSTEM_FILE)
        } else {
            text("config-not-set")
        };
        ConfigError::new(
            self.files_read.last().map(|p| p.as_path()),
            text.with("setting", setting),
        )
    }

    /// Set in the system file, IT's own.
    fn set_by_it(&self, s: &Sourced) -> bool {
        s.from.is_some() && s.from == self.sources.system_file
    }

    pub fn project_id(&self) -> Result<ProjectId, ConfigError> {
        let project = self.merged.get("stytch.project_id").ok_or_else(|| {
            self.missing("key", |id| Text::new(id).with("key", "[stytch] project_id"))
        })?;
        ProjectId::parse(&project.value)
            .map_err(|e| invalid_identifier(project, "[stytch] project_id", &e))
    }

    /// The public token (what ships), or — for development only — the project secret from the
    /// environment.
    pub fn auth(&self, project_id: &ProjectId) -> Result<StytchAuth, ConfigError> {
        match (
            self.merged.get("stytch.public_token"),
            self.sources.env("STYTCH_SECRET"),
        ) {
            (Some(token), _) if !token.value.starts_with("public-token-") => Err(error(
                token,
                Text::new("config-public-token-invalid").with("key", "[stytch] public_token"),
            )),
            (Some(token), _) => Ok(StytchAuth::PublicToken(PublicToken::new(
                token.value.clone(),
            ))),
            (None, Some(secret)) => Ok(StytchAuth::Secret {
                project_id: project_id.clone(),
                secret: ProjectSecret::new(secret.to_owned()),
            }),
            (None, None) => Err(self.missing("public-token", |id| {
                Text::new(id)
                    .with("key", "[stytch] public_token")
                    .with("variable", "STYTCH_SECRET")
            })),
        }
    }

    /// Where every token goes: read only from the system file, unless in development.
    pub fn api_base(&self) -> Result<Option<Url>, ConfigError> {
        let Some(s) = self.merged.get("stytch.api_base") else {
            return Ok(None);
        };
        const KEY: &str = "[stytch] api_base";
        if !self.set_by_it(s) && !self.development {
            return Err(error(s, system_file_only(KEY, "tokens")));
        }
        let bad = |problem: &str| {
            error(
                s,
                Text::new("config-url-invalid")
                    .with("key", KEY)
                    .with("problem", problem),
            )
        };
        let url = Url::parse(&s.value)
            .ok()
            .filter(|u| u.host().is_some())
            .ok_or_else(|| bad("not-a-url"))?;
        match url.scheme() {
            "https" => Ok(Some(url)),
            "http" if stytch_b2b::is_loopback(&url) => Ok(Some(url)),
            "http" => Err(bad("plain-http")),
            _ => Err(bad("not-https")),
        }
    }

    /// The organization, by id or slug, and the file that named it.
    pub fn organization(
        &self,
    ) -> Result<(OrganizationRef, Option<std::path::PathBuf>), ConfigError> {
        let (id, slug) = (
            self.merged.get("organization.id"),
            self.merged.get("organization.slug"),
        );
        let organization = match (id, slug) {
            (Some(id), _) => OrganizationId::parse(&id.value)
                .map(OrganizationRef::Id)
                .map_err(|e| invalid_identifier(id, "[organization] id", &e))?,
            (None, Some(slug)) => OrganizationSlug::parse(&slug.value)
                .map(OrganizationRef::Slug)
                .map_err(|e| invalid_identifier(slug, "[organization] slug", &e))?,
            (None, None) => {
                return Err(self.missing("organization", |id| {
                    Text::new(id)
                        .with("key", "[organization] id")
                        .with("other_key", "slug")
                }))
            }
        };
        let from = id.or(slug).and_then(|s| s.from.clone());
        Ok((organization, from))
    }

    pub fn scheme(&self) -> Result<String, ConfigError> {
        let Some(s) = self.merged.get("deep_link.scheme") else {
            return Ok(DEFAULT_SCHEME.to_owned());
        };
        if !super::valid_scheme(&s.value) {
            return Err(error(
                s,
                Text::new("config-scheme-invalid").with("key", "[deep_link] scheme"),
            ));
        }
        Ok(s.value.clone())
    }

    /// The session length asked of Stytch: `duration_minutes`, capped by IT's
    /// `max_duration_minutes` (read only from the system file).
    pub fn session_minutes(&self) -> Result<SessionMinutes, ConfigError> {
        let minutes = |s: &Sourced, name: &str| {
            s.value
                .parse::<u32>()
                .ok()
                .and_then(|m| SessionMinutes::parse(m).ok())
                .ok_or_else(|| {
                    error(
                        s,
                        Text::new("config-number-out-of-range")
                            .with("key", format!("[session] {name}"))
                            .with("setting", "minutes")
                            .with("min", SESSION_DURATION_MINUTES.start().to_string())
                            .with("max", SESSION_DURATION_MINUTES.end().to_string()),
                    )
                })
        };
        let asked = match self.merged.get("session.duration_minutes") {
            None => SessionMinutes::DEFAULT,
            Some(s) => minutes(s, "duration_minutes")?,
        };
        match self.merged.get("session.max_duration_minutes") {
            None => Ok(asked),
            Some(cap) if !self.set_by_it(cap) => Err(error(
                cap,
                Text::new("config-cap-system-file-only")
                    .with("key", "[session] max_duration_minutes")
                    .with("system_file", SYSTEM_FILE),
            )),
            Some(cap) => Ok(asked.min(minutes(cap, "max_duration_minutes")?)),
        }
    }

    /// `[stytch] lock_threshold`: the project's member-lock threshold (Stytch's default 10;
    /// 1 to 100, Stytch docs `resources/platform/user-locks`).
    pub fn lock_threshold(&self) -> Result<u32, ConfigError> {
        let Some(s) = self.merged.get("stytch.lock_threshold") else {
            return Ok(LOCK_THRESHOLD_DEFAULT);
        };
        s.value
            .parse::<u32>()
            .ok()
            .filter(|n| LOCK_THRESHOLDS.contains(n))
            .ok_or_else(|| {
                error(
                    s,
                    Text::new("config-number-out-of-range")
                        .with("key", "[stytch] lock_threshold")
                        .with("setting", "lock-threshold")
                        .with("min", LOCK_THRESHOLDS.start().to_string())
                        .with("max", LOCK_THRESHOLDS.end().to_string()),
                )
            })
    }

    /// The workspace and where else it may go: like `api_base`, only IT's file says so (or the
    /// development switch, which never overrides a key IT enforces), since the session JWT goes
    /// there.
    pub fn workspace(&self) -> Result<Option<Workspace>, ConfigError> {
        for key in ["workspace.url", "workspace.allowed_origins"] {
            let set = self.merged.get(key);
            if let Some(s) = set.filter(|s| !self.set_by_it(s) && !self.development) {
                let (section, name) = key.split_once('.').unwrap_or((key, ""));
                return Err(error(
                    s,
                    system_file_only(&format!("[{section}] {name}"), "session"),
                ));
            }
        }
        let Some(u) = self.merged.get("workspace.url") else {
            return Ok(None);
        };
        let url = web_url(&u.value).map_err(|problem| {
            error(
                u,
                Text::new("config-url-invalid")
                    .with("key", "[workspace] url")
                    .with("problem", problem),
            )
        })?;
        let allowed_origins = match self.merged.get("workspace.allowed_origins") {
            None => Vec::new(),
            Some(list) => list
                .value
                .split(',')
                .map(str::trim)
                .filter(|o| !o.is_empty())
                .map(|o| {
                    web_url(o).map(|u| u.origin()).map_err(|problem| {
                        error(
                            list,
                            Text::new("config-origin-invalid")
                                .with("key", "[workspace] allowed_origins")
                                .with("problem", problem),
                        )
                    })
                })
                .collect::<Result<_, _>>()?,
        };
        let name = self
            .merged
            .get("workspace.name")
            .map(|n| n.value.trim().to_owned())
            .filter(|n| !n.is_empty())
            .unwrap_or_else(|| url.host_str().unwrap_or_default().to_owned());
        Ok(Some(Workspace {
            url,
            name,
            allowed_origins,
        }))
    }

    /// A duration from the environment variable `var`, in whole seconds (at least 1), that only
    /// the development switch lets change `default` (tests use it to shorten waits).
    pub fn dev_seconds(&self, var: &str, default: Duration) -> Result<Duration, ConfigError> {
        match self.sources.env(var) {
            Some(secs) if self.development => secs
                .parse::<u64>()
                .ok()
                .filter(|s| *s >= 1)
                .map(Duration::from_secs)
                .ok_or_else(|| ConfigError {
                    file: None,
                    text: Text::new("config-seconds-invalid").with("variable", var.to_owned()),
                }),
            _ => Ok(default),
        }
    }

    /// `[ui] locale` (a BCP 47 tag such as `de` or `de-AT`) when set, else the desktop
    /// session's languages; negotiated against the catalog, English last. A tag the catalog
    /// lacks is not an error: it falls back like any other language.
    pub fn language(&self) -> gatehouse_i18n::Language {
        let asked = match self.merged.get("ui.locale") {
            Some(locale) => vec![locale.value.clone()],
            None => {
                gatehouse_i18n::from_environment(|name| self.sources.env(name).map(str::to_owned))
            }
        };
        gatehouse_i18n::negotiate(&asked)
    }

    /// The country the phone screen starts on, from the locale (LANG=en_GB.UTF-8 → GB); US
    /// otherwise.
    pub fn default_country(&self) -> String {
        self.sources
            .env("LC_ALL")
            .or_else(|| self.sources.env("LANG"))
            .and_then(|lang| {
                let region = lang.split(['.', '@']).next()?.split('_').nth(1)?.to_owned();
                (region.len() == 2 && region.chars().all(|c| c.is_ascii_uppercase()))
                    .then_some(region)
            })
            .unwrap_or_else(|| "US".to_owned())
    }
}

/// `key` may be set only in the system file, unless in development: it `decides` where the
/// `tokens` or the `session` go.
fn system_file_only(key: &str, decides: &'static str) -> Text {
    Text::new("config-system-file-only")
        .with("key", key)
        .with("decides", decides)
        .with("system_file", SYSTEM_FILE)
        .with("switch", DEV_SWITCH)
}

/// A URL a webview may be sent to with a credential: https, or http to this computer only. The
/// error is the catalog's `$problem` variant.
fn web_url(value: &str) -> Result<Url, &'static str> {
    let url = Url::parse(value)
        .ok()
        .filter(|u| u.host().is_some())
        .ok_or("not-a-url")?;
    match url.scheme() {
        "https" => Ok(url),
        "http" if stytch_b2b::is_loopback(&url) => Ok(url),
        _ => Err("plain-http"),
    }
}
