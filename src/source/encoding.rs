//! Bytes to text: byte-order marks, UTF-8, the Windows-1252 fallback, and binary detection.
//!
//! Cable texts are ASCII with a few exceptions: `¶` pilcrows, typographic quotes on late-2010
//! site pages, a newspaper watermark. Valid UTF-8 is taken as is. Anything else is decoded as
//! Windows-1252 (a superset of Latin-1 for printable bytes), so that the lone `0xB6` pilcrows of
//! the PDF→text conversions become `¶`. A UTF-16 byte-order mark selects UTF-16.

use encoding_rs::{Encoding, UTF_8, WINDOWS_1252};
use std::borrow::Cow;

/// Text decoded from bytes, with the name of the encoding that was used.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decoded<'a> {
    pub text: Cow<'a, str>,
    /// `utf-8`, `windows-1252`, `utf-16le` or `utf-16be`.
    pub encoding: &'static str,
}

/// Decodes bytes as described in the module documentation. A byte-order mark is stripped.
///
/// Binary input is not rejected here; see [`looks_binary`].
pub fn decode(bytes: &[u8]) -> Decoded<'_> {
    if let Some((enc, bom_len)) = Encoding::for_bom(bytes) {
        let rest = &bytes[bom_len..];
        if enc == UTF_8 {
            return decode_without_bom(rest);
        }
        let (text, _) = enc.decode_without_bom_handling(rest);
        return Decoded {
            text,
            encoding: if enc == encoding_rs::UTF_16LE {
                "utf-16le"
            } else {
                "utf-16be"
            },
        };
    }
    decode_without_bom(bytes)
}

fn decode_without_bom(bytes: &[u8]) -> Decoded<'_> {
    // Validated with SIMD instructions (`simdutf8`, which `sonic-rs` already builds on): it
    // accepts exactly what `std::str::from_utf8` accepts, whose word-at-a-time ASCII path falls
    // back to bytes at every pilcrow and typographic quote of a site page, at twice the cost.
    match simdutf8::basic::from_utf8(bytes) {
        Ok(text) => Decoded {
            text: Cow::Borrowed(text),
            encoding: "utf-8",
        },
        Err(_) => {
            let (text, _) = WINDOWS_1252.decode_without_bom_handling(bytes);
            Decoded {
                text,
                encoding: "windows-1252",
            }
        }
    }
}

/// Decodes bytes into an owned string (see [`decode`]).
pub fn decode_owned(bytes: &[u8]) -> (String, &'static str) {
    let decoded = decode(bytes);
    (decoded.text.into_owned(), decoded.encoding)
}

/// The input without a UTF-8 byte-order mark.
pub fn strip_utf8_bom(bytes: &[u8]) -> &[u8] {
    bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes)
}

/// How many leading bytes [`looks_binary`] inspects.
const BINARY_SAMPLE: usize = 8192;

/// Says why the bytes look like binary data rather than text, or `None` for text.
///
/// Text has no NUL bytes (UTF-16 input is recognised by its byte-order mark first) and few
/// control characters other than tab, line feed, form feed and carriage return: more than 10% of
/// the first 8 KiB makes it binary.
pub fn looks_binary(bytes: &[u8]) -> Option<String> {
    if Encoding::for_bom(bytes).is_some_and(|(enc, _)| enc != UTF_8) {
        return None;
    }
    let sample = &bytes[..bytes.len().min(BINARY_SAMPLE)];
    if let Some(pos) = memchr::memchr(0, sample) {
        return Some(format!("a NUL byte at offset {pos}"));
    }
    // Bytes below 0x20 bound the control bytes; in text they are mostly line feeds, far fewer
    // than a tenth, and counting them is one vectorised pass.
    let below_space: usize = sample
        .chunks(COUNTER_BLOCK)
        .map(|block| usize::from(block.iter().fold(0u8, |n, &b| n + u8::from(b < 0x20))))
        .sum();
    if below_space * 10 <= sample.len() {
        return None;
    }
    let controls = count_controls(sample);
    if controls * 10 > sample.len() {
        return Some(format!(
            "{controls} control bytes in the first {} bytes",
            sample.len()
        ));
    }
    None
}

/// The bytes counted at a time into byte-wide counters: fewer than 256, so that a counter cannot
/// overflow, and a multiple of 32, so that the compiler's vector loop covers each block whole.
/// (With blocks of 255 bytes, the last 15 bytes of every block were counted one by one, which
/// cost more than the vectorised rest.)
const COUNTER_BLOCK: usize = 224;

/// How many bytes of `bytes` are control characters other than tab, line feed, form feed and
/// carriage return. Counted in blocks of byte-wide counters (see [`COUNTER_BLOCK`]), which the
/// compiler turns into vector compares.
fn count_controls(bytes: &[u8]) -> usize {
    bytes
        .chunks(COUNTER_BLOCK)
        .map(|block| {
            let mut n = 0u8;
            for &b in block {
                let control = u8::from(b < 0x20);
                let allowed = u8::from(b == b'\t')
                    + u8::from(b == b'\n')
                    + u8::from(b == 0x0c)
                    + u8::from(b == b'\r');
                n = n.wrapping_add(control).wrapping_sub(allowed);
            }
            usize::from(n)
        })
        .sum()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf8_is_borrowed_and_bom_stripped() {
        let d = decode(b"\xEF\xBB\xBF\xC2\xB61.");
        assert_eq!(d.text, "¶1.");
        assert_eq!(d.encoding, "utf-8");
        assert!(matches!(d.text, Cow::Borrowed(_)));
    }

    #[test]
    fn lone_pilcrow_byte_is_windows_1252() {
        let d = decode(b"\xb61.  This is an action request\r\n");
        assert_eq!(d.text, "¶1.  This is an action request\r\n");
        assert_eq!(d.encoding, "windows-1252");
    }

    #[test]
    fn utf16_by_bom() {
        let d = decode(b"\xFF\xFEU\0N\0");
        assert_eq!(d.text, "UN");
        assert_eq!(d.encoding, "utf-16le");
        assert_eq!(looks_binary(b"\xFF\xFEU\0N\0"), None);
    }

    #[test]
    fn controls_are_counted() {
        let all: Vec<u8> = (0..=255).cycle().take(5000).collect();
        let slow = |b: &[u8]| {
            b.iter()
                .filter(|&&b| b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r' | 0x0c))
                .count()
        };
        for len in [0, 1, 31, 254, 255, 256, 1000, 5000] {
            assert_eq!(count_controls(&all[..len]), slow(&all[..len]), "{len}");
        }
        assert_eq!(count_controls(&[1u8; 600]), 600);
    }

    #[test]
    fn binary_is_recognised() {
        assert!(looks_binary(b"PK\x03\x04\0\0").unwrap().contains("NUL"));
        assert!(looks_binary(&[1u8, 2, 3, 4, 5, b'a'])
            .unwrap()
            .contains("control"));
        assert_eq!(looks_binary(b"UNCLAS\tX\r\n\x0c"), None);
        assert_eq!(looks_binary(b""), None);
    }
}
