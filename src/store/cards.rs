//! Cards: their text and their SM-2 state.

use super::{DeckId, Store};
use crate::error::Result;
use crate::scheduler::{CardState, StudyDay};
use rusqlite::{Row, ToSql, params, params_from_iter};

pub type CardId = i64;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Card {
    pub id: CardId,
    pub deck_id: DeckId,
    pub deck: String,
    /// The stable id inside its deck.
    pub key: String,
    pub front: String,
    pub back: String,
    pub tags: Vec<String>,
    pub state: CardState,
    pub suspended: bool,
    /// Hidden from sessions until this study day (bury).
    pub buried_until: Option<StudyDay>,
    /// The hash (`decks::source_hash`) of the text its file last gave it, once it has been
    /// edited here; `None` while its text is its file's.
    pub source_hash: Option<i64>,
    /// The source item this card shares with its siblings (one Anki note, one table row).
    pub sibling_group: Option<String>,
}

/// Where EF buckets start, in hundredths: 1.30-1.69, 1.70-2.09, 2.10-2.49, 2.50-2.89, 2.90+.
/// (`card_histogram.ease_bucket`; migration 5's triggers say the same in SQL.)
pub fn ease_bucket(hundredths: u32) -> u32 {
    (hundredths.saturating_sub(130) / 40).min(4)
}

/// The last day of each interval bucket but the last (more than a year).
pub const INTERVAL_BUCKET_ENDS: [u32; 7] = [1, 3, 7, 21, 60, 180, 365];

/// `card_histogram.interval_bucket` of an interval: 0 to 7.
pub fn interval_bucket(days: u32) -> u32 {
    let index = INTERVAL_BUCKET_ENDS.partition_point(|end| *end < days);
    u32::try_from(index).unwrap_or(7)
}

/// Cards under review counted per (deck, EF bucket, interval bucket), to add to the kept
/// histogram at once.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Histogram(std::collections::HashMap<(DeckId, u32, u32), i64>);

impl Histogram {
    /// Counts a card as `stats` draws it: reviewed (it has a due day) and not suspended.
    pub fn count(&mut self, deck: DeckId, state: &CardState, suspended: bool) {
        if let Some(_due) = state.due_day.filter(|_| !suspended) {
            let bucket = (
                deck,
                ease_bucket(state.ease_factor.hundredths()),
                interval_bucket(state.interval_days),
            );
            *self.0.entry(bucket).or_default() += 1;
        }
    }
}

impl Card {
    pub fn has_tag(&self, tag: &str) -> bool {
        self.tags.iter().any(|t| t == tag)
    }

    /// The source item its sibling group names, as its file named it: a group within a deck
    /// is stored as `DECK\u{1f}ITEM`, a note's (GUID) group as it is.
    pub fn sibling_item(&self) -> Option<&str> {
        let group = self.sibling_group.as_deref()?;
        Some(
            group
                .strip_prefix(self.deck.as_str())
                .and_then(|rest| rest.strip_prefix('\u{1f}'))
                .unwrap_or(group),
        )
    }
}

/// A card as a deck file gives it: its text, and the schedule it arrives with (another
/// program's, when an import carries one over; new otherwise).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewCard<'a> {
    pub key: &'a str,
    pub front: &'a str,
    pub back: &'a str,
    pub tags: &'a [String],
    pub state: CardState,
    pub suspended: bool,
    /// The card's sibling group, when it has siblings.
    pub sibling: Option<&'a str>,
}

impl<'a> NewCard<'a> {
    /// A new card with this text.
    pub fn new(key: &'a str, front: &'a str, back: &'a str, tags: &'a [String]) -> NewCard<'a> {
        NewCard {
            key,
            front,
            back,
            tags,
            state: CardState::NEW,
            suspended: false,
            sibling: None,
        }
    }
}

/// The card columns of `get_card.sql`, in order: the one place they are mapped.
pub(super) fn card_from_row(row: &Row<'_>) -> rusqlite::Result<Card> {
    let tags: String = row.get(6)?;
    Ok(Card {
        id: row.get(0)?,
        deck_id: row.get(1)?,
        deck: row.get(2)?,
        key: row.get(3)?,
        front: row.get(4)?,
        back: row.get(5)?,
        tags: tags.split_whitespace().map(str::to_owned).collect(),
        state: state_from_row(row, 7)?,
        suspended: row.get(12)?,
        buried_until: row.get(13)?,
        source_hash: row.get(14)?,
        sibling_group: row.get(15)?,
    })
}

/// The five SM-2 columns starting at `first` (EF, n, interval, due day, lapses), as every table
/// that holds a `CardState` lays them out.
pub(super) fn state_from_row(row: &Row<'_>, first: usize) -> rusqlite::Result<CardState> {
    Ok(CardState {
        ease_factor: row.get(first)?,
        repetitions: row.get(first + 1)?,
        interval_days: row.get(first + 2)?,
        due_day: row.get(first + 3)?,
        lapses: row.get(first + 4)?,
    })
}

/// A `CardState` as the five values `state_from_row` reads back.
pub(super) fn state_values(state: &CardState) -> [&dyn ToSql; 5] {
    [
        &state.ease_factor,
        &state.repetitions,
        &state.interval_days,
        &state.due_day,
        &state.lapses,
    ]
}

/// A statement over the card columns, with its own filter.
macro_rules! card_sql {
    ($filter:literal) => {
        concat!(sql!("get_card"), $filter)
    };
}

pub(super) const CARD: &str = card_sql!(" WHERE c.id = ?1");
pub(super) const CARD_BY_KEY: &str = card_sql!(" WHERE c.deck_id = ?1 AND c.key = ?2");
const CARDS_IN_DECK: &str = card_sql!(" WHERE c.deck_id = ?1 ORDER BY c.id");
const SEARCH_CARDS: &str = card_sql!(
    " WHERE c.front LIKE ?1 ESCAPE '\\' OR c.back LIKE ?1 ESCAPE '\\' OR c.tags LIKE ?1 ESCAPE '\\'
 ORDER BY c.id
 LIMIT ?2"
);

/// The values of `insert_cards.sql` (and `insert_card_if_absent.sql`), in column order.
#[allow(
    clippy::ptr_arg,
    reason = "a String, unlike a str, can be borrowed as &dyn ToSql"
)]
fn card_values<'a>(
    deck: &'a DeckId,
    card: &'a NewCard<'_>,
    tags: &'a String,
) -> impl Iterator<Item = &'a dyn ToSql> {
    let head: [&dyn ToSql; 5] = [deck, &card.key, &card.front, &card.back, tags];
    head.into_iter()
        .chain(state_values(&card.state))
        .chain([&card.suspended as &dyn ToSql, &card.sibling])
}

/// Adds new cards for an import, with one statement prepared once and held to the end:
/// taking a statement from the cache and handing it back for every card cost a tenth of a
/// text import's time.
pub struct CardInserter<'s> {
    store: &'s Store,
    insert: Option<rusqlite::Statement<'s>>,
    /// The statement for a full batch of `insert_many_if_absent`.
    insert_many: Option<rusqlite::Statement<'s>>,
}

/// New cards one statement of `CardInserter::insert_many_if_absent` carries (12 values each).
pub const CARDS_PER_INSERT: usize = 64;

impl CardInserter<'_> {
    /// Adds a new card unless its deck already has one with that key; `None` when it had.
    /// The caller counts what it added with `add_to_deck_counts`.
    pub fn insert_if_absent(&mut self, deck: DeckId, card: &NewCard<'_>) -> Result<Option<CardId>> {
        let insert = match &mut self.insert {
            Some(insert) => insert,
            None => self
                .insert
                .insert(self.store.conn.prepare(sql!("insert_card_if_absent"))?),
        };
        let tags = joined_tags(card.tags);
        let inserted = insert.execute(params_from_iter(card_values(&deck, card, &tags)))?;
        Ok((inserted > 0).then(|| self.store.conn.last_insert_rowid()))
    }

    /// Adds up to `CARDS_PER_INSERT` new cards to `deck` in one statement, each unless the deck
    /// already has its key (or an earlier one of them has it); returns how many were added.
    /// Their ids are not known: for cards nothing else refers to (no schedule, no history).
    pub fn insert_many_if_absent(&mut self, deck: DeckId, cards: &[NewCard<'_>]) -> Result<usize> {
        let tags: Vec<String> = cards.iter().map(|card| joined_tags(card.tags)).collect();
        let values = cards
            .iter()
            .zip(&tags)
            .flat_map(|(card, tags)| card_values(&deck, card, tags));
        Ok(if cards.len() == CARDS_PER_INSERT {
            let insert = match &mut self.insert_many {
                Some(insert) => insert,
                None => self
                    .insert_many
                    .insert(self.store.conn.prepare(&super::multi_row_sql(
                        sql!("insert_card_if_absent"),
                        CARDS_PER_INSERT,
                    ))?),
            };
            insert.execute(params_from_iter(values))?
        } else {
            self.store
                .conn
                .prepare_cached(&super::multi_row_sql(
                    sql!("insert_card_if_absent"),
                    cards.len(),
                ))?
                .execute(params_from_iter(values))?
        })
    }
}

fn joined_tags(tags: &[String]) -> String {
    tags.join(" ")
}

impl Store {
    pub fn card(&self, id: CardId) -> Result<Option<Card>> {
        self.optional(CARD, [id], card_from_row)
    }

    pub fn card_by_key(&self, deck: DeckId, key: &str) -> Result<Option<Card>> {
        self.optional(CARD_BY_KEY, params![deck, key], card_from_row)
    }

    pub fn cards_in_deck(&self, deck: DeckId) -> Result<Vec<Card>> {
        let mut cards = Vec::new();
        self.for_each_card_in_deck(deck, |card| {
            cards.push(card);
            Ok(())
        })?;
        Ok(cards)
    }

    /// Calls `each` for every card of `deck` in the order they were added, one row at a time.
    pub fn for_each_card_in_deck(
        &self,
        deck: DeckId,
        mut each: impl FnMut(Card) -> Result<()>,
    ) -> Result<()> {
        let mut stmt = self.conn.prepare_cached(CARDS_IN_DECK)?;
        let mut rows = stmt.query([deck])?;
        while let Some(row) = rows.next()? {
            each(card_from_row(row)?)?;
        }
        Ok(())
    }

    pub fn card_keys_in_deck(&self, deck: DeckId) -> Result<Vec<String>> {
        self.all(sql!("card_keys_in_deck"), [deck], super::first_column)
    }

    /// Up to `limit` keys of `deck` that start with `prefix`, in order (for completion): a
    /// range of the deck's unique key index.
    pub fn card_keys_from(&self, deck: DeckId, prefix: &str, limit: u32) -> Result<Vec<String>> {
        let keys: Vec<String> = self.all(
            sql!("card_keys_from"),
            params![deck, prefix, limit],
            super::first_column,
        )?;
        Ok(keys
            .into_iter()
            .take_while(|key| key.starts_with(prefix))
            .collect())
    }

    /// Whether an import of `cards` scheduled cards is large beside the cards there are: the
    /// cards' out-of-order indexes are then built once at the end (`suspend_upkeep`).
    pub fn bulk_cards(&self, cards: usize) -> Result<bool> {
        Ok(super::is_bulk(cards, self.max_card_id()?))
    }

    /// The highest card id so far (0 for an empty collection): cards added later have higher ids.
    pub fn max_card_id(&self) -> Result<CardId> {
        self.one(sql!("max_card_id"), [], super::first_column)
    }

    /// Deletes a card; its history stays, naming it through `deleted_cards` (deck counts
    /// follow by trigger). `at_ms` is when, for the record.
    pub fn delete_card(&self, id: CardId, at_ms: i64) -> Result<()> {
        self.execute(sql!("keep_deleted_card"), params![id, at_ms])?;
        let kept = self.conn.last_insert_rowid();
        self.execute(sql!("move_reviews_to_deleted"), params![id, kept])?;
        self.execute(sql!("delete_card"), [id])
    }

    /// Deletes `cards` (as `delete_card`), all at `at_ms`.
    pub fn delete_cards(&self, cards: &[CardId], at_ms: i64) -> Result<()> {
        cards.iter().try_for_each(|id| self.delete_card(*id, at_ms))
    }

    /// Removes a card added moments ago that turned out to be another card (no history yet).
    pub fn delete_new_card(&self, id: CardId) -> Result<()> {
        self.execute(sql!("delete_card"), [id])
    }

    /// Cards deleted from `deck` (deck 0: from decks since deleted), and their answers.
    pub fn deleted_in_deck(&self, deck: DeckId) -> Result<(i64, i64)> {
        self.one(sql!("deleted_in_deck"), [deck], |row| {
            Ok((row.get(0)?, row.get(1)?))
        })
    }

    /// Adds one new card to `deck`.
    pub fn insert_card(&self, deck: DeckId, card: &NewCard<'_>) -> Result<CardId> {
        let ids = self.insert_cards(deck, std::slice::from_ref(card), &mut || {})?;
        Ok(ids.first().copied().unwrap_or_default())
    }

    /// Adds cards counted in `histogram` to the kept EF/interval histogram, one statement per
    /// bucket (inserts are not counted by a trigger: imports add cards by the hundred thousand).
    pub fn add_to_histogram(&self, histogram: &Histogram) -> Result<()> {
        for ((deck, ease, interval), cards) in &histogram.0 {
            self.execute(
                sql!("add_to_histogram"),
                params![deck, ease, interval, cards],
            )?;
        }
        Ok(())
    }

    /// Adds cards to `deck` with the schedules they carry, calling `progress` after each, and
    /// counts them in the deck's totals once. Every card insert goes through here: it keeps
    /// `deck_counts` true (updates and deletes are counted by triggers).
    pub fn insert_cards(
        &self,
        deck: DeckId,
        cards: &[NewCard<'_>],
        progress: &mut dyn FnMut(),
    ) -> Result<Vec<CardId>> {
        let mut stmt = self.conn.prepare_cached(sql!("insert_cards"))?;
        let mut ids = Vec::with_capacity(cards.len());
        let (mut new, mut suspended) = (0i64, 0i64);
        for card in cards {
            let tags = joined_tags(card.tags);
            stmt.execute(params_from_iter(card_values(&deck, card, &tags)))?;
            ids.push(self.conn.last_insert_rowid());
            new += i64::from(card.state.is_new() && !card.suspended);
            suspended += i64::from(card.suspended);
            progress();
        }
        let total = i64::try_from(cards.len()).unwrap_or(i64::MAX);
        self.add_to_deck_counts(deck, total, new, suspended)?;
        let mut histogram = Histogram::default();
        for card in cards {
            histogram.count(deck, &card.state, card.suspended);
        }
        self.add_to_histogram(&histogram)?;
        Ok(ids)
    }

    /// A writer of new cards for a whole import (`CardInserter`).
    pub fn card_inserter(&self) -> CardInserter<'_> {
        CardInserter {
            store: self,
            insert: None,
            insert_many: None,
        }
    }

    /// Adds cards inserted without counting to a deck's totals, once for many.
    pub fn add_to_deck_counts(
        &self,
        deck: DeckId,
        total: i64,
        new: i64,
        suspended: i64,
    ) -> Result<()> {
        if total == 0 {
            return Ok(());
        }
        self.execute(
            sql!("add_to_deck_counts"),
            params![deck, total, new, suspended],
        )
    }

    /// Gives a card new text (and key); `source_hash` as `Card::source_hash`.
    pub fn update_card_text(
        &self,
        id: CardId,
        card: &NewCard<'_>,
        source_hash: Option<i64>,
    ) -> Result<()> {
        self.execute(
            sql!("update_card_text"),
            params![
                id,
                card.key,
                card.front,
                card.back,
                joined_tags(card.tags),
                source_hash
            ],
        )
    }

    /// Cards of `deck` due on or before `until`, most overdue first, as (card, due day);
    /// cards buried past `today` are left out.
    pub fn due_cards(
        &self,
        deck: DeckId,
        until: StudyDay,
        today: StudyDay,
    ) -> Result<Vec<(CardId, StudyDay)>> {
        self.all(
            sql!("due_cards"),
            params![deck, until, today],
            super::first_two_columns,
        )
    }

    /// Up to `limit` new cards of `deck` not buried past `today`, in the order they were added,
    /// each with its sibling group.
    pub fn new_cards(
        &self,
        deck: DeckId,
        limit: u32,
        today: StudyDay,
    ) -> Result<Vec<(CardId, Option<String>)>> {
        self.all(sql!("new_cards"), params![deck, limit, today], |row| {
            Ok((row.get(0)?, row.get(1)?))
        })
    }

    pub fn set_suspended(&self, id: CardId, suspended: bool) -> Result<()> {
        self.execute(sql!("set_suspended"), params![id, suspended])
    }

    pub fn set_buried_until(&self, id: CardId, day: Option<StudyDay>) -> Result<()> {
        self.execute(sql!("set_buried_until"), params![id, day])
    }

    /// Marks `card` as wanted again on `day` (its last answer was below 4), or not (`None`).
    pub fn set_redrill_day(&self, card: CardId, day: Option<StudyDay>) -> Result<()> {
        self.execute(sql!("set_redrill_day"), params![card, day])
    }

    pub fn set_sibling_group(&self, id: CardId, group: Option<&str>) -> Result<()> {
        self.execute(sql!("set_sibling_group"), params![id, group])
    }

    /// The siblings of `card` a session on `today` would show (new or due, not suspended, not
    /// buried past today), with when each was buried until before.
    pub fn siblings_waiting(
        &self,
        card: CardId,
        group: &str,
        today: StudyDay,
    ) -> Result<Vec<(CardId, Option<StudyDay>)>> {
        self.all(
            sql!("siblings_waiting"),
            params![card, group, today],
            |row| Ok((row.get(0)?, row.get(1)?)),
        )
    }

    pub fn set_tags(&self, id: CardId, tags: &[String]) -> Result<()> {
        self.execute(sql!("set_tags"), params![id, joined_tags(tags)])
    }

    /// Ids of the cards carrying `tag` exactly.
    pub fn cards_with_tag(&self, tag: &str) -> Result<Vec<CardId>> {
        self.all(sql!("cards_with_tag"), [tag], super::first_column)
    }

    /// Cards whose front, back or tags contain `text` (ASCII case-insensitive), oldest first.
    pub fn search_cards(&self, text: &str, limit: u32) -> Result<Vec<Card>> {
        let escaped: String = text
            .chars()
            .flat_map(|c| match c {
                '%' | '_' | '\\' => vec!['\\', c],
                c => vec![c],
            })
            .collect();
        let pattern = format!("%{escaped}%");
        self.all(SEARCH_CARDS, params![pattern, limit], card_from_row)
    }

    /// (due day, cards) for each day from `from` to `to` on which cards of `deck` fall due.
    pub fn forecast(
        &self,
        deck: DeckId,
        from: StudyDay,
        to: StudyDay,
    ) -> Result<Vec<(StudyDay, u32)>> {
        self.all(
            sql!("forecast"),
            params![deck, from, to],
            super::first_two_columns,
        )
    }

    /// `deck`'s cards under review per (EF bucket, interval bucket): kept by triggers
    /// (migration 5), so this reads a few dozen rows whatever the deck's size.
    pub fn ease_interval_histogram(&self, deck: DeckId) -> Result<Vec<(u32, u32, u32)>> {
        self.all(sql!("ease_interval_histogram"), [deck], |row| {
            Ok((row.get(0)?, row.get(1)?, row.get(2)?))
        })
    }

    /// The first study day after `today` on which a card of `deck` is due.
    pub fn next_due_day(&self, deck: DeckId, today: StudyDay) -> Result<Option<StudyDay>> {
        self.one(
            sql!("next_due_day"),
            params![deck, today],
            super::first_column,
        )
    }

    pub fn save_schedule(&self, id: CardId, state: &CardState) -> Result<()> {
        let mut stmt = self.conn.prepare_cached(sql!("save_schedule"))?;
        let id: &dyn ToSql = &id;
        stmt.execute(params_from_iter(
            std::iter::once(id).chain(state_values(state)),
        ))?;
        Ok(())
    }
}
