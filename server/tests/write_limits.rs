//! The limits on what one participant writes, and idempotency keys bound to their write.

mod common;

use common::Harness;
use reqwest::StatusCode;
use serde_json::json;

#[tokio::test(flavor = "multi_thread")]
async fn the_same_idempotency_key_with_another_body_is_refused_saying_what_to_do() {
    let (h, w) = Harness::rating().await;
    let path = format!("/api/sessions/{}/answers", w.session);
    let write = |level: &str| json!({ "criterion": "collectif.accueil", "level": level, "base_version": 0, "idempotency_key": "phone-7" });
    let (s, first) = h.put(&path, &w.a.token, write("2")).await;
    assert_eq!(s, StatusCode::OK, "{first}");
    assert_eq!(
        h.put(&path, &w.a.token, write("2")).await,
        (StatusCode::OK, first)
    );
    let (s, e) = h.put(&path, &w.a.token, write("3")).await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY, "{e}");
    assert_eq!(
        (e["error"]["code"].clone(), e["error"]["field"].clone()),
        (json!("idempotency-key-reused"), json!("idempotency_key"))
    );
    assert!(
        e["error"]["message"]
            .as_str()
            .unwrap()
            .contains("its own key"),
        "{e}"
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn a_participant_past_the_write_rate_gets_429_and_the_others_go_on() {
    let (h, w) = Harness::rating().await;
    let path = format!("/api/sessions/{}/answers", w.session);
    let burst = domino_server::limits::WRITE_BURST;
    let (mut version, mut sent) = (0, 0);
    // The bucket refills while the burst is sent: a few more may pass, not many.
    let refused = loop {
        let level = ["1", "2"][sent as usize % 2];
        let body = json!({ "criterion": "collectif.accueil", "level": level, "base_version": version, "idempotency_key": format!("k{sent}") });
        let (s, a) = h.put(&path, &w.a.token, body).await;
        if s != StatusCode::OK {
            break (s, a);
        }
        version = a["version"].as_i64().unwrap();
        sent += 1;
        assert!(sent <= burst + 10, "the rate limit never refused");
    };
    assert!(sent >= burst, "the whole burst passes ({sent} did)");
    let (s, e) = refused;
    assert_eq!(
        (s, e["error"]["code"].clone()),
        (StatusCode::TOO_MANY_REQUESTS, json!("too-many-writes"))
    );
    assert!(
        e["error"]["message"].as_str().unwrap().contains("a minute"),
        "{e}"
    );
    assert!(
        e["error"]["retry_after_seconds"].as_f64().unwrap() >= 1.0,
        "{e}"
    );
    let (s, _) = h.answer(&w, &w.b, "collectif.accueil", "3").await;
    assert_eq!(s, StatusCode::OK, "another participant is not slowed");
    let last = sent - 1;
    let level = ["1", "2"][last as usize % 2];
    let (s, _) = h.put(&path, &w.a.token, json!({ "criterion": "collectif.accueil", "level": level, "base_version": version - 1, "idempotency_key": format!("k{last}") })).await;
    assert_eq!(
        s,
        StatusCode::OK,
        "a replay of an acknowledged write is not a new write"
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn idempotency_keys_older_than_the_documented_age_are_pruned() {
    let (h, w) = Harness::rating().await;
    assert_eq!(
        h.answer(&w, &w.a, "collectif.accueil", "2").await.0,
        StatusCode::OK
    );
    assert_eq!(
        h.answer(&w, &w.a, "collectif.decisions", "2").await.0,
        StatusCode::OK
    );
    let pool = &h.app.store.pool;
    sqlx::query("UPDATE idempotency SET created_at = '2020-01-01T00:00:00Z' WHERE key IN (SELECT key FROM idempotency LIMIT 1)")
        .execute(pool)
        .await
        .unwrap();
    assert_eq!(h.app.store.prune_idempotency().await.unwrap(), 1);
    let left: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM idempotency")
        .fetch_one(pool)
        .await
        .unwrap();
    assert_eq!(left, 1, "the recent key stays");
}

#[tokio::test(flavor = "multi_thread")]
async fn a_participant_past_the_writes_of_a_session_is_refused_and_keeps_their_answers() {
    let (h, w) = Harness::rating().await;
    assert_eq!(
        h.answer(&w, &w.a, "collectif.accueil", "2").await.0,
        StatusCode::OK
    );
    let most = domino_server::limits::WRITES_PER_SESSION;
    sqlx::query("UPDATE answer SET version = $1")
        .bind(most)
        .execute(&h.app.store.pool)
        .await
        .unwrap();
    let (s, e) = h.answer(&w, &w.a, "collectif.decisions", "2").await;
    assert_eq!(
        (s, e["error"]["code"].clone()),
        (StatusCode::TOO_MANY_REQUESTS, json!("write-limit")),
        "{e}"
    );
    assert!(
        e["error"]["message"]
            .as_str()
            .unwrap()
            .contains(&most.to_string()),
        "{e}"
    );
}
