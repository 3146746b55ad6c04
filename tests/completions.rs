//! Shell completions and the man page: generated from the command-line definition, so they
//! name every flag; printed by `cognitui completions SHELL` and `cognitui man` without a
//! terminal, a configuration file or credentials; the UI's flags parse as before.

use std::process::{Command, Stdio};

use clap::{CommandFactory, Parser};
use clap_complete::Shell;
use cognitui::config::{Cli, Task};

/// What `generate` writes, as text.
fn generated(generate: &Task) -> String {
    let mut out = Vec::new();
    generate
        .write(&mut out)
        .expect("a printing task")
        .expect("written");
    String::from_utf8(out).expect("UTF-8")
}

/// Every long flag of the UI, e.g. `endpoint-url`.
fn long_flags() -> Vec<String> {
    Cli::command()
        .get_arguments()
        .filter_map(|a| a.get_long().map(ToOwned::to_owned))
        .collect()
}

#[test]
fn the_completion_scripts_know_the_flags() {
    let bash = generated(&Task::Completions { shell: Shell::Bash });
    assert!(bash.contains("--endpoint-url"), "{bash}");
    for flag in long_flags() {
        assert!(bash.contains(&format!("--{flag}")), "bash lacks --{flag}");
    }
    assert!(bash.contains("completions") && bash.contains("man"));
    for shell in [Shell::Zsh, Shell::Fish, Shell::PowerShell] {
        let script = generated(&Task::Completions { shell });
        assert!(script.contains("endpoint-url"), "{shell}: {script}");
    }
}

#[test]
fn the_man_page_has_a_name_and_every_flag() {
    let man = generated(&Task::Man);
    assert!(man.contains(".SH NAME\ncognitui \\- "), "{man}");
    assert!(man.contains(".SH OPTIONS"), "{man}");
    // roff writes a hyphen as `\-`.
    for flag in long_flags() {
        let roff = format!("\\fB\\-\\-{}\\fR", flag.replace('-', "\\-"));
        assert!(man.contains(&roff), "the man page lacks --{flag}: {man}");
    }
}

#[test]
fn the_subcommands_parse_and_the_flags_stay_as_they_were() {
    let cli = Cli::try_parse_from(["cognitui", "completions", "zsh"]).expect("parses");
    assert_eq!(cli.task, Some(Task::Completions { shell: Shell::Zsh }));
    let cli = Cli::try_parse_from(["cognitui", "man"]).expect("parses");
    assert_eq!(cli.task, Some(Task::Man));
    assert!(Cli::try_parse_from(["cognitui", "completions", "tcsh"]).is_err());

    let cli = Cli::try_parse_from([
        "cognitui",
        "--endpoint-url",
        "http://127.0.0.1:9229",
        "--user-pool-id",
        "local_6r5o1nkV",
        "--read-only",
        "--read-rate",
        "3",
    ])
    .expect("parses");
    assert_eq!(cli.task, None, "no subcommand: the UI starts");
    assert_eq!(cli.endpoint_url.as_deref(), Some("http://127.0.0.1:9229"));
    assert_eq!(cli.user_pool_id.as_deref(), Some("local_6r5o1nkV"));
    assert!(cli.read_only);
    assert_eq!(cli.read_rate, Some(3));
}

/// Runs the binary with `args`, no terminal and no configuration file, credentials or region
/// it could find; returns its exit code and stdout.
fn run(args: &[&str]) -> (Option<i32>, String) {
    let empty = tempfile::tempdir().expect("dir");
    let out = Command::new(env!("CARGO_BIN_EXE_cognitui"))
        .args(args)
        .env("HOME", empty.path())
        .env("XDG_CONFIG_HOME", empty.path())
        .env_remove("AWS_REGION")
        .env_remove("AWS_PROFILE")
        .stdin(Stdio::null())
        .stderr(Stdio::null())
        .output()
        .expect("run cognitui");
    (
        out.status.code(),
        String::from_utf8(out.stdout).expect("UTF-8"),
    )
}

#[test]
fn the_binary_prints_them_without_a_terminal() {
    let (code, bash) = run(&["completions", "bash"]);
    assert_eq!(code, Some(0));
    assert!(bash.contains("--endpoint-url"), "{bash}");
    let (code, man) = run(&["man"]);
    assert_eq!(code, Some(0));
    assert!(man.contains(".SH NAME"), "{man}");
    // A bad configuration named by a flag does not stop them either.
    let (code, fish) = run(&[
        "--config",
        "/nonexistent/config.toml",
        "completions",
        "fish",
    ]);
    assert_eq!(code, Some(0));
    assert!(fish.contains("endpoint-url"), "{fish}");
}
