//! The smallest end-to-end proof: the built app opens its real window under Xvfb, WebDriver
//! reaches it, and the page is Gatehouse's.

mod support;

use fantoccini::Locator;

#[tokio::test(flavor = "multi_thread")]
async fn the_window_opens_with_the_gatehouse_heading() {
    let _one = support::exclusive().await;
    let driver = support::TauriDriver::start(&[]);
    let client = driver.launch_app().await;

    let heading = support::wait_for(&client, "h1").await;
    assert_eq!(heading.text().await.unwrap(), "Gatehouse");
    // Titled after the screen it shows, once the first view is in (#21).
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    loop {
        let title = client.title().await.unwrap();
        if title.ends_with(" — Gatehouse") {
            break;
        }
        assert!(
            std::time::Instant::now() < deadline,
            "the title names no screen: {title:?}"
        );
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    assert!(client.find(Locator::Css("main#app")).await.is_ok());

    let shot = support::screenshot(&client, "smoke-window").await;
    assert!(
        std::fs::metadata(&shot).unwrap().len() > 1000,
        "screenshot is empty"
    );
    client.close().await.unwrap();
}
