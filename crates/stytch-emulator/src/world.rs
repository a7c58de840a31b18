//! Everything the emulator remembers, behind one lock: organizations, members, magic links,
//! intermediate sessions, SMS codes, TOTP registrations, sessions and the outbox. Built from a [`Seed`].

use std::collections::HashMap;

use serde_json::{json, Map, Value};
use time::OffsetDateTime;

use crate::error::{ApiResult, StytchError};
use crate::extract::Ctx;
use crate::facts;
use crate::ids;
use crate::model::{
    Factor, IntermediateSession, MagicLink, Member, Message, Organization, Project, Session,
    SmsCode, TotpRegistration,
};
use crate::seed::{Seed, SeedError, SeedMember, SeedOrganization};

#[derive(Debug, Default)]
pub struct World {
    pub orgs: Vec<Organization>,
    pub members: HashMap<String, Member>,
    pub magic_links: HashMap<String, MagicLink>,
    pub ists: HashMap<String, IntermediateSession>,
    /// By member_session_id.
    pub sessions: HashMap<String, Session>,
    pub session_ids_by_token: HashMap<String, String>,
    /// By member_id; the last one is the newest.
    pub sms_codes: HashMap<String, Vec<SmsCode>>,
    /// By member_id: the member's one TOTP registration (pending or active).
    pub totps: HashMap<String, TotpRegistration>,
    pub outbox: Vec<Message>,
    /// Every PKCE code verifier a client sent, for tests that scan their logs for secrets.
    pub pkce_verifiers_received: Vec<String>,
}

pub fn valid_email(email: &str) -> bool {
    let Some((local, domain)) = email.rsplit_once('@') else {
        return false;
    };
    !local.is_empty()
        && domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && email.len() <= 254
        && !email.chars().any(|c| c.is_whitespace() || c.is_control())
}

/// E.164: `+`, a non-zero digit, then 6 to 14 more digits.
pub fn valid_e164(phone: &str) -> bool {
    let Some(digits) = phone.strip_prefix('+') else {
        return false;
    };
    (7..=15).contains(&digits.len())
        && digits.bytes().all(|b| b.is_ascii_digit())
        && !digits.starts_with('0')
}

pub fn valid_slug(slug: &str) -> bool {
    (2..=128).contains(&slug.len())
        && slug
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b"-._~".contains(&b))
}

fn organization(seed: SeedOrganization, live: bool, now: OffsetDateTime) -> Organization {
    Organization {
        organization_id: seed
            .organization_id
            .unwrap_or_else(|| ids::id("organization", live)),
        organization_name: seed.organization_name,
        organization_logo_url: String::new(),
        organization_slug: seed.organization_slug,
        sso_jit_provisioning: "NOT_ALLOWED".into(),
        sso_jit_provisioning_allowed_connections: vec![],
        sso_active_connections: vec![],
        sso_default_connection_id: None,
        email_allowed_domains: seed
            .email_allowed_domains
            .into_iter()
            .map(|d| d.to_ascii_lowercase())
            .collect(),
        email_jit_provisioning: seed
            .email_jit_provisioning
            .unwrap_or_else(|| "RESTRICTED".into()),
        email_invites: "ALL_ALLOWED".into(),
        auth_methods: "ALL_ALLOWED".into(),
        allowed_auth_methods: vec![],
        mfa_policy: seed.mfa_policy.unwrap_or_else(|| "OPTIONAL".into()),
        mfa_methods: seed.mfa_methods.unwrap_or_else(|| "ALL_ALLOWED".into()),
        allowed_mfa_methods: seed.allowed_mfa_methods,
        rbac_email_implicit_role_assignments: vec![],
        oauth_tenant_jit_provisioning: "NOT_ALLOWED".into(),
        allowed_oauth_tenants: json!({}),
        claimed_email_domains: vec![],
        first_party_connected_apps_allowed_type: "ALL_ALLOWED".into(),
        allowed_first_party_connected_apps: vec![],
        third_party_connected_apps_allowed_type: "ALL_ALLOWED".into(),
        allowed_third_party_connected_apps: vec![],
        custom_roles: vec![],
        trusted_metadata: json!({}),
        organization_external_id: None,
        scim_active_connection: None,
        created_at: now,
        updated_at: now,
        hidden: false,
    }
}

pub fn new_member(
    organization_id: &str,
    email: &str,
    status: &str,
    live: bool,
    now: OffsetDateTime,
) -> Member {
    Member {
        organization_id: organization_id.to_string(),
        member_id: ids::id("member", live),
        email_id: ids::id("member-email", live),
        email_address: email.to_string(),
        status: status.to_string(),
        name: String::new(),
        email_address_verified: false,
        mfa_enrolled: false,
        phone_id: String::new(),
        mfa_phone_number: String::new(),
        mfa_phone_number_verified: false,
        default_mfa_method: String::new(),
        totp_registration_id: String::new(),
        is_admin: false,
        created_at: now,
        updated_at: now,
        failed_attempts: 0,
        lock_created_at: None,
        lock_expires_at: None,
    }
}

fn member(
    seed: SeedMember,
    organization_id: &str,
    live: bool,
    now: OffsetDateTime,
) -> Result<Member, SeedError> {
    let email = seed.email_address.to_ascii_lowercase();
    if !valid_email(&email) {
        return Err(SeedError::Invalid(format!(
            "invalid email address {email:?}"
        )));
    }
    let status = seed.status.unwrap_or_else(|| "active".into());
    if !["active", "pending", "invited"].contains(&status.as_str()) {
        return Err(SeedError::Invalid(format!(
            "invalid member status {status:?}"
        )));
    }
    let mut m = new_member(organization_id, &email, &status, live, now);
    if let Some(id) = seed.member_id {
        m.member_id = id;
    }
    m.name = seed.name;
    m.is_admin = seed.is_admin;
    m.email_address_verified = status == "active";
    if let Some(phone) = seed.mfa_phone_number.filter(|p| !p.is_empty()) {
        if !valid_e164(&phone) {
            return Err(SeedError::Invalid(format!(
                "{email}: phone {phone:?} is not E.164"
            )));
        }
        m.mfa_phone_number = phone;
        m.phone_id = ids::id("member-phone-number", live);
        m.mfa_phone_number_verified = seed.mfa_phone_number_verified.unwrap_or(true);
        m.mfa_enrolled = seed.mfa_enrolled.unwrap_or(m.mfa_phone_number_verified);
        if m.mfa_enrolled {
            m.default_mfa_method = "sms_otp".into();
        }
    } else {
        m.mfa_enrolled = seed.mfa_enrolled.unwrap_or(false);
    }
    Ok(m)
}

impl World {
    pub fn from_seed(seed: Seed, now: OffsetDateTime) -> Result<(Project, World), SeedError> {
        let p = seed.project;
        let live = p.project_id.starts_with("project-live-");
        if !live && !p.project_id.starts_with("project-test-") {
            return Err(SeedError::Invalid(
                "project_id must start with project-test- or project-live-".into(),
            ));
        }
        if p.secret.is_empty() || p.public_token.is_empty() {
            return Err(SeedError::Invalid(
                "secret and public_token must not be empty".into(),
            ));
        }
        let slug = |given: Option<String>, default: &str| given.unwrap_or_else(|| default.into());
        let project = Project {
            project_id: p.project_id,
            secret: p.secret,
            public_token: p.public_token,
            international_sms: p.international_sms,
            project_slug: slug(p.project_slug, crate::seed::DEMO_PROJECT_SLUG),
            environment_slug: slug(p.environment_slug, crate::seed::DEMO_ENVIRONMENT_SLUG),
            workspace_key_id: slug(p.workspace_key_id, crate::seed::DEMO_WORKSPACE_KEY_ID),
            workspace_key_secret: slug(
                p.workspace_key_secret,
                crate::seed::DEMO_WORKSPACE_KEY_SECRET,
            ),
            created_at: now,
        };
        if [&project.project_slug, &project.environment_slug]
            .iter()
            .any(|s| !valid_slug(s))
            || project.workspace_key_id.is_empty()
            || project.workspace_key_secret.is_empty()
        {
            return Err(SeedError::Invalid(
                "project_slug and environment_slug must be slugs; the workspace key must not be empty"
                    .into(),
            ));
        }
        let mut world = World::default();
        for seed_org in seed.organizations {
            let members = seed_org.members.clone();
            if !valid_slug(&seed_org.organization_slug) {
                return Err(SeedError::Invalid(format!(
                    "invalid organization slug {:?}",
                    seed_org.organization_slug
                )));
            }
            let org = organization(seed_org, live, now);
            if !["OPTIONAL", "REQUIRED_FOR_ALL"].contains(&org.mfa_policy.as_str()) {
                return Err(SeedError::Invalid(format!(
                    "invalid mfa_policy {:?}",
                    org.mfa_policy
                )));
            }
            if world.orgs.iter().any(|o| {
                o.organization_id == org.organization_id
                    || o.organization_slug == org.organization_slug
            }) {
                return Err(SeedError::Invalid(format!(
                    "duplicate organization {}",
                    org.organization_slug
                )));
            }
            for seed_member in members {
                let m = member(seed_member, &org.organization_id, live, now)?;
                if world.members.contains_key(&m.member_id)
                    || world
                        .member_by_email(&org.organization_id, &m.email_address)
                        .is_some()
                {
                    return Err(SeedError::Invalid(format!(
                        "duplicate member {}",
                        m.email_address
                    )));
                }
                world.members.insert(m.member_id.clone(), m);
            }
            world.orgs.push(org);
        }
        if !live {
            world.add_sandbox(now);
        }
        Ok((project, world))
    }

    /// The test environment's sandbox organization and member (documented sandbox values).
    fn add_sandbox(&mut self, now: OffsetDateTime) {
        let mut org = organization(
            SeedOrganization {
                organization_id: Some(facts::SANDBOX_ORGANIZATION_ID.into()),
                organization_name: "Sandbox Organization".into(),
                organization_slug: "stytch-sandbox-organization".into(),
                mfa_policy: None,
                mfa_methods: None,
                allowed_mfa_methods: vec![],
                email_allowed_domains: vec![],
                email_jit_provisioning: Some("NOT_ALLOWED".into()),
                members: vec![],
            },
            false,
            now,
        );
        org.hidden = true;
        let mut m = new_member(
            facts::SANDBOX_ORGANIZATION_ID,
            facts::SANDBOX_EMAIL,
            "active",
            false,
            now,
        );
        m.member_id = facts::SANDBOX_MEMBER_ID.into();
        m.email_address_verified = true;
        self.members.insert(m.member_id.clone(), m);
        self.orgs.push(org);
    }

    /// An organization by id or slug. The sandbox organization exists only on the backend API.
    pub fn org(&self, ctx: &Ctx, id_or_slug: &str) -> ApiResult<&Organization> {
        self.orgs
            .iter()
            .find(|o| {
                (o.organization_id == id_or_slug || o.organization_slug == id_or_slug)
                    && !(o.hidden && ctx.sdk())
            })
            .ok_or_else(|| {
                ctx.err(
                    facts::ORGANIZATION_NOT_FOUND,
                    "Organization could not be found.",
                )
            })
    }

    pub fn org_by_id(&self, organization_id: &str) -> Option<&Organization> {
        self.orgs
            .iter()
            .find(|o| o.organization_id == organization_id)
    }

    pub fn org_mut(&mut self, organization_id: &str) -> Option<&mut Organization> {
        self.orgs
            .iter_mut()
            .find(|o| o.organization_id == organization_id)
    }

    pub fn member_by_email(&self, organization_id: &str, email: &str) -> Option<&Member> {
        self.members.values().find(|m| {
            m.organization_id == organization_id && m.email_address.eq_ignore_ascii_case(email)
        })
    }

    /// A member of the given organization.
    pub fn member(&self, ctx: &Ctx, organization_id: &str, member_id: &str) -> ApiResult<&Member> {
        self.members
            .get(member_id)
            .filter(|m| m.organization_id == organization_id && m.status != "deleted")
            .ok_or_else(|| ctx.err(facts::MEMBER_NOT_FOUND, "Member could not be found."))
    }

    pub fn member_mut(&mut self, member_id: &str) -> &mut Member {
        self.members
            .get_mut(member_id)
            .expect("member looked up before")
    }

    /// A live session's id from a session token or a session JWT.
    pub fn resolve_session(
        &self,
        ctx: &Ctx,
        key: &crate::jwt::JwtKey,
        token: Option<&str>,
        jwt: Option<&str>,
        now: OffsetDateTime,
    ) -> ApiResult<String> {
        let not_found =
            || ctx.dead_session("Session could not be found: it may have expired or been revoked.");
        let id = match (token, jwt) {
            (Some(token), _) => self
                .session_ids_by_token
                .get(token)
                .cloned()
                .ok_or_else(not_found)?,
            (None, Some(jwt)) => {
                let claims = key.verify(jwt).ok_or_else(|| {
                    ctx.err(
                        facts::UNABLE_TO_PARSE_SESSION_JWT,
                        "The session JWT could not be parsed or its signature is invalid.",
                    )
                })?;
                claims["https://stytch.com/session"]["id"]
                    .as_str()
                    .map(str::to_string)
                    .ok_or_else(not_found)?
            }
            (None, None) => return Err(not_found()),
        };
        match self.sessions.get(&id) {
            Some(s) if s.alive(now) => Ok(id),
            _ => Err(not_found()),
        }
    }

    /// Creates a session and returns its id.
    #[allow(clippy::too_many_arguments)]
    pub fn create_session(
        &mut self,
        ctx: &Ctx,
        member_id: &str,
        organization_id: &str,
        factors: Vec<Factor>,
        minutes: i64,
        custom_claims: Option<&Value>,
        now: OffsetDateTime,
    ) -> String {
        let id = ids::id("member-session", ctx.live);
        let token = ids::opaque_token();
        let mut claims = Map::new();
        merge_claims(&mut claims, custom_claims);
        self.sessions.insert(
            id.clone(),
            Session {
                member_session_id: id.clone(),
                token: token.clone(),
                member_id: member_id.to_string(),
                organization_id: organization_id.to_string(),
                started_at: now,
                last_accessed_at: now,
                expires_at: now + time::Duration::minutes(minutes),
                factors,
                custom_claims: claims,
                revoked: false,
                ip_address: ctx.ip_address.clone(),
                user_agent: ctx.user_agent.clone(),
                jwt_cache: None,
            },
        );
        self.session_ids_by_token.insert(token, id.clone());
        id
    }

    /// Revokes a session; its token stops working at once.
    pub fn revoke_session(&mut self, session_id: &str) {
        if let Some(s) = self.sessions.get_mut(session_id) {
            s.revoked = true;
            s.jwt_cache = None;
            let token = s.token.clone();
            self.session_ids_by_token.remove(&token);
        }
    }

    /// The claims of a session JWT minted now, exactly as the reference lists them.
    pub fn jwt_claims(
        &self,
        project_id: &str,
        session_id: &str,
        now: OffsetDateTime,
    ) -> Option<Value> {
        let s = self.sessions.get(session_id)?;
        let slug = self
            .org_by_id(&s.organization_id)
            .map(|o| o.organization_slug.clone())
            .unwrap_or_default();
        let iat = now.unix_timestamp();
        let mut claims = Map::new();
        for (k, v) in &s.custom_claims {
            claims.insert(k.clone(), v.clone());
        }
        let reserved = json!({
            "iss": facts::jwt_issuer(project_id),
            "aud": [project_id],
            "sub": s.member_id,
            "iat": iat,
            "nbf": iat,
            "exp": (now + facts::JWT_LIFETIME).unix_timestamp(),
            "https://stytch.com/session": {
                "id": s.member_session_id,
                "started_at": ids::timestamp(s.started_at),
                "last_accessed_at": ids::timestamp(s.last_accessed_at),
                "expires_at": ids::timestamp(s.expires_at),
                "attributes": {"ip_address": s.ip_address, "user_agent": s.user_agent},
                "authentication_factors": s.factors_json(),
                "roles": [facts::DEFAULT_MEMBER_ROLE],
            },
            "https://stytch.com/organization": {
                "organization_id": s.organization_id,
                "slug": slug,
            },
        });
        if let Value::Object(reserved) = reserved {
            claims.extend(reserved);
        }
        Some(Value::Object(claims))
    }

    pub fn send(&mut self, message: Message) {
        self.outbox.push(message);
    }
}

/// Custom claims: reserved names are ignored, a null value deletes a key.
pub fn merge_claims(into: &mut Map<String, Value>, update: Option<&Value>) {
    const RESERVED: &[&str] = &["iss", "sub", "aud", "exp", "nbf", "iat", "jti"];
    if let Some(Value::Object(update)) = update {
        for (k, v) in update {
            if RESERVED.contains(&k.as_str()) || k.starts_with("https://stytch.com/") {
                continue;
            }
            if v.is_null() {
                into.remove(k);
            } else {
                into.insert(k.clone(), v.clone());
            }
        }
    }
}

pub fn internal(ctx: &Ctx) -> StytchError {
    ctx.err(facts::INTERNAL_SERVER_ERROR, "Internal server error.")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn e164_accepts_plausible_numbers_only() {
        assert!(valid_e164("+14155550123"));
        assert!(!valid_e164("4155550123"));
        assert!(!valid_e164("+1 415 555 0123"));
        assert!(!valid_e164("+0123456789"));
        assert!(!valid_e164("+12"));
    }

    #[test]
    fn emails_need_a_domain_with_a_dot() {
        assert!(valid_email("ada@example.com"));
        assert!(!valid_email("ada@example"));
        assert!(!valid_email("ada example.com"));
        assert!(!valid_email("@example.com"));
    }
}
