//! The server serves the web app beside its API: the page and its files from the
//! web folder, every unknown page path to the app (its routes live in the URL
//! fragment), and unknown API paths still as JSON errors.

mod common;

use common::Harness;
use reqwest::StatusCode;

#[tokio::test(flavor = "multi_thread")]
async fn the_web_app_and_the_api_are_served_side_by_side() {
    let web = tempfile::tempdir().unwrap();
    std::fs::write(
        web.path().join("index.html"),
        "<!doctype html><title>DOMINO</title>",
    )
    .unwrap();
    std::fs::write(web.path().join("style.css"), "body{}").unwrap();
    let h = Harness::serving(Some(web.path().to_path_buf())).await;

    let page = h.client.get(format!("{}/", h.base)).send().await.unwrap();
    assert_eq!(page.status(), StatusCode::OK);
    assert!(page.text().await.unwrap().contains("<title>DOMINO</title>"));

    let css = h
        .client
        .get(format!("{}/style.css", h.base))
        .send()
        .await
        .unwrap();
    assert_eq!(css.status(), StatusCode::OK);
    assert_eq!(css.text().await.unwrap(), "body{}");

    let elsewhere = h
        .client
        .get(format!("{}/some/page", h.base))
        .send()
        .await
        .unwrap();
    assert_eq!(
        elsewhere.status(),
        StatusCode::OK,
        "unknown pages get the app"
    );

    let (status, body) = h.get("/api/no-such-endpoint", &h.facilitator).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert!(
        body["error"]["message"]
            .as_str()
            .unwrap()
            .contains("no such API endpoint"),
        "{body}"
    );
    let (status, _) = h.get("/api/config", &h.facilitator).await;
    assert_eq!(status, StatusCode::OK);
}
