//! The review session: today's queue (due cards, then new cards within the daily limits, then
//! same-day re-drills; or a cram drill, or a review ahead), recording each answer durably, undo,
//! and the dialogue with the learner, shared by `recall review` on a pipe and by the REPL.

use crate::error::Result;
use crate::scheduler::StudyDay;
use crate::store::ReviewKind;
use crate::text;
use std::io::Write;

mod answer;
mod dialogue;
mod queue;

pub use answer::{AnswerTime, Answered, record_answer, undo_last};
pub use dialogue::{GRADE_LEGEND, SessionContext, grade_preview, run};
pub use queue::{Mode, QueueItem, TodayCounts, build_queue, next_due_day, today_counts};

/// What the learner typed at a prompt.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Reply {
    Line(String),
    /// Ctrl-C: abandon the current card only.
    Interrupted,
    /// End of input or Ctrl-D: end the session, keeping every answer given.
    End,
}

/// Reads one line after showing `prompt`: rustyline in the REPL, standard input on a pipe.
pub trait Prompter {
    fn ask(&mut self, prompt: &str) -> std::io::Result<Reply>;
}

/// What a session did, for its closing summary.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Summary {
    /// Scheduled reviews recorded (new cards included).
    pub reviewed: u32,
    /// Of those, cards seen for the first time.
    pub new_seen: u32,
    /// Same-day re-drill answers recorded.
    pub redrilled: u32,
    /// Cram answers recorded.
    pub crammed: u32,
    /// Answers taken back with `u`.
    pub undone: u32,
    /// Cards abandoned with Ctrl-C.
    pub skipped: u32,
    pub suspended: u32,
    pub buried: u32,
    /// Cards still waiting when the session ended early.
    pub left: u32,
    /// Fronts of the cards that became leeches in this session.
    pub leeches: Vec<String>,
}

impl Summary {
    pub(crate) fn count(&mut self, kind: ReviewKind, was_new: bool, delta: i32) {
        let bump = |value: &mut u32| *value = value.saturating_add_signed(delta);
        match kind {
            ReviewKind::Scheduled => {
                bump(&mut self.reviewed);
                if was_new {
                    bump(&mut self.new_seen);
                }
            }
            ReviewKind::Redrill => bump(&mut self.redrilled),
            ReviewKind::Cram | ReviewKind::Imported => bump(&mut self.crammed),
        }
    }
}

/// The closing lines: what was done and when the next cards are due.
pub fn write_summary(
    out: &mut dyn Write,
    summary: &Summary,
    next_due: Option<StudyDay>,
    today: StudyDay,
) -> Result<()> {
    writeln!(out)?;
    let mut extras = Vec::new();
    for (count, what) in [
        (summary.crammed, "crammed"),
        (summary.undone, "undone"),
        (summary.skipped, "skipped"),
        (summary.suspended, "suspended"),
        (summary.buried, "buried"),
    ] {
        if count > 0 {
            extras.push(format!(", {count} {what}"));
        }
    }
    writeln!(
        out,
        "Session over: {} reviewed ({} new), {} re-drilled{}.",
        summary.reviewed,
        summary.new_seen,
        summary.redrilled,
        extras.concat()
    )?;
    for front in &summary.leeches {
        writeln!(
            out,
            "Leech: “{}” keeps lapsing; consider rewriting it.",
            text::one_line(front)
        )?;
    }
    if summary.left > 0 {
        writeln!(
            out,
            "{} still waiting today.",
            text::counted_are(summary.left, "card")
        )?;
    } else {
        match next_due {
            Some(day) if today.days_until(day) == 1 => {
                writeln!(out, "Next cards due tomorrow ({day}).")?
            }
            Some(day) => writeln!(
                out,
                "Next cards due on {day} (in {}).",
                text::counted(today.days_until(day).max(0), "day")
            )?,
            None => writeln!(out, "No reviews scheduled yet.")?,
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests;
