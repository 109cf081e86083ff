//! Writers of a collection's citation graph ([`FinishedGraph`]): the edge list as CSV or JSON
//! Lines, the whole graph as GraphML or GEXF, the formats that Gephi, Cytoscape and networkx
//! read. Each cable is a node with its date, station, classification and subject; each REF item
//! that cites a cable is an edge from the citing cable to the cited one.

use super::xml::{Dialect, XmlOut};
use crate::escape;
use crate::refs::graph::{Edge, FinishedGraph, Node};
use std::io::{self, Write};

/// The formats of `cablegram refs`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GraphFormat {
    /// One row per REF item: citing, label, text, cited, cited_in_inputs.
    Csv,
    /// One JSON object per REF item, one per line.
    Json,
    /// GraphML (<http://graphml.graphdrawing.org/>).
    Graphml,
    /// GEXF 1.2 (<https://gexf.net/>).
    Gexf,
}

/// Writes `graph` in `format`.
pub fn write(graph: &FinishedGraph, format: GraphFormat, out: &mut dyn Write) -> io::Result<()> {
    match format {
        GraphFormat::Csv => write_csv(graph, out),
        GraphFormat::Json => write_json(graph, out),
        GraphFormat::Graphml => write_graphml(graph, out),
        GraphFormat::Gexf => write_gexf(graph, out),
    }
}

/// A cell as the CSV converter writes one: control characters replaced, formulas guarded.
fn cell(text: &str) -> String {
    escape::formula_guard(escape::csv_text(text).into_string().into()).into_owned()
}

fn write_csv(graph: &FinishedGraph, out: &mut dyn Write) -> io::Result<()> {
    let mut w = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(out);
    let fail = |e: csv::Error| io::Error::other(e.to_string());
    w.write_record(["citing", "label", "text", "cited", "cited_in_inputs"])
        .map_err(fail)?;
    for e in &graph.edges {
        let opt = |v: &Option<String>| v.as_deref().map(cell).unwrap_or_default();
        w.write_record([
            opt(&e.citing),
            opt(&e.label),
            cell(&e.text),
            opt(&e.cited),
            e.cited_in_inputs.to_string(),
        ])
        .map_err(fail)?;
    }
    w.flush()
}

fn write_json(graph: &FinishedGraph, out: &mut dyn Write) -> io::Result<()> {
    for edge in &graph.edges {
        serde_json::to_writer(&mut *out, edge)?;
        out.write_all(b"\n")?;
    }
    Ok(())
}

/// The node attributes, with their GraphML/GEXF names, in order.
const NODE_ATTRS: [&str; 5] = ["date", "station", "classification", "subject", "in_inputs"];

fn node_values(n: &Node) -> [Option<String>; 5] {
    [
        n.date.clone(),
        n.station.clone(),
        n.classification.clone(),
        n.subject.clone(),
        Some(n.in_inputs.to_string()),
    ]
}

/// The edge attributes, in order.
const EDGE_ATTRS: [&str; 2] = ["label", "text"];

fn edge_values(e: &Edge) -> [Option<String>; 2] {
    [e.label.clone(), Some(e.text.clone())]
}

fn attr_type(name: &str) -> &'static str {
    if name == "in_inputs" {
        "boolean"
    } else {
        "string"
    }
}

fn write_graphml(graph: &FinishedGraph, out: &mut dyn Write) -> io::Result<()> {
    let mut x = XmlOut::new(out, Dialect::Xml);
    x.declaration()?;
    x.open(
        "graphml",
        &[("xmlns", "http://graphml.graphdrawing.org/xmlns")],
    )?;
    for name in NODE_ATTRS {
        let key = format!("n_{name}");
        let attrs = [
            ("id", key.as_str()),
            ("for", "node"),
            ("attr.name", name),
            ("attr.type", attr_type(name)),
        ];
        x.empty_block("key", &attrs)?;
    }
    for name in EDGE_ATTRS {
        let key = format!("e_{name}");
        let attrs = [
            ("id", key.as_str()),
            ("for", "edge"),
            ("attr.name", name),
            ("attr.type", "string"),
        ];
        x.empty_block("key", &attrs)?;
    }
    x.open("graph", &[("id", "citations"), ("edgedefault", "directed")])?;
    for node in &graph.nodes {
        x.open("node", &[("id", &node.id)])?;
        graphml_data(&mut x, "n", &NODE_ATTRS, &node_values(node))?;
        x.close("node")?;
    }
    for (i, (citing, cited, edge)) in graph.links().enumerate() {
        let id = format!("e{i}");
        x.open(
            "edge",
            &[("id", &id), ("source", citing), ("target", cited)],
        )?;
        graphml_data(&mut x, "e", &EDGE_ATTRS, &edge_values(edge))?;
        x.close("edge")?;
    }
    x.close("graph")?;
    x.close("graphml")?;
    x.newline()
}

/// GraphML's `<data>` elements of one node or edge, keyed `{prefix}_{name}`.
fn graphml_data(
    x: &mut XmlOut,
    prefix: &str,
    names: &[&str],
    values: &[Option<String>],
) -> io::Result<()> {
    for (name, value) in names.iter().zip(values) {
        if let Some(value) = value {
            let key = format!("{prefix}_{name}");
            x.leaf("data", &[("key", &key)])?;
            x.text(value)?;
            x.end("data")?;
        }
    }
    Ok(())
}

fn write_gexf(graph: &FinishedGraph, out: &mut dyn Write) -> io::Result<()> {
    let mut x = XmlOut::new(out, Dialect::Xml);
    x.declaration()?;
    x.open(
        "gexf",
        &[
            ("xmlns", "http://www.gexf.net/1.2draft"),
            ("version", "1.2"),
        ],
    )?;
    x.open("meta", &[])?;
    x.leaf_text("creator", &[], "cablegram", "")?;
    x.leaf_text("description", &[], "Cables and the cables they cite", "")?;
    x.close("meta")?;
    x.open(
        "graph",
        &[("defaultedgetype", "directed"), ("mode", "static")],
    )?;
    for (class, names) in [("node", &NODE_ATTRS[..]), ("edge", &EDGE_ATTRS[..])] {
        x.open("attributes", &[("class", class)])?;
        for (i, name) in names.iter().enumerate() {
            let id = i.to_string();
            let attrs = [
                ("id", id.as_str()),
                ("title", name),
                ("type", attr_type(name)),
            ];
            x.empty_block("attribute", &attrs)?;
        }
        x.close("attributes")?;
    }
    x.open("nodes", &[])?;
    for node in &graph.nodes {
        x.open("node", &[("id", &node.id), ("label", &node.id)])?;
        attvalues(&mut x, &node_values(node))?;
        x.close("node")?;
    }
    x.close("nodes")?;
    x.open("edges", &[])?;
    for (i, (citing, cited, edge)) in graph.links().enumerate() {
        let id = i.to_string();
        x.open(
            "edge",
            &[("id", &id), ("source", citing), ("target", cited)],
        )?;
        attvalues(&mut x, &edge_values(edge))?;
        x.close("edge")?;
    }
    x.close("edges")?;
    x.close("graph")?;
    x.close("gexf")?;
    x.newline()
}

/// GEXF's `<attvalues>`, by the attributes' positions.
fn attvalues(x: &mut XmlOut, values: &[Option<String>]) -> io::Result<()> {
    x.open("attvalues", &[])?;
    for (i, value) in values.iter().enumerate() {
        if let Some(value) = value {
            let id = i.to_string();
            x.empty_block("attvalue", &[("for", &id), ("value", value)])?;
        }
    }
    x.close("attvalues")
}
