//! Cloze deletions as Anki reads them (rslib `cloze.rs`): `{{c1::text}}`, a hint after a second
//! `::` (`{{c1::Canberra::city}}`), several numbers at once (`{{c1,2::text}}`), several
//! deletions of one number, and deletions inside deletions
//! (`{{c1::Canberra was {{c2::founded}} in 1913}}`). One pass over the text builds a tree; a
//! card of number N shows N's deletions as `[...]` (or `[hint]`) on the question side and
//! reveals them on the answer side, every other deletion showing its text.

use std::collections::BTreeSet;

/// Which side of a card is rendered.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Side {
    Question,
    Answer,
}

/// Deletions open at once beyond this are read as text, as Anki does.
const MAX_OPEN: usize = 10;

#[derive(Debug)]
enum Node<'a> {
    Text(&'a str),
    Cloze(Cloze<'a>),
}

#[derive(Debug)]
struct Cloze<'a> {
    numbers: Vec<u16>,
    nodes: Vec<Node<'a>>,
    hint: Option<&'a str>,
}

impl Cloze<'_> {
    /// The deletion's whole text, deletions inside it shown.
    fn text(&self, out: &mut String) {
        for node in &self.nodes {
            match node {
                Node::Text(text) => out.push_str(text),
                Node::Cloze(inner) => inner.text(out),
            }
        }
    }

    fn hint(&self) -> &str {
        self.hint.unwrap_or("...")
    }
}

/// `{{c1,2::` at the start of `text`: the numbers (sorted, without repeats) and the length.
fn opening(text: &str) -> Option<(Vec<u16>, usize)> {
    let rest = text.strip_prefix("{{c")?;
    let digits = rest
        .bytes()
        .take_while(|b| b.is_ascii_digit() || *b == b',')
        .count();
    if !rest[digits..].starts_with("::") {
        return None;
    }
    let numbers: BTreeSet<u16> = rest[..digits]
        .split(',')
        .filter_map(|n| n.parse().ok())
        .collect();
    if numbers.is_empty() {
        return None;
    }
    Some((numbers.into_iter().collect(), 3 + digits + 2))
}

/// The text split into plain runs and deletions, in one pass (linear in the text).
fn parse(text: &str) -> Vec<Node<'_>> {
    let mut open: Vec<Cloze<'_>> = Vec::new();
    let mut output: Vec<Node<'_>> = Vec::new();
    let mut at = 0;
    let mut run_start = 0;
    let bytes = text.as_bytes();
    while at < bytes.len() {
        let token = if bytes[at] == b'{' {
            opening(&text[at..]).map(|(numbers, len)| (Some(numbers), len))
        } else if bytes[at] == b'}' && bytes.get(at + 1) == Some(&b'}') {
            Some((None, 2))
        } else {
            None
        };
        let Some((numbers, len)) = token else {
            at += 1;
            continue;
        };
        push_text(&mut open, &mut output, &text[run_start..at]);
        match numbers {
            Some(numbers) => {
                if open.len() < MAX_OPEN {
                    open.push(Cloze {
                        numbers,
                        nodes: Vec::with_capacity(1),
                        hint: None,
                    });
                }
            }
            None => match open.pop() {
                Some(cloze) => match open.last_mut() {
                    Some(outer) => outer.nodes.push(Node::Cloze(cloze)),
                    None => output.push(Node::Cloze(cloze)),
                },
                // A closing marker outside any deletion is text.
                None => output.push(Node::Text("}}")),
            },
        }
        at += len;
        run_start = at;
    }
    push_text(&mut open, &mut output, &text[run_start..]);
    // Deletions never closed are dropped, as Anki drops them.
    output
}

/// A run of text: inside a deletion, its part after `::` is the deletion's hint.
fn push_text<'a>(open: &mut [Cloze<'a>], output: &mut Vec<Node<'a>>, mut run: &'a str) {
    if run.is_empty() {
        return;
    }
    match open.last_mut() {
        Some(cloze) => {
            if let Some((head, hint)) = run.split_once("::") {
                run = head;
                cloze.hint = Some(hint);
            }
            cloze.nodes.push(Node::Text(run));
        }
        None => output.push(Node::Text(run)),
    }
}

/// The cloze numbers a field uses (0 is not a number), deletions inside deletions included.
pub fn numbers(text: &str) -> BTreeSet<u16> {
    fn walk(nodes: &[Node<'_>], set: &mut BTreeSet<u16>) {
        for node in nodes {
            if let Node::Cloze(cloze) = node {
                set.extend(cloze.numbers.iter().copied().filter(|n| *n != 0));
                walk(&cloze.nodes, set);
            }
        }
    }
    let mut set = BTreeSet::new();
    if text.contains("{{c") {
        walk(&parse(text), &mut set);
    }
    set
}

/// The field as card `number` shows it on `side`; empty when the field has no deletion of that
/// number (Anki's `reveal_cloze_text`).
pub fn reveal(text: &str, number: u16, side: Side) -> String {
    fn walk(cloze: &Cloze<'_>, number: u16, side: Side, found: &mut bool, out: &mut String) {
        let active = cloze.numbers.contains(&number);
        *found |= active;
        if active && side == Side::Question {
            // The deletion's content is hidden whole, deletions inside it too.
            let mut ignored = String::new();
            for node in &cloze.nodes {
                if let Node::Cloze(inner) = node {
                    walk(inner, number, side, found, &mut ignored);
                }
            }
            out.push('[');
            out.push_str(cloze.hint());
            out.push(']');
            return;
        }
        for node in &cloze.nodes {
            match node {
                Node::Text(text) => out.push_str(text),
                Node::Cloze(inner) => walk(inner, number, side, found, out),
            }
        }
    }
    let mut out = String::with_capacity(text.len());
    let mut found = false;
    for node in &parse(text) {
        match node {
            Node::Text(text) => out.push_str(text),
            Node::Cloze(cloze) => walk(cloze, number, side, &mut found, &mut out),
        }
    }
    if found { out } else { String::new() }
}

/// What deletions of `number` hold (their hints on the question side), joined by `, `: the
/// `cloze-only` filter.
pub fn reveal_only(text: &str, number: u16, side: Side) -> String {
    active_texts(text, number, side).join(", ")
}

/// The answer to type for card `number` (`{{type:cloze:Text}}`): the deletions' texts, one
/// when they are all the same.
pub fn for_typing(text: &str, number: u16) -> String {
    let mut texts = active_texts(text, number, Side::Answer);
    texts.dedup();
    if texts.iter().all(|t| Some(t) == texts.first()) {
        texts.truncate(1);
    }
    texts.join(", ")
}

fn active_texts(text: &str, number: u16, side: Side) -> Vec<String> {
    fn walk(node: &Node<'_>, number: u16, side: Side, out: &mut Vec<String>) {
        if let Node::Cloze(cloze) = node {
            if cloze.numbers.contains(&number) {
                out.push(match side {
                    Side::Question => cloze.hint().to_string(),
                    Side::Answer => {
                        let mut text = String::new();
                        cloze.text(&mut text);
                        text
                    }
                });
            }
            for inner in &cloze.nodes {
                walk(inner, number, side, out);
            }
        }
    }
    let mut out = Vec::new();
    for node in &parse(text) {
        walk(node, number, side, &mut out);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn deletions_as_anki_reveals_them() {
        let nested = "{{c1::Canberra was {{c2::founded}} in 1913}}.";
        let cases: &[(&str, u16, Side, &str)] = &[
            (
                "{{c1::Ottawa}} is in {{c2::Canada}}",
                1,
                Side::Question,
                "[...] is in Canada",
            ),
            (
                "{{c1::Ottawa}} is in {{c2::Canada}}",
                2,
                Side::Question,
                "Ottawa is in [...]",
            ),
            (
                "{{c1::Ottawa}} is in {{c2::Canada}}",
                2,
                Side::Answer,
                "Ottawa is in Canada",
            ),
            (nested, 1, Side::Question, "[...]."),
            (nested, 2, Side::Question, "Canberra was [...] in 1913."),
            (nested, 1, Side::Answer, "Canberra was founded in 1913."),
            (nested, 2, Side::Answer, "Canberra was founded in 1913."),
            (
                "{{c1::Canberra::city}} is the capital",
                1,
                Side::Question,
                "[city] is the capital",
            ),
            (
                "{{c1::a}} and {{c1::b}} but {{c2::c}}",
                1,
                Side::Question,
                "[...] and [...] but c",
            ),
            (
                "{{c1,2::both}} and {{c2::two}}",
                1,
                Side::Question,
                "[...] and two",
            ),
            (
                "{{c1,2::both}} and {{c2::two}}",
                2,
                Side::Question,
                "[...] and [...]",
            ),
            ("{{c1::one}}", 2, Side::Question, ""),
            (
                "a }} stray and {{c1::x}}",
                1,
                Side::Question,
                "a }} stray and [...]",
            ),
            ("{{c1::never closed", 1, Side::Question, ""),
            (
                "{{c::no number}} {{c1::x}}",
                1,
                Side::Answer,
                "{{c::no number}} x",
            ),
        ];
        for (text, number, side, expected) in cases {
            assert_eq!(
                reveal(text, *number, *side),
                *expected,
                "{text} c{number} {side:?}"
            );
        }
        assert_eq!(numbers(nested).into_iter().collect::<Vec<_>>(), vec![1, 2]);
        assert_eq!(
            numbers("{{c0::x}} {{c3::y}}")
                .into_iter()
                .collect::<Vec<_>>(),
            vec![3]
        );
        assert_eq!(
            reveal_only("x {{c1::a::h}} {{c1::b}}", 1, Side::Question),
            "h, ..."
        );
        assert_eq!(
            reveal_only("x {{c1::a::h}} {{c1::b}}", 1, Side::Answer),
            "a, b"
        );
        assert_eq!(for_typing("{{c1::a}} {{c1::a}}", 1), "a");
        assert_eq!(for_typing("{{c1::a}} {{c1::b}}", 1), "a, b");
    }

    #[test]
    fn deletions_are_read_in_linear_time() {
        // 200,000 openings and as many stray closings: one pass, no rescans.
        let text = "{{c1::x".repeat(100_000) + &"}}".repeat(100_000);
        assert_eq!(numbers(&text).into_iter().collect::<Vec<_>>(), vec![1]);
        let many = "{{c1::a}} ".repeat(100_000);
        assert_eq!(reveal(&many, 1, Side::Answer).len(), "a ".len() * 100_000);
    }
}
