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

/// Where the listing goes: a streamed JSON array, or one line per review.
enum Listing<'w> {
    Json(JsonArray<'w>),
    Lines(&'w mut dyn Write, usize),
}

impl Listing<'_> {
    fn push(&mut self, logged: &LoggedReview) -> Result<()> {
        match self {
            Listing::Json(array) => array.push(&ReviewRow::logged(logged)),
            Listing::Lines(out, count) => {
                *count += 1;
                let key = if logged.deleted {
                    format!("{} (deleted)", logged.key)
                } else {
                    logged.key.clone()
                };
                write_review_line(*out, &logged.review, Some((&logged.deck, &key)))
            }
        }
    }

    fn finish(self) -> Result<()> {
        match self {
            Listing::Json(array) => {
                array.finish()?;
            }
            Listing::Lines(out, 0) => writeln!(out, "No reviews.")?,
            Listing::Lines(..) => {}
        }
        Ok(())
    }
}

impl Args {
    pub fn run(&self, ctx: &Context<'_>, out: &mut dyn Write) -> Result<()> {
        let since = self.since.map(StudyDay::from_date);
        let mut listing = if self.json {
            Listing::Json(JsonArray::start(out)?)
        } else {
            Listing::Lines(out, 0)
        };
        match self.target.as_deref() {
            None => ctx
                .store
                .for_each_review(None, since, |logged| listing.push(&logged))?,
            Some(name) => match resolve_decks(ctx.store, Some(name)) {
                Ok(decks) => {
                    for deck in decks {
                        ctx.store.for_each_review(Some(deck.id), since, |logged| {
                            listing.push(&logged)
                        })?;
                    }
                }
                Err(_) => {
                    let card = resolve_card(ctx.store, name)?;
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
                }
            },
        }
        listing.finish()
    }
}
