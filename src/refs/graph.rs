//! The citation graph of a collection: its cables and the cables they cite.
//!
//! Built one cable at a time from what the references say, it keeps only metadata (no text), so
//! that its memory grows with the number of cables and references, not with their texts. The
//! writers of its formats (CSV, JSON Lines, GraphML, GEXF) are in `converters::graph`.

use crate::model::Cable;
use serde::Serialize;
use std::collections::{BTreeMap, HashSet};

/// A cable of the graph: one of the inputs, or a cable that one of them cites.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Node {
    pub id: String,
    /// ISO 8601, as the model has it.
    pub date: Option<String>,
    pub station: Option<String>,
    pub classification: Option<String>,
    pub subject: Option<String>,
    /// True when the cable is among the inputs; false for a cable only cited.
    pub in_inputs: bool,
}

/// One REF item of a citing cable.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Edge {
    /// The citing cable's id, or null when it has none.
    pub citing: Option<String>,
    /// The item's letter, as in the model.
    pub label: Option<String>,
    /// The item as written.
    pub text: String,
    /// The cited cable's id, or null when the item names none or it cannot be decided.
    pub cited: Option<String>,
    /// Whether the cited cable is among the inputs.
    pub cited_in_inputs: bool,
}

/// Cables and their references, gathered from a collection.
#[derive(Debug, Default)]
pub struct CitationGraph {
    nodes: BTreeMap<String, Node>,
    edges: Vec<Edge>,
    /// Ids whose references were taken already: a cable read from several sources cites once.
    cited_from: HashSet<String>,
}

impl CitationGraph {
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds a cable and its references. A cable seen before under the same id (the same cable
    /// from another source) adds nothing more.
    pub fn add(&mut self, cable: &Cable) {
        if let Some(id) = &cable.id {
            if !self.cited_from.insert(id.clone()) {
                return;
            }
            self.nodes.insert(
                id.clone(),
                Node {
                    id: id.clone(),
                    date: cable.datetime.clone(),
                    station: cable.station.clone(),
                    classification: cable.classification.as_ref().map(|c| c.level.to_string()),
                    subject: cable.subject.clone(),
                    in_inputs: true,
                },
            );
        }
        for reference in &cable.references {
            self.edges.push(Edge {
                citing: cable.id.clone(),
                label: reference.label.clone(),
                text: reference.text.clone(),
                cited: reference.cites.clone(),
                cited_in_inputs: false,
            });
        }
    }

    /// The graph once every input is in: cited cables that are not inputs become nodes of
    /// their own, and each edge knows whether its cited cable is an input.
    pub fn finish(mut self) -> FinishedGraph {
        for edge in &mut self.edges {
            let Some(cited) = &edge.cited else { continue };
            match self.nodes.get(cited) {
                Some(node) => edge.cited_in_inputs = node.in_inputs,
                None => {
                    self.nodes.insert(
                        cited.clone(),
                        Node {
                            id: cited.clone(),
                            ..Node::default()
                        },
                    );
                }
            }
        }
        FinishedGraph {
            nodes: self.nodes.into_values().collect(),
            edges: self.edges,
        }
    }
}

/// A citation graph ready to be written: nodes in id order, edges in input order.
#[derive(Debug, Clone, PartialEq)]
pub struct FinishedGraph {
    pub nodes: Vec<Node>,
    pub edges: Vec<Edge>,
}

impl FinishedGraph {
    /// The edges between two cables: a citing and a cited id.
    pub fn links(&self) -> impl Iterator<Item = (&str, &str, &Edge)> {
        self.edges
            .iter()
            .filter_map(|e| Some((e.citing.as_deref()?, e.cited.as_deref()?, e)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inputs_cited_and_duplicates() {
        let citing = crate::parse(
            "R 161902Z FEB 07\nUNCLAS ANKARA 000348\n\nSUBJECT: X\nREF: A. ANKARA 100 B. 06 STATE 5 C. EMAIL\n\n1. Text.\n",
        );
        let cited =
            crate::parse("R 101902Z FEB 07\nUNCLAS ANKARA 000100\n\nSUBJECT: Y\n\n1. Text.\n");
        let mut graph = CitationGraph::new();
        graph.add(&citing);
        graph.add(&cited);
        graph.add(&citing);
        let g = graph.finish();
        let ids: Vec<&str> = g.nodes.iter().map(|n| n.id.as_str()).collect();
        assert_eq!(ids, ["06STATE5", "07ANKARA100", "07ANKARA348"]);
        assert!(!g.nodes[0].in_inputs && g.nodes[1].in_inputs);
        assert_eq!(
            g.edges.len(),
            3,
            "the second copy of a cable cites nothing more"
        );
        let in_inputs: Vec<bool> = g.edges.iter().map(|e| e.cited_in_inputs).collect();
        assert_eq!(in_inputs, [true, false, false]);
        assert_eq!(g.links().count(), 2);
    }
}
