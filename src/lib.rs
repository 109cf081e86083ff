//! cablegram: read, validate and publish US diplomatic cables.
//!
//! The architecture is a pipeline: [`source`] (containers: site pages, `cables.csv`, JSON dumps,
//! Markdown, text) → `grammar/cable.pest` (the specification) → [`parser`] (pest pairs into the
//! [`model`]) → [`converters`] (the model into Markdown, TEI, HTML, JSON, CSV).

pub mod batch;
pub mod diagnostics;
pub mod edition;
pub mod escape;
pub mod model;
pub mod parser;
pub mod refs;
pub mod source;
pub mod stats;

#[path = "../converters/mod.rs"]
pub mod converters;

pub use model::Cable;

/// Parse one cable's text into the model, its references resolved to the cables they cite.
pub fn parse(text: &str) -> Cable {
    let mut cable = parser::parse(text);
    refs::resolve(&mut cable);
    cable
}
