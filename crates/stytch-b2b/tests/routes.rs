//! The client calls only routes Stytch serves: each is in the emulator's route table (which is
//! built from Stytch's published SDK and API sources), both name their source, and the routes
//! Stytch does not publish are not in the client at all.

use stytch_b2b::routes::{RouteCredentials, ROUTES};

/// `/v1/b2b/organizations/{organization_id}` → `/v1/b2b/organizations/{}`: parameter names differ.
fn shape(path: &str) -> String {
    let mut out = String::new();
    let mut in_param = false;
    for c in path.chars() {
        match c {
            '{' => {
                in_param = true;
                out.push_str("{}");
            }
            '}' => in_param = false,
            _ if in_param => {}
            _ => out.push(c),
        }
    }
    out
}

#[test]
fn every_client_route_is_served_by_the_emulator_and_sourced_on_both_sides() {
    for route in ROUTES {
        assert!(
            route.source.contains('/') || route.source.contains("stytch.com"),
            "client route {} {} names no source: {:?}",
            route.method,
            route.path,
            route.source
        );
        let served = stytch_emulator::ROUTES
            .iter()
            .find(|r| r.method == route.method && shape(r.path) == shape(route.path))
            .unwrap_or_else(|| {
                panic!(
                    "the client can call {} {}, which the emulator's route table does not serve",
                    route.method, route.path
                )
            });
        assert!(
            !served.source.trim().is_empty() && !served.source.eq_ignore_ascii_case("inferred"),
            "{} {} is served but has no public source",
            served.method,
            served.path
        );
    }
}

#[test]
fn the_routes_stytch_does_not_publish_are_not_in_the_client() {
    for route in ROUTES {
        let sdk = route.path.starts_with("/sdk/");
        assert!(
            !(sdk && shape(route.path) == "/sdk/v1/b2b/organizations/{}" && route.method == "GET"),
            "GET /sdk/v1/b2b/organizations/{{id}} does not exist at Stytch"
        );
        assert!(
            !(sdk && route.path.contains("jwks")),
            "there is no published SDK JWKS route"
        );
    }
    let jwks = ROUTES
        .iter()
        .find(|r| r.path.contains("jwks"))
        .expect("the JWKS route");
    assert_eq!(jwks.credentials, RouteCredentials::None);
}
