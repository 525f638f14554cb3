//! Random JSON thrown at every endpoint with every kind of link: the server
//! answers each with a 4xx (or a success where the body happens to be valid),
//! never a 5xx, and keeps serving.

mod common;

use common::Harness;
use reqwest::Method;
use serde_json::{json, Map, Value};

/// A small deterministic generator (xorshift), so a failure can be replayed.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
}

const KEYS: &[&str] = &[
    "criterion",
    "level",
    "target",
    "evidence",
    "base_version",
    "idempotency_key",
    "name",
    "role",
    "phase",
    "published",
    "note",
    "grid",
    "date",
    "from_last",
    "profile",
    "x",
    "",
];

fn string(r: &mut Rng) -> String {
    match r.below(9) {
        0 => "collectif.accueil".into(),
        1 => ["draft", "rating", "reveal", "consensus", "closed"][r.below(5) as usize].into(),
        2 => "3".into(),
        3 => "é\u{0}\u{202e}<script>".into(),
        4 => "x".repeat(r.below(6000) as usize),
        5 => "domino".into(),
        6 => "2026-02-30".into(),
        7 => String::new(),
        _ => format!("{}", r.next()),
    }
}

fn value(r: &mut Rng, depth: u32) -> Value {
    match r.below(if depth > 2 { 6 } else { 8 }) {
        0 => Value::Null,
        1 => json!(r.below(2) == 0),
        2 => json!(r.next() as i64),
        3 => json!(-(r.below(3) as i64)),
        4 | 5 => json!(string(r)),
        6 => Value::Array((0..r.below(4)).map(|_| value(r, depth + 1)).collect()),
        _ => object(r, depth + 1),
    }
}

fn object(r: &mut Rng, depth: u32) -> Value {
    let mut m = Map::new();
    for _ in 0..r.below(6) {
        let k = KEYS[r.below(KEYS.len() as u64) as usize];
        m.insert(k.into(), value(r, depth));
    }
    Value::Object(m)
}

#[tokio::test(flavor = "multi_thread")]
async fn random_bodies_on_every_endpoint_never_get_a_5xx() {
    let h = Harness::start().await;
    let w = h.workshop().await;
    h.phase(&w, "rating").await;
    let endpoints: Vec<(Method, String)> = [
        (Method::POST, "/api/initiatives".to_string()),
        (
            Method::POST,
            format!("/api/initiatives/{}/sessions", w.initiative),
        ),
        (Method::POST, "/api/grids".into()),
        (Method::POST, "/api/links/nothing/revoke".into()),
        (Method::POST, format!("/api/sessions/{}/links", w.session)),
        (Method::POST, format!("/api/sessions/{}/phase", w.session)),
        (Method::POST, format!("/api/sessions/{}/publish", w.session)),
        (Method::POST, format!("/api/sessions/{}/join", w.session)),
        (Method::PUT, format!("/api/sessions/{}/answers", w.session)),
        (
            Method::PUT,
            format!("/api/sessions/{}/consensus", w.session),
        ),
        (
            Method::GET,
            format!("/api/sessions/{}/results?lang=zz", w.session),
        ),
        (
            Method::GET,
            format!("/api/sessions/{}/export?format=xml", w.session),
        ),
        (Method::GET, "/api/sessions/%00/answers".into()),
        (Method::POST, "/api/links/%00/revoke".into()),
        (Method::POST, "/api/initiatives/%00x/sessions".into()),
        (Method::DELETE, format!("/api/sessions/{}", w.session)),
    ]
    .into();
    let tokens = [
        Some(w.facilitator.as_str()),
        Some(&w.join),
        Some(&w.a.token),
        Some(&w.observer),
        Some("garbage"),
        None,
    ];
    let mut r = Rng(0x5eed_d011_a0a0);
    let mut failures = Vec::new();
    for round in 0..600 {
        let (method, path) = &endpoints[r.below(endpoints.len() as u64) as usize];
        let token = tokens[r.below(tokens.len() as u64) as usize];
        let mut req = h
            .client
            .request(method.clone(), format!("{}{path}", h.base));
        if let Some(t) = token {
            req = req.bearer_auth(t);
        }
        let body = match r.below(4) {
            0 => (0..r.below(200))
                .map(|_| r.below(256) as u8)
                .collect::<Vec<u8>>(),
            _ => value(&mut r, 0).to_string().into_bytes(),
        };
        let res = req
            .header("content-type", "application/json")
            .body(body.clone())
            .send()
            .await
            .expect("the server answers");
        let status = res.status();
        if status.is_server_error() {
            failures.push(format!(
                "round {round}: {method} {path} → {status}: {}",
                String::from_utf8_lossy(&body)
            ));
        } else if !status.is_success() {
            let e: Value = res.json().await.unwrap_or(Value::Null);
            if e["error"]["message"].as_str().is_none_or(str::is_empty) {
                failures.push(format!(
                    "round {round}: {method} {path} → {status} without a message"
                ));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    let (s, _) = h.call(Method::GET, "/api/config", None, None).await;
    assert!(s.is_success(), "still serving");
}
