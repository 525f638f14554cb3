//! The short form of a grid's fingerprint.
//!
//! A grid is identified by the SHA-256 of its source, in hexadecimal; reports keep
//! it whole. Where people read it or a CSV column holds it, its first
//! [`SHORT_HASH_LEN`] digits are enough to tell two versions of a grid apart.

/// Hex digits kept by [`short_hash`].
pub const SHORT_HASH_LEN: usize = 16;

/// The first [`SHORT_HASH_LEN`] digits of a hexadecimal hash (the whole text when shorter).
pub fn short_hash(hash: &str) -> &str {
    hash.get(..SHORT_HASH_LEN).unwrap_or(hash)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_sixteen_digits() {
        let hash = "0123456789abcdef0123456789abcdef";
        assert_eq!(short_hash(hash), "0123456789abcdef");
        assert_eq!(short_hash("abc"), "abc");
        assert_eq!(short_hash(""), "");
    }
}
