//! Outputs written atomically: each file goes to a temporary file in its directory and is
//! renamed into place only when complete, and no input is ever overwritten.

use crate::model::Cable;
use std::collections::HashSet;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

/// A directory of outputs, one file per cable, written atomically: each output goes to a
/// temporary file in the same directory and is renamed into place only when complete, so no
/// half-written file is ever visible and an older output is replaced only by a whole new one. No
/// input is ever overwritten.
pub struct OutputDir {
    dir: PathBuf,
    extension: String,
    used: HashSet<String>,
    inputs: HashSet<PathBuf>,
}

impl OutputDir {
    /// Create (if needed) `dir` for outputs with `extension`; `inputs` are the files that must
    /// never be overwritten.
    pub fn create(dir: &Path, extension: &str, inputs: &[PathBuf]) -> io::Result<OutputDir> {
        std::fs::create_dir_all(dir)?;
        let inputs = canonical_paths(inputs);
        Ok(OutputDir {
            dir: dir.to_path_buf(),
            extension: extension.to_string(),
            used: HashSet::new(),
            inputs,
        })
    }

    /// The file name for a cable: its reference id, else the input's name (with the row or
    /// item number for multi-cable containers), made unique within the run by `-2`, `-3`….
    pub fn name_for(&mut self, cable: &Cable) -> String {
        let stem = output_stem(cable);
        let mut name = format!("{stem}.{}", self.extension);
        let mut n = 2;
        while self.used.contains(&name) {
            name = format!("{stem}-{n}.{}", self.extension);
            n += 1;
        }
        self.used.insert(name.clone());
        name
    }

    /// Write one output atomically under `name`.
    pub fn write(&self, name: &str, bytes: &[u8]) -> io::Result<PathBuf> {
        let target = self.dir.join(name);
        write_atomically(&target, bytes, &self.inputs)?;
        Ok(target)
    }

    /// The directory the outputs go to, where [`stage`] writes their temporary files.
    pub fn path(&self) -> &Path {
        &self.dir
    }

    /// Move an output written with [`stage`] into place under `name`.
    pub fn commit(&self, name: &str, staged: tempfile::NamedTempFile) -> io::Result<PathBuf> {
        let target = self.dir.join(name);
        commit(&target, staged, &self.inputs)?;
        Ok(target)
    }
}

/// Write `bytes` to a new temporary file in `dir`, to be moved into place by [`commit`] (or
/// [`OutputDir::commit`]) once its name is known. Workers stage their outputs this way, in
/// parallel; only the renames happen in input order. A staged file that is never committed is
/// removed when it is dropped.
pub fn stage(dir: &Path, bytes: &[u8]) -> io::Result<tempfile::NamedTempFile> {
    let mut temp = temp_output_in(dir)?;
    temp.write_all(bytes)?;
    temp.flush()?;
    Ok(temp)
}

/// The canonical forms of the `paths` that exist (as `std::fs::canonicalize` gives them).
///
/// A file that is not a symbolic link is its canonical directory plus its name, and the
/// directories of a corpus are few: each is resolved once, and each file costs one `lstat`
/// rather than a system call per component of its path.
pub fn canonical_paths(paths: &[PathBuf]) -> HashSet<PathBuf> {
    let mut dirs: std::collections::HashMap<&Path, Option<PathBuf>> = Default::default();
    let mut canonical = HashSet::with_capacity(paths.len());
    for path in paths {
        let Ok(meta) = std::fs::symlink_metadata(path) else {
            continue;
        };
        let split = match (path.parent(), path.file_name()) {
            (Some(parent), Some(name)) if !meta.file_type().is_symlink() => Some((parent, name)),
            _ => None,
        };
        let resolved = match split {
            Some((parent, name)) => dirs
                .entry(parent)
                .or_insert_with(|| {
                    let dir = if parent.as_os_str().is_empty() {
                        Path::new(".")
                    } else {
                        parent
                    };
                    std::fs::canonicalize(dir).ok()
                })
                .as_ref()
                .map(|dir| dir.join(name)),
            None => std::fs::canonicalize(path).ok(),
        };
        canonical.extend(resolved);
    }
    canonical
}

/// Write `bytes` to `target` through a temporary file in the same directory, refusing to
/// replace any file in `protected`.
pub fn write_atomically(
    target: &Path,
    bytes: &[u8],
    protected: &HashSet<PathBuf>,
) -> io::Result<()> {
    let dir = match target.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    commit(target, stage(dir, bytes)?, protected)
}

/// An error if `target` is (a link to) one of the `protected` inputs.
fn refuse_input(target: &Path, protected: &HashSet<PathBuf>) -> io::Result<()> {
    // A target that does not exist is no input: one `lstat` says so, where resolving the whole
    // path would take a system call per component.
    let exists = std::fs::symlink_metadata(target).is_ok();
    if let Some(existing) = exists.then(|| std::fs::canonicalize(target).ok()).flatten() {
        if protected.contains(&existing) {
            return Err(io::Error::new(
                io::ErrorKind::AlreadyExists,
                format!("{} is an input; it is never overwritten", target.display()),
            ));
        }
    }
    Ok(())
}

/// Move a staged output (see [`stage`]; it must be in `target`'s directory) into place at
/// `target`, refusing to replace any file in `protected`.
pub fn commit(
    target: &Path,
    staged: tempfile::NamedTempFile,
    protected: &HashSet<PathBuf>,
) -> io::Result<()> {
    refuse_input(target, protected)?;
    staged.persist(target).map_err(|e| e.error)?;
    Ok(())
}

/// A temporary file in `dir` for an output that will be renamed into place: hidden
/// (`.cablegram-…`), marked `.part`, and created with the permissions of an ordinary new file
/// (`0666` less the umask), not the owner-only ones of a temporary file, so that the output, once
/// renamed, is as readable as any file the user makes.
pub fn temp_output_in(dir: &Path) -> io::Result<tempfile::NamedTempFile> {
    let mut builder = tempfile::Builder::new();
    builder.prefix(".cablegram-").suffix(".part");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        builder.permissions(std::fs::Permissions::from_mode(0o666));
    }
    builder.tempfile_in(dir)
}

/// A file-name stem for a cable: the reference id, else the input file's stem plus its row.
fn output_stem(cable: &Cable) -> String {
    let raw = match (&cable.id, &cable.source) {
        (Some(id), _) => id.clone(),
        (None, Some(source)) => {
            let stem = source
                .path
                .as_deref()
                .and_then(|p| Path::new(p).file_stem())
                .map_or_else(|| "stdin".to_string(), |s| s.to_string_lossy().into_owned());
            match source.index {
                Some(index) => format!("{stem}-{index}"),
                None => stem,
            }
        }
        (None, None) => "cable".to_string(),
    };
    let safe: String = raw
        .chars()
        .map(|c| {
            if c.is_alphanumeric() || matches!(c, '-' | '_' | '.') {
                c
            } else {
                '_'
            }
        })
        .collect();
    let safe = safe.trim_start_matches('.').to_string();
    if safe.is_empty() {
        "cable".to_string()
    } else {
        safe
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_unique_and_safe() {
        let dir = tempfile::tempdir().unwrap();
        let mut out = OutputDir::create(dir.path(), "md", &[]).unwrap();
        let mut cable = Cable {
            id: Some("05ALMATY1938".into()),
            ..Cable::default()
        };
        assert_eq!(out.name_for(&cable), "05ALMATY1938.md");
        assert_eq!(out.name_for(&cable), "05ALMATY1938-2.md");
        cable.id = None;
        cable.source = Some(crate::model::Source {
            path: Some("dir/../evil name.csv".into()),
            index: Some(3),
            ..Default::default()
        });
        assert_eq!(out.name_for(&cable), "evil_name-3.md");
    }

    #[test]
    fn atomic_write_refuses_an_input() {
        let dir = tempfile::tempdir().unwrap();
        let input = dir.path().join("in.md");
        std::fs::write(&input, "original").unwrap();
        let protected: HashSet<PathBuf> = [std::fs::canonicalize(&input).unwrap()].into();
        let err = write_atomically(&input, b"new", &protected).unwrap_err();
        assert_eq!(err.kind(), io::ErrorKind::AlreadyExists);
        assert_eq!(std::fs::read_to_string(&input).unwrap(), "original");
        let other = dir.path().join("out.md");
        write_atomically(&other, b"new", &protected).unwrap();
        assert_eq!(std::fs::read_to_string(&other).unwrap(), "new");
        let leftovers = std::fs::read_dir(dir.path())
            .unwrap()
            .filter(|e| {
                e.as_ref()
                    .unwrap()
                    .file_name()
                    .to_string_lossy()
                    .ends_with(".part")
            })
            .count();
        assert_eq!(leftovers, 0);
    }

    #[test]
    fn canonical_paths_agree_with_canonicalize() {
        let dir = tempfile::tempdir().unwrap();
        let sub = dir.path().join("sub");
        std::fs::create_dir(&sub).unwrap();
        std::fs::write(sub.join("a.txt"), "a").unwrap();
        std::fs::write(dir.path().join("b.txt"), "b").unwrap();
        let link = dir.path().join("link.txt");
        #[cfg(unix)]
        std::os::unix::fs::symlink(sub.join("a.txt"), &link).unwrap();
        let paths = vec![
            sub.join("a.txt"),
            sub.join("../b.txt"),
            dir.path().join("sub/./a.txt"),
            link,
            dir.path().join("missing.txt"),
        ];
        let want: HashSet<PathBuf> = paths
            .iter()
            .filter_map(|p| std::fs::canonicalize(p).ok())
            .collect();
        assert_eq!(canonical_paths(&paths), want);
        assert_eq!(want.len(), 2);
    }
}
