//! The emulator's settings through its control surface: its own (`/emulator/settings`) and the
//! project's Stytch settings through the Management API it serves.

use reqwest::Method;
use serde_json::{json, Value};

use crate::{url_query, Control};

impl Control {
    // --- the emulator's own settings ------------------------------------------------------------

    /// `POST /emulator/settings {"dead_session_answer": answer}`: what the SDK API answers for an
    /// unknown, expired or revoked session, `session_not_found` (the default) or
    /// `unauthorized_credentials` (Stytch does not publish which).
    pub async fn set_dead_session_answer(&self, answer: &str) {
        self.set_emulator_settings(json!({ "dead_session_answer": answer }))
            .await;
    }

    /// `POST /emulator/settings`: the emulator's own settings, each an answer Stytch's public
    /// sources do not settle — `dead_session_answer`, `unauthorized_app_answer`
    /// (`bad_app_bundle_for_stytch_sdk` | `invalid_mobile_identifier`), `captcha_answer`
    /// (`json` | `text`), `http_only_answer` (`omit_tokens` | `cname_required`).
    pub async fn set_emulator_settings(&self, settings: Value) {
        let _: Value = self
            .call(Method::POST, "/emulator/settings", Some(settings))
            .await;
    }

    // --- the Management API (the project's Stytch settings) ----------------------------------

    /// A Management API call for the project's environment with its workspace key (both read
    /// from `/emulator/project`): `path_suffix` is appended to
    /// `/pwa/v3/projects/{project}/environments/{environment}` (`""`, `"/sdk/b2b"`,
    /// `"/redirect_urls?url=…"`, …). The status and the JSON body (`null` when not JSON).
    pub async fn management(
        &self,
        method: Method,
        path_suffix: &str,
        body: Option<Value>,
    ) -> (u16, Value) {
        let project = self.project().await;
        let path = format!("{}{path_suffix}", project.environment_path());
        let mut request = self
            .http
            .request(method.clone(), self.url(&path))
            .header(reqwest::header::AUTHORIZATION, project.management_auth());
        if let Some(body) = body {
            request = request.json(&body);
        }
        let response = request
            .send()
            .await
            .unwrap_or_else(|e| panic!("{method} {path}: {e}"));
        let status = response.status().as_u16();
        (status, response.json().await.unwrap_or_default())
    }

    /// A Management API call that must answer 200; its JSON.
    async fn managed(&self, method: Method, path_suffix: &str, body: Option<Value>) -> Value {
        let (status, answer) = self.management(method.clone(), path_suffix, body).await;
        assert_eq!(status, 200, "{method} …{path_suffix}: {answer}");
        answer
    }

    /// The project's B2B SDK configuration (`GET …/sdk/b2b`'s `config`).
    pub async fn sdk_config(&self) -> Value {
        self.managed(Method::GET, "/sdk/b2b", None).await["config"].clone()
    }

    /// `PUT …/sdk/b2b {"config": patch}`: each section `patch` gives replaces that section
    /// whole (fields it omits become false, empty or the off value), the others stay. Panics
    /// unless accepted.
    pub async fn set_sdk_config(&self, patch: Value) {
        let body = json!({ "config": patch });
        self.managed(Method::PUT, "/sdk/b2b", Some(body)).await;
    }

    /// Every redirect URL (`GET …/redirect_urls/all`'s `redirect_urls`:
    /// `[{url, valid_types: [{type, is_default}]}]`).
    pub async fn redirect_urls(&self) -> Vec<Value> {
        let answer = self.managed(Method::GET, "/redirect_urls/all", None).await;
        serde_json::from_value(answer["redirect_urls"].clone()).expect("redirect_urls")
    }

    /// Registers `url` for exactly `types` (`LOGIN`, `SIGNUP`, `INVITE`, `RESET_PASSWORD`,
    /// `DISCOVERY`): created, or its types replaced. Stytch's promotion rules apply: it becomes
    /// the default of a type that has none.
    pub async fn set_redirect_url(&self, url: &str, types: &[&str]) {
        let valid_types: Vec<Value> = types
            .iter()
            .map(|t| json!({ "type": t, "is_default": false }))
            .collect();
        let query = url_query(url);
        let (status, _) = self
            .management(Method::GET, &format!("/redirect_urls?{query}"), None)
            .await;
        if status == 200 {
            let body = json!({ "valid_types": valid_types });
            self.managed(Method::PUT, &format!("/redirect_urls?{query}"), Some(body))
                .await;
        } else {
            let body = json!({ "url": url, "valid_types": valid_types });
            self.managed(Method::POST, "/redirect_urls", Some(body))
                .await;
        }
    }

    /// Deletes a redirect URL (a type whose default it was gets another URL of that type as its
    /// default). Panics unless it existed.
    pub async fn delete_redirect_url(&self, url: &str) {
        let path = format!("/redirect_urls?{}", url_query(url));
        self.managed(Method::DELETE, &path, None).await;
    }

    /// `PATCH` the environment: `threshold` consecutive failed attempts lock a member for
    /// `ttl_seconds` (Stytch: 1..=100 and 300..=604800; defaults 10 and 3600).
    pub async fn set_lock(&self, threshold: u32, ttl_seconds: u32) {
        let body = json!({ "user_lock_threshold": threshold, "user_lock_ttl": ttl_seconds });
        self.managed(Method::PATCH, "", Some(body)).await;
    }
}
