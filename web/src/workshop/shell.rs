//! The workshop module's page: the app's header and footer around the workshop of the
//! link in the URL. The workshop is a module of its own, so that a phone joining a session
//! downloads neither the offline app's pages nor its grid; a link to any other page of the
//! app opens the page again on the offline app's module (`boot.js` picks it from the URL).

use super::WorkshopPage;
use crate::route::{Page, Route};
use crate::ui;
use yew::prelude::*;

/// The page of the workshop module.
#[function_component(WorkshopApp)]
pub fn workshop_app() -> Html {
    let route = use_state(|| {
        let route = ui::start_route();
        if !route.is_workshop() {
            ui::open_module_of(&route);
        }
        route
    });
    let lang = route.lang.unwrap_or_default();
    ui::use_hash_route({
        let route = route.clone();
        Callback::from(move |next: Route| {
            if next.is_workshop() || !ui::open_module_of(&next) {
                route.set(ui::with_known_lang(next));
            }
        })
    });
    ui::use_focus_on_navigation((*route).clone());
    ui::use_document_language(lang, "DOMINO".into());
    let page = match &route.page {
        Page::Workshop(token) => {
            html! { <WorkshopPage key={token.clone()} token={token.clone()} {lang} /> }
        }
        // Shown while the page opens again on the offline app's module, or if it could not.
        _ => ui::other_module_missing(lang),
    };
    html! {
        <>
            { ui::skip_link(lang) }
            { ui::header(lang, &route) }
            <main id="main">{ page }</main>
            { ui::footer(lang) }
        </>
    }
}
