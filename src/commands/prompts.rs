//! Asking for a card's fields one at a time, as `add` and `edit` do when a flag is not given.

use crate::error::Result;
use crate::session::{Prompter, Reply};
use std::io::Write;

/// A card's text as flags, shared by `add` and `edit`; what is not given is asked for.
#[derive(Debug, Clone, Default, PartialEq, Eq, clap::Args)]
pub struct CardText {
    #[arg(long)]
    pub front: Option<String>,
    #[arg(long)]
    pub back: Option<String>,
    /// Tags separated by spaces
    #[arg(long)]
    pub tags: Option<String>,
}

/// Asks for one field; `None` when the learner gave up (Ctrl-C or end of input).
pub fn ask_field(
    prompter: &mut dyn Prompter,
    out: &mut dyn Write,
    prompt: &str,
) -> Result<Option<String>> {
    out.flush()?;
    Ok(match prompter.ask(prompt)? {
        Reply::Line(line) => Some(line.trim().to_string()),
        Reply::Interrupted | Reply::End | Reply::Redraw => None,
    })
}

/// Asks a yes/no `question` before a change that takes things away or renames them; `yes` is
/// the `--yes` flag. Off a terminal nothing is asked: without `--yes` the command is refused
/// (a script never hangs on a question nobody sees). `Ok(false)` when the learner said no.
pub fn confirm(
    yes: bool,
    terminal: bool,
    command: &str,
    dialogue: (&mut dyn Prompter, &mut dyn Write),
    question: &str,
) -> Result<bool> {
    if yes {
        return Ok(true);
    }
    if !terminal {
        return Err(crate::error::Error::Usage(format!(
            "{command}: nothing changed; add --yes to do it without being asked"
        )));
    }
    let (prompter, out) = dialogue;
    let answer = ask_field(prompter, out, &format!("{question} [y/N] "))?.unwrap_or_default();
    Ok(matches!(answer.to_lowercase().as_str(), "y" | "yes"))
}

/// Splits a tags argument at spaces, each tag once.
pub fn tag_list(tags: &str) -> Vec<String> {
    crate::decks::distinct_tags(tags.split_whitespace().map(str::to_string))
}

/// `confirm` before deleting: "Nothing deleted." when the learner says no.
pub fn confirm_deletion(
    yes: bool,
    terminal: bool,
    command: &str,
    dialogue: (&mut dyn Prompter, &mut dyn Write),
    question: &str,
) -> Result<bool> {
    let (prompter, out) = dialogue;
    let confirmed = confirm(yes, terminal, command, (prompter, &mut *out), question)?;
    if !confirmed {
        writeln!(out, "Nothing deleted.")?;
    }
    Ok(confirmed)
}
