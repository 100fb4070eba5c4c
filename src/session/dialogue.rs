//! The dialogue with the learner over a queue: one card per screen under a progress line, the
//! grade preview, single keys on a terminal (lines on a pipe), a typed answer on `t`, undo of
//! the last action, and every answer saved before the next card is shown.

use super::answer::{AnswerTime, record_answer, undo_last};
use super::queue::QueueItem;
use super::typed::{self, Part};
use super::{Prompter, Reply, Summary};
use crate::clock::Clock;
use crate::error::Result;
use crate::scheduler::{self, Grade, StudyDay};
use crate::settings::Settings;
use crate::store::{Card, CardId, LeechAction, ReviewKind, Store};
use crate::text::{self, Style};
use chrono::{DateTime, FixedOffset};
use std::collections::VecDeque;
use std::io::Write;

pub const GRADE_LEGEND: &str =
    "0 blackout · 1 wrong, familiar · 2 wrong, seemed easy · 3 hard · 4 hesitated · 5 perfect";

const KEYS_HELP: &str =
    "t type the answer · u undo the last action · s suspend · b bury · q quit · Ctrl-L redraw";

const REVEAL_LINE: &str = "(Enter to reveal; t type, u undo, s suspend, b bury, q quit) ";
const REVEAL_KEY: &str = "(Space reveals; t type, u undo, s suspend, b bury, q quit, ? help) ";
const GRADE_PROMPT: &str = "Grade 0-5: ";
const TYPE_PROMPT: &str = "Your answer: ";

/// Clears the screen and puts the cursor home, so each card starts on a clean screen.
const CLEAR: &str = "\x1b[H\x1b[J";

/// The widest a card's text is wrapped to on a wide terminal: long lines are hard to read.
const MAX_COLUMNS: usize = 100;

/// What each grade will do to this card, on one line: `0-2 1d, again today · 3 6d, again
/// today · 4-5 15d`. Re-drills and cram answers leave the schedule as it is.
pub fn grade_preview(card: &Card, kind: ReviewKind, today: StudyDay) -> String {
    if kind != ReviewKind::Scheduled {
        return "any grade: the schedule stays as it is".to_string();
    }
    scheduler::preview(card.state, today)
        .into_iter()
        .map(|(low, high, interval, again)| {
            let grades = if low == high {
                low.to_string()
            } else {
                format!("{low}-{high}")
            };
            let again = if again { ", again today" } else { "" };
            format!("{grades} {interval}d{again}")
        })
        .collect::<Vec<_>>()
        .join(" · ")
}

/// Everything a session needs besides its queue.
pub struct SessionContext<'a> {
    pub store: &'a Store,
    pub clock: &'a dyn Clock,
    pub today: StudyDay,
    pub style: Style,
    pub settings: Settings,
}

/// What the learner did with one card.
enum CardOutcome {
    /// Recorded; `again` when the grade was below 4 and the card comes back this session;
    /// `buried` the siblings the answer buried to the next day.
    Answered {
        again: bool,
        buried: Vec<CardId>,
    },
    /// Suspended, buried or skipped: not shown again this session.
    SetAside,
    /// The last action was taken back: show its card again, then this one; `restored` are
    /// siblings it had buried, due again today.
    Undone {
        card: CardId,
        kind: ReviewKind,
        restored: Vec<CardId>,
    },
    Quit,
}

/// A key typed at a review prompt instead of text or a grade.
enum Key {
    Quit,
    Undo,
    Suspend,
    Bury,
    Help,
    Type,
}

fn key(line: &str) -> Option<Key> {
    match line.trim() {
        "q" => Some(Key::Quit),
        "u" => Some(Key::Undo),
        "s" => Some(Key::Suspend),
        "b" => Some(Key::Bury),
        "?" => Some(Key::Help),
        "t" => Some(Key::Type),
        _ => None,
    }
}

/// An action of this session that `u` can take back, newest last.
enum Done {
    Answered {
        siblings: Vec<(CardId, Option<StudyDay>)>,
    },
    Suspended {
        card: CardId,
        kind: ReviewKind,
    },
    Buried {
        card: CardId,
        kind: ReviewKind,
        before: Option<StudyDay>,
    },
}

/// A reply at a review prompt, once keys that act at once have acted.
enum Decision {
    Text(String),
    Type,
    Redraw,
    Outcome(CardOutcome),
}

/// Where the session stands, for the progress line.
#[derive(Clone, Copy)]
struct Progress {
    position: usize,
    total: usize,
    again: usize,
}

struct Dialogue<'c, 'o> {
    ctx: &'c SessionContext<'c>,
    out: &'o mut dyn Write,
    prompter: &'o mut dyn Prompter,
    summary: Summary,
    done: Vec<Done>,
    started: DateTime<FixedOffset>,
    /// The grades' meanings go with the first card of a person's first session.
    legend: bool,
    /// What the last answer did, repeated at the top of the next screen (it was cleared).
    previous: Vec<String>,
}

/// Runs the dialogue over `queue`. Per card: a clean screen (on a terminal) with the progress
/// line and the front; a key or line to reveal (`t` first to type the answer, compared with the
/// back); the back and what each grade will do; a grade 0-5. `u` undoes the last action (a
/// grade, a suspension or a burial), `s` suspends and `b` buries the card, `q` ends the session,
/// Ctrl-C skips the card, end of input ends the session. Every answer is saved before the next
/// card is shown.
pub fn run(
    ctx: &SessionContext<'_>,
    mut queue: VecDeque<QueueItem>,
    out: &mut dyn Write,
    prompter: &mut dyn Prompter,
) -> Result<Summary> {
    let first_session = ctx.store.last_answer()?.is_none();
    let mut dialogue = Dialogue {
        ctx,
        out,
        prompter,
        summary: Summary::default(),
        done: Vec::new(),
        started: ctx.clock.now(),
        legend: first_session,
        previous: Vec::new(),
    };
    let mut handled = 0;
    let mut last_group: Option<String> = None;
    loop {
        if let Some(group) = &last_group {
            keep_siblings_apart(ctx.store, &mut queue, group)?;
        }
        let Some(item) = queue.pop_front() else {
            break;
        };
        let Some(card) = ctx.store.card(item.card)? else {
            continue;
        };
        if card.suspended {
            continue;
        }
        last_group.clone_from(&card.sibling_group);
        let progress = Progress {
            position: handled + 1,
            total: handled + queue.len() + 1,
            again: queue
                .iter()
                .filter(|queued| queued.kind == ReviewKind::Redrill)
                .count(),
        };
        handled += 1;
        match dialogue.review_one(&card, item, progress)? {
            CardOutcome::Answered { again, buried } => {
                queue.retain(|queued| !buried.contains(&queued.card));
                if again {
                    queue.push_back(QueueItem {
                        card: card.id,
                        kind: if item.kind == ReviewKind::Cram {
                            ReviewKind::Cram
                        } else {
                            ReviewKind::Redrill
                        },
                    });
                }
            }
            CardOutcome::SetAside => queue.retain(|queued| queued.card != card.id),
            CardOutcome::Undone {
                card: undone,
                kind: undone_kind,
                restored,
            } => {
                handled = handled.saturating_sub(2);
                last_group = None;
                for sibling in restored {
                    if !queue.iter().any(|queued| queued.card == sibling) {
                        queue.push_back(QueueItem {
                            card: sibling,
                            kind: ReviewKind::Scheduled,
                        });
                    }
                }
                queue.retain(|queued| queued.card != undone);
                if undone != card.id {
                    queue.push_front(item);
                }
                queue.push_front(QueueItem {
                    card: undone,
                    kind: undone_kind,
                });
            }
            CardOutcome::Quit => {
                dialogue.summary.left = u32::try_from(queue.len() + 1).unwrap_or(u32::MAX);
                break;
            }
        }
    }
    Ok(dialogue.summary)
}

/// When the next card is a sibling of the one just shown (`group`), brings the first card that
/// is not forward: two siblings are never shown back to back while another card waits.
fn keep_siblings_apart(store: &Store, queue: &mut VecDeque<QueueItem>, group: &str) -> Result<()> {
    let is_sibling = |item: &QueueItem| -> Result<bool> {
        Ok(store
            .card(item.card)?
            .is_some_and(|card| card.sibling_group.as_deref() == Some(group)))
    };
    let Some(front) = queue.front() else {
        return Ok(());
    };
    if !is_sibling(front)? {
        return Ok(());
    }
    for at in 1..queue.len() {
        if !is_sibling(&queue[at])? {
            if let Some(other) = queue.remove(at) {
                queue.push_front(other);
            }
            break;
        }
    }
    Ok(())
}

impl Dialogue<'_, '_> {
    fn style(&self) -> Style {
        self.ctx.style
    }

    /// The width card text is wrapped to: the terminal's, within reason; none on a pipe.
    fn columns(&self) -> Option<usize> {
        self.prompter
            .columns()
            .map(|columns| columns.clamp(20, MAX_COLUMNS))
    }

    /// Writes `label` and `body`, the body wrapped to the screen with its lines indented under
    /// the first.
    fn field(&mut self, label: &str, body: &str) -> Result<()> {
        let style = self.style();
        let clean = text::for_terminal(body).replace('\t', " ");
        let indent = text::width(label) + 1;
        let lines = match self.columns() {
            Some(columns) => text::wrap(&clean, columns.saturating_sub(indent)),
            None => clean.split('\n').map(str::to_string).collect(),
        };
        for (i, line) in lines.iter().enumerate() {
            if i == 0 {
                writeln!(self.out, "{} {line}", style.bold(label))?;
            } else {
                writeln!(self.out, "{:indent$}{line}", "")?;
            }
        }
        Ok(())
    }

    /// Draws the card from the top: on a terminal a clean screen, elsewhere a blank line.
    fn draw(
        &mut self,
        card: &Card,
        item: QueueItem,
        progress: Progress,
        revealed: Option<&Option<String>>,
    ) -> Result<()> {
        let style = self.style();
        if style.terminal {
            write!(self.out, "{CLEAR}")?;
            for line in self.previous.clone() {
                self.say(&line)?;
            }
        } else if revealed.is_none() {
            writeln!(self.out)?;
        }
        // Off a terminal nothing is cleared: the answer follows the question already written.
        if style.terminal || revealed.is_none() {
            self.header(card, item, progress)?;
        }
        let Some(typed) = revealed else {
            return Ok(());
        };
        self.field("A:", &card.back)?;
        if let Some(typed) = typed {
            self.compare(typed, &card.back)?;
        }
        if self.legend {
            self.note(GRADE_LEGEND)?;
        }
        let preview = grade_preview(card, item.kind, self.ctx.today);
        writeln!(self.out, "{}", style.dim(&preview))?;
        Ok(())
    }

    /// A line of the program's own, dimmed, wrapped to the screen.
    fn note(&mut self, line: &str) -> Result<()> {
        let style = self.style();
        for line in self.wrapped(line) {
            writeln!(self.out, "{}", style.dim(&line))?;
        }
        Ok(())
    }

    /// A line of the program's own, wrapped to the screen.
    fn say(&mut self, line: &str) -> Result<()> {
        for line in self.wrapped(line) {
            writeln!(self.out, "{line}")?;
        }
        Ok(())
    }

    fn wrapped(&self, line: &str) -> Vec<String> {
        match self.columns() {
            Some(columns) => text::wrap(line, columns),
            None => vec![line.to_string()],
        }
    }

    /// The progress line and the question.
    fn header(&mut self, card: &Card, item: QueueItem, progress: Progress) -> Result<()> {
        let style = self.style();
        let label = match item.kind {
            ReviewKind::Redrill => "re-drill",
            ReviewKind::Cram | ReviewKind::Imported => "cram",
            ReviewKind::Scheduled if card.state.is_new() => "new",
            ReviewKind::Scheduled => "review",
        };
        let minutes = (self.ctx.clock.now() - self.started).num_minutes().max(0);
        let mut head = format!(
            "{}/{} · {} again · {minutes} min · {label} · {}",
            progress.position,
            progress.total,
            progress.again,
            text::one_line(&card.deck)
        );
        if let Some(columns) = self.columns() {
            head = text::truncate(&head, columns).into_owned();
        }
        writeln!(self.out, "{}", style.dim(&head))?;
        self.field("Q:", &card.front)
    }

    /// The typed answer beside the real one: a match, or where they differ.
    fn compare(&mut self, typed: &str, answer: &str) -> Result<()> {
        let style = self.style();
        let shown = text::one_line(typed);
        if typed::matches(typed, answer) {
            writeln!(
                self.out,
                "   You typed: {shown}  {}",
                style.green("(match)")
            )?;
            return Ok(());
        }
        writeln!(
            self.out,
            "   You typed: {shown}  {}",
            style.red("(differs)")
        )?;
        if let Some(parts) = typed::diff(typed, answer) {
            let mut line = String::new();
            for part in parts {
                match part {
                    Part::Same(t) => line.push_str(&text::one_line(&t)),
                    Part::Extra(t) => {
                        line.push_str(&style.red(&format!("[{}]", text::one_line(&t))))
                    }
                    Part::Missing(t) => {
                        line.push_str(&style.green(&format!("({})", text::one_line(&t))))
                    }
                }
            }
            writeln!(self.out, "   Diff:      {line}")?;
            writeln!(
                self.out,
                "{}",
                style.dim("   [typed, not in the answer] (in the answer, not typed)")
            )?;
        }
        Ok(())
    }

    /// Reads one decision: keys that act at once (`u`, `s`, `b`, `q`, `?`, Ctrl-C, end of
    /// input) act here; text, `t` and a redraw go back to the caller.
    fn decide(&mut self, card: &Card, item: QueueItem, prompt: &str) -> Result<Decision> {
        loop {
            self.out.flush()?;
            let line = match self.prompter.decide(prompt)? {
                Reply::End => return Ok(Decision::Outcome(CardOutcome::Quit)),
                Reply::Redraw => return Ok(Decision::Redraw),
                Reply::Interrupted => return Ok(Decision::Outcome(self.skip(card)?)),
                Reply::Line(line) => line,
            };
            let outcome = match key(&line) {
                None => return Ok(Decision::Text(line)),
                Some(Key::Type) => return Ok(Decision::Type),
                Some(Key::Quit) => CardOutcome::Quit,
                Some(Key::Help) => {
                    self.note(GRADE_LEGEND)?;
                    self.note(KEYS_HELP)?;
                    continue;
                }
                Some(Key::Suspend) => {
                    self.ctx
                        .store
                        .write(|store| store.set_suspended(card.id, true))?;
                    self.summary.suspended += 1;
                    self.done.push(Done::Suspended {
                        card: card.id,
                        kind: item.kind,
                    });
                    let said = "Suspended: it will not be scheduled until you unsuspend it.";
                    self.say(said)?;
                    self.previous = vec![said.to_string()];
                    CardOutcome::SetAside
                }
                Some(Key::Bury) => {
                    let tomorrow = self.ctx.today.plus_days(1);
                    self.ctx
                        .store
                        .write(|store| store.set_buried_until(card.id, Some(tomorrow)))?;
                    self.summary.buried += 1;
                    self.done.push(Done::Buried {
                        card: card.id,
                        kind: item.kind,
                        before: card.buried_until,
                    });
                    let said = format!("Buried until tomorrow ({tomorrow}).");
                    self.say(&said)?;
                    self.previous = vec![said];
                    CardOutcome::SetAside
                }
                Some(Key::Undo) => match self.undo()? {
                    None => {
                        writeln!(self.out, "Nothing to undo today.")?;
                        continue;
                    }
                    Some((card, kind, restored)) => CardOutcome::Undone {
                        card,
                        kind,
                        restored,
                    },
                },
            };
            return Ok(Decision::Outcome(outcome));
        }
    }

    /// Ctrl-C on a card: it is left for another session.
    fn skip(&mut self, card: &Card) -> Result<CardOutcome> {
        self.summary.skipped += 1;
        writeln!(self.out, "Skipped.")?;
        self.previous = vec![format!("Skipped “{}”.", text::one_line(&card.front))];
        Ok(CardOutcome::SetAside)
    }

    /// Takes back the session's last action (or, before any, the day's last answer).
    fn undo(&mut self) -> Result<Option<(CardId, ReviewKind, Vec<CardId>)>> {
        let store = self.ctx.store;
        let mut restored = Vec::new();
        let said = match self.done.pop() {
            Some(Done::Suspended { card, kind }) => {
                store.write(|store| store.set_suspended(card, false))?;
                self.summary.suspended = self.summary.suspended.saturating_sub(1);
                let front = store.card(card)?.map(|c| c.front).unwrap_or_default();
                let said = format!(
                    "Undone: the suspension of “{}”; it is shown again.",
                    text::one_line(&front)
                );
                (said, card, kind)
            }
            Some(Done::Buried { card, kind, before }) => {
                store.write(|store| store.set_buried_until(card, before))?;
                self.summary.buried = self.summary.buried.saturating_sub(1);
                let front = store.card(card)?.map(|c| c.front).unwrap_or_default();
                let said = format!(
                    "Undone: the burial of “{}”; it is shown again.",
                    text::one_line(&front)
                );
                (said, card, kind)
            }
            done @ (Some(Done::Answered { .. }) | None) => {
                let Some((review, undone)) = undo_last(store, self.ctx.today)? else {
                    return Ok(None);
                };
                if let Some(Done::Answered { siblings }) = done {
                    store.write(|store| {
                        for (sibling, before) in &siblings {
                            store.set_buried_until(*sibling, *before)?;
                        }
                        Ok(())
                    })?;
                    self.summary.siblings_buried = self
                        .summary
                        .siblings_buried
                        .saturating_sub(u32::try_from(siblings.len()).unwrap_or(u32::MAX));
                    restored = siblings.into_iter().map(|(sibling, _)| sibling).collect();
                }
                self.summary
                    .count(review.kind, review.before.is_new(), review.grade, -1);
                self.summary.response_ms -= review.response_ms;
                self.summary.leeches.retain(|front| *front != undone.front);
                let said = format!(
                    "Undone: grade {} on “{}”; it is shown again.",
                    review.grade.value(),
                    text::one_line(&undone.front)
                );
                (said, undone.id, review.kind)
            }
        };
        let (said, card, kind) = said;
        self.summary.undone += 1;
        self.say(&said)?;
        self.previous = vec![said];
        Ok(Some((card, kind, restored)))
    }

    fn review_one(
        &mut self,
        card: &Card,
        item: QueueItem,
        progress: Progress,
    ) -> Result<CardOutcome> {
        let shown_at = self.ctx.clock.now();
        self.draw(card, item, progress, None)?;
        let reveal_prompt = if self.prompter.single_keys() {
            REVEAL_KEY
        } else {
            REVEAL_LINE
        };
        let typed: Option<String> = loop {
            match self.decide(card, item, reveal_prompt)? {
                Decision::Outcome(outcome) => return Ok(outcome),
                Decision::Redraw => self.draw(card, item, progress, None)?,
                Decision::Type => match self.prompter.ask(TYPE_PROMPT)? {
                    Reply::Line(line) => break Some(line),
                    Reply::Redraw => self.draw(card, item, progress, None)?,
                    Reply::Interrupted => return self.skip(card),
                    Reply::End => return Ok(CardOutcome::Quit),
                },
                // On a pipe a line of text is the typed answer, as ever.
                Decision::Text(line) if !self.prompter.single_keys() => {
                    break (!line.trim().is_empty()).then_some(line);
                }
                Decision::Text(line) if line.is_empty() => break None,
                Decision::Text(_) => writeln!(
                    self.out,
                    "Space or Enter reveals the answer; t types it first; ? lists the keys."
                )?,
            }
        };
        let revealed = typed;
        self.draw(card, item, progress, Some(&revealed))?;
        self.legend = false;
        let grade = loop {
            match self.decide(card, item, GRADE_PROMPT)? {
                Decision::Outcome(outcome) => return Ok(outcome),
                Decision::Redraw => self.draw(card, item, progress, Some(&revealed))?,
                Decision::Type => writeln!(self.out, "The answer is shown: grade it 0-5.")?,
                Decision::Text(line) => match Grade::parse(&line) {
                    Some(grade) => break grade,
                    None => writeln!(
                        self.out,
                        "'{}' is not a grade: type a number from 0 to 5 (or u, s, b, q).",
                        text::one_line(line.trim())
                    )?,
                },
            }
        };
        self.record(card, item, grade, shown_at)
    }

    fn record(
        &mut self,
        card: &Card,
        item: QueueItem,
        grade: Grade,
        shown_at: DateTime<FixedOffset>,
    ) -> Result<CardOutcome> {
        let style = self.style();
        let ctx = self.ctx;
        let answered_at = ctx.clock.now();
        let when = AnswerTime {
            at_ms: answered_at.timestamp_millis(),
            study_day: ctx.today,
            response_ms: (answered_at - shown_at).num_milliseconds().max(0),
        };
        let answered = record_answer(ctx.store, card.id, item.kind, grade, &when, &ctx.settings)?;
        let buried: Vec<CardId> = answered
            .buried_siblings
            .iter()
            .map(|(sibling, _)| *sibling)
            .collect();
        self.summary.siblings_buried += u32::try_from(buried.len()).unwrap_or(u32::MAX);
        self.done.push(Done::Answered {
            siblings: answered.buried_siblings.clone(),
        });
        self.summary
            .count(answered.kind, answered.before.is_new(), grade, 1);
        self.summary.response_ms += when.response_ms;
        let mut said = match answered.kind {
            ReviewKind::Scheduled => {
                let due = answered.after.due_day.unwrap_or(ctx.today);
                format!(
                    "{} next review in {} (on {due})",
                    style.green("Saved:"),
                    text::counted(answered.after.interval_days, "day")
                )
            }
            ReviewKind::Redrill if item.kind == ReviewKind::Scheduled => format!(
                "{} another session already scheduled this card today: re-drill recorded, \
                 schedule unchanged",
                style.green("Saved:")
            ),
            ReviewKind::Redrill => {
                format!(
                    "{} re-drill recorded, schedule unchanged",
                    style.green("Saved:")
                )
            }
            ReviewKind::Cram | ReviewKind::Imported => format!(
                "{} cram answer recorded, schedule unchanged",
                style.green("Saved:")
            ),
        };
        let suspended_now = answered.leech_action == LeechAction::TaggedAndSuspended;
        let again = scheduler::needs_redrill(grade) && !suspended_now;
        said.push_str(if again {
            "; it comes back at the end of this session."
        } else {
            "."
        });
        let mut lines = vec![said];
        if !buried.is_empty() {
            lines.push(format!(
                "{} buried to tomorrow.",
                text::counted(buried.len(), "sibling")
            ));
        }
        match answered.leech_action {
            LeechAction::None => {}
            LeechAction::Tagged => lines.push(format!(
                "{} this card is now a leech (tagged `leech`).",
                style.red("Leech:")
            )),
            LeechAction::TaggedAndSuspended => lines.push(format!(
                "{} this card is now a leech: tagged `leech` and suspended.",
                style.red("Leech:")
            )),
        }
        if answered.leech_action != LeechAction::None {
            self.summary.leeches.push(card.front.clone());
        }
        for line in &lines {
            self.say(line)?;
        }
        self.previous = lines;
        Ok(if suspended_now {
            CardOutcome::SetAside
        } else {
            CardOutcome::Answered { again, buried }
        })
    }
}
