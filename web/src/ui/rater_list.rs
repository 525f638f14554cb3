//! The raters of an assessment as a list: choose who answers, rename a rater, or remove
//! one after a confirmation that says how many of their levels go. One rater at a time is
//! renamed or removed, so the form and the confirmation have fixed ids.

use super::*;
use crate::state::{removal_question, split_rater_key, ROLES};

/// The ids of a [`RaterForm`]'s elements: the form, the name, the role, the button.
#[derive(Clone, Copy, PartialEq)]
pub(super) struct FormIds {
    pub form: &'static str,
    pub name: &'static str,
    pub role: &'static str,
    pub button: &'static str,
}

/// What [`RaterForm`] needs.
#[derive(Properties, PartialEq)]
pub(super) struct RaterFormProps {
    pub lang: Lang,
    pub ids: FormIds,
    /// The name and role the form starts with.
    #[prop_or_default]
    pub start: (String, String),
    /// The text of the submit button.
    pub submit: &'static str,
    /// (name, role code or free role) submitted.
    pub on_submit: Callback<(String, String)>,
    /// Shown as a cancel button when given.
    #[prop_or_default]
    pub on_cancel: Option<Callback<()>>,
    /// Empties the name once submitted (adding one rater after another).
    #[prop_or_default]
    pub clear: bool,
    /// Takes the focus when shown (a form opened by a button).
    #[prop_or_default]
    pub autofocus: bool,
}

/// A rater's name and role, to add or rename a rater.
#[function_component(RaterForm)]
pub(super) fn rater_form(props: &RaterFormProps) -> Html {
    let l = props.lang;
    let ids = props.ids;
    let name = use_state(|| props.start.0.clone());
    let role = use_state(|| props.start.1.clone());
    let name_ref = use_node_ref();
    use_focus_when_shown(name_ref.clone(), props.autofocus);
    let on_name = {
        let name = name.clone();
        Callback::from(move |e: InputEvent| {
            let input: HtmlInputElement = e.target_unchecked_into();
            name.set(input.value());
        })
    };
    let on_role = {
        let role = role.clone();
        Callback::from(move |e: Event| {
            let s: HtmlSelectElement = e.target_unchecked_into();
            role.set(s.value());
        })
    };
    let submit = {
        let (name, role) = (name.clone(), role.clone());
        let (on, clear) = (props.on_submit.clone(), props.clear);
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            on.emit(((*name).clone(), (*role).clone()));
            if clear {
                name.set(String::new());
            }
        })
    };
    // A role written by hand (in an imported file) is offered as it is.
    let free_role = (!role.is_empty() && !ROLES.iter().any(|(code, _, _)| *code == *role)).then(
        || html! { <option value={(*role).clone()} selected=true>{ (*role).clone() }</option> },
    );
    html! {
        <form class="row" id={ids.form} onsubmit={submit}>
            <p class="field">
                <label for={ids.name}>{ l.pick("Nom", "Name") }</label>
                <input id={ids.name} ref={name_ref} type="text" autocomplete="off" value={(*name).clone()} oninput={on_name} />
            </p>
            <p class="field">
                <label for={ids.role}>{ l.pick("Rôle", "Role") }</label>
                <select id={ids.role} onchange={on_role}>
                    <option value="" selected={role.is_empty()}>{ l.pick("— non précisé —", "— not given —") }</option>
                    { for ROLES.iter().map(|(code, fr, en)| html!{ <option value={*code} selected={*role == *code}>{ l.pick(fr, en) }</option> }) }
                    { for free_role }
                </select>
            </p>
            <p class="actions">
                <button type="submit" id={ids.button}>{ props.submit }</button>
                { for props.on_cancel.clone().map(|c| html! {
                    <button type="button" onclick={Callback::from(move |_| c.emit(()))}>{ l.pick("Annuler", "Cancel") }</button>
                }) }
            </p>
        </form>
    }
}

/// What is being done to one rater of the list.
#[derive(Clone, PartialEq)]
enum Editing {
    Rename(String),
    Remove(String),
}

/// What [`RaterList`] needs.
#[derive(Properties, PartialEq)]
pub(super) struct RaterListProps {
    pub lang: Lang,
    /// Each rater with how many levels they have given.
    pub raters: Vec<(String, usize)>,
    /// The rater answering now.
    pub current: Option<String>,
    pub dispatch: Callback<Action>,
}

/// The raters: a button choosing who answers, then rename and remove.
#[function_component(RaterList)]
pub(super) fn rater_list(props: &RaterListProps) -> Html {
    let l = props.lang;
    let editing = use_state(|| None::<Editing>);
    // A rater renamed, removed or added closes what was open; a refused rename stays open.
    {
        let editing = editing.clone();
        use_effect_with(props.raters.clone(), move |_| editing.set(None));
    }
    let rows = props.raters.iter().map(|(rater, levels)| {
        let pressed = props.current.as_deref() == Some(rater.as_str());
        let open = |e: Editing| {
            let editing = editing.clone();
            Callback::from(move |_: MouseEvent| editing.set(Some(e.clone())))
        };
        let select = {
            let (d, who) = (props.dispatch.clone(), rater.clone());
            Callback::from(move |_| d.emit(Action::SelectRater(who.clone())))
        };
        let below = match &*editing {
            Some(Editing::Rename(r)) if r == rater => rename_form(l, rater, &editing, &props.dispatch),
            Some(Editing::Remove(r)) if r == rater => {
                let (d, who) = (props.dispatch.clone(), rater.clone());
                let on_confirm = Callback::from(move |_| d.emit(Action::RemoveRater(who.clone())));
                let close = editing.clone();
                let on_cancel = Callback::from(move |_| close.set(None));
                html! { <ConfirmRemoval lang={l} rater={rater.clone()} levels={*levels} {on_confirm} {on_cancel} /> }
            }
            _ => html! {},
        };
        html! {
            <li class="rater-row" key={rater.clone()}>
                <button type="button" class={classes!("rater", pressed.then_some("primary"))} aria-pressed={pressed.to_string()}
                    onclick={select}>{ rater.clone() }</button>
                <button type="button" class="rename-rater" aria-label={format!("{} {rater}", l.pick("Renommer", "Rename"))}
                    onclick={open(Editing::Rename(rater.clone()))}>{ l.pick("Renommer", "Rename") }</button>
                <button type="button" class="remove-rater danger" aria-label={format!("{} {rater}", l.pick("Retirer", "Remove"))}
                    onclick={open(Editing::Remove(rater.clone()))}>{ l.pick("Retirer", "Remove") }</button>
                { below }
            </li>
        }
    });
    html! {
        <ul class="raters" aria-label={l.question(l.pick("Qui répond", "Who is answering"))}>{ for rows }</ul>
    }
}

/// The form renaming `rater`, starting from their name and role.
fn rename_form(
    l: Lang,
    rater: &str,
    editing: &UseStateHandle<Option<Editing>>,
    dispatch: &Callback<Action>,
) -> Html {
    let ids = FormIds {
        form: "rename-rater",
        name: "rename-name",
        role: "rename-role",
        button: "rename-rater-button",
    };
    let on_submit = {
        let (d, from, editing) = (dispatch.clone(), rater.to_owned(), editing.clone());
        Callback::from(move |(name, role): (String, String)| {
            if crate::state::rater_key(&name, &role, l) == from {
                editing.set(None);
            } else {
                d.emit(Action::RenameRater(from.clone(), name, role));
            }
        })
    };
    let on_cancel = {
        let editing = editing.clone();
        Callback::from(move |()| editing.set(None))
    };
    html! {
        <RaterForm lang={l} {ids} start={split_rater_key(rater)} submit={l.pick("Renommer", "Rename")}
            {on_submit} on_cancel={Some(on_cancel)} autofocus=true />
    }
}

/// What [`ConfirmRemoval`] needs.
#[derive(Properties, PartialEq)]
struct ConfirmRemovalProps {
    lang: Lang,
    rater: String,
    /// How many levels the rater has given.
    levels: usize,
    on_confirm: Callback<MouseEvent>,
    on_cancel: Callback<MouseEvent>,
}

/// The confirmation asked before removing a rater, with the number of their levels; it
/// takes the focus on its harmless button.
#[function_component(ConfirmRemoval)]
fn confirm_removal(props: &ConfirmRemovalProps) -> Html {
    let l = props.lang;
    let cancel_ref = use_node_ref();
    use_focus_when_shown(cancel_ref.clone(), true);
    html! {
        <div class="confirm" role="alertdialog" id="confirm-removal" aria-labelledby="removal-question">
            <p id="removal-question">{ removal_question(l, &props.rater, props.levels) }</p>
            <p class="actions">
                <button type="button" class="danger" id="confirm-remove" onclick={props.on_confirm.clone()}>{ l.pick("Retirer l’évaluateur", "Remove the rater") }</button>
                <button type="button" id="cancel-remove" ref={cancel_ref} onclick={props.on_cancel.clone()}>{ l.pick("Annuler", "Cancel") }</button>
            </p>
        </div>
    }
}

/// Moves the focus to the element of `node` once, when the component is first shown, if
/// `wanted`: a form or a confirmation opened by a button takes the focus from it.
#[hook]
fn use_focus_when_shown(node: NodeRef, wanted: bool) {
    use_effect_with((), move |_| {
        if let Some(element) = node.cast::<web_sys::HtmlElement>().filter(|_| wanted) {
            let _ = element.focus();
        }
    });
}
