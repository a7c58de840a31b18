//! Time, passed in: the machine never reads the wall clock itself, so a test can move time and
//! watch the machine's own expiry checks (10-minute sign-in, 2-minute code) fire.

use std::sync::Mutex;

use time::{Duration, OffsetDateTime};

/// Where the machine learns the time.
pub trait Clock: Send + Sync {
    fn now(&self) -> OffsetDateTime;
}

/// The wall clock.
#[derive(Debug, Default, Clone, Copy)]
pub struct SystemClock;

impl Clock for SystemClock {
    fn now(&self) -> OffsetDateTime {
        OffsetDateTime::now_utc()
    }
}

/// A clock that moves only when told to: for tests.
#[derive(Debug)]
pub struct ManualClock {
    now: Mutex<OffsetDateTime>,
}

impl ManualClock {
    /// Starts at the current wall-clock time (so Stytch's timestamps look plausible).
    pub fn new() -> Self {
        Self {
            now: Mutex::new(OffsetDateTime::now_utc()),
        }
    }

    pub fn advance(&self, by: Duration) {
        *self.now.lock().unwrap_or_else(|e| e.into_inner()) += by;
    }
}

impl Default for ManualClock {
    fn default() -> Self {
        Self::new()
    }
}

impl Clock for ManualClock {
    fn now(&self) -> OffsetDateTime {
        *self.now.lock().unwrap_or_else(|e| e.into_inner())
    }
}
