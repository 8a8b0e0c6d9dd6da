//! The docs' own release history (更新历史) into [`Release`]s, and the check that the rest of
//! the spec agrees with it.
//!
//! The chapter is a list of releases, newest first:
//!
//! ```text
//! 第 65 次发布                      <- release heading (number)
//! 发布时间：2025-01-20 01:19:11     <- date
//! 本次发布包含了以下内容：          <- intro (a line ending in a colon before any section)
//! 改善已有的文档。                  <- note
//! 修改接口：                        <- section: verb + object (接口 = action, 数据结构 = type)
//! CreateInstances                   <- target of the section
//! 新增入参：DomainName, Subdomain   <- members of the target: verb + 入参 / 出参 / 成员 + names
//! ```
//!
//! Verbs: 新增 (added), 修改 (modified), 删除 / 下线 (deleted), 预下线 (deprecated). A change's
//! `kind` is `<object>_<verb>` (`action_added`, `type_modified`, `input_added`,
//! `member_deleted`, ...).
//!
//! A release heading or name that the front-end glued to the end of the line before it is
//! split off again.
//! The chapter starts at the first release heading and ends at the first text that fits none of
//! the lines above (the next chapter's prose). Headings, URL lines and "最近更新时间" lines are
//! page furniture here and skipped, wherever the front-end put them. A release heading whose
//! number the page break ate (`第 次发布`) directly followed by a numbered one is a duplicate
//! and skipped; otherwise its number is inferred from the previous release, with a warning.

use crate::blocks::{Block, BlockKind};
use crate::diagnostics::Diagnostic;
use crate::spec::{HistoryChange, MemberChange, Release, SourceRef, Spec};

/// A line of the chapter with its 1-based source line.
#[derive(Debug, Clone, Copy)]
struct Line<'a> {
    text: &'a str,
    line: usize,
}

/// The verbs a section or member line may start with, longest first, and their kind suffix.
const VERBS: [(&str, &str); 5] = [
    ("预下线", "deprecated"),
    ("新增", "added"),
    ("修改", "modified"),
    ("删除", "deleted"),
    ("下线", "deleted"),
];

/// Section objects: what a section's targets are.
const SECTION_OBJECTS: [(&str, &str); 2] = [("接口", "action"), ("数据结构", "type")];

/// Member objects: what a member line's names are.
const MEMBER_OBJECTS: [(&str, &str); 3] =
    [("入参", "input"), ("出参", "output"), ("成员", "member")];

/// A recognised line of the chapter.
#[derive(Debug, PartialEq, Eq)]
enum Parsed<'a> {
    /// `第 N 次发布`; `None` when the number is missing.
    Release(Option<u32>),
    /// `发布时间：...`.
    Date(&'a str),
    /// Verb + section object + colon, with whatever follows the colon.
    Section(String, &'a str),
    /// Verb + member object + colon + names.
    Members(String, &'a str),
    /// Verb + unknown object + colon: a change kind this parser does not know.
    UnknownChange(&'a str),
    /// A bare identifier (an action or type name).
    Name(&'a str),
    /// Any other line ending in a colon.
    Intro,
    /// Anything else.
    Text,
}

/// Reads the release history chapter out of `blocks` (the whole document or just the chapter).
/// Warnings about lines the parser does not understand name `path` and the line.
pub fn extract_history(blocks: &[Block], path: &str, diags: &mut Vec<Diagnostic>) -> Vec<Release> {
    let Some(first) = blocks.iter().position(may_hold_release_heading) else {
        return Vec::new();
    };
    let mut lines = ChapterLines::new(&blocks[first..]);
    let mut index = 0;
    loop {
        match lines.get(index) {
            None => return Vec::new(),
            Some(line) if is_release_heading(line.text) => break,
            Some(_) => index += 1,
        }
    }
    let mut parser = HistoryParser {
        path,
        diags,
        releases: Vec::new(),
        section: None,
    };
    while let Some(line) = lines.get(index) {
        if !parser.line(line, lines.after(index)) {
            break;
        }
        index += 1;
    }
    for release in parser.releases.iter().filter(|r| r.date.is_empty()) {
        let message = format!(
            "release history: release {} has no 发布时间 date",
            release.number
        );
        parser
            .diags
            .push(Diagnostic::warning(path, release.source.line, message));
    }
    parser.releases
}

/// A block the chapter's lines come from that can hold a release heading: the lines of the
/// blocks before the first such block are never read.
fn may_hold_release_heading(block: &Block) -> bool {
    is_chapter_block(block) && (block.text.contains("次发布") || block.text.contains(" Release"))
}

/// The blocks the chapter's lines come from: paragraphs, and the release headings a markup
/// front-end made headings (`## The 9th Release`).
fn is_chapter_block(block: &Block) -> bool {
    match block.kind {
        BlockKind::Paragraph => true,
        BlockKind::Heading { .. } => is_release_heading(&block.text),
        _ => false,
    }
}

/// The non-empty lines of the chapter blocks, in order, split only as far as
/// the parser reads them (the chapter is a small part of a whole doc).
struct ChapterLines<'a> {
    blocks: std::slice::Iter<'a, Block>,
    lines: Vec<Line<'a>>,
}

impl<'a> ChapterLines<'a> {
    fn new(blocks: &'a [Block]) -> Self {
        ChapterLines {
            blocks: blocks.iter(),
            lines: Vec::new(),
        }
    }

    /// Splits the next chapter block into lines; false when there is none.
    fn read_block(&mut self) -> bool {
        let Some(block) = self.blocks.by_ref().find(|b| is_chapter_block(b)) else {
            return false;
        };
        let lines = block.text.lines().flat_map(split_glued).map(|text| Line {
            text: without_bullet(text.trim()),
            line: block.line,
        });
        self.lines.extend(lines.filter(|l| !l.text.is_empty()));
        true
    }

    /// The line at `index`, reading blocks as needed.
    fn get(&mut self, index: usize) -> Option<Line<'a>> {
        while self.lines.len() <= index {
            if !self.read_block() {
                return None;
            }
        }
        self.lines.get(index).copied()
    }

    /// The lines after `index` that the parser may look at: at least the next
    /// `PUSHED_TITLE_LINES` and up to the next line that is not furniture, where there are such.
    fn after(&mut self, index: usize) -> &[Line<'a>] {
        loop {
            let rest = self.lines.get(index + 1..).unwrap_or_default();
            let enough =
                rest.len() >= PUSHED_TITLE_LINES && rest.iter().any(|l| !is_furniture(l.text));
            if enough || !self.read_block() {
                break;
            }
        }
        self.lines.get(index + 1..).unwrap_or_default()
    }
}

/// A list item's text without the bullet a rendering or a copy may keep (`• AttachDisks`,
/// `* AttachDisks`, `- AttachDisks`).
fn without_bullet(text: &str) -> &str {
    ["• ", "· ", "* ", "- "]
        .iter()
        .find_map(|b| text.strip_prefix(b))
        .map_or(text, str::trim_start)
}

/// Undoes the front-end joining a full-width line with the line after it: a release heading
/// glued to the end of a line (`..., Currency第 56 次发布`, source line 411) or a name glued to
/// the end of a member list (`..., DiscountPrice InstancePriceDetail`, line 846) become lines of
/// their own. Any other line is itself.
fn split_glued(text: &str) -> Vec<&str> {
    let line = text.trim();
    let heading = line
        .rfind('第')
        .filter(|&at| at > 0 && release_number(&line[at..]).is_some());
    if let Some(at) = heading {
        let mut lines = split_glued(&line[..at]);
        lines.push(&line[at..]);
        return lines;
    }
    if let Parsed::Members(_, names) = classify_line(line) {
        // `names` is a trimmed suffix of `line`, so its last item ends where `line` ends.
        let last = names
            .rsplit([',', '，', '、'])
            .next()
            .unwrap_or_default()
            .trim();
        if let Some(space) = last.find(char::is_whitespace) {
            let at = line.len() - last.len() + space;
            if let (Some(head), Some(tail)) = (line.get(..at), line.get(at..)) {
                return vec![head, tail];
            }
        }
    }
    vec![line]
}

/// URL lists and "last updated" lines the export scatters over the chapter.
fn is_furniture(text: &str) -> bool {
    text.starts_with("http://") || text.starts_with("https://") || is_last_updated(text)
}

/// The "last updated" line that follows a section title.
fn is_last_updated(text: &str) -> bool {
    text.starts_with("最近更新时间") || text.starts_with("最后更新时间")
}

/// How many lines after a pushed page title its "last updated" line may come (the PDF export
/// pushes a chapter title and its parents' titles, one per line, to the end of a page).
const PUSHED_TITLE_LINES: usize = 3;

/// True when `rest` starts with a few short title lines and then a "last updated" line: the
/// line before `rest` is then a page title the export pushed to the end of the page.
fn is_pushed_title(rest: &[Line<'_>]) -> bool {
    rest.iter()
        .take(PUSHED_TITLE_LINES)
        .take_while(|l| is_last_updated(l.text) || classify_line(l.text) == Parsed::Text)
        .any(|l| is_last_updated(l.text))
}

/// True when the next line that is not furniture is a numbered release heading.
fn next_is_numbered_release(rest: &[Line<'_>]) -> bool {
    rest.iter()
        .find(|l| !is_furniture(l.text))
        .is_some_and(|l| matches!(release_number(l.text), Some(Some(_))))
}

fn is_release_heading(text: &str) -> bool {
    matches!(classify_line(text), Parsed::Release(_))
}

/// `第 69 次发布` / `The 9th Release` -> `Some(Some(69))`; `第 次发布` -> `Some(None)`;
/// anything else `None`.
fn release_number(text: &str) -> Option<Option<u32>> {
    if let Some(inner) = text
        .strip_prefix("The ")
        .and_then(|t| t.strip_suffix(" Release"))
    {
        let digits = inner.trim_end_matches(char::is_alphabetic);
        let ordinal = &inner[digits.len()..];
        return (matches!(ordinal, "st" | "nd" | "rd" | "th") && !digits.is_empty())
            .then(|| digits.parse().ok().map(Some))
            .flatten();
    }
    let inner = text.strip_prefix('第')?.strip_suffix("次发布")?.trim();
    if inner.is_empty() {
        return Some(None);
    }
    inner.parse().ok().map(Some)
}

/// Splits `新增入参：A, B` into (`新增入参`, `A, B`) at the first full- or half-width colon.
fn split_colon(text: &str) -> Option<(&str, &str)> {
    let (index, colon) = text.char_indices().find(|(_, c)| *c == '：' || *c == ':')?;
    Some((
        text[..index].trim(),
        text[index + colon.len_utf8()..].trim(),
    ))
}

/// English verbs of a change label, in either position (`APIs added`, `New member`,
/// `Deleted output parameter`, `Input parameter deleted`).
const ENGLISH_VERBS: [(&str, &str); 5] = [
    ("new", "added"),
    ("added", "added"),
    ("modified", "modified"),
    ("deleted", "deleted"),
    ("deprecated", "deprecated"),
];

/// English objects, singular (a plural `s` is dropped first).
const ENGLISH_SECTION_OBJECTS: [(&str, &str); 2] = [("api", "action"), ("data structure", "type")];
const ENGLISH_MEMBER_OBJECTS: [(&str, &str); 3] = [
    ("input parameter", "input"),
    ("output parameter", "output"),
    ("member", "member"),
];

/// `APIs added` with the section objects -> `action_added`; `New members added` with the
/// member objects -> `member_added`.
fn english_change_kind(label: &str, objects: &[(&str, &str)]) -> Option<String> {
    let lower = label.to_ascii_lowercase();
    let mut verb = None;
    let mut words = Vec::new();
    for word in lower.split_whitespace() {
        match ENGLISH_VERBS.iter().find(|(v, _)| *v == word) {
            Some((_, suffix)) => verb = verb.or(Some(*suffix)),
            None => words.push(word.strip_suffix('s').unwrap_or(word)),
        }
    }
    let object = words.join(" ");
    let (_, name) = objects.iter().find(|(o, _)| *o == object)?;
    Some(format!("{name}_{}", verb?))
}

/// `新增成员` with `MEMBER_OBJECTS` -> `member_added`.
fn change_kind(label: &str, objects: &[(&str, &str)]) -> Option<String> {
    let (verb, suffix) = VERBS.iter().find(|(verb, _)| label.starts_with(verb))?;
    let object = label.get(verb.len()..)?.trim();
    let (_, name) = objects.iter().find(|(o, _)| *o == object)?;
    Some(format!("{name}_{suffix}"))
}

fn is_identifier(text: &str) -> bool {
    let mut chars = text.chars();
    chars
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '.')
}

fn classify_line(text: &str) -> Parsed<'_> {
    if let Some(number) = release_number(text) {
        return Parsed::Release(number);
    }
    if is_identifier(text) {
        return Parsed::Name(text);
    }
    let Some((label, rest)) = split_colon(text) else {
        return Parsed::Text;
    };
    // Bold markers Markdown left literal (`**APIs deleted: **`, `**Deleted input parameter:**X`).
    let label = label.trim_matches('*').trim();
    let rest = rest.trim_matches('*').trim();
    if label == "发布时间" || label == "Release time" {
        return Parsed::Date(rest);
    }
    let section = change_kind(label, &SECTION_OBJECTS)
        .or_else(|| english_change_kind(label, &ENGLISH_SECTION_OBJECTS));
    if let Some(kind) = section {
        return Parsed::Section(kind, rest);
    }
    let members = change_kind(label, &MEMBER_OBJECTS)
        .or_else(|| english_change_kind(label, &ENGLISH_MEMBER_OBJECTS));
    if let Some(kind) = members {
        return Parsed::Members(kind, rest);
    }
    if VERBS.iter().any(|(verb, _)| label.starts_with(verb)) {
        return Parsed::UnknownChange(label);
    }
    if rest.is_empty() {
        Parsed::Intro
    } else {
        Parsed::Text
    }
}

/// Splits a member list (`A, B`, `A，B`, `A、B`) into names.
fn split_names(list: &str) -> impl Iterator<Item = &str> {
    list.split([',', '，', '、'])
        .map(str::trim)
        .filter(|n| !n.is_empty())
}

struct HistoryParser<'a, 'd> {
    path: &'a str,
    diags: &'d mut Vec<Diagnostic>,
    releases: Vec<Release>,
    /// The kind of the current section (`action_added`, ...).
    section: Option<String>,
}

impl HistoryParser<'_, '_> {
    fn warn(&mut self, line: usize, message: String) {
        self.diags
            .push(Diagnostic::warning(self.path, line, message));
    }

    /// Handles one line; false when the chapter ended before it. `rest` are the lines after it.
    fn line(&mut self, line: Line<'_>, rest: &[Line<'_>]) -> bool {
        if is_furniture(line.text) {
            return true;
        }
        match classify_line(line.text) {
            Parsed::Release(number) => self.release(number, line, rest),
            Parsed::Date(date) => self.date(date, line),
            Parsed::Section(kind, names) => {
                self.section = Some(kind);
                for name in split_names(names) {
                    self.target(name, line);
                }
            }
            Parsed::Members(kind, names) => self.members(kind, names, line),
            Parsed::UnknownChange(label) => {
                self.section = None;
                self.warn(
                    line.line,
                    format!(
                        "release history: unknown kind of change `{label}`; its lines are skipped"
                    ),
                );
            }
            Parsed::Name(name) => self.target(name, line),
            Parsed::Intro if self.section.is_none() => {}
            Parsed::Intro | Parsed::Text => return self.text(line, rest),
        }
        true
    }

    fn release(&mut self, number: Option<u32>, line: Line<'_>, rest: &[Line<'_>]) {
        self.section = None;
        let number = match number {
            Some(n) => n,
            None if next_is_numbered_release(rest) => return,
            None => {
                let guess = self
                    .releases
                    .last()
                    .map_or(0, |r| r.number.saturating_sub(1));
                self.warn(line.line, format!("release history: release heading without a number; assumed {guess} from the previous release"));
                guess
            }
        };
        self.releases.push(Release {
            number,
            date: String::new(),
            notes: Vec::new(),
            changes: Vec::new(),
            source: SourceRef {
                path: self.path.to_string(),
                line: line.line,
            },
        });
    }

    fn date(&mut self, date: &str, line: Line<'_>) {
        match self.releases.last_mut() {
            Some(release) if release.date.is_empty() => release.date = date.to_string(),
            _ => self.warn(
                line.line,
                format!("release history: date `{date}` outside a release heading; skipped"),
            ),
        }
    }

    fn target(&mut self, name: &str, line: Line<'_>) {
        let Some(kind) = self.section.clone() else {
            self.warn(
                line.line,
                format!("release history: name `{name}` outside a 新增/修改/删除 section; skipped"),
            );
            return;
        };
        if let Some(release) = self.releases.last_mut() {
            release.changes.push(HistoryChange {
                kind,
                target: name.to_string(),
                members: Vec::new(),
                line: line.line,
            });
        }
    }

    fn members(&mut self, kind: String, names: &str, line: Line<'_>) {
        let mut valid = Vec::new();
        for name in split_names(names) {
            if is_identifier(name) {
                valid.push(name.to_string());
            } else {
                self.warn(
                    line.line,
                    format!("release history: `{name}` is not a parameter name; skipped"),
                );
            }
        }
        let change = self.releases.last_mut().and_then(|r| r.changes.last_mut());
        match change {
            Some(change) if self.section.is_some() => change.members.push(MemberChange {
                kind,
                names: valid,
                line: line.line,
            }),
            _ => self.warn(
                line.line,
                format!(
                    "release history: `{}` names no action or data structure before it; skipped",
                    line.text
                ),
            ),
        }
    }

    /// Free text: a pushed page title when a "last updated" line follows shortly, a note before
    /// the release's first section, else the end of the chapter.
    fn text(&mut self, line: Line<'_>, rest: &[Line<'_>]) -> bool {
        if is_pushed_title(rest) {
            return true;
        }
        let in_preamble =
            self.section.is_none() && self.releases.last().is_some_and(|r| r.changes.is_empty());
        if in_preamble {
            if let Some(release) = self.releases.last_mut() {
                release.notes.push(line.text.to_string());
            }
            return true;
        }
        false
    }
}

/// What a history entry is about, as a key to match additions with later deletions.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Subject<'a> {
    /// An action or data structure (`object` is `action` or `type`).
    Item { object: &'a str, name: &'a str },
    /// A parameter or member of one (`object` is `input`, `output` or `member`).
    Member {
        object: &'a str,
        owner: &'a str,
        name: &'a str,
    },
}

/// One claim of the history: `subject` was `verb`ed in release `release` at `line`.
#[derive(Debug, Clone, Copy)]
struct Claim<'a> {
    release: &'a Release,
    line: usize,
    verb: &'a str,
    subject: Subject<'a>,
}

/// Every claim the history makes, in document order.
fn claims(history: &[Release]) -> Vec<Claim<'_>> {
    let mut out = Vec::new();
    for release in history {
        for change in &release.changes {
            let Some((object, verb)) = change.kind.split_once('_') else {
                continue;
            };
            let subject = Subject::Item {
                object,
                name: &change.target,
            };
            out.push(Claim {
                release,
                line: change.line,
                verb,
                subject,
            });
            for members in &change.members {
                let Some((object, verb)) = members.kind.split_once('_') else {
                    continue;
                };
                for name in &members.names {
                    let subject = Subject::Member {
                        object,
                        owner: &change.target,
                        name,
                    };
                    out.push(Claim {
                        release,
                        line: members.line,
                        verb,
                        subject,
                    });
                }
            }
        }
    }
    out
}

/// True when `subject` exists in `spec`. A `.N` suffix of a member name is ignored.
fn exists(spec: &Spec, subject: Subject<'_>) -> bool {
    match subject {
        Subject::Item {
            object: "action",
            name,
        } => spec.action(name).is_some(),
        Subject::Item { name, .. } => spec.type_def(name).is_some(),
        Subject::Member {
            object,
            owner,
            name,
        } => {
            let name = name.strip_suffix(".N").unwrap_or(name);
            let fields = match object {
                "input" => spec.action(owner).map(|a| &a.input),
                "output" => spec.action(owner).map(|a| &a.output),
                _ => spec.type_def(owner).map(|t| &t.fields),
            };
            fields.is_some_and(|fields| fields.iter().any(|f| f.name == name))
        }
    }
}

/// The action or data structure a subject belongs to.
fn owner_of(subject: Subject<'_>) -> Subject<'_> {
    match subject {
        Subject::Member { object, owner, .. } => Subject::Item {
            object: if object == "member" { "type" } else { "action" },
            name: owner,
        },
        item => item,
    }
}

/// The newest release number that says each subject was `verb`ed, by `(verb, subject)`.
type Newest<'a> = std::collections::HashMap<(&'a str, Subject<'a>), u32>;

fn newest_claims<'a>(all: &[Claim<'a>]) -> Newest<'a> {
    let mut newest = Newest::with_capacity(all.len());
    for c in all {
        let number = newest.entry((c.verb, c.subject)).or_insert(0);
        *number = (*number).max(c.release.number);
    }
    newest
}

/// True when a release newer than `claim`'s says `subject` was `verb`ed.
fn later(newest: &Newest<'_>, claim: &Claim<'_>, subject: Subject<'_>, verb: &str) -> bool {
    newest
        .get(&(verb, subject))
        .is_some_and(|n| *n > claim.release.number)
}

/// Words for a subject in a warning: `input parameter DomainName of action CreateInstances`.
fn describe(subject: Subject<'_>) -> String {
    match subject {
        Subject::Item { object, name } => {
            let what = if object == "action" {
                "action"
            } else {
                "data structure"
            };
            format!("{what} {name}")
        }
        Subject::Member {
            object,
            owner,
            name,
        } => match object {
            "input" => format!("input parameter {name} of action {owner}"),
            "output" => format!("output parameter {name} of action {owner}"),
            _ => format!("member {name} of data structure {owner}"),
        },
    }
}

/// Checks the spec against its release history: every action, data structure, input or output
/// parameter and member that a release says was added or modified must exist, unless a later
/// release deleted it (or its action or data structure); everything a release says was deleted
/// must be gone, unless a later release added it again. Each mismatch is a warning at `path`
/// (the source the history was read from) and the history line, naming the release.
pub fn check_history(spec: &Spec, path: &str, diags: &mut Vec<Diagnostic>) {
    let all = claims(&spec.history);
    let newest = newest_claims(&all);
    for claim in &all {
        let message = match claim.verb {
            "added" | "modified" => {
                let gone = later(&newest, claim, claim.subject, "deleted")
                    || later(&newest, claim, owner_of(claim.subject), "deleted");
                (!gone && !exists(spec, claim.subject)).then_some("but the spec has no such thing")
            }
            "deleted" => {
                let back = later(&newest, claim, claim.subject, "added");
                (!back && exists(spec, claim.subject)).then_some("but the spec still has it")
            }
            _ => None,
        };
        if let Some(message) = message {
            let release = claim.release;
            diags.push(Diagnostic::warning(
                path,
                claim.line,
                format!(
                    "release history: release {} ({}) says {} was {}, {message}",
                    release.number,
                    release.date,
                    describe(claim.subject),
                    claim.verb
                ),
            ));
        }
    }
}

#[cfg(test)]
mod english_tests {
    use super::*;

    // spec/sources/qcloud-documents/api/API 3.0/计算/云服务器/更新历史_intl.md:1-21 and 85-97.
    #[test]
    fn english_release_history_from_markdown() {
        let src = "## The 9th Release\n\nRelease time: 7/12/2018 6:44:10 PM\n\nThe following changes are contained in this release:\n\nThe existing documents were improved.\n\nAPI modified:\n\n* [InquiryPriceRenewInstances](/document/api/213/#)\n\t* New input parameter: RenewPortableDataDisk\n\nData structure modified:\n\n* [OsVersion](/document/api/213/##OsVersion)\n\t* New member: Architecture\n\n## The 5th Release\n\nRelease time: 6/7/2018 3:01:42 PM\n\n**APIs deleted: **\n\n* DescribeInstanceOperationLogs\n\n* [DescribeDisks](/document/api/362/16315)\n\t* **Input parameter deleted:** DiskType\n";
        let mut diags = Vec::new();
        let blocks = crate::parse::markdown::blocks(src, "h.md", &mut diags);
        let releases = extract_history(&blocks, "h.md", &mut diags);
        assert!(diags.is_empty(), "{diags:?}");
        assert_eq!(releases.len(), 2);
        assert_eq!(releases[0].number, 9);
        assert_eq!(releases[0].date, "7/12/2018 6:44:10 PM");
        assert_eq!(releases[0].notes, ["The existing documents were improved."]);
        let kinds: Vec<(&str, &str)> = releases[0]
            .changes
            .iter()
            .map(|c| (c.kind.as_str(), c.target.as_str()))
            .collect();
        assert_eq!(
            kinds,
            [
                ("action_modified", "InquiryPriceRenewInstances"),
                ("type_modified", "OsVersion")
            ]
        );
        assert_eq!(releases[0].changes[0].members[0].kind, "input_added");
        assert_eq!(releases[0].changes[1].members[0].names, ["Architecture"]);
        assert_eq!(releases[1].changes[0].kind, "action_deleted");
        assert_eq!(releases[1].changes[1].members[0].kind, "input_deleted");
        assert_eq!(releases[1].changes[1].members[0].names, ["DiskType"]);
    }
}
