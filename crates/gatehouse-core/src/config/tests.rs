//! The configuration's layers, keys, enforcement and errors, from files in a temporary folder.

use super::layers::{KEYS, LIST_KEYS, ORGANIZATION_KEYS};
use super::*;
use gatehouse_i18n::Catalog;
use stytch_b2b::{OrganizationSlug, Url};

const PROJECT: &str = "project-test-4d3c2b1a-5e6f-4a7b-8c9d-0e1f2a3b4c5d";
const TOKEN: &str = "public-token-test-8b7a6c5d-4e3f-4a1b-9c2d-7e6f5a4b3c2d";

struct Files {
    dir: tempfile::TempDir,
}

impl Files {
    fn new() -> Self {
        Self {
            dir: tempfile::tempdir().unwrap(),
        }
    }

    fn write(&self, name: &str, text: &str) -> PathBuf {
        let path = self.dir.path().join(name);
        std::fs::write(&path, text).unwrap();
        path
    }

    fn missing(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }
}

fn env(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
    pairs
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect()
}

fn full_user_file() -> String {
    format!(
        "[stytch]\nproject_id = \"{PROJECT}\"\npublic_token = \"{TOKEN}\"\n\n[organization]\nslug = \"example-org\"\n"
    )
}

#[test]
fn the_workspace_comes_from_a_file_with_its_origins_and_is_locked_by_it() {
    let files = Files::new();
    let system = files.write(
        "system.toml",
        &format!(
            "enforced = [\"workspace.url\"]\n{}\n[workspace]\nurl = \"https://work.example.com/app/\"\nallowed_origins = [\"https://sso.example.com\", \"http://localhost:9000\"]\n",
            full_user_file()
        ),
    );
    let sources = Sources {
        system_file: Some(system),
        user_file: Some(files.write(
            "user.toml",
            "[workspace]\nurl = \"https://evil.example.net/\"\n",
        )),
        env: env(&[("GATEHOUSE_WORKSPACE_URL", "https://evil.example.net/")]),
    };
    let config = load(&sources).unwrap();
    let workspace = config.workspace.expect("a workspace");
    assert_eq!(workspace.url.as_str(), "https://work.example.com/app/");
    assert_eq!(workspace.name, "work.example.com");
    assert!(workspace.allows(&Url::parse("https://work.example.com/other").unwrap()));
    assert!(workspace.allows(&Url::parse("https://sso.example.com/login").unwrap()));
    assert!(workspace.allows(&Url::parse("http://localhost:9000/").unwrap()));
    assert!(!workspace.allows(&Url::parse("https://example.com/").unwrap()));
    assert!(!workspace.allows(&Url::parse("http://work.example.com/").unwrap()));
    assert_eq!(config.session_check.as_secs(), 180);
}

#[test]
fn a_workspace_over_plain_http_elsewhere_is_refused_and_no_workspace_is_none() {
    let files = Files::new();
    // In development: a user file may name a workspace then.
    let user = |extra: &str| Sources {
        system_file: Some(files.missing("system.toml")),
        user_file: Some(files.write("user.toml", &format!("{}{extra}", full_user_file()))),
        env: env(&[(DEV_SWITCH, "1")]),
    };
    assert_eq!(load(&user("")).unwrap().workspace, None);
    let e = load(&user("[workspace]\nurl = \"http://work.example.com/\"\n")).unwrap_err();
    assert!(
        e.message(&Catalog::english())
            .contains("[workspace] url must use https"),
        "{e}"
    );
    let e = load(&user(
        "[workspace]\nurl = \"https://w.example.com/\"\nallowed_origins = [\"ftp://x.example.com\"]\n",
    ))
    .unwrap_err();
    assert!(
        e.message(&Catalog::english()).contains("allowed_origins"),
        "{e}"
    );
    let ok = load(&user(
        "[workspace]\nurl = \"http://localhost:8787/workspace/\"\nname = \"Demo\"\n",
    ))
    .unwrap();
    assert_eq!(ok.workspace.unwrap().name, "Demo");
}

#[test]
fn where_the_session_goes_is_read_only_from_the_system_file_unless_in_development() {
    let files = Files::new();
    let workspace = "[workspace]\nurl = \"https://evil.example.net/\"\n";
    let origins = "[workspace]\nallowed_origins = [\"https://evil.example.net\"]\n";
    for (extra, key) in [(workspace, "url"), (origins, "allowed_origins")] {
        let sources = with_system(&files, "", &format!("{}{extra}", full_user_file()), &[]);
        let e = load(&sources).unwrap_err();
        assert!(
            e.message(&Catalog::english()).contains(&format!(
                "[workspace] {key} may be set only in the system file"
            )),
            "{e}"
        );
        assert_eq!(e.file, sources.user_file, "the error names the user's file");
    }
    let from_env = with_system(
        &files,
        "",
        &full_user_file(),
        &[("GATEHOUSE_WORKSPACE_URL", "https://evil.example.net/")],
    );
    assert!(load(&from_env)
        .unwrap_err()
        .message(&Catalog::english())
        .contains("[workspace] url"));
    let system = format!("{}{workspace}", full_user_file());
    let it = load(&with_system(&files, &system, "", &[])).unwrap();
    assert_eq!(
        it.workspace.unwrap().url.as_str(),
        "https://evil.example.net/"
    );
}

/// A valid value for every key, two of them: IT's and someone else's.
fn two_values(key: &str) -> (&'static str, &'static str) {
    match key {
        "stytch.project_id" => (PROJECT, "project-test-00000000-0000-4000-8000-000000000000"),
        "stytch.public_token" => (
            TOKEN,
            "public-token-test-00000000-0000-4000-8000-000000000000",
        ),
        "stytch.api_base" => ("https://stytch.example.com", "https://evil.example.com"),
        "organization.id" => (
            "organization-test-11111111-1111-4111-8111-111111111111",
            "organization-test-22222222-2222-4222-8222-222222222222",
        ),
        "organization.slug" => ("example-org", "evil-org"),
        "deep_link.scheme" => ("gatehouse", "evilhouse"),
        "stytch.lock_threshold" => ("10", "100"),
        "session.duration_minutes" => ("60", "600"),
        "session.max_duration_minutes" => ("120", "527040"),
        "ui.locale" => ("de", "en"),
        "workspace.url" => ("https://work.example.com/", "https://evil.example.net/"),
        "workspace.name" => ("Work", "Evil"),
        "workspace.allowed_origins" => ("https://sso.example.com", "https://evil.example.net"),
        other => panic!("no test values for {other}: add them here"),
    }
}

#[test]
fn no_file_no_variable_and_not_the_development_switch_change_a_key_it_enforces() {
    let files = Files::new();
    for (key, var) in KEYS {
        let (section, name) = key.split_once('.').unwrap();
        let (its, other) = two_values(key);
        let line = |value: &str| {
            if LIST_KEYS.contains(key) {
                format!("[{section}]\n{name} = [\"{value}\"]\n")
            } else {
                format!("[{section}]\n{name} = \"{value}\"\n")
            }
        };
        let system = format!("enforced = [\"{key}\"]\n{}", line(its));
        let sources = with_system(
            &files,
            &system,
            &line(other),
            &[(var, other), (DEV_SWITCH, "1")],
        );
        let settings = provenance(&sources).unwrap();
        let setting = settings.iter().find(|p| p.key == *key).unwrap();
        assert!(setting.enforced, "{key}");
        assert_eq!(
            setting.from,
            sources.system_file.as_ref().unwrap().display().to_string(),
            "{key}: the user's file or {var} changed a key IT enforces"
        );
    }
}

#[test]
fn enforcing_the_organization_by_either_key_locks_both() {
    let files = Files::new();
    let (id, other_id) = two_values("organization.id");
    for enforced in ORGANIZATION_KEYS {
        let system = format!(
            "enforced = [\"{enforced}\"]\n[stytch]\nproject_id = \"{PROJECT}\"\npublic_token = \"{TOKEN}\"\n[organization]\nslug = \"example-org\"\n"
        );
        // The other key, from the user's file and the environment: ignored.
        let user = format!("[organization]\nid = \"{other_id}\"\n");
        let sources = with_system(
            &files,
            &system,
            &user,
            &[("GATEHOUSE_ORGANIZATION_ID", id), (DEV_SWITCH, "1")],
        );
        let config = load(&sources).unwrap();
        assert_eq!(
            config.organization,
            OrganizationRef::Slug(OrganizationSlug::parse("example-org").unwrap()),
            "enforcing {enforced}"
        );
        let settings = provenance(&sources).unwrap();
        assert!(settings
            .iter()
            .filter(|p| p.key.starts_with("organization."))
            .all(|p| p.enforced));
    }
}

#[test]
fn the_session_cap_is_read_only_from_the_system_file() {
    let files = Files::new();
    // IT's cap, not enforced: a user's file may not lift it, nor set one of its own.
    let system = "[session]\nmax_duration_minutes = 480\n";
    let user = format!(
        "{}[session]\nduration_minutes = 10080\nmax_duration_minutes = 527040\n",
        full_user_file()
    );
    let e = load(&with_system(&files, system, &user, &[(DEV_SWITCH, "1")])).unwrap_err();
    assert!(
        e.message(&Catalog::english())
            .contains("max_duration_minutes is IT's cap"),
        "{e}"
    );
    let from_env = with_system(
        &files,
        system,
        &full_user_file(),
        &[("GATEHOUSE_SESSION_MAX_DURATION_MINUTES", "527040")],
    );
    assert!(load(&from_env)
        .unwrap_err()
        .message(&Catalog::english())
        .contains("IT's cap"));
    let user = user.replace("max_duration_minutes = 527040\n", "");
    assert_eq!(
        load(&with_system(&files, system, &user, &[]))
            .unwrap()
            .session_minutes
            .get(),
        480
    );
}

#[test]
fn the_session_check_interval_moves_only_in_development() {
    let files = Files::new();
    let sources = |dev: bool| Sources {
        system_file: Some(files.missing("system.toml")),
        user_file: Some(files.write("user.toml", &full_user_file())),
        env: env(if dev {
            &[("GATEHOUSE_SESSION_CHECK_SECONDS", "5"), (DEV_SWITCH, "1")]
        } else {
            &[("GATEHOUSE_SESSION_CHECK_SECONDS", "5")]
        }),
    };
    assert_eq!(load(&sources(false)).unwrap().session_check.as_secs(), 180);
    assert_eq!(load(&sources(true)).unwrap().session_check.as_secs(), 5);
}

#[test]
fn a_user_file_with_a_public_token_speaks_the_sdk_api_with_defaults() {
    let files = Files::new();
    let sources = Sources {
        system_file: Some(files.missing("system.toml")),
        user_file: Some(files.write("user.toml", &full_user_file())),
        env: vec![],
    };
    let config = load(&sources).unwrap();
    assert!(matches!(config.auth, StytchAuth::PublicToken(_)));
    assert!(!config.dev_mode());
    assert_eq!(config.scheme, "gatehouse");
    assert_eq!(config.session_minutes.get(), 60);
    assert_eq!(config.callback_url().as_str(), "gatehouse://auth/callback");
    assert_eq!(config.organization.as_str(), "example-org");
}

#[test]
fn later_layers_win_unless_the_system_file_enforces_a_key() {
    let files = Files::new();
    let system = files.write(
        "system.toml",
        "enforced = [\"stytch.api_base\"]\n[stytch]\napi_base = \"https://login.example.com\"\n[session]\nduration_minutes = 480\n",
    );
    let user = files.write(
        "user.toml",
        &format!("{}[stytch.x]\n", full_user_file())
            .replace("[stytch.x]\n", "[session]\nduration_minutes = 30\n"),
    );
    let sources = Sources {
        system_file: Some(system),
        user_file: Some(user),
        env: env(&[
            ("GATEHOUSE_API_BASE", "http://127.0.0.1:9"),
            ("GATEHOUSE_DEEP_LINK_SCHEME", "acme-signin"),
        ]),
    };
    let config = load(&sources).unwrap();
    assert_eq!(
        config.session_minutes.get(),
        30,
        "the user file overrides the system file"
    );
    assert_eq!(
        config.scheme, "acme-signin",
        "the environment overrides both"
    );
    assert_eq!(
        config.api_base.unwrap().as_str(),
        "https://login.example.com/",
        "an enforced key is not overridden"
    );
}

#[test]
fn a_secret_in_a_file_is_refused_and_the_file_is_named() {
    let files = Files::new();
    let user = files.write(
        "user.toml",
        &full_user_file().replace("[stytch]\n", "[stytch]\nsecret = \"secret-test-abc\"\n"),
    );
    let sources = Sources {
        system_file: None,
        user_file: Some(user.clone()),
        env: vec![],
    };
    let error = load(&sources).unwrap_err();
    assert_eq!(error.file.as_deref(), Some(user.as_path()));
    assert!(
        error.message(&Catalog::english()).contains("secret"),
        "{}",
        error.message(&Catalog::english())
    );
    assert!(
        !error
            .message(&Catalog::english())
            .contains("secret-test-abc"),
        "the value is not echoed"
    );
}

#[test]
fn the_secret_from_the_environment_means_development_mode() {
    let files = Files::new();
    let user = files.write(
        "user.toml",
        &format!(
            "[stytch]\nproject_id = \"{PROJECT}\"\n[organization]\nid = \"organization-test-1\"\n"
        ),
    );
    let sources = Sources {
        system_file: None,
        user_file: Some(user),
        env: env(&[("STYTCH_SECRET", "secret-test-abc")]),
    };
    let config = load(&sources).unwrap();
    assert!(config.dev_mode());
    assert!(matches!(config.auth, StytchAuth::Secret { .. }));
}

#[test]
fn bad_files_say_what_is_wrong_and_where() {
    let files = Files::new();
    let cases = [
        ("[stytch\nproject_id = 1", "is not valid"),
        ("[stytch]\nprojectid = \"x\"\n", "is not valid"),
        (
            &*full_user_file().replace("example-org", "bad slug/.."),
            "[organization] slug",
        ),
        (
            &*format!("{}[session]\nduration_minutes = 2\n", full_user_file()),
            "from 5 to 527040",
        ),
        (
            &*full_user_file().replace(PROJECT, "proj-123"),
            "not a Stytch project id",
        ),
        (
            &*format!("{}[deep_link]\nscheme = \"https\"\n", full_user_file()),
            "[deep_link] scheme",
        ),
    ];
    for (text, expected) in cases {
        let user = files.write("user.toml", text);
        let sources = Sources {
            system_file: None,
            user_file: Some(user.clone()),
            env: vec![],
        };
        let error = load(&sources).unwrap_err();
        assert!(
            error.message(&Catalog::english()).contains(expected),
            "{text:?}: {}",
            error.message(&Catalog::english())
        );
        assert_eq!(error.file.as_deref(), Some(user.as_path()), "{text:?}");
    }
}

#[test]
fn no_configuration_at_all_points_at_the_system_file() {
    let files = Files::new();
    let sources = Sources {
        system_file: Some(files.missing("system.toml")),
        user_file: Some(files.missing("user.toml")),
        env: vec![],
    };
    let error = load(&sources).unwrap_err();
    assert!(
        error.message(&Catalog::english()).contains(SYSTEM_FILE),
        "{}",
        error.message(&Catalog::english())
    );
}

#[test]
fn a_gatehouse_config_that_does_not_exist_is_an_error() {
    let files = Files::new();
    let named = files.missing("named.toml");
    let sources = Sources {
        system_file: None,
        user_file: Some(named.clone()),
        env: env(&[("GATEHOUSE_CONFIG", named.to_str().unwrap())]),
    };
    let error = load(&sources).unwrap_err();
    assert_eq!(error.file.as_deref(), Some(named.as_path()));
    assert!(error
        .message(&Catalog::english())
        .contains("does not exist"));
}

fn with_system(files: &Files, system: &str, user: &str, pairs: &[(&str, &str)]) -> Sources {
    Sources {
        system_file: Some(files.write("system.toml", system)),
        user_file: Some(files.write("user.toml", user)),
        env: env(pairs),
    }
}

/// packaging/config.toml.example, installed as /etc/gatehouse/config.toml.example.
const EXAMPLE: &str = include_str!("../../../../packaging/config.toml.example");

#[test]
fn the_packaged_example_documents_every_key_and_loads_as_shipped() {
    for (key, _) in KEYS {
        let (section, name) = key.split_once('.').unwrap();
        let in_section = EXAMPLE
            .split("\n[")
            .find(|part| part.starts_with(&format!("{section}]")))
            .unwrap_or_else(|| panic!("no [{section}] in the example"));
        let set = |l: &str| {
            let l = l.trim_start_matches('#').trim();
            l.starts_with(&format!("{name} =")) || l.starts_with(&format!("{name}="))
        };
        assert!(in_section.lines().any(set), "{key} is not documented");
    }
    assert!(EXAMPLE.contains("# enforced = ["));
    let files = Files::new();
    let sources = Sources {
        system_file: Some(files.write("system.toml", EXAMPLE)),
        user_file: None,
        env: vec![],
    };
    let config = load(&sources).expect("the example loads as shipped");
    assert_eq!(config.organization.as_str(), "acme");
    assert!(config.workspace.is_none());
}

#[test]
fn provenance_names_the_file_the_environment_or_the_default_and_what_is_enforced() {
    let files = Files::new();
    let sources = with_system(
        &files,
        "enforced = [\"session.duration_minutes\"]\n[session]\nduration_minutes = 480\n",
        &full_user_file(),
        &[("GATEHOUSE_WORKSPACE_URL", "https://work.example.com/")],
    );
    let list = provenance(&sources).unwrap();
    let of = |key: &str| list.iter().find(|p| p.key == key).unwrap().clone();
    assert!(
        of("stytch.project_id").from.ends_with("user.toml"),
        "{list:?}"
    );
    assert!(!of("stytch.project_id").enforced);
    let session = of("session.duration_minutes");
    assert!(session.from.ends_with("system.toml"), "{session:?}");
    assert!(session.enforced);
    assert_eq!(
        of("workspace.url").from,
        "environment (GATEHOUSE_WORKSPACE_URL)"
    );
    assert_eq!(of("deep_link.scheme").from, "default");
    assert_eq!(list.len(), KEYS.len());
    let shown = serde_json::to_string(&list).unwrap();
    assert!(
        !shown.contains(TOKEN) && !shown.contains(PROJECT),
        "no value is shown: {shown}"
    );
}

#[test]
fn an_enforced_key_without_a_value_keeps_the_default_against_file_and_environment() {
    let files = Files::new();
    let user = format!("{}[stytch.x]\n", full_user_file())
        .replace("[stytch.x]\n", "[session]\nduration_minutes = 30\n");
    let sources = with_system(
        &files,
        "enforced = [\"stytch.api_base\", \"session.duration_minutes\"]\n",
        &user.replace(
            "[stytch]\n",
            "[stytch]\napi_base = \"https://evil.example.com\"\n",
        ),
        &[(DEV_SWITCH, "1")],
    );
    let config = load(&sources).unwrap();
    assert_eq!(
        config.api_base, None,
        "the built-in default: Stytch's own host"
    );
    assert_eq!(config.session_minutes, SessionMinutes::DEFAULT);
    let sources = with_system(
        &files,
        "enforced = [\"stytch.api_base\"]\n",
        &full_user_file(),
        &[
            (DEV_SWITCH, "1"),
            ("GATEHOUSE_API_BASE", "https://evil.example.com"),
        ],
    );
    assert_eq!(load(&sources).unwrap().api_base, None);
}

#[test]
fn api_base_comes_from_the_system_file_unless_the_development_switch_is_on() {
    let files = Files::new();
    let user = full_user_file().replace(
        "[stytch]\n",
        "[stytch]\napi_base = \"http://127.0.0.1:8787\"\n",
    );
    let refused = load(&with_system(&files, "", &user, &[])).unwrap_err();
    assert!(
        refused
            .message(&Catalog::english())
            .contains("only in the system file"),
        "{}",
        refused.message(&Catalog::english())
    );
    let env_only = with_system(
        &files,
        "",
        &full_user_file(),
        &[("GATEHOUSE_API_BASE", "https://x.example.com")],
    );
    assert!(load(&env_only).is_err());

    let dev = load(&with_system(&files, "", &user, &[(DEV_SWITCH, "1")])).unwrap();
    assert_eq!(
        dev.api_base.as_ref().unwrap().as_str(),
        "http://127.0.0.1:8787/"
    );
    assert!(dev.dev_mode(), "the development switch shows the banner");

    let system = "[stytch]\napi_base = \"https://login.example.com\"\n";
    let it = load(&with_system(&files, system, &full_user_file(), &[])).unwrap();
    assert_eq!(
        it.api_base.as_ref().unwrap().as_str(),
        "https://login.example.com/"
    );
    assert!(!it.dev_mode());
}

#[test]
fn api_base_is_https_except_to_this_computer() {
    let files = Files::new();
    for (base, ok) in [
        ("https://login.example.com", true),
        ("http://127.0.0.1:8787", true),
        ("http://[::1]:1", true),
        ("http://localhost:8787", true),
        ("http://login.example.com", false),
        ("http://192.168.1.10", false),
        ("ftp://127.0.0.1", false),
        ("not a url", false),
    ] {
        let system = format!("[stytch]\napi_base = \"{base}\"\n");
        let result = load(&with_system(&files, &system, &full_user_file(), &[]));
        assert_eq!(result.is_ok(), ok, "{base}: {result:?}");
    }
}

#[test]
fn it_can_cap_the_session_length_a_user_asks_for() {
    let files = Files::new();
    let user = format!("{}[stytch.x]\n", full_user_file())
        .replace("[stytch.x]\n", "[session]\nduration_minutes = 10080\n");
    let system =
        "enforced = [\"session.max_duration_minutes\"]\n[session]\nmax_duration_minutes = 480\n";
    let sources = with_system(
        &files,
        system,
        &user,
        &[("GATEHOUSE_SESSION_MAX_DURATION_MINUTES", "527040")],
    );
    assert_eq!(load(&sources).unwrap().session_minutes.get(), 480);
    let short = user.replace("10080", "30");
    assert_eq!(
        load(&with_system(&files, system, &short, &[]))
            .unwrap()
            .session_minutes
            .get(),
        30
    );
}

#[test]
fn errors_name_the_key_and_the_file_never_the_value() {
    let files = Files::new();
    // A secret pasted into the wrong key must not be echoed on the screen or in the log.
    let secretish = "secret-test-Zm9vYmFyYmF6cXV4MTIzNDU2Nzg5MA";
    let valid = [
        ("stytch", "project_id", PROJECT.to_owned()),
        ("stytch", "public_token", TOKEN.to_owned()),
        ("organization", "slug", "example-org".to_owned()),
    ];
    for (section, key) in [
        ("stytch", "project_id"),
        ("stytch", "public_token"),
        ("stytch", "api_base"),
        ("organization", "id"),
        ("deep_link", "scheme"),
        ("session", "duration_minutes"),
    ] {
        let mut sections: std::collections::BTreeMap<&str, Vec<String>> = Default::default();
        for (s, k, v) in &valid {
            if (*s, *k) != (section, key) {
                sections
                    .entry(s)
                    .or_default()
                    .push(format!("{k} = \"{v}\""));
            }
        }
        sections
            .entry(section)
            .or_default()
            .push(format!("{key} = \"{secretish}\""));
        let text: String = sections
            .iter()
            .map(|(s, lines)| format!("[{s}]\n{}\n", lines.join("\n")))
            .collect();
        let user = files.write("user.toml", &text);
        let sources = Sources {
            system_file: None,
            user_file: Some(user.clone()),
            env: env(&[(DEV_SWITCH, "1")]),
        };
        let error = load(&sources).expect_err(&format!("{section}.{key} refused"));
        assert!(
            !error.message(&Catalog::english()).contains(secretish),
            "{section}.{key}: {}",
            error.message(&Catalog::english())
        );
        assert_eq!(
            error.file.as_deref(),
            Some(user.as_path()),
            "{section}.{key}"
        );
    }
}

#[test]
fn the_language_is_the_desktop_session_s_unless_ui_locale_says_otherwise_and_it_enforce() {
    let files = Files::new();
    let system = format!(
        "[stytch]\nproject_id = \"{PROJECT}\"\npublic_token = \"{TOKEN}\"\n[organization]\nslug = \"example-org\"\n"
    );
    let german_desktop = [("LANG", "de_DE.UTF-8"), ("LC_ALL", "de_DE.UTF-8")];
    let from_desktop = with_system(&files, &system, "", &german_desktop);
    assert_eq!(load(&from_desktop).unwrap().language.tag(), "de");
    let english_desktop = with_system(&files, &system, "", &[("LANG", "en_US.UTF-8")]);
    assert_eq!(load(&english_desktop).unwrap().language.tag(), "en");
    // The person's own file, over the desktop's.
    let chosen = with_system(&files, &system, "[ui]\nlocale = \"en\"\n", &german_desktop);
    assert_eq!(load(&chosen).unwrap().language.tag(), "en");
    // IT's, enforced: neither the person's file nor the environment changes it.
    let enforced = format!("enforced = [\"ui.locale\"]\n{system}[ui]\nlocale = \"de\"\n");
    let mut env = vec![("GATEHOUSE_LOCALE", "en"), ("LANG", "en_US.UTF-8")];
    env.push((DEV_SWITCH, "1"));
    let it = with_system(&files, &enforced, "[ui]\nlocale = \"en\"\n", &env);
    assert_eq!(load(&it).unwrap().language.tag(), "de");
    // A language the catalog lacks is no error: English.
    let japanese = with_system(&files, &system, "[ui]\nlocale = \"ja\"\n", &[]);
    assert_eq!(load(&japanese).unwrap().language.tag(), "en");
}

#[test]
fn a_configuration_that_does_not_load_still_says_its_error_in_the_language_it_asks_for() {
    let files = Files::new();
    // [ui] locale is read although the file lacks the Stytch keys.
    let sources = Sources {
        system_file: None,
        user_file: Some(files.write("user.toml", "[ui]\nlocale = \"de\"\n")),
        env: env(&[("LANG", "en_US.UTF-8")]),
    };
    assert!(load(&sources).is_err());
    assert_eq!(language(&sources).tag(), "de");
    // A file that does not parse: the environment's GATEHOUSE_LOCALE still counts.
    let sources = Sources {
        system_file: None,
        user_file: Some(files.write("broken.toml", "[stytch\n")),
        env: env(&[("GATEHOUSE_LOCALE", "de-AT"), ("LANG", "en_US.UTF-8")]),
    };
    assert!(load(&sources).is_err());
    assert_eq!(language(&sources).tag(), "de");
}

fn german() -> Catalog {
    Catalog::new(gatehouse_i18n::negotiate(&["de".to_owned()]))
}

#[test]
fn a_configuration_error_is_said_in_german_naming_the_key_and_the_file_never_the_value() {
    let files = Files::new();
    let value = "project-bogus-Zm9vYmFy";
    let user = files.write(
        "user.toml",
        &format!(
            "{}\n[ui]\nlocale = \"de\"\n",
            full_user_file().replace(PROJECT, value)
        ),
    );
    let sources = Sources {
        system_file: None,
        user_file: Some(user.clone()),
        env: env(&[("LANG", "en_US.UTF-8")]),
    };
    let error = load(&sources).unwrap_err();
    let catalog = Catalog::new(language(&sources));
    assert_eq!(catalog.language().tag(), "de");
    assert_eq!(
        error.message(&catalog),
        "[stytch] project_id ist keine Stytch-Projekt-ID (project-test-… oder project-live-…)"
    );
    assert_eq!(error.file.as_deref(), Some(user.as_path()));
    // The log says it in English, as before.
    assert_eq!(
        error.to_string(),
        "[stytch] project_id: it is not a Stytch project id (project-test-… or project-live-…)"
    );
    // `gatehouse doctor` puts key and file in one German line.
    let (check, _, config) = crate::doctor::configuration(&sources);
    assert!(config.is_none() && !check.ok);
    assert!(
        check.detail.contains("[stytch] project_id ist keine")
            && check.detail.contains(&user.display().to_string())
            && !check.detail.contains(value),
        "{}",
        check.detail
    );
    // Nothing at all in German (GATEHOUSE_LOCALE from the environment): IT's file is named.
    let nothing = Sources {
        system_file: Some(files.missing("system.toml")),
        user_file: Some(files.missing("user-none.toml")),
        env: env(&[("GATEHOUSE_LOCALE", "de")]),
    };
    let error = load(&nothing).unwrap_err();
    assert_eq!(
        error.message(&Catalog::new(language(&nothing))),
        format!(
            "Es wurde keine Konfiguration gefunden. Die IT legt sie unter {SYSTEM_FILE} ab; sie \
             muss [stytch] project_id enthalten."
        )
    );
}

#[test]
fn every_bad_configuration_is_a_whole_german_sentence_with_its_key() {
    let files = Files::new();
    let secretish = "secret-test-Zm9vYmFyYmF6cXV4";
    let full = full_user_file();
    // The file, the environment, the key the sentence must name.
    type Case<'a> = (String, &'a [(&'a str, &'a str)], &'a str);
    let cases: Vec<Case> = vec![
        ("[stytch\n".into(), &[], "Die Datei ist ungültig"),
        ("enforced = [\"ui.locale\"]\n".into(), &[], "enforced"),
        ("[nope]\nx = \"1\"\n".into(), &[], "nope.x"),
        (
            format!("{full}[session]\nduration_minutes = true\n"),
            &[],
            "session.duration_minutes",
        ),
        (
            full.replace("[stytch]\n", &format!("[stytch]\nsecret = \"{secretish}\"\n")),
            &[],
            "[stytch] public_token",
        ),
        (full.replace(TOKEN, secretish), &[], "[stytch] public_token"),
        (full.replace("example-org", &format!("{secretish}/x")), &[], "[organization] slug"),
        (
            full.replace("slug = \"example-org\"", &format!("id = \"{secretish}\"")),
            &[],
            "[organization] id",
        ),
        (
            full.replace("[stytch]\n", "[stytch]\napi_base = \"https://x.example.com\"\n"),
            &[],
            "[stytch] api_base",
        ),
        (
            format!("{full}[deep_link]\nscheme = \"{secretish}!\"\n"),
            &[],
            "[deep_link] scheme",
        ),
        (
            format!("{full}[session]\nduration_minutes = 1\n"),
            &[],
            "[session] duration_minutes",
        ),
        (
            format!("{full}[session]\nmax_duration_minutes = 60\n"),
            &[],
            "[session] max_duration_minutes",
        ),
        (
            full.replace("[stytch]\n", &format!("[stytch]\nlock_threshold = \"{secretish}\"\n")),
            &[],
            "[stytch] lock_threshold",
        ),
        (
            format!("{full}[workspace]\nurl = \"{secretish}\"\n"),
            &[(DEV_SWITCH, "1")],
            "[workspace] url",
        ),
        (
            format!("{full}[workspace]\nurl = \"https://w.example.com\"\nallowed_origins = [\"ftp://{secretish}\"]\n"),
            &[(DEV_SWITCH, "1")],
            "[workspace] allowed_origins",
        ),
        (
            format!("{full}[workspace]\nurl = \"https://w.example.com\"\n"),
            &[],
            "[workspace] url",
        ),
        (
            full.clone(),
            &[(DEV_SWITCH, "1"), ("GATEHOUSE_CLIPBOARD_SECONDS", "0")],
            "GATEHOUSE_CLIPBOARD_SECONDS",
        ),
        (
            full.replace("[organization]\nslug = \"example-org\"\n", ""),
            &[],
            "[organization] id",
        ),
    ];
    for (text, pairs, key) in cases {
        let user = files.write("user.toml", &text);
        let sources = Sources {
            system_file: Some(files.missing("system.toml")),
            user_file: Some(user),
            env: env(pairs),
        };
        let error = load(&sources).unwrap_err();
        let (english, deutsch) = (error.message(&Catalog::english()), error.message(&german()));
        assert!(deutsch.contains(key), "{text:?}: {deutsch}");
        assert!(!deutsch.contains(secretish), "{text:?}: {deutsch}");
        // A missing argument comes out as `{$name}`; a missing message as its id.
        assert!(
            !deutsch.contains('{') && !deutsch.starts_with("config-"),
            "{deutsch}"
        );
        assert_ne!(deutsch, english, "{text:?}");
        for word in [" is ", " must ", " not ", " the "] {
            assert!(!deutsch.contains(word), "English in German: {deutsch}");
        }
    }
}

#[test]
fn stytch_b2b_reasons_map_to_the_catalog_and_say_the_same_english() {
    use stytch_b2b::{OrganizationId, ProjectId};
    let too_long = "a".repeat(129);
    let cases = [
        (ProjectId::parse("").unwrap_err(), "empty"),
        (ProjectId::parse("project/x").unwrap_err(), "characters"),
        (ProjectId::parse("bogus").unwrap_err(), "not-project-id"),
        (OrganizationId::parse("").unwrap_err(), "empty"),
        (OrganizationId::parse("a b").unwrap_err(), "characters"),
        (
            OrganizationId::parse("bogus").unwrap_err(),
            "not-organization-id",
        ),
        (OrganizationSlug::parse("").unwrap_err(), "empty"),
        (OrganizationSlug::parse("..").unwrap_err(), "characters"),
        (OrganizationSlug::parse(&too_long).unwrap_err(), "too-long"),
    ];
    for (e, problem) in cases {
        assert_eq!(super::keys::identifier_problem(&e), problem, "{e}");
        // English says exactly what it said when the reason was pasted in.
        let text = gatehouse_i18n::Text::new("config-identifier-invalid")
            .with("key", "[stytch] project_id")
            .with("problem", problem);
        assert_eq!(
            Catalog::english().say(&text),
            format!("[stytch] project_id: {}", e.reason)
        );
    }
}

/// Every `"config-…"` id in the core's and the app's source.
fn ids_in_the_source() -> Vec<String> {
    fn walk(dir: &std::path::Path, ids: &mut Vec<String>) {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                walk(&path, ids);
            } else if path.extension().is_some_and(|e| e == "rs") {
                let text = std::fs::read_to_string(&path).unwrap();
                for piece in text.split("\"config-").skip(1) {
                    let id: String = piece
                        .chars()
                        .take_while(|c| c.is_ascii_alphanumeric() || *c == '-')
                        .collect();
                    if !id.is_empty() && piece[id.len()..].starts_with('"') {
                        ids.push(format!("config-{id}"));
                    }
                }
            }
        }
    }
    let core = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut ids = Vec::new();
    walk(&core.join("src"), &mut ids);
    walk(&core.join("../../src-tauri"), &mut ids);
    ids.sort();
    ids.dedup();
    ids
}

#[test]
fn every_config_id_the_code_uses_is_in_english_and_german() {
    let ids = ids_in_the_source();
    assert!(ids.len() >= 18, "the scan finds the ids: {ids:?}");
    assert!(
        ids.contains(&"config-no-client".to_owned()),
        "src-tauri is scanned"
    );
    for catalog in [Catalog::english(), german()] {
        for id in &ids {
            assert!(
                catalog.has_own(id),
                "{} lacks {id}",
                catalog.language().tag()
            );
        }
    }
}

#[test]
fn a_broken_user_file_does_not_undo_the_language_it_enforces() {
    let files = Files::new();
    let system = "enforced = [\"ui.locale\"]\n[ui]\nlocale = \"de\"\n";
    let sources = with_system(
        &files,
        system,
        "[stytch\n",
        &[("GATEHOUSE_LOCALE", "en"), ("LANG", "en_US.UTF-8")],
    );
    assert!(load(&sources).is_err());
    assert_eq!(language(&sources).tag(), "de");
}
