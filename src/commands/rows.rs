//! The rows that listings and `--json` print for cards and reviews: one shape per thing shown,
//! shared by every command that shows it.

use crate::error::Result;
use crate::scheduler::{CardState, StudyDay};
use crate::store::{Card, CardId, LoggedReview, Review};
use crate::text;
use serde::Serialize;
use std::io::Write;

/// The name of a card that other commands accept back: `@14`, which survives being pasted
/// unquoted into a shell (`#14`, still accepted, starts a comment in bash).
pub fn card_reference(id: CardId) -> String {
    format!("@{id}")
}

/// A card and its SM-2 schedule, as `cards`, `search` and `show` print it in JSON.
#[derive(Serialize)]
pub struct CardRow<'a> {
    /// The reference other commands accept: `@12`.
    id: String,
    deck: &'a str,
    key: &'a str,
    front: &'a str,
    back: &'a str,
    tags: &'a [String],
    /// EF as a number, exact to the hundredth (2.36).
    ef: f64,
    reps: u32,
    interval: u32,
    /// `YYYY-MM-DD`, null while new.
    due: Option<StudyDay>,
    lapses: u32,
    suspended: bool,
    /// Buried until this study day (`YYYY-MM-DD`), if it is.
    #[serde(skip_serializing_if = "Option::is_none")]
    buried_until: Option<StudyDay>,
    /// The source item it shares with its siblings (a note, a table row), if any.
    #[serde(skip_serializing_if = "Option::is_none")]
    group: Option<&'a str>,
}

impl<'a> CardRow<'a> {
    pub fn new(card: &'a Card) -> CardRow<'a> {
        CardRow {
            id: card_reference(card.id),
            deck: &card.deck,
            key: &card.key,
            front: &card.front,
            back: &card.back,
            tags: &card.tags,
            ef: card.state.ease_factor.as_f64(),
            reps: card.state.repetitions,
            interval: card.state.interval_days,
            due: card.state.due_day,
            lapses: card.state.lapses,
            suspended: card.suspended,
            buried_until: card.buried_until,
            group: card.sibling_item(),
        }
    }
}

/// A card's SM-2 state in JSON.
#[derive(Serialize)]
pub struct StateJson {
    ef: f64,
    reps: u32,
    interval: u32,
    due: Option<StudyDay>,
    lapses: u32,
}

impl From<&CardState> for StateJson {
    fn from(state: &CardState) -> Self {
        StateJson {
            ef: state.ease_factor.as_f64(),
            reps: state.repetitions,
            interval: state.interval_days,
            due: state.due_day,
            lapses: state.lapses,
        }
    }
}

/// One review with its card's names, as `history --json`, `show --json` and `export-history`
/// write it.
#[derive(Serialize)]
pub struct ReviewRow<'a> {
    card: String,
    deck: &'a str,
    key: &'a str,
    /// RFC 3339, UTC.
    time: String,
    study_day: StudyDay,
    grade: u8,
    kind: &'static str,
    response_ms: i64,
    before: StateJson,
    after: StateJson,
    /// Present (true) only for a card since deleted.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    deleted: bool,
}

impl<'a> ReviewRow<'a> {
    /// A row of the log as `for_each_review` gives it (deleted cards marked).
    pub fn logged(logged: &'a LoggedReview) -> ReviewRow<'a> {
        ReviewRow {
            deleted: logged.deleted,
            ..ReviewRow::new(&logged.review, &logged.deck, &logged.key)
        }
    }

    pub fn new(review: &Review, deck: &'a str, key: &'a str) -> ReviewRow<'a> {
        ReviewRow {
            deleted: false,
            card: card_reference(review.card_id),
            deck,
            key,
            time: utc_time(review.reviewed_at_ms),
            study_day: review.study_day,
            grade: review.grade.value(),
            kind: review.kind.as_str(),
            response_ms: review.response_ms,
            before: (&review.before).into(),
            after: (&review.after).into(),
        }
    }
}

/// A review's time as RFC 3339 in UTC.
pub fn utc_time(ms: i64) -> String {
    chrono::DateTime::from_timestamp_millis(ms)
        .map(|t| t.to_rfc3339_opts(chrono::SecondsFormat::Secs, true))
        .unwrap_or_default()
}

/// One review as a line of text: when, kind, grade, interval and EF before/after. In a listing
/// that spans several cards, `card` (its deck and key) follows in a shorter line, the name cut
/// in the middle so the line fits `columns`.
pub fn write_review_line(
    out: &mut dyn Write,
    review: &Review,
    card: Option<(&str, &str)>,
    columns: usize,
) -> Result<()> {
    let Some((deck, key)) = card else {
        writeln!(
            out,
            "{}  {:<9}  grade {}  interval {} -> {}  EF {} -> {}",
            review.study_day,
            review.kind.as_str(),
            review.grade.value(),
            review.before.interval_days,
            text::counted(review.after.interval_days, "day"),
            review.before.ease_factor,
            review.after.ease_factor,
        )?;
        return Ok(());
    };
    let line = format!(
        "{} {:<9} grade {} {:>9} EF {} -> {} {}",
        review.study_day,
        review.kind.as_str(),
        review.grade.value(),
        format!(
            "{}d -> {}d",
            review.before.interval_days, review.after.interval_days
        ),
        review.before.ease_factor,
        review.after.ease_factor,
        card_reference(review.card_id),
    );
    let name = format!("{}/{}", text::one_line(deck), text::one_line(key));
    let room = columns
        .saturating_sub(text::width(&line) + 1)
        .max(MIN_NAME_COLUMNS);
    writeln!(out, "{line} {}", text::truncate_middle(&name, room))?;
    Ok(())
}

/// A card's name in a review listing is never cut shorter than this.
const MIN_NAME_COLUMNS: usize = 12;

/// Cards shown before they are deleted, as many as a screen holds.
const DELETIONS_SHOWN: usize = 20;

/// Lists cards about to be deleted, one line each (reference, deck, question), within 80
/// columns.
pub fn list_cards_to_delete(out: &mut dyn Write, cards: &[Card]) -> Result<()> {
    for card in cards.iter().take(DELETIONS_SHOWN) {
        let place = format!(
            "{} {}",
            card_reference(card.id),
            text::truncate(&text::one_line(&card.deck), 20)
        );
        let front = text::one_line(&card.front);
        let room = 76usize.saturating_sub(text::width(&place) + 2);
        writeln!(out, "  {place}  {}", text::truncate(&front, room))?;
    }
    if cards.len() > DELETIONS_SHOWN {
        writeln!(out, "  ... and {} more", cards.len() - DELETIONS_SHOWN)?;
    }
    Ok(())
}
