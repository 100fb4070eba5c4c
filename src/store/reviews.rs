//! The review history: one row per answer, with the card's state before and after.

use super::{CardId, Store};
use crate::error::Result;
use crate::scheduler::{CardState, Grade, StudyDay};
use rusqlite::{OptionalExtension, Row, params};

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
        before: CardState {
            ease_factor: row.get(7)?,
            repetitions: row.get(8)?,
            interval_days: row.get(9)?,
            due_day: row.get(10)?,
            lapses: row.get(11)?,
        },
        after: CardState {
            ease_factor: row.get(12)?,
            repetitions: row.get(13)?,
            interval_days: row.get(14)?,
            due_day: row.get(15)?,
            lapses: row.get(16)?,
        },
        leech_action: LeechAction::from_code(leech_action),
    })
}

impl Store {
    pub fn insert_review(&self, review: &Review) -> Result<()> {
        let mut stmt = self.conn.prepare_cached(sql!("insert_review"))?;
        let (before, after) = (&review.before, &review.after);
        stmt.execute(params![
            review.card_id,
            review.reviewed_at_ms,
            review.study_day,
            review.grade.value(),
            review.kind.as_str(),
            review.response_ms,
            before.ease_factor,
            before.repetitions,
            before.interval_days,
            before.due_day,
            before.lapses,
            after.ease_factor,
            after.repetitions,
            after.interval_days,
            after.due_day,
            after.lapses,
            review.leech_action.code(),
        ])?;
        Ok(())
    }

    /// The newest answer of `day`, if any.
    pub fn last_review_on(&self, day: StudyDay) -> Result<Option<Review>> {
        let mut stmt = self.conn.prepare_cached(sql!("last_review_on"))?;
        Ok(stmt.query_row([day], review_from_row).optional()?)
    }

    pub fn delete_review(&self, id: i64) -> Result<()> {
        let mut stmt = self.conn.prepare_cached(sql!("delete_review"))?;
        stmt.execute([id])?;
        Ok(())
    }

    /// Per deck, (new cards introduced, reviews of learned cards) on `day`.
    pub fn work_done_by_deck(
        &self,
        day: StudyDay,
    ) -> Result<std::collections::HashMap<super::DeckId, (u32, u32)>> {
        let mut stmt = self
            .conn
            .prepare_cached(sql!("new_cards_introduced_by_deck"))?;
        let rows = stmt.query_map([day], |row| Ok((row.get(0)?, (row.get(1)?, row.get(2)?))))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// The per-day summaries of `deck` from `from` to `to`.
    pub fn day_summaries(
        &self,
        deck: super::DeckId,
        from: StudyDay,
        to: StudyDay,
    ) -> Result<Vec<DaySummary>> {
        let mut stmt = self.conn.prepare_cached(sql!("day_summaries"))?;
        let rows = stmt.query_map(params![deck, from, to], |row| {
            Ok(DaySummary {
                day: row.get(0)?,
                scheduled: row.get(1)?,
                passed: row.get(2)?,
                new_seen: row.get(3)?,
                redrill: row.get(4)?,
                cram: row.get(5)?,
                imported: row.get(6)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Every study day on which `deck` saw a review of the learner's own, in order.
    pub fn active_days(&self, deck: super::DeckId) -> Result<Vec<StudyDay>> {
        let mut stmt = self.conn.prepare_cached(sql!("active_days"))?;
        let days = stmt.query_map([deck], |row| row.get(0))?;
        Ok(days.collect::<rusqlite::Result<_>>()?)
    }

    /// Calls `each` for every answer of `deck` (or of all decks) from `since` on, oldest first.
    pub fn for_each_review(
        &self,
        deck: Option<super::DeckId>,
        since: StudyDay,
        mut each: impl FnMut(Review) -> Result<()>,
    ) -> Result<()> {
        let mut stmt = match deck {
            Some(_) => self.conn.prepare_cached(sql!("history_of_deck"))?,
            None => self.conn.prepare_cached(sql!("history_since"))?,
        };
        let mut rows = match deck {
            Some(deck) => stmt.query(params![deck, since])?,
            None => stmt.query(params![since])?,
        };
        while let Some(row) = rows.next()? {
            each(review_from_row(row)?)?;
        }
        Ok(())
    }

    /// Every answer of `day` in order, as (card, grade, kind).
    pub fn answers_on(&self, day: StudyDay) -> Result<Vec<(CardId, Grade, ReviewKind)>> {
        let mut stmt = self.conn.prepare_cached(sql!("answers_on"))?;
        let rows = stmt.query_map([day], |row| {
            Ok((row.get(0)?, row.get::<_, u8>(1)?, row.get::<_, String>(2)?))
        })?;
        let mut answers = Vec::new();
        for row in rows {
            let (card, grade, kind) = row?;
            if let (Some(grade), Some(kind)) = (Grade::new(grade), ReviewKind::parse(&kind)) {
                answers.push((card, grade, kind));
            }
        }
        Ok(answers)
    }

    pub fn reviews_of_card(&self, card: CardId) -> Result<Vec<Review>> {
        let mut stmt = self.conn.prepare_cached(sql!("reviews_of_card"))?;
        let reviews = stmt.query_map([card], review_from_row)?;
        Ok(reviews.collect::<rusqlite::Result<_>>()?)
    }
}
