//! The Tauri commands on `tauri::test`'s mock runtime, without a window or a display: an intent
//! goes in through the IPC layer, the machine answers with `view` events, and a command that
//! cannot run answers `{kind, message}`.

use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use gatehouse_core::config::ConfigError;
use gatehouse_core::{Machine, ManualClock, Parts, Vaults};
use gatehouse_lib::{broken, emit_views, with_commands, Gatehouse};
use gatehouse_test_kit::TestVault;
use serde_json::{json, Value};
use stytch_emulator::{spawn, Emulator};
use tauri::ipc::{CallbackFn, InvokeBody};
use tauri::test::{get_ipc_response, mock_builder, mock_context, noop_assets, INVOKE_KEY};
use tauri::webview::InvokeRequest;
use tauri::{App, Listener, WebviewWindow, WebviewWindowBuilder};

fn app() -> App<tauri::test::MockRuntime> {
    with_commands(mock_builder())
        .build(mock_context(noop_assets()))
        .expect("the mock app builds")
}

fn window(app: &App<tauri::test::MockRuntime>) -> WebviewWindow<tauri::test::MockRuntime> {
    WebviewWindowBuilder::new(app, "main", Default::default())
        .build()
        .unwrap()
}

fn invoke(
    window: &WebviewWindow<tauri::test::MockRuntime>,
    cmd: &str,
    args: Value,
) -> Result<Value, Value> {
    get_ipc_response(
        window,
        InvokeRequest {
            cmd: cmd.into(),
            callback: CallbackFn(0),
            error: CallbackFn(1),
            url: "tauri://localhost".parse().unwrap(),
            body: InvokeBody::Json(args),
            headers: Default::default(),
            invoke_key: INVOKE_KEY.to_string(),
        },
    )
    .map(|body| body.deserialize::<Value>().unwrap())
}

/// An app whose configuration could not be read, and its window.
fn unconfigured() -> (
    App<tauri::test::MockRuntime>,
    WebviewWindow<tauri::test::MockRuntime>,
) {
    let app = app();
    app_manage(
        &app,
        broken(
            ConfigError {
                file: None,
                text: gatehouse_core::i18n::Text::new("config-file-missing")
                    .with("variable", "GATEHOUSE_CONFIG"),
            },
            gatehouse_core::i18n::Language::english(),
        ),
    );
    let window = window(&app);
    (app, window)
}

/// Every `view` event the app emits.
fn record_views(app: &App<tauri::test::MockRuntime>) -> Arc<Mutex<Vec<Value>>> {
    let seen = Arc::new(Mutex::new(Vec::new()));
    let sink = seen.clone();
    app.listen_any("view", move |event| {
        sink.lock()
            .unwrap()
            .push(serde_json::from_str(event.payload()).unwrap());
    });
    seen
}

fn wait_for_screen(views: &Mutex<Vec<Value>>, screen: &str) -> Value {
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        if let Some(view) = views
            .lock()
            .unwrap()
            .iter()
            .rev()
            .find(|v| v["screen"] == screen && v["busy"] == false)
        {
            return view.clone();
        }
        assert!(Instant::now() < deadline, "no {screen} view: {views:?}");
        std::thread::sleep(Duration::from_millis(20));
    }
}

#[test]
fn an_intent_goes_in_through_ipc_and_the_view_comes_out_as_an_event() {
    let emulator = tauri::async_runtime::block_on(spawn(Emulator::demo())).unwrap();
    let app = app();
    let views = record_views(&app);
    let config = gatehouse_test_kit::config(&emulator);
    let machine = Arc::new(
        Machine::new(Parts {
            config,
            vaults: Vaults {
                session: Arc::new(TestVault::default()),
                pending_sign_in: Arc::new(TestVault::default()),
                revocations: Arc::new(TestVault::default()),
                unsaved_codes: Arc::new(TestVault::default()),
            },
            app: gatehouse_test_kit::app(),
            clock: Arc::new(ManualClock::new()),
            observer: emit_views(app.handle().clone()),
        })
        .unwrap(),
    );
    app_manage(&app, Gatehouse::new(machine.clone()));
    tauri::async_runtime::block_on(machine.start());
    let window = window(&app);
    let sign_in = wait_for_screen(&views, "sign_in");
    assert_eq!(sign_in["organization_name"], "Example Org");

    let current = invoke(&window, "current_view", json!({})).unwrap();
    assert_eq!(current["screen"], "sign_in");

    let answer = invoke(
        &window,
        "start_sign_in",
        json!({"email": "grace@example.com"}),
    );
    assert_eq!(answer, Ok(Value::Null), "an intent answers nothing");
    let check = wait_for_screen(&views, "check_email");
    assert_eq!(check["email"], "grace@example.com");
    assert_eq!(emulator.emulator.outbox(Some("grace@example.com")).len(), 1);

    let answer = invoke(&window, "use_another_address", json!({}));
    assert_eq!(answer, Ok(Value::Null));
    wait_for_screen(&views, "sign_in");
}

#[test]
fn with_a_broken_configuration_a_command_answers_kind_and_message() {
    let (_app, window) = unconfigured();
    let view = invoke(&window, "current_view", json!({})).unwrap();
    assert_eq!(view["screen"], "config_error");
    let error = invoke(
        &window,
        "start_sign_in",
        json!({"email": "ada@example.com"}),
    )
    .unwrap_err();
    assert_eq!(error["kind"], "not_configured", "{error}");
    assert!(error["message"]
        .as_str()
        .unwrap()
        .contains("not configured"));
}

/// The app's commands: the `current_view` read, then every intent the UI's `Intents` type is
/// generated from.
fn listed_commands() -> Vec<&'static str> {
    std::iter::once("current_view")
        .chain(gatehouse_core::intents::INTENTS.iter().copied())
        .collect()
}

#[test]
fn every_registered_command_is_an_intent_the_ui_knows() {
    // The handler is expanded from the core's intent list; through the IPC each listed name
    // reaches its command (here answering "not configured"), any other name is not found.
    let (_app, window) = unconfigured();
    let not_found = |command: &str| Err(Value::String(format!("Command {command} not found")));
    for command in listed_commands() {
        assert_ne!(
            invoke(&window, command, json!({})),
            not_found(command),
            "{command} is not a registered command"
        );
    }
    assert_eq!(
        invoke(&window, "sign_in_as_anyone", json!({})),
        not_found("sign_in_as_anyone"),
        "an unlisted name reaches no command"
    );
}

#[test]
fn the_main_window_may_call_exactly_the_listed_commands() {
    // The ACL tauri-build wrote for this build (permissions and capabilities), resolved as the
    // app resolves it: the app's own commands it allows are current_view + intents, no other.
    use std::collections::{BTreeMap, BTreeSet};
    use tauri::utils::acl::{capability::Capability, manifest::Manifest, resolved::Resolved};
    let acl: BTreeMap<String, Manifest> = serde_json::from_str(include_str!(concat!(
        env!("OUT_DIR"),
        "/acl-manifests.json"
    )))
    .unwrap();
    let capabilities: BTreeMap<String, Capability> =
        serde_json::from_str(include_str!(concat!(env!("OUT_DIR"), "/capabilities.json"))).unwrap();
    let resolved = Resolved::resolve(
        &acl,
        capabilities,
        tauri::utils::platform::Target::current(),
    )
    .unwrap();
    // Plugin commands resolve as "plugin:<name>|<command>"; the app's by their bare name.
    let allowed: BTreeSet<&str> = resolved
        .allowed_commands
        .keys()
        .map(String::as_str)
        .filter(|command| !command.starts_with("plugin:"))
        .collect();
    let listed: BTreeSet<&str> = listed_commands().into_iter().collect();
    assert_eq!(allowed, listed);
    assert_eq!(
        listed.len(),
        gatehouse_core::intents::INTENTS.len() + 1,
        "current_view + intents, each once"
    );
}

fn app_manage(app: &App<tauri::test::MockRuntime>, gate: Gatehouse) {
    use tauri::Manager;
    app.manage(gate);
}
