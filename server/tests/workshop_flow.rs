//! A workshop from rating to results: validation by the engine, versions and
//! idempotency, consensus, the report, the exported files and `domino batch`.

mod common;

use common::Harness;
use reqwest::StatusCode;
use serde_json::{json, Value};

#[tokio::test(flavor = "multi_thread")]
async fn answers_are_checked_by_the_engine_and_refusals_name_the_field() {
    let h = Harness::start().await;
    let w = h.workshop().await;
    h.phase(&w, "rating").await;
    let (s, e) = h.answer(&w, &w.a, "collectif.acceuil", "3").await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(e["error"]["field"], "criterion");
    let msg = e["error"]["message"].as_str().unwrap();
    assert!(
        msg.contains("collectif.acceuil") && msg.contains("collectif.accueil"),
        "a suggestion from the engine: {msg}"
    );
    let (s, e) = h.answer(&w, &w.a, "collectif.accueil", "9").await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(e["error"]["field"], "level");
    assert!(e["error"]["message"].as_str().unwrap().contains('9'), "{e}");
    let (s, e) = h
        .put(
            &format!("/api/sessions/{}/answers", w.session),
            &w.a.token,
            json!({ "criterion": "collectif.accueil", "level": 3 }),
        )
        .await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY, "{e}");
    assert_eq!(e["error"]["code"], "bad-json");
}

#[tokio::test(flavor = "multi_thread")]
async fn a_stale_version_gets_409_with_the_current_value_and_a_replay_the_same_result() {
    let h = Harness::start().await;
    let w = h.workshop().await;
    h.phase(&w, "rating").await;
    let path = format!("/api/sessions/{}/answers", w.session);
    let write = |level: &str, base: i64, key: &str| json!({ "criterion": "collectif.accueil", "level": level, "base_version": base, "idempotency_key": key });
    let (s, first) = h.put(&path, &w.a.token, write("2", 0, "phone-1")).await;
    assert_eq!((s, first["version"].clone()), (StatusCode::OK, json!(1)));
    // The same write again (a lost acknowledgement): the same result, no new version.
    let (s, again) = h.put(&path, &w.a.token, write("2", 0, "phone-1")).await;
    assert_eq!((s, &again), (StatusCode::OK, &first));
    // Another device, based on version 0, does not overwrite silently.
    let (s, e) = h.put(&path, &w.a.token, write("4", 0, "laptop-1")).await;
    assert_eq!(s, StatusCode::CONFLICT);
    assert_eq!(e["error"]["code"], "stale-version");
    assert_eq!(e["error"]["current"]["level"], "2");
    assert_eq!(e["error"]["current"]["version"], 1);
    let (s, second) = h.put(&path, &w.a.token, write("4", 1, "laptop-2")).await;
    assert_eq!((s, second["version"].clone()), (StatusCode::OK, json!(2)));
}

#[tokio::test(flavor = "multi_thread")]
async fn writes_in_the_wrong_phase_and_wrong_phase_moves_are_refused() {
    let h = Harness::start().await;
    let w = h.workshop().await;
    let (s, e) = h.answer(&w, &w.a, "collectif.accueil", "3").await;
    assert_eq!(
        (s, e["error"]["code"].clone()),
        (StatusCode::CONFLICT, json!("wrong-phase")),
        "draft: no answers yet"
    );
    let (s, e) = h
        .post(
            &format!("/api/sessions/{}/phase", w.session),
            &w.facilitator,
            json!({ "phase": "closed" }),
        )
        .await;
    assert_eq!(
        (s, e["error"]["code"].clone()),
        (StatusCode::CONFLICT, json!("phase-order"))
    );
    let (s, e) = h
        .post(
            &format!("/api/sessions/{}/phase", w.session),
            &w.facilitator,
            json!({ "phase": "vote" }),
        )
        .await;
    assert_eq!(
        (s, e["error"]["field"].clone()),
        (StatusCode::UNPROCESSABLE_ENTITY, json!("phase"))
    );
    for phase in ["rating", "reveal", "rating", "reveal", "consensus"] {
        h.phase(&w, phase).await;
    }
    let (s, _) = h.answer(&w, &w.a, "collectif.accueil", "3").await;
    assert_eq!(s, StatusCode::CONFLICT, "consensus: answers are read-only");
}

/// Runs the whole flow and returns the session's exported TOML.
async fn run_workshop(h: &Harness, w: &common::Workshop) -> String {
    h.phase(w, "rating").await;
    for (who, level) in [(&w.a, "4"), (&w.b, "1")] {
        assert_eq!(
            h.answer(w, who, "collectif.accueil", level).await.0,
            StatusCode::OK
        );
        assert_eq!(
            h.answer(w, who, "collectif.decisions", "3").await.0,
            StatusCode::OK
        );
    }
    h.phase(w, "reveal").await;
    h.phase(w, "consensus").await;
    let agree = json!({ "criterion": "collectif.accueil", "level": "3", "note": "Accueil « ouvert » mais codes à connaître", "base_version": 0 });
    let (s, c) = h
        .put(
            &format!("/api/sessions/{}/consensus", w.session),
            &w.facilitator,
            agree,
        )
        .await;
    assert_eq!(s, StatusCode::OK, "{c}");
    h.phase(w, "closed").await;
    let res = h
        .client
        .get(format!(
            "{}/api/sessions/{}/export?format=toml",
            h.base, w.session
        ))
        .bearer_auth(&w.facilitator)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    res.text().await.unwrap()
}

#[tokio::test(flavor = "multi_thread")]
async fn the_exported_session_is_one_assessment_with_each_rating_and_the_agreed_levels() {
    let h = Harness::start().await;
    let w = h.workshop().await;
    let toml = run_workshop(&h, &w).await;
    let a = domino_engine::Assessment::from_toml(&toml).unwrap_or_else(|d| panic!("{d}\n{toml}"));
    assert_eq!(a.meta.raters, ["Anne", "Bruno"]);
    let accueil = &a.answers["collectif.accueil"];
    assert_eq!(accueil.level.as_deref(), Some("3"), "the agreed level");
    assert_eq!(
        accueil.evidence.as_deref(),
        Some("Accueil « ouvert » mais codes à connaître"),
        "the consensus note"
    );
    let by: Vec<(&str, &str)> = accueil
        .by
        .iter()
        .map(|(r, l)| (r.as_str(), l.as_str()))
        .collect();
    assert_eq!(
        by,
        [("Anne", "4"), ("Bruno", "1")],
        "each rating kept for the record"
    );
    let decisions = &a.answers["collectif.decisions"];
    assert_eq!(
        (decisions.level.as_deref(), decisions.by.len()),
        (None, 2),
        "not agreed: per rater only"
    );
    let grid = domino_engine::Grid::from_toml(domino_engine::DOMINO_GRID)
        .unwrap()
        .grid;
    let expected = serde_json::to_value(grid.score(&a, "fr").unwrap()).unwrap();
    let (s, results) = h
        .get(
            &format!("/api/sessions/{}/results?lang=fr", w.session),
            &w.facilitator,
        )
        .await;
    assert_eq!(s, StatusCode::OK);
    assert_eq!(
        results, expected,
        "the results are the engine's report of the exported file"
    );
    let (s, json_export) = h
        .get(
            &format!("/api/sessions/{}/export?format=json", w.session),
            &w.facilitator,
        )
        .await;
    assert_eq!(s, StatusCode::OK);
    assert_eq!(
        json_export["assessment"]["raters"],
        json!(["Anne", "Bruno"])
    );
    assert_eq!(
        json_export["answers"]["collectif.accueil"]["by"],
        json!({ "Anne": "4", "Bruno": "1" })
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn an_observer_file_says_what_was_agreed_not_who_rated_what() {
    let h = Harness::start().await;
    let w = h.workshop().await;
    run_workshop(&h, &w).await;
    h.publish(&w).await;
    let (s, public) = h
        .get(
            &format!("/api/sessions/{}/export?format=json", w.session),
            &w.observer,
        )
        .await;
    assert_eq!(s, StatusCode::OK, "{public}");
    let accueil = &public["answers"]["collectif.accueil"];
    assert_eq!(accueil["level"], "3");
    assert!(
        accueil.get("by").is_none(),
        "agreed: no per-rater levels for the public: {accueil}"
    );
    assert_eq!(
        public["answers"]["collectif.decisions"]["by"],
        json!({ "Anne": "3", "Bruno": "3" }),
        "not agreed: the point to debate needs them"
    );
}

#[derive(clap::Parser)]
struct ScoreCli {
    #[command(flatten)]
    args: domino_cli::score::ScoreArgs,
}

#[tokio::test(flavor = "multi_thread")]
async fn domino_score_reads_the_exported_session_file() {
    use clap::Parser;
    let h = Harness::start().await;
    let w = h.workshop().await;
    let toml = run_workshop(&h, &w).await;
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("session.toml");
    std::fs::write(&file, &toml).unwrap();
    let cli = ScoreCli::parse_from(["score", file.to_str().unwrap(), "--format", "json"]);
    let grid = dir.path().join("domino.toml");
    std::fs::write(&grid, domino_engine::DOMINO_GRID).unwrap();
    let code = domino_cli::score::run(&cli.args, Some(&grid), "fr")
        .unwrap_or_else(|f| panic!("{:?}", f.message));
    assert_eq!(code, 0);
}

#[derive(clap::Parser)]
struct BatchCli {
    #[command(flatten)]
    args: domino_cli::batch::BatchArgs,
}

#[tokio::test(flavor = "multi_thread")]
async fn domino_batch_scores_an_extracted_workspace_archive() {
    use clap::Parser;
    let h = Harness::start().await;
    let w = h.workshop().await;
    run_workshop(&h, &w).await;
    let (s, second) = h
        .post(
            &format!("/api/initiatives/{}/sessions", w.initiative),
            &w.facilitator,
            json!({ "grid": "domino", "from_last": true }),
        )
        .await;
    assert_eq!(s, StatusCode::CREATED, "{second}");
    let res = h
        .client
        .get(format!("{}/api/workspace/export", h.base))
        .bearer_auth(&w.facilitator)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    let bytes = res.bytes().await.unwrap();
    let dir = tempfile::tempdir().unwrap();
    tar::Archive::new(&bytes[..]).unpack(dir.path()).unwrap();
    let assessments = dir.path().join("assessments");
    assert_eq!(
        std::fs::read_dir(&assessments).unwrap().count(),
        1,
        "one file per revealed session"
    );
    assert!(
        !dir.path().join("raters").exists(),
        "one file per session, no second view"
    );
    let note = std::fs::read_to_string(dir.path().join("NOT-EXPORTED.txt")).unwrap();
    assert!(
        note.contains(second["id"].as_str().unwrap()),
        "the draft session is named: {note}"
    );
    let out = dir.path().join("scores.csv");
    let cli = BatchCli::parse_from([
        "batch",
        assessments.to_str().unwrap(),
        "-o",
        out.to_str().unwrap(),
    ]);
    let grid = dir.path().join("grids/domino.toml");
    let code = domino_cli::batch::run(&cli.args, Some(&grid), "fr")
        .unwrap_or_else(|f| panic!("{:?}", f.message));
    assert_eq!(code, 0);
    let csv = std::fs::read_to_string(out).unwrap();
    assert_eq!(
        csv.lines().count(),
        2,
        "a header and one row per session:\n{csv}"
    );
}

/// The answers a newly joined participant reads in a session.
async fn answers_of(h: &Harness, session: &str, person: &Value) -> Vec<Value> {
    let token = person["token"].as_str().unwrap();
    let (_, answers) = h
        .get(&format!("/api/sessions/{session}/answers"), token)
        .await;
    answers["answers"].as_array().unwrap().clone()
}

#[tokio::test(flavor = "multi_thread")]
async fn a_new_session_from_the_last_one_starts_with_its_answers_to_confirm() {
    let h = Harness::start().await;
    let w = h.workshop().await;
    run_workshop(&h, &w).await;
    let (_, next) = h
        .post(
            &format!("/api/initiatives/{}/sessions", w.initiative),
            &w.facilitator,
            json!({ "grid": "domino", "from_last": true }),
        )
        .await;
    assert_eq!(next["previous"], json!(w.session));
    let session = next["id"].as_str().unwrap();
    // Someone else in the room taking the same name gets nothing of hers.
    let join_path = format!("/api/sessions/{session}/join");
    let join_token = next["join_token"].as_str().unwrap();
    let (s, stranger) = h
        .post(
            &join_path,
            join_token,
            json!({ "name": "Anne", "role": "habitant" }),
        )
        .await;
    assert_eq!(s, StatusCode::CREATED);
    assert!(answers_of(&h, session, &stranger).await.is_empty());
    // She comes back with her own link of the last session: her answers, to confirm.
    let (s, again) = h
        .post(
            &join_path,
            join_token,
            json!({ "name": "Anne", "role": "élue", "previous_token": w.a.token }),
        )
        .await;
    assert_eq!(s, StatusCode::CREATED);
    let mine = answers_of(&h, session, &again).await;
    assert_eq!(mine.len(), 2, "{mine:?}");
    assert!(mine.iter().all(|a| a["to_confirm"] == json!(true)));
    assert!(
        mine.iter()
            .any(|a| a["criterion"] == "collectif.accueil" && a["level"] == "4"),
        "{mine:?}"
    );
    let (_, board) = h
        .get(&format!("/api/sessions/{session}/answers"), &w.facilitator)
        .await;
    assert_eq!(board["consensus"][0]["level"], "3");
    assert_eq!(board["consensus"][0]["to_confirm"], true);
}

#[tokio::test(flavor = "multi_thread")]
async fn grid_uploads_are_checked_like_domino_grid_check() {
    let h = Harness::start().await;
    let upload = |body: String| {
        h.client
            .post(format!("{}/api/grids", h.base))
            .bearer_auth(&h.facilitator)
            .body(body)
            .send()
    };
    let res = upload("[grid]\nid = \"x\"\n".into()).await.unwrap();
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let e: Value = res.json().await.unwrap();
    assert_eq!(e["error"]["code"], "invalid-grid");
    assert!(
        e["error"]["message"]
            .as_str()
            .unwrap()
            .contains("grid.toml:"),
        "rendered with places: {e}"
    );
    let res = upload(domino_engine::DOMINO_GRID.into()).await.unwrap();
    assert_eq!(res.status(), StatusCode::CREATED);
    let g: Value = res.json().await.unwrap();
    assert_eq!(g["grid"], "domino");
    let res = upload("#".repeat(2 * 1024 * 1024 + 1)).await.unwrap();
    assert_eq!(res.status(), StatusCode::PAYLOAD_TOO_LARGE);
    let e: Value = res.json().await.unwrap();
    assert_eq!(e["error"]["code"], "too-large");
}

#[tokio::test(flavor = "multi_thread")]
async fn limits_are_refused_with_a_message_naming_them() {
    let h = Harness::start().await;
    let w = h.workshop().await;
    h.phase(&w, "rating").await;
    let join = format!("/api/sessions/{}/join", w.session);
    let (s, e) = h
        .post(
            &join,
            &w.join,
            json!({ "name": "n".repeat(101), "role": "élu" }),
        )
        .await;
    assert_eq!(
        (s, e["error"]["field"].clone()),
        (StatusCode::BAD_REQUEST, json!("name"))
    );
    assert!(e["error"]["message"].as_str().unwrap().contains("100"));
    let (s, e) = h.put(&format!("/api/sessions/{}/answers", w.session), &w.a.token, json!({
        "criterion": "collectif.accueil", "level": "3", "evidence": "é".repeat(4001), "base_version": 0, "idempotency_key": "k" })).await;
    assert_eq!(
        (s, e["error"]["field"].clone()),
        (StatusCode::BAD_REQUEST, json!("evidence"))
    );
    let (s, e) = h
        .post(
            "/api/initiatives",
            &w.facilitator,
            json!({ "name": "x", "profile": { "a": "b".repeat(70_000) } }),
        )
        .await;
    assert_eq!(
        (s, e["error"]["code"].clone()),
        (StatusCode::PAYLOAD_TOO_LARGE, json!("too-large"))
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn a_session_takes_500_participants_and_refuses_the_501st() {
    let h = Harness::start().await;
    let w = h.workshop().await;
    for i in 2..500 {
        h.join(&w, &format!("P{i}"), "habitant").await;
    }
    let (s, e) = h
        .post(
            &format!("/api/sessions/{}/join", w.session),
            &w.join,
            json!({ "name": "Un de trop", "role": "habitant" }),
        )
        .await;
    assert_eq!(
        (s, e["error"]["code"].clone()),
        (StatusCode::CONFLICT, json!("session-full"))
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn an_initiative_profile_is_checked_against_the_grid_profile_fields() {
    let h = Harness::start().await;
    let (s, e) = h
        .post(
            "/api/initiatives",
            &h.facilitator,
            json!({ "name": "AMAP", "profile": { "familly": "x" } }),
        )
        .await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY, "{e}");
    assert_eq!(
        (e["error"]["code"].clone(), e["error"]["field"].clone()),
        (json!("invalid-profile"), json!("profile.familly"))
    );
    assert!(
        e["error"]["message"]
            .as_str()
            .unwrap()
            .contains("did you mean `family`?"),
        "{e}"
    );
    let (s, e) = h
        .post(
            "/api/initiatives",
            &h.facilitator,
            json!({ "name": "AMAP", "profile": { "family": "nope" } }),
        )
        .await;
    assert_eq!(
        (s, e["error"]["field"].clone()),
        (StatusCode::UNPROCESSABLE_ENTITY, json!("profile.family")),
        "{e}"
    );
    let grid = domino_engine::Grid::from_toml(domino_engine::DOMINO_GRID)
        .unwrap()
        .grid;
    let family = grid.profile.iter().find(|f| f.id == "family").unwrap();
    let code = &family.choices.as_ref().unwrap()[0].code;
    let (s, ok) = h
        .post(
            "/api/initiatives",
            &h.facilitator,
            json!({ "name": "AMAP", "profile": { "family": code } }),
        )
        .await;
    assert_eq!(s, StatusCode::CREATED, "{ok}");
}
