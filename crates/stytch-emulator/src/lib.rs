//! An offline Stytch B2B: the router as a library (for in-process tests) and a binary.
//! It implements the endpoints Gatehouse uses in both API families, with Stytch's behaviour.
//!
//! ```no_run
//! # async fn demo() -> std::io::Result<()> {
//! let running = stytch_emulator::spawn(stytch_emulator::Emulator::demo()).await?;
//! println!("Stytch at {}", running.base_url);
//! # Ok(()) }
//! ```

mod api;
mod control;
mod error;
mod extract;
pub mod facts;
mod host_check;
mod ids;
mod jwt;
mod management;
mod model;
mod redirect_urls;
mod sdk_config;
mod sdk_gate;
mod seed;
mod settings;
mod totp;
mod wording;
mod workspace;
mod world;

use std::net::SocketAddr;
use std::path::Path;
use std::sync::Arc;
use std::time::Instant;

use axum::extract::{Request, State};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum::Router;
use parking_lot::{Mutex, MutexGuard};
use time::OffsetDateTime;

pub use control::{Fault, OutboxMessage};
pub use error::StytchError;
/// Every Stytch route served, with its public source (see [`facts::ROUTES`]).
pub use facts::{RouteFact, ROUTES};
pub use host_check::AllowedHosts;
pub use seed::{
    Seed, SeedError, SeedMember, SeedOrganization, SeedProject, DEMO_BUNDLE_ID,
    DEMO_ENVIRONMENT_SLUG, DEMO_ORGANIZATION_ID, DEMO_PROJECT_ID, DEMO_PROJECT_SLUG,
    DEMO_PUBLIC_TOKEN, DEMO_REDIRECT_URL, DEMO_SECRET, DEMO_WORKSPACE_KEY_ID,
    DEMO_WORKSPACE_KEY_SECRET,
};

use crate::control::{Faults, RequestLog};
use crate::ids::Clock;
use crate::jwt::JwtKey;
use crate::model::Project;
use crate::settings::{Settings, SettingsCell};
use crate::world::World;

/// An emulated Stytch B2B project, all state in memory. Cheap to clone (an `Arc` inside);
/// clones share state.
#[derive(Clone)]
pub struct Emulator {
    shared: Arc<Shared>,
}

struct Shared {
    project: Project,
    settings: SettingsCell,
    world: Mutex<World>,
    clock: Clock,
    key: Arc<JwtKey>,
    faults: Faults,
    requests: RequestLog,
}

impl std::fmt::Debug for Emulator {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Emulator")
            .field("project_id", &self.shared.project.project_id)
            .finish_non_exhaustive()
    }
}

impl Emulator {
    /// The built-in demo seed: see [`Seed::demo`].
    pub fn demo() -> Emulator {
        Emulator::from_seed(Seed::demo()).expect("the demo seed is valid")
    }

    pub fn from_seed(seed: Seed) -> Result<Emulator, SeedError> {
        let clock = Clock::default();
        let settings = Settings::from_seed(&seed.project)?;
        let (project, world) = World::from_seed(seed, clock.now())?;
        Ok(Emulator {
            shared: Arc::new(Shared {
                project,
                settings: SettingsCell::new(settings),
                world: Mutex::new(world),
                clock,
                key: JwtKey::global(),
                faults: Faults::default(),
                requests: RequestLog::default(),
            }),
        })
    }

    pub fn from_seed_file(path: &Path) -> Result<Emulator, SeedError> {
        let text = std::fs::read_to_string(path).map_err(|source| SeedError::Io {
            path: path.display().to_string(),
            source,
        })?;
        Emulator::from_seed(serde_json::from_str(&text)?)
    }

    /// Every route: the Stytch routes of [`ROUTES`] (both API families), the Management API's
    /// ([`facts::MANAGEMENT_ROUTES`]), the magic-link redirect, the inbox page at `/`, the `/emulator/*` control surface and the demo workspace under
    /// `/workspace/` (served on the host `localhost` only); anything else answers
    /// Stytch's 404 `route_not_found`. No `Host` check: for `oneshot` calls; a server listening
    /// on a socket serves [`Emulator::router_for`].
    pub fn router(&self) -> Router {
        Router::new()
            .merge(
                api::routes().route_layer(axum::middleware::from_fn_with_state(
                    self.clone(),
                    sdk_gate::gate,
                )),
            )
            .merge(management::routes())
            .merge(control::routes())
            .merge(workspace::routes())
            .fallback(api::route_not_found)
            .method_not_allowed_fallback(api::method_not_allowed)
            .layer(axum::middleware::from_fn_with_state(
                self.clone(),
                control::require_json,
            ))
            .layer(axum::middleware::from_fn_with_state(self.clone(), observe))
            .layer(tower_http::catch_panic::CatchPanicLayer::custom(
                |_: Box<dyn std::any::Any + Send>| {
                    StytchError::new(facts::INTERNAL_SERVER_ERROR, "Internal server error.")
                        .into_response()
                },
            ))
            .with_state(self.clone())
    }

    /// [`Emulator::router`] behind the `Host` check (DNS rebinding protection): only requests
    /// naming one of `hosts` are served (see [`AllowedHosts`]).
    pub fn router_for(&self, hosts: AllowedHosts) -> Router {
        let check = host_check::HostCheck {
            hosts: Arc::new(hosts),
            live: self.project().live(),
        };
        self.router().layer(axum::middleware::from_fn_with_state(
            check,
            host_check::check,
        ))
    }

    /// The project's credentials (project id, secret, public token).
    pub fn project_id(&self) -> &str {
        &self.shared.project.project_id
    }

    pub fn secret(&self) -> &str {
        &self.shared.project.secret
    }

    pub fn public_token(&self) -> &str {
        &self.shared.project.public_token
    }

    /// Messages sent so far, oldest first, optionally only those to one address or number.
    pub fn outbox(&self, to: Option<&str>) -> Vec<OutboxMessage> {
        control::outbox_messages(self, to)
    }

    /// Moves the emulator's clock forward (like POST /emulator/clock).
    pub fn advance_clock(&self, seconds: u64) {
        self.shared
            .clock
            .advance(seconds.min(i64::MAX as u64) as i64);
    }

    /// The emulator's current time.
    pub fn now(&self) -> OffsetDateTime {
        self.shared.clock.now()
    }

    pub(crate) fn project(&self) -> &Project {
        &self.shared.project
    }

    /// The project's run-time settings now (SDK configuration, redirect URLs, locks, …).
    pub(crate) fn settings(&self) -> Arc<Settings> {
        self.shared.settings.get()
    }

    /// Changes the settings, unless `change` refuses.
    pub(crate) fn update_settings<T, E>(
        &self,
        change: impl FnOnce(&mut Settings) -> Result<T, E>,
    ) -> Result<T, E> {
        self.shared.settings.update(change)
    }

    pub(crate) fn world(&self) -> MutexGuard<'_, World> {
        self.shared.world.lock()
    }

    pub(crate) fn key(&self) -> &JwtKey {
        &self.shared.key
    }

    pub(crate) fn clock(&self) -> &Clock {
        &self.shared.clock
    }

    pub(crate) fn faults(&self) -> &Faults {
        &self.shared.faults
    }

    pub(crate) fn requests(&self) -> &RequestLog {
        &self.shared.requests
    }
}

/// Records each call, applies injected faults, and logs one line per request:
/// method, path (never the query: tokens travel there), status, time. Never a body.
async fn observe(State(emu): State<Emulator>, request: Request, next: Next) -> Response {
    let started = Instant::now();
    let method = request.method().clone();
    let path = request.uri().path().to_string();
    let control = path.starts_with("/emulator/");
    let fault = if control {
        None
    } else {
        emu.faults().take(&path)
    };
    let response = match fault {
        Some(fault) => fault.apply(&emu, request, next).await,
        None => next.run(request).await,
    };
    let status = response.status().as_u16();
    if !control {
        emu.requests()
            .record(method.as_str(), &path, status, emu.now());
    }
    tracing::info!(
        "{} {} {} {:.1}ms",
        method,
        path,
        status,
        started.elapsed().as_secs_f64() * 1000.0
    );
    response
}

/// An emulator serving on 127.0.0.1 in a tokio task. Dropping it stops the server.
pub struct RunningEmulator {
    /// `http://127.0.0.1:PORT`, no trailing slash.
    pub base_url: String,
    pub emulator: Emulator,
    pub addr: SocketAddr,
    shutdown: Option<tokio::sync::oneshot::Sender<()>>,
    task: Option<tokio::task::JoinHandle<std::io::Result<()>>>,
}

impl RunningEmulator {
    /// Stops accepting connections and waits for the server task to end.
    pub async fn shutdown(mut self) -> std::io::Result<()> {
        if let Some(tx) = self.shutdown.take() {
            let _ = tx.send(());
        }
        match self.task.take() {
            Some(task) => task.await.unwrap_or(Ok(())),
            None => Ok(()),
        }
    }
}

impl Drop for RunningEmulator {
    fn drop(&mut self) {
        if let Some(tx) = self.shutdown.take() {
            let _ = tx.send(());
        }
    }
}

/// Binds 127.0.0.1 on a free port and serves `emulator` in a tokio task.
pub async fn spawn(emulator: Emulator) -> std::io::Result<RunningEmulator> {
    let listener = tokio::net::TcpListener::bind(("127.0.0.1", 0)).await?;
    serve_on(listener, emulator).await
}

/// Serves `emulator` on an already-bound listener in a tokio task, to requests naming the bound
/// address or a loopback name on its port (see [`AllowedHosts::new`]).
pub async fn serve_on(
    listener: tokio::net::TcpListener,
    emulator: Emulator,
) -> std::io::Result<RunningEmulator> {
    let addr = listener.local_addr()?;
    let (tx, rx) = tokio::sync::oneshot::channel::<()>();
    let app = emulator
        .router_for(AllowedHosts::new(addr))
        .into_make_service_with_connect_info::<SocketAddr>();
    let task = tokio::spawn(async move {
        axum::serve(listener, app)
            .with_graceful_shutdown(async move {
                let _ = rx.await;
            })
            .await
    });
    Ok(RunningEmulator {
        base_url: format!("http://{addr}"),
        emulator,
        addr,
        shutdown: Some(tx),
        task: Some(task),
    })
}
