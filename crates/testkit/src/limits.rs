//! Discord's hard limits on messages, autocomplete results and commands, which the fake enforces
//! with a 400 "Invalid Form Body" just as Discord does.

use std::collections::HashSet;

use serde_json::Value;

/// Every way a message payload (callback `data`, edit or follow-up body) breaks Discord's
/// limits: content 2,000; 10 embeds; title 256, description 4,096, 25 fields, field name 256
/// and value 1,024, footer 2,048, author 256, 6,000 in all; 5 action rows of 5 components,
/// `custom_id` 1–100, button label 80, select options 25.
pub fn message_violations(payload: &Value) -> Vec<String> {
    let mut problems = Vec::new();
    let content_length = text_length(payload.get("content"));
    if content_length > 2000 {
        problems.push(format!("content is {content_length} characters (max 2000)"));
    }
    let embeds = array(payload.get("embeds"));
    if embeds.len() > 10 {
        problems.push(format!("{} embeds (max 10)", embeds.len()));
    }
    let mut embed_total = 0;
    for (index, embed) in embeds.iter().enumerate() {
        let mut check = |what: &str, value: Option<&Value>, max: usize| {
            let length = text_length(value);
            embed_total += length;
            if length > max {
                problems.push(format!(
                    "embeds[{index}].{what} is {length} characters (max {max})"
                ));
            }
        };
        check("title", embed.get("title"), 256);
        check("description", embed.get("description"), 4096);
        check(
            "footer.text",
            embed.get("footer").and_then(|footer| footer.get("text")),
            2048,
        );
        check(
            "author.name",
            embed.get("author").and_then(|author| author.get("name")),
            256,
        );
        let fields = array(embed.get("fields"));
        for field in fields {
            check("fields[].name", field.get("name"), 256);
            check("fields[].value", field.get("value"), 1024);
        }
        if fields.len() > 25 {
            problems.push(format!(
                "embeds[{index}] has {} fields (max 25)",
                fields.len()
            ));
        }
    }
    if embed_total > 6000 {
        problems.push(format!(
            "embeds hold {embed_total} characters in all (max 6000)"
        ));
    }
    component_violations(array(payload.get("components")), &mut problems);
    problems
}

fn component_violations(rows: &[Value], problems: &mut Vec<String>) {
    if rows.len() > 5 {
        problems.push(format!("{} action rows (max 5)", rows.len()));
    }
    for row in rows {
        let components = array(row.get("components"));
        if components.len() > 5 {
            problems.push(format!(
                "an action row holds {} components (max 5)",
                components.len()
            ));
        }
        for component in components {
            let is_link = component.get("style").and_then(Value::as_u64) == Some(5);
            match component.get("custom_id").and_then(Value::as_str) {
                Some(custom_id) if !(1..=100).contains(&custom_id.chars().count()) => {
                    problems.push(format!("custom_id {custom_id:?} is not 1-100 characters"));
                }
                None if !is_link => problems.push("a component has no custom_id".to_owned()),
                _ => {}
            }
            let label = text_length(component.get("label"));
            if label > 80 {
                problems.push(format!("a button label is {label} characters (max 80)"));
            }
            let options = array(component.get("options"));
            if options.len() > 25 {
                problems.push(format!(
                    "a select menu has {} options (max 25)",
                    options.len()
                ));
            }
        }
    }
}

/// Every way an autocomplete result (`data` of callback type 8) breaks Discord's limits:
/// at most 25 choices, names 1–100 characters, string values at most 100.
pub fn autocomplete_violations(data: &Value) -> Vec<String> {
    let mut problems = Vec::new();
    let choices = array(data.get("choices"));
    if choices.len() > 25 {
        problems.push(format!("{} autocomplete choices (max 25)", choices.len()));
    }
    for choice in choices {
        let name = text_length(choice.get("name"));
        if !(1..=100).contains(&name) {
            problems.push(format!(
                "a choice name is {name} characters (must be 1-100)"
            ));
        }
        if let Some(value) = choice.get("value").and_then(Value::as_str) {
            if value.chars().count() > 100 {
                problems.push(format!("choice value {value:?} is over 100 characters"));
            }
        }
    }
    problems
}

/// Every way one command (as sent in a bulk overwrite) breaks Discord's rules: names lowercase
/// and matching `^[-_'\p{L}\p{N}]{1,32}$`, descriptions 1–100 characters for slash commands,
/// at most 25 options and 25 choices per level, option names unique per level, required
/// options before optional ones, and at most 8,000 characters of names, descriptions and
/// choices in all.
pub fn command_violations(command: &Value) -> Vec<String> {
    let mut problems = Vec::new();
    let name = command.get("name").and_then(Value::as_str).unwrap_or("");
    let is_slash = command.get("type").and_then(Value::as_u64).unwrap_or(1) == 1;
    let mut total = 0;
    check_name_and_description(command, is_slash, name, &mut problems, &mut total);
    check_options(
        name,
        array(command.get("options")),
        &mut problems,
        &mut total,
    );
    if total > 8000 {
        problems.push(format!(
            "/{name} holds {total} characters in all (max 8000)"
        ));
    }
    problems
}

fn check_name_and_description(
    item: &Value,
    needs_description: bool,
    path: &str,
    problems: &mut Vec<String>,
    total: &mut usize,
) {
    let name = item.get("name").and_then(Value::as_str).unwrap_or("");
    let name_ok = (1..=32).contains(&name.chars().count())
        && name
            .chars()
            .all(|c| c.is_alphanumeric() || matches!(c, '-' | '_' | '\''))
        && name.chars().all(|c| !c.is_uppercase());
    if !name_ok {
        problems.push(format!(
            "{path}: name {name:?} is not 1-32 lowercase letters, digits, -_'"
        ));
    }
    let description = text_length(item.get("description"));
    if needs_description && !(1..=100).contains(&description) {
        problems.push(format!(
            "{path}: description is {description} characters (must be 1-100)"
        ));
    }
    *total += name.chars().count() + description;
}

fn check_options(path: &str, options: &[Value], problems: &mut Vec<String>, total: &mut usize) {
    if options.len() > 25 {
        problems.push(format!("{path}: {} options (max 25)", options.len()));
    }
    let mut names = HashSet::new();
    let mut seen_optional = false;
    for option in options {
        let name = option.get("name").and_then(Value::as_str).unwrap_or("");
        let option_path = format!("{path} {name}");
        check_name_and_description(option, true, &option_path, problems, total);
        if !names.insert(name) {
            problems.push(format!("{path}: option name {name:?} is used twice"));
        }
        let option_type = option.get("type").and_then(Value::as_u64).unwrap_or(0);
        if option_type > 2 {
            let required = option
                .get("required")
                .and_then(Value::as_bool)
                .unwrap_or(false);
            if required && seen_optional {
                problems.push(format!(
                    "{option_path}: required option after an optional one"
                ));
            }
            seen_optional |= !required;
        }
        let choices = array(option.get("choices"));
        if choices.len() > 25 {
            problems.push(format!("{option_path}: {} choices (max 25)", choices.len()));
        }
        for choice in choices {
            *total += text_length(choice.get("name"));
            *total += choice.get("value").map_or(0, |value| match value {
                Value::String(text) => text.chars().count(),
                other => other.to_string().len(),
            });
        }
        check_options(&option_path, array(option.get("options")), problems, total);
    }
}

fn array(value: Option<&Value>) -> &[Value] {
    value.and_then(Value::as_array).map_or(&[], Vec::as_slice)
}

fn text_length(value: Option<&Value>) -> usize {
    value
        .and_then(Value::as_str)
        .map_or(0, |text| text.chars().count())
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn a_message_within_limits_passes() {
        let payload = json!({
            "content": "Pong!",
            "embeds": [{ "title": "KCNA", "description": "Korean Central News Agency",
                         "fields": [{ "name": "Kind", "value": "agency", "inline": true }] }],
            "components": [{ "type": 1, "components": [
                { "type": 2, "style": 1, "custom_id": "timeline:2", "label": "Next" }] }]
        });
        assert_eq!(message_violations(&payload), Vec::<String>::new());
    }

    #[test]
    fn oversized_messages_are_refused() {
        let payload = json!({
            "content": "x".repeat(2001),
            "embeds": [{ "description": "d".repeat(4097) }, { "description": "d".repeat(3000) }],
        });
        let problems = message_violations(&payload);
        assert_eq!(problems.len(), 3, "{problems:?}");
    }

    #[test]
    fn too_many_or_too_long_choices_are_refused() {
        let choices: Vec<Value> = (0..26)
            .map(|n| json!({ "name": format!("term {n}"), "value": "v" }))
            .collect();
        assert_eq!(
            autocomplete_violations(&json!({ "choices": choices })).len(),
            1
        );
        let long = json!({ "choices": [{ "name": "n".repeat(101), "value": "v".repeat(101) }] });
        assert_eq!(autocomplete_violations(&long).len(), 2);
    }

    #[test]
    fn command_rules_catch_case_order_and_duplicates() {
        let good = json!({ "name": "define", "description": "Look up a term", "options": [
            { "type": 3, "name": "term", "description": "The term", "required": true },
            { "type": 5, "name": "private", "description": "Only you see it" }] });
        assert_eq!(command_violations(&good), Vec::<String>::new());
        let bad = json!({ "name": "Define", "description": "", "options": [
            { "type": 5, "name": "private", "description": "Only you see it" },
            { "type": 3, "name": "private", "description": "Again", "required": true }] });
        let problems = command_violations(&bad);
        assert_eq!(problems.len(), 4, "{problems:?}");
    }
}
