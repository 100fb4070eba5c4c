//! `history [CARD|DECK] [--since DATE] [--json]`: the review log, oldest first, streamed.

use super::output::JsonArray;
use super::rows::{ReviewRow, write_review_line};
use super::{Context, resolve_card, resolve_decks};
use crate::error::Result;
use crate::scheduler::StudyDay;
use crate::store::LoggedReview;
use std::io::Write;

#[derive(Debug, Clone, Default, PartialEq, Eq, clap::Args)]
pub struct Args {
    /// A deck name, or a card (`@ID`, `DECK/KEY`, KEY)
    pub target: Option<String>,
    /// Only reviews from this study day on (YYYY-MM-DD)
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    pub since: Option<chrono::NaiveDate>,
    #[arg(long)]
    pub json: bool,
}

fn parse_date(text: &str) -> Result<chrono::NaiveDate, String> {
    chrono::NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d")
        .map_err(|_| format!("'{text}' is not a date: expected YYYY-MM-DD"))
}

/// Where the listing goes: a streamed JSON array, or one line per review (naming its card
/// when the listing spans several, fitting `columns`).
enum Listing<'w> {
    Json(JsonArray<'w>),
    Lines {
        out: &'w mut dyn Write,
        count: usize,
        named: bool,
        columns: usize,
    },
}

impl Listing<'_> {
    fn push(&mut self, logged: &LoggedReview) -> Result<()> {
        match self {
            Listing::Json(array) => array.push(&ReviewRow::logged(logged)),
            Listing::Lines {
                out,
                count,
                named,
                columns,
            } => {
                *count += 1;
                let key = if logged.deleted {
                    format!("{} (deleted)", logged.key)
                } else {
                    logged.key.clone()
                };
                let card = named.then_some((logged.deck.as_str(), key.as_str()));
                write_review_line(*out, &logged.review, card, *columns)
            }
        }
    }

    fn finish(self) -> Result<()> {
        match self {
            Listing::Json(array) => {
                array.finish()?;
            }
            Listing::Lines { out, count: 0, .. } => writeln!(out, "No reviews.")?,
            Listing::Lines { .. } => {}
        }
        Ok(())
    }
}

impl Args {
    pub fn run(&self, ctx: &Context<'_>, out: &mut dyn Write) -> Result<()> {
        let since = self.since.map(StudyDay::from_date);
        let one_card = match self.target.as_deref() {
            Some(name) if resolve_decks(ctx.store, Some(name)).is_err() => {
                Some(resolve_card(ctx.store, name)?)
            }
            _ => None,
        };
        let mut listing = if self.json {
            Listing::Json(JsonArray::start(out)?)
        } else {
            Listing::Lines {
                out,
                count: 0,
                named: one_card.is_none(),
                columns: ctx.style.columns(),
            }
        };
        if let Some(card) = one_card {
            for review in ctx.store.reviews_of_card(card.id)? {
                if since.is_none_or(|since| review.study_day >= since) {
                    listing.push(&LoggedReview {
                        review,
                        key: card.key.clone(),
                        deck: card.deck.clone(),
                        deleted: false,
                    })?;
                }
            }
            return listing.finish();
        }
        match self.target.as_deref() {
            None => ctx
                .store
                .for_each_review(None, since, |logged| listing.push(&logged))?,
            Some(name) => {
                for deck in resolve_decks(ctx.store, Some(name))? {
                    ctx.store
                        .for_each_review(Some(deck.id), since, |logged| listing.push(&logged))?;
                }
            }
        }
        listing.finish()
    }
}
