//! Locates the external validators the output tests run: jing (RELAX NG, for TEI), the Nu HTML
//! Checker (vnu.jar, run with java), xmllint, and Hugo (a site built from the Markdown).
//!
//! Each can be pointed at with an environment variable; otherwise it is searched for. A missing
//! validator is an error that says how to install it: the tests that need one fail rather than
//! pass without checking anything.

use std::env;
use std::path::{Path, PathBuf};

/// The crate root.
pub fn crate_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// `name` on the PATH, if it is there.
fn on_path(name: &str) -> Option<PathBuf> {
    let path = env::var_os("PATH")?;
    env::split_paths(&path)
        .map(|dir| dir.join(name))
        .find(|p| p.is_file())
}

/// The file named by `var` when it is set (and `None` when that file does not exist), else the
/// first of `fallbacks` that exists.
fn locate(var: &str, fallbacks: impl IntoIterator<Item = Option<PathBuf>>) -> Option<PathBuf> {
    if let Some(p) = env::var_os(var).filter(|v| !v.is_empty()) {
        return Some(PathBuf::from(p)).filter(|p| p.is_file());
    }
    fallbacks.into_iter().flatten().find(|p| p.is_file())
}

/// The jing executable: `$CABLEGRAM_JING`, else `jing` on the PATH.
pub fn jing() -> Result<PathBuf, String> {
    locate("CABLEGRAM_JING", [on_path("jing")]).ok_or_else(|| {
        "jing (RELAX NG validator) not found: install it with \
         `apt-get update && apt-get install -y jing`, or set CABLEGRAM_JING to its path"
            .to_string()
    })
}

/// The TEI All schema: `$CABLEGRAM_TEI_RNG`, else `../shared/tei/tei_all.rng` beside the crate.
pub fn tei_rng() -> Result<PathBuf, String> {
    let shared = crate_root().join("../shared/tei/tei_all.rng");
    locate("CABLEGRAM_TEI_RNG", [Some(shared)]).ok_or_else(|| {
        "tei_all.rng not found: expected ../shared/tei/tei_all.rng beside the crate, \
         or set CABLEGRAM_TEI_RNG to its path"
            .to_string()
    })
}

/// The java executable: `$JAVA_HOME/bin/java`, else `java` on the PATH.
pub fn java() -> Result<PathBuf, String> {
    let home = env::var_os("JAVA_HOME").map(|h| Path::new(&h).join("bin/java"));
    locate("CABLEGRAM_JAVA", [home, on_path("java")]).ok_or_else(|| {
        "java not found: install it with \
         `apt-get update && apt-get install -y default-jre-headless`"
            .to_string()
    })
}

/// The Nu HTML Checker: `$CABLEGRAM_VNU_JAR`, else `node_modules/vnu-jar/build/dist/vnu.jar` in
/// the crate root.
pub fn vnu_jar() -> Result<PathBuf, String> {
    let local = crate_root().join("node_modules/vnu-jar/build/dist/vnu.jar");
    locate("CABLEGRAM_VNU_JAR", [Some(local)]).ok_or_else(|| {
        "vnu.jar (Nu HTML Checker) not found: run `npm install --no-save vnu-jar` in the crate \
         root (java is needed too), or set CABLEGRAM_VNU_JAR to its path"
            .to_string()
    })
}

/// Unwraps a located tool, failing the test with the installation hint.
pub fn require(tool: Result<PathBuf, String>) -> PathBuf {
    tool.unwrap_or_else(|hint| panic!("{hint}"))
}

/// The xmllint executable (libxml2): `$CABLEGRAM_XMLLINT`, else `xmllint` on the PATH.
pub fn xmllint() -> Result<PathBuf, String> {
    locate("CABLEGRAM_XMLLINT", [on_path("xmllint")]).ok_or_else(|| {
        "xmllint not found: install it with \
         `apt-get update && apt-get install -y libxml2-utils`, or set CABLEGRAM_XMLLINT to its path"
            .to_string()
    })
}

/// The hugo executable (the static-site generator): `$CABLEGRAM_HUGO`, else `hugo` on the PATH.
pub fn hugo() -> Result<PathBuf, String> {
    locate("CABLEGRAM_HUGO", [on_path("hugo")]).ok_or_else(|| {
        "hugo not found: run scripts/setup-validators.sh (it installs Debian's package: \
         `apt-get update && apt-get install -y hugo`), or set CABLEGRAM_HUGO to its path"
            .to_string()
    })
}
