//! Anki's schedule in SM-2's terms: its ease (or FSRS's difficulty) as an EF, its buttons as
//! grades, its intervals within what the scheduler allows, and a card's state as recall
//! carries it.

use super::collection::{AnkiCard, CardType};
use crate::scheduler::{CardState, EaseFactor, Grade, MAX_INTERVAL_DAYS, StudyDay};

/// Anki's ease (factor, in thousandths: 2500 is 250%) as an EF, floored at 1.30; a new card's
/// factor of 0 means the default 2.50. Under FSRS the same column holds the difficulty, shifted
/// to 0.1-1.1 and in thousandths (100 to 1,100, below any SM-2 factor, which is at least
/// 1,300): read as `ease_from_difficulty`.
pub(crate) fn ease_from_factor(factor: i64) -> EaseFactor {
    if factor <= 0 {
        return EaseFactor::INITIAL;
    }
    if factor <= 1_100 {
        // Anki's difficulty_shifted() * 1000 = ((D - 1) / 9 + 0.1) * 1000.
        #[allow(clippy::cast_precision_loss)]
        let shifted = factor as f64 / 1000.0;
        return ease_from_difficulty((shifted - 0.1) * 9.0 + 1.0);
    }
    let ceiling = i64::from(EaseFactor::MAXIMUM_IMPORTED.hundredths());
    EaseFactor::from_hundredths(u32::try_from((factor / 10).min(ceiling)).unwrap_or(0))
}

/// FSRS's difficulty (1 easiest, 10 hardest) as an EF on SM-2's scale: 1 is 3.00, 10 is 1.30,
/// linearly between (difficulty 4 reads 2.43).
pub(crate) fn ease_from_difficulty(difficulty: f64) -> EaseFactor {
    let difficulty = if difficulty.is_finite() {
        difficulty.clamp(1.0, 10.0)
    } else {
        5.0
    };
    let hundredths = 300.0 - (difficulty - 1.0) * 170.0 / 9.0;
    // Between 130 and 300 by the clamp above.
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
    EaseFactor::from_hundredths(hundredths.round() as u32)
}

/// Days from a package (an interval), within what the scheduler itself allows.
pub(crate) fn days(anki: i64) -> u32 {
    u32::try_from(anki.clamp(0, i64::from(MAX_INTERVAL_DAYS))).unwrap_or(0)
}

/// Anki's answer buttons as SuperMemo grades: Again 1, Hard 3, Good 4, Easy 5.
pub(crate) fn grade_from_button(button: i64) -> Grade {
    let grade = match button {
        1 => 1,
        2 => 3,
        3 => 4,
        _ => 5,
    };
    Grade::new(grade).unwrap_or(Grade::PERFECT)
}

/// The SM-2 state of a card Anki has under review: its interval, its due day (as many days
/// from today as Anki has it from its own today, `anki_today`), reviews and lapses, and its
/// ease as EF. Cards in relearning are due today, starting over (n = 0); new and learning
/// cards stay new.
pub(crate) fn carried_state(
    card: &AnkiCard,
    anki_today: i64,
    today: StudyDay,
) -> Option<CardState> {
    let count = |n: i64| u32::try_from(n.max(0)).unwrap_or(u32::MAX);
    match card.kind {
        CardType::Review => Some(CardState {
            ease_factor: card
                .difficulty
                .map_or_else(|| ease_from_factor(card.factor), ease_from_difficulty),
            // A card under review has been recalled at least twice in SM-2 terms, so its next
            // success multiplies the interval.
            repetitions: count(card.reps).max(2),
            interval_days: days(card.interval).max(1),
            due_day: Some(StudyDay::from_days_since_epoch(
                i32::try_from(
                    i64::from(today.days_since_epoch())
                        .saturating_add(card.due.saturating_sub(anki_today)),
                )
                .unwrap_or(i32::MAX),
            )),
            lapses: count(card.lapses),
        }),
        CardType::Relearning => Some(CardState {
            ease_factor: card
                .difficulty
                .map_or_else(|| ease_from_factor(card.factor), ease_from_difficulty),
            repetitions: 0,
            interval_days: 1,
            due_day: Some(today),
            lapses: count(card.lapses),
        }),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::decks::anki::collection::Queue;

    #[test]
    fn out_of_range_schedules_are_clamped_to_what_the_scheduler_allows() {
        let absurd = AnkiCard {
            id: 1,
            note: 1,
            deck: 1,
            ord: 0,
            kind: CardType::Review,
            queue: Queue::Review,
            due: i64::MAX,
            interval: 4_294_967_295,
            factor: 429_496_729_500,
            reps: 4_294_967_295,
            lapses: -5,
            difficulty: None,
        };
        let day = StudyDay::from_days_since_epoch(20_000);
        let state = carried_state(&absurd, 0, day).expect("a review card");
        assert_eq!(state.ease_factor, EaseFactor::MAXIMUM_IMPORTED);
        assert_eq!(state.interval_days, MAX_INTERVAL_DAYS);
        assert_eq!(state.lapses, 0);
        assert_eq!(ease_from_factor(-1), EaseFactor::INITIAL);
        assert_eq!(ease_from_factor(1_300), EaseFactor::MINIMUM);
        // FSRS difficulties: 100 is the easiest, 1,100 the hardest.
        assert_eq!(ease_from_factor(100).hundredths(), 300);
        assert_eq!(ease_from_factor(1_100).hundredths(), 130);
        assert_eq!(ease_from_difficulty(4.0).hundredths(), 243);
        assert_eq!(ease_from_difficulty(f64::NAN).hundredths(), 224);
        assert_eq!(days(-3), 0);
        assert_eq!(days(i64::MAX), MAX_INTERVAL_DAYS);
    }

    #[test]
    fn buttons_and_factors() {
        let grades: Vec<u8> = (1..=4).map(|b| grade_from_button(b).value()).collect();
        assert_eq!(grades, vec![1, 3, 4, 5]);
        assert_eq!(ease_from_factor(2360).hundredths(), 236);
        assert_eq!(ease_from_factor(1100).hundredths(), 130);
        assert_eq!(ease_from_factor(0), EaseFactor::INITIAL);
    }
}
