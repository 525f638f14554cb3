//! The test harness: a server on port 0 over a temporary SQLite file, or over a
//! fresh PostgreSQL database when `DOMINO_TEST_POSTGRES` holds a connection URL.
#![allow(dead_code, missing_docs)]

pub mod process;

use reqwest::{Method, StatusCode};
use serde_json::{json, Value};
use std::net::SocketAddr;

/// A running server and a client for it.
pub struct Harness {
    pub base: String,
    pub addr: SocketAddr,
    pub facilitator: String,
    pub app: domino_server::App,
    pub client: reqwest::Client,
    _dir: tempfile::TempDir,
}

/// The database of one test: a fresh PostgreSQL database, or an SQLite file in `dir`.
pub async fn test_db(dir: &std::path::Path) -> String {
    match std::env::var("DOMINO_TEST_POSTGRES") {
        Ok(url) if !url.is_empty() => fresh_postgres(&url).await,
        _ => dir.join("workshops.db").display().to_string(),
    }
}

async fn fresh_postgres(url: &str) -> String {
    use sqlx::Connection;
    let name = format!(
        "domino_test_{}",
        domino_server::token::new_id()
            .to_lowercase()
            .replace(['-', '_'], "")
    );
    let mut conn = sqlx::PgConnection::connect(url)
        .await
        .expect("DOMINO_TEST_POSTGRES is reachable");
    sqlx::raw_sql(sqlx::AssertSqlSafe(format!("CREATE DATABASE {name}")))
        .execute(&mut conn)
        .await
        .expect("the test user may create databases");
    let (head, _) = url
        .rsplit_once('/')
        .expect("a postgres URL ends with /DATABASE");
    format!("{head}/{name}")
}

impl Harness {
    pub async fn start() -> Harness {
        Harness::serving(None).await
    }

    /// A server that also serves the web app from `web` (a folder holding `index.html`).
    pub async fn serving(web: Option<std::path::PathBuf>) -> Harness {
        let dir = tempfile::tempdir().unwrap();
        let db = test_db(dir.path()).await;
        let started = domino_server::start(domino_server::ServeArgs {
            db,
            listen: "127.0.0.1:0".parse().unwrap(),
            public_url: None,
            web: Some(web.unwrap_or_else(|| dir.path().join("no-web"))),
            new_workspace: None,
            new_facilitator_link: None,
        })
        .await
        .expect("the server starts");
        Harness {
            base: format!("http://{}", started.addr),
            addr: started.addr,
            facilitator: started
                .facilitator_token
                .expect("a first workspace is made"),
            app: started.app,
            client: reqwest::Client::new(),
            _dir: dir,
        }
    }

    /// Sends a request; returns the status and the JSON body (Null when not JSON).
    pub async fn call(
        &self,
        method: Method,
        path: &str,
        token: Option<&str>,
        body: Option<Value>,
    ) -> (StatusCode, Value) {
        let mut req = self.client.request(method, format!("{}{path}", self.base));
        if let Some(t) = token {
            req = req.bearer_auth(t);
        }
        if let Some(b) = body {
            req = req.json(&b);
        }
        let res = req.send().await.expect("the server answers");
        let status = res.status();
        let text = res.text().await.unwrap_or_default();
        (status, serde_json::from_str(&text).unwrap_or(Value::Null))
    }

    pub async fn get(&self, path: &str, token: &str) -> (StatusCode, Value) {
        self.call(Method::GET, path, Some(token), None).await
    }

    pub async fn post(&self, path: &str, token: &str, body: Value) -> (StatusCode, Value) {
        self.call(Method::POST, path, Some(token), Some(body)).await
    }

    pub async fn put(&self, path: &str, token: &str, body: Value) -> (StatusCode, Value) {
        self.call(Method::PUT, path, Some(token), Some(body)).await
    }

    /// A server with a workshop in rating.
    pub async fn rating() -> (Harness, Workshop) {
        let h = Harness::start().await;
        let w = h.workshop().await;
        h.phase(&w, "rating").await;
        (h, w)
    }

    /// A second workspace on the same server, with its facilitator's token.
    pub async fn other_workspace(&self) -> String {
        domino_server::create_workspace(&self.app, "Autre territoire")
            .await
            .expect("a workspace is made")
            .1
    }

    /// An initiative with one session on the DOMINO grid, and two participants joined.
    pub async fn workshop(&self) -> Workshop {
        self.workshop_of(&self.facilitator).await
    }

    pub async fn workshop_of(&self, facilitator: &str) -> Workshop {
        let (s, init) = self
            .post(
                "/api/initiatives",
                facilitator,
                json!({ "name": "Repair café de Cleunay" }),
            )
            .await;
        assert_eq!(s, StatusCode::CREATED, "{init}");
        let initiative = init["id"].as_str().unwrap().to_string();
        let (s, session) = self
            .post(
                &format!("/api/initiatives/{initiative}/sessions"),
                facilitator,
                json!({ "grid": "domino", "date": "2026-11-15" }),
            )
            .await;
        assert_eq!(s, StatusCode::CREATED, "{session}");
        let id = session["id"].as_str().unwrap().to_string();
        let join = session["join_token"].as_str().unwrap().to_string();
        let observer = session["observer_token"].as_str().unwrap().to_string();
        let mut w = Workshop {
            facilitator: facilitator.to_string(),
            initiative,
            session: id,
            join,
            observer,
            a: Person::default(),
            b: Person::default(),
        };
        w.a = self.join(&w, "Anne", "élue").await;
        w.b = self.join(&w, "Bruno", "habitant").await;
        w
    }

    pub async fn join(&self, w: &Workshop, name: &str, role: &str) -> Person {
        let (s, p) = self
            .post(
                &format!("/api/sessions/{}/join", w.session),
                &w.join,
                json!({ "name": name, "role": role }),
            )
            .await;
        assert_eq!(s, StatusCode::CREATED, "{p}");
        Person {
            id: p["participant"].as_str().unwrap().into(),
            token: p["token"].as_str().unwrap().into(),
        }
    }

    pub async fn phase(&self, w: &Workshop, phase: &str) {
        let (s, body) = self
            .post(
                &format!("/api/sessions/{}/phase", w.session),
                &w.facilitator,
                json!({ "phase": phase }),
            )
            .await;
        assert_eq!(s, StatusCode::OK, "moving to {phase}: {body}");
    }

    /// The facilitator opens the session's results to observers.
    pub async fn publish(&self, w: &Workshop) {
        let (s, body) = self
            .post(
                &format!("/api/sessions/{}/publish", w.session),
                &w.facilitator,
                json!({ "published": true }),
            )
            .await;
        assert_eq!(s, StatusCode::OK, "publishing: {body}");
    }

    /// A participant's first answer to a criterion.
    pub async fn answer(
        &self,
        w: &Workshop,
        who: &Person,
        criterion: &str,
        level: &str,
    ) -> (StatusCode, Value) {
        let key = domino_server::token::new_id();
        self.put(
            &format!("/api/sessions/{}/answers", w.session),
            &who.token,
            json!({
                "criterion": criterion, "level": level, "base_version": 0, "idempotency_key": key,
            }),
        )
        .await
    }
}

/// A participant's id and personal token.
#[derive(Default, Clone)]
pub struct Person {
    pub id: String,
    pub token: String,
}

/// A session ready for rating tests.
pub struct Workshop {
    pub facilitator: String,
    pub initiative: String,
    pub session: String,
    pub join: String,
    pub observer: String,
    pub a: Person,
    pub b: Person,
}

/// One server-sent event: (id, kind, data).
pub type SseEvent = (i64, String, Value);

/// Reads a server-sent events response one event at a time.
pub struct SseReader {
    res: reqwest::Response,
    buf: String,
}

impl SseReader {
    pub async fn open(
        h: &Harness,
        session: &str,
        token: &str,
        last_event_id: Option<i64>,
    ) -> SseReader {
        let mut req = h
            .client
            .get(format!("{}/api/sessions/{session}/events", h.base))
            .bearer_auth(token);
        if let Some(id) = last_event_id {
            req = req.header("Last-Event-ID", id.to_string());
        }
        let res = req.send().await.unwrap();
        assert_eq!(res.status(), StatusCode::OK);
        SseReader {
            res,
            buf: String::new(),
        }
    }

    /// True when the server ends the stream within `wait` (events before the end are read and dropped).
    pub async fn ends_within(&mut self, wait: std::time::Duration) -> bool {
        let deadline = tokio::time::Instant::now() + wait;
        loop {
            match tokio::time::timeout_at(deadline, self.res.chunk()).await {
                Err(_) => return false,
                Ok(Ok(Some(_))) => continue,
                Ok(_) => return true,
            }
        }
    }

    /// The next event (keep-alive comments skipped), or None after `wait`.
    pub async fn next(&mut self, wait: std::time::Duration) -> Option<SseEvent> {
        let deadline = tokio::time::Instant::now() + wait;
        loop {
            if let Some(end) = self.buf.find("\n\n") {
                let block: String = self.buf.drain(..end + 2).collect();
                let (mut id, mut kind, mut data) = (0, String::new(), Value::Null);
                for line in block.lines() {
                    if let Some(v) = line.strip_prefix("id:") {
                        id = v.trim().parse().unwrap();
                    }
                    if let Some(v) = line.strip_prefix("event:") {
                        kind = v.trim().to_string();
                    }
                    if let Some(v) = line.strip_prefix("data:") {
                        data = serde_json::from_str(v.trim()).unwrap();
                    }
                }
                if id > 0 {
                    return Some((id, kind, data));
                }
                continue;
            }
            let chunk = tokio::time::timeout_at(deadline, self.res.chunk())
                .await
                .ok()?
                .ok()??;
            self.buf.push_str(&String::from_utf8_lossy(&chunk));
        }
    }
}
