//! Today's queue: due cards, then new cards within the daily limits, then same-day re-drills;
//! or a cram drill, or a review ahead.

use crate::error::Result;
use crate::scheduler::StudyDay;
use crate::settings::{NewOrder, Settings};
use crate::store::{CardId, Deck, ReviewKind, Store};
use std::collections::{HashMap, HashSet, VecDeque};

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
    /// Cards an earlier answer today left below 4, waiting to be drilled again.
    pub redrill: u32,
}

impl TodayCounts {
    /// Every card a session started now would show: the greeting's, the progress line's, the
    /// end of a session's and `stats`' one count.
    pub fn total(&self) -> u32 {
        self.due + self.new + self.redrill
    }
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

/// What waits today in `decks`: due cards and new cards within the day's remaining limits (one
/// per sibling group), and the day's re-drills. A session started now shows exactly these
/// (`build_queue`; a test holds the two equal): the greeting, the end of a session and `stats`
/// all say this count.
pub fn today_counts(
    store: &Store,
    decks: &[Deck],
    today: StudyDay,
    settings: &Settings,
) -> Result<TodayCounts> {
    let budgets = budgets(store, decks, today, settings)?;
    let listed = store.deck_counts(today)?;
    let mut counts = TodayCounts {
        due: 0,
        new: 0,
        redrill: 0,
    };
    for deck in decks {
        if let Some(deck_counts) = listed.iter().find(|counts| counts.id == deck.id) {
            counts.due += deck_counts.due;
        }
    }
    let new = new_by_deck(store, decks, &budgets, settings, today, &|_| Ok(true))?;
    counts.new = u32::try_from(new.iter().map(Vec::len).sum::<usize>()).unwrap_or(u32::MAX);
    counts.due = counts.due.min(budgets.reviews);
    counts.new = counts.new.min(budgets.new_total);
    for card in unfinished_redrills(store, decks, today)? {
        // A card due again today is counted among the due.
        if card.due_day.is_none_or(|day| day > today) {
            counts.redrill += 1;
        }
    }
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

    let mut new = gather_new(
        new_by_deck(store, decks, &budgets, settings, today, &tagged)?,
        settings.new_order,
    );
    new.truncate(usize::try_from(budgets.new_total).unwrap_or(usize::MAX));

    let scheduled = |card| QueueItem {
        card,
        kind: ReviewKind::Scheduled,
    };
    let mut queue: VecDeque<QueueItem> = due
        .into_iter()
        .map(|(_, card)| scheduled(card))
        .chain(new.into_iter().map(scheduled))
        .collect();

    let queued: HashSet<CardId> = queue.iter().map(|item| item.card).collect();
    for unfinished in unfinished_redrills(store, decks, today)? {
        if queued.contains(&unfinished.card) || !tagged(unfinished.card)? {
            continue;
        }
        queue.push_back(QueueItem {
            card: unfinished.card,
            kind: ReviewKind::Redrill,
        });
    }
    Ok(queue)
}

/// Each deck's new cards for today, in the order added, within the deck's and the collection's
/// remaining budgets; when the deck buries siblings, one card of each sibling group (the
/// others would be buried by its answer, and the next card takes the place). The one source of
/// the day's new cards for the session's queue and for every count of what waits.
fn new_by_deck(
    store: &Store,
    decks: &[Deck],
    budgets: &Budgets,
    settings: &Settings,
    today: StudyDay,
    wanted: &dyn Fn(CardId) -> Result<bool>,
) -> Result<Vec<Vec<CardId>>> {
    let mut by_deck = Vec::with_capacity(decks.len());
    if budgets.new_total == 0 {
        return Ok(by_deck);
    }
    for deck in decks {
        let budget = budgets
            .new_by_deck
            .get(&deck.id)
            .map_or(budgets.new_total, |left| (*left).min(budgets.new_total));
        let one_per_group = deck.bury_siblings.unwrap_or(settings.bury_siblings);
        let mut taken: Vec<CardId> = Vec::new();
        let mut groups: HashSet<String> = HashSet::new();
        // Siblings and cards without the tag are passed over: read further until the budget
        // is met or the deck has no more.
        let mut fetch = budget.saturating_add(4);
        loop {
            let cards = store.new_cards(deck.id, fetch, today)?;
            let exhausted = cards.len() < usize::try_from(fetch).unwrap_or(usize::MAX);
            taken.clear();
            groups.clear();
            for (card, group) in cards {
                if taken.len() >= usize::try_from(budget).unwrap_or(usize::MAX) {
                    break;
                }
                if one_per_group
                    && let Some(group) = group
                    && !groups.insert(group)
                {
                    continue;
                }
                if wanted(card)? {
                    taken.push(card);
                }
            }
            if exhausted || taken.len() >= usize::try_from(budget).unwrap_or(usize::MAX) {
                break;
            }
            fetch = fetch.saturating_mul(4);
        }
        by_deck.push(taken);
    }
    Ok(by_deck)
}

/// The day's new cards from each deck's (each in the order added), in the order a session
/// shows them.
pub(super) fn gather_new(by_deck: Vec<Vec<CardId>>, order: NewOrder) -> Vec<CardId> {
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

/// The cards an earlier answer today left below 4 (SM-2 wants them again before the day is
/// over) that a session over `decks` shows now: not suspended, not buried. One statement over
/// today's unfinished cards.
fn unfinished_redrills(
    store: &Store,
    decks: &[Deck],
    today: StudyDay,
) -> Result<Vec<crate::store::Unfinished>> {
    let deck_ids: HashSet<_> = decks.iter().map(|deck| deck.id).collect();
    Ok(store
        .unfinished_on(today)?
        .into_iter()
        .filter(|card| {
            deck_ids.contains(&card.deck)
                && !card.suspended
                && card.buried_until.is_none_or(|day| day <= today)
        })
        .collect())
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
