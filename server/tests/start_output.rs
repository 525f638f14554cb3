//! What `domino serve` prints at start: the facilitator's link only when the
//! workspace is made, or when asked for with `--new-facilitator-link`.

mod common;

use common::process::spawn_output;
use reqwest::StatusCode;

async fn me(base: &str, token: &str) -> StatusCode {
    reqwest::Client::new()
        .get(format!("{base}/api/me"))
        .bearer_auth(token)
        .send()
        .await
        .unwrap()
        .status()
}

#[tokio::test(flavor = "multi_thread")]
async fn the_facilitator_link_is_printed_once_and_a_new_one_only_on_demand() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("workshops.db");
    let (mut first, out) = spawn_output(&db, &[]);
    let old = out
        .token
        .expect("a new workspace prints its facilitator's link");
    assert!(
        out.lines
            .iter()
            .any(|l| l.starts_with("participants join at http://127.0.0.1:")),
        "{:?}",
        out.lines
    );
    assert!(
        out.lines
            .iter()
            .any(|l| l.starts_with("note: ") && l.contains("--listen 0.0.0.0")),
        "{:?}",
        out.lines
    );
    first.kill().unwrap();
    first.wait().unwrap();

    let (mut again, out) = spawn_output(&db, &[]);
    assert_eq!(
        out.token, None,
        "a later start prints no secret: {:?}",
        out.lines
    );
    assert!(
        out.lines
            .last()
            .unwrap()
            .contains("domino serve --new-facilitator-link"),
        "{:?}",
        out.lines
    );
    again.kill().unwrap();
    again.wait().unwrap();

    let (mut asked, out) = spawn_output(&db, &["--new-facilitator-link"]);
    let new = out.token.expect("--new-facilitator-link prints one");
    assert_ne!(new, old);
    assert_eq!(me(&out.base, &new).await, StatusCode::OK);
    assert_eq!(
        me(&out.base, &old).await,
        StatusCode::OK,
        "the earlier link stays valid"
    );
    asked.kill().unwrap();
    asked.wait().unwrap();
}

#[tokio::test(flavor = "multi_thread")]
async fn a_database_password_never_reaches_the_terminal() {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_domino-serve"))
        .args([
            "--db",
            "postgres://domino:s3cret-word@127.0.0.1:1/ateliers",
            "--listen",
            "127.0.0.1:0",
        ])
        .env("DOMINO_LOG", "debug")
        .output()
        .unwrap();
    assert!(!out.status.success());
    let printed = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        printed.contains("postgres://domino:***@127.0.0.1:1/ateliers"),
        "{printed}"
    );
    assert!(!printed.contains("s3cret-word"), "{printed}");
}
