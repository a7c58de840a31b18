//! `gatehouse token`: a session JWT for scripts and local tools, from the session the app keeps
//! in the vault, whether or not the window is open. One `sessions/authenticate` without a
//! duration (it leaves the session as it is, so a window using it is not disturbed), whose answer
//! carries a fresh 5-minute JWT; the JWT is checked against the project's JWKS, and its `exp`
//! read from the verified claims. The session token itself never leaves this module. Its
//! sentences are said in the configured language (`locales/*/cli.ftl`).

use std::sync::Arc;
use std::time::Duration;

use stytch_b2b::{
    AppInfo, Error as StytchError, MemberId, OrganizationId, SessionJwt, SessionJwtVerifier,
    SessionToken,
};
use time::OffsetDateTime;

use gatehouse_i18n::{Args, Catalog};

use crate::clock::Clock;
use crate::config::{Config, ConfigError};
use crate::machine::stytch_client;
use crate::notices::{self, NoticeCode};
use crate::vault::{self, Vault, KEYCHAIN_LIMIT};

/// The JWT handed out is valid for at least this long.
pub const MIN_VALIDITY: Duration = Duration::from_secs(60);

/// A session JWT and whom it names. `Debug` prints the JWT as `<redacted>`.
#[derive(Debug, Clone)]
pub struct Token {
    pub jwt: SessionJwt,
    /// The JWT's `exp`, as verified.
    pub expires_at: OffsetDateTime,
    pub member_id: MemberId,
    pub organization_id: OrganizationId,
    pub email: String,
}

/// Why there is no token; each kind has its exit status ([`TokenError::exit_code`]), and its
/// `Display` is a sentence for a person (never holding a secret).
#[derive(Debug, thiserror::Error)]
pub enum TokenError {
    /// No session in the vault, or Stytch says it has ended (the vault is then wiped).
    #[error("{0}")]
    NotSignedIn(String),
    /// Stytch could not answer: the network, a timeout, a 5xx or a rate limit.
    #[error("{0}")]
    Unreachable(String),
    /// The configuration cannot work (it did not load, or Stytch refused the app's credentials).
    #[error("{0}")]
    Config(String),
    /// The keychain could not be read.
    #[error("{0}")]
    Keychain(String),
    /// Anything else: an answer from Stytch that cannot be used.
    #[error("{0}")]
    Failed(String),
}

impl TokenError {
    /// The process exit status for this error: 2 not signed in, 3 Stytch unreachable,
    /// 4 configuration, 1 anything else.
    pub fn exit_code(&self) -> u8 {
        match self {
            TokenError::NotSignedIn(_) => 2,
            TokenError::Unreachable(_) => 3,
            TokenError::Config(_) => 4,
            TokenError::Keychain(_) | TokenError::Failed(_) => 1,
        }
    }
}

impl TokenError {
    /// A configuration that did not load, said by `catalog` (the language it asks for, as far as
    /// it can be read: [`crate::config::language`]).
    pub fn config(e: &ConfigError, catalog: &Catalog) -> Self {
        let args = Args::new().with("error", e.message(catalog));
        TokenError::Config(match &e.file {
            Some(file) => catalog.message(
                "token-config-unusable-in",
                &args.with("file", file.display().to_string()),
            ),
            None => catalog.message("token-config-unusable", &args),
        })
    }
}

/// A session JWT valid for at least [`MIN_VALIDITY`] (judged by `clock`), from the session
/// token in `session`.
pub async fn fetch(
    config: &Config,
    session: Arc<dyn Vault>,
    app: AppInfo,
    clock: &dyn Clock,
) -> Result<Token, TokenError> {
    let catalog = Catalog::new(config.language.clone());
    let say = |id: &str, args: Args| catalog.message(id, &args);
    let asked = notices::Asked::new(config, &app.identifier);
    let client = stytch_client(config, app).map_err(|e| {
        TokenError::Config(say(
            "token-no-client",
            Args::new().with("error", e.to_string()),
        ))
    })?;
    let vault = vault::bounded(session, KEYCHAIN_LIMIT);
    let token = match vault.load().await {
        Ok(Some(token)) => SessionToken::new(token),
        Ok(None) => {
            return Err(TokenError::NotSignedIn(say(
                "token-not-signed-in",
                Args::new(),
            )))
        }
        Err(e) => {
            return Err(TokenError::Keychain(say(
                "token-keychain-unreadable",
                Args::new().with("error", e.to_string()),
            )))
        }
    };
    let answer = client.sessions_authenticate(&token, None).await;
    let ended = match &answer {
        Err(e) => client.ends_session(e).await,
        Ok(_) => false,
    };
    let answer = match answer {
        Ok(answer) => answer,
        Err(_) if ended => {
            // As the app does when Stytch says the session has ended; but only the session
            // checked: the app may have kept a new one meanwhile.
            let still_kept = matches!(vault.load().await, Ok(Some(kept)) if kept == token.expose());
            if still_kept {
                if let Err(e) = vault.wipe().await {
                    tracing::warn!("keychain wipe failed: {e}");
                }
            }
            return Err(TokenError::NotSignedIn(say(
                "token-session-ended",
                Args::new().with("notice", notices::session_ended().said(&catalog).message),
            )));
        }
        Err(e) => return Err(stytch_failure(&e, &asked, clock, &catalog)),
    };
    let Some(jwt) = answer.session_jwt else {
        // Accepted, but the JWT left out: the project's HttpOnly cookies are Enforced.
        return Err(TokenError::Config(
            notices::tokens_hidden().said(&catalog).message,
        ));
    };
    let verifier = SessionJwtVerifier::new(client, config.project_id.clone());
    let claims = verifier
        .verify_at(&jwt, clock.now())
        .await
        .map_err(|e| match e {
            StytchError::InvalidJwt(r) => TokenError::Failed(say(
                "token-jwt-unverified",
                Args::new().with("reason", r.to_string()),
            )),
            other => stytch_failure(&other, &asked, clock, &catalog),
        })?;
    if claims.sub != answer.member.member_id
        || claims.organization.organization_id != answer.organization.organization_id
    {
        return Err(TokenError::Failed(say(
            "token-jwt-names-another",
            Args::new(),
        )));
    }
    let expires_at = OffsetDateTime::from_unix_timestamp(claims.exp)
        .map_err(|_| TokenError::Failed(say("token-jwt-no-expiry", Args::new())))?;
    let left = expires_at - clock.now();
    if left < MIN_VALIDITY {
        return Err(TokenError::Failed(say(
            "token-jwt-expires-too-soon",
            Args::new()
                .with("left", left.whole_seconds())
                .with("promised", MIN_VALIDITY.as_secs()),
        )));
    }
    Ok(Token {
        jwt,
        expires_at,
        member_id: claims.sub,
        organization_id: claims.organization.organization_id,
        email: answer.member.email_address,
    })
}

/// A Stytch call that failed other than "session gone", in the app's words: the notice the
/// window would show decides the exit status too, so the two never disagree. A refusal IT fixes
/// in the Stytch project is a configuration error.
fn stytch_failure(
    e: &StytchError,
    asked: &notices::Asked,
    clock: &dyn Clock,
    catalog: &Catalog,
) -> TokenError {
    let sentence = |notice: crate::view::Notice| {
        catalog.message(
            "token-stytch-failure",
            &Args::new()
                .with("notice", notice.said(catalog).message)
                .with("error", e.to_string()),
        )
    };
    if let Some(notice) = notices::project_refusal(e, notices::Product::Sdk, asked) {
        return TokenError::Config(sentence(notice));
    }
    let notice = notices::problem(e, clock.now());
    let unreachable = e.is_retryable() && notice.code != NoticeCode::MemberLocked;
    let code = notice.code;
    let sentence = sentence(notice);
    if unreachable {
        TokenError::Unreachable(sentence)
    } else if code == NoticeCode::StytchRefusedApp {
        TokenError::Config(sentence)
    } else {
        TokenError::Failed(sentence)
    }
}
