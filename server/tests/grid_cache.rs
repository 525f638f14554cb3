//! An answer on an uploaded grid not yet parsed by this server (after a restart)
//! is written at once: on SQLite the store has one connection, so the grid must
//! be read before the write's transaction takes it.

mod common;

use common::Harness;
use reqwest::StatusCode;
use serde_json::json;
use std::time::Duration;

#[tokio::test(flavor = "multi_thread")]
async fn an_answer_on_an_uploaded_grid_not_yet_cached_does_not_wait_for_a_second_connection() {
    let h = Harness::start().await;
    let res = h
        .client
        .post(format!("{}/api/grids", h.base))
        .bearer_auth(&h.facilitator)
        .body(domino_engine::DOMINO_GRID)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::CREATED);
    let key = res.json::<serde_json::Value>().await.unwrap()["key"]
        .as_str()
        .unwrap()
        .to_string();
    let (_, init) = h
        .post(
            "/api/initiatives",
            &h.facilitator,
            json!({ "name": "Jardin" }),
        )
        .await;
    let (s, session) = h
        .post(
            &format!("/api/initiatives/{}/sessions", init["id"].as_str().unwrap()),
            &h.facilitator,
            json!({ "grid": key }),
        )
        .await;
    assert_eq!(s, StatusCode::CREATED, "{session}");
    let sid = session["id"].as_str().unwrap();
    let (_, anne) = h
        .post(
            &format!("/api/sessions/{sid}/join"),
            session["join_token"].as_str().unwrap(),
            json!({ "name": "Anne", "role": "élue" }),
        )
        .await;
    h.post(
        &format!("/api/sessions/{sid}/phase"),
        &h.facilitator,
        json!({ "phase": "rating" }),
    )
    .await;
    // The same database served by a fresh server: its grid cache is empty, as after a restart.
    let mut fresh = h.app.clone();
    fresh.grids = Default::default();
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    let server = tokio::spawn(async move {
        axum::serve(listener, domino_server::serve::routes(fresh, None)).await
    });
    let write = h
        .client
        .put(format!("{base}/api/sessions/{sid}/answers"))
        .bearer_auth(anne["token"].as_str().unwrap())
        .json(&json!({ "criterion": "collectif.accueil", "level": "3", "base_version": 0, "idempotency_key": "k" }))
        .send();
    let res = tokio::time::timeout(Duration::from_secs(5), write)
        .await
        .expect("the write is answered within 5 s, not after the pool's 10 s wait")
        .unwrap();
    assert_eq!(
        res.status(),
        StatusCode::OK,
        "{}",
        res.text().await.unwrap()
    );
    server.abort();
}
