//! Property test of the response decoder: any status and any body, in either family, decodes or
//! becomes a typed error — never a panic. 10,000 cases by default; PROPTEST_CASES=N for more.

use proptest::prelude::*;
use stytch_b2b::{decode_response, Error, Family, MagicLinksAuthenticateResponse, StatusCode};

fn cases() -> u32 {
    std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(10_000)
}

/// Bodies: noise, JSON objects with Stytch-looking keys, and error-shaped JSON.
fn body() -> impl Strategy<Value = Vec<u8>> {
    let key = prop::sample::select(vec![
        "data",
        "error_type",
        "status_code",
        "error_message",
        "body",
        "params",
        "query",
        "member_id",
        "organization_id",
        "member",
        "organization",
        "session_token",
    ]);
    let value = prop_oneof![
        Just("null".to_owned()),
        any::<i64>().prop_map(|n| n.to_string()),
        "\"[ -~]{0,20}\"".prop_map(String::from),
        Just("{}".to_owned()),
        Just("[]".to_owned()),
    ];
    prop_oneof![
        prop::collection::vec(any::<u8>(), 0..256),
        prop::collection::vec((key, value), 0..6).prop_map(|pairs| {
            let fields: Vec<String> = pairs.iter().map(|(k, v)| format!("\"{k}\":{v}")).collect();
            format!("{{{}}}", fields.join(",")).into_bytes()
        }),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(cases()))]

    #[test]
    fn any_answer_decodes_or_is_a_typed_error(status in 100u16..600, sdk in any::<bool>(), bytes in body()) {
        let family = if sdk { Family::Sdk } else { Family::Backend };
        let status = StatusCode::from_u16(status).unwrap();
        match decode_response::<MagicLinksAuthenticateResponse>(family, status, None, &bytes) {
            Ok(_) => prop_assert!(status.is_success()),
            Err(Error::Stytch { .. } | Error::Decode { .. } | Error::Schema { .. }) => {}
            Err(other) => prop_assert!(false, "unexpected error kind: {other:?}"),
        }
    }
}
