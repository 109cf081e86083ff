//! JSON writer: the contract (schema/cable.schema.json), round trips, pretty and compact output.

mod common;

use cablegram::converters::json::{Json, SCHEMA_VERSION};
use cablegram::converters::Options;
use cablegram::model::Cable;
use serde_json::Value;

fn json(cable: &Cable, pretty: bool) -> String {
    let options = Options::default().with_pretty(pretty);
    let (out, report) = common::render(&Json, cable, &options);
    assert!(report.is_lossless(), "JSON loses nothing: {report:?}");
    out
}

fn schema() -> jsonschema::Validator {
    let path = common::validators::crate_root().join("schema/cable.schema.json");
    let text = std::fs::read_to_string(&path).expect("schema/cable.schema.json is readable");
    let schema: Value = serde_json::from_str(&text).expect("the schema is JSON");
    jsonschema::draft202012::new(&schema).expect("the schema is a valid draft 2020-12 schema")
}

#[test]
fn every_fixture_matches_the_schema() {
    let validator = schema();
    for (name, cable) in common::all() {
        for pretty in [true, false] {
            let value: Value = serde_json::from_str(&json(&cable, pretty)).unwrap();
            let errors: Vec<String> = validator
                .iter_errors(&value)
                .map(|e| format!("{} at {}", e, e.instance_path))
                .collect();
            assert!(errors.is_empty(), "{name}: {errors:#?}");
        }
    }
}

#[test]
fn the_schema_rejects_what_breaks_the_contract() {
    let validator = schema();
    let good: Value = serde_json::from_str(&json(&common::almaty_partial(), true)).unwrap();
    type Mutation = (&'static str, fn(&mut Value));
    let mutations: [Mutation; 5] = [
        ("no schema_version", |v| {
            v.as_object_mut().unwrap().remove("schema_version");
        }),
        ("renamed field", |v| {
            let o = v.as_object_mut().unwrap();
            let tags = o.remove("tags").unwrap();
            o.insert("tag".into(), tags);
        }),
        ("unknown level", |v| {
            v["classification"]["level"] = "SBU".into()
        }),
        ("string serial", |v| v["serial"] = "001938".into()),
        ("unknown role", |v| {
            v["paragraphs"][0]["roles"][0] = "note".into()
        }),
    ];
    assert!(validator.is_valid(&good));
    for (what, mutate) in mutations {
        let mut bad = good.clone();
        mutate(&mut bad);
        assert!(!validator.is_valid(&bad), "the schema accepts: {what}");
    }
}

#[test]
fn output_round_trips_to_the_same_cable() {
    for (name, cable) in common::all() {
        let mut value: Value = serde_json::from_str(&json(&cable, false)).unwrap();
        let version = value.as_object_mut().unwrap().remove("schema_version");
        assert_eq!(version, Some(Value::from(SCHEMA_VERSION)), "{name}");
        let back: Cable = serde_json::from_value(value).unwrap();
        assert_eq!(back, cable, "{name}");
    }
}

#[test]
fn contract_field_names() {
    let value: Value = serde_json::from_str(&json(&common::the_hague_refs(), true)).unwrap();
    for key in [
        "schema_version",
        "id",
        "station",
        "serial",
        "partial",
        "classification",
        "datetime",
        "datetime_source",
        "id_source",
        "from",
        "to",
        "info",
        "tags",
        "subject",
        "references",
        "classified_by",
        "reasons",
        "paragraphs",
        "signers",
        "diagnostics",
    ] {
        assert!(value.get(key).is_some(), "missing {key}");
    }
    assert_eq!(value["classification"]["level"], "SECRET");
    assert_eq!(value["classification"]["text"], "S E C R E T");
    assert_eq!(value["classification"]["caveats"][0], "SIPDIS");
    assert_eq!(value["references"][1]["label"], "B");
    assert_eq!(value["references"][1]["text"], "THE HAGUE 1548");
    let p = &value["paragraphs"][0];
    assert_eq!(
        (
            p["number"].as_u64(),
            p["label"].as_str(),
            p["marking"].as_str()
        ),
        (Some(1), Some("¶1."), Some("S"))
    );
    let compact = json(&common::the_hague_refs(), false);
    assert!(
        compact.starts_with(&format!(
            r#"{{"schema_version":"{SCHEMA_VERSION}","id":"03THEHAGUE2113","#
        )),
        "the version comes first: {compact}"
    );
}

#[test]
fn compact_is_one_line_and_pretty_is_not() {
    for (name, cable) in common::all() {
        let compact = json(&cable, false);
        let pretty = json(&cable, true);
        assert_eq!(compact.matches('\n').count(), 1, "{name}: one line");
        assert!(compact.ends_with('\n') && pretty.ends_with('\n'));
        assert!(pretty.lines().count() > 3, "{name}: indented");
        let a: Value = serde_json::from_str(&compact).unwrap();
        let b: Value = serde_json::from_str(&pretty).unwrap();
        assert_eq!(a, b, "{name}");
    }
}

#[test]
fn output_is_deterministic() {
    for (name, cable) in common::all() {
        assert_eq!(json(&cable, true), json(&cable, true), "{name}");
    }
}

#[test]
fn snapshot_almaty() {
    insta::assert_snapshot!(json(&common::almaty_partial(), true));
}
