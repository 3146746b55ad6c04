//! Text helpers for layouts that must fit any width: wrapping (styles kept, continuation rows
//! indented like the first), cutting with an ellipsis, and the "12-30 of 200" position of a
//! scrolled view. Views wrap their lines here, before drawing, so that the rows they scroll
//! through are exactly the rows shown.

use ratatui::style::Style;
use ratatui::text::{Line, Span};

/// Where the rows of a text of `len` characters start and end (end excluded) in `width`
/// columns: broken after the last space that fits, inside a word only when it alone is wider.
/// The space at a break is dropped.
fn breaks(chars: &[char], width: usize) -> Vec<(usize, usize)> {
    let width = width.max(1);
    let mut rows = Vec::new();
    let mut start = 0;
    while chars.len() - start > width {
        let space = (start + 1..=start + width)
            .rev()
            .find(|&i| chars[i] == ' ' && chars[i - 1] != ' ');
        if let Some(at) = space {
            rows.push((start, at));
            start = at + 1;
        } else {
            rows.push((start, start + width));
            start += width;
        }
    }
    rows.push((start, chars.len()));
    rows
}

/// `text` in rows of at most `width` characters. Never empty: an empty text is one empty row.
pub fn wrap(text: &str, width: usize) -> Vec<String> {
    let chars: Vec<char> = text.chars().collect();
    breaks(&chars, width)
        .into_iter()
        .map(|(a, b)| chars[a..b].iter().collect())
        .collect()
}

/// `line` in rows of at most `width` columns, each span keeping its style; rows after the first
/// are indented as far as the line itself is (its leading spaces).
pub fn wrap_line(line: &Line<'_>, width: usize) -> Vec<Line<'static>> {
    let styled: Vec<(char, Style)> = line
        .spans
        .iter()
        .flat_map(|s| {
            let style = line.style.patch(s.style);
            s.content.chars().map(move |c| (c, style))
        })
        .collect();
    let chars: Vec<char> = styled.iter().map(|(c, _)| *c).collect();
    let indent = chars.iter().take_while(|c| **c == ' ').count();
    // A hanging indent that leaves less than half the width is not worth it.
    let indent = if indent * 2 > width { 0 } else { indent };
    let first = breaks(&chars, width);
    let mut rows = vec![first[0]];
    if let Some(&(start, _)) = first.get(1) {
        // Later rows have the indent's columns less.
        let later = breaks(&chars[start..], width.saturating_sub(indent));
        rows.extend(later.into_iter().map(|(a, b)| (start + a, start + b)));
    }
    rows.into_iter()
        .enumerate()
        .map(|(i, (a, b))| {
            let mut spans: Vec<Span<'static>> = Vec::new();
            if i > 0 && indent > 0 {
                spans.push(Span::raw(" ".repeat(indent)));
            }
            let mut run: Option<(String, Style)> = None;
            for &(c, style) in &styled[a..b] {
                match &mut run {
                    Some((text, s)) if *s == style => text.push(c),
                    _ => {
                        if let Some((text, s)) = run.take() {
                            spans.push(Span::styled(text, s));
                        }
                        run = Some((c.to_string(), style));
                    }
                }
            }
            if let Some((text, s)) = run {
                spans.push(Span::styled(text, s));
            }
            Line::from(spans)
        })
        .collect()
}

/// Every line of `lines` wrapped to `width` columns.
pub fn wrap_lines(lines: &[Line<'_>], width: usize) -> Vec<Line<'static>> {
    lines.iter().flat_map(|l| wrap_line(l, width)).collect()
}

/// `text` cut to `width` characters, the last one an ellipsis when something was cut.
pub fn fit(text: &str, width: usize) -> String {
    if text.chars().count() <= width {
        return text.to_owned();
    }
    let mut cut: String = text.chars().take(width.saturating_sub(1)).collect();
    if width > 0 {
        cut.push('…');
    }
    cut
}

/// `text` cut to `width` characters in its middle (an ellipsis there), so that both ends show:
/// for ids whose start is shared and whose end tells them apart.
pub fn fit_middle(text: &str, width: usize) -> String {
    let chars: Vec<char> = text.chars().collect();
    if chars.len() <= width || width < 3 {
        return fit(text, width);
    }
    let head = (width - 1) / 2;
    let tail = width - 1 - head;
    let mut cut: String = chars[..head].iter().collect();
    cut.push('…');
    cut.extend(&chars[chars.len() - tail..]);
    cut
}

/// Which rows of a scrolled view show: ` 12-30 of 200 users · PgUp/PgDn ` (from 1), or
/// nothing when everything shows.
pub fn position(offset: usize, visible: usize, total: usize, what: &str) -> Option<String> {
    (total > visible).then(|| {
        let last = (offset + visible).min(total);
        format!(" {}-{last} of {total}{what} · PgUp/PgDn ", offset + 1)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(lines: &[Line]) -> Vec<String> {
        lines.iter().map(ToString::to_string).collect()
    }

    #[test]
    fn wraps_at_spaces_and_cuts_long_words() {
        assert_eq!(wrap("one two three", 7), ["one two", "three"]);
        assert_eq!(wrap("abcdefghij", 4), ["abcd", "efgh", "ij"]);
        assert_eq!(wrap("", 5), [""]);
        assert_eq!(wrap("a verylongword b", 5), ["a", "veryl", "ongwo", "rd b"]);
    }

    #[test]
    fn wrapped_lines_keep_styles_and_indent() {
        let bold = Style::new().bold();
        let line = Line::from(vec![
            Span::raw("   aws cognito-idp "),
            Span::styled("admin-disable-user", bold),
            Span::raw(" --user-pool-id x"),
        ]);
        let rows = wrap_line(&line, 24);
        assert_eq!(
            text(&rows),
            [
                "   aws cognito-idp",
                "   admin-disable-user",
                "   --user-pool-id x"
            ]
        );
        assert!(rows[1].spans.iter().any(|s| s.style == bold));
        assert_eq!(text(&wrap_line(&Line::raw(""), 10)), [""]);
        assert_eq!(text(&wrap_line(&Line::raw(" short"), 10)), [" short"]);
    }

    #[test]
    fn fits_with_an_ellipsis() {
        assert_eq!(fit("abcdef", 4), "abc…");
        assert_eq!(fit("abc", 4), "abc");
        assert_eq!(fit_middle("us-east-1_0a1b-0001", 9), "us-e…0001");
    }

    #[test]
    fn position_only_when_scrolled() {
        assert_eq!(position(0, 10, 10, ""), None);
        assert_eq!(
            position(11, 19, 200, " users").as_deref(),
            Some(" 12-30 of 200 users · PgUp/PgDn ")
        );
    }
}
