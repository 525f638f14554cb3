//! Reading the server: the facilitator's overview, a session as a link may see it, its
//! grid. Each reading asks only what the role may read (see `server/README.md`).

use super::api::{Answers, Link, Me, Overview, Session};
use super::model::Loaded;
use super::net::{self, Failure};
use domino_engine::Grid;
use std::rc::Rc;

/// The workspace and its links (facilitator).
pub async fn overview(token: Rc<str>) -> Result<(Overview, Vec<Link>), Failure> {
    #[derive(serde::Deserialize)]
    struct Links {
        links: Vec<Link>,
    }
    let o: Overview = net::get("/api/workspace", &token).await?;
    let l: Links = net::get("/api/links", &token).await?;
    Ok((o, l.links))
}

/// Whether `role` may read the report of `session` now.
pub fn reads_results(role: &str, session: &Session) -> bool {
    let revealed = matches!(session.phase.as_str(), "reveal" | "consensus" | "closed");
    match role {
        "facilitator" | "participant" => revealed,
        "observer" => session.phase == "closed" && session.published,
        _ => false,
    }
}

/// The session, its answers and its report, as far as the link may read them.
pub async fn reading(token: Rc<str>, me: Me, id: String) -> Result<Loaded, Failure> {
    let session: Session = net::get(&format!("/api/sessions/{id}"), &token).await?;
    let answers: Answers = match me.role.as_str() {
        "facilitator" | "participant" => {
            net::get(&format!("/api/sessions/{id}/answers"), &token).await?
        }
        _ => Answers::default(),
    };
    let file = if reads_results(&me.role, &session) {
        Some(consolidated(&token, &id).await?)
    } else {
        None
    };
    let raters = match (&file, me.role.as_str()) {
        (Some(_), "facilitator" | "participant") => Some(export(&token, &id, "raters").await?),
        _ => None,
    };
    let previous = match (&session.previous, me.role.as_str(), &file) {
        (Some(prev), "facilitator", Some(_)) => consolidated(&token, prev).await.ok(),
        _ => None,
    };
    Ok(Loaded {
        session,
        answers,
        consolidated: file,
        previous,
        raters,
    })
}

/// The session's consolidated assessment file (the one `GET …/results` scores): the
/// page scores it with the engine, as the offline app scores its own.
async fn consolidated(token: &str, id: &str) -> Result<Rc<str>, Failure> {
    export(token, id, "consolidated").await
}

/// The session as an assessment file (JSON): `consolidated` or `raters`.
async fn export(token: &str, id: &str, view: &str) -> Result<Rc<str>, Failure> {
    let path = format!("/api/sessions/{id}/export?format=json&view={view}");
    net::text("GET", &path, token, None).await.map(Rc::from)
}

/// The session's grid, in the resolved form the server checked and wrote (the workshop
/// shows no lint warning, and carries no TOML loader).
pub async fn grid(token: Rc<str>, id: String) -> Result<Rc<Grid>, Failure> {
    let path = format!("/api/sessions/{id}/grid/resolved");
    let source = net::text("GET", &path, &token, None).await?;
    crate::engine_bridge::read_resolved_grid("grid.json", &source)
        .map(Rc::new)
        .map_err(|refused| {
            Failure::Refused(
                422,
                super::api::Refusal {
                    code: "invalid-grid".into(),
                    message: refused.rendered.shown.join("\n"),
                    current: None,
                },
            )
        })
}
