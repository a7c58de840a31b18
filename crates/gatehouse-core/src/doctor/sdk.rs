//! The Stytch project's SDK configuration, as far as it shows without signing in. Each switch
//! Gatehouse needs is probed with the call that needs it, naming nothing real (an unknown token,
//! code or intermediate session): with the switch on, Stytch refuses the unknown thing; with it
//! off, it refuses the call for what IT must change (that Stytch checks its SDK configuration
//! before the token is inferred). The redirect URL and HttpOnly cookies show only in a real
//! sign-in; `gatehouse-admin stytch-setup` reads them.

use stytch_b2b::{
    Client, Error as StytchError, ErrorType, IntermediateSessionToken, MagicLinkToken,
    MagicLinksAuthenticateRequest, MemberId, OrganizationId, OrganizationRef, OrganizationSlug,
    PkceCodeVerifier, SmsAuthenticateRequest, SmsCode, TotpAuthenticateRequest, TotpCode,
    TotpCreateRequest,
};

use gatehouse_i18n::{Args, Catalog};

use crate::config::Config;
use crate::notices::{it_fix, Asked, Product};

use super::Check;

/// Searched for when the organization is configured by id: a slug no organization has, so the
/// search answers "none" and proves only the public token and the app identifier.
const PROBE_SLUG: &str = "gatehouse-doctor-probe";

/// One check per switch: the app identifier, email links (with the session length and
/// fingerprinting), SMS codes, authenticator apps and creating them.
pub(super) async fn configuration(
    config: &Config,
    client: &Client,
    asked: &Asked,
    catalog: &Catalog,
    fix_for: impl Fn(&StytchError) -> String,
) -> Vec<Check> {
    let say = |id: &str, args: Args| catalog.message(id, &args);
    let slug = match &config.organization {
        OrganizationRef::Slug(slug) => slug.clone(),
        OrganizationRef::Id(_) => OrganizationSlug::new(PROBE_SLUG),
    };
    let search = client.search_organization(&slug).await;
    let found = search.as_ref().ok().and_then(|s| s.organization.clone());
    let organization_id = match (&config.organization, &found) {
        (OrganizationRef::Id(id), _) => id.clone(),
        (_, Some(o)) => o.organization_id.clone(),
        (_, None) => OrganizationId::new(probe_id("organization", &config.project_id)),
    };
    let judge = |name, answer: Result<(), StytchError>, product, on: String| {
        judge(name, answer, product, asked, catalog, on, &fix_for)
    };
    let mut checks = vec![judge(
        "app identifier",
        search.map(|_| ()),
        Product::Sdk,
        say(
            "doctor-sdk-app-identifier-on",
            Args::new().with("identifier", &asked.app_identifier),
        ),
    )];
    let minutes = Some(asked.session_minutes);
    let link = MagicLinksAuthenticateRequest::new(
        MagicLinkToken::new(probe_token()),
        Some(PkceCodeVerifier::generate()),
        minutes,
    );
    checks.push(judge(
        "email links",
        client.magic_links_authenticate(&link).await.map(|_| ()),
        Product::EmailMagicLinks,
        say(
            "doctor-sdk-email-links-on",
            Args::new().with("minutes", asked.session_minutes),
        ),
    ));
    let member = MemberId::new(probe_id("member", &config.project_id));
    let ist = || IntermediateSessionToken::new(probe_token());
    {
        let code = SmsCode::parse("000000").expect("six digits");
        let sms = SmsAuthenticateRequest::new(
            organization_id.clone(),
            member.clone(),
            code,
            ist(),
            minutes,
        );
        checks.push(judge(
            "sms codes",
            client.otps_sms_authenticate(&sms).await.map(|_| ()),
            Product::SmsOtp,
            say("doctor-sdk-on", Args::new()),
        ));
    }
    {
        let code = TotpCode::parse("000000").expect("six digits");
        let totp = TotpAuthenticateRequest::new(
            organization_id.clone(),
            member.clone(),
            code,
            ist(),
            minutes,
        );
        checks.push(judge(
            "authenticator apps",
            client.totp_authenticate(&totp).await.map(|_| ()),
            Product::Totp,
            say("doctor-sdk-on", Args::new()),
        ));
        let create = TotpCreateRequest::new(organization_id, member, Some(ist().into()));
        checks.push(judge(
            "authenticator setup",
            client.totp_create(&create).await.map(|_| ()),
            Product::CreateTotp,
            say("doctor-sdk-authenticator-setup-on", Args::new()),
        ));
    }
    checks
}

/// A probe's answer: refused for the unknown thing it named (the switch is on), refused for the
/// project's setup (what IT changes), or not answered.
fn judge(
    name: &'static str,
    answer: Result<(), StytchError>,
    product: Product,
    asked: &Asked,
    catalog: &Catalog,
    on: String,
    fix_for: impl Fn(&StytchError) -> String,
) -> Check {
    let Err(e) = answer else {
        return Check::pass(name, on);
    };
    if let Some((_, fix)) = it_fix(&e, product, asked) {
        let refused = match e.error_type() {
            Some(reason) => catalog.message(
                "doctor-sdk-refused-because",
                &Args::new().with("reason", reason.as_str()),
            ),
            None => catalog.message("doctor-sdk-refused", &Args::new()),
        };
        let fix = match product {
            Product::Totp | Product::CreateTotp => catalog.message(
                "doctor-sdk-fix-authenticator",
                &Args::new().with("fix", fix),
            ),
            _ => fix,
        };
        return Check::fail(name, refused, fix);
    }
    match &e {
        // The public token itself refused: nothing about the switch can be told.
        StytchError::Stytch {
            error_type: ErrorType::UnauthorizedCredentials,
            ..
        } => Check::fail(
            name,
            catalog.message("doctor-sdk-public-token-refused", &Args::new()),
            fix_for(&e),
        ),
        StytchError::Stytch { status, .. } if (400..500).contains(status) && !e.is_retryable() => {
            Check::pass(name, on)
        }
        _ => Check::fail(
            name,
            catalog.message(
                "doctor-sdk-not-checked",
                &Args::new().with("error", e.to_string()),
            ),
            fix_for(&e),
        ),
    }
}

/// An id of the project's kind (test or live) that names nothing.
fn probe_id(kind: &str, project_id: &stytch_b2b::ProjectId) -> String {
    let env = if project_id.as_str().starts_with("project-live-") {
        "live"
    } else {
        "test"
    };
    format!("{kind}-{env}-00000000-0000-4000-8000-000000000000")
}

/// A token no one was given.
fn probe_token() -> String {
    format!(
        "gatehouse-doctor-probe-{}",
        PkceCodeVerifier::generate().expose()
    )
}
