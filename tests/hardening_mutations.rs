//! 300 real cables from the corpus (and every golden cable), each mutated several ways (byte
//! flips, truncation, line duplication and deletion, hostile snippets and grammar keywords
//! inserted, CRLF and lone CR line ends, Windows-1252 re-encoding, a crossover with another
//! cable), read as a text file, parsed, and written as HTML (page and fragment), TEI, JSON and
//! Markdown.
//!
//! Asserted for every mutant: no panic anywhere; reading, parsing and the four writers finish
//! within a time bound; the TEI parses as XML 1.0, the HTML parses with no HTML5 parse error and
//! holds only the writer's own elements, attributes and links, the JSON parses, the Markdown
//! renders with nothing live; and converting twice gives the same bytes.
//!
//! A failing mutant is saved under `target/hardening-mutants/` so that it can be replayed with
//! `cablegram convert --to tei FILE`.
//!
//! This is the always-on, stable-toolchain counterpart of the libFuzzer targets in `fuzz/`.

#[path = "hardening_support/check.rs"]
mod check;

use cablegram::converters::{Options, Registry};
use cablegram::source::{self, Container};
use rayon::prelude::*;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// How many real cables are mutated.
const REAL_CABLES: usize = 300;

/// The CPU time one mutant may take, read to checked output (release build; ten times as much for a
/// debug build). The grammar's call limit stops any parse after about 3 s on a 2-core machine
/// (a line duplicated many times in a flattened dump, whose glued header fields make the grammar
/// backtrack, reaches it); everything else takes milliseconds.
fn time_bound() -> Duration {
    if cfg!(debug_assertions) {
        Duration::from_secs(50)
    } else {
        Duration::from_secs(5)
    }
}

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn corpus_dir() -> PathBuf {
    PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/corpus"))
}

/// Every `.txt` file under `dir`, sorted.
fn text_files(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = walkdir::WalkDir::new(dir)
        .sort_by_file_name()
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| e.into_path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .filter(|p| {
            let name = p
                .file_name()
                .unwrap()
                .to_string_lossy()
                .to_ascii_lowercase();
            !name.starts_with("readme") && !name.starts_with("license")
        })
        .collect();
    files.sort();
    files
}

/// The seeds: every golden cable, and `REAL_CABLES` corpus cables spread evenly over the corpus.
fn seeds() -> Vec<(String, Vec<u8>)> {
    let mut seeds = Vec::new();
    for entry in std::fs::read_dir(root().join("golden")).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "txt" || e == "md") {
            seeds.push((path.display().to_string(), std::fs::read(&path).unwrap()));
        }
    }
    let files = text_files(&corpus_dir());
    assert!(
        files.len() >= REAL_CABLES,
        "the corpus has {} text cables, fewer than {REAL_CABLES}",
        files.len()
    );
    let step = files.len() as f64 / REAL_CABLES as f64;
    for i in 0..REAL_CABLES {
        let path = &files[(i as f64 * step) as usize];
        seeds.push((path.display().to_string(), std::fs::read(path).unwrap()));
    }
    seeds.sort();
    seeds
}

/// A small deterministic generator (xorshift64*), so that every run tries the same mutants.
struct Rng(u64);

impl Rng {
    fn new(seed: u64) -> Rng {
        Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1)
    }
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            0
        } else {
            (self.next() % n as u64) as usize
        }
    }
}

/// Text that must stay text, and lines that look like the grammar's own structure.
const SNIPPETS: &[&str] = &[
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "[x](javascript:alert(1))",
    "[ref]: javascript:alert(1)",
    "]]>",
    "<![CDATA[",
    "&amp;",
    "&#x0;",
    "<!--",
    "<?xml version=\"1.0\"?>",
    "\u{202E}",
    "\u{2066}",
    "\u{0}\u{1}\u{1B}[31m\u{7F}\u{85}\u{FFFE}\u{FFFF}",
    "# ",
    "1986. ",
    "    ",
    "```",
    "---",
    "| a | b |",
    "www.evil.example",
    "https://evil.example/",
    "¶1. (S/NF) ",
    "1. (C) ",
    "REF: A. STATE 123456\nB. STATE 654321\n",
    "SUBJECT: ",
    "TAGS: PREL PGOV",
    "E.O. 12958: DECL: 01/01/2020",
    "SECTION 01 OF 02 ",
    "S E C R E T ",
    "UNCLAS SECTION 02 OF 02 STATE 000001\n",
    "Classified By: Ambassador X for reasons 1.4 (b) and (d).",
    "End Summary.",
    "NNNN\n",
    "\u{FEFF}",
    "\r",
];

/// One mutant of `seed`, by the `kind`-th mutation, with a generator for its choices.
fn mutate(seed: &[u8], other: &[u8], kind: usize, rng: &mut Rng) -> (String, Vec<u8>) {
    let mut bytes = seed.to_vec();
    let line_starts = |b: &[u8]| -> Vec<usize> {
        std::iter::once(0)
            .chain(memchr::memchr_iter(b'\n', b).map(|i| i + 1))
            .filter(|&i| i <= b.len())
            .collect()
    };
    let name = match kind {
        0 => {
            for _ in 0..1 + rng.below(16) {
                if !bytes.is_empty() {
                    let at = rng.below(bytes.len());
                    bytes[at] ^= 1 << rng.below(8);
                }
            }
            "byte flips"
        }
        1 => {
            let at = rng.below(bytes.len() + 1);
            bytes.truncate(at);
            "truncation"
        }
        2 => {
            let starts = line_starts(&bytes);
            let i = rng.below(starts.len());
            let start = starts[i];
            let end = starts.get(i + 1).copied().unwrap_or(bytes.len());
            let line = bytes[start..end].to_vec();
            let copies = 1 + rng.below(200);
            let mut out = bytes[..end].to_vec();
            for _ in 0..copies {
                out.extend_from_slice(&line);
                if !line.ends_with(b"\n") {
                    out.push(b'\n');
                }
            }
            out.extend_from_slice(&bytes[end..]);
            bytes = out;
            "line duplication"
        }
        3 => {
            for _ in 0..1 + rng.below(6) {
                let starts = line_starts(&bytes);
                let i = rng.below(starts.len());
                let start = starts[i];
                let end = starts.get(i + 1).copied().unwrap_or(bytes.len());
                bytes.drain(start..end);
            }
            "line deletion"
        }
        4 => {
            for _ in 0..1 + rng.below(8) {
                let snippet = SNIPPETS[rng.below(SNIPPETS.len())].as_bytes();
                let starts = line_starts(&bytes);
                let at = if rng.below(2) == 0 {
                    starts[rng.below(starts.len())]
                } else {
                    // Anywhere, even inside a multi-byte character.
                    rng.below(bytes.len() + 1)
                };
                bytes.splice(at..at, snippet.iter().copied());
            }
            "hostile snippets"
        }
        5 => {
            let lone_cr = rng.below(2) == 0;
            let mut out = Vec::with_capacity(bytes.len() + bytes.len() / 40);
            for &b in &bytes {
                if b == b'\n' {
                    if lone_cr {
                        out.push(b'\r');
                    } else {
                        out.extend_from_slice(b"\r\n");
                    }
                } else {
                    out.push(b);
                }
            }
            bytes = out;
            if lone_cr {
                "lone CR line ends"
            } else {
                "CRLF line ends"
            }
        }
        6 => {
            let text = String::from_utf8_lossy(&bytes).into_owned();
            let (encoded, _, _) = encoding_rs::WINDOWS_1252.encode(&text);
            bytes = encoded.into_owned();
            // And a lone pilcrow byte, as in PDF extracts.
            let starts = line_starts(&bytes);
            let at = starts[rng.below(starts.len())];
            bytes.insert(at, 0xB6);
            "Windows-1252"
        }
        _ => {
            let a = rng.below(bytes.len() + 1);
            let b = rng.below(other.len() + 1);
            bytes.truncate(a);
            bytes.extend_from_slice(&other[b..]);
            "crossover"
        }
    };
    (name.to_string(), bytes)
}

const MUTATIONS: usize = 8;

/// The CPU time of the calling thread: the work of one mutant, whatever else the machine is
/// doing (wall time would make the bound depend on the load of a shared CI machine).
fn thread_cpu_time() -> Duration {
    let mut t = libc::timespec {
        tv_sec: 0,
        tv_nsec: 0,
    };
    // SAFETY: `t` is a valid timespec to write into.
    let rc = unsafe { libc::clock_gettime(libc::CLOCK_THREAD_CPUTIME_ID, &mut t) };
    assert_eq!(rc, 0);
    Duration::new(t.tv_sec as u64, t.tv_nsec as u32)
}

/// Reads, parses and writes one mutant in every format, checking the outputs.
fn check_mutant(registry: &Registry, bytes: &[u8]) -> Result<(), String> {
    let docs = match source::read_bytes(bytes.to_vec(), Some("mutant.txt"), Some(Container::Text)) {
        Ok(docs) => docs,
        // A mutant the reader refuses (binary, empty) is fine: it said why.
        Err(error) => {
            let message = error.to_string();
            if !message.contains("mutant.txt") {
                return Err(format!("the error does not name the file: {message}"));
            }
            return Ok(());
        }
    };
    for doc in docs {
        let Ok(doc) = doc else { continue };
        let cable = cablegram::batch::parse_doc(doc);
        for (format, fragment) in [
            ("html", false),
            ("html", true),
            ("tei", false),
            ("json", false),
            ("markdown", false),
        ] {
            let converter = registry.get(format).unwrap();
            let options = Options::default().with_fragment(fragment);
            let mut first = Vec::new();
            converter
                .write(&cable, &options, &mut first)
                .map_err(|e| format!("{format}: {e}"))?;
            let mut second = Vec::new();
            converter
                .write(&cable, &options, &mut second)
                .map_err(|e| format!("{format}: {e}"))?;
            if first != second {
                return Err(format!("{format}: two conversions gave different bytes"));
            }
            let out = String::from_utf8(first).map_err(|_| format!("{format}: not UTF-8"))?;
            match format {
                "html" => check::html(&out, fragment),
                "tei" => check::tei(&out),
                "json" => check::json(&out),
                _ => check::markdown(&out),
            }
            .map_err(|e| format!("{format}{}: {e}", if fragment { " fragment" } else { "" }))?;
        }
    }
    Ok(())
}

#[test]
fn mutated_cables_never_crash_hang_or_break_the_output() {
    let seeds = seeds();
    let registry = Registry::with_builtins();
    let bound = time_bound();
    let failures_dir = root().join("target/hardening-mutants");
    let started = Instant::now();
    let failures: Vec<String> = seeds
        .par_iter()
        .enumerate()
        .flat_map_iter(|(i, (path, seed))| {
            let other = &seeds[(i * 7 + 3) % seeds.len()].1;
            let mut failures = Vec::new();
            for kind in 0..MUTATIONS {
                let mut rng = Rng::new((i * MUTATIONS + kind) as u64 + 1);
                let (mutation, bytes) = mutate(seed, other, kind, &mut rng);
                let start = thread_cpu_time();
                let outcome = catch_unwind(AssertUnwindSafe(|| check_mutant(&registry, &bytes)));
                let took = thread_cpu_time() - start;
                let problem = match outcome {
                    Err(panic) => Some(format!(
                        "panic: {}",
                        panic
                            .downcast_ref::<String>()
                            .cloned()
                            .or_else(|| panic.downcast_ref::<&str>().map(|s| s.to_string()))
                            .unwrap_or_default()
                    )),
                    Ok(Err(problem)) => Some(problem),
                    Ok(Ok(())) if took > bound => Some(format!("took {took:?} (bound {bound:?})")),
                    Ok(Ok(())) => None,
                };
                if let Some(problem) = problem {
                    std::fs::create_dir_all(&failures_dir).unwrap();
                    let saved = failures_dir.join(format!("mutant-{i}-{kind}.txt"));
                    std::fs::write(&saved, &bytes).unwrap();
                    let mut problem = problem;
                    problem.truncate(600);
                    failures.push(format!(
                        "{path} ({mutation}), saved as {}: {problem}",
                        saved.display()
                    ));
                }
            }
            failures
        })
        .collect();
    eprintln!(
        "{} seeds x {MUTATIONS} mutations in {:?}",
        seeds.len(),
        started.elapsed()
    );
    assert!(
        failures.is_empty(),
        "{} of {} mutants failed:\n{}",
        failures.len(),
        seeds.len() * MUTATIONS,
        failures.join("\n")
    );
}

#[test]
fn the_mutations_do_change_the_seeds() {
    // Each mutation must actually mutate, or the test above would only re-run the corpus.
    let seed = b"UNCLAS STATE 000001\n\nSUBJECT: TEST\n\n1. Text one.\n\n2. Text two.\n".to_vec();
    let other = b"CONFIDENTIAL\n\n1. (C) Other.\n".to_vec();
    for kind in 0..MUTATIONS {
        let changed = (1..20u64).any(|s| {
            let (_, bytes) = mutate(&seed, &other, kind, &mut Rng::new(s));
            bytes != seed
        });
        assert!(changed, "mutation {kind} never changes its seed");
    }
}
