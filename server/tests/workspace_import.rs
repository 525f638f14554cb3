//! A workspace archive read back into another workspace gives the same files:
//! no lock-in, and a folder of CLI files comes into the server the same way.

mod common;

use common::Harness;
use reqwest::StatusCode;
use serde_json::{json, Value};
use std::collections::BTreeMap;

/// The archive of the workspace `token` opens.
async fn export(h: &Harness, token: &str) -> Vec<u8> {
    let res = h
        .client
        .get(format!("{}/api/workspace/export", h.base))
        .bearer_auth(token)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    res.bytes().await.unwrap().to_vec()
}

async fn import(h: &Harness, token: &str, archive: Vec<u8>) -> (StatusCode, Value) {
    let res = h
        .client
        .post(format!("{}/api/workspace/import", h.base))
        .bearer_auth(token)
        .header("content-type", "application/x-tar")
        .body(archive)
        .send()
        .await
        .unwrap();
    (res.status(), res.json().await.unwrap_or(Value::Null))
}

/// The assessments of an archive by initiative and date, without the session ids (new on import).
fn assessments(archive: &[u8]) -> BTreeMap<(String, String), domino_engine::Assessment> {
    let mut out = BTreeMap::new();
    for entry in tar::Archive::new(archive).entries().unwrap() {
        let mut entry = entry.unwrap();
        let path = entry.path().unwrap().display().to_string();
        if !path.starts_with("assessments") {
            continue;
        }
        let mut text = String::new();
        std::io::Read::read_to_string(&mut entry, &mut text).unwrap();
        let mut a = domino_engine::Assessment::from_toml(&text).unwrap();
        a.meta.id = None;
        out.insert(
            (
                a.meta.initiative.clone(),
                a.meta.date.clone().unwrap_or_default(),
            ),
            a,
        );
    }
    out
}

/// A closed session with two ratings and a consensus.
async fn closed_session(h: &Harness) -> common::Workshop {
    let w = h.workshop().await;
    h.phase(&w, "rating").await;
    for (who, level) in [(&w.a, "4"), (&w.b, "1")] {
        assert_eq!(
            h.answer(&w, who, "collectif.accueil", level).await.0,
            StatusCode::OK
        );
    }
    h.answer(&w, &w.a, "collectif.decisions", "2").await;
    for phase in ["reveal", "consensus"] {
        h.phase(&w, phase).await;
    }
    let agree = json!({ "criterion": "collectif.accueil", "level": "3", "note": "Accueil « ouvert »", "base_version": 0 });
    assert_eq!(
        h.put(
            &format!("/api/sessions/{}/consensus", w.session),
            &w.facilitator,
            agree
        )
        .await
        .0,
        StatusCode::OK
    );
    h.phase(&w, "closed").await;
    w
}

#[tokio::test(flavor = "multi_thread")]
async fn an_exported_workspace_imported_elsewhere_exports_the_same_files() {
    let h = Harness::start().await;
    closed_session(&h).await;
    let first = export(&h, &h.facilitator).await;
    let other = h.other_workspace().await;
    let (s, done) = import(&h, &other, first.clone()).await;
    assert_eq!(s, StatusCode::CREATED, "{done}");
    assert_eq!(done["sessions"].as_array().unwrap().len(), 1, "{done}");
    assert!(done["skipped"].as_array().unwrap().is_empty(), "{done}");
    let again = export(&h, &other).await;
    let (before, after) = (assessments(&first), assessments(&again));
    assert_eq!(before.len(), 1);
    assert_eq!(
        before, after,
        "the same assessments, ratings, agreed levels and notes"
    );
    let accueil = &after.values().next().unwrap().answers["collectif.accueil"];
    assert_eq!((accueil.level.as_deref(), accueil.by.len()), (Some("3"), 2));
    // The imported session is closed: its results read as before.
    let (_, ws) = h.get("/api/workspace", &other).await;
    let session = ws["initiatives"][0]["sessions"][0]["id"].as_str().unwrap();
    let (s, _) = h
        .get(&format!("/api/sessions/{session}/results"), &other)
        .await;
    assert_eq!(s, StatusCode::OK);
    // The same archive again: the initiative is found by name, the session follows its last one.
    let (s, done) = import(&h, &other, first).await;
    assert_eq!(s, StatusCode::CREATED, "{done}");
    let (_, ws) = h.get("/api/workspace", &other).await;
    let initiatives = ws["initiatives"].as_array().unwrap();
    assert_eq!(initiatives.len(), 1, "{ws}");
    assert_eq!(initiatives[0]["sessions"][1]["previous"], json!(session));
}

#[tokio::test(flavor = "multi_thread")]
async fn an_archive_with_a_bad_file_is_refused_whole_naming_the_file_and_line() {
    let h = Harness::start().await;
    let mut tar = tar::Builder::new(Vec::new());
    let good = "[assessment]\ngrid = \"domino\"\ninitiative = \"AMAP\"\n\n[answers]\n\"collectif.accueil\" = { level = \"2\" }\n";
    let bad = "[assessment]\ngrid = \"domino\"\ninitiative = \"SEL\"\n\n[answers]\n\"collectif.acceuil\" = { level = \"2\" }\n";
    for (path, body) in [
        ("assessments/amap.toml", good),
        ("assessments/sel.toml", bad),
        ("notes.txt", "x"),
    ] {
        let mut head = tar::Header::new_gnu();
        head.set_size(body.len() as u64);
        head.set_mode(0o644);
        head.set_cksum();
        tar.append_data(&mut head, path, body.as_bytes()).unwrap();
    }
    let archive = tar.into_inner().unwrap();
    let (s, e) = import(&h, &h.facilitator, archive).await;
    assert_eq!(
        (s, e["error"]["field"].clone()),
        (
            StatusCode::UNPROCESSABLE_ENTITY,
            json!("assessments/sel.toml")
        ),
        "{e}"
    );
    let msg = e["error"]["message"].as_str().unwrap();
    assert!(
        msg.contains("assessments/sel.toml:6:") && msg.contains("collectif.accueil"),
        "located, with a suggestion: {msg}"
    );
    let (_, ws) = h.get("/api/workspace", &h.facilitator).await;
    assert_eq!(ws["initiatives"], json!([]), "nothing imported: {ws}");
    for token in [None, Some("not-a-token")] {
        let res = h.client.post(format!("{}/api/workspace/import", h.base));
        let res = match token {
            Some(t) => res.bearer_auth(t),
            None => res,
        };
        assert_eq!(
            res.body(vec![0u8; 10]).send().await.unwrap().status(),
            StatusCode::UNAUTHORIZED
        );
    }
    let (s, e) = import(&h, &h.facilitator, b"not a tar".to_vec()).await;
    assert_eq!(
        (s, e["error"]["code"].clone()),
        (StatusCode::BAD_REQUEST, json!("bad-archive")),
        "{e}"
    );
}
