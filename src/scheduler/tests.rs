use super::*;
use proptest::prelude::*;

const TODAY: StudyDay = StudyDay::from_days_since_epoch(20_000);

fn state(ef: u32, repetitions: u32, interval_days: u32, lapses: u32) -> CardState {
    CardState {
        ease_factor: EaseFactor::from_hundredths(ef),
        repetitions,
        interval_days,
        due_day: Some(TODAY),
        lapses,
    }
}

fn grade(q: u8) -> Grade {
    Grade::new(q).expect("grade 0-5")
}

struct Case {
    name: &'static str,
    before: CardState,
    grade: u8,
    // (EF in hundredths, n, interval, lapses) after the review
    after: (u32, u32, u32, u32),
}

#[test]
fn hand_computed_reviews() {
    let cases = [
        Case {
            name: "new card, 5: n=1, I=1, EF 2.50+0.10=2.60",
            before: CardState::NEW,
            grade: 5,
            after: (260, 1, 1, 0),
        },
        Case {
            name: "new card, 4: n=1, I=1, EF 2.50+0.00",
            before: CardState::NEW,
            grade: 4,
            after: (250, 1, 1, 0),
        },
        Case {
            name: "new card, 3: n=1, I=1, EF 2.50-0.14=2.36",
            before: CardState::NEW,
            grade: 3,
            after: (236, 1, 1, 0),
        },
        Case {
            name: "new card, 2: n=0, I=1, EF 2.50-0.32=2.18, no lapse (never learned)",
            before: CardState::NEW,
            grade: 2,
            after: (218, 0, 1, 0),
        },
        Case {
            name: "new card, 1: EF 2.50-0.54=1.96",
            before: CardState::NEW,
            grade: 1,
            after: (196, 0, 1, 0),
        },
        Case {
            name: "new card, 0: EF 2.50-0.80=1.70",
            before: CardState::NEW,
            grade: 0,
            after: (170, 0, 1, 0),
        },
        Case {
            name: "second success: n=2, I=6, EF 2.60+0.10=2.70",
            before: state(260, 1, 1, 0),
            grade: 5,
            after: (270, 2, 6, 0),
        },
        Case {
            name: "third success: I = ceil(6 x 2.70) = ceil(16.2) = 17",
            before: state(270, 2, 6, 0),
            grade: 5,
            after: (280, 3, 17, 0),
        },
        Case {
            name: "sixth success: I = 140 x 3.00 = 420 exactly (floating point gives 421)",
            before: state(300, 5, 140, 0),
            grade: 5,
            after: (310, 6, 420, 0),
        },
        Case {
            name: "after a lapse: I = 6 x 2.50 = 15 exactly, not 16",
            before: state(250, 2, 6, 1),
            grade: 4,
            after: (250, 3, 15, 1),
        },
        Case {
            name: "fraction rounds up: ceil(17 x 2.36) = ceil(40.12) = 41, EF unchanged at 4",
            before: state(236, 3, 17, 0),
            grade: 4,
            after: (236, 4, 41, 0),
        },
        Case {
            name: "grade 3 uses the old EF: ceil(48 x 2.90) = ceil(139.2) = 140, EF 2.90-0.14=2.76",
            before: state(290, 4, 48, 0),
            grade: 3,
            after: (276, 5, 140, 0),
        },
        Case {
            name: "lapse of a learned card: n=0, I=1, lapses+1, EF 2.90-0.54=2.36",
            before: state(290, 4, 48, 2),
            grade: 1,
            after: (236, 0, 1, 3),
        },
        Case {
            name: "EF floor: 1.40-0.80 = 0.60, floored to 1.30",
            before: state(140, 3, 10, 0),
            grade: 0,
            after: (130, 0, 1, 1),
        },
        Case {
            name: "at the floor a 3 keeps 1.30 and I = ceil(6 x 1.30) = ceil(7.8) = 8",
            before: state(130, 2, 6, 0),
            grade: 3,
            after: (130, 3, 8, 0),
        },
        Case {
            name: "no ceiling on EF: 4.00 + 0.10 = 4.10, I = 10 x 4.00 = 40",
            before: state(400, 3, 10, 0),
            grade: 5,
            after: (410, 4, 40, 0),
        },
    ];
    for case in cases {
        let next = review(case.before, grade(case.grade), TODAY);
        let (ef, n, interval, lapses) = case.after;
        assert_eq!(next.ease_factor.hundredths(), ef, "EF: {}", case.name);
        assert_eq!(next.repetitions, n, "n: {}", case.name);
        assert_eq!(next.interval_days, interval, "interval: {}", case.name);
        assert_eq!(next.lapses, lapses, "lapses: {}", case.name);
        assert_eq!(
            next.due_day,
            Some(TODAY.plus_days(interval)),
            "due = today + interval: {}",
            case.name
        );
    }
}

#[test]
fn six_perfect_reviews_then_3_2_4() {
    // EF 2.5 -> 2.6 -> 2.7 -> 2.8 -> 2.9 -> 3.0 -> 3.1; intervals 1, 6, ceil(6x2.7)=17,
    // ceil(17x2.8)=ceil(47.6)=48, ceil(48x2.9)=ceil(139.2)=140, 140x3.0=420.
    // Then 3: ceil(420x3.1)=1302, EF 3.10-0.14=2.96; 2: n=0, I=1, EF 2.96-0.32=2.64, lapse;
    // 4: n=1, I=1, EF 2.64.
    let expected = [
        (5, 1, 1, 260),
        (5, 2, 6, 270),
        (5, 3, 17, 280),
        (5, 4, 48, 290),
        (5, 5, 140, 300),
        (5, 6, 420, 310),
        (3, 7, 1302, 296),
        (2, 0, 1, 264),
        (4, 1, 1, 264),
    ];
    let mut card = CardState::NEW;
    let mut day = TODAY;
    for (q, n, interval, ef) in expected {
        card = review(card, grade(q), day);
        assert_eq!(
            (
                card.repetitions,
                card.interval_days,
                card.ease_factor.hundredths()
            ),
            (n, interval, ef),
            "after grade {q}"
        );
        day = card.due_day.expect("reviewed cards are due");
    }
    assert_eq!(card.lapses, 1);
}

#[test]
fn redrill_is_for_grades_below_four() {
    let redrilled: Vec<u8> = (0..=5).filter(|q| needs_redrill(grade(*q))).collect();
    assert_eq!(redrilled, vec![0, 1, 2, 3]);
}

#[test]
fn grades_parse_only_digits_zero_to_five() {
    assert_eq!(Grade::parse(" 4 "), Some(grade(4)));
    assert_eq!(Grade::parse("0"), Some(grade(0)));
    for bad in ["6", "-1", "", "a", "4.5", "44"] {
        assert_eq!(Grade::parse(bad), None, "{bad:?}");
    }
}

#[test]
fn ease_factor_displays_two_decimals() {
    assert_eq!(EaseFactor::from_hundredths(236).to_string(), "2.36");
    assert_eq!(EaseFactor::from_hundredths(130).to_string(), "1.30");
    assert_eq!(EaseFactor::from_hundredths(5).to_string(), "1.30");
}

#[test]
fn study_day_round_trips_dates() {
    let date = chrono::NaiveDate::from_ymd_opt(2026, 12, 1).expect("valid date");
    let day = StudyDay::from_date(date);
    assert_eq!(day.date(), date);
    assert_eq!(day.to_string(), "2026-12-01");
    assert_eq!(day.plus_days(31).to_string(), "2027-01-01");
    assert_eq!(StudyDay::from_days_since_epoch(0).to_string(), "1970-01-01");
}

proptest! {
    #[test]
    fn invariants_hold_for_any_state(
        ef in 130u32..500,
        repetitions in 0u32..40,
        interval in 0u32..100_000,
        lapses in 0u32..50,
        q in 0u8..=5,
        day in -10_000i32..100_000,
    ) {
        let today = StudyDay::from_days_since_epoch(day);
        let before = CardState {
            ease_factor: EaseFactor::from_hundredths(ef),
            repetitions,
            interval_days: interval,
            due_day: Some(today),
            lapses,
        };
        let after = review(before, grade(q), today);
        prop_assert!(after.ease_factor >= EaseFactor::MINIMUM);
        prop_assert!(after.interval_days >= 1);
        prop_assert_eq!(after.repetitions == 0, q < 3);
        prop_assert_eq!(after.due_day, Some(today.plus_days(after.interval_days)));
        let lapsed = q < 3 && repetitions > 0;
        prop_assert_eq!(after.lapses, lapses + u32::from(lapsed));
        if q >= 3 && repetitions >= 2 {
            // ceil(I x EF): the smallest whole number of days not below I x EF.
            let exact = u64::from(interval.max(1)) * u64::from(ef);
            let got = u64::from(after.interval_days) * 100;
            prop_assert!(got >= exact && got < exact + 100);
        }
    }
}

#[test]
fn counters_saturate_instead_of_wrapping() {
    // A package claimed 4,294,967,295 repetitions and lapses: the next answers keep them there.
    let worn = CardState {
        ease_factor: EaseFactor::from_hundredths(250),
        repetitions: u32::MAX,
        interval_days: MAX_INTERVAL_DAYS,
        due_day: Some(StudyDay::from_days_since_epoch(20_000)),
        lapses: u32::MAX,
    };
    let today = StudyDay::from_days_since_epoch(20_000);
    let passed = review(worn, Grade::PERFECT, today);
    assert_eq!(passed.repetitions, u32::MAX);
    assert_eq!(passed.interval_days, MAX_INTERVAL_DAYS);
    let failed = review(worn, Grade::new(0).expect("grade"), today);
    assert_eq!((failed.repetitions, failed.lapses), (0, u32::MAX));
}
