//! Errors found while compiling a condition.

use std::fmt;
use std::ops::Range;

/// The family of a [`RuleError`], for callers that map errors to their own codes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RuleErrorKind {
    /// The text is not a well-formed condition (unexpected token, unclosed parenthesis, `&&`…).
    Syntax,
    /// A criterion, axis, profile field, profile choice or function that the grid does not define.
    UnknownName,
    /// An operator or function applied to values of the wrong type.
    Type,
    /// A name that exists but cannot be used in this [`Context`](super::Context).
    NotAllowedHere,
    /// The condition nests more than [`MAX_DEPTH`](super::MAX_DEPTH) levels deep.
    TooDeep,
    /// The condition is longer than [`MAX_LENGTH`](super::MAX_LENGTH) bytes, or a list is
    /// longer than [`MAX_LIST_ITEMS`](super::MAX_LIST_ITEMS) items.
    TooLong,
}

/// One problem in a condition, located by byte offsets in the condition's source.
#[derive(Debug, Clone, PartialEq)]
pub struct RuleError {
    /// What family of problem this is.
    pub kind: RuleErrorKind,
    /// Byte range in the condition source (may be empty, e.g. at the end of the text).
    pub span: Range<usize>,
    /// What is wrong, in one sentence.
    pub message: String,
    /// What to do about it, when there is something useful to say.
    pub hint: Option<String>,
}

impl RuleError {
    /// A new error without hint.
    pub(crate) fn new(kind: RuleErrorKind, span: Range<usize>, message: impl Into<String>) -> Self {
        RuleError {
            kind,
            span,
            message: message.into(),
            hint: None,
        }
    }

    /// Adds (or replaces) the hint.
    pub(crate) fn hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }

    /// Adds the hint when there is one.
    pub(crate) fn maybe_hint(mut self, hint: Option<String>) -> Self {
        if hint.is_some() {
            self.hint = hint;
        }
        self
    }
}

impl fmt::Display for RuleError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} (at {}..{})",
            self.message, self.span.start, self.span.end
        )?;
        if let Some(hint) = &self.hint {
            write!(f, "; {hint}")?;
        }
        Ok(())
    }
}

impl std::error::Error for RuleError {}
