//! Where IT changes what Gatehouse needs of the Stytch project: the dashboard's pages and
//! switches, with the Management API field each one is (stytch-management-go
//! `pkg/models/sdk/types.go`; terraform-provider-stytch `docs/resources/b2b_sdk_config.md`).
//! One home for these words: the window's refusals, `gatehouse doctor` and
//! `gatehouse-admin stytch-setup` all say them from here.

/// The SDK configuration's page ("Frontend SDKs" in Stytch's current guides, e.g. docs
/// `b2b/guides/ui-components/organization-flow`; "SDK configuration" in older ones).
pub const SDK_PAGE: &str = "Stytch dashboard → Frontend SDKs (SDK configuration)";

/// The redirect URLs' page (docs `b2b/api/url-validation`).
pub const REDIRECT_URLS_PAGE: &str = "Stytch dashboard → Redirect URLs";

/// Member locks: a project setting (docs `resources/platform/user-locks`: "configurable at the
/// project level via the dashboard"; Management API environment fields `user_lock_threshold`,
/// `user_lock_ttl`).
pub const MEMBER_LOCKS: &str = "Stytch dashboard → project settings → user locks";

/// One switch of the SDK configuration: its label on the page, and its field.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Switch {
    pub label: &'static str,
    pub field: &'static str,
}

impl Switch {
    /// `“Email magic links” (magic_links.enabled)`.
    pub fn named(self) -> String {
        format!("“{}” ({})", self.label, self.field)
    }
}

pub const ENABLE_SDK: Switch = Switch {
    label: "Enable SDK",
    field: "basic.enabled",
};
pub const AUTHORIZED_APPS: Switch = Switch {
    label: "Authorized applications → bundle IDs",
    field: "basic.bundle_ids",
};
pub const EMAIL_MAGIC_LINKS: Switch = Switch {
    label: "Email magic links",
    field: "magic_links.enabled",
};
pub const SMS_OTP: Switch = Switch {
    label: "SMS OTP",
    field: "otps.sms_enabled",
};
pub const TOTP: Switch = Switch {
    label: "TOTP",
    field: "totps.enabled",
};
pub const CREATE_TOTPS: Switch = Switch {
    label: "Create TOTPs",
    field: "totps.create_totps",
};
pub const MAX_SESSION: Switch = Switch {
    label: "Maximum session duration",
    field: "sessions.max_session_duration_minutes",
};
pub const HTTP_ONLY: Switch = Switch {
    label: "HttpOnly cookies",
    field: "cookies.http_only",
};
pub const FINGERPRINTING: Switch = Switch {
    label: "Device fingerprinting protection",
    field: "dfppa",
};
