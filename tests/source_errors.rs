//! Awkward inputs through the public API: invalid UTF-8, byte-order marks, binary data, empty
//! and missing files. Each gives decoded text or an error that names the file, never a panic.

use cablegram::source::{read_bytes, read_path, walk, Container, SourceDoc, SourceError};
use std::fs;
use std::path::{Path, PathBuf};

fn write(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
    let path = dir.join(name);
    fs::write(&path, bytes).unwrap();
    path
}

fn read_one(path: &Path) -> Result<SourceDoc, SourceError> {
    let mut docs: Vec<_> = read_path(path, None)?.collect();
    assert_eq!(docs.len(), 1, "{}", path.display());
    docs.pop().unwrap()
}

#[test]
fn invalid_utf8_is_decoded_as_windows_1252() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(
        dir.path(),
        "06NEWDELHI5135.txt",
        b"VZCZC\r\n\xb61.  (C) TEXT\r\n",
    );
    let doc = read_one(&path).unwrap();
    assert_eq!(doc.text, "VZCZC\r\n¶1.  (C) TEXT\r\n");
    assert_eq!(doc.source.encoding.as_deref(), Some("windows-1252"));
    assert_eq!(doc.source.path.as_deref(), path.to_str());
}

#[test]
fn byte_order_marks_are_stripped() {
    let dir = tempfile::tempdir().unwrap();
    for (name, bytes, container) in [
        ("a.txt", &b"\xEF\xBB\xBFUNCLAS\n"[..], Container::Text),
        ("a.md", b"\xEF\xBB\xBFUNCLAS\n", Container::Markdown),
        (
            "a.html",
            b"\xEF\xBB\xBF<pre>UNCLAS\n</pre>",
            Container::Html,
        ),
    ] {
        let doc = read_one(&write(dir.path(), name, bytes)).unwrap();
        assert_eq!(doc.text, "UNCLAS\n", "{name}");
        assert_eq!(doc.source.container, container);
    }
    let csv = write(
        dir.path(),
        "a.csv",
        b"\xEF\xBB\xBF\"1\",\"d\",\"01X1\",\"o\",\"c\",\"\",\"\",\"UNCLAS\"\n",
    );
    let docs: Vec<_> = read_path(&csv, None).unwrap().collect();
    let doc = docs[0].as_ref().unwrap();
    assert_eq!(doc.source.metadata["row"], "1");
    let json = write(
        dir.path(),
        "a.json",
        b"\xEF\xBB\xBF{\"body\": \"UNCLAS\"}\n",
    );
    assert_eq!(read_one(&json).unwrap().text, "UNCLAS");
}

#[test]
fn binary_data_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let mut png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR".to_vec();
    png.extend(std::iter::repeat_n(0u8, 100));
    for name in ["cable.txt", "cable.html", "cable.md", "cable"] {
        let err = read_one(&write(dir.path(), name, &png)).unwrap_err();
        assert!(matches!(err, SourceError::Binary { .. }), "{name}: {err}");
        assert!(err.to_string().contains(name), "{err}");
    }
}

#[test]
fn empty_files() {
    let dir = tempfile::tempdir().unwrap();
    let doc = read_one(&write(dir.path(), "empty.txt", b"")).unwrap();
    assert_eq!(doc.text, "");
    let doc = read_one(&write(dir.path(), "empty.md", b"")).unwrap();
    assert_eq!(doc.text, "");
    let err = read_one(&write(dir.path(), "empty.html", b"")).unwrap_err();
    assert!(matches!(err, SourceError::NoCable { .. }), "{err}");
    let err = read_path(&write(dir.path(), "empty.json", b""), None)
        .err()
        .unwrap();
    assert!(matches!(err, SourceError::NoCable { .. }), "{err}");
    let rows: Vec<_> = read_path(&write(dir.path(), "empty.csv", b""), None)
        .unwrap()
        .collect();
    assert!(rows.is_empty());
}

#[test]
fn missing_files() {
    let err = read_path(Path::new("/no/such/dir/07BERN881.html"), None)
        .err()
        .unwrap();
    assert!(matches!(err, SourceError::Io { .. }));
    assert!(err.to_string().contains("/no/such/dir/07BERN881.html"));
    let walked: Vec<_> = walk(&[PathBuf::from("/no/such/dir")]).collect();
    assert_eq!(walked.len(), 1);
    assert!(walked[0]
        .as_ref()
        .unwrap_err()
        .to_string()
        .contains("/no/such/dir"));
}

#[test]
fn forced_container_overrides_detection() {
    let docs: Vec<_> = read_bytes(
        b"<pre>X</pre>".to_vec(),
        Some("page.html"),
        Some(Container::Text),
    )
    .unwrap()
    .collect();
    let doc = docs[0].as_ref().unwrap();
    assert_eq!(doc.text, "<pre>X</pre>");
    assert_eq!(doc.source.container, Container::Text);
    assert_eq!(doc.source.path.as_deref(), Some("page.html"));
}
