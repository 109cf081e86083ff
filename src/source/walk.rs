//! Finding the files to read under the inputs given on the command line.
//!
//! A file named as an input is always read, whatever its name. Directories are walked
//! recursively in a deterministic order (entries sorted by file name, files and directories
//! alike), following symbolic links, and skipping:
//!
//! * hidden entries (name starting with `.`), files and directories;
//! * documentation and bookkeeping files: `README*`, `LICENSE*`, `COPYING*`, `CHANGELOG*`,
//!   `MANIFEST.tsv`, `VARIANTS.md`, `SOURCES.md`;
//! * files whose extension says they are not cable text: archives, images, PDFs, executables,
//!   scripts and style sheets, `.tsv` tables, `.bin` blobs, editor backups (see `SKIPPED_EXTENSIONS`).
//!
//! Missing inputs and unreadable directories are reported as errors in the stream, in order, and
//! the walk goes on.

use super::SourceError;
use std::path::{Path, PathBuf};

/// File-name prefixes (case-insensitive) of documentation files that are not cables.
const SKIPPED_PREFIXES: [&str; 4] = ["readme", "license", "copying", "changelog"];

/// File names (case-insensitive) that are not cables.
const SKIPPED_NAMES: [&str; 3] = ["manifest.tsv", "variants.md", "sources.md"];

/// Extensions (case-insensitive) of files that are not cable text.
const SKIPPED_EXTENSIONS: [&str; 28] = [
    "7z", "bak", "bin", "bz2", "css", "exe", "gif", "gz", "ico", "jpeg", "jpg", "js", "lock", "o",
    "pdf", "png", "py", "rb", "rs", "sh", "so", "svg", "swp", "tar", "tsv", "xz", "zip", "orig",
];

/// The files to read under `inputs`, in order: each input file itself, each input directory's
/// cable files recursively (see the module documentation for what is skipped).
pub fn walk(inputs: &[PathBuf]) -> impl Iterator<Item = Result<PathBuf, SourceError>> + Send {
    let owned: Vec<PathBuf> = inputs.to_vec();
    owned.into_iter().flat_map(walk_one)
}

fn walk_one(input: PathBuf) -> Box<dyn Iterator<Item = Result<PathBuf, SourceError>> + Send> {
    if !input.is_dir() {
        let result = match input.metadata() {
            Ok(_) => Ok(input),
            Err(e) => Err(SourceError::io(&input.display().to_string(), e)),
        };
        return Box::new(std::iter::once(result));
    }
    let entries = walkdir::WalkDir::new(&input)
        .follow_links(true)
        // By name: siblings share their parent's path, so their whole paths compare as their
        // names do, byte for byte, without the name being split off each path at every
        // comparison (which took most of the time of walking a folder of 2,000 cables).
        .sort_by(|a, b| a.path().as_os_str().cmp(b.path().as_os_str()))
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !is_hidden(e.file_name()));
    Box::new(entries.filter_map(|entry| match entry {
        Ok(e) if e.file_type().is_dir() => None,
        Ok(e) if is_skipped(e.path()) => None,
        Ok(e) => Some(Ok(e.into_path())),
        Err(e) => {
            let path = e
                .path()
                .map_or_else(|| "?".to_string(), |p| p.display().to_string());
            let io = e
                .into_io_error()
                .unwrap_or_else(|| std::io::Error::other("file system loop"));
            Some(Err(SourceError::io(&path, io)))
        }
    }))
}

fn is_hidden(name: &std::ffi::OsStr) -> bool {
    name.to_str().is_some_and(|n| n.starts_with('.'))
}

/// Whether a file found in a directory is not a cable file.
fn is_skipped(path: &Path) -> bool {
    let Some(name) = path.file_name().and_then(|n| n.to_str()) else {
        return false;
    };
    let name = name.to_ascii_lowercase();
    if SKIPPED_NAMES.contains(&name.as_str())
        || SKIPPED_PREFIXES.iter().any(|p| name.starts_with(p))
        || name.ends_with('~')
    {
        return true;
    }
    name.rsplit_once('.')
        .is_some_and(|(_, ext)| SKIPPED_EXTENSIONS.contains(&ext))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::fs;

    #[test]
    fn walks_sorted_and_skips_non_cables() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        for f in [
            "b.txt",
            "a.html",
            "sub/z.csv",
            "sub/_original/x.json",
            ".hidden/c.txt",
            ".d.txt",
            "MANIFEST.tsv",
            "VARIANTS.md",
            "README.md",
            "cable.pdf",
            "seed.md",
        ] {
            let p = root.join(f);
            fs::create_dir_all(p.parent().unwrap()).unwrap();
            fs::write(p, "x").unwrap();
        }
        let missing = root.join("missing.txt");
        let inputs = vec![root.to_path_buf(), root.join("README.md"), missing.clone()];
        let found: Vec<_> = walk(&inputs).collect();
        let names: Vec<String> = found
            .iter()
            .filter_map(|r| r.as_ref().ok())
            .map(|p| {
                p.strip_prefix(root)
                    .unwrap()
                    .to_string_lossy()
                    .replace('\\', "/")
            })
            .collect();
        assert_eq!(
            names,
            [
                "a.html",
                "b.txt",
                "seed.md",
                "sub/_original/x.json",
                "sub/z.csv",
                "README.md"
            ]
        );
        let err = found.last().unwrap().as_ref().unwrap_err().to_string();
        assert!(err.contains("missing.txt"), "{err}");
    }
}
