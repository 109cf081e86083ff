//! cablegram: read, validate and publish US diplomatic cables.
//!
//! The architecture is a pipeline: `grammar/cable.pest` (the specification) → [`parser`] (pest
//! pairs into the [`model`]) → converters (the model into Markdown, TEI, HTML, JSON).

pub mod model;
pub mod source;

pub use model::Cable;
