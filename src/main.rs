//! The `cablegram` command: convert, validate and survey cables.

mod cli;

use clap::Parser;
use std::process::ExitCode;

fn main() -> ExitCode {
    let args = cli::Cli::parse();
    match cli::run(args) {
        Ok(code) => code,
        Err(error) => {
            eprintln!("cablegram: {error:#}");
            ExitCode::from(2)
        }
    }
}
