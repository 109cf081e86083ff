//! `cablegram edition`, built from the golden cables and the whole real corpus
//! (`../shared/corpus`), as a user would run it:
//!
//! * html: every page passes the Nu HTML Checker; no link is broken; every reference that
//!   `cablegram refs` resolves to a cable of the inputs links to that cable's page, whose "Cited
//!   by" links back; each cable once, listing its sources;
//! * tei: the one `corpus.xml` is valid against tei_all, every `ref/@target` names a member,
//!   the header counts the members;
//! * markdown: Hugo builds the content tree; the links between cables and the station pages
//!   resolve;
//! * the output directory: an existing directory that is not an edition, or that holds inputs,
//!   is never replaced; an earlier edition is replaced whole.

mod common;

use common::validators::{crate_root, hugo, java, jing, require, tei_rng, vnu_jar, xmllint};
use scraper::{Html, Selector};
use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::path::{Component, Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;

fn cablegram() -> Command {
    Command::new(env!("CARGO_BIN_EXE_cablegram"))
}

fn corpus() -> PathBuf {
    crate_root().join("../shared/corpus")
}

fn golden() -> PathBuf {
    crate_root().join("golden")
}

/// Builds an edition of `inputs` into `out`; returns standard error. Fails on a failed build.
fn build(kind: &str, inputs: &[PathBuf], out: &Path) -> String {
    let output = cablegram()
        .args(["edition", "--to", kind, "--out-dir"])
        .arg(out)
        .args(inputs)
        .output()
        .expect("cablegram runs");
    let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
    // The corpus holds a few inputs that cannot be read (exit 1, each reported); nothing else
    // may fail.
    assert!(
        output.status.success() || output.status.code() == Some(1),
        "edition --to {kind} failed:\n{stderr}"
    );
    assert!(out.join(".cablegram-edition").is_file(), "{stderr}");
    stderr
}

/// An edition of the golden cables and the whole corpus, built once per kind for the tests.
struct Built {
    _dir: tempfile::TempDir,
    root: PathBuf,
    stderr: String,
}

fn built(kind: &'static str) -> &'static Built {
    static BUILT: OnceLock<std::sync::Mutex<HashMap<&'static str, &'static Built>>> =
        OnceLock::new();
    let map = BUILT.get_or_init(Default::default);
    let mut map = map.lock().unwrap();
    map.entry(kind).or_insert_with(|| {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join(kind);
        let stderr = build(kind, &[golden(), corpus()], &root);
        Box::leak(Box::new(Built {
            _dir: dir,
            root,
            stderr,
        }))
    })
}

/// Every file under `root`, relative, with `/`.
fn files(root: &Path) -> Vec<String> {
    walkdir::WalkDir::new(root)
        .into_iter()
        .map(|e| e.unwrap())
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            e.path()
                .strip_prefix(root)
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/")
        })
        .collect()
}

/// `href` resolved against the page `from` (both relative to the site root), or `None` when it
/// leaves the site.
fn resolve(from: &str, href: &str) -> Option<String> {
    let mut parts: Vec<&str> = from.split('/').collect();
    parts.pop();
    for c in Path::new(href).components() {
        match c {
            Component::Normal(p) => parts.push(p.to_str()?),
            Component::ParentDir => {
                parts.pop()?;
            }
            Component::CurDir => {}
            _ => return None,
        }
    }
    Some(parts.join("/"))
}

/// The pages of a site: path → (ids in it, links in it).
fn pages(root: &Path) -> BTreeMap<String, (HashSet<String>, Vec<String>)> {
    let ids = Selector::parse("[id]").unwrap();
    let links = Selector::parse("a[href], link[href], script[src]").unwrap();
    files(root)
        .into_iter()
        .filter(|f| f.ends_with(".html"))
        .map(|f| {
            let html = Html::parse_document(&std::fs::read_to_string(root.join(&f)).unwrap());
            let page_ids = html
                .select(&ids)
                .filter_map(|e| e.value().attr("id"))
                .map(str::to_string)
                .collect();
            let page_links = html
                .select(&links)
                .filter_map(|e| e.value().attr("href").or(e.value().attr("src")))
                .map(str::to_string)
                .collect();
            (f, (page_ids, page_links))
        })
        .collect()
}

#[test]
fn html_every_page_passes_the_nu_checker() {
    let site = built("html");
    let java = require(java());
    let jar = require(vnu_jar());
    let output = Command::new(&java)
        .arg("-jar")
        .arg(&jar)
        .args(["--errors-only", "--skip-non-html", "--format", "gnu"])
        .arg(&site.root)
        .output()
        .expect("vnu runs");
    let messages = String::from_utf8_lossy(&output.stderr).into_owned()
        + &String::from_utf8_lossy(&output.stdout);
    let errors: Vec<&str> = messages.lines().take(20).collect();
    assert!(
        output.status.success() && messages.trim().is_empty(),
        "Nu checker errors:\n{}",
        errors.join("\n")
    );
}

#[test]
fn html_no_link_is_broken_and_none_leaves_the_site() {
    let site = built("html");
    let pages = pages(&site.root);
    let all: HashSet<String> = files(&site.root).into_iter().collect();
    assert!(pages.len() > 3000, "{} pages", pages.len());
    let mut checked = 0;
    for (page, (_, links)) in &pages {
        for href in links {
            let (path, fragment) = href.split_once('#').unwrap_or((href, ""));
            let target = if path.is_empty() {
                Some(page.clone())
            } else {
                resolve(page, path)
            };
            let target = target.unwrap_or_else(|| panic!("{page}: {href} leaves the site"));
            assert!(all.contains(&target), "{page}: broken link {href}");
            if !fragment.is_empty() {
                let ids = &pages[&target].0;
                assert!(ids.contains(fragment), "{page}: no #{fragment} in {target}");
            }
            checked += 1;
        }
    }
    assert!(checked > 50_000, "{checked} links");
}

/// The references that `cablegram refs` resolves to a cable among the inputs: (citing, cited).
fn resolved_among_inputs() -> BTreeSet<(String, String)> {
    let output = cablegram()
        .args(["refs", "-q", "--format", "json"])
        .arg(golden())
        .arg(corpus())
        .output()
        .unwrap();
    String::from_utf8(output.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str::<serde_json::Value>(l).unwrap())
        .filter(|e| e["cited_in_inputs"] == true)
        .filter_map(|e| {
            let citing = e["citing"].as_str()?.to_string();
            let cited = e["cited"].as_str()?.to_string();
            (citing != cited).then_some((citing, cited))
        })
        .collect()
}

#[test]
fn html_references_link_to_the_cables_they_cite_and_back() {
    let site = built("html");
    let refs = Selector::parse(".refs a[href]").unwrap();
    let cited_by = Selector::parse(".cited-by a[href]").unwrap();
    let page = |id: &str| {
        let path = site.root.join(format!("cables/{id}.html"));
        Html::parse_document(&std::fs::read_to_string(&path).unwrap_or_else(|_| {
            panic!("no page {}", path.display());
        }))
    };
    let expected = resolved_among_inputs();
    assert!(
        expected.len() > 300,
        "{} resolved references",
        expected.len()
    );
    for (citing, cited) in &expected {
        let html = page(citing);
        let target = format!("{cited}.html");
        assert!(
            html.select(&refs)
                .any(|a| a.value().attr("href") == Some(&target)),
            "{citing}: no reference links to {cited}"
        );
        let back = format!("{citing}.html");
        assert!(
            page(cited)
                .select(&cited_by)
                .any(|a| a.value().attr("href") == Some(&back)),
            "{cited}: \"Cited by\" does not list {citing}"
        );
    }
}

#[test]
fn html_lists_each_cable_once_with_its_sources() {
    let site = built("html");
    // The ids the inputs give, read as the converter reads them.
    let output = cablegram()
        .args(["convert", "-q", "--to", "json", "--compact"])
        .arg(golden())
        .arg(corpus())
        .output()
        .unwrap();
    let mut ids: HashMap<String, usize> = HashMap::new();
    let mut nameless = 0;
    for line in String::from_utf8(output.stdout).unwrap().lines() {
        let cable: serde_json::Value = serde_json::from_str(line).unwrap();
        match cable["id"].as_str() {
            Some(id) => *ids.entry(id.to_lowercase()).or_default() += 1,
            None => nameless += 1,
        }
    }
    let index =
        Html::parse_document(&std::fs::read_to_string(site.root.join("index.html")).unwrap());
    let rows = index
        .select(&Selector::parse("#cables tbody tr").unwrap())
        .count();
    assert_eq!(rows, ids.len() + nameless, "one row per cable");
    let repeated = ids.values().filter(|&&n| n > 1).count();
    assert!(repeated > 700, "{repeated} ids from several sources");
    let cable_pages = files(&site.root.join("cables")).len();
    assert_eq!(cable_pages, rows, "one page per cable");
    // A cable from several sources lists them all.
    let sources = Selector::parse(".sources li").unwrap();
    let with_sources = files(&site.root.join("cables"))
        .iter()
        .filter(|f| {
            let html = std::fs::read_to_string(site.root.join("cables").join(f)).unwrap();
            Html::parse_document(&html).select(&sources).count() > 1
        })
        .count();
    assert_eq!(
        with_sources, repeated,
        "every repeated cable lists its sources"
    );
    // The sources whose texts differ are reported, and counted in the closing line.
    let differing = site.stderr.matches("warning[C0701]").count();
    assert!(differing > 0 && differing < repeated, "{differing} C0701");
    assert!(
        site.stderr.contains(&format!("({differing} differing)")),
        "{}",
        site.stderr.lines().last().unwrap_or_default()
    );
    // No machine path is written.
    let home = crate_root().display().to_string();
    assert!(!std::fs::read_to_string(site.root.join("index.html"))
        .unwrap()
        .contains(&home));
}

/// Two copies of one cable: the second a cut-off one, and the full one is chosen.
#[test]
fn the_fuller_text_wins_and_the_difference_is_reported() {
    let dir = tempfile::tempdir().unwrap();
    let full = std::fs::read_to_string(golden().join("02-full-routing-header.txt")).unwrap();
    let cut = &full[..full.len() * 2 / 3];
    std::fs::create_dir_all(dir.path().join("a")).unwrap();
    std::fs::create_dir_all(dir.path().join("b")).unwrap();
    std::fs::write(dir.path().join("a/copy.txt"), cut).unwrap();
    std::fs::write(dir.path().join("b/copy.txt"), &full).unwrap();
    let out = dir.path().join("site");
    let stderr = build("html", &[dir.path().join("a"), dir.path().join("b")], &out);
    let pages = files(&out.join("cables"));
    assert_eq!(pages.len(), 1, "{pages:?}");
    assert!(stderr.contains("warning[C0701]"), "{stderr}");
    assert!(stderr.contains("kept the fuller"), "{stderr}");
    let page = std::fs::read_to_string(out.join("cables").join(&pages[0])).unwrap();
    let last_words: String = full
        .split_whitespace()
        .rev()
        .take(1)
        .collect::<Vec<_>>()
        .join(" ");
    assert!(page.contains(&last_words), "the full copy is shown");
    assert!(page.contains("b/copy.txt") && page.contains("a/copy.txt"));
}

#[test]
fn an_existing_directory_is_replaced_only_when_it_is_an_edition() {
    let dir = tempfile::tempdir().unwrap();
    let input = golden().join("07-lettered-refs.txt");
    // Not an edition: refused, left as it was.
    let other = dir.path().join("mine");
    std::fs::create_dir_all(&other).unwrap();
    std::fs::write(other.join("notes.txt"), "mine").unwrap();
    let output = cablegram()
        .args(["edition", "-q", "--to", "html", "--out-dir"])
        .arg(&other)
        .arg(&input)
        .output()
        .unwrap();
    assert!(!output.status.success());
    assert!(String::from_utf8_lossy(&output.stderr).contains("is not an edition"));
    assert_eq!(
        std::fs::read_to_string(other.join("notes.txt")).unwrap(),
        "mine"
    );
    // A directory that holds the inputs: refused.
    let inputs = dir.path().join("inputs");
    std::fs::create_dir_all(&inputs).unwrap();
    std::fs::copy(&input, inputs.join("a.txt")).unwrap();
    std::fs::write(inputs.join(".cablegram-edition"), "html\n").unwrap();
    let output = cablegram()
        .args(["edition", "-q", "--to", "html", "--out-dir"])
        .arg(&inputs)
        .arg(inputs.join("a.txt"))
        .output()
        .unwrap();
    assert!(!output.status.success());
    assert!(String::from_utf8_lossy(&output.stderr).contains("holds inputs"));
    assert!(inputs.join("a.txt").is_file());
    // An earlier edition: replaced whole, nothing of it left behind.
    let site = dir.path().join("site");
    build("html", &[golden()], &site);
    std::fs::write(site.join("stale.html"), "old").unwrap();
    build("html", std::slice::from_ref(&input), &site);
    assert!(!site.join("stale.html").exists());
    assert_eq!(files(&site.join("cables")).len(), 1);
    let leftovers: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with(".cablegram"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

#[test]
fn tei_corpus_is_valid_and_its_references_name_its_members() {
    let built = built("tei");
    let corpus = built.root.join("corpus.xml");
    let jing = require(jing());
    let rng = require(tei_rng());
    let output = Command::new(&jing).arg(&rng).arg(&corpus).output().unwrap();
    let messages = String::from_utf8_lossy(&output.stdout);
    assert!(output.status.success(), "jing:\n{messages}");
    // Well-formed for libxml2 too.
    let lint = Command::new(require(xmllint()))
        .args(["--noout", "--huge"])
        .arg(&corpus)
        .output()
        .unwrap();
    assert!(
        lint.status.success(),
        "{}",
        String::from_utf8_lossy(&lint.stderr)
    );

    let text = std::fs::read_to_string(&corpus).unwrap();
    let doc = roxmltree::Document::parse_with_options(
        &text,
        roxmltree::ParsingOptions {
            allow_dtd: false,
            nodes_limit: u32::MAX,
        },
    )
    .unwrap();
    let root = doc.root_element();
    assert_eq!(root.tag_name().name(), "teiCorpus");
    let xml_ns = "http://www.w3.org/XML/1998/namespace";
    let members: Vec<_> = root
        .children()
        .filter(|n| n.tag_name().name() == "TEI")
        .collect();
    let ids: HashSet<&str> = doc
        .descendants()
        .filter_map(|n| n.attribute((xml_ns, "id")))
        .collect();
    let quantity = doc
        .descendants()
        .find(|n| n.tag_name().name() == "measure")
        .and_then(|n| n.attribute("quantity"))
        .unwrap();
    assert_eq!(quantity, members.len().to_string());
    let index_rows = files(&built_html_cables()).len();
    assert_eq!(members.len(), index_rows, "the same cables as the site");
    let mut linked = 0;
    for r in doc.descendants().filter(|n| n.tag_name().name() == "ref") {
        let target = r.attribute("target").unwrap();
        let id = target.strip_prefix('#').unwrap();
        assert!(ids.contains(id), "ref to {target}, not a member");
        if r.ancestors()
            .any(|a| a.attribute("type") == Some("references"))
        {
            linked += 1;
        }
    }
    assert_eq!(linked, resolved_among_inputs_items(), "references as <ref>");
    let with_corresp = members
        .iter()
        .filter(|m| {
            m.descendants()
                .any(|n| n.tag_name().name() == "correspDesc")
        })
        .count();
    assert!(
        with_corresp * 100 >= members.len() * 99,
        "{with_corresp} of {} have a correspDesc",
        members.len()
    );
}

fn built_html_cables() -> PathBuf {
    built("html").root.join("cables")
}

/// How many REF items of the chosen texts cite another cable of the inputs: as many `<ref>`s in
/// the corpus, counted from the site's reference links.
fn resolved_among_inputs_items() -> usize {
    let refs = Selector::parse(".refs a[href]").unwrap();
    files(&built_html_cables())
        .iter()
        .map(|f| {
            let html = std::fs::read_to_string(built_html_cables().join(f)).unwrap();
            Html::parse_document(&html).select(&refs).count()
        })
        .sum()
}

const SINGLE: &str = r#"<!DOCTYPE html>
<html><head><title>{{ .Title }}</title></head>
<body><h1>{{ .Title }}</h1>{{ .Content }}
<ul>{{ range .GetTerms "stations" }}<li class="station"><a href="{{ .RelPermalink }}">{{ .LinkTitle }}</a></li>{{ end }}
{{ range .GetTerms "tags" }}<li class="tag"><a href="{{ .RelPermalink }}">{{ .LinkTitle }}</a></li>{{ end }}</ul>
</body></html>
"#;

const LIST: &str = r#"<!DOCTYPE html>
<html><head><title>{{ .Title }}</title></head>
<body><h1>{{ .Title }}</h1>
<ul>{{ range .Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}</ul>
</body></html>
"#;

#[test]
fn markdown_tree_builds_with_hugo_and_its_links_resolve() {
    let built = built("markdown");
    let dir = tempfile::tempdir().unwrap();
    let site = dir.path().join("site");
    // The content tree as written, and the layouts a user's theme would give.
    let copy = Command::new("cp")
        .arg("-r")
        .arg(&built.root)
        .arg(&site)
        .status()
        .unwrap();
    assert!(copy.success());
    let layouts = site.join("layouts/_default");
    std::fs::create_dir_all(&layouts).unwrap();
    std::fs::write(layouts.join("single.html"), SINGLE).unwrap();
    std::fs::write(layouts.join("list.html"), LIST).unwrap();
    let output = Command::new(require(hugo()))
        .current_dir(&site)
        .args(["--quiet", "--cacheDir"])
        .arg(dir.path().join("cache"))
        .output()
        .unwrap();
    let messages = String::from_utf8_lossy(&output.stderr).into_owned()
        + &String::from_utf8_lossy(&output.stdout);
    assert!(
        output.status.success() && !messages.contains("ERROR"),
        "{messages}"
    );

    let public = site.join("public");
    let cable_pages: Vec<String> = files(&public.join("cables"))
        .into_iter()
        .filter(|f| f.ends_with("/index.html"))
        .collect();
    let sources = files(&built.root.join("content/cables")).len() - 1; // _index.md
    assert_eq!(cable_pages.len(), sources, "a page per cable");
    assert_eq!(cable_pages.len(), files(&built_html_cables()).len());
    let links = Selector::parse("a[href]").unwrap();
    let mut between_cables = 0;
    let mut stations = 0;
    for page in &cable_pages {
        let path = format!("cables/{page}");
        let html = Html::parse_document(&std::fs::read_to_string(public.join(&path)).unwrap());
        for a in html.select(&links) {
            let href = a.value().attr("href").unwrap();
            if href.starts_with("mailto:") || href.contains("://") {
                continue;
            }
            let target = match href.strip_prefix('/') {
                Some(absolute) => absolute.to_string(),
                None => resolve(&path, href).unwrap_or_else(|| panic!("{path}: {href}")),
            };
            let file = if target.ends_with('/') || target.is_empty() {
                format!("{target}index.html")
            } else {
                format!("{target}/index.html")
            };
            let file = file.replace("//", "/");
            assert!(public.join(&file).is_file(), "{path}: broken link {href}");
            if href.starts_with("../") {
                between_cables += 1;
            }
            if a.parent()
                .and_then(|p| p.value().as_element())
                .is_some_and(|e| e.attr("class") == Some("station"))
            {
                stations += 1;
            }
        }
    }
    assert_eq!(
        between_cables,
        resolved_among_inputs_items() + cited_by_links()
    );
    assert!(
        stations * 100 >= cable_pages.len() * 95,
        "{stations} station links"
    );
}

/// The "Cited by" links of the site.
fn cited_by_links() -> usize {
    let cited_by = Selector::parse(".cited-by a[href]").unwrap();
    files(&built_html_cables())
        .iter()
        .map(|f| {
            let html = std::fs::read_to_string(built_html_cables().join(f)).unwrap();
            Html::parse_document(&html).select(&cited_by).count()
        })
        .sum()
}
