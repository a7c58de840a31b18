//! Control-surface POSTs must be declared JSON, which a cross-site form or `text/plain` POST from a
//! browser cannot be: anything else is a Stytch-shaped 415 that changes nothing.

mod common;

use common::*;
use reqwest::Method;
use serde_json::json;

#[tokio::test]
async fn control_posts_not_declared_json_are_refused_and_change_nothing() {
    let h = start().await;
    let posts = [
        ("/emulator/clock", json!({"advance_seconds": 3600})),
        ("/emulator/faults", json!({"path": "/v1/x", "status": 503})),
    ];
    for content_type in [
        Some("text/plain"),
        Some("text/plain;charset=UTF-8"),
        Some("application/x-www-form-urlencoded"),
        Some("multipart/form-data; boundary=x"),
        Some("application/jsonp"),
        None,
    ] {
        for (path, body) in &posts {
            let mut req = h.http.post(format!("{}{path}", h.base));
            if let Some(content_type) = content_type {
                req = req.header("Content-Type", content_type);
            }
            let res = req.body(body.to_string()).send().await.unwrap();
            let status = res.status();
            let body = res.json().await.unwrap();
            assert_stytch_error(status, &body, 415, "unsupported_media_type");
        }
    }
    let (_, clock) = h.control(Method::GET, "/emulator/clock", None).await;
    assert_eq!(clock["offset_seconds"], 0, "{clock}");
    let (_, faults) = h.control(Method::GET, "/emulator/faults", None).await;
    assert_eq!(faults["faults"], json!([]), "{faults}");
}

#[tokio::test]
async fn control_posts_declared_json_are_served() {
    let h = start().await;
    for (content_type, offset) in [
        ("application/json", 60),
        ("Application/JSON; charset=utf-8", 120),
    ] {
        let res = h
            .http
            .post(format!("{}/emulator/clock", h.base))
            .header("Content-Type", content_type)
            .body(json!({"advance_seconds": 60}).to_string())
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 200, "{content_type}");
        let body: serde_json::Value = res.json().await.unwrap();
        assert_eq!(body["offset_seconds"], offset, "{content_type}");
    }
}
