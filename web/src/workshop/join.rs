//! The join page: a name and a role, then the person's own link (kept in this browser,
//! and shown so they can continue on another device). Joining a session that follows
//! one this browser took part in sends that personal link, so that the answers given
//! there come back pre-filled, to confirm.

use super::api::Joined;
use super::links::{self, Held};
use super::{net, Ctx};
use crate::dom::BrowserStore;
use crate::i18n::{Lang, Pick};
use crate::route::{Page, Route};
use web_sys::HtmlInputElement;
use yew::prelude::*;

/// Role labels offered (a person may write another).
fn roles(l: Lang) -> [&'static str; 5] {
    [
        l.pick("élu", "elected official"),
        l.pick("technicien", "local government officer"),
        l.pick("membre", "member"),
        l.pick("habitant", "resident"),
        l.pick("partenaire", "partner"),
    ]
}

/// The join form, or the way back to the link already held for this session.
pub fn view(ctx: &Ctx) -> Html {
    let l = ctx.lang;
    let session = ctx.w().selected.clone().unwrap_or_default();
    let held = links::participant_of(&BrowserStore::open(), &session);
    html! {
        <>
            { crate::ui::h1(l.pick("Rejoindre l’atelier", "Join the workshop")) }
            if let Some(h) = held {
                <p class="notice info" id="already-joined">
                    { l.pick("Vous avez déjà rejoint cette séance dans ce navigateur", "You already joined this session in this browser") }
                    { format!(" ({}). ", h.name.clone().unwrap_or_default()) }
                    <a href={Route::new(l, Page::Workshop(h.token.clone())).to_hash()}>{ l.pick("Continuer", "Continue") }</a>
                </p>
            }
            { form(ctx, session) }
        </>
    }
}

fn form(ctx: &Ctx, session: String) -> Html {
    let l = ctx.lang;
    let name = NodeRef::default();
    let role = NodeRef::default();
    let onsubmit = {
        let (ctx, name, role) = (ctx.clone(), name.clone(), role.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let value = |r: &NodeRef| {
                r.cast::<HtmlInputElement>()
                    .map(|i| i.value())
                    .unwrap_or_default()
            };
            join(&ctx, &session, value(&name).trim(), value(&role).trim());
        })
    };
    html! {
        <form class="join" {onsubmit}>
            <p class="field">
                <label for="join-name">{ l.pick("Votre nom (tel que le groupe le verra)", "Your name (as the group will see it)") }</label>
                <input id="join-name" ref={name} required=true maxlength="100" autocomplete="name" />
            </p>
            <p class="field">
                <label for="join-role">{ l.pick("Votre rôle", "Your role") }</label>
                <input id="join-role" ref={role} list="join-roles" required=true maxlength="100" />
                <datalist id="join-roles">{ for roles(l).iter().map(|r| html!{ <option value={*r} /> }) }</datalist>
            </p>
            <p><button type="submit" class="primary big" id="join-submit">{ l.pick("Rejoindre", "Join") }</button></p>
        </form>
    }
}

/// Joins, keeps the personal link, and opens it.
fn join(ctx: &Ctx, session: &str, name: &str, role: &str) {
    let mut body = net::Body::new().with("name", name).with("role", role);
    let l = ctx.lang;
    let token = ctx.token.clone();
    let session = session.to_string();
    let (name, previous) = (
        name.to_string(),
        ctx.w().session.as_ref().and_then(|s| s.previous.clone()),
    );
    if let Some(prev) = previous.and_then(|p| links::participant_of(&BrowserStore::open(), &p)) {
        body = body.with("previous_token", &prev.token);
    }
    let request = async move {
        let path = format!("/api/sessions/{session}/join");
        let joined: Joined = net::json("POST", &path, &token, Some(&body)).await?;
        Ok((joined, session))
    };
    ctx.run(request, move |(joined, session): (Joined, String)| {
        let _ = links::remember(
            &mut BrowserStore::open(),
            Held {
                token: joined.token.clone(),
                role: "participant".into(),
                session: Some(session),
                name: Some(name),
            },
        );
        let hash = Route::new(l, Page::Workshop(joined.token)).to_hash();
        if let Some(w) = crate::dom::window() {
            let _ = w.location().set_hash(&hash);
        }
    });
}
