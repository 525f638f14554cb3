//! The live workshop: a group assesses one practice together, each person on their own
//! phone, the facilitator's board on the room's screen, with `domino serve` behind.
//!
//! Every link is `…/#/t/TOKEN`: the token stays in the fragment (never sent in a path or
//! query), is sent as `Authorization: Bearer …` and is kept in the browser ([`links`]) so
//! a person can come back. What the link is (`GET /api/me`) decides the page: the join
//! form, a participant's phone view, the facilitator's board or an observer's results.
//! The page reads the session again on every live event ([`live`]); a participant's
//! answers go through a queue kept in the browser ([`outbox`]), so that a lost
//! connection loses none of them.

pub mod api;
pub mod links;
pub mod model;
pub mod outbox;
pub mod sse;

mod board;
mod consensus;
mod hooks;
mod join;
mod join_panel;
mod live;
mod load;
mod net;
mod progress;
mod rate;
mod report;
mod reveal;
mod setup;
mod shell;
mod status;
mod sync;

use crate::i18n::{Lang, Pick};
use model::{Msg, Workshop};
pub use shell::WorkshopApp;
use std::rc::Rc;
use yew::prelude::*;

/// The reducer wrapper around [`Workshop`].
#[derive(Debug, Default)]
pub struct State(pub Workshop);

impl Reducible for State {
    type Action = Msg;
    fn reduce(self: Rc<Self>, msg: Msg) -> Rc<Self> {
        let mut w = self.0.clone();
        w.apply(msg);
        Rc::new(State(w))
    }
}

/// What every view of the workshop gets: the state, a way to change it, the link's
/// token and the language.
#[derive(Clone)]
pub struct Ctx {
    /// The state.
    pub state: UseReducerHandle<State>,
    /// Changes the state (also from requests still running).
    pub dispatch: UseReducerDispatcher<State>,
    /// The link's secret.
    pub token: Rc<str>,
    /// The interface language.
    pub lang: Lang,
}

impl Ctx {
    /// The state.
    pub fn w(&self) -> &Workshop {
        &self.state.0
    }

    /// Runs a request, then shows its refusal if any; `then` gets the success.
    pub fn run<T: 'static>(
        &self,
        request: impl std::future::Future<Output = Result<T, net::Failure>> + 'static,
        then: impl FnOnce(T) + 'static,
    ) {
        let dispatch = self.dispatch.clone();
        let offline = self.lang.pick(
            "Le serveur de l’atelier est injoignable\u{a0}; réessayez dans un instant.",
            "The workshop server cannot be reached; try again in a moment.",
        );
        wasm_bindgen_futures::spawn_local(async move {
            match request.await {
                Ok(v) => then(v),
                Err(net::Failure::Network) => dispatch.dispatch(Msg::Problem(Some(offline.into()))),
                Err(f) => dispatch.dispatch(Msg::Problem(Some(f.message()))),
            }
        });
    }
}

/// What the page gets from the app.
#[derive(Properties, PartialEq)]
pub struct WorkshopProps {
    /// The link's secret, from the URL fragment.
    pub token: String,
    /// The interface language.
    pub lang: Lang,
}

/// The workshop page of one link.
#[function_component(WorkshopPage)]
pub fn workshop_page(props: &WorkshopProps) -> Html {
    let state = use_reducer(State::default);
    let ctx = Ctx {
        dispatch: state.dispatcher(),
        state,
        token: Rc::from(props.token.as_str()),
        lang: props.lang,
    };
    hooks::use_lang(&ctx);
    hooks::use_me(&ctx);
    hooks::use_overview(&ctx);
    hooks::use_reading(&ctx);
    hooks::use_grid(&ctx);
    hooks::use_stream(&ctx);
    hooks::use_outbox(&ctx);
    html! {
        <div class={classes!("workshop", (ctx.w().role() == "facilitator").then_some("board"))}>
            { status::problem(&ctx) }
            { by_role(&ctx) }
        </div>
    }
}

fn by_role(ctx: &Ctx) -> Html {
    let l = ctx.lang;
    match ctx.w().role() {
        "join" => join::view(ctx),
        "participant" => rate::view(ctx),
        "facilitator" => board::view(ctx),
        "observer" => report::observer(ctx),
        _ => html! {
            <>
                { crate::ui::h1(l.pick("Atelier", "Workshop")) }
                <p class="muted">{ l.pick("Ouverture du lien…", "Opening the link…") }</p>
            </>
        },
    }
}

/// The server's path of the session shown, followed by `rest`.
pub fn session_path(ctx: &Ctx, rest: &str) -> Option<String> {
    let id = ctx.w().selected.as_deref()?;
    Some(format!("/api/sessions/{id}{rest}"))
}

/// The workshops this browser holds links to, on the home page, so a person comes back
/// with one tap (nothing when there are none).
pub fn held_links(l: Lang) -> Html {
    let held = links::held(&crate::dom::BrowserStore::open());
    if held.is_empty() {
        return Html::default();
    }
    html! {
        <section class="held-links" aria-labelledby="held-h">
            <h2 id="held-h">{ l.pick("Mes ateliers", "My workshops") }</h2>
            <ul>{ for held.iter().map(|h| html! {
                <li><a href={crate::route::Route::new(l, crate::route::Page::Workshop(h.token.clone())).to_hash()}>
                    { h.name.clone().unwrap_or_else(|| h.role.clone()) }
                </a></li>
            }) }</ul>
        </section>
    }
}
