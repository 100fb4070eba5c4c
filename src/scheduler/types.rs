//! The small value types of the scheduler: grades, ease factors held exactly, study days.

use chrono::{Datelike, NaiveDate};
use std::fmt;

/// A SuperMemo grade, 0 (blackout) to 5 (perfect).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Grade(u8);

impl Grade {
    pub const MAX: u8 = 5;
    /// 5: a perfect response.
    pub const PERFECT: Grade = Grade(5);

    pub fn new(value: u8) -> Option<Grade> {
        (value <= Self::MAX).then_some(Grade(value))
    }

    pub fn value(self) -> u8 {
        self.0
    }

    /// Parses one typed grade: a single digit 0-5, surrounding spaces ignored.
    pub fn parse(text: &str) -> Option<Grade> {
        text.trim().parse::<u8>().ok().and_then(Grade::new)
    }
}

/// The SM-2 easiness factor in exact hundredths (2.50 is 250).
///
/// SM-2 moves EF in steps of 0.02 from 2.50, so hundredths hold every value exactly; floating
/// point would turn 140 x 3.00 into 420.00000000000006 and round the interval up to 421.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct EaseFactor(u32);

impl EaseFactor {
    /// A new card's EF (SM-2: "EF := 2.5 for all items").
    pub const INITIAL: EaseFactor = EaseFactor(250);
    /// SM-2: "if EF is less than 1.3 then let EF be 1.3".
    pub const MINIMUM: EaseFactor = EaseFactor(130);
    /// The highest EF taken from another program's data (10.00: 750 perfect answers in a row
    /// from 2.50). SM-2 itself has no ceiling; a file claiming more is clamped here.
    pub const MAXIMUM_IMPORTED: EaseFactor = EaseFactor(1_000);

    /// An EF from hundredths, floored at the SM-2 minimum.
    pub fn from_hundredths(hundredths: u32) -> EaseFactor {
        EaseFactor(hundredths.max(Self::MINIMUM.0))
    }

    pub fn hundredths(self) -> u32 {
        self.0
    }

    pub fn as_f64(self) -> f64 {
        f64::from(self.0) / 100.0
    }

    /// EF' = EF + (0.1 - (5-q)(0.08 + (5-q)0.02)), in hundredths:
    /// 10 - d(8 + 2d) with d = 5 - q, i.e. +10, 0, -14, -32, -54, -80 for q = 5..0.
    pub fn after_grade(self, grade: Grade) -> EaseFactor {
        let distance = i64::from(Grade::MAX - grade.value());
        let delta = 10 - distance * (8 + 2 * distance);
        let next = (i64::from(self.0) + delta).max(i64::from(Self::MINIMUM.0));
        EaseFactor(u32::try_from(next).unwrap_or(u32::MAX))
    }

    /// ceil(days x EF), exactly, saturating far beyond any human lifetime.
    pub fn scale_days_rounding_up(self, days: u32) -> u32 {
        let product = u64::from(days) * u64::from(self.0);
        let rounded_up = product.div_ceil(100);
        u32::try_from(rounded_up.min(u64::from(MAX_INTERVAL_DAYS))).unwrap_or(MAX_INTERVAL_DAYS)
    }
}

/// Intervals saturate here (about 2,700 years) so that due days stay valid calendar dates;
/// SM-2 itself has no ceiling and no learner will ever reach this one.
pub const MAX_INTERVAL_DAYS: u32 = 1_000_000;

impl fmt::Display for EaseFactor {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}.{:02}", self.0 / 100, self.0 % 100)
    }
}

/// A study day: a calendar day that starts at the rollover hour, stored as days since 1970-01-01.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct StudyDay(i32);

const UNIX_EPOCH_DAYS_FROM_CE: i32 = 719_163;

impl StudyDay {
    pub const fn from_days_since_epoch(days: i32) -> StudyDay {
        StudyDay(days)
    }

    pub fn days_since_epoch(self) -> i32 {
        self.0
    }

    pub fn from_date(date: NaiveDate) -> StudyDay {
        StudyDay(date.num_days_from_ce() - UNIX_EPOCH_DAYS_FROM_CE)
    }

    pub fn date(self) -> NaiveDate {
        NaiveDate::from_num_days_from_ce_opt(self.0.saturating_add(UNIX_EPOCH_DAYS_FROM_CE))
            .unwrap_or(NaiveDate::MAX)
    }

    pub fn plus_days(self, days: u32) -> StudyDay {
        StudyDay(
            self.0
                .saturating_add(i32::try_from(days).unwrap_or(i32::MAX)),
        )
    }

    /// Whole days from `self` to `later` (negative when `later` is earlier).
    pub fn days_until(self, later: StudyDay) -> i64 {
        i64::from(later.0) - i64::from(self.0)
    }
}

impl fmt::Display for StudyDay {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.date().format("%Y-%m-%d"))
    }
}

/// Reports and JSON hold study days as `YYYY-MM-DD`, the way they are printed.
impl serde::Serialize for StudyDay {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}
