//! Anki's day arithmetic (rslib `scheduler/timing.rs`): which day number "today" is in a
//! collection, counted from its creation. A review card's `due` is such a day number, so the
//! days until it is due are `due - today`, which is what an import keeps (Anki's own importer
//! shifts every due by the difference between the two collections' todays).

use chrono::{DateTime, Datelike, FixedOffset, TimeZone, Timelike};

/// What a collection's day numbers are counted from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Timing {
    /// `col.crt`: the collection's creation, in Unix seconds.
    pub created: i64,
    /// The UTC offset at creation (`creationOffset`, minutes west of UTC in the collection);
    /// `None` for collections made before Anki recorded it.
    pub creation_offset: Option<FixedOffset>,
    /// The hour at which Anki's day starts (`rollover`, 4 unless set).
    pub rollover_hour: u32,
}

/// An offset given in minutes west of UTC, as Anki stores it, within what is possible.
pub fn offset_from_minutes_west(minutes: i64) -> FixedOffset {
    let bounded = i32::try_from(minutes.clamp(-23 * 60, 23 * 60)).unwrap_or(0);
    FixedOffset::west_opt(bounded * 60).unwrap_or_else(|| FixedOffset::east_opt(0).expect("UTC"))
}

impl Timing {
    /// Anki's `days_elapsed` at `now` (local time at the importer's offset): 0 on the day the
    /// collection was made. `None` for instants chrono cannot represent.
    pub fn days_elapsed(&self, now: DateTime<FixedOffset>) -> Option<i64> {
        let rollover = self.rollover_hour % 24;
        let at_rollover = |moment: DateTime<FixedOffset>| {
            moment
                .with_hour(rollover)?
                .with_minute(0)?
                .with_second(0)?
                .with_nanosecond(0)
        };
        match self.creation_offset {
            Some(offset) => {
                // Calendar days between the creation date (in its own offset) and today,
                // one less before today's rollover.
                let created = offset.timestamp_opt(self.created, 0).single()?;
                let passed = at_rollover(now)? <= now;
                let days = i64::from(now.num_days_from_ce() - created.num_days_from_ce());
                Some(if passed { days } else { days - 1 }.max(0))
            }
            None => {
                // Older collections: whole days since the creation day's rollover, in today's
                // offset.
                let created = now.offset().timestamp_opt(self.created, 0).single()?;
                let start = at_rollover(created)?.timestamp();
                Some((now.timestamp() - start) / 86_400)
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(text: &str) -> DateTime<FixedOffset> {
        DateTime::parse_from_rfc3339(text).expect("instant")
    }

    #[test]
    fn days_are_counted_as_anki_counts_them() {
        // Made at 2026-07-01 10:00 in New York summer time (UTC-4, 240 minutes west).
        let created = at("2026-07-01T10:00:00-04:00").timestamp();
        let timing = Timing {
            created,
            creation_offset: Some(offset_from_minutes_west(240)),
            rollover_hour: 4,
        };
        let cases = [
            // The same day; before and after the next rollover.
            ("2026-07-01T23:00:00-04:00", 0),
            ("2026-07-02T03:59:00-04:00", 0),
            ("2026-07-02T04:00:00-04:00", 1),
            // In winter time (UTC-5): calendar dates still count, whatever the offset.
            ("2026-12-07T03:00:00-05:00", 158),
            ("2026-12-07T05:00:00-05:00", 159),
            // Before the creation: never negative.
            ("2026-06-01T12:00:00-04:00", 0),
        ];
        for (now, expected) in cases {
            assert_eq!(timing.days_elapsed(at(now)), Some(expected), "{now}");
        }
        // Without a recorded creation offset: whole days from the creation day's rollover in
        // today's offset.
        let legacy = Timing {
            creation_offset: None,
            ..timing
        };
        assert_eq!(
            legacy.days_elapsed(at("2026-07-02T03:59:00-04:00")),
            Some(0)
        );
        assert_eq!(
            legacy.days_elapsed(at("2026-07-02T04:00:00-04:00")),
            Some(1)
        );
        assert_eq!(
            legacy.days_elapsed(at("2026-12-07T05:00:00-05:00")),
            Some(159)
        );
        assert_eq!(
            offset_from_minutes_west(-60),
            FixedOffset::east_opt(3600).expect("+1")
        );
        assert_eq!(
            offset_from_minutes_west(99_999),
            FixedOffset::west_opt(23 * 3600).expect("max")
        );
    }
}
