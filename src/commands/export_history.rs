//! `export-history [--format csv|json] [-o FILE]`: every review with its card, streamed from the
//! log (the history of a collection can hold millions of rows).

use super::Context;
use super::output::{JsonArray, to_file_or};
use super::rows::{ReviewRow, card_reference, utc_time};
use crate::error::Result;
use crate::scheduler::CardState;
use std::io::Write;
use std::path::PathBuf;

#[derive(Debug, Clone, PartialEq, Eq, clap::Args)]
pub struct Args {
    #[arg(long, value_enum, default_value_t = HistoryFormat::Csv)]
    pub format: HistoryFormat,
    /// Write to this file instead of standard output
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum HistoryFormat {
    Csv,
    Json,
}

/// The columns of the CSV before the two states.
const CSV_COLUMNS: [&str; 9] = [
    "card",
    "deck",
    "key",
    "time",
    "study_day",
    "grade",
    "kind",
    "response_ms",
    "deleted",
];

/// The columns of one card state, after `before_` or `after_`.
const STATE_COLUMNS: [&str; 5] = ["ef", "reps", "interval", "due", "lapses"];

fn state_values(state: &CardState) -> [String; 5] {
    [
        state.ease_factor.to_string(),
        state.repetitions.to_string(),
        state.interval_days.to_string(),
        state.due_day.map(|d| d.to_string()).unwrap_or_default(),
        state.lapses.to_string(),
    ]
}

impl Args {
    pub fn run(&self, ctx: &Context<'_>, out: &mut dyn Write) -> Result<()> {
        to_file_or(
            self.output.as_deref(),
            out,
            ctx.style.terminal,
            |sink| match self.format {
                HistoryFormat::Json => {
                    let mut array = JsonArray::start(sink)?;
                    ctx.store.for_each_review(None, None, |logged| {
                        array.push(&ReviewRow::logged(&logged))
                    })?;
                    array.finish()?;
                    Ok(())
                }
                HistoryFormat::Csv => {
                    let mut writer = csv::Writer::from_writer(sink);
                    let header: Vec<String> = CSV_COLUMNS
                        .iter()
                        .map(|name| name.to_string())
                        .chain(["before", "after"].iter().flat_map(|prefix| {
                            STATE_COLUMNS
                                .iter()
                                .map(move |field| format!("{prefix}_{field}"))
                        }))
                        .collect();
                    writer.write_record(&header)?;
                    ctx.store.for_each_review(None, None, |logged| {
                        let review = &logged.review;
                        let head = [
                            card_reference(review.card_id),
                            logged.deck,
                            logged.key,
                            utc_time(review.reviewed_at_ms),
                            review.study_day.to_string(),
                            review.grade.value().to_string(),
                            review.kind.as_str().to_string(),
                            review.response_ms.to_string(),
                            u8::from(logged.deleted).to_string(),
                        ];
                        writer.write_record(
                            head.iter()
                                .chain(&state_values(&review.before))
                                .chain(&state_values(&review.after)),
                        )?;
                        Ok(())
                    })?;
                    writer.flush()?;
                    Ok(())
                }
            },
        )
    }
}
