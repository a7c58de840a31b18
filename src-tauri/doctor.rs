//! `gatehouse doctor`: one line per check with ✓/✗ and, for a failure, what to do — the
//! configuration's layers, Stytch, the clock (from `gatehouse_core::doctor`), and here the
//! operating system's side: the keychain (write, read, delete a probe entry), the deep-link
//! handler (registered, pointing at this binary), the single-instance bus name (free, or owned
//! by a running Gatehouse). `--json` for scripts. Exit status 0 only when every check passes.
//! Never prints a secret: no value from the configuration, no token.

use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};

use gatehouse_core::config::{Provenance, Sources};
use gatehouse_core::doctor::{self, Check};
use gatehouse_core::vault::{VaultError, KEYCHAIN_LIMIT};
use stytch_b2b::AppInfo;

use crate::identity::{IDENTIFIER, VERSION};
use crate::keychain::Keychain;

pub fn run(json: bool) -> ExitCode {
    let sources = Sources::from_env();
    let (config_check, settings, config) = doctor::configuration(&sources);
    let mut checks = vec![config_check];
    if let Some(config) = &config {
        let app = AppInfo {
            identifier: IDENTIFIER.into(),
            version: VERSION.into(),
        };
        let stytch = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .map(|rt| rt.block_on(doctor::stytch(config, app, time::OffsetDateTime::now_utc())));
        match stytch {
            Ok(found) => checks.extend(found),
            Err(e) => checks.push(Check::fail(
                "stytch",
                format!("could not start: {e}"),
                "Report this",
            )),
        }
    }
    checks.push(keychain());
    let scheme = config.as_ref().map_or("gatehouse", |c| c.scheme.as_str());
    checks.push(deep_link(scheme));
    checks.push(single_instance());
    let ok = checks.iter().all(|c| c.ok);
    let text = if json {
        serde_json::json!({ "ok": ok, "checks": checks, "settings": settings }).to_string()
    } else {
        report(&checks, &settings)
    };
    println!("{text}");
    if ok {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}

fn report(checks: &[Check], settings: &[Provenance]) -> String {
    let mut out = String::new();
    for check in checks {
        let mark = if check.ok { "✓" } else { "✗" };
        out.push_str(&format!("{mark} {}: {}\n", check.name, check.detail));
        if let Some(fix) = &check.fix {
            out.push_str(&format!("    fix: {fix}\n"));
        }
    }
    out.push_str("\nsettings (where each key came from):\n");
    for s in settings {
        let enforced = if s.enforced { "  [enforced by IT]" } else { "" };
        out.push_str(&format!("  {:<30} {}{enforced}\n", s.key, s.from));
    }
    out.trim_end().to_owned()
}

/// Writes, reads back and deletes a probe entry (never the session's), within the app's own
/// limit on a keychain call.
fn keychain() -> Check {
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let probe = Keychain::new(IDENTIFIER, "doctor-probe");
        let value = format!("probe-{}", std::process::id());
        let outcome = probe
            .store(&value)
            .and_then(|()| probe.load())
            .and_then(|read| {
                let same = read.as_deref() == Some(value.as_str());
                probe.wipe().map(|()| same)
            });
        let _ = tx.send(outcome);
    });
    let outcome = rx
        .recv_timeout(KEYCHAIN_LIMIT)
        .unwrap_or_else(|_| Err(VaultError::timed_out(KEYCHAIN_LIMIT)));
    match outcome {
        Ok(true) => Check::pass(
            "keychain",
            "a probe entry was written, read back and deleted",
        ),
        Ok(false) => Check::fail(
            "keychain",
            "a probe entry read back differently",
            "Check the keyring (Secret Service) for errors",
        ),
        Err(e) => Check::fail("keychain", e.to_string(), keychain_fix(&e)),
    }
}

/// What to do about each kind of keychain failure, for whoever runs the doctor (often IT).
fn keychain_fix(error: &VaultError) -> &'static str {
    match error {
        VaultError::Unavailable(_) => {
            "Install and start a Secret Service keyring (gnome-keyring or KWallet) in the desktop session, with a default keyring (Passwords and Keys can create one)"
        }
        VaultError::Locked(_) => {
            "Unlock the keyring (Passwords and Keys, or log in again with the account's password), then run gatehouse doctor again"
        }
        VaultError::Refused(_) => {
            "The keyring denied access: allow Gatehouse in its settings or access policy, and remove any duplicate Gatehouse entries"
        }
        VaultError::TimedOut(_) => "Unlock the keyring: it may be waiting for a password prompt",
    }
}

/// The `scheme://` handler: registered, and its desktop entry runs this binary.
#[cfg(target_os = "linux")]
fn deep_link(scheme: &str) -> Check {
    use crate::desktop_handler;

    let register = format!(
        "xdg-mime default gatehouse.desktop {} (or reinstall the package)",
        desktop_handler::mime_type(scheme)
    );
    let entry = match desktop_handler::handler(scheme) {
        Ok(Some(entry)) => entry,
        Ok(None) => {
            return Check::fail(
                "deep link",
                format!("no handler for {scheme}:// links"),
                register,
            )
        }
        Err(e) => return Check::fail("deep link", e.to_string(), "Install xdg-utils"),
    };
    let Some(exec) = desktop_entry(&entry).and_then(|text| exec_of(&text)) else {
        return Check::fail(
            "deep link",
            format!("{scheme}:// opens {entry}, which was not found or has no Exec line"),
            register,
        );
    };
    let this = std::env::current_exe().and_then(|p| p.canonicalize()).ok();
    let target = which(&exec).and_then(|p| p.canonicalize().ok());
    // The package's entry runs gatehouse-open, the launcher next to this binary, which starts it.
    let launcher = this
        .as_ref()
        .map(|p| p.with_file_name(gatehouse_open::LAUNCHER));
    if this.is_some() && target == this {
        Check::pass(
            "deep link",
            format!("{scheme}:// opens {entry}, which runs this binary"),
        )
    } else if launcher.is_some() && target == launcher {
        Check::pass(
            "deep link",
            format!(
                "{scheme}:// opens {entry}, which runs this binary through {}",
                gatehouse_open::LAUNCHER
            ),
        )
    } else {
        Check::fail(
            "deep link",
            format!(
                "{scheme}:// opens {entry}, which runs {exec}, not this binary ({})",
                this.map(|p| p.display().to_string()).unwrap_or_default()
            ),
            register,
        )
    }
}

#[cfg(not(target_os = "linux"))]
fn deep_link(scheme: &str) -> Check {
    Check::pass(
        "deep link",
        format!("{scheme}:// is registered by the installer on this system (not checked here)"),
    )
}

/// A desktop entry's text, from the XDG data directories (user's first).
fn desktop_entry(id: &str) -> Option<String> {
    let home = std::env::var_os("XDG_DATA_HOME")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".local/share")));
    let dirs =
        std::env::var("XDG_DATA_DIRS").unwrap_or_else(|_| "/usr/local/share:/usr/share".into());
    home.into_iter()
        .chain(dirs.split(':').filter(|d| !d.is_empty()).map(PathBuf::from))
        .map(|d| d.join("applications").join(id))
        .find_map(|p| std::fs::read_to_string(p).ok())
}

/// The program of a desktop entry's `Exec=` line (its first word, quotes removed).
fn exec_of(entry: &str) -> Option<String> {
    let line = entry.lines().find_map(|l| l.strip_prefix("Exec="))?;
    let line = line.trim();
    let program = match line.strip_prefix('"') {
        Some(rest) => rest.split('"').next()?,
        None => line.split_whitespace().next()?,
    };
    Some(program.to_owned())
}

/// A program name as the desktop would run it: a path, or found on `PATH`.
fn which(program: &str) -> Option<PathBuf> {
    let path = Path::new(program);
    if path.is_absolute() {
        return Some(path.to_path_buf());
    }
    std::env::var_os("PATH").and_then(|dirs| {
        std::env::split_paths(&dirs)
            .map(|d| d.join(program))
            .find(|p| p.is_file())
    })
}

/// The D-Bus name the single-instance plugin holds while a window is open
/// (`{identifier}.SingleInstance`): free, or held by a running Gatehouse.
#[cfg(target_os = "linux")]
fn single_instance() -> Check {
    let name = gatehouse_open::bus_name();
    let ask = |method: &str| {
        Command::new("gdbus")
            .args([
                "call",
                "--session",
                "--dest",
                "org.freedesktop.DBus",
                "--object-path",
                "/org/freedesktop/DBus",
                "--method",
                &format!("org.freedesktop.DBus.{method}"),
                &name,
            ])
            .output()
    };
    let owned = match ask("NameHasOwner") {
        Ok(out) if out.status.success() => String::from_utf8_lossy(&out.stdout).contains("true"),
        Ok(out) => {
            return Check::fail(
                "single instance",
                format!(
                    "the session bus did not answer: {}",
                    String::from_utf8_lossy(&out.stderr).trim()
                ),
                "Start Gatehouse from a desktop session (it needs the D-Bus session bus)",
            )
        }
        Err(e) => {
            return Check::fail(
                "single instance",
                format!("gdbus could not be run: {e}"),
                "Install libglib2.0-bin",
            )
        }
    };
    if !owned {
        return Check::pass(
            "single instance",
            format!("{name} is free: no Gatehouse window is open"),
        );
    }
    let pid = ask("GetConnectionUnixProcessID").ok().and_then(|out| {
        String::from_utf8_lossy(&out.stdout)
            .split(|c: char| !c.is_ascii_digit())
            .filter(|s| !s.is_empty())
            .nth(1)
            .and_then(|n| n.parse::<u32>().ok())
    });
    let exe = pid.and_then(|p| std::fs::read_link(format!("/proc/{p}/exe")).ok());
    let is_gatehouse = exe
        .as_ref()
        .and_then(|e| e.file_name())
        .is_some_and(|n| n == "gatehouse");
    match (pid, is_gatehouse) {
        (Some(pid), true) => Check::pass(
            "single instance",
            format!("{name} is held by a running Gatehouse (pid {pid})"),
        ),
        _ => Check::fail(
            "single instance",
            format!(
                "{name} is held by another program ({})",
                exe.map(|e| e.display().to_string())
                    .unwrap_or_else(|| "unknown".into())
            ),
            "Quit that program: links would go to it instead of Gatehouse",
        ),
    }
}

#[cfg(not(target_os = "linux"))]
fn single_instance() -> Check {
    Check::pass("single instance", "not checked on this system")
}

#[cfg(test)]
mod tests {
    use gatehouse_core::vault::{VaultError, KEYCHAIN_LIMIT};

    use super::{exec_of, keychain_fix};

    #[test]
    fn each_keychain_failure_has_its_own_fix() {
        let fixes = [
            (
                VaultError::Unavailable("d".into()),
                "start a Secret Service keyring",
            ),
            (
                VaultError::Locked("d".into()),
                "Unlock the keyring (Passwords and Keys",
            ),
            (VaultError::Refused("d".into()), "allow Gatehouse"),
            (
                VaultError::timed_out(KEYCHAIN_LIMIT),
                "waiting for a password prompt",
            ),
        ];
        for (error, says) in &fixes {
            assert!(keychain_fix(error).contains(says), "{}", error.code());
        }
        let distinct: std::collections::BTreeSet<_> =
            fixes.iter().map(|(e, _)| keychain_fix(e)).collect();
        assert_eq!(distinct.len(), fixes.len());
    }

    #[test]
    fn the_program_of_an_exec_line_is_its_first_word() {
        assert_eq!(
            exec_of("[Desktop Entry]\nExec=/usr/bin/gatehouse %u\n").as_deref(),
            Some("/usr/bin/gatehouse")
        );
        assert_eq!(
            exec_of("Exec=\"/opt/My Apps/gatehouse\" %u").as_deref(),
            Some("/opt/My Apps/gatehouse")
        );
        assert_eq!(exec_of("Exec=gatehouse").as_deref(), Some("gatehouse"));
        assert_eq!(exec_of("Name=x"), None);
    }
}
