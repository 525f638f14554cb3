//! Loading one's own grid, with its diagnostics.

use super::*;

pub(super) fn grid_page(m: &Model, dispatch: &Callback<Action>) -> Html {
    let l = m.lang;
    let use_builtin = {
        let d = dispatch.clone();
        Callback::from(move |_| d.emit(Action::UseGrid(GridChoice::Builtin)))
    };
    let use_custom = {
        let d = dispatch.clone();
        Callback::from(move |_| d.emit(Action::UseGrid(GridChoice::Custom)))
    };
    let drop = {
        let d = dispatch.clone();
        Callback::from(move |_| d.emit(Action::DropGrid))
    };
    html! {
        <>
            { h1(l.pick("Votre propre grille", "Your own grid")) }
            <p>{ l.pick(
                "Un territoire peut écrire sa propre grille en TOML (autres axes, autres échelles, autres règles). Chargez-la ici\u{a0}: elle est vérifiée comme le fait la commande «\u{a0}domino grid check\u{a0}», puis vous pouvez l’explorer et vous évaluer avec.",
                "A territory can write its own grid in TOML (other axes, scales, rules). Load it here: it is checked the way `domino grid check` does, then you can explore it and assess with it.") }</p>
            { file_input("grid-file", l.pick("Charger une grille (.toml)", "Load a grid (.toml)"), ".toml,text/plain,application/toml", dispatch, Reads::Grid, l) }
            { for m.grid_failure.as_ref().map(|f| html! {
                <section class="diagnostics" aria-labelledby="diag-h" role="alert">
                    <h2 id="diag-h">{ format!("{} {} — {} {}", f.name, l.pick("refusée", "refused"), f.refused.errors, l.pick("erreur(s)", "error(s)")) }</h2>
                    { diagnostics(&f.refused.rendered, l) }
                </section>
            }) }
            <section aria-labelledby="grids-h">
                <h2 id="grids-h">{ l.pick("Grilles disponibles", "Available grids") }</h2>
                <ul class="entries">
                    <li class={classes!("entry", (m.selected == GridChoice::Builtin).then_some("active"))}>
                        <p><strong>{ m.builtin.title.get(l.code()) }</strong>{ format!(" — {} v{}", m.builtin.id, m.builtin.version) }</p>
                        if m.selected != GridChoice::Builtin { <button type="button" onclick={use_builtin}>{ l.pick("Utiliser", "Use") }</button> }
                        else { <span class="badge">{ l.pick("utilisée", "in use") }</span> }
                    </li>
                    { for m.custom.as_ref().map(|c| html! {
                        <li class={classes!("entry", (m.selected == GridChoice::Custom).then_some("active"))}>
                            <p><strong>{ c.grid.title.get(l.code()) }</strong>{ format!(" — {} v{} ({})", c.grid.id, c.grid.version, c.name) }</p>
                            <p class="actions">
                                if m.selected != GridChoice::Custom { <button type="button" onclick={use_custom}>{ l.pick("Utiliser", "Use") }</button> }
                                else { <span class="badge">{ l.pick("utilisée", "in use") }</span> }
                                <a class="button" href={link(l, Page::Explore(None))}>{ l.pick("Explorer", "Explore") }</a>
                                <button type="button" class="danger" onclick={drop}>{ l.pick("Retirer", "Remove") }</button>
                            </p>
                            if !c.warnings.is_empty() {
                                <details>
                                    <summary>{ format!("{} ({})", l.pick("Avertissements", "Warnings"), c.warnings.len()) }</summary>
                                    { diagnostics(&c.warnings, l) }
                                </details>
                            }
                        </li>
                    }) }
                </ul>
            </section>
        </>
    }
}
