//! Criterion benchmarks of each stage of the pipeline, on real cables from `../shared/corpus`:
//!
//! * `source`: undoing the container (`source::read_bytes`, detection included);
//! * `grammar`: the pest grammar alone, per rule family: `header`, `body` (from where the header
//!   ends) and the whole `cable`, on the line-end-normalised text the parser gives it;
//! * `model`: `cablegram::parse`, the grammar plus the building of the model and its checks;
//! * `convert`: each converter on parsed cables (compact JSON, as in JSON Lines).
//!
//! Throughputs are in bytes of cable text (of the header or body part for those two), so that
//! they compare with `examples/phases` and with `scripts/bench-corpus.sh`.
//!
//! The corpus folder is `$CABLEGRAM_BENCH_CORPUS`, else `../shared/corpus/tathagata__reveal`
//! beside the crate; every `$CABLEGRAM_BENCH_EVERY`th file (default 8) is used, which keeps each
//! group to a few seconds. Without the corpus the benchmarks are skipped with a note.
//!
//!     cargo bench --bench pipeline                 # all groups
//!     cargo bench --bench pipeline -- grammar      # one group

use cablegram::converters::{Options, Registry};
use criterion::{criterion_group, criterion_main, BatchSize, Criterion, Throughput};
use pest::Parser;
use std::hint::black_box;
use std::path::PathBuf;
use std::time::Duration;

/// The grammar, derived here again: the crate's own parser type is private.
#[derive(pest_derive::Parser)]
#[grammar = "grammar/cable.pest"]
struct Grammar;

/// The benchmark cables: each file's bytes, and the texts of the cables it holds.
struct Corpus {
    files: Vec<(PathBuf, Vec<u8>)>,
    texts: Vec<String>,
}

fn corpus() -> Option<Corpus> {
    let dir = std::env::var_os("CABLEGRAM_BENCH_CORPUS")
        .map(PathBuf::from)
        .unwrap_or_else(|| {
            PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus/tathagata__reveal")
        });
    let every: usize = std::env::var("CABLEGRAM_BENCH_EVERY")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(8)
        .max(1);
    if !dir.is_dir() {
        eprintln!(
            "note: no corpus at {} (set CABLEGRAM_BENCH_CORPUS): benchmarks skipped",
            dir.display()
        );
        return None;
    }
    let mut files = Vec::new();
    let mut texts = Vec::new();
    let paths = cablegram::source::walk(&[dir]).flatten().step_by(every);
    for path in paths {
        let Ok(bytes) = std::fs::read(&path) else {
            continue;
        };
        let Ok(docs) = cablegram::source::read_bytes(bytes.clone(), path.to_str(), None) else {
            continue;
        };
        texts.extend(docs.flatten().map(|d| d.text));
        files.push((path, bytes));
    }
    Some(Corpus { files, texts })
}

/// The text as the grammar sees it: line ends as LF alone, offsets kept (as `cablegram::parse`
/// does before parsing).
fn grammar_text(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = bytes.to_vec();
    for (i, b) in out.iter_mut().enumerate() {
        if *b == b'\r' {
            *b = if bytes.get(i + 1) == Some(&b'\n') {
                b' '
            } else {
                b'\n'
            };
        }
    }
    String::from_utf8(out).expect("ASCII replaced by ASCII")
}

fn configure(c: &mut Criterion) -> Criterion {
    std::mem::take(c)
        .sample_size(10)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(3))
}

fn benches(c: &mut Criterion) {
    let Some(corpus) = corpus() else {
        return;
    };
    let mut c = configure(c);
    let text_bytes: usize = corpus.texts.iter().map(String::len).sum();
    let file_bytes: usize = corpus.files.iter().map(|(_, b)| b.len()).sum();
    eprintln!(
        "corpus: {} files, {} cables, {} bytes of text",
        corpus.files.len(),
        corpus.texts.len(),
        text_bytes
    );

    let mut g = c.benchmark_group("source");
    g.throughput(Throughput::Bytes(file_bytes as u64));
    g.bench_function("read", |b| {
        b.iter_batched(
            || corpus.files.clone(),
            |files| {
                for (path, bytes) in files {
                    if let Ok(docs) = cablegram::source::read_bytes(bytes, path.to_str(), None) {
                        docs.for_each(|d| drop(black_box(d)));
                    }
                }
            },
            BatchSize::LargeInput,
        )
    });
    g.finish();

    // The grammar per rule family: the header from the start, the body from where the header
    // ends, the whole cable.
    let normalised: Vec<String> = corpus.texts.iter().map(|t| grammar_text(t)).collect();
    let splits: Vec<usize> = normalised
        .iter()
        .map(|t| match Grammar::parse(Rule::header, t) {
            Ok(mut pairs) => pairs.next().map_or(0, |p| p.as_span().end()),
            Err(_) => 0,
        })
        .collect();
    let header_bytes: usize = splits.iter().sum();
    let mut g = c.benchmark_group("grammar");
    g.throughput(Throughput::Bytes(header_bytes as u64));
    g.bench_function("header", |b| {
        b.iter(|| {
            for t in &normalised {
                let _ = black_box(Grammar::parse(Rule::header, t));
            }
        })
    });
    g.throughput(Throughput::Bytes((text_bytes - header_bytes) as u64));
    g.bench_function("body", |b| {
        b.iter(|| {
            for (t, &at) in normalised.iter().zip(&splits) {
                let _ = black_box(Grammar::parse(Rule::body, &t[at..]));
            }
        })
    });
    g.throughput(Throughput::Bytes(text_bytes as u64));
    g.bench_function("cable", |b| {
        b.iter(|| {
            for t in &normalised {
                let _ = black_box(Grammar::parse(Rule::cable, t));
            }
        })
    });
    g.finish();

    let mut g = c.benchmark_group("model");
    g.throughput(Throughput::Bytes(text_bytes as u64));
    g.bench_function("parse", |b| {
        b.iter(|| {
            for t in &corpus.texts {
                black_box(cablegram::parse(t));
            }
        })
    });
    g.finish();

    let cables: Vec<_> = corpus.texts.iter().map(|t| cablegram::parse(t)).collect();
    let registry = Registry::with_builtins();
    let options = Options::default().with_pretty(false);
    let mut g = c.benchmark_group("convert");
    g.throughput(Throughput::Bytes(text_bytes as u64));
    for name in ["json", "tei", "html", "markdown"] {
        let converter = registry.get(name).expect("a built-in converter");
        let mut out = Vec::new();
        g.bench_function(name, |b| {
            b.iter(|| {
                for cable in &cables {
                    out.clear();
                    converter
                        .write(cable, &options, &mut out)
                        .expect("writes to memory");
                }
                black_box(&out);
            })
        });
    }
    g.finish();
}

criterion_group!(pipeline, benches);
criterion_main!(pipeline);
