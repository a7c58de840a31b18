//! Handing a launch's arguments (a `gatehouse://` link, or nothing: bring the window up) to the
//! Gatehouse window already open: the D-Bus call tauri-plugin-single-instance makes
//! (`org.SingleInstance.DBus.ExecuteCallback` on `{identifier}.SingleInstance`, its object path
//! the name with `/` for `.`), made without GTK, WebKit or Tauri.
//!
//! Used twice: by `gatehouse-open`, the program the package's desktop entry runs (a binary that
//! links none of the window's libraries starts in a few milliseconds, where loading WebKitGTK's
//! ~170 libraries took ~100 ms of every link: docs/performance.md), and by `gatehouse` itself
//! first thing, for a link handed to it directly.

/// tauri.conf.json's `identifier`.
pub const IDENTIFIER: &str = env!("GATEHOUSE_IDENTIFIER");

/// The launcher's file name; it sits next to `gatehouse` and starts it.
pub const LAUNCHER: &str = "gatehouse-open";

/// How the launcher hands its arguments (a link, with its one-time token) to the `gatehouse` it
/// starts: in the environment, one per line, which only the same user can read
/// (`/proc/PID/environ` is 0400), never on the command line, which anyone on the machine can read
/// for the app's whole life (`/proc/PID/cmdline`).
pub const ARGS_VAR: &str = "GATEHOUSE_LAUNCH_ARGS";

/// The arguments a launcher handed over in [`ARGS_VAR`], taken out of this process's environment
/// so that nothing it starts inherits them. Call it first thing in `main`, before any thread
/// exists (`remove_var` must not race another thread's `getenv`).
pub fn take_handed_args() -> Vec<String> {
    let Some(value) = std::env::var_os(ARGS_VAR) else {
        return Vec::new();
    };
    std::env::remove_var(ARGS_VAR);
    value
        .to_string_lossy()
        .lines()
        .filter(|l| !l.is_empty())
        .map(str::to_owned)
        .collect()
}

/// The bus name the open window holds (the single-instance plugin's).
pub fn bus_name() -> String {
    format!("{IDENTIFIER}.SingleInstance")
}

/// `true` when a running Gatehouse took `argv` (argv\[0\] is the program, as the plugin expects).
#[cfg(target_os = "linux")]
pub fn to_running_instance(argv: Vec<String>) -> bool {
    let name = bus_name();
    let path = format!("/{}", name.replace('.', "/").replace('-', "_"));
    let Ok(connection) = zbus::blocking::Connection::session() else {
        return false;
    };
    let cwd = std::env::current_dir()
        .unwrap_or_default()
        .to_string_lossy()
        .into_owned();
    connection
        .call_method(
            Some(name.as_str()),
            path.as_str(),
            Some("org.SingleInstance.DBus"),
            "ExecuteCallback",
            &(argv, cwd.as_str()),
        )
        .is_ok()
}

#[cfg(not(target_os = "linux"))]
pub fn to_running_instance(_argv: Vec<String>) -> bool {
    false
}

/// This process's arguments as the plugin takes them (one that is not UTF-8, lossily).
pub fn argv() -> Vec<String> {
    std::env::args_os()
        .map(|arg| arg.to_string_lossy().into_owned())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_bus_name_is_the_single_instance_plugin_s_for_our_identifier() {
        let conf: serde_json::Value =
            serde_json::from_str(include_str!("../../../tauri.conf.json")).unwrap();
        assert_eq!(
            bus_name(),
            format!("{}.SingleInstance", conf["identifier"].as_str().unwrap())
        );
    }
}
