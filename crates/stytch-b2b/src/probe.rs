//! One call that proves Stytch answers, for `gatehouse doctor`: the project's JWKS (no
//! credentials, so nothing secret travels), with the time it took and Stytch's clock from the
//! answer's `Date` header (a skew past a minute breaks the 5-minute session JWTs).

use std::time::{Duration, Instant};

use time::OffsetDateTime;

use crate::api::sessions::JwksResponse;
use crate::call::{read, Repeat};
use crate::client::Client;
use crate::error::Error;
use crate::routes;
use crate::ProjectId;

/// What one JWKS call showed.
#[derive(Debug, Clone)]
pub struct Probe {
    /// Signing keys in the JWKS (Stytch publishes at least one).
    pub keys: usize,
    /// Stytch's clock, from the `Date` header; `None` when the header is missing or unreadable.
    pub server_time: Option<OffsetDateTime>,
    /// From sending the request to the whole answer read.
    pub elapsed: Duration,
}

impl Client {
    /// `GET /v1/b2b/sessions/jwks/{project_id}` once (no retry), with the answer's `Date`.
    pub async fn probe(&self, project_id: &ProjectId) -> Result<Probe, Error> {
        let route = &routes::SESSIONS_JWKS;
        let call = self
            .call(route, Repeat::Never)
            .path(&[("project_id", project_id.as_str())])?;
        let started = Instant::now();
        let resp = call.exchange().await?;
        let server_time = resp
            .headers()
            .get(reqwest::header::DATE)
            .and_then(|d| d.to_str().ok())
            .and_then(|d| httpdate::parse_http_date(d).ok())
            .map(OffsetDateTime::from);
        let jwks: JwksResponse = read(route, resp).await?;
        Ok(Probe {
            keys: jwks.keys.len(),
            server_time,
            elapsed: started.elapsed(),
        })
    }
}
