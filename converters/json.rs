//! JSON writer: the model as it is, for other tools.
//!
//! The output is the serde serialisation of [`Cable`] with a `schema_version` field in front,
//! flattened into one object. Its field names are a contract described by
//! `schema/cable.schema.json` (JSON Schema draft 2020-12), whose version is [`SCHEMA_VERSION`].
//! [`Options::pretty`] chooses indented output or one line (for JSON Lines); both end with a
//! newline. Nothing is lost: JSON carries every character through escapes.

use super::{ConvertError, Converter, Options, Report};
use crate::model::Cable;
use serde::Serialize;
use std::io::Write;

/// The version of the JSON contract (`schema/cable.schema.json`).
pub const SCHEMA_VERSION: &str = "1.0";

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
    ) -> Result<Report, ConvertError> {
        let value = Versioned {
            schema_version: SCHEMA_VERSION,
            cable,
        };
        // Serialised into a buffer first: serde_json writes in many small pieces, and a `Vec`
        // takes them without a dynamic call each.
        let mut buf = Vec::with_capacity(16 * 1024);
        if options.pretty {
            serde_json::to_writer_pretty(&mut buf, &value)?;
        } else {
            serde_json::to_writer(&mut buf, &value)?;
        }
        buf.push(b'\n');
        out.write_all(&buf)?;
        Ok(Report::default())
    }
}
