//! Live updates: an answer reaches a subscriber within a second; `Last-Event-ID` resumes.

mod common;

use common::{Harness, SseReader};
use std::time::{Duration, Instant};

#[tokio::test(flavor = "multi_thread")]
async fn an_answer_reaches_the_board_within_a_second_without_its_level() {
    let h = Harness::start().await;
    let w = h.workshop().await;
    h.phase(&w, "rating").await;
    let mut board = SseReader::open(&h, &w.session, &w.facilitator, None).await;
    // The history first: creation, two joins, the phase change.
    let mut kinds = Vec::new();
    while let Some((_, kind, _)) = board.next(Duration::from_millis(300)).await {
        kinds.push(kind);
    }
    assert_eq!(kinds, ["created", "join", "join", "phase"]);
    let sent = Instant::now();
    h.answer(&w, &w.a, "collectif.accueil", "3").await;
    let (id, kind, data) = board
        .next(Duration::from_secs(1))
        .await
        .expect("the answer arrives within a second");
    assert!(sent.elapsed() < Duration::from_secs(1));
    assert_eq!((id, kind.as_str()), (5, "answer"));
    assert_eq!(data["payload"]["participant"], serde_json::json!(w.a.id));
    assert_eq!(data["payload"]["criterion"], "collectif.accueil");
    assert!(
        data["payload"].get("level").is_none(),
        "events never carry levels: {data}"
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn a_subscriber_that_reconnects_with_last_event_id_gets_what_it_missed() {
    let h = Harness::start().await;
    let w = h.workshop().await;
    h.phase(&w, "rating").await;
    let mut first = SseReader::open(&h, &w.session, &w.b.token, None).await;
    let mut last = 0;
    while let Some((id, _, _)) = first.next(Duration::from_millis(300)).await {
        last = id;
    }
    assert_eq!(last, 4);
    drop(first);
    for c in [
        "collectif.accueil",
        "collectif.decisions",
        "collectif.diversite",
    ] {
        let (status, body) = h.answer(&w, &w.a, c, "2").await;
        assert!(status.is_success(), "{c} acknowledged: {body}");
    }
    let mut again = SseReader::open(&h, &w.session, &w.b.token, Some(last)).await;
    let mut missed = Vec::new();
    while let Some((id, kind, _)) = again.next(Duration::from_millis(300)).await {
        missed.push((id, kind));
    }
    let answer = |id| (id, "answer".to_string());
    assert_eq!(missed, [answer(5), answer(6), answer(7)]);
}

#[tokio::test(flavor = "multi_thread")]
async fn an_observer_hears_only_phase_and_publication() {
    let h = Harness::start().await;
    let w = h.workshop().await;
    h.phase(&w, "rating").await;
    h.answer(&w, &w.a, "collectif.accueil", "2").await;
    let mut o = SseReader::open(&h, &w.session, &w.observer, None).await;
    let mut kinds = Vec::new();
    while let Some((_, kind, _)) = o.next(Duration::from_millis(300)).await {
        kinds.push(kind);
    }
    assert_eq!(kinds, ["phase"]);
}

#[tokio::test(flavor = "multi_thread")]
async fn revoking_a_link_ends_its_open_stream() {
    let h = Harness::start().await;
    let w = h.workshop().await;
    let mut anne = SseReader::open(&h, &w.session, &w.a.token, None).await;
    let mut bruno = SseReader::open(&h, &w.session, &w.b.token, None).await;
    let (_, links) = h.get("/api/links", &w.facilitator).await;
    let link = links["links"]
        .as_array()
        .unwrap()
        .iter()
        .find(|l| l["participant"] == serde_json::json!(w.a.id))
        .unwrap()["id"]
        .as_str()
        .unwrap()
        .to_string();
    let (s, _) = h
        .post(
            &format!("/api/links/{link}/revoke"),
            &w.facilitator,
            serde_json::json!({}),
        )
        .await;
    assert!(s.is_success());
    assert!(
        anne.ends_within(Duration::from_secs(2)).await,
        "the revoked link's stream ends"
    );
    assert!(
        !bruno.ends_within(Duration::from_millis(500)).await,
        "the others' streams go on"
    );
}
