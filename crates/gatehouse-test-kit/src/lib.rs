//! What every test of the sign-in core needs, in one place: a vault in memory ([`TestVault`]),
//! the shipped configuration pointed at the emulator ([`config`]), and the core's harness
//! ([`Harness`]: the machine against the emulator in-process, a manual clock, the emulator's
//! control surface). Used by the core's tests and the app's command tests; never shipped.

mod config;
mod harness;
mod vault;

pub use config::{app, config, CONFIG_FILE};
pub use harness::{record_jwt_events, strings, Harness};
pub use vault::TestVault;
