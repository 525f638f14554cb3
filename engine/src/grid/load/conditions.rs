//! Compiling conditions and placing their errors in the file.

use super::*;

impl GridLoader<'_, '_> {
    pub(super) fn compile(
        &mut self,
        pending: &PendingCondition<'_>,
        scope: &GridScope,
        context: Context,
    ) -> Option<Condition> {
        let node = pending.node;
        let Value::Str(text) = &node.value else {
            self.sink.error(
                "wrong-type",
                format!(
                    "`{}` must be a condition in a string, found {}",
                    pending.path,
                    node.value.kind()
                ),
                node.span.clone(),
                &pending.path,
            );
            return None;
        };
        match Condition::compile(text, scope, context) {
            Ok(c) => Some(c),
            Err(errors) => {
                for e in errors {
                    let span = map_span(self.source, node.span.clone(), text, &e);
                    let mut d = Diagnostic::error(rule_error_code(e.kind), e.message)
                        .at(span)
                        .with_path(pending.path.clone());
                    if let Some(h) = e.hint {
                        d = d.with_hint(h);
                    }
                    self.sink.push(d);
                }
                None
            }
        }
    }
}

/// Maps a span inside a condition to the file: exact when the string is written without escapes.
pub(super) fn map_span(
    source: &str,
    string_span: Option<Range<usize>>,
    text: &str,
    e: &RuleError,
) -> Option<Range<usize>> {
    let span = string_span?;
    let Some(content) = content_span(source, span.clone(), text) else {
        return Some(span);
    };
    let (start, end) = (e.span.start.min(text.len()), e.span.end.min(text.len()));
    Some(content.start + start..content.start + end.max(start))
}

/// The span of a string's content, quotes left out, when the string is
/// written without escapes (its content in the file is `text` itself).
pub(crate) fn content_span(source: &str, span: Range<usize>, text: &str) -> Option<Range<usize>> {
    let raw = source.get(span.clone())?;
    ["\"\"\"", "'''", "\"", "'"].into_iter().find_map(|quote| {
        let inner = raw.strip_prefix(quote)?.strip_suffix(quote)?;
        (inner == text).then(|| span.start + quote.len()..span.end - quote.len())
    })
}

pub(super) fn rule_error_code(kind: RuleErrorKind) -> &'static str {
    match kind {
        RuleErrorKind::Syntax => "rule-syntax",
        RuleErrorKind::UnknownName => "rule-unknown-name",
        RuleErrorKind::Type => "rule-type",
        RuleErrorKind::NotAllowedHere => "rule-not-allowed",
        RuleErrorKind::TooDeep => "rule-too-deep",
        RuleErrorKind::TooLong => "rule-too-long",
    }
}
