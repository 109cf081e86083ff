//! `cablegram completions SHELL` and `cablegram man`: generated from the command's own
//! definition, so they list every subcommand there is.

use std::process::Command;

/// Runs the binary with `args`; returns its standard output, failing unless it succeeds.
fn run(args: &[&str]) -> String {
    let output = Command::new(env!("CARGO_BIN_EXE_cablegram"))
        .args(args)
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).expect("UTF-8 output")
}

const SUBCOMMANDS: [&str; 6] = [
    "convert",
    "validate",
    "stats",
    "formats",
    "completions",
    "man",
];

#[test]
fn bash_completion_defines_its_function_and_completes_the_subcommands() {
    let script = run(&["completions", "bash"]);
    assert!(script.contains("_cablegram()"), "{script}");
    assert!(script.contains("complete -F _cablegram"), "{script}");
    for sub in SUBCOMMANDS {
        assert!(script.contains(sub), "bash completion lacks {sub}");
    }
    // Options of a subcommand are completed too.
    assert!(script.contains("--out-dir"));
}

#[test]
fn every_shell_gets_a_script_of_its_own() {
    let scripts: Vec<String> = ["bash", "zsh", "fish", "powershell"]
        .iter()
        .map(|shell| run(&["completions", shell]))
        .collect();
    assert!(scripts[1].starts_with("#compdef cablegram"));
    assert!(scripts[2].contains("complete -c cablegram"));
    assert!(scripts[3].contains("Register-ArgumentCompleter"));
    for (i, a) in scripts.iter().enumerate() {
        assert!(a.contains("validate"));
        assert!(scripts[i + 1..].iter().all(|b| a != b));
    }
}

#[test]
fn an_unknown_shell_is_refused() {
    let output = Command::new(env!("CARGO_BIN_EXE_cablegram"))
        .args(["completions", "tcsh"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert!(output.stdout.is_empty());
    assert!(String::from_utf8_lossy(&output.stderr).contains("possible values"));
}

#[test]
fn man_page_is_roff_with_every_subcommand() {
    let page = run(&["man"]);
    let th = page
        .lines()
        .find(|l| l.starts_with(".TH "))
        .expect("a .TH line");
    assert!(th.contains("cablegram 1"), "{th}");
    assert!(page.contains(".SH NAME"));
    assert!(page.contains(".SH SUBCOMMANDS"));
    for sub in SUBCOMMANDS {
        assert!(
            page.contains(&format!("cablegram\\-{sub}")),
            "man page lacks {sub}"
        );
    }
}
