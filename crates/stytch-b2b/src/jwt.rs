//! Offline check of a session JWT: RS256 against the project's JWKS (cached; fetched again on an
//! unknown `kid`, at most once per refetch interval), then `iss`, `aud`, `exp`, `nbf` with leeway.

use std::{
    collections::HashMap,
    time::{Duration, Instant},
};

use jsonwebtoken::{errors::ErrorKind, Algorithm, DecodingKey, Validation};
use serde::{Deserialize, Deserializer};
use time::OffsetDateTime;

use crate::{
    api::sessions::Jwks,
    client::Client,
    config::{LIVE_BASE_URL, TEST_BASE_URL},
    error::{Error, JwtRejection},
    objects::{AuthenticationFactor, JsonObject},
    secret::SessionJwt,
    serde_util::null_default,
    validated::{MemberId, MemberSessionId, OrganizationId, ProjectId},
};

/// Default clock-skew leeway for `exp` and `nbf`.
pub const DEFAULT_LEEWAY: Duration = Duration::from_secs(30);
/// Default pause between JWKS fetches triggered by unknown `kid`s.
pub const DEFAULT_REFETCH_INTERVAL: Duration = Duration::from_secs(60);

/// The claims of a Stytch B2B session JWT.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct SessionClaims {
    /// `stytch.com/<project_id>` or the custom domain URL.
    pub iss: String,
    /// `[project_id]`.
    #[serde(deserialize_with = "one_or_many")]
    pub aud: Vec<String>,
    /// The member id.
    pub sub: MemberId,
    /// Issued at (Unix seconds).
    pub iat: i64,
    /// Not before (Unix seconds).
    pub nbf: i64,
    /// Expires (Unix seconds; `iat + 5 min`).
    pub exp: i64,
    /// The session.
    #[serde(rename = "https://stytch.com/session")]
    pub session: JwtSession,
    /// The organization.
    #[serde(rename = "https://stytch.com/organization")]
    pub organization: JwtOrganization,
    /// Custom claims (top level) and any claim this crate does not name.
    #[serde(flatten)]
    pub custom_claims: JsonObject,
}

/// The `https://stytch.com/session` claim.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct JwtSession {
    /// The member session id.
    pub id: MemberSessionId,
    /// Started.
    #[serde(with = "time::serde::rfc3339")]
    pub started_at: OffsetDateTime,
    /// Last used.
    #[serde(with = "time::serde::rfc3339")]
    pub last_accessed_at: OffsetDateTime,
    /// The session's (not the JWT's) expiry.
    #[serde(with = "time::serde::rfc3339")]
    pub expires_at: OffsetDateTime,
    /// Client attributes.
    #[serde(default)]
    pub attributes: Option<JwtSessionAttributes>,
    /// The factors.
    #[serde(default, deserialize_with = "null_default")]
    pub authentication_factors: Vec<AuthenticationFactor>,
    /// Role ids.
    #[serde(default, deserialize_with = "null_default")]
    pub roles: Vec<String>,
}

/// Client attributes recorded with a session.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct JwtSessionAttributes {
    /// IP address.
    #[serde(default, deserialize_with = "null_default")]
    pub ip_address: String,
    /// User agent.
    #[serde(default, deserialize_with = "null_default")]
    pub user_agent: String,
}

/// The `https://stytch.com/organization` claim.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct JwtOrganization {
    /// The organization id.
    pub organization_id: OrganizationId,
    /// The slug.
    #[serde(default, deserialize_with = "null_default")]
    pub slug: String,
}

fn one_or_many<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<String>, D::Error> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum OneOrMany {
        One(String),
        Many(Vec<String>),
    }
    Ok(match OneOrMany::deserialize(d)? {
        OneOrMany::One(s) => vec![s],
        OneOrMany::Many(v) => v,
    })
}

enum KeySource {
    Client(Client),
    Static,
}

struct Cache {
    keys: HashMap<String, DecodingKey>,
    last_fetch: Option<Instant>,
}

/// Checks session JWTs locally. Create one per app and share it (`Arc`); the JWKS cache lives
/// inside.
pub struct SessionJwtVerifier {
    source: KeySource,
    project_id: ProjectId,
    validation: Validation,
    refetch_interval: Duration,
    cache: tokio::sync::Mutex<Cache>,
}

impl std::fmt::Debug for SessionJwtVerifier {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SessionJwtVerifier")
            .field("project_id", &self.project_id)
            .field("issuers", &self.validation.iss)
            .field("leeway_s", &self.validation.leeway)
            .field("refetch_interval", &self.refetch_interval)
            .finish_non_exhaustive()
    }
}

impl SessionJwtVerifier {
    /// A verifier that fetches the JWKS through `client` (either family). Accepted issuers:
    /// `stytch.com/<project_id>`, plus the client's base URL when it is not Stytch's own host
    /// (a custom domain).
    pub fn new(client: Client, project_id: ProjectId) -> Self {
        use_rust_crypto();
        let base = client.base_url().as_str().trim_end_matches('/').to_owned();
        let mut issuers = vec![format!("stytch.com/{}", project_id.as_str())];
        if base != TEST_BASE_URL && base != LIVE_BASE_URL {
            issuers.push(base);
        }
        Self::build(
            KeySource::Client(client),
            project_id,
            issuers,
            HashMap::new(),
        )
    }

    /// A verifier with a fixed key set that never fetches (offline use, tests).
    pub fn from_jwks(project_id: ProjectId, jwks: &Jwks) -> Result<Self, Error> {
        use_rust_crypto();
        let keys = decoding_keys(jwks)?;
        let issuers = vec![format!("stytch.com/{}", project_id.as_str())];
        Ok(Self::build(KeySource::Static, project_id, issuers, keys))
    }

    fn build(
        source: KeySource,
        project_id: ProjectId,
        issuers: Vec<String>,
        keys: HashMap<String, DecodingKey>,
    ) -> Self {
        let mut validation = Validation::new(Algorithm::RS256);
        validation.set_issuer(&issuers);
        validation.set_audience(&[project_id.as_str()]);
        validation.set_required_spec_claims(&["exp", "nbf", "iss", "aud", "sub"]);
        validation.validate_nbf = true;
        validation.validate_exp = true;
        validation.leeway = DEFAULT_LEEWAY.as_secs();
        Self {
            source,
            project_id,
            validation,
            refetch_interval: DEFAULT_REFETCH_INTERVAL,
            cache: tokio::sync::Mutex::new(Cache {
                keys,
                last_fetch: None,
            }),
        }
    }

    /// Sets the clock-skew leeway for `exp`/`nbf` (default 30 s).
    pub fn with_leeway(mut self, leeway: Duration) -> Self {
        self.validation.leeway = leeway.as_secs();
        self
    }

    /// Sets the minimum pause between JWKS fetches (default 60 s).
    pub fn with_refetch_interval(mut self, interval: Duration) -> Self {
        self.refetch_interval = interval;
        self
    }

    /// Adds an accepted issuer (e.g. a custom domain URL).
    pub fn with_issuer(mut self, issuer: impl Into<String>) -> Self {
        let mut iss: Vec<String> = self
            .validation
            .iss
            .take()
            .map(|s| s.into_iter().collect())
            .unwrap_or_default();
        iss.push(issuer.into());
        self.validation.set_issuer(&iss);
        self
    }

    /// Checks the JWT and returns its claims. Network only when the `kid` is not cached (and the
    /// last fetch is older than the refetch interval).
    pub async fn verify(&self, jwt: &SessionJwt) -> Result<SessionClaims, Error> {
        self.check(jwt, &self.validation).await
    }

    /// Like [`verify`](Self::verify), with `exp` and `nbf` judged at `now` instead of the
    /// system clock (with the same leeway): for a caller that takes its time from a clock of
    /// its own, such as one a test moves in step with an emulated Stytch.
    pub async fn verify_at(
        &self,
        jwt: &SessionJwt,
        now: OffsetDateTime,
    ) -> Result<SessionClaims, Error> {
        let mut validation = self.validation.clone();
        validation.validate_exp = false;
        validation.validate_nbf = false;
        let claims = self.check(jwt, &validation).await?;
        let leeway = i64::try_from(self.validation.leeway).unwrap_or(i64::MAX);
        let now = now.unix_timestamp();
        if claims.exp < now.saturating_sub(leeway) {
            return Err(JwtRejection::Expired.into());
        }
        if claims.nbf > now.saturating_add(leeway) {
            return Err(JwtRejection::NotYetValid.into());
        }
        Ok(claims)
    }

    async fn check(
        &self,
        jwt: &SessionJwt,
        validation: &Validation,
    ) -> Result<SessionClaims, Error> {
        let header = jsonwebtoken::decode_header(jwt.expose())
            .map_err(|e| JwtRejection::Malformed(e.to_string()))?;
        if header.alg != Algorithm::RS256 {
            return Err(
                JwtRejection::Malformed(format!("alg {:?}, expected RS256", header.alg)).into(),
            );
        }
        let kid = header
            .kid
            .ok_or_else(|| JwtRejection::Malformed("no kid in the header".into()))?;
        let mut cache = self.cache.lock().await;
        if !cache.keys.contains_key(&kid) {
            self.refresh(&mut cache).await?;
        }
        let key = cache.keys.get(&kid).ok_or(JwtRejection::UnknownKeyId)?;
        use_rust_crypto();
        let data = jsonwebtoken::decode::<SessionClaims>(jwt.expose(), key, validation)
            .map_err(rejection)?;
        Ok(data.claims)
    }

    async fn refresh(&self, cache: &mut Cache) -> Result<(), Error> {
        let KeySource::Client(client) = &self.source else {
            return Ok(());
        };
        if let Some(at) = cache.last_fetch {
            if at.elapsed() < self.refetch_interval {
                return Ok(());
            }
        }
        // Count the attempt even if it fails, so a bad kid cannot make us hammer Stytch.
        cache.last_fetch = Some(Instant::now());
        let resp = client.sessions_jwks(&self.project_id).await?;
        cache.keys = decoding_keys(&Jwks { keys: resp.keys })?;
        tracing::debug!(keys = cache.keys.len(), "fetched the session JWKS");
        Ok(())
    }
}

fn decoding_keys(jwks: &Jwks) -> Result<HashMap<String, DecodingKey>, Error> {
    let mut keys = HashMap::new();
    for k in &jwks.keys {
        if k.kty != "RSA" || (!k.alg.is_empty() && k.alg != "RS256") {
            continue;
        }
        let key = DecodingKey::from_rsa_components(&k.n, &k.e)
            .map_err(|e| JwtRejection::Malformed(format!("JWKS key {}: {e}", k.kid)))?;
        keys.insert(k.kid.clone(), key);
    }
    Ok(keys)
}

/// jsonwebtoken picks its crypto from crate features, and panics when a build enables both (the
/// official `stytch` crate, a dev-dependency of the emulator, turns on `aws_lc_rs`). Choose the
/// pure-Rust provider explicitly; a provider someone installed first is fine too.
pub fn use_rust_crypto() {
    let _ = jsonwebtoken::crypto::rust_crypto::DEFAULT_PROVIDER.install_default();
}

fn rejection(e: jsonwebtoken::errors::Error) -> Error {
    let r = match e.kind() {
        ErrorKind::ExpiredSignature => JwtRejection::Expired,
        ErrorKind::ImmatureSignature => JwtRejection::NotYetValid,
        ErrorKind::InvalidIssuer => JwtRejection::WrongIssuer,
        ErrorKind::InvalidAudience => JwtRejection::WrongAudience,
        ErrorKind::InvalidSignature => JwtRejection::BadSignature,
        ErrorKind::MissingRequiredClaim(c) => JwtRejection::MissingClaim(c.clone()),
        _ => JwtRejection::Malformed(e.to_string()),
    };
    r.into()
}
