//! `cablegram stats`: the first look at a new corpus.

use super::{each_cable, example_cable, listed_inputs, StatsArgs, StatsFormat};
use cablegram::stats::CorpusStats;
use std::io::Write;
use std::process::ExitCode;

pub fn run(args: StatsArgs) -> anyhow::Result<ExitCode> {
    let mut stats = CorpusStats::default();
    if args.input.example {
        stats.add(&example_cable());
    } else {
        let inputs = listed_inputs(&args.input);
        stats.unreadable = each_cable(&args.input, inputs, |cable| stats.add(&cable))?;
    }
    let mut out = std::io::stdout().lock();
    match args.format {
        StatsFormat::Json => {
            serde_json::to_writer_pretty(&mut out, &stats)?;
            writeln!(out)?;
        }
        StatsFormat::Csv => write_csv(&mut out, &stats)?,
        StatsFormat::Table => write_table(&mut out, &stats, args.top)?,
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

/// Long-format CSV: `table,key,count`, one row per count.
fn write_csv(out: &mut dyn Write, stats: &CorpusStats) -> anyhow::Result<()> {
    let mut w = csv::Writer::from_writer(out);
    w.write_record(["table", "key", "count"])?;
    w.write_record(["total", "cables", &stats.cables.to_string()])?;
    w.write_record(["total", "unreadable", &stats.unreadable.to_string()])?;
    for (name, table) in [
        ("classification", &stats.by_classification),
        ("year", &stats.by_year),
        ("station", &stats.by_station),
        ("tag", &stats.by_tag),
    ] {
        for (key, count) in table {
            w.write_record([name, key.as_str(), &count.to_string()])?;
        }
    }
    for (field, count) in stats.coverage_rows() {
        w.write_record(["coverage", field, &count.to_string()])?;
    }
    w.flush()?;
    Ok(())
}

fn percent(part: u64, whole: u64) -> f64 {
    if whole == 0 {
        0.0
    } else {
        100.0 * part as f64 / whole as f64
    }
}

fn write_table(out: &mut dyn Write, stats: &CorpusStats, top: usize) -> anyhow::Result<()> {
    let n = stats.cables;
    writeln!(out, "{n} cables, {} unreadable inputs", stats.unreadable)?;
    writeln!(out, "\nBy classification")?;
    for (k, v) in CorpusStats::top(&stats.by_classification, usize::MAX) {
        writeln!(out, "  {k:<24} {v:>8}  {:>5.1}%", percent(v, n))?;
    }
    writeln!(out, "\nBy year (of the date, or else of the reference id)")?;
    for (k, v) in &stats.by_year {
        writeln!(out, "  {k:<24} {v:>8}  {:>5.1}%", percent(*v, n))?;
    }
    writeln!(
        out,
        "\nTop {top} stations ({} in all)",
        stats.by_station.len()
    )?;
    for (k, v) in CorpusStats::top(&stats.by_station, top) {
        writeln!(out, "  {k:<24} {v:>8}  {:>5.1}%", percent(v, n))?;
    }
    writeln!(out, "\nTop {top} TAGS ({} in all)", stats.by_tag.len())?;
    for (k, v) in CorpusStats::top(&stats.by_tag, top) {
        writeln!(out, "  {k:<24} {v:>8}  {:>5.1}%", percent(v, n))?;
    }
    writeln!(out, "\nParse coverage (cables with …)")?;
    for (field, v) in stats.coverage_rows() {
        writeln!(out, "  {field:<24} {v:>8}  {:>5.1}%", percent(v, n))?;
    }
    Ok(())
}
