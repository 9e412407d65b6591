//! The queue board: both queues merged, oldest deadline first, each item marked as
//! overdue or due today (Beijing calendar) and as free, held by me or held by another
//! reviewer, with the filters and counts the page shows.

use chrono::{DateTime, Utc};
use jszg_api::staff::{QueueItem, QueueKind};
use jszg_core::beijing::beijing_date;
use serde::{Deserialize, Serialize};

/// Urgency of an item relative to its deadline.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Urgency {
    Overdue,
    /// Due before the end of today, Beijing time.
    DueToday,
    Later,
}

/// Claim state of an item for the signed-in reviewer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Hold {
    Free,
    Mine,
    Other,
}

/// One row of the board.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct BoardRow {
    #[serde(flatten)]
    pub item: QueueItem,
    pub urgency: Urgency,
    pub hold: Hold,
}

/// Row filter requested by the page. A `None` field matches every row.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct BoardFilter {
    pub kind: Option<QueueKind>,
    pub urgency: Option<Urgency>,
    pub hold: Option<Hold>,
}

/// Counts per queue, over all rows before filtering.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct QueueCounts {
    pub total: usize,
    pub overdue: usize,
    pub due_today: usize,
    pub held_by_others: usize,
}

/// Contents of the queue screen.
#[derive(Debug, Clone, Serialize)]
pub struct Board {
    pub rows: Vec<BoardRow>,
    pub manual_reviews: QueueCounts,
    pub contact_changes: QueueCounts,
    pub refreshed_at: DateTime<Utc>,
}

/// Marks how close `item` is to its deadline at `now`.
pub fn urgency_of(item: &QueueItem, now: DateTime<Utc>) -> Urgency {
    if item.overdue || item.due_at <= now {
        Urgency::Overdue
    } else if beijing_date(item.due_at - chrono::Duration::nanoseconds(1)) == beijing_date(now) {
        Urgency::DueToday
    } else {
        Urgency::Later
    }
}

/// Returns the claim state of `item` at `now` for the reviewer named `me`.
pub fn hold_of(item: &QueueItem, me: &str, now: DateTime<Utc>) -> Hold {
    let running = item.claim_expires_at.is_some_and(|expiry| expiry > now);
    match item.claimed_by.as_deref() {
        Some(holder) if running && holder == me => Hold::Mine,
        Some(_) if running => Hold::Other,
        _ => Hold::Free,
    }
}

fn count(rows: &[BoardRow], kind: QueueKind) -> QueueCounts {
    let mut counts = QueueCounts::default();
    for row in rows.iter().filter(|row| row.item.kind == kind) {
        counts.total += 1;
        match row.urgency {
            Urgency::Overdue => counts.overdue += 1,
            Urgency::DueToday => counts.due_today += 1,
            Urgency::Later => {}
        }
        if row.hold == Hold::Other {
            counts.held_by_others += 1;
        }
    }
    counts
}

/// Builds the board from the items of both queues.
pub fn build_board(
    items: Vec<QueueItem>,
    me: &str,
    filter: &BoardFilter,
    now: DateTime<Utc>,
) -> Board {
    let mut rows: Vec<BoardRow> = items
        .into_iter()
        .map(|item| BoardRow {
            urgency: urgency_of(&item, now),
            hold: hold_of(&item, me, now),
            item,
        })
        .collect();
    rows.sort_by(|a, b| {
        (a.item.due_at, a.item.submitted_at, &a.item.id).cmp(&(
            b.item.due_at,
            b.item.submitted_at,
            &b.item.id,
        ))
    });
    let manual_reviews = count(&rows, QueueKind::ManualReview);
    let contact_changes = count(&rows, QueueKind::ContactChange);
    rows.retain(|row| {
        filter.kind.is_none_or(|kind| row.item.kind == kind)
            && filter.urgency.is_none_or(|urgency| row.urgency == urgency)
            && filter.hold.is_none_or(|hold| row.hold == hold)
    });
    Board {
        rows,
        manual_reviews,
        contact_changes,
        refreshed_at: now,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    /// 10:00 on Friday 9 October 2026, Beijing time.
    fn now() -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 10, 9, 2, 0, 0).unwrap()
    }

    /// End of the Beijing day `day` October 2026 (16:00 UTC).
    fn end_of(day: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 10, day, 16, 0, 0).unwrap()
    }

    fn item(kind: QueueKind, id: &str, due_at: DateTime<Utc>) -> QueueItem {
        QueueItem {
            kind,
            id: id.into(),
            submitted_at: due_at - chrono::Duration::days(9),
            due_at,
            overdue: false,
            document_number_masked: "11*****34".into(),
            claimed_by: None,
            claim_expires_at: None,
        }
    }

    #[test]
    fn urgency_follows_beijing_day() {
        assert_eq!(
            urgency_of(&item(QueueKind::ManualReview, "a", end_of(8)), now()),
            Urgency::Overdue
        );
        assert_eq!(
            urgency_of(&item(QueueKind::ManualReview, "b", end_of(9)), now()),
            Urgency::DueToday,
            "due at 24:00 today Beijing time"
        );
        assert_eq!(
            urgency_of(&item(QueueKind::ManualReview, "c", end_of(10)), now()),
            Urgency::Later
        );
        let mut flagged = item(QueueKind::ManualReview, "d", end_of(12));
        flagged.overdue = true;
        assert_eq!(urgency_of(&flagged, now()), Urgency::Overdue);
    }

    #[test]
    fn hold_ignores_lapsed_claims() {
        let mut held = item(QueueKind::ContactChange, "a", end_of(12));
        held.claimed_by = Some("reviewer.wang".into());
        held.claim_expires_at = Some(now() + chrono::Duration::minutes(5));
        assert_eq!(hold_of(&held, "reviewer.li", now()), Hold::Other);
        assert_eq!(hold_of(&held, "reviewer.wang", now()), Hold::Mine);
        held.claim_expires_at = Some(now() - chrono::Duration::seconds(1));
        assert_eq!(hold_of(&held, "reviewer.li", now()), Hold::Free);
    }

    #[test]
    fn board_sorted_counted_and_filtered() {
        let mut held = item(QueueKind::ManualReview, "held", end_of(12));
        held.claimed_by = Some("reviewer.wang".into());
        held.claim_expires_at = Some(now() + chrono::Duration::minutes(5));
        let items = vec![
            held,
            item(QueueKind::ContactChange, "today", end_of(9)),
            item(QueueKind::ManualReview, "late", end_of(7)),
        ];
        let all = build_board(items.clone(), "reviewer.li", &BoardFilter::default(), now());
        let order: Vec<&str> = all.rows.iter().map(|row| row.item.id.as_str()).collect();
        assert_eq!(order, ["late", "today", "held"]);
        assert_eq!(all.manual_reviews.total, 2);
        assert_eq!(all.manual_reviews.overdue, 1);
        assert_eq!(all.manual_reviews.held_by_others, 1);
        assert_eq!(all.contact_changes.total, 1);
        assert_eq!(all.contact_changes.due_today, 1);

        let filter = BoardFilter {
            kind: Some(QueueKind::ManualReview),
            hold: Some(Hold::Free),
            ..BoardFilter::default()
        };
        let free_reviews = build_board(items, "reviewer.li", &filter, now());
        let order: Vec<&str> = free_reviews
            .rows
            .iter()
            .map(|row| row.item.id.as_str())
            .collect();
        assert_eq!(order, ["late"]);
        assert_eq!(
            free_reviews.manual_reviews.total, 2,
            "counts ignore the filter"
        );
    }
}
