//! The manifest read part by part through `Project`'s own serde description: a new saved
//! setting is a new field of `Project` (with its default), and nothing here changes.

use super::{Project, ProjectProblem};
use serde_json::Value;

/// Each part of the manifest on its own, through `Project`'s own serde description (so a
/// new saved setting is a new field of `Project`, and nothing here changes): a part is
/// taken when the project reads with it, else it is named and left at its default; in a
/// list (layers, tours), each item on its own, a bad one named by its `name`.
pub(super) fn parts(value: &Value, problems: &mut Vec<ProjectProblem>) -> Project {
    let Ok(Value::Object(mut taken)) = serde_json::to_value(Project::default()) else {
        return Project::default();
    };
    let reads = |taken: &serde_json::Map<String, Value>| {
        serde_json::from_value::<Project>(Value::Object(taken.clone()))
    };
    let Some(parts) = value.as_object() else {
        return Project::default();
    };
    for (key, part) in parts {
        // The format and version were checked before. A key no field reads (written by a
        // newer version) changes nothing, and is let be.
        if key == "format" || key == "version" {
            continue;
        }
        let before = taken.insert(key.clone(), part.clone());
        let Err(whole) = reads(&taken) else {
            continue;
        };
        let items = part.as_array().map(|items| {
            let mut good = Vec::new();
            for (i, item) in items.iter().enumerate() {
                taken.insert(key.clone(), Value::Array(vec![item.clone()]));
                match reads(&taken) {
                    Ok(_) => good.push(item.clone()),
                    Err(e) => problems.push(ProjectProblem::Unreadable {
                        part: item_name(key, item, i),
                        why: e.to_string(),
                    }),
                }
            }
            good
        });
        match (items, before) {
            (Some(good), _) => {
                taken.insert(key.clone(), Value::Array(good));
            }
            (None, before) => {
                problems.push(ProjectProblem::Unreadable {
                    part: key.clone(),
                    why: whole.to_string(),
                });
                match before {
                    Some(before) => taken.insert(key.clone(), before),
                    None => taken.remove(key),
                };
            }
        }
    }
    reads(&taken).unwrap_or_default()
}

/// An item of a list by its name, else by its place ("layer 2", "tour 1").
fn item_name(key: &str, item: &Value, i: usize) -> String {
    item.get("name").and_then(Value::as_str).map_or_else(
        || format!("{} {}", key.trim_end_matches('s'), i + 1),
        ToOwned::to_owned,
    )
}
