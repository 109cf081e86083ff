//! The converter registry: built-ins, user converters, lookup and the shared entry point.

mod common;

use cablegram::converters::{ConvertError, Converter, Loss, Options, Registry};
use cablegram::model::Cable;
use std::io::Write;

/// A user's converter: one line with the id.
struct IdOnly;

impl Converter for IdOnly {
    fn name(&self) -> &'static str {
        "id"
    }
    fn extension(&self) -> &'static str {
        "txt"
    }
    fn media_type(&self) -> &'static str {
        "text/plain"
    }
    fn description(&self) -> &'static str {
        "the cable id"
    }
    fn write(
        &self,
        cable: &Cable,
        _options: &Options,
        out: &mut dyn Write,
    ) -> Result<Loss, ConvertError> {
        writeln!(out, "{}", cable.id.as_deref().unwrap_or("-"))?;
        Ok(Loss::default())
    }
}

#[test]
fn builtins_are_listed_in_name_order() {
    let r = Registry::with_builtins();
    let names: Vec<_> = r.names().collect();
    assert_eq!(names, ["csv", "html", "json", "markdown", "tei"]);
    let by_iter: Vec<_> = r.iter().map(|c| c.name()).collect();
    assert_eq!(by_iter, names);
    for c in r.iter() {
        assert!(!c.description().is_empty() && !c.description().contains('\n'));
        assert!(!c.extension().starts_with('.'));
        assert!(c.media_type().contains('/'));
    }
    assert_eq!(
        r.get("tei").map(|c| c.media_type()),
        Some("application/tei+xml")
    );
    assert_eq!(r.by_extension("md").map(|c| c.name()), Some("markdown"));
    assert!(r.get("docx").is_none());
}

#[test]
fn users_register_their_own_and_can_replace_builtins() {
    let mut r = Registry::with_builtins();
    assert!(r.register(Box::new(IdOnly)).is_none());
    assert_eq!(
        r.names().collect::<Vec<_>>(),
        ["csv", "html", "id", "json", "markdown", "tei"]
    );
    let (out, _) = common::render(
        r.get("id").unwrap(),
        &common::almaty_partial(),
        &Options::default(),
    );
    assert_eq!(out, "05ALMATY1938\n");

    struct Replacement;
    impl Converter for Replacement {
        fn name(&self) -> &'static str {
            "json"
        }
        fn extension(&self) -> &'static str {
            "json"
        }
        fn media_type(&self) -> &'static str {
            "application/json"
        }
        fn description(&self) -> &'static str {
            "replacement"
        }
        fn write(&self, _: &Cable, _: &Options, out: &mut dyn Write) -> Result<Loss, ConvertError> {
            out.write_all(b"{}\n")?;
            Ok(Loss::default())
        }
    }
    let old = r
        .register(Box::new(Replacement))
        .expect("replaces the built-in");
    assert_eq!(
        old.description(),
        cablegram::converters::json::Json.description()
    );
    assert_eq!(r.get("json").unwrap().description(), "replacement");
}

#[test]
fn every_builtin_writes_every_fixture_deterministically() {
    let r = Registry::with_builtins();
    for c in r.iter() {
        for (name, cable) in common::all() {
            let a = common::render(c, &cable, &Options::default());
            let b = common::render(c, &cable, &Options::default());
            assert_eq!(a, b, "{} on {name}", c.name());
            assert!(!a.0.is_empty());
        }
    }
}

#[test]
fn options_default_as_documented() {
    let o = Options::default();
    assert!(!o.fragment && o.front_matter && o.pretty);
}

#[test]
fn write_errors_are_returned() {
    struct Full;
    impl Write for Full {
        fn write(&mut self, _: &[u8]) -> std::io::Result<usize> {
            Err(std::io::Error::new(
                std::io::ErrorKind::StorageFull,
                "disk full",
            ))
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }
    for c in Registry::with_builtins().iter() {
        let err = c
            .write(&common::almaty_partial(), &Options::default(), &mut Full)
            .expect_err("a failing writer fails the conversion");
        assert!(
            matches!(err, ConvertError::Io(_)) && err.to_string().contains("disk full"),
            "{}: {err}",
            c.name()
        );
    }
}
