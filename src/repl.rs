//! The REPL: a thin shell that reads a line, splits it like a shell would, parses it with the
//! same clap commands as the CLI, runs it, prints any error and carries on.

use crate::cli::{Command, ReplCommand, ReplLine};
use crate::commands::{self, Context};
use crate::error::{Error, Result};
use crate::session::{Prompter, Reply};
use clap::{CommandFactory, Parser};
use rustyline::completion::{Completer, Pair};
use rustyline::error::ReadlineError;
use rustyline::highlight::Highlighter;
use rustyline::hint::Hinter;
use rustyline::history::DefaultHistory;
use rustyline::validate::Validator;
use rustyline::{Editor, Helper};
use std::io::Write;
use std::path::Path;

/// What one typed line asks for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LineAction {
    Nothing,
    Quit,
    /// Clear the screen (on a terminal; elsewhere nothing).
    Clear,
    Run(Command),
    /// Help, or what was wrong with the line, to print before the next prompt.
    Show(String),
}

/// Parses one REPL line with the CLI's own commands.
pub fn parse_line(line: &str) -> LineAction {
    let Some(words) = shlex::split(&hash_kept(line)) else {
        return LineAction::Show("error: unbalanced quotes; type `help` for the commands\n".into());
    };
    if words.is_empty() {
        return LineAction::Nothing;
    }
    match ReplLine::try_parse_from(words) {
        Ok(parsed) => match parsed.command {
            ReplCommand::Quit => LineAction::Quit,
            ReplCommand::Clear => LineAction::Clear,
            ReplCommand::Run(command) => LineAction::Run(command),
        },
        Err(error) => LineAction::Show(refusal(&error)),
    }
}

/// What a line clap refused gets as an answer: an unknown command in one line with the nearest
/// command; anything else as clap explains it.
fn refusal(error: &clap::Error) -> String {
    use clap::error::{ContextKind, ContextValue, ErrorKind};
    if error.kind() != ErrorKind::InvalidSubcommand {
        return error.render().to_string();
    }
    let typed = match error.get(ContextKind::InvalidSubcommand) {
        Some(ContextValue::String(typed)) => crate::text::one_line(typed),
        _ => String::new(),
    };
    match error.get(ContextKind::SuggestedSubcommand) {
        Some(ContextValue::Strings(near)) if !near.is_empty() => format!(
            "error: no command '{typed}'; did you mean `{}`? (`help` lists them)\n",
            near.join("` or `")
        ),
        Some(ContextValue::String(near)) => {
            format!("error: no command '{typed}'; did you mean `{near}`? (`help` lists them)\n")
        }
        _ => format!("error: no command '{typed}'; `help` lists them\n"),
    }
}

/// Each character of a line with its byte offset and whether a shell would read it bare:
/// outside quotes and not escaped by a backslash.
fn shell_chars(line: &str) -> impl Iterator<Item = (usize, char, bool)> + '_ {
    let (mut single, mut double, mut escaped) = (false, false, false);
    line.char_indices().map(move |(at, c)| {
        let bare = !single && !double && !escaped;
        let after_backslash = std::mem::take(&mut escaped);
        match c {
            '\\' if !single && !after_backslash => escaped = true,
            '\'' if !double && !after_backslash => single = !single,
            '"' if !single && !after_backslash => double = !double,
            _ => {}
        }
        (at, c, bare)
    })
}

/// The line with every bare `#` escaped: the REPL has no comments, so `show #14` (a card
/// reference in the older form) reaches the command instead of being cut off as a shell would.
pub fn hash_kept(line: &str) -> String {
    let mut kept = String::with_capacity(line.len() + 4);
    for (_, c, bare) in shell_chars(line) {
        if c == '#' && bare {
            kept.push('\\');
        }
        kept.push(c);
    }
    kept
}

/// The names completed for the first word of a line.
pub fn command_names() -> Vec<String> {
    let mut names: Vec<String> = ReplLine::command()
        .get_subcommands()
        .flat_map(|sub| {
            std::iter::once(sub.get_name().to_string())
                .chain(sub.get_all_aliases().map(str::to_string))
        })
        .collect();
    names.push("help".to_string());
    names.sort();
    names
}

/// The commands whose first argument is a deck (or, for `history`, a deck or a card).
const DECK_FIRST: &[&str] = &["review", "cards", "stats", "history", "export", "add"];

/// The commands that take cards (`@ID`, `DECK/KEY` or `KEY`).
const CARD_TAKING: &[&str] = &[
    "show",
    "edit",
    "delete",
    "suspend",
    "unsuspend",
    "bury",
    "history",
];

/// Card keys of a deck from a prefix, as many as a screen shows: (deck name, typed prefix).
pub type KeyLookup<'a> = Box<dyn Fn(&str, &str) -> Vec<String> + 'a>;

/// Keys listed for one Tab.
pub const KEYS_LISTED: u32 = 50;

/// Tab completion of command names, of deck names (parents too) wherever a deck is taken (the
/// first argument of [`DECK_FIRST`] commands, `deck rename` and `deck delete`, and after
/// `--deck`), and of card references `DECK/KEY` for the commands that take cards.
pub struct ReplHelper<'a> {
    commands: Vec<String>,
    decks: Vec<String>,
    keys: KeyLookup<'a>,
}

impl<'a> ReplHelper<'a> {
    pub fn new(decks: Vec<String>, keys: KeyLookup<'a>) -> ReplHelper<'a> {
        let mut names: Vec<String> = decks
            .iter()
            .flat_map(|name| {
                name.match_indices("::")
                    .map(|(at, _)| name[..at].to_string())
                    .chain(std::iter::once(name.clone()))
                    .collect::<Vec<_>>()
            })
            .collect();
        names.sort();
        names.dedup();
        ReplHelper {
            commands: command_names(),
            decks: names,
            keys,
        }
    }

    /// `DECK/KEY` references for a word that names a deck and the start of a key.
    fn card_references(&self, word: &str) -> Vec<String> {
        let unquoted = word.trim_start_matches(['"', '\'']);
        let Some((deck, key)) = unquoted.split_once('/') else {
            return Vec::new();
        };
        let Some(deck) = self.decks.iter().find(|d| d.eq_ignore_ascii_case(deck)) else {
            return Vec::new();
        };
        (self.keys)(deck, key)
            .into_iter()
            .map(|key| quoted_if_needed(&format!("{deck}/{key}")))
            .collect()
    }

    /// Completions for the text before the cursor: (start of the word, candidates).
    pub fn candidates(&self, before_cursor: &str) -> (usize, Vec<String>) {
        let word_start = word_start(before_cursor);
        let word = &before_cursor[word_start..];
        let earlier = shlex::split(&hash_kept(&before_cursor[..word_start])).unwrap_or_default();
        let earlier: Vec<&str> = earlier.iter().map(String::as_str).collect();
        let wants_deck = match earlier.as_slice() {
            [] => false,
            [.., "--deck"] => true,
            ["deck", "rename" | "delete"] => true,
            [command, rest @ ..] => DECK_FIRST.contains(command) && positionals(command, rest) == 0,
        };
        let wants_card = earlier
            .first()
            .is_some_and(|command| CARD_TAKING.contains(command));
        if wants_card && word.contains('/') {
            return (word_start, self.card_references(word));
        }
        let matches: Vec<String> = if earlier.is_empty() {
            self.commands
                .iter()
                .filter(|name| name.starts_with(word))
                .cloned()
                .collect()
        } else if wants_deck {
            let typed = word.trim_start_matches(['"', '\'']).to_lowercase();
            self.decks
                .iter()
                .filter(|name| name.to_lowercase().starts_with(&typed))
                .map(|name| quoted_if_needed(name))
                .collect()
        } else if wants_card {
            // A deck, then `/` and Tab again for its keys.
            let typed = word.trim_start_matches(['"', '\'']).to_lowercase();
            self.decks
                .iter()
                .filter(|name| name.to_lowercase().starts_with(&typed))
                .map(|name| format!("{name}/"))
                .filter(|name| {
                    !name.contains(char::is_whitespace) && !name.contains(['"', '\'', '#'])
                })
                .collect()
        } else {
            Vec::new()
        };
        (word_start, matches)
    }
}

/// A deck name or card reference as the shell reads it back: quoted when it holds spaces,
/// quotes or `#`.
fn quoted_if_needed(name: &str) -> String {
    if name.contains(char::is_whitespace) || name.contains(['"', '\'', '#']) {
        format!("\"{}\"", name.replace(['"', '\\'], ""))
    } else {
        name.to_string()
    }
}

/// How many positional arguments `words` (typed after `command`) hold: options are skipped,
/// with the value of those that take one.
fn positionals(command: &str, words: &[&str]) -> usize {
    let line = ReplLine::command();
    let Some(sub) = line.find_subcommand(command) else {
        return words.len();
    };
    let takes_value = |word: &str| {
        sub.get_arguments().any(|arg| {
            arg.get_action().takes_values()
                && (arg
                    .get_long()
                    .is_some_and(|long| word == format!("--{long}"))
                    || arg
                        .get_short()
                        .is_some_and(|short| word == format!("-{short}")))
        })
    };
    let mut count = 0;
    let mut words = words.iter();
    while let Some(word) = words.next() {
        if word.starts_with('-') {
            if takes_value(word) {
                words.next();
            }
        } else {
            count += 1;
        }
    }
    count
}

/// Where the word under the cursor starts: after the last bare space, or at the quote that is
/// still open (`review "My D` completes from `"My D`).
fn word_start(before_cursor: &str) -> usize {
    let mut start = 0;
    for (at, c, bare) in shell_chars(before_cursor) {
        if bare && c.is_whitespace() {
            start = at + c.len_utf8();
        } else if bare && matches!(c, '"' | '\'') {
            start = at;
        }
    }
    start
}

impl Completer for ReplHelper<'_> {
    type Candidate = Pair;

    fn complete(
        &self,
        line: &str,
        pos: usize,
        _ctx: &rustyline::Context<'_>,
    ) -> rustyline::Result<(usize, Vec<Pair>)> {
        let (start, names) = self.candidates(&line[..pos]);
        let pairs = names
            .into_iter()
            .map(|name| Pair {
                display: name.clone(),
                replacement: name,
            })
            .collect();
        Ok((start, pairs))
    }
}

impl Hinter for ReplHelper<'_> {
    type Hint = String;
}
impl Highlighter for ReplHelper<'_> {}
impl Validator for ReplHelper<'_> {}
impl Helper for ReplHelper<'_> {}

/// Answers, grades and card fields are read with an editor of their own: no command completion,
/// and a history of what was typed there (Up brings back the last answer, not the last command).
/// On a terminal the review screen reads single keys instead.
struct EditorPrompter<'e> {
    editor: &'e mut Editor<(), DefaultHistory>,
    keys: bool,
}

impl Prompter for EditorPrompter<'_> {
    fn decide(&mut self, prompt: &str) -> std::io::Result<Reply> {
        if self.keys {
            crate::terminal::read_key(prompt)
        } else {
            self.ask(prompt)
        }
    }

    fn single_keys(&self) -> bool {
        self.keys
    }

    fn columns(&self) -> Option<usize> {
        crate::terminal::columns()
    }

    fn ask(&mut self, prompt: &str) -> std::io::Result<Reply> {
        match self.editor.readline(prompt) {
            Ok(line) => {
                if !line.trim().is_empty() {
                    let _ = self.editor.add_history_entry(line.as_str());
                }
                Ok(Reply::Line(line))
            }
            Err(ReadlineError::Interrupted) => Ok(Reply::Interrupted),
            Err(ReadlineError::Eof) => Ok(Reply::End),
            Err(ReadlineError::Io(error)) => Err(error),
            Err(other) => Err(std::io::Error::other(other.to_string())),
        }
    }
}

fn editor_error(error: ReadlineError) -> Error {
    match error {
        ReadlineError::Io(error) => Error::Output(error),
        other => Error::Output(std::io::Error::other(other.to_string())),
    }
}

/// Deck names for completion, as the terminal may show them: completion writes its candidates
/// to the screen, so a name's escapes never get there.
fn deck_names(ctx: &Context<'_>) -> Vec<String> {
    ctx.store
        .all_decks()
        .map(|decks| {
            decks
                .into_iter()
                .map(|deck| crate::text::one_line(&deck.name))
                .collect()
        })
        .unwrap_or_default()
}

/// Runs the REPL until `quit`, `exit` or Ctrl-D. `history` is where line history is kept.
pub fn run(
    ctx: &Context<'_>,
    history: Option<&Path>,
    created: Option<&Path>,
    out: &mut dyn Write,
) -> Result<()> {
    // Tab lists every candidate (as bash does) instead of cycling through them unseen.
    let config = rustyline::Config::builder()
        .completion_type(rustyline::CompletionType::List)
        .build();
    let mut editor: Editor<ReplHelper, DefaultHistory> =
        Editor::with_config(config).map_err(editor_error)?;
    let mut answers: Editor<(), DefaultHistory> = Editor::new().map_err(editor_error)?;
    let keys: KeyLookup<'_> = Box::new(|deck: &str, prefix: &str| {
        // Completion is a convenience: a failed lookup completes nothing.
        ctx.store
            .deck_by_name(deck)
            .ok()
            .flatten()
            .and_then(|deck| ctx.store.card_keys_from(deck.id, prefix, KEYS_LISTED).ok())
            .unwrap_or_default()
    });
    editor.set_helper(Some(ReplHelper::new(deck_names(ctx), keys)));
    if let Some(path) = history {
        // A missing history file is the normal first run.
        let _ = editor.load_history(path);
    }
    commands::greeting(ctx, out, created)?;
    loop {
        out.flush()?;
        let line = match editor.readline("recall> ") {
            Ok(line) => line,
            Err(ReadlineError::Interrupted) => continue,
            Err(ReadlineError::Eof) => break,
            Err(error) => return Err(editor_error(error)),
        };
        if !line.trim().is_empty() {
            let _ = editor.add_history_entry(line.as_str());
            if let Some(path) = history {
                // History is a convenience: failing to save it must not stop a review.
                let _ = editor.save_history(path);
            }
        }
        match parse_line(&line) {
            LineAction::Nothing => {}
            LineAction::Quit => break,
            LineAction::Clear if ctx.style.terminal => {
                editor.clear_screen().map_err(editor_error)?
            }
            LineAction::Clear => {}
            LineAction::Show(text) => write!(out, "{text}")?,
            LineAction::Run(command) => {
                let mut prompter = EditorPrompter {
                    editor: &mut answers,
                    keys: crate::terminal::keys_available(),
                };
                let result = commands::run(&command, ctx, out, &mut prompter);
                if let Err(error) = result {
                    if error.is_fatal_in_repl() {
                        return Err(error);
                    }
                    writeln!(
                        out,
                        "error: {}",
                        crate::text::for_terminal(&error.to_string())
                    )?;
                }
                if let Some(helper) = editor.helper_mut() {
                    helper.decks = deck_names(ctx);
                }
            }
        }
    }
    writeln!(out, "Bye.")?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::commands::{cards, decks, import, review};

    #[test]
    fn help_reads_as_the_prompts_help_and_unknown_commands_name_the_nearest() {
        let LineAction::Show(help) = parse_line("help") else {
            panic!("help shows text");
        };
        assert!(help.contains("Type a command at the prompt"), "{help}");
        assert!(
            help.contains("  clear ") && help.contains("  quit "),
            "{help}"
        );
        assert!(!help.contains("<COMMAND>"), "{help}");
        let cases = [
            (
                "revew",
                "error: no command 'revew'; did you mean `review`? (`help` lists them)\n",
            ),
            (
                "sho @3",
                "error: no command 'sho'; did you mean `show`? (`help` lists them)\n",
            ),
            ("xyzzy", "error: no command 'xyzzy'; `help` lists them\n"),
            ("'x\x1b[2Jy'", "error: no command 'xy'; `help` lists them\n"),
        ];
        for (line, said) in cases {
            assert_eq!(parse_line(line), LineAction::Show(said.into()), "{line}");
        }
    }

    #[test]
    fn a_hash_is_a_word_not_a_comment() {
        let cases: &[(&str, &[&str])] = &[
            ("show #14", &["show", "#14"]),
            ("show @14", &["show", "@14"]),
            (
                "add D --front 'a # b' --back \"c #d\"",
                &["add", "D", "--front", "a # b", "--back", "c #d"],
            ),
            ("add D --front \\#x", &["add", "D", "--front", "#x"]),
            ("search it's", &[]),
            ("history #3 #4", &["history", "#3", "#4"]),
        ];
        for (line, words) in cases {
            let split = shlex::split(&hash_kept(line)).unwrap_or_default();
            assert_eq!(split, *words, "{line}");
        }
    }

    #[test]
    fn lines_parse_with_the_cli_commands() {
        let cases: &[(&str, LineAction)] = &[
            ("", LineAction::Nothing),
            ("   ", LineAction::Nothing),
            ("quit", LineAction::Quit),
            ("exit", LineAction::Quit),
            ("clear", LineAction::Clear),
            (
                "review",
                LineAction::Run(Command::Review(review::Args::default())),
            ),
            (
                "review \"My Deck::Sub\"",
                LineAction::Run(Command::Review(review::Args {
                    deck: Some("My Deck::Sub".into()),
                    ..review::Args::default()
                })),
            ),
            (
                "decks --json",
                LineAction::Run(Command::Decks(decks::Args { json: true })),
            ),
            (
                "cards Capitals",
                LineAction::Run(Command::Cards(cards::Args {
                    deck: Some("Capitals".into()),
                    json: false,
                })),
            ),
            (
                "import 'a file.toml'",
                LineAction::Run(Command::Import(import::Args {
                    files: vec!["a file.toml".into()],
                    ..import::Args::default()
                })),
            ),
        ];
        for (line, expected) in cases {
            assert_eq!(&parse_line(line), expected, "{line:?}");
        }
    }

    #[test]
    fn bad_lines_show_a_short_help() {
        for (line, expected) in [
            ("frobnicate", "no command 'frobnicate'"),
            ("decks --bogus", "unexpected argument '--bogus'"),
            ("import", "required"),
            ("review \"unclosed", "unbalanced quotes"),
            ("help", "review"),
        ] {
            match parse_line(line) {
                LineAction::Show(text) => assert!(text.contains(expected), "{line}: {text}"),
                other => panic!("{line}: expected help text, got {other:?}"),
            }
        }
    }

    #[test]
    fn completion_offers_commands_then_decks_then_card_references() {
        let keys: KeyLookup<'_> = Box::new(|deck: &str, prefix: &str| {
            let keys: &[&str] = match deck {
                "Capitals" => &["fr", "jp", "pe"],
                "My Deck" => &["one"],
                _ => &[],
            };
            keys.iter()
                .filter(|key| key.starts_with(prefix))
                .map(|key| key.to_string())
                .collect()
        });
        let helper = ReplHelper::new(
            vec![
                "Capitals".into(),
                "My Deck".into(),
                "Languages::Spanish Verbs".into(),
            ],
            keys,
        );
        let decks = |line: &str| helper.candidates(line).1;
        let cases: &[(&str, &[&str])] = &[
            ("stats c", &["Capitals"]),
            ("history Ca", &["Capitals"]),
            ("review --ahead 3 C", &["Capitals"]),
            ("export -o out.toml --format toml C", &["Capitals"]),
            ("review --cram C", &["Capitals"]),
            ("export L", &["Languages", "\"Languages::Spanish Verbs\""]),
            ("review \"Languages::Sp", &["\"Languages::Spanish Verbs\""]),
            ("suspend --deck my", &["\"My Deck\""]),
            ("config set new_per_day 5 --deck Cap", &["Capitals"]),
            ("deck rename Ca", &["Capitals"]),
            ("deck rename Capitals Ca", &[]),
            ("review Capitals C", &[]),
            ("deck delete cap", &["Capitals"]),
            ("show C", &["Capitals/"]),
            (
                "show Capitals/",
                &["Capitals/fr", "Capitals/jp", "Capitals/pe"],
            ),
            ("delete capitals/j", &["Capitals/jp"]),
            ("delete Capitals/fr Capitals/p", &["Capitals/pe"]),
            ("edit \"My Deck/o", &["\"My Deck/one\""]),
            ("history Capitals/f", &["Capitals/fr"]),
            ("suspend Nowhere/x", &[]),
        ];
        for (line, expected) in cases {
            assert_eq!(decks(line), *expected, "{line}");
        }
        assert_eq!(helper.candidates("review \"My D").0, 7);
        assert_eq!(helper.candidates("re").1, vec!["review"]);
        assert_eq!(helper.candidates("exi").1, vec!["exit"]);
        assert_eq!(
            helper.candidates("export").1,
            vec!["export", "export-history"]
        );
        assert_eq!(
            helper.candidates("review C"),
            (7, vec!["Capitals".to_string()])
        );
        assert_eq!(
            helper.candidates("cards M").1,
            vec!["\"My Deck\"".to_string()]
        );
        assert!(helper.candidates("decks x").1.is_empty());
    }
}
