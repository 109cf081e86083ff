//! The Markdown's front matter read by a real static-site generator: the golden cables and a
//! subset of the real corpus, as Markdown files of a minimal Hugo site, built with `hugo`
//! (Debian's package; scripts/setup-validators.sh installs it). Every page has the cable's title
//! (the subject, else the id) and its date; `prel` and `PREL` are one term of the `tags`
//! taxonomy, shown as `PREL`. Without hugo the test fails, saying how to install it.

mod common;

use cablegram::batch::parse_doc;
use cablegram::converters::markdown::Markdown;
use cablegram::converters::Options;
use cablegram::model::Cable;
use cablegram::source;
use common::validators::{crate_root, hugo, require};
use std::path::{Path, PathBuf};
use std::process::Command;

/// Folders of the real corpus whose first files go into the site, and how many of each.
const CORPUS: &[(&str, usize)] = &[
    ("alx__cablegate", 10),
    ("GavinMendelGleason__mapper", 10),
    ("heuer__cablemap", 10),
    ("paul-mathieu__cablegate-cia-analysis", 16),
    ("tathagata__reveal", 40),
    ("avilaroman__Wikileaks-Mirror", 20),
    ("typecode__wikileaks", 20),
    ("None-later__Wikileaks_Processing", 20),
];

const CONFIG: &str = r#"baseURL = "http://example.org/"
languageCode = "en"
title = "Cables"
disableKinds = ["RSS", "sitemap", "robotsTXT", "404"]
[taxonomies]
tag = "tags"
"#;

/// A page: its title twice (the document's and the heading), and its date as Hugo read it.
const SINGLE: &str = r#"<!DOCTYPE html>
<html><head><title>{{ .Title }}</title></head>
<body><h1>{{ .Title }}</h1>
{{ if not .Date.IsZero }}<time>{{ .Date.UTC.Format "2006-01-02T15:04:05Z" }}</time>{{ end }}
<ul>{{ range .Params.tags }}<li class="tag">{{ . }}</li>{{ end }}</ul>
<div class="content">{{ .Content }}</div>
</body></html>
"#;

/// Lists (home, sections, taxonomies, terms): the title, every page's title, every term.
const LIST: &str = r#"<!DOCTYPE html>
<html><head><title>{{ .Title }}</title></head>
<body><h1>{{ .Title }}</h1>
<ul>{{ range .Site.RegularPages }}<li class="page">{{ .Title }}</li>{{ end }}</ul>
<ul>{{ range .Site.Taxonomies.tags }}<li class="term">{{ .Page.Title }}</li>{{ end }}</ul>
</body></html>
"#;

/// The cables of the site, in order: the golden cables, then the corpus subset.
fn cables() -> Vec<Cable> {
    let mut cables: Vec<Cable> = common::golden::files()
        .iter()
        .map(|name| common::golden::read(name))
        .collect();
    let corpus = crate_root().join("../shared/corpus");
    for (dir, n) in CORPUS {
        let files: Vec<PathBuf> = source::walk(&[corpus.join(dir)])
            .filter_map(Result::ok)
            .take(*n)
            .collect();
        assert!(!files.is_empty(), "{dir}: no files in the corpus");
        for file in files {
            let Ok(docs) = source::read_path(&file, None) else {
                continue;
            };
            cables.extend(docs.filter_map(Result::ok).take(5).map(parse_doc));
        }
    }
    // Bare addresses, which GFM's extended autolinks (Hugo's linkify) would make links of.
    cables.push(cablegram::parse(
        "UNCLASSIFIED\nSUBJECT: ADDRESSES IN THE TEXT\n\n1. Write to jo.doe@state.gov, see \
         www.state.gov, WWW.USEMB.GOV and http://example.org/a, or ftp://x.example.\n",
    ));
    // The same TAGS written in two cases, which must make one term.
    let mut lower = common::almaty_partial();
    lower.tags = vec!["prel".into(), "kz".into()];
    lower.subject = Some("TAGS WRITTEN IN LOWER CASE".into());
    cables.push(lower);
    cables
}

/// What a page's title must be: the subject, else the id.
fn expected_title(cable: &Cable) -> String {
    cable
        .subject
        .clone()
        .filter(|s| !s.trim().is_empty())
        .or(cable.id.clone().filter(|s| !s.trim().is_empty()))
        .unwrap_or_else(|| "Untitled cable".into())
}

/// Text of an HTML page as Hugo escapes it, back to characters.
fn unescape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(at) = rest.find('&') {
        out.push_str(&rest[..at]);
        rest = &rest[at..];
        let end = rest.find(';').expect("an entity ends with ;");
        let entity = &rest[1..end];
        let c = match entity {
            "amp" => '&',
            "lt" => '<',
            "gt" => '>',
            "quot" => '"',
            "apos" => '\'',
            _ => {
                let code = entity
                    .strip_prefix("#x")
                    .map(|h| u32::from_str_radix(h, 16))
                    .or_else(|| entity.strip_prefix('#').map(str::parse))
                    .unwrap_or_else(|| panic!("unknown entity &{entity};"))
                    .expect("a numeric entity");
                char::from_u32(code).expect("a character")
            }
        };
        out.push(c);
        rest = &rest[end + 1..];
    }
    out.push_str(rest);
    out
}

/// The contents of every `<tag>…</tag>` (or `<tag class="…">`) in `html`, unescaped.
fn all(html: &str, open: &str, close: &str) -> Vec<String> {
    html.split(open)
        .skip(1)
        .map(|rest| unescape(&rest[..rest.find(close).expect("closed")]))
        .collect()
}

fn one(html: &str, open: &str, close: &str) -> Option<String> {
    let found = all(html, open, close);
    assert!(found.len() <= 1, "several {open} in\n{html}");
    found.into_iter().next()
}

/// Writes the site into `root`: the configuration, the layouts, a content file per cable.
fn write_site(root: &Path, cables: &[Cable]) {
    let layouts = root.join("layouts/_default");
    let content = root.join("content/cables");
    std::fs::create_dir_all(&layouts).unwrap();
    std::fs::create_dir_all(&content).unwrap();
    std::fs::write(root.join("config.toml"), CONFIG).unwrap();
    std::fs::write(layouts.join("single.html"), SINGLE).unwrap();
    std::fs::write(layouts.join("list.html"), LIST).unwrap();
    for (i, cable) in cables.iter().enumerate() {
        let (md, _) = common::render(&Markdown, cable, &Options::default());
        std::fs::write(content.join(format!("c{i:04}.md")), md).unwrap();
    }
}

/// Builds the site in `root` with hugo; fails with hugo's messages.
fn build(root: &Path) {
    let hugo = require(hugo());
    let output = Command::new(&hugo)
        .current_dir(root)
        .args(["--quiet", "--cacheDir"])
        .arg(root.join(".cache"))
        .output()
        .unwrap_or_else(|e| panic!("cannot run {}: {e}", hugo.display()));
    let messages = String::from_utf8_lossy(&output.stderr).into_owned()
        + &String::from_utf8_lossy(&output.stdout);
    assert!(output.status.success(), "hugo failed:\n{messages}");
    assert!(
        !messages.contains("ERROR"),
        "hugo reported errors:\n{messages}"
    );
}

#[test]
fn hugo_reads_titles_dates_and_one_term_per_tag() {
    let cables = cables();
    assert!(cables.len() > 120, "only {} cables", cables.len());
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    write_site(root, &cables);
    build(root);
    let public = root.join("public");
    let mut failures = Vec::new();
    for (i, cable) in cables.iter().enumerate() {
        let page = public.join(format!("cables/c{i:04}/index.html"));
        let html =
            std::fs::read_to_string(&page).unwrap_or_else(|e| panic!("{}: {e}", page.display()));
        let want = expected_title(cable);
        let name = cablegram::diagnostics::render::display_name(cable);
        for (what, got) in [
            ("<title>", one(&html, "<title>", "</title>")),
            ("<h1>", one(&html, "<h1>", "</h1>")),
        ] {
            if got.as_deref() != Some(want.as_str()) || want.trim().is_empty() {
                failures.push(format!("{name}: {what} {got:?}, want {want:?}"));
            }
        }
        // Hugo reads the date (a date-time without seconds it silently reads as none).
        let date = one(&html, "<time>", "</time>");
        let want_date = cable.datetime.as_ref().map(|dt| {
            if dt.len() == 10 {
                format!("{dt}T00:00:00Z")
            } else {
                dt.clone()
            }
        });
        if date != want_date {
            failures.push(format!("{name}: date {date:?}, want {want_date:?}"));
        }
        // Cable text stays text: no link in what the Markdown renders to.
        let content = html
            .split("<div class=\"content\">")
            .nth(1)
            .and_then(|rest| rest.split("</div>").next())
            .unwrap_or_default();
        if content.contains("<a ") {
            failures.push(format!("{name}: a link in the text: {content}"));
        }
        let tags = all(&html, "<li class=\"tag\">", "</li>");
        let upper: Vec<String> = tags.iter().map(|t| t.to_uppercase()).collect();
        if tags != upper {
            failures.push(format!("{name}: tags not upper-cased: {tags:?}"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));

    // Every page is listed by its title.
    let home = std::fs::read_to_string(public.join("index.html")).unwrap();
    let listed = all(&home, "<li class=\"page\">", "</li>");
    let mut want: Vec<String> = cables.iter().map(expected_title).collect();
    let mut got = listed.clone();
    want.sort();
    got.sort();
    assert_eq!(got, want, "the home page lists every cable by its title");

    // `prel` (the last cable) and `PREL` (the seed, golden cables) are one term, `PREL`.
    let terms = all(&home, "<li class=\"term\">", "</li>");
    let prel: Vec<&String> = terms
        .iter()
        .filter(|t| t.eq_ignore_ascii_case("prel"))
        .collect();
    assert_eq!(prel, ["PREL"], "terms: {terms:?}");
    let upper: Vec<String> = terms.iter().map(|t| t.to_uppercase()).collect();
    assert_eq!(terms, upper, "every term upper-cased");
    let term_page = std::fs::read_to_string(public.join("tags/prel/index.html")).unwrap();
    assert_eq!(one(&term_page, "<h1>", "</h1>").as_deref(), Some("PREL"));
}
