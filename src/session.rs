//! The review session: today's queue (due cards, then new cards within the daily limit, then
//! same-day re-drills), recording each answer durably, and the dialogue with the learner, shared
//! by `recall review` on a pipe and by the REPL.

use crate::clock::Clock;
use crate::error::Result;
use crate::scheduler::{self, CardState, Grade, StudyDay};
use crate::store::{Card, CardId, Deck, Review, ReviewKind, Store};
use crate::text::{self, Style};
use std::collections::{HashMap, HashSet, VecDeque};
use std::io::Write;

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

/// One card waiting in the session.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct QueueItem {
    pub card: CardId,
    /// A same-day repeat (SM-2 step 7): recorded, never rescheduled.
    pub redrill: bool,
}

/// The day's counts shown in the greeting.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TodayCounts {
    pub due: u32,
    pub new: u32,
}

/// How many more new cards may be introduced today, after the ones earlier sessions introduced.
pub fn new_card_budget(store: &Store, today: StudyDay, new_per_day: u32) -> Result<u32> {
    Ok(new_per_day.saturating_sub(store.new_cards_introduced_on(today)?))
}

/// Due and new cards waiting today in `decks` (new ones within the day's remaining budget).
pub fn today_counts(
    store: &Store,
    decks: &[Deck],
    today: StudyDay,
    new_per_day: u32,
) -> Result<TodayCounts> {
    let budget = new_card_budget(store, today, new_per_day)?;
    let mut counts = TodayCounts { due: 0, new: 0 };
    let listed = store.deck_counts(today)?;
    for deck in decks {
        if let Some(deck_counts) = listed.iter().find(|counts| counts.id == deck.id) {
            counts.due += deck_counts.due;
            counts.new += deck_counts.new;
        }
    }
    counts.new = counts.new.min(budget);
    Ok(counts)
}

/// Today's queue for `decks`: due cards, most overdue first; then new cards in the order they
/// were added, up to the day's remaining budget; then the cards an earlier session today left
/// graded below 4, as re-drills.
pub fn build_queue(
    store: &Store,
    decks: &[Deck],
    today: StudyDay,
    new_per_day: u32,
) -> Result<VecDeque<QueueItem>> {
    let mut due: Vec<(StudyDay, CardId)> = Vec::new();
    for deck in decks {
        due.extend(
            store
                .due_cards(deck.id, today)?
                .into_iter()
                .map(|(card, day)| (day, card)),
        );
    }
    due.sort_unstable();

    let budget = new_card_budget(store, today, new_per_day)?;
    let mut new: Vec<CardId> = Vec::new();
    if budget > 0 {
        for deck in decks {
            new.extend(store.new_cards(deck.id, budget)?);
        }
        new.sort_unstable();
        new.truncate(usize::try_from(budget).unwrap_or(usize::MAX));
    }

    let mut queue: VecDeque<QueueItem> = due
        .into_iter()
        .map(|(_, card)| QueueItem {
            card,
            redrill: false,
        })
        .chain(new.into_iter().map(|card| QueueItem {
            card,
            redrill: false,
        }))
        .collect();

    let deck_ids: HashSet<_> = decks.iter().map(|deck| deck.id).collect();
    let queued: HashSet<CardId> = queue.iter().map(|item| item.card).collect();
    for card in unfinished_redrills(store, today)? {
        if queued.contains(&card) {
            continue;
        }
        if let Some(found) = store.card(card)?
            && deck_ids.contains(&found.deck_id)
            && !found.suspended
        {
            queue.push_back(QueueItem {
                card,
                redrill: true,
            });
        }
    }
    Ok(queue)
}

/// Cards whose last answer today was below 4: SM-2 wants them again before the day is over.
fn unfinished_redrills(store: &Store, today: StudyDay) -> Result<Vec<CardId>> {
    let answers = store.answers_on(today)?;
    let mut last: HashMap<CardId, Grade> = HashMap::new();
    let mut order: Vec<CardId> = Vec::new();
    for (card, grade) in answers {
        if last.insert(card, grade).is_none() {
            order.push(card);
        }
    }
    Ok(order
        .into_iter()
        .filter(|card| {
            last.get(card)
                .is_some_and(|grade| scheduler::needs_redrill(*grade))
        })
        .collect())
}

/// One recorded answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Answered {
    pub before: CardState,
    pub after: CardState,
    pub kind: ReviewKind,
}

/// Records one answer in one transaction: the card's new SM-2 state (scheduled reviews only) and
/// one history row with the state before and after.
pub fn record_answer(
    store: &Store,
    card: CardId,
    kind: ReviewKind,
    grade: Grade,
    when: &AnswerTime,
) -> Result<Answered> {
    store.write(|store| {
        let before = store
            .card(card)?
            .ok_or_else(|| crate::error::Error::Usage(format!("card {card} no longer exists")))?
            .state;
        let after = match kind {
            ReviewKind::Scheduled => scheduler::review(before, grade, when.study_day),
            ReviewKind::Redrill => before,
        };
        if kind == ReviewKind::Scheduled {
            store.save_schedule(card, &after)?;
        }
        store.insert_review(&Review {
            card_id: card,
            reviewed_at_ms: when.at_ms,
            study_day: when.study_day,
            grade,
            kind,
            response_ms: when.response_ms,
            before,
            after,
        })?;
        Ok(Answered {
            before,
            after,
            kind,
        })
    })
}

/// When an answer was given.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AnswerTime {
    pub at_ms: i64,
    pub study_day: StudyDay,
    pub response_ms: i64,
}

/// What a session did, for its closing summary.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Summary {
    /// Scheduled reviews recorded (new cards included).
    pub reviewed: u32,
    /// Of those, cards seen for the first time.
    pub new_seen: u32,
    /// Same-day re-drill answers recorded.
    pub redrilled: u32,
    /// Cards abandoned with Ctrl-C.
    pub skipped: u32,
    /// Cards still waiting when the session ended early.
    pub left: u32,
}

pub const GRADE_LEGEND: &str =
    "0 blackout · 1 wrong, familiar · 2 wrong, seemed easy · 3 hard · 4 hesitated · 5 perfect";

/// Everything a session needs besides its queue.
pub struct SessionContext<'a> {
    pub store: &'a Store,
    pub clock: &'a dyn Clock,
    pub today: StudyDay,
    pub style: Style,
}

enum CardOutcome {
    /// Recorded; `again` when the grade was below 4 and the card comes back this session.
    Answered {
        again: bool,
    },
    Skipped,
    Quit,
}

/// Runs the dialogue over `queue`: per card, the front; a line to reveal (text typed is shown
/// beside the answer); the back; a grade 0-5, asked again until valid. `q` ends the session,
/// Ctrl-C skips the card, end of input ends the session. Every answer is saved before the next
/// card is shown.
pub fn run(
    ctx: &SessionContext<'_>,
    mut queue: VecDeque<QueueItem>,
    out: &mut dyn Write,
    prompter: &mut dyn Prompter,
) -> Result<Summary> {
    let mut summary = Summary::default();
    while let Some(item) = queue.pop_front() {
        let Some(card) = ctx.store.card(item.card)? else {
            continue;
        };
        if card.suspended {
            continue;
        }
        let remaining = queue.len() + 1;
        match review_one(ctx, &card, item, remaining, out, prompter, &mut summary)? {
            CardOutcome::Answered { again: true } => queue.push_back(QueueItem {
                card: card.id,
                redrill: true,
            }),
            CardOutcome::Answered { again: false } | CardOutcome::Skipped => {}
            CardOutcome::Quit => {
                summary.left = u32::try_from(remaining).unwrap_or(u32::MAX);
                break;
            }
        }
    }
    Ok(summary)
}

fn review_one(
    ctx: &SessionContext<'_>,
    card: &Card,
    item: QueueItem,
    remaining: usize,
    out: &mut dyn Write,
    prompter: &mut dyn Prompter,
    summary: &mut Summary,
) -> Result<CardOutcome> {
    let style = ctx.style;
    let label = if item.redrill {
        "re-drill"
    } else if card.state.is_new() {
        "new"
    } else {
        "review"
    };
    let shown_at = ctx.clock.now();
    writeln!(out)?;
    writeln!(
        out,
        "{}",
        style.dim(&format!(
            "[{remaining} left] {} · {label}",
            text::one_line(&card.deck)
        ))
    )?;
    writeln!(
        out,
        "{} {}",
        style.bold("Q:"),
        text::for_terminal(&card.front)
    )?;
    out.flush()?;
    let typed = match prompter.ask("(Enter to reveal, q to quit) ")? {
        Reply::End => return Ok(CardOutcome::Quit),
        Reply::Interrupted => {
            summary.skipped += 1;
            writeln!(out, "Skipped.")?;
            return Ok(CardOutcome::Skipped);
        }
        Reply::Line(line) if line.trim() == "q" => return Ok(CardOutcome::Quit),
        Reply::Line(line) => line,
    };
    writeln!(
        out,
        "{} {}",
        style.bold("A:"),
        text::for_terminal(&card.back)
    )?;
    if !typed.trim().is_empty() {
        writeln!(out, "   You typed: {}", text::for_terminal(typed.trim()))?;
    }
    writeln!(out, "{}", style.dim(GRADE_LEGEND))?;
    let grade = loop {
        out.flush()?;
        match prompter.ask("Grade 0-5: ")? {
            Reply::End => return Ok(CardOutcome::Quit),
            Reply::Interrupted => {
                summary.skipped += 1;
                writeln!(out, "Skipped.")?;
                return Ok(CardOutcome::Skipped);
            }
            Reply::Line(line) if line.trim() == "q" => return Ok(CardOutcome::Quit),
            Reply::Line(line) => match Grade::parse(&line) {
                Some(grade) => break grade,
                None => writeln!(
                    out,
                    "'{}' is not a grade: type a number from 0 to 5 (or q to quit).",
                    text::one_line(line.trim())
                )?,
            },
        }
    };
    let answered_at = ctx.clock.now();
    let when = AnswerTime {
        at_ms: answered_at.timestamp_millis(),
        study_day: ctx.today,
        response_ms: (answered_at - shown_at).num_milliseconds().max(0),
    };
    let kind = if item.redrill {
        ReviewKind::Redrill
    } else {
        ReviewKind::Scheduled
    };
    let answered = record_answer(ctx.store, card.id, kind, grade, &when)?;
    match kind {
        ReviewKind::Scheduled => {
            summary.reviewed += 1;
            if answered.before.is_new() {
                summary.new_seen += 1;
            }
            let due = answered.after.due_day.unwrap_or(ctx.today);
            write!(
                out,
                "{} next review in {} (on {due})",
                style.green("Saved:"),
                days_phrase(answered.after.interval_days)
            )?;
        }
        ReviewKind::Redrill => {
            summary.redrilled += 1;
            write!(
                out,
                "{} re-drill recorded, schedule unchanged",
                style.green("Saved:")
            )?;
        }
    }
    let again = scheduler::needs_redrill(grade);
    if again {
        writeln!(out, "; it comes back at the end of this session.")?;
    } else {
        writeln!(out, ".")?;
    }
    Ok(CardOutcome::Answered { again })
}

fn days_phrase(days: u32) -> String {
    if days == 1 {
        "1 day".to_string()
    } else {
        format!("{days} days")
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
    writeln!(
        out,
        "Session over: {} reviewed ({} new), {} re-drilled{}.",
        summary.reviewed,
        summary.new_seen,
        summary.redrilled,
        if summary.skipped > 0 {
            format!(", {} skipped", summary.skipped)
        } else {
            String::new()
        }
    )?;
    if summary.left > 0 {
        writeln!(out, "{} cards are still waiting today.", summary.left)?;
    } else {
        match next_due {
            Some(day) if today.days_until(day) == 1 => {
                writeln!(out, "Next cards due tomorrow ({day}).")?
            }
            Some(day) => writeln!(
                out,
                "Next cards due on {day} (in {} days).",
                today.days_until(day)
            )?,
            None => writeln!(out, "No reviews scheduled yet.")?,
        }
    }
    Ok(())
}

/// The first day after `today` on which any card of `decks` is due.
pub fn next_due_day(store: &Store, decks: &[Deck], today: StudyDay) -> Result<Option<StudyDay>> {
    let mut next: Option<StudyDay> = None;
    for deck in decks {
        if let Some(day) = store.next_due_day(deck.id, today)? {
            next = Some(next.map_or(day, |current| current.min(day)));
        }
    }
    Ok(next)
}

#[cfg(test)]
mod tests;
