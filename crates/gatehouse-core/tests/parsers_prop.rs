//! Property tests of every parser that reads what someone else wrote: deep links (from the OS or
//! pasted), the configuration (any TOML, any environment), phone numbers and codes. No input
//! panics; every refusal is a typed error. 10,000 cases each by default; PROPTEST_CASES=N for more.

use gatehouse_core::config::{self, Sources};
use gatehouse_core::link::{parse_callback, LinkRejection};
use proptest::prelude::*;
use stytch_b2b::{SmsCode, E164};

fn cases() -> u32 {
    std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(10_000)
}

/// Strings shaped like callbacks, with random parts, plus plain noise.
fn link() -> impl Strategy<Value = String> {
    let part = "[a-zA-Z0-9_=%&?/:.+-]{0,80}";
    prop_oneof![
        any::<String>(),
        (part, part, part).prop_map(|(a, b, c)| format!("gatehouse://{a}/{b}?{c}")),
        ("[a-z_]{0,30}", "[A-Za-z0-9_=-]{0,140}").prop_map(|(t, tok)| format!(
            "gatehouse://auth/callback?stytch_token_type={t}&token={tok}"
        )),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(cases()))]

    #[test]
    fn a_link_parses_or_is_refused_with_a_reason(raw in link()) {
        match parse_callback(&raw, "gatehouse") {
            Ok(token) => {
                let t = token.expose();
                prop_assert!((16..=128).contains(&t.len()));
                prop_assert!(t.chars().all(|c| c.is_ascii_alphanumeric() || "-_=".contains(c)));
                prop_assert!(raw.trim().starts_with("gatehouse://auth/callback"));
            }
            Err(LinkRejection::NotOurs | LinkRejection::WrongTokenType | LinkRejection::Malformed) => {}
        }
    }

    #[test]
    fn phone_numbers_and_codes_parse_or_are_refused(text in any::<String>()) {
        if let Ok(phone) = E164::parse(&text) {
            prop_assert!(phone.as_str().starts_with('+'));
        }
        if SmsCode::parse(&text).is_ok() {
            prop_assert!(text.len() == 6 && text.chars().all(|c| c.is_ascii_digit()));
        }
    }
}

/// TOML-ish text: real sections and keys with random values, and random noise.
fn config_text() -> impl Strategy<Value = String> {
    let key = prop::sample::select(vec![
        "[stytch]\nproject_id",
        "[stytch]\npublic_token",
        "[stytch]\napi_base",
        "[stytch]\nsecret",
        "[organization]\nid",
        "[organization]\nslug",
        "[deep_link]\nscheme",
        "[session]\nduration_minutes",
        "[session]\nmax_duration_minutes",
        "enforced",
        "[x]\ny",
    ]);
    let value = prop_oneof![
        "\"[ -~]{0,40}\"".prop_map(String::from),
        any::<i64>().prop_map(|n| n.to_string()),
        Just("[\"stytch.api_base\"]".to_owned()),
        Just("true".to_owned()),
    ];
    prop_oneof![
        any::<String>(),
        prop::collection::vec((key, value), 0..8).prop_map(|pairs| {
            pairs
                .into_iter()
                .map(|(k, v)| format!("{k} = {v}\n"))
                .collect::<String>()
        }),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(cases()))]

    #[test]
    fn any_configuration_loads_or_says_what_is_wrong(
        system in config_text(),
        user in config_text(),
        env_value in "[ -~]{0,40}",
        env_key in prop::sample::select(vec![
            "GATEHOUSE_API_BASE", "GATEHOUSE_PROJECT_ID", "GATEHOUSE_SESSION_DURATION_MINUTES",
            "GATEHOUSE_ORGANIZATION_SLUG", "STYTCH_SECRET", "LANG", "GATEHOUSE_DEVELOPMENT",
        ]),
    ) {
        let dir = tempfile::tempdir().unwrap();
        let (s, u) = (dir.path().join("system.toml"), dir.path().join("user.toml"));
        std::fs::write(&s, &system).unwrap();
        std::fs::write(&u, &user).unwrap();
        let sources = Sources {
            system_file: Some(s),
            user_file: Some(u),
            env: vec![(env_key.to_owned(), env_value)],
        };
        match config::load(&sources) {
            Ok(config) => {
                prop_assert!((5..=527_040).contains(&config.session_minutes.get()));
                if let Some(base) = &config.api_base {
                    prop_assert!(base.scheme() == "https" || stytch_b2b::is_loopback(base));
                }
            }
            Err(error) => prop_assert!(!error
                .message(&gatehouse_core::i18n::Catalog::english())
                .is_empty()),
        }
    }
}
