//! `gatehouse doctor`: one line per check with ✓/✗ and, for a failure, what to do — the
//! configuration's layers, Stytch, the clock (from `gatehouse_core::doctor`), and here the
//! operating system's side: the keychain (write, read, delete a probe entry), the deep-link
//! handler (registered, pointing at this binary), the single-instance bus name (free, or owned
//! by a running Gatehouse). `--json` for scripts. Exit status 0 only when every check passes.
//! Never prints a secret: no value from the configuration, no token. Said in the configured
//! language (`locales/*/doctor.ftl`); `--json` keeps each check's stable `name`.

use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};

use gatehouse_core::config::{Provenance, Sources};
use gatehouse_core::doctor::{self, Check};
use gatehouse_core::i18n::{Args, Catalog};
use gatehouse_core::vault::{VaultError, KEYCHAIN_LIMIT};
use stytch_b2b::AppInfo;

use crate::identity::{IDENTIFIER, VERSION};
use crate::keychain::Keychain;

pub fn run(json: bool) -> ExitCode {
    let sources = Sources::from_env();
    let catalog = Catalog::new(gatehouse_core::config::language(&sources));
    let say = |id: &str, args: Args| catalog.message(id, &args);
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
                say(
                    "doctor-stytch-could-not-start",
                    Args::new().with("error", e.to_string()),
                ),
                say("doctor-stytch-could-not-start-fix", Args::new()),
            )),
        }
    }
    checks.push(keychain(&catalog));
    let scheme = config.as_ref().map_or("gatehouse", |c| c.scheme.as_str());
    checks.push(deep_link(scheme, &catalog));
    checks.push(single_instance(&catalog));
    let ok = checks.iter().all(|c| c.ok);
    let text = if json {
        serde_json::json!({ "ok": ok, "checks": checks, "settings": settings }).to_string()
    } else {
        report(&checks, &settings, &catalog)
    };
    println!("{text}");
    if ok {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}

/// The report a person reads: one line a check, its fix under a failure, then where each
/// setting came from.
fn report(checks: &[Check], settings: &[Provenance], catalog: &Catalog) -> String {
    let say = |id: &str, args: Args| catalog.message(id, &args);
    let mut out = String::new();
    for check in checks {
        let line = Args::new()
            .with("mark", if check.ok { "✓" } else { "✗" })
            .with("check", check.label(catalog))
            .with("detail", &check.detail);
        out.push_str(&say("doctor-report-line", line));
        out.push('\n');
        if let Some(fix) = &check.fix {
            out.push_str("    ");
            out.push_str(&say("doctor-report-fix", Args::new().with("fix", fix)));
            out.push('\n');
        }
    }
    out.push('\n');
    out.push_str(&say("doctor-report-settings", Args::new()));
    out.push('\n');
    for s in settings {
        // `from` is a file's path, `environment (VAR)` or `default` (config::provenance).
        let from = match s
            .from
            .strip_prefix("environment (")
            .and_then(|v| v.strip_suffix(')'))
        {
            Some(variable) => say(
                "doctor-report-from-environment",
                Args::new().with("variable", variable),
            ),
            None if s.from == "default" => say("doctor-report-from-default", Args::new()),
            None => s.from.clone(),
        };
        let enforced = if s.enforced {
            format!("  {}", say("doctor-report-enforced", Args::new()))
        } else {
            String::new()
        };
        out.push_str(&format!("  {:<30} {from}{enforced}\n", s.key));
    }
    out.trim_end().to_owned()
}

/// Writes, reads back and deletes a probe entry (never the session's), within the app's own
/// limit on a keychain call.
fn keychain(catalog: &Catalog) -> Check {
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
    let say = |id: &str| catalog.message(id, &Args::new());
    match outcome {
        Ok(true) => Check::pass("keychain", say("doctor-keychain-ok")),
        Ok(false) => Check::fail(
            "keychain",
            say("doctor-keychain-differs"),
            say("doctor-keychain-differs-fix"),
        ),
        Err(e) => Check::fail("keychain", e.to_string(), keychain_fix(&e, catalog)),
    }
}

/// What to do about each kind of keychain failure, for whoever runs the doctor (often IT).
fn keychain_fix(error: &VaultError, catalog: &Catalog) -> String {
    let id = match error {
        VaultError::Unavailable(_) => "doctor-keychain-unavailable-fix",
        VaultError::Locked(_) => "doctor-keychain-locked-fix",
        VaultError::Refused(_) => "doctor-keychain-refused-fix",
        VaultError::TimedOut(_) => "doctor-keychain-timed-out-fix",
    };
    catalog.message(id, &Args::new())
}

/// The `scheme://` handler: registered, and its desktop entry runs this binary.
#[cfg(target_os = "linux")]
fn deep_link(scheme: &str, catalog: &Catalog) -> Check {
    use crate::desktop_handler;

    let say = |id: &str, args: Args| catalog.message(id, &args);
    let register = say(
        "doctor-deep-link-register-fix",
        Args::new().with("mime", desktop_handler::mime_type(scheme)),
    );
    let entry = match desktop_handler::handler(scheme) {
        Ok(Some(entry)) => entry,
        Ok(None) => {
            return Check::fail(
                "deep link",
                say(
                    "doctor-deep-link-no-handler",
                    Args::new().with("scheme", scheme),
                ),
                register,
            )
        }
        Err(e) => {
            return Check::fail(
                "deep link",
                e.to_string(),
                say("doctor-deep-link-xdg-fix", Args::new()),
            )
        }
    };
    let opens = Args::new().with("scheme", scheme).with("entry", &entry);
    let Some(exec) = desktop_entry(&entry).and_then(|text| exec_of(&text)) else {
        return Check::fail(
            "deep link",
            say("doctor-deep-link-no-exec", opens),
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
        Check::pass("deep link", say("doctor-deep-link-this-binary", opens))
    } else if launcher.is_some() && target == launcher {
        Check::pass(
            "deep link",
            say(
                "doctor-deep-link-through-launcher",
                opens.with("launcher", gatehouse_open::LAUNCHER),
            ),
        )
    } else {
        let this = this.map(|p| p.display().to_string()).unwrap_or_default();
        Check::fail(
            "deep link",
            say(
                "doctor-deep-link-other-binary",
                opens.with("exec", exec).with("this", this),
            ),
            register,
        )
    }
}

#[cfg(not(target_os = "linux"))]
fn deep_link(scheme: &str, catalog: &Catalog) -> Check {
    Check::pass(
        "deep link",
        catalog.message(
            "doctor-deep-link-by-installer",
            &Args::new().with("scheme", scheme),
        ),
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
fn single_instance(catalog: &Catalog) -> Check {
    let say = |id: &str, args: Args| catalog.message(id, &args);
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
            let error = String::from_utf8_lossy(&out.stderr).trim().to_owned();
            return Check::fail(
                "single instance",
                say(
                    "doctor-single-instance-no-bus",
                    Args::new().with("error", error),
                ),
                say("doctor-single-instance-no-bus-fix", Args::new()),
            );
        }
        Err(e) => {
            return Check::fail(
                "single instance",
                say(
                    "doctor-single-instance-no-gdbus",
                    Args::new().with("error", e.to_string()),
                ),
                say("doctor-single-instance-no-gdbus-fix", Args::new()),
            )
        }
    };
    let named = Args::new().with("name", &name);
    if !owned {
        return Check::pass("single instance", say("doctor-single-instance-free", named));
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
            say(
                "doctor-single-instance-held",
                named.with("pid", pid.to_string()),
            ),
        ),
        _ => Check::fail(
            "single instance",
            match exe {
                Some(exe) => say(
                    "doctor-single-instance-held-by-other",
                    named.with("program", exe.display().to_string()),
                ),
                None => say("doctor-single-instance-held-by-unknown", named),
            },
            say("doctor-single-instance-held-by-other-fix", Args::new()),
        ),
    }
}

#[cfg(not(target_os = "linux"))]
fn single_instance(catalog: &Catalog) -> Check {
    Check::pass(
        "single instance",
        catalog.message("doctor-single-instance-not-checked", &Args::new()),
    )
}

#[cfg(test)]
mod tests {
    use gatehouse_core::vault::{VaultError, KEYCHAIN_LIMIT};

    use gatehouse_core::config::Provenance;
    use gatehouse_core::doctor::Check;
    use gatehouse_core::i18n::{negotiate, Catalog};

    use super::{exec_of, keychain_fix, report};

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
        let english = Catalog::english();
        for (error, says) in &fixes {
            assert!(
                keychain_fix(error, &english).contains(says),
                "{}",
                error.code()
            );
        }
        let distinct: std::collections::BTreeSet<_> = fixes
            .iter()
            .map(|(e, _)| keychain_fix(e, &english))
            .collect();
        assert_eq!(distinct.len(), fixes.len());
    }

    fn a_report(catalog: &Catalog) -> String {
        let checks = [
            Check::pass("keychain", "written"),
            Check::fail("deep link", "no handler", "xdg-mime default"),
        ];
        let settings = [
            Provenance {
                key: "deep_link.scheme",
                from: "default".into(),
                enforced: false,
            },
            Provenance {
                key: "ui.locale",
                from: "environment (GATEHOUSE_LOCALE)".into(),
                enforced: true,
            },
        ];
        report(&checks, &settings, catalog)
    }

    #[test]
    fn the_report_reads_as_before_in_english() {
        assert_eq!(
            a_report(&Catalog::english()),
            "✓ keychain: written\n\
             ✗ deep link: no handler\n    fix: xdg-mime default\n\n\
             settings (where each key came from):\n  \
             deep_link.scheme               default\n  \
             ui.locale                      environment (GATEHOUSE_LOCALE)  [enforced by IT]"
        );
    }

    #[test]
    fn the_report_is_german_when_the_configuration_says_de() {
        let said = a_report(&Catalog::new(negotiate(&["de".to_owned()])));
        for german in [
            "✓ Schlüsselbund: written",
            "✗ Deep Link: no handler",
            "    Abhilfe: xdg-mime default",
            "Einstellungen (woher jeder Schlüssel stammt):",
            "Standardwert",
            "Umgebung (GATEHOUSE_LOCALE)  [von der IT festgelegt]",
        ] {
            assert!(said.contains(german), "{german}:\n{said}");
        }
        assert!(!said.contains("fix:"), "{said}");
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
