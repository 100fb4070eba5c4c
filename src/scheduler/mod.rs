//! Pure SM-2 (SuperMemo 2, Wozniak 1990): a card's state and a grade give the next state.
//! No I/O and no clock: `today` is an argument.

mod types;

pub use types::{EaseFactor, Grade, MAX_INTERVAL_DAYS, StudyDay};

/// Interval after the first successful repetition (SM-2: I(1) = 1).
pub const FIRST_INTERVAL_DAYS: u32 = 1;
/// Interval after the second successful repetition (SM-2: I(2) = 6).
pub const SECOND_INTERVAL_DAYS: u32 = 6;
/// Interval after a failed recall: the item starts over (SM-2 step 6).
pub const LAPSE_INTERVAL_DAYS: u32 = 1;
/// Lowest grade that counts as a successful recall (SM-2 step 6: q < 3 restarts).
pub const PASSING_GRADE: u8 = 3;
/// Grades below this come back within the same session (SM-2 step 7).
pub const REDRILL_BELOW: u8 = 4;
/// The tag a card gets when it lapses `leech_threshold` times (Anki's word for such cards).
pub const LEECH_TAG: &str = "leech";

/// Everything SM-2 needs to know about a card.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CardState {
    pub ease_factor: EaseFactor,
    /// n: successful repetitions in a row.
    pub repetitions: u32,
    pub interval_days: u32,
    /// `None` while the card is new (never reviewed).
    pub due_day: Option<StudyDay>,
    /// Times a learned card (n >= 1) was graded below 3.
    pub lapses: u32,
}

impl CardState {
    pub const NEW: CardState = CardState {
        ease_factor: EaseFactor::INITIAL,
        repetitions: 0,
        interval_days: 0,
        due_day: None,
        lapses: 0,
    };

    pub fn is_new(&self) -> bool {
        self.due_day.is_none()
    }
}

impl Default for CardState {
    fn default() -> Self {
        CardState::NEW
    }
}

/// One scheduled SM-2 review of a card graded `grade` on study day `today`.
///
/// - q >= 3: n += 1; I = 1 when n = 1, 6 when n = 2, else ceil(I * EF) with the EF from before
///   this review ("if the interval is a fraction, round it up").
/// - q < 3: n = 0, I = 1 (and a lapse is counted if the card had been learned).
/// - Then EF' = EF + (0.1 - (5-q)(0.08 + (5-q)0.02)), floored at 1.30.
/// - Due day = today + I.
pub fn review(state: CardState, grade: Grade, today: StudyDay) -> CardState {
    let (repetitions, interval_days, lapses) = if grade.value() >= PASSING_GRADE {
        let repetitions = state.repetitions.saturating_add(1);
        let interval = match repetitions {
            1 => FIRST_INTERVAL_DAYS,
            2 => SECOND_INTERVAL_DAYS,
            _ => state
                .ease_factor
                .scale_days_rounding_up(state.interval_days.max(1)),
        };
        (repetitions, interval, state.lapses)
    } else {
        let lapses = if state.repetitions > 0 {
            state.lapses.saturating_add(1)
        } else {
            state.lapses
        };
        (0, LAPSE_INTERVAL_DAYS, lapses)
    };
    CardState {
        ease_factor: state.ease_factor.after_grade(grade),
        repetitions,
        interval_days,
        due_day: Some(today.plus_days(interval_days)),
        lapses,
    }
}

/// Whether a card answered with `grade` must be shown again in the same session.
pub fn needs_redrill(grade: Grade) -> bool {
    grade.value() < REDRILL_BELOW
}

/// What each grade would do to a card under review today, grades with the same outcome
/// together: (lowest grade, highest grade, the interval it gets, whether it comes back today).
/// The same `review` that records the answer computes it.
pub fn preview(state: CardState, today: StudyDay) -> Vec<(u8, u8, u32, bool)> {
    let mut outcomes: Vec<(u8, u8, u32, bool)> = Vec::new();
    for value in 0..=5 {
        let Some(grade) = Grade::new(value) else {
            continue;
        };
        let outcome = (
            review(state, grade, today).interval_days,
            needs_redrill(grade),
        );
        match outcomes.last_mut() {
            Some(last) if (last.2, last.3) == outcome => last.1 = value,
            _ => outcomes.push((value, value, outcome.0, outcome.1)),
        }
    }
    outcomes
}

#[cfg(test)]
mod tests;
