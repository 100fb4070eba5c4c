//! Articles saved from a browser: the page is parsed with an HTML5 parser (html5ever, through
//! `scraper`), its content found (`<article>`, `<main>`, or the body), the page's furniture left
//! out (scripts, styles, navigation, cookie banners, sidebars, forms, footers), and what remains
//! written as the Markdown the outline reads: headings, paragraphs, lists, block quotes, tables
//! as pipe tables, and `<details>` FAQs with their `<summary>` as the question.

use scraper::{ElementRef, Html, Node};

/// Whether `text` is an HTML page rather than plain text or Markdown.
pub fn looks_like_html(text: &str) -> bool {
    let start: String = text
        .trim_start_matches('\u{feff}')
        .trim_start()
        .chars()
        .take(200)
        .collect::<String>()
        .to_lowercase();
    start.starts_with("<!doctype html") || start.starts_with("<html") || start.contains("<body")
}

/// Elements that are never the article's content.
const FURNITURE: &[&str] = &[
    "script", "style", "noscript", "nav", "footer", "aside", "form", "iframe", "svg", "button",
    "template", "select", "input", "textarea", "canvas", "object", "embed", "dialog",
];

/// Class and id words of the page's furniture.
const FURNITURE_HINTS: &[&str] = &[
    "cookie",
    "consent",
    "gdpr",
    "sidebar",
    "newsletter",
    "subscribe",
    "advert",
    "ad-slot",
    "promo",
    "share",
    "social",
    "comment",
    "related",
    "breadcrumb",
    "menu",
    "popup",
    "modal",
    "banner",
];

fn is_furniture(element: &ElementRef<'_>) -> bool {
    let value = element.value();
    if FURNITURE.contains(&value.name()) {
        return true;
    }
    if value.attr("hidden").is_some() || value.attr("aria-hidden") == Some("true") {
        return true;
    }
    let role = value.attr("role").unwrap_or("");
    if matches!(
        role,
        "navigation" | "banner" | "complementary" | "contentinfo"
    ) {
        return true;
    }
    let names = format!(
        "{} {}",
        value.attr("class").unwrap_or(""),
        value.attr("id").unwrap_or("")
    )
    .to_lowercase();
    FURNITURE_HINTS.iter().any(|hint| names.contains(hint))
}

/// The element holding the article: the first `<article>`, else `<main>` (or `role="main"`),
/// else the body.
fn content_root(document: &Html) -> ElementRef<'_> {
    let elements: Vec<ElementRef<'_>> = document
        .root_element()
        .descendants()
        .filter_map(ElementRef::wrap)
        .collect();
    let find =
        |wanted: &dyn Fn(&ElementRef<'_>) -> bool| elements.iter().find(|e| wanted(e)).copied();
    find(&|e| e.value().name() == "article")
        .or_else(|| find(&|e| e.value().name() == "main" || e.value().attr("role") == Some("main")))
        .or_else(|| find(&|e| e.value().name() == "body"))
        .unwrap_or_else(|| document.root_element())
}

/// The text of an element and its descendants (furniture left out), white space folded.
fn inline_text(element: ElementRef<'_>) -> String {
    let mut text = String::new();
    collect_text(element, &mut text);
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn collect_text(element: ElementRef<'_>, text: &mut String) {
    for child in element.children() {
        match child.value() {
            Node::Text(t) => text.push_str(t),
            Node::Element(e) if e.name() == "br" => text.push(' '),
            Node::Element(_) => {
                if let Some(child) = ElementRef::wrap(child)
                    && !is_furniture(&child)
                {
                    collect_text(child, text);
                }
            }
            _ => {}
        }
    }
}

/// Whether a paragraph is nothing but bold text (how pages mark a question).
fn all_bold(element: ElementRef<'_>) -> bool {
    let mut bold = false;
    for child in element.children() {
        match child.value() {
            Node::Text(t) if t.trim().is_empty() => {}
            Node::Element(e) if matches!(e.name(), "strong" | "b") => bold = true,
            _ => return false,
        }
    }
    bold
}

/// The Markdown being written, one block at a time.
#[derive(Default)]
struct Markdown {
    out: String,
}

impl Markdown {
    fn block(&mut self, text: &str) {
        let text = text.trim();
        if text.is_empty() {
            return;
        }
        self.out.push_str(text);
        self.out.push_str("\n\n");
    }

    fn lines(&mut self, lines: &[String]) {
        if lines.is_empty() {
            return;
        }
        for line in lines {
            self.out.push_str(line);
            self.out.push('\n');
        }
        self.out.push('\n');
    }
}

/// A table cell for a pipe table: no pipe inside.
fn cell(element: ElementRef<'_>) -> String {
    inline_text(element).replace('|', "/")
}

fn table(element: ElementRef<'_>, md: &mut Markdown) {
    let rows: Vec<Vec<String>> = element
        .descendants()
        .filter_map(ElementRef::wrap)
        .filter(|e| e.value().name() == "tr")
        .map(|row| {
            row.children()
                .filter_map(ElementRef::wrap)
                .filter(|c| matches!(c.value().name(), "td" | "th"))
                .map(cell)
                .collect::<Vec<_>>()
        })
        .filter(|cells| !cells.is_empty())
        .collect();
    let Some(width) = rows.first().map(Vec::len) else {
        return;
    };
    let mut lines = Vec::with_capacity(rows.len() + 1);
    for (index, cells) in rows.iter().enumerate() {
        lines.push(format!("| {} |", cells.join(" | ")));
        if index == 0 {
            lines.push(format!("|{}", "---|".repeat(width)));
        }
    }
    md.lines(&lines);
}

fn list(element: ElementRef<'_>, ordered: bool, md: &mut Markdown) {
    let items: Vec<String> = element
        .children()
        .filter_map(ElementRef::wrap)
        .filter(|item| item.value().name() == "li" && !is_furniture(item))
        .enumerate()
        .map(|(index, item)| {
            let text = inline_text(item);
            if ordered {
                format!("{}. {text}", index + 1)
            } else {
                format!("- {text}")
            }
        })
        .collect();
    md.lines(&items);
}

/// Writes the blocks of `element`'s children.
fn blocks(element: ElementRef<'_>, md: &mut Markdown) {
    let mut loose = String::new();
    for child in element.children() {
        match child.value() {
            Node::Text(t) => loose.push_str(t),
            Node::Element(_) => {
                let Some(child) = ElementRef::wrap(child) else {
                    continue;
                };
                if is_furniture(&child) {
                    continue;
                }
                let name = child.value().name();
                if matches!(
                    name,
                    "a" | "span" | "em" | "i" | "strong" | "b" | "code" | "br"
                ) {
                    // Inline content outside a paragraph.
                    loose.push(' ');
                    loose.push_str(&inline_text(child));
                    continue;
                }
                md.block(&std::mem::take(&mut loose));
                block(child, md);
            }
            _ => {}
        }
    }
    md.block(&loose);
}

fn block(element: ElementRef<'_>, md: &mut Markdown) {
    let name = element.value().name();
    match name {
        "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => {
            let level = name[1..].parse::<usize>().unwrap_or(3).min(3);
            md.block(&format!("{} {}", "#".repeat(level), inline_text(element)));
        }
        "p" => {
            let text = inline_text(element);
            if all_bold(element) {
                md.block(&format!("**{text}**"));
            } else {
                md.block(&text);
            }
        }
        "ul" => list(element, false, md),
        "ol" => list(element, true, md),
        "table" => table(element, md),
        "blockquote" => md.block(&format!("> {}", inline_text(element))),
        "pre" => md.block(&element.text().collect::<String>()),
        "details" => {
            // The summary is the question; the rest its answer.
            for child in element.children().filter_map(ElementRef::wrap) {
                if child.value().name() == "summary" {
                    md.block(&format!("### {}", inline_text(child)));
                } else if !is_furniture(&child) {
                    block(child, md);
                }
            }
        }
        "dl" => {
            for child in element.children().filter_map(ElementRef::wrap) {
                match child.value().name() {
                    "dt" => md.block(&format!("### {}", inline_text(child))),
                    "dd" => md.block(&inline_text(child)),
                    _ => {}
                }
            }
        }
        "hr" | "img" | "br" => {}
        _ => blocks(element, md),
    }
}

/// The page as the Markdown the generator reads.
pub fn to_markdown(page: &str) -> String {
    let document = Html::parse_document(page);
    let root = content_root(&document);
    let mut md = Markdown::default();
    // The title may sit outside the article (in the page's header): lead with the first `<h1>`,
    // or the page's `<title>`, when the article has none.
    let has_h1 = root
        .descendants()
        .filter_map(ElementRef::wrap)
        .any(|e| e.value().name() == "h1");
    if !has_h1 {
        let all: Vec<ElementRef<'_>> = document
            .root_element()
            .descendants()
            .filter_map(ElementRef::wrap)
            .collect();
        let title = all
            .iter()
            .find(|e| e.value().name() == "h1")
            .or_else(|| all.iter().find(|e| e.value().name() == "title"))
            .map(|e| inline_text(*e));
        if let Some(title) = title {
            md.block(&format!("# {title}"));
        }
    }
    block(root, &mut md);
    md.out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_page_furniture_is_left_out_and_the_content_kept_as_markdown() {
        let page = r#"<!DOCTYPE html><html><head><title>T</title><style>p{}</style>
<script>var x = "<p>not text</p>";</script></head><body>
<nav><a href="/">Home</a></nav><div class="cookie-banner"><p>We use cookies.</p></div>
<main><h1>Difference Between Tea and Coffee</h1><p>Both are <em>drinks</em>.</p>
<h2>Key Differences</h2><table><thead><tr><th>Feature</th><th>Tea</th><th>Coffee</th></tr></thead>
<tbody><tr><td>Origin</td><td>China</td><td>Ethiopia | Yemen</td></tr></tbody></table>
<ul><li>One</li><li>Two</li></ul><blockquote>Tea is liquid wisdom.</blockquote>
<h2>FAQ</h2><details><summary>Is tea healthy?</summary><p>Mostly.</p></details>
<p><strong>Why coffee?</strong></p><p>Energy.</p></main>
<aside class="sidebar"><p>Buy our course</p></aside><footer>(c) 2026</footer></body></html>"#;
        let md = to_markdown(page);
        assert_eq!(
            md,
            "# Difference Between Tea and Coffee\n\nBoth are drinks.\n\n## Key Differences\n\n\
             | Feature | Tea | Coffee |\n|---|---|---|\n| Origin | China | Ethiopia / Yemen |\n\n\
             - One\n- Two\n\n> Tea is liquid wisdom.\n\n## FAQ\n\n### Is tea healthy?\n\n\
             Mostly.\n\n**Why coffee?**\n\nEnergy.\n\n"
        );
        assert!(looks_like_html(page));
        assert!(!looks_like_html(
            "Difference Between A and B\n\n<p> in text"
        ));
    }
}
