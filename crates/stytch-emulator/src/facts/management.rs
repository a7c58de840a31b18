//! Stytch's Management API (the "PWA v3" API the dashboard, Terraform and stytch-management-go
//! use) as far as the emulator serves it: the routes, their errors, and the environment settings.

use super::{inferred, ErrorKind, RouteFact};

macro_rules! mgmt_go {
    ($file:literal, $f:literal) => {
        concat!(
            "stytchauth/stytch-management-go: pkg/api/",
            $file,
            " (",
            $f,
            ")"
        )
    };
}

/// Where the Management API lives at Stytch (the emulator serves it on its own listener).
/// Source: stytchauth/stytch-management-go: pkg/api/client.go (defaultBaseURI).
pub const MANAGEMENT_BASE_URL: &str = "https://management.stytch.com";

/// Every Management API route the emulator serves: HTTP Basic `workspace_key_id:workspace_key_secret`
/// (stytchauth/stytch-management-go: pkg/api/internal/stytch.go, basicAuth), JSON bodies, answers
/// `{request_id, …, status_code}`; only 200 and 201 are a success (the same file, RawRequest).
/// The SDK routes also: https://stytch.com/docs/api-reference/pwa/api/v3/sdk/set-b2b-sdk-config
/// and terraform-provider-stytch docs/resources/b2b_sdk_config.md; the redirect URL routes:
/// terraform-provider-stytch docs/resources/redirect_url.md; the environment:
/// terraform-provider-stytch docs/resources/environment.md.
pub const MANAGEMENT_ROUTES: &[RouteFact] = &[
    RouteFact {
        method: "GET",
        path: "/pwa/v3/projects/{project_slug}/environments/{environment_slug}/sdk/b2b",
        source: mgmt_go!("sdk.go", "GetB2BConfig"),
    },
    RouteFact {
        method: "PUT",
        path: "/pwa/v3/projects/{project_slug}/environments/{environment_slug}/sdk/b2b",
        source: mgmt_go!("sdk.go", "SetB2BConfig"),
    },
    RouteFact {
        method: "POST",
        path: "/pwa/v3/projects/{project_slug}/environments/{environment_slug}/redirect_urls",
        source: mgmt_go!("redirecturls.go", "Create"),
    },
    RouteFact {
        method: "GET",
        path: "/pwa/v3/projects/{project_slug}/environments/{environment_slug}/redirect_urls",
        source: mgmt_go!("redirecturls.go", "Get: ?url="),
    },
    RouteFact {
        method: "PUT",
        path: "/pwa/v3/projects/{project_slug}/environments/{environment_slug}/redirect_urls",
        source: mgmt_go!("redirecturls.go", "Update: ?url="),
    },
    RouteFact {
        method: "DELETE",
        path: "/pwa/v3/projects/{project_slug}/environments/{environment_slug}/redirect_urls",
        source: mgmt_go!("redirecturls.go", "Delete: ?url=&do_not_promote_defaults="),
    },
    RouteFact {
        method: "GET",
        path: "/pwa/v3/projects/{project_slug}/environments/{environment_slug}/redirect_urls/all",
        source: mgmt_go!("redirecturls.go", "GetAll"),
    },
    RouteFact {
        method: "GET",
        path: "/pwa/v3/projects/{project_slug}/environments/{environment_slug}",
        source: mgmt_go!("environments.go", "Get"),
    },
    RouteFact {
        method: "PATCH",
        path: "/pwa/v3/projects/{project_slug}/environments/{environment_slug}",
        source: mgmt_go!("environments.go", "Update"),
    },
];

// A project slug the workspace has no project with: `project_not_found` 404 (see
// [`super::PROJECT_NOT_FOUND`], inferred).
/// An environment slug the project has no environment with. **Inferred**.
pub const ENVIRONMENT_NOT_FOUND: ErrorKind = inferred("environment_not_found", 404);
/// `?url=` names no redirect URL of the environment. **Inferred**.
pub const REDIRECT_URL_NOT_FOUND: ErrorKind = inferred("redirect_url_not_found", 404);
/// A redirect URL created twice. **Inferred**.
pub const DUPLICATE_REDIRECT_URL: ErrorKind = inferred("duplicate_redirect_url", 400);

/// The redirect URL types. Source: stytchauth/stytch-management-go:
/// pkg/models/redirecturls/types.go (RedirectURLTypes).
pub const REDIRECT_URL_TYPES: &[&str] =
    &["LOGIN", "INVITE", "SIGNUP", "RESET_PASSWORD", "DISCOVERY"];

/// A redirect URL created or updated without `do_not_promote_defaults` becomes the default of each
/// of its types that has no default yet ("the default behavior is to promote the RedirectURL to
/// the default if no other RedirectURL exists for the given type"); deleting a type's default
/// promotes another URL of that type. Source: stytchauth/stytch-management-go:
/// pkg/models/redirecturls/types.go (DoNotPromoteDefaults); the delete half is **inferred**.
pub const PROMOTE_DEFAULTS: bool = true;

/// `PUT …/sdk/b2b` replaces each section the body gives, whole (a field the section omits takes
/// its zero value: false, empty, `DISABLED`/`ALLOW`), and leaves the others as they are.
/// **Inferred** from stytch-management-go (every field `omitempty`, so a client cannot send
/// `false` inside a section: only a whole-section replace lets it turn a switch off) and from
/// terraform-provider-stytch, whose delete PUTs only `basic.enabled = false` ("Other fields are
/// left as-is").
pub const SDK_CONFIG_PUT_REPLACES_SECTIONS: bool = true;

/// Member locks are environment settings: `user_lock_threshold` failed attempts (default 10,
/// 1 to 100) lock a member for `user_lock_ttl` seconds (default 3600, 5 minutes to 7 days).
/// Sources: stytchauth/stytch-management-go: pkg/models/environments/types.go (UserLockThreshold,
/// UserLockTTL: "Defaults to 10", "Defaults to 1 hour (3600 seconds)");
/// https://stytch.com/docs/resources/platform/user-locks (the ranges).
pub const LOCK_THRESHOLD_DEFAULT: u32 = 10;
pub const LOCK_THRESHOLD_RANGE: std::ops::RangeInclusive<u32> = 1..=100;
pub const LOCK_TTL_DEFAULT_SECONDS: u32 = 3600;
pub const LOCK_TTL_RANGE_SECONDS: std::ops::RangeInclusive<u32> = 300..=604_800;

/// The emulator's demo workspace key follows the format of the provider's example
/// (`workspace-key-prod-<uuid>`). Source: terraform-provider-stytch examples/provider/provider.tf.
pub const WORKSPACE_KEY_ID_PREFIX: &str = "workspace-key-prod-";

// Its errors have the auth API's shape `{status_code, request_id, error_type, error_message,
// error_url}` (stytchauth/stytch-management-go: pkg/stytcherror/stytcherror.go); a wrong key
// answers `unauthorized_credentials` 401 (inferred: the auth API's answer to wrong credentials).
