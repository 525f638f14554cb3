//! Every role × endpoint: each cell an allowed or refused request, with its status.
//!
//! Columns: the facilitator (F), the join link (J), participant Anne (A), the
//! observer (O), a revoked participant link (R), no link at all (N), and the
//! facilitator of another workspace (X). The session is in phase `rating`.

mod common;

use common::{Harness, Workshop};
use reqwest::{Method, StatusCode};
use serde_json::{json, Value};

/// One row: endpoint, method, path, body, and the expected status per column F J A O R N X.
struct Row {
    method: Method,
    path: &'static str,
    body: &'static str,
    expect: [u16; 7],
    /// Server-sent events: only the status is read.
    stream: bool,
}

const fn row(method: Method, path: &'static str, body: &'static str, expect: [u16; 7]) -> Row {
    Row {
        method,
        path,
        body,
        expect,
        stream: false,
    }
}

#[rustfmt::skip] // one row per line: the table reads as a table
fn table() -> Vec<Row> {
    use Method as M;
    vec![
        //                                                                         F    J    A    O    R    N    X
        row(M::GET, "/api/config", "", [200, 200, 200, 200, 200, 200, 200]),
        row(M::GET, "/api/me", "", [200, 200, 200, 200, 401, 401, 200]),
        row(M::GET, "/api/workspace", "", [200, 403, 403, 403, 401, 401, 200]),
        row(M::GET, "/api/grids", "", [200, 403, 403, 403, 401, 401, 200]),
        row(M::POST, "/api/initiatives", r#"{"name":"Jardin partagé"}"#, [201, 403, 403, 403, 401, 401, 201]),
        row(M::POST, "/api/initiatives/{i}/sessions", r#"{"grid":"domino"}"#, [201, 403, 403, 403, 401, 401, 403]),
        row(M::GET, "/api/links", "", [200, 403, 403, 403, 401, 401, 200]),
        row(M::GET, "/api/workspace/export", "", [200, 403, 403, 403, 401, 401, 200]),
        // Not a tar archive: the facilitator passes the role check and meets the format.
        row(M::POST, "/api/workspace/import", "{}", [400, 403, 403, 403, 401, 401, 400]),
        row(M::GET, "/api/sessions/{s}", "", [200, 200, 200, 200, 401, 401, 403]),
        row(M::GET, "/api/sessions/{s}/grid", "", [200, 200, 200, 200, 401, 401, 403]),
        row(M::GET, "/api/sessions/{s}/grid/resolved", "", [200, 200, 200, 200, 401, 401, 403]),
        row(M::POST, "/api/sessions/{s}/links", r#"{"role":"observer"}"#, [201, 403, 403, 403, 401, 401, 403]),
        // Already in rating: the facilitator passes the role check and meets the phase order.
        row(M::POST, "/api/sessions/{s}/phase", r#"{"phase":"rating"}"#, [409, 403, 403, 403, 401, 401, 403]),
        row(M::POST, "/api/sessions/{s}/publish", r#"{"published":false}"#, [200, 403, 403, 403, 401, 401, 403]),
        row(M::POST, "/api/sessions/{s}/join", r#"{"name":"Chloé","role":"technicienne"}"#, [403, 201, 403, 403, 401, 401, 403]),
        row(M::GET, "/api/sessions/{s}/answers", "", [200, 403, 200, 403, 401, 401, 403]),
        row(M::PUT, "/api/sessions/{s}/answers", r#"{"criterion":"collectif.accueil","level":"3","base_version":0,"idempotency_key":"{key}"}"#, [403, 403, 200, 403, 401, 401, 403]),
        // Not in consensus yet: the facilitator passes the role check and meets the phase.
        row(M::PUT, "/api/sessions/{s}/consensus", r#"{"criterion":"collectif.accueil","level":"3","note":"","base_version":0}"#, [409, 403, 403, 403, 401, 401, 403]),
        // Rating is blind for everyone, the facilitator too: no results, no export.
        row(M::GET, "/api/sessions/{s}/results", "", [403, 403, 403, 403, 401, 401, 403]),
        row(M::GET, "/api/sessions/{s}/export", "", [403, 403, 403, 403, 401, 401, 403]),
        row(M::POST, "/api/sessions/{s}/join-qr", "{}", [201, 403, 403, 403, 401, 401, 403]),
        Row { stream: true, ..row(M::GET, "/api/sessions/{s}/events", "", [200, 403, 200, 200, 401, 401, 403]) },
    ]
}

/// Makes a third participant and revokes their link: returns the dead token.
async fn revoked(h: &Harness, w: &Workshop) -> String {
    let c = h.join(w, "Claire", "membre").await;
    let (_, links) = h.get("/api/links", &w.facilitator).await;
    let link = links["links"]
        .as_array()
        .unwrap()
        .iter()
        .find(|l| l["participant"] == json!(c.id))
        .unwrap();
    let (s, _) = h
        .post(
            &format!("/api/links/{}/revoke", link["id"].as_str().unwrap()),
            &w.facilitator,
            json!({}),
        )
        .await;
    assert_eq!(s, StatusCode::OK);
    c.token
}

async fn status_of(h: &Harness, w: &Workshop, r: &Row, token: Option<&str>) -> u16 {
    let path = r
        .path
        .replace("{s}", &w.session)
        .replace("{i}", &w.initiative);
    let mut req = h
        .client
        .request(r.method.clone(), format!("{}{path}", h.base));
    if let Some(t) = token {
        req = req.bearer_auth(t);
    }
    if !r.body.is_empty() {
        let body = r.body.replace("{key}", &domino_server::token::new_id());
        req = req.header("content-type", "application/json").body(body);
    }
    let res = req.send().await.unwrap();
    let status = res.status().as_u16();
    if !r.stream {
        let _ = res.bytes().await;
    }
    status
}

#[tokio::test(flavor = "multi_thread")]
async fn every_role_meets_every_endpoint_as_the_table_says() {
    let h = Harness::start().await;
    let w = h.workshop().await;
    h.phase(&w, "rating").await;
    let dead = revoked(&h, &w).await;
    let other = h.other_workspace().await;
    let columns: [(&str, Option<&str>); 7] = [
        ("F", Some(&w.facilitator)),
        ("J", Some(&w.join)),
        ("A", Some(&w.a.token)),
        ("O", Some(&w.observer)),
        ("R", Some(&dead)),
        ("N", None),
        ("X", Some(&other)),
    ];
    let mut wrong = Vec::new();
    for r in table() {
        for ((name, token), want) in columns.iter().zip(r.expect) {
            let got = status_of(&h, &w, &r, *token).await;
            if got != want {
                wrong.push(format!(
                    "{} {} as {name}: {got}, expected {want}",
                    r.method, r.path
                ));
            }
        }
    }
    assert!(
        wrong.is_empty(),
        "cells that differ from the table:\n{}",
        wrong.join("\n")
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn during_rating_a_participant_sees_only_their_own_answers() {
    let h = Harness::start().await;
    let w = h.workshop().await;
    h.phase(&w, "rating").await;
    assert_eq!(
        h.answer(&w, &w.a, "collectif.accueil", "3").await.0,
        StatusCode::OK
    );
    assert_eq!(
        h.answer(&w, &w.b, "collectif.accueil", "1").await.0,
        StatusCode::OK
    );
    let path = format!("/api/sessions/{}/answers", w.session);
    let (_, mine) = h.get(&path, &w.a.token).await;
    let owners: Vec<&Value> = mine["answers"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| &a["participant"])
        .collect();
    assert_eq!(owners, [&json!(w.a.id)], "Anne sees her answer only");
    assert_eq!(mine["answers"][0]["level"], "3");
    // The board knows who answered, not what.
    let (_, board) = h.get(&path, &w.facilitator).await;
    assert_eq!(board["answers"].as_array().unwrap().len(), 2);
    assert!(
        board["answers"]
            .as_array()
            .unwrap()
            .iter()
            .all(|a| a.get("level").is_none()),
        "{board}"
    );
    // From reveal on, everyone's levels.
    h.phase(&w, "reveal").await;
    let (_, all) = h.get(&path, &w.a.token).await;
    let levels: Vec<&Value> = all["answers"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| &a["level"])
        .collect();
    assert_eq!(levels.len(), 2);
    assert!(levels.contains(&&json!("1")) && levels.contains(&&json!("3")));
}

#[tokio::test(flavor = "multi_thread")]
async fn an_observer_sees_results_only_once_published_and_closed() {
    let h = Harness::start().await;
    let w = h.workshop().await;
    let results = format!("/api/sessions/{}/results", w.session);
    for phase in ["rating", "reveal", "consensus", "closed"] {
        h.phase(&w, phase).await;
        assert_eq!(
            h.get(&results, &w.observer).await.0,
            StatusCode::FORBIDDEN,
            "in {phase}, unpublished"
        );
    }
    h.publish(&w).await;
    let (s, report) = h.get(&results, &w.observer).await;
    assert_eq!(s, StatusCode::OK);
    assert!(report["axes"].is_array(), "{report}");
    assert_eq!(
        h.get(&format!("/api/sessions/{}/answers", w.session), &w.observer)
            .await
            .0,
        StatusCode::FORBIDDEN
    );
    let export = format!("/api/sessions/{}/export?format=json", w.session);
    assert_eq!(h.get(&export, &w.observer).await.0, StatusCode::OK);
}

#[tokio::test(flavor = "multi_thread")]
async fn one_workspace_links_open_nothing_in_another() {
    let h = Harness::start().await;
    let mine = h.workshop().await;
    let other = h.other_workspace().await;
    let theirs = h.workshop_of(&other).await;
    h.phase(&theirs, "rating").await;
    for token in [&mine.facilitator, &mine.join, &mine.a.token, &mine.observer] {
        for path in ["", "/answers", "/results", "/export", "/events"] {
            let (s, _) = if path == "/events" {
                let res = h
                    .client
                    .get(format!("{}/api/sessions/{}{path}", h.base, theirs.session))
                    .bearer_auth(token)
                    .send()
                    .await
                    .unwrap();
                (res.status(), Value::Null)
            } else {
                h.get(&format!("/api/sessions/{}{path}", theirs.session), token)
                    .await
            };
            assert_eq!(s, StatusCode::FORBIDDEN, "{path}");
        }
        let (s, _) = h.put(&format!("/api/sessions/{}/answers", theirs.session), token, json!({
            "criterion": "collectif.accueil", "level": "3", "base_version": 0, "idempotency_key": "k1" })).await;
        assert_eq!(s, StatusCode::FORBIDDEN);
    }
    let (_, links) = h.get("/api/links", &other).await;
    let id = links["links"][0]["id"].as_str().unwrap();
    let (s, _) = h
        .post(
            &format!("/api/links/{id}/revoke"),
            &mine.facilitator,
            json!({}),
        )
        .await;
    assert_eq!(
        s,
        StatusCode::NOT_FOUND,
        "a facilitator cannot revoke another workspace's links"
    );
}
