//! `kill -9` of `domino serve` loses no acknowledged answer: the server process
//! is killed with SIGKILL right after the last acknowledgement, restarted on
//! the same SQLite file, and every acknowledged answer is there.

mod common;

use common::process::spawn;
use reqwest::StatusCode;
use serde_json::{json, Value};

async fn call(
    c: &reqwest::Client,
    method: reqwest::Method,
    url: String,
    token: &str,
    body: Option<Value>,
) -> (StatusCode, Value) {
    let mut req = c.request(method, url).bearer_auth(token);
    if let Some(b) = body {
        req = req.json(&b);
    }
    let res = req.send().await.unwrap();
    (res.status(), res.json().await.unwrap_or(Value::Null))
}

#[tokio::test(flavor = "multi_thread")]
async fn every_acknowledged_answer_survives_sigkill() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("workshops.db");
    let (mut server, base, admin) = spawn(&db, &[]);
    let admin = admin.expect("a new database prints the facilitator's link");
    let c = reqwest::Client::new();
    use reqwest::Method as M;
    let (_, init) = call(
        &c,
        M::POST,
        format!("{base}/api/initiatives"),
        &admin,
        Some(json!({ "name": "AMAP" })),
    )
    .await;
    let (_, session) = call(
        &c,
        M::POST,
        format!(
            "{base}/api/initiatives/{}/sessions",
            init["id"].as_str().unwrap()
        ),
        &admin,
        Some(json!({ "grid": "domino" })),
    )
    .await;
    let sid = session["id"].as_str().unwrap().to_string();
    call(
        &c,
        M::POST,
        format!("{base}/api/sessions/{sid}/phase"),
        &admin,
        Some(json!({ "phase": "rating" })),
    )
    .await;
    let grid = domino_engine::Grid::from_toml(domino_engine::DOMINO_GRID)
        .unwrap()
        .grid;
    let criteria: Vec<String> = grid
        .criteria()
        .map(|(_, c)| c.full_id.clone())
        .take(20)
        .collect();
    let mut people = Vec::new();
    for name in ["Anne", "Bruno", "Chloé"] {
        let (_, p) = call(
            &c,
            M::POST,
            format!("{base}/api/sessions/{sid}/join"),
            session["join_token"].as_str().unwrap(),
            Some(json!({ "name": name, "role": "habitant" })),
        )
        .await;
        people.push(p["token"].as_str().unwrap().to_string());
    }
    // Every participant writes concurrently; the server dies right after the last acknowledgement.
    let mut tasks = Vec::new();
    for token in &people {
        let (c, base, sid, token, criteria) = (
            c.clone(),
            base.clone(),
            sid.clone(),
            token.clone(),
            criteria.clone(),
        );
        tasks.push(tokio::spawn(async move {
            let mut acked = Vec::new();
            for (i, criterion) in criteria.iter().enumerate() {
                let level = ["1", "2", "3", "4"][i % 4];
                let body = json!({ "criterion": criterion, "level": level, "base_version": 0, "idempotency_key": format!("{criterion}") });
                let (s, _) = call(&c, M::PUT, format!("{base}/api/sessions/{sid}/answers"), &token, Some(body)).await;
                if s == StatusCode::OK {
                    acked.push((criterion.clone(), level.to_string()));
                }
            }
            (token, acked)
        }));
    }
    let mut acked = Vec::new();
    for t in tasks {
        acked.push(t.await.unwrap());
    }
    server.kill().expect("SIGKILL");
    server.wait().unwrap();
    let (mut server, base, _) = spawn(&db, &[]);
    for (token, answers) in &acked {
        assert_eq!(
            answers.len(),
            criteria.len(),
            "every write was acknowledged before the kill"
        );
        let (s, got) = call(
            &c,
            M::GET,
            format!("{base}/api/sessions/{sid}/answers"),
            token,
            None,
        )
        .await;
        assert_eq!(s, StatusCode::OK);
        let stored: Vec<(String, String)> = got["answers"]
            .as_array()
            .unwrap()
            .iter()
            .map(|a| {
                (
                    a["criterion"].as_str().unwrap().to_string(),
                    a["level"].as_str().unwrap().to_string(),
                )
            })
            .collect();
        let mut want = answers.clone();
        want.sort();
        assert_eq!(stored, want);
    }
    let (_, state) = call(
        &c,
        M::GET,
        format!("{base}/api/sessions/{sid}"),
        &people[0],
        None,
    )
    .await;
    assert_eq!(
        state["phase"], "rating",
        "the workshop resumes where it was"
    );
    server.kill().unwrap();
    server.wait().unwrap();
}
