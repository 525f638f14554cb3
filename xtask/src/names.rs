//! Short names for what a module and its glue call each other by.
//!
//! wasm-bindgen names each import `__wbg_<js name>_<16 hex digits>` and each closure shim's
//! export after its Rust path and a crate hash; the names are written twice, once in the
//! module's import and export sections and once in the glue, and their hashes do not
//! compress. [`shorten`] renames them, in both, to `a`, `b`, … (imports) and `$a`, `$b`, …
//! (exports): every name the glue mentions at exactly the places it is used by, nothing else.
//! The module's code refers to its imports and exports by index, so only the two sections
//! change; every other section is copied as it is.

use crate::Result;
use std::collections::{BTreeMap, BTreeSet};

/// Exports this short or shorter keep their names (`memory` is longer, but short enough).
const KEEP_SHORTER_THAN: usize = 8;

/// The module's section holding its imports.
const IMPORT_SECTION: u8 = 2;
/// The module's section holding its exports.
const EXPORT_SECTION: u8 = 7;

/// `module` and its wasm-bindgen `glue` with imports and exports renamed; the renamed
/// imports and exports are counted in the third and fourth values.
pub fn shorten(module: &[u8], glue: &str) -> Result<(Vec<u8>, String, usize, usize)> {
    if module.get(..8) != Some(b"\0asm\x01\0\0\0".as_slice()) {
        return Err("not a WebAssembly module (version 1)".into());
    }
    let mut out = module[..8].to_vec();
    let mut at = 8;
    let (mut imports, mut exports) = (BTreeMap::new(), BTreeMap::new());
    while at < module.len() {
        let id = module[at];
        let (size, body_at) = leb(module, at + 1)?;
        let body = module
            .get(body_at..body_at + size as usize)
            .ok_or("a section runs past the end of the module")?;
        at = body_at + size as usize;
        let body = match id {
            IMPORT_SECTION => rename_imports(body, glue, &mut imports)?,
            EXPORT_SECTION => rename_exports(body, glue, &mut exports)?,
            _ => body.to_vec(),
        };
        out.push(id);
        put_leb(&mut out, body.len() as u64);
        out.extend_from_slice(&body);
    }
    let mut text = replace_words(glue, &imports, "");
    text = replace_words(&text, &exports, "wasm.");
    Ok((out, text, imports.len(), exports.len()))
}

/// The import section with each function import the glue names exactly once (its key in the
/// imports object) renamed.
fn rename_imports(
    body: &[u8],
    glue: &str,
    renamed: &mut BTreeMap<String, String>,
) -> Result<Vec<u8>> {
    let (count, mut at) = leb(body, 0)?;
    let mut out = Vec::new();
    put_leb(&mut out, count);
    for _ in 0..count {
        let (module, next) = name(body, at)?;
        let (field, next) = name(body, next)?;
        let start = next;
        let kind = *body.get(next).ok_or("import cut short")?;
        let mut next = next + 1;
        match kind {
            0 => next = leb(body, next)?.1,
            // table: a reference type, then limits; memory: limits.
            1 | 2 => {
                if kind == 1 {
                    next += 1;
                }
                let flags = *body.get(next).ok_or("import cut short")?;
                next = leb(body, next + 1)?.1;
                if flags & 1 == 1 {
                    next = leb(body, next)?.1;
                }
            }
            3 => next += 2,
            _ => return Err(format!("import `{field}` of an unknown kind {kind}")),
        }
        let new = if kind == 0 && occurrences(glue, field, "") == 1 {
            let short = short_name(renamed.len(), "");
            renamed.insert(field.to_owned(), short.clone());
            short
        } else {
            field.to_owned()
        };
        put_name(&mut out, module);
        put_name(&mut out, &new);
        out.extend_from_slice(body.get(start..next).ok_or("import cut short")?);
        at = next;
    }
    out.extend_from_slice(&body[at..]);
    Ok(out)
}

/// The export section with each export the glue reads as `wasm.<name>` (and only so)
/// renamed, but for short names.
fn rename_exports(
    body: &[u8],
    glue: &str,
    renamed: &mut BTreeMap<String, String>,
) -> Result<Vec<u8>> {
    let (count, mut at) = leb(body, 0)?;
    let mut all = Vec::new();
    for _ in 0..count {
        let (field, next) = name(body, at)?;
        let kind = *body.get(next).ok_or("export cut short")?;
        let (index, next) = leb(body, next + 1)?;
        all.push((field.to_owned(), kind, index));
        at = next;
    }
    let taken: BTreeSet<&str> = all.iter().map(|(f, ..)| f.as_str()).collect();
    let mut out = Vec::new();
    put_leb(&mut out, count);
    let mut n = 0;
    for (field, kind, index) in &all {
        let used = occurrences(glue, field, "wasm.");
        let mut new = field.clone();
        if field.len() >= KEEP_SHORTER_THAN && used > 0 && used == occurrences(glue, field, "") {
            new = loop {
                let short = short_name(n, "$");
                n += 1;
                if !taken.contains(short.as_str()) {
                    break short;
                }
            };
            renamed.insert(field.clone(), new.clone());
        }
        put_name(&mut out, &new);
        out.push(*kind);
        put_leb(&mut out, *index);
    }
    out.extend_from_slice(&body[at..]);
    Ok(out)
}

/// `a`, …, `z`, `A`, …, `Z`, then two characters and more, after `prefix`.
fn short_name(mut n: usize, prefix: &str) -> String {
    const FIRST: &[u8] = b"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";
    const REST: &[u8] = b"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_$";
    let mut out = String::from(prefix);
    out.push(FIRST[n % FIRST.len()].into());
    n /= FIRST.len();
    while n > 0 {
        out.push(REST[n % REST.len()].into());
        n /= REST.len();
    }
    out
}

fn is_word(c: u8) -> bool {
    c.is_ascii_alphanumeric() || c == b'_' || c == b'$'
}

/// Where `before` + `word` occurs in `text` as a whole word: the byte offsets of `word`.
fn places(text: &str, word: &str, before: &str) -> Vec<usize> {
    let needle = format!("{before}{word}");
    let bytes = text.as_bytes();
    text.match_indices(&needle)
        .map(|(i, _)| i)
        .filter(|&i| {
            let end = i + needle.len();
            (i == 0 || !is_word(bytes[i - 1])) && (end == bytes.len() || !is_word(bytes[end]))
        })
        .map(|i| i + before.len())
        .collect()
}

fn occurrences(text: &str, word: &str, before: &str) -> usize {
    places(text, word, before).len()
}

/// `text` with each whole word `before` + key of `names` replaced.
fn replace_words(text: &str, names: &BTreeMap<String, String>, before: &str) -> String {
    let mut edits: Vec<(usize, usize, &str)> = names
        .iter()
        .flat_map(|(from, to)| {
            places(text, from, before)
                .into_iter()
                .map(move |at| (at, from.len(), to.as_str()))
        })
        .collect();
    edits.sort_unstable();
    let mut out = String::with_capacity(text.len());
    let mut done = 0;
    for (at, len, to) in edits {
        out.push_str(&text[done..at]);
        out.push_str(to);
        done = at + len;
    }
    out.push_str(&text[done..]);
    out
}

fn leb(bytes: &[u8], mut at: usize) -> Result<(u64, usize)> {
    let (mut value, mut shift) = (0u64, 0);
    loop {
        let byte = *bytes.get(at).ok_or("a number runs past the end")?;
        at += 1;
        value |= u64::from(byte & 0x7f) << shift;
        if byte < 0x80 {
            return Ok((value, at));
        }
        shift += 7;
        if shift > 63 {
            return Err("a number too long".into());
        }
    }
}

fn put_leb(out: &mut Vec<u8>, mut value: u64) {
    loop {
        let byte = (value & 0x7f) as u8;
        value >>= 7;
        if value == 0 {
            out.push(byte);
            return;
        }
        out.push(byte | 0x80);
    }
}

fn name(bytes: &[u8], at: usize) -> Result<(&str, usize)> {
    let (len, at) = leb(bytes, at)?;
    let end = at + len as usize;
    let raw = bytes.get(at..end).ok_or("a name runs past the end")?;
    Ok((std::str::from_utf8(raw).map_err(|e| e.to_string())?, end))
}

fn put_name(out: &mut Vec<u8>, name: &str) {
    put_leb(out, name.len() as u64);
    out.extend_from_slice(name.as_bytes());
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A module of one function type, two function imports, a memory import and three
    /// exports, hand-assembled.
    fn module() -> Vec<u8> {
        let mut m = b"\0asm\x01\0\0\0".to_vec();
        m.extend([1, 4, 1, 0x60, 0, 0]); // types: () -> ()
        let mut imports = Vec::new();
        put_leb(&mut imports, 3);
        for (field, desc) in [
            ("__wbg_log_0123456789abcdef", vec![0, 0]),
            ("__wbg_unused_0123456789abcdef", vec![0, 0]),
            ("mem", vec![2, 1, 1, 2]),
        ] {
            put_name(&mut imports, "./x_bg.js");
            put_name(&mut imports, field);
            imports.extend(desc);
        }
        m.push(IMPORT_SECTION);
        put_leb(&mut m, imports.len() as u64);
        m.extend(&imports);
        m.extend([3, 2, 1, 0]); // one function of type 0
        let mut exports = Vec::new();
        put_leb(&mut exports, 3);
        for field in ["memory", "closure_shim_deadbeef", "start"] {
            put_name(&mut exports, field);
            exports.extend([0, 2]);
        }
        m.push(EXPORT_SECTION);
        put_leb(&mut m, exports.len() as u64);
        m.extend(&exports);
        m.extend([10, 4, 1, 2, 0, 0x0b]); // its body: nothing
        m
    }

    const GLUE: &str = "const imports = { __wbg_log_0123456789abcdef: function() {} };\n\
        wasm.closure_shim_deadbeef(1); wasm.closure_shim_deadbeef(2); wasm.start();\n\
        const text = \"__wbg_unused_0123456789abcdef and again __wbg_unused_0123456789abcdef\";";

    #[test]
    fn imports_and_exports_are_renamed_alike_in_module_and_glue() {
        let (module, glue, imports, exports) = shorten(&module(), GLUE).unwrap();
        assert_eq!((imports, exports), (1, 1));
        assert_eq!(
            glue,
            "const imports = { a: function() {} };\n\
             wasm.$a(1); wasm.$a(2); wasm.start();\n\
             const text = \"__wbg_unused_0123456789abcdef and again \
             __wbg_unused_0123456789abcdef\";"
        );
        let text = String::from_utf8_lossy(&module);
        assert!(!text.contains("__wbg_log") && !text.contains("closure_shim"));
        assert!(
            text.contains("__wbg_unused_0123456789abcdef"),
            "named twice: kept"
        );
        assert!(text.contains("memory") && text.contains("start") && text.contains("mem"));
        let shorter = "__wbg_log_0123456789abcdef".len() - "a".len()
            + "closure_shim_deadbeef".len()
            - "$a".len();
        assert_eq!(
            module.len() + shorter,
            self::module().len(),
            "only the names changed"
        );
        let (again, ..) = shorten(&module, &glue).unwrap();
        assert_eq!(again.len(), module.len(), "nothing long is left to rename");
    }

    #[test]
    fn short_names_are_distinct_identifiers() {
        let names: BTreeSet<String> = (0..5000).map(|n| short_name(n, "")).collect();
        assert_eq!(names.len(), 5000);
        assert!(names
            .iter()
            .all(|n| !n.as_bytes()[0].is_ascii_digit() && n.bytes().all(is_word)));
    }

    #[test]
    fn a_damaged_module_is_refused() {
        assert!(shorten(b"not wasm", "").is_err());
        let mut cut = module();
        cut.truncate(30);
        assert!(shorten(&cut, GLUE).is_err());
    }
}
