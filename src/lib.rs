//! cablegram: read, validate and publish US diplomatic cables.
//!
//! The architecture is a pipeline: [`source`] (containers: site pages, `cables.csv`, JSON dumps,
//! Markdown, text) → `grammar/cable.pest` (the specification) → [`parser`] (pest pairs into the
//! [`model`]) → [`converters`] (the model into Markdown, TEI, HTML, JSON, CSV).

pub mod batch;
pub mod diagnostics;
pub mod escape;
pub mod model;
pub mod parser;
pub mod source;
pub mod stats;

#[path = "../converters/mod.rs"]
pub mod converters;

pub use model::Cable;
pub use parser::parse;
