//! Small helpers for the sentences cognitui says.

/// "disabling the user" → "Disabling the user".
pub fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    chars.next().map_or_else(String::new, |first| {
        first.to_uppercase().chain(chars).collect()
    })
}

/// "1 user", "3 users": a count with its noun (plural by adding "s").
/// `text` ending a sentence: with a full stop, unless it ends with one already.
pub fn stopped(text: &str) -> String {
    let text = text.trim_end();
    if text.ends_with(['.', '!', '?']) {
        text.to_owned()
    } else {
        format!("{text}.")
    }
}

pub fn count(n: usize, noun: &str) -> String {
    if n == 1 {
        format!("1 {noun}")
    } else {
        format!("{n} {noun}s")
    }
}

/// "a", "a and b", "a, b and c".
pub fn and_list(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}

#[cfg(test)]
mod tests {

    #[test]
    fn a_sentence_ends_with_one_full_stop() {
        assert_eq!(stopped("Cognito failed."), "Cognito failed.");
        assert_eq!(
            stopped("the file cannot be read "),
            "the file cannot be read."
        );
    }

    use super::*;

    #[test]
    fn capitalises_the_first_letter_only() {
        assert_eq!(capitalised("disabling ann"), "Disabling ann");
        assert_eq!(capitalised(""), "");
        assert_eq!(capitalised("éa"), "Éa");
    }

    #[test]
    fn counts_say_one_user() {
        assert_eq!(count(1, "user"), "1 user");
        assert_eq!(count(0, "user"), "0 users");
        assert_eq!(count(2, "page"), "2 pages");
    }

    #[test]
    fn lists_with_and() {
        let items = |v: &[&str]| v.iter().map(|s| (*s).to_owned()).collect::<Vec<_>>();
        assert_eq!(and_list(&items(&[])), "");
        assert_eq!(and_list(&items(&["a"])), "a");
        assert_eq!(and_list(&items(&["a", "b"])), "a and b");
        assert_eq!(and_list(&items(&["a", "b", "c"])), "a, b and c");
    }
}
