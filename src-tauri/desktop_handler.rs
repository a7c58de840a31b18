//! Which desktop entry opens `scheme://` links on Linux, as `xdg-mime` says: the shell asks before
//! registering itself (never taking over another handler), `gatehouse doctor` to check the link.

use std::process::Command;

/// `xdg-mime` could not be asked: not installed, or it failed.
#[derive(Debug, thiserror::Error)]
#[error("xdg-mime could not be asked")]
pub struct Unasked;

/// The MIME type under which the desktop keeps the handler of `scheme://` links.
pub fn mime_type(scheme: &str) -> String {
    format!("x-scheme-handler/{scheme}")
}

/// The desktop entry (`gatehouse.desktop`) that opens `scheme://` links; `None` when there is none.
pub fn handler(scheme: &str) -> Result<Option<String>, Unasked> {
    let out = Command::new("xdg-mime")
        .args(["query", "default", &mime_type(scheme)])
        .output()
        .map_err(|_| Unasked)?;
    if !out.status.success() {
        return Err(Unasked);
    }
    let entry = String::from_utf8_lossy(&out.stdout).trim().to_owned();
    Ok(Some(entry).filter(|e| !e.is_empty()))
}
