//! The workshop page's effects: what the link is, reading the session (again on every
//! live event), its grid, the event stream and the sending of queued answers. Each one
//! reports to the reducer; none decides what is shown.

use super::model::Msg;
use super::{live, load, sync, Ctx};
use crate::i18n::Pick;
use std::cell::Cell;
use std::rc::Rc;
use yew::prelude::*;

/// Asks the server what the link is, once per token.
#[hook]
pub fn use_me(ctx: &Ctx) {
    let c = ctx.clone();
    use_effect_with(ctx.token.clone(), move |token| {
        let d = c.dispatch.clone();
        let t = token.clone();
        c.run(
            async move { super::net::get("/api/me", &t).await },
            move |me| d.dispatch(Msg::Me(me)),
        );
    });
}

/// Tells the state the language its reports are written in.
#[hook]
pub fn use_lang(ctx: &Ctx) {
    let d = ctx.dispatch.clone();
    use_effect_with(ctx.lang, move |l| d.dispatch(Msg::Lang(*l)));
}

/// The facilitator's overview and links, read again on every event but answers.
#[hook]
pub fn use_overview(ctx: &Ctx) {
    let c = ctx.clone();
    let facilitator = ctx.w().role() == "facilitator";
    use_effect_with(
        (facilitator, ctx.w().setup_tick),
        move |(facilitator, _)| {
            if *facilitator {
                let d = c.dispatch.clone();
                c.run(load::overview(c.token.clone()), move |(o, links)| {
                    d.dispatch(Msg::Overview(o));
                    d.dispatch(Msg::Links(links));
                });
            }
        },
    );
}

/// The session as this link may read it, read again on every event. One reading at a
/// time: events arriving meanwhile (a room answering at once) make one more reading when
/// it ends, not one each.
#[hook]
pub fn use_reading(ctx: &Ctx) {
    let c = ctx.clone();
    let w = ctx.w();
    let busy = use_mut_ref(|| (false, false)); // (reading, asked again meanwhile)
    let key = (w.me.clone(), w.selected.clone(), w.tick);
    use_effect_with(key, move |(me, selected, tick)| {
        let (Some(me), Some(id)) = (me.clone(), selected.clone()) else {
            return;
        };
        if busy.borrow().0 {
            busy.borrow_mut().1 = true;
            return;
        }
        busy.borrow_mut().0 = true;
        let (d, tick) = (c.dispatch.clone(), *tick);
        let request = load::reading(c.token.clone(), me, id);
        c.run(
            async move {
                let result = request.await;
                let again = std::mem::take(&mut *busy.borrow_mut()).1;
                result.map(|loaded| (loaded, again))
            },
            move |(loaded, again)| {
                d.dispatch(Msg::Loaded(tick, Box::new(loaded)));
                if again {
                    d.dispatch(Msg::Event("again".into()));
                }
            },
        );
    });
}

/// The session's grid, once per session.
#[hook]
pub fn use_grid(ctx: &Ctx) {
    let c = ctx.clone();
    let known = ctx.w().me.is_some();
    use_effect_with((known, ctx.w().selected.clone()), move |(known, id)| {
        if let (true, Some(id)) = (*known, id.clone()) {
            let d = c.dispatch.clone();
            c.run(load::grid(c.token.clone(), id), move |g| {
                d.dispatch(Msg::Grid(g))
            });
        }
    });
}

/// Follows the session's events while it is shown.
#[hook]
pub fn use_stream(ctx: &Ctx) {
    let c = ctx.clone();
    let streams = ctx.w().me.as_ref().is_some_and(|m| m.role != "join");
    use_effect_with((streams, ctx.w().selected.clone()), move |(streams, id)| {
        let alive = Rc::new(Cell::new(true));
        if let (true, Some(id)) = (*streams, id.clone()) {
            let d = c.dispatch.clone();
            let l = c.lang;
            let on = Callback::from(move |signal| match signal {
                live::Signal::Connected => d.dispatch(Msg::Online(true)),
                live::Signal::Lost => d.dispatch(Msg::Online(false)),
                live::Signal::Event(kind) => d.dispatch(Msg::Event(kind)),
                live::Signal::Refused(message) => {
                    d.dispatch(Msg::Online(false));
                    d.dispatch(Msg::Problem(Some(format!(
                        "{} ({message})",
                        l.pick("Ce lien n’est plus valable", "This link is no longer valid")
                    ))));
                }
            });
            live::follow(id, c.token.to_string(), alive.clone(), on);
        }
        move || alive.set(false)
    });
}

/// A participant's queued answers: read from the browser, and sent while the page is open.
#[hook]
pub fn use_outbox(ctx: &Ctx) {
    let c = ctx.clone();
    let me = ctx.w().me.clone().filter(|m| m.role == "participant");
    use_effect_with(me, move |me| {
        let alive = Rc::new(Cell::new(true));
        if let Some(me) = me {
            if let (Some(s), Some(p)) = (me.session.clone(), me.participant.clone()) {
                sync::keep_sending(&c, &s, &p, alive.clone());
            }
        }
        move || alive.set(false)
    });
}
