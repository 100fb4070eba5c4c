//! The shape of the code, pinned: each command owns its arguments in its own file, no command
//! reaches into another, and the deck formats do not depend on the review session.

use std::path::{Path, PathBuf};

fn source(relative: &str) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(relative);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn rust_files(relative: &str) -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join(relative);
    let mut files = Vec::new();
    let mut pending = vec![dir];
    while let Some(dir) = pending.pop() {
        for entry in std::fs::read_dir(&dir).expect("lists") {
            let path = entry.expect("entry").path();
            if path.is_dir() {
                pending.push(path);
            } else if path.extension().is_some_and(|e| e == "rs") {
                files.push(path);
            }
        }
    }
    files.sort();
    files
}

/// The command modules: every `pub mod` of `commands/mod.rs` whose file defines `pub struct Args`.
fn command_modules() -> Vec<String> {
    source("src/commands/mod.rs")
        .lines()
        .filter_map(|line| line.strip_prefix("pub mod "))
        .map(|name| name.trim_end_matches(';').to_string())
        .filter(|name| source(&format!("src/commands/{name}.rs")).contains("pub struct Args"))
        .collect()
}

#[test]
fn every_command_variant_takes_the_args_of_its_own_file() {
    let commands = command_modules();
    assert!(commands.len() >= 16, "{commands:?}");
    let cli = source("src/cli.rs");
    let enum_body = cli
        .split("pub enum Command {")
        .nth(1)
        .and_then(|rest| rest.split("\n}").next())
        .expect("the Command enum");
    for line in enum_body.lines().map(str::trim) {
        if line.is_empty() || line.starts_with("///") || line.starts_with("#[") {
            continue;
        }
        assert!(
            line.contains("(commands::") && line.ends_with("::Args),"),
            "a command's arguments belong in its own file, not in cli.rs: {line}"
        );
    }
    // The only flags cli.rs defines are the global ones.
    assert_eq!(cli.matches("#[arg(").count(), 2, "{cli}");
}

#[test]
fn no_command_imports_another() {
    let commands = command_modules();
    for file in rust_files("src/commands") {
        let text = std::fs::read_to_string(&file).expect("reads");
        let own = file
            .file_stem()
            .expect("stem")
            .to_string_lossy()
            .into_owned();
        for other in commands.iter().filter(|name| **name != own) {
            for pattern in [
                format!("super::{other}::"),
                format!("super::{{{other}"),
                format!(", {other}}}"),
                format!("commands::{other}::"),
            ] {
                let reaching = text
                    .lines()
                    .filter(|line| line.trim_start().starts_with("use ") || line.contains("::"))
                    .any(|line| line.contains(&pattern) && !line.contains("cli::"));
                assert!(
                    !(reaching && file.file_name().is_some_and(|n| n != "mod.rs")),
                    "{} uses the command `{other}`; move what they share to a module named \
                     for what it is",
                    file.display()
                );
            }
        }
    }
}

#[test]
fn deck_formats_do_not_depend_on_the_session() {
    for file in rust_files("src/decks") {
        let text = std::fs::read_to_string(&file).expect("reads");
        assert!(
            !text.contains("crate::session"),
            "{} imports the review session",
            file.display()
        );
    }
}

#[test]
fn every_statement_file_is_used_and_each_table_has_one_column_list() {
    let sql_dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/store/sql");
    let store_code: String = rust_files("src/store")
        .iter()
        .map(|file| std::fs::read_to_string(file).expect("reads"))
        .collect();
    let mut lists = Vec::new();
    for entry in std::fs::read_dir(&sql_dir).expect("lists") {
        let path = entry.expect("entry").path();
        let name = path
            .file_stem()
            .expect("stem")
            .to_string_lossy()
            .into_owned();
        assert!(
            store_code.contains(&format!("sql!(\"{name}\")")),
            "{name}.sql is not run by any method"
        );
        let text = std::fs::read_to_string(&path).expect("reads");
        // The card and review column lists, as the row mappers read them.
        if text.contains("c.front, c.back, c.tags") || text.contains("r.ease_before, r.reps_before")
        {
            lists.push(name);
        }
    }
    lists.sort();
    assert_eq!(
        lists,
        ["get_card", "get_review"],
        "one column list per table"
    );
}
