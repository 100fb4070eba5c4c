//! The review history: one row per answer, with the card's state before and after.

use super::{CardId, Store};
use crate::error::Result;
use crate::scheduler::{CardState, Grade, StudyDay};
use rusqlite::{Row, params};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReviewKind {
    /// An SM-2 review: it moved the schedule.
    Scheduled,
    /// A same-day repeat of a card graded below 4: kept, but the schedule did not move.
    Redrill,
}

impl ReviewKind {
    pub fn as_str(self) -> &'static str {
        match self {
            ReviewKind::Scheduled => "scheduled",
            ReviewKind::Redrill => "redrill",
        }
    }

    fn parse(text: &str) -> Option<ReviewKind> {
        match text {
            "scheduled" => Some(ReviewKind::Scheduled),
            "redrill" => Some(ReviewKind::Redrill),
            _ => None,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Review {
    pub card_id: CardId,
    /// Milliseconds since 1970-01-01 UTC.
    pub reviewed_at_ms: i64,
    pub study_day: StudyDay,
    pub grade: Grade,
    pub kind: ReviewKind,
    pub response_ms: i64,
    pub before: CardState,
    pub after: CardState,
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
    Ok(Review {
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
        ])?;
        Ok(())
    }

    /// How many new cards had their first scheduled review on `day`, across all sessions.
    pub fn new_cards_introduced_on(&self, day: StudyDay) -> Result<u32> {
        let mut stmt = self.conn.prepare_cached(sql!("new_cards_introduced_on"))?;
        Ok(stmt.query_row([day], |row| row.get(0))?)
    }

    /// Every answer of `day` in order, as (card, grade).
    pub fn answers_on(&self, day: StudyDay) -> Result<Vec<(CardId, Grade)>> {
        let mut stmt = self.conn.prepare_cached(sql!("answers_on"))?;
        let rows = stmt.query_map([day], |row| Ok((row.get(0)?, row.get::<_, u8>(1)?)))?;
        let mut answers = Vec::new();
        for row in rows {
            let (card, grade) = row?;
            if let Some(grade) = Grade::new(grade) {
                answers.push((card, grade));
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
