//! The edition's static site in a real browser: headless Chromium (Debian's `chromium`), driven
//! by playwright-core (`tests/browser/edition.mjs`), from `file://`. It opens the index, filters
//! it by station and by text, sorts it, follows a cable's link, a reference to the cable it
//! cites and the "Cited by" link back, and goes back to the index, with no script error.
//!
//! `scripts/setup-validators.sh` installs chromium and playwright-core; without them the test
//! fails, saying so. With `CABLEGRAM_SCREENSHOT=FILE` it also saves a picture of the index.

mod common;

use common::validators::crate_root;
use scraper::{Html, Selector};
use std::path::{Path, PathBuf};
use std::process::Command;

/// A cable page whose first reference link goes to another cable of the edition: (citing,
/// cited, the citing cable's station).
fn citation(site: &Path) -> (String, String, String) {
    let refs = Selector::parse(".refs a[href]").unwrap();
    let origin = Selector::parse(".meta dt").unwrap();
    let mut pages: Vec<PathBuf> = std::fs::read_dir(site.join("cables"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    pages.sort();
    for page in pages {
        let html = Html::parse_document(&std::fs::read_to_string(&page).unwrap());
        let Some(link) = html.select(&refs).next() else {
            continue;
        };
        let station = html
            .select(&origin)
            .find(|dt| dt.text().collect::<String>() == "Origin")
            .and_then(|dt| dt.next_siblings().find_map(scraper::ElementRef::wrap))
            .map(|dd| dd.text().collect::<String>());
        if let Some(station) = station {
            let citing = page.file_stem().unwrap().to_string_lossy().into_owned();
            let cited = link.value().attr("href").unwrap().trim_end_matches(".html");
            return (citing, cited.to_string(), station);
        }
    }
    panic!("no cable of the edition cites another");
}

#[test]
fn the_site_works_in_chromium_from_file_urls() {
    let chromium = std::env::var("CABLEGRAM_CHROMIUM").unwrap_or("/usr/bin/chromium".into());
    assert!(
        Path::new(&chromium).is_file(),
        "chromium not found at {chromium}: run scripts/setup-validators.sh \
         (apt-get install chromium), or set CABLEGRAM_CHROMIUM"
    );
    assert!(
        crate_root().join("node_modules/playwright-core").is_dir(),
        "playwright-core not found: run scripts/setup-validators.sh"
    );
    let dir = tempfile::tempdir().unwrap();
    let site = dir.path().join("site");
    let built = Command::new(env!("CARGO_BIN_EXE_cablegram"))
        .args(["edition", "-q", "--to", "html", "--out-dir"])
        .arg(&site)
        .arg(crate_root().join("../shared/corpus/chillicoder__cablegate"))
        .arg(crate_root().join("../shared/corpus/tathagata__reveal"))
        .status()
        .unwrap();
    assert!(built.code().is_some_and(|c| c <= 1));
    let (citing, cited, station) = citation(&site);
    let mut node = Command::new("node");
    node.arg(crate_root().join("tests/browser/edition.mjs"))
        .arg(&site)
        .args([&station, &citing, &cited])
        .env("CABLEGRAM_CHROMIUM", &chromium);
    if let Ok(shot) = std::env::var("CABLEGRAM_SCREENSHOT") {
        node.arg(shot);
    }
    let output = node.output().expect("node runs");
    let said = String::from_utf8_lossy(&output.stdout).into_owned()
        + &String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "in Chromium:\n{said}");
    assert!(
        said.contains("ok: going back returns to the index"),
        "{said}"
    );
}
