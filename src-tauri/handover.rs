//! A second launch (the desktop opening a `gatehouse://` link while a window is open) hands its
//! arguments to the running instance before any window code starts: the same D-Bus call the
//! single-instance plugin makes (`org.SingleInstance.DBus.ExecuteCallback` on
//! `{identifier}.SingleInstance`), only without first initialising GTK and the Tauri app — which
//! was most of a warm link's time (scripts/bench.sh). When no instance is running, nothing
//! happens here and the app starts; the plugin then takes the name as before.

use crate::identity::IDENTIFIER;

/// `true` when a running Gatehouse took the arguments (this process should exit).
#[cfg(target_os = "linux")]
pub fn to_running_instance() -> bool {
    let name = format!("{IDENTIFIER}.SingleInstance");
    // The plugin's object path for that name.
    let path = format!("/{}", name.replace('.', "/").replace('-', "_"));
    let Ok(connection) = zbus::blocking::Connection::session() else {
        return false;
    };
    let argv: Vec<String> = std::env::args_os()
        .map(|arg| arg.to_string_lossy().into_owned())
        .collect();
    let cwd = std::env::current_dir()
        .unwrap_or_default()
        .to_string_lossy()
        .into_owned();
    let forwarded = connection.call_method(
        Some(name.as_str()),
        path.as_str(),
        Some("org.SingleInstance.DBus"),
        "ExecuteCallback",
        &(argv, cwd.as_str()),
    );
    forwarded.is_ok()
}

#[cfg(not(target_os = "linux"))]
pub fn to_running_instance() -> bool {
    false
}
