//! The demo workspace's HTML: the signed-in page, the signed-out page, and the 404s. Every value
//! is HTML-escaped; the only script is the same-origin `/workspace/probe.js`; no styles, images
//! or other resources. Element ids are stable, for tests.

use super::verify::{Refusal, SignedIn};
use crate::ids;

/// Which workspace page: `/workspace/` or `/workspace/other` (same checks, another path).
#[derive(Debug, Clone, Copy)]
pub enum Which {
    Home,
    Other,
}

impl Which {
    fn name(self) -> &'static str {
        match self {
            Which::Home => "home",
            Which::Other => "other",
        }
    }
}

/// 200: who is signed in, the JWT's expiry and fingerprint (never the JWT).
pub fn signed_in(member: &SignedIn, which: Which) -> String {
    let body = format!(
        "<section id=\"signed-in\">\n\
         <h1>Signed in as <span id=\"member-email\">{email}</span> of \
         <span id=\"organization-name\">{org}</span></h1>\n\
         <dl>\n\
         <dt>Member</dt><dd id=\"member-id\">{member_id}</dd>\n\
         <dt>Session JWT expires at</dt><dd id=\"jwt-expires-at\">{expires}</dd>\n\
         <dt>Session JWT fingerprint</dt><dd id=\"jwt-id\">{jwt_id}</dd>\n\
         </dl>\n\
         </section>",
        email = escape(&member.email),
        org = escape(&member.organization_name),
        member_id = escape(&member.member_id),
        expires = escape(&ids::timestamp(member.expires_at)),
        jwt_id = escape(&member.jwt_id),
    );
    document("Demo workspace", which, &body)
}

/// 401: signed out, and why.
pub fn signed_out(reason: &Refusal, which: Which) -> String {
    let body = format!(
        "<section id=\"signed-out\">\n\
         <h1>Signed out</h1>\n\
         <p id=\"reason\" data-reason=\"{code}\">{message}</p>\n\
         </section>",
        code = escape(reason.code()),
        message = escape(reason.message()),
    );
    document("Demo workspace: signed out", which, &body)
}

/// 404 for an unknown path under `/workspace/`.
pub fn not_found() -> String {
    bare(
        "Not found",
        "<h1>Not found</h1>\n<p>The demo workspace has no such page. \
         <a href=\"/workspace/\">Go to the workspace</a>.</p>",
    )
}

/// 404 on a host other than `localhost`: names the workspace's own URL.
pub fn wrong_host(port: Option<u16>) -> String {
    let url = match port {
        Some(port) => format!("http://localhost:{port}/workspace/"),
        None => "http://localhost:PORT/workspace/".to_string(),
    };
    bare(
        "Not found on this host",
        &format!(
            "<h1 id=\"wrong-host\">Not found on this host</h1>\n\
             <p>The demo workspace is served only at <code>{url}</code>, a host name of its own, \
             so that its cookies are never sent to the API host.</p>",
            url = escape(&url),
        ),
    )
}

/// A page with the links and probes the app's tests use.
fn document(title: &str, which: Which, body: &str) -> String {
    format!(
        "<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
         <title>{title}</title>\n<script src=\"/workspace/probe.js\" defer></script>\n\
         </head>\n<body data-page=\"{page}\">\n{body}\n\
         <nav>\n\
         <a id=\"same-origin\" href=\"/workspace/other\">Another workspace page</a>\n\
         <a id=\"home\" href=\"/workspace/\">Workspace home</a>\n\
         <a id=\"off-origin\" href=\"https://example.com/elsewhere\">Elsewhere</a>\n\
         <a id=\"off-origin-blank\" href=\"https://example.com/elsewhere\" target=\"_blank\" \
         rel=\"noopener\">Elsewhere, in a new window</a>\n\
         </nav>\n\
         <p><button id=\"try-ipc\" type=\"button\">Try IPC</button> \
         <output id=\"ipc-result\">not tried</output> <output id=\"ipc-detail\"></output></p>\n\
         <p>Visits recorded in localStorage (<code>workspace-visited</code>): \
         <output id=\"storage\">unknown</output></p>\n\
         </body>\n</html>\n",
        title = escape(title),
        page = which.name(),
    )
}

fn bare(title: &str, body: &str) -> String {
    format!(
        "<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
         <title>{title}</title>\n</head>\n<body>\n{body}\n</body>\n</html>\n",
        title = escape(title),
    )
}

/// Escapes text for HTML element content and quoted attribute values.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#x27;"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_are_escaped() {
        let member = SignedIn {
            email: "a<b>@example.com".into(),
            organization_name: "Tom & \"Jerry's\"".into(),
            member_id: "member-test-1".into(),
            expires_at: time::OffsetDateTime::UNIX_EPOCH,
            jwt_id: "abc".into(),
        };
        let page = signed_in(&member, Which::Home);
        assert!(page.contains("a&lt;b&gt;@example.com"), "{page}");
        assert!(
            page.contains("Tom &amp; &quot;Jerry&#x27;s&quot;"),
            "{page}"
        );
        assert!(page.contains("1970-01-01T00:00:00Z"), "{page}");
        assert!(!page.contains("<b>"), "{page}");
    }
}
