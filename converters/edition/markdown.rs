//! The Markdown edition: a content tree that Hugo builds as it is.
//!
//! * `hugo.toml`: the site's title and its two taxonomies, `tags` (the TAGS) and `stations`;
//! * `content/_index.md` and `content/cables/_index.md`: the home page and the section of the
//!   cables, with their titles;
//! * `content/cables/KEY.md` (the key lower-cased, as Hugo writes URLs): the cable as the
//!   Markdown writer gives it, its YAML front matter with the conventional `title`, `date` and
//!   `tags` and cablegram's own fields, plus `stations`, `cites` (the ids its references cite),
//!   `cited_by` and `sources`; each reference that cites a cable of the edition is a link to it
//!   by relative path (`../09state123/`), and the cables that cite it are listed under "Cited by".

use super::{count, EditionWriter, Links, Pages};
use crate::converters::markdown::edition_page;
use crate::converters::{ConvertError, Loss};
use crate::edition::{Edition, Member};
use crate::escape::yaml_scalar;
use crate::model::Cable;

/// The content-tree writer (`--to markdown`).
#[derive(Debug, Clone, Copy, Default)]
pub struct ContentTree;

/// A member's page name and URL segment.
fn page_name(member: &Member) -> String {
    member.key.to_lowercase()
}

/// A TOML basic string (the site's title).
fn toml_string(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if c.is_control() => out.push_str(&format!("\\u{:04X}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

impl EditionWriter for ContentTree {
    fn name(&self) -> &'static str {
        "markdown"
    }

    fn description(&self) -> &'static str {
        "a Hugo content tree: front matter, taxonomies for tags and stations, links between cables"
    }

    fn begin(
        &self,
        edition: &Edition,
        inputs: &[String],
        out: &mut Pages<'_>,
    ) -> Result<(), ConvertError> {
        let title = format!("An edition of {}", count(edition.members().len(), "cable"));
        let config = out.file("hugo.toml");
        config.extend_from_slice(
            format!(
                "# Written by cablegram: the edition's title and taxonomies. The site works at\n\
                 # any address: links between cables are relative.\n\
                 baseURL = \"/\"\ntitle = {}\n\n[taxonomies]\n  tag = \"tags\"\n  station = \"stations\"\n",
                toml_string(&title)
            )
            .as_bytes(),
        );
        let from: Vec<String> = inputs.to_vec();
        let mut home = format!("---\ntitle: {}\n", yaml_scalar(&title));
        home.push_str("inputs:\n");
        for input in &from {
            home.push_str(&format!("  - {}\n", yaml_scalar(input)));
        }
        home.push_str(&format!("cables: {}\n---\n", edition.members().len()));
        out.file("content/_index.md")
            .extend_from_slice(home.as_bytes());
        out.file("content/cables/_index.md")
            .extend_from_slice(b"---\ntitle: \"Cables\"\n---\n");
        Ok(())
    }

    fn cable(
        &self,
        edition: &Edition,
        member: &Member,
        cable: &Cable,
        out: &mut Pages<'_>,
    ) -> Result<Loss, ConvertError> {
        let links = Links::of(edition, member, cable, |m| format!("../{}/", page_name(m)));
        let stations: Vec<String> = member.station.iter().cloned().collect();
        let cited_by: Vec<String> = edition
            .cited_by(member)
            .map(|m| m.id.clone().unwrap_or_else(|| m.key.clone()))
            .collect();
        let (text, loss) = edition_page(
            cable,
            &links,
            &[
                ("stations", &stations),
                ("cites", &member.cites),
                ("cited_by", &cited_by),
                ("sources", &member.sources),
            ],
        );
        out.file(format!("content/cables/{}.md", page_name(member)))
            .extend_from_slice(text.as_bytes());
        Ok(loss)
    }
}
