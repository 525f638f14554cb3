//! The join QR code on the board: an SVG of the join link at the address
//! participants reach, for the facilitator only.

mod common;

use common::Harness;
use reqwest::StatusCode;
use serde_json::json;
use std::collections::BTreeSet;

/// The dark modules (column, row) drawn in an SVG from `domino_server::qr`.
fn modules_of_svg(svg: &str) -> BTreeSet<(u32, u32)> {
    let px = domino_server::qr::MODULE_PX;
    let quiet = domino_server::qr::QUIET_ZONE;
    let d = svg
        .split(" d=\"")
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .expect("one path of dark modules");
    let mut dark = BTreeSet::new();
    for rect in d.split('M').filter(|r| !r.is_empty()) {
        // M{left} {top}h{width}v{height}H{left}V{top}
        let nums: Vec<u32> = rect
            .split(|c: char| !c.is_ascii_digit())
            .filter(|n| !n.is_empty())
            .map(|n| n.parse().unwrap())
            .collect();
        let [left, top, width, height, ..] = nums[..] else {
            panic!("a rectangle: {rect}")
        };
        for x in (left..left + width).step_by(px as usize) {
            for y in (top..top + height).step_by(px as usize) {
                dark.insert((x / px - quiet, y / px - quiet));
            }
        }
    }
    dark
}

/// The dark modules of `text` encoded by the QR library itself.
fn modules_of_text(text: &str) -> BTreeSet<(u32, u32)> {
    let code = qrcode::QrCode::with_error_correction_level(text, qrcode::EcLevel::M).unwrap();
    let width = code.width();
    code.to_colors()
        .iter()
        .enumerate()
        .filter(|(_, c)| **c == qrcode::Color::Dark)
        .map(|(i, _)| ((i % width) as u32, (i / width) as u32))
        .collect()
}

#[tokio::test(flavor = "multi_thread")]
async fn the_board_gets_the_join_link_and_its_qr_code_at_the_reachable_address() {
    let h = Harness::start().await;
    let w = h.workshop().await;
    let path = format!("/api/sessions/{}/join-qr", w.session);
    let (s, qr) = h
        .post(&path, &w.facilitator, json!({ "token": w.join }))
        .await;
    assert_eq!(s, StatusCode::OK, "{qr}");
    let url = qr["join_url"].as_str().unwrap();
    assert_eq!(
        url,
        format!("http://{}/#/t/{}", h.addr, w.join),
        "the secret stays in the fragment"
    );
    let svg = qr["svg"].as_str().unwrap();
    assert!(
        svg.contains("<svg xmlns=\"http://www.w3.org/2000/svg\"") && svg.ends_with("</svg>"),
        "{svg}"
    );
    assert_eq!(
        svg.matches('<').count(),
        svg.matches('>').count(),
        "tags are closed"
    );
    assert!(!modules_of_text(url).is_empty());
    assert_eq!(
        modules_of_svg(svg),
        modules_of_text(url),
        "the SVG draws the join link's modules"
    );
    assert!(
        qr["warning"].as_str().unwrap().contains("--listen 0.0.0.0"),
        "{qr}"
    );
    // Without a token, a new join link: it lets a participant in.
    let (s, fresh) = h.post(&path, &w.facilitator, json!({})).await;
    assert_eq!(s, StatusCode::CREATED, "{fresh}");
    let token = fresh["join_token"].as_str().unwrap();
    assert_ne!(token, w.join);
    assert_eq!(
        modules_of_svg(fresh["svg"].as_str().unwrap()),
        modules_of_text(fresh["join_url"].as_str().unwrap())
    );
    let (s, _) = h
        .post(
            &format!("/api/sessions/{}/join", w.session),
            token,
            json!({ "name": "Chloé", "role": "membre" }),
        )
        .await;
    assert_eq!(s, StatusCode::CREATED);
}

#[tokio::test(flavor = "multi_thread")]
async fn only_the_facilitator_of_the_session_gets_its_qr_code_and_only_for_its_join_links() {
    let h = Harness::start().await;
    let w = h.workshop().await;
    let path = format!("/api/sessions/{}/join-qr", w.session);
    for token in [&w.join, &w.a.token, &w.observer] {
        let (s, e) = h.post(&path, token, json!({})).await;
        assert_eq!(
            (s, e["error"]["code"].clone()),
            (StatusCode::FORBIDDEN, json!("forbidden"))
        );
    }
    let other = h.other_workspace().await;
    assert_eq!(
        h.post(&path, &other, json!({})).await.0,
        StatusCode::FORBIDDEN
    );
    let (s, e) = h
        .post(&path, &w.facilitator, json!({ "token": w.observer }))
        .await;
    assert_eq!(
        (s, e["error"]["field"].clone()),
        (StatusCode::UNPROCESSABLE_ENTITY, json!("token"))
    );
    assert!(
        e["error"]["message"]
            .as_str()
            .unwrap()
            .contains("send no token"),
        "{e}"
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn the_links_carry_the_public_url_when_one_is_given() {
    let dir = tempfile::tempdir().unwrap();
    let started = domino_server::start(domino_server::ServeArgs {
        db: common::test_db(dir.path()).await,
        listen: "127.0.0.1:0".parse().unwrap(),
        public_url: Some("https://ateliers.example.org/".into()),
        web: None,
        new_workspace: None,
        new_facilitator_link: None,
    })
    .await
    .unwrap();
    assert_eq!(started.public_url, "https://ateliers.example.org");
    assert_eq!(started.warning, None);
    let link = started.facilitator_link.unwrap();
    assert!(
        link.starts_with("https://ateliers.example.org/#/t/"),
        "{link}"
    );
    started.task.abort();
}
