//! One function a setting: what its merged value must be, and the error — naming the key and the
//! file, never the value — when it is not. `load` calls them in order.

use std::time::Duration;

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

fn error(s: &Sourced, message: impl Into<String>) -> ConfigError {
    ConfigError {
        file: s.from.clone(),
        message: message.into(),
    }
}

impl Keys<'_> {
    /// A required setting that nothing set.
    fn missing(&self, what: &str) -> ConfigError {
        let message = if self.files_read.is_empty() {
            format!("No configuration was found. IT installs it at {SYSTEM_FILE}; it needs {what}.")
        } else {
            format!("{what} is not set")
        };
        ConfigError::new(self.files_read.last().map(|p| p.as_path()), message)
    }

    /// Set in the system file, IT's own.
    fn set_by_it(&self, s: &Sourced) -> bool {
        s.from.is_some() && s.from == self.sources.system_file
    }

    pub fn project_id(&self) -> Result<ProjectId, ConfigError> {
        let project = self
            .merged
            .get("stytch.project_id")
            .ok_or_else(|| self.missing("[stytch] project_id"))?;
        ProjectId::parse(&project.value)
            .map_err(|e| error(project, format!("[stytch] project_id: {}", e.reason)))
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
                "[stytch] public_token is not a Stytch public token (public-token-…)",
            )),
            (Some(token), _) => Ok(StytchAuth::PublicToken(PublicToken::new(
                token.value.clone(),
            ))),
            (None, Some(secret)) => Ok(StytchAuth::Secret {
                project_id: project_id.clone(),
                secret: ProjectSecret::new(secret.to_owned()),
            }),
            (None, None) => Err(self.missing(
                "[stytch] public_token (or, for development only, STYTCH_SECRET in the environment)",
            )),
        }
    }

    /// Where every token goes: read only from the system file, unless in development.
    pub fn api_base(&self) -> Result<Option<Url>, ConfigError> {
        let Some(s) = self.merged.get("stytch.api_base") else {
            return Ok(None);
        };
        let bad = |why: &str| error(s, format!("[stytch] api_base {why}"));
        if !self.set_by_it(s) && !self.development {
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
            "https" => Ok(Some(url)),
            "http" if stytch_b2b::is_loopback(&url) => Ok(Some(url)),
            "http" => Err(bad("must use https (plain http only to this computer)")),
            _ => Err(bad("must be an https URL")),
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
                .map_err(|e| error(id, format!("[organization] id: {}", e.reason)))?,
            (None, Some(slug)) => OrganizationSlug::parse(&slug.value)
                .map(OrganizationRef::Slug)
                .map_err(|e| error(slug, format!("[organization] slug: {}", e.reason)))?,
            (None, None) => return Err(self.missing("[organization] id or slug")),
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
                "[deep_link] scheme is not a usable URL scheme (lowercase letters, digits, +, -, .)",
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
                        format!(
                            "[session] {name} must be a whole number from {} to {}",
                            SESSION_DURATION_MINUTES.start(),
                            SESSION_DURATION_MINUTES.end()
                        ),
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
                format!(
                    "[session] max_duration_minutes is IT's cap on the session and is read only \
                     from the system file ({SYSTEM_FILE}): remove it here"
                ),
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
                    format!(
                        "[stytch] lock_threshold must be a whole number from {} to {}, the project's setting",
                        LOCK_THRESHOLDS.start(),
                        LOCK_THRESHOLDS.end()
                    ),
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
                    format!(
                        "[{section}] {name} may be set only in the system file ({SYSTEM_FILE}): it \
                         decides where the session goes. For development, set {DEV_SWITCH}=1 in \
                         the environment."
                    ),
                ));
            }
        }
        let Some(u) = self.merged.get("workspace.url") else {
            return Ok(None);
        };
        let url = web_url(&u.value).map_err(|why| error(u, format!("[workspace] url {why}")))?;
        let allowed_origins = match self.merged.get("workspace.allowed_origins") {
            None => Vec::new(),
            Some(list) => list
                .value
                .split(',')
                .map(str::trim)
                .filter(|o| !o.is_empty())
                .map(|o| {
                    web_url(o).map(|u| u.origin()).map_err(|why| {
                        error(list, format!("[workspace] allowed_origins: an entry {why}"))
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
                    message: format!("{var} must be a whole number of seconds, at least 1"),
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

/// A URL a webview may be sent to with a credential: https, or http to this computer only.
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
