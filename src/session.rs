//! The review session: today's queue (due cards, then new cards within the daily limits, then
//! same-day re-drills; or a cram drill, or a review ahead), recording each answer durably, undo,
//! and the dialogue with the learner, shared by `recall review` on a pipe and by the REPL.

use crate::clock::Clock;
use crate::error::{Error, Result};
use crate::scheduler::{self, CardState, Grade, LEECH_TAG, StudyDay};
use crate::settings::{NewOrder, Settings};
use crate::store::{Card, CardId, Deck, LeechAction, Review, ReviewKind, Store};
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

/// One card waiting in the session, and how its answer will be recorded.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct QueueItem {
    pub card: CardId,
    pub kind: ReviewKind,
}

/// Which cards a session drills.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// Due cards, then new cards within the limits (SM-2 as usual).
    Today,
    /// Also cards due in the next N days, scheduled from today.
    Ahead(u32),
    /// Every unsuspended card, recorded as cram: the schedule never moves.
    Cram,
}

/// The day's counts shown in the greeting.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TodayCounts {
    pub due: u32,
    pub new: u32,
}

/// How many more cards today's limits allow: new cards overall and per deck, and reviews.
struct Budgets {
    new_total: u32,
    new_by_deck: HashMap<i64, u32>,
    reviews: u32,
}

fn budgets(store: &Store, decks: &[Deck], today: StudyDay, settings: &Settings) -> Result<Budgets> {
    let done = store.work_done_by_deck(today)?;
    let (new_done, reviews_done) = done
        .values()
        .fold((0u32, 0u32), |(n, r), (new, rev)| (n + new, r + rev));
    let new_by_deck = decks
        .iter()
        .filter_map(|deck| {
            let limit = deck.new_per_day?;
            let introduced = done.get(&deck.id).map_or(0, |(new, _)| *new);
            Some((deck.id, limit.saturating_sub(introduced)))
        })
        .collect();
    Ok(Budgets {
        new_total: settings.new_per_day.saturating_sub(new_done),
        new_by_deck,
        reviews: settings.max_reviews_per_day.saturating_sub(reviews_done),
    })
}

/// Due and new cards waiting today in `decks`, within the day's remaining limits.
pub fn today_counts(
    store: &Store,
    decks: &[Deck],
    today: StudyDay,
    settings: &Settings,
) -> Result<TodayCounts> {
    let budgets = budgets(store, decks, today, settings)?;
    let listed = store.deck_counts(today)?;
    let mut counts = TodayCounts { due: 0, new: 0 };
    for deck in decks {
        if let Some(deck_counts) = listed.iter().find(|counts| counts.id == deck.id) {
            counts.due += deck_counts.due;
            let deck_new = budgets
                .new_by_deck
                .get(&deck.id)
                .map_or(deck_counts.new, |left| deck_counts.new.min(*left));
            counts.new += deck_new;
        }
    }
    counts.due = counts.due.min(budgets.reviews);
    counts.new = counts.new.min(budgets.new_total);
    Ok(counts)
}

/// The session's queue for `decks` (and `tag`, when given).
///
/// Today: due cards, most overdue first, up to the reviews left today; then new cards in the
/// order they were added, within the collection's and each deck's remaining new-card limits;
/// then the cards an earlier session today left graded below 4, as re-drills. Ahead(N): the same
/// with cards due up to N days ahead. Cram: every unsuspended card, in order.
pub fn build_queue(
    store: &Store,
    decks: &[Deck],
    tag: Option<&str>,
    today: StudyDay,
    settings: &Settings,
    mode: Mode,
) -> Result<VecDeque<QueueItem>> {
    let tagged = |card: CardId| -> Result<bool> {
        Ok(match tag {
            None => true,
            Some(tag) => store.card(card)?.is_some_and(|c| c.has_tag(tag)),
        })
    };
    if mode == Mode::Cram {
        let mut queue = VecDeque::new();
        for deck in decks {
            for card in store.cards_in_deck(deck.id)? {
                if !card.suspended && tag.is_none_or(|t| card.has_tag(t)) {
                    queue.push_back(QueueItem {
                        card: card.id,
                        kind: ReviewKind::Cram,
                    });
                }
            }
        }
        return Ok(queue);
    }
    let until = match mode {
        Mode::Ahead(days) => today.plus_days(days),
        _ => today,
    };
    let budgets = budgets(store, decks, today, settings)?;
    let mut due: Vec<(StudyDay, CardId)> = Vec::new();
    for deck in decks {
        for (card, day) in store.due_cards(deck.id, until, today)? {
            if tagged(card)? {
                due.push((day, card));
            }
        }
    }
    due.sort_unstable();
    due.truncate(usize::try_from(budgets.reviews).unwrap_or(usize::MAX));

    let mut new: Vec<CardId> = Vec::new();
    if budgets.new_total > 0 {
        let mut by_deck: Vec<Vec<CardId>> = Vec::with_capacity(decks.len());
        for deck in decks {
            let mut new = Vec::new();
            let deck_budget = budgets
                .new_by_deck
                .get(&deck.id)
                .map_or(budgets.new_total, |left| (*left).min(budgets.new_total));
            let mut taken = 0;
            // Fetch a little more than the budget when filtering by tag.
            let fetch = if tag.is_some() { u32::MAX } else { deck_budget };
            for card in store.new_cards(deck.id, fetch, today)? {
                if taken >= deck_budget {
                    break;
                }
                if tagged(card)? {
                    new.push(card);
                    taken += 1;
                }
            }
            by_deck.push(new);
        }
        new = gather_new(by_deck, settings.new_order);
        new.truncate(usize::try_from(budgets.new_total).unwrap_or(usize::MAX));
    }

    let scheduled = |card| QueueItem {
        card,
        kind: ReviewKind::Scheduled,
    };
    let mut queue: VecDeque<QueueItem> = due
        .into_iter()
        .map(|(_, card)| scheduled(card))
        .chain(new.into_iter().map(scheduled))
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
            && found.buried_until.is_none_or(|day| day <= today)
            && tag.is_none_or(|t| found.has_tag(t))
        {
            queue.push_back(QueueItem {
                card,
                kind: ReviewKind::Redrill,
            });
        }
    }
    Ok(queue)
}

/// The day's new cards from each deck's (each in the order added), in the order a session
/// shows them.
fn gather_new(by_deck: Vec<Vec<CardId>>, order: NewOrder) -> Vec<CardId> {
    match order {
        NewOrder::DeckByDeck => by_deck.into_iter().flatten().collect(),
        NewOrder::Interleaved => {
            let longest = by_deck.iter().map(Vec::len).max().unwrap_or(0);
            (0..longest)
                .flat_map(|round| by_deck.iter().filter_map(move |cards| cards.get(round)))
                .copied()
                .collect()
        }
    }
}

/// Cards whose last scheduled or re-drill answer today was below 4: SM-2 wants them again
/// before the day is over.
fn unfinished_redrills(store: &Store, today: StudyDay) -> Result<Vec<CardId>> {
    let answers = store.answers_on(today)?;
    let mut last: HashMap<CardId, Grade> = HashMap::new();
    let mut order: Vec<CardId> = Vec::new();
    for (card, grade, kind) in answers {
        // Answers to cards deleted since (negative ids) need no re-drill.
        if card <= 0 || !matches!(kind, ReviewKind::Scheduled | ReviewKind::Redrill) {
            continue;
        }
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

/// When an answer was given.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AnswerTime {
    pub at_ms: i64,
    pub study_day: StudyDay,
    pub response_ms: i64,
}

/// One recorded answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Answered {
    pub before: CardState,
    pub after: CardState,
    pub kind: ReviewKind,
    pub leech_action: LeechAction,
}

/// Records one answer in one transaction: the card's new SM-2 state (scheduled reviews only),
/// the leech tag when this lapse reaches the threshold, and one history row with the state
/// before and after. The card is read inside the transaction: when another session (a second
/// terminal, or a session left open overnight) already scheduled it this study day, SM-2 has
/// had its one review of the day and this answer is recorded as a re-drill.
pub fn record_answer(
    store: &Store,
    card: CardId,
    kind: ReviewKind,
    grade: Grade,
    when: &AnswerTime,
    settings: &Settings,
) -> Result<Answered> {
    store.write(|store| {
        let current = store
            .card(card)?
            .ok_or_else(|| Error::NotFound(format!("card #{card} no longer exists")))?;
        let scheduled_already = kind == ReviewKind::Scheduled
            && store.last_review_of_card(card)?.is_some_and(|last| {
                last.kind == ReviewKind::Scheduled && last.study_day == when.study_day
            });
        let kind = if scheduled_already {
            ReviewKind::Redrill
        } else {
            kind
        };
        let before = current.state;
        let after = if kind.schedules() {
            scheduler::review(before, grade, when.study_day)
        } else {
            before
        };
        let mut leech_action = LeechAction::None;
        if kind.schedules() {
            store.save_schedule(card, &after)?;
            let lapsed_now = after.lapses > before.lapses;
            if lapsed_now && after.lapses >= settings.leech_threshold && !current.has_tag(LEECH_TAG)
            {
                let mut tags = current.tags.clone();
                tags.push(LEECH_TAG.to_string());
                store.set_tags(card, &tags)?;
                leech_action = LeechAction::Tagged;
                if settings.leech_suspends && !current.suspended {
                    store.set_suspended(card, true)?;
                    leech_action = LeechAction::TaggedAndSuspended;
                }
            }
        }
        store.insert_review(&Review {
            id: 0,
            card_id: card,
            reviewed_at_ms: when.at_ms,
            study_day: when.study_day,
            grade,
            kind,
            response_ms: when.response_ms,
            before,
            after,
            leech_action,
        })?;
        Ok(Answered {
            before,
            after,
            kind,
            leech_action,
        })
    })
}

/// Takes back the learner's newest answer in one transaction: the card returns to exactly its
/// state before (and loses a leech tag or suspension that answer gave it), and the history row
/// is removed. "Newest" is by the order answers were recorded, so a clock moved back never
/// undoes an older answer from under a newer one. When the newest answer belongs to a study
/// day before today there is nothing to undo; imported history is never taken back.
pub fn undo_last(store: &Store, today: StudyDay) -> Result<Option<(Review, Card)>> {
    store.write(|store| {
        let Some(review) = store
            .last_answer()?
            // An answer to a card since deleted stays in the history; it cannot be undone.
            .filter(|review| review.study_day >= today && review.card_id > 0)
        else {
            return Ok(None);
        };
        let card = store.card(review.card_id)?.ok_or_else(|| {
            Error::Corrupt(format!(
                "card {} of the last answer no longer exists",
                review.card_id
            ))
        })?;
        store.save_schedule(card.id, &review.before)?;
        if review.leech_action != LeechAction::None {
            let tags: Vec<String> = card
                .tags
                .iter()
                .filter(|tag| *tag != LEECH_TAG)
                .cloned()
                .collect();
            store.set_tags(card.id, &tags)?;
        }
        if review.leech_action == LeechAction::TaggedAndSuspended {
            store.set_suspended(card.id, false)?;
        }
        store.delete_review(review.id)?;
        let restored = store.card(card.id)?.unwrap_or(card);
        Ok(Some((review, restored)))
    })
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
    fn count(&mut self, kind: ReviewKind, was_new: bool, delta: i32) {
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
