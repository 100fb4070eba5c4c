//! The review session: today's queue (due cards, then new cards within the daily limits, then
//! same-day re-drills; or a cram drill, or a review ahead), recording each answer durably, undo,
//! and the dialogue with the learner, shared by `recall review` on a pipe and by the REPL.

use crate::error::Result;
use crate::scheduler::{Grade, StudyDay};
use crate::store::ReviewKind;
use crate::text;
use std::io::Write;

mod answer;
mod dialogue;
mod queue;
mod typed;

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
    /// Ctrl-L, a resized terminal or the return from Ctrl-Z: draw the card again.
    Redraw,
}

/// The learner's side of a dialogue: rustyline in the REPL, standard input on a pipe, a single
/// key on a terminal.
pub trait Prompter {
    /// Reads one line of text after showing `prompt`.
    fn ask(&mut self, prompt: &str) -> std::io::Result<Reply>;

    /// Reads one decision at the review screen: a single key on a terminal (a one-character
    /// line; Enter and Space an empty line), one line elsewhere (the line protocol).
    fn decide(&mut self, prompt: &str) -> std::io::Result<Reply> {
        self.ask(prompt)
    }

    /// Whether `decide` reads single keys.
    fn single_keys(&self) -> bool {
        false
    }

    /// The screen's width in columns, when the dialogue is on a terminal.
    fn columns(&self) -> Option<usize> {
        None
    }
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
    /// Of all answers recorded, those graded 3 or more.
    pub passed: u32,
    /// The answers' response times, summed.
    pub response_ms: i64,
    /// Actions taken back with `u`.
    pub undone: u32,
    /// Cards abandoned with Ctrl-C.
    pub skipped: u32,
    pub suspended: u32,
    pub buried: u32,
    /// Sibling cards buried to the next day because one of them was answered.
    pub siblings_buried: u32,
    /// Cards of the queue still waiting when the session ended early.
    pub left: u32,
    /// Fronts of the cards that became leeches in this session.
    pub leeches: Vec<String>,
}

impl Summary {
    pub(crate) fn count(&mut self, kind: ReviewKind, was_new: bool, grade: Grade, delta: i32) {
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
        if grade.value() >= 3 {
            bump(&mut self.passed);
        }
    }

    /// Every answer recorded.
    pub fn answers(&self) -> u32 {
        self.reviewed + self.redrilled + self.crammed
    }
}

/// `4 min 12 s`, `38 s`.
fn duration(ms: i64) -> String {
    let seconds = (ms.max(0) + 500) / 1000;
    if seconds < 60 {
        format!("{seconds} s")
    } else {
        format!("{} min {} s", seconds / 60, seconds % 60)
    }
}

/// The closing lines: what was done, how it went, and what still waits (`waiting` cards today)
/// or when the next cards are due.
pub fn write_summary(
    out: &mut dyn Write,
    summary: &Summary,
    waiting: u32,
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
    if summary.siblings_buried > 0 {
        extras.push(format!(
            ", {} buried to tomorrow",
            text::counted(summary.siblings_buried, "sibling")
        ));
    }
    writeln!(
        out,
        "Session over: {} reviewed ({} new), {} re-drilled{}.",
        summary.reviewed,
        summary.new_seen,
        summary.redrilled,
        extras.concat()
    )?;
    let answers = summary.answers();
    if answers > 0 {
        let share = f64::from(summary.passed) * 100.0 / f64::from(answers);
        #[allow(clippy::cast_precision_loss)]
        let per_card = summary.response_ms.max(0) as f64 / 1000.0 / f64::from(answers);
        writeln!(
            out,
            "{}: {share:.0}% graded 3 or more; {}, {per_card:.1} s per card.",
            text::counted(answers, "answer"),
            duration(summary.response_ms)
        )?;
    }
    for front in &summary.leeches {
        writeln!(
            out,
            "Leech: “{}” keeps lapsing; consider rewriting it.",
            text::one_line(front)
        )?;
    }
    if waiting > 0 {
        writeln!(
            out,
            "{} still waiting today.",
            text::counted_are(waiting, "card")
        )?;
        Ok(())
    } else {
        write_next_due(out, next_due, today)
    }
}

/// When the next cards are due, or that none are scheduled.
pub fn write_next_due(
    out: &mut dyn Write,
    next_due: Option<StudyDay>,
    today: StudyDay,
) -> Result<()> {
    match next_due {
        Some(day) if today.days_until(day) <= 0 => writeln!(out, "More cards are due today.")?,
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
    Ok(())
}

#[cfg(test)]
mod tests;
