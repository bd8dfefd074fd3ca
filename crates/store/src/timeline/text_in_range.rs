//! A text and a date range together, on SQLite, when the index's phrase match is core's text
//! test and no actor is asked for.
//!
//! Events are numbered in the timeline's order (start, end, id) and, separately, in the order
//! of their ends (end, start, id); `event_text_words` and `event_text_words_by_end` index their
//! words under each number. Of the text's events, those that begin within the range are one
//! span of the first numbering and all kept; those that begin before it are kept when they have
//! not ended before it begins. Since an event never ends before it begins, those that ended
//! before the range are counted in the second numbering, below the first event still running
//! then; so the events running into the range are two index counts apart. The count reads no
//! event's row, and the page reads the rows of earlier events only until it holds as many of
//! those running into the range as it shows. A phrase too common to read the timeline through
//! has its page found by testing texts, and its count from these indexes when that reads less
//! ([`count_through_index`]).

use crate::backend::{Statement, Transaction};
use crate::error::StoreError;
use crate::import::to_sql_integer;

use super::text::{page_ids, IdsAndTotal, Page};
use super::{count_rows, TimelineCount};

/// Where the range falls in both numberings (`$1` its first day, `$2` its last, `$3` a number
/// past every event): the first and last events beginning within it, the first event not over
/// before it begins (in the ends' order), and the number of the last event.
const SPAN: &str = "\
    SELECT \
        coalesce((SELECT position FROM event_texts WHERE earliest >= $1 \
                  ORDER BY earliest, latest, event_id LIMIT 1), $3), \
        coalesce((SELECT position FROM event_texts WHERE earliest <= $2 \
                  ORDER BY earliest DESC, latest DESC, event_id DESC LIMIT 1), 0), \
        coalesce((SELECT end_position FROM event_texts WHERE latest >= $1 \
                  ORDER BY latest, end_position LIMIT 1), $3), \
        coalesce((SELECT max(position) FROM event_texts), 0)";

/// How many of the text's events run into the range from before it (`$1` the match, `$2` the
/// first number within the range, `$3` the first in the ends' order not over before it), from
/// the events before those numbers: those that began before the range less those that ended
/// before it.
const RUNNING_COUNTED_BEFORE: &str = "\
    SELECT (SELECT count(*) FROM event_text_words \
            WHERE event_text_words MATCH $1 AND rowid < $2) \
         - (SELECT count(*) FROM event_text_words_by_end \
            WHERE event_text_words_by_end MATCH $1 AND rowid < $3)";

/// [`RUNNING_COUNTED_BEFORE`] from the events after those numbers: those not over before the
/// range less those beginning in it or later. Each reads the shorter side's lists.
const RUNNING_COUNTED_AFTER: &str = "\
    SELECT (SELECT count(*) FROM event_text_words_by_end \
            WHERE event_text_words_by_end MATCH $1 AND rowid >= $3) \
         - (SELECT count(*) FROM event_text_words \
            WHERE event_text_words MATCH $1 AND rowid >= $2)";

/// The text's events beginning before the range and still running when it begins, in the
/// timeline's order (`$1` the match, `$2` the first number within the range, `$3` its first
/// day).
const RUNNING_INTO: &str = "\
    SELECT event_id FROM event_text_words \
    JOIN event_texts ON event_texts.position = event_text_words.rowid \
    WHERE event_text_words MATCH $1 AND event_text_words.rowid < $2 AND latest >= $3 \
    ORDER BY event_text_words.rowid";

/// The text's events beginning within the range, in the timeline's order (`$1` the match, `$2`
/// and `$3` the numbers of the first and last events beginning in it).
const WITHIN: &str = "\
    SELECT event_id FROM event_text_words \
    JOIN event_texts ON event_texts.position = event_text_words.rowid \
    WHERE event_text_words MATCH $1 AND event_text_words.rowid BETWEEN $2 AND $3 \
    ORDER BY event_text_words.rowid";

/// One row for each of [`WITHIN`]'s events, read from the index alone.
const WITHIN_COUNTED: &str = "\
    SELECT 1 FROM event_text_words \
    WHERE event_text_words MATCH $1 AND rowid BETWEEN $2 AND $3";

/// The events of the range `from_day..=to_day` (not reversed) whose words match `expression`,
/// a match of `event_text_words` that is exactly core's text test: one page in the timeline's
/// order, and the count as far as `count` says.
pub(super) async fn read_in_range(
    transaction: &mut Transaction,
    expression: &str,
    (from_day, to_day): (i64, i64),
    Page {
        offset,
        limit,
        count,
    }: Page,
) -> Result<IdsAndTotal, StoreError> {
    let span = Span::of_range(transaction, (from_day, to_day)).await?;
    let Span {
        first_within,
        last_within,
        ..
    } = span;
    let running_into = running_into(transaction, expression, span).await?;
    let running_into = usize::try_from(running_into).unwrap_or(0);
    let mut ids = Vec::new();
    if offset < running_into {
        // Read no further than the last of them: the count says where it is.
        let wanted = limit.min(running_into - offset);
        ids = page_ids(
            transaction,
            RUNNING_INTO,
            4,
            |statement| {
                statement
                    .text(expression)
                    .integer(first_within)
                    .integer(from_day)
            },
            (offset, wanted),
        )
        .await?;
    }
    let rest = limit.saturating_sub(ids.len());
    if rest > 0 {
        ids.extend(
            page_ids(
                transaction,
                WITHIN,
                4,
                |statement| within(statement, expression, first_within, last_within),
                (offset.saturating_sub(running_into), rest),
            )
            .await?,
        );
    }
    let counted = count_rows(transaction, count, WITHIN_COUNTED, 4, |statement| {
        within(statement, expression, first_within, last_within)
    })
    .await?;
    let total = count.total(counted.map_or(0, |counted| {
        counted.saturating_add(i64::try_from(running_into).unwrap_or(i64::MAX))
    }));
    Ok((ids, total))
}

/// Index entries read by a count of the events running into a range for each row a scan of
/// the range would test instead (reading an index entry of a phrase cost 0.17 µs at a million
/// events, testing an event's text about 0.7 µs).
const ENTRIES_PER_ROW_TESTED: i64 = 4;

/// The count, stopping at `cap`, of the events of the range `from_day..=to_day` (not reversed)
/// whose words match `expression` (as for [`read_in_range`]), a phrase whose rarest word
/// `holders` events hold; `None` when testing the range's events would cost less. Past `cap`
/// of them beginning within the range the count is a lower bound, whatever else it would find.
pub(super) async fn count_through_index(
    transaction: &mut Transaction,
    expression: &str,
    range: (i64, i64),
    cap: usize,
    holders: i64,
) -> Result<Option<(usize, bool)>, StoreError> {
    let count = TimelineCount::UpTo(cap);
    let span = Span::of_range(transaction, range).await?;
    let within_counted = count_rows(transaction, count, WITHIN_COUNTED, 4, |statement| {
        within(statement, expression, span.first_within, span.last_within)
    })
    .await?
    .unwrap_or(0);
    if within_counted > to_sql_integer(cap) {
        return Ok(Some(count.total(within_counted)));
    }
    if span.running_entries(holders) > span.rows_tested().saturating_mul(ENTRIES_PER_ROW_TESTED) {
        return Ok(None);
    }
    let running_into = running_into(transaction, expression, span).await?;
    Ok(Some(
        count.total(within_counted.saturating_add(running_into)),
    ))
}

/// How many of the events whose words match `expression` run into the range of `span` from
/// before it.
async fn running_into(
    transaction: &mut Transaction,
    expression: &str,
    span: Span,
) -> Result<i64, StoreError> {
    Ok(transaction
        .executor()
        .fetch_optional_value(
            Statement::new(span.running_counted())
                .text(expression)
                .integer(span.first_within)
                .integer(span.first_running),
        )
        .await?
        .unwrap_or(0))
}

/// `statement` with the parameters of [`WITHIN`] and [`WITHIN_COUNTED`] bound.
fn within<'a>(
    statement: Statement<'a>,
    expression: &'a str,
    first_within: i64,
    last_within: i64,
) -> Statement<'a> {
    statement
        .text(expression)
        .integer(first_within)
        .integer(last_within)
}

/// Where a date range falls in the events' two numberings (see [`SPAN`]).
#[derive(Debug, Clone, Copy)]
struct Span {
    first_within: i64,
    last_within: i64,
    first_running: i64,
    last: i64,
}

impl Span {
    async fn of_range(
        transaction: &mut Transaction,
        (from_day, to_day): (i64, i64),
    ) -> Result<Span, StoreError> {
        let (first_within, last_within, first_running, last) = transaction
            .executor()
            .fetch_optional(
                Statement::new(SPAN)
                    .integer(from_day)
                    .integer(to_day)
                    .integer(i64::MAX),
            )
            .await?
            .unwrap_or((i64::MAX, 0, i64::MAX, 0));
        Ok(Span {
            first_within,
            last_within,
            first_running,
            last,
        })
    }

    /// Numbers before the range's in both numberings, and after them (each numbering ends
    /// past `last`).
    fn sides(self) -> (i64, i64) {
        let end = self.last.saturating_add(1);
        let before = (self.first_within.min(end) - 1) + (self.first_running.min(end) - 1);
        (before, 2 * (end - 1) - before)
    }

    /// The count of the events running into the range that reads fewer index entries: the
    /// lists before the range's numbers, or those after them.
    fn running_counted(self) -> &'static str {
        let (before, after) = self.sides();
        if before <= after {
            RUNNING_COUNTED_BEFORE
        } else {
            RUNNING_COUNTED_AFTER
        }
    }

    /// About how many index entries [`Span::running_counted`] reads for a phrase whose rarest
    /// word `holders` events hold, spread evenly over the timeline.
    fn running_entries(self, holders: i64) -> i64 {
        let (before, after) = self.sides();
        let events = self.last.max(1);
        holders.saturating_mul(before.min(after)) / events
    }

    /// How many events a scan tests for the range: those beginning within it and those
    /// running into it from before.
    fn rows_tested(self) -> i64 {
        (self.last_within - self.first_running + 1).max(0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn span(first_within: i64, first_running: i64, last: i64) -> Span {
        Span {
            first_within,
            last_within: last,
            first_running,
            last,
        }
    }

    #[test]
    fn the_running_count_reads_the_shorter_side() {
        // A range near the start of ten events: few numbers before it.
        assert_eq!(span(3, 2, 10).sides(), (3, 17));
        assert_eq!(span(3, 2, 10).running_counted(), RUNNING_COUNTED_BEFORE);
        // Near the end, or past every event ("a number past every event" counts as the end).
        assert_eq!(span(9, 8, 10).running_counted(), RUNNING_COUNTED_AFTER);
        assert_eq!(span(i64::MAX, i64::MAX, 10).sides(), (20, 0));
        // A common phrase's entries scale with the shorter side.
        assert_eq!(span(9, 8, 10).running_entries(1_000), 500);
        assert_eq!(span(9, 8, 10).rows_tested(), 3);
    }
}
