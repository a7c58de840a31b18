//! Acting on the real window the way a person does: which screen shows, which notice, typing,
//! submitting, quitting.

use std::time::Duration;

use fantoccini::{Client, Locator};

use super::wait_for;

pub async fn screen(client: &Client, name: &str) {
    wait_for(client, &format!("main#app[data-screen='{name}']")).await;
}

pub async fn notice(client: &Client, code: &str) {
    wait_for(client, &format!("#notice[data-code='{code}']")).await;
}

pub async fn type_into(client: &Client, css: &str, text: &str) {
    let input = wait_for(client, css).await;
    input.clear().await.unwrap();
    input.send_keys(text).await.unwrap();
}

pub async fn submit(client: &Client, form: &str) {
    let button = wait_for(client, &format!("form#{form} button[type='submit']")).await;
    button.click().await.unwrap();
}

pub async fn displayed(client: &Client, css: &str) -> bool {
    match client.find(Locator::Css(css)).await {
        Ok(el) => el.is_displayed().await.unwrap_or(false),
        Err(_) => false,
    }
}

pub async fn value_of(client: &Client, css: &str) -> String {
    let el = client.find(Locator::Css(css)).await.unwrap();
    el.prop("value").await.unwrap().unwrap_or_default()
}

pub async fn quit(client: Client) {
    client.close().await.unwrap();
    // The single-instance name must be free before the next launch.
    tokio::time::sleep(Duration::from_millis(800)).await;
}
