//! The join link shown in the room, large, with its QR code. The link and its token are
//! kept in this browser when the session is made (the server keeps only a hash); the QR
//! code comes from the server's facilitator-only `POST /api/sessions/{id}/join-qr`
//! (body `{ "token" }`, answer `{ "join_url", "svg" }`), drawn from the address
//! participants can reach (`--listen`, `--public-url`). A server without it shows the
//! link's text alone.

use super::api::Session;
use super::{net, Ctx};
use crate::dom::BrowserStore;
use crate::i18n::{Lang, Pick};
use crate::store::KeyValue;
use yew::prelude::*;

/// The storage key of a session's join link.
pub fn key(session: &str) -> String {
    format!("domino.workshop.join.{session}")
}

fn token_key(session: &str) -> String {
    format!("domino.workshop.join-token.{session}")
}

/// Keeps a session's join link and its token in this browser.
pub fn remember(session: &str, link: &str, token: &str) {
    let mut store = BrowserStore::open();
    let _ = store.set(&key(session), link);
    let _ = store.set(&token_key(session), token);
}

/// The join panel of `session`.
pub fn view(ctx: &Ctx, session: &Session) -> Html {
    let store = BrowserStore::open();
    let link = store.get(&key(&session.id));
    let join = store.get(&token_key(&session.id));
    html! {
        <JoinPanel token={ctx.token.to_string()} session={session.id.clone()} lang={ctx.lang} {link} {join}
            refresh={new_link(ctx, &session.id)} />
    }
}

/// A new join link (after one was revoked, or on another screen), kept here.
fn new_link(ctx: &Ctx, session: &str) -> Callback<MouseEvent> {
    let (ctx, session) = (ctx.clone(), session.to_string());
    Callback::from(move |_| {
        #[derive(serde::Deserialize)]
        struct Made {
            link: String,
            token: String,
        }
        let (token, s) = (ctx.token.clone(), session.clone());
        let d = ctx.dispatch.clone();
        let body = net::Body::new().with("role", "join");
        ctx.run(
            async move {
                net::json::<Made>(
                    "POST",
                    &format!("/api/sessions/{s}/links"),
                    &token,
                    Some(&body),
                )
                .await
            },
            {
                let session = session.clone();
                move |made| {
                    remember(&session, &made.link, &made.token);
                    d.dispatch(super::model::Msg::Event("link".into()));
                }
            },
        );
    })
}

#[derive(Properties, PartialEq)]
struct JoinPanelProps {
    token: String,
    session: String,
    lang: Lang,
    link: Option<String>,
    join: Option<String>,
    refresh: Callback<MouseEvent>,
}

#[derive(Clone, PartialEq, serde::Deserialize)]
struct Qr {
    join_url: String,
    svg: String,
}

#[function_component(JoinPanel)]
fn join_panel(p: &JoinPanelProps) -> Html {
    let l = p.lang;
    let qr = use_state(|| None::<Qr>);
    {
        let (qr, token, session) = (qr.clone(), p.token.clone(), p.session.clone());
        use_effect_with((session, p.join.clone()), move |(session, join)| {
            let (session, join) = (session.clone(), join.clone());
            qr.set(None);
            if let Some(join) = join {
                wasm_bindgen_futures::spawn_local(async move {
                    let path = format!("/api/sessions/{session}/join-qr");
                    let body = net::Body::new().with("token", &join);
                    if let Ok(found) = net::json::<Qr>("POST", &path, &token, Some(&body)).await {
                        qr.set(Some(found));
                    }
                });
            }
        });
    }
    let link = qr
        .as_ref()
        .map(|q| q.join_url.clone())
        .or_else(|| p.link.clone());
    html! {
        <section class="join-panel" aria-labelledby="join-h">
            <h2 id="join-h">{ l.pick("Rejoindre depuis son téléphone", "Join from your phone") }</h2>
            <div class="join-body">
                { match qr.as_ref() {
                    Some(q) => html! { <img class="qr" src={crate::ui::svg_src(&q.svg)} width="280" height="280"
                        alt={l.pick("Code QR du lien d’invitation", "QR code of the join link")} /> },
                    None => html! { <div class="qr placeholder" aria-hidden="true">{ "QR" }</div> },
                } }
                <div>
                    if let Some(link) = link {
                        <p class="join-link" id="join-link">{ link }</p>
                    } else {
                        <p>{ l.pick("Le lien d’invitation a été créé sur un autre écran.", "The join link was made on another screen.") }</p>
                    }
                    <p class="no-print"><button type="button" id="new-join-link" onclick={p.refresh.clone()}>
                        { l.pick("Nouveau lien d’invitation", "New join link") }</button></p>
                </div>
            </div>
        </section>
    }
}
