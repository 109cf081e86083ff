//! JSON writer: the model as it is, for other tools.
//!
//! The output is the serde serialisation of [`Cable`] with a `schema_version` field in front,
//! flattened into one object. Its field names are a contract described by
//! `schema/cable.schema.json` (JSON Schema draft 2020-12), whose version is [`SCHEMA_VERSION`].
//! [`Options::pretty`] chooses indented output or one line (for JSON Lines); both end with a
//! newline. Nothing is lost: JSON carries every character through escapes.
//!
//! The bytes are written by `sonic-rs`, whose string escaping scans many bytes at a time; they
//! are the bytes `serde_json` writes for the same value (a test below checks every character),
//! so the two are interchangeable for readers of the output.

use super::{ConvertError, Converter, Loss, Options};
use crate::model::Cable;
use serde::Serialize;
use std::cell::RefCell;
use std::io::Write;

/// The version of the JSON contract (`schema/cable.schema.json`).
pub const SCHEMA_VERSION: &str = "2.0";

thread_local! {
    /// Where a cable's JSON is written before it goes out whole, kept from one cable to the next
    /// on each thread so that it grows once rather than for every cable.
    static BUFFER: RefCell<Vec<u8>> = const { RefCell::new(Vec::new()) };
}

/// A buffer that grew past this (for an outsized cable) is given back rather than kept.
const KEPT_BUFFER_BYTES: usize = 1 << 20;

/// The JSON converter.
#[derive(Debug, Clone, Copy, Default)]
pub struct Json;

/// A cable with the version of its schema.
#[derive(Serialize)]
struct Versioned<'a> {
    schema_version: &'static str,
    #[serde(flatten)]
    cable: &'a Cable,
}

impl Converter for Json {
    fn name(&self) -> &'static str {
        "json"
    }

    fn extension(&self) -> &'static str {
        "json"
    }

    fn media_type(&self) -> &'static str {
        "application/json"
    }

    fn description(&self) -> &'static str {
        "JSON of the cable model (schema/cable.schema.json), pretty or one line"
    }

    fn write(
        &self,
        cable: &Cable,
        options: &Options,
        out: &mut dyn Write,
    ) -> Result<Loss, ConvertError> {
        BUFFER.with_borrow_mut(|json| {
            json.clear();
            serialize(cable, options, json)?;
            let written = out.write_all(json);
            if json.capacity() > KEPT_BUFFER_BYTES {
                *json = Vec::new();
            }
            written
        })?;
        Ok(Loss::default())
    }

    /// Serialises straight into `out`, without the thread's buffer and the copy out of it. After
    /// an error, `out` is as it was.
    fn write_to_vec(
        &self,
        cable: &Cable,
        options: &Options,
        out: &mut Vec<u8>,
    ) -> Result<Loss, ConvertError> {
        let before = out.len();
        serialize(cable, options, out).inspect_err(|_| out.truncate(before))?;
        Ok(Loss::default())
    }
}

/// Appends the JSON of `cable`, with its schema version and a final newline, to `json`.
fn serialize(cable: &Cable, options: &Options, json: &mut Vec<u8>) -> std::io::Result<()> {
    let value = Versioned {
        schema_version: SCHEMA_VERSION,
        cable,
    };
    if options.pretty {
        sonic_rs::to_writer_pretty(&mut *json, &value)?;
    } else {
        sonic_rs::to_writer(&mut *json, &value)?;
    }
    json.push(b'\n');
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::{Converter, Json, Options};

    /// Written into a buffer in memory, a cable's JSON is the JSON `write` writes, after what the
    /// buffer held.
    #[test]
    fn write_to_vec_appends_what_write_writes() {
        let cable = crate::parse("UNCLAS ALMATY 001938\n\nSUBJECT: A \"TEST\"\n\n1. (U) Text.\n");
        for pretty in [false, true] {
            let options = Options {
                pretty,
                ..Options::default()
            };
            let mut written = b"before\n".to_vec();
            Json.write(&cable, &options, &mut written).unwrap();
            let mut appended = b"before\n".to_vec();
            Json.write_to_vec(&cable, &options, &mut appended).unwrap();
            assert_eq!(appended, written);
        }
    }

    /// Every character, alone and inside text, is escaped (or not) exactly as `serde_json`
    /// escapes it, compact and pretty.
    #[test]
    fn strings_are_written_as_serde_json_writes_them() {
        let mut all = String::new();
        for c in (0..=0x10FFFF_u32).filter_map(char::from_u32) {
            let alone = c.to_string();
            let inside = format!("a{c}b\"{c}");
            for text in [&alone, &inside] {
                assert_eq!(
                    sonic_rs::to_string(text).unwrap(),
                    serde_json::to_string(text).unwrap(),
                    "U+{:04X}",
                    c as u32
                );
            }
            all.push(c);
        }
        let value = [("text", all.as_str()), ("other", "x")];
        assert_eq!(
            sonic_rs::to_vec_pretty(&value).unwrap(),
            serde_json::to_vec_pretty(&value).unwrap()
        );
    }
}
