//! Rating is blind: until the facilitator reveals, nobody reads a level — not the
//! participants of each other, not the board, not through results or exports —
//! and nobody joins once the answers are revealed.

mod common;

use common::Harness;
use reqwest::StatusCode;
use serde_json::json;

#[tokio::test(flavor = "multi_thread")]
async fn during_rating_the_facilitator_reads_who_answered_but_no_level_anywhere() {
    let (h, w) = Harness::rating().await;
    assert_eq!(
        h.answer(&w, &w.a, "collectif.accueil", "4").await.0,
        StatusCode::OK
    );
    let (s, board) = h
        .get(
            &format!("/api/sessions/{}/answers", w.session),
            &w.facilitator,
        )
        .await;
    assert_eq!(s, StatusCode::OK);
    assert_eq!(board["answers"][0]["criterion"], "collectif.accueil");
    assert!(board["answers"][0].get("level").is_none(), "{board}");
    for path in [
        "results",
        "export",
        "export?format=json",
        "export?view=raters",
    ] {
        let (s, e) = h
            .get(
                &format!("/api/sessions/{}/{path}", w.session),
                &w.facilitator,
            )
            .await;
        assert_eq!(s, StatusCode::FORBIDDEN, "{path}: {e}");
        assert!(
            e["error"]["message"].as_str().unwrap().contains("blind"),
            "{e}"
        );
    }
    let res = h
        .client
        .get(format!("{}/api/workspace/export", h.base))
        .bearer_auth(&w.facilitator)
        .send()
        .await
        .unwrap();
    let bytes = res.bytes().await.unwrap();
    let mut archive = tar::Archive::new(&bytes[..]);
    let names: Vec<String> = archive
        .entries()
        .unwrap()
        .map(|e| e.unwrap().path().unwrap().display().to_string())
        .collect();
    assert!(
        names
            .iter()
            .all(|n| !n.starts_with("assessments") && !n.starts_with("raters")),
        "{names:?}"
    );
    assert!(names.contains(&"NOT-EXPORTED.txt".to_string()), "{names:?}");
    h.phase(&w, "reveal").await;
    let (s, _) = h
        .get(
            &format!("/api/sessions/{}/results", w.session),
            &w.facilitator,
        )
        .await;
    assert_eq!(s, StatusCode::OK, "revealed: the results open");
}

#[tokio::test(flavor = "multi_thread")]
async fn no_one_joins_after_the_move_to_reveal_even_when_both_race() {
    let h = std::sync::Arc::new(Harness::start().await);
    let w = std::sync::Arc::new(h.workshop().await);
    h.phase(&w, "rating").await;
    let mut joins = Vec::new();
    for i in 0..60 {
        let (h, w) = (h.clone(), w.clone());
        joins.push(tokio::spawn(async move {
            h.post(
                &format!("/api/sessions/{}/join", w.session),
                &w.join,
                json!({ "name": format!("P{i}"), "role": "habitant" }),
            )
            .await
            .0
        }));
    }
    tokio::time::sleep(std::time::Duration::from_millis(5)).await;
    h.phase(&w, "reveal").await;
    for j in joins {
        let s = j.await.unwrap();
        assert!(s == StatusCode::CREATED || s == StatusCode::CONFLICT, "{s}");
    }
    let mut board = common::SseReader::open(&h, &w.session, &w.facilitator, None).await;
    let mut kinds = Vec::new();
    while let Some((_, kind, data)) = board.next(std::time::Duration::from_millis(300)).await {
        kinds.push((kind, data["payload"]["to"].clone()));
    }
    let reveal = kinds
        .iter()
        .position(|(k, to)| k == "phase" && to == "reveal")
        .unwrap();
    assert!(
        kinds[reveal..].iter().all(|(k, _)| k != "join"),
        "a join recorded after the reveal: {kinds:?}"
    );
}
