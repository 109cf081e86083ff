//! The golden cables (`golden/*.txt`, `golden/*.md`), read as in real use: through the container
//! readers (`source::read_path`) and `batch::parse_doc`.
//!
//! Paths are relative to the crate root (`golden/02-full-routing-header.txt`), so the model's
//! `source.path`, and every output that shows it, is the same on every machine.

use cablegram::batch::parse_doc;
use cablegram::model::Cable;
use cablegram::source;
use std::path::{Path, PathBuf};
use std::sync::Once;

/// The directory of the golden cables, relative to the crate root.
pub const DIR: &str = "golden";

/// Makes the crate root the working directory (cargo already does so for `cargo test`; this
/// covers running the test binary by hand).
pub fn at_crate_root() {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| {
        std::env::set_current_dir(env!("CARGO_MANIFEST_DIR")).expect("crate root");
    });
}

/// The file names of the golden cables (`02-full-routing-header.txt`), sorted.
pub fn files() -> Vec<String> {
    at_crate_root();
    let mut names: Vec<String> = std::fs::read_dir(DIR)
        .expect("golden/ beside Cargo.toml")
        .map(|e| e.expect("readable golden/").file_name())
        .filter_map(|n| n.into_string().ok())
        .filter(|n| n.ends_with(".txt") || n.ends_with(".md"))
        .filter(|n| n != "README.md")
        .collect();
    names.sort();
    assert!(names.len() >= 49, "only {} golden cables", names.len());
    names
}

/// `golden/NAME`, relative.
pub fn path(name: &str) -> PathBuf {
    Path::new(DIR).join(name)
}

/// The name without its extension (`02-full-routing-header`).
pub fn stem(name: &str) -> &str {
    name.rsplit_once('.').map_or(name, |(stem, _)| stem)
}

/// One golden cable, read through its container and parsed.
pub fn read(name: &str) -> Cable {
    at_crate_root();
    let path = path(name);
    let mut docs = source::read_path(&path, None)
        .unwrap_or_else(|e| panic!("{}: cannot read: {e}", path.display()));
    let doc = docs
        .next()
        .unwrap_or_else(|| panic!("{}: no document", path.display()))
        .unwrap_or_else(|e| panic!("{}: cannot read: {e}", path.display()));
    assert!(
        docs.next().is_none(),
        "{}: more than one document",
        path.display()
    );
    parse_doc(doc)
}
