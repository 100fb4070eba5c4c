//! The review history: one row per answer, with the card's state before and after.

use super::cards::{state_from_row, state_values};
use super::{CardId, DeckId, Store};
use crate::error::{Error, Result};
use crate::scheduler::{CardState, Grade, StudyDay};
use rusqlite::{Row, ToSql, params, params_from_iter};
use std::collections::HashMap;

/// A card an answer today left below 4, and what decides whether a session shows it again.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Unfinished {
    pub card: CardId,
    pub deck: super::DeckId,
    pub suspended: bool,
    pub buried_until: Option<StudyDay>,
    pub due_day: Option<StudyDay>,
}

/// One deck's answers on one study day, kept by triggers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DaySummary {
    pub day: StudyDay,
    pub scheduled: u32,
    pub passed: u32,
    pub new_seen: u32,
    pub redrill: u32,
    pub cram: u32,
    pub imported: u32,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReviewKind {
    /// An SM-2 review: it moved the schedule.
    Scheduled,
    /// A same-day repeat of a card graded below 4: kept, but the schedule did not move.
    Redrill,
    /// A drill of cards that were not due: kept, never moves the schedule.
    Cram,
    /// History brought in from another program.
    Imported,
}

impl ReviewKind {
    pub fn as_str(self) -> &'static str {
        match self {
            ReviewKind::Scheduled => "scheduled",
            ReviewKind::Redrill => "redrill",
            ReviewKind::Cram => "cram",
            ReviewKind::Imported => "imported",
        }
    }

    /// Whether answers of this kind move the SM-2 schedule.
    pub fn schedules(self) -> bool {
        matches!(self, ReviewKind::Scheduled)
    }

    pub fn parse(text: &str) -> Option<ReviewKind> {
        match text {
            "scheduled" => Some(ReviewKind::Scheduled),
            "redrill" => Some(ReviewKind::Redrill),
            "cram" => Some(ReviewKind::Cram),
            "imported" => Some(ReviewKind::Imported),
            _ => None,
        }
    }
}

/// What an answer did besides moving the schedule, so that undo can take it back.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum LeechAction {
    #[default]
    None,
    Tagged,
    TaggedAndSuspended,
}

impl LeechAction {
    fn code(self) -> u8 {
        match self {
            LeechAction::None => 0,
            LeechAction::Tagged => 1,
            LeechAction::TaggedAndSuspended => 2,
        }
    }

    fn from_code(code: u8) -> LeechAction {
        match code {
            1 => LeechAction::Tagged,
            2 => LeechAction::TaggedAndSuspended,
            _ => LeechAction::None,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Review {
    /// The row's id (0 before it is stored).
    pub id: i64,
    pub card_id: CardId,
    /// Milliseconds since 1970-01-01 UTC.
    pub reviewed_at_ms: i64,
    pub study_day: StudyDay,
    pub grade: Grade,
    pub kind: ReviewKind,
    pub response_ms: i64,
    pub before: CardState,
    pub after: CardState,
    pub leech_action: LeechAction,
}

/// The review columns of `get_review.sql`, in order: the one place they are mapped.
fn review_from_row(row: &Row<'_>) -> rusqlite::Result<Review> {
    let grade: u8 = row.get(4)?;
    let kind: String = row.get(5)?;
    let invalid = |column: usize, what: &str| {
        rusqlite::Error::FromSqlConversionFailure(
            column,
            rusqlite::types::Type::Text,
            format!("invalid {what} in reviews").into(),
        )
    };
    let leech_action: u8 = row.get(17)?;
    Ok(Review {
        id: row.get(0)?,
        card_id: row.get(1)?,
        reviewed_at_ms: row.get(2)?,
        study_day: row.get(3)?,
        grade: Grade::new(grade).ok_or_else(|| invalid(4, "grade"))?,
        kind: ReviewKind::parse(&kind).ok_or_else(|| invalid(5, "kind"))?,
        response_ms: row.get(6)?,
        before: state_from_row(row, 7)?,
        after: state_from_row(row, 12)?,
        leech_action: LeechAction::from_code(leech_action),
    })
}

/// How many columns `get_review.sql` lists; a query may add its own after them.
const REVIEW_COLUMNS: usize = 18;

/// A statement over the review columns, with its own FROM and filter.
macro_rules! review_sql {
    ($rest:literal) => {
        concat!(sql!("get_review"), $rest)
    };
}

/// The newest of the learner's own answers, by the order they were recorded.
pub(super) const LAST_ANSWER: &str = review_sql!(
    " FROM reviews r INDEXED BY reviews_own WHERE r.kind <> 'imported' ORDER BY r.id DESC LIMIT 1"
);
/// A card's newest history row.
pub(super) const LAST_REVIEW_OF_CARD: &str =
    review_sql!(" FROM reviews r WHERE r.card_id = ?1 ORDER BY r.id DESC LIMIT 1");
const REVIEWS_OF_CARD: &str = review_sql!(" FROM reviews r WHERE r.card_id = ?1 ORDER BY r.id");
/// The whole log from a study day on, with each card's deck and key, for listings; a deleted
/// card's answers name it as it was (and the id it had).
pub(super) const FOR_EACH_REVIEW: &str = review_sql!(
    ", coalesce(c.key, x.key), coalesce(d.name, x.deck), x.card_id FROM reviews r
  LEFT JOIN cards c ON c.id = r.card_id LEFT JOIN decks d ON d.id = c.deck_id
  LEFT JOIN deleted_cards x ON x.id = -r.card_id
 WHERE r.study_day >= ?1
 ORDER BY r.study_day, r.id"
);
const FOR_EACH_REVIEW_OF_DECK: &str = review_sql!(
    ", c.key, d.name, NULL FROM reviews r
  JOIN cards c ON c.id = r.card_id JOIN decks d ON d.id = c.deck_id
 WHERE c.deck_id = ?1 AND r.study_day >= ?2
 ORDER BY r.id"
);

/// A row of `day_summaries.sql` or `day_totals.sql`.
fn day_summary_from_row(row: &rusqlite::Row<'_>) -> rusqlite::Result<DaySummary> {
    Ok(DaySummary {
        day: row.get(0)?,
        scheduled: row.get(1)?,
        passed: row.get(2)?,
        new_seen: row.get(3)?,
        redrill: row.get(4)?,
        cram: row.get(5)?,
        imported: row.get(6)?,
    })
}

/// The values of one history row, in `insert_review.sql`'s column order.
fn review_values(review: &Review) -> ReviewValues<'_> {
    ReviewValues {
        review,
        grade: review.grade.value(),
        kind: review.kind.as_str(),
        leech_action: review.leech_action.code(),
    }
}

/// A review with the few values it stores in another form, so all 17 can be borrowed.
struct ReviewValues<'r> {
    review: &'r Review,
    grade: u8,
    kind: &'static str,
    leech_action: u8,
}

impl ReviewValues<'_> {
    fn iter(&self) -> impl Iterator<Item = &dyn ToSql> {
        let review = self.review;
        let head: [&dyn ToSql; 6] = [
            &review.card_id,
            &review.reviewed_at_ms,
            &review.study_day,
            &self.grade,
            &self.kind,
            &review.response_ms,
        ];
        head.into_iter()
            .chain(state_values(&review.before))
            .chain(state_values(&review.after))
            .chain([&self.leech_action as &dyn ToSql])
    }
}

/// History rows one INSERT carries: 17 values each, well under SQLite's 32,766 parameters.
const ROWS_PER_INSERT: usize = 64;

/// `insert_review.sql` with `rows` rows of values.
pub(super) fn insert_reviews_sql(rows: usize) -> String {
    super::multi_row_sql(sql!("insert_review"), rows)
}

/// Writes imported history in bulk; `finish` flushes and adds the rows to the per-day summary
/// in one statement. Dropped without `finish`, the rows pushed since the last flush are lost
/// (and the caller's transaction should be rolled back).
pub struct ReviewBatch<'s> {
    store: &'s Store,
    /// The statement for a full batch, prepared once (looking it up in the statement cache
    /// hashes its few kilobytes of text at every batch).
    full: Option<rusqlite::Statement<'s>>,
    pending: Vec<Review>,
    written: usize,
    /// Rows per deck and study day, added to the per-day summary at `finish` (counted here
    /// rather than by a trigger per row or a GROUP BY over a million rows).
    summary: HashMap<(DeckId, StudyDay), u32>,
}

impl ReviewBatch<'_> {
    /// One row of imported history, of a card of `deck`.
    pub fn push(&mut self, deck: DeckId, review: Review) -> Result<()> {
        if review.kind != ReviewKind::Imported {
            return Err(Error::Corrupt(
                "a review batch holds imported history only".into(),
            ));
        }
        *self.summary.entry((deck, review.study_day)).or_default() += 1;
        self.pending.push(review);
        if self.pending.len() == ROWS_PER_INSERT {
            self.flush()?;
        }
        Ok(())
    }

    fn flush(&mut self) -> Result<()> {
        if self.pending.is_empty() {
            return Ok(());
        }
        let values: Vec<ReviewValues<'_>> = self.pending.iter().map(review_values).collect();
        let params = params_from_iter(values.iter().flat_map(ReviewValues::iter));
        if self.pending.len() == ROWS_PER_INSERT {
            let full = match &mut self.full {
                Some(full) => full,
                None => self
                    .full
                    .insert(self.store.conn.prepare(&full_insert_sql())?),
            };
            full.execute(params)?;
        } else {
            let sql = insert_reviews_sql(self.pending.len());
            self.store.conn.prepare_cached(&sql)?.execute(params)?;
        }
        self.written += self.pending.len();
        self.pending.clear();
        Ok(())
    }

    /// Writes what is left and adds every row to the per-day summary of its deck. Returns how
    /// many rows were written.
    pub fn finish(mut self) -> Result<usize> {
        self.flush()?;
        for ((deck, day), count) in &self.summary {
            self.store
                .execute(sql!("finish_review_batch"), params![deck, day, count])?;
        }
        Ok(self.written)
    }
}

/// The full-size multi-row INSERT, built once.
fn full_insert_sql() -> std::borrow::Cow<'static, str> {
    static SQL: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    std::borrow::Cow::Borrowed(
        SQL.get_or_init(|| insert_reviews_sql(ROWS_PER_INSERT))
            .as_str(),
    )
}

/// A review with the names of its card, as listings and exports print it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LoggedReview {
    pub review: Review,
    pub key: String,
    pub deck: String,
    /// The card has been deleted (the review names it as it was).
    pub deleted: bool,
}

impl Store {
    /// Records one of the learner's own answers; the per-day summary follows by trigger.
    /// History brought in from elsewhere goes through `ReviewBatch`, which summarises it.
    pub fn insert_review(&self, review: &Review) -> Result<()> {
        if review.kind == ReviewKind::Imported {
            return Err(Error::Corrupt(
                "imported history must be written through ReviewBatch".into(),
            ));
        }
        let mut stmt = self.conn.prepare_cached(sql!("insert_review"))?;
        let values = review_values(review);
        stmt.execute(params_from_iter(values.iter()))?;
        Ok(())
    }

    /// Whether a history import of `rows` rows is large beside the history there is: the
    /// history's per-day index is then built once at the end (`suspend_upkeep`).
    pub fn bulk_history(&self, rows: usize) -> Result<bool> {
        let held: i64 = self
            .optional(sql!("review_rows_bound"), [], super::first_column)?
            .unwrap_or(0);
        Ok(super::is_bulk(rows, held))
    }

    /// A writer of imported history: many rows per statement, in the order pushed (card by
    /// card, oldest first, so the table and its card index grow in order).
    pub fn review_batch(&self) -> ReviewBatch<'_> {
        ReviewBatch {
            store: self,
            full: None,
            pending: Vec::with_capacity(ROWS_PER_INSERT),
            written: 0,
            summary: HashMap::new(),
        }
    }

    /// The newest answer of `day`, if any.
    /// The newest of the learner's own answers (never imported history), by the order answers
    /// were recorded.
    pub fn last_answer(&self) -> Result<Option<Review>> {
        self.optional(LAST_ANSWER, [], review_from_row)
    }

    /// The newest history row of `card`, of any kind.
    pub fn last_review_of_card(&self, card: CardId) -> Result<Option<Review>> {
        self.optional(LAST_REVIEW_OF_CARD, [card], review_from_row)
    }

    pub fn delete_review(&self, id: i64) -> Result<()> {
        self.execute(sql!("delete_review"), [id])
    }

    /// Per deck, (new cards introduced, reviews of learned cards) on `day`.
    pub fn work_done_by_deck(
        &self,
        day: StudyDay,
    ) -> Result<std::collections::HashMap<super::DeckId, (u32, u32)>> {
        let rows = self.all(sql!("work_done_by_deck"), [day], |row| {
            Ok((row.get(0)?, (row.get(1)?, row.get(2)?)))
        })?;
        Ok(rows.into_iter().collect())
    }

    /// The per-day summaries of `deck` from `from` to `to`.
    pub fn day_summaries(
        &self,
        deck: super::DeckId,
        from: StudyDay,
        to: StudyDay,
    ) -> Result<Vec<DaySummary>> {
        self.all(
            sql!("day_summaries"),
            params![deck, from, to],
            day_summary_from_row,
        )
    }

    /// Every study day on which `deck` saw a review of the learner's own, in order.
    pub fn active_days(&self, deck: super::DeckId) -> Result<Vec<StudyDay>> {
        self.all(sql!("active_days"), [deck], super::first_column)
    }

    /// The whole collection's per-day figures (every deck's, deleted decks' included) from
    /// `from` to `to`: one row a day, kept by triggers.
    pub fn day_totals(&self, from: StudyDay, to: StudyDay) -> Result<Vec<DaySummary>> {
        self.all(sql!("day_totals"), params![from, to], day_summary_from_row)
    }

    /// Every study day on which any deck saw a review of the learner's own, in order.
    pub fn active_days_total(&self) -> Result<Vec<StudyDay>> {
        self.all(sql!("active_days_total"), [], super::first_column)
    }

    /// Calls `each` for every answer of `deck` (or of all decks) from `since` on (or from the
    /// beginning), oldest first, one row at a time: the log is never held in memory.
    pub fn for_each_review(
        &self,
        deck: Option<super::DeckId>,
        since: Option<StudyDay>,
        mut each: impl FnMut(LoggedReview) -> Result<()>,
    ) -> Result<()> {
        let since = since.unwrap_or(StudyDay::from_days_since_epoch(i32::MIN));
        let mut stmt = match deck {
            Some(_) => self.conn.prepare_cached(FOR_EACH_REVIEW_OF_DECK)?,
            None => self.conn.prepare_cached(FOR_EACH_REVIEW)?,
        };
        let mut rows = match deck {
            Some(deck) => stmt.query(params![deck, since])?,
            None => stmt.query(params![since])?,
        };
        while let Some(row) = rows.next()? {
            let mut review = review_from_row(row)?;
            let deleted: Option<CardId> = row.get(REVIEW_COLUMNS + 2)?;
            if let Some(id) = deleted {
                review.card_id = id;
            }
            each(LoggedReview {
                review,
                key: row.get(REVIEW_COLUMNS)?,
                deck: row.get(REVIEW_COLUMNS + 1)?,
                deleted: deleted.is_some(),
            })?;
        }
        Ok(())
    }

    /// Every answer of `day` in order, as (card, grade, kind).
    /// Cards whose last scheduled or re-drill answer on `day` left them below 4 (their
    /// `redrill_day`), in the order they were added.
    pub fn unfinished_on(&self, day: StudyDay) -> Result<Vec<Unfinished>> {
        self.all(sql!("unfinished_today"), [day], |row| {
            Ok(Unfinished {
                card: row.get(0)?,
                deck: row.get(1)?,
                suspended: row.get(2)?,
                buried_until: row.get(3)?,
                due_day: row.get(4)?,
            })
        })
    }

    pub fn reviews_of_card(&self, card: CardId) -> Result<Vec<Review>> {
        self.all(REVIEWS_OF_CARD, [card], review_from_row)
    }
}
