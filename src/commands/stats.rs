//! `stats [DECK] [--json]`: today's work, streaks, retention, a year of reviews, the next 30
//! days and the EF and interval distributions. Everything comes from the per-day summary and
//! from indexes, so the cost follows the number of days and decks, not the size of the log.

use super::output::write_json;
use super::{Context, resolve_decks};
use crate::charts;
use crate::error::Result;
use crate::scheduler::StudyDay;
use crate::store::{DaySummary, Deck, Store};
use crate::text::counted;
use serde::Serialize;
use std::collections::{BTreeSet, HashMap};
use std::io::Write;

/// The windows retention is reported over, in days.
pub const RETENTION_WINDOWS: [u32; 3] = [7, 30, 365];
const FORECAST_DAYS: u32 = 30;
const YEAR_DAYS: u32 = 365;

#[derive(Debug, Clone, Default, PartialEq, Eq, clap::Args)]
pub struct Args {
    /// Only this deck (and its subdecks)
    pub deck: Option<String>,
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Stats {
    pub today: StudyDay,
    pub answered_today: u32,
    /// Due, new and re-drill cards a session would show now: the greeting's count.
    pub still_due_today: u32,
    pub new_seen_today: u32,
    pub current_streak: u32,
    pub longest_streak: u32,
    pub retention: Vec<Retention>,
    /// (study day, answers) for the days of the last year with any answer.
    pub reviews_per_day: Vec<(StudyDay, u32)>,
    /// Cards falling due on each of the next 30 days.
    pub forecast: Vec<(StudyDay, u32)>,
    pub ease_factors: Vec<(String, u32)>,
    pub intervals: Vec<(String, u32)>,
    /// Cards deleted from these decks (for the whole collection, also from decks since
    /// deleted), and their answers, which still count in the history above.
    pub deleted_cards: i64,
    pub deleted_answers: i64,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Retention {
    pub days: u32,
    /// Scheduled reviews in the window, and how many were graded 3 or more.
    pub reviews: u32,
    pub passed: u32,
    /// passed / reviews, absent when there were no reviews.
    pub rate: Option<f64>,
}

/// The current streak (consecutive study days with answers, ending today, or yesterday when
/// today has none yet) and the longest one, from the sorted days that had answers.
pub fn streaks(active: &[StudyDay], today: StudyDay) -> (u32, u32) {
    let mut longest = 0;
    let mut run = 0;
    let mut previous: Option<StudyDay> = None;
    for day in active.iter().copied().filter(|day| *day <= today) {
        run = match previous {
            Some(p) if p.days_until(day) == 1 => run + 1,
            Some(p) if p == day => run,
            _ => 1,
        };
        longest = longest.max(run);
        previous = Some(day);
    }
    let current = match previous {
        Some(last) if today.days_until(last) >= -1 => run,
        _ => 0,
    };
    (current, longest)
}

/// Share of scheduled reviews graded 3 or more in the `days` study days ending today.
pub fn retention(summaries: &[DaySummary], today: StudyDay, days: u32) -> Retention {
    let first = today.plus_days(1).days_since_epoch() - i32::try_from(days).unwrap_or(i32::MAX);
    let (reviews, passed) = summaries
        .iter()
        .filter(|s| s.day.days_since_epoch() >= first && s.day <= today)
        .fold((0, 0), |(r, p), s| (r + s.scheduled, p + s.passed));
    Retention {
        days,
        reviews,
        passed,
        rate: (reviews > 0).then(|| f64::from(passed) / f64::from(reviews)),
    }
}

const EASE_LABELS: [&str; 5] = ["1.30-1.69", "1.70-2.09", "2.10-2.49", "2.50-2.89", "2.90+"];

/// The interval buckets' labels, in `store::interval_bucket`'s order.
pub const INTERVAL_LABELS: [&str; 8] = [
    "1 day",
    "2-3 days",
    "4-7 days",
    "8-21 days",
    "22-60 days",
    "61-180 days",
    "181-365 days",
    "over a year",
];

/// Deck 0 holds the history summaries of deleted decks: only the whole collection counts it.
const DELETED_DECKS: crate::store::DeckId = 0;

/// Gathers the statistics of `decks` (the whole collection: `whole`) as of `today`. Answers to
/// deleted cards count in the history figures (today, streaks, retention, reviews per day) of
/// the deck they were deleted from; a deleted deck's, in the whole collection's.
pub fn compute(
    store: &Store,
    decks: &[Deck],
    whole: bool,
    today: StudyDay,
    settings: &crate::settings::Settings,
) -> Result<Stats> {
    let year_start = StudyDay::from_days_since_epoch(
        today.days_since_epoch() - i32::try_from(YEAR_DAYS - 1).unwrap_or(0),
    );
    let mut per_day: HashMap<StudyDay, DaySummary> = HashMap::new();
    let mut active: BTreeSet<StudyDay> = BTreeSet::new();
    let mut forecast: HashMap<StudyDay, u32> = HashMap::new();
    let mut ease = [0u32; 5];
    let mut intervals = [0u32; INTERVAL_LABELS.len()];
    let history_of: Vec<crate::store::DeckId> = decks
        .iter()
        .map(|deck| deck.id)
        .chain(whole.then_some(DELETED_DECKS))
        .collect();
    let (mut deleted_cards, mut deleted_answers) = (0, 0);
    for deck in &history_of {
        let (cards, answers) = store.deleted_in_deck(*deck)?;
        deleted_cards += cards;
        deleted_answers += answers;
    }
    // The whole collection's history is kept per day; a choice of decks adds theirs up.
    let (history, active_days) = if whole {
        (
            store.day_totals(year_start, today)?,
            store.active_days_total()?,
        )
    } else {
        let mut history = Vec::new();
        let mut active_days = Vec::new();
        for deck in &history_of {
            history.extend(store.day_summaries(*deck, year_start, today)?);
            active_days.extend(store.active_days(*deck)?);
        }
        (history, active_days)
    };
    active.extend(active_days);
    for summary in history {
        let entry = per_day.entry(summary.day).or_insert(DaySummary {
            day: summary.day,
            scheduled: 0,
            passed: 0,
            new_seen: 0,
            redrill: 0,
            cram: 0,
            imported: 0,
        });
        entry.scheduled += summary.scheduled;
        entry.passed += summary.passed;
        entry.new_seen += summary.new_seen;
        entry.redrill += summary.redrill;
        entry.cram += summary.cram;
        entry.imported += summary.imported;
    }
    for deck in decks {
        for (day, count) in
            store.forecast(deck.id, today.plus_days(1), today.plus_days(FORECAST_DAYS))?
        {
            *forecast.entry(day).or_default() += count;
        }
        for (ease_bucket, interval_bucket, cards) in store.ease_interval_histogram(deck.id)? {
            let slot = |bucket: u32| usize::try_from(bucket).unwrap_or(usize::MAX);
            if let Some(count) = ease.get_mut(slot(ease_bucket)) {
                *count += cards;
            }
            if let Some(count) = intervals.get_mut(slot(interval_bucket)) {
                *count += cards;
            }
        }
    }
    let mut summaries: Vec<DaySummary> = per_day.into_values().collect();
    summaries.sort_by_key(|s| s.day);
    let active: Vec<StudyDay> = active.into_iter().collect();
    let (current_streak, longest_streak) = streaks(&active, today);
    let todays = summaries.iter().find(|s| s.day == today);
    let counts = crate::session::today_counts(store, decks, today, settings)?;
    Ok(Stats {
        today,
        answered_today: todays.map_or(0, |s| s.scheduled + s.redrill + s.cram),
        still_due_today: counts.total(),
        new_seen_today: todays.map_or(0, |s| s.new_seen),
        current_streak,
        longest_streak,
        retention: RETENTION_WINDOWS
            .iter()
            .map(|days| retention(&summaries, today, *days))
            .collect(),
        reviews_per_day: summaries
            .iter()
            .filter(|s| s.scheduled + s.redrill + s.cram > 0)
            .map(|s| (s.day, s.scheduled + s.redrill + s.cram))
            .collect(),
        forecast: (1..=FORECAST_DAYS)
            .map(|offset| {
                let day = today.plus_days(offset);
                (day, forecast.get(&day).copied().unwrap_or(0))
            })
            .collect(),
        ease_factors: EASE_LABELS
            .iter()
            .zip(ease)
            .map(|(label, count)| (label.to_string(), count))
            .collect(),
        intervals: INTERVAL_LABELS
            .iter()
            .zip(intervals)
            .map(|(label, count)| (label.to_string(), count))
            .collect(),
        deleted_cards,
        deleted_answers,
    })
}

fn percent(retention: &Retention) -> String {
    match retention.rate {
        Some(rate) => format!(
            "{:.0}% ({}/{})",
            rate * 100.0,
            retention.passed,
            retention.reviews
        ),
        None => "no reviews".to_string(),
    }
}

/// The statistics as text, charts drawn in Unicode blocks or ASCII.
pub fn render(stats: &Stats, today: StudyDay, style: crate::text::Style) -> Vec<String> {
    let unicode = style.unicode;
    let mut lines = vec![
        format!(
            "{} {} answered, {} still waiting, {} new seen",
            style.bold(&format!("Today ({}):", stats.today)),
            stats.answered_today,
            stats.still_due_today,
            stats.new_seen_today
        ),
        format!(
            "{} {} (longest {})",
            style.bold("Streak:"),
            counted(stats.current_streak, "day"),
            counted(stats.longest_streak, "day")
        ),
        // The windows on a line of their own: the line fits 80 columns.
        format!(
            "{}\n  {}",
            style.bold("Retention (scheduled reviews graded 3+):"),
            stats
                .retention
                .iter()
                .map(|r| format!("{} days {}", r.days, percent(r)))
                .collect::<Vec<_>>()
                .join(" · ")
        ),
    ];
    if stats.deleted_cards > 0 {
        // Their answers are history: counted in answers, streaks, retention and reviews per
        // day; the cards are gone from the forecast and the EF and interval charts.
        lines.push(format!(
            "{} {} ({}), still counted in answers, streaks and retention",
            style.bold("Deleted:"),
            counted(stats.deleted_cards, "card"),
            counted(stats.deleted_answers, "answer")
        ));
    }
    lines.push(String::new());
    let per_day: HashMap<StudyDay, u32> = stats.reviews_per_day.iter().copied().collect();
    let busiest = per_day.values().max().copied().unwrap_or(0);
    lines.push(
        style
            .bold(&format!(
                "Reviews per day, last 12 months (busiest day: {busiest}):"
            ))
            .into_owned(),
    );
    lines.extend(charts::heatmap(&per_day, today, unicode));
    lines.push(String::new());
    let values: Vec<u32> = stats.forecast.iter().map(|(_, count)| *count).collect();
    let labels: Vec<String> = (1..=stats.forecast.len())
        .map(|offset| {
            if offset == 1 || offset % 5 == 0 {
                format!("+{offset}")
            } else {
                String::new()
            }
        })
        .collect();
    lines.push(
        style
            .bold(&format!(
                "Due in the next {} ({}):",
                counted(stats.forecast.len(), "day"),
                counted(values.iter().sum::<u32>(), "card")
            ))
            .into_owned(),
    );
    lines.extend(charts::columns(&values, &labels, 6, unicode));
    lines.push(String::new());
    lines.push(style.bold("Ease factors (reviewed cards):").into_owned());
    lines.extend(charts::bars(&stats.ease_factors, 30, unicode));
    lines.push(String::new());
    lines.push(style.bold("Intervals:").into_owned());
    lines.extend(charts::bars(&stats.intervals, 30, unicode));
    lines
}

impl Args {
    pub fn run(&self, ctx: &Context<'_>, out: &mut dyn Write) -> Result<()> {
        let settings = ctx.settings()?;
        let today = ctx.today_under(&settings);
        let decks = resolve_decks(ctx.store, self.deck.as_deref())?;
        let stats = compute(ctx.store, &decks, self.deck.is_none(), today, &settings)?;
        if self.json {
            return write_json(out, &stats);
        }
        for line in render(&stats, today, ctx.style) {
            writeln!(out, "{line}")?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(n: i32) -> StudyDay {
        StudyDay::from_days_since_epoch(n)
    }

    #[test]
    fn streaks_count_consecutive_days() {
        let cases: &[(&[i32], i32, (u32, u32))] = &[
            (&[], 100, (0, 0)),
            (&[100], 100, (1, 1)),
            // Nothing yet today: yesterday's run still counts.
            (&[98, 99], 100, (2, 2)),
            // A day missed breaks the run.
            (&[90, 91, 92, 93, 97, 98], 100, (0, 4)),
            (&[90, 91, 92, 93, 98, 99, 100], 100, (3, 4)),
            (&[95, 96, 97, 98, 99, 100], 100, (6, 6)),
        ];
        for (active, today, expected) in cases {
            let days: Vec<StudyDay> = active.iter().map(|d| day(*d)).collect();
            assert_eq!(
                streaks(&days, day(*today)),
                *expected,
                "{active:?} on {today}"
            );
        }
    }

    #[test]
    fn retention_counts_the_window_ending_today() {
        let summary = |d, scheduled, passed| DaySummary {
            day: day(d),
            scheduled,
            passed,
            new_seen: 0,
            redrill: 0,
            cram: 0,
            imported: 0,
        };
        // Days 94-100 are the last 7; day 93 is outside.
        let summaries = [summary(93, 10, 0), summary(94, 4, 3), summary(100, 6, 6)];
        let week = retention(&summaries, day(100), 7);
        assert_eq!((week.reviews, week.passed), (10, 9));
        assert_eq!(week.rate, Some(0.9));
        let month = retention(&summaries, day(100), 30);
        assert_eq!((month.reviews, month.passed), (20, 9));
        assert_eq!(retention(&[], day(100), 7).rate, None);
    }

    #[test]
    fn buckets_are_forty_hundredths_wide_and_end_at_the_labelled_days() {
        use crate::store::{ease_bucket, interval_bucket};
        let cases = [
            (130, 0),
            (169, 0),
            (170, 1),
            (250, 3),
            (289, 3),
            (290, 4),
            (500, 4),
        ];
        for (hundredths, bucket) in cases {
            assert_eq!(ease_bucket(hundredths), bucket, "{hundredths}");
        }
        let cases = [
            (0, 0),
            (1, 0),
            (2, 1),
            (3, 1),
            (4, 2),
            (21, 3),
            (22, 4),
            (365, 6),
            (366, 7),
        ];
        for (days, bucket) in cases {
            assert_eq!(
                interval_bucket(days),
                bucket,
                "{days}: {}",
                INTERVAL_LABELS[bucket as usize]
            );
        }
    }
}
