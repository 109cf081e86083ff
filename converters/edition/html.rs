//! The static-site edition: plain HTML5 pages that work from `file://` and from any web server,
//! with no server code and nothing fetched from elsewhere.
//!
//! * `index.html`: every cable in a table (id, date, station, classification, subject), sortable
//!   by any column and filtered as you type by text, tag, station, year and classification
//!   (`assets/edition.js`; without scripts the table is all there, unfiltered);
//! * `tags/`, `stations/`, `years/`: an index page each, and a page per TAGS entry, station and
//!   year listing its cables;
//! * `cables/KEY.html`: each cable as the HTML writer shows it, with links to the index and to
//!   its station's, year's and tags' pages, each reference that cites a cable of the edition a
//!   link to that cable's page, the cables that cite it ("Cited by") and its sources.

use super::{count, EditionWriter, Links, Pages};
use crate::converters::html::{article, head, page_title, Assets};
use crate::converters::naming::diagnostics_lost;
use crate::converters::xml::{Dialect, XmlOut};
use crate::converters::{ConvertError, Loss};
use crate::edition::{slug, Edition, Member};
use crate::model::Cable;
use std::collections::BTreeMap;
use std::io;

/// The static-site writer (`--to html`).
#[derive(Debug, Clone, Copy, Default)]
pub struct HtmlSite;

/// The edition's own style sheet (tables, navigation, filters), beside the cable pages' inline
/// one.
const SITE_CSS: &str = "\
.site { max-width: 64rem; margin: 0 auto; padding: 0.5rem 1rem; border-bottom: 1px solid #8884; }
.site a { margin-right: 1rem; }
main.wide { max-width: 64rem; }
.crumbs { font-size: 0.9rem; }
.crumbs a { margin-right: 0.75rem; }
table.cables { border-collapse: collapse; width: 100%; font-size: 0.9rem; }
table.cables th, table.cables td { text-align: left; vertical-align: top; padding: 0.25rem 0.5rem; border-bottom: 1px solid #8884; }
table.cables td.id, table.cables td.date { white-space: nowrap; font-family: ui-monospace, monospace; }
table.cables th button { font: inherit; font-weight: bold; background: none; border: 0; padding: 0; cursor: pointer; color: inherit; }
table.cables th[aria-sort=ascending] button::after { content: ' \\25B2'; }
table.cables th[aria-sort=descending] button::after { content: ' \\25BC'; }
#filters { display: flex; flex-wrap: wrap; gap: 0.5rem 1rem; align-items: end; margin: 1rem 0; }
#filters label { display: flex; flex-direction: column; font-size: 0.85rem; font-weight: bold; }
#filters input, #filters select { font: inherit; font-weight: normal; max-width: 14rem; }
ul.terms { columns: 12rem; padding-left: 1rem; }
";

/// Filtering and sorting of the cable table: plain script, no library, nothing fetched.
const SITE_JS: &str = r#"// cablegram edition: filter and sort the table of cables.
(function () {
  'use strict';
  var table = document.getElementById('cables');
  if (!table) { return; }
  var form = document.getElementById('filters');
  var body = table.tBodies[0];
  var rows = Array.prototype.slice.call(body.rows);
  var shown = document.getElementById('shown');
  function value(id) {
    var e = document.getElementById(id);
    return e ? e.value : '';
  }
  function apply() {
    var text = value('f-text').trim().toUpperCase();
    var tag = value('f-tag'), station = value('f-station');
    var year = value('f-year'), level = value('f-class');
    var n = 0;
    rows.forEach(function (row) {
      var d = row.dataset;
      var ok = (!text || row.textContent.toUpperCase().indexOf(text) >= 0) &&
        (!tag || d.tags.split('|').indexOf(tag) >= 0) &&
        (!station || d.station === station) &&
        (!year || d.year === year) &&
        (!level || d.classification === level);
      row.hidden = !ok;
      if (ok) { n += 1; }
    });
    shown.textContent = n === rows.length ? 'All ' + n + ' cables shown' :
      n + ' of ' + rows.length + ' cables shown';
  }
  if (form) {
    form.hidden = false;
    form.addEventListener('input', apply);
    form.addEventListener('change', apply);
    form.addEventListener('submit', function (e) { e.preventDefault(); });
    apply();
  }
  var heads = table.tHead.rows[0].cells;
  Array.prototype.forEach.call(heads, function (th, col) {
    var button = th.querySelector('button');
    if (!button) { return; }
    button.addEventListener('click', function () {
      var up = th.getAttribute('aria-sort') !== 'ascending';
      Array.prototype.forEach.call(heads, function (h) { h.removeAttribute('aria-sort'); });
      th.setAttribute('aria-sort', up ? 'ascending' : 'descending');
      // Empty cells last either way; numbers inside values compared as numbers.
      rows.sort(function (a, b) {
        var x = a.cells[col].textContent, y = b.cells[col].textContent;
        if (!x || !y) { return x ? -1 : y ? 1 : 0; }
        return x.localeCompare(y, 'en', { numeric: true }) * (up ? 1 : -1);
      });
      var all = document.createDocumentFragment();
      rows.forEach(function (row) { all.appendChild(row); });
      body.appendChild(all);
    });
  });
})();
"#;

impl EditionWriter for HtmlSite {
    fn name(&self) -> &'static str {
        "html"
    }

    fn description(&self) -> &'static str {
        "a static site: an index to filter and sort, pages per tag, station and year, a page per cable"
    }

    fn begin(
        &self,
        edition: &Edition,
        inputs: &[String],
        out: &mut Pages<'_>,
    ) -> Result<(), ConvertError> {
        out.file("assets/edition.css")
            .extend_from_slice(SITE_CSS.as_bytes());
        out.file("assets/edition.js")
            .extend_from_slice(SITE_JS.as_bytes());
        let tags = edition.by_tag();
        let stations = edition.by_station();
        let years = edition.by_year();
        // The filters offer the terms the listing pages have, newest year first.
        let choices = Choices {
            tags: tags.keys().map(|t| t.to_string()).collect(),
            stations: stations.keys().map(|s| s.to_string()).collect(),
            years: years.keys().rev().map(|y| y.to_string()).collect(),
        };
        index(edition, inputs, &choices, out.file("index.html"))?;
        listing_pages(
            out,
            "tags",
            "Tags",
            "TAGS",
            tags.iter().map(|(t, m)| (t.to_string(), slug(t), m)),
        )?;
        listing_pages(
            out,
            "stations",
            "Stations",
            "Station",
            stations.iter().map(|(s, m)| (s.to_string(), slug(s), m)),
        )?;
        listing_pages(
            out,
            "years",
            "Years",
            "Year",
            years.iter().map(|(y, m)| (y.to_string(), y.to_string(), m)),
        )?;
        Ok(())
    }

    fn cable(
        &self,
        edition: &Edition,
        member: &Member,
        cable: &Cable,
        out: &mut Pages<'_>,
    ) -> Result<Loss, ConvertError> {
        let links = Links::of(edition, member, cable, |m| format!("{}.html", m.key));
        let mut report = Loss::default();
        let bytes = out.file(format!("cables/{}.html", member.key));
        let mut x = XmlOut::new(bytes, Dialect::Html);
        start_page(&mut x, &page_title(cable), "../", false)?;
        x.open("main", &[])?;
        crumbs(&mut x, member)?;
        article(&mut x, cable, None, Some(&links), &mut report)?;
        x.close("main")?;
        end_page(&mut x)?;
        report.replaced(x.replaced());
        if let Some(lost) = diagnostics_lost(cable) {
            report.lose(lost);
        }
        Ok(report)
    }
}

/// The head of a page `root` away from the edition's root, and the site's navigation.
fn start_page(x: &mut XmlOut, title: &str, root: &str, script: bool) -> io::Result<()> {
    let stylesheet = format!("{root}assets/edition.css");
    let js = format!("{root}assets/edition.js");
    let assets = Assets {
        stylesheet: &stylesheet,
        script: script.then_some(js.as_str()),
    };
    head(x, title, Some(&assets))?;
    x.open("body", &[])?;
    x.open("nav", &[("class", "site"), ("aria-label", "Edition")])?;
    for (href, text) in [
        ("index.html", "All cables"),
        ("tags/index.html", "Tags"),
        ("stations/index.html", "Stations"),
        ("years/index.html", "Years"),
    ] {
        x.inline("a", &[("href", &format!("{root}{href}"))], text)?;
    }
    x.close("nav")
}

fn end_page(x: &mut XmlOut) -> io::Result<()> {
    x.close("body")?;
    x.close("html")?;
    x.newline()
}

/// A cable page's links to the pages that list it: its station, year and tags.
fn crumbs(x: &mut XmlOut, member: &Member) -> io::Result<()> {
    let mut links = Vec::new();
    if let Some(station) = &member.station {
        links.push((
            format!("../stations/{}.html", slug(station)),
            station.clone(),
        ));
    }
    if let Some(year) = member.year {
        links.push((format!("../years/{year}.html"), year.to_string()));
    }
    for tag in &member.tags {
        links.push((format!("../tags/{}.html", slug(tag)), tag.clone()));
    }
    if links.is_empty() {
        return Ok(());
    }
    x.open(
        "nav",
        &[("class", "crumbs"), ("aria-label", "Listed under")],
    )?;
    for (href, text) in &links {
        x.inline("a", &[("href", href)], text)?;
    }
    x.close("nav")
}

/// The index: every cable, with the filters.
/// The values the index's filters offer.
struct Choices {
    tags: Vec<String>,
    stations: Vec<String>,
    years: Vec<String>,
}

fn index(
    edition: &Edition,
    inputs: &[String],
    choices: &Choices,
    out: &mut Vec<u8>,
) -> io::Result<()> {
    let mut x = XmlOut::new(out, Dialect::Html);
    let members: Vec<&Member> = edition.members().iter().collect();
    let heading = count(members.len(), "cable");
    start_page(&mut x, &heading, "", true)?;
    x.open("main", &[("class", "wide")])?;
    x.leaf_text("h1", &[], &heading, "br")?;
    let from = format!(
        "Read from {} ({}).",
        inputs.join(", "),
        count(edition.sources(), "source")
    );
    x.leaf_text("p", &[], &from, "br")?;
    filters(&mut x, edition, choices)?;
    table(&mut x, &members, "")?;
    x.close("main")?;
    end_page(&mut x)
}

/// The filter form, hidden until the script shows it (it does nothing without the script).
fn filters(x: &mut XmlOut, edition: &Edition, choices: &Choices) -> io::Result<()> {
    x.open(
        "form",
        &[("id", "filters"), ("hidden", ""), ("aria-label", "Filter")],
    )?;
    x.leaf("label", &[])?;
    x.text("Text")?;
    x.empty("input", &[("id", "f-text"), ("type", "search")])?;
    x.end("label")?;
    let mut levels: Vec<_> = edition
        .members()
        .iter()
        .filter_map(|m| m.classification)
        .collect();
    levels.sort();
    levels.dedup();
    let levels: Vec<String> = levels.iter().map(|l| l.as_str().to_string()).collect();
    for (id, label, values) in [
        ("f-tag", "Tag", &choices.tags),
        ("f-station", "Station", &choices.stations),
        ("f-year", "Year", &choices.years),
        ("f-class", "Classification", &levels),
    ] {
        x.leaf("label", &[])?;
        x.text(label)?;
        x.start("select", &[("id", id)])?;
        x.inline("option", &[("value", "")], "All")?;
        for v in values {
            x.inline("option", &[("value", v)], v)?;
        }
        x.end("select")?;
        x.end("label")?;
    }
    x.leaf("output", &[("id", "shown"), ("for", "f-text")])?;
    x.end("output")?;
    x.close("form")
}

/// The table of `members`, whose pages are at `root` + `cables/KEY.html`.
fn table(x: &mut XmlOut, members: &[&Member], root: &str) -> io::Result<()> {
    x.open("table", &[("id", "cables"), ("class", "cables")])?;
    x.open("thead", &[])?;
    x.open("tr", &[])?;
    for name in ["Id", "Date", "Station", "Classification", "Subject"] {
        x.leaf("th", &[("scope", "col")])?;
        x.inline("button", &[("type", "button")], name)?;
        x.end("th")?;
    }
    x.close("tr")?;
    x.close("thead")?;
    x.open("tbody", &[])?;
    for m in members {
        let tags = m.tags.join("|");
        let year = m.year.map(|y| y.to_string()).unwrap_or_default();
        let level = m.classification.map(|l| l.as_str()).unwrap_or_default();
        x.leaf(
            "tr",
            &[
                ("data-tags", &tags),
                ("data-station", m.station.as_deref().unwrap_or_default()),
                ("data-year", &year),
                ("data-classification", level),
            ],
        )?;
        let href = format!("{root}cables/{}.html", m.key);
        x.start("td", &[("class", "id")])?;
        x.inline("a", &[("href", &href)], m.id.as_deref().unwrap_or(&m.key))?;
        x.end("td")?;
        let date = m.datetime.as_deref().map(|d| d.get(..10).unwrap_or(d));
        x.inline("td", &[("class", "date")], date.unwrap_or_default())?;
        x.inline("td", &[], m.station.as_deref().unwrap_or_default())?;
        x.inline("td", &[], level)?;
        x.inline("td", &[], &m.title)?;
        x.end("tr")?;
    }
    x.close("tbody")?;
    x.close("table")
}

/// `dir/index.html`, listing every term with its count, and `dir/SLUG.html` per term, listing
/// its cables.
fn listing_pages<'e>(
    out: &mut Pages<'_>,
    dir: &str,
    heading: &str,
    term_name: &str,
    terms: impl Iterator<Item = (String, String, &'e Vec<&'e Member>)>,
) -> io::Result<()> {
    let terms: Vec<_> = terms.collect();
    let mut x = XmlOut::new(out.file(format!("{dir}/index.html")), Dialect::Html);
    start_page(&mut x, heading, "../", false)?;
    x.open("main", &[("class", "wide")])?;
    x.leaf_text("h1", &[], heading, "br")?;
    x.open("ul", &[("class", "terms")])?;
    for (term, slug, members) in &terms {
        x.leaf("li", &[])?;
        x.inline("a", &[("href", &format!("{slug}.html"))], term)?;
        x.text(&format!(" ({})", members.len()))?;
        x.end("li")?;
    }
    x.close("ul")?;
    x.close("main")?;
    end_page(&mut x)?;
    let mut seen = BTreeMap::new();
    for (term, slug, members) in &terms {
        debug_assert!(seen.insert(slug.clone(), ()).is_none(), "slugs are unique");
        let title = format!("{term_name} {term}: {}", count(members.len(), "cable"));
        let mut x = XmlOut::new(out.file(format!("{dir}/{slug}.html")), Dialect::Html);
        start_page(&mut x, &title, "../", true)?;
        x.open("main", &[("class", "wide")])?;
        x.leaf_text("h1", &[], &title, "br")?;
        table(&mut x, members, "../")?;
        x.close("main")?;
        end_page(&mut x)?;
    }
    Ok(())
}
