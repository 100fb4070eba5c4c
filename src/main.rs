//! The edge: parse arguments, choose the clock, find and open the collection, run one command or
//! the REPL, and turn the result into a message and an exit code.

use clap::Parser;
use recall::cli::Cli;
use recall::clock::{Clock, FixedClock, SystemClock};
use recall::commands::{self, Context};
use recall::decks::builtin;
use recall::session::{Prompter, Reply};
use recall::store::Store;
use recall::text::Style;
use recall::{Error, repl};
use std::io::{self, BufRead, IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) if error.is_broken_pipe() => ExitCode::SUCCESS,
        Err(error) => {
            // Messages quote the user's files: keep their escapes off the terminal.
            eprintln!("recall: {}", recall::text::for_terminal(&error.to_string()));
            ExitCode::FAILURE
        }
    }
}

fn run(cli: Cli) -> recall::Result<()> {
    let data_dir = dirs::data_dir().map(|dir| dir.join("recall"));
    let db_path = match cli.db {
        Some(path) => path,
        None => {
            let dir = data_dir.as_deref().ok_or_else(|| {
                Error::Usage(
                    "no data directory is known here; pass --db PATH or set RECALL_DB".into(),
                )
            })?;
            create_private_dir(dir)?;
            dir.join("recall.db")
        }
    };
    let clock: Box<dyn Clock> = match cli.now {
        Some(instant) => Box::new(FixedClock(instant)),
        None => Box::new(SystemClock),
    };
    let no_color = std::env::var_os("NO_COLOR").is_some_and(|value| !value.is_empty());
    let locale = ["LC_ALL", "LC_CTYPE", "LANG"]
        .iter()
        .filter_map(|name| std::env::var(name).ok())
        .find(|value| !value.is_empty());
    let style = Style {
        color: io::stdout().is_terminal() && !no_color,
        unicode: recall::text::locale_is_utf8(locale.as_deref()),
        progress: io::stderr().is_terminal(),
        terminal: io::stdout().is_terminal(),
        width: recall::terminal::columns(),
    };

    let opened = Store::open(&db_path)?;
    if opened.created {
        builtin::install(&opened.store)?;
    }
    let ctx = Context {
        store: &opened.store,
        clock: clock.as_ref(),
        style,
    };
    // A terminal whose locale cannot show UTF-8 gets ASCII; files and pipes, and data (exports,
    // JSON) anywhere, stay exact.
    let ascii = style.terminal
        && !style.unicode
        && !cli
            .command
            .as_ref()
            .is_some_and(recall::cli::Command::prints_data);
    let mut out: Box<dyn Write> = if ascii {
        Box::new(recall::text::AsciiOut::new(io::stdout()))
    } else {
        Box::new(io::stdout())
    };
    match cli.command {
        Some(command) => commands::run(
            &command,
            &ctx,
            &mut out,
            &mut StdinPrompter {
                keys: recall::terminal::keys_available(),
            },
        ),
        None => {
            let history = data_dir.and_then(|dir| {
                create_private_dir(&dir).ok()?;
                Some(dir.join("history"))
            });
            let created = opened.created.then_some(db_path.as_path());
            repl::run(&ctx, history.as_deref(), created, &mut out)
        }
    }
}

fn create_private_dir(dir: &Path) -> recall::Result<()> {
    let mut builder = std::fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::DirBuilderExt;
        builder.mode(0o700);
    }
    builder.create(dir).map_err(|source| Error::File {
        path: PathBuf::from(dir),
        source,
    })
}

/// Answers from standard input: single keys on a terminal, one line each on a pipe.
struct StdinPrompter {
    keys: bool,
}

impl Prompter for StdinPrompter {
    fn decide(&mut self, prompt: &str) -> io::Result<Reply> {
        if self.keys {
            recall::terminal::read_key(prompt)
        } else {
            self.ask(prompt)
        }
    }

    fn single_keys(&self) -> bool {
        self.keys
    }

    fn columns(&self) -> Option<usize> {
        recall::terminal::columns()
    }

    fn ask(&mut self, prompt: &str) -> io::Result<Reply> {
        let mut stdout = io::stdout();
        write!(stdout, "{prompt}")?;
        stdout.flush()?;
        let mut line = Vec::new();
        if io::stdin().lock().read_until(b'\n', &mut line)? == 0 {
            writeln!(stdout)?;
            return Ok(Reply::End);
        }
        let text = String::from_utf8_lossy(&line);
        let text = text.trim_end_matches(['\n', '\r']);
        if !io::stdin().is_terminal() {
            // Echo piped answers so a transcript reads like a session.
            writeln!(stdout, "{text}")?;
        }
        Ok(Reply::Line(text.to_string()))
    }
}
