//! Shared by the fuzz targets: bytes → (container reader) → parser → model.

use cablegram::source::{self, Container};
use cablegram::Cable;

/// The cables in `data`, read as the CLI reads a file: the first byte picks the container (so the
/// fuzzer explores every reader), the rest is the file.
pub fn cables(data: &[u8]) -> Vec<Cable> {
    let Some((&pick, bytes)) = data.split_first() else {
        return Vec::new();
    };
    let container = match pick % 8 {
        0 => Some(Container::Markdown),
        1 => Some(Container::Html),
        2 => Some(Container::Csv),
        3 => Some(Container::Json),
        4 => None,
        _ => Some(Container::Text),
    };
    let Ok(docs) = source::read_bytes(bytes.to_vec(), Some("fuzz.txt"), container) else {
        return Vec::new();
    };
    docs.take(16)
        .filter_map(Result::ok)
        .map(cablegram::batch::parse_doc)
        .collect()
}

/// Writes `cable` in `format` twice, asserts the same bytes and UTF-8, and returns the text.
pub fn convert(cable: &Cable, format: &str, fragment: bool) -> String {
    let registry = cablegram::converters::Registry::with_builtins();
    let converter = registry.get(format).expect("built in");
    let options = cablegram::converters::Options::default().with_fragment(fragment);
    let mut first = Vec::new();
    converter
        .write(cable, &options, &mut first)
        .expect("writes to memory");
    let mut second = Vec::new();
    converter
        .write(cable, &options, &mut second)
        .expect("writes to memory");
    assert!(first == second, "{format}: two conversions differ");
    String::from_utf8(first).expect("UTF-8 output")
}
