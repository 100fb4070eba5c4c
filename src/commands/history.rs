//! `history [CARD|DECK] [--since DATE] [--json]`: the review log, oldest first, streamed.

use super::{Context, resolve_card, resolve_decks};
use crate::error::Result;
use crate::scheduler::{CardState, StudyDay};
use crate::store::{Card, CardId, Review, Store};
use crate::text;
use serde::Serialize;
use std::collections::HashMap;
use std::io::Write;

#[derive(Serialize)]
pub(super) struct StateJson {
    ef: f64,
    reps: u32,
    interval: u32,
    due: Option<String>,
    lapses: u32,
}

impl From<&CardState> for StateJson {
    fn from(state: &CardState) -> Self {
        StateJson {
            ef: state.ease_factor.as_f64(),
            reps: state.repetitions,
            interval: state.interval_days,
            due: state.due_day.map(|day| day.to_string()),
            lapses: state.lapses,
        }
    }
}

#[derive(Serialize)]
pub(super) struct ReviewRow {
    card: String,
    deck: String,
    key: String,
    /// RFC 3339, UTC.
    time: String,
    study_day: String,
    grade: u8,
    kind: &'static str,
    response_ms: i64,
    before: StateJson,
    after: StateJson,
}

impl ReviewRow {
    pub(super) fn new(review: &Review, card: &Card) -> ReviewRow {
        ReviewRow {
            card: super::card_reference(card),
            deck: card.deck.clone(),
            key: card.key.clone(),
            time: utc_time(review.reviewed_at_ms),
            study_day: review.study_day.to_string(),
            grade: review.grade.value(),
            kind: review.kind.as_str(),
            response_ms: review.response_ms,
            before: (&review.before).into(),
            after: (&review.after).into(),
        }
    }
}

/// A study day before any review: "from the beginning".
pub(super) const BEGINNING: StudyDay = StudyDay::from_days_since_epoch(i32::MIN / 2);

/// Cards read once each while walking the review log.
#[derive(Default)]
pub(super) struct CardCache(HashMap<CardId, Card>);

impl CardCache {
    pub(super) fn get(&mut self, store: &Store, id: CardId) -> Result<Option<&Card>> {
        if !self.0.contains_key(&id)
            && let Some(card) = store.card(id)?
        {
            self.0.insert(id, card);
        }
        Ok(self.0.get(&id))
    }
}

/// A review's time as RFC 3339 in UTC.
pub(super) fn utc_time(ms: i64) -> String {
    chrono::DateTime::from_timestamp_millis(ms)
        .map(|t| t.to_rfc3339_opts(chrono::SecondsFormat::Secs, true))
        .unwrap_or_default()
}

/// One review as a line of text: when, which card, grade, kind, interval and EF before/after.
pub(super) fn write_line(
    out: &mut dyn Write,
    review: &Review,
    card: &Card,
    with_card: bool,
) -> Result<()> {
    let card_name = if with_card {
        format!(
            "  {} {}/{}",
            super::card_reference(card),
            text::one_line(&card.deck),
            text::one_line(&card.key)
        )
    } else {
        String::new()
    };
    writeln!(
        out,
        "{}  {:<9}  grade {}  interval {} -> {} days  EF {} -> {}{card_name}",
        review.study_day,
        review.kind.as_str(),
        review.grade.value(),
        review.before.interval_days,
        review.after.interval_days,
        review.before.ease_factor,
        review.after.ease_factor,
    )?;
    Ok(())
}

pub fn run(
    ctx: &Context<'_>,
    target: Option<&str>,
    since: Option<chrono::NaiveDate>,
    json: bool,
    out: &mut dyn Write,
) -> Result<()> {
    let since = since.map_or(BEGINNING, StudyDay::from_date);
    let mut cards = CardCache::default();
    let mut count = 0usize;
    let mut emit = |review: Review, out: &mut dyn Write| -> Result<()> {
        let Some(card) = cards.get(ctx.store, review.card_id)? else {
            return Ok(());
        };
        if json {
            if count > 0 {
                writeln!(out, ",")?;
            }
            let row = serde_json::to_string_pretty(&ReviewRow::new(&review, card))
                .map_err(std::io::Error::from)?;
            write!(out, "{row}")?;
        } else {
            write_line(out, &review, card, true)?;
        }
        count += 1;
        Ok(())
    };
    if json {
        writeln!(out, "[")?;
    }
    match target {
        None => ctx
            .store
            .for_each_review(None, since, |review| emit(review, out))?,
        Some(name) => match resolve_decks(ctx.store, Some(name)) {
            Ok(decks) => {
                for deck in decks {
                    ctx.store
                        .for_each_review(Some(deck.id), since, |review| emit(review, out))?;
                }
            }
            Err(_) => {
                let card = resolve_card(ctx.store, name)?;
                for review in ctx.store.reviews_of_card(card.id)? {
                    if review.study_day >= since {
                        emit(review, out)?;
                    }
                }
            }
        },
    }
    if json {
        writeln!(out, "\n]")?;
    } else if count == 0 {
        writeln!(out, "No reviews.")?;
    }
    Ok(())
}
