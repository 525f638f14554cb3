//! `GET /api/sessions/{id}/grid/resolved`: the session's grid in the engine's resolved form,
//! which reads back to the grid the TOML source loads to.

mod common;

use common::Harness;
use reqwest::StatusCode;

#[tokio::test(flavor = "multi_thread")]
async fn a_session_s_resolved_grid_reads_back_to_the_grid_of_its_toml_source() {
    let h = Harness::start().await;
    let w = h.workshop().await;
    let res = h
        .client
        .get(format!(
            "{}/api/sessions/{}/grid/resolved",
            h.base, w.session
        ))
        .bearer_auth(&w.a.token)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    let text = res.text().await.unwrap();
    let again = h
        .client
        .get(format!(
            "{}/api/sessions/{}/grid/resolved",
            h.base, w.session
        ))
        .bearer_auth(&w.b.token)
        .send()
        .await
        .unwrap();
    assert_eq!(
        again.text().await.unwrap(),
        text,
        "written once, served alike"
    );
    let grid = domino_engine::Grid::from_resolved(&text).expect("it reads back");
    let toml = domino_engine::Grid::from_toml(domino_engine::DOMINO_GRID)
        .unwrap()
        .grid;
    assert!(
        grid.to_resolved() == toml.to_resolved(),
        "the grid its TOML source loads to"
    );
    let (_, session) = h
        .get(&format!("/api/sessions/{}", w.session), &w.a.token)
        .await;
    assert_eq!(session["grid_sha256"].as_str(), Some(grid.hash.as_str()));
}
