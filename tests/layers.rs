//! The shape of `src/`, checked on every run: no import cycle between files, no file over 500
//! lines (its trailing test module aside), the state layer (`app/`) never imports the rendering
//! layer (`ui/`), the Cognito layer (`cognito/`) imports neither, and a screen module
//! (`screens/`) imports the rendering layer only from its drawing (`view.rs` or `view/`).
//!
//! A file's imports are its `use crate::…`, `use super::…` and `use self::…` paths (brace groups
//! expanded) and the `crate::…` / `super::…` paths written inline, each resolved to the longest
//! module file it names. A `mod.rs` naming its own folder's files is the module's layout, not a
//! dependency.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

const MAX_LINES: usize = 500;

/// `(from, to)`: no file under the first folder may import one under the second.
const FORBIDDEN: [(&str, &str); 3] = [("app", "ui"), ("cognito", "app"), ("cognito", "ui")];

type Module = Vec<String>;

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).expect("read src") {
        let path = entry.expect("entry").path();
        if path.is_dir() {
            out.push(path.clone());
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
    out.retain(|p| p.extension().is_some_and(|e| e == "rs"));
}

/// `app/mod.rs` → `["app"]`, `app/view.rs` → `["app", "view"]`, `lib.rs` → `[]`.
fn module_of(relative: &str) -> Module {
    let mut parts: Module = relative
        .trim_end_matches(".rs")
        .split('/')
        .map(ToOwned::to_owned)
        .collect();
    if parts.last().is_some_and(|p| p == "mod" || p == "lib") {
        parts.pop();
    }
    parts
}

/// The text before the file's trailing `#[cfg(test)] mod … {`.
fn without_tests(text: &str) -> &str {
    let mut at = 0;
    while let Some(found) = text[at..].find("#[cfg(test)]") {
        let start = at + found;
        let rest = text[start + "#[cfg(test)]".len()..].trim_start();
        let rest = rest.strip_prefix("pub(crate) ").unwrap_or(rest);
        if let Some(after) = rest.strip_prefix("mod ") {
            let name_end = after
                .find(|c: char| !(c.is_alphanumeric() || c == '_'))
                .unwrap_or(after.len());
            if after[name_end..].trim_start().starts_with('{') {
                return &text[..start];
            }
        }
        at = start + 1;
    }
    text
}

/// The code without comments and string literals.
fn code_only(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '/' if chars.peek() == Some(&'/') => {
                for c in chars.by_ref() {
                    if c == '\n' {
                        out.push('\n');
                        break;
                    }
                }
            }
            '"' => {
                let mut escaped = false;
                for c in chars.by_ref() {
                    if c == '"' && !escaped {
                        break;
                    }
                    escaped = c == '\\' && !escaped;
                }
                out.push_str("\"\"");
            }
            // A char literal such as '"' or '{' is not code either.
            '\'' => {
                let rest: String = chars.clone().take(3).collect();
                if let Some(escaped) = rest.strip_prefix('\\') {
                    let end = escaped.find('\'').map_or(0, |i| i + 2);
                    for _ in 0..end {
                        chars.next();
                    }
                } else if rest.chars().nth(1) == Some('\'') {
                    chars.next();
                    chars.next();
                }
                out.push('\'');
            }
            c => out.push(c),
        }
    }
    out
}

/// `a::{b, c::{d, e}}` → `a::b`, `a::c::d`, `a::c::e`.
fn expand(tree: &str) -> Vec<String> {
    let tree: String = tree.split_whitespace().collect();
    let Some(open) = tree.find('{') else {
        let path = tree.split(" as ").next().unwrap_or(&tree);
        return vec![path.trim_end_matches("::self").to_owned()];
    };
    let head = tree[..open].trim_end_matches("::");
    let inner = &tree[open + 1..tree.len() - 1];
    let mut parts = Vec::new();
    let (mut depth, mut from) = (0, 0);
    for (i, c) in inner.char_indices() {
        match c {
            '{' => depth += 1,
            '}' => depth -= 1,
            ',' if depth == 0 => {
                parts.push(&inner[from..i]);
                from = i + 1;
            }
            _ => {}
        }
    }
    parts.push(&inner[from..]);
    parts
        .into_iter()
        .filter(|p| !p.is_empty())
        .flat_map(expand)
        .map(|p| {
            if p == "self" {
                head.to_owned()
            } else {
                format!("{head}::{p}")
            }
        })
        .collect()
}

/// The paths a file names: its `use` trees and inline `crate::` / `super::` paths.
fn paths(code: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = code;
    let mut outside = String::new();
    while let Some(i) = rest.find("use ") {
        let before_ok = i == 0
            || !rest[..i]
                .chars()
                .next_back()
                .is_some_and(|c| c.is_alphanumeric() || c == '_');
        outside.push_str(&rest[..i]);
        let after = &rest[i + 4..];
        let Some(end) = after.find(';') else { break };
        let tree = after[..end].trim();
        if before_ok
            && ["crate", "super", "self"]
                .iter()
                .any(|r| tree.starts_with(r))
        {
            out.extend(expand(tree));
            rest = &after[end + 1..];
        } else {
            outside.push_str("use ");
            rest = after;
        }
    }
    outside.push_str(rest);
    for root in ["crate::", "super::"] {
        let mut at = 0;
        while let Some(i) = outside[at..].find(root) {
            let start = at + i;
            let prefix_ok = start == 0
                || !outside[..start]
                    .chars()
                    .next_back()
                    .is_some_and(|c| c.is_alphanumeric() || c == '_' || c == ':');
            let end = outside[start..]
                .find(|c: char| !(c.is_alphanumeric() || c == '_' || c == ':'))
                .map_or(outside.len(), |e| start + e);
            if prefix_ok {
                out.push(outside[start..end].trim_end_matches(':').to_owned());
            }
            at = end.max(start + 1);
        }
    }
    out
}

/// The module file `path` (seen from `from`) names: the longest module it starts with.
fn resolve(from: &Module, path: &str, modules: &BTreeMap<Module, String>) -> Option<String> {
    let mut parts = path.split("::").filter(|p| !p.is_empty());
    let mut full: Module = match parts.next()? {
        "crate" => Vec::new(),
        "self" => from.clone(),
        "super" => from[..from.len().saturating_sub(1)].to_vec(),
        _ => return None,
    };
    for part in parts {
        if part == "super" {
            full.pop();
        } else {
            full.push(part.to_owned());
        }
    }
    (0..=full.len())
        .rev()
        .find_map(|n| modules.get(&full[..n].to_vec()).cloned())
}

struct Graph {
    edges: BTreeMap<String, BTreeSet<String>>,
    lines: BTreeMap<String, usize>,
}

fn graph() -> Graph {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    let relative = |p: &Path| {
        p.strip_prefix(&src)
            .expect("under src")
            .to_string_lossy()
            .replace('\\', "/")
    };
    let files: Vec<(String, PathBuf)> = files
        .iter()
        .map(|p| (relative(p), p.clone()))
        .filter(|(r, _)| r != "main.rs" && !r.starts_with("bin/"))
        .collect();
    let modules: BTreeMap<Module, String> = files
        .iter()
        .map(|(r, _)| (module_of(r), r.clone()))
        .collect();
    let mut edges = BTreeMap::new();
    let mut lines = BTreeMap::new();
    for (rel, path) in &files {
        let text = std::fs::read_to_string(path).expect("read");
        let body = without_tests(&text);
        lines.insert(rel.clone(), body.lines().count());
        let from = module_of(rel);
        let dir = rel.rsplit_once('/').map_or("", |(d, _)| d);
        let targets: BTreeSet<String> = paths(&code_only(body))
            .iter()
            .filter_map(|p| resolve(&from, p, &modules))
            .filter(|t| t != rel)
            // A mod.rs naming its own folder's files is the module's layout.
            .filter(|t| {
                !(rel.ends_with("mod.rs") && t.rsplit_once('/').map_or("", |(d, _)| d) == dir)
            })
            .collect();
        edges.insert(rel.clone(), targets);
    }
    Graph { edges, lines }
}

/// The strongly connected components of more than one file (Tarjan).
fn cycles(edges: &BTreeMap<String, BTreeSet<String>>) -> Vec<Vec<String>> {
    struct State<'a> {
        edges: &'a BTreeMap<String, BTreeSet<String>>,
        index: BTreeMap<&'a str, usize>,
        low: BTreeMap<&'a str, usize>,
        stack: Vec<&'a str>,
        on_stack: BTreeSet<&'a str>,
        found: Vec<Vec<String>>,
    }
    fn visit<'a>(s: &mut State<'a>, v: &'a str) {
        let n = s.index.len();
        s.index.insert(v, n);
        s.low.insert(v, n);
        s.stack.push(v);
        s.on_stack.insert(v);
        for w in s.edges.get(v).into_iter().flatten() {
            if !s.index.contains_key(w.as_str()) {
                visit(s, w);
                let low = s.low[v].min(s.low[w.as_str()]);
                s.low.insert(v, low);
            } else if s.on_stack.contains(w.as_str()) {
                let low = s.low[v].min(s.index[w.as_str()]);
                s.low.insert(v, low);
            }
        }
        if s.low[v] == s.index[v] {
            let mut component = Vec::new();
            while let Some(w) = s.stack.pop() {
                s.on_stack.remove(w);
                component.push(w.to_owned());
                if w == v {
                    break;
                }
            }
            if component.len() > 1 {
                component.sort();
                s.found.push(component);
            }
        }
    }
    let mut state = State {
        edges,
        index: BTreeMap::new(),
        low: BTreeMap::new(),
        stack: Vec::new(),
        on_stack: BTreeSet::new(),
        found: Vec::new(),
    };
    for v in edges.keys() {
        if !state.index.contains_key(v.as_str()) {
            visit(&mut state, v);
        }
    }
    state.found
}

#[test]
fn src_has_no_import_cycle() {
    let found = cycles(&graph().edges);
    assert!(found.is_empty(), "import cycles: {found:#?}");
}

#[test]
fn no_file_in_src_is_over_500_lines_without_its_tests() {
    let big: Vec<_> = graph()
        .lines
        .into_iter()
        .filter(|(_, n)| *n > MAX_LINES)
        .collect();
    assert!(big.is_empty(), "files over {MAX_LINES} lines: {big:?}");
}

#[test]
fn the_layers_import_only_downwards() {
    let g = graph();
    let under = |file: &str, dir: &str| file.starts_with(&format!("{dir}/"));
    let wrong: Vec<String> = g
        .edges
        .iter()
        .flat_map(|(from, to)| to.iter().map(move |t| (from, t)))
        .filter(|(from, to)| {
            FORBIDDEN
                .iter()
                .any(|(a, b)| under(from, a) && under(to, b))
        })
        .map(|(from, to)| format!("{from} -> {to}"))
        .collect();
    assert!(wrong.is_empty(), "imports against the layers: {wrong:?}");
}

/// Whether `file` (under `src/`) is a screen's drawing: its `view.rs`, or a file in its `view/`.
fn draws_a_screen(file: &str) -> bool {
    file.starts_with("screens/")
        && file
            .split('/')
            .any(|part| part == "view.rs" || part == "view")
}

#[test]
fn a_screen_module_imports_the_rendering_layer_only_to_draw() {
    let g = graph();
    let screens: Vec<&String> = g
        .edges
        .keys()
        .filter(|f| f.starts_with("screens/"))
        .collect();
    assert!(
        screens.iter().any(|f| draws_a_screen(f)) && screens.iter().any(|f| !draws_a_screen(f)),
        "the check sees screen modules: {screens:?}"
    );
    let wrong: Vec<String> = g
        .edges
        .iter()
        .filter(|(from, _)| from.starts_with("screens/") && !draws_a_screen(from))
        .flat_map(|(from, to)| to.iter().map(move |t| (from, t)))
        .filter(|(_, to)| to.starts_with("ui/"))
        .map(|(from, to)| format!("{from} -> {to}"))
        .collect();
    assert!(
        wrong.is_empty(),
        "a screen's state imports the rendering layer: {wrong:?}"
    );
}

#[test]
fn the_checker_sees_a_cycle_and_a_forbidden_import() {
    // The checks above can fail: a made-up pair of files importing each other is a cycle.
    let mut edges = BTreeMap::new();
    edges.insert("a.rs".to_owned(), BTreeSet::from(["b.rs".to_owned()]));
    edges.insert("b.rs".to_owned(), BTreeSet::from(["a.rs".to_owned()]));
    assert_eq!(cycles(&edges).len(), 1);
    let modules: BTreeMap<Module, String> = [
        (vec!["app".to_owned()], "app/mod.rs".to_owned()),
        (vec!["ui".to_owned()], "ui/mod.rs".to_owned()),
        (
            vec!["ui".to_owned(), "layout".to_owned()],
            "ui/layout.rs".to_owned(),
        ),
    ]
    .into_iter()
    .collect();
    let from = module_of("app/view.rs");
    let named = paths(&code_only(
        "use crate::ui::{layout::Extent, Theme};\nfn f() { crate::ui::body(); }",
    ));
    let resolved: BTreeSet<_> = named
        .iter()
        .filter_map(|p| resolve(&from, p, &modules))
        .collect();
    assert_eq!(
        resolved,
        BTreeSet::from(["ui/layout.rs".to_owned(), "ui/mod.rs".to_owned()])
    );
    assert_eq!(
        without_tests("fn a() {}\n#[cfg(test)]\nmod tests {\n}\n"),
        "fn a() {}\n"
    );
}
