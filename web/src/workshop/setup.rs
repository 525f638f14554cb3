//! The facilitator's set-up: the initiatives and their sessions, a new initiative, a new
//! session started from the last one (its answers pre-filled, to confirm), and the
//! session's links, each revocable.

use super::api::{Created, Session};
use super::model::{Msg, Workshop};
use super::{join_panel, net, Ctx};
use crate::dom::BrowserStore;
use crate::i18n::Pick;
use crate::store::KeyValue;
use web_sys::HtmlInputElement;
use yew::prelude::*;

/// The name of an initiative (shown as text).
pub fn initiative_name(w: &Workshop, id: &str) -> String {
    w.overview
        .as_ref()
        .and_then(|o| o.initiatives.iter().find(|i| i.id == id))
        .map(|i| i.name.clone())
        .unwrap_or_default()
}

fn observer_key(session: &str) -> String {
    format!("domino.workshop.observer.{session}")
}

/// The sessions by initiative, and the forms to start one.
pub fn view(ctx: &Ctx) -> Html {
    let l = ctx.lang;
    let w = ctx.w();
    let initiatives = w
        .overview
        .as_ref()
        .map(|o| o.initiatives.clone())
        .unwrap_or_default();
    html! {
        <section class="sessions no-print" aria-labelledby="sessions-h">
            <h2 id="sessions-h">{ l.pick("Initiatives et séances", "Initiatives and sessions") }</h2>
            <ul>
                { for initiatives.iter().map(|i| html! {
                    <li>
                        <strong>{ &i.name }</strong>
                        <ul>{ for i.sessions.iter().map(|s| session_item(ctx, &s.id, &s.date, &s.phase)) }</ul>
                        if !i.sessions.is_empty() {
                            <button type="button" class="from-last" onclick={create(ctx, i.id.clone(), true)}>
                                { l.pick("Nouvelle séance à partir de la dernière", "New session from the last one") }
                            </button>
                        }
                    </li>
                }) }
            </ul>
            { new_initiative(ctx) }
        </section>
    }
}

fn session_item(ctx: &Ctx, id: &str, date: &str, phase: &str) -> Html {
    let l = ctx.lang;
    let here = ctx.w().selected.as_deref() == Some(id);
    let d = ctx.dispatch.clone();
    let target = id.to_string();
    let open = Callback::from(move |_| d.dispatch(Msg::Select(target.clone())));
    html! {
        <li>
            { format!("{date} — {}", super::board::phase_name(l, phase)) }
            if here { <span class="badge">{ l.pick("affichée", "shown") }</span> }
            else { <button type="button" onclick={open}>{ l.pick("Ouvrir", "Open") }</button> }
        </li>
    }
}

fn new_initiative(ctx: &Ctx) -> Html {
    let l = ctx.lang;
    let name = NodeRef::default();
    let onsubmit = {
        let (ctx, name) = (ctx.clone(), name.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let value = name
                .cast::<HtmlInputElement>()
                .map(|i| i.value())
                .unwrap_or_default();
            start_initiative(&ctx, value.trim().to_string());
        })
    };
    html! {
        <form class="new-initiative" {onsubmit}>
            <p class="field">
                <label for="initiative-name">{ l.pick("Nouvelle initiative (nom)", "New initiative (name)") }</label>
                <input id="initiative-name" ref={name} required=true maxlength="100" />
            </p>
            <p><button type="submit" class="primary" id="create-session">{ l.pick("Créer l’initiative et sa première séance", "Create the initiative and its first session") }</button></p>
        </form>
    }
}

fn start_initiative(ctx: &Ctx, name: String) {
    #[derive(serde::Deserialize)]
    struct Made {
        id: String,
    }
    let token = ctx.token.clone();
    let c = ctx.clone();
    let body = net::Body::new().with("name", &name);
    ctx.run(
        async move { net::json::<Made>("POST", "/api/initiatives", &token, Some(&body)).await },
        move |made| start_session(&c, &made.id, false),
    );
}

fn create(ctx: &Ctx, initiative: String, from_last: bool) -> Callback<MouseEvent> {
    let ctx = ctx.clone();
    Callback::from(move |_| start_session(&ctx, &initiative, from_last))
}

/// Starts a session of `initiative` on the grid of the session shown (DOMINO by
/// default), from the last one when `from_last`, and shows it.
fn start_session(ctx: &Ctx, initiative: &str, from_last: bool) {
    // The session names a built-in grid `builtin:NAME`; a new session takes `NAME`.
    let grid = ctx.w().session.as_ref().map(|s| {
        let key = &s.grid_key;
        key.strip_prefix("builtin:").unwrap_or(key).to_string()
    });
    let grid = grid.filter(|k| !k.is_empty());
    let body = net::Body::new()
        .with("grid", grid.as_deref().unwrap_or("domino"))
        .with("from_last", &from_last);
    let (token, path) = (
        ctx.token.clone(),
        format!("/api/initiatives/{initiative}/sessions"),
    );
    let d = ctx.dispatch.clone();
    ctx.run(
        async move { net::json::<Created>("POST", &path, &token, Some(&body)).await },
        move |made| {
            join_panel::remember(&made.id, &made.join_link, &made.join_token);
            let _ = BrowserStore::open().set(&observer_key(&made.id), &made.observer_link);
            d.dispatch(Msg::Select(made.id));
        },
    );
}

/// The session's links: the observer's (to share the results), and every link, revocable.
pub fn links(ctx: &Ctx, session: &Session) -> Html {
    let l = ctx.lang;
    let observer = BrowserStore::open().get(&observer_key(&session.id));
    let name_of = |participant: &Option<String>| {
        participant
            .as_ref()
            .and_then(|p| session.participants.iter().find(|x| &x.id == p))
            .map(|p| p.name.clone())
    };
    let own: Vec<_> = ctx
        .w()
        .links
        .iter()
        .filter(|k| k.session.as_deref() == Some(session.id.as_str()))
        .cloned()
        .collect();
    html! {
        <details class="links no-print">
            <summary>{ l.pick("Liens de la séance", "The session’s links") }</summary>
            if let Some(link) = observer {
                <p>{ format!("{}{}", l.pick("Lien observateur (résultats publiés)", "Observer link (published results)"), l.colon()) }<code id="observer-link">{ link }</code></p>
            }
            <ul>
                { for own.iter().map(|k| {
                    let who = name_of(&k.participant).unwrap_or_else(|| k.role.clone());
                    let revoked = k.revoked_at.is_some();
                    let id = k.id.clone();
                    let c = ctx.clone();
                    let revoke = Callback::from(move |_| revoke(&c, &id));
                    html! {
                        <li>
                            <span class="who">{ who }</span>{ format!(" ({})", k.role) }
                            if revoked { <span class="badge">{ l.pick("révoqué", "revoked") }</span> }
                            else { <button type="button" class="danger" onclick={revoke}>{ l.pick("Révoquer", "Revoke") }</button> }
                        </li>
                    }
                }) }
            </ul>
        </details>
    }
}

fn revoke(ctx: &Ctx, id: &str) {
    let (token, path) = (ctx.token.clone(), format!("/api/links/{id}/revoke"));
    let d = ctx.dispatch.clone();
    ctx.run(
        async move { net::text("POST", &path, &token, Some("{}")).await },
        move |_| d.dispatch(Msg::Event("revoked".into())),
    );
}
