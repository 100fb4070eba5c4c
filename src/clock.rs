//! The one place that reads the system time, a fixed clock for `--now` and tests, and the
//! pure mapping from an instant to a study day.

use crate::scheduler::StudyDay;
use chrono::{DateTime, FixedOffset, Local, LocalResult, NaiveDate, NaiveDateTime, TimeZone};

/// Where commands get "now" from; only `main` chooses which.
pub trait Clock {
    /// The current instant, with the local UTC offset in force at that instant.
    fn now(&self) -> DateTime<FixedOffset>;
}

/// The real clock, in the local time zone (`TZ` is honoured).
pub struct SystemClock;

impl Clock for SystemClock {
    fn now(&self) -> DateTime<FixedOffset> {
        Local::now().fixed_offset()
    }
}

/// A clock stopped at one instant: `--now`, `RECALL_NOW` and tests.
pub struct FixedClock(pub DateTime<FixedOffset>);

impl Clock for FixedClock {
    fn now(&self) -> DateTime<FixedOffset> {
        self.0
    }
}

/// The hour a date-only `--now` stands for: midday, safely inside that study day whatever the
/// rollover hour.
const DATE_ONLY_HOUR: u32 = 12;

/// Parses `--now`: `2026-12-01` (midday local), `2026-12-01T08:30` or `2026-12-01 08:30[:ss]`
/// (local time), or RFC 3339 with an offset.
pub fn parse_now(text: &str) -> Result<DateTime<FixedOffset>, String> {
    let text = text.trim();
    if let Ok(instant) = DateTime::parse_from_rfc3339(text) {
        return Ok(instant);
    }
    let local_formats = [
        "%Y-%m-%dT%H:%M:%S",
        "%Y-%m-%dT%H:%M",
        "%Y-%m-%d %H:%M:%S",
        "%Y-%m-%d %H:%M",
    ];
    let naive = local_formats
        .iter()
        .find_map(|format| NaiveDateTime::parse_from_str(text, format).ok())
        .or_else(|| {
            NaiveDate::parse_from_str(text, "%Y-%m-%d")
                .ok()
                .and_then(|date| date.and_hms_opt(DATE_ONLY_HOUR, 0, 0))
        })
        .ok_or_else(|| {
            format!(
                "'{text}' is not a time: expected 2026-12-01, 2026-12-01T08:30 or RFC 3339 \
                 (2026-12-01T08:30:00+01:00)"
            )
        })?;
    match Local.from_local_datetime(&naive) {
        LocalResult::Single(instant) => Ok(instant.fixed_offset()),
        LocalResult::Ambiguous(earliest, _) => Ok(earliest.fixed_offset()),
        LocalResult::None => Err(format!(
            "'{text}' does not exist in the local time zone (a daylight-saving gap)"
        )),
    }
}

/// `study_day` of a Unix time in seconds under a fixed offset, in integer arithmetic: for the
/// million timestamps of an imported review log. Out-of-range times saturate.
pub fn study_day_at(unix_seconds: i64, offset: FixedOffset, rollover_hour: u32) -> StudyDay {
    const DAY: i64 = 86_400;
    let local = unix_seconds
        .saturating_add(i64::from(offset.local_minus_utc()))
        .saturating_sub(i64::from(rollover_hour) * 3_600);
    let days = local.div_euclid(DAY);
    StudyDay::from_days_since_epoch(i32::try_from(days).unwrap_or(if days < 0 {
        i32::MIN
    } else {
        i32::MAX
    }))
}

/// The study day an instant belongs to: its local date, moved back one day before the rollover
/// hour (with rollover at 04:00, 01:30 still counts for the day before).
pub fn study_day(now: DateTime<FixedOffset>, rollover_hour: u32) -> StudyDay {
    let shifted = now.naive_local() - chrono::Duration::hours(i64::from(rollover_hour));
    StudyDay::from_date(shifted.date())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(text: &str) -> DateTime<FixedOffset> {
        DateTime::parse_from_rfc3339(text).expect("valid RFC 3339")
    }

    #[test]
    fn integer_study_days_agree_with_the_calendar() {
        // Across offsets (east, west, half-hour), rollover hours, midnight and the year's end.
        for offset_minutes in [-600, -300, 0, 60, 330, 840] {
            let offset = FixedOffset::east_opt(offset_minutes * 60).expect("offset");
            for rollover in [0, 4, 23] {
                for seconds in
                    (1_798_675_200i64 - 3 * 86_400..1_798_675_200 + 3 * 86_400).step_by(1_777)
                {
                    let instant = DateTime::from_timestamp(seconds, 0)
                        .expect("in range")
                        .with_timezone(&offset);
                    assert_eq!(
                        study_day_at(seconds, offset, rollover),
                        study_day(instant, rollover),
                        "{instant} rollover {rollover}"
                    );
                }
            }
        }
        let utc = FixedOffset::east_opt(0).expect("utc");
        assert_eq!(
            study_day_at(i64::MAX, utc, 4),
            StudyDay::from_days_since_epoch(i32::MAX)
        );
        assert_eq!(
            study_day_at(i64::MIN, utc, 4),
            StudyDay::from_days_since_epoch(i32::MIN)
        );
    }

    #[test]
    fn study_day_rolls_over_at_the_configured_hour() {
        let cases = [
            ("2026-12-01T01:30:00+00:00", 4, "2026-11-30"),
            ("2026-12-01T03:59:59+00:00", 4, "2026-11-30"),
            ("2026-12-01T04:00:00+00:00", 4, "2026-12-01"),
            ("2026-12-01T23:59:00+00:00", 4, "2026-12-01"),
            ("2026-12-01T00:00:00+00:00", 0, "2026-12-01"),
            ("2026-12-01T05:00:00+00:00", 6, "2026-11-30"),
            // The offset is the local one: 23:30 in UTC-05 is still Dec 1 locally.
            ("2026-12-01T23:30:00-05:00", 4, "2026-12-01"),
            ("2026-01-01T02:00:00+01:00", 4, "2025-12-31"),
        ];
        for (instant, rollover, expected) in cases {
            assert_eq!(
                study_day(at(instant), rollover).to_string(),
                expected,
                "{instant} with rollover {rollover}"
            );
        }
    }

    #[test]
    fn rfc3339_is_taken_as_given() {
        let parsed = parse_now("2026-12-01T08:30:00+01:00").expect("parses");
        assert_eq!(parsed, at("2026-12-01T08:30:00+01:00"));
    }

    #[test]
    fn local_forms_parse_to_the_same_local_wall_time() {
        for (text, expected) in [
            ("2026-12-01", "2026-12-01 12:00:00"),
            ("2026-12-01T08:30", "2026-12-01 08:30:00"),
            ("2026-12-01 08:30:15", "2026-12-01 08:30:15"),
        ] {
            let parsed = parse_now(text).expect("parses");
            assert_eq!(
                parsed.naive_local().format("%Y-%m-%d %H:%M:%S").to_string(),
                expected
            );
        }
    }

    #[test]
    fn nonsense_is_refused_with_the_accepted_forms() {
        for bad in ["tomorrow", "2026-13-01", "", "2026-12-01T25:00"] {
            let message = parse_now(bad).expect_err(bad);
            assert!(message.contains("2026-12-01T08:30"), "{message}");
        }
    }
}
