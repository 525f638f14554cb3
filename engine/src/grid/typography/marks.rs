//! French typography in one text: the space before `; : ! ?`, the spaces
//! inside « », the apostrophe. Each issue comes with the one edit that fixes it.

/// No-break space: before `:` and inside « ».
pub(super) const NBSP: char = '\u{a0}';
/// Narrow no-break space: before `; ! ?` (a no-break space is accepted too).
pub(super) const NNBSP: char = '\u{202f}';
/// Typographic apostrophe.
pub(super) const APOSTROPHE: char = '\u{2019}';

/// The edit that fixes an issue, by character index in the text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Edit {
    /// Replace the character at `index`.
    Replace { index: usize, with: char },
    /// Insert a character before the one at `index`.
    Insert { index: usize, ch: char },
}

/// One typography issue in a text.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Issue {
    /// The character the diagnostic points at.
    pub at: usize,
    /// What is wrong.
    pub message: String,
    /// The fix.
    pub edit: Edit,
}

/// Every issue of a French text, in order.
pub(super) fn issues(text: &[char]) -> Vec<Issue> {
    let mut out = Vec::new();
    let mut in_code = false;
    for (i, &c) in text.iter().enumerate() {
        if c == '`' {
            in_code = !in_code;
        }
        if in_code {
            continue;
        }
        let issue = match c {
            ':' | ';' | '!' | '?' => before_mark(text, i),
            '«' => after_opening(text, i),
            '»' => before_closing(text, i),
            '\'' => apostrophe(text, i),
            _ => None,
        };
        out.extend(issue);
    }
    out
}

/// The space a mark wants before it, and the name of that space.
fn wanted(mark: char) -> (char, &'static str) {
    if mark == ':' {
        (NBSP, "a no-break space (U+00A0)")
    } else {
        (NNBSP, "a narrow no-break space (U+202F)")
    }
}

/// Characters after which a mark ends a word of French prose.
fn ends_word(c: char) -> bool {
    c.is_alphanumeric() || matches!(c, ')' | ']' | '»' | '’' | '…' | '%' | '€')
}

/// Characters that may follow a mark of prose: the end, a space, closing punctuation.
fn may_follow_mark(c: Option<&char>) -> bool {
    match c {
        None => true,
        Some(&c) => {
            c.is_whitespace()
                || matches!(
                    c,
                    ')' | ']' | '»' | '"' | '’' | '.' | ',' | '…' | ';' | ':' | '!' | '?'
                )
        }
    }
}

/// `; : ! ?`: an ordinary space, or none, before it. Not in times (`10:30`),
/// URLs (`https://`), operators (`!=`), codes in quotes (`'?'`) or a run of marks (`?!`).
fn before_mark(text: &[char], i: usize) -> Option<Issue> {
    let mark = text[i];
    let prev = *text.get(i.checked_sub(1)?)?;
    if !may_follow_mark(text.get(i + 1)) {
        return None;
    }
    let (space, name) = wanted(mark);
    let before_prev = i.checked_sub(2).and_then(|j| text.get(j));
    match prev {
        ' ' if before_prev.is_some_and(|c| !c.is_whitespace()) => Some(Issue {
            at: i - 1,
            message: format!("an ordinary space before `{mark}` in a French text"),
            edit: Edit::Replace {
                index: i - 1,
                with: space,
            },
        }),
        NNBSP if mark == ':' => Some(Issue {
            at: i - 1,
            message: "a narrow no-break space before `:` in a French text".into(),
            edit: Edit::Replace {
                index: i - 1,
                with: NBSP,
            },
        }),
        c if ends_word(c) => Some(Issue {
            at: i,
            message: format!("no space before `{mark}` in a French text: it wants {name}"),
            edit: Edit::Insert {
                index: i,
                ch: space,
            },
        }),
        _ => None,
    }
}

/// `«`: wants a no-break space after it.
fn after_opening(text: &[char], i: usize) -> Option<Issue> {
    match *text.get(i + 1)? {
        ' ' => Some(Issue {
            at: i + 1,
            message: "an ordinary space after `«` in a French text".into(),
            edit: Edit::Replace {
                index: i + 1,
                with: NBSP,
            },
        }),
        NBSP | NNBSP => None,
        c if c.is_whitespace() => None,
        _ => Some(Issue {
            at: i,
            message: "no space after `«` in a French text".into(),
            edit: Edit::Insert {
                index: i + 1,
                ch: NBSP,
            },
        }),
    }
}

/// `»`: wants a no-break space before it.
fn before_closing(text: &[char], i: usize) -> Option<Issue> {
    match *text.get(i.checked_sub(1)?)? {
        ' ' => Some(Issue {
            at: i - 1,
            message: "an ordinary space before `»` in a French text".into(),
            edit: Edit::Replace {
                index: i - 1,
                with: NBSP,
            },
        }),
        NBSP | NNBSP => None,
        c if c.is_whitespace() => None,
        _ => Some(Issue {
            at: i,
            message: "no space before `»` in a French text".into(),
            edit: Edit::Insert { index: i, ch: NBSP },
        }),
    }
}

/// A straight apostrophe between two letters (`l'eau`, `aujourd'hui`).
fn apostrophe(text: &[char], i: usize) -> Option<Issue> {
    let prev = text.get(i.checked_sub(1)?)?;
    let next = text.get(i + 1)?;
    (prev.is_alphabetic() && next.is_alphabetic()).then(|| Issue {
        at: i,
        message: "a straight apostrophe `'` in a French text".into(),
        edit: Edit::Replace {
            index: i,
            with: APOSTROPHE,
        },
    })
}

/// The text with every edit applied (for tests and callers holding plain text).
#[cfg(test)]
pub(super) fn fixed(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let edits: Vec<Edit> = issues(&chars).into_iter().map(|i| i.edit).collect();
    let mut out = String::new();
    for (i, &c) in chars.iter().enumerate() {
        let mut replaced = None;
        for e in &edits {
            match *e {
                Edit::Insert { index, ch } if index == i => out.push(ch),
                Edit::Replace { index, with } if index == i => replaced = Some(with),
                _ => {}
            }
        }
        out.push(replaced.unwrap_or(c));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::fixed;

    #[test]
    fn prose_gets_its_spaces_and_apostrophes() {
        let cases = [
            ("Qui anime ?", "Qui anime\u{202f}?"),
            ("Qui anime?", "Qui anime\u{202f}?"),
            ("Constat : rien", "Constat\u{a0}: rien"),
            ("Constat: rien", "Constat\u{a0}: rien"),
            ("Constat\u{202f}: rien", "Constat\u{a0}: rien"),
            (
                "Oui ; non ! Vraiment ?",
                "Oui\u{202f}; non\u{202f}! Vraiment\u{202f}?",
            ),
            ("« oui »", "«\u{a0}oui\u{a0}»"),
            ("«oui»", "«\u{a0}oui\u{a0}»"),
            ("l'eau d'aujourd'hui", "l’eau d’aujourd’hui"),
            ("Quoi ?!", "Quoi\u{202f}?!"),
            ("« non » :", "«\u{a0}non\u{a0}»\u{a0}:"),
        ];
        for (text, want) in cases {
            assert_eq!(fixed(text), want, "{text:?}");
        }
    }

    #[test]
    fn codes_times_urls_and_good_typography_are_left_alone() {
        for text in [
            "à 10:30 précises",
            "voir https://example.org/?q=1",
            "répondez `?` si vous ne savez pas",
            "la condition `a != 1 and b: c`",
            "le code '?' signifie inconnu",
            "Qui anime\u{a0}? Qui anime\u{202f}?",
            "Constat\u{a0}: rien",
            "«\u{a0}oui\u{a0}»",
            "? en tête",
            "fin de ligne\n: suite",
            "'urbain'",
            "a x:y b",
        ] {
            assert_eq!(fixed(text), text, "{text:?}");
        }
    }
}
