//! Searching a grid, accents and case ignored.

use super::*;

/// Lowercases and strips French accents, for search.
pub fn fold(s: &str) -> String {
    s.chars()
        .flat_map(char::to_lowercase)
        .map(|c| match c {
            'à' | 'â' | 'ä' => 'a',
            'é' | 'è' | 'ê' | 'ë' => 'e',
            'î' | 'ï' => 'i',
            'ô' | 'ö' => 'o',
            'ù' | 'û' | 'ü' => 'u',
            'ç' => 'c',
            'œ' => 'o',
            other => other,
        })
        .collect()
}

/// A search hit: where it leads, its kind and title, and the matching text.
#[derive(Debug, Clone, PartialEq)]
pub struct Hit {
    /// Link.
    pub href: String,
    /// What it is (axis, criterion, rule).
    pub what: &'static str,
    /// Title.
    pub title: String,
    /// Extra text.
    pub text: String,
}

/// Searches axes, criteria (titles, questions, hints, level descriptors) and rules.
pub fn search_grid(g: &Grid, l: Lang, query: &str) -> Vec<Hit> {
    let words: Vec<String> = fold(query).split_whitespace().map(String::from).collect();
    if words.is_empty() {
        return Vec::new();
    }
    let matches = |texts: &[&str]| {
        let all = fold(&texts.join(" "));
        words.iter().all(|w| all.contains(w.as_str()))
    };
    let code = l.code();
    let mut hits = Vec::new();
    for a in &g.axes {
        if matches(&[
            &a.id,
            a.title.get(code),
            a.question.get(code),
            a.description.as_ref().map_or("", |d| d.get(code)),
        ]) {
            hits.push(Hit {
                href: link(l, Page::Explore(Some(a.id.clone()))),
                what: l.labels().axis,
                title: a.title.get(code).into(),
                text: a.question.get(code).into(),
            });
        }
        for c in &a.criteria {
            let mut texts = vec![c.full_id.as_str(), c.title.get(code), c.question.get(code)];
            if let Some(h) = &c.hint {
                texts.push(h.get(code));
            }
            texts.extend(c.levels.iter().flatten().map(|t| t.get(code)));
            if matches(&texts) {
                hits.push(Hit {
                    href: link(l, Page::Explore(Some(a.id.clone()))),
                    what: l.labels().criterion,
                    title: format!("{} — {}", a.title.get(code), c.title.get(code)),
                    text: c.question.get(code).into(),
                });
            }
        }
    }
    for r in &g.rules {
        if matches(&[&r.id, r.message.get(code), r.when.source()]) {
            hits.push(Hit {
                href: link(l, Page::Rules),
                what: l.pick("Règle", "Rule"),
                title: r.message.get(code).into(),
                text: plain_words(g, l, &r.when),
            });
        }
    }
    hits
}

pub(super) fn search(m: &Model, query: &str, dispatch: &Callback<Action>) -> Html {
    let l = m.lang;
    let hits = search_grid(m.current_grid(), l, query);
    let oninput = {
        let dispatch = dispatch.clone();
        Callback::from(move |e: InputEvent| {
            let input: HtmlInputElement = e.target_unchecked_into();
            let route = Route::new(l, Page::Search(input.value()));
            dom::replace_hash(&route.to_hash());
            dispatch.emit(Action::Navigate(route));
        })
    };
    html! {
        <>
            { h1(l.pick("Rechercher dans la grille", "Search the grid")) }
            <form role="search" onsubmit={Callback::from(|e: SubmitEvent| e.prevent_default())}>
                <label for="q">{ l.pick("Mots recherchés", "Search words") }</label>
                <input id="q" type="search" value={query.to_string()} {oninput} autocomplete="off" />
            </form>
            <p role="status" aria-live="polite">{
                if query.trim().is_empty() { l.pick("Tapez un mot\u{a0}: eau, bénévoles, financement…", "Type a word: water, volunteers, funding…").to_string() }
                else { format!("{} {}", hits.len(), l.pick("résultat(s)", "result(s)")) }
            }</p>
            <ul class="hits">
                { for hits.iter().map(|h| html! {
                    <li><span class="muted">{ h.what }</span>{ " " }<a href={h.href.clone()}>{ &h.title }</a><br/><span>{ &h.text }</span></li>
                }) }
            </ul>
        </>
    }
}
