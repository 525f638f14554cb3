//! Lines and columns of byte offsets, with one index per text.

/// 1-based line and column (in characters) of a byte offset.
///
/// Scans the text: to locate many offsets in one text, use a [`LineIndex`].
pub fn line_column(source: &str, offset: usize) -> (usize, usize) {
    LineIndex::new(source).line_column(offset)
}

/// Where each line of a text starts, so that locating an offset or fetching a
/// line costs a binary search instead of a scan of the text: a file with
/// thousands of diagnostics is located and rendered in linear time.
#[derive(Debug, Clone)]
pub struct LineIndex<'a> {
    source: &'a str,
    /// Byte offset of the start of each line: 0, then one past each `\n`.
    starts: Vec<usize>,
}

impl<'a> LineIndex<'a> {
    /// Indexes the lines of `source` (one pass).
    pub fn new(source: &'a str) -> Self {
        Self {
            source,
            starts: line_starts(source),
        }
    }

    /// 1-based line and column (in characters) of a byte offset; an offset
    /// past the end is the end, one inside a character is that character.
    pub fn line_column(&self, offset: usize) -> (usize, usize) {
        locate_offset(self.source, &self.starts, offset)
    }

    /// The indexed text.
    pub fn source(&self) -> &'a str {
        self.source
    }

    /// Byte offset where a 1-based line starts; None past the last line.
    pub fn line_start(&self, line: usize) -> Option<usize> {
        self.starts.get(line.checked_sub(1)?).copied()
    }

    /// The text of a 1-based line, without its line ending (`\n`, `\r\n`);
    /// None past the last line, as for [`str::lines`].
    pub fn line(&self, line: usize) -> Option<&'a str> {
        let start = *self.starts.get(line.checked_sub(1)?)?;
        if start >= self.source.len() {
            return None;
        }
        let end = self
            .starts
            .get(line)
            .map_or(self.source.len(), |next| next - 1);
        Some(self.source[start..end].trim_end_matches('\r'))
    }
}

/// Byte offsets where the lines of `source` start.
fn line_starts(source: &str) -> Vec<usize> {
    let mut starts = vec![0];
    starts.extend(
        source
            .bytes()
            .enumerate()
            .filter(|&(_, b)| b == b'\n')
            .map(|(i, _)| i + 1),
    );
    starts
}

/// 1-based line and column of `offset`, given the text's [`line_starts`].
fn locate_offset(source: &str, starts: &[usize], offset: usize) -> (usize, usize) {
    let offset = floor_char_boundary(source, offset.min(source.len()));
    let line = starts.partition_point(|&start| start <= offset);
    let line_start = starts[line - 1];
    let column = source[line_start..offset].chars().count() + 1;
    (line, column)
}

pub(super) fn floor_char_boundary(s: &str, mut i: usize) -> usize {
    while i > 0 && !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// The obvious scan, kept as the reference for [`LineIndex`].
    fn scanned_line_column(source: &str, offset: usize) -> (usize, usize) {
        let offset = floor_char_boundary(source, offset.min(source.len()));
        let before = &source[..offset];
        let line = before.matches('\n').count() + 1;
        let line_start = before.rfind('\n').map_or(0, |i| i + 1);
        (line, source[line_start..offset].chars().count() + 1)
    }

    proptest! {
        #[test]
        fn the_line_index_agrees_with_a_scan_of_the_text(
            source in "[a\n\ré😀 ]{0,40}",
            offsets in proptest::collection::vec(0usize..200, 1..20),
        ) {
            let index = LineIndex::new(&source);
            for offset in offsets {
                prop_assert_eq!(index.line_column(offset), scanned_line_column(&source, offset));
            }
            for (i, line) in source.lines().enumerate() {
                prop_assert_eq!(index.line(i + 1), Some(line.trim_end_matches('\r')));
            }
            prop_assert_eq!(index.line(source.lines().count() + 1), None);
            prop_assert_eq!(index.line(0), None);
        }
    }

    #[test]
    fn line_and_column_count_characters_not_bytes() {
        let src = "a = 1\nété = 2\n";
        assert_eq!(line_column(src, 0), (1, 1));
        assert_eq!(line_column(src, 6), (2, 1));
        let offset = src.find('=').unwrap();
        assert_eq!(
            line_column(src, src[offset + 1..].find('=').unwrap() + offset + 1),
            (2, 5)
        );
    }
}
