//! The paste-link fallback works with what the email really contains (issue #23, item 3): the
//! email's own `…/v1/magic_links/redirect?…&token=…` link on the configured Stytch host is read
//! (never followed); a look-alike elsewhere is refused before anything reaches Stytch.

use gatehouse_test_kit::Harness;

#[tokio::test]
async fn the_email_s_own_link_pasted_reaches_the_code_screen_without_being_followed() {
    let h = Harness::new(None, false).await;
    h.machine.start_sign_in("grace@example.com".into()).await;
    let link = h.control.latest_link("grace@example.com").await;
    assert!(link.contains("/v1/magic_links/redirect?"), "{link}");
    h.machine.open_link(&link).await;
    assert_eq!(h.screen(), "enter_code", "{}", h.view());
    assert_eq!(
        h.count("/magic_links/redirect").await,
        0,
        "read, not followed"
    );
}

#[tokio::test]
async fn the_same_link_on_another_host_is_refused_and_nothing_is_sent() {
    let h = Harness::new(None, false).await;
    h.machine.start_sign_in("grace@example.com".into()).await;
    let link = h.control.latest_link("grace@example.com").await;
    let port = url::Url::parse(&link).unwrap().port().unwrap();
    let elsewhere = link.replace(&format!(":{port}/"), ":1/");
    let before = h.count("/magic_links/authenticate").await;
    h.machine.open_link(&elsewhere).await;
    assert_eq!(h.notice().as_deref(), Some("link_refused"));
    assert_eq!(h.screen(), "check_email");
    assert_eq!(h.count("/magic_links/authenticate").await, before);
}
