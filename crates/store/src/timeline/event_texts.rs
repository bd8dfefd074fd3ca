//! Each event's searchable text, numbered in the timeline's order and in the order of the
//! events' ends, and the indexes of its words under both numbers (written by the import).

use std::collections::BTreeMap;

use dossier_core::text::fold;
use dossier_core::{Dossier, Event};

use crate::backend::{Batch, DatabaseKind, Statement, Transaction};
use crate::error::StoreError;
use crate::vocabulary::{distinct_words, write_word_trigrams, EVENT_TEXT_VOCABULARY};

/// The text core's filter looks in: the folded headline, summary and tags, joined by
/// `" | "` (core's `event_matches`). The folded text a user types holds no `|`, so it is
/// found here exactly when one of the parts contains it.
fn searchable_text(event: &Event) -> String {
    std::iter::once(event.headline.as_str())
        .chain([event.summary.as_str()])
        .chain(event.tags.iter().map(String::as_str))
        .map(fold)
        .collect::<Vec<_>>()
        .join(" | ")
}

/// Replaces every event's searchable text, and the vocabulary of their words, with those of
/// `dossier` (inside the import transaction).
pub(crate) async fn write_event_texts(
    transaction: &mut Transaction,
    dossier: &Dossier,
) -> Result<(), StoreError> {
    transaction
        .executor()
        .execute(Statement::new("DELETE FROM event_texts"))
        .await?;
    let mut texts: Vec<(&str, i64, i64, String)> = dossier
        .events
        .iter()
        .map(|event| {
            (
                event.id.as_str(),
                event.date.earliest().day_number(),
                event.date.latest().day_number(),
                searchable_text(event),
            )
        })
        .collect();
    // The timeline's order: start, end, id.
    texts.sort_by(|a, b| (a.1, a.2, a.0).cmp(&(b.1, b.2, b.0)));
    let mut holders: BTreeMap<&str, i64> = BTreeMap::new();
    for (_, _, _, text) in &texts {
        for word in distinct_words([text.as_str()]) {
            *holders.entry(word).or_default() += 1;
        }
    }
    let vocabulary: Vec<(&str, i64)> = holders.into_iter().collect();
    write_word_trigrams(transaction, EVENT_TEXT_VOCABULARY, &vocabulary).await?;
    // Each text's place in the order of the ends: end, start, id.
    let mut by_end: Vec<usize> = (0..texts.len()).collect();
    by_end.sort_by(|&a, &b| {
        let (a, b) = (&texts[a], &texts[b]);
        (a.2, a.1, a.0).cmp(&(b.2, b.1, b.0))
    });
    let mut end_positions = vec![0_i64; texts.len()];
    for (end_position, &index) in (1..).zip(&by_end) {
        end_positions[index] = end_position;
    }
    let mut rows = Batch::new(
        "INSERT INTO event_texts (position, end_position, event_id, earliest, latest, \
         folded_text) VALUES",
    );
    for ((position, end_position), (id, earliest, latest, text)) in
        (1..).zip(end_positions).zip(&texts)
    {
        rows.push(
            Statement::new("($1, $2, $3, $4, $5, $6)")
                .integer(position)
                .integer(end_position)
                .text(*id)
                .integer(*earliest)
                .integer(*latest)
                .text(text.as_str()),
        );
    }
    rows.execute(transaction).await?;
    if transaction.kind() == DatabaseKind::Sqlite {
        // A contentless index forgets its rows only all at once.
        for statement in [
            "INSERT INTO event_text_words (event_text_words) VALUES ('delete-all')",
            "INSERT INTO event_text_words (rowid, words) \
             SELECT position, folded_text FROM event_texts",
            "INSERT INTO event_text_words_by_end (event_text_words_by_end) VALUES ('delete-all')",
            "INSERT INTO event_text_words_by_end (rowid, words) \
             SELECT end_position, folded_text FROM event_texts",
        ] {
            transaction
                .executor()
                .execute(Statement::new(statement))
                .await?;
        }
    }
    Ok(())
}

/// How many events the dossier has. [`write_event_texts`] numbers their texts 1, 2, … so the
/// last number is the count, read from the end of the table's key: `count(*)` reads every page
/// of an index, which at a million events is thousands of pages.
pub(super) async fn event_count(transaction: &mut Transaction) -> Result<i64, StoreError> {
    Ok(transaction
        .executor()
        .fetch_optional_value(Statement::new(
            "SELECT coalesce(max(position), 0) FROM event_texts",
        ))
        .await?
        .unwrap_or(0))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_searchable_text_joins_the_folded_parts() {
        let mut event = dossier_core::embedded().events[0].clone();
        event.headline = "KCNA: Troops in Kúrsk".to_owned();
        event.summary = String::new();
        event.tags = vec!["U.N.".to_owned(), "front-line".to_owned()];
        assert_eq!(
            searchable_text(&event),
            "kcna troops in kursk |  | un | front line"
        );
    }
}
