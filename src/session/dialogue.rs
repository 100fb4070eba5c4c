//! The dialogue with the learner over a queue: one card per screen, its grade preview, keys to
//! undo, suspend, bury or quit, and the answer saved before the next card is shown.

use super::answer::{AnswerTime, record_answer, undo_last};
use super::queue::QueueItem;
use super::{Prompter, Reply, Summary};
use crate::clock::Clock;
use crate::error::Result;
use crate::scheduler::{self, Grade, StudyDay};
use crate::settings::Settings;
use crate::store::{Card, CardId, LeechAction, ReviewKind, Store};
use crate::text::{self, Style};
use std::collections::VecDeque;
use std::io::Write;

pub const GRADE_LEGEND: &str =
    "0 blackout · 1 wrong, familiar · 2 wrong, seemed easy · 3 hard · 4 hesitated · 5 perfect";

const REVEAL_PROMPT: &str = "(Enter to reveal; u undo, s suspend, b bury, q quit) ";

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
    /// Recorded; `again` when the grade was below 4 and the card comes back this session.
    Answered {
        again: bool,
    },
    /// Suspended, buried or skipped: not shown again this session.
    SetAside,
    /// The last answer was taken back: show its card again, then this one.
    Undone {
        card: CardId,
        kind: ReviewKind,
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
}

fn key(line: &str) -> Option<Key> {
    match line.trim() {
        "q" => Some(Key::Quit),
        "u" => Some(Key::Undo),
        "s" => Some(Key::Suspend),
        "b" => Some(Key::Bury),
        "?" => Some(Key::Help),
        _ => None,
    }
}

/// Runs the dialogue over `queue`: per card, the front; a line to reveal (text typed is shown
/// beside the answer); the back; a grade 0-5, asked again until valid. `u` undoes the last
/// answer, `s` suspends and `b` buries the card, `q` ends the session, Ctrl-C skips the card,
/// end of input ends the session. Every answer is saved before the next card is shown.
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
                kind: if item.kind == ReviewKind::Cram {
                    ReviewKind::Cram
                } else {
                    ReviewKind::Redrill
                },
            }),
            CardOutcome::Answered { again: false } => {}
            CardOutcome::SetAside => queue.retain(|queued| queued.card != card.id),
            CardOutcome::Undone {
                card: undone,
                kind: undone_kind,
            } => {
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
                summary.left = u32::try_from(remaining).unwrap_or(u32::MAX);
                break;
            }
        }
    }
    Ok(summary)
}

/// Reads one reply at a review prompt: `Ok(Ok(text))` for text, `Ok(Err(outcome))` when the
/// reply decides the card's fate, `Err(())` when an undo found nothing and the prompt repeats.
fn prompt_card(
    ctx: &SessionContext<'_>,
    card: &Card,
    prompt: &str,
    out: &mut dyn Write,
    prompter: &mut dyn Prompter,
    summary: &mut Summary,
) -> Result<std::result::Result<String, CardOutcome>> {
    loop {
        out.flush()?;
        let line = match prompter.ask(prompt)? {
            Reply::End => return Ok(Err(CardOutcome::Quit)),
            Reply::Interrupted => {
                summary.skipped += 1;
                writeln!(out, "Skipped.")?;
                return Ok(Err(CardOutcome::SetAside));
            }
            Reply::Line(line) => line,
        };
        let outcome = match key(&line) {
            None => return Ok(Ok(line)),
            Some(Key::Quit) => CardOutcome::Quit,
            Some(Key::Help) => {
                writeln!(out, "{GRADE_LEGEND}")?;
                writeln!(out, "u undo the last answer · s suspend · b bury · q quit")?;
                continue;
            }
            Some(Key::Suspend) => {
                ctx.store
                    .write(|store| store.set_suspended(card.id, true))?;
                summary.suspended += 1;
                writeln!(
                    out,
                    "Suspended: it will not be scheduled until you unsuspend it."
                )?;
                CardOutcome::SetAside
            }
            Some(Key::Bury) => {
                let tomorrow = ctx.today.plus_days(1);
                ctx.store
                    .write(|store| store.set_buried_until(card.id, Some(tomorrow)))?;
                summary.buried += 1;
                writeln!(out, "Buried until tomorrow ({tomorrow}).")?;
                CardOutcome::SetAside
            }
            Some(Key::Undo) => match undo_last(ctx.store, ctx.today)? {
                None => {
                    writeln!(out, "Nothing to undo today.")?;
                    continue;
                }
                Some((review, undone)) => {
                    summary.count(review.kind, review.before.is_new(), -1);
                    summary.undone += 1;
                    summary.leeches.retain(|front| *front != undone.front);
                    writeln!(
                        out,
                        "Undone: grade {} on “{}”; it is shown again.",
                        review.grade.value(),
                        text::one_line(&undone.front)
                    )?;
                    CardOutcome::Undone {
                        card: undone.id,
                        kind: review.kind,
                    }
                }
            },
        };
        return Ok(Err(outcome));
    }
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
    let label = match item.kind {
        ReviewKind::Redrill => "re-drill",
        ReviewKind::Cram | ReviewKind::Imported => "cram",
        ReviewKind::Scheduled if card.state.is_new() => "new",
        ReviewKind::Scheduled => "review",
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
    let typed = match prompt_card(ctx, card, REVEAL_PROMPT, out, prompter, summary)? {
        Ok(typed) => typed,
        Err(outcome) => return Ok(outcome),
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
    if summary.reviewed + summary.redrilled + summary.crammed == 0 {
        // The grades' meanings once a session (and on `?`).
        writeln!(out, "{}", style.dim(GRADE_LEGEND))?;
    }
    writeln!(
        out,
        "{}",
        style.dim(&grade_preview(card, item.kind, ctx.today))
    )?;
    let grade = loop {
        let line = match prompt_card(ctx, card, "Grade 0-5: ", out, prompter, summary)? {
            Ok(line) => line,
            Err(outcome) => return Ok(outcome),
        };
        match Grade::parse(&line) {
            Some(grade) => break grade,
            None => writeln!(
                out,
                "'{}' is not a grade: type a number from 0 to 5 (or u, s, b, q).",
                text::one_line(line.trim())
            )?,
        }
    };
    let answered_at = ctx.clock.now();
    let when = AnswerTime {
        at_ms: answered_at.timestamp_millis(),
        study_day: ctx.today,
        response_ms: (answered_at - shown_at).num_milliseconds().max(0),
    };
    let answered = record_answer(ctx.store, card.id, item.kind, grade, &when, &ctx.settings)?;
    summary.count(answered.kind, answered.before.is_new(), 1);
    match answered.kind {
        ReviewKind::Scheduled => {
            let due = answered.after.due_day.unwrap_or(ctx.today);
            write!(
                out,
                "{} next review in {} (on {due})",
                style.green("Saved:"),
                text::counted(answered.after.interval_days, "day")
            )?;
        }
        ReviewKind::Redrill if item.kind == ReviewKind::Scheduled => write!(
            out,
            "{} another session already scheduled this card today: re-drill recorded, \
             schedule unchanged",
            style.green("Saved:")
        )?,
        ReviewKind::Redrill => write!(
            out,
            "{} re-drill recorded, schedule unchanged",
            style.green("Saved:")
        )?,
        ReviewKind::Cram | ReviewKind::Imported => write!(
            out,
            "{} cram answer recorded, schedule unchanged",
            style.green("Saved:")
        )?,
    }
    let suspended_now = answered.leech_action == LeechAction::TaggedAndSuspended;
    let again = scheduler::needs_redrill(grade) && !suspended_now;
    if again {
        writeln!(out, "; it comes back at the end of this session.")?;
    } else {
        writeln!(out, ".")?;
    }
    match answered.leech_action {
        LeechAction::None => {}
        LeechAction::Tagged => {
            writeln!(
                out,
                "{} this card is now a leech (tagged `leech`).",
                style.red("Leech:")
            )?;
        }
        LeechAction::TaggedAndSuspended => writeln!(
            out,
            "{} this card is now a leech: tagged `leech` and suspended.",
            style.red("Leech:")
        )?,
    }
    if answered.leech_action != LeechAction::None {
        summary.leeches.push(card.front.clone());
    }
    Ok(if suspended_now {
        CardOutcome::SetAside
    } else {
        CardOutcome::Answered { again }
    })
}
