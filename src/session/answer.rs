//! Recording one answer durably, and taking the newest one back.

use crate::error::{Error, Result};
use crate::scheduler::{self, CardState, Grade, LEECH_TAG, StudyDay};
use crate::settings::Settings;
use crate::store::{Card, CardId, LeechAction, Review, ReviewKind, Store};

/// When an answer was given.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AnswerTime {
    pub at_ms: i64,
    pub study_day: StudyDay,
    pub response_ms: i64,
}

/// One recorded answer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Answered {
    pub before: CardState,
    pub after: CardState,
    pub kind: ReviewKind,
    pub leech_action: LeechAction,
    /// Siblings this answer buried to the next study day, with when each was buried until
    /// before (for undo).
    pub buried_siblings: Vec<(CardId, Option<StudyDay>)>,
}

/// Records one answer in one transaction: the card's new SM-2 state (scheduled reviews only),
/// the leech tag when this lapse reaches the threshold, and one history row with the state
/// before and after; and its siblings that are new or due today (the other cards of its note
/// or row) buried to the next study day, unless its deck or the collection turned that off.
/// The card is read inside the transaction: when another session (a second
/// terminal, or a session left open overnight) already scheduled it this study day, SM-2 has
/// had its one review of the day and this answer is recorded as a re-drill.
pub fn record_answer(
    store: &Store,
    card: CardId,
    kind: ReviewKind,
    grade: Grade,
    when: &AnswerTime,
    settings: &Settings,
) -> Result<Answered> {
    store.write(|store| {
        let current = store
            .card(card)?
            .ok_or_else(|| Error::NotFound(format!("card #{card} no longer exists")))?;
        let scheduled_already = kind == ReviewKind::Scheduled
            && store.last_review_of_card(card)?.is_some_and(|last| {
                last.kind == ReviewKind::Scheduled && last.study_day == when.study_day
            });
        let kind = if scheduled_already {
            ReviewKind::Redrill
        } else {
            kind
        };
        let before = current.state;
        let after = if kind.schedules() {
            scheduler::review(before, grade, when.study_day)
        } else {
            before
        };
        let mut leech_action = LeechAction::None;
        if kind.schedules() {
            store.save_schedule(card, &after)?;
            let lapsed_now = after.lapses > before.lapses;
            if lapsed_now && after.lapses >= settings.leech_threshold && !current.has_tag(LEECH_TAG)
            {
                let mut tags = current.tags.clone();
                tags.push(LEECH_TAG.to_string());
                store.set_tags(card, &tags)?;
                leech_action = LeechAction::Tagged;
                if settings.leech_suspends && !current.suspended {
                    store.set_suspended(card, true)?;
                    leech_action = LeechAction::TaggedAndSuspended;
                }
            }
        }
        let mut buried_siblings = Vec::new();
        if kind.schedules()
            && let Some(group) = current.sibling_group.as_deref()
        {
            let bury = store
                .deck_by_name(&current.deck)?
                .and_then(|deck| deck.bury_siblings)
                .unwrap_or(settings.bury_siblings);
            if bury {
                let next_day = when.study_day.plus_days(1);
                for (sibling, before) in store.siblings_waiting(card, group, when.study_day)? {
                    store.set_buried_until(sibling, Some(next_day))?;
                    buried_siblings.push((sibling, before));
                }
            }
        }
        if matches!(kind, ReviewKind::Scheduled | ReviewKind::Redrill) {
            let again = scheduler::needs_redrill(grade).then_some(when.study_day);
            store.set_redrill_day(card, again)?;
        }
        store.insert_review(&Review {
            id: 0,
            card_id: card,
            reviewed_at_ms: when.at_ms,
            study_day: when.study_day,
            grade,
            kind,
            response_ms: when.response_ms,
            before,
            after,
            leech_action,
        })?;
        Ok(Answered {
            before,
            after,
            kind,
            leech_action,
            buried_siblings,
        })
    })
}

/// Takes back the learner's newest answer in one transaction: the card returns to exactly its
/// state before (and loses a leech tag or suspension that answer gave it), and the history row
/// is removed. "Newest" is by the order answers were recorded, so a clock moved back never
/// undoes an older answer from under a newer one. When the newest answer belongs to a study
/// day before today there is nothing to undo; imported history is never taken back.
pub fn undo_last(store: &Store, today: StudyDay) -> Result<Option<(Review, Card)>> {
    store.write(|store| {
        let Some(review) = store
            .last_answer()?
            // An answer to a card since deleted stays in the history; it cannot be undone.
            .filter(|review| review.study_day >= today && review.card_id > 0)
        else {
            return Ok(None);
        };
        let card = store.card(review.card_id)?.ok_or_else(|| {
            Error::Corrupt(format!(
                "card {} of the last answer no longer exists",
                review.card_id
            ))
        })?;
        store.save_schedule(card.id, &review.before)?;
        if review.leech_action != LeechAction::None {
            let tags: Vec<String> = card
                .tags
                .iter()
                .filter(|tag| *tag != LEECH_TAG)
                .cloned()
                .collect();
            store.set_tags(card.id, &tags)?;
        }
        if review.leech_action == LeechAction::TaggedAndSuspended {
            store.set_suspended(card.id, false)?;
        }
        store.delete_review(review.id)?;
        // Whether the card is still wanted again today follows its answer before this one.
        let again = store
            .last_review_of_card(card.id)?
            .filter(|last| {
                last.study_day == review.study_day
                    && matches!(last.kind, ReviewKind::Scheduled | ReviewKind::Redrill)
                    && scheduler::needs_redrill(last.grade)
            })
            .map(|last| last.study_day);
        store.set_redrill_day(card.id, again)?;
        let restored = store.card(card.id)?.unwrap_or(card);
        Ok(Some((review, restored)))
    })
}
